//! The inventory snapshot reader (`stance scan --inventory FILE`): bytes → text → validated,
//! enriched model. Errors are expected; a panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::source::snapshot;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = snapshot::decode_input("fuzz.json", data.to_vec()) {
        let _ = snapshot::parse("fuzz.json", &text);
    }
});

//! The JSON result reader (`--baseline FILE`, `stance diff`, `stance merge`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::source::snapshot::decode_input;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = decode_input("fuzz.json", data.to_vec()) {
        let _ = stance::report::json::parse("fuzz.json", &text);
    }
});

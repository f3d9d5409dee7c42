//! The suppressions YAML parser (`--suppressions FILE`), globs and dates included.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::source::snapshot::decode_input;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = decode_input("fuzz.yaml", data.to_vec()) {
        let _ = stance::suppress::parse("fuzz.yaml", &text);
    }
});

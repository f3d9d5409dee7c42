//! The `stance.toml` config parser (`--config FILE`), including the error-position code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stance::source::snapshot::decode_input;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = decode_input("stance.toml", data.to_vec()) {
        let _ = stance::config::parse("stance.toml", &text);
    }
});

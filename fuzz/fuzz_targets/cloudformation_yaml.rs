//! CloudFormation templates in YAML (`stance scan --iac`), seeded with YAML templates: the
//! position-keeping YAML tree, intrinsic functions, conditions and every resource mapper.
//!
//! Goes through the same dispatch as the CLI (plan or template), then the finalisation every
//! IaC resource gets. The path is in a directory that does not exist, so no `.tf` file on this
//! machine is read.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stance::source::iac;
use stance::source::snapshot::decode_input;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("/nonexistent-stance-fuzz/input");
    if let Ok(text) = decode_input("input", data.to_vec()) {
        let result = iac::parse_file(path, "input", &text);
        for mut resource in result.resources {
            iac::finalize(&mut resource);
        }
    }
});

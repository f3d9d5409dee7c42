//! Replays the committed fuzz corpora (fuzz/corpus/<target>/) through the same entry points
//! as the fuzz targets, so every test run re-checks the inputs fuzzing found interesting (and
//! the crashes it found, once fixed) without needing cargo-fuzz. None may panic.
//!
//! `STANCE_FUZZ_CORPUS=DIR` replays `DIR/<target>/` instead: a campaign's whole minimised
//! corpus, against code changed since the instrumented build.

use std::path::{Path, PathBuf};

use stance::source::{iac, snapshot};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = std::env::var_os("STANCE_FUZZ_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus"));
    let dir = root.join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: corpus missing", dir.display());
    files
}

/// Runs `parse` on every input of `target`'s corpus, on a thread with the stack stance gives
/// its parsers (a test thread's 2 MiB is less than the deepest inputs need in a debug build);
/// returns how many parsed without error.
fn replay(target: &'static str, parse: impl Fn(&str) -> bool + Send + 'static) -> usize {
    stance::app::on_large_stack(move || replay_here(target, parse)).unwrap()
}

fn replay_here(target: &str, parse: impl Fn(&str) -> bool) -> usize {
    let mut ok = 0;
    for (path, bytes) in corpus(target) {
        let Ok(text) = snapshot::decode_input("input", bytes) else {
            continue;
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(&text)));
        match result {
            Ok(true) => ok += 1,
            Ok(false) => {}
            Err(_) => panic!("{} panicked", path.display()),
        }
    }
    ok
}

#[test]
fn snapshot_corpus() {
    let ok = replay("snapshot", |t| snapshot::parse("fuzz.json", t).is_ok());
    assert!(ok > 0, "no valid snapshot in the corpus");
}

#[test]
fn result_corpus() {
    let ok = replay("result", |t| {
        stance::report::json::parse("fuzz.json", t).is_ok()
    });
    assert!(ok > 0, "no valid result in the corpus");
}

#[test]
fn suppressions_corpus() {
    let ok = replay("suppressions", |t| {
        stance::suppress::parse("fuzz.yaml", t).is_ok()
    });
    assert!(ok > 0);
}

#[test]
fn config_corpus() {
    let ok = replay("config", |t| {
        stance::config::parse("stance.toml", t).is_ok()
    });
    assert!(ok > 0);
}

fn iac_file(text: &str) -> bool {
    let result = iac::parse_file(Path::new("/nonexistent-stance-fuzz/input"), "input", text);
    let mapped = !result.resources.is_empty();
    for mut resource in result.resources {
        iac::finalize(&mut resource);
    }
    mapped
}

#[test]
fn cloudformation_yaml_corpus() {
    assert!(replay("cloudformation_yaml", iac_file) > 0);
}

#[test]
fn cloudformation_json_corpus() {
    assert!(replay("cloudformation_json", iac_file) > 0);
}

#[test]
fn terraform_plan_corpus() {
    assert!(replay("terraform_plan", iac_file) > 0);
}

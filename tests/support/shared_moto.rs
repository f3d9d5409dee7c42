//! One seeded moto_server per test binary, shared by the tests that only read it: started and
//! seeded (tests/support/seed_scenario.py) by the first test that asks, then reused.
//!
//! A `static` is never dropped, so the server cannot be stopped from `Drop` like
//! [`super::moto::Moto`]. It runs under a small shell that holds a pipe from this process on
//! its standard input and stops the server when the pipe closes, that is when the test process
//! exits, however it exits (end of the run, panic, abort or kill).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use super::moto::{free_port, seed, wait_until_up};

/// The seeded scenario.
pub struct SharedMoto {
    /// Port on 127.0.0.1.
    pub port: u16,
    /// The launcher's request log (one JSON line per request, seeding included).
    pub request_log: PathBuf,
    /// The accounts and regions seeded.
    pub accounts: String,
    pub regions: String,
    /// The manifest the seed script wrote.
    pub manifest: serde_json::Value,
    /// Seconds the seeding took.
    pub seed_seconds: f64,
    // Held for the life of the process: closing it stops the server.
    _watch: Mutex<(Child, ChildStdin)>,
}

impl SharedMoto {
    /// The endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Bytes of the request log so far.
    pub fn log_offset(&self) -> u64 {
        super::moto::log_offset(&self.request_log)
    }

    /// The request log from `offset` on, written to `dest`.
    pub fn log_since(&self, offset: u64, dest: &Path) {
        super::moto::log_since(&self.request_log, offset, dest);
    }
}

static SHARED: OnceLock<SharedMoto> = OnceLock::new();

/// The shared moto, seeded with `accounts` (first compliant, others misconfigured) in
/// `regions`; every caller in a test binary must ask for the same scenario.
pub fn shared(accounts: &str, regions: &str) -> &'static SharedMoto {
    let moto = SHARED.get_or_init(|| start_and_seed(accounts, regions));
    assert_eq!(
        (moto.accounts.as_str(), moto.regions.as_str()),
        (accounts, regions),
        "one shared scenario per test binary"
    );
    moto
}

fn start_and_seed(accounts: &str, regions: &str) -> SharedMoto {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let request_log = dir.path().join("requests.jsonl");
    let port = free_port();
    // `cat` returns at end of input: when this process is gone and the pipe is closed. The
    // shell then stops the server and removes the directory (a static's TempDir never drops).
    let dir = dir.keep();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(concat!(
            r#"d=$1; shift; python3 "$@" >/dev/null 2>&1 & m=$!; "#,
            r#"cat >/dev/null; kill "$m"; wait "$m"; rm -rf "$d""#
        ))
        .arg("sh")
        .arg(&dir)
        .arg(root.join("tests/support/moto_server.py"))
        .arg("--port")
        .arg(port.to_string())
        .arg("--request-log")
        .arg(&request_log)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sh, python3 and moto[server]==5.2.1 are installed (see .ci/requirements.txt)");
    let stdin = child.stdin.take().expect("piped stdin");
    wait_until_up(port);
    let manifest = dir.join("manifest.json");
    let started = Instant::now();
    seed(
        &format!("http://127.0.0.1:{port}"),
        accounts,
        regions,
        &manifest,
    );
    let seed_seconds = started.elapsed().as_secs_f64();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).expect("manifest written"))
            .expect("manifest is JSON");
    SharedMoto {
        port,
        request_log,
        accounts: accounts.to_string(),
        regions: regions.to_string(),
        manifest,
        seed_seconds,
        _watch: Mutex::new((child, stdin)),
    }
}

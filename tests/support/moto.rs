//! A moto_server for the tests: started on a free port on 127.0.0.1 through our launcher
//! (tests/support/moto_server.py), stopped when dropped.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running moto_server.
pub struct Moto {
    child: Child,
    /// Port on 127.0.0.1.
    pub port: u16,
    /// The launcher's request log (one JSON line per request).
    pub request_log: PathBuf,
    _dir: tempfile::TempDir,
}

/// A port nothing listens on yet.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The status code of `GET path` on 127.0.0.1:`port`, if it answers.
fn http_get(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut head = [0u8; 32];
    let n = stream.read(&mut head).ok()?;
    let text = String::from_utf8_lossy(&head[..n]);
    text.split_whitespace().nth(1)?.parse().ok()
}

impl Moto {
    /// Starts moto and waits until it answers.
    pub fn start() -> Moto {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("temp dir");
        let request_log = dir.path().join("requests.jsonl");
        let port = free_port();
        let child = Command::new("python3")
            .arg(root.join("tests/support/moto_server.py"))
            .arg("--port")
            .arg(port.to_string())
            .arg("--request-log")
            .arg(&request_log)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 and moto[server]==5.2.1 are installed (see .ci/requirements.txt)");
        let moto = Moto {
            child,
            port,
            request_log,
            _dir: dir,
        };
        wait_until_up(port);
        moto
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Seeds the multi-account scenario, writing its manifest to `manifest`.
    pub fn seed(&self, accounts: &str, regions: &str, manifest: &Path) {
        seed(&self.endpoint(), accounts, regions, manifest);
    }

    /// Bytes of the request log so far (to separate seeding from scanning).
    pub fn log_offset(&self) -> u64 {
        log_offset(&self.request_log)
    }

    /// The request log from `offset` on, written to `dest`.
    pub fn log_since(&self, offset: u64, dest: &Path) {
        log_since(&self.request_log, offset, dest);
    }
}

/// Waits (up to a minute) until the moto_server on `port` answers.
pub fn wait_until_up(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while http_get(port, "/moto-api/data.json") != Some(200) {
        assert!(
            Instant::now() < deadline,
            "moto_server did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Runs `script` of tests/support (boto3 against moto, or a log reader) with dummy credentials,
/// which moto accepts whatever they are, and returns its standard output. A script that fails
/// fails the test, with its output.
pub fn support_script<A: AsRef<OsStr>>(script: &str, args: impl IntoIterator<Item = A>) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3")
        .env("AWS_ACCESS_KEY_ID", "seed")
        .env("AWS_SECRET_ACCESS_KEY", "seed")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .arg(root.join("tests/support").join(script))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{script} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Seeds the multi-account scenario (tests/support/seed_scenario.py: the first account
/// compliant, the others misconfigured) through `endpoint`, writing its manifest to `manifest`.
pub fn seed(endpoint: &str, accounts: &str, regions: &str, manifest: &Path) {
    let flags = [
        "--endpoint",
        endpoint,
        "--role-name",
        "StanceAudit",
        "--accounts",
        accounts,
        "--regions",
        regions,
        "--manifest",
    ];
    let mut args: Vec<&OsStr> = flags.into_iter().map(OsStr::new).collect();
    args.push(manifest.as_os_str());
    support_script("seed_scenario.py", args);
}

/// Bytes of a launcher's request log so far.
pub fn log_offset(request_log: &Path) -> u64 {
    std::fs::metadata(request_log).map(|m| m.len()).unwrap_or(0)
}

/// A launcher's request log from `offset` on, written to `dest`.
pub fn log_since(request_log: &Path, offset: u64, dest: &Path) {
    let all = std::fs::read(request_log).unwrap_or_default();
    let start = (offset as usize).min(all.len());
    std::fs::write(dest, &all[start..]).expect("write log slice");
}

/// What a moto request log holds, as tests/support/recording.py classifies it.
pub struct RecordedRequests {
    /// Requests in the log.
    pub total: u64,
    /// `service:Action` → requests.
    pub counts: std::collections::BTreeMap<String, u64>,
    /// The requests that are not read-only, as `service:Action METHOD path`.
    pub mutating: Vec<String>,
}

/// Classifies the requests of a moto request log (tests/support/recording.py).
pub fn recorded_requests(log: &Path) -> RecordedRequests {
    let out = support_script("recording.py", [log.as_os_str(), "--json".as_ref()]);
    let summary: serde_json::Value =
        serde_json::from_slice(&out).expect("recording.py prints JSON");
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    RecordedRequests {
        total: summary["total"].as_u64().unwrap_or_default(),
        counts: summary["by_action"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                (
                    format!("{}:{}", text(&a["service"]), text(&a["action"])),
                    a["count"].as_u64().unwrap_or_default(),
                )
            })
            .collect(),
        mutating: summary["mutating"]
            .as_array()
            .into_iter()
            .flatten()
            .map(text)
            .collect(),
    }
}

/// Dummy credentials for moto, and no instance metadata lookups.
pub fn aws_env(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.env("AWS_ACCESS_KEY_ID", "stance-test")
        .env("AWS_SECRET_ACCESS_KEY", "stance-test-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
}

/// `stance scan` of the seeded `accounts` in `regions` through the moto at `endpoint`, with the
/// scenario's audit role; findings never fail the exit code. Callers add flags and outputs.
pub fn live_scan(endpoint: &str, accounts: &str, regions: &str) -> assert_cmd::Command {
    let mut cmd = super::common::stance();
    aws_env(&mut cmd).args([
        "scan",
        "-q",
        "--fail-on",
        "never",
        "--endpoint-url",
        endpoint,
        "--accounts",
        accounts,
        "--role-name",
        "StanceAudit",
        "--regions",
        regions,
    ]);
    cmd
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

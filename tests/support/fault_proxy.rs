//! A fault-injecting reverse proxy for the tests: stance talks to it as its endpoint, it
//! forwards to moto, and per request it may answer with throttling (HTTP 400 `Throttling` /
//! `ThrottlingException`, 429, S3 `SlowDown`), 500/503, AccessDenied (403), reset the
//! connection, or delay.
//! Standard library only: one thread per connection, one request per connection.
#![allow(dead_code)]

use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[path = "http.rs"]
mod http;
use http::{Request, read_request};

/// What to do with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Forward it.
    Pass,
    /// A throttling error in the request's protocol.
    Throttle,
    /// HTTP 429 with a throttling error body.
    TooManyRequests,
    /// HTTP 500 or 503.
    ServerError(u16),
    /// HTTP 403 with an `AccessDeniedException` (JSON) / `AccessDenied` (XML) body: not retried.
    AccessDenied,
    /// Close the connection without answering.
    Reset,
    /// Wait, then forward.
    Delay(Duration),
}

/// The request facts a fault plan decides on.
#[derive(Debug, Clone)]
pub struct RequestInfo {
    /// Signing service (`s3`, `ec2`, `kms`...).
    pub service: String,
    /// Signing region.
    pub region: String,
    /// Sequence number of the request.
    pub seq: u64,
}

type Plan = dyn Fn(&RequestInfo) -> Fault + Send + Sync;

/// A running proxy.
pub struct FaultProxy {
    /// Port on 127.0.0.1.
    pub port: u16,
    stop: Arc<AtomicBool>,
    /// Requests seen.
    pub requests: Arc<AtomicU64>,
    /// Faults injected.
    pub faults: Arc<AtomicU64>,
    /// Injected faults by service.
    pub log: Arc<Mutex<Vec<(RequestInfo, Fault)>>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream_port` following `plan`.
    pub fn start(upstream_port: u16, plan: Box<Plan>) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(AtomicU64::new(0));
        let faults = Arc::new(AtomicU64::new(0));
        let log = Arc::new(Mutex::new(Vec::new()));
        let plan: Arc<Plan> = Arc::from(plan);
        {
            let (stop, requests, faults, log) =
                (stop.clone(), requests.clone(), faults.clone(), log.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (plan, requests, faults, log) =
                        (plan.clone(), requests.clone(), faults.clone(), log.clone());
                    std::thread::spawn(move || {
                        let _ = handle(conn, upstream_port, &*plan, &requests, &faults, &log);
                    });
                }
            });
        }
        FaultProxy {
            port,
            stop,
            requests,
            faults,
            log,
        }
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn info(req: &Request, seq: u64) -> RequestInfo {
    let auth = req
        .head
        .iter()
        .find_map(|h| {
            h.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("authorization"))
                .map(|(_, v)| v.to_string())
        })
        .unwrap_or_default();
    // Credential=KEY/DATE/REGION/SERVICE/aws4_request
    let scope: Vec<&str> = auth
        .split("Credential=")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .collect();
    RequestInfo {
        region: scope.get(2).unwrap_or(&"").to_string(),
        service: scope.get(3).unwrap_or(&"").to_string(),
        seq,
    }
}

fn error_response(req: &Request, info: &RequestInfo, status: u16) -> Vec<u8> {
    // awsJson services carry X-Amz-Target; restJson services are known by name; both take a
    // JSON error body with x-amzn-ErrorType.
    let rest_json = [
        "lambda",
        "elasticfilesystem",
        "guardduty",
        "account",
        "access-analyzer",
        "securityhub",
    ];
    let json = req
        .head
        .iter()
        .any(|h| h.to_ascii_lowercase().starts_with("x-amz-target:"))
        || rest_json.contains(&info.service.as_str());
    let (content_type, body) = if status == 403 && json {
        (
            "application/x-amz-json-1.1",
            r#"{"__type":"AccessDeniedException","message":"User is not authorized to perform this action (injected)"}"#.to_string(),
        )
    } else if status == 403 {
        ("text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform this action (injected)</Message></Error><RequestId>x</RequestId></ErrorResponse>".to_string())
    } else if json {
        (
            "application/x-amz-json-1.1",
            r#"{"__type":"ThrottlingException","message":"Rate exceeded (injected)"}"#.to_string(),
        )
    } else if info.service == "s3" && !req.head[0].contains(" /v20180820/") {
        ("application/xml", "<Error><Code>SlowDown</Code><Message>Please reduce your request rate (injected)</Message></Error>".to_string())
    } else if info.service == "ec2" {
        ("text/xml", "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded (injected)</Message></Error></Errors><RequestID>x</RequestID></Response>".to_string())
    } else {
        ("text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded (injected)</Message></Error><RequestId>x</RequestId></ErrorResponse>".to_string())
    };
    let reason = match status {
        400 => "Bad Request",
        403 => "Forbidden",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    };
    let body = if status >= 500 { String::new() } else { body };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if json && status == 403 {
        out.push_str("x-amzn-ErrorType: AccessDeniedException\r\n");
    } else if json && status < 500 {
        out.push_str("x-amzn-ErrorType: ThrottlingException\r\n");
    }
    out.push_str("\r\n");
    out.push_str(&body);
    out.into_bytes()
}

fn forward(req: &Request, upstream: u16) -> std::io::Result<Vec<u8>> {
    let mut up = TcpStream::connect(("127.0.0.1", upstream))?;
    up.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut head = String::new();
    for (i, line) in req.head.iter().enumerate() {
        let lower = line.to_ascii_lowercase();
        if i > 0
            && (lower.starts_with("connection:")
                || lower.starts_with("transfer-encoding:")
                || lower.starts_with("content-length:"))
        {
            continue;
        }
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        req.body.len()
    ));
    up.write_all(head.as_bytes())?;
    up.write_all(&req.body)?;
    let mut response = Vec::new();
    up.read_to_end(&mut response)?;
    Ok(response)
}

fn handle(
    conn: TcpStream,
    upstream: u16,
    plan: &Plan,
    requests: &AtomicU64,
    faults: &AtomicU64,
    log: &Mutex<Vec<(RequestInfo, Fault)>>,
) -> std::io::Result<()> {
    let mut writer = conn.try_clone()?;
    let mut reader = BufReader::new(conn);
    let Some(req) = read_request(&mut reader)? else {
        return Ok(());
    };
    let seq = requests.fetch_add(1, Ordering::Relaxed);
    let info = info(&req, seq);
    let fault = plan(&info);
    if fault != Fault::Pass {
        faults.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut l) = log.lock() {
            l.push((info.clone(), fault));
        }
    }
    match fault {
        Fault::Pass => {
            let response = forward(&req, upstream)?;
            writer.write_all(&response)?;
        }
        Fault::Delay(d) => {
            std::thread::sleep(d);
            let response = forward(&req, upstream)?;
            let _ = writer.write_all(&response);
        }
        Fault::Throttle => writer.write_all(&error_response(&req, &info, 400))?,
        Fault::TooManyRequests => writer.write_all(&error_response(&req, &info, 429))?,
        Fault::ServerError(code) => writer.write_all(&error_response(&req, &info, code))?,
        Fault::AccessDenied => writer.write_all(&error_response(&req, &info, 403))?,
        Fault::Reset => {}
    }
    let _ = writer.shutdown(Shutdown::Both);
    Ok(())
}

/// A deterministic pseudo-random fault plan: `percent` of requests get a transient fault,
/// rotating through throttling, 429, 500, 503 and resets.
pub fn transient(percent: u64) -> Box<Plan> {
    Box::new(move |info: &RequestInfo| {
        // SplitMix64 of the sequence number: deterministic, well spread.
        let mut z = info.seq.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        if z % 100 >= percent {
            return Fault::Pass;
        }
        match (z / 100) % 5 {
            0 => Fault::Throttle,
            1 => Fault::TooManyRequests,
            2 => Fault::ServerError(500),
            3 => Fault::ServerError(503),
            _ => Fault::Reset,
        }
    })
}

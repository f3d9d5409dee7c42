//! One HTTP/1.1 request read off a connection, for the test servers (the fault-injecting
//! proxy and the fake AWS Config API).

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;

/// A request: its head (request line, then header lines) and its body.
pub struct Request {
    pub head: Vec<String>,
    pub body: Vec<u8>,
}

impl Request {
    /// The value of header `name` (case-insensitive), if present.
    pub fn header(&self, name: &str) -> Option<String> {
        header(&self.head, name)
    }
}

fn header(head: &[String], name: &str) -> Option<String> {
    head.iter().skip(1).find_map(|h| {
        let (k, v) = h.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

/// Reads the next request; `None` when the client closed the connection first. Bodies come
/// with a `Content-Length` or chunked.
pub fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Request>> {
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            break;
        }
        head.push(line);
    }
    let mut body = Vec::new();
    if let Some(len) = header(&head, "content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(len, 0);
        reader.read_exact(&mut body)?;
    } else if header(&head, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    Ok(Some(Request { head, body }))
}

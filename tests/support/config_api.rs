//! A canned AWS Config endpoint for the aggregator tests, speaking awsJson 1.1 (POST with
//! `X-Amz-Target: StarlingDoveService.<Operation>`) to the real AWS SDK inside stance.
//!
//! moto 5.2.1 implements ListAggregateDiscoveredResources and BatchGetAggregateResourceConfig
//! for five resource types of the caller's own account only, and neither
//! SelectAggregateResourceConfig nor DescribeConfigurationAggregatorSourcesStatus: an
//! organization aggregator with several accounts cannot be emulated there, so this server answers
//! from the fixtures in `tests/fixtures/config-aggregator/`, paginating and batching the way AWS
//! does. Standard library only: one thread per connection, one request per connection.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

#[path = "http.rs"]
mod http;
use http::read_request;

/// How the endpoint behaves.
#[derive(Clone)]
pub struct Behaviour {
    /// The aggregator that exists; any other name gets NoSuchConfigurationAggregatorException.
    pub aggregator: String,
    /// DescribeConfigurationAggregators response.
    pub describe: Value,
    /// DescribeConfigurationAggregatorSourcesStatus response.
    pub sources_status: Value,
    /// SelectAggregateResourceConfig response; `None` answers with an error, as an endpoint
    /// without advanced queries does.
    pub census: Option<Value>,
    /// Configuration items (snapshot shape).
    pub items: Vec<Value>,
    /// Identifiers per ListAggregateDiscoveredResources page (AWS may return fewer than the
    /// requested limit; a small page forces pagination).
    pub page_size: usize,
    /// AWS Config types whose listing is denied.
    pub denied_types: Vec<String>,
    /// Leave the last identifier of the first BatchGetAggregateResourceConfig call unprocessed.
    pub unprocessed_once: bool,
}

impl Behaviour {
    /// The fixtures as they are.
    pub fn from_fixtures(dir: &Path) -> Behaviour {
        let read = |name: &str| -> Value {
            let text = std::fs::read_to_string(dir.join(name))
                .unwrap_or_else(|e| panic!("read {name}: {e}"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {name}: {e}"))
        };
        let items = match read("items.json") {
            Value::Array(items) => items,
            other => panic!("items.json is not an array: {other}"),
        };
        Behaviour {
            aggregator: "org-aggregator".into(),
            describe: read("aggregator.json"),
            sources_status: read("sources-status.json"),
            census: Some(read("census.json")),
            items,
            page_size: 2,
            denied_types: Vec::new(),
            unprocessed_once: false,
        }
    }
}

/// One request the endpoint answered.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The operation (`ListAggregateDiscoveredResources`).
    pub operation: String,
    /// The JSON request body.
    pub body: Value,
}

/// A running endpoint.
pub struct ConfigApi {
    /// Port on 127.0.0.1.
    pub port: u16,
    stop: Arc<AtomicBool>,
    /// Every request, in arrival order.
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl ConfigApi {
    /// Starts the endpoint.
    pub fn start(behaviour: Behaviour) -> ConfigApi {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let state = Arc::new(State {
            behaviour,
            batch_calls: Mutex::new(0),
        });
        {
            let (stop, seen) = (stop.clone(), seen.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let (seen, state) = (seen.clone(), state.clone());
                    std::thread::spawn(move || {
                        let _ = serve(conn, &state, &seen);
                    });
                }
            });
        }
        ConfigApi { port, stop, seen }
    }

    /// The endpoint URL.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests of one operation.
    pub fn requests(&self, operation: &str) -> Vec<Value> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.operation == operation)
            .map(|s| s.body.clone())
            .collect()
    }

    /// Every operation name seen.
    pub fn operations(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|s| s.operation.clone())
            .collect()
    }
}

impl Drop for ConfigApi {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

struct State {
    behaviour: Behaviour,
    batch_calls: Mutex<u32>,
}

fn serve(conn: TcpStream, state: &State, seen: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let Some(req) = read_request(&mut reader)? else {
        return Ok(());
    };
    let operation = req
        .header("x-amz-target")
        .and_then(|t| t.rsplit('.').next().map(str::to_string))
        .unwrap_or_default();
    let request: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    seen.lock().unwrap().push(Seen {
        operation: operation.clone(),
        body: request.clone(),
    });
    let (status, response) = answer(state, &operation, &request);
    let text = response.to_string();
    let mut conn = conn;
    write!(
        conn,
        "HTTP/1.1 {status} {}\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        if status == 200 { "OK" } else { "Bad Request" },
        text.len()
    )?;
    conn.flush()
}

fn error(code: &str, message: &str) -> (u16, Value) {
    (400, json!({"__type": code, "message": message}))
}

fn answer(state: &State, operation: &str, request: &Value) -> (u16, Value) {
    let b = &state.behaviour;
    let no_such = || {
        error(
            "NoSuchConfigurationAggregatorException",
            "The configuration aggregator does not exist. Check the configuration aggregator name and try again.",
        )
    };
    if operation == "DescribeConfigurationAggregators" {
        let names = request["ConfigurationAggregatorNames"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        return if names.iter().all(|n| n == &json!(b.aggregator)) {
            (200, b.describe.clone())
        } else {
            no_such()
        };
    }
    if request["ConfigurationAggregatorName"] != json!(b.aggregator) {
        return no_such();
    }
    match operation {
        "DescribeConfigurationAggregatorSourcesStatus" => (200, b.sources_status.clone()),
        "SelectAggregateResourceConfig" => match &b.census {
            Some(c) => (200, c.clone()),
            None => error(
                "InvalidExpressionException",
                "The syntax of the query is incorrect.",
            ),
        },
        "ListAggregateDiscoveredResources" => list(b, request),
        "BatchGetAggregateResourceConfig" => batch_get(state, request),
        other => error(
            "UnknownOperationException",
            &format!("{other} is not canned"),
        ),
    }
}

fn list(b: &Behaviour, request: &Value) -> (u16, Value) {
    let resource_type = request["ResourceType"].as_str().unwrap_or_default();
    if b.denied_types.iter().any(|t| t == resource_type) {
        return error(
            "AccessDeniedException",
            &format!("User is not authorized to list {resource_type}"),
        );
    }
    let account = request["Filters"]["AccountId"].as_str();
    let region = request["Filters"]["Region"].as_str();
    let matching: Vec<&Value> = b
        .items
        .iter()
        .filter(|i| i["resourceType"] == resource_type)
        .filter(|i| account.is_none_or(|a| i["accountId"] == a))
        .filter(|i| region.is_none_or(|r| i["awsRegion"] == r))
        .collect();
    let start: usize = request["NextToken"]
        .as_str()
        .and_then(|t| t.strip_prefix("page-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(b.page_size)
        .map(|i| {
            json!({
                "SourceAccountId": i["accountId"],
                "SourceRegion": i["awsRegion"],
                "ResourceId": i["resourceId"],
                "ResourceType": i["resourceType"],
                "ResourceName": i["resourceName"],
            })
        })
        .collect();
    let mut out = json!({ "ResourceIdentifiers": page });
    if start + b.page_size < matching.len() {
        out["NextToken"] = json!(format!("page-{}", start + b.page_size));
    }
    (200, out)
}

fn epoch(text: &Value) -> Value {
    text.as_str()
        .and_then(|t| stance::model::time::Timestamp::parse(t).ok())
        .map(|t| json!(t.unix()))
        .unwrap_or(Value::Null)
}

/// A configuration item as the API returns it: JSON strings for `configuration` and for every
/// supplementary value, epoch seconds for times, no tags or relationships.
fn base_item(item: &Value) -> Value {
    let supplementary: BTreeMap<String, String> = item["supplementaryConfiguration"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.to_string())).collect())
        .unwrap_or_default();
    json!({
        "version": item["version"],
        "accountId": item["accountId"],
        "configurationItemCaptureTime": epoch(&item["configurationItemCaptureTime"]),
        "configurationItemStatus": item["configurationItemStatus"],
        "configurationStateId": item["configurationStateId"],
        "arn": item["arn"],
        "resourceType": item["resourceType"],
        "resourceId": item["resourceId"],
        "resourceName": item["resourceName"],
        "awsRegion": item["awsRegion"],
        "availabilityZone": item["availabilityZone"],
        "resourceCreationTime": epoch(&item["resourceCreationTime"]),
        "configuration": item["configuration"].to_string(),
        "supplementaryConfiguration": supplementary,
    })
}

fn batch_get(state: &State, request: &Value) -> (u16, Value) {
    let ids = request["ResourceIdentifiers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if ids.len() > 100 {
        return error(
            "ValidationException",
            "1 validation error detected: Value at 'resourceIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 100",
        );
    }
    let first = {
        let mut calls = state.batch_calls.lock().unwrap();
        *calls += 1;
        *calls == 1
    };
    let (ids, unprocessed) = if first && state.behaviour.unprocessed_once && ids.len() > 1 {
        let (done, left) = ids.split_at(ids.len() - 1);
        (done.to_vec(), left.to_vec())
    } else {
        (ids, Vec::new())
    };
    let items: Vec<Value> = ids
        .iter()
        .filter_map(|id| {
            state.behaviour.items.iter().find(|i| {
                i["accountId"] == id["SourceAccountId"]
                    && i["awsRegion"] == id["SourceRegion"]
                    && i["resourceType"] == id["ResourceType"]
                    && i["resourceId"] == id["ResourceId"]
            })
        })
        .map(base_item)
        .collect();
    (
        200,
        json!({
            "BaseConfigurationItems": items,
            "UnprocessedResourceIdentifiers": unprocessed,
        }),
    )
}

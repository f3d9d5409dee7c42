//! Analysis of IAM policy documents (identity policies and resource policies).
//!
//! Checks must stay declarative one-screen rules, but "does this policy make the bucket
//! public?" needs wildcard matching over actions, principals normalised from three shapes and a
//! list of conditions that narrow the audience. That logic lives here, once, and its answers
//! are exposed as `derived` fields on the resources.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Condition keys that restrict a statement with a wildcard principal to a known audience, so
/// the statement does not make the resource public.
const AUDIENCE_CONDITION_KEYS: &[&str] = &[
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalserviceName",
    "aws:userid",
    "aws:username",
    "aws:resourceorgid",
    "kms:calleraccount",
    "kms:viaservice",
    "s3:dataaccesspointaccount",
    "s3:dataaccesspointarn",
    "lambda:functionurlauthtype",
];

/// Actions whose grant to everyone means a bucket is publicly readable.
const S3_READ_ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:GetObjectAcl",
    "s3:GetBucketAcl",
];

/// Actions whose grant to everyone means a bucket is publicly writable.
const S3_WRITE_ACTIONS: &[&str] = &[
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:PutObjectAcl",
    "s3:PutBucketAcl",
    "s3:PutBucketPolicy",
    "s3:DeleteBucket",
    "s3:DeleteBucketPolicy",
];

/// Facts about an identity policy (attached to users, groups or roles).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IdentityPolicyFacts {
    /// An Allow statement grants Action `*` on Resource `*` (full administrator).
    pub allows_full_admin: bool,
    /// Service-wide wildcard actions (`s3:*`) granted by Allow statements, sorted.
    pub wildcard_service_actions: Vec<String>,
    /// An Allow statement grants `kms:Decrypt` or `kms:ReEncryptFrom` on every KMS key.
    pub allows_kms_decrypt_on_all_keys: bool,
    /// An Allow statement uses `NotAction` with Resource `*`: everything except a list.
    pub allows_not_action_on_all_resources: bool,
}

/// Facts about a resource policy (bucket, key, topic, queue, function policy).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ResourcePolicyFacts {
    /// A policy document is attached.
    pub present: bool,
    /// An Allow statement grants access to everyone (`*` principal) without a condition that
    /// narrows the audience to an account, organization, VPC or source.
    pub public: bool,
    /// Public Allow statements grant actions that read data (S3 Get/List).
    pub public_read: bool,
    /// Public Allow statements grant actions that change data or permissions (S3 Put/Delete).
    pub public_write: bool,
    /// Actions granted to everyone, as written in the policy, sorted.
    pub public_actions: Vec<String>,
    /// A Deny statement refuses requests without TLS (`aws:SecureTransport` = false) for all
    /// principals and all actions.
    pub denies_insecure_transport: bool,
    /// Account ids other than the owner that Allow statements name as principals, sorted.
    pub cross_account_principals: Vec<String>,
}

/// The statements of a policy document, however it was written (object or array).
pub fn statements(doc: &Value) -> Vec<&serde_json::Map<String, Value>> {
    match doc.get("Statement") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
        Some(Value::Object(one)) => vec![one],
        _ => Vec::new(),
    }
}

/// A string-or-list policy element as a list of strings.
pub fn string_list(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// IAM-style wildcard match (`*` any run, `?` one character), case-insensitive as IAM action
/// names are.
pub fn wildcard_match(pattern: &str, value: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let v: Vec<char> = value.to_ascii_lowercase().chars().collect();
    let (mut pi, mut vi) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while vi < v.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == v[vi]) {
            pi += 1;
            vi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = vi;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            vi = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn is_allow(stmt: &serde_json::Map<String, Value>) -> bool {
    stmt.get("Effect").and_then(Value::as_str) == Some("Allow")
}

fn is_deny(stmt: &serde_json::Map<String, Value>) -> bool {
    stmt.get("Effect").and_then(Value::as_str) == Some("Deny")
}

fn all_resources(stmt: &serde_json::Map<String, Value>) -> bool {
    string_list(stmt.get("Resource")).contains(&"*")
}

/// Whether the statement's `Action` grants `action` (through wildcards).
fn grants(stmt: &serde_json::Map<String, Value>, action: &str) -> bool {
    string_list(stmt.get("Action"))
        .iter()
        .any(|pattern| wildcard_match(pattern, action))
}

/// Analyses an identity policy document.
pub fn analyze_identity_policy(doc: &Value) -> IdentityPolicyFacts {
    let mut facts = IdentityPolicyFacts::default();
    for stmt in statements(doc).into_iter().filter(|s| is_allow(s)) {
        let actions = string_list(stmt.get("Action"));
        if all_resources(stmt) && actions.iter().any(|a| *a == "*" || *a == "*:*") {
            facts.allows_full_admin = true;
        }
        for action in &actions {
            if let Some((service, rest)) = action.split_once(':')
                && rest == "*"
                && service != "*"
            {
                facts.wildcard_service_actions.push(action.to_string());
            }
        }
        if all_resources(stmt) && (grants(stmt, "kms:Decrypt") || grants(stmt, "kms:ReEncryptFrom"))
        {
            facts.allows_kms_decrypt_on_all_keys = true;
        }
        if stmt.contains_key("NotAction") && all_resources(stmt) {
            facts.allows_not_action_on_all_resources = true;
        }
    }
    facts.wildcard_service_actions.sort();
    facts.wildcard_service_actions.dedup();
    facts
}

/// The principals of a statement as strings: `*` for everyone, ARNs, account ids, services.
fn principals(stmt: &serde_json::Map<String, Value>) -> Vec<&str> {
    match stmt.get("Principal") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Object(map)) => map
            .iter()
            .filter(|(kind, _)| kind.as_str() != "Service" && kind.as_str() != "Federated")
            .flat_map(|(_, v)| string_list(Some(v)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a statement's conditions narrow a wildcard principal to a known audience.
fn condition_narrows_audience(stmt: &serde_json::Map<String, Value>) -> bool {
    let Some(Value::Object(conditions)) = stmt.get("Condition") else {
        return false;
    };
    conditions.iter().any(|(operator, block)| {
        let Value::Object(keys) = block else {
            return false;
        };
        keys.iter().any(|(key, value)| {
            let key = key.to_ascii_lowercase();
            if AUDIENCE_CONDITION_KEYS
                .iter()
                .any(|k| k.eq_ignore_ascii_case(&key))
            {
                // A condition that itself allows any value ("*") narrows nothing.
                return !string_list(Some(value)).contains(&"*");
            }
            if key == "aws:sourceip" && !operator.to_ascii_lowercase().starts_with("not") {
                let cidrs = string_list(Some(value));
                return !cidrs.is_empty()
                    && !cidrs.iter().any(|c| *c == "0.0.0.0/0" || *c == "::/0");
            }
            false
        })
    })
}

/// The 12-digit account id in a principal (`123456789012` or `arn:aws:iam::123456789012:...`).
fn principal_account(principal: &str) -> Option<&str> {
    if principal.len() == 12 && principal.bytes().all(|b| b.is_ascii_digit()) {
        return Some(principal);
    }
    let account = principal.strip_prefix("arn:")?.split(':').nth(3)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

/// Analyses a resource policy; `owner_account` is the account that owns the resource.
pub fn analyze_resource_policy(doc: Option<&Value>, owner_account: &str) -> ResourcePolicyFacts {
    let Some(doc) = doc else {
        return ResourcePolicyFacts::default();
    };
    let mut facts = ResourcePolicyFacts {
        present: true,
        ..Default::default()
    };
    for stmt in statements(doc) {
        let principals = principals(stmt);
        let everyone = principals.contains(&"*");
        if is_allow(stmt) {
            if everyone && !condition_narrows_audience(stmt) {
                facts.public = true;
                let actions = string_list(stmt.get("Action"));
                facts
                    .public_actions
                    .extend(actions.iter().map(|a| a.to_string()));
                if S3_READ_ACTIONS.iter().any(|a| grants(stmt, a)) {
                    facts.public_read = true;
                }
                if S3_WRITE_ACTIONS.iter().any(|a| grants(stmt, a)) {
                    facts.public_write = true;
                }
            }
            for p in &principals {
                if let Some(account) = principal_account(p)
                    && account != owner_account
                {
                    facts.cross_account_principals.push(account.to_string());
                }
            }
        }
        if is_deny(stmt) && everyone && denies_without_tls(stmt) {
            facts.denies_insecure_transport = true;
        }
    }
    facts.public_actions.sort();
    facts.public_actions.dedup();
    facts.cross_account_principals.sort();
    facts.cross_account_principals.dedup();
    facts
}

/// Whether a Deny statement refuses every action when `aws:SecureTransport` is false.
fn denies_without_tls(stmt: &serde_json::Map<String, Value>) -> bool {
    let actions = string_list(stmt.get("Action"));
    let every_action = actions
        .iter()
        .any(|a| *a == "*" || a.ends_with(":*") && !a.starts_with("*"));
    if !every_action {
        return false;
    }
    let Some(Value::Object(conditions)) = stmt.get("Condition") else {
        return false;
    };
    conditions.iter().any(|(operator, block)| {
        let op = operator.to_ascii_lowercase();
        (op == "bool" || op == "boolifexists")
            && block.as_object().is_some_and(|keys| {
                keys.iter().any(|(k, v)| {
                    k.eq_ignore_ascii_case("aws:SecureTransport")
                        && match v {
                            Value::String(s) => s.eq_ignore_ascii_case("false"),
                            Value::Bool(b) => !b,
                            Value::Array(items) => items.iter().any(|i| {
                                i.as_str().is_some_and(|s| s.eq_ignore_ascii_case("false"))
                                    || i.as_bool() == Some(false)
                            }),
                            _ => false,
                        }
                })
            })
    })
}

/// Decodes a policy document as IAM returns it: URL-encoded JSON, or plain JSON from some
/// emulators. Returns `None` for text that is not a JSON object either way.
pub fn decode_policy_document(text: &str) -> Option<Value> {
    let trimmed = text.trim_start();
    let json = if trimmed.starts_with('{') {
        trimmed.to_string()
    } else {
        percent_encoding::percent_decode_str(text)
            .decode_utf8()
            .ok()?
            .into_owned()
    };
    serde_json::from_str::<Value>(&json)
        .ok()
        .filter(Value::is_object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wildcards_match_like_iam() {
        assert!(wildcard_match("s3:Get*", "s3:GetObject"));
        assert!(wildcard_match("*", "kms:Decrypt"));
        assert!(wildcard_match("kms:*", "KMS:decrypt"));
        assert!(wildcard_match("s3:?etObject", "s3:GetObject"));
        assert!(!wildcard_match("s3:Put*", "s3:GetObject"));
        assert!(!wildcard_match("s3:Get", "s3:GetObject"));
    }

    #[test]
    fn identity_policy_admin_and_wildcards() {
        let admin = json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}});
        assert!(analyze_identity_policy(&admin).allows_full_admin);
        let scoped = json!({"Statement": [
            {"Effect": "Allow", "Action": ["s3:*", "ec2:Describe*"], "Resource": "arn:aws:s3:::b"},
            {"Effect": "Allow", "Action": "kms:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "*", "Resource": "*"}
        ]});
        let facts = analyze_identity_policy(&scoped);
        assert!(!facts.allows_full_admin);
        assert_eq!(facts.wildcard_service_actions, vec!["kms:*", "s3:*"]);
        assert!(facts.allows_kms_decrypt_on_all_keys);
    }

    #[test]
    fn resource_policy_public_and_tls() {
        let public = json!({"Statement": [{"Effect": "Allow", "Principal": "*",
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
        let f = analyze_resource_policy(Some(&public), "111111111111");
        assert!(f.public && f.public_read && !f.public_write);

        let narrowed = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
            "Action": "s3:*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}]});
        assert!(!analyze_resource_policy(Some(&narrowed), "111111111111").public);

        let tls = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
        assert!(analyze_resource_policy(Some(&tls), "111111111111").denies_insecure_transport);

        let cross = json!({"Statement": [{"Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::222222222222:root", "111111111111"]},
            "Action": "s3:PutObject", "Resource": "*"}]});
        let f = analyze_resource_policy(Some(&cross), "111111111111");
        assert_eq!(f.cross_account_principals, vec!["222222222222"]);
        assert!(!f.public);
    }

    #[test]
    fn decodes_url_encoded_documents() {
        let encoded = "%7B%22Statement%22%3A%5B%5D%7D";
        assert_eq!(
            decode_policy_document(encoded),
            Some(json!({"Statement": []}))
        );
        assert_eq!(decode_policy_document("{\"a\":1}"), Some(json!({"a": 1})));
        assert_eq!(decode_policy_document("not json"), None);
    }
}

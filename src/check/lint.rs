//! Static facts about check sources: the `input` paths a check reads.
//!
//! Rego treats a misspelled field as undefined, and an undefined value makes a rule silently
//! not match. The lint compares every path a check reads with the model's JSON Schema for the
//! check's resource types; the same paths let IaC scans skip checks that read a value unknown
//! until deploy.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

/// A path a check reads, as dotted segments relative to `input`; `[]` marks iteration over an
/// array or object (`ingress[].from_port`).
pub type InputPath = Vec<String>;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Dot,
    Open,
    Close,
    Assign,
    Other,
}

fn tokenize(source: &str) -> Vec<(Tok, usize)> {
    let mut out = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut line = 1;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                let mut s = String::new();
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' && i + 1 < bytes.len() {
                        i += 1;
                    }
                    s.push(bytes[i] as char);
                    i += 1;
                }
                i += 1;
                out.push((Tok::Str(s), line));
            }
            b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'`' {
                    if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 1;
                out.push((Tok::Other, line));
            }
            b'.' => {
                out.push((Tok::Dot, line));
                i += 1;
            }
            b'[' => {
                out.push((Tok::Open, line));
                i += 1;
            }
            b']' => {
                out.push((Tok::Close, line));
                i += 1;
            }
            b':' if bytes.get(i + 1) == Some(&b'=') => {
                out.push((Tok::Assign, line));
                i += 2;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((Tok::Ident(source[start..i].to_string()), line));
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                out.push((Tok::Other, line));
                i += 1;
            }
        }
    }
    out
}

/// Reads a reference starting at `tokens[start]` (an identifier) and returns its segments
/// after the head and the index after it.
fn read_ref(tokens: &[(Tok, usize)], start: usize) -> (Vec<String>, usize) {
    let mut segments = Vec::new();
    let mut i = start + 1;
    loop {
        match (tokens.get(i).map(|t| &t.0), tokens.get(i + 1).map(|t| &t.0)) {
            (Some(Tok::Dot), Some(Tok::Ident(name))) => {
                segments.push(name.clone());
                i += 2;
            }
            (Some(Tok::Open), Some(Tok::Str(key)))
                if tokens.get(i + 2).map(|t| &t.0) == Some(&Tok::Close) =>
            {
                segments.push(key.clone());
                i += 3;
            }
            (Some(Tok::Open), _) => {
                // `[_]`, `[i]`, `[x.y]`: iteration or a computed key.
                let mut depth = 0;
                while let Some((tok, _)) = tokens.get(i) {
                    match tok {
                        Tok::Open => depth += 1,
                        Tok::Close => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                segments.push("[]".to_string());
                i += 1;
            }
            _ => break,
        }
    }
    (segments, i)
}

/// The input paths a check reads, with the line of each first use. Variables bound from input
/// (`some x in input.a`, `x := input.a`, `every x in input.a`) are followed one level, so
/// `x.b` reads `a[].b` or `a.b`.
pub fn input_paths(source: &str) -> Vec<(InputPath, usize)> {
    let tokens = tokenize(source);
    let mut bindings: HashMap<String, InputPath> = HashMap::new();
    let mut found: Vec<(InputPath, usize)> = Vec::new();
    let mut seen: BTreeSet<InputPath> = BTreeSet::new();
    let mut record = |path: InputPath, line: usize, found: &mut Vec<(InputPath, usize)>| {
        if !path.is_empty() && seen.insert(path.clone()) {
            found.push((path, line));
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let (tok, line) = &tokens[i];
        let Tok::Ident(name) = tok else {
            i += 1;
            continue;
        };
        // Skip field names after a dot: `x.input` is not the input document.
        if i > 0 && tokens[i - 1].0 == Tok::Dot {
            i += 1;
            continue;
        }
        // `some x in input.a` / `every x in input.a` / `some k, x in input.a`
        if name == "some" || name == "every" {
            let mut j = i + 1;
            let mut vars = Vec::new();
            while let Some((Tok::Ident(v), _)) = tokens.get(j) {
                if v == "in" {
                    break;
                }
                vars.push(v.clone());
                j += 1;
                if tokens.get(j).map(|t| &t.0) == Some(&Tok::Other) {
                    j += 1;
                }
            }
            if let Some((Tok::Ident(kw), _)) = tokens.get(j)
                && kw == "in"
                && let Some((Tok::Ident(head), _)) = tokens.get(j + 1)
            {
                let (segments, _) = read_ref(&tokens, j + 1);
                let base = if head == "input" {
                    Some(segments)
                } else {
                    bindings
                        .get(head)
                        .map(|b| b.iter().cloned().chain(segments).collect())
                };
                if let (Some(mut base), Some(var)) = (base, vars.last()) {
                    base.push("[]".to_string());
                    bindings.insert(var.clone(), base);
                }
            }
            i += 1;
            continue;
        }
        // `x := input.a`
        if tokens.get(i + 1).map(|t| &t.0) == Some(&Tok::Assign)
            && let Some((Tok::Ident(head), _)) = tokens.get(i + 2)
            && head == "input"
        {
            let (segments, _) = read_ref(&tokens, i + 2);
            bindings.insert(name.clone(), segments);
            i += 1;
            continue;
        }
        if name == "input" {
            let (segments, next) = read_ref(&tokens, i);
            record(segments, *line, &mut found);
            i = next;
            continue;
        }
        if let Some(base) = bindings.get(name).cloned() {
            let (segments, next) = read_ref(&tokens, i);
            if !segments.is_empty() {
                record(
                    base.into_iter().chain(segments).collect(),
                    *line,
                    &mut found,
                );
            }
            i = next;
            continue;
        }
        i += 1;
    }
    found
}

/// Resolves a `$ref` against the schema definitions.
fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    let mut current = schema;
    for _ in 0..16 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or("");
                match defs.get(name) {
                    Some(next) => current = next,
                    None => return current,
                }
            }
            None => return current,
        }
    }
    current
}

/// The alternatives of a schema (`anyOf`/`oneOf` members, `null` dropped), or itself.
fn alternatives<'a>(schema: &'a Value, defs: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(schema, defs);
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(items)) = schema.get(key) {
            return items
                .iter()
                .map(|s| resolve(s, defs))
                .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
        }
    }
    vec![schema]
}

/// Whether a schema leaves its content open (any JSON): policy documents and the like.
fn is_open(schema: &Value) -> bool {
    schema.as_object().is_some_and(|o| {
        o.is_empty()
            || (!o.contains_key("type")
                && !o.contains_key("properties")
                && !o.contains_key("$ref")
                && !o.contains_key("anyOf")
                && !o.contains_key("oneOf"))
    }) || schema.as_bool() == Some(true)
}

/// Whether `path` exists in a resource-type schema.
pub fn path_exists(path: &[String], schema: &Value, defs: &Value) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    alternatives(schema, defs).into_iter().any(|s| {
        if is_open(s) {
            return true;
        }
        let ty = s.get("type");
        let is_type = |t: &str| match ty {
            Some(Value::String(x)) => x == t,
            Some(Value::Array(xs)) => xs.iter().any(|x| x == t),
            _ => false,
        };
        if first == "[]" {
            if is_type("array") {
                return s
                    .get("items")
                    .is_some_and(|items| path_exists(rest, items, defs));
            }
            if is_type("object") {
                return match s.get("additionalProperties") {
                    Some(Value::Bool(false)) | None => s
                        .get("properties")
                        .and_then(Value::as_object)
                        .is_some_and(|p| p.values().any(|v| path_exists(rest, v, defs))),
                    Some(inner) => path_exists(rest, inner, defs),
                };
            }
            return false;
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object)
            && let Some(child) = props.get(first.as_str())
        {
            return path_exists(rest, child, defs);
        }
        // Maps (tags) accept any key.
        match s.get("additionalProperties") {
            Some(Value::Bool(false)) | None => false,
            Some(Value::Bool(true)) => true,
            Some(inner) => path_exists(rest, inner, defs),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(src: &str) -> Vec<String> {
        input_paths(src)
            .into_iter()
            .map(|(p, _)| p.join("."))
            .collect()
    }

    #[test]
    fn finds_direct_and_bound_paths() {
        let src = r#"
package x
# input.commented.out is ignored
compliant if {
    input.versioning.status == "Enabled"
    input.meta.tags["Env"] == "prod"
    some rule in input.ingress
    rule.from_port == 22
    every key in input.access_keys { key.age_days < 90 }
    p := input.derived.policy
    p.public == false
    input.entries[_].cidr_block
    s := "input.not_a_path"
}
"#;
        assert_eq!(
            paths(src),
            vec![
                "versioning.status",
                "meta.tags.Env",
                "ingress",
                "ingress.[].from_port",
                "access_keys",
                "access_keys.[].age_days",
                "derived.policy",
                "derived.policy.public",
                "entries.[].cidr_block",
            ]
        );
    }
}

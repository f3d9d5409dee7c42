//! Inventory snapshot files: the model serialized as versioned JSON (`stance inventory -o`
//! writes them, `stance scan --inventory` reads them).

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{StanceError, json_error};
use crate::model::inventory::{AccountInventory, CollectionStats, Gap, SNAPSHOT_SCHEMA_VERSION};
use crate::model::time::Timestamp;
use crate::model::{Inventory, Source, derive};

/// Largest input file stance reads, so a runaway file gets an error instead of exhausting
/// memory. Reading a snapshot takes about ten times its size in memory (see
/// docs/scaling.md), so 512 MiB (some 400,000 resources) is already a multi-gigabyte process;
/// larger estates are scanned in shards. Override with `STANCE_MAX_INPUT_BYTES`.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// The input size limit in force.
pub fn max_input_bytes() -> u64 {
    std::env::var("STANCE_MAX_INPUT_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_INPUT_BYTES)
}

/// Reads a whole input file, refusing files over the size limit: a regular file by its size
/// before reading, anything else (a pipe, `/dev/stdin`) once it has sent more than the limit.
pub fn read_input(path: &Path) -> Result<String, StanceError> {
    read_input_within(
        path,
        max_input_bytes(),
        "input limit (set STANCE_MAX_INPUT_BYTES to raise it)",
    )
}

/// [`read_input`] with another size limit, which `limit_name` names in the error.
pub fn read_input_within(path: &Path, limit: u64, limit_name: &str) -> Result<String, StanceError> {
    let shown = path.display();
    let cannot_read = |e: std::io::Error| StanceError::input(format!("{shown}: cannot read: {e}"));
    let too_big = |size: &str, limit: u64| {
        StanceError::input(format!(
            "{shown}: file is {size} bytes, over the {limit}-byte {limit_name}"
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > limit {
        return Err(too_big(&size.to_string(), limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let mut capped = std::io::Read::take(file, limit.saturating_add(1));
    std::io::Read::read_to_end(&mut capped, &mut bytes).map_err(cannot_read)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(&format!("more than {limit}"), limit));
    }
    decode_input(&shown.to_string(), bytes)
}

/// The text of an input file's bytes: every input format is UTF-8. `shown` names the file in
/// errors.
pub fn decode_input(shown: &str, bytes: Vec<u8>) -> Result<String, StanceError> {
    String::from_utf8(bytes).map_err(|e| {
        StanceError::input(format!(
            "{shown}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

#[derive(Deserialize)]
struct VersionProbe {
    schema_version: Option<serde_json::Value>,
}

/// A snapshot's top level with each account left as unparsed text, so that accounts parse in
/// parallel. Mirrors [`Inventory`] field for field (a test compares the two readings).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotParts<'a> {
    schema_version: u32,
    collected_at: Timestamp,
    #[serde(default)]
    generator: Option<String>,
    #[serde(borrow)]
    accounts: Vec<&'a RawValue>,
    #[serde(default)]
    gaps: Vec<Gap>,
    #[serde(default)]
    stats: Option<CollectionStats>,
}

/// Parses a valid snapshot with its accounts in parallel; `None` when anything is wrong, so
/// that the caller's whole-document parse can name the line and column of the error (offsets
/// inside an account's text would not be the file's).
fn parse_accounts_in_parallel(text: &str) -> Option<Inventory> {
    let parts: SnapshotParts = serde_json::from_str(text).ok()?;
    let accounts = parts
        .accounts
        .par_iter()
        .map(|raw| serde_json::from_str::<AccountInventory>(raw.get()))
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    Some(Inventory {
        schema_version: parts.schema_version,
        collected_at: parts.collected_at,
        generator: parts.generator,
        accounts,
        gaps: parts.gaps,
        stats: parts.stats,
    })
}

/// Parses snapshot text. `path` names the file in errors.
pub fn parse(path: &str, text: &str) -> Result<Inventory, StanceError> {
    let parsed = match parse_accounts_in_parallel(text) {
        Some(inventory) => Ok(inventory),
        None => serde_json::from_str::<Inventory>(text),
    };
    let mut inventory: Inventory = match parsed {
        Ok(inv) => inv,
        Err(err) => {
            // Name an unsupported version rather than the first field it made unparsable.
            if let Ok(VersionProbe {
                schema_version: Some(v),
            }) = serde_json::from_str::<VersionProbe>(text)
                && v != serde_json::json!(SNAPSHOT_SCHEMA_VERSION)
            {
                return Err(StanceError::input(format!(
                    "{path}: unsupported snapshot schema_version {v} (this stance reads version {SNAPSHOT_SCHEMA_VERSION})"
                )));
            }
            return Err(StanceError::input(json_error(path, &err)));
        }
    };
    if inventory.schema_version != SNAPSHOT_SCHEMA_VERSION {
        return Err(StanceError::input(format!(
            "{path}: unsupported snapshot schema_version {} (this stance reads version {SNAPSHOT_SCHEMA_VERSION})",
            inventory.schema_version
        )));
    }
    inventory
        .normalize()
        .map_err(|e| StanceError::input(format!("{path}: {e}")))?;
    for resource in inventory.resources_mut() {
        let meta = resource.meta_mut();
        if meta.source == Source::Live {
            meta.source = Source::Snapshot {
                file: path.to_string(),
            };
        }
    }
    derive::enrich(&mut inventory);
    Ok(inventory)
}

/// Reads and validates a snapshot file.
pub fn read(path: &Path) -> Result<Inventory, StanceError> {
    let text = read_input(path)?;
    parse(&path.display().to_string(), &text)
}

/// Writes a snapshot atomically.
pub fn write(inventory: &Inventory, path: &Path) -> std::io::Result<()> {
    crate::atomic::write_file(path, |w| {
        serde_json::to_writer(&mut *w, inventory).map_err(std::io::Error::other)?;
        std::io::Write::write_all(w, b"\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = include_str!("../../examples/demo/inventory.json");

    #[test]
    fn parallel_reading_equals_whole_document_reading() {
        let parallel = parse_accounts_in_parallel(DEMO).expect("demo parses in parallel");
        let whole: Inventory = serde_json::from_str(DEMO).unwrap();
        assert!(parallel.accounts.len() > 1, "the demo has several accounts");
        assert_eq!(parallel, whole);
    }

    #[test]
    fn an_error_inside_an_account_names_the_file_line() {
        // The broken field is deep inside the second account: the position must be the
        // file's (as the whole-document parse reports it), not one relative to that
        // account's text.
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["accounts"][1]["regions"][0]["resources"][0]["meta"]["unexpected"] =
            serde_json::json!(true);
        let text = serde_json::to_string_pretty(&value).unwrap();
        let whole = serde_json::from_str::<Inventory>(&text).unwrap_err();
        let second_account = text
            .lines()
            .position(|l| {
                l.contains(&format!(
                    "\"{}\"",
                    value["accounts"][1]["account_id"].as_str().unwrap()
                ))
            })
            .unwrap();
        assert!(whole.line() > second_account);
        let err = parse("snap.json", &text).unwrap_err().to_string();
        let at = format!("snap.json:{}:{}:", whole.line(), whole.column());
        assert!(err.starts_with(&at), "expected {at} in {err}");
        assert!(err.contains("unexpected"), "{err}");
    }
}

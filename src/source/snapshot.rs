//! Inventory snapshot files: the model serialized as versioned JSON (`stance inventory -o`
//! writes them, `stance scan --inventory` reads them).

use std::path::Path;

use serde::Deserialize;

use crate::error::{StanceError, json_error};
use crate::model::inventory::SNAPSHOT_SCHEMA_VERSION;
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
    let shown = path.display();
    let cannot_read = |e: std::io::Error| StanceError::input(format!("{shown}: cannot read: {e}"));
    let too_big = |size: &str, limit: u64| {
        StanceError::input(format!(
            "{shown}: file is {size} bytes, over the {limit}-byte input limit (set STANCE_MAX_INPUT_BYTES to raise it)"
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let limit = max_input_bytes();
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

/// Parses snapshot text. `path` names the file in errors.
pub fn parse(path: &str, text: &str) -> Result<Inventory, StanceError> {
    let mut inventory: Inventory = match serde_json::from_str(text) {
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

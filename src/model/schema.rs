//! JSON Schemas of the model, generated from the Rust types so they cannot drift.

use schemars::generate::SchemaSettings;

use super::{Inventory, Resource};

/// The JSON Schema of the snapshot file (the whole [`Inventory`]), pretty-printed.
pub fn inventory_schema() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<Inventory>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Per resource type, the JSON Schema of its fields with every `$ref` resolved against the
/// shared definitions. Used by the check lint to verify the `input.` paths checks read.
pub fn resource_type_schemas() -> Vec<(&'static str, serde_json::Value, serde_json::Value)> {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let types = Resource::type_schemas(&mut generator);
    let defs = serde_json::to_value(generator.definitions()).unwrap_or_default();
    types
        .into_iter()
        .map(|(name, schema)| (name, schema.to_value(), defs.clone()))
        .collect()
}

/// The JSON Schema of the JSON result (and baseline) format, pretty-printed.
pub fn result_schema() -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<crate::report::json::ResultDocument>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

//! Reports: one renderer per output format, all reading the same [`ScanResult`].

pub mod asff;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod terminal;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use crate::finding::ScanResult;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// stance's JSON result (also the baseline format).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
    /// AWS Security Finding Format, for Security Hub.
    Asff,
    /// One self-contained HTML page.
    Html,
    /// A markdown summary (GitHub job summary, pull-request comments).
    Markdown,
    /// The terminal summary, as plain text.
    Text,
}

impl Format {
    /// Every format with its name.
    pub const ALL: &'static [(Format, &'static str)] = &[
        (Format::Json, "json"),
        (Format::Sarif, "sarif"),
        (Format::Asff, "asff"),
        (Format::Html, "html"),
        (Format::Markdown, "markdown"),
        (Format::Text, "text"),
    ];

    /// The format's name.
    pub fn name(&self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(f, _)| f == self)
            .map(|(_, n)| *n)
            .unwrap_or("json")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `-o FORMAT=PATH`: where one format goes (`-` for standard output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    /// Format.
    pub format: Format,
    /// Destination.
    pub path: PathBuf,
}

impl<'de> serde::Deserialize<'de> for OutputSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for OutputSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OutputSpec".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(json|sarif|asff|html|markdown|text)(=.+)?$",
            "description": "FORMAT=PATH (`-` for standard output)"
        })
    }
}

impl FromStr for OutputSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, path) = s.split_once('=').unwrap_or((s, "-"));
        let names: Vec<&str> = Format::ALL.iter().map(|(_, n)| *n).collect();
        let format = Format::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(f, _)| *f)
            .ok_or_else(|| {
                format!(
                    "unknown output format `{name}` (expected one of: {})",
                    names.join(", ")
                )
            })?;
        if path.is_empty() {
            return Err(format!(
                "output `{s}` has an empty path (use `{name}=-` for standard output)"
            ));
        }
        Ok(OutputSpec {
            format,
            path: PathBuf::from(path),
        })
    }
}

/// Options shared by renderers.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Pretty-print JSON.
    pub pretty: bool,
    /// SARIF options.
    pub sarif: sarif::SarifOptions,
}

/// Replaces control characters (ESC, CR, BEL...) with U+FFFD, so that untrusted text (names,
/// tags, template values) cannot drive the terminal that prints it.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// Like [`inert`], but keeps line breaks and tabs: for multi-line text (a page, an error
/// message) whose layout matters.
pub fn inert_text(text: &str) -> std::borrow::Cow<'_, str> {
    let stray = |c: char| c.is_control() && !matches!(c, '\n' | '\t');
    if text.contains(stray) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if stray(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Renders one output, atomically.
pub fn render(
    result: &ScanResult,
    spec: &OutputSpec,
    options: &RenderOptions,
) -> std::io::Result<()> {
    crate::atomic::write_file(&spec.path, |w| match spec.format {
        Format::Json => json::write(result, w, options.pretty),
        Format::Sarif => sarif::write(result, w, &options.sarif),
        Format::Asff => asff::write(result, w),
        Format::Html => html::write(result, w),
        Format::Markdown => markdown::write(result, w),
        Format::Text => {
            let mut plain = anstream::StripStream::new(Vec::new());
            terminal::write(result, &mut plain)?;
            w.write_all(&plain.into_inner())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_output_specs() {
        let spec: OutputSpec = "json=out/r.json".parse().unwrap();
        assert_eq!(spec.format, Format::Json);
        assert_eq!(spec.path, PathBuf::from("out/r.json"));
        assert_eq!(
            "json".parse::<OutputSpec>().unwrap().path,
            PathBuf::from("-")
        );
        assert!(
            "pdf=x"
                .parse::<OutputSpec>()
                .unwrap_err()
                .contains("unknown output format `pdf`")
        );
        assert!("json=".parse::<OutputSpec>().is_err());
    }
}

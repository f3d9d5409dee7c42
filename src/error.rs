//! Errors that end a run, and the exit codes they map to.

use std::fmt;

/// Process exit codes. Named here once so the CLI, the docs and the tests agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitCode {
    /// Nothing at or above the failure threshold.
    Clean = 0,
    /// Findings at or above the failure threshold.
    Findings = 1,
    /// Usage or input error: bad flags, malformed snapshot, check, baseline or config. Nothing
    /// was scanned.
    Usage = 2,
    /// The scan is incomplete (coverage gaps) and `--strict` asked for completeness.
    Incomplete = 3,
    /// Part of the input was invalid (e.g. one template of many could not be parsed); the rest
    /// was scanned and reported.
    PartialInput = 4,
    /// The run failed: an output could not be written, no AWS credentials, an internal error,
    /// or findings could not be imported into Security Hub (the reports were still written).
    Runtime = 5,
    /// Interrupted by SIGINT (Ctrl-C): no partial output was written (128 + 2, as a shell
    /// reports it).
    Interrupted = 130,
    /// Terminated by SIGTERM: as for [`ExitCode::Interrupted`] (128 + 15).
    Terminated = 143,
}

impl ExitCode {
    /// The numeric code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// An error that ends the run.
#[derive(Debug)]
pub enum StanceError {
    /// Bad input: the message names the file (and line) at fault. Exit code 2.
    Input(String),
    /// A failure while running. Exit code 5.
    Runtime(anyhow::Error),
}

impl StanceError {
    /// A bad-input error.
    pub fn input(message: impl Into<String>) -> Self {
        StanceError::Input(message.into())
    }

    /// The exit code of this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            StanceError::Input(_) => ExitCode::Usage,
            StanceError::Runtime(_) => ExitCode::Runtime,
        }
    }
}

impl fmt::Display for StanceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StanceError::Input(m) => f.write_str(m),
            StanceError::Runtime(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for StanceError {}

impl From<anyhow::Error> for StanceError {
    fn from(e: anyhow::Error) -> Self {
        StanceError::Runtime(e)
    }
}

impl From<crate::check::CheckError> for StanceError {
    fn from(e: crate::check::CheckError) -> Self {
        StanceError::Input(e.to_string())
    }
}

/// A terminal write's result, where a closed pipe (`stance ... | head`) is not an error: the
/// reader has what it wanted, and the exit code stays the one the run earned.
pub fn unless_broken_pipe(written: std::io::Result<()>) -> Result<(), StanceError> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| StanceError::Runtime(e.into())),
    }
}

/// Result alias for the run.
pub type Result<T, E = StanceError> = std::result::Result<T, E>;

/// Formats a serde_json error as `path:line:col: message` (one line).
pub fn json_error(path: &str, err: &serde_json::Error) -> String {
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(pos) => &text[..pos],
        None => text.as_str(),
    };
    if err.line() == 0 {
        format!("{path}: {message}")
    } else {
        format!("{path}:{}:{}: {message}", err.line(), err.column())
    }
}

/// The line, column and reason of a serde-saphyr error. The reason comes without the position
/// text serde-saphyr puts around it (`error: line L column C: ...`, `... at line L, column C`),
/// so that messages lead with `path:line:col` like every other input error.
pub fn yaml_error(err: &serde_saphyr::Error) -> (u64, u64, String) {
    let (line, column) = err
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let text = err.without_snippet().to_string();
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid YAML");
    let reason = first.strip_prefix("error: ").unwrap_or(first);
    let reason = reason
        .strip_prefix(&format!("line {line} column {column}: "))
        .unwrap_or(reason);
    let reason = reason
        .strip_suffix(&format!(" at line {line}, column {column}"))
        .unwrap_or(reason);
    (line, column, reason.to_string())
}

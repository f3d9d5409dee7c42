//! Turning SDK errors into coverage gaps, and telling "absent" apart from "failed".

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// Error codes that mean "this configuration does not exist" rather than a failure: the
/// resource simply has no policy, no encryption rule, no password policy...
const ABSENT_CODES: &[&str] = &[
    "NoSuchBucketPolicy",
    "NoSuchPublicAccessBlockConfiguration",
    "ServerSideEncryptionConfigurationNotFoundError",
    "OwnershipControlsNotFoundError",
    "ObjectLockConfigurationNotFoundError",
    "NoSuchLifecycleConfiguration",
    "NoSuchTagSet",
    "NoSuchEntity",
    "ResourceNotFoundException",
    "NoSuchConfigurationRecorderException",
    "TrailNotFoundException",
    "NotFoundException",
    "RepositoryPolicyNotFoundException",
    "LifecyclePolicyNotFoundException",
    "PolicyNotFound",
    "FileSystemNotFound",
    "PolicyNotFoundException",
    "InvalidAccessException",
];

/// A failed call, described for a gap: code and message, never credentials.
#[derive(Debug, Clone)]
pub struct CallError {
    /// The service's error code, when it sent one.
    pub code: Option<String>,
    /// Human-readable description.
    pub message: String,
}

impl CallError {
    /// Whether the error means the configuration is absent.
    pub fn is_absent(&self) -> bool {
        self.code
            .as_deref()
            .is_some_and(|c| ABSENT_CODES.contains(&c))
    }

    /// Whether the error is a permission problem.
    pub fn is_access_denied(&self) -> bool {
        self.code.as_deref().is_some_and(|c| {
            c.contains("AccessDenied")
                || c == "UnauthorizedOperation"
                || c == "AuthorizationError"
                || c == "AuthFailure"
        })
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) if !self.message.is_empty() => write!(f, "{code}: {}", self.message),
            Some(code) => f.write_str(code),
            None => f.write_str(&self.message),
        }
    }
}

/// Describes an SDK error in one line.
pub fn describe<E, R>(err: &SdkError<E, R>) -> CallError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    let message = match err {
        SdkError::TimeoutError(_) => "timed out (the region or endpoint did not answer in time)".to_string(),
        SdkError::DispatchFailure(e) => {
            let debug = format!("{e:?}");
            if debug.contains("ProviderError") || debug.contains("CredentialsNotLoaded") {
                "no usable AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, log in with `aws sso login`, or run with an instance or task role)".to_string()
            } else if e.is_timeout() {
                "timed out connecting to the endpoint".to_string()
            } else if e.is_io() {
                "connection failed (network error or endpoint unreachable)".to_string()
            } else {
                format!("request could not be sent: {}", one_line(&format!("{e:?}")))
            }
        }
        SdkError::ResponseError(_) => {
            "the endpoint returned a response that could not be parsed (the API may not be implemented there)".to_string()
        }
        SdkError::ConstructionFailure(_) => one_line(&format!(
            "{}",
            aws_smithy_types::error::display::DisplayErrorContext(err)
        )),
        SdkError::ServiceError(se) => {
            let e = se.err();
            match (e.code(), e.message()) {
                (Some(_), Some(m)) => one_line(m),
                (Some(_), None) => String::new(),
                (None, _) => {
                    // An error body without a code: typically an emulator's HTML page for an
                    // API it does not implement.
                    let raw = format!("{:?}", se.raw());
                    let status = raw
                        .split("status: StatusCode(")
                        .nth(1)
                        .and_then(|s| s.split(')').next())
                        .unwrap_or("?");
                    format!("HTTP {status} without an AWS error code (the API may not be implemented by this endpoint)")
                }
            }
        }
        _ => one_line(&err.to_string()),
    };
    CallError {
        code: err.code().map(str::to_string),
        message,
    }
}

fn one_line(s: &str) -> String {
    let line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.len() > 300 {
        format!(
            "{}…",
            &line[..line
                .char_indices()
                .nth(297)
                .map(|(i, _)| i)
                .unwrap_or(line.len())]
        )
    } else {
        line
    }
}

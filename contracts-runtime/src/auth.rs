//! Why a caller's credentials are refused, whichever adapter read them.

use std::borrow::Cow;

/// Why a call's credentials were refused: the REST adapter answers `401 UNAUTHENTICATED` with a
/// `WWW-Authenticate: Bearer error="invalid_token"` header, the MCP server answers 401 before the
/// session starts, whatever the operation's auth level.
///
/// ```
/// use contracts_runtime::AuthError;
///
/// let refused = AuthError::new("the bearer token has expired");
/// assert_eq!(refused.detail(), "the bearer token has expired");
/// assert_eq!(refused.to_string(), "the bearer token has expired");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    detail: Cow<'static, str>,
}

impl AuthError {
    /// A refusal explained by `detail`, shown to the caller: say what is wrong with the
    /// credentials, never why a secret did not match.
    pub fn new(detail: impl Into<Cow<'static, str>>) -> AuthError {
        AuthError {
            detail: detail.into(),
        }
    }

    /// The explanation.
    pub fn detail(&self) -> &str {
        &self.detail
    }
}

impl core::fmt::Display for AuthError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for AuthError {}

//! Who calls: the actor of a request, from its headers.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use contracts_runtime::Actor;
pub use contracts_runtime::AuthError;
use std::collections::HashMap;
use std::future::Future;

/// Tells who a request comes from, from its headers: the pluggable extractor of the
/// [`Actor`] that the runtime's policy checks.
///
/// Return:
///
/// - `Ok(Actor::Anonymous)` when the request carries no credentials: operations whose auth
///   level is `user` or `admin` then answer `401 UNAUTHENTICATED`;
/// - `Ok(actor)` for verified credentials; give the `admin` role
///   ([`ADMIN_ROLE`](contracts_runtime::ADMIN_ROLE)) only to administrators;
/// - `Err(AuthError)` for credentials that are present but invalid (unknown, expired, badly
///   formed): the request is refused with `401` before any operation runs. Never fall back to
///   anonymous for a bad token, or a typo would silently downgrade a caller.
///
/// The default, [`Anonymous`], treats every caller as anonymous. A closure
/// `Fn(&HeaderMap) -> Result<Actor, AuthError>` is an authenticator too.
///
/// ```
/// use axum::http::HeaderMap;
/// use contracts_axum::{AuthError, Authenticator};
/// use contracts_runtime::Actor;
///
/// /// Trusts the user id a gateway in front of the service has verified.
/// struct Gateway;
///
/// impl Authenticator for Gateway {
///     async fn authenticate(&self, headers: &HeaderMap) -> Result<Actor, AuthError> {
///         match headers.get("x-verified-user") {
///             None => Ok(Actor::Anonymous),
///             Some(user) => user
///                 .to_str()
///                 .map(Actor::user)
///                 .map_err(|_| AuthError::new("x-verified-user is not text")),
///         }
///     }
/// }
/// # fn is_authenticator(_: impl Authenticator) {}
/// # is_authenticator(Gateway);
/// ```
pub trait Authenticator: Send + Sync + 'static {
    /// The actor of a request with these headers.
    fn authenticate(
        &self,
        headers: &HeaderMap,
    ) -> impl Future<Output = Result<Actor, AuthError>> + Send;
}

/// The default [`Authenticator`]: every caller is anonymous, whatever headers it sends, so
/// operations whose auth level is `user` or `admin` are never reachable (`401`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Anonymous;

impl Authenticator for Anonymous {
    #[inline]
    fn authenticate(
        &self,
        _headers: &HeaderMap,
    ) -> impl Future<Output = Result<Actor, AuthError>> + Send {
        std::future::ready(Ok(Actor::Anonymous))
    }
}

impl<F> Authenticator for F
where
    F: Fn(&HeaderMap) -> Result<Actor, AuthError> + Send + Sync + 'static,
{
    #[inline]
    fn authenticate(
        &self,
        headers: &HeaderMap,
    ) -> impl Future<Output = Result<Actor, AuthError>> + Send {
        std::future::ready(self(headers))
    }
}

/// Fixed bearer tokens, each standing for an actor: **for tests, demos and the reference
/// server only, not for production** (tokens live in memory in clear, never expire, are
/// compared by hash lookup rather than in constant time, and cannot be revoked).
///
/// `Authorization: Bearer <token>` with a known token is its actor; no `Authorization` header is
/// anonymous; an unknown token, or another scheme, is refused (`401`).
///
/// ```
/// use axum::http::HeaderMap;
/// use contracts_axum::{Authenticator, StaticTokens};
/// use contracts_runtime::Actor;
///
/// let tokens = StaticTokens::new()
///     .with_token("admin-token", Actor::admin("ada"))
///     .with_token("user-token", Actor::user("bob"));
///
/// let mut headers = HeaderMap::new();
/// # futures_block_on(async {
/// assert_eq!(tokens.authenticate(&headers).await, Ok(Actor::Anonymous));
/// headers.insert("authorization", "Bearer admin-token".parse().unwrap());
/// assert!(tokens.authenticate(&headers).await.unwrap().has_role("admin"));
/// headers.insert("authorization", "Bearer guess".parse().unwrap());
/// assert!(tokens.authenticate(&headers).await.is_err());
/// # });
/// # fn futures_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     let mut f = std::pin::pin!(f);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop { if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
/// # }
/// ```
#[derive(Clone, Default)]
pub struct StaticTokens {
    tokens: HashMap<String, Actor>,
}

impl core::fmt::Debug for StaticTokens {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // Never print the tokens.
        f.debug_struct("StaticTokens")
            .field("tokens", &self.tokens.len())
            .finish()
    }
}

impl StaticTokens {
    /// No token: every request without credentials is anonymous, every token refused.
    pub fn new() -> StaticTokens {
        StaticTokens::default()
    }

    /// Adds `token`, standing for `actor` (replacing what it stood for).
    pub fn with_token(mut self, token: impl Into<String>, actor: Actor) -> StaticTokens {
        self.tokens.insert(token.into(), actor);
        self
    }

    /// The actor of a bearer token, if known.
    pub fn actor(&self, token: &str) -> Option<&Actor> {
        self.tokens.get(token)
    }

    fn verify(&self, headers: &HeaderMap) -> Result<Actor, AuthError> {
        let Some(value) = headers.get(AUTHORIZATION) else {
            return Ok(Actor::Anonymous);
        };
        let value = value
            .to_str()
            .map_err(|_| AuthError::new("the Authorization header is not text"))?;
        let token = bearer_token(value)
            .ok_or_else(|| AuthError::new("the Authorization header is not `Bearer <token>`"))?;
        self.tokens
            .get(token)
            .cloned()
            .ok_or_else(|| AuthError::new("the bearer token is not valid"))
    }
}

impl Authenticator for StaticTokens {
    fn authenticate(
        &self,
        headers: &HeaderMap,
    ) -> impl Future<Output = Result<Actor, AuthError>> + Send {
        std::future::ready(self.verify(headers))
    }
}

/// The token of an `Authorization: Bearer <token>` header value (the scheme is
/// case-insensitive), if it is one.
///
/// ```
/// use contracts_axum::bearer_token;
///
/// assert_eq!(bearer_token("Bearer abc"), Some("abc"));
/// assert_eq!(bearer_token("bearer  abc "), Some("abc"));
/// assert_eq!(bearer_token("Basic abc"), None);
/// assert_eq!(bearer_token("Bearer "), None);
/// ```
pub fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && !token.contains(' '))
        .then_some(token)
}

//! The trace id of a request: taken from the caller's headers, or generated.

use axum::http::{HeaderMap, HeaderName};
use contracts_runtime::{is_plain_trace_id, traceparent_trace_id, TraceId};

/// The W3C Trace Context request header (`00-<trace-id>-<parent-id>-<flags>`).
pub const TRACEPARENT: &str = "traceparent";

/// The header carrying a plain trace id, in requests and in every response.
pub const X_TRACE_ID: &str = "x-trace-id";

/// [`TRACEPARENT`] as a header name.
pub(crate) const TRACEPARENT_HEADER: HeaderName = HeaderName::from_static(TRACEPARENT);

/// [`X_TRACE_ID`] as a header name.
pub(crate) const X_TRACE_ID_HEADER: HeaderName = HeaderName::from_static(X_TRACE_ID);

/// The trace id a caller sent, if any and well-formed: the trace-id field of a valid
/// `traceparent` header (32 lowercase hex digits, not all zero), else an `x-trace-id` of 1 to
/// [`MAX_TRACE_ID_LEN`](crate::MAX_TRACE_ID_LEN) characters among `A-Z a-z 0-9 - . _ ~`.
///
/// A malformed header is ignored (the request gets a generated id), as W3C Trace Context asks
/// of `traceparent`; restricting `x-trace-id` keeps logs and headers safe from what a caller
/// writes.
///
/// ```
/// use axum::http::HeaderMap;
/// use contracts_axum::trace_id_from_headers;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-trace-id", "req-42".parse().unwrap());
/// assert_eq!(trace_id_from_headers(&headers).unwrap().as_str(), "req-42");
///
/// headers.insert(
///     "traceparent",
///     "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".parse().unwrap(),
/// );
/// assert_eq!(
///     trace_id_from_headers(&headers).unwrap().as_str(),
///     "4bf92f3577b34da6a3ce929d0e0e4736",
/// );
///
/// headers.clear();
/// headers.insert("x-trace-id", "no spaces, please".parse().unwrap());
/// assert!(trace_id_from_headers(&headers).is_none());
/// ```
pub fn trace_id_from_headers(headers: &HeaderMap) -> Option<TraceId> {
    if let Some(id) = headers
        .get(TRACEPARENT_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(traceparent_trace_id)
    {
        return Some(TraceId::from(id));
    }
    headers
        .get(X_TRACE_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|id| is_plain_trace_id(id))
        .map(TraceId::from)
}

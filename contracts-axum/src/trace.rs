//! The trace id of a request: taken from the caller's headers, or generated.

use axum::http::{HeaderMap, HeaderName};
use contracts_runtime::TraceId;

/// The W3C Trace Context request header (`00-<trace-id>-<parent-id>-<flags>`).
pub const TRACEPARENT: &str = "traceparent";

/// The header carrying a plain trace id, in requests and in every response.
pub const X_TRACE_ID: &str = "x-trace-id";

/// [`TRACEPARENT`] as a header name.
pub(crate) const TRACEPARENT_HEADER: HeaderName = HeaderName::from_static(TRACEPARENT);

/// [`X_TRACE_ID`] as a header name.
pub(crate) const X_TRACE_ID_HEADER: HeaderName = HeaderName::from_static(X_TRACE_ID);

/// The longest `x-trace-id` accepted from a caller.
pub const MAX_TRACE_ID_LEN: usize = 128;

/// The trace id a caller sent, if any and well-formed: the trace-id field of a valid
/// `traceparent` header (32 lowercase hex digits, not all zero), else an `x-trace-id` of 1 to
/// [`MAX_TRACE_ID_LEN`] characters among `A-Z a-z 0-9 - . _ ~`.
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

/// The trace-id field of a `traceparent` header value, if the value is valid.
///
/// Version `00` must be exactly four fields; a later version may add fields after the flags
/// (W3C Trace Context, "versioning"); version `ff` is invalid. The trace id and the parent id
/// must not be all zeros.
///
/// ```
/// use contracts_axum::traceparent_trace_id;
///
/// let header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
/// assert_eq!(traceparent_trace_id(header), Some("4bf92f3577b34da6a3ce929d0e0e4736"));
/// assert_eq!(traceparent_trace_id("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), None);
/// assert_eq!(traceparent_trace_id("not a traceparent"), None);
/// ```
pub fn traceparent_trace_id(value: &str) -> Option<&str> {
    let value = value.trim();
    let mut fields = value.split('-');
    let version = fields.next()?;
    let trace_id = fields.next()?;
    let parent_id = fields.next()?;
    let flags = fields.next()?;
    let hex = |s: &str, len: usize| {
        s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    };
    let zero = |s: &str| s.bytes().all(|b| b == b'0');
    let valid = hex(version, 2)
        && version != "ff"
        && (version != "00" || fields.next().is_none())
        && hex(trace_id, 32)
        && !zero(trace_id)
        && hex(parent_id, 16)
        && !zero(parent_id)
        && hex(flags, 2);
    valid.then_some(trace_id)
}

/// Whether `id` is an acceptable `x-trace-id`.
fn is_plain_trace_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_TRACE_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_versions() {
        let id = "4bf92f3577b34da6a3ce929d0e0e4736";
        assert_eq!(
            traceparent_trace_id(&format!("00-{id}-00f067aa0ba902b7-01")),
            Some(id)
        );
        // A future version may carry more fields; version 00 may not.
        assert_eq!(
            traceparent_trace_id(&format!("01-{id}-00f067aa0ba902b7-01-extra")),
            Some(id)
        );
        assert_eq!(
            traceparent_trace_id(&format!("00-{id}-00f067aa0ba902b7-01-extra")),
            None
        );
        assert_eq!(
            traceparent_trace_id(&format!("ff-{id}-00f067aa0ba902b7-01")),
            None
        );
        // Upper case, short fields and a zero parent are invalid.
        assert_eq!(
            traceparent_trace_id(&format!("00-{}-00f067aa0ba902b7-01", id.to_uppercase())),
            None
        );
        assert_eq!(traceparent_trace_id("00-4bf9-00f067aa0ba902b7-01"), None);
        assert_eq!(
            traceparent_trace_id(&format!("00-{id}-0000000000000000-01")),
            None
        );
    }

    #[test]
    fn plain_trace_ids() {
        assert!(is_plain_trace_id("req-42.a_b~c"));
        assert!(!is_plain_trace_id(""));
        assert!(!is_plain_trace_id("a/b"));
        assert!(!is_plain_trace_id(&"a".repeat(MAX_TRACE_ID_LEN + 1)));
    }
}

//! Trace ids sent by callers: W3C Trace Context `traceparent` values and plain ids, validated
//! the same way by every transport adapter.

/// The longest plain trace id accepted from a caller.
pub const MAX_TRACE_ID_LEN: usize = 128;

/// The trace-id field of a `traceparent` header value, if the value is valid.
///
/// Version `00` must be exactly four fields; a later version may add fields after the flags
/// (W3C Trace Context, "versioning"); version `ff` is invalid. The trace id and the parent id
/// must not be all zeros.
///
/// ```
/// use contracts_runtime::traceparent_trace_id;
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

/// Whether `id` is acceptable as a trace id sent by a caller (an `x-trace-id` header, say): 1
/// to [`MAX_TRACE_ID_LEN`] characters among `A-Z a-z 0-9 - . _ ~`, which keeps logs and headers
/// safe from what a caller writes.
///
/// ```
/// use contracts_runtime::is_plain_trace_id;
///
/// assert!(is_plain_trace_id("req-42"));
/// assert!(!is_plain_trace_id("no spaces, please"));
/// ```
pub fn is_plain_trace_id(id: &str) -> bool {
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

//! The W3C `traceparent` a call sends.

use contracts_core::wire::TraceId;
use std::hash::BuildHasher;

/// A `traceparent` for a new call: a new trace id (as servers generate them) and a random
/// parent id, version `00`, sampled.
pub(crate) fn traceparent() -> String {
    let trace_id = TraceId::generate();
    let state = std::collections::hash_map::RandomState::new();
    // Never all zero, as W3C Trace Context requires of a parent id.
    let parent = state.hash_one(trace_id.as_str()) | 1;
    format!("00-{trace_id}-{parent:016x}-01")
}

#[cfg(test)]
mod tests {
    #[test]
    fn traceparents_are_w3c_trace_context() {
        let header = super::traceparent();
        let fields: Vec<&str> = header.split('-').collect();
        assert_eq!(
            fields.iter().map(|f| f.len()).collect::<Vec<_>>(),
            [2, 32, 16, 2]
        );
        assert_ne!(header, super::traceparent());
    }
}

//! Removing personal data from JSON values before they reach logs or evidence.

use serde_json::Value;

/// What [`redact`] puts in place of a personal value.
pub const REDACTED: &str = "[REDACTED]";

/// Replaces, in place, the value at each of `pii_paths` with [`REDACTED`].
///
/// Paths are dotted JSON field names, as contracts declare them in `pii = [...]`
/// (`payer.cards.last4`). Arrays are transparent at every level: a path into a list names the
/// field of every element, including in lists of lists, and a path naming a list redacts each
/// of its elements (the shape stays valid). A path that names nothing in `value` is skipped,
/// and a `null` is left as is (it holds no data).
///
/// ```
/// use contracts_runtime::redact;
/// use serde_json::json;
///
/// let mut value = json!({
///     "paymentId": "p-1",
///     "payer": {"email": "ada@example.com", "cards": [{"last4": "4242"}, {"last4": "1881"}]},
/// });
/// redact(&mut value, &["payer.email", "payer.cards.last4"]);
/// assert_eq!(value, json!({
///     "paymentId": "p-1",
///     "payer": {"email": "[REDACTED]", "cards": [{"last4": "[REDACTED]"}, {"last4": "[REDACTED]"}]},
/// }));
/// ```
pub fn redact<S: AsRef<str>>(value: &mut Value, pii_paths: &[S]) {
    for path in pii_paths {
        redact_path(value, path.as_ref());
    }
}

fn redact_path(value: &mut Value, path: &str) {
    match value {
        Value::Array(items) => {
            for item in items {
                redact_path(item, path);
            }
        }
        Value::Object(map) => {
            let (head, rest) = match path.split_once('.') {
                Some((head, rest)) => (head, Some(rest)),
                None => (path, None),
            };
            let Some(field) = map.get_mut(head) else {
                return;
            };
            match rest {
                Some(rest) => redact_path(field, rest),
                None => redact_leaf(field),
            }
        }
        _ => {}
    }
}

fn redact_leaf(value: &mut Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => items.iter_mut().for_each(redact_leaf),
        _ => *value = Value::String(REDACTED.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn redacts_through_nested_arrays_and_skips_missing_paths() {
        let mut value = json!([
            {"runs": [[{"evidence": {"email": "a@x", "ok": true}}], [{"evidence": {"email": null}}]]},
            {"runs": "not a list of objects"},
            {"other": 1},
        ]);
        redact(
            &mut value,
            &["runs.evidence.email", "missing.path", "runs.nope"],
        );
        assert_eq!(
            value,
            json!([
                {"runs": [[{"evidence": {"email": "[REDACTED]", "ok": true}}], [{"evidence": {"email": null}}]]},
                {"runs": "not a list of objects"},
                {"other": 1},
            ])
        );
    }

    #[test]
    fn redacts_whole_subtrees() {
        let mut value = json!({"card": {"number": "4242", "cvc": "123"}, "emails": ["a@x", "b@x"]});
        redact(&mut value, &["card", "emails"]);
        assert_eq!(
            value,
            json!({"card": "[REDACTED]", "emails": ["[REDACTED]", "[REDACTED]"]})
        );
    }
}

//! Edit distance, for "did you mean" suggestions at compile time and at run time.

const MAX_LEN: usize = 96;

/// The Levenshtein distance between two strings, by bytes; `usize::MAX` when either is 96 bytes
/// or longer.
pub const fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() >= MAX_LEN || b.len() >= MAX_LEN {
        return usize::MAX;
    }
    let mut previous = [0usize; MAX_LEN];
    let mut current = [0usize; MAX_LEN];
    let mut j = 0;
    while j <= b.len() {
        previous[j] = j;
        j += 1;
    }
    let mut i = 1;
    while i <= a.len() {
        current[0] = i;
        let mut j = 1;
        while j <= b.len() {
            let substitution = previous[j - 1] + if a[i - 1] == b[j - 1] { 0 } else { 1 };
            let deletion = previous[j] + 1;
            let insertion = current[j - 1] + 1;
            current[j] = min3(substitution, deletion, insertion);
            j += 1;
        }
        let mut k = 0;
        while k <= b.len() {
            previous[k] = current[k];
            k += 1;
        }
        i += 1;
    }
    previous[b.len()]
}

const fn min3(a: usize, b: usize, c: usize) -> usize {
    let ab = if a < b { a } else { b };
    if ab < c {
        ab
    } else {
        c
    }
}

/// Whether `distance` from a word of `len` bytes is close enough to suggest it as a typo fix.
pub const fn is_close(distance: usize, len: usize) -> bool {
    let threshold = if len / 3 > 2 { len / 3 } else { 2 };
    distance <= threshold
}

/// Whether the valid key `key` may be what the malformed key `written` meant: at most two
/// edits apart (`runs.run_started` may mean `runs.run-started` or `runs.run.started`, not
/// `runs.run.paused`).
///
/// ```
/// use contracts_syntax::may_mean;
///
/// assert!(may_mean("runs.run_started", "runs.run.started"));
/// assert!(!may_mean("runs.run_started", "runs.run.paused"));
/// ```
pub const fn may_mean(written: &str, key: &str) -> bool {
    edit_distance(written, key) <= 2
}

/// Whether the key `declared` is a likely typo fix for the key `written`: both have the same
/// segments but one, and that segment is within a typo's distance (one edit, or a third of the
/// segment's length). `billing.invoice.isue` is a typo of `billing.invoice.issue`;
/// `shop.order.place` is not one of its sibling `shop.order.cancel`, however close the whole
/// keys are.
///
/// ```
/// use contracts_syntax::is_key_typo;
///
/// assert!(is_key_typo("billing.invoice.issue", "billing.invoice.isue"));
/// assert!(is_key_typo("runs.execution", "run.execution"));
/// assert!(!is_key_typo("runs.run.start", "runs.run.stop"));
/// assert!(!is_key_typo("shop.order.cancel", "shop.order.place"));
/// ```
pub const fn is_key_typo(declared: &str, written: &str) -> bool {
    let (a, b) = (declared.as_bytes(), written.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut differing = 0;
    let mut typo = false;
    loop {
        let (a_end, b_end) = (segment_end(a, i), segment_end(b, j));
        let (sa, sb) = (
            crate::text::substr(declared, i, a_end),
            crate::text::substr(written, j, b_end),
        );
        if !crate::text::str_eq(sa, sb) {
            differing += 1;
            let shorter = if sa.len() < sb.len() {
                sa.len()
            } else {
                sb.len()
            };
            let threshold = if shorter / 3 > 1 { shorter / 3 } else { 1 };
            typo = edit_distance(sa, sb) <= threshold;
        }
        let (a_done, b_done) = (a_end == a.len(), b_end == b.len());
        if a_done || b_done {
            return a_done && b_done && differing == 1 && typo;
        }
        i = a_end + 1;
        j = b_end + 1;
    }
}

const fn segment_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && bytes[i] != b'.' {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, is_key_typo};

    #[test]
    fn key_typos() {
        assert!(is_key_typo("control-plane.core", "control-plane.cor"));
        assert!(is_key_typo("geo.lookup", "geo.lokup"));
        assert!(!is_key_typo("geo.lookup", "geo.lookup"));
        assert!(!is_key_typo("geo.lookup.a", "geo.lookup"));
        assert!(!is_key_typo("a.b.c", "x.b.y"));
        assert!(!is_key_typo("shop.order.cancel", "shop.order.place"));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("control-plane.core", "control-plane.core"), 0);
        assert_eq!(edit_distance("control-plane.cor", "control-plane.core"), 1);
    }
}

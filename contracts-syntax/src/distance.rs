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

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("control-plane.core", "control-plane.core"), 0);
        assert_eq!(edit_distance("control-plane.cor", "control-plane.core"), 1);
    }
}

/// Byte-wise string equality usable in `const` contexts.
///
/// `==` on `str` is not `const` on stable Rust; the compile-time governance checks need it.
/// It compares from the last byte: keys of one domain share long prefixes
/// (`controlPlane.execution.`) and differ near their end, and `const` evaluation pays for every
/// byte it looks at.
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = a.len();
    while i > 0 {
        i -= 1;
        if a[i] != b[i] {
            return false;
        }
    }
    true
}

/// Compares two strings by bytes, usable in `const` contexts.
pub const fn str_cmp(a: &str, b: &str) -> core::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] < b[i] {
            return core::cmp::Ordering::Less;
        }
        if a[i] > b[i] {
            return core::cmp::Ordering::Greater;
        }
        i += 1;
    }
    cmp_usize(a.len(), b.len())
}

pub(crate) const fn cmp_usize(a: usize, b: usize) -> core::cmp::Ordering {
    if a < b {
        core::cmp::Ordering::Less
    } else if a > b {
        core::cmp::Ordering::Greater
    } else {
        core::cmp::Ordering::Equal
    }
}

/// Returns `s[start..end]` in a `const` context.
pub(crate) const fn substr(s: &str, start: usize, end: usize) -> &str {
    let (_, tail) = s.split_at(start);
    let (mid, _) = tail.split_at(end - start);
    mid
}

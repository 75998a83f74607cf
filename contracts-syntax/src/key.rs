//! Contract keys: dot-separated segments of ASCII letters, digits and dashes.
//!
//! A segment starts and ends with a letter or digit and never holds two dashes in a row, so
//! `control-plane.core` and `controlPlane.execution.start` are keys while `.a`, `a..b`, `a-.b`,
//! `a--b` and `a_b` are not.

/// Why a key is malformed, with the byte offset of the problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The key is the empty string.
    Empty,
    /// A segment is empty: the key starts or ends with `.`, or holds `..`.
    EmptySegment {
        /// Byte offset of the offending `.`.
        at: usize,
    },
    /// A character other than an ASCII letter, digit, `-` or `.`.
    InvalidChar {
        /// Byte offset of the character.
        at: usize,
    },
    /// A dash at the start or end of a segment, or two dashes in a row.
    MisplacedDash {
        /// Byte offset of the dash.
        at: usize,
    },
}

impl KeyError {
    /// A sentence explaining the problem, without the key itself.
    pub const fn reason(&self) -> &'static str {
        match self {
            KeyError::Empty => "a key cannot be empty",
            KeyError::EmptySegment { .. } => "a key cannot start or end with `.` or contain `..`",
            KeyError::InvalidChar { .. } => {
                "a key may only contain ASCII letters, digits, `-` and `.`"
            }
            KeyError::MisplacedDash { .. } => {
                "a `-` must sit between two letters or digits of the same segment"
            }
        }
    }
}

/// Checks that `key` is dotted segments of letters, digits and dashes.
pub const fn validate_key(key: &str) -> Result<(), KeyError> {
    let bytes = key.as_bytes();
    if bytes.is_empty() {
        return Err(KeyError::Empty);
    }
    let mut i = 0;
    let mut segment_start = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'.' {
            if i == segment_start {
                return Err(KeyError::EmptySegment {
                    at: if at_end { i - 1 } else { i },
                });
            }
            if bytes[i - 1] == b'-' {
                return Err(KeyError::MisplacedDash { at: i - 1 });
            }
            segment_start = i + 1;
        } else {
            let b = bytes[i];
            if b == b'-' {
                if i == segment_start || bytes[i - 1] == b'-' {
                    return Err(KeyError::MisplacedDash { at: i });
                }
            } else if !b.is_ascii_alphanumeric() {
                return Err(KeyError::InvalidChar { at: i });
            }
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dotted_segments() {
        for key in [
            "a",
            "control-plane.core",
            "controlPlane.execution.start",
            "channel.messaging-policy",
            "v2.x-1-b.9",
        ] {
            assert_eq!(validate_key(key), Ok(()), "{key}");
        }
    }

    #[test]
    fn rejects_malformed_keys() {
        assert_eq!(validate_key(""), Err(KeyError::Empty));
        assert_eq!(validate_key(".a"), Err(KeyError::EmptySegment { at: 0 }));
        assert_eq!(validate_key("a."), Err(KeyError::EmptySegment { at: 1 }));
        assert_eq!(validate_key("a..b"), Err(KeyError::EmptySegment { at: 2 }));
        assert_eq!(validate_key("a_b"), Err(KeyError::InvalidChar { at: 1 }));
        assert_eq!(validate_key("a b"), Err(KeyError::InvalidChar { at: 1 }));
        assert_eq!(validate_key("-a"), Err(KeyError::MisplacedDash { at: 0 }));
        assert_eq!(validate_key("a-.b"), Err(KeyError::MisplacedDash { at: 1 }));
        assert_eq!(validate_key("a--b"), Err(KeyError::MisplacedDash { at: 2 }));
        assert_eq!(validate_key("a@1"), Err(KeyError::InvalidChar { at: 1 }));
    }
}

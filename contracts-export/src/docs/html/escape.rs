//! Escaping for HTML text, attribute values and URL fragments.

/// Appends `text` to `out`, escaped for HTML content and attribute values.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    let _ = write_escaped(out, text);
}

/// Writes `text` to `out`, escaped as [`escape_into`] does.
pub(crate) fn write_escaped(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])?;
        out.write_str(escaped)?;
        last = i + 1;
    }
    out.write_str(&text[last..])
}

/// Text shown escaped by `Display` ([`escape_into`] without a `String` of its own).
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_escaped(f, self.0)
    }
}

/// A writer that escapes what it is given as [`escape_into`] does.
pub(crate) struct EscapingWriter<'a>(pub(crate) &'a mut String);

impl std::fmt::Write for EscapingWriter<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        write_escaped(self.0, text)
    }
}

/// Percent-encodes a value for a URL fragment (`#tag=...`).
pub(crate) fn write_component(out: &mut impl std::fmt::Write, value: &str) -> std::fmt::Result {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.write_char(b as char)?;
        } else {
            write!(out, "%{b:02X}")?;
        }
    }
    Ok(())
}

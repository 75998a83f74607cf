//! A fixed-capacity text buffer for building error messages in `const` contexts, where
//! `format!` is unavailable.

const CAPACITY: usize = 2048;

/// An error message built at compile time.
pub struct Message {
    buf: [u8; CAPACITY],
    len: usize,
}

impl Message {
    /// An empty message.
    pub const fn new() -> Message {
        Message {
            buf: [0; CAPACITY],
            len: 0,
        }
    }

    /// Appends `text`, truncating at a character boundary if the buffer is full.
    pub const fn push(mut self, text: &str) -> Message {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if self.len == CAPACITY {
                while self.len > 0 && (self.buf[self.len - 1] & 0b1100_0000) == 0b1000_0000 {
                    self.len -= 1;
                }
                if self.len > 0 && self.buf[self.len - 1] >= 0b1100_0000 {
                    self.len -= 1;
                }
                return self;
            }
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// Appends a number.
    pub const fn number(mut self, mut n: u64) -> Message {
        let mut digits = [0u8; 20];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while count > 0 {
            count -= 1;
            if self.len < CAPACITY {
                self.buf[self.len] = digits[count];
                self.len += 1;
            }
        }
        self
    }

    /// Appends `text` between backticks.
    pub const fn code(self, text: &str) -> Message {
        self.push("`").push(text).push("`")
    }

    /// Appends `key@version` between backticks.
    pub const fn id(self, key: &str, version: &str) -> Message {
        self.push("`").push(key).push("@").push(version).push("`")
    }

    /// The message text.
    pub const fn as_str(&self) -> &str {
        let (text, _) = self.buf.split_at(self.len);
        match core::str::from_utf8(text) {
            Ok(text) => text,
            Err(_) => "(message was not valid UTF-8)",
        }
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

impl core::fmt::Debug for Message {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_text_and_numbers() {
        let m = Message::new()
            .push("line ")
            .number(0)
            .push(", ")
            .number(1234)
            .push(" ")
            .code("k")
            .id(" a", "1.0.0");
        assert_eq!(m.as_str(), "line 0, 1234 `k`` a@1.0.0`");
    }

    #[test]
    fn truncates_on_a_character_boundary() {
        let mut m = Message::new();
        let mut i = 0;
        while i < 1000 {
            m = m.push("é");
            i += 1;
        }
        assert!(m.as_str().chars().all(|c| c == 'é'));
    }
}

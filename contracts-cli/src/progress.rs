//! A minimal progress line on stderr, shown only on a terminal.

use std::io::Write;
use std::time::{Duration, Instant};

/// A single progress line (`Rendering pages  120/480`), redrawn in place. Disabled, it prints
/// nothing, so piped output and logs stay clean.
pub struct Progress<'a> {
    out: Option<&'a mut dyn Write>,
    label: &'static str,
    last: Option<Instant>,
    drawn: bool,
}

impl<'a> Progress<'a> {
    /// A progress line on `out`, or a silent one when `out` is `None`.
    pub fn new(out: Option<&'a mut dyn Write>, label: &'static str) -> Progress<'a> {
        Progress {
            out,
            label,
            last: None,
            drawn: false,
        }
    }

    /// Shows `done` of `total`, at most every 50 ms (and always the last step).
    pub fn update(&mut self, done: usize, total: usize) {
        let Some(out) = self.out.as_deref_mut() else {
            return;
        };
        let now = Instant::now();
        if done < total
            && self
                .last
                .is_some_and(|t| now - t < Duration::from_millis(50))
        {
            return;
        }
        self.last = Some(now);
        let width = 30;
        let filled = (done * width)
            .checked_div(total)
            .unwrap_or(width)
            .min(width);
        let _ = write!(
            out,
            "\r\x1b[2K{:<16} [{}{}] {done}/{total}",
            self.label,
            "=".repeat(filled),
            " ".repeat(width - filled)
        );
        let _ = out.flush();
        self.drawn = true;
    }

    /// Switches to another step.
    pub fn step(&mut self, label: &'static str) {
        self.label = label;
        self.last = None;
    }

    /// Erases the line.
    pub fn finish(&mut self) {
        if let (Some(out), true) = (self.out.as_deref_mut(), self.drawn) {
            let _ = write!(out, "\r\x1b[2K");
            let _ = out.flush();
        }
        self.drawn = false;
    }
}

impl Drop for Progress<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

//! Where an annotated item is defined, and its source text, for docs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The location and text of an annotated item.
#[derive(Clone, Debug, Default)]
pub struct SourceInfo {
    /// The file, relative to the declaring crate's manifest directory when possible.
    pub file: String,
    /// The 1-based first line of the item, including its attributes and doc comment.
    pub line: u32,
    /// The item's source text, from its first attribute to its end.
    pub text: String,
}

/// A source file with the byte offset of each line, read once per compilation: a crate
/// declaring hundreds of contracts in one file would otherwise split it hundreds of times.
struct SourceFile {
    text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(text: String) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { text, line_starts }
    }

    /// Line `n` (1-based), without its line break.
    fn line(&self, n: usize) -> &str {
        let start = self.line_starts[n - 1];
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |&next| next);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

thread_local! {
    static FILES: RefCell<HashMap<PathBuf, Rc<SourceFile>>> = RefCell::new(HashMap::new());
    /// Each file's path relative to the crate, computed once: it takes two `canonicalize` calls.
    static RELATIVE: RefCell<HashMap<PathBuf, Option<String>>> = RefCell::new(HashMap::new());
}

impl SourceInfo {
    /// Locates the item whose attribute arguments are `args` and whose tokens are `item`.
    pub fn locate(args: &proc_macro::TokenStream, item: &proc_macro::TokenStream) -> SourceInfo {
        let Some(first) = item.clone().into_iter().next() else {
            return SourceInfo::default();
        };
        let last = item
            .clone()
            .into_iter()
            .last()
            .unwrap_or_else(|| first.clone());
        let first = first.span();
        let item_line = first.line();
        let args_line = args.clone().into_iter().next().map(|arg| arg.span().line());
        // Attributes before ours are part of the item; ours is not, so when its arguments come
        // first the text starts at the line holding its `#[`.
        let (start_line, find_attribute) = match args_line {
            Some(line) if line < item_line => (line, true),
            _ => (item_line, false),
        };
        let end_line = last.span().end().line();
        let display = first.file();
        let local = first.local_file();
        let file = relative_to_manifest(local.as_deref()).unwrap_or(display);
        let text = local
            .as_deref()
            .and_then(read_cached)
            .map(|contents| item_text(&contents, start_line, end_line, find_attribute))
            .unwrap_or_default();
        SourceInfo {
            file,
            line: start_line as u32,
            text,
        }
    }
}

fn relative_to_manifest(local: Option<&Path>) -> Option<String> {
    let local = local?;
    RELATIVE.with(|cache| {
        if let Some(relative) = cache.borrow().get(local) {
            return relative.clone();
        }
        let relative = (|| {
            let canonical = local.canonicalize().ok()?;
            let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?)
                .canonicalize()
                .ok()?;
            let relative = canonical.strip_prefix(manifest).ok()?;
            Some(relative.to_string_lossy().replace('\\', "/"))
        })();
        cache
            .borrow_mut()
            .insert(local.to_owned(), relative.clone());
        relative
    })
}

fn read_cached(path: &Path) -> Option<Rc<SourceFile>> {
    FILES.with(|files| {
        if let Some(file) = files.borrow().get(path) {
            return Some(file.clone());
        }
        let file = Rc::new(SourceFile::new(std::fs::read_to_string(path).ok()?));
        files.borrow_mut().insert(path.to_owned(), file.clone());
        Some(file)
    })
}

/// Lines `start..=end` (1-based); with `find_attribute`, extended upward to the line holding
/// the attribute's `#[`.
fn item_text(file: &SourceFile, start: usize, end: usize, find_attribute: bool) -> String {
    if start == 0 || start > file.line_count() {
        return String::new();
    }
    let mut first = start;
    if find_attribute {
        let mut candidate = first;
        while candidate > 1 && first - candidate < 4 && !file.line(candidate).contains("#[") {
            candidate -= 1;
        }
        if file.line(candidate).contains("#[") {
            first = candidate;
        }
    }
    let last = end.min(file.line_count()).max(first);
    (first..=last)
        .map(|n| file.line(n))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::{item_text, SourceFile};

    #[test]
    fn includes_the_attribute_line_above_its_arguments() {
        let file = SourceFile::new(
            "use x;\n\n#[command(\n    key = \"a\",\n)]\npub struct A;\nfn f() {}\n".to_owned(),
        );
        assert_eq!(
            item_text(&file, 4, 6, true),
            "#[command(\n    key = \"a\",\n)]\npub struct A;"
        );
        assert_eq!(item_text(&file, 6, 6, false), "pub struct A;");
    }
}

//! A generated site: its files in memory, and writing them to a directory.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    /// The path relative to the site root, with `/` separators (`contracts/x@1.0.0.html`).
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

/// A generated docs site (Markdown or HTML): every file, sorted by path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    files: Vec<SiteFile>,
    index: String,
}

impl Site {
    pub(crate) fn new(mut files: Vec<SiteFile>, index: String) -> Site {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Site { files, index }
    }

    /// Every file, sorted by path.
    pub fn files(&self) -> &[SiteFile] {
        &self.files
    }

    /// The path of the index page, relative to the site root (`index.html`, `index.md`).
    pub fn index_path(&self) -> &str {
        &self.index
    }

    /// The contents of the file at `path`, if generated.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| self.files[i].contents.as_str())
    }

    /// Writes every file under `dir`, creating directories as needed. Existing files of the same
    /// name are replaced; other files are left alone.
    pub fn write(&self, dir: &Path) -> Result<(), WriteError> {
        self.write_with_progress(dir, &mut |_, _| {})
    }

    /// Like [`Site::write`], calling `progress(written, total)` after each file.
    pub fn write_with_progress(
        &self,
        dir: &Path,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), WriteError> {
        let fail = |path: &Path, source: io::Error| WriteError {
            path: path.to_owned(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        let mut created: Vec<PathBuf> = Vec::new();
        for (i, file) in self.files.iter().enumerate() {
            let path = file
                .path
                .split('/')
                .fold(dir.to_path_buf(), |path, part| path.join(part));
            if let Some(parent) = path.parent() {
                if !created.iter().any(|p| p == parent) {
                    std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
                    created.push(parent.to_owned());
                }
            }
            std::fs::write(&path, &file.contents).map_err(|e| fail(&path, e))?;
            progress(i + 1, self.files.len());
        }
        Ok(())
    }
}

/// A file or directory of a site could not be written.
#[derive(Debug)]
pub struct WriteError {
    /// The path that could not be created or written.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

//! One module per command, each a method of the command context; and what they share to write
//! their output.

mod docs;
mod evolution;
mod export;
mod list;
mod show;
mod validate;

use crate::Failure;
use std::path::Path;

pub(crate) fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    Ok(serde_json::to_string_pretty(value)?)
}

/// Refuses an output directory that exists as a file, naming the path.
pub(crate) fn check_writable_dir(dir: &Path) -> Result<(), Failure> {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure(format!(
            "cannot write `{}`: it exists and is not a directory",
            dir.display()
        )));
    }
    Ok(())
}

pub(crate) fn write_file(path: &Path, contents: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure(format!("cannot write `{}`: {e}", parent.display())))?;
    }
    std::fs::write(path, contents)
        .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))
}

//! A [`Report`](crate::Report) as text (a terminal), Markdown (a pull request) or SARIF 2.1.0
//! (code scanning).

mod markdown;
mod sarif;
mod text;

pub use markdown::markdown;
pub use sarif::sarif;
pub use text::text;

use crate::lock::Origin;

/// Where a finding points, as a path relative to the repository root and a line: `crate_dir`
/// is the declaring crate's directory (where its lock file is), `lock_file` the lock's path.
pub(crate) fn location(origin: &Origin, crate_dir: &str, lock_file: &str) -> Option<(String, u32)> {
    let join = |file: &str| {
        if crate_dir.is_empty() || crate_dir == "." {
            file.to_owned()
        } else {
            format!("{}/{file}", crate_dir.trim_end_matches('/'))
        }
    };
    match origin {
        Origin::Unknown => None,
        Origin::Source { file, line } => Some((join(file), *line)),
        Origin::Lock { line } => Some((lock_file.to_owned(), *line)),
    }
}

/// Where the files a report names are: the declaring crate's directory and its lock file, both
/// relative to the repository root.
#[derive(Clone, Copy, Debug)]
pub struct Paths<'a> {
    /// The declaring crate's directory (`contracts-control-plane`).
    pub crate_dir: &'a str,
    /// The lock file (`contracts-control-plane/contracts.lock`).
    pub lock_file: &'a str,
}

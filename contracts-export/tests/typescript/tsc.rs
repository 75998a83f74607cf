//! The TypeScript compiler, run on a project of generated and hand-written files in strict mode.
//!
//! The compiler is the `typescript` package of `tests/typescript/package.json`, installed with
//! `npm ci --prefix contracts-export/tests/typescript` (`.ci/run` installs it when missing).
//! Without it, or without Node.js, checks fail with a message naming what to install.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The directory of the npm project holding the compiler, the compiler options and the usage
/// files.
pub fn typescript_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/typescript")
}

/// The compiler's entry point, or a panic naming what to install.
pub fn tsc() -> PathBuf {
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        panic!(
            "Node.js is not installed, and the TypeScript check needs it: install it \
             (`apt-get install -y nodejs npm`), then the compiler \
             (`npm ci --prefix contracts-export/tests/typescript`)"
        );
    }
    let tsc = typescript_dir().join("node_modules/typescript/bin/tsc");
    if !tsc.is_file() {
        panic!(
            "the TypeScript compiler is not installed at {}: install it with \
             `npm ci --prefix contracts-export/tests/typescript`",
            tsc.display()
        );
    }
    tsc
}

/// A fresh directory for a TypeScript project under the target directory.
pub fn project_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("typescript-{name}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("removing the old project");
    }
    std::fs::create_dir_all(&dir).expect("creating the project directory");
    dir
}

/// Writes `files` (name, text) into `dir` with the strict compiler options of
/// `tests/typescript/tsconfig.json` and compiles them, JavaScript written beside them, with the
/// compiler's `arguments` after the project's (`--noEmit`, an option overridden). On errors,
/// panics with the compiler's report.
pub fn compile(dir: &Path, files: &[(&str, &str)], arguments: &[&str]) {
    let tsc = tsc();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("writing a TypeScript file");
    }
    let options = std::fs::read_to_string(typescript_dir().join("tsconfig.json"))
        .expect("tests/typescript/tsconfig.json");
    std::fs::write(dir.join("tsconfig.json"), options).expect("writing tsconfig.json");
    let output = Command::new("node")
        .arg(&tsc)
        .arg("--project")
        .arg(dir.join("tsconfig.json"))
        .args(arguments)
        .output()
        .expect("running tsc");
    assert!(
        output.status.success(),
        "tsc found errors in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

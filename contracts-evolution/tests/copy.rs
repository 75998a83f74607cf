//! A copy of `contracts-control-plane`, built by cargo in a temporary workspace: its lock test
//! passes as committed, and once a field is removed from a locked contract without a version
//! bump the copy no longer compiles: the error is on the contract's `version` literal, naming
//! the contract, the part that changed and the fix.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The manifest of the copy: the crate's own dependencies (serde and schemars as the workspace
/// declares them), the workspace's crates by absolute path, and only the dev-dependency its lock
/// test needs.
fn manifest(root: &Path) -> String {
    let path = |name: &str| root.join(name).display().to_string();
    let workspace = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let dependency = |name: &str| {
        workspace
            .lines()
            .find(|line| line.starts_with(&format!("{name} = ")))
            .unwrap_or_else(|| panic!("the workspace declares {name}"))
            .to_owned()
    };
    format!(
        r#"[package]
name = "contracts-control-plane"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
contracts-core = {{ path = "{core}" }}
{serde}
{schemars}

[dev-dependencies]
contracts-evolution = {{ path = "{evolution}" }}

[workspace]
"#,
        core = path("contracts-core"),
        evolution = path("contracts-evolution"),
        serde = dependency("serde"),
        schemars = dependency("schemars"),
    )
}

fn cargo_test(dir: &Path) -> (bool, String) {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("evolution-copy");
    let output = Command::new(env!("CARGO"))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .args(["test", "--offline", "--quiet", "--test", "contracts_lock"])
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn removing_a_locked_field_without_a_bump_fails_the_build() {
    let root = root();
    let temp = tempfile::tempdir().unwrap();
    let copy = temp.path().join("contracts-control-plane");
    copy_dir(&root.join("contracts-control-plane/src"), &copy.join("src"));
    std::fs::create_dir_all(copy.join("tests")).unwrap();
    std::fs::copy(
        root.join("contracts-control-plane/tests/contracts_lock.rs"),
        copy.join("tests/contracts_lock.rs"),
    )
    .unwrap();
    std::fs::copy(
        root.join("contracts-control-plane/contracts.lock"),
        copy.join("contracts.lock"),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), copy.join("Cargo.lock")).unwrap();
    std::fs::write(copy.join("Cargo.toml"), manifest(&root)).unwrap();

    let (ok, output) = cargo_test(&copy);
    assert!(ok, "the copy as committed passes:\n{output}");

    let start = copy.join("src/commands/execution_start.rs");
    let source = std::fs::read_to_string(&start).unwrap();
    let field = "    pub plan_id: Id,\n";
    assert!(source.contains(field));
    std::fs::write(&start, source.replacen(field, "", 1)).unwrap();

    let (ok, output) = cargo_test(&copy);
    assert!(!ok, "the changed copy fails:\n{output}");
    assert!(
        output.contains(
            "the input of `controlPlane.execution.start@1.0.0` changed, but `contracts.lock` \
             records this version as released, and a released version is frozen: bump the \
             version and run `contracts lock`, or undo the change"
        ),
        "{output}"
    );
    let version = source
        .lines()
        .position(|line| line.contains("version = \"1.0.0\""))
        .map(|index| format!("src/commands/execution_start.rs:{}:", index + 1))
        .expect("the contract's version literal");
    assert!(
        output.contains(&version),
        "reported at {version}:\n{output}"
    );
    assert_eq!(output.matches("error[E0080]").count(), 1, "{output}");
}

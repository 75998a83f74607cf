//! `contracts lock` and `contracts diff`, run by the real binary against the control-plane
//! crate's committed lock and edited copies of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CRATE: &str = "contracts_control_plane";
const COMMITTED: &str = include_str!("../../contracts-control-plane/contracts.lock");
const START_PLAN: &str = "  input.planId: Id\n";

fn contracts(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contracts"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A lock whose `controlPlane.execution.start@1.0.0` input has a field the contract lacks: the
/// registry reads as if the field were removed.
fn lock_with_extra_field() -> String {
    assert!(COMMITTED.contains(START_PLAN));
    COMMITTED.replacen(
        START_PLAN,
        &format!("{START_PLAN}  input.legacyId: Id\n"),
        1,
    )
}

/// A lock without the optional `mode` field of the same input: the registry reads as if it
/// were added, a compatible change.
fn lock_without_optional_field() -> String {
    let line = "  input.mode?: String\n";
    let start = COMMITTED
        .find("contract controlPlane.execution.start@1.0.0")
        .unwrap();
    let at = start + COMMITTED[start..].find(line).unwrap();
    format!("{}{}", &COMMITTED[..at], &COMMITTED[at + line.len()..])
}

fn write_lock(dir: &Path, contents: &str) -> PathBuf {
    let path = dir.join("contracts.lock");
    std::fs::write(&path, contents).unwrap();
    path
}

const REMOVED: &str =
    "field `legacyId` of `controlPlane.execution.start@1.0.0` input was removed; \
                       bump to 2.0.0, or restore the field";

#[test]
fn lock_writes_the_committed_lock_and_then_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contracts.lock");
    let lock = path.to_str().unwrap();
    let output = contracts(&["lock", "--crate", CRATE, "--lock", lock]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!("wrote `{lock}`: 40 contracts\n")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMITTED);
    let output = contracts(&["lock", "--crate", CRATE, "--lock", lock]);
    assert_eq!(
        text(&output.stdout),
        format!("up to date: `{lock}`: 40 contracts\n")
    );
}

#[test]
fn lock_refuses_a_breaking_change_and_records_a_compatible_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_lock(dir.path(), &lock_with_extra_field());
    let lock = path.to_str().unwrap();
    let output = contracts(&["lock", "--crate", CRATE, "--lock", lock]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        format!("error[REQ_FIELD_REMOVED]: {REMOVED}\n")
    );
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: refusing to lock `{lock}`: 1 error, 0 warnings, 0 notes (the errors are \
             listed above); bump the versions or undo the changes\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        lock_with_extra_field()
    );

    // Under a locked version even a compatible change is an error.
    write_lock(dir.path(), &lock_without_optional_field());
    let output = contracts(&["lock", "--crate", CRATE, "--lock", lock]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains(
        "error[REQ_FIELD_ADDED_OPTIONAL]: optional field `mode` of \
         `controlPlane.execution.start@1.0.0` input was added; bump to 1.1.0, or remove the field"
    ));
}

#[test]
fn lock_records_new_contracts() {
    let dir = tempfile::tempdir().unwrap();
    let start = COMMITTED
        .find("contract controlPlane.execution.start@1.0.0")
        .unwrap();
    let end = start + COMMITTED[start..].find("\n\n").unwrap() + 2;
    let without = format!("{}{}", &COMMITTED[..start], &COMMITTED[end..]);
    let path = write_lock(dir.path(), &without);
    let output = contracts(&["lock", "--crate", CRATE, "--lock", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with(
        "info[CONTRACT_ADDED]: `controlPlane.execution.start@1.0.0` is not locked yet; run `contracts lock`\n"
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), COMMITTED);
}

#[test]
fn diff_is_clean_against_the_committed_lock() {
    let output = contracts(&[
        "diff",
        "--crate",
        CRATE,
        "--lock",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../contracts-control-plane/contracts.lock"
        ),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "no changes against the lock\n");
}

#[test]
fn diff_reports_text_markdown_and_sarif_and_exits_1_when_breaking() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_lock(dir.path(), &lock_with_extra_field());
    let lock = path.to_str().unwrap();
    let crate_dir = dir.path().to_str().unwrap();
    let file = format!("{crate_dir}/src/commands/execution_start.rs");

    let output = contracts(&["diff", "--crate", CRATE, "--lock", lock]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(format!("error[REQ_FIELD_REMOVED]: {REMOVED}").as_str())
    );
    let location = lines.next().unwrap();
    assert!(
        location.starts_with(&format!("  --> {file}:")),
        "{location}"
    );
    assert_eq!(lines.next(), Some("1 error, 0 warnings, 0 notes"));

    let output = contracts(&[
        "diff", "--crate", CRATE, "--lock", lock, "--format", "markdown",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let md = text(&output.stdout);
    assert!(
        md.starts_with("### Contract changes: 1 error, 0 warnings, 0 notes\n"),
        "{md}"
    );
    assert!(md.contains("| Level | Rule | Contract | Change | Where |"));
    assert!(md.contains(&format!(
        "| error | `REQ_FIELD_REMOVED` | `controlPlane.execution.start@1.0.0` | {REMOVED} | `{file}:"
    )));

    let output = contracts(&[
        "diff", "--crate", CRATE, "--lock", lock, "--format", "sarif",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), contracts_evolution::rules::CATALOGUE.len());
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "REQ_FIELD_REMOVED");
    assert_eq!(result["level"], "error");
    assert_eq!(result["message"]["text"], REMOVED);
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "REQ_FIELD_REMOVED"
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], file.as_str());
    assert!(location["region"]["startLine"].as_u64().unwrap() > 1);
}

#[test]
fn diff_compares_two_lock_files() {
    let dir = tempfile::tempdir().unwrap();
    let old = write_lock(dir.path(), COMMITTED);
    let new = dir.path().join("new.lock");
    std::fs::write(&new, lock_without_optional_field()).unwrap();
    let output = contracts(&[
        "diff",
        "--lock",
        old.to_str().unwrap(),
        "--against",
        new.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout).lines().next(),
        Some(
            "error[REQ_FIELD_REMOVED]: field `mode` of `controlPlane.execution.start@1.0.0` \
             input was removed; bump to 2.0.0, or restore the field"
        )
    );
}

#[test]
fn diff_reads_the_lock_at_a_git_ref() {
    let git = |dir: &Path, args: &[&str]| {
        let output = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .expect("git is installed (apt-get install git)");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            text(&output.stderr)
        );
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write_lock(dir.path(), &lock_with_extra_field());
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "contracts.lock"]);
    git(
        dir.path(),
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "commit",
            "-qm",
            "lock",
        ],
    );
    write_lock(dir.path(), COMMITTED);
    let lock = path.to_str().unwrap();

    let output = contracts(&["diff", "--crate", CRATE, "--lock", lock]);
    assert!(output.status.success(), "the working copy matches");

    let output = contracts(&[
        "diff",
        "--crate",
        CRATE,
        "--lock",
        lock,
        "--git-ref",
        "HEAD",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with(&format!("error[REQ_FIELD_REMOVED]: {REMOVED}\n")));

    let output = contracts(&[
        "diff",
        "--crate",
        CRATE,
        "--lock",
        lock,
        "--git-ref",
        "nope",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = text(&output.stderr);
    assert!(
        err.starts_with(&format!("error: cannot read `{lock}` at `nope`: ")),
        "{err}"
    );
}

#[test]
fn unknown_crates_and_malformed_locks_are_named() {
    let output = contracts(&["lock", "--crate", "nope"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "error: the registry holds no crate `nope`; crates with contracts: \
         contracts_control_plane, contracts_harness, contracts_context\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write_lock(
        dir.path(),
        "contracts-lock 1\ncontract a@1.0.0\n  colour red\n",
    );
    let lock = path.to_str().unwrap();
    let output = contracts(&["diff", "--crate", CRATE, "--lock", lock]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!("error: cannot read `{lock}`: line 3: unknown fact `colour`\n")
    );
}

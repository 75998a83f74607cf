//! The real `contracts` binary, run against its embedded registry (the three domains): every
//! command, its output and its exit status.

use std::path::Path;
use std::process::{Command, Output};

// The registry the binary embeds.
use contracts_reference::DOMAINS;

fn contracts(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_contracts"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Fails with `status`, saying so on one line of stderr, and nothing on stdout.
fn assert_fails(output: &Output, status: i32, message: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(status), "{err}");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(message), "{err:?} lacks {message:?}");
    assert!(output.stdout.is_empty(), "{}", stdout(output));
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn list_shows_every_contract_as_a_table() {
    let output = contracts(&["list"]);
    assert!(output.status.success());
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["KIND", "KEY", "VERSION", "STABILITY", "DOMAIN", "TITLE"]
    );
    assert_eq!(lines.len(), DOMAINS.len() + 1);
    for (line, contract) in lines[1..].iter().zip(DOMAINS.iter()) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cells[0], contract.kind().as_str());
        assert_eq!(cells[1], contract.key());
        assert_eq!(cells[2], contract.version().as_str());
    }
    assert!(output.stderr.is_empty());
}

#[test]
fn list_filters() {
    let keys = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        json(&contracts(&all))
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["key"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(keys(&[]).len(), DOMAINS.len());
    assert_eq!(keys(&["--kind", "command"]).len(), 19);
    assert_eq!(keys(&["--kind", "query"]).len(), 15);
    assert_eq!(keys(&["--kind", "operation"]).len(), 34);
    assert_eq!(keys(&["--kind", "data_view"]).len(), 4);
    assert_eq!(keys(&["--kind", "data-view"]).len(), 4);
    assert_eq!(keys(&["--domain", "context"]).len(), 9);
    assert_eq!(
        keys(&["--capability", "harness.evidence"]),
        [
            "harness.evidence.captured",
            "harness.evidence.get",
            "harness.evidence.list",
            "harness.run.audit"
        ]
    );
    assert_eq!(
        keys(&[
            "--kind",
            "event",
            "--tag",
            "lane",
            "--domain",
            "control-plane"
        ]),
        Vec::<String>::new()
    );
    let skills = keys(&["--tag", "skills", "--kind", "command"]);
    assert_eq!(
        skills,
        ["controlPlane.skill.disable", "controlPlane.skill.install"]
    );
    assert_eq!(keys(&["--owner", "platform.harness"]).len(), 25);
}

#[test]
fn list_json_describes_each_contract() {
    let rows = json(&contracts(&["list", "--format", "json", "--kind", "query"]));
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "harness.run.get")
        .unwrap();
    assert_eq!(row["version"], "1.0.0");
    assert_eq!(row["kind"], "query");
    assert_eq!(row["type"], "operation (query)");
    assert_eq!(row["domain"], "harness");
    assert_eq!(row["owners"][0], "platform.harness");
    assert_eq!(row["stability"], "experimental");
    assert_eq!(row["capability"], "harness.execution@1.0.0");
    assert!(row["file"]
        .as_str()
        .unwrap()
        .starts_with("src/queries/run_get.rs:"));
}

#[test]
fn list_rejects_unknown_filters_with_a_suggestion() {
    assert_fails(
        &contracts(&["list", "--kind", "evnt"]),
        1,
        "did you mean `event`?",
    );
    assert_fails(
        &contracts(&["list", "--tag", "evidnce"]),
        1,
        "did you mean `evidence`?",
    );
    assert_fails(
        &contracts(&["list", "--domain", "harnes"]),
        1,
        "no contract has domain `harnes`; did you mean `harness`?",
    );
    assert_fails(
        &contracts(&["list", "--capability", "harness.evidense"]),
        1,
        "did you mean `harness.evidence`?",
    );
    assert_fails(
        &contracts(&["list", "--capability", "harness.run.get"]),
        1,
        "`harness.run.get` is an operation (query), not a capability",
    );
}

#[test]
fn show_prints_the_docs_page_as_text() {
    let output = contracts(&["show", "controlPlane.skill.install"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let contract = DOMAINS.latest("controlPlane.skill.install").unwrap();
    let op = contract.as_operation().unwrap();
    assert!(out.starts_with("controlPlane.skill.install\n==="), "{out}");
    assert!(!out.contains("\x1b["), "no styling when piped");
    for text in [
        op.meta.description,
        "Type       operation (command)",
        "Owners     platform.core",
        "Stability  experimental",
        "GOAL",
        "Enforce trusted skill onboarding with provenance guarantees.",
        "CAPABILITY",
        "control-plane.skill-registry (v1.0.0): Install signed skill artifacts.",
        "POLICY",
        "- Auth: admin",
        "REST: POST /controlPlane/skill/install/v1.0.0",
        "MCP tool: controlPlane_skill_install-v1_0_0",
        "EMITTED EVENTS",
        "controlPlane.skill.installed (v1.0.0)  Skill validation and installation complete successfully.",
        "Code:        SIGNATURE_INVALID",
        "INPUT",
        "OUTPUT",
        "SOURCE DEFINITION",
        "    pub struct ControlPlaneSkillInstallInput {",
    ] {
        assert!(out.contains(text), "missing {text:?}");
    }
    for error in op.errors {
        assert!(out.contains(error.code), "{}", error.code);
    }
    for field in op.input.info.fields() {
        assert!(out.contains(field.name), "{}", field.name);
    }
    // A pinned version shows the same page.
    let pinned = contracts(&["show", "controlPlane.skill.install@1.0.0"]);
    assert_eq!(stdout(&pinned), out);
}

#[test]
fn show_prints_markdown_and_json() {
    let contract = DOMAINS.latest("harness.run.start").unwrap();
    let markdown = contracts(&["show", "harness.run.start", "--format", "markdown"]);
    assert!(markdown.status.success());
    assert_eq!(
        stdout(&markdown),
        format!(
            "{}\n",
            contracts_export::docs::markdown_page(&DOMAINS, contract).trim_end()
        )
    );
    let value = json(&contracts(&[
        "show",
        "harness.run.start",
        "--format",
        "json",
    ]));
    assert_eq!(value, serde_json::to_value(contract).unwrap());
    assert_eq!(value["emits"][0]["key"], "harness.run.started");
}

#[test]
fn show_doc_blocks() {
    let output = contracts(&["show", "docs.tech.context.pack.describe"]);
    assert!(output.status.success());
    let out = stdout(&output);
    assert!(out.contains("Describe context pack"));
    assert!(out.contains("Returns a canonical view of a context pack"));
    assert!(out.contains("context.pack.describe (v1.0.0), operation (query)"));
}

#[test]
fn show_suggests_the_nearest_key() {
    assert_fails(
        &contracts(&["show", "harness.run.strat"]),
        1,
        "no contract or doc block `harness.run.strat` in the registry; did you mean `harness.run.start`?",
    );
    // Keys match exactly (ContractSpec's `get('harness.run')` returns `harness.run.verify`-like
    // neighbours by prefix); the error lists the keys under it instead.
    assert_fails(
        &contracts(&["show", "harness.run"]),
        1,
        "did you mean one under it, such as `harness.run.audit`, `harness.run.cancel`",
    );
    assert_fails(
        &contracts(&["show", "controlPlane.skill"]),
        1,
        "`controlPlane.skill.disable`",
    );
    assert_fails(
        &contracts(&["show", "harness.run.start@2.0.0"]),
        1,
        "`harness.run.start` has no version `2.0.0`; its versions are `1.0.0`",
    );
    assert_fails(
        &contracts(&["show", "harness..run"]),
        1,
        "`harness..run` is not a contract reference",
    );
    assert_fails(
        &contracts(&["show", "docs.tech.context.pack.describ"]),
        1,
        "did you mean the doc block `docs.tech.context.pack.describe`?",
    );
    assert_fails(&contracts(&["show", "zzz"]), 1, "the nearest key is `");
}

#[test]
fn validate_reports_the_real_orphans_as_warnings() {
    let output = contracts(&["validate"]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("warning: ")).collect();
    for orphan in [
        "controlPlane.plan.rejected@1.0.0",
        "harness.step.started@1.0.0",
        "harness.step.completed@1.0.0",
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(&format!("`{orphan}` is provided by no capability (orphan)"))),
            "{orphan}: {out}"
        );
    }
    assert_eq!(warnings.len(), 3, "{out}");
    assert!(!out.contains("error: "), "{out}");
    assert!(out.ends_with(&format!(
        "{} contracts and 8 doc blocks checked: 0 errors, 3 warnings\n",
        DOMAINS.len()
    )));
    assert_eq!(
        contracts(&["validate", "--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn export_registry_serializes_every_contract() {
    let value = json(&contracts(&["export", "registry"]));
    let listed = value["contracts"].as_array().unwrap();
    assert_eq!(listed.len(), DOMAINS.len());
    for (json, contract) in listed.iter().zip(DOMAINS.iter()) {
        assert_eq!(json, &serde_json::to_value(contract).unwrap());
    }
    assert_eq!(value["docBlocks"].as_array().unwrap().len(), 8);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nested/registry.json");
    let output = contracts(&["export", "registry", "--out", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written, value);
}

#[test]
fn unwritable_paths_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let target = blocker.join("registry.json");
    let output = contracts(&["export", "registry", "--out", target.to_str().unwrap()]);
    assert_fails(&output, 1, &format!("cannot write `{}`", blocker.display()));

    let output = contracts(&["docs", "--out", blocker.to_str().unwrap()]);
    assert_fails(
        &output,
        1,
        &format!(
            "cannot write `{}`: it exists and is not a directory",
            blocker.display()
        ),
    );
    let output = contracts(&["docs", "--out", blocker.join("site").to_str().unwrap()]);
    assert_fails(&output, 1, &format!("cannot write `{}", blocker.display()));
}

fn count_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                count_files(&e.path())
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn docs_writes_a_site_and_says_where_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let output = contracts(&["docs", "--out", site.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        output.stderr.is_empty(),
        "quiet when piped: {}",
        stderr(&output)
    );
    let out = stdout(&output);
    let index = site.join("index.html");
    assert_eq!(
        out.lines().last().unwrap(),
        format!("Open {}", index.display())
    );
    assert!(index.is_file());
    // A page per contract, doc block and domain (three), the owners and stability pages, the
    // index.
    let pages = DOMAINS.len() + DOMAINS.doc_blocks().len() + 3 + 3;
    assert_eq!(count_files(&site), pages + 1); // and the stylesheet
    assert!(site
        .join("contracts/harness.run.start@1.0.0.html")
        .is_file());
    assert!(site
        .join("contracts/control_plane.plan.rejected@1.0.0.html")
        .is_file());
    assert!(site.join("assets/style.css").is_file());
    assert_eq!(
        std::fs::read_to_string(site.join("contracts/harness.run.start@1.0.0.html")).unwrap(),
        contracts_export::docs::html(&DOMAINS)
            .get("contracts/harness.run.start@1.0.0.html")
            .unwrap()
    );

    let markdown = dir.path().join("md");
    let output = contracts(&[
        "docs",
        "--out",
        markdown.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).ends_with(&format!("Open {}\n", markdown.join("index.md").display())));
    assert_eq!(count_files(&markdown), pages);
    assert!(markdown
        .join("docs/docs.tech.context.pack.describe.md")
        .is_file());
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let output = contracts(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Usage: contracts <COMMAND>"));
    let output = contracts(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    let output = contracts(&["export", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output)
        .contains("jsonschema, openapi, mcp, graphql, asyncapi, typescript, registry"));
    let output = contracts(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    for command in ["list", "show", "validate", "export", "docs"] {
        assert!(stdout(&output).contains(command));
    }
    let output = contracts(&["--version"]);
    assert_eq!(
        stdout(&output),
        format!("contracts {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn export_writes_every_surface() {
    let value = json(&contracts(&["export", "jsonschema"]));
    assert_eq!(value, contracts_export::json_schema::export(&DOMAINS));
    let mut value = json(&contracts(&["export", "openapi"]));
    let mut expected = contracts_export::openapi::export(&DOMAINS);
    // The title names the crate declaring the registry: the binary's, or this test's.
    assert!(value["info"]["title"].is_string());
    value["info"].take();
    expected["info"].take();
    assert_eq!(value, expected);
    assert!(value["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(value["paths"]["/controlPlane/execution/start/v1.0.0"]["post"].is_object());
    let value = json(&contracts(&["export", "mcp"]));
    assert_eq!(value, contracts_export::mcp::export(&DOMAINS));
    let output = contracts(&["export", "graphql"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let sdl = stdout(&output);
    assert_eq!(
        sdl.trim_end(),
        contracts_export::graphql::export(&DOMAINS).trim_end()
    );
    assert!(sdl.contains("type Query") && sdl.contains("type Mutation"));
    let mut value = json(&contracts(&["export", "asyncapi"]));
    let mut expected = contracts_export::asyncapi::export(&DOMAINS);
    assert!(value["info"]["title"].is_string());
    value["info"].take();
    expected["info"].take();
    assert_eq!(value, expected);
    assert_eq!(value["asyncapi"], "3.0.0");

    let dir = tempfile::tempdir().unwrap();
    for (what, file) in [
        ("jsonschema", "schemas.json"),
        ("openapi", "openapi.json"),
        ("mcp", "tools.json"),
        ("graphql", "schema.graphql"),
        ("asyncapi", "asyncapi.json"),
    ] {
        let path = dir.path().join(file);
        let output = contracts(&["export", what, "--out", path.to_str().unwrap()]);
        assert!(output.status.success(), "{what}: {}", stderr(&output));
        assert!(output.stdout.is_empty());
        let via_stdout = stdout(&contracts(&["export", what]));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            via_stdout,
            "{what}"
        );
    }
}

#[test]
fn export_writes_typescript_and_openapi_3_0() {
    let output = contracts(&["export", "typescript"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).trim_end(),
        contracts_export::typescript::export(&DOMAINS).trim_end()
    );

    let mut value = json(&contracts(&["export", "openapi", "--version", "3.0"]));
    let mut expected =
        contracts_export::openapi::v3_0::down_convert(&contracts_export::openapi::export(&DOMAINS));
    value["info"].take();
    expected["info"].take();
    assert_eq!(value, expected);
    assert_eq!(value["openapi"], "3.0.3");
    let value = json(&contracts(&["export", "openapi", "--version", "3.1"]));
    assert!(value["openapi"].as_str().unwrap().starts_with("3.1"));

    let output = contracts(&["export", "graphql", "--version", "3.0"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("use it with `export openapi`"));
}

#[test]
fn test_runs_every_declared_example_against_the_bound_handlers() {
    let output = contracts(&["test"]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let out = stdout(&output);
    assert!(
        out.contains(
            "harness.run.start@1.0.0\n  ok       scenario\n  ok       neither-scenario-nor-suite\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("controlPlane.execution.start@1.0.0\n  ok       start\n  ok       not-approved\n  ok       not-admin\n"),
        "{out}"
    );
    assert_eq!(
        out.lines().last(),
        Some("14 example(s): 14 passed, 0 failed, 0 not run"),
        "{out}"
    );
}

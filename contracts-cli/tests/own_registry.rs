//! The command of a registry of one's own, as an application gets it from `contracts_cli`: no
//! demo domain involved.

use contracts_core::{capability, command, registry, Model};

/// The loans of a small library.
#[capability(
    key = "library.loans",
    version = "1.0.0",
    kind = "api",
    provides(operation("library.loan.create@1.0.0"))
)]
pub struct Loans;

/// Lend a book.
#[command(key = "library.loan.create", version = "1.0.0", capability = "library.loans",
    output = String, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct CreateLoan {
    pub isbn: String,
}

registry! {
    /// The library's contracts.
    pub static LIBRARY;
    defaults(domain = "library", owners = ["team.library"], stability = "beta");
    contracts(Loans, CreateLoan);
}

fn run(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut all = vec!["contracts"];
    all.extend_from_slice(args);
    let status = contracts_cli::execute(&LIBRARY, all, &mut out, &mut err);
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (status, text(out), text(err))
}

#[test]
fn lists_validates_and_exports_its_own_registry() {
    let (status, out, err) = run(&["list", "--format", "json"]);
    assert_eq!(status, 0, "{err}");
    let listed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["library.loan.create", "library.loans"]);

    let (status, _, err) = run(&["validate"]);
    assert_eq!(status, 0, "{err}");
    let (status, out, err) = run(&["export", "openapi"]);
    assert_eq!(status, 0, "{err}");
    let document: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(document["paths"]
        .as_object()
        .unwrap()
        .contains_key("/library/loan/create/v1.0.0"));
}

#[test]
fn serve_refuses_to_start_with_operations_that_have_no_handler() {
    let (status, _, err) = run(&["serve", "--http", "127.0.0.1:0"]);
    assert_eq!(status, 1);
    assert!(err.contains("library.loan.create@1.0.0"), "{err}");
    assert!(err.contains("--allow-unbound"), "{err}");
}

#[test]
fn help_says_whose_registry_it_serves() {
    let (status, out, _) = run(&["--help"]);
    assert_eq!(status, 0);
    assert!(
        out.contains("the contract registry this binary was built with"),
        "{out}"
    );
}

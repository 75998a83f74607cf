//! The naming rules over the three domain registries: every name valid and unique.

use contracts_core::{ContractKind, Registry};
use contracts_export::naming::{
    graphql_field_name, mcp_tool_name, operation_id, rest_method, rest_path, type_name, Role,
    MCP_TOOL_NAME_MAX_LEN,
};
use std::collections::HashSet;

contracts_core::registry! {
    pub static ALL;
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
}

fn is_graphql_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !name.starts_with("__")
}

fn assert_unique(what: &str, names: impl IntoIterator<Item = String>) -> usize {
    let mut seen = HashSet::new();
    for name in names {
        assert!(seen.insert(name.clone()), "{what} `{name}` is not unique");
    }
    seen.len()
}

fn registry() -> &'static Registry {
    &ALL
}

#[test]
fn every_domain_name_is_valid_and_unique() {
    let operations: Vec<_> = registry().operations().collect();
    assert!(operations.len() >= 30, "{}", operations.len());

    let tools = assert_unique(
        "MCP tool name",
        operations.iter().map(|op| mcp_tool_name(&op.meta)),
    );
    assert_eq!(tools, operations.len());
    for op in &operations {
        let name = mcp_tool_name(&op.meta);
        assert!(name.len() <= MCP_TOOL_NAME_MAX_LEN, "{name}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
            "{name}"
        );
        // The domains use plain keys and versions: ContractSpec's names, untouched.
        let contractspec = format!(
            "{}-v{}",
            op.meta.key.replace('.', "_"),
            op.meta.version.as_str().replace('.', "_")
        );
        assert_eq!(name, contractspec);
        assert!(is_graphql_name(&graphql_field_name(&op.meta)));
        assert_eq!(operation_id(&op.meta), graphql_field_name(&op.meta));
    }
    assert_unique(
        "GraphQL field",
        operations.iter().map(|op| graphql_field_name(&op.meta)),
    );
    assert_unique(
        "REST route",
        operations
            .iter()
            .map(|op| format!("{} {}", rest_method(op.kind), rest_path(&op.meta))),
    );
    assert_unique("REST path", operations.iter().map(|op| rest_path(&op.meta)));

    // Type names over every message of every operation and event.
    let mut types = Vec::new();
    for contract in registry().iter() {
        match contract.kind() {
            ContractKind::Command | ContractKind::Query => {
                types.push(type_name(contract.meta(), Role::Input));
                types.push(type_name(contract.meta(), Role::Output));
            }
            ContractKind::Event => types.push(type_name(contract.meta(), Role::Payload)),
            _ => {}
        }
    }
    for name in &types {
        assert!(is_graphql_name(name), "{name}");
    }
    assert_unique("type name", types);
}

#[test]
fn the_issue_examples_hold_in_the_domain() {
    let start = registry()
        .get("controlPlane.execution.start", "1.0.0")
        .unwrap();
    assert_eq!(
        rest_path(start.meta()),
        "/controlPlane/execution/start/v1.0.0"
    );
    assert_eq!(
        mcp_tool_name(start.meta()),
        "controlPlane_execution_start-v1_0_0"
    );
    assert_eq!(
        graphql_field_name(start.meta()),
        "controlPlane_execution_start_v1_0_0"
    );
}

//! How contracts are named on each surface: ContractSpec's rules, made valid and collision-free.
//!
//! Every function here is a pure function of a contract's [`Meta`] (its key and version) or of
//! an operation's [`OperationKind`], so the exporters, the docs and the CLI agree on every name
//! without sharing state. For `controlPlane.execution.start@1.0.0`, a command:
//!
//! | surface | function | name |
//! |---|---|---|
//! | REST path | [`rest_path`] | `/controlPlane/execution/start/v1.0.0` |
//! | REST method | [`rest_method`] | `POST` (`GET` for queries) |
//! | MCP tool | [`mcp_tool_name`] | `controlPlane_execution_start-v1_0_0` |
//! | GraphQL field | [`graphql_field_name`] | `controlPlane_execution_start_v1_0_0` |
//! | OpenAPI `operationId` | [`operation_id`] | `controlPlane_execution_start_v1_0_0` |
//! | schema / type of a message | [`type_name`] | `controlPlane_execution_start_v1_0_0_Input` |
//! | nested model of a message | [`nested_type_name`] | `controlPlane_execution_start_v1_0_0_Output__Lane` |
//! | NATS subject of an event | [`nats_subject`] | `events.controlPlane.plan.compiled.v1_0_0` |
//! | JetStream durable name of a consumer | [`durable_name`] | `ledger_order_book` (for `ledger.order.book`) |
//!
//! # Uniqueness
//!
//! Keys are dot-separated segments of ASCII letters, digits and single inner dashes, and a
//! version is semver, so for the keys and versions contracts actually use (no dash in an
//! operation key, a plain `MAJOR.MINOR.PATCH` version) every rule above is *injective*: it can
//! be read back into the key and version, so two contracts never share a name. Where a rule would
//! lose information (a dash in a GraphQL name, semver pre-release or build metadata, an MCP name
//! longer than 64 characters), the name is made valid and a short stable hash of `key@version`
//! is appended ([`stable_hash`]), so names stay distinct (up to a 32-bit hash collision). Names
//! never depend on which other contracts are in a registry.

use contracts_core::{Meta, OperationKind};

/// The subject prefix of events unless the AsyncAPI export or the publisher is told otherwise.
pub const DEFAULT_SUBJECT_PREFIX: &str = "events";

/// The NATS subject of event `key@version` under `prefix`: `<prefix>.<key>.v<version>`, with
/// the version's dots (and `+`) written `_`, and any character of the key other than
/// `A-Z a-z 0-9 _ -` and `.` written `_`. The event publisher of `contracts-events`, the
/// AsyncAPI export and the docs use it.
///
/// ```
/// use contracts_export::naming::nats_subject;
///
/// assert_eq!(nats_subject("events", "plans.plan.started", "1.0.0"), "events.plans.plan.started.v1_0_0");
/// assert_eq!(nats_subject("events", "a.b c", "2.0.0-rc.1"), "events.a.b_c.v2_0_0-rc_1");
/// ```
pub fn nats_subject(prefix: &str, key: &str, version: &str) -> String {
    let token = |c: char| {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            c
        } else {
            '_'
        }
    };
    let mut subject = String::with_capacity(prefix.len() + key.len() + version.len() + 3);
    subject.push_str(prefix);
    subject.push('.');
    subject.extend(key.chars().map(|c| if c == '.' { c } else { token(c) }));
    subject.push_str(".v");
    subject.extend(version.chars().map(token));
    subject
}

/// The JetStream durable name of a declared consumer: its key with `.` written `_`
/// (`ledger.order.book` is `ledger_order_book`). Keys have no `_`, so the rule is injective;
/// the version is left out, so that a new version of a consumer resumes where the last one
/// stopped.
///
/// ```
/// use contracts_export::naming::durable_name;
///
/// assert_eq!(durable_name("users.welcome-mail"), "users_welcome-mail");
/// ```
pub fn durable_name(consumer_key: &str) -> String {
    consumer_key.replace('.', "_")
}

/// The longest MCP tool name clients accept (several reject longer names).
pub const MCP_TOOL_NAME_MAX_LEN: usize = 64;

/// An HTTP method an operation is bound to (see [`OperationDescriptor::route`](contracts_core::descriptors::OperationDescriptor::route)).
pub use contracts_core::HttpMethod;

/// The method of an operation under ContractSpec's REST rule: `POST` for commands, `GET` for
/// queries.
///
/// ```
/// use contracts_core::OperationKind;
/// use contracts_export::naming::{rest_method, HttpMethod};
///
/// assert_eq!(rest_method(OperationKind::Command), HttpMethod::Post);
/// assert_eq!(rest_method(OperationKind::Query).as_str(), "GET");
/// ```
pub const fn rest_method(kind: OperationKind) -> HttpMethod {
    HttpMethod::rule(kind)
}

/// The path of an operation under ContractSpec's REST rule: `/`, the key with its dots as
/// slashes, `/v`, and the version as written.
///
/// Keys hold no `/` and versions hold no `/`, so the path reads back into the key and version:
/// two operations never share a path.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::naming::rest_path;
///
/// let start = CONTROL_PLANE.get("controlPlane.execution.start", "1.0.0").unwrap();
/// assert_eq!(rest_path(start.meta()), "/controlPlane/execution/start/v1.0.0");
/// ```
pub fn rest_path(meta: &Meta) -> String {
    contracts_core::descriptors::rule_path(meta)
}

/// The part of an operation's [`rest_path`] that its key gives, shared by all its versions: `/`
/// and the key with its dots as slashes.
///
/// ```
/// use contracts_export::naming::rest_key_path;
///
/// assert_eq!(rest_key_path("controlPlane.execution.start"), "/controlPlane/execution/start");
/// ```
pub fn rest_key_path(key: &str) -> String {
    let mut path = String::with_capacity(key.len() + 1);
    path.push('/');
    path.extend(key.chars().map(|c| if c == '.' { '/' } else { c }));
    path
}

/// The name of a contract's MCP tool: ContractSpec's rule (the key with its dots as `_`, `-v`,
/// the version with its dots as `_`), made valid for MCP clients.
///
/// The name holds only `[A-Za-z0-9_-]` and at most [`MCP_TOOL_NAME_MAX_LEN`] characters. A plain
/// ContractSpec name is kept as is. The name is made valid, and `_` and [`stable_hash`] of
/// `key@version` appended, when ContractSpec's name would be invalid or ambiguous:
///
/// - the version has build metadata (`+`, replaced by `_`);
/// - the version holds `-v` (as in `1.0.0-v2`), which would make the `-v` separator ambiguous;
/// - the name is longer than 64 characters: it is cut to 55 characters before the hash.
///
/// Otherwise the last `-v` separates the key from the version, and `_` stands only for a dot
/// (keys and versions hold no `_`), so the name reads back into the key and version.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::naming::mcp_tool_name;
///
/// let start = CONTROL_PLANE.get("controlPlane.execution.start", "1.0.0").unwrap();
/// assert_eq!(mcp_tool_name(start.meta()), "controlPlane_execution_start-v1_0_0");
/// ```
pub fn mcp_tool_name(meta: &Meta) -> String {
    let key = meta.key;
    let version = meta.version.as_str();
    let mut name = String::with_capacity(key.len() + version.len() + 2);
    push_mapped(&mut name, key, |c| match c {
        '.' => '_',
        c if is_mcp_char(c) => c,
        _ => '_',
    });
    name.push_str("-v");
    push_mapped(&mut name, version, |c| match c {
        '.' => '_',
        c if is_mcp_char(c) => c,
        _ => '_',
    });
    let lossy = key.chars().any(|c| c != '.' && !is_mcp_char(c))
        || version.contains('+')
        || version.chars().any(|c| c != '.' && !is_mcp_char(c))
        || version.contains("-v");
    if !lossy && name.len() <= MCP_TOOL_NAME_MAX_LEN {
        return name;
    }
    let hash = stable_hash(meta);
    name.truncate(MCP_TOOL_NAME_MAX_LEN - hash.len() - 1);
    name.push('_');
    name.push_str(&hash);
    name
}

/// The name of an operation's GraphQL field: ContractSpec's rule (the key with its dots as `_`,
/// `_v`, the version) made valid for GraphQL, whose names are `[_A-Za-z][_0-9A-Za-z]*`.
///
/// ContractSpec keeps the version's dots, which GraphQL rejects; here they become `_`. A key
/// starting with a digit gets a leading `_`. When the key holds a dash or the version has a
/// pre-release or build part, every other character becomes `_` (runs of `_` collapsed into one)
/// and `_` and [`stable_hash`] of `key@version` are appended. A name never holds `__`, so
/// [`nested_type_name`] can use `__` as its separator.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::naming::graphql_field_name;
///
/// let start = CONTROL_PLANE.get("controlPlane.execution.start", "1.0.0").unwrap();
/// assert_eq!(graphql_field_name(start.meta()), "controlPlane_execution_start_v1_0_0");
/// ```
pub fn graphql_field_name(meta: &Meta) -> String {
    let key = meta.key;
    let version = meta.version.as_str();
    let mut raw = String::with_capacity(key.len() + version.len() + 12);
    if key.starts_with(|c: char| c.is_ascii_digit()) {
        raw.push('_');
    }
    raw.push_str(key);
    raw.push_str("_v");
    raw.push_str(version);
    let plain = key.chars().all(|c| c == '.' || c.is_ascii_alphanumeric())
        && version.chars().all(|c| c == '.' || c.is_ascii_digit());
    // Map every character outside [_A-Za-z0-9] to `_` and collapse runs of `_`. For a plain key
    // and version the only such characters are single dots between alphanumerics, so this is
    // exactly "dots as `_`".
    let mut name = String::with_capacity(raw.len() + 9);
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if c == '_' && name.ends_with('_') {
            continue;
        }
        name.push(c);
    }
    if plain {
        return name;
    }
    while name.ends_with('_') {
        name.pop();
    }
    name.push('_');
    name.push_str(&stable_hash(meta));
    name
}

/// The OpenAPI `operationId` of an operation: its [`graphql_field_name`], a valid identifier in
/// the languages client generators target, unique across a registry, and stable as long as the
/// key and version are.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::naming::operation_id;
///
/// let get = CONTROL_PLANE.get("controlPlane.execution.get", "1.0.0").unwrap();
/// assert_eq!(operation_id(get.meta()), "controlPlane_execution_get_v1_0_0");
/// ```
pub fn operation_id(meta: &Meta) -> String {
    graphql_field_name(meta)
}

/// The part a message plays in a contract, which names its schema or type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// An operation's input.
    Input,
    /// An operation's output.
    Output,
    /// An event's payload.
    Payload,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Input, Role::Output, Role::Payload];

    /// `Input`, `Output` or `Payload`: the suffix of [`type_name`].
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Input => "Input",
            Role::Output => "Output",
            Role::Payload => "Payload",
        }
    }

    /// `input`, `output` or `payload`, as in prose and in extension fields.
    pub const fn as_lowercase(self) -> &'static str {
        match self {
            Role::Input => "input",
            Role::Output => "output",
            Role::Payload => "payload",
        }
    }
}

impl core::fmt::Display for Role {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of the schema (JSON Schema `$defs`, OpenAPI `components/schemas`) and GraphQL type
/// of a contract's message: [`graphql_field_name`], `_`, and the [`Role`].
///
/// Named by contract rather than by Rust type, so two contracts whose messages share a Rust
/// type name never collide, and a message keeps its name when its Rust type is renamed. The
/// name is valid as a GraphQL name, an OpenAPI component key (`^[a-zA-Z0-9._-]+$`) and a JSON
/// pointer segment (no `/` or `~`).
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::naming::{type_name, Role};
///
/// let start = CONTROL_PLANE.get("controlPlane.execution.start", "1.0.0").unwrap();
/// assert_eq!(type_name(start.meta(), Role::Input), "controlPlane_execution_start_v1_0_0_Input");
/// assert_eq!(type_name(start.meta(), Role::Output), "controlPlane_execution_start_v1_0_0_Output");
/// ```
pub fn type_name(meta: &Meta, role: Role) -> String {
    let mut name = graphql_field_name(meta);
    name.push('_');
    name.push_str(role.as_str());
    name
}

/// The name of a model nested in a contract's message: the message's [`type_name`], `__`, and
/// the model's own name with every character outside `[A-Za-z0-9_]` as `_`.
///
/// Nested models are named within their message, so two modules' `Item` types never collide
/// across contracts; within one message, schemars already numbers two different models of the
/// same name (`Item`, `Item2`). A [`type_name`] never holds `__`, so the first `__` separates
/// the owner from the model.
///
/// ```
/// use contracts_export::naming::nested_type_name;
///
/// assert_eq!(
///     nested_type_name("controlPlane_execution_list_v1_0_0_Output", "ExecutionSummary"),
///     "controlPlane_execution_list_v1_0_0_Output__ExecutionSummary",
/// );
/// assert_eq!(nested_type_name("a_v1_0_0_Input", "Page<Item>"), "a_v1_0_0_Input__Page_Item_");
/// ```
pub fn nested_type_name(owner: &str, model: &str) -> String {
    let mut name = String::with_capacity(owner.len() + model.len() + 2);
    name.push_str(owner);
    name.push_str("__");
    if model.is_empty() {
        name.push_str("Model");
    }
    push_mapped(&mut name, model, |c| {
        if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '_'
        }
    });
    name
}

/// A short stable hash of a contract's `key@version`: 8 lowercase hexadecimal digits.
///
/// The hash is 64-bit FNV-1a of the UTF-8 text `key@version`, folded to 32 bits (high half XOR
/// low half). It depends on nothing but the key and version: not on the platform, the Rust
/// version or the build, so names that carry it are stable.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::naming::stable_hash;
///
/// let start = CONTROL_PLANE.get("controlPlane.execution.start", "1.0.0").unwrap();
/// let hash = stable_hash(start.meta());
/// assert_eq!(hash.len(), 8);
/// assert_eq!(hash, stable_hash(start.meta()));
/// ```
pub fn stable_hash(meta: &Meta) -> String {
    hash_of(meta.key, meta.version.as_str())
}

fn hash_of(key: &str, version: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for byte in key
        .bytes()
        .chain(core::iter::once(b'@'))
        .chain(version.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{:08x}", (hash >> 32) ^ (hash & 0xffff_ffff))
}

fn is_mcp_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn push_mapped(out: &mut String, text: &str, map: impl Fn(char) -> char) {
    out.extend(text.chars().map(map));
}

#[cfg(test)]
mod tests {
    use super::*;
    use contracts_core::descriptors::Source;
    use contracts_core::syntax::validate_key;
    use contracts_core::{Stability, Version};
    use std::collections::HashSet;

    fn meta(key: &str, version: &str) -> Meta {
        let key: &'static str = Box::leak(key.to_owned().into_boxed_str());
        let version: &'static str = Box::leak(version.to_owned().into_boxed_str());
        assert!(validate_key(key).is_ok(), "test key {key} is invalid");
        Meta {
            key,
            version: Version::parse(version).expect("test version"),
            title: None,
            description: "",
            goal: None,
            context: None,
            domain: None,
            owners: &[],
            tags: &[],
            stability: Stability::Stable,
            sunset: None,
            doc_ids: &[],
            source: Source {
                module: "test",
                file: "test.rs",
                line: 1,
                text: "",
            },
        }
    }

    fn is_graphql_name(name: &str) -> bool {
        let mut chars = name.chars();
        chars
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
            && !name.starts_with("__")
    }

    fn is_mcp_name(name: &str) -> bool {
        !name.is_empty() && name.len() <= MCP_TOOL_NAME_MAX_LEN && name.chars().all(is_mcp_char)
    }

    #[test]
    fn contractspec_examples() {
        let m = meta("controlPlane.execution.start", "1.0.0");
        assert_eq!(rest_path(&m), "/controlPlane/execution/start/v1.0.0");
        assert_eq!(rest_method(OperationKind::Command).as_str(), "POST");
        assert_eq!(rest_method(OperationKind::Query).as_lowercase(), "get");
        assert_eq!(mcp_tool_name(&m), "controlPlane_execution_start-v1_0_0");
        assert_eq!(
            graphql_field_name(&m),
            "controlPlane_execution_start_v1_0_0"
        );
        assert_eq!(operation_id(&m), "controlPlane_execution_start_v1_0_0");
        assert_eq!(
            type_name(&m, Role::Payload),
            "controlPlane_execution_start_v1_0_0_Payload"
        );
        assert_eq!(
            nested_type_name(&type_name(&m, Role::Output), "Lane"),
            "controlPlane_execution_start_v1_0_0_Output__Lane"
        );
    }

    #[test]
    fn dashes_and_prereleases_are_made_valid_with_a_hash() {
        let m = meta("control-plane.skill-registry.get", "2.1.0-rc.1+build.7");
        let hash = stable_hash(&m);
        assert_eq!(
            rest_path(&m),
            "/control-plane/skill-registry/get/v2.1.0-rc.1+build.7"
        );
        assert_eq!(
            mcp_tool_name(&m),
            format!("control-plane_skill-registry_get-v2_1_0-rc_1_build_7_{hash}")
        );
        assert_eq!(
            graphql_field_name(&m),
            format!("control_plane_skill_registry_get_v2_1_0_rc_1_build_7_{hash}")
        );
        // A dash in the key alone keeps the MCP name (dashes are valid there).
        let m = meta("control-plane.core.get", "1.0.0");
        assert_eq!(mcp_tool_name(&m), "control-plane_core_get-v1_0_0");
        assert!(graphql_field_name(&m).starts_with("control_plane_core_get_v1_0_0_"));
    }

    #[test]
    fn leading_digits_get_an_underscore() {
        let m = meta("3d.render", "1.0.0");
        assert_eq!(graphql_field_name(&m), "_3d_render_v1_0_0");
        assert_eq!(type_name(&m, Role::Input), "_3d_render_v1_0_0_Input");
        assert_eq!(mcp_tool_name(&m), "3d_render-v1_0_0");
    }

    #[test]
    fn long_mcp_names_are_cut_and_hashed() {
        let long = "a".repeat(40);
        let m1 = meta(&format!("{long}.b.c.d.e.f.g.h.i.j.k.first"), "1.0.0");
        let m2 = meta(&format!("{long}.b.c.d.e.f.g.h.i.j.k.second"), "1.0.0");
        let (n1, n2) = (mcp_tool_name(&m1), mcp_tool_name(&m2));
        assert_eq!(n1.len(), MCP_TOOL_NAME_MAX_LEN);
        assert!(is_mcp_name(&n1) && is_mcp_name(&n2));
        assert_eq!(n1[..55], n2[..55]);
        assert_ne!(n1, n2);
        assert_eq!(n1, mcp_tool_name(&m1), "stable");
        // Exactly 64 characters is kept as is.
        let key = format!("{}.x", "k".repeat(64 - "-v1_0_0".len() - 2));
        let m = meta(&key, "1.0.0");
        assert_eq!(mcp_tool_name(&m).len(), 64);
        assert!(mcp_tool_name(&m).ends_with("_x-v1_0_0"));
    }

    #[test]
    fn ambiguous_contractspec_names_are_told_apart() {
        // ContractSpec's MCP rule maps both to `a-v1_0_0-v1_0_0`.
        let a = meta("a-v1.0.0", "1.0.0");
        let b = meta("a", "1.0.0-v1.0.0");
        assert_eq!(mcp_tool_name(&a), "a-v1_0_0-v1_0_0");
        assert_ne!(mcp_tool_name(&a), mcp_tool_name(&b));
        // `+` and `.` both become `_`.
        let c = meta("a", "1.0.0-x+y");
        let d = meta("a", "1.0.0-x.y");
        assert_ne!(mcp_tool_name(&c), mcp_tool_name(&d));
        assert_ne!(graphql_field_name(&c), graphql_field_name(&d));
        // A dash and a dot both become `_` in GraphQL.
        let e = meta("a-b.c", "1.0.0");
        let f = meta("a.b-c", "1.0.0");
        let g = meta("a.b.c", "1.0.0");
        let names: HashSet<_> = [&e, &f, &g].iter().map(|m| graphql_field_name(m)).collect();
        assert_eq!(names.len(), 3);
    }

    #[test]
    fn names_are_valid_and_unique_over_many_keys() {
        let segments = ["a", "b", "v1", "x-y", "1", "Up", "aB", "0a"];
        let versions = [
            "1.0.0",
            "1.0.1",
            "10.0.0",
            "1.0.0-rc.1",
            "1.0.0-rc-1",
            "1.0.0+b",
            "1.0.0-v2",
            "1.0.0-a--b",
            "1.0.0-a-",
        ];
        let mut metas = Vec::new();
        for s1 in segments {
            for s2 in segments {
                for s3 in ["", "c", "v2"] {
                    let key = if s3.is_empty() {
                        format!("{s1}.{s2}")
                    } else {
                        format!("{s1}.{s2}.{s3}")
                    };
                    for version in versions {
                        metas.push(meta(&key, version));
                    }
                }
            }
        }
        let mut seen: [HashSet<String>; 5] = Default::default();
        for m in &metas {
            let names = [
                rest_path(m),
                mcp_tool_name(m),
                graphql_field_name(m),
                type_name(m, Role::Input),
                type_name(m, Role::Output),
            ];
            assert!(is_mcp_name(&names[1]), "{}", names[1]);
            assert!(is_graphql_name(&names[2]), "{}", names[2]);
            assert!(!names[2].contains("__"), "{}", names[2]);
            assert!(is_graphql_name(&names[3]), "{}", names[3]);
            for (set, name) in seen.iter_mut().zip(names) {
                assert!(set.insert(name.clone()), "{name} is not unique");
            }
        }
        // Input and output names never meet.
        assert!(seen[3].is_disjoint(&seen[4]));
    }

    #[test]
    fn hash_is_fixed() {
        // FNV-1a 64 of "key@version", folded; pinned so names never change between releases.
        assert_eq!(hash_of("a", "1.0.0"), "3e53672d");
        assert_eq!(hash_of("controlPlane.execution.start", "1.0.0"), "35478bbb");
        assert_ne!(hash_of("a", "1.0.0"), hash_of("a", "1.0.1"));
    }

    #[test]
    fn nested_names_are_sanitized() {
        assert_eq!(
            nested_type_name("o_v1_0_0_Output", "Item"),
            "o_v1_0_0_Output__Item"
        );
        assert_eq!(
            nested_type_name("o_v1_0_0_Output", "Map<K, V>"),
            "o_v1_0_0_Output__Map_K__V_"
        );
        assert_eq!(nested_type_name("o", ""), "o__Model");
        assert!(is_graphql_name(&nested_type_name(
            "o_v1_0_0_Input",
            "Wrapper_for_String"
        )));
    }
}

//! The scenario catalogue: one change per rule, in each direction where the rule has one, each
//! checked three ways: under the locked version (frozen: an error), under a version bumped
//! enough (allowed), and under a version bumped too little (an error, or a warning for an
//! experimental contract). Every case asserts the rule, the level and the whole message.

use contracts_evolution::rules::{self, Bump, Level};
use contracts_evolution::{verdict, Finding, Lock};

const BASE: &str = r#"contracts-lock 1

contract shop.order.get@1.0.0
  kind query
  stability stable
  auth user
  idempotent true
  http GET /shop/order/get/v1.0.0
  mcp shop_order_get-v1_0_0
  graphql shop_order_get_v1_0_0
  capability shop.orders@1.0.0
  input: object
  input.orderId: String
  output: object
  output.orderId: String
  output.status: enum("open", "paid")
  output.total: u32
  output.note?: String

contract shop.order.place@1.0.0
  kind command
  stability stable
  auth user
  idempotent false
  http POST /shop/order/place/v1.0.0
  mcp shop_order_place-v1_0_0
  graphql shop_order_place_v1_0_0
  capability shop.orders@1.0.0
  emits shop.order.placed@1.0.0
  error OUT_OF_STOCK 409
  input: object closed
  input.email: String
  input.items: String[]
  input.coupon?: String
  input.quantity: u32
  input.channel: enum("web", "app")
  input.address?: object closed
  input.address.street: String
  output: object
  output.orderId: String

contract shop.order.placed@1.0.0
  kind event
  stability beta
  capability shop.orders@1.0.0
  payload: object
  payload.orderId: String
  payload.email: String

contract shop.orders@1.0.0
  kind capability
  stability stable
  capability-kind api
  provides event shop.order.placed@1.0.0
  provides operation shop.order.get@1.0.0
  provides operation shop.order.place@1.0.0
  requires shop.auth@1.0.0
  requires shop.billing@1.0.0 optional
"#;

const GET: &str = "shop.order.get";
const PLACE: &str = "shop.order.place";
const PLACED: &str = "shop.order.placed";
const ORDERS: &str = "shop.orders";

/// A change: in the block of `key`, replace each `(line, by)` (`by` empty deletes the line).
struct Scenario {
    rule: &'static str,
    key: &'static str,
    edits: &'static [(&'static str, &'static str)],
    /// The change's message; `{id}` stands for the changed contract's `key@version`.
    what: &'static str,
    /// Only checked under the locked version: the names carry the version, so a new version
    /// always has new ones.
    frozen_only: bool,
}

const fn case(
    rule: &'static str,
    key: &'static str,
    edits: &'static [(&'static str, &'static str)],
    what: &'static str,
) -> Scenario {
    Scenario {
        rule,
        key,
        edits,
        what,
        frozen_only: false,
    }
}

const SCENARIOS: &[Scenario] = &[
    // Request side: what clients send.
    case("REQ_FIELD_ADDED_REQUIRED", PLACE, &[("  input.quantity: u32", "  input.quantity: u32\n  input.note: String")],
        "required field `note` of `{id}` input was added"),
    case("REQ_FIELD_MADE_REQUIRED", PLACE, &[("  input.coupon?: String", "  input.coupon: String")],
        "field `coupon` of `{id}` input was made required"),
    case("REQ_FIELD_REMOVED", PLACE, &[("  input.email: String", "")],
        "field `email` of `{id}` input was removed"),
    case("REQ_FIELD_REMOVED", PLACE, &[("  input.address.street: String", "")],
        "field `address.street` of `{id}` input was removed"),
    case("REQ_TYPE_CHANGED", PLACE, &[("  input.quantity: u32", "  input.quantity: u16")],
        "field `quantity` of `{id}` input was narrowed from u32 to u16"),
    case("REQ_TYPE_CHANGED", PLACE, &[("  input.items: String[]", "  input.items: String")],
        "field `items` of `{id}` input changed type from String[] to String"),
    case("REQ_ENUM_VALUE_REMOVED", PLACE, &[("enum(\"web\", \"app\")", "enum(\"web\")")],
        "value `app` of field `channel` of `{id}` input was removed"),
    case("REQ_UNKNOWN_FIELDS_REJECTED", GET, &[("  input: object", "  input: object closed")],
        "the input of `{id}` now rejects unknown fields"),
    case("REQ_FIELD_REMOVED_OPEN", GET, &[("  input.orderId: String", "")],
        "field `orderId` of `{id}` input was removed"),
    case("REQ_FIELD_ADDED_OPTIONAL", PLACE, &[("  input.quantity: u32", "  input.quantity: u32\n  input.gift?: bool")],
        "optional field `gift` of `{id}` input was added"),
    case("REQ_FIELD_MADE_OPTIONAL", PLACE, &[("  input.email: String", "  input.email?: String")],
        "field `email` of `{id}` input was made optional"),
    case("REQ_TYPE_WIDENED", PLACE, &[("  input.quantity: u32", "  input.quantity: u64")],
        "field `quantity` of `{id}` input was widened from u32 to u64"),
    case("REQ_ENUM_VALUE_ADDED", PLACE, &[("enum(\"web\", \"app\")", "enum(\"web\", \"app\", \"kiosk\")")],
        "value `kiosk` was added to field `channel` of `{id}` input"),
    case("REQ_UNKNOWN_FIELDS_ACCEPTED", PLACE, &[("  input: object closed", "  input: object")],
        "the input of `{id}` now accepts unknown fields"),
    // Response side: what clients read, in outputs and in event payloads.
    case("RES_FIELD_REMOVED", GET, &[("  output.total: u32", "")],
        "field `total` of `{id}` output was removed"),
    case("RES_FIELD_REMOVED", PLACED, &[("  payload.email: String", "")],
        "field `email` of `{id}` payload was removed"),
    case("RES_FIELD_MADE_OPTIONAL", GET, &[("  output.total: u32", "  output.total?: u32")],
        "field `total` of `{id}` output was made optional"),
    case("RES_TYPE_CHANGED", GET, &[("  output.total: u32", "  output.total: u64")],
        "field `total` of `{id}` output was widened from u32 to u64"),
    case("RES_TYPE_CHANGED", PLACED, &[("  payload.orderId: String", "  payload.orderId: u64")],
        "field `orderId` of `{id}` payload was changed from String to u64"),
    case("RES_ENUM_VALUE_ADDED", GET, &[("enum(\"open\", \"paid\")", "enum(\"open\", \"paid\", \"refunded\")")],
        "value `refunded` was added to field `status` of `{id}` output"),
    case("RES_FIELD_ADDED", GET, &[("  output.total: u32", "  output.total: u32\n  output.currency: String")],
        "required field `currency` of `{id}` output was added"),
    case("RES_FIELD_ADDED", PLACED, &[("  payload.email: String", "  payload.email: String\n  payload.at?: DateTime")],
        "optional field `at` of `{id}` payload was added"),
    case("RES_FIELD_MADE_REQUIRED", GET, &[("  output.note?: String", "  output.note: String")],
        "field `note` of `{id}` output was made required"),
    case("RES_TYPE_NARROWED", GET, &[("  output.total: u32", "  output.total: u16")],
        "field `total` of `{id}` output was narrowed from u32 to u16"),
    case("RES_ENUM_VALUE_REMOVED", GET, &[("enum(\"open\", \"paid\")", "enum(\"open\")")],
        "value `paid` of field `status` of `{id}` output was removed"),
    // Operations.
    case("KIND_CHANGED", GET, &[("  kind query", "  kind command")],
        "`{id}` changed from query to command"),
    case("KIND_CHANGED", ORDERS, &[("  capability-kind api", "  capability-kind data")],
        "`{id}` changed from capability (api) to capability (data)"),
    case("OP_IDEMPOTENCY_REMOVED", GET, &[("  idempotent true", "  idempotent false")],
        "`{id}` is no longer idempotent"),
    case("OP_AUTH_RAISED", PLACE, &[("  auth user", "  auth admin")],
        "auth of `{id}` went from user to admin"),
    case("OP_ERROR_REMOVED", PLACE, &[("  error OUT_OF_STOCK 409", "")],
        "error `OUT_OF_STOCK` of `{id}` was removed"),
    case("OP_ERROR_STATUS_CHANGED", PLACE, &[("  error OUT_OF_STOCK 409", "  error OUT_OF_STOCK 422")],
        "error `OUT_OF_STOCK` of `{id}` went from status 409 to 422"),
    case("OP_EMIT_REMOVED", PLACE, &[("  emits shop.order.placed@1.0.0", "")],
        "event `shop.order.placed@1.0.0` is no longer emitted by `{id}`"),
    Scenario {
        frozen_only: true,
        ..case("OP_HTTP_CHANGED", PLACE, &[("  http POST /shop/order/place/v1.0.0", "  http POST /shop/orders/place/v1.0.0")],
            "REST binding of `{id}` went from `POST /shop/order/place/v1.0.0` to `POST /shop/orders/place/v1.0.0`")
    },
    Scenario {
        frozen_only: true,
        ..case("OP_MCP_TOOL_CHANGED", PLACE, &[("  mcp shop_order_place-v1_0_0", "  mcp shop_order_place")],
            "MCP tool of `{id}` was renamed from `shop_order_place-v1_0_0` to `shop_order_place`")
    },
    Scenario {
        frozen_only: true,
        ..case("OP_GRAPHQL_FIELD_CHANGED", PLACE, &[("  graphql shop_order_place_v1_0_0", "  graphql placeOrder")],
            "GraphQL field of `{id}` was renamed from `shop_order_place_v1_0_0` to `placeOrder`")
    },
    case("OP_AUTH_LOWERED", PLACE, &[("  auth user", "  auth anonymous")],
        "auth of `{id}` went from user to anonymous"),
    case("OP_IDEMPOTENCY_ADDED", PLACE, &[("  idempotent false", "  idempotent true")],
        "`{id}` became idempotent"),
    case("OP_ERROR_ADDED", PLACE, &[("  error OUT_OF_STOCK 409", "  error CARD_DECLINED 402\n  error OUT_OF_STOCK 409")],
        "error `CARD_DECLINED` was added to `{id}`"),
    case("OP_EMIT_ADDED", PLACE, &[("  emits shop.order.placed@1.0.0", "  emits shop.order.placed@1.0.0\n  emits shop.order.audited@1.0.0")],
        "`{id}` now emits event `shop.order.audited@1.0.0`"),
    case("OP_CAPABILITY_CHANGED", GET, &[("  capability shop.orders@1.0.0", "  capability shop.reads@1.0.0")],
        "capability of `{id}` went from `shop.orders@1.0.0` to `shop.reads@1.0.0`"),
    // Capabilities.
    case("CAP_PROVIDE_REMOVED", ORDERS, &[("  provides operation shop.order.get@1.0.0", "")],
        "operation `shop.order.get@1.0.0` is no longer provided by `{id}`"),
    case("CAP_REQUIREMENT_ADDED", ORDERS, &[("  requires shop.auth@1.0.0", "  requires shop.auth@1.0.0\n  requires shop.fraud@1.0.0")],
        "`{id}` now requires `shop.fraud@1.0.0`"),
    case("CAP_REQUIREMENT_ADDED", ORDERS, &[("  requires shop.billing@1.0.0 optional", "  requires shop.billing@1.0.0")],
        "`{id}` now requires `shop.billing@1.0.0`"),
    case("CAP_PROVIDE_ADDED", ORDERS, &[("  provides operation shop.order.place@1.0.0", "  provides operation shop.order.place@1.0.0\n  provides operation shop.order.cancel@1.0.0")],
        "`{id}` now provides operation `shop.order.cancel@1.0.0`"),
    case("CAP_REQUIREMENT_ADDED_OPTIONAL", ORDERS, &[("  requires shop.auth@1.0.0", "  requires shop.auth@1.0.0\n  requires shop.loyalty@1.0.0 optional")],
        "`{id}` now optionally requires `shop.loyalty@1.0.0`"),
    case("CAP_REQUIREMENT_REMOVED", ORDERS, &[("  requires shop.auth@1.0.0", "")],
        "`{id}` no longer requires `shop.auth@1.0.0`"),
    // Stability.
    case("STABILITY_LOWERED", PLACE, &[("  stability stable", "  stability beta")],
        "`{id}` went from stable to beta"),
];

/// The block of `key@version` in `text`, as byte range.
fn block(text: &str, key: &str, version: &str) -> std::ops::Range<usize> {
    let head = format!("contract {key}@{version}\n");
    let start = text
        .find(&head)
        .unwrap_or_else(|| panic!("no block {key}@{version}"));
    let end = text[start + head.len()..]
        .find("\ncontract ")
        .map_or(text.len(), |i| start + head.len() + i + 1);
    start..end
}

fn edit(block: &str, edits: &[(&str, &str)]) -> String {
    let mut block = block.to_owned();
    for (line, by) in edits {
        assert!(block.contains(line), "`{line}` is not in\n{block}");
        block = if by.is_empty() {
            block.replacen(&format!("{line}\n"), "", 1)
        } else {
            block.replacen(line, by, 1)
        };
    }
    block
}

/// The lock with the block of `key` changed in place.
fn frozen_lock(base: &str, scenario: &Scenario) -> String {
    let range = block(base, scenario.key, "1.0.0");
    let changed = edit(&base[range.clone()], scenario.edits);
    format!("{}{}{}", &base[..range.start], changed, &base[range.end..])
}

/// The lock with a new version of `key`, the old one kept, the scenario's change applied to the
/// new one.
fn successor_lock(base: &str, scenario: &Scenario, version: &str) -> String {
    let range = block(base, scenario.key, "1.0.0");
    let old = &base[range.clone()];
    let underscored = version.replace('.', "_");
    let renamed: String = old
        .lines()
        .map(|line| {
            if line.starts_with("contract ")
                || line.starts_with("  http ")
                || line.starts_with("  mcp ")
                || line.starts_with("  graphql ")
            {
                line.replace("1.0.0", version)
                    .replace("1_0_0", &underscored)
            } else {
                line.to_owned()
            }
        })
        .map(|line| line + "\n")
        .collect();
    let edited_renamed_edits: Vec<(String, String)> = scenario
        .edits
        .iter()
        .map(|(line, by)| {
            let rename = |s: &str| {
                if s.starts_with("  http ")
                    || s.starts_with("  mcp ")
                    || s.starts_with("  graphql ")
                {
                    s.replace("1.0.0", version).replace("1_0_0", &underscored)
                } else {
                    s.to_owned()
                }
            };
            (rename(line), rename(by))
        })
        .collect();
    let edits: Vec<(&str, &str)> = edited_renamed_edits
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let new = edit(&renamed, &edits);
    format!("{}\n{}{}", &base[..range.end], new, &base[range.end..])
}

fn verdict(old: &str, new: &str) -> Vec<Finding> {
    let old = Lock::parse(old).unwrap_or_else(|e| panic!("old lock: {e}\n{old}"));
    let new = Lock::parse(new).unwrap_or_else(|e| panic!("new lock: {e}\n{new}"));
    verdict::compare(&old, &new)
        .findings
        .into_iter()
        .filter(|f| f.rule.id != "CONTRACT_ADDED")
        .collect()
}

fn only(findings: Vec<Finding>, scenario: &Scenario) -> Finding {
    assert_eq!(
        findings.len(),
        1,
        "{} on {}: expected one finding, got {findings:#?}",
        scenario.rule,
        scenario.key
    );
    let finding = findings.into_iter().next().unwrap();
    assert_eq!(finding.rule.id, scenario.rule, "{finding:#?}");
    finding
}

#[test]
fn every_rule_has_a_scenario() {
    let lifecycle = [
        "CONTRACT_REMOVED",
        "CONTRACT_REMOVED_AFTER_DEPRECATION",
        "CONTRACT_ADDED",
        "CONTRACT_DEPRECATED",
        "STABILITY_RAISED",
    ];
    for rule in rules::CATALOGUE {
        assert!(
            SCENARIOS.iter().any(|s| s.rule == rule.id) || lifecycle.contains(&rule.id),
            "no scenario for {}",
            rule.id
        );
    }
    assert!(Lock::parse(BASE).is_ok());
}

#[test]
fn a_locked_version_is_frozen() {
    for scenario in SCENARIOS {
        let finding = only(verdict(BASE, &frozen_lock(BASE, scenario)), scenario);
        let rule = finding.rule;
        let id = format!("{}@1.0.0", scenario.key);
        let next = if rule.bump == Bump::Major {
            "2.0.0"
        } else {
            "1.1.0"
        };
        let expected = format!(
            "{}; bump to {next}, or {}",
            scenario.what.replace("{id}", &id),
            rule.fix
        );
        assert_eq!(finding.level, Level::Error, "{}", scenario.rule);
        assert_eq!(finding.message, expected);
        assert_eq!(finding.contract, id);
    }
}

#[test]
fn a_new_version_bumped_enough_is_allowed() {
    for scenario in SCENARIOS.iter().filter(|s| !s.frozen_only) {
        let rule = rules::find(scenario.rule).unwrap();
        let version = if rule.bump == Bump::Major {
            "2.0.0"
        } else {
            "1.1.0"
        };
        let finding = only(
            verdict(BASE, &successor_lock(BASE, scenario, version)),
            scenario,
        );
        let id = format!("{}@{version}", scenario.key);
        assert_eq!(finding.message, scenario.what.replace("{id}", &id));
        let expected = if rule.level == Level::Error {
            Level::Info
        } else {
            rule.level
        };
        assert_eq!(finding.level, expected, "{}", scenario.rule);
    }
}

#[test]
fn a_new_version_bumped_too_little_is_an_error() {
    for scenario in SCENARIOS.iter().filter(|s| !s.frozen_only) {
        let rule = rules::find(scenario.rule).unwrap();
        let version = if rule.bump == Bump::Major {
            "1.1.0"
        } else {
            "1.0.1"
        };
        let finding = only(
            verdict(BASE, &successor_lock(BASE, scenario, version)),
            scenario,
        );
        let id = format!("{}@{version}", scenario.key);
        let next = if rule.bump == Bump::Major {
            "2.0.0"
        } else {
            "1.1.0"
        };
        let expected = format!(
            "{} since 1.0.0; bump to {next}, or {}",
            scenario.what.replace("{id}", &id),
            rule.fix
        );
        if scenario.key == PLACED {
            // The event is beta: as strict as stable.
            assert_eq!(finding.level, Level::Error);
        }
        assert_eq!(finding.level, Level::Error, "{}", scenario.rule);
        assert_eq!(finding.message, expected);
    }
}

#[test]
fn an_experimental_contract_may_break_with_a_warning() {
    let base = BASE.replace("  stability stable", "  stability experimental");
    for scenario in SCENARIOS
        .iter()
        .filter(|s| !s.frozen_only && s.rule != "STABILITY_LOWERED" && s.key != PLACED)
    {
        let rule = rules::find(scenario.rule).unwrap();
        if rule.bump != Bump::Major {
            continue;
        }
        let finding = only(
            verdict(&base, &successor_lock(&base, scenario, "1.1.0")),
            scenario,
        );
        let id = format!("{}@1.1.0", scenario.key);
        assert_eq!(finding.level, Level::Warning, "{}", scenario.rule);
        assert_eq!(
            finding.message,
            format!(
                "{} since 1.0.0; allowed because `{}` is experimental (a stable contract would need 2.0.0)",
                scenario.what.replace("{id}", &id),
                scenario.key
            )
        );
    }
    // Frozen all the same: the lock records what was released.
    let scenario = &SCENARIOS[2];
    let finding = only(verdict(&base, &frozen_lock(&base, scenario)), scenario);
    assert_eq!(finding.level, Level::Error);
}

#[test]
fn zero_major_versions_bump_minor_for_breaking_changes() {
    let base = BASE.replace("1.0.0", "0.3.0").replace("1_0_0", "0_3_0");
    let scenario = &SCENARIOS[2]; // REQ_FIELD_REMOVED on the command
    let range = block(&base, PLACE, "0.3.0");
    let changed = edit(&base[range.clone()], scenario.edits);
    let frozen = format!("{}{}{}", &base[..range.start], changed, &base[range.end..]);
    let finding = only(verdict(&base, &frozen), scenario);
    assert_eq!(
        finding.message,
        "field `email` of `shop.order.place@0.3.0` input was removed; bump to 0.4.0, or restore the field"
    );
    let bumped = format!(
        "{base}\n{}",
        changed.replace(
            "contract shop.order.place@0.3.0",
            "contract shop.order.place@0.4.0"
        )
    );
    let findings = verdict(&base, &bumped);
    assert!(
        findings.iter().all(|f| f.level != Level::Error),
        "{findings:#?}"
    );
}

#[test]
fn the_suggested_version_is_free() {
    // 2.0.0 exists already: a breaking change to 1.0.0 is sent to 3.0.0.
    let scenario = &SCENARIOS[2];
    let with_v2 = successor_lock(
        BASE,
        &Scenario {
            edits: &[],
            ..case(scenario.rule, PLACE, &[], "")
        },
        "2.0.0",
    );
    let changed = frozen_lock(&with_v2, scenario);
    let finding = only(verdict(&with_v2, &changed), scenario);
    assert!(
        finding
            .message
            .ends_with("; bump to 3.0.0, or restore the field"),
        "{}",
        finding.message
    );
}

#[test]
fn removal_needs_a_deprecation_first() {
    let range = block(BASE, PLACED, "1.0.0");
    let removed = format!("{}{}", &BASE[..range.start], &BASE[range.end..]);
    let findings = verdict(BASE, &removed);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].rule.id, "CONTRACT_REMOVED");
    assert_eq!(findings[0].level, Level::Error);
    assert_eq!(
        findings[0].message,
        "`shop.order.placed@1.0.0` was removed without being deprecated first; declare it again, \
         or mark it `stability = \"deprecated\"`, lock, and remove it later"
    );

    let deprecated = BASE.replacen("  stability beta", "  stability deprecated", 1);
    let findings = verdict(BASE, &deprecated);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule.id, "CONTRACT_DEPRECATED");
    assert_eq!(
        findings[0].level,
        Level::Info,
        "deprecating is allowed in place"
    );

    let findings = verdict(&deprecated, &removed);
    assert_eq!(findings[0].rule.id, "CONTRACT_REMOVED_AFTER_DEPRECATION");
    assert_eq!(findings[0].level, Level::Info);
    assert_eq!(
        findings[0].message,
        "`shop.order.placed@1.0.0` was removed after its deprecation"
    );

    let experimental = BASE.replacen("  stability beta", "  stability experimental", 1);
    let findings = verdict(&experimental, &removed);
    assert_eq!(findings[0].level, Level::Warning);
}

#[test]
fn raising_stability_is_allowed_in_place() {
    let raised = BASE.replacen("  stability beta", "  stability stable", 1);
    let findings = verdict(BASE, &raised);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule.id, "STABILITY_RAISED");
    assert_eq!(findings[0].level, Level::Info);
    assert_eq!(
        findings[0].message,
        "`shop.order.placed@1.0.0` went from beta to stable"
    );
}

#[test]
fn new_contracts_are_reported_until_locked() {
    let old = Lock::parse(BASE).unwrap();
    let range = block(BASE, PLACED, "1.0.0");
    let without = Lock::parse(&format!("{}{}", &BASE[..range.start], &BASE[range.end..])).unwrap();
    let report = verdict::compare(&without, &old);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule.id, "CONTRACT_ADDED");
    assert_eq!(
        report.findings[0].message,
        "`shop.order.placed@1.0.0` is not locked yet; run `contracts lock`"
    );
    assert!(!report.is_breaking());
}

#[test]
fn the_lock_text_reads_back_unchanged() {
    let lock = Lock::parse(BASE).unwrap();
    let text = lock.to_text();
    assert_eq!(Lock::parse(&text).unwrap().to_text(), text);
    assert!(verdict::compare(&lock, &Lock::parse(&text).unwrap())
        .findings
        .is_empty());
}

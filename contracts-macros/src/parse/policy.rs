//! `#[policy(...)]`.

use super::item::AnnotatedItem;
use super::meta::{MetaModel, META_ARGS};
use super::presentation::named_lists;
use crate::choices::{Escalation, PolicyEffect, PolicyScope};
use crate::ctxt::Ctxt;
use crate::reader::Reader;
use proc_macro2::TokenStream;

pub struct PolicyModel {
    pub meta: MetaModel,
    pub scope: Option<PolicyScope>,
    pub rules: Vec<RuleModel>,
}

pub struct RuleModel {
    pub effect: PolicyEffect,
    pub actions: Vec<String>,
    pub roles: Vec<String>,
    pub resource: Option<String>,
    pub conditions: Vec<String>,
    pub flags: Vec<String>,
    pub escalate: Option<Escalation>,
    pub reason: Option<String>,
}

const RULE_ARGS: &[&str] = &[
    "effect",
    "actions",
    "roles",
    "resource",
    "conditions",
    "flags",
    "escalate",
    "reason",
];

impl PolicyModel {
    pub fn parse(cx: &Ctxt, args: TokenStream, item: &AnnotatedItem) -> PolicyModel {
        let known: Vec<&str> = META_ARGS
            .iter()
            .chain(&["scope", "rules"])
            .copied()
            .collect();
        let mut reader = Reader::parse(cx, "#[policy]", args, &known);
        let meta = MetaModel::read(&mut reader, item, "policy");
        let scope = reader.choice::<PolicyScope>("scope").map(|s| s.value);
        let rules = reader
            .list("rules")
            .map(|(items, _)| {
                named_lists(cx, items, "rule", "each policy rule is `rule(effect = \"allow\" | \"deny\", actions = [...], ...)`")
                    .into_iter()
                    .filter_map(|(items, span)| {
                        let mut r = Reader::new(cx, "rule(...)", items, RULE_ARGS);
                        let effect = r.choice::<PolicyEffect>("effect");
                        let actions: Vec<String> = r.strings("actions").iter().map(|l| l.value()).collect();
                        let rule = RuleModel {
                            effect: effect.as_ref().map_or(PolicyEffect::Deny, |e| e.value),
                            roles: r.strings("roles").iter().map(|l| l.value()).collect(),
                            resource: r.text("resource").map(|l| l.value()),
                            conditions: r.strings("conditions").iter().map(|l| l.value()).collect(),
                            flags: r.strings("flags").iter().map(|l| l.value()).collect(),
                            escalate: r.choice::<Escalation>("escalate").map(|e| e.value),
                            reason: r.text("reason").map(|l| l.value()),
                            actions,
                        };
                        r.finish();
                        if effect.is_none() || rule.actions.is_empty() {
                            cx.error_spanned(span, "a policy rule needs `effect = \"allow\" | \"deny\"` and at least one of `actions = [...]`");
                            return None;
                        }
                        Some(rule)
                    })
                    .collect()
            })
            .unwrap_or_default();
        reader.finish();
        PolicyModel { meta, scope, rules }
    }
}

//! The rule catalogue: every kind of change the comparison reports, with an id, a category, a
//! level, the version bump it needs, why it matters and how to undo it.
//!
//! Levels follow buf and oasdiff: an [`Level::Error`] rule breaks clients of the older surface,
//! a [`Level::Warning`] rule may break some of them, an [`Level::Info`] rule breaks none. Every
//! change to a wire surface needs at least a new version (rule 1 of the lock); [`Rule::bump`]
//! says how large the bump must be.
//!
//! ```
//! use contracts_evolution::rules::{self, Bump, Level};
//!
//! let rule = rules::find("REQ_FIELD_REMOVED").unwrap();
//! assert_eq!(rule.level, Level::Error);
//! assert_eq!(rule.bump, Bump::Major);
//! assert_eq!(rule.fix, "restore the field");
//! assert!(rules::CATALOGUE.iter().all(|r| !r.why.is_empty()));
//! ```

/// How serious a change is for the clients of the older surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Breaks clients: needs a major version (a minor one for `0.x`).
    Error,
    /// May break some clients: reported, needs a new version.
    Warning,
    /// Breaks no client: needs a new version, or none for lifecycle changes.
    Info,
}

impl Level {
    /// `error`, `warning` or `info`: the spelling of reports and of SARIF.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }

    /// The SARIF `level` of a result at this level.
    pub const fn sarif(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "note",
        }
    }
}

impl core::fmt::Display for Level {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of a contract a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// What clients send: an operation's input (its query parameters for a query).
    Request,
    /// What clients read: an operation's output and an event's payload.
    Response,
    /// An operation's binding, policy, errors and events.
    Operation,
    /// What a capability provides and requires.
    Capability,
    /// A contract's presence and stability.
    Lifecycle,
}

impl Category {
    /// The category's name in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Request => "request",
            Category::Response => "response",
            Category::Operation => "operation",
            Category::Capability => "capability",
            Category::Lifecycle => "lifecycle",
        }
    }
}

/// The least version bump a change needs, counted from the version it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Allowed in place, under the same version (deprecating, raising stability).
    None,
    /// A compatible change: a minor bump (a patch bump for `0.x`).
    Minor,
    /// A breaking change: a major bump (a minor bump for `0.x`).
    Major,
}

/// One rule of the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable identifier, `SCREAMING_SNAKE_CASE`, as in reports and SARIF.
    pub id: &'static str,
    /// The part of a contract the rule looks at.
    pub category: Category,
    /// How serious the change is.
    pub level: Level,
    /// The least version bump the change needs.
    pub bump: Bump,
    /// What the rule detects, in a few words.
    pub title: &'static str,
    /// Why it matters to clients.
    pub why: &'static str,
    /// How to undo the change under the same version (the other fix is the version bump).
    pub fix: &'static str,
}

macro_rules! rules {
    ($($name:ident: $category:ident, $level:ident, $bump:ident, $title:literal, $why:literal, $fix:literal;)+) => {
        $(
            #[doc = concat!("`", stringify!($name), "`: ", $title, ".")]
            pub static $name: Rule = Rule {
                id: stringify!($name),
                category: Category::$category,
                level: Level::$level,
                bump: Bump::$bump,
                title: $title,
                why: $why,
                fix: $fix,
            };
        )+

        /// Every rule, in catalogue order (by category, errors first).
        pub static CATALOGUE: &[&Rule] = &[$(&$name),+];
    };
}

rules! {
    REQ_FIELD_ADDED_REQUIRED: Request, Error, Major,
        "a required request field was added",
        "clients built against the older version do not send it, and their calls are refused",
        "make the field optional";
    REQ_FIELD_MADE_REQUIRED: Request, Error, Major,
        "an optional request field was made required",
        "clients that omit it are refused",
        "keep the field optional";
    REQ_FIELD_REMOVED: Request, Error, Major,
        "a request field was removed while unknown fields are rejected",
        "clients still send it, and the stricter decoding refuses their calls",
        "restore the field";
    REQ_TYPE_CHANGED: Request, Error, Major,
        "a request field's type was changed or narrowed",
        "values clients send today no longer decode",
        "restore the field's type";
    REQ_ENUM_VALUE_REMOVED: Request, Error, Major,
        "a value was removed from a request enum",
        "clients that send the value are refused",
        "restore the value";
    REQ_UNKNOWN_FIELDS_REJECTED: Request, Error, Major,
        "a request object now rejects unknown fields",
        "clients that send extra fields, accepted until now, are refused",
        "accept unknown fields again";
    REQ_FIELD_REMOVED_OPEN: Request, Warning, Minor,
        "a request field was removed from an object that ignores unknown fields",
        "calls still decode, but what clients send in the field is now silently ignored",
        "restore the field";
    REQ_FIELD_ADDED_OPTIONAL: Request, Info, Minor,
        "an optional request field was added",
        "older clients omit it, which stays valid",
        "remove the field";
    REQ_FIELD_MADE_OPTIONAL: Request, Info, Minor,
        "a required request field was made optional",
        "every call that was valid stays valid",
        "keep the field required";
    REQ_TYPE_WIDENED: Request, Info, Minor,
        "a request field's type was widened",
        "every value clients send today still decodes",
        "restore the field's type";
    REQ_ENUM_VALUE_ADDED: Request, Info, Minor,
        "a value was added to a request enum",
        "every call that was valid stays valid",
        "remove the value";
    REQ_UNKNOWN_FIELDS_ACCEPTED: Request, Info, Minor,
        "a request object now accepts unknown fields",
        "every call that was valid stays valid",
        "reject unknown fields again";
    RES_FIELD_REMOVED: Response, Error, Major,
        "a response or event field was removed",
        "consumers that read the field fail to decode or read nothing",
        "restore the field";
    RES_FIELD_MADE_OPTIONAL: Response, Error, Major,
        "a required response or event field was made optional (or nullable)",
        "consumers that rely on the field being present fail when it is absent or null",
        "keep the field required";
    RES_TYPE_CHANGED: Response, Error, Major,
        "a response or event field's type was changed or widened",
        "consumers decode values outside the type they were built for",
        "restore the field's type";
    RES_ENUM_VALUE_ADDED: Response, Warning, Minor,
        "a value was added to a response or event enum",
        "consumers that match on the enum exhaustively meet a value they do not know",
        "remove the value";
    RES_FIELD_ADDED: Response, Info, Minor,
        "a response or event field was added",
        "consumers ignore fields they do not know",
        "remove the field";
    RES_FIELD_MADE_REQUIRED: Response, Info, Minor,
        "an optional response or event field was made required",
        "consumers handle the field being present already",
        "keep the field optional";
    RES_TYPE_NARROWED: Response, Info, Minor,
        "a response or event field's type was narrowed",
        "every value consumers now read was valid before",
        "restore the field's type";
    RES_ENUM_VALUE_REMOVED: Response, Info, Minor,
        "a value was removed from a response or event enum",
        "consumers handle a subset of what they handled before",
        "restore the value";
    KIND_CHANGED: Operation, Error, Major,
        "the contract's kind changed (command and query, or a capability's kind)",
        "a query is read with GET and retried freely, a command with POST: clients call it the wrong way",
        "restore the kind";
    OP_IDEMPOTENCY_REMOVED: Operation, Error, Major,
        "an operation is no longer idempotent",
        "clients and proxies that retry it now repeat its effect",
        "keep the operation idempotent";
    OP_AUTH_RAISED: Operation, Error, Major,
        "an operation's auth level was raised",
        "callers allowed until now are refused",
        "restore the auth level";
    OP_ERROR_REMOVED: Operation, Error, Major,
        "a declared error was removed",
        "clients that handle the error code were promised it; generated clients lose the case",
        "restore the error";
    OP_ERROR_STATUS_CHANGED: Operation, Error, Major,
        "a declared error's HTTP status changed",
        "clients that branch on the status take the wrong branch",
        "restore the status";
    OP_EMIT_REMOVED: Operation, Error, Major,
        "an emitted event was removed from an operation",
        "subscribers waiting for the event never receive it",
        "emit the event again";
    OP_HTTP_CHANGED: Operation, Error, Major,
        "an operation's REST path or method changed",
        "clients call the old path and method and get 404 or 405",
        "restore the path and method";
    OP_MCP_TOOL_CHANGED: Operation, Error, Major,
        "an operation's MCP tool name changed",
        "agents call the tool by its old name and find nothing",
        "restore the tool name";
    OP_GRAPHQL_FIELD_CHANGED: Operation, Error, Major,
        "an operation's GraphQL field name changed",
        "documents that select the old field fail validation",
        "restore the field name";
    OP_AUTH_LOWERED: Operation, Warning, Minor,
        "an operation's auth level was lowered",
        "no caller breaks, but callers allowed to call it now include less trusted ones",
        "restore the auth level";
    OP_IDEMPOTENCY_ADDED: Operation, Info, Minor,
        "an operation became idempotent",
        "retrying becomes safe; nothing a client does breaks",
        "keep the operation non-idempotent";
    OP_ERROR_ADDED: Operation, Info, Minor,
        "a declared error was added",
        "the error is documented now; clients handle unknown codes as generic failures",
        "remove the error";
    OP_EMIT_ADDED: Operation, Info, Minor,
        "an emitted event was added to an operation",
        "subscribers of other events are unaffected",
        "remove the emitted event";
    OP_CAPABILITY_CHANGED: Operation, Info, Minor,
        "the capability a contract belongs to changed",
        "the wire is unchanged; listings and docs group it elsewhere",
        "restore the capability";
    CAP_PROVIDE_REMOVED: Capability, Error, Major,
        "an operation or event was removed from a capability's provides",
        "systems that depend on the capability rely on what it provides",
        "provide it again";
    CAP_REQUIREMENT_ADDED: Capability, Error, Major,
        "a required capability was added",
        "deployments that satisfied the capability's requirements no longer do",
        "make the requirement optional, or drop it";
    CAP_PROVIDE_ADDED: Capability, Info, Minor,
        "an operation or event was added to a capability's provides",
        "dependants get more than before",
        "remove it from provides";
    CAP_REQUIREMENT_ADDED_OPTIONAL: Capability, Info, Minor,
        "an optional capability requirement was added",
        "deployments without it still satisfy the capability",
        "remove the requirement";
    CAP_REQUIREMENT_REMOVED: Capability, Info, Minor,
        "a capability requirement was removed or made optional",
        "every deployment that satisfied the capability still does",
        "restore the requirement";
    CONTRACT_REMOVED: Lifecycle, Error, Major,
        "a locked contract is no longer declared and was not deprecated first",
        "clients of the contract lose it without notice",
        "declare it again, or mark it `stability = \"deprecated\"`, lock, and remove it later";
    STABILITY_LOWERED: Lifecycle, Error, Major,
        "a contract's stability was lowered",
        "clients chose to depend on it because of the stability it promised",
        "restore the stability";
    CONTRACT_REMOVED_AFTER_DEPRECATION: Lifecycle, Info, None,
        "a deprecated contract was removed",
        "its clients were told to move away when it was deprecated",
        "declare it again";
    CONTRACT_ADDED: Lifecycle, Info, None,
        "a contract, or a new version of one, is not in the lock yet",
        "nothing breaks; the lock must record it so that later changes are checked",
        "run `contracts lock`";
    CONTRACT_DEPRECATED: Lifecycle, Info, None,
        "a contract was deprecated",
        "clients are told to move to a newer version; nothing breaks",
        "restore its stability";
    STABILITY_RAISED: Lifecycle, Info, None,
        "a contract's stability was raised",
        "a stronger promise breaks no client",
        "restore the stability";
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    CATALOGUE.iter().copied().find(|rule| rule.id == id)
}

/// The catalogue as a Markdown table (id, category, level, bump, what, why), for the README and
/// the docs.
///
/// ```
/// let table = contracts_evolution::rules::markdown_table();
/// assert!(table.starts_with("| Id | Category | Level | Needs | Change | Why |"));
/// assert!(table.contains("| `REQ_FIELD_REMOVED` | request | error | major |"));
/// ```
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Id | Category | Level | Needs | Change | Why |\n|---|---|---|---|---|---|\n",
    );
    for rule in CATALOGUE {
        let bump = match rule.bump {
            Bump::None => "none",
            Bump::Minor => "minor",
            Bump::Major => "major",
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            rule.id,
            rule.category.as_str(),
            rule.level,
            bump,
            rule.title,
            rule.why
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_sorted_by_category_then_level() {
        let ids: HashSet<_> = CATALOGUE.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), CATALOGUE.len());
        for rule in CATALOGUE {
            let prefix = match rule.category {
                Category::Request => "REQ_",
                Category::Response => "RES_",
                Category::Operation => "OP_",
                Category::Capability => "CAP_",
                Category::Lifecycle => "",
            };
            assert!(
                rule.id.starts_with(prefix) || rule.id == "KIND_CHANGED",
                "{}",
                rule.id
            );
            assert_eq!(
                rule.level == Level::Error,
                rule.bump == Bump::Major,
                "{}",
                rule.id
            );
        }
    }
}

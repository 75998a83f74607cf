// A small library registry using every serde feature the TypeScript export must honour:
// renames, `rename_all`, optional and defaulted fields, `flatten` (of a struct, a map and an
// enum), unit enums with and without doc comments, externally, internally and adjacently
// tagged enums, an untagged enum, maps (by string and by enum key), `JsonObject`,
// `serde_json::Value`, date-times, a tuple, a newtype, a recursive model and a unit output.
// Included at the root of a test crate (the `registry!` macro lives at a crate's root).

use contracts_core::{capability, command, event, query, registry, DateTime, ErrorCatalog, JsonObject, Model};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A book's ISBN.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
pub struct Isbn(pub String);

/// How a book is lent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LoanKind {
    /// Taken home.
    HomeLoan,
    /// Read in the reading room.
    ReadingRoom,
}

/// A shelf colour (no doc comments on the variants).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Eq, Ord, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Colour {
    Red,
    Green,
}

/// Who did what, when: flattened into the records that carry it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Audit {
    /// Who.
    pub created_by: String,
    /// When.
    pub created_at: DateTime,
}

/// How the book reaches the member (internally tagged).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "method", rename_all = "kebab-case")]
pub enum Delivery {
    /// Picked up at the desk.
    Pickup {
        /// Which desk.
        desk: u32,
    },
    /// Posted to an address.
    Post(Address),
    /// Sent as a file.
    Digital,
}

/// A postal address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Address {
    /// Street and number.
    pub street_line: String,
    /// The postcode, when the country has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
}

/// A reminder (externally tagged).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Reminder {
    /// No reminder.
    Never,
    /// Days before the due date.
    DaysBefore(u8),
    /// At a fixed time.
    At {
        /// When.
        time: DateTime,
    },
}

/// An event on a loan's timeline (adjacently tagged).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "t", content = "c")]
pub enum Entry {
    /// A note.
    Note(String),
    /// A renewal, with the new due date.
    Renewed(DateTime),
}

/// A member, by id or by card number (untagged).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum MemberRef {
    /// A member id.
    Id(String),
    /// A library card number.
    Card(u64),
}

/// A node of the subject tree (recursive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// The subject's name.
    pub name: String,
    /// Narrower subjects.
    #[model(opaque)]
    pub narrower: Vec<Subject>,
}

/// Lend a book.
#[command(
    key = "library.loan.create",
    version = "1.0.0",
    capability = "library.loans",
    output = Loan,
    errors = LoanError,
    emits(LoanCreated(when = "The loan is stored.")),
    policy(auth = "user"),
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct CreateLoan {
    /// The book.
    pub isbn: Isbn,
    /// The member (renamed on the wire).
    #[model(opaque)]
    #[serde(rename = "member")]
    pub member_ref: MemberRef,
    /// How it is lent.
    pub kind: LoanKind,
    /// When it is due back, if agreed now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime>,
    /// How many renewals are allowed (defaults to none).
    #[serde(default)]
    pub renewals: u8,
    /// How the book travels.
    #[model(opaque)]
    pub delivery: Delivery,
    /// Reminders to send.
    #[model(opaque)]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<Reminder>,
    /// Free-form notes.
    pub notes: JsonObject,
    /// Where it is shelved: a bay and a shelf number.
    #[model(opaque)]
    pub shelf: (String, u32),
    /// The audit fields, flattened.
    #[serde(flatten)]
    pub audit: Audit,
    /// Any other field, kept as is.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A loan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Loan {
    /// The loan.
    pub loan_id: String,
    /// How it is lent.
    pub kind: LoanKind,
    /// When it is due back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime>,
    /// What happened to it.
    #[model(opaque)]
    pub timeline: Vec<Entry>,
    /// Copies on each shelf, by colour.
    pub copies: BTreeMap<Colour, u32>,
    /// Tags, by name.
    pub labels: BTreeMap<String, String>,
    /// Anything the catalogue said.
    pub catalogue: serde_json::Value,
}

/// Why a loan is refused.
#[derive(Debug, Clone, Copy, PartialEq, ErrorCatalog)]
pub enum LoanError {
    /// The book is out.
    #[contract_error(code = "ALREADY_LOANED", http = 409, when = "Every copy is lent.")]
    AlreadyLoaned,
    /// The member may not borrow.
    #[contract_error(code = "MEMBER_SUSPENDED", http = 403)]
    MemberSuspended,
}

/// A book was lent.
#[event(key = "library.loan.created", version = "1.0.0", capability = "library.loans")]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct LoanCreated {
    /// The loan.
    pub loan_id: String,
    /// The audit fields, flattened.
    #[serde(flatten)]
    pub audit: Audit,
}

/// Search loans: scalars, lists and an object as query parameters.
#[query(
    key = "library.loan.search",
    version = "1.0.0",
    capability = "library.loans",
    output = SearchLoans,
    policy(auth = "anonymous"),
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchLoans {
    /// Words to look for.
    pub text: String,
    /// At most this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only overdue loans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// Only these kinds.
    #[serde(default)]
    pub kinds: Vec<LoanKind>,
    /// Only these card numbers.
    #[serde(default)]
    pub cards: Vec<u64>,
    /// Only within this window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// The member, by id or card.
    #[model(opaque)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberRef>,
}

/// A time window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// From this instant.
    pub from: DateTime,
    /// Until this instant.
    pub until: DateTime,
}

/// Find loans by how they are delivered: an input that is not a plain object (a flattened
/// enum), so it travels whole as `?input=<json>`.
#[query(
    key = "library.loan.find",
    version = "1.0.0",
    capability = "library.loans",
    output = Subject,
    policy(auth = "anonymous"),
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
pub struct FindLoans {
    /// The delivery to match.
    #[model(opaque)]
    #[serde(flatten)]
    pub delivery: Delivery,
}

/// Return a book (deprecated: returns are scanned at the desk now).
#[command(
    key = "library.loan.return",
    version = "1.0.0",
    capability = "library.loans",
    output = (),
    stability = "deprecated",
    policy(auth = "admin", escalate = "human_review"),
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ReturnLoan {
    /// The loan (a dashed name on the wire).
    pub loan_id: String,
}

/// The loans of a library.
#[capability(
    key = "library.loans",
    version = "1.0.0",
    kind = "api",
    provides(
        operation("library.loan.create@1.0.0"),
        operation("library.loan.search@1.0.0"),
        operation("library.loan.find@1.0.0"),
        operation("library.loan.return@1.0.0"),
        event("library.loan.created@1.0.0"),
    )
)]
pub struct LibraryLoans;

registry! {
    /// The library fixture.
    pub static LIBRARY;
    defaults(domain = "library", owners = ["team.library"], stability = "stable");
    contracts(LibraryLoans, LoanCreated, CreateLoan, SearchLoans, FindLoans, ReturnLoan);
}

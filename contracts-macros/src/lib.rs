//! The attribute and derive macros of [`contracts-core`](https://docs.rs/contracts-core).
//!
//! Depend on `contracts-core`, which re-exports every macro here; generated code refers to
//! `::contracts_core` only.
//!
//! Each macro parses its arguments into a typed model that keeps the span of every literal,
//! validates it (reporting every problem at once, with "did you mean" suggestions), and generates
//! a `'static` descriptor, trait impls, and compile-time checks. When an attribute has errors the
//! item and its impls are still emitted (marked invalid), so the only errors are the real ones.
#![forbid(unsafe_code)]

mod args;
mod check;
mod choices;
mod ctxt;
mod derive;
mod entry;
mod expand;
mod lock;
mod parse;
mod reader;
mod reference;
mod source;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use source::SourceInfo;

/// Declares a command (a state-changing operation) on its input struct.
///
/// ```
/// use contracts_core::{capability, command, event, registry, ErrorCatalog, Model};
///
/// /// Runs jobs.
/// #[capability(key = "jobs.run", version = "1.0.0", kind = "api",
///     provides(operation("jobs.job.start@1.0.0"), event("jobs.job.started@1.0.0")))]
/// pub struct JobsRun;
///
/// /// Emitted when a job starts.
/// #[event(key = "jobs.job.started", version = "1.0.0", capability = "jobs.run")]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct JobStarted { pub job_id: String }
///
/// #[derive(Debug, ErrorCatalog)]
/// pub enum StartJobError {
///     /// The job definition does not exist.
///     #[contract_error(http = 404, when = "The definition key is unknown.")]
///     DefinitionNotFound,
/// }
///
/// /// Start a job.
/// #[command(
///     key = "jobs.job.start",
///     version = "1.0.0",
///     capability = "jobs.run",
///     output = StartJobOutput,
///     emits(JobStarted(when = "The job is queued.")),
///     errors = StartJobError,
///     policy(auth = "user", idempotent = true, rate_limit(rpm = 60, key = "user")),
/// )]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct StartJob { pub definition: String }
///
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct StartJobOutput { pub job_id: String }
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(JobsRun, JobStarted, StartJob);
/// }
/// # fn main() {}
/// ```
///
/// # Arguments
///
/// | argument | meaning |
/// |---|---|
/// | `key = "a.b.c"` | required; dot-separated segments of letters, digits and dashes |
/// | `version = "1.0.0"` | required; a semantic version |
/// | `title`, `description`, `goal`, `context` | documentation; `description` defaults to the doc comment |
/// | `domain`, `owners = [...]`, `tags = [...]`, `stability` | ownership; default to the `registry!` defaults (tags are appended to the base tags) |
/// | `doc_ids = [...]` | ids of `#[doc_block]`s documenting it |
/// | `capability = "key"` or `"key@version"` | the capability that provides it |
/// | `output = Type` | required; the output message |
/// | `emits(Event(when = "...", version = "..."), ...)` | the events it may emit, by type |
/// | `errors = Enum` | its named errors, an enum deriving `ErrorCatalog` |
/// | `policy(auth = ..., pii = [...], idempotent, rate_limit(rpm = .., key = ..), escalate = "human_review", flags = [...], policies = [...])` | `auth` (anonymous, user, admin) is required |
///
/// Stability is one of `idea`, `in_creation`, `experimental`, `beta`, `stable`, `deprecated`.
#[proc_macro_attribute]
pub fn command(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::command(args.into(), item.into(), &source).into()
}

/// Declares a query (a read-only, always idempotent operation) on its input struct.
///
/// Takes the same arguments as [`macro@command`]; `policy(idempotent = false)` is an error.
///
/// ```
/// use contracts_core::{capability, query, registry, Model};
///
/// /// Reads jobs.
/// #[capability(key = "jobs.read", version = "1.0.0", kind = "data",
///     provides(operation("jobs.job.get@1.0.0")))]
/// pub struct JobsRead;
///
/// /// Get a job.
/// #[query(key = "jobs.job.get", version = "1.0.0", capability = "jobs.read",
///     output = Job, policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct GetJob { pub job_id: String }
///
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct Job { pub job_id: String, pub status: String }
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(JobsRead, GetJob);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn query(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::query(args.into(), item.into(), &source).into()
}

/// Declares a consumer of an event on a marker type: a named handler of one event, owned by a
/// capability. The registry, the AsyncAPI document (a `receive` operation) and the docs know
/// from it who consumes what; `contracts-events` subscribes a typed handler under its key.
///
/// Arguments: the meta arguments of [`macro@command`] (`key`, `version`, `title`,
/// `description`, ...), `capability = "key@version"` (optional) and `event = Type`, the
/// consumed event's payload type. The event must be declared with `#[event]` and by a registry
/// this crate's `registry!` covers (its own contracts or an included crate's): a consumer of
/// an event nobody declares does not compile.
///
/// ```
/// use contracts_core::{consumer, event, registry, Consumer, Model};
///
/// /// Emitted when a user signs up.
/// #[event(key = "users.user.signed-up", version = "1.0.0")]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct UserSignedUp { pub user_id: String }
///
/// /// Sends the welcome mail.
/// #[consumer(key = "mail.welcome", version = "1.0.0", event = UserSignedUp)]
/// pub struct SendWelcome;
///
/// registry! {
///     pub static USERS;
///     defaults(owners = ["team.users"], stability = "stable");
///     contracts(UserSignedUp, SendWelcome);
/// }
/// # fn main() {
/// assert_eq!(<SendWelcome as Consumer>::DESCRIPTOR.event.meta.key, "users.user.signed-up");
/// # }
/// ```
#[proc_macro_attribute]
pub fn consumer(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::consumer(args.into(), item.into(), &source).into()
}

/// Declares an event on its payload struct.
///
/// Arguments: the meta arguments of [`macro@command`] (`key`, `version`, `title`,
/// `description`, ...), `capability = "key@version"` (optional), and `pii = ["field.path"]`,
/// checked against the payload's fields.
///
/// ```
/// use contracts_core::{event, registry, Model};
///
/// /// Emitted when a user signs up.
/// #[event(key = "users.user.signed-up", version = "1.0.0", pii = ["email"])]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct UserSignedUp { pub user_id: String, pub email: String }
///
/// registry! {
///     pub static USERS;
///     defaults(owners = ["team.users"], stability = "stable");
///     contracts(UserSignedUp);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn event(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::event(args.into(), item.into(), &source).into()
}

/// Declares a capability on a unit struct.
///
/// Arguments: the meta arguments, `kind` (`api`, `event`, `data`, `ui`, `integration`;
/// required), `provides(operation("key@version", description = "..."), event(...),
/// presentation(...), workflow(...), resource(...))`, `requires(capability("key@version",
/// optional, kind = "...", reason = "..."))` and `extends = "key@version"`.
///
/// ```
/// use contracts_core::{capability, registry};
///
/// /// Sends mail.
/// #[capability(key = "mail.send", version = "1.0.0", kind = "integration",
///     provides(workflow("mail.bounce-handling", description = "Handles bounces.")),
///     requires(capability("audit.log@1.0.0", optional, reason = "Sent mail is audited when present.")))]
/// pub struct MailSend;
///
/// registry! {
///     pub static MAIL;
///     defaults(owners = ["team.mail"], stability = "stable");
///     contracts(MailSend);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn capability(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::capability(args.into(), item.into(), &source).into()
}

/// Declares a presentation on a unit struct.
///
/// Arguments: the meta arguments, `capability`, `source(component(framework = "react", key =
/// "componentKey"))` or `source(blocknotejs(doc_json = "..."))`, `targets = ["react",
/// "markdown", "application/json", "application/xml"]` and `policy(flags = [...], pii = [...])`.
///
/// The `policy(pii = [...])` paths are not checked against a model: a presentation renders data
/// through its component or document, and no model of that data is declared with it. Declare
/// personal data on the messages themselves (the `pii` of operations, events and forms), where
/// every path is checked against the message's JSON field names.
///
/// ```
/// use contracts_core::{presentation, registry};
///
/// /// A job's timeline.
/// #[presentation(key = "jobs.job.timeline", version = "1.0.0",
///     source(component(framework = "react", key = "jobTimeline")), targets = ["react", "markdown"])]
/// pub struct JobTimeline;
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(JobTimeline);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn presentation(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::presentation(args.into(), item.into(), &source).into()
}

/// Declares a data view on a unit struct.
///
/// Arguments: the meta arguments, `entity = "..."`, `source(primary = "query@version", item =
/// "query@version", refresh_events = [...])`, `view(kind = "list" | "detail" | "table" | "grid",
/// fields(field(key, label, data_path), ...), primary_field, secondary_fields = [...],
/// filters(filter(key, label, field, type), ...))` and `policy(flags, pii)`.
///
/// The `source` references are checked like every reference (declared operations and events).
/// The field `data_path`s and `policy(pii = [...])` paths are not checked against a model: they
/// name fields of the records the view renders, and the primary query names those records only
/// inside an output of its own shape (a page, an `items` list, a map keyed by id), which the
/// view does not declare; checking the paths against the output would reject correct views.
///
/// ```
/// use contracts_core::{data_view, query, registry, Model};
///
/// /// List jobs.
/// #[query(key = "jobs.job.list", version = "1.0.0", output = JobList, policy(auth = "user"))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct ListJobs {}
///
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct JobList { pub ids: Vec<String> }
///
/// /// Jobs, newest first.
/// #[data_view(key = "jobs.job.index", version = "1.0.0", entity = "job",
///     source(primary = "jobs.job.list@1.0.0"),
///     view(kind = "list", fields(field(key = "id", label = "Job", data_path = "id")), primary_field = "id"))]
/// pub struct JobIndex;
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(ListJobs, JobIndex);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn data_view(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::data_view(args.into(), item.into(), &source).into()
}

/// Declares a form on its model struct.
///
/// Arguments: the meta arguments, `fields(field(kind = "text", name = "modelField", label =
/// "...", placeholder = "..."), ...)` (names are checked against the model),
/// `actions(action(key = "...", label = "...", op = "operation@version"), ...)` and
/// `policy(flags, pii)`.
///
/// ```
/// use contracts_core::{form, registry, Model};
///
/// /// Search jobs.
/// #[form(key = "jobs.search.form", version = "1.0.0",
///     fields(field(kind = "text", name = "query", label = "Search")))]
/// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
/// pub struct JobSearch { pub query: Option<String> }
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(JobSearch);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn form(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::form(args.into(), item.into(), &source).into()
}

/// Declares a policy on a unit struct.
///
/// Arguments: the meta arguments, `scope = "global" | "feature" | "operation"` and
/// `rules(rule(effect = "allow" | "deny", actions = [...], roles = [...], resource = "type",
/// conditions = [...], flags = [...], escalate = "human_review", reason = "..."), ...)`.
///
/// ```
/// use contracts_core::{policy, registry};
///
/// /// Only admins delete.
/// #[policy(key = "jobs.delete-policy", version = "1.0.0", scope = "operation",
///     rules(rule(effect = "deny", actions = ["job.delete"], reason = "not_admin")))]
/// pub struct DeletePolicy;
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(DeletePolicy);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn policy(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::policy(args.into(), item.into(), &source).into()
}

/// Declares a feature module on a unit struct: the contracts that ship together.
///
/// Named `feature_module` (ContractSpec's `FeatureModuleSpec`) because `#[feature]` is a
/// built-in attribute of the compiler, which an imported `feature` macro would be ambiguous with.
///
/// Arguments: the meta arguments, `operations`, `events`, `presentations`, `provides`
/// (capabilities), `data_views`, `forms`, `policies` (each a list of `"key@version"`),
/// `requires(capability(...))` and `docs = ["doc.block.id"]`. Every reference is checked.
///
/// ```
/// use contracts_core::{feature_module, policy, registry};
///
/// /// Only admins delete.
/// #[policy(key = "jobs.delete-policy", version = "1.0.0",
///     rules(rule(effect = "deny", actions = ["job.delete"])))]
/// pub struct DeletePolicy;
///
/// /// The jobs feature.
/// #[feature_module(key = "jobs", version = "1.0.0", policies = ["jobs.delete-policy@1.0.0"])]
/// pub struct JobsFeature;
///
/// registry! {
///     pub static JOBS;
///     defaults(owners = ["team.jobs"], stability = "beta");
///     contracts(DeletePolicy, JobsFeature);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn feature_module(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::feature_module(args.into(), item.into(), &source).into()
}

/// Declares a doc block on a unit struct; its doc comment is the body (Markdown).
///
/// Arguments: `id` (required), `title` (required), `summary`, `kind` (default `reference`),
/// `visibility` (default `public`), `route`, `tags = [...]`, `body` (overrides the doc comment).
///
/// ```
/// use contracts_core::{doc_block, registry};
///
/// /// # Jobs
/// ///
/// /// How jobs run.
/// #[doc_block(id = "docs.jobs", title = "Jobs", route = "/docs/jobs")]
/// pub struct JobsDoc;
///
/// registry! {
///     pub static JOBS;
///     contracts(JobsDoc);
/// }
/// # fn main() {}
/// ```
#[proc_macro_attribute]
pub fn doc_block(args: TokenStream, item: TokenStream) -> TokenStream {
    let source = SourceInfo::locate(&args, &item);
    entry::doc_block(args.into(), item.into(), &source).into()
}

/// Declares a crate's registry: its contracts, the registries it includes, and the defaults its
/// contracts inherit. Invoke it once, at the crate root.
///
/// ```text
/// registry! {
///     /// Docs of the static.
///     pub static NAME;
///     defaults(domain = "...", owners = [...], tags = [...], stability = "...");
///     includes(other_crate::REGISTRY, ...);
///     contracts(Type, path::Type, ...);
/// }
/// ```
///
/// Every type annotated with a contract attribute must be listed in `contracts(...)`; a
/// contract missing from it is a compile error. The registry includes the contracts of the
/// `includes(...)` registries (each crate once), and references may name them.
///
/// ```
/// use contracts_core::{doc_block, registry};
///
/// /// Body.
/// #[doc_block(id = "docs.intro", title = "Intro")]
/// pub struct Intro;
///
/// registry! {
///     /// The registry.
///     pub static REGISTRY;
///     contracts(Intro);
/// }
///
/// # fn main() {
/// assert_eq!(REGISTRY.doc_blocks()[0].id, "docs.intro");
/// # }
/// ```
#[proc_macro]
pub fn registry(input: TokenStream) -> TokenStream {
    entry::registry(input.into()).into()
}

/// Derives `contracts_core::Model`: the wire shape of a struct or unit-only enum, following
/// serde's `rename`, `rename_all`, `skip`, `default`, `flatten` and `transparent`.
///
/// A field whose type cannot describe itself (a foreign type, or the type itself, which would
/// be recursive) can be marked `#[model(opaque)]`; paths into it are then not checked.
///
/// ```
/// use contracts_core::{Model, ModelKind};
///
/// #[derive(serde::Serialize, Model)]
/// #[serde(rename_all = "snake_case")]
/// pub enum Status { InProgress, Done }
///
/// let ModelKind::Enum(values) = <Status as Model>::SHAPE.target.kind else { unreachable!() };
/// assert_eq!(values, ["in_progress", "done"]);
/// ```
#[proc_macro_derive(Model, attributes(model))]
pub fn derive_model(input: TokenStream) -> TokenStream {
    entry::derive_model(input.into()).into()
}

/// Derives `contracts_core::ErrorCatalog` on an enum of unit variants, one per declared error.
///
/// Each variant carries `#[contract_error(http = 4xx, when = "...")]`; its doc comment is the
/// description, and the code defaults to the variant name in `SCREAMING_SNAKE_CASE` (override
/// with `code = "..."`).
///
/// ```
/// use contracts_core::ErrorCatalog;
///
/// #[derive(Debug, ErrorCatalog)]
/// pub enum InstallError {
///     /// The signature is invalid.
///     #[contract_error(http = 400, when = "Verification fails.")]
///     SignatureInvalid,
/// }
///
/// assert_eq!(InstallError::SignatureInvalid.code(), "SIGNATURE_INVALID");
/// assert_eq!(InstallError::ERRORS[0].http, 400);
/// ```
#[proc_macro_derive(ErrorCatalog, attributes(contract_error))]
pub fn derive_error_catalog(input: TokenStream) -> TokenStream {
    entry::derive_error_catalog(input.into()).into()
}

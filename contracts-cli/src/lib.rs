//! The `contracts` command: list, show, validate, export and document a contract
//! [`Registry`].
//!
//! The crate is a library as well as a binary, so an application serves its own registry with a
//! two-line `main`:
//!
//! ```no_run
//! use contracts_core::{capability, registry};
//!
//! /// Everything the shop offers.
//! #[capability(key = "shop.core", version = "1.0.0", kind = "api")]
//! pub struct ShopCore;
//!
//! registry! {
//!     /// The shop's contracts.
//!     pub static SHOP;
//!     defaults(owners = ["team.shop"], stability = "beta");
//!     contracts(ShopCore);
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     contracts_cli::run(&SHOP)
//! }
//! ```
//!
//! The `contracts` binary of this crate serves the three domain crates (control plane, harness,
//! context). Its commands:
//!
//! | command | does |
//! |---|---|
//! | `contracts list [--kind K] [--domain D] [--tag T] [--owner O] [--capability C] [--format table\|json]` | lists contracts |
//! | `contracts show KEY[@VERSION] [--format text\|markdown\|json]` | shows one contract in full, as its docs page |
//! | `contracts validate [--deny-warnings]` | checks the whole registry (see [`validate::validate`]) |
//! | `contracts export jsonschema\|openapi\|mcp\|graphql\|registry [--out FILE]` | writes a generated surface |
//! | `contracts docs --out DIR [--format html\|markdown]` | writes the docs site and prints the index to open |
//! | `contracts serve [--http [ADDR]] [--mcp-stdio] [--mcp-http [ADDR]]` | serves the registry over REST (with `/openapi.json`) and MCP, on loopback by default (see [`ServeArgs`]) |
//!
//! `contracts serve` runs the operations with the handlers a [`Serving`] binds
//! ([`run_with`]); [`run`] binds none, so every call answers `501 NOT_IMPLEMENTED`. The
//! `contracts` binary binds the in-memory reference handlers of `contracts-reference`, so that
//! `controlPlane.execution.start` and the other seed operations work out of the box.
//!
//! Errors are one line on stderr with a non-zero exit status: `1` when a command fails (an
//! unknown key, with the nearest key suggested; an unwritable path, named), `2` for usage
//! errors. Long work shows a progress line when stderr is a terminal and stays quiet when piped.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod progress;
mod serve;
mod text;
pub mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use contracts_core::syntax::{edit_distance, is_close, ContractRef};
use contracts_core::{Contract, ContractKind, Registry};
use contracts_export::docs;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use serve::{EventLog, McpActor, ServeArgs, Serving, DEFAULT_HTTP, DEFAULT_MCP_HTTP};
pub use text::Style;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "contracts",
    version,
    about = "List, show, validate, export and document a contract registry.",
    arg_required_else_help = true
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List contracts, optionally filtered.
    List(ListArgs),
    /// Show one contract in full (or a doc block), as its docs page.
    Show(ShowArgs),
    /// Check the whole registry; exits non-zero on errors and lists warnings.
    Validate(ValidateArgs),
    /// Write a generated surface: JSON Schema, OpenAPI, MCP tools, GraphQL SDL or the registry.
    Export(ExportArgs),
    /// Write the docs: a static HTML site (default) or Markdown files.
    Docs(DocsArgs),
    /// Serve the registry over HTTP (REST and OpenAPI) and MCP, on loopback by default.
    Serve(ServeArgs),
}

/// Arguments of `contracts list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only contracts of this kind: capability, command, query, operation (both), event,
    /// presentation, data_view, form, policy, feature.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only contracts of this domain.
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
    /// Only contracts carrying this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only contracts owned by this owner.
    #[arg(long, value_name = "OWNER")]
    pub owner: Option<String>,
    /// Only contracts that claim this capability or that it provides (`key` or `key@version`).
    #[arg(long, value_name = "CAPABILITY")]
    pub capability: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of `contracts list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns.
    Table,
    /// A JSON array, one object per contract.
    Json,
}

/// Arguments of `contracts show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The contract (`key` for the latest version, or `key@version`), or a doc block id.
    #[arg(value_name = "KEY[@VERSION]")]
    pub reference: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Output formats of `contracts show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The docs page as plain text.
    Text,
    /// The docs page as Markdown.
    Markdown,
    /// The contract as serialized JSON.
    Json,
}

/// Arguments of `contracts validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Exit non-zero on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Arguments of `contracts export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub what: ExportKind,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// What `contracts export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// JSON Schema (draft 2020-12) of every input, output and event payload.
    Jsonschema,
    /// An OpenAPI 3.1 document.
    Openapi,
    /// MCP tool definitions for every command and query.
    Mcp,
    /// A GraphQL SDL schema.
    Graphql,
    /// The registry itself: every contract and doc block, serialized.
    Registry,
}

/// Arguments of `contracts docs`.
#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// The directory to write (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DocsFormat::Html)]
    pub format: DocsFormat,
}

/// Output formats of `contracts docs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocsFormat {
    /// A static HTML site with a searchable index; opens from disk.
    Html,
    /// One Markdown file per contract and doc block, and an index.
    Markdown,
}

/// Runs the command line of the process against `registry` and returns the exit status.
///
/// Call it from your own binary's `main` to serve your registry (see the crate docs); `serve`
/// then runs no handler: use [`run_with`] to bind yours.
pub fn run(registry: &'static Registry) -> ExitCode {
    run_with(registry, Serving::new())
}

/// Runs the command line of the process against `registry`, `contracts serve` running the
/// handlers `serving` binds, and returns the exit status.
///
/// ```no_run
/// use contracts_cli::Serving;
/// # contracts_core::registry! { pub static SHOP; defaults(owners = ["team.shop"], stability = "beta"); contracts(); }
///
/// fn main() -> std::process::ExitCode {
///     let serving = Serving::new().with_handlers(|runtime| {
///         // runtime.bind::<PlaceOrder>(place_order)?; ...
///         Ok(())
///     });
///     contracts_cli::run_with(&SHOP, serving)
/// }
/// ```
pub fn run_with(registry: &'static Registry, serving: Serving) -> ExitCode {
    run_from_with(registry, std::env::args_os(), &serving)
}

/// Runs the command line `args` (the first one is the program name) against `registry`,
/// writing to the process's stdout and stderr.
pub fn run_from<I, T>(registry: &'static Registry, args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_from_with(registry, args, &Serving::new())
}

fn run_from_with<I, T>(registry: &'static Registry, args: I, serving: &Serving) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let terminal = Terminal {
        stdout: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        stderr: io::stderr().is_terminal(),
    };
    // Not locked for the whole command: `serve --mcp-stdio` writes MCP messages to stdout from
    // other threads.
    let mut stdout = io::stdout();
    let mut stderr = io::stderr();
    ExitCode::from(execute_with(
        registry,
        args,
        &mut stdout,
        &mut stderr,
        terminal,
        serving,
    ))
}

/// Runs the command line `args` (the first one is the program name) against `registry`,
/// writing to `stdout` and `stderr` as if both were piped (no progress, no styling), and
/// returns the exit status: `0` on success, `1` when the command fails, `2` for usage errors.
///
/// ```
/// use contracts_harness::HARNESS;
///
/// let (mut out, mut err) = (Vec::new(), Vec::new());
/// let status = contracts_cli::execute(&HARNESS, ["contracts", "show", "harness.run"], &mut out, &mut err);
/// assert_eq!(status, 1);
/// let err = String::from_utf8(err).unwrap();
/// assert!(err.starts_with("error: no contract or doc block `harness.run`"), "{err}");
/// ```
pub fn execute<I, T>(
    registry: &'static Registry,
    args: I,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    execute_with(
        registry,
        args,
        stdout,
        stderr,
        Terminal::default(),
        &Serving::new(),
    )
}

/// Whether stdout and stderr are terminals.
#[derive(Clone, Copy, Debug, Default)]
struct Terminal {
    stdout: bool,
    stderr: bool,
}

/// A failure: one line for stderr.
#[derive(Debug)]
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

type Outcome = Result<u8, Failure>;

fn execute_with<I, T>(
    registry: &'static Registry,
    args: I,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    terminal: Terminal,
    serving: &Serving,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = if terminal.stderr {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let code = if e.use_stderr() { 2 } else { 0 };
            let target: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let _ = write!(target, "{text}");
            return code;
        }
    };
    let mut ctx = Ctx {
        registry,
        out: stdout,
        terminal,
    };
    let result = match &cli.command {
        Command::List(args) => ctx.list(args),
        Command::Show(args) => ctx.show(args),
        Command::Validate(args) => ctx.validate(args),
        Command::Export(args) => ctx.export(args),
        Command::Docs(args) => ctx.docs(args, stderr),
        Command::Serve(args) => serve::serve(registry, args, serving, stderr).map_err(Failure),
    };
    match result {
        Ok(code) => {
            let _ = ctx.out.flush();
            code
        }
        Err(Failure(message)) => {
            // A closed pipe (`contracts list | head`) is not an error worth reporting.
            if message.contains("Broken pipe") {
                return 0;
            }
            let _ = writeln!(stderr, "error: {message}");
            1
        }
    }
}

struct Ctx<'a> {
    registry: &'static Registry,
    out: &'a mut dyn Write,
    terminal: Terminal,
}

/// The value closest to `wanted` among `candidates`, when close enough to be a likely typo.
fn nearest<'c>(wanted: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .filter(|c| *c != wanted)
        .map(|c| (edit_distance(c, wanted), c))
        .min()
        .filter(|(d, _)| is_close(*d, wanted.len()))
        .map(|(_, c)| c)
}

fn did_you_mean(nearest: Option<&str>) -> String {
    nearest
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    Ok(serde_json::to_string_pretty(value)?)
}

impl Ctx<'_> {
    /// Finds a contract by `key` or `key@version`, or explains why not in one line.
    fn find(&self, reference: &str, what: &str) -> Result<Contract, Failure> {
        let parsed = ContractRef::parse(reference).map_err(|e| {
            Failure(format!(
                "`{reference}` is not a {what} reference (`key` or `key@version`): {}",
                match e {
                    contracts_core::syntax::ReferenceError::Key(k) => k.reason(),
                    contracts_core::syntax::ReferenceError::Version(v) => v.reason(),
                }
            ))
        })?;
        if let Some(contract) = self.registry.resolve(&parsed) {
            return Ok(contract);
        }
        let versions = self.registry.versions(parsed.key);
        if !versions.is_empty() {
            let known: Vec<String> = versions
                .iter()
                .map(|e| format!("`{}`", e.version()))
                .collect();
            return Err(Failure(format!(
                "`{}` has no version `{}`; its versions are {}",
                parsed.key,
                parsed.version.map(|v| v.as_str()).unwrap_or(""),
                known.join(", ")
            )));
        }
        Err(Failure(self.unknown_key(parsed.key, what)))
    }

    fn unknown_key(&self, key: &str, what: &str) -> String {
        let keys: BTreeSet<&str> = self.registry.iter().map(|c| c.key()).collect();
        let mut message = format!("no {what} `{key}` in the registry");
        // A namespace (`harness.run`): keys match exactly, so list the keys under it.
        let prefix = format!("{key}.");
        let under: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        if !under.is_empty() {
            let shown: Vec<String> = under.iter().take(5).map(|k| format!("`{k}`")).collect();
            let more = if under.len() > 5 { ", ..." } else { "" };
            message.push_str(&format!(
                "; keys match exactly: did you mean one under it, such as {}{more}?",
                shown.join(", ")
            ));
            return message;
        }
        if let Some(near) = nearest(key, keys.iter().copied()) {
            message.push_str(&format!("; did you mean `{near}`?"));
            return message;
        }
        if let Some((_, best)) = keys.iter().map(|k| (edit_distance(k, key), *k)).min() {
            message.push_str(&format!(
                "; the nearest key is `{best}` (run `contracts list` to see them all)"
            ));
        }
        message
    }

    fn list(&mut self, args: &ListArgs) -> Outcome {
        let registry = self.registry;
        let kinds: Option<Vec<ContractKind>> = match &args.kind {
            None => None,
            Some(k)
                if k.eq_ignore_ascii_case("operation") || k.eq_ignore_ascii_case("operations") =>
            {
                Some(vec![ContractKind::Command, ContractKind::Query])
            }
            Some(k) => match ContractKind::parse(k.trim_end_matches('s'))
                .or_else(|| ContractKind::parse(k))
            {
                Some(kind) => Some(vec![kind]),
                None => {
                    let names: Vec<&str> = ContractKind::ALL.iter().map(|k| k.as_str()).collect();
                    return Err(Failure(format!(
                        "unknown kind `{k}`{} (kinds: {}, and operation for both commands and queries)",
                        did_you_mean(nearest(k, names.iter().copied())),
                        names.join(", ")
                    )));
                }
            },
        };
        let check_value =
            |field: &str, value: &Option<String>, all: BTreeSet<&'static str>| match value {
                Some(v) if !all.contains(v.as_str()) => Err(Failure(format!(
                    "no contract has {field} `{v}`{}",
                    did_you_mean(nearest(v, all.iter().copied()))
                ))),
                _ => Ok(()),
            };
        check_value(
            "domain",
            &args.domain,
            registry.iter().filter_map(|c| c.meta().domain).collect(),
        )?;
        check_value(
            "tag",
            &args.tag,
            registry
                .iter()
                .flat_map(|c| c.meta().tags.iter().copied())
                .collect(),
        )?;
        check_value(
            "owner",
            &args.owner,
            registry
                .iter()
                .flat_map(|c| c.meta().owners.iter().copied())
                .collect(),
        )?;
        let capability = match &args.capability {
            None => None,
            Some(reference) => {
                let contract = self.find(reference, "capability")?;
                match contract.as_capability() {
                    Some(cap) => Some(cap),
                    None => {
                        return Err(Failure(format!(
                            "`{reference}` is {}, not a capability",
                            validate::with_article(&docs::type_label(&contract))
                        )))
                    }
                }
            }
        };
        let provided: BTreeSet<(&str, &str)> = capability
            .map(|cap| {
                registry
                    .provided_by(cap)
                    .map(|c| (c.key(), c.version().as_str()))
                    .collect()
            })
            .unwrap_or_default();
        let selected: Vec<Contract> = registry
            .iter()
            .filter(|c| kinds.as_ref().is_none_or(|k| k.contains(&c.kind())))
            .filter(|c| {
                args.domain
                    .as_deref()
                    .is_none_or(|d| c.meta().domain == Some(d))
            })
            .filter(|c| args.tag.as_deref().is_none_or(|t| c.meta().has_tag(t)))
            .filter(|c| args.owner.as_deref().is_none_or(|o| c.meta().has_owner(o)))
            .filter(|c| match capability {
                None => true,
                Some(cap) => {
                    provided.contains(&(c.key(), c.version().as_str()))
                        || c.capability()
                            .and_then(|r| registry.resolve(r))
                            .is_some_and(|claimed| {
                                claimed.key() == cap.meta.key
                                    && claimed.version() == &cap.meta.version
                            })
                }
            })
            .collect();
        match args.format {
            ListFormat::Json => {
                let rows: Vec<ListRow> = selected.iter().map(list_json).collect();
                writeln!(self.out, "{}", json_string(&rows)?)?;
            }
            ListFormat::Table => {
                let headers = ["KIND", "KEY", "VERSION", "STABILITY", "DOMAIN", "TITLE"];
                let rows: Vec<[String; 6]> = selected
                    .iter()
                    .map(|c| {
                        let meta = c.meta();
                        [
                            c.kind().as_str().to_owned(),
                            meta.key.to_owned(),
                            meta.version.to_string(),
                            meta.stability.as_str().to_owned(),
                            meta.domain.unwrap_or("-").to_owned(),
                            meta.title
                                .map(str::to_owned)
                                .unwrap_or_else(|| first_line(meta.description)),
                        ]
                    })
                    .collect();
                let mut widths = headers.map(str::len);
                for row in &rows {
                    for (i, cell) in row.iter().enumerate() {
                        widths[i] = widths[i].max(cell.chars().count());
                    }
                }
                let line = |cells: &[&str]| {
                    let mut line = String::new();
                    for (i, cell) in cells.iter().enumerate() {
                        if i + 1 == cells.len() {
                            line.push_str(cell);
                        } else {
                            line.push_str(&format!("{cell:width$}  ", width = widths[i]));
                        }
                    }
                    line.trim_end().to_owned()
                };
                writeln!(self.out, "{}", line(&headers))?;
                for row in &rows {
                    let cells: Vec<&str> = row.iter().map(String::as_str).collect();
                    writeln!(self.out, "{}", line(&cells))?;
                }
            }
        }
        Ok(0)
    }

    fn show(&mut self, args: &ShowArgs) -> Outcome {
        let page = match self.find(&args.reference, "contract") {
            Ok(contract) => {
                if args.format == ShowFormat::Json {
                    writeln!(self.out, "{}", json_string(&contract)?)?;
                    return Ok(0);
                }
                docs::page(self.registry, contract)
            }
            Err(failure) => {
                match self.registry.doc_block(&args.reference) {
                    Some(block) => {
                        if args.format == ShowFormat::Json {
                            writeln!(self.out, "{}", json_string(block)?)?;
                            return Ok(0);
                        }
                        docs::doc_page(self.registry, block)
                    }
                    None => {
                        let ids = self.registry.doc_blocks().iter().map(|b| b.id);
                        let message =
                            failure
                                .0
                                .replacen("no contract", "no contract or doc block", 1);
                        return Err(Failure(match nearest(&args.reference, ids) {
                            Some(id) if !message.contains("did you mean") => {
                                format!("no contract or doc block `{}`; did you mean the doc block `{id}`?", args.reference)
                            }
                            _ => message,
                        }));
                    }
                }
            }
        };
        let text = match args.format {
            ShowFormat::Markdown => docs::render(self.registry, &page, docs::Format::Markdown),
            _ => text::render(
                &page,
                Style {
                    bold: self.terminal.stdout,
                },
            ),
        };
        writeln!(self.out, "{}", text.trim_end())?;
        Ok(0)
    }

    fn validate(&mut self, args: &ValidateArgs) -> Outcome {
        let report = validate::validate(self.registry);
        for finding in &report.findings {
            writeln!(self.out, "{finding}")?;
        }
        let errors = report.errors().count();
        let warnings = report.warnings().count();
        writeln!(
            self.out,
            "{} contracts and {} doc blocks checked: {errors} error{}, {warnings} warning{}",
            report.contracts,
            report.doc_blocks,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
        )?;
        Ok(u8::from(errors > 0 || (args.deny_warnings && warnings > 0)))
    }

    fn export(&mut self, args: &ExportArgs) -> Outcome {
        let text = exports::surface(self.registry, args.what)?;
        match &args.out {
            None => writeln!(self.out, "{}", text.trim_end())?,
            Some(path) => {
                write_file(path, &format!("{}\n", text.trim_end()))?;
            }
        }
        Ok(0)
    }

    fn docs(&mut self, args: &DocsArgs, stderr: &mut dyn Write) -> Outcome {
        let format = match args.format {
            DocsFormat::Html => docs::Format::Html,
            DocsFormat::Markdown => docs::Format::Markdown,
        };
        check_writable_dir(&args.out)?;
        let mut progress = Progress::new(self.terminal.stderr.then_some(stderr), "Rendering pages");
        let site = docs::generate(self.registry, format, &mut |done, total| {
            progress.update(done, total)
        });
        progress.step("Writing files");
        site.write_with_progress(&args.out, &mut |done, total| progress.update(done, total))
            .map_err(|e| Failure(format!("cannot write `{}`: {}", e.path.display(), e.source)))?;
        progress.finish();
        drop(progress);
        let index = args.out.join(site.index_path());
        writeln!(
            self.out,
            "Wrote {} files ({} contracts, {} doc blocks) to {}",
            site.files().len(),
            self.registry.len(),
            self.registry.doc_blocks().len(),
            args.out.display()
        )?;
        writeln!(self.out, "Open {}", index.display())?;
        Ok(0)
    }
}

use progress::Progress;

fn first_line(text: &str) -> String {
    text.trim().lines().next().unwrap_or("").to_owned()
}

/// `contracts export registry`: every contract and doc block, in registry order.
#[derive(serde::Serialize)]
struct RegistryJson {
    contracts: Vec<Contract>,
    #[serde(rename = "docBlocks")]
    doc_blocks: &'static [&'static contracts_core::descriptors::DocBlockDescriptor],
}

/// One row of `contracts list --format json`.
#[derive(serde::Serialize)]
struct ListRow {
    key: &'static str,
    version: &'static str,
    kind: &'static str,
    #[serde(rename = "type")]
    type_label: String,
    title: Option<&'static str>,
    description: &'static str,
    domain: Option<&'static str>,
    owners: &'static [&'static str],
    tags: &'static [&'static str],
    stability: &'static str,
    capability: Option<String>,
    file: String,
    #[serde(rename = "crate")]
    crate_name: &'static str,
}

fn list_json(contract: &Contract) -> ListRow {
    let meta = contract.meta();
    ListRow {
        key: meta.key,
        version: meta.version.as_str(),
        kind: contract.kind().as_str(),
        type_label: docs::type_label(contract),
        title: meta.title,
        description: meta.description,
        domain: meta.domain,
        owners: meta.owners,
        tags: meta.tags,
        stability: meta.stability.as_str(),
        capability: contract.capability().map(|c| c.to_string()),
        file: format!("{}:{}", meta.source.file, meta.source.line),
        crate_name: meta.source.crate_name(),
    }
}

/// Refuses an output directory that exists as a file, naming the path.
fn check_writable_dir(dir: &Path) -> Result<(), Failure> {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure(format!(
            "cannot write `{}`: it exists and is not a directory",
            dir.display()
        )));
    }
    Ok(())
}

fn write_file(path: &Path, contents: &str) -> Result<(), Failure> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure(format!("cannot write `{}`: {e}", parent.display())))?;
    }
    std::fs::write(path, contents)
        .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))
}

mod exports {
    //! Every surface `contracts export` writes: the registry itself, and the exports of
    //! `contracts-export`.

    use super::{json_string, ExportKind, Failure, RegistryJson};
    use contracts_core::Registry;
    use contracts_export::{graphql, mcp, Surfaces};

    pub(super) fn surface(
        registry: &'static Registry,
        what: ExportKind,
    ) -> Result<String, Failure> {
        match what {
            ExportKind::Registry => json_string(&RegistryJson {
                contracts: registry.iter().collect(),
                doc_blocks: registry.doc_blocks(),
            }),
            ExportKind::Jsonschema => Ok(Surfaces::new(registry).json_schema()),
            ExportKind::Openapi => Ok(Surfaces::new(registry).openapi()),
            ExportKind::Mcp => json_string(&mcp::export(registry)),
            ExportKind::Graphql => Ok(graphql::export(registry)),
        }
    }
}

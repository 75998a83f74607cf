//! The command line's arguments: one struct per command, parsed by clap.

use crate::serve::ServeArgs;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "contracts",
    version,
    about = "List, show, validate, export, document and serve the contract registry this binary was built with.",
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
    /// Run every declared example against the handlers `serve` would serve, and report per
    /// contract; exits 1 when one fails.
    Test(TestArgs),
    /// Write the lock file of a crate's contracts; refuses to record a breaking change.
    Lock(LockArgs),
    /// Compare a crate's contracts with its lock file (or the lock at a git ref) and classify
    /// every change; exits 1 when a change is breaking.
    Diff(DiffArgs),
}

/// Arguments of `contracts test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Report the examples of operations without a handler as not run, rather than failing
    /// (as `serve --allow-unbound` serves a subset).
    #[arg(long)]
    pub allow_unbound: bool,
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
    /// The OpenAPI version of `export openapi`: 3.1, or 3.0 (3.0.3) for generators that read
    /// only 3.0.
    #[arg(long = "version", value_enum, value_name = "VERSION")]
    pub openapi_version: Option<OpenapiVersion>,
}

/// The OpenAPI versions `contracts export openapi` writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OpenapiVersion {
    /// OpenAPI 3.1.0, with JSON Schema 2020-12.
    #[default]
    #[value(name = "3.1")]
    V3_1,
    /// OpenAPI 3.0.3, its schemas in the 3.0 dialect.
    #[value(name = "3.0")]
    V3_0,
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
    /// An AsyncAPI 3.0 document of the events on NATS JetStream.
    Asyncapi,
    /// A TypeScript module: types of every message and a typed fetch client.
    Typescript,
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

/// Arguments of `contracts lock`.
#[derive(Debug, clap::Args)]
pub struct LockArgs {
    /// The crate whose contracts to lock (as `contracts list` names crates, `contracts_x`);
    /// defaults to the crate declaring the registry.
    #[arg(long = "crate", value_name = "CRATE")]
    pub krate: Option<String>,
    /// The lock file to write.
    #[arg(long, value_name = "FILE", default_value = "contracts.lock")]
    pub lock: PathBuf,
}

/// Arguments of `contracts diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The crate whose contracts to compare; defaults to the crate declaring the registry.
    #[arg(long = "crate", value_name = "CRATE")]
    pub krate: Option<String>,
    /// The lock file holding the older surface (next to the crate's `Cargo.toml`).
    #[arg(long, value_name = "FILE", default_value = "contracts.lock")]
    pub lock: PathBuf,
    /// Read the lock file as it is at this git revision (`main`, `HEAD~1`, a tag).
    #[arg(long = "git-ref", value_name = "REF")]
    pub git_ref: Option<String>,
    /// Compare with this lock file (another registry's) instead of the registry.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Output formats of `contracts diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One finding per line, for a terminal.
    Text,
    /// A summary and a table, for a pull request.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

//! The `contracts` command of **your** registry: list, show, validate, export, document and
//! serve a contract [`Registry`].
//!
//! The crate is a library: an application gets the command for its own registry with a
//! two-line `main` in a binary of its own (`src/bin/contracts.rs`, next to the library that
//! declares the `registry!`), run with `cargo run --bin contracts -- docs --out target/docs`:
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
//! (The workspace's demo of this command, over its three domain crates and their reference
//! handlers, is the `contracts` binary of `contracts-reference`.) The commands:
//!
//! | command | does |
//! |---|---|
//! | `contracts list [--kind K] [--domain D] [--tag T] [--owner O] [--capability C] [--format table\|json]` | lists contracts |
//! | `contracts show KEY[@VERSION] [--format text\|markdown\|json]` | shows one contract in full, as its docs page |
//! | `contracts validate [--deny-warnings]` | checks the whole registry (see [`validate::validate`]) |
//! | `contracts export jsonschema\|openapi\|mcp\|graphql\|registry [--out FILE]` | writes a generated surface |
//! | `contracts docs --out DIR [--format html\|markdown]` | writes the docs site and prints the index to open |
//! | `contracts serve [--http [ADDR]] [--mcp-stdio] [--mcp-http [ADDR]]` | serves the registry over REST (with `/openapi.json`) and MCP, on loopback by default (see [`ServeArgs`]) |
//! | `contracts test [--allow-unbound]` | runs every declared example against the handlers a [`Serving`] binds, and reports per contract; exits 1 when one fails (see [`contracts_runtime::testing`]) |
//! | `contracts lock [--crate C] [--lock FILE]` | writes the crate's lock file; refuses a breaking change (see [`LockArgs`]) |
//! | `contracts diff [--crate C] [--lock FILE] [--git-ref REF] [--against FILE] [--format text\|markdown\|sarif]` | classifies the changes against the lock; exits 1 when one is breaking (see [`DiffArgs`]) |
//!
//! `contracts serve` runs the operations with the handlers a [`Serving`] binds
//! ([`run_with`]), and refuses to start, listing them, while an operation has no handler:
//! [`run`] binds none, so its `serve` needs `--allow-unbound` (every call then answers `501
//! NOT_IMPLEMENTED` after its policy), as does a [`Serving`] that binds a subset unless it says
//! [`serve_subset`](Serving::serve_subset).
//!
//! Errors are one line on stderr with a non-zero exit status: `1` when a command fails (an
//! unknown key, with the nearest key suggested; an unwritable path, named), `2` for usage
//! errors. Long work shows a progress line when stderr is a terminal and stays quiet when piped.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod args;
mod commands;
mod examples;
mod lookup;
mod progress;
mod serve;
mod text;
pub mod validate;

use clap::Parser;
use contracts_core::Registry;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

pub use args::{
    Cli, Command, DiffArgs, DiffFormat, DocsArgs, DocsFormat, ExportArgs, ExportKind, ListArgs,
    ListFormat, LockArgs, OpenapiVersion, ShowArgs, ShowFormat, TestArgs, ValidateArgs,
};
pub use serve::{
    EventLog, EventsTarget, McpActor, ServeArgs, ServePublisher, Serving, DEFAULT_HTTP,
    DEFAULT_MCP_HTTP,
};
pub use text::Style;

/// Runs the command line of the process against `registry` and returns the exit status.
///
/// Call it from your own binary's `main` to document, validate and export your registry (see
/// the crate docs); `serve` then has no handler (it starts only with `--allow-unbound`): use
/// [`run_with`] to bind yours.
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
        Command::Test(args) => examples::test(registry, args, serving, ctx.out).map_err(Failure),
        Command::Lock(args) => ctx.lock(args),
        Command::Diff(args) => ctx.diff(args),
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

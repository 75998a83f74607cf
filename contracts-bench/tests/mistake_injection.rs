//! Mistake injection: three generated crates of contracts (the compile-bench generator), one to
//! three mistakes of different rules injected into random contracts, and `cargo check` must
//! report exactly those mistakes, each once, at the literal that holds it, and no other error.
//!
//! The crates: `alpha`, and `beta` and `gamma`, which both depend on `alpha`, include its
//! registry, emit some of its events and require its first capability. A crate that fails to
//! compile stops the check of the crates that depend on it, so the mistakes of one seed all go
//! into `alpha`, or all into `beta` and `gamma` (checked with `--keep-going`, so both report).
//!
//! ```text
//! cargo test -p contracts-bench --test mistake_injection                      # the fixed seeds
//! MISTAKE_SEEDS=1..200 cargo test -p contracts-bench --test mistake_injection # more, by hand
//! MISTAKE_KINDS=all MISTAKE_SEEDS=1..50 cargo test -p contracts-bench --test mistake_injection
//! ```
//!
//! `MISTAKE_SEEDS` is a range `FIRST..END` (end excluded) or a count (`1..=COUNT`);
//! `MISTAKE_KINDS=all` adds the kinds of [`PENDING`] to those of [`CHECKED`].

use contracts_bench::generate::{layer_source, Layer, Sizes, Variant};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seeds of `cargo test`: about 10 s each after the first build of the dependencies.
const CI_SEEDS: std::ops::Range<u64> = 1..13;

/// The kinds of mistake that are reported correctly today, and checked on every run.
const CHECKED: &[Kind] = &[
    Kind::UnknownCapability,
    Kind::UnlistedCapability,
    Kind::ProvidesUnknown,
    Kind::RequiresUnknown,
    Kind::PiiPath,
    Kind::WrongEventVersion,
    Kind::DuplicateAcrossCrates,
    Kind::UnknownArgument,
    Kind::MalformedVersion,
    Kind::QueryNotIdempotent,
    Kind::MissingFromRegistry,
    Kind::DuplicateWithinCrate,
];

/// The kinds that are not reported as [`CHECKED`] expects (`MISTAKE_KINDS=all` runs them):
///
/// - [`Kind::NotAnEvent`]: its trait-bound error (E0277) is reported once, but rustc does not
///   evaluate the constants of a crate that has a type error, so the crate's mistakes reported
///   by `const` checks appear only in the next build, once the type error is fixed (seeds 11,
///   29 and 35 of `MISTAKE_KINDS=all MISTAKE_SEEDS=1..45`; alone, or beside mistakes the macros
///   report or mistakes in other crates, it passes). See the README's "No cascades".
const PENDING: &[Kind] = &[Kind::NotAnEvent];

/// The generated crates: name and the crates it depends on.
const CRATES: [(&str, &[&str]); 3] = [("alpha", &[]), ("beta", &["alpha"]), ("gamma", &["alpha"])];

const SIZES: Sizes = Sizes {
    capabilities: 3,
    operations: 12,
    events: 6,
};

/// One rule broken in one contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// An operation or event claims a capability that is not declared (a typo).
    UnknownCapability,
    /// An operation or event claims a declared capability that does not provide it.
    UnlistedCapability,
    /// A capability provides an operation that is not declared.
    ProvidesUnknown,
    /// A capability requires a capability that is not declared.
    RequiresUnknown,
    /// A pii path (of an event, or of an operation's policy) names no field.
    PiiPath,
    /// A command emits a type that is not an event.
    NotAnEvent,
    /// A command emits an event at a version that is not declared.
    WrongEventVersion,
    /// A second event declares the key and version of one in the same crate.
    DuplicateWithinCrate,
    /// An event declares the key and version of one in the included upstream crate.
    DuplicateAcrossCrates,
    /// A misspelled argument.
    UnknownArgument,
    /// A version that is not MAJOR.MINOR.PATCH.
    MalformedVersion,
    /// A query's policy sets `idempotent = false`.
    QueryNotIdempotent,
    /// A contract left out of the `registry!`: reported by the capability that provides it by
    /// key (a contract named by no listed contract reports itself).
    MissingFromRegistry,
}

/// An error `cargo check` must report: in `krate`, on the one line containing `line`, starting
/// at the first `at` on that line, with `message` in its text.
#[derive(Debug)]
struct Expected {
    krate: &'static str,
    line: String,
    at: String,
    message: &'static str,
}

/// An error `cargo check` reported, at its primary span.
#[derive(Debug)]
struct Reported {
    file: String,
    line: usize,
    column: usize,
    message: String,
}

/// A contract of a generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Capability(usize),
    Event(usize),
    Operation(usize),
}

/// SplitMix64: small, seeded, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The source of one generated crate, as lines, and what was injected into it.
struct Source {
    name: &'static str,
    lines: Vec<String>,
    used: BTreeSet<Target>,
    added: usize,
}

impl Source {
    fn new(name: &'static str, upstream: &[&str]) -> Source {
        let layer = Layer {
            prefix: name,
            sizes: SIZES,
            upstream,
        };
        Source {
            name,
            lines: layer_source(&layer, Variant::Contracts)
                .lines()
                .map(str::to_owned)
                .collect(),
            used: BTreeSet::new(),
            added: 0,
        }
    }

    fn needle(&self, target: Target) -> String {
        let p = self.name;
        match target {
            Target::Capability(c) => format!("key = \"{p}.capability{c}\""),
            Target::Event(e) => format!("key = \"{p}.domain{}.event{e}\"", e % SIZES.capabilities),
            Target::Operation(o) => {
                format!("key = \"{p}.domain{}.op{o}\"", o % SIZES.capabilities)
            }
        }
    }

    /// The index of the one line containing `needle`.
    fn line_of(&self, needle: &str) -> usize {
        let found: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].contains(needle))
            .collect();
        assert_eq!(found.len(), 1, "`{needle}` in {}: {found:?}", self.name);
        found[0]
    }

    /// Replaces the first `from` on the attribute line of `target` with `to`; returns the line.
    fn edit(&mut self, target: Target, from: &str, to: &str) -> String {
        let i = self.line_of(&self.needle(target));
        assert!(
            self.lines[i].contains(from),
            "`{from}` in {}",
            self.lines[i]
        );
        self.lines[i] = self.lines[i].replacen(from, to, 1);
        self.lines[i].clone()
    }

    /// Picks a contract no other mistake of this seed has touched.
    fn pick(&mut self, rng: &mut Rng, among: impl Fn(usize) -> Option<Target>, n: usize) -> Target {
        loop {
            if let Some(target) = among(rng.below(n)) {
                if self.used.insert(target) {
                    return target;
                }
            }
        }
    }

    fn pick_operation(&mut self, rng: &mut Rng, command: Option<bool>) -> (Target, usize) {
        let target = self.pick(
            rng,
            |o| (command.is_none_or(|c| c == (o % 2 == 0))).then_some(Target::Operation(o)),
            SIZES.operations,
        );
        let Target::Operation(o) = target else {
            unreachable!()
        };
        (target, o)
    }

    /// An event or an operation.
    fn pick_claimant(&mut self, rng: &mut Rng) -> (Target, usize) {
        let n = SIZES.events + SIZES.operations;
        let target = self.pick(
            rng,
            |i| {
                Some(if i < SIZES.events {
                    Target::Event(i)
                } else {
                    Target::Operation(i - SIZES.events)
                })
            },
            n,
        );
        let index = match target {
            Target::Event(e) => e,
            Target::Operation(o) => o,
            Target::Capability(_) => unreachable!(),
        };
        (target, index % SIZES.capabilities)
    }

    /// Declares one more event with `key` at 1.0.0 and lists it; returns its attribute line.
    fn add_event(&mut self, key: &str) -> String {
        self.added += 1;
        let name = format!("Again{}", self.added);
        let attribute = format!("#[contracts_core::event(key = \"{key}\", version = \"1.0.0\")]");
        let registry = self.line_of("contracts_core::registry! {");
        let item = [
            "/// Declared again.".to_owned(),
            attribute.clone(),
            "#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, contracts_core::Model)]".to_owned(),
            format!("pub struct {name} {{"),
            "    pub id: String,".to_owned(),
            "}".to_owned(),
            String::new(),
        ];
        self.lines.splice(registry..registry, item);
        let list = self.line_of("    contracts(");
        self.lines[list] =
            self.lines[list].replacen("contracts(", &format!("contracts({name}, "), 1);
        attribute
    }

    /// Injects one mistake of `kind`; returns the errors it must cause.
    fn inject(&mut self, kind: Kind, rng: &mut Rng) -> Vec<Expected> {
        let p = self.name;
        let caps = SIZES.capabilities;
        let expect = |line: String, at: String, message| Expected {
            krate: p,
            line,
            at,
            message,
        };
        match kind {
            Kind::UnknownCapability => {
                let (target, c) = self.pick_claimant(rng);
                let wrong = format!("\"{p}.capabilty{c}\"");
                let line = self.edit(target, &format!("\"{p}.capability{c}\""), &wrong);
                vec![expect(line, wrong, "is not declared")]
            }
            Kind::UnlistedCapability => {
                let (target, c) = self.pick_claimant(rng);
                let other = format!("\"{p}.capability{}\"", (c + 1) % caps);
                let line = self.edit(
                    target,
                    &format!("capability = \"{p}.capability{c}\""),
                    &format!("capability = {other}"),
                );
                vec![expect(line, other, "does not list it")]
            }
            Kind::ProvidesUnknown => {
                let c = match self.pick(rng, |c| Some(Target::Capability(c)), caps) {
                    Target::Capability(c) => c,
                    _ => unreachable!(),
                };
                let ghost = format!("\"{p}.domain{c}.ghost@1.0.0\"");
                let line = self.edit(
                    Target::Capability(c),
                    "provides(",
                    &format!("provides(operation({ghost}), "),
                );
                vec![expect(line, ghost, "is not declared")]
            }
            Kind::RequiresUnknown => {
                let c = match self.pick(rng, |c| Some(Target::Capability(c)), caps) {
                    Target::Capability(c) => c,
                    _ => unreachable!(),
                };
                let ghost = format!("\"{p}.ghost{c}@1.0.0\"");
                let requirement = format!("capability({ghost}, reason = \"Needs it.\")");
                // The first capability of a downstream crate already requires one upstream.
                let i = self.line_of(&self.needle(Target::Capability(c)));
                let line = if self.lines[i].contains("requires(") {
                    self.edit(
                        Target::Capability(c),
                        "requires(",
                        &format!("requires({requirement}, "),
                    )
                } else {
                    self.edit(
                        Target::Capability(c),
                        "provides(",
                        &format!("requires({requirement}), provides("),
                    )
                };
                vec![expect(line, ghost, "is not declared")]
            }
            Kind::PiiPath => {
                let (target, _) = self.pick_claimant(rng);
                let line = self.edit(target, "pii = [\"email\"]", "pii = [\"emial\"]");
                vec![expect(line, "\"emial\"".to_owned(), "names no field")]
            }
            Kind::NotAnEvent => {
                let (target, o) = self.pick_operation(rng, Some(true));
                let i = self.line_of(&self.needle(target));
                let start = self.lines[i].find("emits(").expect("a command emits") + "emits(".len();
                let end = start + self.lines[i][start..].find('(').expect("emits(Event(..))");
                let wrong = format!("Output{o}");
                self.lines[i].replace_range(start..end, &wrong);
                vec![expect(
                    self.lines[i].clone(),
                    format!("{wrong}(when"),
                    "is not an event",
                )]
            }
            Kind::WrongEventVersion => {
                let (target, _) = self.pick_operation(rng, Some(true));
                let line = self.edit(target, "(when = ", "(version = \"2.0.0\", when = ");
                vec![expect(
                    line,
                    "\"2.0.0\"".to_owned(),
                    "is declared at version",
                )]
            }
            Kind::DuplicateWithinCrate => {
                let (target, _) = self.pick_claimant_event(rng);
                let original = self.lines[self.line_of(&self.needle(target))].clone();
                let key = key_of(&original);
                let added = self.add_event(&key);
                let at = format!("\"{key}\"");
                vec![
                    expect(original, at.clone(), "duplicate contract"),
                    expect(added, at, "duplicate contract"),
                ]
            }
            Kind::DuplicateAcrossCrates => {
                let e = rng.below(SIZES.events);
                let key = format!("alpha.domain{}.event{e}", e % caps);
                let added = self.add_event(&key);
                vec![expect(added, format!("\"{key}\""), "duplicate contract")]
            }
            Kind::UnknownArgument => {
                let (target, _) = self.pick_operation(rng, None);
                let line = self.edit(target, "version = ", "kye = \"x\", version = ");
                vec![expect(line, "kye".to_owned(), "unknown argument `kye`")]
            }
            Kind::MalformedVersion => {
                let (target, _) = self.pick_operation(rng, None);
                let line = self.edit(target, "version = \"1.0.0\"", "version = \"1.0\"");
                vec![expect(line, "\"1.0\"".to_owned(), "invalid version `1.0`")]
            }
            Kind::QueryNotIdempotent => {
                let (target, _) = self.pick_operation(rng, Some(false));
                let line = self.edit(target, "policy(", "policy(idempotent = false, ");
                vec![expect(
                    line,
                    "false".to_owned(),
                    "cannot set `idempotent = false`",
                )]
            }
            Kind::MissingFromRegistry => {
                // The operation's capability provides it by key, so that entry reports it; no
                // other mistake may break the capability (a broken one checks nothing).
                let free: Vec<bool> = (0..caps)
                    .map(|c| !self.used.contains(&Target::Capability(c)))
                    .collect();
                let target = self.pick(
                    rng,
                    |o| free[o % caps].then_some(Target::Operation(o)),
                    SIZES.operations,
                );
                let Target::Operation(o) = target else {
                    unreachable!()
                };
                let c = o % caps;
                self.used.insert(Target::Capability(c));
                let list = self.line_of("    contracts(");
                let names = self.lines[list]
                    .trim()
                    .strip_prefix("contracts(")
                    .and_then(|rest| rest.strip_suffix(");"))
                    .expect("a `contracts(...);` line");
                let input = format!("Input{o}");
                let kept: Vec<&str> = names.split(", ").filter(|n| *n != input).collect();
                assert_eq!(
                    kept.len() + 1,
                    names.split(", ").count(),
                    "{input} is listed"
                );
                self.lines[list] = format!("    contracts({});", kept.join(", "));
                let line = self.lines[self.line_of(&self.needle(Target::Capability(c)))].clone();
                let at = format!("\"{p}.domain{c}.op{o}@1.0.0\"");
                vec![expect(line, at, "is not declared in this registry")]
            }
        }
    }

    fn pick_claimant_event(&mut self, rng: &mut Rng) -> (Target, usize) {
        let target = self.pick(rng, |e| Some(Target::Event(e)), SIZES.events);
        let Target::Event(e) = target else {
            unreachable!()
        };
        (target, e)
    }
}

/// The key in a contract attribute line.
fn key_of(line: &str) -> String {
    let start = line.find("key = \"").expect("a key") + "key = \"".len();
    let end = start + line[start..].find('"').expect("a closed key");
    line[start..end].to_owned()
}

/// One seed: which mistakes go where.
struct Case {
    sources: Vec<Source>,
    injected: Vec<(&'static str, Kind)>,
    expected: Vec<Expected>,
}

fn case(seed: u64, kinds: &[Kind]) -> Case {
    let mut rng = Rng(seed);
    let mut sources: Vec<Source> = CRATES
        .iter()
        .map(|(name, upstream)| Source::new(name, upstream))
        .collect();
    let upstream_only = rng.below(CRATES.len()) == 0;
    // Different rules, and a duplicate across crates only where a crate is upstream.
    let mut pool: Vec<Kind> = kinds
        .iter()
        .copied()
        .filter(|k| !(upstream_only && *k == Kind::DuplicateAcrossCrates))
        .collect();
    let count = (1 + rng.below(3)).min(pool.len());
    let mut injected = Vec::new();
    let mut expected = Vec::new();
    for _ in 0..count {
        let kind = pool.remove(rng.below(pool.len()));
        let crate_index = if upstream_only { 0 } else { 1 + rng.below(2) };
        let source = &mut sources[crate_index];
        injected.push((source.name, kind));
        expected.extend(source.inject(kind, &mut rng));
    }
    Case {
        sources,
        injected,
        expected,
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the bench crate is in the workspace")
        .to_owned()
}

/// Writes the generated workspace's manifests once.
fn write_workspace(dir: &Path) {
    let core = workspace_root().join("contracts-core");
    let members: Vec<String> = CRATES
        .iter()
        .map(|(name, _)| format!("\"{name}\""))
        .collect();
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    write_if_changed(
        &dir.join("Cargo.toml"),
        &format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock")).expect("Cargo.lock");
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    for (name, upstream) in CRATES {
        let mut manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ncontracts-core = {{ path = \"{}\" }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nschemars = {{ version = \"1\", features = [\"chrono04\"] }}\nchrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n",
            core.display()
        );
        for up in upstream {
            writeln!(manifest, "{up} = {{ path = \"../{up}\" }}").unwrap();
        }
        std::fs::create_dir_all(dir.join(name).join("src")).expect("create the crate");
        write_if_changed(&dir.join(name).join("Cargo.toml"), &manifest);
    }
}

/// Writes `text` unless the file already holds it, so cargo sees unchanged crates as fresh.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

fn write_sources(dir: &Path, sources: &[Source]) {
    for source in sources {
        let text = format!(
            "//! Generated by the mistake-injection test.\n#![allow(missing_docs)]\n\n{}\n",
            source.lines.join("\n")
        );
        write_if_changed(&dir.join(source.name).join("src/lib.rs"), &text);
    }
}

/// Runs `cargo check` on the generated workspace; returns every error (one without a span has
/// an empty file; rustc's "aborting due to" summaries are not errors of their own and are left
/// out).
fn check(dir: &Path) -> Vec<Reported> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    let mut reported = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let diagnostic = &message["message"];
        let text = diagnostic["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let primary = diagnostic["spans"]
            .as_array()
            .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true));
        match primary {
            Some(span) => reported.push(Reported {
                file: span["file_name"].as_str().unwrap_or_default().to_owned(),
                line: span["line_start"].as_u64().unwrap_or_default() as usize,
                column: span["column_start"].as_u64().unwrap_or_default() as usize,
                message: text,
            }),
            None if text.starts_with("aborting due to") => {}
            None => reported.push(Reported {
                file: String::new(),
                line: 0,
                column: 0,
                message: text,
            }),
        }
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if reported.is_empty() && !output.status.success() {
        panic!("cargo check failed without a compiler error:\n{stderr}");
    }
    reported
}

/// Compares what `cargo check` reported with what the case expects; returns the differences.
fn compare(case: &Case, reported: &[Reported]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut matched = vec![0usize; reported.len()];
    for expected in &case.expected {
        let source = case
            .sources
            .iter()
            .find(|s| s.name == expected.krate)
            .expect("a generated crate");
        let index = source.line_of(&expected.line);
        let column = 1 + source.lines[index]
            .find(&expected.at)
            .expect("the literal on its line");
        // The generated file starts with three lines before the source.
        let (line, file) = (index + 4, format!("{}/src/lib.rs", expected.krate));
        let hits: Vec<usize> = (0..reported.len())
            .filter(|&i| {
                let r = &reported[i];
                r.file.ends_with(&file)
                    && r.line == line
                    && r.column == column
                    && r.message.contains(expected.message)
            })
            .collect();
        for &i in &hits {
            matched[i] += 1;
        }
        if hits.len() != 1 {
            problems.push(format!(
                "expected once, reported {} times: `{}` at {file}:{line}:{column}",
                hits.len(),
                expected.message
            ));
        }
    }
    for (r, count) in reported.iter().zip(&matched) {
        if *count == 0 {
            problems.push(format!(
                "not injected: {}:{}:{}: {}",
                r.file, r.line, r.column, r.message
            ));
        }
    }
    problems
}

fn seeds() -> std::ops::Range<u64> {
    match std::env::var("MISTAKE_SEEDS") {
        Err(_) => CI_SEEDS,
        Ok(text) => match text.split_once("..") {
            Some((first, end)) => {
                first.trim().parse().expect("MISTAKE_SEEDS=FIRST..END")
                    ..end.trim().parse().expect("MISTAKE_SEEDS=FIRST..END")
            }
            None => 1..1 + text.trim().parse::<u64>().expect("MISTAKE_SEEDS=COUNT"),
        },
    }
}

#[test]
fn every_injected_mistake_is_reported_once_at_its_literal_and_nothing_else() {
    let kinds: Vec<Kind> = match std::env::var("MISTAKE_KINDS").as_deref() {
        Ok("all") => CHECKED.iter().chain(PENDING).copied().collect(),
        _ => CHECKED.to_vec(),
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mistake-injection");
    write_workspace(&dir);

    // The crates as generated compile without an error.
    let clean: Vec<Source> = CRATES
        .iter()
        .map(|(name, up)| Source::new(name, up))
        .collect();
    write_sources(&dir, &clean);
    let reported = check(&dir);
    assert!(
        reported.is_empty(),
        "the generated crates, before any mistake, report: {reported:#?}"
    );

    let mut failures = Vec::new();
    let (mut ran, mut mistakes) = (0, 0);
    for seed in seeds() {
        let started = std::time::Instant::now();
        let case = case(seed, &kinds);
        write_sources(&dir, &case.sources);
        let reported = check(&dir);
        let problems = compare(&case, &reported);
        ran += 1;
        mistakes += case.injected.len();
        eprintln!(
            "seed {seed}: {:?}: {} ({:.1} s)",
            case.injected,
            if problems.is_empty() { "ok" } else { "FAILED" },
            started.elapsed().as_secs_f64()
        );
        if !problems.is_empty() {
            failures.push(format!(
                "seed {seed}, injected {:?}:\n  {}",
                case.injected,
                problems.join("\n  ")
            ));
        }
    }
    eprintln!(
        "{ran} seeds, {mistakes} mistakes, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} seeds differ (generated crates in {}):\n{}",
        failures.len(),
        dir.display(),
        failures.join("\n")
    );
}

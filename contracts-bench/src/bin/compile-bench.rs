//! Times `cargo check` of a generated crate of contracts against the same structs with only serde
//! and schemars derives, in the same run.
//!
//! ```text
//! cargo run -p contracts-bench --release --bin compile-bench -- [--mode full|cold|edit]
//!     [--runs N] [--operations N] [--events N] [--capabilities N] [--dir PATH] [--core PATH]
//!     [--no-default-features] [--lock]
//! ```
//!
//! `--core` names the `contracts-core` directory the crates depend on (default: this
//! workspace's), to measure another revision; the crates use the `Cargo.lock` of its workspace.
//! `--no-default-features` makes the empty crate of `cold` depend on `contracts-core` without
//! its default features (`chrono`).
//!
//! `--lock` (with `full` or `edit`) gives the contracts crate a `contracts.lock`, written before
//! timing by a test of the crate that runs `contracts lock`'s writer on its registry, so every
//! contract's attribute also compares it with its locked fingerprints.
//!
//! Three measures (`--mode`):
//!
//! - `full` (the default): both crates are written under `--dir` (default
//!   `target/compile-bench`) and share one target directory, so their dependencies are built
//!   once, before timing. Each run touches the crate's `lib.rs` and times a full,
//!   non-incremental `cargo check` of that crate alone.
//! - `cold`: the one-time cost a user pays. Two empty crates, one depending only on
//!   `contracts-core`, one on `serde` (with `derive`) and `schemars`; each run deletes the
//!   crate's target directory and times `cargo check`, dependencies and all.
//! - `edit`: the edit loop. The generated crates of `full`, checked incrementally (as
//!   `cargo check` does by default); each run changes the doc comment of one operation, the same
//!   in both crates, and times the `cargo check` that follows.
//!
//! Variants alternate so machine noise affects both alike. The report gives every run, the
//! medians, and their ratio, in wall-clock time and, on Linux, in CPU time (user + system of
//! `cargo` and the compilers it runs, from `/proc/self/stat`), which moves less with other load
//! on the machine; and the median of the per-run ratios (each run's pair measured back to
//! back).

use contracts_bench::generate::{source, Sizes, Variant};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    Cold,
    Edit,
}

struct Options {
    mode: Mode,
    runs: usize,
    sizes: Sizes,
    dir: PathBuf,
    core: PathBuf,
    default_features: bool,
    lock: bool,
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("compile-bench: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("compile-bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args() -> Result<Options, String> {
    let workspace = workspace_root();
    let mut options = Options {
        mode: Mode::Full,
        runs: 5,
        sizes: Sizes {
            capabilities: 50,
            operations: 500,
            events: 300,
        },
        dir: workspace.join("target/compile-bench"),
        core: workspace.join("contracts-core"),
        default_features: true,
        lock: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        let number = |text: String| {
            text.parse::<usize>()
                .map_err(|_| format!("{flag} needs a number, not `{text}`"))
        };
        match flag.as_str() {
            "--mode" => {
                options.mode = match value()?.as_str() {
                    "full" => Mode::Full,
                    "cold" => Mode::Cold,
                    "edit" => Mode::Edit,
                    other => return Err(format!("--mode is full, cold or edit, not `{other}`")),
                }
            }
            "--runs" => options.runs = number(value()?)?.max(1),
            "--operations" => options.sizes.operations = number(value()?)?,
            "--events" => options.sizes.events = number(value()?)?.max(1),
            "--capabilities" => options.sizes.capabilities = number(value()?)?.max(1),
            "--dir" => options.dir = PathBuf::from(value()?),
            "--core" => options.core = PathBuf::from(value()?),
            "--no-default-features" => options.default_features = false,
            "--lock" => options.lock = true,
            other => {
                return Err(format!(
                    "unknown argument `{other}`; see the doc comment of compile-bench.rs"
                ))
            }
        }
    }
    Ok(options)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the bench crate is in the workspace")
        .to_owned()
}

fn run(options: &Options) -> Result<(), String> {
    let target = options.dir.join("target");
    let crates = [
        ("contracts", Variant::Contracts),
        ("baseline", Variant::SerdeOnly),
    ];
    let cold = options.mode == Mode::Cold;
    for (name, variant) in crates {
        if cold {
            let dir = options.dir.join(format!("cold-{name}"));
            write_crate(&dir, options, name, variant, String::new())?;
        } else {
            write_crate(
                &options.dir.join(name),
                options,
                name,
                variant,
                source(options.sizes, variant),
            )?;
        }
    }
    let dir_of = |name: &str| {
        if cold {
            options.dir.join(format!("cold-{name}"))
        } else {
            options.dir.join(name)
        }
    };
    // Cold runs build everything in a target directory of their own, emptied before each run.
    let target_of = |name: &str| {
        if cold {
            options.dir.join(format!("cold-{name}/target"))
        } else {
            target.clone()
        }
    };
    let incremental = options.mode == Mode::Edit;
    if options.lock && !cold {
        eprintln!("compile-bench: writing contracts.lock (not timed)...");
        write_lock(&dir_of("contracts"), &target, options)?;
    }
    if !cold {
        eprintln!("compile-bench: building dependencies (not timed)...");
        for (name, _) in crates {
            check(&dir_of(name), &target_of(name), incremental)?;
        }
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(), Vec::new()];
    let mut cpu: Vec<Vec<Duration>> = vec![Vec::new(), Vec::new()];
    for run in 0..options.runs {
        for (i, (name, _)) in crates.iter().enumerate() {
            let dir = dir_of(name);
            match options.mode {
                Mode::Full => touch(&dir.join("src/lib.rs"))?,
                Mode::Cold => remove_dir(&target_of(name))?,
                Mode::Edit => edit_doc_comment(&dir.join("src/lib.rs"), run, options.sizes)?,
            }
            let cpu_before = children_cpu();
            let elapsed = check(&dir, &target_of(name), incremental)?;
            let cpu_used = children_cpu()
                .zip(cpu_before)
                .map(|(after, before)| after.saturating_sub(before));
            eprintln!(
                "compile-bench: run {} {name}: {:.2} s{}",
                run + 1,
                elapsed.as_secs_f64(),
                cpu_used.map_or(String::new(), |c| format!(
                    " ({:.2} s CPU)",
                    c.as_secs_f64()
                ))
            );
            times[i].push(elapsed);
            cpu[i].extend(cpu_used);
        }
    }
    let mut pair_ratios: Vec<f64> = times[0]
        .iter()
        .zip(&times[1])
        .map(|(c, b)| c.as_secs_f64() / b.as_secs_f64())
        .collect();
    pair_ratios.sort_by(f64::total_cmp);
    let cpu_ratio = (cpu[0].len() == options.runs && cpu[1].len() == options.runs).then(|| {
        median(&mut cpu[0].clone()).as_secs_f64() / median(&mut cpu[1].clone()).as_secs_f64()
    });
    let contracts = median(&mut times[0].clone());
    let baseline = median(&mut times[1].clone());
    let Sizes {
        capabilities,
        operations,
        events,
    } = options.sizes;
    match options.mode {
        Mode::Full => println!("`cargo check` of a generated crate: {operations} operations, {events} events, {capabilities} capabilities{}; {} runs each\n", if options.lock { ", with contracts.lock" } else { "" }, options.runs),
        Mode::Cold => println!("cold `cargo check` of an empty crate, dependencies included; {} runs each\n", options.runs),
        Mode::Edit => println!("incremental `cargo check` after editing one operation's doc comment: {operations} operations, {events} events, {capabilities} capabilities; {} runs each\n", options.runs),
    }
    println!("| variant | runs, wall (s) | median (s) | runs, CPU (s) |");
    println!("|---|---|---|---|");
    let seconds = |times: &[Duration]| -> String {
        let runs: Vec<String> = times
            .iter()
            .map(|t| format!("{:.2}", t.as_secs_f64()))
            .collect();
        runs.join(", ")
    };
    for (i, (name, _)) in crates.iter().enumerate() {
        let label = match (*name == "contracts", cold) {
            (true, false) => "contracts-core attributes + Model + registry!",
            (false, false) => "serde + schemars derives only (baseline)",
            (true, true) => "empty crate, depends on contracts-core",
            (false, true) => "empty crate, depends on serde + schemars (baseline)",
        };
        let med = if i == 0 { contracts } else { baseline };
        println!(
            "| {label} | {} | {:.2} | {} |",
            seconds(&times[i]),
            med.as_secs_f64(),
            seconds(&cpu[i])
        );
    }
    println!(
        "\nratio (contracts / baseline, medians): {:.2}x",
        contracts.as_secs_f64() / baseline.as_secs_f64()
    );
    println!(
        "ratio of each run's pair: {} (median {:.2}x)",
        pair_ratios
            .iter()
            .map(|r| format!("{r:.2}x"))
            .collect::<Vec<_>>()
            .join(", "),
        pair_ratios[pair_ratios.len() / 2]
    );
    if let Some(ratio) = cpu_ratio {
        println!("ratio of CPU time (medians): {ratio:.2}x");
    }
    Ok(())
}

fn write_crate(
    dir: &Path,
    options: &Options,
    name: &str,
    variant: Variant,
    source: String,
) -> Result<(), String> {
    let core = &options.core;
    let workspace = core.parent().unwrap_or(core);
    std::fs::create_dir_all(dir.join("src"))
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // An empty crate depends on one side only; a generated one uses chrono and both derives.
    let dependencies = match (source.is_empty(), variant) {
        (true, Variant::Contracts) => format!(
            "contracts-core = {{ path = \"{}\"{} }}\n",
            core.display(),
            if options.default_features {
                ""
            } else {
                ", default-features = false"
            }
        ),
        (true, Variant::SerdeOnly) => {
            "serde = { version = \"1\", features = [\"derive\"] }\nschemars = \"1\"\n".to_owned()
        }
        (false, _) => format!(
            r#"contracts-core = {{ path = "{}" }}
serde = {{ version = "1", features = ["derive"] }}
schemars = {{ version = "1", features = ["chrono04"] }}
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
"#,
            core.display()
        ),
    };
    let manifest = format!(
        r#"[package]
name = "compile-bench-{name}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
{dependencies}"#
    );
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(dir.join("Cargo.toml"), &manifest)?;
    // A lock from an earlier `--lock` run would be compared without being asked for.
    match std::fs::remove_file(dir.join("contracts.lock")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("cannot remove the old contracts.lock: {e}"))
        }
        _ => {}
    }
    write(
        dir.join("src/lib.rs"),
        &format!("//! Generated by compile-bench.\n#![allow(missing_docs)]\n\n{source}"),
    )?;
    let lock = workspace.join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy {}: {e}", lock.display()))?;
    Ok(())
}

/// Writes the contracts crate's `contracts.lock` with a test that depends on
/// `contracts-evolution` (a dev-dependency, which `cargo check` of the library does not build).
fn write_lock(dir: &Path, target: &Path, options: &Options) -> Result<(), String> {
    let core = &options.core;
    let evolution = core.parent().unwrap_or(core).join("contracts-evolution");
    let manifest_path = dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let manifest = format!(
        "{manifest}\n[dev-dependencies]\ncontracts-evolution = {{ path = \"{}\" }}\n",
        evolution.display()
    );
    let test = "#[test]\nfn write_lock() {\n    let text = contracts_evolution::Lock::of(&compile_bench_contracts::REGISTRY).to_text();\n    std::fs::write(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/contracts.lock\"), text).unwrap();\n}\n";
    let write = |path: PathBuf, text: &str| {
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(manifest_path, &manifest)?;
    write(dir.join("tests/write_lock.rs"), test)?;
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["test", "--quiet", "--test", "write_lock"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() || !dir.join("contracts.lock").is_file() {
        return Err(format!(
            "writing contracts.lock failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}

fn check(dir: &Path, target: &Path, incremental: bool) -> Result<Duration, String> {
    let start = Instant::now();
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["check", "--quiet"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // A full check of the crate each time, unless the edit loop is measured: incremental
        // reuse would hide most of the work.
        .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" })
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "cargo check failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(elapsed)
}

fn touch(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Changes the doc comment of one operation (a different one each run), as a user edits one
/// contract's description.
fn edit_doc_comment(path: &Path, run: usize, sizes: Sizes) -> Result<(), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let operation = (run * 7 + 3) % sizes.operations.max(1);
    let doc = format!("/// Operation {operation}.\n");
    let edited = format!("/// Operation {operation}, edited in run {}.\n", run + 1);
    if !text.contains(&doc) {
        return Err(format!("no `{}` in {}", doc.trim_end(), path.display()));
    }
    std::fs::write(path, text.replacen(&doc, &edited, 1))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The CPU time (user + system) of this process's finished children, on Linux: fields 16 and 17
/// of `/proc/self/stat`, in clock ticks of 1/100 s (`USER_HZ`, fixed for `/proc` on Linux).
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces; the
    // first of them is field 3.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |field: usize| fields.get(field - 3)?.parse::<u64>().ok();
    let total = ticks(16)? + ticks(17)?;
    Some(Duration::from_millis(total * 10))
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

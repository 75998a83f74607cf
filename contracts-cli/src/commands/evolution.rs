//! `contracts lock` and `contracts diff`: the lock file of a crate's contracts, and the
//! classified changes against it (see `contracts-evolution`).

use super::{json_string, write_file};
use crate::{Ctx, DiffArgs, DiffFormat, Failure, LockArgs, Outcome};
use contracts_core::Registry;
use contracts_evolution::report::{self, Paths};
use contracts_evolution::rules::Level;
use contracts_evolution::{verdict, Lock, Report};
use std::path::Path;
use std::process::Command;

impl Ctx<'_> {
    pub(crate) fn lock(&mut self, args: &LockArgs) -> Outcome {
        let current = crate_lock(self.registry, args.krate.as_deref())?;
        let path = &args.lock;
        let report = if path.exists() {
            let locked = parse(&read(path)?, &path.display().to_string())?;
            verdict::compare(&locked, &current)
        } else {
            Report::default()
        };
        if report.is_breaking() {
            for finding in report.at(Level::Error) {
                writeln!(self.out, "error[{}]: {}", finding.rule.id, finding.message)?;
            }
            return Err(Failure(format!(
                "refusing to lock `{}`: {} (the errors are listed above); bump the versions or undo the changes",
                path.display(),
                report.summary()
            )));
        }
        for finding in &report.findings {
            writeln!(
                self.out,
                "{}[{}]: {}",
                finding.level, finding.rule.id, finding.message
            )?;
        }
        let text = current.to_text();
        let unchanged = path.exists() && read(path)? == text;
        if !unchanged {
            write_file(path, &text)?;
        }
        writeln!(
            self.out,
            "{} `{}`: {} contracts",
            if unchanged { "up to date:" } else { "wrote" },
            path.display(),
            current.entries().len()
        )?;
        Ok(0)
    }

    pub(crate) fn diff(&mut self, args: &DiffArgs) -> Outcome {
        let lock_name = args.lock.display().to_string();
        let (old_text, old_name) = match &args.git_ref {
            Some(rev) => (git_show(rev, &args.lock)?, format!("{rev}:{lock_name}")),
            None => (read(&args.lock)?, lock_name.clone()),
        };
        let locked = parse(&old_text, &old_name)?;
        let current = match &args.against {
            Some(path) => parse(&read(path)?, &path.display().to_string())?,
            None => crate_lock(self.registry, args.krate.as_deref())?,
        };
        let report = verdict::compare(&locked, &current);
        let crate_dir = args
            .lock
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_owned());
        let paths = Paths {
            crate_dir: &crate_dir,
            lock_file: &lock_name,
        };
        match args.format {
            DiffFormat::Text => write!(self.out, "{}", report::text(&report, paths))?,
            DiffFormat::Markdown => write!(self.out, "{}", report::markdown(&report, paths))?,
            DiffFormat::Sarif => {
                writeln!(self.out, "{}", json_string(&report::sarif(&report, paths))?)?
            }
        }
        Ok(u8::from(report.is_breaking()))
    }
}

/// The lock of crate `krate` (the registry's own crate by default) as the registry is now.
fn crate_lock(registry: &Registry, krate: Option<&str>) -> Result<Lock, Failure> {
    let with_contracts = || {
        registry
            .crates()
            .filter(|name| Lock::of_crate(registry, name).is_some_and(|l| !l.entries().is_empty()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let name = krate.unwrap_or(registry.set().crate_name);
    let lock = Lock::of_crate(registry, name).ok_or_else(|| {
        Failure(format!(
            "the registry holds no crate `{name}`; crates with contracts: {}",
            with_contracts()
        ))
    })?;
    if lock.entries().is_empty() && krate.is_none() {
        return Err(Failure(format!(
            "crate `{name}` declares no contracts; name one with `--crate`: {}",
            with_contracts()
        )));
    }
    Ok(lock)
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read `{}`: {e}", path.display())))
}

fn parse(text: &str, name: &str) -> Result<Lock, Failure> {
    Lock::parse(text).map_err(|e| Failure(format!("cannot read `{name}`: {e}")))
}

/// The text of `path` at git revision `rev`, read with `git show` from the file's directory.
fn git_show(rev: &str, path: &Path) -> Result<String, Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path
        .file_name()
        .ok_or_else(|| Failure(format!("`{}` is not a file", path.display())))?;
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{}", file.to_string_lossy()))
        .output()
        .map_err(|e| {
            Failure(format!(
                "cannot run git (install git to use --git-ref): {e}"
            ))
        })?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(Failure(format!(
            "cannot read `{}` at `{rev}`: {}",
            path.display(),
            message.lines().next().unwrap_or("git show failed")
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| Failure(format!("`{}` at `{rev}` is not UTF-8", path.display())))
}

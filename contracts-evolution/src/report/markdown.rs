//! The report for a pull request: a summary and a table.

use super::{location, Paths};
use crate::Report;

/// A heading with the summary, and a table of the findings (level, rule, contract, change,
/// where).
///
/// ```
/// use contracts_evolution::report::{markdown, Paths};
/// use contracts_evolution::Report;
///
/// let paths = Paths { crate_dir: ".", lock_file: "contracts.lock" };
/// let md = markdown(&Report::default(), paths);
/// assert!(md.starts_with("### Contract changes: 0 errors, 0 warnings, 0 notes"));
/// ```
pub fn markdown(report: &Report, paths: Paths<'_>) -> String {
    let mut out = format!("### Contract changes: {}\n\n", report.summary());
    if report.findings.is_empty() {
        out.push_str("No change against the lock.\n");
        return out;
    }
    out.push_str(if report.is_breaking() {
        "**Breaking:** some changes break clients without the version bump that announces them.\n\n"
    } else {
        "Nothing breaks a client without a version bump.\n\n"
    });
    out.push_str("| Level | Rule | Contract | Change | Where |\n|---|---|---|---|---|\n");
    for finding in &report.findings {
        let place = location(&finding.origin, paths.crate_dir, paths.lock_file)
            .map(|(file, line)| format!("`{file}:{line}`"))
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | `{}` | `{}` | {} | {} |\n",
            finding.level,
            finding.rule.id,
            finding.contract,
            escape(&finding.message),
            place
        ));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

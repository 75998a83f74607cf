//! The report for a terminal: one finding per line, its location below.

use super::{location, Paths};
use crate::Report;

/// One finding per line (`error[REQ_FIELD_REMOVED]: ...`), its location below, and a summary.
///
/// ```
/// use contracts_evolution::report::{text, Paths};
/// use contracts_evolution::Report;
///
/// let paths = Paths { crate_dir: ".", lock_file: "contracts.lock" };
/// assert_eq!(text(&Report::default(), paths), "no changes against the lock\n");
/// ```
pub fn text(report: &Report, paths: Paths<'_>) -> String {
    if report.findings.is_empty() {
        return "no changes against the lock\n".to_owned();
    }
    let mut out = String::new();
    for finding in &report.findings {
        out.push_str(&format!(
            "{}[{}]: {}\n",
            finding.level, finding.rule.id, finding.message
        ));
        if let Some((file, line)) = location(&finding.origin, paths.crate_dir, paths.lock_file) {
            out.push_str(&format!("  --> {file}:{line}\n"));
        }
    }
    out.push_str(&report.summary());
    out.push('\n');
    out
}

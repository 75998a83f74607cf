//! The report for code scanning: SARIF 2.1.0.

use super::{location, Paths};
use crate::rules::CATALOGUE;
use crate::Report;
use serde_json::{json, Value};

/// A SARIF 2.1.0 log with one run: the whole rule catalogue as the tool's rules, one result per
/// finding, located at the contract's declaration (or, for a removed contract, in the lock).
///
/// ```
/// use contracts_evolution::report::{sarif, Paths};
/// use contracts_evolution::Report;
///
/// let paths = Paths { crate_dir: ".", lock_file: "contracts.lock" };
/// let log = sarif(&Report::default(), paths);
/// assert_eq!(log["version"], "2.1.0");
/// assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "contracts");
/// ```
pub fn sarif(report: &Report, paths: Paths<'_>) -> Value {
    let rules: Vec<Value> = CATALOGUE
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.title},
                "fullDescription": {"text": rule.why},
                "help": {"text": format!("Bump the version, or {}.", rule.fix)},
                "defaultConfiguration": {"level": rule.level.sarif()},
                "properties": {"category": rule.category.as_str()},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let index = CATALOGUE
                .iter()
                .position(|r| r.id == finding.rule.id)
                .unwrap_or_default();
            let mut result = json!({
                "ruleId": finding.rule.id,
                "ruleIndex": index,
                "level": finding.level.sarif(),
                "message": {"text": finding.message},
                "partialFingerprints": {"contract": finding.contract},
            });
            if let Some((file, line)) = location(&finding.origin, paths.crate_dir, paths.lock_file)
            {
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {"uri": file},
                        "region": {"startLine": line},
                    }
                }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "contracts",
                "informationUri": "https://example.invalid/contracts",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

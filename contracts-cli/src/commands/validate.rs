//! `contracts validate`.

use crate::{validate, Ctx, Outcome, ValidateArgs};

impl Ctx<'_> {
    pub(crate) fn validate(&mut self, args: &ValidateArgs) -> Outcome {
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
}

use contracts_core::{capability, registry};

/// Audit.
#[capability(key = "audit.log", version = "1.0.0", kind = "data",
    requires(
        capability("runs.execution@1.0.0", reason = "Audits runs."),
        capability("billing.core@1.0.0", kind = "data", reason = "Audits invoices."),
        capability("mail.send", optional, reason = "Mails reports when mail is available."),
    ))]
pub struct AuditLog;

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.audit"], stability = "beta");
    includes(ui_downstream::INVOICING);
    contracts(AuditLog);
}

fn main() {}

//! What a server checks before it serves a runtime: every operation has a handler (or is left
//! without one on purpose), and the events of the bound operations have somewhere to go.

use super::bound::BindError;
use super::Runtime;
use crate::events::Publisher;
use crate::policy::PolicyDecider;
use contracts_core::Operation;

/// Which operations may stay without a handler.
#[derive(Clone, Debug, Default)]
pub(super) struct Unbound {
    /// Any operation: the runtime serves a subset of its registry.
    any: bool,
    /// These registry entries, by index.
    left: Vec<usize>,
}

/// Why a runtime is not ready to serve: the operations that have no handler, and those that
/// emit events with no publisher to take them. Servers build nothing from such a runtime
/// (see [`Runtime::check`]), so neither becomes a failure at request time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StartupError {
    /// The operations (`key@version`) with no handler, in registry order.
    pub unbound: Vec<String>,
    /// The bound operations (`key@version`) that emit events, when the runtime has no
    /// publisher.
    pub unpublished: Vec<String>,
}

impl core::fmt::Display for StartupError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut first = true;
        if !self.unbound.is_empty() {
            write!(
                f,
                "{} operation(s) of the registry have no handler: {}. Bind them, or leave them \
                 unbound on purpose (Runtime::leave_unbound, or Runtime::serve_subset)",
                self.unbound.len(),
                self.unbound.join(", ")
            )?;
            first = false;
        }
        if !self.unpublished.is_empty() {
            if !first {
                f.write_str("; ")?;
            }
            write!(
                f,
                "operation(s) {} emit events but the runtime has no publisher: give it one \
                 (Runtime::with_publisher)",
                self.unpublished.join(", ")
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for StartupError {}

impl<P: Publisher, D: PolicyDecider> Runtime<P, D> {
    /// Leaves operation `Op` without a handler on purpose: [`check`](Runtime::check) accepts
    /// it, and a call answers `501 NOT_IMPLEMENTED` (after the policy, like any call).
    ///
    /// Fails if `Op` is not in the registry or already has a handler.
    pub fn leave_unbound<Op: Operation>(&mut self) -> Result<&mut Self, BindError> {
        let meta = &Op::DESCRIPTOR.meta;
        let (key, version) = (meta.key, meta.version.as_str());
        let index = self
            .index_of::<Op>()
            .ok_or(BindError::NotRegistered { key, version })?;
        if self.slots[index].is_some() {
            return Err(BindError::AlreadyBound { key, version });
        }
        self.unbound.left.push(index);
        Ok(self)
    }

    /// Serves a subset of the registry: [`check`](Runtime::check) accepts every operation
    /// without a handler, which then answers `501 NOT_IMPLEMENTED`.
    pub fn serve_subset(mut self) -> Self {
        self.unbound.any = true;
        self
    }

    /// Checks that the runtime is ready to serve, as servers do when they are built: every
    /// operation of the registry has a handler, unless left unbound on purpose
    /// ([`leave_unbound`](Runtime::leave_unbound), [`serve_subset`](Runtime::serve_subset)),
    /// and if a bound operation emits events, the runtime has a publisher.
    ///
    /// ```
    /// use contracts_core::{command, event, registry, Model};
    /// use contracts_runtime::{Ctx, Failure, InMemoryPublisher, Runtime};
    ///
    /// /// A note was taken.
    /// #[event(key = "notes.note.taken", version = "1.0.0")]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct NoteTaken { pub text: String }
    ///
    /// /// Take a note.
    /// #[command(key = "notes.note.take", version = "1.0.0", output = (),
    ///     emits(NoteTaken(when = "Always.")), policy(auth = "anonymous"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct TakeNote { pub text: String }
    ///
    /// /// Forget every note.
    /// #[command(key = "notes.note.purge", version = "1.0.0", output = (), policy(auth = "admin"))]
    /// #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// pub struct Purge {}
    ///
    /// registry! { pub static NOTES; defaults(owners = ["team.notes"], stability = "beta"); contracts(NoteTaken, TakeNote, Purge); }
    ///
    /// async fn take(input: TakeNote, ctx: Ctx<TakeNote>) -> Result<(), Failure> {
    ///     ctx.emit(NoteTaken { text: input.text });
    ///     Ok(())
    /// }
    ///
    /// # fn main() {
    /// let mut runtime = Runtime::new(&NOTES);
    /// runtime.bind::<TakeNote>(take).unwrap();
    /// let error = runtime.check().unwrap_err();
    /// assert_eq!(error.unbound, ["notes.note.purge@1.0.0"]);
    /// assert_eq!(error.unpublished, ["notes.note.take@1.0.0"]);
    ///
    /// let mut runtime = runtime.with_publisher(InMemoryPublisher::new());
    /// runtime.leave_unbound::<Purge>().unwrap();
    /// assert_eq!(runtime.check(), Ok(()));
    /// # }
    /// ```
    pub fn check(&self) -> Result<(), StartupError> {
        let mut error = StartupError {
            unbound: Vec::new(),
            unpublished: Vec::new(),
        };
        for (index, (entry, slot)) in self.registry.entries().iter().zip(&self.slots).enumerate() {
            let Some(operation) = entry.contract().as_operation() else {
                continue;
            };
            let id = || format!("{}@{}", operation.meta.key, operation.meta.version);
            match slot {
                None if !self.unbound.any && !self.unbound.left.contains(&index) => {
                    error.unbound.push(id());
                }
                None => {}
                Some(_) if !P::PUBLISHES && !operation.emits.is_empty() => {
                    error.unpublished.push(id());
                }
                Some(_) => {}
            }
        }
        if error.unbound.is_empty() && error.unpublished.is_empty() {
            Ok(())
        } else {
            Err(error)
        }
    }
}

//! Any contract, and the traits tying Rust types to their descriptors.

use crate::descriptors::*;
use crate::model::Model;
use crate::registry::HashedRef;
use crate::ContractRef;
use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};

/// A reference to any declared contract.
#[derive(Clone, Copy, Debug)]
pub enum Contract {
    /// A command or query.
    Operation(&'static OperationDescriptor),
    /// An event.
    Event(&'static EventDescriptor),
    /// A capability.
    Capability(&'static CapabilityDescriptor),
    /// A presentation.
    Presentation(&'static PresentationDescriptor),
    /// A data view.
    DataView(&'static DataViewDescriptor),
    /// A form.
    Form(&'static FormDescriptor),
    /// A policy.
    Policy(&'static PolicyDescriptor),
    /// A feature.
    Feature(&'static FeatureDescriptor),
    /// A consumer of an event.
    Consumer(&'static ConsumerDescriptor),
}

/// The kind of a contract; commands and queries are told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    /// A command.
    Command,
    /// A query.
    Query,
    /// An event.
    Event,
    /// A capability.
    Capability,
    /// A presentation.
    Presentation,
    /// A data view.
    DataView,
    /// A form.
    Form,
    /// A policy.
    Policy,
    /// A feature.
    Feature,
    /// A consumer of an event.
    Consumer,
}

impl ContractKind {
    /// Every kind, in the order listings use.
    pub const ALL: [ContractKind; 10] = [
        ContractKind::Capability,
        ContractKind::Command,
        ContractKind::Query,
        ContractKind::Event,
        ContractKind::Consumer,
        ContractKind::Presentation,
        ContractKind::DataView,
        ContractKind::Form,
        ContractKind::Policy,
        ContractKind::Feature,
    ];

    /// The name used on the command line and on the wire (`command`, `data_view`, ...).
    pub const fn as_str(&self) -> &'static str {
        match self {
            ContractKind::Command => "command",
            ContractKind::Query => "query",
            ContractKind::Event => "event",
            ContractKind::Capability => "capability",
            ContractKind::Presentation => "presentation",
            ContractKind::DataView => "data_view",
            ContractKind::Form => "form",
            ContractKind::Policy => "policy",
            ContractKind::Feature => "feature",
            ContractKind::Consumer => "consumer",
        }
    }

    /// Parses [`ContractKind::as_str`]; also accepts `operation`-less spellings such as `dataview`.
    pub fn parse(name: &str) -> Option<ContractKind> {
        let normalized = name.replace('-', "_").to_ascii_lowercase();
        ContractKind::ALL
            .into_iter()
            .find(|k| k.as_str() == normalized || k.as_str().replace('_', "") == normalized)
    }

    /// Whether contracts of this kind are commands or queries.
    pub const fn is_operation(&self) -> bool {
        matches!(self, ContractKind::Command | ContractKind::Query)
    }
}

impl core::fmt::Display for ContractKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Contract {
    /// The contract's identity, ownership and documentation.
    pub const fn meta(&self) -> &'static Meta {
        match self {
            Contract::Operation(d) => &d.meta,
            Contract::Event(d) => &d.meta,
            Contract::Capability(d) => &d.meta,
            Contract::Presentation(d) => &d.meta,
            Contract::DataView(d) => &d.meta,
            Contract::Form(d) => &d.meta,
            Contract::Policy(d) => &d.meta,
            Contract::Feature(d) => &d.meta,
            Contract::Consumer(d) => &d.meta,
        }
    }

    /// The contract's kind.
    pub const fn kind(&self) -> ContractKind {
        match self {
            Contract::Operation(d) => match d.kind {
                OperationKind::Command => ContractKind::Command,
                OperationKind::Query => ContractKind::Query,
            },
            Contract::Event(_) => ContractKind::Event,
            Contract::Capability(_) => ContractKind::Capability,
            Contract::Presentation(_) => ContractKind::Presentation,
            Contract::DataView(_) => ContractKind::DataView,
            Contract::Form(_) => ContractKind::Form,
            Contract::Policy(_) => ContractKind::Policy,
            Contract::Feature(_) => ContractKind::Feature,
            Contract::Consumer(_) => ContractKind::Consumer,
        }
    }

    /// The key.
    pub const fn key(&self) -> &'static str {
        self.meta().key
    }

    /// The version.
    pub const fn version(&self) -> &'static crate::Version {
        &self.meta().version
    }

    /// The capability this contract claims, for operations, events, presentations and
    /// consumers.
    pub const fn capability(&self) -> Option<&'static crate::ContractRef> {
        match self {
            Contract::Operation(d) => d.capability.as_ref(),
            Contract::Event(d) => d.capability.as_ref(),
            Contract::Presentation(d) => d.capability.as_ref(),
            Contract::Consumer(d) => d.capability.as_ref(),
            _ => None,
        }
    }

    /// The surface under which a capability provides this contract, if it can be provided.
    pub const fn surface(&self) -> Option<Surface> {
        match self {
            Contract::Operation(_) => Some(Surface::Operation),
            Contract::Event(_) => Some(Surface::Event),
            Contract::Presentation(_) => Some(Surface::Presentation),
            _ => None,
        }
    }

    /// The operation descriptor, if this is a command or query.
    pub const fn as_operation(&self) -> Option<&'static OperationDescriptor> {
        match self {
            Contract::Operation(d) => Some(d),
            _ => None,
        }
    }

    /// The event descriptor, if this is an event.
    pub const fn as_event(&self) -> Option<&'static EventDescriptor> {
        match self {
            Contract::Event(d) => Some(d),
            _ => None,
        }
    }

    /// The capability descriptor, if this is a capability.
    pub const fn as_capability(&self) -> Option<&'static CapabilityDescriptor> {
        match self {
            Contract::Capability(d) => Some(d),
            _ => None,
        }
    }

    /// The consumer descriptor, if this is a consumer.
    pub const fn as_consumer(&self) -> Option<&'static ConsumerDescriptor> {
        match self {
            Contract::Consumer(d) => Some(d),
            _ => None,
        }
    }

    /// The presentation descriptor, if this is a presentation.
    pub const fn as_presentation(&self) -> Option<&'static PresentationDescriptor> {
        match self {
            Contract::Presentation(d) => Some(d),
            _ => None,
        }
    }
}

impl Serialize for Contract {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Contract::Operation(d) => d.serialize(serializer),
            Contract::Event(d) => d.serialize(serializer),
            Contract::Capability(d) => d.serialize(serializer),
            Contract::Presentation(d) => d.serialize(serializer),
            Contract::DataView(d) => d.serialize(serializer),
            Contract::Form(d) => d.serialize(serializer),
            Contract::Policy(d) => d.serialize(serializer),
            Contract::Feature(d) => d.serialize(serializer),
            Contract::Consumer(d) => d.serialize(serializer),
        }
    }
}

/// What a declaring type contributes to its crate's [`registry!`](crate::registry!).
#[derive(Clone, Copy, Debug)]
pub enum Declaration {
    /// A contract, and its identity `key@version` hashed (see [`Declaration::contract`]).
    Contract(Contract, HashedRef),
    /// A doc block.
    DocBlock(&'static DocBlockDescriptor),
    /// A declaration whose attribute had errors, already reported by the compiler. Its key and
    /// version are kept as written, so that references to it (and only those) report no
    /// follow-on errors: see [`Registry::names_broken`](crate::Registry::names_broken).
    Invalid {
        /// The key (a doc block's id) as written, even when malformed; `None` when absent.
        key: Option<&'static str>,
        /// The version as written when it is a valid version; `None` when absent or malformed.
        version: Option<&'static str>,
    },
}

impl Declaration {
    /// The declaration of `contract`, hashing its identity. The attribute macros emit the
    /// hashes they computed instead, which spares `const` evaluation the hashing.
    pub const fn contract(contract: Contract) -> Declaration {
        let meta = contract.meta();
        let digest = contracts_syntax::KeyDigest::of(meta.key);
        let id_hash = digest.id_hash(meta.version.as_str());
        let [high, low] = digest.prefix;
        Declaration::__hashed(contract, digest.hash, high, low, id_hash)
    }

    /// The declaration of `contract` with its identity's hashes computed by the macros: `hash`,
    /// `high` and `low` are its key's `KeyDigest`, `id_hash` the hash of `key@version`. Literal
    /// arguments rather than a nested `HashedRef` constructor: cheaper for rustc, per contract.
    #[doc(hidden)]
    pub const fn __hashed(
        contract: Contract,
        hash: u64,
        high: u128,
        low: u128,
        id_hash: u64,
    ) -> Declaration {
        let meta = contract.meta();
        let reference = ContractRef {
            key: meta.key,
            version: Some(meta.version),
        };
        let digest = contracts_syntax::KeyDigest {
            hash,
            prefix: [high, low],
        };
        Declaration::Contract(contract, HashedRef::precomputed(reference, digest, id_hash))
    }
}

/// A type declared as a contract or doc block by one of the attribute macros.
///
/// The [`registry!`](crate::registry!) lists such types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared contract",
    label = "not declared with a contract attribute",
    note = "annotate `{Self}` with #[command], #[query], #[event], #[capability], #[presentation], #[data_view], #[form], #[policy], #[feature_module], #[consumer] or #[doc_block]"
)]
pub trait Declared {
    /// The declaration.
    const DECLARATION: Declaration;
}

/// A Rust type that can be a contract message (input, output, payload or form model): it
/// serializes, deserializes, has a JSON Schema and describes its fields.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a contract message",
    label = "a contract message must implement Serialize, DeserializeOwned, JsonSchema and Model",
    note = "derive them: #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, contracts_core::Model)]"
)]
pub trait Message:
    Model + schemars::JsonSchema + Serialize + DeserializeOwned + Send + Sync + 'static
{
}

impl<T> Message for T where
    T: Model + schemars::JsonSchema + Serialize + DeserializeOwned + Send + Sync + 'static
{
}

/// A command or query, tied to its input, output and error types.
///
/// Implemented by [`#[command]`](macro@crate::command) and [`#[query]`](macro@crate::query) on the
/// input struct, so `Self` is the input.
pub trait Operation: Declared + Sized + 'static {
    /// The input message.
    type Input: Message;
    /// The output message.
    type Output: Message;
    /// The named errors the operation declares; [`NoErrors`](crate::NoErrors) if none.
    type Errors: crate::ErrorCatalog;
    /// The operation's descriptor.
    const DESCRIPTOR: &'static OperationDescriptor;
}

/// A state-changing [`Operation`].
pub trait Command: Operation {}

/// A read-only [`Operation`].
pub trait Query: Operation {}

/// An event, implemented by [`#[event]`](macro@crate::event) on the payload struct.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an event",
    label = "not declared with #[event(...)]",
    note = "declare `{Self}` with `#[event(key = \"...\", version = \"...\")]`, or emit a type that is declared as an event"
)]
pub trait Event: Declared + Message {
    /// The event's descriptor.
    const DESCRIPTOR: &'static EventDescriptor;
}

/// What `emits(E)` reads of an event: its descriptor and declaration. Implemented by
/// [`#[event]`](macro@crate::event) beside [`Event`], without `Event`'s `Message` bound, so that
/// a payload missing a derive is reported once, at the payload, not again at every operation
/// that emits it; a type that is not an event gets the one "is not an event" error.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an event",
    label = "not declared with #[event(...)]",
    note = "declare `{Self}` with `#[event(key = \"...\", version = \"...\")]`, or emit a type that is declared as an event"
)]
pub trait EventDeclared: Declared {
    /// The event's descriptor.
    const DESCRIPTOR: &'static EventDescriptor;
    /// The descriptor and the declaration, read together in one place per emitting operation,
    /// so that a type that is not an event is reported once.
    const EMITTED: (&'static EventDescriptor, Declaration) =
        (Self::DESCRIPTOR, <Self as Declared>::DECLARATION);
}

/// A consumer of an event, implemented by [`#[consumer]`](macro@crate::consumer) on a marker
/// type: the event it consumes is its [`Consumer::Event`], so a typed subscription knows the
/// payload type from the consumer alone.
///
/// `Event` is not bounded here: its descriptor already requires it to be an [`Event`], so that
/// naming a non-event in `event = ...` is reported once, by the descriptor.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a declared consumer",
    label = "not declared with #[consumer(...)]",
    note = "declare `{Self}` with `#[consumer(key = \"...\", version = \"...\", event = TheEvent)]`"
)]
pub trait Consumer: Declared {
    /// The consumed event.
    type Event;
    /// The consumer's descriptor.
    const DESCRIPTOR: &'static ConsumerDescriptor;
}

/// Proof that operation `Self` declares event `E` in its `emits`.
///
/// Typed emitters require it (with `E: Event`), so emitting an undeclared event does not
/// compile. The trait itself does not bound `E`, so that naming a non-event in `emits(...)` is
/// reported once, by the descriptor, rather than once per use.
#[diagnostic::on_unimplemented(
    message = "operation `{Self}` does not declare the event `{E}`",
    label = "`{E}` is not in the `emits(...)` of this operation",
    note = "add `{E}(when = \"...\")` to the `emits(...)` of `{Self}`'s #[command], or emit an event it declares"
)]
pub trait Emits<E>: Operation {}

macro_rules! descriptor_trait {
    ($(#[$doc:meta])* $name:ident => $descriptor:ty) => {
        $(#[$doc])*
        pub trait $name: Declared {
            /// The descriptor.
            const DESCRIPTOR: &'static $descriptor;
        }
    };
}

descriptor_trait!(
    /// A capability, implemented by [`#[capability]`](macro@crate::capability).
    Capability => CapabilityDescriptor
);
descriptor_trait!(
    /// A presentation, implemented by [`#[presentation]`](macro@crate::presentation).
    Presentation => PresentationDescriptor
);
descriptor_trait!(
    /// A data view, implemented by [`#[data_view]`](macro@crate::data_view).
    DataView => DataViewDescriptor
);
descriptor_trait!(
    /// A form, implemented by [`#[form]`](macro@crate::form) on the form's model.
    Form => FormDescriptor
);
descriptor_trait!(
    /// A policy, implemented by [`#[policy]`](macro@crate::policy).
    Policy => PolicyDescriptor
);
descriptor_trait!(
    /// A feature, implemented by [`#[feature_module]`](macro@crate::feature_module).
    Feature => FeatureDescriptor
);
descriptor_trait!(
    /// A doc block, implemented by [`#[doc_block]`](macro@crate::doc_block).
    DocBlock => DocBlockDescriptor
);

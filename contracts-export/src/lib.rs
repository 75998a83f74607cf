//! Surfaces generated from a contract [`Registry`](contracts_core::Registry): each exporter is a
//! pure function of the registry, behind its own cargo feature.
//!
//! | feature | module | output |
//! |---|---|---|
//! | `jsonschema` | [`json_schema`] | JSON Schema (draft 2020-12) of every input, output and payload |
//! | `openapi` | [`openapi`] | an OpenAPI 3.1 document |
//! | `mcp` | [`mcp`] | MCP tool definitions |
//! | `graphql` | [`graphql`] | a GraphQL SDL schema |
//! | `docs` | [`docs`] | a docs page per contract, as Markdown and as a static HTML site |
//! | `typescript` | [`typescript`] | a TypeScript module: message types and a typed `fetch` client |
//! | `asyncapi` | [`asyncapi`] | an AsyncAPI 3.0 document of the events on NATS JetStream |
//!
//! Naming follows ContractSpec's rules, made valid for each surface: see [`naming`].

pub mod examples;
pub mod naming;

#[cfg(feature = "jsonschema")]
pub mod json_schema;

#[cfg(feature = "openapi")]
pub mod openapi;

#[cfg(feature = "mcp")]
pub mod mcp;

#[cfg(feature = "graphql")]
pub mod graphql;

#[cfg(feature = "docs")]
pub mod docs;

#[cfg(feature = "asyncapi")]
pub mod asyncapi;
#[cfg(feature = "typescript")]
pub mod typescript;

/// Every surface of one registry, sharing the work they have in common: the message schemas are
/// generated once (for the JSON Schema document, the OpenAPI document, the MCP tools and the
/// GraphQL SDL) and the docs pages built once (for Markdown and HTML).
///
/// Each method returns what the module's own function returns for the registry (the MCP tools
/// of [`mcp::export`], and so on), except the JSON Schema and OpenAPI documents: those are
/// returned as the text `contracts export` writes, the pretty-printed JSON of
/// [`json_schema::export`] and [`openapi::export`], serialized from the shared schemas instead of
/// copying them into a [`serde_json::Value`]. What they share is computed on first use and kept
/// by this value only, so a new `Surfaces` starts from nothing.
///
/// ```
/// # #[cfg(feature = "full")] {
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::docs::{self, Format};
/// use contracts_export::{asyncapi, graphql, json_schema, mcp, openapi, typescript, Surfaces};
///
/// let surfaces = Surfaces::new(&CONTROL_PLANE);
/// let text = |value| serde_json::to_string_pretty(&value).unwrap();
/// assert_eq!(surfaces.json_schema(), text(json_schema::export(&CONTROL_PLANE)));
/// assert_eq!(surfaces.openapi(), text(openapi::export(&CONTROL_PLANE)));
/// assert_eq!(surfaces.mcp(), mcp::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.graphql(), graphql::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.docs(Format::Html), docs::html(&CONTROL_PLANE));
/// assert_eq!(surfaces.typescript(), typescript::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.asyncapi(), text(asyncapi::export(&CONTROL_PLANE)));
/// # }
/// ```
pub struct Surfaces<'r> {
    registry: &'r contracts_core::Registry,
    #[cfg(feature = "jsonschema")]
    schemas: std::cell::OnceCell<json_schema::Schemas>,
    #[cfg(feature = "docs")]
    pages: std::cell::OnceCell<docs::Pages<'r>>,
}

impl<'r> Surfaces<'r> {
    /// The surfaces of `registry`; nothing is generated until asked for.
    pub fn new(registry: &'r contracts_core::Registry) -> Surfaces<'r> {
        Surfaces {
            registry,
            #[cfg(feature = "jsonschema")]
            schemas: std::cell::OnceCell::new(),
            #[cfg(feature = "docs")]
            pages: std::cell::OnceCell::new(),
        }
    }

    /// The registry.
    pub fn registry(&self) -> &'r contracts_core::Registry {
        self.registry
    }

    /// The message schemas, generated on first use.
    #[cfg(feature = "jsonschema")]
    pub fn schemas(&self) -> &json_schema::Schemas {
        self.schemas
            .get_or_init(|| json_schema::Schemas::new(self.registry))
    }

    /// The JSON Schema document as pretty-printed JSON, as `contracts export jsonschema` writes
    /// it: the text of [`json_schema::export`], written from the shared schemas without building
    /// the [`serde_json::Value`] (see [`json_schema::Document`]).
    #[cfg(feature = "jsonschema")]
    pub fn json_schema(&self) -> String {
        json_schema::Document::new(self.schemas()).to_string_pretty()
    }

    /// The OpenAPI document as pretty-printed JSON, as `contracts export openapi` writes it: the
    /// text of [`openapi::export`], written from the shared schemas without building the
    /// [`serde_json::Value`] (see [`openapi::Document`]).
    #[cfg(feature = "openapi")]
    pub fn openapi(&self) -> String {
        self.openapi_with(&openapi::Options::for_registry(self.registry))
    }

    /// The OpenAPI document with `options` as pretty-printed JSON: the text of
    /// [`openapi::export_with`].
    #[cfg(feature = "openapi")]
    pub fn openapi_with(&self, options: &openapi::Options) -> String {
        openapi::Document::new(self.schemas(), options).to_string_pretty()
    }

    /// The MCP tools, as [`mcp::export`] returns them.
    #[cfg(feature = "mcp")]
    pub fn mcp(&self) -> serde_json::Value {
        mcp::export_from(self.schemas())
    }

    /// The GraphQL SDL, as [`graphql::export`] returns it.
    #[cfg(feature = "graphql")]
    pub fn graphql(&self) -> String {
        graphql::export_from(self.schemas())
    }

    /// The TypeScript module, as [`typescript::export`] returns it.
    #[cfg(feature = "typescript")]
    pub fn typescript(&self) -> String {
        typescript::export_from(self.schemas())
    }

    /// The AsyncAPI 3.0 document of the events as pretty-printed JSON, as `contracts export
    /// asyncapi` writes it: [`asyncapi::export`], its payload schemas from the shared schemas.
    #[cfg(feature = "asyncapi")]
    pub fn asyncapi(&self) -> String {
        self.asyncapi_with(&asyncapi::Options::for_registry(self.registry))
    }

    /// The AsyncAPI 3.0 document with `options` as pretty-printed JSON: the text of
    /// [`asyncapi::export_with`].
    #[cfg(feature = "asyncapi")]
    pub fn asyncapi_with(&self, options: &asyncapi::Options) -> String {
        json_schema::to_string_pretty(&asyncapi::export_from(
            self.registry,
            self.schemas(),
            options,
        ))
    }

    /// The docs pages, built on first use.
    #[cfg(feature = "docs")]
    pub fn pages(&self) -> &docs::Pages<'r> {
        self.pages.get_or_init(|| docs::Pages::new(self.registry))
    }

    /// The docs in `format`, as [`docs::markdown`] and [`docs::html`] return them.
    #[cfg(feature = "docs")]
    pub fn docs(&self, format: docs::Format) -> docs::Site {
        self.pages().site(format)
    }
}

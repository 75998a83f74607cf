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
//!
//! Naming follows ContractSpec's rules, made valid for each surface: see [`naming`].

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

/// Every surface of one registry, sharing the work they have in common: the message schemas are
/// generated once (for the JSON Schema document, the OpenAPI document, the MCP tools and the
/// GraphQL SDL) and the docs pages built once (for Markdown and HTML).
///
/// Each method returns what the module's own function returns for the registry (the JSON
/// Schema document of [`json_schema::export`], and so on); what they share is computed on first
/// use and kept by this value only, so a new `Surfaces` starts from nothing.
///
/// ```
/// # #[cfg(feature = "full")] {
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::docs::{self, Format};
/// use contracts_export::{graphql, json_schema, mcp, openapi, Surfaces};
///
/// let surfaces = Surfaces::new(&CONTROL_PLANE);
/// assert_eq!(surfaces.json_schema(), json_schema::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.openapi(), openapi::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.mcp(), mcp::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.graphql(), graphql::export(&CONTROL_PLANE));
/// assert_eq!(surfaces.docs(Format::Html), docs::html(&CONTROL_PLANE));
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

    /// The JSON Schema document, as [`json_schema::export`] returns it.
    #[cfg(feature = "jsonschema")]
    pub fn json_schema(&self) -> serde_json::Value {
        json_schema::document(self.schemas().definitions(json_schema::DEFS))
    }

    /// The OpenAPI document, as [`openapi::export`] returns it.
    #[cfg(feature = "openapi")]
    pub fn openapi(&self) -> serde_json::Value {
        self.openapi_with(&openapi::Options::for_registry(self.registry))
    }

    /// The OpenAPI document, as [`openapi::export_with`] returns it.
    #[cfg(feature = "openapi")]
    pub fn openapi_with(&self, options: &openapi::Options) -> serde_json::Value {
        openapi::export_from(self.schemas(), options)
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

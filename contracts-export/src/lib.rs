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

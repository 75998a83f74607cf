//! A TypeScript module for a registry: types for every message and a typed `fetch` client with
//! one function per operation, needing nothing at run time but `fetch`.
//!
//! [`export`] writes one `.ts` module (`contracts export typescript` writes it to a file):
//!
//! - **types**: one declaration per schema of the registry's OpenAPI document
//!   (`components/schemas`), named as there: every input, output and event payload
//!   ([`type_name`](crate::naming::type_name): `controlPlane_execution_start_v1_0_0_Input`), the
//!   models nested in them ([`nested_type_name`](crate::naming::nested_type_name)), and the
//!   `ProblemDetails`, `ProblemIssue` and `ResultEnvelope` of the REST contract. `Operations` and
//!   `EventPayloads` map each `key@version` to its types;
//! - **failure codes**, per operation: `<operationId>_failures`, each code with its HTTP status
//!   (its declared errors, documented, and the standard failures its OpenAPI responses list),
//!   the union of those codes, `<operationId>_ErrorCode`, and the problem details of its
//!   declared errors, `<operationId>_DeclaredError`;
//! - **the client**: a function per operation named by its
//!   [`operation_id`](crate::naming::operation_id), taking a `Client` (base URL, bearer token,
//!   headers, `fetch`), the typed input and `CallOptions` (`traceparent`, abort signal), and
//!   resolving to a `Result`: a success with the typed output, the success code and the trace id,
//!   or a failure told apart by `code` (one of the operation's codes, with its problem details
//!   narrowed to that code; or `UNEXPECTED_RESPONSE`, `NETWORK_ERROR`). It never throws for an
//!   HTTP or network failure.
//!
//! # One source
//!
//! The types are written from the message schemas of the JSON Schema export ([`Schemas`], as the
//! OpenAPI document holds them), so the TypeScript types and the JSON Schemas cannot disagree:
//! serde's renames, `rename_all`, tags, `flatten` and defaults are whatever schemars made of them.
//!
//! | JSON Schema | TypeScript |
//! |---|---|
//! | an object's `properties`, `required` | members, `?` when not required |
//! | `additionalProperties` or `patternProperties` (maps, flattened maps) | an index signature |
//! | `{"type": "object"}` alone (`JsonObject`) | `{ [key: string]: JsonValue }` |
//! | `{}`, `true` (`serde_json::Value`) | `JsonValue` |
//! | `enum`, `const` (unit enums, tags) | literal types and their union |
//! | `oneOf`, `anyOf` (enums with data, untagged) | a union |
//! | `allOf`, `$ref` beside members (flattened or internally tagged) | an intersection |
//! | `items`, `prefixItems` (lists, tuples) | `T[]`, `[A, B]` |
//! | `integer`, `number` | `number` (exact up to 2^53, as in any JavaScript) |
//! | `string`, any `format` (`date-time`, `uuid`) | `string` |
//!
//! An optional field may be absent but never `null`: contracts-core decodes strictly
//! ([`contracts_core::decode`]) and makes optional fields non-nullable in the schemas, so the
//! type is `field?: T`, not `T | null`. What TypeScript cannot check (formats, patterns, bounds,
//! integers) is kept in the member's doc comment as JSDoc tags (`@format date-time`,
//! `@minimum 0`); a schema the types cannot narrow (`not`, conditionals) is left wider.
//!
//! # The HTTP contract
//!
//! The client follows the REST adapter (`contracts-axum`) and the OpenAPI document
//! ([`crate::openapi`]): a command is `POST` with its input as the JSON body; a query is `GET`
//! with its input in the query string, one parameter per field as the document's `parameters`
//! say (form style for scalars and lists, JSON text for the rest), or the whole input as JSON
//! text in `input` where parameters cannot say it exactly (an empty list). The route is the
//! operation's [`route`](contracts_core::descriptors::OperationDescriptor::route), which the
//! adapter routes by. Every call sends a `traceparent` (a new trace unless
//! `CallOptions.traceparent` is given) and reads the server's `x-trace-id` back.
//!
//! ```
//! use contracts_control_plane::CONTROL_PLANE;
//! use contracts_export::typescript;
//!
//! let module = typescript::export(&CONTROL_PLANE);
//! assert!(module.contains("export interface controlPlane_execution_start_v1_0_0_Input {"));
//! assert!(module.contains("export function controlPlane_execution_start_v1_0_0("));
//! assert!(module.contains(r#"path: "/controlPlane/execution/start/v1.0.0""#));
//! ```
//!
//! A caller (TypeScript) then writes:
//!
//! ```ts
//! import { Client, controlPlane_execution_start_v1_0_0 as startExecution } from "./control-plane.js";
//!
//! const client = new Client({ baseUrl: "https://api.example.com", token: () => session.token });
//! const result = await startExecution(client, { executionId: "exec-1", planId: "plan-1" });
//! if (result.ok) {
//!   console.log(result.data.status, result.traceId);
//! } else if (result.code === "FORBIDDEN") {
//!   console.log(result.problem.detail);
//! }
//! ```

mod client;
mod syntax;
mod types;

use crate::json_schema::Schemas;
use crate::naming::Role;
use crate::openapi;
use client::{Operation, COMPONENTS};
use contracts_core::Contract;
use types::TypeWriter;

/// The client runtime every module starts with (see the [module docs](self)).
const RUNTIME: &str = include_str!("runtime.ts");

/// The first lines of every module.
const HEADER: &str = "\
// Generated by contracts-export (`contracts export typescript`) from a contract registry.
// Do not edit: regenerate it from the contracts.
//
// Types for every input, output and event payload, and a typed fetch client with one function
// per operation.

";

/// The TypeScript module of a registry: types and client (see the [module docs](self)).
pub fn export(registry: &contracts_core::Registry) -> String {
    export_from(&Schemas::new(registry))
}

/// The TypeScript module of a registry's generated [`Schemas`], as [`export`] returns it.
///
/// ```
/// use contracts_context::CONTEXT;
/// use contracts_export::json_schema::Schemas;
/// use contracts_export::typescript;
///
/// let schemas = Schemas::new(&CONTEXT);
/// assert_eq!(typescript::export_from(&schemas), typescript::export(&CONTEXT));
/// ```
pub fn export_from(schemas: &Schemas) -> String {
    // The document's `info` and `servers` say nothing the module uses.
    let options = openapi::Options {
        title: String::new(),
        version: String::new(),
        description: None,
        servers: Vec::new(),
    };
    let document = openapi::export_from(schemas, &options);
    let mut operations = Vec::new();
    let mut events = Vec::new();
    for message in schemas.messages() {
        match (message.contract, message.role) {
            (Contract::Operation(operation), Role::Input) => {
                operations.push(Operation::new(operation, &document));
            }
            (Contract::Event(event), Role::Payload) => events.push(&event.meta),
            _ => {}
        }
    }

    let mut out = String::with_capacity(64 * 1024);
    out.push_str(HEADER);
    out.push_str(RUNTIME);
    out.push_str("\n// Types: every schema of the registry's OpenAPI document.\n\n");
    if let Some(schemas) = document["components"]["schemas"].as_object() {
        TypeWriter::new(schemas, COMPONENTS).declarations(&mut out);
    }
    client::write_operations_map(&mut out, &operations);
    out.push('\n');
    client::write_event_map(&mut out, &events);
    out.push_str("\n// Operations: one function each, with its failure codes.\n");
    for operation in &operations {
        out.push('\n');
        operation.write(&mut out);
    }
    out
}

//! `contracts export`: the registry itself, and the exports of `contracts-export`.

use super::{json_string, write_file};
use crate::{Ctx, ExportArgs, ExportKind, Failure, OpenapiVersion, Outcome};
use contracts_core::{Contract, Registry};
use contracts_export::openapi::v3_0;
use contracts_export::{graphql, mcp, Surfaces};

impl Ctx<'_> {
    pub(crate) fn export(&mut self, args: &ExportArgs) -> Outcome {
        let text = match (args.what, args.openapi_version) {
            (ExportKind::Openapi, Some(OpenapiVersion::V3_0)) => {
                let document = Surfaces::new(self.registry).openapi();
                let document: serde_json::Value = serde_json::from_str(&document)?;
                json_string(&v3_0::down_convert(&document))?
            }
            (ExportKind::Openapi, _) | (_, None) => surface(self.registry, args.what)?,
            (_, Some(_)) => {
                return Err(Failure(
                    "`--version` chooses the OpenAPI version: use it with `export openapi`"
                        .to_owned(),
                ))
            }
        };
        match &args.out {
            None => writeln!(self.out, "{}", text.trim_end())?,
            Some(path) => {
                write_file(path, &format!("{}\n", text.trim_end()))?;
            }
        }
        Ok(0)
    }
}

/// `contracts export registry`: every contract and doc block, in registry order.
#[derive(serde::Serialize)]
struct RegistryJson {
    contracts: Vec<Contract>,
    #[serde(rename = "docBlocks")]
    doc_blocks: &'static [&'static contracts_core::descriptors::DocBlockDescriptor],
}

/// Every surface `contracts export` writes, as text.
pub(crate) fn surface(registry: &'static Registry, what: ExportKind) -> Result<String, Failure> {
    match what {
        ExportKind::Registry => json_string(&RegistryJson {
            contracts: registry.iter().collect(),
            doc_blocks: registry.doc_blocks(),
        }),
        ExportKind::Jsonschema => Ok(Surfaces::new(registry).json_schema()),
        ExportKind::Openapi => Ok(Surfaces::new(registry).openapi()),
        ExportKind::Mcp => json_string(&mcp::export(registry)),
        ExportKind::Graphql => Ok(graphql::export(registry)),
        ExportKind::Asyncapi => Ok(Surfaces::new(registry).asyncapi()),
        ExportKind::Typescript => Ok(Surfaces::new(registry).typescript()),
    }
}

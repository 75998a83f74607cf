//! `contracts export`: the registry itself, and the exports of `contracts-export`.

use super::{json_string, write_file};
use crate::{Ctx, ExportArgs, ExportKind, Failure, Outcome};
use contracts_core::{Contract, Registry};
use contracts_export::{graphql, mcp, Surfaces};

impl Ctx<'_> {
    pub(crate) fn export(&mut self, args: &ExportArgs) -> Outcome {
        let text = surface(self.registry, args.what)?;
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
    }
}

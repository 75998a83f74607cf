//! Generates the progenitor client of the reference registry's OpenAPI 3.0.3 document.

use std::path::PathBuf;

/// The document, as `contracts export openapi --version 3.0` writes it for the reference
/// registry (a test checks it is current).
const DOCUMENT: &str = "openapi-3.0.json";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed={DOCUMENT}");
    let text = std::fs::read_to_string(DOCUMENT)?;
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text)
        .map_err(|error| format!("{DOCUMENT} is not an OpenAPI 3.0 document: {error}"))?;
    let mut generator = progenitor::Generator::default();
    let tokens = generator
        .generate_tokens(&spec)
        .map_err(|error| format!("progenitor refuses {DOCUMENT}: {error}"))?;
    let file: syn::File = syn::parse2(tokens)?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("client.rs");
    std::fs::write(out, prettyplease::unparse(&file))?;
    Ok(())
}

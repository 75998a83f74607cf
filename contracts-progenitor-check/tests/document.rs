//! The document the client is generated from is the reference registry's OpenAPI 3.0.3 export
//! as it is now.

use contracts_export::openapi::{export, v3_0};
use contracts_reference::DOMAINS;

/// The document `build.rs` reads.
const DOCUMENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi-3.0.json");

#[test]
fn the_document_is_the_current_export() {
    let current = v3_0::down_convert(&export(&DOMAINS));
    let text = std::fs::read_to_string(DOCUMENT).expect("the document is readable");
    let stored: serde_json::Value = serde_json::from_str(&text).expect("the document is JSON");
    assert!(
        stored == current,
        "{DOCUMENT} is not the current OpenAPI 3.0 export of the reference registry: rewrite it \
         with `cargo run -p contracts-reference --bin contracts -- export openapi --version 3.0 \
         -o contracts-progenitor-check/openapi-3.0.json`"
    );
}

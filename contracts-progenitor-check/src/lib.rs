//! The client progenitor generates from the reference registry's OpenAPI 3.0.3 document.
#![allow(missing_docs, clippy::all)]

include!(concat!(env!("OUT_DIR"), "/client.rs"));

//! Every contract of the three domains has a page, in Markdown and in HTML, with nothing missing
//! that ContractSpec's reference data has: every string of each contract's reference record
//! (key, title, description, goal, context, owners, stability, tags, domain, capability, policy,
//! emitted events with their `when`, errors, every field name of every model, nested models,
//! provides and requires, view fields and filters, form fields and actions, policy rules,
//! feature members, REST path and MCP tool name, the capabilities providing it and the
//! operations emitting it), plus the Rust source text of the annotated item. Doc blocks have a
//! page with their title, summary, route, tags and body.

#[macro_use]
mod domains_registry;

use contracts_core::Registry;
use contracts_export::docs::{self, Site};
use scraper::Html;
use serde_json::Value;

domains_registry!();

const FIXTURES: [&str; 3] = [
    include_str!("../../contracts-control-plane/tests/fixtures/control-plane.json"),
    include_str!("../../contracts-harness/tests/fixtures/harness.json"),
    include_str!("../../contracts-context/tests/fixtures/context.json"),
];

const SECTIONS: [&str; 8] = [
    "operations",
    "events",
    "capabilities",
    "presentations",
    "dataViews",
    "forms",
    "policies",
    "features",
];

/// Keys of the reference records that describe the TypeScript source or ContractSpec's own
/// machinery, not the contract: not expected on the page.
const NOT_SHOWN: [&str; 6] = [
    "export_name",
    "source_file",
    "registered",
    "jsonSchema",
    "declaredAs",
    // ContractSpec's GraphQL name keeps the version's dots, which GraphQL rejects; the page
    // shows the valid name (checked below).
    "gqlField",
];

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a Markdown page shows: backslash escapes removed, whitespace collapsed.
fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(chars.next().unwrap());
        } else {
            out.push(c);
        }
    }
    normalize(&out)
}

/// The text an HTML page shows, parsed with a real HTML parser (entities decoded).
fn html_text(html: &str) -> String {
    // `<wbr>` marks where long code may break; it shows nothing, and parts of a word joined
    // with spaces below would not be the word.
    let document = Html::parse_document(&html.replace("<wbr>", ""));
    normalize(&document.root_element().text().collect::<Vec<_>>().join(" "))
}

struct Pages {
    markdown: String,
    html: String,
}

impl Pages {
    fn of(markdown: &Site, html: &Site, path: &str) -> Pages {
        Pages {
            markdown: markdown_text(
                markdown
                    .get(&format!("{path}.md"))
                    .unwrap_or_else(|| panic!("no page {path}.md")),
            ),
            html: html_text(
                html.get(&format!("{path}.html"))
                    .unwrap_or_else(|| panic!("no page {path}.html")),
            ),
        }
    }

    fn expect(&self, what: &str, text: &str) {
        let text = normalize(text);
        assert!(
            self.markdown.contains(&text),
            "the Markdown page of {what} misses {text:?}"
        );
        assert!(
            self.html.contains(&text),
            "the HTML page of {what} misses {text:?}"
        );
    }
}

/// Expects every string and number of a reference record on the page.
fn expect_all(pages: &Pages, what: &str, value: &Value, key: Option<&str>, in_field: bool) {
    match value {
        Value::String(text) => {
            // Scalar type names are ContractSpec's (`String_unsecure`); the page shows the Rust
            // type of the field instead.
            if in_field && key == Some("type") {
                return;
            }
            // `key@version` references are shown as the linked key and `(v1.0.0)`.
            if let Some((k, v)) = text.split_once('@') {
                if !k.contains(' ') && !v.contains(' ') {
                    pages.expect(what, k);
                    pages.expect(what, &format!("(v{v})"));
                    return;
                }
            }
            pages.expect(what, text);
        }
        Value::Number(n) => pages.expect(what, &n.to_string()),
        Value::Array(items) => {
            for item in items {
                expect_all(pages, what, item, key, in_field);
            }
        }
        Value::Object(map) => {
            let is_field = map.contains_key("typeKind");
            for (k, v) in map {
                if NOT_SHOWN.contains(&k.as_str()) || k == "typeKind" {
                    continue;
                }
                expect_all(pages, what, v, Some(k), is_field);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

fn check(registry: &Registry, markdown: &Site, html: &Site) {
    let mut checked = 0;
    for fixture in FIXTURES {
        let fixture: Value = serde_json::from_str(fixture).unwrap();
        for section in SECTIONS {
            for record in fixture[section].as_array().unwrap() {
                let key = record["key"].as_str().unwrap();
                let version = record["version"].as_str().unwrap();
                let what = format!("{key}@{version}");
                let contract = registry
                    .get(key, version)
                    .unwrap_or_else(|| panic!("{what} is not in the registry"));
                let pages = Pages::of(markdown, html, &docs::contract_path(&contract));
                expect_all(&pages, &what, record, None, false);
                if let Some(gql) = record["derived"]["gqlField"].as_str() {
                    pages.expect(&what, &gql.replace('.', "_"));
                }
                // The annotated Rust item, verbatim (Markdown: in a fence, unescaped).
                let source = contract.meta().source.text.trim_end();
                assert!(!source.is_empty(), "{what} has no source text");
                let raw = markdown
                    .get(&format!("{}.md", docs::contract_path(&contract)))
                    .unwrap();
                assert!(
                    raw.contains(source),
                    "the Markdown page of {what} misses its source"
                );
                pages.expect(&what, source);
                checked += 1;
            }
        }
        for block in fixture["docBlocks"].as_array().unwrap() {
            let id = block["id"].as_str().unwrap();
            let pages = Pages::of(markdown, html, &docs::doc_path(id));
            for field in ["id", "title", "summary", "kind", "visibility", "route"] {
                if let Some(text) = block[field].as_str() {
                    pages.expect(id, text);
                }
            }
            for tag in block["tags"].as_array().unwrap() {
                pages.expect(id, tag.as_str().unwrap());
            }
            for line in block["body"].as_str().unwrap().lines() {
                let line = line.trim_start_matches('#').trim();
                if !line.is_empty() {
                    pages.expect(id, line);
                }
            }
        }
    }
    assert_eq!(checked, registry.len(), "every contract is in a fixture");
}

#[test]
fn every_domain_page_shows_everything_the_reference_has() {
    check(&DOMAINS, &docs::markdown(&DOMAINS), &docs::html(&DOMAINS));
}

#[test]
fn each_domain_alone_documents_its_own_contracts() {
    for registry in [
        &contracts_control_plane::CONTROL_PLANE,
        &contracts_harness::HARNESS,
        &contracts_context::CONTEXT,
    ] {
        let markdown = docs::markdown(registry);
        let html = docs::html(registry);
        // A page per contract, doc block and domain (one here), the owners and stability pages,
        // and the index.
        assert_eq!(
            markdown.files().len(),
            registry.len() + registry.doc_blocks().len() + 1 + 3
        );
        assert_eq!(html.files().len(), markdown.files().len() + 1); // + the stylesheet
        for contract in registry.iter() {
            let pages = Pages::of(&markdown, &html, &docs::contract_path(&contract));
            let meta = contract.meta();
            for text in [meta.key, meta.description, meta.stability.as_str()]
                .into_iter()
                .chain(meta.owners.iter().copied())
                .chain(meta.tags.iter().copied())
                .chain(meta.goal)
                .chain(meta.context)
            {
                pages.expect(meta.key, text);
            }
        }
    }
}

#[test]
fn pages_show_the_relations_the_reference_derives() {
    let markdown = docs::markdown(&DOMAINS);
    // The event page lists the operations emitting it and the capabilities providing it, each
    // as a link; ContractSpec's pages have neither.
    let page = markdown
        .get("contracts/harness.evaluation.completed@1.0.0.md")
        .unwrap();
    assert!(page.contains(
        "| [`harness.evaluation.run`](harness.evaluation.run@1.0.0.md) (v1.0.0) | Evaluation execution finishes and assertion results are persisted. |"
    ));
    assert!(page.contains(
        "- [`harness.evaluation`](harness.evaluation@1.0.0.md) (v1.0.0): Evaluation completed with assertion results."
    ));
    // Orphans say so.
    let orphan = markdown
        .get("contracts/control_plane.plan.rejected@1.0.0.md")
        .unwrap();
    assert!(orphan.contains("Provided by no capability."));
    assert!(orphan.contains("Emitted by no operation."));
}

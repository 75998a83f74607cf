//! The HTML site of the three domains and of the fixture registry, parsed with a real HTML
//! parser: every page is well-formed, every internal link and anchor resolves to a generated
//! file, nothing is loaded from the network, and author text is escaped.

#[macro_use]
mod docs_fixture;
#[macro_use]
mod domains_registry;

use contracts_core::Registry;
use contracts_export::docs::{self, Site};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};

shop_registry!();

domains_registry!();

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Resolves `url` (relative to the page at `from`) to a site path, or `None` for a fragment-only
/// link.
fn resolve(from: &str, url: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_owned())),
        None => (url, None),
    };
    if path.is_empty() {
        return Some((from.to_owned(), fragment));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in path.split('/') {
        match segment {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {url} leaves the site");
            }
            "." => {}
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), fragment))
}

fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

/// Parses every page and checks links, anchors, external references and parse errors.
fn check_site(name: &str, registry: &Registry, site: &Site) {
    let attrs = selector("[href], [src]");
    let ids = selector("[id]");
    let mut pages: BTreeMap<&str, Html> = BTreeMap::new();
    for file in site.files() {
        if file.path.ends_with(".html") {
            let html = Html::parse_document(&file.contents);
            assert!(
                html.errors.is_empty(),
                "{name}/{}: HTML parse errors {:?}",
                file.path,
                html.errors
            );
            pages.insert(&file.path, html);
        } else {
            for external in ["http://", "https://", "@import"] {
                assert!(
                    !file.contents.contains(external),
                    "{name}/{} references {external}",
                    file.path
                );
            }
        }
    }
    let anchors: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, html)| {
            let set = html
                .select(&ids)
                .filter_map(|e| e.value().attr("id").map(str::to_owned))
                .collect();
            (*path, set)
        })
        .collect();
    let mut linked = BTreeSet::new();
    let mut links = 0;
    for (path, html) in &pages {
        for style in html.select(&selector("style, script")) {
            let text: String = style.text().collect();
            assert!(
                !text.contains("http://")
                    && !text.contains("https://")
                    && !text.contains("@import"),
                "{name}/{path}: inline style or script references the network"
            );
            assert!(
                style.value().attr("src").is_none(),
                "{name}/{path}: external script"
            );
        }
        for element in html.select(&attrs) {
            for attr in ["href", "src"] {
                let Some(url) = element.value().attr(attr) else {
                    continue;
                };
                assert!(!is_external(url), "{name}/{path}: external {attr}={url}");
                assert!(
                    !url.contains(':'),
                    "{name}/{path}: {attr}={url} has a scheme"
                );
                let (target, fragment) = resolve(path, url).unwrap();
                assert!(
                    site.get(&target).is_some(),
                    "{name}/{path}: {attr}={url} leads to {target}, which is not generated"
                );
                links += 1;
                linked.insert(target.clone());
                if let Some(fragment) = fragment {
                    if target == "index.html" && fragment.contains('=') {
                        continue; // a filter of the index search, read by its script
                    }
                    assert!(
                        anchors[target.as_str()].contains(&fragment),
                        "{name}/{path}: {attr}={url} names a missing anchor"
                    );
                }
            }
        }
    }
    assert!(links > 0);
    // Every page is reachable: the index links to every contract and doc block page.
    for contract in registry.iter() {
        let page = format!("{}.html", docs::contract_path(&contract));
        assert!(pages.contains_key(page.as_str()), "{name}: no page {page}");
        assert!(linked.contains(&page), "{name}: nothing links to {page}");
    }
    for block in registry.doc_blocks() {
        let page = format!("{}.html", docs::doc_path(block.id));
        assert!(linked.contains(&page), "{name}: nothing links to {page}");
    }
    let domains: BTreeSet<&str> = registry.iter().filter_map(|c| c.meta().domain).collect();
    for domain in &domains {
        let page = format!("{}.html", docs::domain_path(domain));
        assert!(linked.contains(&page), "{name}: nothing links to {page}");
    }
    for page in ["owners.html", "stability.html"] {
        assert!(linked.contains(page), "{name}: nothing links to {page}");
    }
    assert_eq!(
        pages.len(),
        registry.len() + registry.doc_blocks().len() + domains.len() + 3,
        "{name}: one page per contract, doc block and domain, the owners and stability pages, and the index"
    );
}

#[test]
fn the_domain_site_is_self_contained() {
    check_site("domains", &DOMAINS, &docs::html(&DOMAINS));
}

#[test]
fn the_fixture_site_is_self_contained() {
    check_site("shop", &SHOP, &docs::html(&SHOP));
}

#[test]
fn index_offers_search_and_filters() {
    let site = docs::html(&DOMAINS);
    let index = Html::parse_document(site.get("index.html").unwrap());
    assert_eq!(index.select(&selector("input#q[type=search]")).count(), 1);
    let options = |id: &str| -> Vec<String> {
        index
            .select(&selector(&format!("select#{id} option")))
            .filter_map(|o| o.value().attr("value").map(str::to_owned))
            .filter(|v| !v.is_empty())
            .collect()
    };
    assert_eq!(
        options("kind"),
        [
            "capability",
            "command",
            "query",
            "event",
            "presentation",
            "data_view",
            "form",
            "policy",
            "feature"
        ]
    );
    assert_eq!(options("domain"), ["context", "control-plane", "harness"]);
    assert!(options("tag").contains(&"evidence".to_owned()));
    let rows: Vec<_> = index.select(&selector("#contracts tbody tr")).collect();
    assert_eq!(rows.len(), DOMAINS.len());
    for (row, contract) in rows.iter().zip(DOMAINS.iter()) {
        let meta = contract.meta();
        assert_eq!(
            row.value().attr("data-kind"),
            Some(contract.kind().as_str())
        );
        assert_eq!(row.value().attr("data-domain"), meta.domain);
        let tags: Vec<String> =
            serde_json::from_str(row.value().attr("data-tags").unwrap()).unwrap();
        assert!(meta.tags.iter().all(|t| tags.iter().any(|x| x == t)));
        assert!(row
            .value()
            .attr("data-search")
            .unwrap()
            .contains(&meta.key.to_lowercase()));
    }
    assert_eq!(
        index.select(&selector("#docs tbody tr")).count(),
        DOMAINS.doc_blocks().len()
    );
    // The search is an inline script: no file to fetch, so it works from file://.
    let script: String = index
        .select(&selector("script"))
        .flat_map(|s| s.text())
        .collect();
    assert!(script.contains("data-search") && script.contains("location.hash"));
}

#[test]
fn capabilities_and_surfaces_link_both_ways() {
    let site = docs::html(&DOMAINS);
    let links_of = |page: &str| -> BTreeSet<String> {
        let html = Html::parse_document(site.get(page).unwrap());
        html.select(&selector("main a[href]"))
            .filter_map(|a| resolve(page, a.value().attr("href").unwrap()))
            .map(|(target, _)| target)
            .collect()
    };
    let page = |key: &str| {
        let contract = DOMAINS.get(key, "1.0.0").unwrap();
        format!("{}.html", docs::contract_path(&contract))
    };
    // A capability links to its surfaces, and each surface back to the capability.
    let evidence = page("harness.evidence");
    for surface in [
        "harness.evidence.list",
        "harness.evidence.get",
        "harness.evidence.captured",
        "harness.run.audit",
    ] {
        assert!(links_of(&evidence).contains(&page(surface)), "{surface}");
        assert!(links_of(&page(surface)).contains(&evidence), "{surface}");
    }
    // An operation links to its events, and each event back to the operation.
    let install = page("controlPlane.skill.install");
    for event in [
        "controlPlane.skill.installed",
        "controlPlane.skill.rejected",
    ] {
        assert!(links_of(&install).contains(&page(event)), "{event}");
        assert!(links_of(&page(event)).contains(&install), "{event}");
    }
    // A contract links to its doc blocks, and the doc block back.
    let describe = page("context.pack.describe");
    let doc = "docs/docs.tech.context.pack.describe.html".to_owned();
    assert!(links_of(&describe).contains(&doc));
    assert!(links_of(&doc).contains(&describe));
}

#[test]
fn author_text_is_escaped() {
    let site = docs::html(&SHOP);
    let place = Html::parse_document(site.get("contracts/shop.order.place@1.0.0.html").unwrap());
    // `context = "Called by the checkout <form> & the mobile app."`
    assert_eq!(place.select(&selector("main form")).count(), 0);
    let context: String = place
        .select(&selector("#context"))
        .flat_map(|e| e.text())
        .collect();
    assert!(context.contains("Called by the checkout <form> & the mobile app."));
    // The doc block body's raw `<b>` is text, not markup; its Markdown is rendered.
    assert_eq!(place.select(&selector("main b")).count(), 0);
    assert_eq!(place.select(&selector("#documentation em")).count(), 1);
    // Its link to another doc block's route leads to that page; the dangling one is dropped.
    let hrefs: Vec<&str> = place
        .select(&selector("#documentation a[href]"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert!(
        hrefs.contains(&"../docs/docs.shop.payments.html"),
        "{hrefs:?}"
    );
    assert!(!hrefs.iter().any(|h| h.contains("nowhere")));
    // Source text is shown verbatim in a code block.
    let source: String = place
        .select(&selector("#source-definition pre code"))
        .flat_map(|e| e.text())
        .collect();
    assert_eq!(
        source,
        <docs_fixture::PlaceOrder as contracts_core::Operation>::DESCRIPTOR
            .meta
            .source
            .text
            .trim_end()
    );
    // Nested model types link to their tables on the same page.
    let address = place
        .select(&selector("#input a[href='#input-address']"))
        .count();
    assert_eq!(address, 1);
}

#[test]
fn file_names_are_portable() {
    for site in [docs::html(&DOMAINS), docs::markdown(&DOMAINS)] {
        let mut lower = BTreeSet::new();
        for file in site.files() {
            assert!(
                file.path.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b"-._~@/".contains(&b)),
                "{}",
                file.path
            );
            assert!(lower.insert(file.path.to_lowercase()), "{}", file.path);
        }
    }
}

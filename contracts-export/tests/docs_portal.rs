//! The portal around the contract pages, in the page model and in HTML: flow diagrams from the
//! registry's relations (consumers included), notices, breadcrumbs and the sidebar, personal
//! data in field tables, and the changelog hook of the versions table.

#[macro_use]
mod docs_fixture;

use contracts_core::Contract;
use contracts_export::docs::{
    self, Block, Change, Changelog, Format, Inline, Page, Pages, Target, Tone,
};
use scraper::{Html, Selector};

shop_registry!();

fn page_of(pages: &Pages<'_>, path: &str) -> Page {
    pages
        .pages()
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .clone()
}

fn select<'h>(html: &'h Html, css: &str) -> Vec<scraper::ElementRef<'h>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

#[test]
fn flows_go_from_capability_to_consumers() {
    let pages = Pages::new(&SHOP);
    let capability = page_of(&pages, "contracts/shop.orders@1.0.0");
    let diagram = capability
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Diagram(d) => Some(d),
            _ => None,
        })
        .expect("the capability page has a flow");
    assert_eq!(
        diagram.columns,
        ["Capability", "Operations", "Events", "Consumers"]
    );
    let label = |column: usize| -> Vec<&str> {
        let mut labels: Vec<&str> = diagram
            .nodes
            .iter()
            .filter(|n| n.column == column)
            .map(|n| &*n.label)
            .collect();
        labels.sort_unstable();
        labels
    };
    assert_eq!(label(0), ["shop.orders"]);
    assert_eq!(
        label(1),
        [
            "shop.order.get@1.0.0",
            "shop.order.get@2.0.0",
            "shop.order.place"
        ]
    );
    assert_eq!(label(2), ["shop.order.placed"]);
    // The data view that refreshes on the event and the declared consumer consume it
    // (relations::Relation::consumes).
    assert_eq!(label(3), ["shop.order.index", "shop.payment.request"]);
    assert!(diagram
        .nodes
        .iter()
        .any(|n| n.current && n.label == "shop.orders"));
    let paths: Vec<String> = diagram
        .paths()
        .iter()
        .map(|line| {
            line.iter()
                .map(|i| match i {
                    Inline::Link { text, .. } | Inline::Text(text) => text.to_string(),
                    other => panic!("{other:?}"),
                })
                .collect()
        })
        .collect();
    assert!(paths.contains(
        &"shop.orders → shop.order.place → shop.order.placed → shop.order.index".to_owned()
    ));

    // In HTML, an SVG whose every node links to its page.
    let site = docs::html(&SHOP);
    let html = Html::parse_document(site.get("contracts/shop.orders@1.0.0.html").unwrap());
    let nodes = select(&html, "#flow svg.flow a.node");
    assert_eq!(nodes.len(), diagram.nodes.len());
    assert!(nodes
        .iter()
        .any(|a| a.value().attr("href") == Some("shop.order.index@1.0.0.html")));
    assert_eq!(
        select(&html, "#flow svg.flow path.edge").len(),
        diagram.edges.len()
    );
    assert_eq!(
        select(&html, "#flow details.flow-text li").len(),
        paths.len()
    );

    // A domain page draws the flow of all its capabilities.
    let domain = Html::parse_document(site.get("domains/shop.html").unwrap());
    assert_eq!(select(&domain, "#flow svg.flow a.node.capability").len(), 2);
}

#[test]
fn deprecated_and_superseded_versions_say_so() {
    let pages = Pages::new(&SHOP);
    let old = page_of(&pages, "contracts/shop.order.get@1.0.0");
    assert_eq!(old.notices.len(), 1);
    assert_eq!(old.notices[0].tone, Tone::Warning);
    assert_eq!(old.notices[0].title, "Deprecated");
    assert!(old.notices[0].content.iter().any(|i| matches!(
        i,
        Inline::Link { target: Target::Page { path, .. }, .. } if path == "contracts/shop.order.get@2.0.0"
    )));
    let new = page_of(&pages, "contracts/shop.order.get@2.0.0");
    assert!(new.notices.is_empty());
    let html = Html::parse_document(&pages.render(&old, Format::Html));
    let notice = select(&html, "main .notice.warning");
    assert_eq!(notice.len(), 1);
    assert!(text(&notice[0]).contains("Deprecated"));
}

#[test]
fn pages_know_where_they_sit() {
    let site = docs::html(&SHOP);
    let html = Html::parse_document(site.get("contracts/shop.order.placed@1.0.0.html").unwrap());
    let crumbs: Vec<String> = select(&html, "nav.breadcrumbs li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        crumbs,
        ["Contracts", "shop", "shop.orders", "shop.order.placed"]
    );
    // The sidebar opens the page's capability and marks the page.
    let current = select(&html, "nav.sidebar a[aria-current=page]");
    assert_eq!(current.len(), 1);
    assert_eq!(text(&current[0]), "shop.order.placed");
    assert_eq!(
        select(&html, "nav.sidebar details[open] > summary a")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["shop", "shop.orders"]
    );
    // Metadata leads to the domain, owners and stability pages.
    let hrefs: Vec<&str> = select(&html, "#metadata a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for href in [
        "../domains/shop.html",
        "../owners.html#owner-team.shop",
        "../stability.html#beta",
    ] {
        assert!(hrefs.contains(&href), "{href} in {hrefs:?}");
    }
}

#[test]
fn field_tables_mark_personal_data_and_drop_empty_columns() {
    let site = docs::html(&SHOP);
    let html = Html::parse_document(site.get("contracts/shop.order.place@1.0.0.html").unwrap());
    let marked: Vec<String> = select(&html, "#input tr")
        .iter()
        .filter(|row| !select_in(row, ".badge").is_empty())
        .map(|row| text(&select_in(row, "td code")[0]))
        .collect();
    // `pii = ["email", "address.postcode"]`: the nested field is marked in its model's table.
    assert_eq!(marked, ["email", "postcode"]);
    // The input has doc comments on some fields; its nested `Address` has none.
    let headers =
        |css: &str| -> Vec<String> { select(&html, css).iter().map(text).collect::<Vec<_>>() };
    assert_eq!(
        headers("#input > .table th"),
        ["Field", "Type", "Required", "Description"]
    );
    assert_eq!(headers("#input-address th"), ["Field", "Type", "Required"]);
    // An enum's values beside the field; a list says so; nested models link to their tables.
    let size = select(&html, "#input-lineitem tr")
        .into_iter()
        .find(|row| text(row).starts_with("size"))
        .unwrap();
    assert!(
        text(&size).contains("Size: small, large"),
        "{}",
        text(&size)
    );
    let items = select(&html, "#input tr")
        .into_iter()
        .find(|row| text(row).starts_with("items"))
        .unwrap();
    assert!(text(&items).contains("list of LineItem"));
    assert_eq!(select_in(&items, "a[href='#input-lineitem']").len(), 1);
}

fn select_in<'h>(element: &scraper::ElementRef<'h>, css: &str) -> Vec<scraper::ElementRef<'h>> {
    element.select(&Selector::parse(css).unwrap()).collect()
}

/// A changelog as the contract lock will give it.
struct Lock;

impl Changelog for Lock {
    fn changes(&self, older: &Contract, newer: &Contract) -> Vec<Change> {
        vec![
            Change {
                breaking: true,
                summary: format!("auth {} → user", older.version()).into(),
            },
            Change {
                breaking: false,
                summary: format!("added include_lines in {}", newer.version()).into(),
            },
        ]
    }
}

#[test]
fn a_changelog_fills_the_changes_column() {
    let without = Pages::new(&SHOP);
    let table = |pages: &Pages<'_>| {
        let page = page_of(pages, "contracts/shop.order.get@2.0.0");
        let versions = page
            .sections
            .iter()
            .find(|s| s.title == "Versions")
            .unwrap();
        match &versions.blocks[0] {
            Block::Table(table) => table.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert!(!table(&without).headers.iter().any(|h| h == "Changes"));
    let with = Pages::with_changelog(&SHOP, &Lock);
    let versions = table(&with);
    assert_eq!(versions.headers.last().unwrap(), "Changes");
    assert!(
        versions.rows[0].last().unwrap().is_empty(),
        "nothing before the first version"
    );
    assert_eq!(
        versions.rows[1].last().unwrap(),
        &vec![
            Inline::Badge("breaking".into()),
            Inline::Text(" ".into()),
            Inline::Text("auth 1.0.0 → user".into()),
            Inline::Text("; ".into()),
            Inline::Text("added include_lines in 2.0.0".into()),
        ]
    );
    // Keys with one version have no versions table at all.
    let place = page_of(&with, "contracts/shop.order.place@1.0.0");
    assert!(!place.sections.iter().any(|s| s.title == "Versions"));
}

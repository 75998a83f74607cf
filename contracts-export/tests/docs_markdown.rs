//! Markdown docs of a small fixture registry, page by page, as reviewed snapshots.

#[macro_use]
mod docs_fixture;

use contracts_export::docs;

shop_registry!();

fn snapshot_name(path: &str) -> String {
    path.trim_end_matches(".md").replace('/', "__")
}

#[test]
fn every_page_matches_its_snapshot() {
    let site = docs::markdown(&SHOP);
    let paths: Vec<&str> = site.files().iter().map(|f| f.path.as_str()).collect();
    insta::assert_snapshot!("files", paths.join("\n"));
    for file in site.files() {
        insta::assert_snapshot!(snapshot_name(&file.path), &file.contents);
    }
}

#[test]
fn output_is_deterministic() {
    assert_eq!(docs::markdown(&SHOP), docs::markdown(&SHOP));
    assert_eq!(docs::html(&SHOP), docs::html(&SHOP));
}

#[test]
fn the_single_page_api_matches_the_site() {
    let site = docs::markdown(&SHOP);
    for contract in SHOP.iter() {
        let path = format!("{}.md", docs::contract_path(&contract));
        assert_eq!(
            site.get(&path),
            Some(docs::markdown_page(&SHOP, contract).as_str()),
            "{path}"
        );
    }
}

#[test]
fn markdown_parses_back_to_the_same_tables() {
    // Every table row has as many cells as its header, despite `|` in the content.
    let site = docs::markdown(&SHOP);
    for file in site.files() {
        let mut columns = None;
        for line in file.contents.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let mut cells = 0;
            let mut escaped = false;
            for c in line.chars() {
                match c {
                    '\\' => escaped = !escaped,
                    '|' if !escaped => cells += 1,
                    _ => escaped = false,
                }
                if c != '\\' {
                    escaped = false;
                }
            }
            match columns {
                None => columns = Some(cells),
                Some(n) => assert_eq!(n, cells, "{}: {line}", file.path),
            }
        }
    }
}

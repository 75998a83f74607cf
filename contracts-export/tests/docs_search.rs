//! The index's search script, run by Node.js against the generated index rows with a minimal
//! stand-in for the DOM. Skipped (with a note) where `node` is not installed.

use contracts_export::docs;
use scraper::{Html, Selector};
use std::process::Command;

contracts_core::registry! {
    /// The three domains together.
    pub static DOMAINS;
    includes(
        contracts_control_plane::CONTROL_PLANE,
        contracts_harness::HARNESS,
        contracts_context::CONTEXT,
    );
}

/// A stand-in DOM: the form controls, the rows with their `data-` attributes, `location` and
/// `history`. `run(hash, fields)` loads the script with `hash`, sets the fields, fires `input`
/// and prints the keys of the visible rows and the count line.
const HARNESS: &str = r##"
const rows = JSON.parse(process.argv[1]);
const docs = JSON.parse(process.argv[2]);
const script = process.argv[3];
const cases = JSON.parse(process.argv[4]);
const out = [];
for (const c of cases) {
  const listeners = {};
  const control = (tag) => ({ tagName: tag, value: "", options: [], appendChild(o) { this.options.push(o); } });
  const inputs = { q: control("INPUT"), kind: control("SELECT"), domain: control("SELECT"),
    tag: control("SELECT"), owner: control("SELECT"), stability: control("SELECT") };
  const row = (r) => ({ key: r.key, hidden: false, getAttribute(n) { return r[n] === undefined ? null : r[n]; } });
  const contractRows = rows.map(row);
  const docRows = docs.map(row);
  const count = { textContent: "" };
  global.document = {
    getElementById(id) {
      if (id === "filters") return { addEventListener(t, f) { listeners[t] = f; } };
      if (id === "count") return count;
      return inputs[id];
    },
    querySelectorAll(sel) { return sel.startsWith("#contracts") ? contractRows : docRows; },
    createElement() { return {}; },
  };
  global.location = { hash: c.hash, pathname: "/index.html" };
  global.history = { replaceState(_, __, h) { global.location.hash = h.startsWith("#") ? h : ""; } };
  global.window = { addEventListener() {} };
  eval(script);
  for (const [k, v] of Object.entries(c.set || {})) inputs[k].value = v;
  if (c.set) listeners.input();
  out.push({ shown: contractRows.filter(r => !r.hidden).map(r => r.key),
             docs: docRows.filter(r => !r.hidden).map(r => r.key),
             count: count.textContent, hash: global.location.hash });
}
console.log(JSON.stringify(out));
"##;

fn rows(html: &Html, css: &str) -> serde_json::Value {
    let selector = Selector::parse(css).unwrap();
    let link = Selector::parse("td code").unwrap();
    serde_json::Value::Array(
        html.select(&selector)
            .map(|tr| {
                let mut row = serde_json::Map::new();
                for (name, value) in tr.value().attrs() {
                    row.insert(name.to_owned(), value.into());
                }
                let key: String = tr.select(&link).next().unwrap().text().collect();
                row.insert("key".to_owned(), key.into());
                serde_json::Value::Object(row)
            })
            .collect(),
    )
}

#[test]
fn search_and_filters_select_the_right_rows() {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("node is not installed: the search script is not run");
        return;
    }
    let site = docs::html(&DOMAINS);
    let index = site.get("index.html").unwrap();
    let html = Html::parse_document(index);
    let script: String = html
        .select(&Selector::parse("script").unwrap())
        .flat_map(|s| s.text())
        .collect();
    let cases = serde_json::json!([
        { "hash": "" },
        { "hash": "", "set": { "q": "skill install" } },
        { "hash": "#kind=event&domain=harness" },
        { "hash": "#tag=evidence", "set": { "kind": "query" } },
        { "hash": "", "set": { "tag": "describe" } },
        { "hash": "", "set": { "owner": "platform.context", "kind": "capability" } },
        { "hash": "#domain=nowhere" },
    ]);
    let output = Command::new("node")
        .args([
            "-e",
            HARNESS,
            &rows(&html, "#contracts tbody tr").to_string(),
            &rows(&html, "#docs tbody tr").to_string(),
            &script,
            &cases.to_string(),
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let shown = |i: usize| -> Vec<String> {
        results[i]["shown"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_owned())
            .collect()
    };
    // Nothing set: everything shows.
    assert_eq!(shown(0).len(), DOMAINS.len());
    assert_eq!(
        results[0]["count"],
        format!(
            "Showing {0} of {0} contracts and 8 of 8 doc blocks.",
            DOMAINS.len()
        )
    );
    // Every word must match somewhere in key, title, description, tags or owners.
    let contract_rows = rows(&html, "#contracts tbody tr");
    let expected: Vec<&str> = contract_rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            let search = r["data-search"].as_str().unwrap();
            search.contains("skill") && search.contains("install")
        })
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert!(expected.contains(&"controlPlane.skill.install"));
    assert!(expected.len() < 10);
    assert_eq!(shown(1), expected);
    assert_eq!(results[1]["hash"], "#q=skill%20install");
    // Filters come from the URL fragment (pages link to `index.html#tag=...`).
    let expected: Vec<&str> = DOMAINS
        .in_domain("harness")
        .filter(|c| c.kind() == contracts_core::ContractKind::Event)
        .map(|c| c.key())
        .collect();
    assert_eq!(shown(2), expected);
    assert!(shown(3)
        .iter()
        .all(|k| DOMAINS.latest(k).is_some_and(|c| c.kind()
            == contracts_core::ContractKind::Query
            && c.meta().has_tag("evidence"))));
    assert_eq!(
        shown(3).len(),
        DOMAINS
            .with_tag("evidence")
            .filter(|c| c.kind() == contracts_core::ContractKind::Query)
            .count()
    );
    // A tag filters doc blocks too.
    assert_eq!(shown(4), ["context.pack.describe"]);
    assert_eq!(results[4]["docs"][0], "docs.tech.context.pack.describe");
    assert_eq!(shown(5), ["context.system"]);
    // An unknown value shows nothing rather than everything.
    assert!(shown(6).is_empty());
}

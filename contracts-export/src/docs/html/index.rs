//! The index page: every contract and doc block, with a search box and filters.

use super::escape::Escaped;
use super::{close_frame, code_into, open_frame};
use crate::docs::markdown::{first_paragraph, kind_heading};
use crate::docs::page::{Chrome, Index};
use crate::docs::paths::{domain_path, relative_url, INDEX, STABILITY};
use contracts_core::ContractKind;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The index's search script, inlined in the index page.
const SEARCH_SCRIPT: &str = include_str!("assets/search.js");

/// Renders the index: every contract and doc block in tables, with a search box and filters by
/// kind, domain, tag, owner and stability that work from `file://` (inline script, no network).
/// Without JavaScript the filters stay hidden and every row is shown.
pub(crate) fn render_index(index: &Index, chrome: Chrome<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    open_frame(&mut out, INDEX, "Contracts", chrome);
    out.push_str("<h1>Contracts</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} contracts and {} doc blocks.</p>",
        index.contracts.len(),
        index.doc_blocks.len()
    );

    let mut domains = BTreeSet::new();
    let mut tags = BTreeSet::new();
    let mut owners = BTreeSet::new();
    let mut stabilities = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for e in &index.contracts {
        domains.extend(e.domain);
        tags.extend(e.tags.iter().copied());
        owners.extend(e.owners.iter().copied());
        stabilities.insert(e.stability);
        kinds.insert(e.kind);
    }
    for d in &index.doc_blocks {
        tags.extend(d.tags.iter().copied());
    }
    out.push_str(
        "<noscript><p class=\"note\">Searching and filtering need JavaScript: every contract is listed below.</p></noscript>\n",
    );
    // Shown by the search script: without it, the controls would do nothing.
    out.push_str("<form class=\"filters\" id=\"filters\" role=\"search\" hidden>\n");
    out.push_str(
        "<label>Search <input type=\"search\" id=\"q\" name=\"q\" placeholder=\"key, title, description, tag\" autocomplete=\"off\"></label>\n",
    );
    let kind_options: Vec<(String, String)> = ContractKind::ALL
        .iter()
        .filter(|k| kinds.contains(*k))
        .map(|k| (k.as_str().to_owned(), kind_heading(*k).to_owned()))
        .collect();
    select(&mut out, "kind", "Kind", "All kinds", &kind_options);
    let as_options = |set: &BTreeSet<&str>| -> Vec<(String, String)> {
        set.iter()
            .map(|v| ((*v).to_owned(), (*v).to_owned()))
            .collect()
    };
    select(
        &mut out,
        "domain",
        "Domain",
        "All domains",
        &as_options(&domains),
    );
    select(&mut out, "tag", "Tag", "All tags", &as_options(&tags));
    select(
        &mut out,
        "owner",
        "Owner",
        "All owners",
        &as_options(&owners),
    );
    select(
        &mut out,
        "stability",
        "Stability",
        "Any stability",
        &as_options(&stabilities),
    );
    out.push_str("<button type=\"reset\" id=\"reset\">Clear</button>\n</form>\n");
    out.push_str("<p class=\"count\" id=\"count\" aria-live=\"polite\"></p>\n");

    out.push_str(
        "<section id=\"contracts-section\" aria-label=\"Contracts\">\n<p class=\"empty\" id=\"contracts-empty\" hidden>No contract matches.</p>\n<div class=\"table\" id=\"contracts-table\"><table id=\"contracts\">\n<thead><tr><th>Contract</th><th>Type</th><th>Description</th><th>Domain</th><th>Stability</th></tr></thead>\n<tbody>\n",
    );
    for e in &index.contracts {
        let description = first_paragraph(e.description);
        let search = format!(
            "{} {} {} {} {} {}",
            e.key,
            e.version,
            e.title.unwrap_or(""),
            description,
            e.tags.join(" "),
            e.owners.join(" ")
        )
        .to_lowercase();
        if e.stability == "deprecated" {
            out.push_str("<tr class=\"deprecated\" ");
        } else {
            out.push_str("<tr ");
        }
        let _ = write!(
            out,
            "data-kind=\"{}\" data-domain=\"{}\" data-tags=\"{}\" data-owners=\"{}\" data-stability=\"{}\" data-search=\"{}\">",
            Escaped(e.kind.as_str()),
            Escaped(e.domain.unwrap_or("")),
            Escaped(&json_list(&e.tags)),
            Escaped(&json_list(e.owners)),
            Escaped(e.stability),
            Escaped(&search),
        );
        let href = relative_url(INDEX, &e.path, ".html", None);
        let _ = write!(out, "<td class=\"key\"><a href=\"{}\">", Escaped(&href),);
        code_into(&mut out, e.key);
        let _ = write!(
            out,
            "</a> <span class=\"version\">v{}</span></td><td>{}</td><td>",
            Escaped(e.version),
            Escaped(&e.type_label)
        );
        if let Some(title) = e.title {
            let _ = write!(out, "<strong>{}</strong> ", Escaped(title));
        }
        let _ = write!(out, "{}", Escaped(description));
        tags_into(&mut out, &e.tags);
        out.push_str("</td><td>");
        if let Some(domain) = e.domain {
            let href = relative_url(INDEX, &domain_path(domain), ".html", None);
            let _ = write!(
                out,
                "<a href=\"{}\">{}</a>",
                Escaped(&href),
                Escaped(domain)
            );
        }
        let href = relative_url(INDEX, STABILITY, ".html", Some(e.stability));
        let _ = writeln!(
            out,
            "</td><td><a href=\"{}\">{}</a></td></tr>",
            Escaped(&href),
            Escaped(e.stability),
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");

    if !index.doc_blocks.is_empty() {
        out.push_str("<section id=\"doc-blocks\">\n<h2>Doc Blocks</h2>\n");
        out.push_str(
            "<div class=\"table\"><table id=\"docs\">\n<thead><tr><th>Doc block</th><th>Title</th><th>Summary</th></tr></thead>\n<tbody>\n",
        );
        for d in &index.doc_blocks {
            let search = format!(
                "{} {} {} {}",
                d.id,
                d.title,
                d.summary.unwrap_or(""),
                d.tags.join(" ")
            )
            .to_lowercase();
            let href = relative_url(INDEX, &d.path, ".html", None);
            let _ = write!(
                out,
                "<tr data-tags=\"{}\" data-search=\"{}\"><td class=\"key\"><a href=\"{}\"><code>{}</code></a></td><td>{}</td><td>{}",
                Escaped(&json_list(d.tags)),
                Escaped(&search),
                Escaped(&href),
                Escaped(d.id),
                Escaped(d.title),
                Escaped(d.summary.unwrap_or("")),
            );
            tags_into(&mut out, d.tags);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }
    close_frame(&mut out);
    out.push_str("<script>\n");
    out.push_str(SEARCH_SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// The tags of a row, under its description.
fn tags_into(out: &mut String, tags: &[&str]) {
    if tags.is_empty() {
        return;
    }
    out.push_str("<span class=\"tags\">");
    for tag in tags {
        let _ = write!(out, "<span class=\"tag\">{}</span>", Escaped(tag));
    }
    out.push_str("</span>");
}

/// A JSON array of strings, for a `data-` attribute the search script parses.
fn json_list(values: &[&str]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".to_owned())
}

fn select(out: &mut String, id: &str, label: &str, all: &str, options: &[(String, String)]) {
    let _ = write!(
        out,
        "<label>{} <select id=\"{}\" name=\"{}\"><option value=\"\">{}</option>",
        Escaped(label),
        Escaped(id),
        Escaped(id),
        Escaped(all)
    );
    for (value, text) in options {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            Escaped(value),
            Escaped(text)
        );
    }
    out.push_str("</select></label>\n");
}

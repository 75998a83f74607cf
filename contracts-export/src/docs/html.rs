//! Renders pages and the index as static HTML: no server, no network, no external assets.

use super::markdown::{first_paragraph, kind_heading};
use super::page::{slug, Block, Index, Inline, LinkMap, Page, PageKind, Table, Target};
use super::paths::{relative_url, write_relative_url};
use contracts_core::ContractKind;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The site path of the HTML index, without extension.
pub(crate) const INDEX: &str = "index";

/// The site path of the stylesheet.
pub(crate) const STYLESHEET: &str = "assets/style.css";

/// The stylesheet every page links to.
pub(crate) const STYLE: &str = include_str!("assets/style.css");

/// The index's search script, inlined in the index page.
const SEARCH_SCRIPT: &str = include_str!("assets/search.js");

fn kind_singular(kind: ContractKind) -> &'static str {
    match kind {
        ContractKind::Capability => "Capability",
        ContractKind::Command => "Command",
        ContractKind::Query => "Query",
        ContractKind::Event => "Event",
        ContractKind::Presentation => "Presentation",
        ContractKind::DataView => "Data view",
        ContractKind::Form => "Form",
        ContractKind::Policy => "Policy",
        ContractKind::Feature => "Feature",
    }
}

/// Appends `text` to `out`, escaped for HTML content and attribute values.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    // Writing to a `String` cannot fail.
    let _ = write_escaped(out, text);
}

/// Writes `text` to `out`, escaped as [`escape_into`] does.
fn write_escaped(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..i])?;
        out.write_str(escaped)?;
        last = i + 1;
    }
    out.write_str(&text[last..])
}

/// Text shown escaped by `Display` ([`escape_into`] without a `String` of its own).
struct Escaped<'a>(&'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_escaped(f, self.0)
    }
}

/// A writer that escapes what it is given as [`escape_into`] does.
struct EscapingWriter<'a>(&'a mut String);

impl std::fmt::Write for EscapingWriter<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        write_escaped(self.0, text)
    }
}

/// Percent-encodes a value for a URL fragment (`#tag=...`).
fn write_component(out: &mut impl std::fmt::Write, value: &str) -> std::fmt::Result {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.write_char(b as char)?;
        } else {
            write!(out, "%{b:02X}")?;
        }
    }
    Ok(())
}

fn head(out: &mut String, from: &str, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"{}\">\n</head>\n<body>\n",
        Escaped(title),
        relative_url(from, STYLESHEET.trim_end_matches(".css"), ".css", None)
    );
}

/// Renders a page as a standalone HTML document.
pub(crate) fn render_page(page: &Page, links: &LinkMap) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let kind = match page.kind {
        PageKind::Contract(kind) => kind_singular(kind),
        PageKind::DocBlock => "Doc block",
    };
    let version = page
        .metadata
        .iter()
        .find(|m| m.label == "Version")
        .and_then(|m| match m.value.first() {
            Some(Inline::Text(v)) => Some(format!(" v{v}")),
            _ => None,
        })
        .unwrap_or_default();
    head(
        &mut out,
        &page.path,
        &format!("{}{version} · Contracts", page.heading),
    );
    let index = relative_url(&page.path, INDEX, ".html", None);
    let _ = writeln!(
        out,
        "<nav class=\"top\"><a href=\"{}\">All contracts</a> <span class=\"sep\">/</span> <span>{}</span></nav>",
        Escaped(&index),
        Escaped(kind)
    );
    out.push_str("<main>\n");
    let _ = writeln!(out, "<h1>{}</h1>", Escaped(&page.heading));
    if let Some(description) = &page.description {
        out.push_str("<div class=\"description\">");
        markdown_into(&mut out, description, 1, &page.path, links);
        out.push_str("</div>\n");
    }
    out.push_str("<section id=\"metadata\">\n<h2>Metadata</h2>\n<dl class=\"meta\">\n");
    for item in &page.metadata {
        let _ = write!(out, "<dt>{}</dt><dd>", Escaped(item.label));
        inlines_into(&mut out, &page.path, &item.value, links);
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n</section>\n");
    if page.sections.len() > 2 {
        out.push_str("<nav class=\"toc\" aria-label=\"On this page\"><span>On this page:</span>");
        for section in &page.sections {
            let _ = write!(
                out,
                " <a href=\"#{}\">{}</a>",
                Escaped(&section.anchor),
                Escaped(&section.title)
            );
        }
        out.push_str("</nav>\n");
    }
    for section in &page.sections {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>",
            Escaped(&section.anchor),
            Escaped(&section.title)
        );
        blocks(&mut out, &page.path, &section.blocks, 3, links);
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn blocks(out: &mut String, from: &str, list: &[Block], level: usize, links: &LinkMap) {
    for block in list {
        match block {
            Block::Paragraph(content) => {
                out.push_str("<p>");
                inlines_into(out, from, content, links);
                out.push_str("</p>\n");
            }
            Block::Markdown { text, demote } => {
                out.push_str("<div class=\"markdown\">");
                markdown_into(out, text, *demote as usize, from, links);
                out.push_str("</div>\n");
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str("<li>");
                    inlines_into(out, from, item, links);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => table_block(out, from, table, links),
            Block::Code { language, text } => {
                let _ = writeln!(
                    out,
                    "<pre><code class=\"language-{}\">{}</code></pre>",
                    Escaped(language),
                    Escaped(text)
                );
            }
            Block::Subsection {
                title,
                anchor,
                blocks: inner,
            } => {
                let level = level.min(6);
                let _ = write!(
                    out,
                    "<div class=\"subsection\" id=\"{}\">\n<h{level}>",
                    Escaped(anchor),
                );
                inlines_into(out, from, title, links);
                let _ = writeln!(out, "</h{level}>");
                blocks(out, from, inner, level + 1, links);
                out.push_str("</div>\n");
            }
        }
    }
}

fn table_block(out: &mut String, from: &str, table: &Table, links: &LinkMap) {
    out.push_str("<div class=\"table\"><table>\n<thead><tr>");
    for header in &table.headers {
        let _ = write!(out, "<th>{}</th>", Escaped(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            out.push_str("<td>");
            inlines_into(out, from, cell, links);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

fn inlines_into(out: &mut String, from: &str, content: &[Inline], links: &LinkMap) {
    for inline in content {
        match inline {
            Inline::Text(text) => escape_into(out, text),
            Inline::Code(text) => {
                out.push_str("<code>");
                escape_into(out, text);
                out.push_str("</code>");
            }
            Inline::Strong(text) => {
                out.push_str("<strong>");
                escape_into(out, text);
                out.push_str("</strong>");
            }
            Inline::Markdown(text) => inline_markdown_into(out, text, from, links),
            Inline::Link { text, code, target } => {
                out.push_str("<a href=\"");
                let _ = write_href(&mut EscapingWriter(out), from, target);
                out.push_str("\">");
                if *code {
                    out.push_str("<code>");
                    escape_into(out, text);
                    out.push_str("</code>");
                } else {
                    escape_into(out, text);
                }
                out.push_str("</a>");
            }
        }
    }
}

/// Writes the URL of a link's target, relative to the page at `from`.
fn write_href(out: &mut impl std::fmt::Write, from: &str, target: &Target) -> std::fmt::Result {
    match target {
        Target::Page { path, anchor } => {
            write_relative_url(out, from, path, ".html", anchor.as_deref())
        }
        Target::Anchor(anchor) => {
            out.write_char('#')?;
            out.write_str(anchor)
        }
        Target::IndexFilter { field, value } => {
            write_relative_url(out, from, INDEX, ".html", None)?;
            write!(out, "#{field}=")?;
            write_component(out, value)
        }
    }
}

/// Renders Markdown written by an author as HTML: raw HTML is escaped (shown as text), headings
/// are demoted by `demote` levels, images are replaced by their text, links to a doc block's
/// route lead to its page, other relative links and links with a scheme other than `http`,
/// `https` or `mailto` are dropped (their text is kept).
pub(crate) fn markdown(text: &str, demote: usize, from: &str, links: &LinkMap) -> String {
    let mut html = String::new();
    markdown_into(&mut html, text, demote, from, links);
    html
}

/// Whether `text` is a single paragraph of plain words that Markdown renders as itself: it
/// starts with a letter, holds only ASCII letters, digits, spaces and `.,()-`, and does not end
/// with a space. Such text needs no parsing (`Operation 0.` is `<p>Operation 0.</p>`).
fn is_plain_paragraph(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last() != Some(&b' ')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b" .,()-".contains(b))
        && !text.contains("  ")
}

/// Appends [`markdown`]'s HTML to `out`.
fn markdown_into(out: &mut String, text: &str, demote: usize, from: &str, links: &LinkMap) {
    if is_plain_paragraph(text) {
        out.push_str("<p>");
        out.push_str(text);
        out.push_str("</p>\n");
        return;
    }
    parse_markdown_into(out, text, demote, from, links);
}

fn parse_markdown_into(out: &mut String, text: &str, demote: usize, from: &str, links: &LinkMap) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut dropped_links = Vec::new();
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demoted(level, demote),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(demoted(level, demote))))
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => match rewrite_link(&dest_url, from, links) {
            Some(url) => {
                dropped_links.push(false);
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(url),
                    title,
                    id,
                }))
            }
            None => {
                dropped_links.push(true);
                None
            }
        },
        Event::End(TagEnd::Link) => {
            if dropped_links.pop().unwrap_or(false) {
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        other => Some(other),
    });
    let mut events: Vec<Event> = events.collect();
    // Headings get the id their text slugs to, so `[...](#order-lifecycle)` and links from
    // other pages to `page#order-lifecycle` work.
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(slug(&text)));
            }
            i = j;
        }
        i += 1;
    }
    pulldown_cmark::html::push_html(out, events.into_iter());
}

/// Appends one line of Markdown as HTML, without the enclosing paragraph.
fn inline_markdown_into(out: &mut String, text: &str, from: &str, links: &LinkMap) {
    if is_plain_paragraph(text) {
        out.push_str(text);
        return;
    }
    let html = markdown(text, 0, from, links);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => out.push_str(inner),
        _ => out.push_str(trimmed),
    }
}

fn demoted(level: HeadingLevel, by: usize) -> HeadingLevel {
    let n = (level as usize + by).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

fn rewrite_link(dest: &str, from: &str, links: &LinkMap) -> Option<String> {
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Some(dest.to_owned());
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Some(format!("#{anchor}"));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    links
        .page_of(path)
        .map(|target| relative_url(from, target, ".html", fragment))
}

/// Renders the index: every contract and doc block in tables, with a search box and filters by
/// kind, domain, tag, owner and stability that work from `file://` (inline script, no network).
pub(crate) fn render_index(index: &Index) -> String {
    let mut out = String::with_capacity(64 * 1024);
    head(&mut out, INDEX, "Contracts");
    out.push_str("<main class=\"index\">\n<h1>Contracts</h1>\n");
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
    out.push_str("<form class=\"filters\" id=\"filters\" role=\"search\">\n");
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
        "<div class=\"table\"><table id=\"contracts\">\n<thead><tr><th>Contract</th><th>Version</th><th>Type</th><th>Description</th><th>Domain</th><th>Stability</th><th>Tags</th></tr></thead>\n<tbody>\n",
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
        let _ = write!(
            out,
            "<tr data-kind=\"{}\" data-domain=\"{}\" data-tags=\"{}\" data-owners=\"{}\" data-stability=\"{}\" data-search=\"{}\">",
            Escaped(e.kind.as_str()),
            Escaped(e.domain.unwrap_or("")),
            Escaped(&json_list(&e.tags)),
            Escaped(&json_list(e.owners)),
            Escaped(e.stability),
            Escaped(&search),
        );
        let href = relative_url(INDEX, &e.path, ".html", None);
        let _ = write!(
            out,
            "<td><a href=\"{}\"><code>{}</code></a></td><td>{}</td><td>{}</td><td>",
            Escaped(&href),
            Escaped(e.key),
            Escaped(e.version),
            Escaped(&e.type_label)
        );
        if let Some(title) = e.title {
            let _ = write!(out, "<strong>{}</strong> ", Escaped(title));
        }
        let _ = writeln!(
            out,
            "{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            Escaped(description),
            Escaped(e.domain.unwrap_or("")),
            Escaped(e.stability),
            e.tags
                .iter()
                .map(|t| format!("<span class=\"tag\">{}</span>", Escaped(t)))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    out.push_str("</tbody>\n</table></div>\n");

    if !index.doc_blocks.is_empty() {
        out.push_str("<h2 id=\"doc-blocks\">Doc Blocks</h2>\n");
        out.push_str(
            "<div class=\"table\"><table id=\"docs\">\n<thead><tr><th>Doc block</th><th>Title</th><th>Summary</th><th>Tags</th></tr></thead>\n<tbody>\n",
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
            let _ = writeln!(
                out,
                "<tr data-tags=\"{}\" data-search=\"{}\"><td><a href=\"{}\"><code>{}</code></a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                Escaped(&json_list(d.tags)),
                Escaped(&search),
                Escaped(&href),
                Escaped(d.id),
                Escaped(d.title),
                Escaped(d.summary.unwrap_or("")),
                d.tags
                    .iter()
                    .map(|t| format!("<span class=\"tag\">{}</span>", Escaped(t)))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    out.push_str("</main>\n<script>\n");
    out.push_str(SEARCH_SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paragraphs_render_as_the_parser_renders_them() {
        let links = LinkMap::default();
        for text in [
            "Operation 0.",
            "Event 12.",
            "Start a run (with a plan), then wait - or not.",
            "A",
            "x-y, z.",
        ] {
            assert!(is_plain_paragraph(text), "{text}");
            let mut parsed = String::new();
            parse_markdown_into(&mut parsed, text, 1, "contracts/x", &links);
            assert_eq!(markdown(text, 1, "contracts/x", &links), parsed);
        }
        for text in [
            "1. a list",
            "- a list",
            "# Heading",
            "a *b*",
            "a_b_",
            "a & b",
            "a <b>",
            "two  spaces",
            "trailing ",
            "two\nlines",
            "a `code`",
            "a [link](x)",
            "a ~~b~~",
            "a | b",
            "",
        ] {
            assert!(!is_plain_paragraph(text), "{text}");
        }
    }

    #[test]
    fn author_markdown_is_sanitised() {
        let mut links = LinkMap::default();
        links.insert("/docs/a", "docs/a".to_owned());
        let html = markdown(
            "# T\n<script>alert(1)</script>\n\n[a](/docs/a) [b](/nowhere) [c](javascript:x) [d](https://x.invalid) ![i](https://x.invalid/i.png)",
            2,
            "contracts/x",
            &links,
        );
        assert!(html.contains("<h3 id=\"t\">T</h3>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<a href=\"../docs/a.html\">a</a>"), "{html}");
        assert!(
            !html.contains("nowhere") && !html.contains("javascript"),
            "{html}"
        );
        assert!(html.contains("href=\"https://x.invalid\""), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }
}

//! Renders pages and the index as static HTML: no server, no network, no external assets.
//!
//! Every page has the same frame: a header with the site's pages, a sidebar of domains,
//! capabilities and kinds (`nav`), breadcrumbs, then the page. Diagrams are drawn as inline SVG
//! (`svg`); the index's search is an inline script (`index`); authors' Markdown is rendered
//! safe (`author`).

mod author;
mod escape;
mod index;
mod nav;
mod svg;

pub(crate) use escape::escape_into;
pub(crate) use index::render_index;

use super::page::{Block, Chrome, Inline, LinkMap, Notice, Page, PageKind, Table, Target, Tone};
use super::paths::{write_relative_url, INDEX, OWNERS, STABILITY};
use author::{inline_markdown_into, markdown_into};
use contracts_core::ContractKind;
use escape::{write_component, Escaped, EscapingWriter};
use std::fmt::Write;

/// The site path of the stylesheet.
pub(crate) const STYLESHEET: &str = "assets/style.css";

/// The stylesheet every page links to.
pub(crate) const STYLE: &str = include_str!("assets/style.css");

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
        ContractKind::Consumer => "Consumer",
    }
}

/// The document's head, the site header and the sidebar, up to the opening of `<main>`.
fn open_frame(out: &mut String, from: &str, title: &str, chrome: Chrome<'_>) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"",
        Escaped(title),
    );
    let _ = write_relative_url(out, from, STYLESHEET.trim_end_matches(".css"), ".css", None);
    out.push_str("\">\n</head>\n<body>\n<a class=\"skip\" href=\"#content\">Skip to content</a>\n");
    out.push_str("<header class=\"site\"><a class=\"brand\" href=\"");
    let _ = write_relative_url(out, from, INDEX, ".html", None);
    out.push_str("\">Contracts</a><nav aria-label=\"Site\">");
    for (text, path) in [
        ("All contracts", INDEX),
        ("Owners", OWNERS),
        ("Stability", STABILITY),
    ] {
        out.push_str("<a href=\"");
        let _ = write_relative_url(out, from, path, ".html", None);
        out.push('"');
        if path == from {
            out.push_str(" aria-current=\"page\"");
        }
        let _ = write!(out, ">{text}</a>");
    }
    out.push_str("</nav></header>\n<div class=\"layout\">\n");
    nav::sidebar(out, from, chrome.nav);
    out.push_str("<main id=\"content\">\n");
}

fn close_frame(out: &mut String) {
    out.push_str("</main>\n</div>\n");
}

/// Renders a page as a standalone HTML document.
pub(crate) fn render_page(page: &Page, chrome: Chrome<'_>) -> String {
    let mut out = String::with_capacity(24 * 1024);
    let kind = match page.kind {
        PageKind::Contract(kind) => kind_singular(kind),
        PageKind::DocBlock => "Doc block",
        PageKind::Domain => "Domain",
        PageKind::Owners | PageKind::Stability => "Overview",
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
    let from = &*page.path;
    let links = chrome.links;
    open_frame(
        &mut out,
        from,
        &format!("{}{version} · Contracts", page.heading),
        chrome,
    );
    if !page.breadcrumbs.is_empty() {
        out.push_str("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumbs\"><ol>");
        for crumb in &page.breadcrumbs {
            out.push_str("<li>");
            inlines_into(&mut out, from, std::slice::from_ref(crumb), links);
            out.push_str("</li>");
        }
        let _ = writeln!(
            out,
            "<li aria-current=\"page\">{}</li></ol></nav>",
            Escaped(&page.heading)
        );
    }
    for notice in &page.notices {
        notice_into(&mut out, from, notice, chrome);
    }
    let _ = writeln!(
        out,
        "<p class=\"eyebrow\">{}</p>\n<h1>{}</h1>",
        Escaped(kind),
        Escaped(&page.heading)
    );
    if let Some(description) = &page.description {
        out.push_str("<div class=\"description\">");
        markdown_into(&mut out, description, 1, from, links);
        out.push_str("</div>\n");
    }
    out.push_str("<section id=\"metadata\">\n<h2>Metadata</h2>\n<dl class=\"meta\">\n");
    for item in &page.metadata {
        let _ = write!(out, "<dt>{}</dt><dd>", Escaped(item.label));
        inlines_into(&mut out, from, &item.value, links);
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
        blocks(&mut out, from, &section.blocks, 3, chrome);
        out.push_str("</section>\n");
    }
    close_frame(&mut out);
    out.push_str("</body>\n</html>\n");
    out
}

fn notice_into(out: &mut String, from: &str, notice: &Notice, chrome: Chrome<'_>) {
    let tone = match notice.tone {
        Tone::Info => "info",
        Tone::Warning => "warning",
    };
    let _ = write!(
        out,
        "<div class=\"notice {tone}\" role=\"note\"><strong>{}</strong> ",
        Escaped(&notice.title)
    );
    inlines_into(out, from, &notice.content, chrome.links);
    out.push_str("</div>\n");
}

fn blocks(out: &mut String, from: &str, list: &[Block], level: usize, chrome: Chrome<'_>) {
    let links = chrome.links;
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
                blocks(out, from, inner, level + 1, chrome);
                out.push_str("</div>\n");
            }
            Block::Diagram(diagram) => {
                svg::diagram_into(out, from, diagram);
                out.push_str("<details class=\"flow-text\"><summary>The flow as text</summary>\n");
                blocks(out, from, &[Block::List(diagram.paths())], level, chrome);
                out.push_str("</details>\n");
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

pub(crate) fn inlines_into(out: &mut String, from: &str, content: &[Inline], links: &LinkMap) {
    for inline in content {
        match inline {
            Inline::Text(text) => escape_into(out, text),
            Inline::Code(text) => code_into(out, text),
            Inline::Strong(text) => {
                out.push_str("<strong>");
                escape_into(out, text);
                out.push_str("</strong>");
            }
            Inline::Markdown(text) => inline_markdown_into(out, text, from, links),
            Inline::Badge(text) => {
                out.push_str("<span class=\"badge\">");
                escape_into(out, text);
                out.push_str("</span>");
            }
            Inline::Link { text, code, target } => {
                out.push_str("<a href=\"");
                let _ = write_href(&mut EscapingWriter(out), from, target);
                out.push_str("\">");
                if *code {
                    code_into(out, text);
                } else {
                    escape_into(out, text);
                }
                out.push_str("</a>");
            }
        }
    }
}

/// Writes the URL of a link's target, relative to the page at `from`.
pub(crate) fn write_href(
    out: &mut impl std::fmt::Write,
    from: &str,
    target: &Target,
) -> std::fmt::Result {
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

/// Code longer than this may break across lines after its separators.
const BREAKABLE_CODE: usize = 20;

/// `<code>` around `text`, escaped; a long text may break after `/`, `.` and `_` (REST paths,
/// keys, tool names), where a browser would otherwise break it anywhere or not at all.
pub(crate) fn code_into(out: &mut String, text: &str) {
    out.push_str("<code>");
    if text.len() <= BREAKABLE_CODE {
        escape_into(out, text);
    } else {
        let mut last = 0;
        for (i, byte) in text.bytes().enumerate() {
            if matches!(byte, b'/' | b'.' | b'_') && i + 1 < text.len() {
                escape_into(out, &text[last..=i]);
                out.push_str("<wbr>");
                last = i + 1;
            }
        }
        escape_into(out, &text[last..]);
    }
    out.push_str("</code>");
}

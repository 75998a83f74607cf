//! Markdown written by authors (descriptions, doc block bodies), rendered as safe HTML.

use crate::docs::page::{slug, LinkMap};
use crate::docs::paths::relative_url;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
pub(crate) fn markdown_into(
    out: &mut String,
    text: &str,
    demote: usize,
    from: &str,
    links: &LinkMap,
) {
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
pub(crate) fn inline_markdown_into(out: &mut String, text: &str, from: &str, links: &LinkMap) {
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

//! Renders pages and the index as Markdown (CommonMark with GitHub tables).

use super::page::{headers, Block, Index, Inline, LinkMap, Page, Table, Target};
use super::paths::{relative_url, write_relative_url};
use contracts_core::ContractKind;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::borrow::Cow;
use std::fmt::Write;

/// The site path of the Markdown index, without extension.
pub(crate) const INDEX: &str = "index";

/// Renders a page as Markdown. Links to other pages are relative `.md` links.
pub(crate) fn render_page(page: &Page, links: &LinkMap) -> String {
    let r = Renderer {
        from: &page.path,
        links,
    };
    let mut out = String::with_capacity(8 * 1024);
    out.push_str("# ");
    escape_into(&mut out, &page.heading);
    out.push_str("\n\n");
    for notice in &page.notices {
        out.push_str("> **");
        escape_into(&mut out, &notice.title);
        out.push_str("**: ");
        r.inlines_into(&mut out, &notice.content, false);
        out.push_str("\n\n");
    }
    if let Some(description) = &page.description {
        r.push_markdown(&mut out, description, 1);
    }
    out.push_str("## Metadata\n\n");
    for item in &page.metadata {
        out.push_str("- **");
        out.push_str(item.label);
        out.push_str("**: ");
        r.inlines_into(&mut out, &item.value, false);
        out.push('\n');
    }
    out.push('\n');
    for section in &page.sections {
        out.push_str("## ");
        escape_into(&mut out, &section.title);
        out.push_str("\n\n");
        r.blocks(&mut out, &section.blocks, 3);
    }
    finish(out)
}

/// Renders the index: every contract grouped by kind, then every doc block.
pub(crate) fn render_index(index: &Index) -> String {
    let r = Renderer {
        from: INDEX,
        links: &LinkMap::default(),
    };
    let mut out = String::from("# Contracts\n\n");
    let _ = writeln!(
        out,
        "{} contracts and {} doc blocks.\n",
        index.contracts.len(),
        index.doc_blocks.len()
    );
    for kind in ContractKind::ALL {
        let entries: Vec<_> = index.contracts.iter().filter(|e| e.kind == kind).collect();
        if entries.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {} ({})\n", kind_heading(kind), entries.len());
        let table = Table {
            headers: headers([
                "Contract",
                "Version",
                "Type",
                "Description",
                "Domain",
                "Stability",
                "Tags",
            ]),
            rows: entries
                .iter()
                .map(|e| {
                    let mut description = String::new();
                    if let Some(title) = e.title {
                        description.push_str(title);
                        description.push_str(": ");
                    }
                    description.push_str(first_paragraph(e.description));
                    vec![
                        vec![Inline::Link {
                            text: e.key.into(),
                            code: true,
                            target: Target::Page {
                                path: e.path.clone().into(),
                                anchor: None,
                            },
                        }],
                        vec![Inline::Text(e.version.into())],
                        vec![Inline::Text(e.type_label.clone().into())],
                        vec![Inline::Text(description.into())],
                        vec![Inline::Text(e.domain.unwrap_or("").into())],
                        vec![Inline::Text(e.stability.into())],
                        vec![Inline::Text(e.tags.join(", ").into())],
                    ]
                })
                .collect(),
        };
        r.table_block(&mut out, &table);
    }
    if !index.doc_blocks.is_empty() {
        let _ = writeln!(out, "## Doc Blocks ({})\n", index.doc_blocks.len());
        let table = Table {
            headers: headers(["Doc block", "Title", "Summary", "Tags"]),
            rows: index
                .doc_blocks
                .iter()
                .map(|d| {
                    vec![
                        vec![Inline::Link {
                            text: d.id.into(),
                            code: true,
                            target: Target::Page {
                                path: d.path.clone().into(),
                                anchor: None,
                            },
                        }],
                        vec![Inline::Text(d.title.into())],
                        vec![Inline::Text(d.summary.unwrap_or("").into())],
                        vec![Inline::Text(d.tags.join(", ").into())],
                    ]
                })
                .collect(),
        };
        r.table_block(&mut out, &table);
    }
    finish(out)
}

/// The plural heading of a kind in the index (`Commands`, `Data Views`).
pub(crate) fn kind_heading(kind: ContractKind) -> &'static str {
    match kind {
        ContractKind::Capability => "Capabilities",
        ContractKind::Command => "Commands",
        ContractKind::Query => "Queries",
        ContractKind::Event => "Events",
        ContractKind::Presentation => "Presentations",
        ContractKind::DataView => "Data Views",
        ContractKind::Form => "Forms",
        ContractKind::Policy => "Policies",
        ContractKind::Feature => "Features",
        ContractKind::Consumer => "Consumers",
    }
}

/// The first paragraph of a description, on one line.
pub(crate) fn first_paragraph(text: &str) -> &str {
    text.trim().split("\n\n").next().unwrap_or("").trim()
}

fn finish(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Renders blocks and inlines for one page.
struct Renderer<'a> {
    from: &'a str,
    links: &'a LinkMap,
}

impl Renderer<'_> {
    fn blocks(&self, out: &mut String, list: &[Block], level: usize) {
        for block in list {
            match block {
                Block::Paragraph(content) => {
                    self.inlines_into(out, content, false);
                    out.push_str("\n\n");
                }
                Block::Markdown { text, demote } => self.push_markdown(out, text, *demote as usize),
                Block::List(items) => {
                    for item in items {
                        out.push_str("- ");
                        self.inlines_into(out, item, false);
                        out.push('\n');
                    }
                    out.push('\n');
                }
                Block::Table(table) => self.table_block(out, table),
                Block::Code { language, text } => {
                    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                    let _ = writeln!(out, "{fence}{language}\n{text}\n{fence}\n");
                }
                Block::Subsection {
                    title,
                    blocks: inner,
                    ..
                } => {
                    for _ in 0..level.min(6) {
                        out.push('#');
                    }
                    out.push(' ');
                    self.inlines_into(out, title, false);
                    out.push_str("\n\n");
                    self.blocks(out, inner, level + 1);
                }
                Block::Diagram(diagram) => {
                    out.push_str("**");
                    escape_into(out, &diagram.title);
                    out.push_str("**: ");
                    escape_into(out, &diagram.columns.join(" → "));
                    out.push_str(".\n\n");
                    self.blocks(out, &[Block::List(diagram.paths())], level);
                }
            }
        }
    }

    fn table_block(&self, out: &mut String, table: &Table) {
        out.push('|');
        for header in &table.headers {
            out.push(' ');
            escape_into(out, header);
            out.push_str(" |");
        }
        out.push_str("\n|");
        for _ in &table.headers {
            out.push_str(" --- |");
        }
        out.push('\n');
        for row in &table.rows {
            out.push('|');
            for cell in row {
                // `  |` for an empty cell, ` text |` otherwise.
                out.push(' ');
                self.inlines_into(out, cell, true);
                out.push_str(" |");
            }
            out.push('\n');
        }
        out.push('\n');
    }

    /// Appends inline content on one line; in a table cell, with `|` escaped.
    fn inlines_into(&self, out: &mut String, content: &[Inline], in_table: bool) {
        let start = out.len();
        self.raw_inlines(out, content);
        if in_table {
            if !fits_table_cell(&out[start..]) {
                let cell = out.split_off(start);
                table_cell_into(out, &cell);
            }
            return;
        }
        if out[start..].contains('\n') {
            let one_line = out[start..].replace('\n', " ");
            out.truncate(start);
            out.push_str(&one_line);
        }
    }

    fn raw_inlines(&self, out: &mut String, content: &[Inline]) {
        for inline in content {
            match inline {
                Inline::Text(text) => escape_into(out, text),
                Inline::Code(text) => code_span_into(out, text),
                Inline::Strong(text) => {
                    out.push_str("**");
                    escape_into(out, text);
                    out.push_str("**");
                }
                Inline::Markdown(text) => one_line_into(out, &self.author_markdown(text)),
                Inline::Badge(text) => {
                    out.push('_');
                    escape_into(out, text);
                    out.push('_');
                }
                Inline::Link { text, code, target } => {
                    let page = match target {
                        Target::Page { path, anchor } => Some((path, anchor)),
                        Target::Anchor(_) | Target::IndexFilter { .. } => None,
                    };
                    if page.is_some() {
                        out.push('[');
                    }
                    if *code {
                        code_span_into(out, text);
                    } else {
                        escape_into(out, text);
                    }
                    if let Some((path, anchor)) = page {
                        out.push_str("](");
                        let _ = write_relative_url(out, self.from, path, ".md", anchor.as_deref());
                        out.push(')');
                    }
                }
            }
        }
    }

    fn push_markdown(&self, out: &mut String, text: &str, demote: usize) {
        let start = out.len();
        push_demoted(out, self.author_markdown(text.trim()).trim(), demote);
        if out.len() > start {
            out.push_str("\n\n");
        }
    }

    /// Markdown written by an author, made safe to embed: raw HTML is escaped (so every renderer
    /// shows it as text, as the HTML site does) and inline links to a doc block's route lead to
    /// its page.
    fn author_markdown<'t>(&self, text: &'t str) -> Cow<'t, str> {
        // Raw HTML starts with `<` and every link with `[` or `<`: without them, nothing to do.
        if !text.contains(['<', '[']) {
            return Cow::Borrowed(text);
        }
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
            match event {
                Event::Html(_) | Event::InlineHtml(_) => {
                    edits.push((range.clone(), text[range].replace('<', "\\<")));
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let (path, fragment) = match dest_url.split_once('#') {
                        Some((path, fragment)) => (path, Some(fragment)),
                        None => (&*dest_url, None),
                    };
                    let Some(target) = self.links.page_of(path).filter(|_| !path.is_empty()) else {
                        continue;
                    };
                    let source = &text[range.clone()];
                    let needle = format!("]({dest_url}");
                    if let Some(at) = source.rfind(&needle) {
                        let start = range.start + at + 2;
                        let url = relative_url(self.from, target, ".md", fragment);
                        edits.push((start..start + dest_url.len(), url));
                    }
                }
                _ => {}
            }
        }
        let mut out = text.to_owned();
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        let mut last = usize::MAX;
        for (range, replacement) in edits {
            if range.end <= last {
                last = range.start;
                out.replace_range(range, &replacement);
            }
        }
        Cow::Owned(out)
    }
}

/// Makes Markdown text fit a table cell: one line, with `|` escaped (also inside code spans,
/// as GitHub tables require).
#[cfg(test)]
fn table_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    table_cell_into(&mut out, text);
    out
}

/// Whether `text` is its own [`table_cell`]: single spaces between words and no `|`.
fn fits_table_cell(text: &str) -> bool {
    !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text
            .bytes()
            .all(|b| b != b'|' && (b == b' ' || b.is_ascii_graphic()))
}

/// Appends [`table_cell`] of `text` to `out`.
fn table_cell_into(out: &mut String, text: &str) {
    let mut backslashes = 0;
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
            backslashes = 0;
        }
        for c in word.chars() {
            if c == '|' && backslashes % 2 == 0 {
                out.push('\\');
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            out.push(c);
        }
    }
}

/// Appends `text` to `out` on one line: whitespace runs as one space, none at the ends.
fn one_line_into(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Escapes text so that Markdown shows it as written.
#[cfg(test)]
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape`] does.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'|'
                | b'~'
                | b'_'
                | b'#'
                | b'&'
                | b'\n'
        )
    };
    if !text.bytes().any(special) {
        out.push_str(text);
        return;
    }
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Intraword underscores never start emphasis; a `#` only matters first.
            '_' if !(previous.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric)) =>
            {
                out.push_str("\\_");
            }
            '#' if previous.is_none() => out.push_str("\\#"),
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("\\&");
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
        previous = Some(c);
    }
}

/// A code span showing `text` verbatim, whatever backticks it holds.
#[cfg(test)]
fn code_span(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    code_span_into(&mut out, text);
    out
}

/// Appends [`code_span`] of `text` to `out`.
fn code_span_into(out: &mut String, text: &str) {
    let text = if text.contains('\n') {
        std::borrow::Cow::Owned(text.replace('\n', " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let fence = longest_run(&text, '`') + 1;
    let padded = text.starts_with('`')
        || text.ends_with('`')
        || text.starts_with(' ') && text.ends_with(' ');
    for _ in 0..fence {
        out.push('`');
    }
    if padded {
        out.push(' ');
    }
    out.push_str(&text);
    if padded {
        out.push(' ');
    }
    for _ in 0..fence {
        out.push('`');
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// Demotes the ATX headings of Markdown text by `by` levels (at most to level 6), leaving fenced
/// code alone.
#[cfg(test)]
pub(crate) fn demote_headings(text: &str, by: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    push_demoted(&mut out, text, by);
    out
}

/// Appends [`demote_headings`] of `text` to `out`.
fn push_demoted(out: &mut String, text: &str, by: usize) {
    if by == 0 {
        out.push_str(text);
        return;
    }
    let start = out.len();
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker = trimmed.chars().next();
        if indent <= 3 && matches!(marker, Some('`' | '~')) {
            let c = marker.unwrap_or('`');
            let run = trimmed.chars().take_while(|x| *x == c).count();
            if run >= 3 {
                match fence {
                    None => fence = Some((c, run)),
                    Some((open, len)) if open == c && run >= len => fence = None,
                    Some(_) => {}
                }
            }
        }
        if fence.is_none() && indent <= 3 && trimmed.starts_with('#') {
            let hashes = trimmed.chars().take_while(|c| *c == '#').count();
            let rest = &trimmed[hashes..];
            if hashes <= 6 && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
                out.push_str(&"#".repeat((hashes + by).min(6)));
                out.push_str(rest);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(start + out[start..].trim_end().len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            escape("a_b *c* [d] <e> | #f _g"),
            r"a_b \*c\* \[d\] \<e\> \| #f \_g"
        );
        assert_eq!(escape("#1"), r"\#1");
        assert_eq!(escape("A & B &amp;"), r"A & B \&amp;");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
        assert_eq!(table_cell("`a|b` c\\|d"), "`a\\|b` c\\|d");
    }

    #[test]
    fn demotes_headings_outside_code() {
        let text = "# A\ntext\n```\n# not\n```\n###### deep\n#tag";
        assert_eq!(
            demote_headings(text, 2),
            "### A\ntext\n```\n# not\n```\n###### deep\n#tag"
        );
    }
}

//! Renders a docs page as plain text for a terminal: the same content as the Markdown page,
//! without its markup.

use contracts_export::docs::{Block, Inline, Page, Table};
use std::fmt::Write;

/// Tables wider than this are shown as one record per row.
const MAX_TABLE_WIDTH: usize = 120;

/// Text styling: bold headings on a terminal, nothing when piped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Whether to emit ANSI bold for headings.
    pub bold: bool,
}

impl Style {
    fn heading(&self, text: &str) -> String {
        if self.bold {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Renders `page` as readable plain text.
pub fn render(page: &Page, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.heading(&page.heading));
    let _ = writeln!(out, "{}", "=".repeat(page.heading.chars().count()));
    if let Some(description) = &page.description {
        let _ = writeln!(out, "{}", markdown_text(description, ""));
    }
    out.push('\n');
    let _ = writeln!(out, "{}", style.heading("METADATA"));
    let width = page
        .metadata
        .iter()
        .map(|m| m.label.len())
        .max()
        .unwrap_or(0);
    for item in &page.metadata {
        let _ = writeln!(out, "  {:width$}  {}", item.label, inlines(&item.value));
    }
    for section in &page.sections {
        out.push('\n');
        let _ = writeln!(out, "{}", style.heading(&section.title.to_uppercase()));
        blocks(&mut out, &section.blocks, "  ", style);
    }
    out
}

fn blocks(out: &mut String, list: &[Block], indent: &str, style: Style) {
    for (i, block) in list.iter().enumerate() {
        if i > 0
            && matches!(
                block,
                Block::Subsection { .. } | Block::Table(_) | Block::Code { .. }
            )
        {
            out.push('\n');
        }
        match block {
            Block::Paragraph(content) => {
                let _ = writeln!(out, "{indent}{}", inlines(content));
            }
            Block::Markdown { text, .. } => {
                let _ = writeln!(out, "{}", markdown_text(text, indent));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "{indent}- {}", inlines(item));
                }
            }
            Block::Table(table) => table_text(out, table, indent),
            Block::Code { text, .. } => {
                for line in text.lines() {
                    let _ = writeln!(out, "{indent}  {line}");
                }
            }
            Block::Subsection {
                title,
                blocks: inner,
                ..
            } => {
                let _ = writeln!(out, "{indent}{}", style.heading(&inlines(title)));
                blocks(out, inner, &format!("{indent}  "), style);
            }
            Block::Diagram(diagram) => {
                let _ = writeln!(out, "{indent}{}:", diagram.title);
                blocks(out, &[Block::List(diagram.paths())], indent, style);
            }
        }
    }
}

fn table_text(out: &mut String, table: &Table, indent: &str) {
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| inlines(cell)).collect())
        .collect();
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let total: usize = widths.iter().sum::<usize>() + 2 * widths.len() + indent.len();
    if total > MAX_TABLE_WIDTH {
        // One record per row: `Header: value` lines.
        let label = table.headers.iter().map(|h| h.len()).max().unwrap_or(0) + 1;
        for (r, row) in rows.iter().enumerate() {
            if r > 0 {
                out.push('\n');
            }
            for (i, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let header = format!("{}:", table.headers[i]);
                let _ = writeln!(out, "{indent}{header:label$} {cell}");
            }
        }
        return;
    }
    let line = |cells: &[String]| -> String {
        let mut line = String::from(indent);
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                line.push_str(cell);
            } else {
                let _ = write!(line, "{cell:width$}  ", width = widths[i]);
            }
        }
        line.trim_end().to_owned()
    };
    let headers: Vec<String> = table.headers.iter().map(|h| h.to_uppercase()).collect();
    let _ = writeln!(out, "{}", line(&headers));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(t) | Inline::Code(t) | Inline::Strong(t) => out.push_str(t),
            Inline::Badge(t) => {
                out.push('[');
                out.push_str(t);
                out.push(']');
            }
            Inline::Markdown(t) => {
                out.push_str(&t.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            Inline::Link { text, .. } => out.push_str(text),
        }
    }
    out.replace('\n', " ")
}

/// Markdown written by an author, indented; headings lose their `#` marks.
fn markdown_text(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let shown = if !in_fence && trimmed.starts_with('#') {
            trimmed.trim_start_matches('#').trim_start()
        } else {
            line
        };
        if shown.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{shown}");
        }
    }
    out.trim_end_matches('\n').to_owned()
}

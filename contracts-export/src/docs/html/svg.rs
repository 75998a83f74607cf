//! Diagrams drawn as inline SVG at build time: columns of linked nodes, joined by curves. No
//! script and no font metrics are needed to view them: node widths come from the labels' length
//! in a monospace font, and the stylesheet colours them (light and dark).

use super::escape::{escape_into, Escaped};
use super::write_href;
use crate::docs::page::{slug, Diagram};
use std::fmt::Write;

/// The advance of one character of the labels' 12px monospace font, with a margin (DejaVu Sans
/// Mono and Liberation Mono advance 0.6 em, 7.2px).
const CHAR_WIDTH: f64 = 7.4;
/// The kind line's characters (10px sans-serif) are narrower.
const KIND_CHAR_WIDTH: f64 = 6.2;
const NODE_HEIGHT: f64 = 40.0;
const ROW_PITCH: f64 = 52.0;
const PAD_X: f64 = 12.0;
const COLUMN_GAP: f64 = 64.0;
const MARGIN: f64 = 12.0;
const HEADER: f64 = 28.0;
const MIN_WIDTH: f64 = 120.0;
/// Labels longer than this many characters are cut (the full key is in the node's tooltip).
const MAX_LABEL: usize = 44;

/// Where a node is drawn.
#[derive(Clone, Copy)]
struct Placed {
    x: f64,
    y: f64,
    width: f64,
}

/// What is laid out in a column: a node, or a point an edge passes through on its way to a later
/// column (so that it runs between nodes, not across them).
#[derive(Clone, Copy)]
struct Item {
    column: usize,
    node: Option<usize>,
}

/// Writes `diagram` as an inline `<svg>` whose nodes link to their pages.
pub(crate) fn diagram_into(out: &mut String, from: &str, diagram: &Diagram) {
    let columns = diagram.columns.len();
    let mut items: Vec<Item> = diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(n, node)| Item {
            column: node.column.min(columns - 1),
            node: Some(n),
        })
        .collect();
    // Each edge as the items it passes: its ends, and a point in every column between them.
    let chains: Vec<Vec<usize>> = diagram
        .edges
        .iter()
        .map(|edge| {
            let mut chain = vec![edge.from];
            for column in items[edge.from].column + 1..items[edge.to].column {
                items.push(Item { column, node: None });
                chain.push(items.len() - 1);
            }
            chain.push(edge.to);
            chain
        })
        .collect();
    let order = column_order(&items, &chains, columns);
    let widths: Vec<f64> = (0..columns)
        .map(|c| {
            order[c]
                .iter()
                .filter_map(|&i| items[i].node)
                .map(|n| node_width(diagram, n))
                .fold(MIN_WIDTH, f64::max)
        })
        .collect();
    let ys = vertical_positions(&items, &chains, &order);
    let bottom = ys.iter().copied().fold(0.0, f64::max);
    let height = MARGIN * 2.0 + HEADER + bottom + NODE_HEIGHT;
    let mut placed = vec![
        Placed {
            x: 0.0,
            y: 0.0,
            width: 0.0,
        };
        items.len()
    ];
    let mut x = MARGIN;
    let mut column_x = Vec::with_capacity(columns);
    for (c, column) in order.iter().enumerate() {
        column_x.push(x);
        for &i in column {
            placed[i] = Placed {
                x,
                y: MARGIN + HEADER + ys[i],
                width: widths[c],
            };
        }
        x += widths[c] + COLUMN_GAP;
    }
    let width = x - COLUMN_GAP + MARGIN;
    let marker = format!("arrow-{}", slug(&diagram.title));
    let _ = writeln!(
        out,
        "<div class=\"diagram\"><svg class=\"flow\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"group\" aria-label=\"{}\">",
        Escaped(&diagram.title)
    );
    let _ = writeln!(
        out,
        "<defs><marker id=\"{marker}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" class=\"arrowhead\"/></marker></defs>"
    );
    for (c, title) in diagram.columns.iter().enumerate() {
        let _ = writeln!(
            out,
            "<text class=\"column\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            column_x[c],
            MARGIN + 12.0,
            Escaped(title)
        );
    }
    for (edge, chain) in diagram.edges.iter().zip(&chains) {
        let class = if edge.dashed { "edge dashed" } else { "edge" };
        let _ = write!(out, "<path class=\"{class}\" d=\"");
        for (k, pair) in chain.windows(2).enumerate() {
            let (a, b) = (placed[pair[0]], placed[pair[1]]);
            let (x1, y1) = (a.x + a.width, a.y + NODE_HEIGHT / 2.0);
            let (x2, y2) = (b.x, b.y + NODE_HEIGHT / 2.0);
            let bend = (x2 - x1) / 2.0;
            if k == 0 {
                let _ = write!(out, "M {x1:.1} {y1:.1} ");
            }
            let _ = write!(
                out,
                "C {:.1} {y1:.1}, {:.1} {y2:.1}, {x2:.1} {y2:.1} ",
                x1 + bend,
                x2 - bend
            );
            if items[pair[1]].node.is_none() {
                let _ = write!(out, "L {:.1} {y2:.1} ", b.x + b.width);
            }
        }
        let _ = write!(out, "\" marker-end=\"url(#{marker})\"><title>");
        escape_into(out, &edge.label);
        out.push_str("</title></path>\n");
    }
    for (n, node) in diagram.nodes.iter().enumerate() {
        let p = placed[n];
        out.push_str("<a class=\"node ");
        escape_into(out, &slug(&node.kind));
        if node.current {
            out.push_str(" current");
        }
        out.push_str("\" href=\"");
        let _ = write_href(&mut super::escape::EscapingWriter(out), from, &node.target);
        let _ = write!(
            out,
            "\"><title>{} ({})</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{NODE_HEIGHT:.0}\" rx=\"6\"/>",
            Escaped(&node.label),
            Escaped(&node.kind),
            p.x,
            p.y,
            p.width,
        );
        let _ = writeln!(
            out,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\">{}</text><text class=\"kind\" x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
            p.x + PAD_X,
            p.y + 17.0,
            Escaped(&shown_label(&node.label)),
            p.x + PAD_X,
            p.y + 32.0,
            Escaped(&node.kind),
        );
    }
    out.push_str("</svg></div>\n");
}

/// The top of each item, from 0: every item as near the mean height of its neighbours in the
/// columns before it (then after it, then before it again) as the order of its column and the
/// spacing of rows allow.
fn vertical_positions(items: &[Item], chains: &[Vec<usize>], order: &[Vec<usize>]) -> Vec<f64> {
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for chain in chains {
        for pair in chain.windows(2) {
            parents[pair[1]].push(pair[0]);
            children[pair[0]].push(pair[1]);
        }
    }
    let mut y = vec![0.0; items.len()];
    for column in order {
        for (row, &i) in column.iter().enumerate() {
            y[i] = row as f64 * ROW_PITCH;
        }
    }
    let mean = |of: &[usize], y: &[f64]| {
        (!of.is_empty()).then(|| of.iter().map(|&j| y[j]).sum::<f64>() / of.len() as f64)
    };
    let columns = order.len();
    let passes = (1..columns)
        .chain((0..columns.saturating_sub(1)).rev())
        .chain(1..columns);
    for (pass, c) in passes.enumerate() {
        let backward = pass >= columns - 1 && pass < 2 * (columns - 1);
        let neighbours = if backward { &children } else { &parents };
        let desired: Vec<f64> = order[c]
            .iter()
            .map(|&i| mean(&neighbours[i], &y).unwrap_or(y[i]))
            .collect();
        for (&i, top) in order[c].iter().zip(spaced(&desired)) {
            y[i] = top;
        }
    }
    let top = y.iter().copied().fold(f64::MAX, f64::min);
    if top.is_finite() {
        y.iter_mut().for_each(|v| *v -= top);
    }
    y
}

/// The positions nearest to `desired` (least squares) that keep their order, each at least a row
/// below the one before: pool-adjacent-violators on `desired[i] - i * ROW_PITCH`.
fn spaced(desired: &[f64]) -> Vec<f64> {
    // Blocks of consecutive items sharing one shifted value: (sum, count).
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (i, d) in desired.iter().enumerate() {
        blocks.push((d - i as f64 * ROW_PITCH, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 <= s2 / n2 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, n1 + n2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (sum, n) in blocks {
        let value = sum / n as f64;
        for _ in 0..n {
            out.push(value + out.len() as f64 * ROW_PITCH);
        }
    }
    out
}

/// The node's label, cut to [`MAX_LABEL`] characters.
fn shown_label(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(MAX_LABEL - 1).collect();
    cut.push('…');
    cut
}

fn node_width(diagram: &Diagram, n: usize) -> f64 {
    let node = &diagram.nodes[n];
    let label = shown_label(&node.label).chars().count() as f64 * CHAR_WIDTH;
    let kind = node.kind.chars().count() as f64 * KIND_CHAR_WIDTH;
    label.max(kind) + 2.0 * PAD_X
}

/// The items of each column, top to bottom: the first column as given, each later one by the
/// mean row of the items leading to it (so edges cross less), ties in the order given (nodes,
/// then pass-through points).
fn column_order(items: &[Item], chains: &[Vec<usize>], columns: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (i, item) in items.iter().enumerate() {
        order[item.column].push(i);
    }
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for chain in chains {
        for pair in chain.windows(2) {
            parents[pair[1]].push(pair[0]);
        }
    }
    let mut row = vec![0.0; items.len()];
    for column in order.iter_mut() {
        let weight = |i: usize| {
            let of = &parents[i];
            if of.is_empty() {
                f64::MAX
            } else {
                of.iter().map(|&p| row[p]).sum::<f64>() / of.len() as f64
            }
        };
        let mut keyed: Vec<(f64, usize)> = column.iter().map(|&i| (weight(i), i)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        *column = keyed.into_iter().map(|(_, i)| i).collect();
        for (r, &i) in column.iter().enumerate() {
            row[i] = r as f64;
        }
    }
    order
}

//! The sidebar: every domain, the capabilities of the current domain, and the contracts of the
//! current capability by kind. Plain links and `<details>`: it works without JavaScript.

use super::escape::Escaped;
use crate::docs::markdown::kind_heading;
use crate::docs::page::nav::{DomainNav, Group, Nav, Place};
use crate::docs::paths::{contract_path, domain_path, write_relative_url};
use contracts_core::{Contract, ContractKind};
use std::fmt::Write;

/// A domain of at most this many contracts lists all of them in the sidebar of its pages; a
/// larger one lists only the current capability's, so that pages do not grow with the square of
/// the registry.
const LISTED_IN_FULL: usize = 200;

/// Pages of no domain open every domain when there are at most this many.
const OPEN_DOMAINS: usize = 6;

/// Writes the sidebar of the page at site path `from`.
pub(crate) fn sidebar(out: &mut String, from: &str, nav: &Nav) {
    let place = nav.place(from);
    let current_domain = place.map(|p| p.domain).or_else(|| {
        nav.domains
            .iter()
            .position(|d| d.name.is_some_and(|name| domain_path(name) == from))
    });
    out.push_str(
        "<nav class=\"sidebar\" aria-label=\"Domains, capabilities and kinds\">\n<p class=\"sidebar-title\">Domains</p>\n<ul class=\"domains\">\n",
    );
    // Off a domain's pages (the index, owners, stability), every domain shows its capabilities
    // when there are few domains.
    let all_open = current_domain.is_none() && nav.domains.len() <= OPEN_DOMAINS;
    for (d, domain) in nav.domains.iter().enumerate() {
        let open = current_domain == Some(d) || all_open;
        let size: usize = groups(domain).map(|(_, g)| g.members.len()).sum();
        out.push_str("<li><details");
        if open {
            out.push_str(" open");
        }
        out.push_str("><summary>");
        match domain.name {
            Some(name) => link(out, from, &domain_path(name), name, false),
            None => out.push_str("<span>No domain</span>"),
        }
        let _ = write!(
            out,
            " <span class=\"count\">{size}</span></summary>\n<ul class=\"groups\">\n"
        );
        for (g, group) in groups(domain) {
            let here = place
                == Some(Place {
                    domain: d,
                    group: g,
                });
            let members = current_domain == Some(d) && (here || size <= LISTED_IN_FULL);
            group_into(out, from, nav, group, here, members);
        }
        out.push_str("</ul>\n</details></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
}

/// The groups of a domain with their index (`None` for the other contracts), the other
/// contracts last when there are any.
fn groups(domain: &DomainNav) -> impl Iterator<Item = (Option<usize>, &Group)> {
    let other = (!domain.other.members.is_empty()).then_some((None, &domain.other));
    domain
        .capabilities
        .iter()
        .enumerate()
        .map(|(g, group)| (Some(g), group))
        .chain(other)
}

fn group_into(out: &mut String, from: &str, nav: &Nav, group: &Group, here: bool, members: bool) {
    out.push_str("<li>");
    if !members {
        match group.capability {
            Some(capability) => contract_link(out, from, nav, &capability),
            None => out.push_str("<span class=\"other\">Other contracts</span>"),
        }
        out.push_str("</li>\n");
        return;
    }
    out.push_str("<details");
    if here {
        out.push_str(" open");
    }
    out.push_str("><summary>");
    match group.capability {
        Some(capability) => contract_link(out, from, nav, &capability),
        None => out.push_str("<span class=\"other\">Other contracts</span>"),
    }
    out.push_str("</summary>\n");
    for kind in ContractKind::ALL {
        if group.capability.is_some() && kind == ContractKind::Capability {
            continue;
        }
        let mut of_kind = group.of_kind(kind).peekable();
        if of_kind.peek().is_none() {
            continue;
        }
        let _ = write!(
            out,
            "<p class=\"kind\">{}</p>\n<ul class=\"members\">\n",
            kind_heading(kind)
        );
        for contract in of_kind {
            out.push_str("<li>");
            contract_link(out, from, nav, contract);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</details></li>\n");
}

fn contract_link(out: &mut String, from: &str, nav: &Nav, contract: &Contract) {
    match nav.label(contract) {
        Some(label) => link(out, from, &label.path, &label.text, true),
        None => link(out, from, &contract_path(contract), contract.key(), true),
    }
}

/// `<a href>` to the page at site path `to`, marked as the current page when it is `from`.
fn link(out: &mut String, from: &str, to: &str, text: &str, code: bool) {
    out.push_str("<a href=\"");
    let _ = write_relative_url(out, from, to, ".html", None);
    out.push('"');
    if from == to {
        out.push_str(" aria-current=\"page\"");
    }
    if code {
        out.push('>');
        super::code_into(out, text);
        out.push_str("</a>");
    } else {
        let _ = write!(out, ">{}</a>", Escaped(text));
    }
}

//! Docs generated from a registry, as a directory of Markdown files or as a static HTML site: a
//! page per contract, per doc block and per domain, an owners page and a stability page.
//!
//! Every contract page shows what ContractSpec's docs pages show (key, description, `Type`,
//! `Version`, `Stability`, `Owners`, `Tags`, `File`, goal, context, emitted events, policy
//! references and the source definition) and what they lose by scanning source text: owners and
//! stability as declared, the domain, the capability a contract claims and the capabilities that
//! provide it (linked both ways), the policy in full (auth, personal data, idempotency, rate
//! limit, escalation, flags, referenced policies), declared errors, every message model as field
//! tables (personal-data fields marked, field doc comments, enum values, nested models as their
//! own linked tables), reverse relations (the operations that emit an event and the contracts
//! that consume it, the contracts that claim a capability, the features, data views and forms
//! that use a contract), every version of its key side by side (with what changed, from a
//! [`Changelog`]) and a notice when it is deprecated or superseded. Doc blocks a contract
//! references are shown with their Markdown bodies.
//!
//! The portal around them: a capability's page and a domain's page draw a flow diagram
//! (capability → operations → the events they emit → who consumes them, from
//! [`contracts_core::relations`]) and list the surfaces of their operations (REST, MCP,
//! GraphQL). In the HTML site every page has a sidebar of domains, capabilities and kinds, and
//! breadcrumbs; diagrams are SVG drawn when the site is generated, every node a link.
//!
//! Output is a pure, deterministic function of the registry: sorted, no timestamps. The HTML
//! site needs no server, no network and no JavaScript to read: its index filters by key, tag,
//! domain, kind, owner and stability with an inline script (without it, the list is shown
//! whole), and its one stylesheet is a local file. File names derive from `key@version` (see
//! [`contract_path`]).
//!
//! What is public is what renders or customises pages: the functions that build a whole site
//! ([`html`], [`markdown`], [`generate`]), [`Pages`] to change pages before rendering them, the
//! page model ([`Page`] and its parts) for renderers of your own, the [`Changelog`] that tells
//! what changed between versions, and the site paths of pages ([`contract_path`], [`doc_path`],
//! [`domain_path`]) to link to them.
//!
//! ```
//! use contracts_core::{capability, query, registry, Model};
//! use contracts_export::docs;
//!
//! /// Reads the weather.
//! #[capability(key = "weather.read", version = "1.0.0", kind = "api",
//!     provides(operation("weather.forecast.get@1.0.0")))]
//! pub struct WeatherRead;
//!
//! /// Gets a forecast.
//! #[query(key = "weather.forecast.get", version = "1.0.0", capability = "weather.read",
//!     output = Forecast, policy(auth = "anonymous"))]
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct ForecastRequest { pub city: String }
//!
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
//! pub struct Forecast { pub celsius: f64 }
//!
//! registry! {
//!     pub static WEATHER;
//!     defaults(owners = ["team.weather"], stability = "beta");
//!     contracts(WeatherRead, ForecastRequest);
//! }
//!
//! # fn main() {
//! let site = docs::html(&WEATHER);
//! assert_eq!(site.index_path(), "index.html");
//! let page = site.get("contracts/weather.forecast.get@1.0.0.html").unwrap();
//! assert!(page.contains("href=\"weather.read@1.0.0.html\""));
//!
//! let markdown = docs::markdown(&WEATHER);
//! let page = markdown.get("contracts/weather.forecast.get@1.0.0.md").unwrap();
//! assert!(page.starts_with("# weather.forecast.get\n\nGets a forecast.\n\n## Metadata\n"));
//! assert!(page.contains("- **Owners**: [team.weather](../owners.md#owner-team.weather)"));
//! assert!(page.contains("| Field | Type | Required |\n| --- | --- | --- |\n| `celsius` | `f64` | yes |"));
//! // Write it with `markdown.write(std::path::Path::new("target/docs"))`.
//! # }
//! ```

mod html;
mod markdown;
mod page;
mod paths;
mod site;

pub use page::{
    type_label, Block, Change, Changelog, Diagram, DiagramEdge, DiagramNode, DocIndexEntry, Index,
    IndexEntry, Inline, MetaItem, Notice, Page, PageKind, Section, Table, Target, Text, Tone,
};
pub use paths::{contract_path, doc_path, domain_path};
pub use site::{Site, SiteFile, WriteError};

use contracts_core::descriptors::DocBlockDescriptor;
use contracts_core::{Contract, Registry};
use page::PageBuilder;

/// The two output formats of the docs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// A static HTML site: `index.html`, `contracts/*.html`, `docs/*.html`, `assets/style.css`.
    #[default]
    Html,
    /// A directory of Markdown files: `index.md`, `contracts/*.md`, `docs/*.md`.
    Markdown,
}

impl Format {
    /// The extension of page files, with its dot.
    pub const fn extension(&self) -> &'static str {
        match self {
            Format::Html => ".html",
            Format::Markdown => ".md",
        }
    }
}

/// The Markdown docs of a registry: `index.md`, one `contracts/<key@version>.md` per contract and
/// one `docs/<id>.md` per doc block.
pub fn markdown(registry: &Registry) -> Site {
    generate(registry, Format::Markdown, &mut |_, _| {})
}

/// The static HTML site of a registry: `index.html`, one `contracts/<key@version>.html` per
/// contract, one `docs/<id>.html` per doc block, and `assets/style.css`.
pub fn html(registry: &Registry) -> Site {
    generate(registry, Format::Html, &mut |_, _| {})
}

/// The docs of a registry in `format`, calling `progress(done, total)` after each page.
pub fn generate(
    registry: &Registry,
    format: Format,
    progress: &mut dyn FnMut(usize, usize),
) -> Site {
    generate_with(registry, None, format, progress)
}

/// The docs of a registry in `format`, as [`generate`], with the version history of every key
/// with several versions filled from `changelog` (see [`Pages::with_changelog`]).
pub fn generate_with(
    registry: &Registry,
    changelog: Option<&dyn Changelog>,
    format: Format,
    progress: &mut dyn FnMut(usize, usize),
) -> Site {
    let builder = PageBuilder::new(registry, changelog);
    let total = builder.page_count() + 1;
    let mut files = Vec::with_capacity(total + 1);
    builder.for_each_page(&mut |page| {
        files.push(page_file(&builder, &page, format));
        progress(files.len(), total);
    });
    finish_site(&builder, &builder.index(), format, files)
}

/// The file of `page` in `format`.
fn page_file(builder: &PageBuilder<'_>, page: &Page, format: Format) -> SiteFile {
    SiteFile {
        path: format!("{}{}", page.path, format.extension()),
        contents: render_with(builder.chrome(), page, format),
    }
}

/// Adds the index (and the HTML assets) to the files of the pages.
fn finish_site(
    builder: &PageBuilder<'_>,
    index: &Index,
    format: Format,
    mut files: Vec<SiteFile>,
) -> Site {
    let index_path = format!("index{}", format.extension());
    files.push(SiteFile {
        path: index_path.clone(),
        contents: match format {
            Format::Html => html::render_index(index, builder.chrome()),
            Format::Markdown => markdown::render_index(index),
        },
    });
    if format == Format::Html {
        files.push(SiteFile {
            path: html::STYLESHEET.to_owned(),
            contents: html::STYLE.to_owned(),
        });
    }
    Site::new(files, index_path)
}

fn render_with(chrome: page::Chrome<'_>, page: &Page, format: Format) -> String {
    match format {
        Format::Html => html::render_page(page, chrome),
        Format::Markdown => markdown::render_page(page, chrome.links),
    }
}

/// Every page of a registry's docs, built once and rendered in either format: what
/// [`markdown`] and [`html`] build, for a caller that wants both (see [`crate::Surfaces`]), or
/// that changes pages before rendering them.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::docs::{self, Format, Pages};
///
/// let pages = Pages::new(&CONTROL_PLANE);
/// assert_eq!(pages.site(Format::Markdown), docs::markdown(&CONTROL_PLANE));
/// assert_eq!(pages.site(Format::Html), docs::html(&CONTROL_PLANE));
/// ```
pub struct Pages<'r> {
    builder: PageBuilder<'r>,
    pages: Vec<Page>,
    index: Index,
}

impl<'r> Pages<'r> {
    /// Builds every page (contracts, doc blocks, domains, owners, stability) and the index.
    pub fn new(registry: &'r Registry) -> Pages<'r> {
        Pages::build(PageBuilder::new(registry, None))
    }

    /// Like [`Pages::new`], with the changes between the versions of each key from
    /// `changelog`, shown in the versions table of every key with several versions.
    pub fn with_changelog(registry: &'r Registry, changelog: &'r dyn Changelog) -> Pages<'r> {
        Pages::build(PageBuilder::new(registry, Some(changelog)))
    }

    fn build(builder: PageBuilder<'r>) -> Pages<'r> {
        let mut pages = Vec::with_capacity(builder.page_count());
        builder.for_each_page(&mut |page| pages.push(page));
        let index = builder.index();
        Pages {
            builder,
            pages,
            index,
        }
    }

    /// Every page: the contracts' in registry order, the doc blocks' by id, the domains' by
    /// name, then the owners and stability pages.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Every page, to change before rendering: what [`Pages::site`] renders is what they hold
    /// then.
    ///
    /// ```
    /// use contracts_control_plane::CONTROL_PLANE;
    /// use contracts_export::docs::{Block, Format, Inline, Pages, Section};
    ///
    /// let mut pages = Pages::new(&CONTROL_PLANE);
    /// for page in pages.pages_mut() {
    ///     page.sections.push(Section {
    ///         title: "Support".into(),
    ///         anchor: "support".into(),
    ///         blocks: vec![Block::Paragraph(vec![Inline::Text("Ask #platform.".into())])],
    ///     });
    /// }
    /// let site = pages.site(Format::Html);
    /// let page = &pages.pages()[0];
    /// let html = site.get(&format!("{}.html", page.path)).unwrap();
    /// assert!(html.contains("<h2>Support</h2>\n<p>Ask #platform.</p>"));
    /// assert_eq!(pages.render(page, Format::Html), html);
    /// ```
    pub fn pages_mut(&mut self) -> &mut [Page] {
        &mut self.pages
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Renders one page in `format`, as [`Pages::site`] does.
    pub fn render(&self, page: &Page, format: Format) -> String {
        render_with(self.builder.chrome(), page, format)
    }

    /// The site in `format`, as [`generate`] writes it.
    pub fn site(&self, format: Format) -> Site {
        let mut files = Vec::with_capacity(self.pages.len() + 2);
        for page in &self.pages {
            files.push(page_file(&self.builder, page, format));
        }
        finish_site(&self.builder, &self.index, format, files)
    }
}

/// The page model of one contract, for custom renderers (the `contracts show` command renders
/// it as terminal text).
pub fn page(registry: &Registry, contract: Contract) -> Page {
    PageBuilder::new(registry, None).contract_page(contract)
}

/// The page model of one doc block, for custom renderers.
pub fn doc_page(registry: &Registry, block: &'static DocBlockDescriptor) -> Page {
    PageBuilder::new(registry, None).doc_page(block)
}

/// The Markdown page of one contract, as [`markdown`] writes it.
pub fn markdown_page(registry: &Registry, contract: Contract) -> String {
    let builder = PageBuilder::new(registry, None);
    render_with(
        builder.chrome(),
        &builder.contract_page(contract),
        Format::Markdown,
    )
}

/// Renders a page of `registry` (built by [`page`] or [`doc_page`], changed or not) in `format`,
/// as the site does: links that authors write to doc block routes lead to the pages of the
/// registry's doc blocks, and HTML pages have the site's navigation.
///
/// ```
/// use contracts_control_plane::CONTROL_PLANE;
/// use contracts_export::docs::{self, Format};
///
/// let contract = CONTROL_PLANE.iter().next().unwrap();
/// let mut page = docs::page(&CONTROL_PLANE, contract);
/// page.heading = format!("{} (internal)", page.heading).into();
/// let markdown = docs::render(&CONTROL_PLANE, &page, Format::Markdown);
/// assert!(markdown.starts_with(&format!("# {} (internal)", contract.key())));
/// ```
pub fn render(registry: &Registry, page: &Page, format: Format) -> String {
    render_with(PageBuilder::new(registry, None).chrome(), page, format)
}

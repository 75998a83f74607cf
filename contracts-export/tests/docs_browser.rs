//! The HTML sites of the three domains and of the fixture registry, in a real browser: headless
//! Chromium, started here on loopback with a fresh profile and driven over the DevTools protocol.
//!
//! With JavaScript: the index's search narrows the list, its filters (and filters in the URL)
//! work, a search matching nothing says so instead of showing empty tables, every link of every
//! page resolves (pages and anchors), every flow diagram renders (nodes laid out without overlap,
//! labels inside their boxes, styled, clickable through to their pages), and nothing is logged
//! as an error. Without JavaScript: every contract is listed, the inert filters are hidden, the
//! sidebar opens and the diagrams are drawn.
//!
//! Chromium must be installed (`apt-get install -y chromium`; `.ci/run` does it): without it
//! these tests fail, saying so. Set `CHROMIUM` to use another binary, and
//! `CONTRACTS_DOCS_SCREENSHOTS` to a directory to get screenshots of the main kinds of page.

#[macro_use]
mod docs_fixture;
#[macro_use]
mod domains_registry;

use contracts_core::{ContractKind, Registry};
use contracts_export::docs;
use headless_chrome::browser::tab::point::Point;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

shop_registry!();

domains_registry!();

/// The Chromium binary: `CHROMIUM`, or the distribution's.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let candidates = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ];
    match candidates.iter().map(Path::new).find(|p| p.is_file()) {
        Some(path) => path.to_owned(),
        None => panic!(
            "these tests drive headless Chromium, which is not installed: install it with \
             `apt-get install -y chromium` (Debian; `.ci/run` does it), or set CHROMIUM to a \
             Chromium or Chrome binary"
        ),
    }
}

/// A Chromium of its own with one tab, and what the pages log as errors.
struct Session {
    tab: Arc<Tab>,
    errors: Arc<Mutex<Vec<String>>>,
    // Dropped after the tab: the browser stops its process, then the profile is removed.
    _browser: Browser,
    _profile: tempfile::TempDir,
}

impl Session {
    fn start(javascript: bool) -> Session {
        let profile = tempfile::tempdir().unwrap();
        let args: Vec<&OsStr> = [
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // The crawl loads every page in a frame of the index and reads it: pages opened from
            // files are of distinct origins unless this lets them read each other.
            "--allow-file-access-from-files",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(chromium()))
            .headless(true)
            .sandbox(false)
            .enable_gpu(false)
            .disable_default_args(true)
            .args(args)
            .user_data_dir(Some(profile.path().to_owned()))
            .window_size(Some((1280, 900)))
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .unwrap();
        let browser = Browser::new(options).unwrap_or_else(|e| {
            panic!(
                "headless Chromium ({}) did not start: {e}",
                chromium().display()
            )
        });
        let tab = browser.new_tab().unwrap();
        tab.set_default_timeout(Duration::from_secs(20));
        let errors = Arc::new(Mutex::new(Vec::new()));
        let sink = errors.clone();
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let message = match event {
                Event::RuntimeExceptionThrown(e) => {
                    let details = &e.params.exception_details;
                    let what = details
                        .exception
                        .as_ref()
                        .and_then(|x| x.description.clone())
                        .unwrap_or_else(|| details.text.clone());
                    Some(format!("uncaught exception: {what} ({:?})", details.url))
                }
                Event::RuntimeConsoleAPICalled(e)
                    if e.params.Type == Runtime::ConsoleAPICalledEventTypeOption::Error =>
                {
                    Some(format!("console.error: {:?}", e.params.args))
                }
                Event::LogEntryAdded(e) if e.params.entry.level == Log::LogEntryLevel::Error => {
                    Some(format!(
                        "{} ({:?})",
                        e.params.entry.text, e.params.entry.url
                    ))
                }
                _ => None,
            };
            if let Some(message) = message {
                sink.lock().unwrap().push(message);
            }
        }))
        .unwrap();
        tab.enable_runtime().unwrap();
        tab.enable_log().unwrap();
        if !javascript {
            tab.call_method(Emulation::SetScriptExecutionDisabled { value: true })
                .unwrap();
        }
        Session {
            tab,
            errors,
            _browser: browser,
            _profile: profile,
        }
    }

    fn open(&self, url: &str) {
        // A link to another fragment of the same page loads nothing: start from a blank page,
        // as a link from another page does.
        let page = |u: &str| u.split('#').next().unwrap_or("").to_owned();
        if page(&self.url()) == page(url) {
            self.navigate(|| {
                self.tab.navigate_to("about:blank").unwrap();
            });
        }
        self.navigate(|| {
            self.tab.navigate_to(url).unwrap();
        });
    }

    /// Runs `start` (which navigates) and waits until the new page has loaded. (The library's
    /// own wait is for the network to be idle half a second; a local page loads much sooner.)
    fn navigate(&self, start: impl FnOnce()) {
        self.eval("window.__left = true; return true;");
        start();
        // Polled: a page's own listeners never run when its scripts are disabled.
        let loaded = "return !window.__left && document.readyState === 'complete';";
        for _ in 0..200 {
            if self.eval(loaded) == true {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("{} did not load", self.url());
    }

    /// Evaluates the body of an async function in the page and returns its result (awaited),
    /// through JSON. Every call is a round trip of up to 0.2 s with this library: checks that
    /// need many are written as one script.
    fn eval(&self, body: &str) -> Value {
        let expression = format!("(async () => {{ {body} }})().then(v => JSON.stringify(v))");
        let evaluated = self
            .tab
            .call_method(Runtime::Evaluate {
                expression,
                return_by_value: Some(true),
                generate_preview: None,
                silent: Some(true),
                await_promise: Some(true),
                include_command_line_api: None,
                user_gesture: Some(true),
                object_group: None,
                context_id: None,
                throw_on_side_effect: None,
                timeout: None,
                disable_breaks: None,
                repl_mode: None,
                allow_unsafe_eval_blocked_by_csp: None,
                unique_context_id: None,
                serialization_options: None,
            })
            .unwrap();
        if let Some(exception) = evaluated.exception_details {
            panic!("{body}\nthrew {exception:?}");
        }
        match evaluated.result.value {
            Some(Value::String(json)) => serde_json::from_str(&json).unwrap(),
            other => panic!("{body}\nreturned {other:?}"),
        }
    }

    /// Fails if a page logged an error since the last call.
    fn assert_no_errors(&self, during: &str) {
        let errors = std::mem::take(&mut *self.errors.lock().unwrap());
        assert!(errors.is_empty(), "{during}: {errors:#?}");
    }

    fn url(&self) -> String {
        self.tab.get_url()
    }

    /// Writes a PNG of the whole page to `path`.
    fn screenshot(&self, path: &Path) {
        let height = self.eval("return document.documentElement.scrollHeight;");
        let clip = Page::Viewport {
            x: 0.0,
            y: 0.0,
            width: 1280.0,
            height: height.as_f64().unwrap().min(4000.0),
            scale: 1.0,
        };
        let shot = self
            .tab
            .call_method(Page::CaptureScreenshot {
                format: Some(Page::CaptureScreenshotFormatOption::Png),
                quality: None,
                clip: Some(clip),
                from_surface: Some(true),
                capture_beyond_viewport: Some(true),
                optimize_for_speed: None,
            })
            .unwrap();
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot.data)
            .unwrap();
        std::fs::write(path, png).unwrap();
    }
}

/// The two sites, written to a temporary directory.
struct Sites {
    dir: tempfile::TempDir,
}

impl Sites {
    fn write() -> Sites {
        let dir = tempfile::tempdir().unwrap();
        docs::html(&DOMAINS)
            .write(&dir.path().join("domains"))
            .unwrap();
        docs::html(&SHOP).write(&dir.path().join("shop")).unwrap();
        Sites { dir }
    }

    fn url(&self, site: &str, page: &str) -> String {
        format!("file://{}/{site}/{page}", self.dir.path().display())
    }

    fn file(&self, url: &str) -> Option<PathBuf> {
        url.strip_prefix("file://").map(PathBuf::from)
    }
}

fn visible_keys(session: &Session) -> Vec<String> {
    serde_json::from_value(session.eval(
        "return [...document.querySelectorAll('#contracts tbody tr')]
            .filter(r => r.offsetParent !== null)
            .map(r => r.querySelector('td code').textContent);",
    ))
    .unwrap()
}

/// Chooses `value` in the select `id`, as a reader does (the `change` event).
fn choose(session: &Session, id: &str, value: &str) {
    session.eval(&format!(
        "const s = document.getElementById('{id}'); s.value = '{value}';
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value;"
    ));
}

fn is_shown(session: &Session, css: &str) -> bool {
    session
        .eval(&format!(
            "const e = document.querySelector('{css}'); return !!e && e.offsetParent !== null;"
        ))
        .as_bool()
        .unwrap()
}

#[test]
fn the_site_works_in_chromium() {
    let sites = Sites::write();
    let session = Session::start(true);
    search_and_filters(&session, &sites);
    session.assert_no_errors("the index");
    for (site, registry) in [("shop", &SHOP), ("domains", &DOMAINS)] {
        let pages = crawl(&session, &sites, site);
        every_link_resolves(&sites, site, registry, &pages);
        diagrams_render(registry, &pages);
    }
    diagram_nodes_are_links(&session, &sites);
    if let Some(dir) = std::env::var_os("CONTRACTS_DOCS_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, page) in [
            ("index", "index.html"),
            ("domain", "domains/harness.html"),
            ("capability", "contracts/harness.evidence@1.0.0.html"),
            ("contract", "contracts/harness.run.start@1.0.0.html"),
        ] {
            session.open(&sites.url("domains", page));
            session.screenshot(&dir.join(format!("{name}.png")));
        }
        session.open(&sites.url("shop", "contracts/shop.order.get@1.0.0.html"));
        session.screenshot(&dir.join("deprecated.png"));
    }
    session.assert_no_errors("the screenshots");
}

fn search_and_filters(session: &Session, sites: &Sites) {
    session.open(&sites.url("domains", "index.html"));
    let all = visible_keys(session);
    assert_eq!(all.len(), DOMAINS.len());
    assert!(
        is_shown(session, "#filters"),
        "the script shows the filters"
    );

    // Typing narrows the list to the rows that mention every word.
    session.eval("document.getElementById('q').focus(); return true;");
    session.tab.type_str("evidence").unwrap();
    let found = visible_keys(session);
    let expected: Vec<String> = DOMAINS
        .iter()
        .filter(|c| {
            let m = c.meta();
            let text = format!(
                "{} {} {} {}",
                m.key,
                m.title.unwrap_or(""),
                m.description,
                m.tags.join(" ")
            );
            text.to_lowercase().contains("evidence")
                || m.owners.iter().any(|o| o.contains("evidence"))
        })
        .map(|c| c.key().to_owned())
        .collect();
    assert!(!found.is_empty() && found.len() < all.len(), "{found:?}");
    assert_eq!(found, expected);
    let count = session.eval("return document.getElementById('count').textContent;");
    assert_eq!(
        count.as_str().unwrap().split(" contracts").next().unwrap(),
        format!("Showing {} of {}", found.len(), all.len())
    );
    assert!(session.url().ends_with("#q=evidence"), "{}", session.url());

    // Nothing matches: a sentence, not empty tables.
    session.tab.type_str("zzz").unwrap();
    assert!(visible_keys(session).is_empty());
    assert!(is_shown(session, "#contracts-empty"));
    assert!(!is_shown(session, "#contracts-table"));
    assert!(
        !is_shown(session, "#doc-blocks h2"),
        "no empty Doc Blocks table"
    );

    // Clear, then filter by kind, then also by domain.
    session.eval("document.getElementById('reset').click(); return true;");
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(visible_keys(session).len(), all.len());
    assert!(is_shown(session, "#doc-blocks h2"));
    choose(session, "kind", "event");
    let events = visible_keys(session);
    assert_eq!(events.len(), DOMAINS.of_kind(ContractKind::Event).count());
    assert!(!is_shown(session, "#doc-blocks"), "doc blocks have no kind");
    choose(session, "domain", "harness");
    let harness_events: Vec<String> = DOMAINS
        .of_kind(ContractKind::Event)
        .filter(|c| c.meta().domain == Some("harness"))
        .map(|c| c.key().to_owned())
        .collect();
    assert_eq!(visible_keys(session), harness_events);
    assert!(session.url().ends_with("#kind=event&domain=harness"));

    // A filter in the URL, as pages link to the index.
    session.open(&sites.url("domains", "index.html#tag=evidence"));
    session.eval("return true;");
    let tagged: Vec<String> = DOMAINS
        .with_tag("evidence")
        .map(|c| c.key().to_owned())
        .collect();
    assert_eq!(visible_keys(session), tagged);
    assert_eq!(
        session.eval("return document.getElementById('tag').value;"),
        "evidence"
    );

    // Every word must match; a tag filters doc blocks too; filters combine.
    session.open(&sites.url("domains", "index.html#q=skill%20install"));
    let found = visible_keys(session);
    assert!(found.contains(&"controlPlane.skill.install".to_owned()) && found.len() < 10);
    session.open(&sites.url("domains", "index.html#tag=describe"));
    assert_eq!(visible_keys(session), ["context.pack.describe"]);
    let docs = session.eval(
        "return [...document.querySelectorAll('#docs tbody tr')]
            .filter(r => r.offsetParent !== null).map(r => r.querySelector('code').textContent);",
    );
    assert_eq!(docs, serde_json::json!(["docs.tech.context.pack.describe"]));
    session.open(&sites.url(
        "domains",
        "index.html#owner=platform.context&kind=capability",
    ));
    assert_eq!(visible_keys(session), ["context.system"]);
    // An unknown value shows nothing rather than everything.
    session.open(&sites.url("domains", "index.html#domain=nowhere"));
    assert!(visible_keys(session).is_empty());
    assert!(is_shown(session, "#contracts-empty"));
}

/// Loads every page reachable from the index of `site` in a frame of the index, and returns
/// for each its ids, its links (resolved) and the measures of its flow diagrams. One script:
/// a round trip per page would make this slow.
fn crawl(session: &Session, sites: &Sites, site: &str) -> BTreeMap<String, Value> {
    session.open(&sites.url(site, "index.html"));
    let pages = session.eval(CRAWL);
    session.assert_no_errors(site);
    serde_json::from_value(pages).unwrap()
}

const CRAWL: &str = r#"
    const frame = document.createElement('iframe');
    frame.style = 'position: absolute; left: -3000px; width: 1280px; height: 900px';
    document.body.append(frame);
    const load = url => new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error('no load: ' + url)), 10000);
        frame.onload = () => { clearTimeout(timer); done(frame.contentDocument); };
        frame.src = url;
    });
    const measure = doc => [...doc.querySelectorAll('svg.flow')].map(svg => {
        const box = svg.getBoundingClientRect();
        const nodes = [...svg.querySelectorAll('a.node')].map(a => {
            const rect = a.querySelector('rect');
            const r = rect.getBBox();
            const label = a.querySelector('text.label');
            const kind = a.querySelector('text.kind');
            return {
                href: a.getAttribute('href'),
                x: r.x, y: r.y, w: r.width, h: r.height,
                labelX: label.getBBox().x,
                label: label.getComputedTextLength(),
                kind: kind.getComputedTextLength(),
                stroke: doc.defaultView.getComputedStyle(rect).stroke,
            };
        });
        const edges = [...svg.querySelectorAll('path.edge')].map(p => p.getTotalLength());
        return { width: box.width, height: box.height,
                 viewWidth: svg.viewBox.baseVal.width, viewHeight: svg.viewBox.baseVal.height,
                 nodes, edges };
    });
    const start = location.href.split('#')[0];
    const queue = [start];
    const pages = {};
    while (queue.length) {
        const url = queue.shift();
        const doc = await load(url);
        if (!doc || doc.URL !== url) { pages[url] = { missing: true }; continue; }
        const links = [...doc.querySelectorAll('a[href], link[href], script[src], img[src]')]
            .map(e => new URL(e.getAttribute('href') || e.getAttribute('src'), url).href);
        pages[url] = { ids: [...doc.querySelectorAll('[id]')].map(e => e.id), links,
                       diagrams: measure(doc) };
        for (const link of links) {
            const page = link.split('#')[0];
            if (page.endsWith('.html') && !(page in pages) && !queue.includes(page)) {
                queue.push(page);
            }
        }
    }
    frame.remove();
    return pages;
"#;

/// Every link of every page leads to a generated file, every anchor to an element of its page,
/// nothing leaves the site, and every page is reached from the index.
fn every_link_resolves(
    sites: &Sites,
    site: &str,
    registry: &Registry,
    pages: &BTreeMap<String, Value>,
) {
    for (url, page) in pages {
        assert!(page.get("missing").is_none(), "{url} could not be loaded");
        for link in page["links"].as_array().unwrap() {
            let link = link.as_str().unwrap();
            assert!(
                link.starts_with("file://"),
                "{url} links out of the site: {link}"
            );
            let (target, fragment) = link.split_once('#').unwrap_or((link, ""));
            let file = sites.file(target).unwrap();
            assert!(
                file.is_file(),
                "{url} links to {link}, which does not exist"
            );
            if fragment.is_empty() || fragment.contains('=') {
                continue; // no anchor, or a filter of the index search
            }
            let ids = pages[target]["ids"].as_array().unwrap();
            assert!(
                ids.iter().any(|id| id == fragment),
                "{url} links to #{fragment} of {target}, which has no such element"
            );
        }
    }
    let domains: BTreeSet<_> = registry.iter().filter_map(|c| c.meta().domain).collect();
    assert_eq!(
        pages.len(),
        registry.len() + registry.doc_blocks().len() + domains.len() + 3,
        "{site}: every page is reached from the index"
    );
}

/// Every flow diagram is drawn: nodes of some size inside the drawing, apart from each other,
/// their labels inside their boxes, styled by the stylesheet; edges of some length. Every
/// capability and domain page with operations or events has one.
fn diagrams_render(registry: &Registry, pages: &BTreeMap<String, Value>) -> usize {
    let f = |v: &Value| v.as_f64().unwrap();
    let mut drawn = 0;
    for (page, measured) in pages {
        for diagram in measured["diagrams"].as_array().unwrap() {
            drawn += 1;
            assert!(
                f(&diagram["width"]) > 0.0 && f(&diagram["height"]) > 0.0,
                "{page}"
            );
            let nodes = diagram["nodes"].as_array().unwrap();
            assert!(nodes.len() >= 2, "{page}: {diagram}");
            for (i, node) in nodes.iter().enumerate() {
                let (x, y, w, h) = (f(&node["x"]), f(&node["y"]), f(&node["w"]), f(&node["h"]));
                assert!(w > 0.0 && h > 0.0, "{page}: {node}");
                assert!(
                    x + w <= f(&diagram["viewWidth"]) && y + h <= f(&diagram["viewHeight"]),
                    "{page}: a node outside its diagram: {node}"
                );
                let right = f(&node["labelX"]) + f(&node["label"]).max(f(&node["kind"]));
                assert!(
                    right <= x + w - 2.0,
                    "{page}: a label overflows its box: {node}"
                );
                assert!(
                    !matches!(node["stroke"].as_str(), Some("none") | None),
                    "{page}: the stylesheet does not reach the diagram: {node}"
                );
                for other in &nodes[i + 1..] {
                    let apart = x + w <= f(&other["x"])
                        || f(&other["x"]) + f(&other["w"]) <= x
                        || y + h <= f(&other["y"])
                        || f(&other["y"]) + f(&other["h"]) <= y;
                    assert!(apart, "{page}: nodes overlap: {node} and {other}");
                }
            }
            for edge in diagram["edges"].as_array().unwrap() {
                assert!(f(edge) > 0.0, "{page}: an edge of no length");
            }
        }
    }
    let with_flow = registry
        .of_kind(ContractKind::Capability)
        .filter(|c| {
            let cap = c.as_capability().unwrap();
            registry
                .provided_by(cap)
                .any(|p| p.kind().is_operation() || p.kind() == ContractKind::Event)
        })
        .count();
    assert!(
        drawn > with_flow,
        "{drawn} diagrams drawn, {with_flow} capabilities with a flow"
    );
    drawn
}

/// A node of a diagram is a link a reader can click: the first query of the evidence
/// capability's flow.
fn diagram_nodes_are_links(session: &Session, sites: &Sites) {
    let capability = DOMAINS.get("harness.evidence", "1.0.0").unwrap();
    session.open(&sites.url(
        "domains",
        &format!("{}.html", docs::contract_path(&capability)),
    ));
    let target = session.eval(
        "const a = [...document.querySelectorAll('svg.flow a.node.query')][0];
         a.scrollIntoView({ block: 'center' });
         const r = a.querySelector('rect').getBoundingClientRect();
         return { x: r.x + r.width / 2, y: r.y + r.height / 2,
                  href: new URL(a.getAttribute('href'), location.href).href };",
    );
    let point = Point {
        x: target["x"].as_f64().unwrap(),
        y: target["y"].as_f64().unwrap(),
    };
    session.navigate(|| {
        session.tab.click_point(point).unwrap();
    });
    assert_eq!(session.url(), target["href"].as_str().unwrap());
    session.assert_no_errors("clicking a diagram node");
}

#[test]
fn the_site_reads_without_javascript() {
    let sites = Sites::write();
    let session = Session::start(false);
    session.open(&sites.url("domains", "index.html"));
    // Script execution is off for the page; the protocol's own evaluation still answers.
    assert!(
        !is_shown(&session, "#filters"),
        "filters that do nothing are hidden"
    );
    assert!(
        is_shown(&session, "noscript .note"),
        "the reader is told why"
    );
    assert_eq!(visible_keys(&session).len(), DOMAINS.len());
    assert!(is_shown(&session, "#doc-blocks h2"));

    // The sidebar is plain `<details>`: a click opens a closed domain.
    session.open(&sites.url("domains", "domains/harness.html"));
    let summary = session.eval(
        "const d = [...document.querySelectorAll('nav.sidebar details')].find(d => !d.open);
         d.id = 'closed';
         const r = d.querySelector('summary').getBoundingClientRect();
         return { x: r.x + 4, y: r.y + r.height / 2 };",
    );
    session
        .tab
        .click_point(Point {
            x: summary["x"].as_f64().unwrap(),
            y: summary["y"].as_f64().unwrap(),
        })
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        session.eval("return document.getElementById('closed').open;"),
        true
    );
    // The diagram is drawn without a script.
    assert!(is_shown(&session, "svg.flow a.node rect"));
    session.assert_no_errors("without JavaScript");
}

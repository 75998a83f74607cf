//! `contracts serve`: the registry over HTTP (REST and OpenAPI, [`contracts_axum`]) and MCP
//! ([`contracts_mcp`]), with the handlers a [`Serving`] binds, their events made durable in a
//! SQLite outbox and relayed to stderr or NATS JetStream ([`contracts_events`]).

use contracts_axum::axum::Router;
use contracts_axum::{RestApi, ServeOptions, StaticTokens};
use contracts_core::Registry;
use contracts_events::cloudevents::CloudEvents;
use contracts_events::jetstream::{async_nats, JetStream};
use contracts_events::outbox::{OutboxPublisher, Relay, Sink, SqliteOutbox};
use contracts_events::EventRecord;
use contracts_mcp::{AuthError, McpServer};
use contracts_runtime::{Actor, BindError, PublishError, Runtime, TraceId};
use std::future::Future;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// The default address of `--http`.
pub const DEFAULT_HTTP: &str = "127.0.0.1:8080";

/// The default address of `--mcp-http`.
pub const DEFAULT_MCP_HTTP: &str = "127.0.0.1:8081";

/// Arguments of `contracts serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Serve the REST API and its OpenAPI document (`/openapi.json`) at this address; the
    /// default transport, on 127.0.0.1:8080.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = DEFAULT_HTTP)]
    pub http: Option<SocketAddr>,
    /// Serve MCP over stdin and stdout (nothing else is written to stdout).
    #[arg(long)]
    pub mcp_stdio: bool,
    /// Serve MCP over streamable HTTP at `/mcp` on this address (127.0.0.1:8081 if none);
    /// the same address as `--http` shares its listener.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = DEFAULT_MCP_HTTP)]
    pub mcp_http: Option<SocketAddr>,
    /// The bearer token of an admin (default: a random one, printed at start).
    #[arg(long, value_name = "TOKEN")]
    pub admin_token: Option<String>,
    /// The bearer token of a plain user (default: a random one, printed at start).
    #[arg(long, value_name = "TOKEN")]
    pub user_token: Option<String>,
    /// Who MCP calls without a bearer token come from (MCP over stdio has none); a wrong
    /// token is refused (401), never run as this actor.
    #[arg(long, value_enum, default_value_t = McpActor::Anonymous)]
    pub mcp_actor: McpActor,
    /// Serve even if operations of the registry have no handler: they answer `501
    /// NOT_IMPLEMENTED` (after their policy). Without it, `serve` refuses to start and lists
    /// them.
    #[arg(long)]
    pub allow_unbound: bool,
    /// Where the relay publishes the events committed to the outbox: `log` (stderr, one JSON
    /// line each) or `nats://HOST:PORT` (NATS JetStream, as CloudEvents).
    #[arg(long, value_name = "log|nats://HOST:PORT", default_value = "log", value_parser = EventsTarget::parse)]
    pub events: EventsTarget,
    /// The SQLite file of the outbox (created if missing); in memory if none.
    #[arg(long, value_name = "FILE")]
    pub outbox: Option<PathBuf>,
}

/// Where `contracts serve` relays its events (`--events`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventsTarget {
    /// Stderr, one JSON line per event ([`EventLog`]).
    Log,
    /// A NATS server with JetStream, at this URL (`nats://127.0.0.1:4222`).
    Nats(String),
}

impl EventsTarget {
    /// Parses `log` or a `nats://` URL.
    ///
    /// ```
    /// use contracts_cli::EventsTarget;
    ///
    /// assert_eq!(EventsTarget::parse("log"), Ok(EventsTarget::Log));
    /// assert_eq!(
    ///     EventsTarget::parse("nats://127.0.0.1:4222"),
    ///     Ok(EventsTarget::Nats("nats://127.0.0.1:4222".to_owned()))
    /// );
    /// assert!(EventsTarget::parse("kafka://x").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<EventsTarget, String> {
        match text {
            "log" => Ok(EventsTarget::Log),
            url if url.starts_with("nats://") && url.len() > "nats://".len() => {
                Ok(EventsTarget::Nats(url.to_owned()))
            }
            other => Err(format!(
                "`{other}` is neither `log` nor a `nats://HOST:PORT` URL"
            )),
        }
    }
}

/// The publisher of the runtime `contracts serve` builds: the SQLite outbox's.
pub type ServePublisher = OutboxPublisher<SqliteOutbox>;

/// The actor of MCP calls without credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum McpActor {
    /// Anonymous: `user` and `admin` tools are refused.
    Anonymous,
    /// The user `mcp-user`.
    User,
    /// The admin `mcp-admin`.
    Admin,
}

/// A relay sink writing each event as one JSON line on stderr (`event {...}`), its pii paths
/// redacted: where `contracts serve` relays events without a broker.
#[derive(Clone, Copy, Debug)]
pub struct EventLog {
    registry: &'static Registry,
}

impl EventLog {
    /// The log of the events of `registry` (whose pii paths it redacts).
    pub fn new(registry: &'static Registry) -> EventLog {
        EventLog { registry }
    }
}

impl Sink for EventLog {
    fn publish(
        &self,
        event: &EventRecord,
    ) -> impl Future<Output = Result<(), PublishError>> + Send {
        let mut payload = event.payload.clone();
        let declared = self
            .registry
            .get(&event.key, &event.version)
            .and_then(|c| c.as_event());
        match declared {
            Some(descriptor) => contracts_runtime::redact(&mut payload, descriptor.pii),
            // Not an event of this registry: its personal data is unknown, so none is shown.
            None => payload = serde_json::Value::String(contracts_runtime::REDACTED.to_owned()),
        }
        let line = serde_json::json!({
            "id": event.id,
            "occurredAt": event.occurred_at,
            "traceId": event.trace_id,
            "key": event.key,
            "version": event.version,
            "subject": event.subject,
            "payload": payload,
        });
        let written = std::io::stderr()
            .lock()
            .write_all(format!("event {line}\n").as_bytes())
            .map_err(|e| PublishError::new(e.to_string()));
        std::future::ready(written)
    }
}

/// How `contracts serve` serves a registry: which handlers it binds (none by default, and
/// `serve` then refuses to start unless told to serve a subset), and which call it suggests
/// at start.
///
/// ```
/// use contracts_cli::Serving;
///
/// let serving = Serving::new()
///     .with_handlers(|_runtime| Ok(()))
///     .with_example("shop.order.place", serde_json::json!({ "sku": "tea" }));
/// # let _ = serving;
/// ```
pub struct Serving {
    pub(crate) bind: Box<Binder>,
    example: Option<(String, serde_json::Value)>,
    pub(crate) subset: bool,
}

type Binder = dyn Fn(&mut Runtime<ServePublisher>) -> Result<(), BindError>;

impl Default for Serving {
    fn default() -> Self {
        Serving::new()
    }
}

impl core::fmt::Debug for Serving {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Serving")
            .field("example", &self.example)
            .field("subset", &self.subset)
            .finish_non_exhaustive()
    }
}

impl Serving {
    /// No handler, no example.
    pub fn new() -> Serving {
        Serving {
            bind: Box::new(|_| Ok(())),
            example: None,
            subset: false,
        }
    }

    /// Serves the operations the handlers bind, the others answering `501 NOT_IMPLEMENTED`
    /// (as `contracts serve --allow-unbound` does); without it, `serve` refuses to start while
    /// an operation has no handler.
    pub fn serve_subset(mut self) -> Serving {
        self.subset = true;
        self
    }

    /// Binds handlers with `bind` onto the runtime `serve` builds (over the registry, its events
    /// committed to the SQLite outbox and relayed as `--events` says).
    pub fn with_handlers(
        mut self,
        bind: impl Fn(&mut Runtime<ServePublisher>) -> Result<(), BindError> + 'static,
    ) -> Serving {
        self.bind = Box::new(bind);
        self
    }

    /// Suggests calling operation `key` with `input` in the `curl` command printed at start.
    pub fn with_example(mut self, key: impl Into<String>, input: serde_json::Value) -> Serving {
        self.example = Some((key.into(), input));
        self
    }
}

/// Runs `contracts serve` until interrupted (or, with only `--mcp-stdio`, until the client
/// disconnects). Writes what it serves on `stderr`; stdout stays free for MCP.
pub(crate) fn serve(
    registry: &'static Registry,
    args: &ServeArgs,
    serving: &Serving,
    stderr: &mut dyn Write,
) -> Result<u8, String> {
    let outbox = match &args.outbox {
        Some(path) => SqliteOutbox::open(path),
        None => SqliteOutbox::in_memory(),
    }
    .map_err(|e| format!("cannot open the outbox: {e}"))?;
    let mut runtime = Runtime::new(registry).with_publisher(outbox.publisher());
    if serving.subset || args.allow_unbound {
        runtime = runtime.serve_subset();
    }
    (serving.bind)(&mut runtime).map_err(|e| format!("cannot bind the handlers: {e}"))?;
    runtime.check().map_err(|e| {
        format!("cannot serve: {e}; or pass --allow-unbound to serve those that have one")
    })?;
    let bound = registry.operations().count() - runtime.unbound().count();
    let runtime = Arc::new(runtime);

    let http = match (args.http, args.mcp_stdio, args.mcp_http) {
        (None, false, None) => Some(DEFAULT_HTTP.parse().expect("a valid address")),
        (http, _, _) => http,
    };
    let admin_token = args
        .admin_token
        .clone()
        .unwrap_or_else(|| TraceId::generate().to_string());
    let user_token = args
        .user_token
        .clone()
        .unwrap_or_else(|| TraceId::generate().to_string());
    let tokens = StaticTokens::new()
        .with_token(&admin_token, Actor::admin("demo-admin"))
        .with_token(&user_token, Actor::user("demo-user"));
    let mcp_actor = match args.mcp_actor {
        McpActor::Anonymous => Actor::Anonymous,
        McpActor::User => Actor::user("mcp-user"),
        McpActor::Admin => Actor::admin("mcp-admin"),
    };
    let mcp = {
        let tokens = tokens.clone();
        let fallback = mcp_actor.clone();
        McpServer::new(Arc::clone(&runtime))
            .map_err(|e| format!("cannot serve: {e}"))?
            .with_actor(move |request: Option<&http::request::Parts>| {
                let Some(header) = request.and_then(|r| r.headers.get(http::header::AUTHORIZATION))
                else {
                    return Ok(fallback.clone());
                };
                header
                    .to_str()
                    .ok()
                    .and_then(contracts_axum::bearer_token)
                    .and_then(|token| tokens.actor(token).cloned())
                    .ok_or_else(|| AuthError::new("the bearer token is not valid"))
            })
    };

    let tokio = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    tokio.block_on(async {
        let relay = match &args.events {
            EventsTarget::Log => tokio::spawn(
                Relay::new(outbox.clone(), EventLog::new(registry)).run(interrupted()),
            ),
            EventsTarget::Nats(url) => {
                let client = async_nats::connect(url.as_str())
                    .await
                    .map_err(|e| format!("cannot connect to NATS at {url}: {e}"))?;
                let jetstream = JetStream::new(client, CloudEvents::new(registry, "/contracts/serve"));
                jetstream
                    .ensure_streams()
                    .await
                    .map_err(|e| format!("cannot set up the JetStream streams at {url}: {e}"))?;
                tokio::spawn(Relay::new(outbox.clone(), jetstream).run(interrupted()))
            }
        };
        // The routers, by address.
        let mut listeners: Vec<(SocketAddr, Router)> = Vec::new();
        if let Some(address) = http {
            let rest = RestApi::new(Arc::clone(&runtime))
                .with_authenticator(tokens.clone())
                .into_router()
                .map_err(|e| format!("cannot serve: {e}"))?;
            listeners.push((address, rest));
        }
        if let Some(address) = args.mcp_http {
            // Loopback origins only, against DNS rebinding, wherever it listens.
            let mut config = contracts_mcp::http_config();
            if !address.ip().is_loopback() {
                config = config.disable_allowed_hosts();
            }
            let service = mcp.clone().streamable_http_service(config);
            let router = Router::new().nest_service("/mcp", service);
            match listeners.iter_mut().find(|(a, _)| *a == address) {
                Some((_, shared)) => *shared = std::mem::take(shared).merge(router),
                None => listeners.push((address, router)),
            }
        }
        let mut bound_listeners = Vec::new();
        for (address, router) in listeners {
            let listener = tokio::net::TcpListener::bind(address)
                .await
                .map_err(|e| format!("cannot listen on {address}: {e}"))?;
            let local = listener.local_addr().map_err(|e| e.to_string())?;
            bound_listeners.push((local, listener, router));
        }

        let mut banner = String::new();
        let operations = registry.operations().count();
        banner.push_str(&format!(
            "contracts serve: {operations} operations, {bound} with handlers{}\n",
            if bound < operations { " (the others answer 501)" } else { "" }
        ));
        let rest_address = http.and_then(|_| bound_listeners.first().map(|(a, _, _)| *a));
        if let Some(address) = rest_address {
            banner.push_str(&format!(
                "REST     http://{address}  (OpenAPI: http://{address}/openapi.json)\n"
            ));
        }
        if let Some(requested) = args.mcp_http {
            let local = match (http, rest_address) {
                (Some(rest), Some(local)) if rest == requested => local,
                _ => bound_listeners.last().map(|(a, _, _)| *a).expect("bound"),
            };
            banner.push_str(&format!("MCP      http://{local}/mcp  (streamable HTTP)\n"));
        }
        if args.mcp_stdio {
            banner.push_str("MCP      stdio\n");
        }
        banner.push_str(&format!(
            "tokens   admin {admin_token}   user {user_token}   (demo static tokens: not for production)\n"
        ));
        banner.push_str(&format!(
            "MCP calls without a token act as: {}\n",
            match args.mcp_actor {
                McpActor::Anonymous => "anonymous",
                McpActor::User => "user mcp-user",
                McpActor::Admin => "admin mcp-admin",
            }
        ));
        let store = match &args.outbox {
            Some(path) => format!("SQLite outbox {}", path.display()),
            None => "SQLite outbox in memory".to_owned(),
        };
        banner.push_str(&format!(
            "events   {store}, relayed to {}\n",
            match &args.events {
                EventsTarget::Log => "stderr, one JSON line each".to_owned(),
                EventsTarget::Nats(url) => format!("NATS JetStream at {url} (subjects events.>)"),
            }
        ));
        if bound_listeners
            .iter()
            .any(|(address, _, _)| !address.ip().is_loopback())
        {
            banner.push_str(
                "warning: listening beyond loopback with demo tokens: anyone who can reach this \
                 address and read them can call admin operations\n",
            );
        }
        if let (Some(address), Some((key, input))) = (rest_address, &serving.example) {
            if let Some(operation) = registry
                .versions(key)
                .iter()
                .rev()
                .find_map(|e| e.contract().as_operation())
            {
                let path = contracts_export::naming::rest_path(&operation.meta);
                let token = match operation.policy.auth {
                    contracts_core::Auth::Admin => Some(&admin_token),
                    contracts_core::Auth::User => Some(&user_token),
                    contracts_core::Auth::Anonymous => None,
                };
                let auth = token
                    .map(|t| format!(" \\\n    -H 'authorization: Bearer {t}'"))
                    .unwrap_or_default();
                banner.push_str(&format!(
                    "\ntry:\n  curl -s -X POST http://{address}{path}{auth} \\\n    -H 'content-type: application/json' \\\n    -d '{input}'\n"
                ));
            }
        }
        banner.push_str(if http.is_some() || args.mcp_http.is_some() {
            "\nserving; Ctrl-C stops\n"
        } else {
            "\nserving until the MCP client disconnects\n"
        });
        stderr.write_all(banner.as_bytes()).map_err(|e| e.to_string())?;
        stderr.flush().map_err(|e| e.to_string())?;

        let mut tasks = Vec::new();
        for (_, listener, router) in bound_listeners {
            tasks.push(tokio::spawn(contracts_axum::serve(
                listener,
                router,
                ServeOptions::default(),
                interrupted(),
            )));
        }
        if args.mcp_stdio {
            let stdio = tokio::spawn(mcp.serve_stdio());
            if tasks.is_empty() {
                return match stdio.await {
                    Ok(Ok(())) => Ok(0),
                    Ok(Err(e)) => Err(e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
            }
        }
        for task in tasks {
            match task.await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(format!("the server failed: {e}")),
                Err(e) => return Err(format!("the server failed: {e}")),
            }
        }
        relay
            .await
            .map_err(|e| format!("the event relay failed: {e}"))?;
        Ok(0)
    })
}

/// Resolves on Ctrl-C (or SIGTERM on Unix).
async fn interrupted() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return ctrl_c.await,
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await
}

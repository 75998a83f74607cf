//! `contracts serve`, the demo binary: REST and MCP over HTTP on an ephemeral loopback port,
//! MCP over stdio with a real rmcp client driving the child process, and its events through
//! the SQLite outbox to stderr or to a real nats-server.

// The servers of the events tests (nats-server here; PostgreSQL is not used).
#[allow(dead_code)]
#[path = "../../contracts-events/tests/events/support/servers.rs"]
mod servers;

use rmcp::model::CallToolRequestParams;
use rmcp::transport::{StreamableHttpClientTransport, TokioChildProcess};
use rmcp::ServiceExt;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A `contracts serve` process, killed when dropped.
struct Server {
    child: Child,
    banner: String,
    /// The `event {...}` lines written after the banner.
    events: Arc<Mutex<Vec<Value>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `contracts serve` with `args` and reads its banner, up to its last line.
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_contracts"))
            .arg("serve")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut reader = BufReader::new(child.stderr.take().unwrap());
        let mut banner = String::new();
        loop {
            let mut line = String::new();
            assert!(
                reader.read_line(&mut line).unwrap() > 0,
                "no banner: {banner}"
            );
            banner.push_str(&line);
            if line.starts_with("serving") {
                break;
            }
        }
        // Keep draining stderr, keeping the events, so the server never blocks on it.
        let events: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = Arc::clone(&events);
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                if let Some(event) = line.strip_prefix("event ") {
                    let event = serde_json::from_str(event).expect("an event line is JSON");
                    sink.lock().unwrap().push(event);
                }
            }
        });
        Server {
            child,
            banner,
            events,
        }
    }

    /// Waits up to 10 s for `count` event lines, and returns them.
    fn wait_for_events(&self, count: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let events = self.events.lock().unwrap().clone();
            if events.len() >= count {
                return events;
            }
            assert!(
                Instant::now() < deadline,
                "{count} events expected, got {events:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The word after `label` in the banner.
    fn after(&self, label: &str) -> String {
        let start = self
            .banner
            .find(label)
            .unwrap_or_else(|| panic!("{label}: {}", self.banner));
        self.banner[start + label.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_rest_and_mcp_over_http_on_loopback() {
    let server = Server::start(&["--http", "127.0.0.1:0", "--mcp-http", "127.0.0.1:0"]);
    let base = server.after("REST     ");
    assert!(base.starts_with("http://127.0.0.1:"), "{}", server.banner);
    assert!(
        server.banner.contains(&format!("MCP      {base}/mcp")),
        "{}",
        server.banner
    );
    assert!(
        server.banner.contains("curl -s -X POST"),
        "{}",
        server.banner
    );
    let admin = server.after("admin ");
    let user = server.after("user ");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();

    // The newcomer's call: controlPlane.execution.start, admin-only.
    let start = format!("{base}/controlPlane/execution/start/v1.0.0");
    let input = json!({ "executionId": "exec-approved", "planId": "plan-approved" });
    let response = client.post(&start).json(&input).send().await.unwrap();
    assert_eq!(response.status(), 401);
    let response = client
        .post(&start)
        .bearer_auth(&user)
        .json(&input)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = client
        .post(&start)
        .bearer_auth(&admin)
        .json(&input)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "CREATED");
    assert_eq!(body["data"]["status"], "running");

    let document: Value = client
        .get(format!("{base}/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(document["openapi"], "3.1.0");

    // MCP on the same listener; without a token, the caller is anonymous.
    let transport = StreamableHttpClientTransport::from_uri(format!("{base}/mcp"));
    let mcp = ().serve(transport).await.unwrap();
    let tools = mcp.list_all_tools().await.unwrap();
    assert_eq!(tools.len(), document["paths"].as_object().unwrap().len());
    let result = mcp
        .call_tool(
            CallToolRequestParams::new("controlPlane_execution_start-v1_0_0")
                .with_arguments(input.as_object().unwrap().clone()),
        )
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(true));
    let text = &result.content[0].as_text().unwrap().text;
    let problem: Value = serde_json::from_str(text).unwrap();
    assert_eq!(problem["code"], "UNAUTHENTICATED");
    mcp.cancel().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_mcp_over_stdio() {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_contracts"));
    command.args(["serve", "--mcp-stdio", "--mcp-actor", "admin"]);
    let (transport, _) = TokioChildProcess::builder(command)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = ().serve(transport).await.unwrap();
    let tools = client.list_all_tools().await.unwrap();
    assert!(tools
        .iter()
        .any(|t| t.name == "controlPlane_execution_start-v1_0_0"));

    let result = client
        .call_tool(
            CallToolRequestParams::new("controlPlane_execution_start-v1_0_0").with_arguments(
                json!({ "executionId": "exec-approved", "planId": "plan-approved" })
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
        )
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(false), "{result:?}");
    assert_eq!(result.structured_content.unwrap()["status"], "running");

    let result = client
        .call_tool(
            CallToolRequestParams::new("harness_run_get-v1_0_0")
                .with_arguments(json!({ "runId": 42 }).as_object().unwrap().clone()),
        )
        .await
        .unwrap();
    assert_eq!(result.is_error, Some(true));
    client.cancel().await.unwrap();
}

/// Starts a harness run as the user of `server` (`harness.run.start` emits
/// `harness.run.started`); its run id.
async fn start_a_run(server: &Server) -> String {
    let base = server.after("REST     ");
    let user = server.after("user ");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client
        .post(format!("{base}/harness/run/start/v1.0.0"))
        .bearer_auth(&user)
        .json(&json!({ "scenarioKey": "checkout.happy-path", "targetId": "target-preview" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    body["data"]["run"]["runId"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_relays_events_from_a_sqlite_outbox_file_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.db");
    let server = Server::start(&[
        "--http",
        "127.0.0.1:0",
        "--outbox",
        outbox.to_str().unwrap(),
    ]);
    assert!(
        server.banner.contains(&format!(
            "events   SQLite outbox {}, relayed to stderr",
            outbox.display()
        )),
        "{}",
        server.banner
    );
    let run_id = start_a_run(&server).await;
    let events = server.wait_for_events(1);
    assert_eq!(events[0]["key"], "harness.run.started");
    assert_eq!(events[0]["payload"]["runId"], run_id.as_str());
    assert!(outbox.is_file());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_relays_events_to_nats_jetstream() {
    use contracts_events::cloudevents::CloudEvents;
    use contracts_events::jetstream::{async_nats, Consumer, EventCtx, JetStream};
    use contracts_harness::events::HarnessRunStartedPayload;

    let nats = servers::NatsServer::start();
    let server = Server::start(&["--http", "127.0.0.1:0", "--events", &nats.url()]);
    assert!(
        server
            .banner
            .contains(&format!("relayed to NATS JetStream at {}", nats.url())),
        "{}",
        server.banner
    );
    // A typed consumer of the reference server's event, elsewhere.
    let client = async_nats::connect(nats.url()).await.unwrap();
    let jetstream = JetStream::new(
        client,
        CloudEvents::new(&contracts_reference::DOMAINS, "/test"),
    );
    let seen: Arc<Mutex<Vec<(HarnessRunStartedPayload, EventCtx)>>> = Arc::default();
    let sink = Arc::clone(&seen);
    let subscription = jetstream
        .subscribe(
            Consumer::<HarnessRunStartedPayload>::new("serve-test"),
            move |event: HarnessRunStartedPayload, ctx: EventCtx| {
                let sink = Arc::clone(&sink);
                async move {
                    sink.lock().unwrap().push((event, ctx));
                    Ok(())
                }
            },
        )
        .await
        .unwrap();
    let run_id = start_a_run(&server).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while seen.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "no event reached the consumer");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (event, ctx) = seen.lock().unwrap()[0].clone();
    assert_eq!(event.run_id.as_str(), run_id);
    assert_eq!(ctx.source(), "/contracts/serve");
    subscription.stop().await;
    // Nothing went to stderr: the broker has the events.
    assert!(server.events.lock().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mcp_over_http_refuses_a_wrong_token_even_with_an_admin_default_actor() {
    let server = Server::start(&["--mcp-http", "127.0.0.1:0", "--mcp-actor", "admin"]);
    let start = server.banner.find("MCP      ").unwrap() + "MCP      ".len();
    let url = server.banner[start..].split_whitespace().next().unwrap();
    let initialize = json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": { "name": "probe", "version": "1.0.0" },
        },
    });
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let post = || {
        client
            .post(url)
            .header("accept", "application/json, text/event-stream")
            .json(&initialize)
    };
    let response = post().bearer_auth("nope").send().await.unwrap();
    assert_eq!(response.status(), 401);
    let response = post().send().await.unwrap();
    assert_eq!(response.status(), 200);
}

//! Serving a router on a listener, with the limits `axum::serve` does not set: a client must
//! send its request headers within a bounded time (against slowloris), and shutdown is
//! graceful.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// The default time a client has to send the headers of a request: 10 seconds.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` over HTTP/1.1, with [`ServeOptions`], until `shutdown`
/// resolves; then stops accepting, lets the requests in flight finish, and returns.
///
/// Unlike [`axum::serve()`], a connection that does not send the headers of a request within
/// [`ServeOptions::header_timeout`] is closed: a client trickling its headers (slowloris)
/// cannot hold a connection open indefinitely. The time a request takes once its headers
/// arrived is bounded by [`RestApi::with_timeout`](crate::RestApi::with_timeout).
///
/// ```no_run
/// # async fn run(router: axum::Router, stop: tokio::sync::oneshot::Receiver<()>) -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// // Until `stop` fires (a signal handler, say).
/// contracts_axum::serve(listener, router, contracts_axum::ServeOptions::default(), async {
///     let _ = stop.await;
/// })
/// .await
/// # }
/// ```
pub async fn serve(
    listener: TcpListener,
    router: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let mut shutdown = std::pin::pin!(shutdown);
    // Each connection holds a receiver: the sender learns when the last one is gone.
    let (closing, closed) = watch::channel(false);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, a connection reset before it was accepted: the
                // listener itself is fine.
                Err(error) if is_transient(&error) => {
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
                Err(error) => return Err(error),
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(router.clone());
        let mut closed = closed.clone();
        let header_timeout = options.header_timeout;
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let connection = builder
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            let mut connection = std::pin::pin!(connection);
            let closing = async {
                let _ = closed.wait_for(|closing| *closing).await;
            };
            let result = tokio::select! {
                result = connection.as_mut() => result,
                () = closing => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = result {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(closed);
    let _ = closing.send(true);
    closing.closed().await;
    Ok(())
}

/// Errors of `accept` that concern one connection, not the listener.
fn is_transient(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused
            | ErrorKind::ConnectionAborted
            | ErrorKind::ConnectionReset
            | ErrorKind::Interrupted
    ) || error
        .raw_os_error()
        .is_some_and(|code| code == 23 || code == 24)
}

/// How [`serve`] serves connections.
///
/// ```
/// use contracts_axum::ServeOptions;
/// use std::time::Duration;
///
/// let options = ServeOptions::default().with_header_timeout(Duration::from_secs(5));
/// assert_eq!(options.header_timeout, Duration::from_secs(5));
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct ServeOptions {
    /// The time a client has to send the headers of each request before its connection is
    /// closed (default [`DEFAULT_HEADER_TIMEOUT`]).
    pub header_timeout: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
        }
    }
}

impl ServeOptions {
    /// Closes connections that do not send a request's headers within `timeout`.
    pub fn with_header_timeout(mut self, timeout: Duration) -> Self {
        self.header_timeout = timeout;
        self
    }
}

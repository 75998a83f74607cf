//! MCP over newline-delimited JSON (stdio): every line is checked before rmcp reads it, and a
//! line it would drop is answered with a JSON-RPC error instead.

use crate::jsonrpc::{self, PARSE_ERROR};
use crate::{McpServer, ServeError};
use contracts_runtime::{PolicyDecider, Publisher};
use rmcp::ServiceExt;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// The longest line read, in bytes (4 MiB, as rmcp's HTTP transport limits a body): a longer
/// one is answered `-32700` and skipped.
pub const MAX_LINE: usize = 4 * 1024 * 1024;

/// The size of the pipes between the checks and rmcp.
const PIPE: usize = 64 * 1024;

impl<P: Publisher, D: PolicyDecider> McpServer<P, D> {
    /// Serves one client over stdin and stdout until it disconnects (see
    /// [`serve_lines`](McpServer::serve_lines)).
    pub async fn serve_stdio(self) -> Result<(), ServeError> {
        self.serve_lines(tokio::io::stdin(), tokio::io::stdout())
            .await
    }

    /// Serves one client that writes newline-delimited JSON-RPC messages to `input` and reads
    /// the answers from `output`, until `input` ends.
    ///
    /// Unlike rmcp's stdio transport, which drops what it cannot parse, every message gets an
    /// answer: a line that is not UTF-8 or not JSON (or longer than [`MAX_LINE`]) is answered
    /// `-32700` (parse error, id `null`), a `tools/call` whose `arguments` are not a JSON
    /// object or nest deeper than [`MAX_ARGUMENT_DEPTH`](crate::MAX_ARGUMENT_DEPTH) levels
    /// `-32602` (invalid params).
    pub async fn serve_lines<R, W>(self, input: R, output: W) -> Result<(), ServeError>
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (to_server, server_input) = tokio::io::duplex(PIPE);
        let (server_output, from_server) = tokio::io::duplex(PIPE);
        let (refusals, refused) = mpsc::unbounded_channel::<String>();
        let reader = tokio::spawn(read_lines(input, to_server, refusals));
        let writer = tokio::spawn(write_lines(from_server, refused, output));
        let served = async {
            let running = self
                .serve((server_input, server_output))
                .await
                .map_err(|error| ServeError(error.to_string()))?;
            running
                .waiting()
                .await
                .map_err(|error| ServeError(error.to_string()))?;
            Ok::<(), ServeError>(())
        }
        .await;
        // rmcp stopped: its output pipe is closed, so the writer ends once it has written the
        // last answers; the reader may still wait on input nobody reads.
        reader.abort();
        let written = writer
            .await
            .map_err(|error| ServeError(error.to_string()))?;
        served?;
        written.map_err(|error| ServeError(format!("cannot write to the client: {error}")))
    }
}

/// Reads `input` line by line: what passes the checks goes to rmcp, what does not becomes a
/// refusal for the writer.
async fn read_lines<R: AsyncRead + Unpin>(
    input: R,
    mut to_server: tokio::io::DuplexStream,
    refusals: mpsc::UnboundedSender<String>,
) -> std::io::Result<()> {
    let mut input = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut input)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut line)
            .await?;
        if read == 0 {
            return Ok(());
        }
        if line.last() != Some(&b'\n') && line.len() > MAX_LINE {
            skip_line(&mut input).await?;
            let refusal = serde_json::json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": { "code": PARSE_ERROR, "message": format!("the message is longer than {MAX_LINE} bytes") },
            });
            let _ = refusals.send(refusal.to_string());
            continue;
        }
        let message = trim_line(&line);
        if message.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match jsonrpc::check(message) {
            Ok(()) => {
                to_server.write_all(message).await?;
                to_server.write_all(b"\n").await?;
            }
            Err(refusal) => {
                let _ = refusals.send(refusal.to_line());
            }
        }
    }
}

/// Skips the rest of an over-long line.
async fn skip_line<R: AsyncRead + Unpin>(input: &mut BufReader<R>) -> std::io::Result<()> {
    loop {
        let buffer = input.fill_buf().await?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(end) => {
                input.consume(end + 1);
                return Ok(());
            }
            None => {
                let length = buffer.len();
                input.consume(length);
            }
        }
    }
}

/// A line without its `\n` or `\r\n`.
fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Writes rmcp's answers and the refusals to `output`, whole lines at a time, until rmcp's
/// output ends.
async fn write_lines<W: AsyncWrite + Unpin>(
    from_server: tokio::io::DuplexStream,
    mut refused: mpsc::UnboundedReceiver<String>,
    mut output: W,
) -> std::io::Result<()> {
    let mut from_server = BufReader::new(from_server);
    let mut line = Vec::new();
    loop {
        tokio::select! {
            read = from_server.read_until(b'\n', &mut line) => {
                if read? == 0 {
                    break;
                }
                output.write_all(&line).await?;
                output.flush().await?;
                line.clear();
            }
            Some(refusal) = refused.recv() => {
                output.write_all(refusal.as_bytes()).await?;
                output.write_all(b"\n").await?;
                output.flush().await?;
            }
        }
    }
    while let Ok(refusal) = refused.try_recv() {
        output.write_all(refusal.as_bytes()).await?;
        output.write_all(b"\n").await?;
    }
    output.flush().await
}

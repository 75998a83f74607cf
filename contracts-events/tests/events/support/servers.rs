//! Real servers for the tests: `nats-server` with JetStream and PostgreSQL, each started on a
//! free loopback port in a temporary directory and stopped when dropped.
//!
//! A missing binary fails the test with what to install: these tests never pass without their
//! server.

use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A free TCP port on 127.0.0.1 (free when asked; the server binds it right after).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free loopback port")
}

/// `name` on the PATH or in one of `dirs`.
fn find(name: &str, dirs: &[PathBuf]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(dirs.iter().cloned())
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn wait_for_port(port: u16, what: &str, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(log).unwrap_or_default();
            panic!("{what} did not listen on 127.0.0.1:{port} within 30 s; its log:\n{log}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends `signal` to `child` and waits for it, killing it if the signal cannot be sent.
fn terminate(mut child: Child, signal: &str) {
    let sent = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    if !sent {
        let _ = child.kill();
    }
    let _ = child.wait();
}

fn log_file(path: &Path) -> (Stdio, Stdio) {
    let file = std::fs::File::create(path).expect("a log file");
    let copy = file.try_clone().expect("a log file");
    (Stdio::from(file), Stdio::from(copy))
}

/// A `nats-server -js` on a loopback port, its store in a temporary directory.
pub struct NatsServer {
    binary: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl NatsServer {
    /// Starts a server, waiting until it listens.
    pub fn start() -> NatsServer {
        let binary =
            find("nats-server", &["/usr/sbin".into(), "/usr/bin".into()]).unwrap_or_else(|| {
                panic!(
                    "`nats-server` is not installed: the JetStream tests need it \
                 (Debian/Ubuntu: `apt-get install -y nats-server`; elsewhere: https://nats.io)"
                )
            });
        let mut server = NatsServer {
            binary,
            dir: tempfile::tempdir().expect("a temporary directory"),
            port: free_port(),
            child: None,
        };
        server.restart();
        server
    }

    /// `nats://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Starts the server again on the same port and store (after [`stop`](Self::stop)).
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "the server is running");
        let log = self.dir.path().join("nats.log");
        let (out, err) = log_file(&log);
        let child = Command::new(&self.binary)
            .args([
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-sd",
            ])
            .arg(self.dir.path().join("store"))
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("nats-server starts");
        self.child = Some(child);
        wait_for_port(self.port, "nats-server", &log);
    }

    /// Stops the server (SIGTERM: it closes its clients and flushes its store; SIGKILL if
    /// that fails).
    pub fn stop(&mut self) {
        if let Some(child) = self.child.take() {
            terminate(child, "-TERM");
        }
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A PostgreSQL cluster on a loopback port, in a temporary directory, with user `postgres`
/// trusted on loopback. Run as root, it runs as the `postgres` user (or `nobody`), since
/// PostgreSQL refuses to run as root.
pub struct Postgres {
    /// Removed when the server is dropped.
    _dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

/// The binaries of the newest PostgreSQL on the PATH or under `/usr/lib/postgresql`.
fn postgres_binaries() -> (PathBuf, PathBuf) {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| entries.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    dirs.sort_by_key(|dir| {
        let version = dir.parent().and_then(Path::file_name);
        version
            .and_then(|v| v.to_str()?.parse::<u32>().ok())
            .unwrap_or(0)
    });
    dirs.reverse();
    match (find("initdb", &dirs), find("postgres", &dirs)) {
        (Some(initdb), Some(postgres)) => (initdb, postgres),
        _ => panic!(
            "PostgreSQL is not installed: the outbox tests need `initdb` and `postgres` \
             (Debian/Ubuntu: `apt-get install -y postgresql`; elsewhere: https://www.postgresql.org/download/)"
        ),
    }
}

/// The uid and gid of `user` in /etc/passwd.
fn ids_of(user: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        (fields.first() == Some(&user) && fields.len() > 3)
            .then(|| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))?
    })
}

impl Postgres {
    /// Creates a cluster and starts it with `settings` (`name=value` server settings), waiting
    /// until it accepts connections.
    pub fn start(settings: &[&str]) -> Postgres {
        let (initdb, postgres) = postgres_binaries();
        let dir = tempfile::tempdir().expect("a temporary directory");
        // Who we are: the owner of what we just created.
        let root = std::fs::metadata(dir.path())
            .map(|m| m.uid() == 0)
            .unwrap_or(false);
        let run_as = if root {
            let ids = ids_of("postgres").or_else(|| ids_of("nobody")).expect(
                "running as root, PostgreSQL needs another user to run as: `postgres` or `nobody`",
            );
            std::os::unix::fs::chown(dir.path(), Some(ids.0), Some(ids.1))
                .expect("the temporary directory given to the PostgreSQL user");
            Some(ids)
        } else {
            None
        };
        let command = |binary: &Path| {
            let mut command = Command::new(binary);
            command.current_dir(dir.path());
            if let Some((uid, gid)) = run_as {
                command.uid(uid).gid(gid);
            }
            command
        };
        let data = dir.path().join("data");
        let log = dir.path().join("postgres.log");
        let (out, err) = log_file(&log);
        if let Some((uid, gid)) = run_as {
            std::os::unix::fs::chown(&log, Some(uid), Some(gid)).expect("the log file");
        }
        let status = command(&initdb)
            .args([
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "-D",
            ])
            .arg(&data)
            .stdout(out)
            .stderr(err)
            .status()
            .expect("initdb runs");
        assert!(
            status.success(),
            "initdb failed: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        let port = free_port();
        let (out, err) = log_file(&log);
        let mut start = command(&postgres);
        start
            .arg("-D")
            .arg(&data)
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-k"])
            .arg(dir.path());
        for setting in settings {
            start.args(["-c", setting]);
        }
        let child = start
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("postgres starts");
        wait_for_port(port, "PostgreSQL", &log);
        // It listens before it accepts sessions.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !std::fs::read_to_string(&log)
            .unwrap_or_default()
            .contains("ready to accept connections")
        {
            assert!(
                Instant::now() < deadline,
                "PostgreSQL did not become ready within 30 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Postgres {
            _dir: dir,
            port,
            child: Some(child),
        }
    }

    /// The connection string of database `postgres` as user `postgres`.
    pub fn config(&self) -> String {
        format!(
            "host=127.0.0.1 port={} user=postgres dbname=postgres",
            self.port
        )
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if let Some(child) = self.child.take() {
            // A fast shutdown (SIGINT) lets the postmaster stop its backends.
            terminate(child, "-INT");
        }
    }
}

//! The `healthcheck` subcommand: probes `/healthz` of a running instance over plain TCP, so a
//! container image without curl can still have a HEALTHCHECK.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Asks `GET /healthz` of the instance at `host:port`; the report is one line starting
/// `healthy:` or `unhealthy:`.
pub fn probe(host: &str, port: u16, timeout: Duration) -> Result<String, String> {
    ask(host, port, timeout).map_err(|reason| format!("unhealthy: {reason}"))
}

fn ask(host: &str, port: u16, timeout: Duration) -> Result<String, String> {
    let host = match host {
        "0.0.0.0" | "" => "127.0.0.1",
        "::" | "[::]" => "::1",
        other => other,
    };
    let target = format!("{host}:{port}");
    let address = (host, port)
        .to_socket_addrs()
        .map_err(|error| format!("cannot resolve {target}: {error}"))?
        .next()
        .ok_or_else(|| format!("{target} resolves to no address"))?;
    let mut stream = TcpStream::connect_timeout(&address, timeout)
        .map_err(|error| format!("cannot connect to {target}: {error}"))?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| e.to_string())?;
    let request =
        format!("GET /healthz HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\nUser-Agent: healthcheck\r\n\r\n");
    stream.write_all(request.as_bytes()).map_err(|error| format!("cannot send to {target}: {error}"))?;
    let mut head = [0u8; 64];
    let read = stream.read(&mut head).map_err(|error| format!("no answer from {target}: {error}"))?;
    let status_line = String::from_utf8_lossy(&head[..read]);
    let status = status_line.lines().next().unwrap_or_default().trim().to_owned();
    if status.starts_with("HTTP/1.1 200") || status.starts_with("HTTP/1.0 200") {
        Ok(format!("healthy: http://{target}/healthz answered {status}"))
    } else if status.is_empty() {
        Err(format!("http://{target}/healthz closed without answering"))
    } else {
        Err(format!("http://{target}/healthz answered {status}"))
    }
}

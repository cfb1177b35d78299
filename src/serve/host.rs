//! Which `Host` a request may name. Without this check, DNS rebinding lets any web page the
//! author visits read the preview: its name is made to resolve to 127.0.0.1, and the browser
//! then treats the preview as that page's own origin. Vite and webpack-dev-server check the
//! same way: loopback names and IP addresses pass, other names are refused.

use std::net::IpAddr;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The hosts the preview answers to, from the address it listens on.
#[derive(Debug, Clone, Copy)]
pub struct Hosts {
    bound: IpAddr,
}

impl Hosts {
    /// The hosts of a preview listening on `bound`.
    pub fn new(bound: IpAddr) -> Self {
        Hosts { bound }
    }

    /// Whether a `Host` header (a name or an address, with or without a port) names this
    /// preview: `localhost`, `*.localhost`, a loopback address or the address it listens on;
    /// on every interface (`0.0.0.0`, `::`), any IP address, since any of the machine's may
    /// be typed and an address, unlike a name, cannot be rebound.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = name_of(host) else {
            return false;
        };
        if let Ok(ip) = name.parse::<IpAddr>() {
            let ip = ip.to_canonical();
            return ip.is_loopback()
                || ip == self.bound.to_canonical()
                || self.bound.is_unspecified();
        }
        let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
        let valid = name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        valid && (name == "localhost" || name.ends_with(".localhost"))
    }
}

/// The name or address of a `Host` header without its port; `None` when malformed.
fn name_of(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            inside.parse::<std::net::Ipv6Addr>().ok()?;
            let port = if after.is_empty() {
                ""
            } else {
                after.strip_prefix(':')?
            };
            (inside, port)
        }
        None => host.split_once(':').unwrap_or((host, "")),
    };
    let port_ok = port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    (port_ok && !name.is_empty()).then_some(name)
}

/// Refuses, with 421 Misdirected Request, a request whose `Host` is not this preview's.
pub async fn check(State(hosts): State<Hosts>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    // An absolute request target names the host too, and wins over the header (RFC 9112).
    let named = request.uri().authority().map(|a| a.as_str()).or(host);
    match named {
        Some(host) if hosts.allows(host) => next.run(request).await,
        _ => refuse(named.unwrap_or("")),
    }
}

fn refuse(host: &str) -> Response {
    let shown: String = host.chars().filter(|c| !c.is_control()).take(100).collect();
    let text = format!(
        "guidewright serve answers only requests for localhost, a loopback address or the \
         address it listens on, as a defence against DNS rebinding; this request was for \
         \"{shown}\".\nOpen the preview at the address serve printed (http://localhost:PORT/ \
         works too).\n"
    );
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(bound: &str, host: &str) -> bool {
        Hosts::new(bound.parse().unwrap()).allows(host)
    }

    #[test]
    fn loopback_names_and_addresses_pass() {
        for host in [
            "localhost",
            "localhost:3131",
            "LOCALHOST.",
            "a.b.localhost:80",
            "127.0.0.1",
            "127.9.8.7:1",
            "[::1]",
            "[::1]:3131",
            "[::ffff:127.0.0.1]:3131",
        ] {
            assert!(allows("127.0.0.1", host), "{host}");
        }
    }

    #[test]
    fn other_names_and_malformed_hosts_are_refused() {
        for host in [
            "",
            "evil.example",
            "evil.example:3131",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "evillocalhost",
            "10.0.0.8",
            "192.168.1.5:3131",
            "[::2]",
            "::1",
            "[::1",
            "[::1]x",
            "localhost:x",
            "localhost:123456",
            "local host",
            "a..localhost",
            ":3131",
        ] {
            assert!(!allows("127.0.0.1", host), "{host:?}");
        }
    }

    #[test]
    fn the_bound_address_passes_and_every_address_on_every_interface() {
        assert!(allows("192.168.1.5", "192.168.1.5:3131"));
        assert!(allows("192.168.1.5", "localhost:3131"));
        assert!(!allows("192.168.1.5", "192.168.1.6"));
        assert!(!allows("192.168.1.5", "laptop.lan"));
        assert!(allows("fe80::1", "[fe80::1]:3131"));
        for bound in ["0.0.0.0", "::"] {
            assert!(allows(bound, "192.168.1.5:3131"));
            assert!(allows(bound, "[2001:db8::1]"));
            assert!(!allows(bound, "evil.example"));
        }
    }
}

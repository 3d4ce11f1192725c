//! Reading a request head: the limits on its size, parsing (by `httparse`), and the check of
//! the `Host` header that keeps web pages elsewhere from reading the preview by DNS rebinding.

use httparse::Status;
use std::net::{IpAddr, SocketAddr};

/// The longest request line (method, target, version) answered; a longer one gets 414.
pub const MAX_LINE: usize = 8 * 1024;
/// The most bytes of header fields after the request line; more get 431.
pub const MAX_HEADERS: usize = 64 * 1024;
/// The most header fields; more get 431.
const MAX_FIELDS: usize = 100;

/// A request head, with what the server needs of its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The request target as sent (`/guides/x/?a=1`).
    pub target: String,
    /// `HTTP/1.minor`.
    pub minor: u8,
    /// Every `Host` field's value, in order.
    pub hosts: Vec<String>,
    /// Whether the client wants the connection kept open after the answer.
    pub keep_alive: bool,
    /// Whether a body follows (`Content-Length` other than 0, or `Transfer-Encoding`); the
    /// server reads none, so it closes the connection after answering.
    pub has_body: bool,
}

/// What a buffer holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// The start of a head: more bytes are needed.
    Partial,
    /// A complete head, and how many bytes of the buffer it took.
    Complete(Head, usize),
    /// No acceptable head: answer with this status and close.
    Refused(u16),
}

/// Parses the head at the start of `buf`, within the limits.
pub fn parse(buf: &[u8]) -> Parsed {
    // httparse has no limit of its own on lengths: the line is measured first.
    let line_end = buf.iter().position(|&b| b == b'\n');
    if line_end.unwrap_or(buf.len()) > MAX_LINE {
        return Parsed::Refused(414);
    }
    let fields_start = line_end.map_or(buf.len(), |n| n + 1);
    let mut fields = [httparse::EMPTY_HEADER; MAX_FIELDS];
    let mut req = httparse::Request::new(&mut fields);
    match req.parse(buf) {
        Ok(Status::Complete(n)) if n - fields_start > MAX_HEADERS => Parsed::Refused(431),
        Ok(Status::Complete(n)) => Parsed::Complete(head(&req), n),
        Ok(Status::Partial) if buf.len() - fields_start > MAX_HEADERS => Parsed::Refused(431),
        Ok(Status::Partial) => Parsed::Partial,
        Err(httparse::Error::TooManyHeaders) => Parsed::Refused(431),
        Err(_) => Parsed::Refused(400),
    }
}

fn head(req: &httparse::Request) -> Head {
    let minor = req.version.unwrap_or(1);
    let mut hosts = Vec::new();
    let mut connection = Vec::new();
    let mut has_body = false;
    for f in req.headers.iter() {
        let value = String::from_utf8_lossy(f.value).trim().to_string();
        if f.name.eq_ignore_ascii_case("host") {
            hosts.push(value);
        } else if f.name.eq_ignore_ascii_case("connection") {
            connection.extend(value.split(',').map(|t| t.trim().to_ascii_lowercase()));
        } else if f.name.eq_ignore_ascii_case("transfer-encoding") {
            has_body = true;
        } else if f.name.eq_ignore_ascii_case("content-length") {
            has_body |= value != "0";
        }
    }
    let keep_alive = if minor == 0 {
        connection.iter().any(|t| t == "keep-alive")
    } else {
        !connection.iter().any(|t| t == "close")
    };
    Head {
        method: req.method.unwrap_or_default().to_string(),
        target: req.path.unwrap_or_default().to_string(),
        minor,
        hosts,
        keep_alive,
        has_body,
    }
}

/// The `Host` values the server answers to: `127.0.0.1`, `localhost`, `[::1]` and the address
/// it listens on, each with its port (the port may be left out only when it is 80). Listening
/// on every address (`0.0.0.0`, `::`), any IP address with the port is accepted: a rebinding
/// attack needs a domain name of its own in `Host`, never an IP address.
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    any_ip: bool,
    port: u16,
}

impl Hosts {
    pub fn new(addr: SocketAddr) -> Hosts {
        let mut names: Vec<String> = ["127.0.0.1", "localhost", "[::1]"].map(String::from).into();
        names.push(host_name(addr.ip()));
        Hosts {
            names,
            any_ip: addr.ip().is_unspecified(),
            port: addr.port(),
        }
    }

    /// Whether a `Host` value names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.rfind(':') {
            // `[::1]` alone has colons but no port.
            Some(i) if !host[i..].contains(']') => (&host[..i], Some(&host[i + 1..])),
            _ => (&host[..], None),
        };
        let port_ok = match port {
            Some(p) => p.parse::<u16>().ok() == Some(self.port) && !p.starts_with('+'),
            None => self.port == 80,
        };
        port_ok && (self.names.iter().any(|n| n == name) || (self.any_ip && is_ip(name)))
    }
}

/// An address as written in a `Host` field (`[::1]` for IPv6).
fn host_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

fn is_ip(name: &str) -> bool {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => name.parse::<std::net::Ipv4Addr>().is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(bytes: &[u8]) -> (Head, usize) {
        match parse(bytes) {
            Parsed::Complete(h, n) => (h, n),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heads_are_parsed_with_their_connection_and_body() {
        let text = b"GET /a?b HTTP/1.1\r\nHost: localhost:8\r\n\r\nGET /next";
        let (head, n) = complete(text);
        assert_eq!(n, text.len() - "GET /next".len());
        assert_eq!(head.target, "/a?b");
        assert_eq!(head.hosts, ["localhost:8"]);
        assert!(head.keep_alive && !head.has_body);
        let (h, _) = complete(b"GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n");
        assert!(!h.keep_alive);
        let (h, _) = complete(b"GET / HTTP/1.0\r\n\r\n");
        assert!(!h.keep_alive && h.minor == 0 && h.hosts.is_empty());
        let (h, _) = complete(b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assert!(h.keep_alive);
        let (h, _) = complete(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        assert!(h.has_body);
        assert_eq!(parse(b"GET / HTTP/1.1\r\nHost: x"), Parsed::Partial);
        assert_eq!(parse(b"\x01\x02 nonsense\r\n\r\n"), Parsed::Refused(400));
    }

    #[test]
    fn long_lines_and_large_heads_are_refused() {
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(parse(long.as_bytes()), Parsed::Refused(414));
        // Refused before the line ends: nothing more needs to be read.
        assert_eq!(
            parse(&long.as_bytes()[..MAX_LINE + 1]),
            Parsed::Refused(414)
        );
        let fits = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE - 20));
        assert!(matches!(parse(fits.as_bytes()), Parsed::Complete(..)));

        let field = format!("X-Big: {}\r\n", "b".repeat(1000));
        let big = format!("GET / HTTP/1.1\r\n{}\r\n", field.repeat(70));
        assert_eq!(parse(big.as_bytes()), Parsed::Refused(431));
        assert_eq!(
            parse(&big.as_bytes()[..MAX_HEADERS + 100]),
            Parsed::Refused(431)
        );
        let many = format!(
            "GET / HTTP/1.1\r\n{}\r\n",
            "A: b\r\n".repeat(MAX_FIELDS + 1)
        );
        assert_eq!(parse(many.as_bytes()), Parsed::Refused(431));
        let some = format!("GET / HTTP/1.1\r\n{}\r\n", field.repeat(60));
        assert!(matches!(parse(some.as_bytes()), Parsed::Complete(..)));
    }

    #[test]
    fn only_this_servers_names_with_its_port_are_hosts() {
        let local = Hosts::new("127.0.0.1:4000".parse().unwrap());
        for ok in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LocalHost:4000",
            "[::1]:4000",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:4000",
            "127.0.0.1",
            "127.0.0.1:4001",
            "127.0.0.1:+4000",
            "localhost",
            "localhost.evil.example:4000",
            "[::1]",
            "192.168.1.2:4000",
            "",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let v6 = Hosts::new("[::1]:80".parse().unwrap());
        assert!(v6.allows("[::1]") && v6.allows("[::1]:80") && v6.allows("localhost"));
        let lan = Hosts::new("192.168.1.2:4000".parse().unwrap());
        assert!(lan.allows("192.168.1.2:4000") && !lan.allows("192.168.1.3:4000"));
        let all = Hosts::new("0.0.0.0:4000".parse().unwrap());
        assert!(all.allows("10.1.2.3:4000") && all.allows("[fe80::1]:4000"));
        assert!(!all.allows("rebind.example:4000") && !all.allows("10.1.2.3:4001"));
    }
}

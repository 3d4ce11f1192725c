//! An answer, and its bytes on the wire: the status line, the fields and the body in one
//! buffer, so that a response leaves in one write (small writes in turn meet delayed
//! acknowledgement and wait about 40 ms each on a kept-alive connection).

/// An answer to one request.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// `Location`, for redirects.
    pub location: Option<String>,
    /// `Retry-After` in seconds, for 503.
    pub retry_after: Option<u32>,
    /// Close the connection after this answer.
    pub close: bool,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: content_type.to_string(),
            body,
            location: None,
            retry_after: None,
            close: false,
        }
    }

    /// A short plain-text answer.
    pub fn plain(status: u16, text: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    /// A refusal after which the connection is closed (a malformed or oversized head).
    pub fn refusal(status: u16) -> Reply {
        let text = match status {
            408 => "The request took too long to arrive.\n",
            414 => "Request line too long.\n",
            431 => "Request header fields too large.\n",
            _ => "Bad request.\n",
        };
        Reply {
            close: true,
            ..Reply::plain(status, text)
        }
    }

    /// The bytes to send: with the body unless `head_only` (a HEAD request), always with a
    /// `Content-Length`, so that browsers show the progress of large PDFs.
    pub fn to_bytes(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        use std::fmt::Write;
        let mut head = String::with_capacity(256);
        let _ = write!(
            head,
            "HTTP/1.1 {} {}\r\nDate: {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
            self.status,
            reason(self.status),
            httpdate::fmt_http_date(std::time::SystemTime::now()),
            self.content_type,
            self.body.len()
        );
        if let Some(l) = &self.location {
            let _ = write!(head, "Location: {l}\r\n");
        }
        if let Some(s) = self.retry_after {
            let _ = write!(head, "Retry-After: {s}\r\n");
        }
        head.push_str(if keep_alive && !self.close {
            "Connection: keep-alive\r\n\r\n"
        } else {
            "Connection: close\r\n\r\n"
        });
        let mut out = head.into_bytes();
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }
}

/// The reason phrase of the statuses the preview sends (a table of a dozen lines, where the
/// `http` crate would bring a dependency for one function).
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_buffer_holds_the_head_and_the_body() {
        let mut r = Reply::new(200, "text/html; charset=utf-8", b"<p>hi</p>".to_vec());
        r.location = Some("/x/".into());
        let text = String::from_utf8(r.to_bytes(false, true)).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(text.contains("\r\nContent-Length: 9\r\n"));
        assert!(text.contains("\r\nLocation: /x/\r\n"));
        assert!(text.ends_with("\r\nConnection: keep-alive\r\n\r\n<p>hi</p>"));
        let head = String::from_utf8(r.to_bytes(true, false)).unwrap();
        assert!(head.ends_with("Content-Length: 9\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nLocation: /x/\r\nConnection: close\r\n\r\n"));
        let refused = String::from_utf8(Reply::refusal(431).to_bytes(false, true)).unwrap();
        assert!(refused.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(refused.contains("Connection: close"));
    }
}

//! Answering HTTP requests from the in-memory site: safe path resolution, content types, the
//! site's 404 page, the build error page, and the reload script injected into served pages.

use super::reload;
use super::site::{Served, Shared};
use percent_encoding::percent_decode_str;
use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Where the preview server's own files live; site paths never start with `__`.
pub const PREFIX: &str = "/__guidewright/";

/// How long a request for a PDF waits for PDFs being made again.
const PDF_WAIT: Duration = Duration::from_secs(60);

/// The site path a request path names (`guides/x/index.html`), or `None` when it is not a
/// plain path inside the site: traversal (`..`, `.`), backslashes, NUL and other control
/// characters, empty segments, drive letters, or anything that is so once percent-decoded.
pub fn resolve(raw: &str) -> Option<String> {
    let path = raw.split(['?', '#']).next().unwrap_or_default();
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        let bad = *s == "." || *s == ".." || s.contains(':') || (s.is_empty() && i != last);
        if bad {
            return None;
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Some(format!("{decoded}index.html"))
    } else {
        Some(decoded.into_owned())
    }
}

/// The `Content-Type` of a site file.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml");
    if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// Sends a response (tiny_http leaves the body out for HEAD requests).
fn respond(req: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let len = body.len();
    let response = Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        Cursor::new(body),
        Some(len),
        None,
    )
    // Always a Content-Length, so that browsers show the progress of large PDFs.
    .with_chunked_threshold(usize::MAX);
    // The client may have gone; nothing to do about it.
    let _ = req.respond(response);
}

fn plain(req: Request, status: u16, text: &str) {
    respond(
        req,
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    );
}

/// Whether a request is for the reload event stream (answered on its own thread).
pub fn is_event_stream(req: &Request) -> bool {
    req.url().split('?').next() == Some(&format!("{PREFIX}events")[..])
}

/// Answers one request (not the event stream).
pub fn handle(shared: &Shared, req: Request) {
    if !matches!(req.method(), Method::Get | Method::Head) {
        return plain(req, 405, "Only GET and HEAD are supported.\n");
    }
    let url = req.url().to_string();
    if url.split('?').next() == Some(&format!("{PREFIX}reload.js")[..]) {
        let js = reload::SCRIPT.as_bytes().to_vec();
        return respond(req, 200, &content_type("reload.js"), js);
    }
    let Some(path) = resolve(&url) else {
        return plain(req, 400, "Bad request: not a path inside the site.\n");
    };
    if path.ends_with(".pdf") && shared.lock().pdfs_pending {
        drop(shared.wait_until(PDF_WAIT, |s| !s.pdfs_pending));
    }
    let s = shared.lock();
    let file = s.files.get(&path).cloned();
    let is_page = path.ends_with(".html");
    if let Some(error) = s.error.clone().filter(|_| is_page || file.is_none()) {
        let page = reload::inject(&error_page(&error), "", &s);
        drop(s);
        return respond(req, 500, &content_type("error.html"), page);
    }
    if let Some(bytes) = file {
        let body = if is_page {
            reload::inject(&bytes, &path, &s)
        } else {
            bytes.to_vec()
        };
        drop(s);
        return respond(req, 200, &content_type(&path), body);
    }
    if s.files.contains_key(&format!("{path}/index.html")) {
        drop(s);
        return redirect(req, &url);
    }
    not_found(req, s)
}

/// `/guides/x` → `/guides/x/`, so that the page's relative links work.
fn redirect(req: Request, url: &str) {
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, format!("?{q}")),
        None => (url, String::new()),
    };
    let location = format!("{path}/{query}");
    let response = Response::from_string(format!("Moved to {location}\n"))
        .with_status_code(301)
        .with_header(header("Location", &location))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"));
    let _ = req.respond(response);
}

fn not_found(req: Request, s: std::sync::MutexGuard<'_, Served>) {
    match s.files.get("404.html").cloned() {
        Some(page) => {
            let body = reload::inject(&page, "404.html", &s);
            drop(s);
            respond(req, 404, &content_type("404.html"), body)
        }
        None => {
            drop(s);
            plain(req, 404, "Not found.\n")
        }
    }
}

/// The page shown in place of every page while the content has errors.
pub fn error_page(error: &str) -> Vec<u8> {
    let escaped = html_escape::encode_text(error);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Build error – guidewright</title>\n<style>\n\
         body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #0b0c0c; }}\n\
         h1 {{ font-size: 1.6rem; border-left: 6px solid #d4351c; padding-left: .75rem; }}\n\
         pre {{ background: #f3f2f1; padding: 1rem; overflow-x: auto; font-size: .95rem; \
         line-height: 1.4; white-space: pre; }}\n</style>\n</head>\n<body>\n<main>\n\
         <h1>The site could not be built</h1>\n\
         <p>Fix the problem below and save the file: this page reloads by itself.</p>\n\
         <pre tabindex=\"0\">{escaped}</pre>\n</main>\n</body>\n</html>\n"
    )
    .into_bytes()
}

/// Answers a request for the reload event stream, keeping the connection open and sending an
/// event whenever pages change. Returns when the client goes away or the server stops.
pub fn event_stream(shared: Arc<Shared>, req: Request, instance: &str) {
    let url = req.url().to_string();
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    };
    let mut since: u64 = param("since").and_then(|v| v.parse().ok()).unwrap_or(0);
    let same_server = param("server") == Some(instance);
    let mut out = req.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    if !same_server {
        // A page served by an earlier run of the server: everything may have changed.
        let _ = reload::send(&mut out, &super::site::Change::All, 0);
        return;
    }
    loop {
        let (change, generation) = {
            let s = shared.wait_until(Duration::from_secs(15), |s| s.generation > since);
            if s.stopping {
                return;
            }
            (s.changes_since(since), s.generation)
        };
        let sent = match change {
            Some(c) => reload::send(&mut out, &c, generation),
            None => out.write_all(b": ping\n\n").and_then(|_| out.flush()),
        };
        if sent.is_err() {
            return;
        }
        since = generation;
    }
}

use std::io::Write;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_plain_paths() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/guides/a/").as_deref(),
            Some("guides/a/index.html")
        );
        assert_eq!(
            resolve("/guides/a/b.html?x=1#top").as_deref(),
            Some("guides/a/b.html")
        );
        assert_eq!(resolve("/a%20b.html").as_deref(), Some("a b.html"));
        assert_eq!(resolve("/guides/a").as_deref(), Some("guides/a"));
    }

    #[test]
    fn rejects_everything_outside_the_site() {
        for bad in [
            "/../etc/passwd",
            "/guides/../../x",
            "/./index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2fetc/passwd",
            "/..%5cetc",
            "/..\\etc",
            "/a\\b",
            "//etc/passwd",
            "/a//b",
            "/index.html%00.pdf",
            "/C:/Windows/win.ini",
            "/%c0%ae%c0%ae/etc",
            "etc/passwd",
            "http://example.org/",
            "*",
        ] {
            assert_eq!(resolve(bad), None, "{bad} must be refused");
        }
    }

    #[test]
    fn content_types_name_the_charset_of_text() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("g/g.pdf"), "application/pdf");
        assert!(content_type("assets/checklist-form.js").contains("javascript"));
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }

    #[test]
    fn error_page_escapes_the_report() {
        let page = String::from_utf8(error_page("error: <script>alert(1)</script> & co")).unwrap();
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assert!(!page.contains("<script>alert"));
    }
}

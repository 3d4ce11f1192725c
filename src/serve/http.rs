//! Answering HTTP requests from the in-memory site: safe path resolution, content types, the
//! site's 404 page, the build error page, and the reload script injected into served pages.

use super::reload;
use super::response::Reply;
use super::site::{Served, Shared};
use percent_encoding::percent_decode_str;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

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

/// Whether a request target is the reload event stream (answered by [`super::streams`]).
pub fn is_event_stream(target: &str) -> bool {
    target.split('?').next() == Some(&format!("{PREFIX}events")[..])
}

/// Answers one GET or HEAD request (not the event stream). `pdf_waits` counts the requests
/// waiting for PDFs being made: at most `max_pdf_waits` wait, so that the workers are never all
/// held; the others are asked to come back.
pub fn handle(shared: &Shared, url: &str, pdf_waits: &AtomicUsize, max_pdf_waits: usize) -> Reply {
    if url.split('?').next() == Some(&format!("{PREFIX}reload.js")[..]) {
        let js = reload::SCRIPT.as_bytes().to_vec();
        return Reply::new(200, &content_type("reload.js"), js);
    }
    let Some(path) = resolve(url) else {
        return Reply::plain(400, "Bad request: not a path inside the site.\n");
    };
    if path.ends_with(".pdf") && shared.lock().pdfs_pending {
        if pdf_waits.fetch_add(1, Ordering::SeqCst) >= max_pdf_waits {
            pdf_waits.fetch_sub(1, Ordering::SeqCst);
            let mut busy = Reply::plain(503, "The PDFs are being made: try again in a moment.\n");
            busy.retry_after = Some(2);
            return busy;
        }
        drop(shared.wait_until(PDF_WAIT, |s| !s.pdfs_pending));
        pdf_waits.fetch_sub(1, Ordering::SeqCst);
    }
    let s = shared.lock();
    let file = s.files.get(&path).cloned();
    let is_page = path.ends_with(".html");
    if let Some(error) = s.error.clone().filter(|_| is_page || file.is_none()) {
        let page = reload::inject(&error_page(&error), "", &s);
        return Reply::new(500, &content_type("error.html"), page);
    }
    if let Some(bytes) = file {
        let body = if is_page {
            reload::inject(&bytes, &path, &s)
        } else {
            bytes.to_vec()
        };
        return Reply::new(200, &content_type(&path), body);
    }
    if s.files.contains_key(&format!("{path}/index.html")) {
        return redirect(url);
    }
    not_found(&s)
}

/// `/guides/x` → `/guides/x/`, so that the page's relative links work.
fn redirect(url: &str) -> Reply {
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, format!("?{q}")),
        None => (url, String::new()),
    };
    let location = format!("{path}/{query}");
    let mut r = Reply::plain(301, &format!("Moved to {location}\n"));
    r.location = Some(location);
    r
}

fn not_found(s: &Served) -> Reply {
    match s.files.get("404.html") {
        Some(page) => {
            let body = reload::inject(page, "404.html", s);
            Reply::new(404, &content_type("404.html"), body)
        }
        None => Reply::plain(404, "Not found.\n"),
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

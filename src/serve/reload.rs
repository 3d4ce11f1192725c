//! Live reload: the script added to every page the preview server sends (never to `build`
//! output), and the server-sent events it listens to.

use super::site::{Change, Served};

/// Follows the server's events and reloads the page when it changed (or when everything did).
pub const SCRIPT: &str = r#"// guidewright serve: reloads this page when the site is rebuilt. Not part of built sites.
(function () {
  "use strict";
  var me = document.currentScript;
  var page = me.getAttribute("data-page");
  var url = "/__guidewright/events?since=" + me.getAttribute("data-generation") +
    "&server=" + encodeURIComponent(me.getAttribute("data-server"));
  var events = new EventSource(url);
  events.onmessage = function (event) {
    var change = JSON.parse(event.data);
    if (change.all || change.paths.indexOf(page) >= 0) {
      events.close();
      location.reload();
    }
  };
})();
"#;

/// The tag that loads [`SCRIPT`], naming the page and the generation it was served at.
fn tag(page: &str, served: &Served) -> String {
    format!(
        "<script src=\"/__guidewright/reload.js\" data-page=\"{}\" data-generation=\"{}\" data-server=\"{}\"></script>\n",
        html_escape::encode_double_quoted_attribute(page),
        served.generation,
        html_escape::encode_double_quoted_attribute(&served.instance),
    )
}

/// `html` with the reload tag added before its last `</body>` (or at the end).
pub fn inject(html: &[u8], page: &str, served: &Served) -> Vec<u8> {
    let tag = tag(page, served);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// One event, to be sent in one write: `data: {"generation": N, "all": bool, "paths": [...]}`.
pub fn event(change: &Change, generation: u64) -> String {
    let (all, paths) = match change {
        Change::All => (true, Vec::new()),
        Change::Paths(p) => (false, p.iter().cloned().collect()),
    };
    let data = serde_json::json!({"generation": generation, "all": all, "paths": paths});
    format!("data: {data}\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_goes_before_the_closing_body_tag() {
        let served = Served::default();
        let out = inject(b"<html><body><p>x</p></BODY></html>", "a\"b.html", &served);
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script src=\"/__guidewright/reload.js\" data-page=\"a&quot;b.html\""));
        assert!(out.ends_with("</script>\n</BODY></html>"));
        let bare = String::from_utf8(inject(b"<p>x</p>", "", &served)).unwrap();
        assert!(bare.starts_with("<p>x</p><script"));
    }
}

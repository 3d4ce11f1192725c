//! Wide tables from Markdown scroll sideways inside their own box instead of the page: each
//! bare `<table>` (as the Markdown renderer writes it; the theme's own tables carry a class
//! and wrap themselves) goes into a focusable region named by the table's caption or, without
//! one, by the heading it stands under, so keyboard users can scroll it and screen readers
//! announce it.
//!
//! The page is our own output (the sanitiser only lets plain `<table>` through from content),
//! so finding the tags by text is enough; a table nested in a table is wrapped only once.

/// `html` with every bare `<table>` wrapped in `<div class="gw-scroll" role="region"
/// aria-labelledby="…" tabindex="0">`. Captions without an id get `{prefix}-N-caption`.
pub fn wrap_markdown_tables(html: &str) -> String {
    if !html.contains("<table>") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    let mut n = 0;
    while let Some(at) = rest.find("<table>") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let Some(len) = table_len(from) else {
            out.push_str(from);
            return out;
        };
        n += 1;
        let table = &from[..len];
        let (label, table) = match table.strip_prefix("<table><caption>") {
            Some(after) => {
                let id = format!("md-table-{n}-caption");
                (id.clone(), format!("<table><caption id=\"{id}\">{after}"))
            }
            None => (
                last_heading_id(&out).unwrap_or_else(|| "top".into()),
                table.to_string(),
            ),
        };
        out.push_str(&format!(
            "<div class=\"gw-scroll\" role=\"region\" aria-labelledby=\"{label}\" tabindex=\"0\">{table}</div>"
        ));
        rest = &from[len..];
    }
    out.push_str(rest);
    out
}

/// Length of the table that `s` starts with, through its matching `</table>`.
fn table_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(lt) = s[i..].find('<') {
        let at = i + lt;
        let tail = &s[at..];
        if tail.starts_with("<table") {
            depth += 1;
        } else if tail.starts_with("</table>") {
            depth -= 1;
            if depth == 0 {
                return Some(at + "</table>".len());
            }
        }
        i = at + 1;
    }
    None
}

/// The id of the last heading (`<h1>`–`<h6>` with an `id`) in `html`.
fn last_heading_id(html: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for level in 1..=6 {
        let open = format!("<h{level} id=\"");
        if let Some(at) = html.rfind(&open) {
            let start = at + open.len();
            let end = html[start..].find('"')? + start;
            if best.as_ref().is_none_or(|(b, _)| at > *b) {
                best = Some((at, html[start..end].to_string()));
            }
        }
    }
    best.map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_tables_are_wrapped_and_named_by_their_heading_or_caption() {
        let html = "<h1 id=\"top\">T</h1><h2 id=\"stages\">Stages</h2><p>x</p>\
            <table><thead><tr><th>a</th></tr></thead></table>\
            <table class=\"gw-table\"><tr><td>theme</td></tr></table>\
            <h3 id=\"more\">More</h3><table><caption>Cap</caption><tr><td><table><tr><td>in</td></tr></table></td></tr></table>";
        let out = wrap_markdown_tables(html);
        assert!(out.contains(
            "<div class=\"gw-scroll\" role=\"region\" aria-labelledby=\"stages\" tabindex=\"0\"><table><thead>"
        ), "{out}");
        assert!(
            out.contains("</table></div><table class=\"gw-table\">"),
            "{out}"
        );
        assert!(out.contains(
            "aria-labelledby=\"md-table-2-caption\" tabindex=\"0\"><table><caption id=\"md-table-2-caption\">Cap"
        ), "{out}");
        // The nested table is inside the second region, not wrapped again.
        assert_eq!(out.matches("gw-scroll").count(), 2, "{out}");
        assert!(out.ends_with("</table></td></tr></table></div>"), "{out}");
        assert_eq!(wrap_markdown_tables("<p>none</p>"), "<p>none</p>");
        // An unclosed table is left as it is.
        assert_eq!(wrap_markdown_tables("<table><tr>"), "<table><tr>");
    }
}

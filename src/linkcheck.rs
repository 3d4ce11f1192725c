//! Link checking over a rendered site (in memory, before anything is written): every internal
//! link and asset must name a file of the site, and every `#anchor` an id on the page it
//! points to; external links must be well-formed URLs (no network is used).

use crate::render::OutputFile;
use std::collections::{HashMap, HashSet};

/// A broken or malformed link: the page it is on (path below the site root), the line there,
/// the link as written and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub page: String,
    pub line: usize,
    pub href: String,
    pub problem: String,
}

/// Every `attr="value"` of the given names in an HTML text, with its line number.
fn attributes<'a>(html: &'a str, names: &[&str]) -> Vec<(&'a str, usize)> {
    let mut out = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut from = 0;
        // Lines are counted on from the last attribute found, not from the top of the page
        // for each one (quadratic in a long page full of links).
        let (mut line, mut counted) = (1, 0);
        while let Some(i) = html[from..].find(&needle) {
            let start = from + i + needle.len();
            let Some(len) = html[start..].find('"') else {
                break;
            };
            line += html[counted..start].matches('\n').count();
            counted = start;
            out.push((&html[start..start + len], line));
            from = start + len;
        }
    }
    out.sort_by_key(|a| a.1);
    out
}

/// Decodes the few entities an attribute value of ours can hold.
fn unescape(v: &str) -> String {
    v.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Resolves `href` (relative, without fragment) against the folder of `page`.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Checks every link of every HTML page of `files`. `site_path` is the path part of the base
/// URL (e.g. `/guidance/`), against which root-relative links are resolved.
pub fn check(files: &[OutputFile], site_path: &str) -> Vec<Finding> {
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: Vec<(&str, String)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path.as_str(),
                String::from_utf8_lossy(&f.bytes).into_owned(),
            )
        })
        .collect();
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(p, html)| {
            let set = attributes(html, &["id", "name"])
                .into_iter()
                .map(|(v, _)| unescape(v))
                .collect();
            (*p, set)
        })
        .collect();
    let mut findings = Vec::new();
    for (page, html) in &pages {
        for (raw, line) in attributes(html, &["href", "src"]) {
            let href = unescape(raw);
            let finding = |problem: String| Finding {
                page: page.to_string(),
                line,
                href: href.clone(),
                problem,
            };
            if let Some(problem) = check_one(page, &href, site_path, &paths, &ids) {
                findings.push(finding(problem));
            }
        }
    }
    findings.sort_by(|a, b| (&a.page, a.line).cmp(&(&b.page, b.line)));
    findings
}

/// What is wrong with one link, if anything.
fn check_one(
    page: &str,
    href: &str,
    site_path: &str,
    paths: &HashSet<&str>,
    ids: &HashMap<&str, HashSet<String>>,
) -> Option<String> {
    let scheme = href
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
    if let Some(scheme) = scheme {
        return match scheme.as_str() {
            "http" | "https" => match url::Url::parse(href) {
                Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => None,
                Ok(_) => Some("the web address has no host".into()),
                Err(e) => Some(format!("not a valid web address ({e})")),
            },
            "mailto" => {
                let addr = href[7..].split('?').next().unwrap_or_default();
                (!addr.contains('@') || addr.contains(' '))
                    .then(|| "not a valid email address".to_string())
            }
            "tel" | "data" => None,
            "javascript" => Some("script links are not allowed".into()),
            other => Some(format!("unknown link scheme `{other}:`")),
        };
    }
    if href.starts_with("//") {
        return url::Url::parse(&format!("https:{href}"))
            .err()
            .map(|e| format!("not a valid web address ({e})"));
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        page.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        let base = site_path.trim_start_matches('/');
        match abs.strip_prefix(base) {
            Some(rest) => rest.to_string(),
            None => return Some(format!("outside the site, which lives at {site_path}")),
        }
    } else {
        match resolve(page, &percent_decode(path)) {
            Some(t) => t,
            None => return Some("climbs above the site root".into()),
        }
    };
    let target = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target
    };
    if !paths.contains(target.as_str()) {
        return Some(format!("no such file in the site: {target}"));
    }
    match (fragment, ids.get(target.as_str())) {
        (Some(f), Some(set)) if !f.is_empty() && !set.contains(&percent_decode(f)) => {
            Some(format!("no element with id `{f}` on {target}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_missing_files_anchors_and_malformed_urls() {
        let files = vec![
            file(
                "index.html",
                "<a href=\"guides/a.html#top\">ok</a>\n<a href=\"guides/a.html#nope\">x</a>\n\
                 <a href=\"missing.html\">x</a> <a href=\"https://exa mple.org\">x</a>\n\
                 <a href=\"https://example.org/a?b=1&amp;c\">ok</a> <a href=\"#here\">ok</a>\
                 <p id=\"here\"></p><a href=\"mailto:team@example.org\">ok</a>\
                 <img src=\"assets/x.png\"> <a href=\"/guidance/guides/a.html\">ok</a>",
            ),
            file(
                "guides/a.html",
                "<h1 id=\"top\">A</h1><a href=\"../index.html#here\">ok</a><a href=\"../../x.html\">x</a>",
            ),
        ];
        let found = check(&files, "/guidance/");
        let summary: Vec<(&str, usize, &str)> = found
            .iter()
            .map(|f| (f.page.as_str(), f.line, f.href.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("guides/a.html", 1, "../../x.html"),
                ("index.html", 2, "guides/a.html#nope"),
                ("index.html", 3, "missing.html"),
                ("index.html", 3, "https://exa mple.org"),
                ("index.html", 4, "assets/x.png"),
            ],
            "{found:#?}"
        );
        assert!(found[1].problem.contains("no element with id `nope`"));
    }
}

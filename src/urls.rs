//! Web addresses as authors write them: which ones may be published, and the site's own
//! `base_url`.
//!
//! An address is read the way a browser reads it (the WHATWG URL standard): leading and
//! trailing control characters and spaces are dropped, tabs and line breaks anywhere are
//! removed, and the scheme is the run of letters, digits, `+`, `-` and `.` before the first
//! `:`, in any case. So `JaVaScRiPt:`, ` javascript:` and `java<TAB>script:` are all the
//! script scheme. That reading is a few lines of the standard's "scheme state", written here
//! because the `url` crate normalises silently and does not say what it removed.

/// Schemes an author may link to.
const ALLOWED: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Where an address is written: Markdown text may use `ref:` and `term:` links; a YAML field
/// that holds an address (a footer link, a source) may not, since nothing resolves them there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Markdown,
    Field,
}

/// The address as a browser parses it: without leading and trailing C0 controls and spaces,
/// and without any tab or line break.
fn as_browser_reads(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme of an address as a browser reads it (lower-cased), or `None` for a relative one.
fn scheme(url: &str) -> Option<String> {
    let (head, _) = url.split_once(':')?;
    let mut chars = head.chars();
    let first = chars.next()?;
    let ok = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| head.to_ascii_lowercase())
}

/// Checks an address an author wrote. `Err` says what is wrong, for an error message.
pub fn check(raw: &str, place: Place) -> Result<(), String> {
    let read = as_browser_reads(raw);
    let Some(s) = scheme(&read) else {
        return hidden_scheme(&read);
    };
    let tricks = if read != raw {
        " (browsers ignore the spaces, tabs and line breaks in it)"
    } else {
        ""
    };
    match s.as_str() {
        s if ALLOWED.contains(&s) => Ok(()),
        "ref" | "term" if place == Place::Markdown => Ok(()),
        "ref" | "term" => Err(format!(
            "`{s}:` links work only in Markdown text: write the page's address here"
        )),
        "javascript" | "vbscript" => Err(format!(
            "`{s}:` addresses run script and are not allowed{tricks}"
        )),
        "data" => Err(format!(
            "`data:` addresses are not allowed{tricks}: link to a file by its http or https address"
        )),
        other => Err(format!(
            "unknown address scheme `{other}:`{tricks}: use http, https, mailto or tel, a ref: or term: link, or a relative address"
        )),
    }
}

/// A relative address must not turn into one with a scheme once its character references
/// (`&#106;`) or percent-escapes (`%6A`) are decoded: such an address is either a disguised
/// script link or a mistake.
fn hidden_scheme(read: &str) -> Result<(), String> {
    let entities = html_escape::decode_html_entities(read).into_owned();
    let percent = percent_encoding::percent_decode_str(read)
        .decode_utf8_lossy()
        .into_owned();
    let both = percent_encoding::percent_decode_str(&entities)
        .decode_utf8_lossy()
        .into_owned();
    for (decoded, how) in [
        (entities, "character references"),
        (percent, "percent-escapes"),
        (both, "character references and percent-escapes"),
    ] {
        if let Some(s) = scheme(&as_browser_reads(&decoded)) {
            return Err(format!(
                "the address hides the scheme `{s}:` in {how}: write the address plainly"
            ));
        }
    }
    Ok(())
}

/// Checks and normalises a site's `base_url`: an absolute `http` or `https` address with a
/// host, no user name, query or fragment, ending in `/` (added when missing).
pub fn base_url(raw: &str) -> Result<String, String> {
    if raw.is_empty() {
        return Err("base_url is empty: write the absolute address the site is published at, e.g. https://example.org/guidance/".into());
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "`{}` is not a web address: it holds spaces or control characters",
            raw.escape_debug()
        ));
    }
    let mut url = url::Url::parse(raw).map_err(|e| {
        format!("`{raw}` is not an absolute web address ({e}): write it like https://example.org/guidance/")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "`{raw}` is not an http or https address: the site is published on the web"
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{raw}` has no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "`{raw}` holds a user name or password: leave them out"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "`{raw}` has a query (?…) or fragment (#…): the site's address is a folder"
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> bool {
        check(raw, Place::Markdown).is_ok()
    }

    #[test]
    fn allowed_schemes_and_relative_addresses() {
        for raw in [
            "https://example.org/a?b=1#c",
            "HTTP://example.org",
            "mailto:team@example.org",
            "tel:+441234567890",
            "ref:ps-2-1",
            "term:rosh",
            "guides/a.html#top",
            "../index.html",
            "#here",
            "/guidance/x.html",
            "//cdn.example.org/x.png",
            "page.html?a=1&amp;b=2",
            "file%20name.pdf",
        ] {
            assert!(ok(raw), "{raw}: {:?}", check(raw, Place::Markdown));
        }
        assert!(check("ref:ps-2-1", Place::Field).is_err());
    }

    #[test]
    fn script_data_and_unknown_schemes_with_tricks() {
        for raw in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/png;base64,AAAA",
            "file:///etc/passwd",
            "ftp://example.org",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "%6Aavascript:alert(1)",
            "javascript%3Aalert(1)",
            "&#37;6Aavascript:alert(1)",
        ] {
            assert!(!ok(raw), "{raw:?} should be refused");
        }
        let e = check("java\tscript:x", Place::Markdown).unwrap_err();
        assert!(
            e.contains("`javascript:`") && e.contains("browsers ignore"),
            "{e}"
        );
        let e = check("%6Aavascript:x", Place::Markdown).unwrap_err();
        assert!(e.contains("percent-escapes"), "{e}");
        let e = check("gopher://x", Place::Field).unwrap_err();
        assert!(e.contains("unknown address scheme `gopher:`"), "{e}");
    }

    #[test]
    fn base_urls_are_absolute_web_folders() {
        assert_eq!(
            base_url("https://example.org/guidance").unwrap(),
            "https://example.org/guidance/"
        );
        assert_eq!(
            base_url("https://example.org/guidance/").unwrap(),
            "https://example.org/guidance/"
        );
        assert_eq!(
            base_url("HTTP://Example.ORG").unwrap(),
            "http://example.org/"
        );
        for bad in [
            "",
            "not-a-url",
            "/guidance/",
            "example.org/guidance/",
            "ftp://example.org/",
            "javascript:alert(1)",
            "https://",
            "https://user:pw@example.org/",
            "https://example.org/?a=1",
            "https://example.org/#x",
            " https://example.org/",
            "https://exa mple.org/",
            "https://example.org/\n",
        ] {
            assert!(base_url(bad).is_err(), "{bad:?} should be refused");
        }
    }
}

//! Hosting: the sample, built with `--base-url http://127.0.0.1:PORT/guides/` and served by a
//! plain static server under `/guides/`, has no broken link, anchor or asset when crawled from
//! its home page (and from its 404 page, served for a missing address at any depth); the same
//! holds when the site is opened from disk. Search is driven in headless Chromium by
//! `tests/browser/search.mjs`, both served and from disk.

mod common;
use common::Project;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use url::Url;

/// A word found in one chapter of the sample and on no other page.
const CHAPTER_WORD: &str = "entrenched";
const CHAPTER_PATH: &str = "guides/keeping-people-safe/kps-introduction.html";

/// A static file server over `root` on 127.0.0.1: files as they are, `index.html` for a
/// folder, and `/guides/404.html` with status 404 for anything missing (as a host is set up).
fn serve(listener: TcpListener, root: PathBuf) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &root);
            });
        }
    });
}

fn answer(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.contains("..") {
        file = root.join("none");
    }
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", root.join("guides/404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("xml") => "application/xml",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// GET over HTTP/1.0: status code and body.
fn get(url: &Url) -> (u16, Vec<u8>) {
    let addr = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", url.path()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (code, raw[split + 4..].to_vec())
}

/// Reads a URL of the site: over HTTP, or from disk for `file:` URLs (no server: a folder or
/// a missing file is broken).
fn fetch(url: &Url) -> (u16, Vec<u8>) {
    if url.scheme() == "file" {
        let path = url.to_file_path().unwrap();
        match std::fs::read(&path) {
            Ok(b) if path.is_file() => (200, b),
            _ => (404, Vec::new()),
        }
    } else {
        get(url)
    }
}

/// Every link of a page or style sheet: (attribute or `url()`, target as written).
fn links(url: &Url, body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    if url.path().ends_with(".css") {
        let mut out = Vec::new();
        let mut rest = &text[..];
        while let Some(i) = rest.find("url(") {
            let after = &rest[i + 4..];
            let end = after.find(')').unwrap();
            out.push(after[..end].trim_matches(['"', '\'', ' ']).to_string());
            rest = &after[end..];
        }
        return out;
    }
    if !url.path().ends_with(".html") {
        return Vec::new();
    }
    let doc = scraper::Html::parse_document(&text);
    let sel = scraper::Selector::parse("[href], [src], form[action]").unwrap();
    doc.select(&sel)
        .flat_map(|e| {
            ["href", "src", "action"]
                .into_iter()
                .filter_map(move |a| e.value().attr(a).map(str::to_string))
        })
        .collect()
}

fn ids(body: &[u8]) -> BTreeSet<String> {
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(body));
    let sel = scraper::Selector::parse("[id]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect()
}

/// Crawls from `starts` (each with the status it must answer), following every link that
/// stays inside `scope`; returns the problems found and the pages seen.
fn crawl(starts: &[(Url, u16)], scope: &Url) -> (Vec<String>, BTreeMap<Url, Vec<u8>>) {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<Url, Vec<u8>> = BTreeMap::new();
    let mut anchors: Vec<(Url, String, Url)> = Vec::new();
    let mut queue: VecDeque<(Url, u16, Option<Url>)> =
        starts.iter().map(|(u, c)| (u.clone(), *c, None)).collect();
    let mut queued: BTreeSet<Url> = starts.iter().map(|(u, _)| u.clone()).collect();
    while let Some((url, expected, from)) = queue.pop_front() {
        let (code, body) = fetch(&url);
        if code != expected {
            let from = from.map_or("the start".to_string(), |u| u.to_string());
            problems.push(format!("{url} (linked from {from}) answered {code}"));
            continue;
        }
        for link in links(&url, &body) {
            if link.starts_with("mailto:") || link.starts_with("data:") {
                continue;
            }
            let Ok(mut target) = url.join(&link) else {
                problems.push(format!("{url}: cannot resolve {link}"));
                continue;
            };
            if target.scheme() == "https" || target.host_str() == Some("example.org") {
                continue; // an external link: no network
            }
            if !target.as_str().starts_with(scope.as_str()) {
                problems.push(format!("{url}: {link} leaves the site ({target})"));
                continue;
            }
            if let Some(f) = target.fragment().map(str::to_string) {
                target.set_fragment(None);
                anchors.push((target.clone(), f, url.clone()));
            }
            target.set_query(None);
            if queued.insert(target.clone()) {
                queue.push_back((target, 200, Some(url.clone())));
            }
        }
        seen.insert(url, body);
    }
    for (page, id, from) in anchors {
        if let Some(body) = seen.get(&page) {
            if !ids(body).contains(&id) {
                problems.push(format!("{from}: no #{id} in {page}"));
            }
        }
    }
    (problems, seen)
}

/// The pages the sitemap lists, as URLs below `scope` (crawlers start from it too, so pages
/// that no other page links to are checked as well).
fn sitemap_pages(p: &Project, base_url: &str, scope: &Url) -> Vec<(Url, u16)> {
    let sitemap = std::fs::read_to_string(p.path("site/guides/sitemap.xml")).unwrap();
    let locs: Vec<(Url, u16)> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .map(|loc| {
            let rel = loc
                .strip_prefix(base_url)
                .expect("absolute URLs from the base URL");
            (scope.join(rel).unwrap(), 200)
        })
        .collect();
    assert!(locs.len() > 40, "{sitemap}");
    locs
}

/// Every page, PDF and style sheet the build wrote was reached.
fn assert_all_reached(p: &Project, scope: &Url, seen: &BTreeMap<Url, Vec<u8>>) {
    let reached: BTreeSet<String> = seen
        .keys()
        .filter_map(|u| u.as_str().strip_prefix(scope.as_str()).map(str::to_string))
        .collect();
    let unreached: Vec<String> = common::snapshot(&p.path("site/guides"))
        .into_iter()
        .map(|(f, _)| f.replace('\\', "/"))
        .filter(|f| f.ends_with(".html") || f.ends_with(".pdf") || f.ends_with(".css"))
        .filter(|f| !reached.contains(f) && f.as_str() != "404.html")
        .collect();
    assert!(unreached.is_empty(), "never reached: {unreached:?}");
}

fn build(p: &Project, base_url: &str) {
    let r = p.run(&["build", "--output", "site/guides", "--base-url", base_url]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The summary says what was made; no progress is drawn when stderr is not a terminal.
    let last = r.stderr.lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("Built 2 guides, ")
            // Two guides and the Welsh translation of one; two forms in each language.
            && last.contains(" pages, 3 PDFs, 4 forms (")
            && last.ends_with(" ms"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains('\r') && !r.stderr.contains("Rendering pages"),
        "{}",
        r.stderr
    );
}

#[test]
fn served_under_a_sub_path_nothing_is_broken() {
    let p = Project::sample();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}/guides/");
    build(&p, &base);
    serve(listener, p.path("site"));
    let scope = Url::parse(&base).unwrap();
    let mut starts = vec![
        (scope.join("index.html").unwrap(), 200),
        (scope.join("no/such/deep/page.html").unwrap(), 404),
    ];
    starts.extend(sitemap_pages(&p, &base, &scope));
    let (problems, seen) = crawl(&starts, &scope);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_all_reached(&p, &scope, &seen);

    // The 404 page, served for a deep address, loads its fingerprinted style sheet.
    let (code, body) = get(&scope.join("a/b/c/missing.html").unwrap());
    assert_eq!(code, 404);
    let page = String::from_utf8(body).unwrap();
    assert!(page.contains("href=\"/guides/assets/style."), "{page}");

    // The feed is linked from every page and answers; robots.txt points to the sitemap.
    let (code, feed) = get(&scope.join("feed.xml").unwrap());
    assert_eq!(code, 200);
    assert!(String::from_utf8_lossy(&feed).contains(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{base}{CHAPTER_PATH}\"/>"
    )));
    let (_, robots) = get(&scope.join("robots.txt").unwrap());
    assert!(String::from_utf8_lossy(&robots).contains(&format!("Sitemap: {base}sitemap.xml")));
}

#[test]
fn opened_from_disk_nothing_is_broken() {
    let p = Project::sample();
    build(&p, "https://example.org/guidance/");
    let root = p.path("site/guides").canonicalize().unwrap();
    let scope = Url::from_directory_path(&root).unwrap();
    let mut starts = vec![(scope.join("index.html").unwrap(), 200)];
    starts.extend(sitemap_pages(&p, "https://example.org/guidance/", &scope));
    let (problems, seen) = crawl(&starts, &scope);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_all_reached(&p, &scope, &seen);
}

#[test]
fn css_and_js_are_fingerprinted_and_every_reference_follows() {
    let p = Project::sample();
    build(&p, "https://example.org/guidance/");
    let assets: Vec<String> = std::fs::read_dir(p.path("site/guides/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in ["style", "search", "checklist-form"] {
        let ext = if name == "style" { "css" } else { "js" };
        let found: Vec<&String> = assets
            .iter()
            .filter(|a| {
                a.strip_prefix(&format!("{name}."))
                    .and_then(|r| r.strip_suffix(&format!(".{ext}")))
                    .is_some_and(|h| h.len() == 8 && h.chars().all(|c| c.is_ascii_hexdigit()))
            })
            .collect();
        assert_eq!(found.len(), 1, "{name}: {assets:?}");
    }
    assert!(!assets.contains(&"style.css".to_string()));
    // The search index keeps its names: its chunks are named by their contents already, and
    // its manifest changes with the content (a live preview refreshes it without re-rendering
    // the search page).
    let index = p.path("site/guides/assets/search");
    assert!(index.join("index.js").is_file(), "{assets:?}");
    let chunks: Vec<String> = std::fs::read_dir(index.join("t"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!chunks.is_empty());
    for c in &chunks {
        let hash = c.strip_suffix(".js").unwrap();
        assert!(
            hash.len() == 12 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{c}"
        );
    }
    let manifest = std::fs::read_to_string(index.join("index.js")).unwrap();
    assert!(chunks
        .iter()
        .all(|c| manifest.contains(c.trim_end_matches(".js"))));
    // A changed style sheet gets a new name, and pages (including a project's own template
    // that writes the plain name) refer to the new one.
    let old: String = assets
        .iter()
        .find(|a| a.starts_with("style."))
        .unwrap()
        .clone();
    std::fs::create_dir_all(p.path("templates/static")).unwrap();
    std::fs::write(
        p.path("templates/static/style.css"),
        "body { color: rebeccapurple }",
    )
    .unwrap();
    std::fs::write(
        p.path("templates/glossary.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>G</h1><a href=\"{{ root }}assets/style.css\">css</a>{% endblock content %}",
    )
    .unwrap();
    build(&p, "https://example.org/guidance/");
    let new: String = std::fs::read_dir(p.path("site/guides/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|a| a.starts_with("style."))
        .unwrap();
    assert_ne!(old, new);
    let glossary = std::fs::read_to_string(p.path("site/guides/glossary.html")).unwrap();
    assert_eq!(
        glossary.matches(&format!("assets/{new}")).count(),
        2,
        "{glossary}"
    );
    assert!(!glossary.contains("assets/style.css"));
}

#[test]
fn search_finds_a_chapter_word_served_and_from_disk() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/playwright-core").is_dir(),
        "run `npm ci --prefix tests/browser` first (and install Chromium): tests/run does both"
    );
    let p = Project::sample();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}/guides/");
    build(&p, &base);
    serve(listener, p.path("site"));
    // The word is on that chapter's page and on no other page of the site.
    let stem = &CHAPTER_WORD[..CHAPTER_WORD.len() - 2];
    let pages_with_word: Vec<String> = common::snapshot(&p.path("site/guides"))
        .into_iter()
        .filter(|(f, b)| {
            f.ends_with(".html") && String::from_utf8_lossy(b).to_lowercase().contains(stem)
        })
        .map(|(f, _)| f.replace('\\', "/"))
        .collect();
    assert_eq!(pages_with_word, vec![CHAPTER_PATH.to_string()]);
    let shot = std::env::var("SEARCH_SCREENSHOT").unwrap_or_default();
    let home_on_disk =
        Url::from_file_path(p.path("site/guides/index.html").canonicalize().unwrap()).unwrap();
    for home in [format!("{base}index.html"), home_on_disk.to_string()] {
        let out = Command::new("node")
            .arg(here.join("search.mjs"))
            .args([&home, CHAPTER_WORD, CHAPTER_PATH, &shot])
            .output()
            .expect("node is needed for the browser test");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{home}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("6 passed, 0 failed"), "{text}");
    }
}

//! `guidewright serve`: the binary is started on a free port against a copy of the sample
//! content and driven over raw TCP (so that no client tidies the request paths), and the
//! incremental renderer is checked against full renders.

mod common;

use common::Project;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CHAPTER: &str = "guides/keeping-people-safe/kps-assessing.yaml";
const CHAPTER_PAGE: &str = "guides/keeping-people-safe/kps-assessing.html";
const OTHER_PAGE: &str = "guides/keeping-the-child-safe/kcs-assessing.html";

/// A running `guidewright serve`, killed when dropped (so a failing test leaves nothing behind).
struct Serve {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Serve {
    fn start(project: &Project) -> Serve {
        Serve::start_with(project, &[])
    }

    /// Starts `serve --port 0` with more arguments; the port is read from the URL it prints.
    fn start_with(project: &Project, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidewright"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(project.dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let pipe = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(url) = line.split("Serving the site at http://").nth(1) {
                    let authority = url.split('/').next().unwrap();
                    let port = authority.rsplit(':').next().unwrap();
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
                log.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve prints its URL");
        Serve {
            child,
            port,
            stderr,
        }
    }

    fn get(&self, raw_path: &str) -> Reply {
        request(self.port, "GET", raw_path)
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
    /// The body as sent (a document's bytes).
    bytes: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends one request with the path exactly as given and reads the whole reply.
fn request(port: u16, method: &str, raw_path: &str) -> Reply {
    raw(
        port,
        &format!(
            "{method} {raw_path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    )
}

/// Sends `text` as it is on a new connection and reads until the server closes it.
fn raw(port: u16, text: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(90))).unwrap();
    s.write_all(text.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    parse_reply(&bytes)
}

fn parse_reply(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let start = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(bytes.len(), |i| i + 4);
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
        bytes: bytes[start..].to_vec(),
    }
}

/// Polls `f` until it gives a value, failing after `secs` seconds.
fn poll<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let end = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The value of `attr="..."` in the reload script tag of a served page.
fn script_attr(page: &str, attr: &str) -> String {
    let tag = &page[page
        .find("/__guidewright/reload.js")
        .expect("reload script")..];
    let start = tag.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
    tag[start..start + tag[start..].find('"').unwrap()].to_string()
}

/// An open reload stream, reading events as they come.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16, page: &str) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let path = format!(
            "/__guidewright/events?since={}&server={}",
            script_attr(page, "data-generation"),
            script_attr(page, "data-server")
        );
        write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
        let mut r = BufReader::new(s);
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        Events(r)
    }

    /// The next `data:` event, parsed; fails after 30 seconds (the stream's pings aside).
    fn next(&mut self) -> serde_json::Value {
        let end = Instant::now() + Duration::from_secs(30);
        let mut line = String::new();
        loop {
            assert!(Instant::now() < end, "no event within 30 s");
            line.clear();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "stream closed");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).unwrap();
            }
        }
    }
}

#[test]
fn edits_reload_pages_errors_show_in_the_browser_and_the_site_comes_back() {
    let project = Project::sample();
    let serve = Serve::start(&project);

    // A PDF request waits for the PDFs being made in the background at start: after it,
    // the next change is the edit below.
    let pdf = serve.get("/guides/keeping-people-safe/keeping-people-safe.pdf");
    assert_eq!(pdf.status, 200);
    let page = serve.get(&format!("/{CHAPTER_PAGE}"));
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Assessing to keep people safe"));
    assert_eq!(script_attr(&page.body, "data-page"), CHAPTER_PAGE);

    // An edit to one chapter: the open page hears of it, and pages that do not show the
    // chapter are not named (they were not rendered again).
    let mut events = Events::open(serve.port, &page.body);
    let original = project.read(CHAPTER);
    project.edit(
        CHAPTER,
        "Everything else in a case depends on the assessment.",
        "Everything else in a case depends on the zebra assessment.",
    );
    let event = events.next();
    let paths: Vec<&str> = event["paths"]
        .as_array()
        .expect("a list of changed pages")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(paths.contains(&CHAPTER_PAGE), "{event}");
    assert!(!paths.contains(&OTHER_PAGE), "{event}");
    assert!(!paths.contains(&"glossary.html"), "{event}");
    assert!(serve
        .get(&format!("/{CHAPTER_PAGE}"))
        .body
        .contains("zebra assessment"));

    // A mistake: every page shows the located, escaped report, and so does the terminal.
    project.edit(CHAPTER, "nav_label: Assessing", "nav_<b>label: Assessing");
    let at = project.locate(CHAPTER, "nav_<b>label");
    let broken = poll(20, "the error page", || {
        let r = serve.get(&format!("/{CHAPTER_PAGE}"));
        (r.status == 500).then_some(r)
    });
    assert!(broken.body.contains(&at), "{}", broken.body);
    assert!(broken.body.contains("unknown field `nav_&lt;b&gt;label`"));
    assert!(
        broken.body.contains("nav_&lt;b&gt;label: Assessing"),
        "the offending line"
    );
    assert!(!broken.body.contains("nav_<b>label"));
    assert!(broken.body.contains("/__guidewright/reload.js"));
    // PDFs of the earlier edit, finished in the background, do not hide the error.
    let pdf = serve.get("/guides/keeping-people-safe/keeping-people-safe.pdf");
    assert_eq!(pdf.status, 200);
    assert_eq!(serve.get(&format!("/{CHAPTER_PAGE}")).status, 500);
    let home = serve.get("/");
    assert_eq!(home.status, 500);
    assert!(home.body.contains(&at));
    poll(10, "the error in the terminal", || {
        serve.log().contains(&at).then_some(())
    });

    // Fixed: the page is back, with the earlier edit.
    project.write(
        CHAPTER,
        &original.replace(
            "depends on the assessment.",
            "depends on the zebra assessment.",
        ),
    );
    let back = poll(20, "the page to come back", || {
        let r = serve.get(&format!("/{CHAPTER_PAGE}"));
        (r.status == 200).then_some(r)
    });
    assert!(back.body.contains("zebra assessment"));
    assert!(!back.body.contains(&at));
}

#[test]
fn only_files_inside_the_site_are_served_with_their_types() {
    let project = Project::sample();
    std::fs::write(project.path("secret.txt"), "TOPSECRET").unwrap();
    let before = common::snapshot(project.dir.path());
    let serve = Serve::start(&project);

    for raw in [
        "/../secret.txt",
        "/../../../../../../etc/passwd",
        "/guides/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/index.html%00.css",
        "/C:/Windows/win.ini",
        "/content/site.yaml",
        "/secret.txt",
        "/./index.html",
        "http://127.0.0.1/../secret.txt",
    ] {
        let r = serve.get(raw);
        assert!(
            r.status == 400 || r.status == 404,
            "{raw}: status {}",
            r.status
        );
        assert!(!r.body.contains("TOPSECRET"), "{raw}");
        assert!(!r.body.contains("root:"), "{raw}");
    }

    // Styles are fingerprinted: find the stylesheet the home page links.
    let home = serve.get("/");
    let start = home.body.find("assets/style.").expect("a stylesheet link");
    let end = start + home.body[start..].find('"').unwrap();
    let css = serve.get(&format!("/{}", &home.body[start..end]));
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert!(
        !css.body.contains("__guidewright"),
        "only pages get the script"
    );
    let pdf = serve.get("/guides/keeping-people-safe/keeping-people-safe.pdf");
    assert_eq!(
        pdf.status, 200,
        "PDFs are made in the background and waited for"
    );
    assert_eq!(
        pdf.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(pdf.body.starts_with("%PDF-"));
    let missing = serve.get("/no-such-page.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );
    assert_eq!(
        missing.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let folder = serve.get("/guides/keeping-people-safe?x=1");
    assert_eq!(folder.status, 301);
    assert_eq!(
        folder.header("location").as_deref(),
        Some("/guides/keeping-people-safe/?x=1")
    );
    let index = serve.get("/guides/keeping-people-safe/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("Keeping people safe"));
    assert_eq!(request(serve.port, "POST", "/").status, 405);
    let head = request(serve.port, "HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    // Ctrl-C: a clean exit, and nothing written into the project.
    let mut serve = serve;
    let pid = serve.child.id().to_string();
    // The shell's own `kill`, so that no procps is needed.
    assert!(Command::new("sh")
        .args(["-c", &format!("kill -INT {pid}")])
        .status()
        .unwrap()
        .success());
    let status = poll(20, "the server to stop", || serve.child.try_wait().unwrap());
    assert!(status.success(), "{status:?}");
    assert!(serve.log().contains("Stopped."));
    assert_eq!(common::snapshot(project.dir.path()), before);
}

#[test]
fn bind_to_a_non_loopback_address_warns_and_loopback_does_not() {
    let project = Project::sample();
    let open = Serve::start_with(&project, &["--bind", "0.0.0.0"]);
    // Listening on every interface, loopback included.
    assert_eq!(open.get("/").status, 200);
    let log = open.log();
    assert!(
        log.contains(
            "warning: listening on 0.0.0.0: other machines on the network can reach this preview"
        ),
        "{log}"
    );
    drop(open);
    for args in [&[][..], &["--bind", "127.0.0.1"][..]] {
        let quiet = Serve::start_with(&project, args);
        assert_eq!(quiet.get("/").status, 200);
        assert!(
            !quiet.log().contains("warning: listening"),
            "{args:?}: {}",
            quiet.log()
        );
    }
}

#[test]
fn built_sites_carry_no_reload_script() {
    let project = Project::sample();
    let run = project.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages: Vec<_> = common::snapshot(&project.path("output"))
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20);
    for (path, bytes) in pages {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__guidewright"),
            "{path}"
        );
    }
}

/// Words on prose lines that an edit can change without breaking the file: lowercase, at least
/// six letters, not part of an id or a key. Byte offsets into `text`.
fn prose_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.split_once(": ").map_or(line, |(_, v)| v);
        let start = offset + (line.len() - body.len());
        let mut i = 0;
        let bytes = body.as_bytes();
        while i < bytes.len() {
            let j = (i..bytes.len())
                .find(|&k| !bytes[k].is_ascii_lowercase())
                .unwrap_or(bytes.len());
            let before = if i == 0 { b' ' } else { bytes[i - 1] };
            let after = bytes.get(j).copied().unwrap_or(b' ');
            let free = |b: u8| matches!(b, b' ' | b',' | b'.' | b'\n');
            if j - i >= 6 && free(before) && free(after) && body.matches(' ').count() >= 3 {
                out.push((start + i, start + j));
            }
            i = j.max(i + 1);
        }
        offset += line.len();
    }
    out
}

#[test]
fn incremental_renders_match_full_renders_after_an_edit_to_any_file() {
    use guidewright::build;
    use guidewright::render::{render_languages, render_site, theme::Theme};
    use guidewright::serve::incremental::Renderer;
    use std::collections::BTreeMap;

    // Both languages: each is rendered incrementally on its own.
    let project = Project::sample();
    let content = project.path("content");
    let theme = Arc::new(Theme::load(None).unwrap());
    let full = |content: &std::path::Path| -> BTreeMap<String, Vec<u8>> {
        let (model, _) = build::check(content, false, false).unwrap();
        let hidden = guidewright::progress::Progress::hidden();
        let no_pdfs: Vec<Vec<_>> = model.translations.iter().map(|_| Vec::new()).collect();
        // The office document forms, as build makes them (the preview serves them too).
        let forms = build::form_files(&model, &theme.locale).unwrap();
        let language_forms: Vec<Vec<_>> = model
            .translations
            .iter()
            .map(|m| {
                let locale = theme
                    .locales
                    .linked(&guidewright::render::theme::site_language(m));
                build::form_files(&guidewright::lang::pdf_model(m), &locale).unwrap()
            })
            .collect();
        let languages =
            render_languages(&model, &theme, &no_pdfs, &language_forms, &hidden).unwrap();
        render_site(&model, &theme, &[], &forms)
            .unwrap()
            .into_iter()
            .chain(languages)
            .map(|f| (f.path, f.bytes))
            .collect()
    };
    let mut renderer = Renderer::new(theme.clone());
    let (model, _) = build::check(&content, false, false).unwrap();
    let first = renderer.render(Arc::new(model)).unwrap();
    assert!(first.full);
    let mut site: BTreeMap<String, Vec<u8>> =
        first.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    let original_site = site.clone();

    let files: Vec<_> = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let (mut edits, mut partial) = (0, 0);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let words = prose_words(&text);
        let picks = [words.get(words.len() / 4), words.get(words.len() * 3 / 4)];
        for &(a, b) in picks.into_iter().flatten() {
            let edited = format!("{}{}zq{}", &text[..a], &text[a..b], &text[b..]);
            std::fs::write(file, &edited).unwrap();
            let Ok((model, _)) = build::check(&content, false, false) else {
                continue;
            };
            let out = renderer.render(Arc::new(model)).unwrap();
            if out.full {
                site.clear();
            } else if out.pages_rendered < out.pages_total {
                partial += 1;
            }
            for path in &out.removed {
                site.remove(path);
            }
            site.extend(out.files.into_iter().map(|f| (f.path, f.bytes)));
            let want = full(&content);
            for (path, bytes) in &want {
                assert!(
                    site.get(path) == Some(bytes),
                    "{path} is stale after editing `{}` in {}",
                    &text[a..b],
                    file.display()
                );
            }
            // Nothing extra either: search chunks an edit superseded are gone.
            let extra: Vec<&String> = site.keys().filter(|k| !want.contains_key(*k)).collect();
            assert!(
                extra.is_empty(),
                "files a full render does not make: {extra:?}"
            );
            edits += 1;

            // And back again.
            std::fs::write(file, &text).unwrap();
            let (model, _) = build::check(&content, false, false).unwrap();
            let out = renderer.render(Arc::new(model)).unwrap();
            if out.full {
                site.clear();
            }
            for path in &out.removed {
                site.remove(path);
            }
            site.extend(out.files.into_iter().map(|f| (f.path, f.bytes)));
            assert!(site == original_site, "reverting {}", file.display());
        }
    }
    assert!(
        edits >= files.len(),
        "{edits} edits of {} files",
        files.len()
    );
    assert!(
        partial * 2 >= edits,
        "only {partial} of {edits} edits rendered part of the site"
    );
}

#[test]
fn a_templates_folder_made_while_serving_overrides_the_theme() {
    let project = Project::sample();
    let serve = Serve::start(&project);
    assert!(!serve.get("/glossary.html").body.contains("Words we use"));
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/glossary.html");
    let template = std::fs::read_to_string(theme).unwrap();
    let marked = template.replacen(
        "{% block content %}",
        "{% block content %}<p>Words we use</p>",
        1,
    );
    assert_ne!(
        marked, template,
        "the glossary template has a content block"
    );
    std::fs::create_dir(project.path("templates")).unwrap();
    std::fs::write(project.path("templates/glossary.html"), marked).unwrap();
    poll(20, "the project's template", || {
        serve
            .get("/glossary.html")
            .body
            .contains("<p>Words we use</p>")
            .then_some(())
    });
}

/// Reads one response from a kept-alive connection, framed by its `Content-Length`.
fn read_reply(r: &mut BufReader<TcpStream>, head_only: bool) -> Reply {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(r.read_line(&mut line).unwrap() > 0, "connection closed");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let mut reply = parse_reply(head.trim_end().as_bytes());
    let len: usize = reply.header("content-length").unwrap().parse().unwrap();
    let mut body = vec![0; if head_only { 0 } else { len }];
    r.read_exact(&mut body).unwrap();
    reply.body = String::from_utf8_lossy(&body).into_owned();
    reply
}

/// How many threads a process has.
#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
    line["Threads:".len()..].trim().parse().unwrap()
}

#[test]
fn requests_must_name_this_server_in_their_host() {
    let project = Project::sample();
    let serve = Serve::start(&project);
    let port = serve.port;
    let get = |host: &str| {
        raw(
            port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    let home = get(&format!("127.0.0.1:{port}"));
    assert_eq!(home.status, 200);
    let title = "Keeping people safe";
    assert!(home.body.contains(title));
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(get(&host).status, 200, "{host}");
    }
    // A page elsewhere that rebinds its own name to 127.0.0.1 sends its own name.
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let r = get(&host);
        assert_eq!(r.status, 403, "{host}");
        assert!(!r.body.contains(title), "{host}: {}", r.body);
        assert!(!r.body.contains("<html"), "{host}");
        assert!(!r.body.contains("__guidewright"), "{host}");
    }
    for path in [
        "/guides/keeping-people-safe/keeping-people-safe.pdf",
        "/__guidewright/reload.js",
        "/__guidewright/events?since=0&server=x",
    ] {
        let r = raw(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n"),
        );
        assert_eq!(r.status, 403, "{path}");
        assert!(!r.body.contains("%PDF") && !r.body.contains("EventSource"));
    }
    let none = raw(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(none.status, 400);
    assert!(!none.body.contains(title));
    let two = raw(
        port,
        &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\n\r\n"),
    );
    assert_eq!(two.status, 400);
    // HTTP/1.0 clients may leave it out; a wrong one is still refused.
    assert_eq!(raw(port, "GET / HTTP/1.0\r\n\r\n").status, 200);
    let old = raw(port, "GET / HTTP/1.0\r\nHost: evil.example\r\n\r\n");
    assert_eq!(old.status, 403);
}

#[test]
fn the_ipv6_loopback_is_served_under_its_own_name() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("no IPv6 loopback here: skipped");
        return;
    }
    let project = Project::sample();
    let serve = Serve::start_with(&project, &["--bind", "::1"]);
    let port = serve.port;
    let get = |host: &str| {
        let mut s = TcpStream::connect(("::1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        parse_reply(&bytes)
    };
    let home = get(&format!("[::1]:{port}"));
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Keeping people safe"));
    assert_eq!(get(&format!("localhost:{port}")).status, 200);
    assert_eq!(get(&format!("evil.example:{port}")).status, 403);
    assert_eq!(get("[::1]").status, 403, "the port is part of the name");
}

#[test]
fn over_long_request_lines_and_header_fields_are_refused() {
    let project = Project::sample();
    let serve = Serve::start(&project);
    let port = serve.port;
    let long = raw(
        port,
        &format!(
            "GET /{} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n",
            "a".repeat(9000)
        ),
    );
    assert_eq!(long.status, 414, "{}", long.head);
    let field = format!("X-Padding: {}\r\n", "p".repeat(1000));
    let big = raw(
        port,
        &format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{}\r\n",
            field.repeat(70)
        ),
    );
    assert_eq!(big.status, 431, "{}", big.head);
    // Just under both limits is answered.
    let fits = raw(
        port,
        &format!(
            "GET /{}?x HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{}\r\n",
            "a".repeat(8000),
            field.repeat(60)
        ),
    );
    assert_eq!(fits.status, 404);
    assert_eq!(serve.get("/").status, 200);
}

#[test]
fn a_kept_alive_connection_answers_request_after_request() {
    let project = Project::sample();
    let serve = Serve::start(&project);
    let port = serve.port;
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut w = s.try_clone().unwrap();
    let mut r = BufReader::new(s);
    let req = |path: &str, method: &str| {
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
    };
    w.write_all(req("/", "GET").as_bytes()).unwrap();
    let first = read_reply(&mut r, false);
    assert_eq!(first.status, 200);
    assert_eq!(first.header("connection").as_deref(), Some("keep-alive"));
    assert!(first.body.contains("Keeping people safe"));
    // A HEAD answer has no body: the next answer must still be read from its start.
    w.write_all(req("/glossary.html", "HEAD").as_bytes())
        .unwrap();
    let head = read_reply(&mut r, true);
    assert_eq!(head.status, 200);
    let len: usize = head.header("content-length").unwrap().parse().unwrap();
    w.write_all(req("/glossary.html", "GET").as_bytes())
        .unwrap();
    let glossary = read_reply(&mut r, false);
    assert_eq!(glossary.status, 200);
    assert_eq!(glossary.body.len(), len, "HEAD gives GET's length");
    assert!(glossary.body.contains("</html>"));
    // Two requests in one write (pipelined), answered in order.
    let both = req("/no-such-page.html", "GET") + &req("/guides/keeping-people-safe/", "GET");
    w.write_all(both.as_bytes()).unwrap();
    assert_eq!(read_reply(&mut r, false).status, 404);
    let guide = read_reply(&mut r, false);
    assert_eq!(guide.status, 200);
    assert!(guide.body.contains("Keeping people safe"));
}

#[cfg(target_os = "linux")]
#[test]
fn idle_and_slow_connections_take_no_threads_and_do_not_block_requests() {
    let project = Project::sample();
    let serve = Serve::start(&project);
    let port = serve.port;
    assert_eq!(serve.get("/").status, 200);
    let pid = serve.child.id();
    let before = threads(pid);
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    // Slowloris: heads that never end.
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    for s in &mut slow {
        write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: ").unwrap();
    }
    std::thread::sleep(Duration::from_millis(500));
    let during = threads(pid);
    assert!(
        during <= before + 2 && during < 40,
        "{before} threads before, {during} with 220 connections open"
    );
    let start = Instant::now();
    let fresh = serve.get("/glossary.html");
    assert_eq!(fresh.status, 200);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "a new request waited {:?} behind idle connections",
        start.elapsed()
    );
    // A head that has not arrived in time closes its connection (with 408), and so does an
    // idle connection: neither is held open for ever.
    let mut s = slow.remove(0);
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let start = Instant::now();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    assert!(start.elapsed() < Duration::from_secs(25));
    assert_eq!(parse_reply(&bytes).status, 408);
    let mut quiet = &idle[0];
    quiet
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut bytes = Vec::new();
    quiet.read_to_end(&mut bytes).unwrap();
    assert!(
        bytes.is_empty(),
        "an idle connection is closed without a word"
    );
    drop(idle);
    assert_eq!(serve.get("/").status, 200);
}

#[cfg(target_os = "linux")]
#[test]
fn open_reload_streams_take_no_workers() {
    let project = Project::sample();
    let serve = Serve::start(&project);
    // Wait for the PDFs made at start, so that the next change is the edit below.
    let pdf = serve.get("/guides/keeping-people-safe/keeping-people-safe.pdf");
    assert_eq!(pdf.status, 200);
    let page = serve.get(&format!("/{CHAPTER_PAGE}"));
    let pid = serve.child.id();
    let before = threads(pid);
    // More streams than there are workers, as many open tabs would hold.
    let mut streams: Vec<Events> = (0..30)
        .map(|_| Events::open(serve.port, &page.body))
        .collect();
    let start = Instant::now();
    assert_eq!(serve.get("/glossary.html").status, 200);
    assert!(start.elapsed() < Duration::from_secs(5));
    let during = threads(pid);
    assert!(
        during <= before + 2,
        "{before} threads, {during} with 30 streams"
    );
    project.edit(
        CHAPTER,
        "Everything else in a case depends on the assessment.",
        "Everything else in a case depends on the careful assessment.",
    );
    for e in &mut streams {
        let event = e.next();
        assert!(event["paths"]
            .as_array()
            .is_some_and(|p| p.iter().any(|x| x == CHAPTER_PAGE)));
    }
}

/// Needs the loader's nesting limit (issue 12, part 2): without it the loader's recursion
/// overflows the stack, which aborts the process whatever catches panics.
#[test]
fn a_deeply_nested_file_shows_the_error_page_and_the_server_stays_up() {
    let project = Project::sample();
    let mut serve = Serve::start(&project);
    let original = project.read(CHAPTER);
    // About 10 KB: 5,000 levels of block sequences.
    project.write(CHAPTER, &format!("{}x\n", "- ".repeat(5000)));
    let broken = poll(30, "the error page", || {
        let r = std::panic::catch_unwind(|| serve.get(&format!("/{CHAPTER_PAGE}")));
        if let Some(status) = serve.child.try_wait().unwrap() {
            panic!("the server exited ({status}):\n{}", serve.log());
        }
        r.ok().filter(|r| r.status == 500)
    });
    assert!(
        broken.body.contains("kps-assessing.yaml"),
        "{}",
        broken.body
    );
    project.write(CHAPTER, &original);
    poll(30, "the page to come back", || {
        (serve.get(&format!("/{CHAPTER_PAGE}")).status == 200).then_some(())
    });
    assert!(serve.child.try_wait().unwrap().is_none());
}

/// The preview serves each checklist's Word and OpenDocument forms, in every language, byte
/// for byte as `build` writes them for a site at the preview's address (its links point at
/// the local server), links them from the checklist page as `build` does, and serves them
/// anew when the checklist is edited.
#[test]
fn the_preview_serves_the_checklists_office_forms_as_build_writes_them() {
    let project = Project::sample();
    let built = |rel: &str| std::fs::read(project.path(&format!("output/{rel}"))).unwrap();
    let serve = Serve::start(&project);
    let here = format!("http://127.0.0.1:{}/", serve.port);
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--base-url", here.as_str()];
        args.extend(extra);
        let r = project.run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    build(&[]);
    let forms = [
        (
            "checklists/kps-self-assessment.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "checklists/kps-self-assessment.odt",
            "application/vnd.oasis.opendocument.text",
        ),
        (
            "cy/checklists/kps-self-assessment.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "cy/checklists/kps-self-assessment.odt",
            "application/vnd.oasis.opendocument.text",
        ),
    ];
    for (rel, mime) in forms {
        let got = serve.get(&format!("/{rel}"));
        assert_eq!(got.status, 200, "{rel}: {}", got.head);
        assert_eq!(got.header("content-type").as_deref(), Some(mime), "{rel}");
        assert!(got.bytes == built(rel), "{rel}: not the bytes build writes");
    }
    for page in [
        "checklists/kps-self-assessment.html",
        "cy/checklists/kps-self-assessment.html",
    ] {
        let served = serve.get(&format!("/{page}")).body;
        let link = "href=\"../checklists/kps-self-assessment.docx\"";
        let built_page = String::from_utf8(built(page)).unwrap();
        assert!(built_page.contains(link), "{page}: build links the form");
        assert!(
            served.contains(link),
            "{page}: the preview links the form too"
        );
    }
    // An edit to the checklist: the served form changes, to what build then writes.
    let before = serve.get("/checklists/kps-self-assessment.docx").bytes;
    project.edit(
        "checklists/kps-self-assessment.yaml",
        "Count an enquiry only if the reply is on the record.",
        "Count an enquiry only if the zebra reply is on the record.",
    );
    let after = poll(30, "a new Word form", || {
        let r = serve.get("/checklists/kps-self-assessment.docx");
        (r.status == 200 && r.bytes != before).then_some(r.bytes)
    });
    build(&["--force"]);
    assert!(after == built("checklists/kps-self-assessment.docx"));
}

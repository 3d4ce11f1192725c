//! Edit-to-reload time of `guidewright serve`: how long from saving a chapter to the open
//! page's reload event, and to the new page being served.
//!
//! ```text
//! cargo bench --bench serve                       # the sample content and 100 synthetic guides
//! GW_BENCH_GUIDES=20,500 cargo bench --bench serve
//! GW_BENCH_CONTENT=DIR,DIR cargo bench --bench serve   # content trees of your own, e.g. the
//!                                                      # 2,000-page corpus of benches/peers
//! ```
//!
//! A tree named in `GW_BENCH_CONTENT` is copied first (the copy is edited, never the tree).
//!
//! For each tree: a copy is served in-process on a free port (watcher, debouncing, builder
//! and HTTP server as in `guidewright serve`), a reload stream is opened as a page would, and a
//! chapter's first paragraph is edited [`EDITS`] times. Each edit is timed from the write to
//! the event naming the chapter's page (this includes the watcher's debounce), then to the
//! served page containing the edit.
//!
//! Then, on the sample content, the time to answer a request for a page already in memory:
//! [`KEPT`] requests one after another on one kept-alive connection (the way a browser loads a
//! page's styles, scripts and images), and [`FRESH`] requests on a new connection each.

#[path = "support/corpus/mod.rs"]
mod corpus;

use guidewright::serve::{self, ServeOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const EDITS: usize = 15;
const KEPT: usize = 2000;
const FRESH: usize = 500;

fn get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    out
}

fn attr(page: &str, name: &str) -> String {
    let tag = &page[page
        .find("/__guidewright/reload.js")
        .expect("reload script")..];
    let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
    tag[start..start + tag[start..].find('"').expect("quote")].to_string()
}

/// A chapter file with a `body: |` block, and its page path.
fn chapter(content: &Path) -> (PathBuf, String) {
    for e in walkdir::WalkDir::new(content.join("guides")).sort_by_file_name() {
        let e = e.expect("walk");
        let p = e.path();
        let is_chapter = p.extension().is_some_and(|x| x == "yaml")
            && p.file_name().is_some_and(|n| n != "guide.yaml");
        // `x.cy.yaml` (the folders above may have dots: a temporary folder's `.tmp…`).
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
        let translation = name.is_some_and(|n| n.matches('.').count() > 1);
        if is_chapter
            && !translation
            && std::fs::read_to_string(p).is_ok_and(|t| body_at(&t).is_some())
        {
            let guide = p
                .parent()
                .and_then(|g| g.file_name())
                .expect("guide folder");
            let stem = p.file_stem().expect("stem");
            let page = format!(
                "guides/{}/{}.html",
                guide.to_string_lossy(),
                stem.to_string_lossy()
            );
            return (p.to_path_buf(), page);
        }
    }
    panic!("no chapter with a body block in {}", content.display());
}

/// Where the first line of the first `body: |` (or `|-`) block starts.
fn body_at(text: &str) -> Option<usize> {
    ["body: |\n", "body: |-\n"]
        .iter()
        .find_map(|b| text.find(b).map(|i| i + b.len()))
}

/// `text` with `word` put at the start of the first body block's first line.
fn edit(text: &str, word: &str) -> String {
    let at = body_at(text).expect("body block");
    let indent = text[at..].len() - text[at..].trim_start_matches(' ').len();
    format!("{}{word} {}", &text[..at + indent], &text[at + indent..])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A quiet preview server of `content` on a free loopback port.
fn start(content: &Path) -> serve::Server {
    serve::start(ServeOptions {
        content: content.to_path_buf(),
        templates: None,
        bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port: 0,
        drafts: false,
        quiet: true,
    })
    .expect("serve starts")
}

fn run(name: &str, content: &Path) {
    let server = start(content);
    let port = server.addr.port();
    let (file, page) = chapter(content);
    let original = std::fs::read_to_string(&file).expect("chapter");
    let mut to_event = Vec::new();
    let mut to_page = Vec::new();
    let mut changed = Vec::new();
    for i in 0..EDITS {
        let html = get(port, &format!("/{page}"));
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            s,
            "GET /__guidewright/events?since={}&server={} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n",
            attr(&html, "data-generation"),
            attr(&html, "data-server")
        )
        .expect("send");
        let mut events = BufReader::new(s);
        let mut line = String::new();
        while line != "retry: 500\n" {
            line.clear();
            events.read_line(&mut line).expect("stream head");
        }
        let word = format!("zebra{i}");
        let start = Instant::now();
        std::fs::write(&file, edit(&original, &word)).expect("write");
        // PDFs typeset in the background after the previous change may be published first:
        // the edit's event is the one naming its page.
        let names_page = |e: &serde_json::Value| {
            e["paths"]
                .as_array()
                .is_some_and(|p| p.iter().any(|x| x == page.as_str()))
        };
        let event = loop {
            line.clear();
            events.read_line(&mut line).expect("event");
            if let Some(d) = line.strip_prefix("data: ") {
                let e = serde_json::from_str::<serde_json::Value>(d.trim()).expect("json");
                if names_page(&e) || e["all"] == true {
                    break e;
                }
            }
        };
        to_event.push(start.elapsed());
        let paths = event["paths"].as_array().map_or(0, Vec::len);
        assert!(names_page(&event), "{event}");
        assert!(get(port, &format!("/{page}")).contains(&word));
        to_page.push(start.elapsed());
        changed.push(paths);
        // Let background PDFs settle so each edit starts from the same state.
        std::thread::sleep(Duration::from_millis(300));
        let _ = get(port, "/assets/style.css");
    }
    std::fs::write(&file, original).expect("restore");
    server.stop();
    to_event.sort();
    to_page.sort();
    let median = |v: &[Duration]| ms(v[v.len() / 2]);
    println!(
        "{name:>16} | {:>9.1} | {:>9.1} | {:>9.1} | {:>9.1} | {:>7}",
        ms(to_event[0]),
        median(&to_event),
        ms(to_event[to_event.len() - 1]),
        median(&to_page),
        changed.iter().max().unwrap_or(&0)
    );
}

/// Reads one response framed by its `Content-Length`; its status.
fn read_reply(r: &mut BufReader<TcpStream>, body: &mut Vec<u8>) -> u16 {
    let mut line = String::new();
    r.read_line(&mut line).expect("status line");
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut len = 0;
    loop {
        line.clear();
        r.read_line(&mut line).expect("header");
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().expect("length");
        }
    }
    body.resize(len, 0);
    r.read_exact(body).expect("body");
    status
}

/// Request latency for a page served from memory, kept-alive and on fresh connections.
fn latency(content: &Path) {
    let server = start(content);
    let port = server.addr.port();
    let path = "/glossary.html";
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut w = s.try_clone().expect("clone");
    let mut r = BufReader::new(s);
    let mut body = Vec::new();
    let mut kept = Vec::with_capacity(KEPT);
    for _ in 0..KEPT {
        let start = Instant::now();
        w.write_all(request.as_bytes()).expect("send");
        assert_eq!(read_reply(&mut r, &mut body), 200);
        kept.push(start.elapsed());
    }
    let size = body.len();
    let mut fresh = Vec::with_capacity(FRESH);
    for _ in 0..FRESH {
        let start = Instant::now();
        let page = get(port, path);
        assert!(page.starts_with("HTTP/1.1 200"));
        fresh.push(start.elapsed());
    }
    server.stop();
    println!("request for a page in memory ({path}, {size} bytes):");
    println!();
    println!("      connection | requests |  p50 (ms) |  p90 (ms) |  p99 (ms) |  max (ms)");
    println!("-----------------+----------+-----------+-----------+-----------+----------");
    for (name, mut v) in [("kept alive", kept), ("new each time", fresh)] {
        v.sort();
        let at = |q: f64| ms(v[((v.len() - 1) as f64 * q) as usize]);
        println!(
            "{name:>16} | {:>8} | {:>9.3} | {:>9.3} | {:>9.3} | {:>9.3}",
            v.len(),
            at(0.5),
            at(0.9),
            at(0.99),
            at(1.0)
        );
    }
    println!();
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let target = to.join(e.path().strip_prefix(from).expect("below"));
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("GW_BENCH_GUIDES")
        .unwrap_or_else(|_| "100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let sample = tmp.path().join("sample");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &sample,
    );
    latency(&sample);
    println!("guidewright serve: edit-to-reload over {EDITS} edits of one chapter (debounce {} ms included)", serve::watch::DEBOUNCE.as_millis());
    println!();
    println!("         content | event min | event med | event max |  page med | changed");
    println!("-----------------+-----------+-----------+-----------+-----------+--------");
    run("sample", &sample);
    for n in sizes {
        let dir = tmp.path().join(format!("corpus-{n}"));
        corpus::generate(&dir, n).expect("corpus");
        run(&format!("{n} guides"), &dir);
    }
    let given = std::env::var("GW_BENCH_CONTENT").unwrap_or_default();
    for (i, tree) in given.split(',').filter(|s| !s.is_empty()).enumerate() {
        let dir = tmp.path().join(format!("given-{i}"));
        copy_dir(Path::new(tree), &dir);
        let pages = walkdir::WalkDir::new(dir.join("guides"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        run(&format!("{pages} files"), &dir);
    }
    println!();
    println!("event = write to reload event (ms); page = write to the new page served (ms);");
    println!("changed = most files named in one event (pages whose bytes changed).");
    println!("load average (1, 5, 15 min) at the end: {}", load_average());
}

//! Every input the loader reads is bounded: nesting depth, anchors and aliases, file size,
//! encodings, and the entries of the content folder that are not plain files. Each case is
//! checked in `build` and `check` at its exit status and exact `file:line:col`, and a failed
//! build leaves the previous output byte for byte as it was.

mod common;

use common::{snapshot, Project, Run};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs guidewright like [`Project::run`], but kills it after `secs` seconds, so a loader that
/// blocks (on a FIFO, say) or runs away fails the test instead of hanging it.
fn run_bounded(dir: &Path, args: &[&str], secs: u64) -> (Run, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_guidewright"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let mut out_pipe = child.stdout.take().unwrap();
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err_pipe.read_to_end(&mut s);
        s
    });
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out_pipe.read_to_end(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("guidewright {args:?} ran for more than {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    };
    (run, elapsed)
}

/// Writes raw bytes into the content folder.
fn write_bytes(p: &Project, rel: &str, bytes: &[u8]) {
    let path = p.path(&format!("content/{rel}"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A project whose sample site is built into `output/`, with the bytes of that output.
fn built() -> (Project, Vec<(String, Vec<u8>)>) {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = snapshot(&p.path("output"));
    assert!(!before.is_empty());
    (p, before)
}

/// `build` and `check` both fail with exit 1 and the error `message` at `at`
/// (`content/…:line:col`), quickly, and the previous output is unchanged.
fn refused_in_build_and_check(p: &Project, before: &[(String, Vec<u8>)], at: &str, message: &str) {
    for cmd in ["build", "check"] {
        let (r, took) = run_bounded(p.dir.path(), &[cmd], 120);
        assert_eq!(r.code, 1, "{cmd}: expected exit 1:\n{}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{cmd}:\n{}", r.stderr);
        let error = r
            .stderr
            .split("error: ")
            .find(|e| e.starts_with(message))
            .unwrap_or_else(|| panic!("{cmd}: no error `{message}`:\n{}", r.stderr));
        assert!(
            error.contains(&format!("┌─ {at}\n")),
            "{cmd}: `{message}` not at {at}:\n{}",
            r.stderr
        );
        assert!(took < Duration::from_secs(30), "{cmd} took {took:?}");
        assert_eq!(
            snapshot(&p.path("output")),
            before,
            "{cmd} changed the output"
        );
    }
}

#[test]
fn deep_block_nesting_is_refused_at_the_first_level_too_many() {
    let (p, before) = built();
    // About 10 KB: level n of "- - - …" starts at column 2n - 1, so level 65 at column 129.
    write_bytes(&p, "scales/deep.yaml", "- ".repeat(5000).as_bytes());
    refused_in_build_and_check(
        &p,
        &before,
        "content/scales/deep.yaml:1:129",
        "lists and mappings are nested more than 64 levels deep",
    );
}

#[test]
fn deep_flow_nesting_is_refused_in_linear_time() {
    let (p, before) = built();
    // 100,000 levels of brackets, in a mapping: the mapping is level 1 and bracket n is level
    // n + 1, so level 65 is bracket 64, at column 7 + 63.
    let text = format!("title: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    write_bytes(&p, "scales/flow.yaml", text.as_bytes());
    refused_in_build_and_check(
        &p,
        &before,
        "content/scales/flow.yaml:1:71",
        "lists and mappings are nested more than 64 levels deep",
    );
}

#[test]
fn nesting_up_to_the_limit_is_not_refused() {
    let p = Project::sample();
    // 64 levels: the mapping and 63 brackets. It is not a valid scale, but the error is
    // serde's about the type, not the loader's about the depth.
    let text = format!("title: {}x{}\n", "[".repeat(63), "]".repeat(63));
    write_bytes(&p, "scales/flow.yaml", text.as_bytes());
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!r.stderr.contains("nested more than"), "{}", r.stderr);
    assert!(
        r.stderr.contains("content/scales/flow.yaml:1:8"),
        "{}",
        r.stderr
    );
}

#[test]
fn anchors_and_aliases_are_refused_at_the_anchor() {
    let (p, before) = built();
    // The amplifying file of the issue, scaled down: one long string anchored once and
    // aliased many times.
    let long = "x".repeat(30_000);
    let mut text = format!("title: Rating\nnote: &big {long}\nlevels:\n");
    for _ in 0..10_000 {
        text.push_str("  - *big\n");
    }
    write_bytes(&p, "scales/alias.yaml", text.as_bytes());
    refused_in_build_and_check(
        &p,
        &before,
        "content/scales/alias.yaml:2:7",
        "YAML anchors (`&name`) are not allowed in content",
    );
}

/// The sample scale `rag.yaml` padded with comment lines to `size` bytes: still a valid file.
fn padded_scale(p: &Project, size: usize) -> Vec<u8> {
    let mut text = p.read("scales/rag.yaml").into_bytes();
    let line = format!("# {}\n", "padding ".repeat(12));
    while text.len() + line.len() <= size {
        text.extend_from_slice(line.as_bytes());
    }
    text.resize(size - 1, b'#');
    text.push(b'\n');
    text
}

#[test]
fn files_over_the_size_limit_are_refused_unless_site_yaml_raises_it() {
    let (p, before) = built();
    let mib = 1024 * 1024;
    write_bytes(&p, "scales/rag.yaml", &padded_scale(&p, 4 * mib + 1));
    refused_in_build_and_check(
        &p,
        &before,
        "content/scales/rag.yaml:1:1",
        "file is 4194305 bytes, more than the limit of 4194304 bytes (4 MB) for one file",
    );
    // Exactly at the limit is allowed.
    write_bytes(&p, "scales/rag.yaml", &padded_scale(&p, 4 * mib));
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // site.yaml raises the limit; a file over the new one is refused with it.
    write_bytes(&p, "scales/rag.yaml", &padded_scale(&p, 5 * mib));
    let site = p.read("site.yaml");
    p.write(
        "site.yaml",
        &format!("{site}limits:\n  max_file_size_mb: 6\n"),
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    write_bytes(&p, "scales/rag.yaml", &padded_scale(&p, 6 * mib + 10));
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("more than the limit of 6291456 bytes (6 MB)"),
        "{}",
        r.stderr
    );

    // A limit out of range is an error at its place.
    p.write(
        "site.yaml",
        &format!("{site}limits:\n  max_file_size_mb: 0\n"),
    );
    write_bytes(&p, "scales/rag.yaml", &padded_scale(&p, 1000));
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The value is on the last line, after "  max_file_size_mb: " (20 characters).
    let at = format!("content/site.yaml:{}:21", site.lines().count() + 2);
    assert!(
        r.stderr
            .contains("`max_file_size_mb` must be between 1 and 1024, not 0")
            && r.stderr.contains(&format!("┌─ {at}\n")),
        "expected the error at {at}:\n{}",
        r.stderr
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_changes_nothing() {
    let (p, before) = built();
    for rel in ["site.yaml", "scales/rag.yaml"] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(p.read(rel).into_bytes());
        write_bytes(&p, rel, &bytes);
    }
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("error:"), "{}", r.stderr);
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(snapshot(&p.path("output")), before);
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let (p, before) = built();
    // Latin-1 "é" (0xE9) in the middle of line 1 of rag.yaml, after "title: Red, amb".
    let text = p.read("scales/rag.yaml");
    let at = text.find("amber").unwrap() + 3;
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(&text.as_bytes()[at..]);
    write_bytes(&p, "scales/rag.yaml", &bytes);
    let col = text[..at].chars().count() + 1;
    assert!(!text[..at].contains('\n'));
    refused_in_build_and_check(
        &p,
        &before,
        &format!("content/scales/rag.yaml:1:{col}"),
        "file is not valid UTF-8: byte 0xE9 here",
    );
}

#[test]
fn utf16_is_named_without_printing_nul_bytes() {
    let (p, before) = built();
    let text = p.read("scales/rag.yaml");
    let le: Vec<u8> = "\u{feff}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    write_bytes(&p, "scales/rag.yaml", &le);
    refused_in_build_and_check(
        &p,
        &before,
        "content/scales/rag.yaml:1:1",
        "file is encoded as UTF-16 (little-endian), not UTF-8",
    );
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    write_bytes(&p, "scales/rag.yaml", &be);
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("file is encoded as UTF-16 (big-endian), not UTF-8"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("save it as UTF-8"), "{}", r.stderr);
    assert!(!r.stderr.contains('\0'), "raw NUL bytes printed");
    // The excerpt shows the decoded first line.
    assert!(
        r.stderr.contains(text.lines().next().unwrap()),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_loops_and_fifos_are_named_and_never_followed() {
    use std::os::unix::fs::symlink;
    let p = Project::sample();
    let outside = tempfile::tempdir().unwrap();
    // A valid scale outside the content folder, linked in: it must not be read (its id would
    // otherwise be used, and a link could expose any file on the machine).
    std::fs::write(outside.path().join("extra.yaml"), p.read("scales/rag.yaml")).unwrap();
    let c = |rel: &str| p.path(&format!("content/{rel}"));
    symlink(outside.path().join("extra.yaml"), c("scales/outside.yaml")).unwrap();
    symlink(c("scales/loop-b.yaml"), c("scales/loop-a.yaml")).unwrap();
    symlink(c("scales/loop-a.yaml"), c("scales/loop-b.yaml")).unwrap();
    mkfifo(&c("scales/pipe.yaml"));
    // A link to a file inside the folder is read like the file.
    symlink(c("scales/rag.yaml"), c("scales/rag-link.yaml")).unwrap();

    let (r, _) = run_bounded(p.dir.path(), &["check"], 120);
    let expect = [
        "warning: `content/scales/loop-a.yaml` is a symbolic link that loops",
        "warning: `content/scales/loop-b.yaml` is a symbolic link that loops",
        "warning: `content/scales/outside.yaml` is a symbolic link to `",
        "warning: `content/scales/pipe.yaml` is a FIFO (named pipe); only regular files are read",
    ];
    for w in expect {
        assert!(r.stderr.contains(w), "missing `{w}`:\n{}", r.stderr);
    }
    assert!(r.stderr.contains("outside the folder; it was not followed"));
    // The link inside is loaded: its scale is a second one with rag's title (unused).
    assert!(
        r.stderr
            .contains("`rag-link` (a classification scale) is not used"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("`outside`"), "the outside file was read");
    assert_eq!(r.code, 0, "warnings only:\n{}", r.stderr);
    let (r, _) = run_bounded(p.dir.path(), &["check", "--deny-warnings"], 120);
    assert_eq!(r.code, 1);
    let (r, _) = run_bounded(p.dir.path(), &["build"], 120);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("pipe.yaml` is a FIFO"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn special_files_in_the_templates_folder_are_named_and_never_opened() {
    let p = Project::sample();
    std::fs::create_dir_all(p.path("templates")).unwrap();
    mkfifo(&p.path("templates/page.html"));
    let (r, _) = run_bounded(p.dir.path(), &["build"], 120);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("templates: `")
            && r.stderr
                .contains("templates/page.html` is a FIFO (named pipe)"),
        "{}",
        r.stderr
    );
    // A template over the size bound is an error naming it.
    std::fs::remove_file(p.path("templates/page.html")).unwrap();
    std::fs::write(
        p.path("templates/page.html"),
        "x".repeat(4 * 1024 * 1024 + 1),
    )
    .unwrap();
    let (r, _) = run_bounded(p.dir.path(), &["build"], 120);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cannot use template")
            && r.stderr
                .contains("page.html: file is 4194305 bytes, more than the limit"),
        "{}",
        r.stderr
    );
}

/// Whether this process runs as root, for whom permission bits do not stop reads.
#[cfg(unix)]
fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::sample();
    let mode = |path: &Path, m: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap()
    };
    let mut cmd = vec![env!("CARGO_BIN_EXE_guidewright").to_string()];
    if is_root() {
        // Root reads any folder, so the check runs as the unprivileged user `nobody`
        // through util-linux's setpriv; every folder on the way must let that user in.
        if Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!(
                "SKIPPED: running as root and `setpriv` is missing, so no folder is unreadable"
            );
            return;
        }
        for e in walkdir::WalkDir::new(p.dir.path()) {
            let e = e.unwrap();
            mode(e.path(), if e.file_type().is_dir() { 0o755 } else { 0o644 });
        }
        let setpriv = [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ];
        cmd.splice(0..0, setpriv.map(String::from));
    }
    mode(&p.path("content/standards"), 0o000);
    let args: Vec<&str> = cmd[1..]
        .iter()
        .map(String::as_str)
        .chain(["check"])
        .collect();
    let out = Command::new(&cmd[0])
        .args(&args)
        .current_dir(p.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    mode(&p.path("content/standards"), 0o755);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: `content/standards` cannot be read (Permission denied"),
        "{stderr}"
    );
}

/// A running `guidewright serve` on a free port, killed when dropped.
struct Serve(std::process::Child, u16);

impl Serve {
    fn start(p: &Project) -> Serve {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidewright"))
            .args(["serve", "--port", "0"])
            .current_dir(p.dir.path())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pipe = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap());
                }
            }
        });
        let port = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("serve prints its URL");
        Serve(child, port)
    }

    /// The status and body of `GET path`.
    fn get(&self, path: &str) -> (u16, String) {
        use std::io::Write;
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.1)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.1
        )
        .unwrap();
        let mut bytes = Vec::new();
        let _ = s.read_to_end(&mut bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, text)
    }

    fn running(&mut self) -> bool {
        self.0.try_wait().unwrap().is_none()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn poll(secs: u64, what: &str, mut f: impl FnMut() -> bool) {
    let end = Instant::now() + Duration::from_secs(secs);
    while !f() {
        assert!(Instant::now() < end, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_running_serve_shows_the_located_depth_error_and_stays_up() {
    let p = Project::sample();
    let mut serve = Serve::start(&p);
    assert_eq!(serve.get("/").0, 200);
    write_bytes(&p, "scales/deep.yaml", "- ".repeat(5000).as_bytes());
    poll(60, "the error page", || {
        let (status, body) = serve.get("/");
        status == 500 && body.contains("content/scales/deep.yaml:1:129")
    });
    assert!(serve.get("/").1.contains("nested more than 64 levels deep"));
    // The same for a file of aliases: refused at once, the server still answering.
    std::fs::remove_file(p.path("content/scales/deep.yaml")).unwrap();
    write_bytes(
        &p,
        "scales/alias.yaml",
        b"title: &t Rating\nlevels: [*t, *t]\n",
    );
    poll(60, "the alias error", || {
        serve.get("/").1.contains("content/scales/alias.yaml:1:8")
    });
    assert!(serve.running(), "serve exited");
    std::fs::remove_file(p.path("content/scales/alias.yaml")).unwrap();
    poll(60, "the site to come back", || serve.get("/").0 == 200);
    assert!(serve.running());
}

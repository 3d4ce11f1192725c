//! `collect` on hostile returns, as a user would meet them: text a spreadsheet would run as a
//! formula, named pipes and sockets among the returns, absolute paths that must not reach a
//! published report, and groupings that would show single cases.

mod common;
use common::Project;
use std::collections::BTreeMap;
use std::process::Command;

/// The HTML form's CSV export (docs/returns.md): `field,value` rows with RFC 4180 quoting.
fn csv_text(fields: &BTreeMap<String, String>, version: &str) -> String {
    let cell = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut t = format!("field,value\r\nchecklist,kps-self-assessment\r\nversion,{version}\r\n");
    for (k, v) in fields {
        t += &format!("{},{}\r\n", cell(k), cell(v));
    }
    t
}

/// The HTML form's JSON export (docs/returns.md) of flat `meta.`/`q.` fields.
fn json_text(fields: &BTreeMap<String, String>, checklist: &str, version: &str) -> String {
    let mut meta = serde_json::Map::new();
    let mut answers = serde_json::Map::new();
    for (k, v) in fields {
        if let Some(m) = k.strip_prefix("meta.") {
            meta.insert(m.into(), v.clone().into());
        } else if let Some(q) = k.strip_prefix("q.") {
            answers.insert(q.into(), serde_json::json!({ "answer": v }));
        }
    }
    serde_json::json!({"format": "guidewright-return", "checklist": checklist, "version": version,
        "metadata": meta, "answers": answers, "actions": [], "sign_off": {}})
    .to_string()
}

/// Runs collect in the project, killing it if it has not finished in `secs` (a run that
/// waits on a named pipe would otherwise hang the test).
fn collect_within(p: &Project, secs: u64, args: &[&str]) -> common::Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guidewright"))
        .arg("collect")
        .args(args)
        .current_dir(p.dir.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() > secs {
            child.kill().unwrap();
            panic!("collect {args:?} still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn one_return(case: &str, team: &str, answer: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("meta.case-reference".to_string(), case.to_string()),
        ("meta.team".to_string(), team.to_string()),
        ("q.kps-q1".to_string(), answer.to_string()),
    ])
}

#[test]
fn text_that_a_spreadsheet_would_run_is_neutralised_in_every_csv() {
    let p = Project::sample();
    // Text from the content too: a question whose text starts with a minus sign.
    let q1 = "Were domestic abuse enquiries made with the police, and the results used in the assessment?";
    p.edit(
        "checklists/kps-self-assessment.yaml",
        &format!("text: {q1}"),
        "text: \"-1 for no: were domestic abuse enquiries made?\"",
    );
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let teams = [
        "=HYPERLINK(\"http://evil.example/\",\"Click\")",
        "+44 Team",
        "-North",
        "@SUM(A1)",
        "\t=1+1",
    ];
    // Two returns per team, so grouping by team is allowed (5 groups, 10 returns).
    for (i, team) in teams.iter().enumerate() {
        for k in 0..2 {
            let f = one_return(&format!("C-{i}-{k}"), team, ["yes", "no"][k]);
            std::fs::write(
                dir.join(format!("r{i}{k}.json")),
                json_text(&f, "kps-self-assessment", "1.0"),
            )
            .unwrap();
        }
    }
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let groups = std::fs::read_to_string(p.path("report/groups.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(groups.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let mut names = std::collections::BTreeSet::new();
    for row in rdr.records().map(Result::unwrap) {
        names.insert(row[col("group")].to_string());
        for c in ["positive", "applicable", "unanswered"] {
            row[col(c)]
                .parse::<u32>()
                .expect("figures stay plain numbers");
        }
    }
    // Leading whitespace is trimmed from returned values, so the tab goes before `=`.
    let want: std::collections::BTreeSet<String> = [
        "'=HYPERLINK(\"http://evil.example/\",\"Click\")",
        "'+44 Team",
        "'-North",
        "'@SUM(A1)",
        "'=1+1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(names, want);
    let summary = std::fs::read_to_string(p.path("report/summary.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(summary.as_bytes());
    let texts: Vec<String> = rdr.records().map(|r| r.unwrap()[2].to_string()).collect();
    assert_eq!(texts[0], "'-1 for no: were domestic abuse enquiries made?");
    // No cell of any CSV written starts as a formula would.
    for text in [&groups, &summary] {
        for row in csv::Reader::from_reader(text.as_bytes()).records() {
            for cell in row.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "live formula cell {cell:?}"
                );
            }
        }
    }
    // The HTML report shows the names as given.
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    assert!(html.contains("+44 Team") && !html.contains("&#x27;+44") && !html.contains("'+44"));

    // The form's CSV export writes such a value with an apostrophe; collect reads it back as
    // typed, so it is neutralised once, not twice.
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    for k in 0..2 {
        let f = one_return(&format!("E-{k}"), "'=East", "yes");
        std::fs::write(dir.join(format!("e{k}.csv")), csv_text(&f, "1.0")).unwrap();
    }
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let groups = std::fs::read_to_string(p.path("report/groups.csv")).unwrap();
    assert!(groups.contains("\r\n'=East,kps-q1,"), "{groups}");
    assert!(!groups.contains("''=East"), "{groups}");
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_unread_and_named_relative_to_the_path_given() {
    let p = Project::sample();
    let dir = p.path("returns");
    std::fs::create_dir_all(dir.join("north")).unwrap();
    std::fs::write(
        dir.join("north/a.json"),
        json_text(
            &one_return("C-1", "North", "yes"),
            "kps-self-assessment",
            "1.0",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("old.json"),
        json_text(
            &one_return("C-2", "North", "no"),
            "kps-self-assessment",
            "0.9",
        ),
    )
    .unwrap();
    for fifo in [dir.join("pipe.json"), p.path("given-pipe.pdf")] {
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
    }
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("sock.csv")).unwrap();
    std::os::unix::fs::symlink(dir.join("north/a.json"), dir.join("link.json")).unwrap();
    // The folder by its absolute path: no machine path may reach the report.
    let abs = std::fs::canonicalize(&dir).unwrap();
    let r = collect_within(
        &p,
        60,
        &[
            "--checklist",
            "kps-self-assessment",
            "--output",
            "report",
            abs.to_str().unwrap(),
            "given-pipe.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (file, reason) in [
        (
            "returns/pipe.json",
            "a named pipe (FIFO), not a file: skipped unread",
        ),
        (
            "given-pipe.pdf",
            "a named pipe (FIFO), not a file: skipped unread",
        ),
        ("returns/sock.csv", "a socket, not a file: skipped unread"),
        ("returns/link.json", "a symbolic link"),
        ("returns/old.json", "a return for version `0.9`"),
    ] {
        let line = format!("skipped {file}: {reason}");
        assert!(
            r.stderr.contains(&line),
            "expected `{line}` in\n{}",
            r.stderr
        );
    }
    assert!(
        r.stderr
            .contains("Compiled 1 return of 2 files (5 skipped)"),
        "{}",
        r.stderr
    );
    let root = std::fs::canonicalize(p.dir.path()).unwrap();
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    for text in [&r.stderr, &html] {
        assert!(
            !text.contains(root.to_str().unwrap()),
            "a machine path is shown"
        );
    }
    // In the page, names and values are code elements, not Markdown backticks.
    let doc = scraper::Html::parse_document(&html);
    let items = scraper::Selector::parse("#skipped + ul li").unwrap();
    let lis: Vec<String> = doc.select(&items).map(|li| li.inner_html()).collect();
    assert_eq!(lis.len(), 5, "{lis:?}");
    assert!(lis.iter().all(|li| !li.contains('`')), "{lis:?}");
    assert!(
        lis.iter().any(|li| li
            .starts_with("<code>returns/old.json</code>: a return for version <code>0.9</code>")),
        "{lis:?}"
    );
    // In the printed report, quotation marks.
    let out = Command::new("pdftotext")
        .arg(p.path("report/report.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let pdf = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        pdf.contains("returns/old.json: a return for version \u{2018}0.9\u{2019}"),
        "{pdf}"
    );
    assert!(
        !pdf.contains('`') && !pdf.contains(root.to_str().unwrap()),
        "{pdf}"
    );
}

#[test]
fn grouping_that_would_show_single_cases_is_refused() {
    let p = Project::sample();
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    // Four returns: two teams are allowed (2 groups, not more than half of 4); a third team is
    // not (3 groups).
    for (i, team) in ["North", "North", "South", "South"].iter().enumerate() {
        std::fs::write(
            dir.join(format!("r{i}.json")),
            json_text(
                &one_return(&format!("C-{i}"), team, "yes"),
                "kps-self-assessment",
                "1.0",
            ),
        )
        .unwrap();
    }
    let args = |field: &'static str| {
        [
            "collect",
            "--checklist",
            "kps-self-assessment",
            "--output",
            "report",
            "--group-by",
            field,
            "returns",
        ]
    };
    assert_eq!(p.run(&args("team")).code, 0);
    let before = common::snapshot(&p.path("report"));
    std::fs::write(
        dir.join("r3.json"),
        json_text(
            &one_return("C-3", "East", "yes"),
            "kps-self-assessment",
            "1.0",
        ),
    )
    .unwrap();
    let r = p.run(&args("team"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the 4 returns have 3 different values of Team or office"),
        "{}",
        r.stderr
    );
    assert_eq!(
        common::snapshot(&p.path("report")),
        before,
        "nothing written"
    );
    let r = p.run(&args("case-reference"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Case reference is the checklist's case reference"),
        "{}",
        r.stderr
    );
}

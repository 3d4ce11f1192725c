//! `guidewright collect`: returns filled with pypdf (an independent PDF writer) and written as
//! JSON and CSV are compiled, and every figure in summary.csv is checked against counts made
//! here from the answers given; junk in the same folder is skipped by name with its reason.

mod common;
use common::Project;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A question of the sample checklist and how each of its answers counts.
struct Q {
    id: String,
    code: String,
    /// (value, counts_as)
    options: Vec<(String, String)>,
}

fn questions(p: &Project) -> Vec<Q> {
    let yaml = |rel: &str| serde_yaml::from_str::<serde_yaml::Value>(&p.read(rel)).unwrap();
    let c = yaml("checklists/kps-self-assessment.yaml");
    let mut out = Vec::new();
    for s in c["sections"].as_sequence().unwrap() {
        for q in s["questions"].as_sequence().unwrap() {
            let scale = yaml(&format!(
                "response-scales/{}.yaml",
                q["response"].as_str().unwrap()
            ));
            out.push(Q {
                id: q["id"].as_str().unwrap().into(),
                code: q["code"].as_str().unwrap().into(),
                options: scale["options"]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|o| {
                        (
                            o["value"].as_str().unwrap().into(),
                            o["counts_as"].as_str().unwrap().into(),
                        )
                    })
                    .collect(),
            });
        }
    }
    out
}

/// A linear congruential generator: the same answers on every run.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[derive(Default, Clone, Copy, Debug, PartialEq)]
struct Tally {
    positive: u32,
    partial: u32,
    negative: u32,
    na: u32,
    unanswered: u32,
}

fn pypdf(args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/fill_return.py");
    let out = Command::new("python3")
        .arg(&script)
        .args(args)
        .output()
        .expect("python3 with pypdf is needed (pip install pypdf)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn csv_text(fields: &BTreeMap<String, String>, version: &str) -> String {
    let cell = |s: &str| {
        if s.contains([',', '"', '\n']) {
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

fn json_text(fields: &BTreeMap<String, String>, checklist: &str, version: &str) -> String {
    let mut meta = serde_json::Map::new();
    let mut answers = serde_json::Map::new();
    for (k, v) in fields {
        if let Some(m) = k.strip_prefix("meta.") {
            meta.insert(m.into(), v.clone().into());
        } else if let Some(q) = k.strip_prefix("q.") {
            answers.insert(
                q.into(),
                serde_json::json!({"answer": v, "evidence": format!("Evidence note {q}")}),
            );
        }
    }
    serde_json::json!({"format": "guidewright-return", "checklist": checklist, "version": version,
        "metadata": meta, "answers": answers,
        "actions": [{"action": "Refresh  checks", "question": "A1", "owner": "Team manager"}],
        "sign_off": {}})
    .to_string()
}

#[test]
fn collect_counts_every_answer_and_skips_junk() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let qs = questions(&p);
    let form = p.path("output/checklists/kps-self-assessment.pdf");
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Lcg(2026);
    let mut expected: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_team: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let teams = ["North", "South"];
    // 9 JSON, 5 CSV and 6 PDF returns; one JSON answer is not an option (counted unanswered).
    for n in 0..20 {
        let mut fields = BTreeMap::new();
        fields.insert("meta.case-reference".to_string(), format!("C-{n:02}"));
        // A name beyond Latin-1 reaches the PDF as UTF-16BE.
        let team = if n == 13 {
            "Tîm Gogledd ŵ – £"
        } else {
            teams[n % 2]
        };
        fields.insert("meta.team".to_string(), team.to_string());
        fields.insert(
            "meta.recorded-classification".to_string(),
            ["low", "high"][n % 2].to_string(),
        );
        fields.insert(
            "meta.auditor-classification".to_string(),
            ["low", "high", "high"][n % 3].to_string(),
        );
        for q in &qs {
            // How this return's answer to q must be counted.
            let category = if n == 4 && q.id == "kps-q12" {
                fields.insert(format!("q.{}", q.id), "maybe".into());
                "unanswered"
            } else {
                let k = match (n, q.id.as_str()) {
                    (3, "kps-q2") => 0,
                    (5, "kps-q1") => 1,
                    _ => rng.below(q.options.len() + 1),
                };
                if k == q.options.len() {
                    "unanswered"
                } else {
                    let (value, counts) = &q.options[k];
                    fields.insert(format!("q.{}", q.id), value.clone());
                    // PDF 3's kps-q2 shows one answer and holds another: it is left out.
                    if n == 3 && q.id == "kps-q2" {
                        "unanswered"
                    } else {
                        counts.as_str()
                    }
                }
            };
            for t in [
                expected.entry(q.id.clone()).or_default(),
                by_team.entry((team.to_string(), q.id.clone())).or_default(),
            ] {
                match category {
                    "positive" => t.positive += 1,
                    "partial" => t.partial += 1,
                    "negative" => t.negative += 1,
                    "excluded" => t.na += 1,
                    _ => t.unanswered += 1,
                }
            }
        }
        let stem = format!("r{n:02}");
        if n % 4 == 1 || n == 3 {
            let values = p.path(&format!("{stem}.values.json"));
            std::fs::write(&values, serde_json::to_string(&fields).unwrap()).unwrap();
            let out = dir.join(format!("{stem}.pdf"));
            let mut args = vec![
                form.to_str().unwrap(),
                out.to_str().unwrap(),
                values.to_str().unwrap(),
            ];
            match n {
                1 => args.push("--incremental"),
                5 => args.extend(["--preview", "q.kps-q1"]),
                3 => args.extend(["--conflict", "q.kps-q2", "no"]),
                _ => {}
            }
            pypdf(&args);
        } else if n % 4 == 2 {
            std::fs::write(dir.join(format!("{stem}.csv")), csv_text(&fields, "1.0")).unwrap();
        } else {
            std::fs::write(
                dir.join(format!("{stem}.json")),
                json_text(&fields, "kps-self-assessment", "1.0"),
            )
            .unwrap();
        }
    }
    // Junk, each for its own reason.
    let filled = std::fs::read(dir.join("r01.pdf")).unwrap();
    std::fs::copy(&form, dir.join("blank.pdf")).unwrap();
    // Too big to be a return: skipped unread (a sparse file, so the test stays cheap).
    std::fs::File::create(dir.join("huge.json"))
        .unwrap()
        .set_len(40 << 20)
        .unwrap();
    std::fs::write(dir.join("notes.txt"), "minutes of the team meeting").unwrap();
    std::fs::write(dir.join("fake.pdf"), "this is not a PDF").unwrap();
    std::fs::write(dir.join("truncated.pdf"), &filled[..filled.len() / 2]).unwrap();
    std::fs::copy(
        p.path("output/guides/keeping-people-safe/keeping-people-safe.pdf"),
        dir.join("guide.pdf"),
    )
    .unwrap();
    let enc = Command::new("qpdf")
        .args(["--encrypt", "user-pw", "owner-pw", "256", "--"])
        .arg(dir.join("r09.pdf"))
        .arg(dir.join("locked.pdf"))
        .status()
        .unwrap();
    assert!(enc.success());
    std::fs::write(
        dir.join("bad.json"),
        "{\"format\": \"guidewright-return\", ",
    )
    .unwrap();
    std::fs::write(
        dir.join("bad.csv"),
        "field,value\r\nchecklist,kps-self-assessment,extra\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("old.json"),
        json_text(
            &BTreeMap::from([("meta.case-reference".to_string(), "OLD-1".to_string())]),
            "kps-self-assessment",
            "0.9",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("other.json"),
        json_text(&BTreeMap::new(), "kcs-self-assessment", "1.0"),
    )
    .unwrap();
    std::fs::write(
        dir.join("z-duplicate.json"),
        json_text(
            &BTreeMap::from([("meta.case-reference".to_string(), "C-00".to_string())]),
            "kps-self-assessment",
            "1.0",
        ),
    )
    .unwrap();

    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--group-by",
        "team",
        "returns",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (file, reason) in [
        ("notes.txt", "not a return"),
        ("blank.pdf", "nothing is filled in"),
        ("huge.json", "too big"),
        ("fake.pdf", "not a PDF"),
        ("truncated.pdf", "truncated"),
        ("guide.pdf", "no form fields"),
        ("locked.pdf", "encrypted"),
        ("bad.json", "not valid JSON"),
        ("bad.csv", "not a valid CSV"),
        ("old.json", "version `0.9`"),
        ("other.json", "checklist `kcs-self-assessment`"),
        ("z-duplicate.json", "duplicate"),
    ] {
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with("skipped ") && l.contains(file))
            .unwrap_or_else(|| panic!("{file} not reported as skipped:\n{}", r.stderr));
        assert!(
            line.contains(reason),
            "{file}: expected `{reason}` in `{line}`"
        );
    }
    assert!(
        r.stderr
            .contains("Compiled 20 returns of 32 files (12 skipped)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("r03.pdf: q.kps-q2"),
        "the conflict is reported:\n{}",
        r.stderr
    );

    let groups = std::fs::read_to_string(p.path("report/groups.csv")).unwrap();
    assert!(groups.contains("\nTîm Gogledd ŵ – £,kps-q1,"), "{groups}");
    let mut g = csv::Reader::from_reader(groups.as_bytes());
    let gh: Vec<String> = g.headers().unwrap().iter().map(String::from).collect();
    let gcol = |name: &str| gh.iter().position(|h| h == name).unwrap();
    let mut seen = 0;
    for row in g.records().map(Result::unwrap) {
        let num = |c: &str| row[gcol(c)].parse::<u32>().unwrap();
        let want = by_team[&(
            row[gcol("group")].to_string(),
            row[gcol("question")].to_string(),
        )];
        let got = Tally {
            positive: num("positive"),
            partial: num("partial"),
            negative: num("negative"),
            na: num("not_applicable"),
            unanswered: num("unanswered"),
        };
        assert_eq!(got, want, "{:?}", &row);
        assert_eq!(
            num("applicable"),
            want.positive + want.partial + want.negative
        );
        seen += 1;
    }
    assert_eq!(seen, by_team.len(), "one row per team and question");
    let text = std::fs::read_to_string(p.path("report/summary.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    for col in [
        "question",
        "code",
        "text",
        "positive",
        "partial",
        "applicable",
        "not_applicable",
        "unanswered",
        "percent",
    ] {
        assert!(
            header.contains(&col.to_string()),
            "{col} missing from {header:?}"
        );
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), qs.len());
    for (row, q) in rows.iter().zip(&qs) {
        let t = expected[&q.id];
        let num = |c: &str| row[col(c)].parse::<u32>().unwrap();
        assert_eq!(&row[col("question")], q.id);
        assert_eq!(&row[col("code")], q.code);
        let got = Tally {
            positive: num("positive"),
            partial: num("partial"),
            negative: num("applicable") - num("positive") - num("partial"),
            na: num("not_applicable"),
            unanswered: num("unanswered"),
        };
        assert_eq!(got, t, "{}", q.id);
        let applicable = t.positive + t.partial + t.negative;
        let percent = if applicable == 0 {
            String::new()
        } else {
            ((100.0 * t.positive as f64 / applicable as f64) + 0.5)
                .floor()
                .to_string()
        };
        assert_eq!(row[col("percent")], percent, "{}", q.id);
    }
}

#[test]
fn strict_and_nothing_to_compile_fail_and_reports_say_the_same() {
    let p = Project::sample();
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut fields = BTreeMap::from([
        ("meta.case-reference".to_string(), "C-1".to_string()),
        ("meta.team".to_string(), "North <b>".to_string()),
        ("q.kps-q1".to_string(), "yes".to_string()),
    ]);
    std::fs::write(
        dir.join("a.json"),
        json_text(&fields, "kps-self-assessment", "1.0"),
    )
    .unwrap();
    fields.insert("meta.case-reference".into(), "C-2".into());
    fields.insert("q.kps-q1".into(), "no".into());
    std::fs::write(dir.join("b.csv"), csv_text(&fields, "1.0")).unwrap();
    std::fs::write(dir.join("junk.pdf"), "%PDF-1.7\n garbage").unwrap();
    let args = [
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "returns",
    ];

    let strict = p.run(&[&args[..], &["--strict"]].concat());
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("junk.pdf: a corrupt PDF")
            || strict.stderr.contains("junk.pdf: a truncated PDF"),
        "{}",
        strict.stderr
    );
    assert!(
        !p.path("report").exists(),
        "--strict writes no report when a file is skipped"
    );

    let ok = p.run(&[&args[..], &["--group-by", "team"]].concat());
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("In 1 of 2 cases (50%) where it applied, domestic abuse enquiries were made with the police and used in the assessment."), "headline missing");
    assert!(
        html.contains("North &lt;b&gt;") && !html.contains("North <b>"),
        "metadata is escaped"
    );
    // Every chart is followed by its data table.
    let sel = scraper::Selector::parse("svg + .gw-scroll > table").unwrap();
    let charts = scraper::Selector::parse("svg").unwrap();
    assert_eq!(doc.select(&sel).count(), doc.select(&charts).count());
    let pdf = p.path("report/report.pdf");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let pdf_text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        pdf_text.contains("In 1 of 2 cases (50%) where it applied"),
        "{pdf_text}"
    );
    // Evidence stays out unless asked for.
    assert!(!html.contains("Evidence note kps-q1") && !pdf_text.contains("Evidence note"));
    let with = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "with-evidence",
        "--include-evidence",
        "returns/a.json",
    ]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    let html_with = std::fs::read_to_string(p.path("with-evidence/index.html")).unwrap();
    assert!(
        html_with.contains("Evidence note kps-q1"),
        "--include-evidence shows the evidence"
    );
    // The same returns give byte-identical reports.
    let first = common::snapshot(&p.path("report"));
    assert_eq!(
        p.run(&[&args[..], &["--group-by", "team"]].concat()).code,
        0
    );
    assert_eq!(first, common::snapshot(&p.path("report")));

    // A folder holding only junk compiles nothing: exit 1.
    std::fs::remove_file(dir.join("a.json")).unwrap();
    std::fs::remove_file(dir.join("b.csv")).unwrap();
    let none = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report2",
        "returns",
    ]);
    assert_eq!(none.code, 1);
    assert!(
        none.stderr.contains("no return could be compiled"),
        "{}",
        none.stderr
    );
    // An output folder that holds something else is refused rather than replaced.
    std::fs::write(
        dir.join("a.json"),
        json_text(&fields, "kps-self-assessment", "1.0"),
    )
    .unwrap();
    let refused = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "content",
        "returns",
    ]);
    assert_eq!(refused.code, 1);
    assert!(p.path("content/site.yaml").exists());
}

#[test]
fn report_settings_are_checked_with_their_place() {
    let p = Project::sample();
    p.edit(
        "checklists/kps-self-assessment.yaml",
        "judged: auditor-classification",
        "judged: team",
    );
    p.edit(
        "checklists/kps-self-assessment.yaml",
        "{from: 60, label",
        "{from: 160, label",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1);
    let at = p.locate("checklists/kps-self-assessment.yaml", "judged: team");
    let at = at.rsplit_once(':').unwrap().0; // line, whatever the column
    assert!(
        r.stderr
            .contains("`team` is not a choice from a classification scale"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(at), "expected {at} in\n{}", r.stderr);
    assert!(
        r.stderr
            .contains("a band starts at a percentage from 0 to 100"),
        "{}",
        r.stderr
    );
    // collect refuses to run on content with errors, and on a field it does not have.
    let c = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "r",
        "content",
    ]);
    assert_eq!(c.code, 1);
    let p = Project::sample();
    let g = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "r",
        "--group-by",
        "tema",
        "content",
    ]);
    assert_eq!(
        g.code, 2,
        "an option that cannot be honoured is a usage error"
    );
    assert!(
        g.stderr.contains("no metadata field `tema`"),
        "{}",
        g.stderr
    );
    let n = p.run(&["collect", "--checklist", "nope", "--output", "r", "content"]);
    assert!(
        n.code == 1 && n.stderr.contains("kps-self-assessment"),
        "{}",
        n.stderr
    );
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
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--group-by",
        "team",
        "returns",
    ]);
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
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--group-by",
        "team",
        "returns",
    ]);
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

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

    let r = p.collect_by_team();
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
    let sel = scraper::Selector::parse("figure:has(.gw-bars) + .gw-scroll > table").unwrap();
    let charts = scraper::Selector::parse("figure:has(.gw-bars)").unwrap();
    assert_eq!(doc.select(&charts).count(), 2, "two charts");
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
    // Each error points at the offending value (line and column), not at its key.
    let file = "checklists/kps-self-assessment.yaml";
    let judged = p.locate_in(file, "judged: team", "team");
    let band = p.locate_in(file, "{from: 160, label", "160");
    for (message, at) in [
        (
            "`team` is not a choice from a classification scale",
            &judged,
        ),
        ("a band starts at a percentage from 0 to 100", &band),
    ] {
        let after = r
            .stderr
            .split_once(message)
            .unwrap_or_else(|| panic!("`{message}` missing from\n{}", r.stderr))
            .1;
        // The first place shown after the message is its own.
        let place = after
            .split_once("┌─ ")
            .map(|(_, p)| p.lines().next().unwrap());
        assert_eq!(place, Some(at.as_str()), "{message}:\n{}", r.stderr);
    }
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

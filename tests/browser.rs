//! The offline HTML checklist form, driven in headless Chromium by `tests/browser/form.mjs`
//! and `tests/browser/roundtrip.mjs` (playwright-core with the system Chromium; `tests/run`
//! installs both): answers kept, checked and exported, and exports compiled by `collect`.

mod common;
use common::Project;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/browser/`, with its npm packages installed.
fn browser_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/playwright-core").is_dir(),
        "run `npm ci --prefix tests/browser` first (and install Chromium): tests/run does both"
    );
    here
}

#[test]
fn offline_form_keeps_answers_checks_them_and_exports_a_return() {
    let here = browser_dir();
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in ["kps-self-assessment", "kcs-self-assessment"] {
        let form = p.path(&format!("output/checklists/{id}-form.html"));
        let out = Command::new("node")
            .arg(here.join("form.mjs"))
            .arg(&form)
            .args([id, "1.0"])
            .output()
            .expect("node is needed for the browser test");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{id}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("10 passed, 0 failed"), "{text}");
    }
}

/// How each answer of the checklist's questions counts (question id → value → counts_as),
/// from the content.
fn counts_as(p: &Project, checklist: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let yaml = |rel: &str| serde_yaml::from_str::<serde_yaml::Value>(&p.read(rel)).unwrap();
    let c = yaml(&format!("checklists/{checklist}.yaml"));
    let mut out = BTreeMap::new();
    for s in c["sections"].as_sequence().unwrap() {
        for q in s["questions"].as_sequence().unwrap() {
            let scale = yaml(&format!(
                "response-scales/{}.yaml",
                q["response"].as_str().unwrap()
            ));
            let options = scale["options"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|o| {
                    (
                        o["value"].as_str().unwrap().to_string(),
                        o["counts_as"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            out.insert(q["id"].as_str().unwrap().to_string(), options);
        }
    }
    out
}

#[test]
fn answers_clicked_in_the_form_and_exported_are_counted_by_collect() {
    let here = browser_dir();
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let id = "kps-self-assessment";
    let returns = p.path("returns");
    std::fs::create_dir_all(&returns).unwrap();
    let out = Command::new("node")
        .arg(here.join("roundtrip.mjs"))
        .arg(p.path(&format!("output/checklists/{id}-form.html")))
        .arg(&returns)
        .output()
        .expect("node is needed for the browser test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clicked: Vec<serde_json::Value> = serde_json::from_slice(
        out.stdout
            .trim_ascii_end()
            .rsplit(|b| *b == b'\n')
            .next()
            .unwrap(),
    )
    .unwrap();
    let files: Vec<&str> = clicked
        .iter()
        .map(|c| c["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.iter().filter(|f| f.ends_with(".json")).count(), 2);
    assert_eq!(files.iter().filter(|f| f.ends_with(".csv")).count(), 2);

    // What collect must count, from the clicks.
    let how = counts_as(&p, id);
    let mut want: BTreeMap<String, [u32; 5]> = BTreeMap::new();
    for c in &clicked {
        for (q, options) in &how {
            let slot = match c["answers"][format!("q.{q}")].as_str() {
                None => 4,
                Some(v) => match options[v].as_str() {
                    "positive" => 0,
                    "partial" => 1,
                    "negative" => 2,
                    "excluded" => 3,
                    other => panic!("counts_as {other}"),
                },
            };
            want.entry(q.clone()).or_default()[slot] += 1;
        }
    }
    // The clicks cover every kind of answer, and some questions were left unanswered.
    for slot in 0..5 {
        assert!(
            want.values().any(|w| w[slot] > 0),
            "no answer of kind {slot}"
        );
    }

    let r = p.run(&[
        "collect",
        "--checklist",
        id,
        "--output",
        "report",
        "returns",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("Compiled 4 returns of 4 files"),
        "{}",
        r.stderr
    );
    let text = std::fs::read_to_string(p.path("report/summary.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut seen = 0;
    for row in rdr.records().map(Result::unwrap) {
        let num = |c: &str| row[col(c)].parse::<u32>().unwrap();
        let got = [
            num("positive"),
            num("partial"),
            num("negative"),
            num("not_applicable"),
            num("unanswered"),
        ];
        assert_eq!(
            got,
            want[&row[col("question")]],
            "{} (positive, partly, negative, not applicable, unanswered)",
            &row[col("question")]
        );
        seen += 1;
    }
    assert_eq!(seen, how.len());
}

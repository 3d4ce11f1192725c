//! Helpers shared by the integration tests: a copy of the sample project in a temporary
//! folder, running the binary, editing files, and finding where text stands.
#![allow(dead_code)]

pub mod office_returns;
pub mod team_returns;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary project holding a copy of the sample `content/`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn sample() -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &dir.path().join("content"),
        );
        Project { dir }
    }

    /// The sample in its default language only, as it was before it had a Welsh translation:
    /// no `languages` in site.yaml and no `.cy.yaml` files.
    pub fn sample_one_language() -> Project {
        let p = Project::sample();
        p.edit("site.yaml", "languages: [en, cy]\n", "");
        for e in walkdir::WalkDir::new(p.path("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".cy.yaml"))
        {
            std::fs::remove_file(e.path()).unwrap();
        }
        p
    }

    /// A sample project as `guidewright new --example NAME` writes it.
    pub fn example(name: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        let r = run_in(dir.path(), &["new", "--example", name, "."]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        Project { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Reads a file of the content folder.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(&format!("content/{rel}"))).unwrap()
    }

    /// Writes a file of the content folder.
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(&format!("content/{rel}"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Replaces the one occurrence of `from` in a content file with `to`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "expected `{from}` exactly once in {rel}"
        );
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Replaces the first occurrence of `from` in a content file with `to`.
    pub fn edit_first(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "expected `{from}` in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs guidewright in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// Compiles the returns in `returns/` against the sample checklist into `report/`, by team.
    pub fn collect_by_team(&self) -> Run {
        self.run(&[
            "collect",
            "--checklist",
            "kps-self-assessment",
            "--output",
            "report",
            "--group-by",
            "team",
            "returns",
        ])
    }

    /// `file:line:col` of the first occurrence of `needle` in a file (1-based, characters).
    pub fn locate(&self, rel: &str, needle: &str) -> String {
        let text = self.read(rel);
        let offset = text
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` not in {rel}"));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        format!("content/{rel}:{line}:{col}")
    }

    /// `file:line:col` of `part` inside the first occurrence of `context` in a file: where a
    /// value stands after its key (`locate_in(f, "judged: team", "team")`).
    pub fn locate_in(&self, rel: &str, context: &str, part: &str) -> String {
        let at = self.locate(rel, context);
        let (place, col) = at.rsplit_once(':').unwrap();
        let offset = context
            .find(part)
            .unwrap_or_else(|| panic!("`{part}` not in `{context}`"));
        let col: usize = col.parse().unwrap();
        format!("{place}:{}", col + context[..offset].chars().count())
    }
}

/// A JSON return of the sample checklist (`kps-self-assessment`, version 1.0), as the HTML
/// form exports it: metadata fields by id, answers by question id (an empty answer is left
/// out, as unanswered), no actions.
pub fn sample_return(meta: &[(&str, &str)], answers: &[(&str, &str)]) -> String {
    sample_return_of("1.0", meta, answers)
}

/// [`sample_return`] filled against another `version` of the checklist.
pub fn sample_return_of(version: &str, meta: &[(&str, &str)], answers: &[(&str, &str)]) -> String {
    let meta: serde_json::Map<String, serde_json::Value> = meta
        .iter()
        .map(|(k, v)| (k.to_string(), (*v).into()))
        .collect();
    let answers: serde_json::Map<String, serde_json::Value> = answers
        .iter()
        .filter(|(_, a)| !a.is_empty())
        .map(|(q, a)| (q.to_string(), serde_json::json!({ "answer": a })))
        .collect();
    serde_json::json!({"format": "guidewright-return",
        "checklist": "kps-self-assessment", "version": version,
        "metadata": meta, "answers": answers, "actions": [], "sign_off": {}})
    .to_string()
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_guidewright"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// Runs a command-line tool the tests read output with (poppler's `pdftotext`, `pdfinfo`,
/// `pdffonts`; `qpdf`; Python scripts) and returns what it printed; fails the test, with the
/// tool's own messages, if it is missing or fails.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (tests/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The rows of a CSV file of the report in `report/`, each by its column names.
pub fn report_csv(p: &Project, file: &str) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(p.path(&format!("report/{file}"))).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    rdr.records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The sample checklist's questions as (id, code), in checklist order, read from its YAML.
pub fn question_codes(p: &Project) -> Vec<(String, String)> {
    let c: serde_yaml::Value =
        serde_yaml::from_str(&p.read("checklists/kps-self-assessment.yaml")).unwrap();
    c["sections"]
        .as_sequence()
        .unwrap()
        .iter()
        .flat_map(|s| s["questions"].as_sequence().unwrap())
        .map(|q| {
            (
                q["id"].as_str().unwrap().to_string(),
                q["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The `/Alt` text of every Figure of a PDF in structure order, read by pypdf.
pub fn figure_alts(pdf: &Path) -> Vec<String> {
    let script = format!("{}/tests/pdf/figure_alts.py", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&tool("python3", &[&script, pdf.to_str().unwrap()])).unwrap()
}

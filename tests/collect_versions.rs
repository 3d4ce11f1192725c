//! Returns of different checklist versions in one run (`report.versions`): questions matched
//! by id, a question added since counted over the returns that asked it only, a removed one
//! listed as discontinued with the returns that answered it, never merged; an answer to a
//! question the return's version did not ask is a problem and left out; an unlisted version is
//! skipped. Expected counts are worked out here from the returns written.

mod common;
use common::{sample_return_of, Project};
use std::collections::BTreeMap;

const ROUNDS: [&str; 2] = ["2024-Q2", "2024-Q3"];
/// The question version 1.0 did not ask, and the one it asked that 1.1 no longer does.
const ADDED: &str = "kps-q2";
const REMOVED: &str = "kps-q0-retired";

fn project() -> Project {
    let p = Project::sample();
    let file = "checklists/kps-self-assessment.yaml";
    p.edit_first(file, "version: \"1.0\"", "version: \"1.1\"");
    p.edit(
        file,
        "  minimum_answers: 10\n",
        &format!("  minimum_answers: 10\n  versions:\n    - {{version: \"1.0\", added: [{ADDED}], removed: [{REMOVED}]}}\n"),
    );
    p
}

fn write(p: &Project, round: &str, name: &str, version: &str, answers: &[(&str, &str)]) {
    let dir = p.path(&format!("returns/{round}"));
    std::fs::create_dir_all(&dir).unwrap();
    let case = format!("{round}-{name}");
    let text = sample_return_of(version, &[("case-reference", &case)], answers);
    std::fs::write(dir.join(format!("{name}.json")), text).unwrap();
}

fn yes(n: usize, k: usize) -> &'static str {
    if n < k {
        "yes"
    } else {
        "no"
    }
}

/// Round one: 10 returns of version 1.0 (kps-q1 yes in 4, the removed question yes in 6 and
/// answered in all 10). Round two: 12 returns of 1.1 (kps-q1 yes in 9, kps-q2 yes in 6) and
/// 3 of 1.0 (kps-q1 yes in all; the first also answers kps-q2, which 1.0 did not ask, and an
/// id no version has); one return of version 0.8.
fn write_rounds(p: &Project) {
    for n in 0..10 {
        let a = [("kps-q1", yes(n, 4)), (REMOVED, yes(n, 6))];
        write(p, ROUNDS[0], &format!("old{n:02}"), "1.0", &a);
    }
    for n in 0..12 {
        let a = [("kps-q1", yes(n, 9)), (ADDED, yes(n, 6))];
        write(p, ROUNDS[1], &format!("new{n:02}"), "1.1", &a);
    }
    for n in 0..3 {
        let mut a = vec![("kps-q1", "yes"), (REMOVED, "no")];
        if n == 0 {
            a.extend([(ADDED, "yes"), ("kps-bogus", "yes")]);
        }
        write(p, ROUNDS[1], &format!("mixed{n}"), "1.0", &a);
    }
    write(p, ROUNDS[1], "ancient", "0.8", &[("kps-q1", "yes")]);
}

fn row<'a>(
    rows: &'a [BTreeMap<String, String>],
    q: &str,
    round: &str,
) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| r["question"] == q && r["round"] == round)
        .unwrap_or_else(|| panic!("no row for {q} in {round}"))
}

#[test]
fn returns_of_two_versions_are_matched_by_id_never_merged() {
    let p = project();
    write_rounds(&p);
    let rounds: Vec<String> = ROUNDS.iter().map(|r| format!("{r}=returns/{r}")).collect();
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--round",
        &rounds[0],
        "--round",
        &rounds[1],
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);

    let csv = common::report_csv(&p, "summary.csv");
    // A question both versions asked: every return of the round counts (10 in round one; the
    // 12 + 3 of round two, 9 + 3 yes).
    let q1 = row(&csv, "kps-q1", ROUNDS[1]);
    assert_eq!(
        (q1["positive"].as_str(), q1["applicable"].as_str()),
        ("12", "15")
    );
    assert_eq!(row(&csv, "kps-q1", ROUNDS[0])["applicable"], "10");
    // The added question: over version 1.1's 12 returns only; the three 1.0 returns are not
    // unanswered, and the 1.0 return that answered it anyway is not counted.
    let q2 = row(&csv, ADDED, ROUNDS[1]);
    assert_eq!(
        (
            q2["positive"].as_str(),
            q2["applicable"].as_str(),
            q2["unanswered"].as_str()
        ),
        ("6", "12", "0")
    );
    assert_eq!(q2["percent"], "50");
    let old = row(&csv, ADDED, ROUNDS[0]);
    assert_eq!(
        (old["applicable"].as_str(), old["unanswered"].as_str()),
        ("0", "0")
    );
    // The removed question is no row of the current checklist's figures.
    assert!(csv.iter().all(|r| r["question"] != REMOVED));

    // Round one never asked kps-q2: the comparison says so instead of a change from 0.
    let changes = common::report_csv(&p, "changes.csv");
    let ch = changes.iter().find(|c| c["question"] == ADDED).unwrap();
    assert!(ch["change_points"].is_empty(), "{ch:?}");

    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    assert!(
        html.contains(
            "New since version 1.0: not asked in 3 returns, which are left out of this figure."
        ),
        "added question's note"
    );
    assert!(
        html.contains("not asked (new since)"),
        "round one's kps-q2 figure"
    );
    // Discontinued, per round, with the returns answering it (10 in round one, 3 in two).
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.path("report/data.json")).unwrap()).unwrap();
    let gone: Vec<&str> = data["discontinued"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        gone,
        [
            format!("{REMOVED} (version 1.0 only): answered in 10 returns, not counted under any current question ({})", ROUNDS[0]),
            format!("{REMOVED} (version 1.0 only): answered in 3 returns, not counted under any current question"),
        ]
    );
    let q2json = data["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == ADDED)
        .unwrap();
    assert_eq!(q2json["not_asked"], 3);
    assert!(html.contains(&format!(
        "{REMOVED} (version 1.0 only): answered in 3 returns"
    )));

    // The stray answers are problems of that return, left out; the 0.8 return is skipped.
    for problem in [
        "returns/2024-Q3/mixed0.json: answers A2, which version 1.0 of the checklist did not ask; the answer is left out",
        "returns/2024-Q3/mixed0.json: answers <code>kps-bogus</code>, which is not a question of this checklist",
        "<code>returns/2024-Q3/ancient.json</code>: a return for version <code>0.8</code> of the checklist",
    ] {
        assert!(html.contains(problem), "{problem}");
    }
}

#[test]
fn a_version_entry_naming_a_question_wrongly_is_an_error_where_written() {
    let p = project();
    let file = "checklists/kps-self-assessment.yaml";
    p.edit(file, &format!("added: [{ADDED}]"), "added: [kps-nothing]");
    p.edit(file, &format!("removed: [{REMOVED}]"), "removed: [kps-q1]");
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let out = format!("{}{}", r.stdout, r.stderr);
    assert!(
        out.contains("`kps-nothing` is not a question of this checklist"),
        "{out}"
    );
    assert!(
        out.contains("`kps-q1` is still a question of this checklist"),
        "{out}"
    );
    // Each names the file, line and column of the value.
    assert!(out.contains(&p.locate(file, "kps-nothing")), "{out}");
    assert!(out.contains(&p.locate(file, "kps-q1]")), "{out}");
}

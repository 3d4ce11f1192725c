//! What a `collect` report says about returns made for the purpose: percentages exactly on each
//! rating band's edge and one below it, questions under the small-number threshold, section
//! scores by the lowest-question rule, and classification agreement from known pairs. Every
//! expected figure is worked out here from the answers given and the checklist's `report`
//! block (read with serde_yaml), then looked for in `summary.csv`, the HTML report and the
//! PDF report's text (poppler's `pdftotext`).

mod common;
use common::Project;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::process::Command;

const CHECKLIST: &str = "checklists/kps-self-assessment.yaml";
/// Returns in the sample.
const N: usize = 20;

/// How many returns give each answer to one question: yes, partly, no, not applicable, none.
type Plan = [usize; 5];

/// Per question (by id): chosen so that percentages sit on the bands' edges (80, 60, 0) and
/// one below (79, 59), and applicable counts on both sides of `minimum_answers` (10).
const PLANS: [(&str, Plan); 12] = [
    ("kps-q1", [16, 2, 2, 0, 0]),  // 16 of 20: 80
    ("kps-q2", [8, 0, 2, 10, 0]),  // 8 of 10: 80, exactly the minimum
    ("kps-q3", [15, 1, 3, 0, 1]),  // 15 of 19: 78.9 → 79
    ("kps-q4", [12, 4, 4, 0, 0]),  // 12 of 20: 60
    ("kps-q5", [10, 0, 7, 3, 0]),  // 10 of 17: 58.8 → 59
    ("kps-q6", [0, 5, 15, 0, 0]),  // 0 of 20: 0
    ("kps-q7", [9, 0, 0, 11, 0]),  // 9 of 9: 100, below the minimum
    ("kps-q8", [0, 0, 0, 20, 0]),  // never applied
    ("kps-q9", [4, 0, 1, 15, 0]),  // 4 of 5: 80, below the minimum
    ("kps-q10", [6, 2, 2, 10, 0]), // 6 of 10: 60
    ("kps-q11", [19, 0, 1, 0, 0]), // 19 of 20: 95
    ("kps-q12", [9, 0, 1, 0, 10]), // 9 of 10: 90
];

/// (recorded, judged) classifications, one pair a return; `None` where the return leaves the
/// field empty.
const PAIRS: [(Option<&str>, Option<&str>); N] = [
    (Some("low"), Some("low")),
    (Some("low"), Some("low")),
    (Some("low"), Some("low")),
    (Some("low"), Some("low")),
    (Some("medium"), Some("medium")),
    (Some("medium"), Some("medium")),
    (Some("high"), Some("high")),
    (Some("high"), Some("high")),
    (Some("low"), Some("medium")),
    (Some("low"), Some("medium")),
    (Some("low"), Some("medium")),
    (Some("medium"), Some("very-high")),
    (Some("medium"), Some("very-high")),
    (Some("high"), Some("low")),
    (Some("very-high"), Some("high")),
    (Some("very-high"), Some("high")),
    (Some("low"), None),
    (Some("low"), None),
    (None, Some("high")),
    (None, None),
];

struct Question {
    id: String,
    code: String,
    section: String,
}

fn yaml(p: &Project, rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(rel)).unwrap()
}

fn questions(c: &serde_yaml::Value) -> Vec<Question> {
    let mut out = Vec::new();
    for s in c["sections"].as_sequence().unwrap() {
        for q in s["questions"].as_sequence().unwrap() {
            out.push(Question {
                id: q["id"].as_str().unwrap().into(),
                code: q["code"].as_str().unwrap().into(),
                section: s["id"].as_str().unwrap().into(),
            });
        }
    }
    out
}

/// `n` of `d` to the nearest whole per cent, halves up, as the report's methodology says.
fn percent(n: usize, d: usize) -> Option<u32> {
    (d > 0).then(|| (100.0 * n as f64 / d as f64 + 0.5).floor() as u32)
}

/// What the report should say about one question.
#[derive(Debug, PartialEq)]
struct Expect {
    positive: usize,
    applicable: usize,
    percent: Option<u32>,
    rating: String,
    small: bool,
}

/// The checklist's bands as (from, label), and its minimum number of answers.
fn settings(c: &serde_yaml::Value) -> (Vec<(u32, String)>, usize) {
    assert_eq!(c["report"]["section_score"].as_str(), Some("lowest"));
    settings_any(c)
}

/// The same, whatever the section rule.
fn settings_any(c: &serde_yaml::Value) -> (Vec<(u32, String)>, usize) {
    let r = &c["report"];
    let bands = r["bands"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["from"].as_u64().unwrap() as u32,
                b["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (bands, r["minimum_answers"].as_u64().unwrap() as usize)
}

/// A band holds the percentages from its `from` up to the next band's: the highest band whose
/// `from` the percentage reaches.
fn rating(bands: &[(u32, String)], p: Option<u32>) -> String {
    p.and_then(|p| {
        bands
            .iter()
            .filter(|b| b.0 <= p)
            .max_by_key(|b| b.0)
            .map(|b| b.1.clone())
    })
    .unwrap_or_default()
}

/// Writes the returns as JSON exports and runs `collect` on them.
/// `collect` over the returns in `returns/`, into `report/`.
const COLLECT: [&str; 6] = [
    "collect",
    "--checklist",
    "kps-self-assessment",
    "--output",
    "report",
    "returns",
];

fn compile(p: &Project, qs: &[Question]) {
    compile_with(p, qs, &COLLECT);
}

/// Writes the returns as JSON exports into `returns/` and runs guidewright with `args`.
fn compile_with(p: &Project, qs: &[Question], args: &[&str]) {
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let plans: BTreeMap<&str, Plan> = PLANS.into_iter().collect();
    for (n, (recorded, judged)) in PAIRS.iter().enumerate() {
        let mut answers = Vec::new();
        for (qi, q) in qs.iter().enumerate() {
            // The plan's answers in order, turned by a different amount for each question
            // so that returns differ.
            let plan = plans[q.id.as_str()];
            let list: Vec<&str> = ["yes", "partly", "no", "not-applicable", ""]
                .iter()
                .zip(plan)
                .flat_map(|(a, k)| std::iter::repeat_n(*a, k))
                .collect();
            assert_eq!(list.len(), N, "{}", q.id);
            answers.push((q.id.as_str(), list[(n + 3 * qi) % N]));
        }
        let case = format!("CASE-{n:02}");
        let mut meta = vec![("case-reference", case.as_str())];
        if let Some(r) = recorded {
            meta.push(("recorded-classification", r));
        }
        if let Some(j) = judged {
            meta.push(("auditor-classification", j));
        }
        let ret = common::sample_return(&meta, &answers);
        std::fs::write(dir.join(format!("r{n:02}.json")), ret).unwrap();
    }
    let r = p.run(args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("Compiled {N} returns")),
        "{}",
        r.stderr
    );
}

fn expectations(c: &serde_yaml::Value, qs: &[Question]) -> BTreeMap<String, Expect> {
    let (bands, minimum) = settings(c);
    let plans: BTreeMap<&str, Plan> = PLANS.into_iter().collect();
    let out: BTreeMap<String, Expect> = qs
        .iter()
        .map(|q| {
            let [yes, partly, no, _, _] = plans[q.id.as_str()];
            let applicable = yes + partly + no;
            let pc = percent(yes, applicable);
            let e = Expect {
                positive: yes,
                applicable,
                percent: pc,
                rating: rating(&bands, pc),
                small: applicable < minimum,
            };
            (q.id.clone(), e)
        })
        .collect();
    // The plans do what they are for: every band's edge is hit, and one below each edge.
    let percents: Vec<u32> = out.values().filter_map(|e| e.percent).collect();
    for (from, _) in &bands {
        assert!(percents.contains(from), "no question at {from}%");
        if *from > 0 {
            assert!(percents.contains(&(from - 1)), "no question at {from}% - 1");
        }
    }
    assert!(out.values().any(|e| e.applicable == minimum));
    assert!(out.values().any(|e| e.small && e.percent.is_some()));
    out
}

/// Section id → (title, lowest percentage of its questions, rating).
fn section_expectations(
    c: &serde_yaml::Value,
    qs: &[Question],
    want: &BTreeMap<String, Expect>,
) -> Vec<(String, String, Option<u32>, String)> {
    let (bands, _) = settings(c);
    c["sections"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|s| {
            let id = s["id"].as_str().unwrap().to_string();
            let lowest = qs
                .iter()
                .filter(|q| q.section == id)
                .filter_map(|q| want[&q.id].percent)
                .min();
            let title = s["title"].as_str().unwrap().to_string();
            (id, title, lowest, rating(&bands, lowest))
        })
        .collect()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows (header cell first) of the HTML table whose caption starts with `caption`.
fn html_table(doc: &Html, caption: &str) -> Vec<Vec<String>> {
    let table = doc
        .select(&sel("table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| text(c).starts_with(caption))
        })
        .unwrap_or_else(|| panic!("no table `{caption}`"));
    table
        .select(&sel("tbody tr"))
        .map(|r| r.select(&sel("th, td")).map(text).collect())
        .collect()
}

/// The PDF report's text laid out as on the page (columns kept apart).
fn pdf_text(p: &Project) -> String {
    poppler_text(p, &["-layout"])
}

/// The PDF report's text in reading order.
fn pdf_text_raw(p: &Project) -> String {
    poppler_text(p, &[])
}

fn poppler_text(p: &Project, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(p.path("report/report.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn ratings_on_band_edges_small_numbers_and_section_scores_in_every_format() {
    let p = Project::sample();
    // One-word band labels, so that a rating fits on its table row's first line in the PDF.
    for (long, short) in [
        ("Green – meeting expectations", "Green"),
        ("Amber – partly meeting expectations", "Amber"),
        ("Red – improvement needed", "Red"),
    ] {
        p.edit(
            CHECKLIST,
            &format!("label: {long}"),
            &format!("label: {short}"),
        );
    }
    let c = yaml(&p, CHECKLIST);
    let qs = questions(&c);
    compile(&p, &qs);
    let want = expectations(&c, &qs);
    let sections = section_expectations(&c, &qs, &want);

    // summary.csv: one row per question.
    let csv_text = std::fs::read_to_string(p.path("report/summary.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), qs.len());
    for (row, q) in rows.iter().zip(&qs) {
        let e = &want[&q.id];
        assert_eq!(&row[col("question")], q.id);
        assert_eq!(row[col("positive")], e.positive.to_string(), "{}", q.id);
        assert_eq!(row[col("applicable")], e.applicable.to_string(), "{}", q.id);
        assert_eq!(
            row[col("percent")],
            e.percent.map_or(String::new(), |p| p.to_string()),
            "{}",
            q.id
        );
        assert_eq!(row[col("rating")], e.rating, "{} at {:?}%", q.id, e.percent);
        assert_eq!(
            &row[col("small_number")],
            if e.small { "yes" } else { "no" },
            "{} with {} applicable",
            q.id,
            e.applicable
        );
        assert_eq!(row[col("section")], q.section, "{}", q.id);
    }

    // The HTML report: the question table and the section table.
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let table = html_table(&doc, "Answers to each question");
    assert_eq!(table.len(), qs.len());
    for (row, q) in table.iter().zip(&qs) {
        let e = &want[&q.id];
        assert!(row[0].starts_with(&q.code), "{row:?}");
        // Question, positive, partly, applied, not applicable, unanswered, per cent, rating.
        assert_eq!(row[3], e.applicable.to_string(), "{row:?}");
        // The per cent with its n, then its interval (tests/collect_stats.rs checks the
        // bounds) or the small-number flag.
        match e.percent {
            Some(pc) if e.small => assert_eq!(
                row[6],
                format!("{pc}% ({} of {}) Small number", e.positive, e.applicable)
            ),
            Some(pc) => assert!(
                row[6].starts_with(&format!(
                    "{pc}% ({} of {}) 95% CI ",
                    e.positive, e.applicable
                )),
                "{}: {}",
                q.code,
                row[6]
            ),
            None => assert_eq!(row[6], "did not apply", "{}", q.code),
        }
        let shown = if e.rating.is_empty() {
            "no rating"
        } else {
            &e.rating
        };
        assert_eq!(row[7], shown, "{} at {:?}%", q.code, e.percent);
    }
    let table = html_table(&doc, "Section scores");
    assert_eq!(table.len(), sections.len());
    for (row, (id, title, score, band)) in table.iter().zip(&sections) {
        assert!(row[0].starts_with(title.as_str()), "{row:?}");
        // Flagged when one of its questions' figures is a small number.
        let small = qs
            .iter()
            .any(|q| &q.section == id && want[&q.id].small && want[&q.id].percent.is_some());
        let flag = if small { " Small number" } else { "" };
        assert_eq!(row[1], score.map_or("–".into(), |s| format!("{s}%{flag}")));
        assert_eq!(row[2], *band, "section {title} scores {score:?}");
    }

    // The PDF report: each question's per cent and rating on its table row's first line, the
    // small-number caveat below the per cent; each section's score and rating on its table
    // row and beside its bar in the chart.
    let text = pdf_text(&p);
    let lines: Vec<String> = text.lines().map(flat).collect();
    for q in &qs {
        let e = &want[&q.id];
        // The cells wrap: the per cent (with its n) and the rating start on the row's first
        // line; the rest of the figure, "did not apply" and "no rating" may go on to the next.
        let (figure, rating) = match e.percent {
            Some(pc) => (format!(" {pc}% ("), e.rating.as_str()),
            None => (" did not ".to_string(), "no"),
        };
        let at = lines
            .iter()
            .position(|l| {
                l.starts_with(&format!("{} ", q.code))
                    && l.split_once(&figure).is_some_and(|(_, after)| {
                        after.ends_with(&format!(" {rating}"))
                            || e.percent.is_none() && after.ends_with("no rating")
                    })
            })
            .unwrap_or_else(|| {
                panic!(
                    "{}: no table row with `{figure}…{rating}` in the PDF",
                    q.code
                )
            });
        // The row's lines run to the blank line below it.
        let row = lines[at..]
            .iter()
            .take_while(|l| !l.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            row.contains("small") && row.contains("number)"),
            e.small && e.percent.is_some(),
            "{}: small-number caveat in the PDF ({} applicable): {row}",
            q.code,
            e.applicable
        );
    }
    let reading_order = flat(&pdf_text_raw(&p));
    for (_, title, score, band) in &sections {
        let figure = format!("{}% {band}", score.unwrap());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{title} (Standard")) && l.contains(&figure)),
            "section {title}: no table row with `{figure}` in the PDF"
        );
        assert!(
            reading_order.contains(&format!("{title} {figure}")),
            "section {title}: `{figure}` not beside its bar in the PDF's chart"
        );
    }
}

#[test]
fn classification_agreement_counts_known_pairs() {
    let p = Project::sample();
    let c = yaml(&p, CHECKLIST);
    let qs = questions(&c);
    compile(&p, &qs);
    let scale = yaml(&p, "scales/risk-of-serious-harm.yaml");
    let levels: Vec<(&str, &str)> = scale["levels"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| (l["id"].as_str().unwrap(), l["label"].as_str().unwrap()))
        .collect();
    let rank = |id: &str| levels.iter().position(|l| l.0 == id).unwrap();
    let mut matrix = vec![vec![0u32; levels.len()]; levels.len()];
    let (mut agree, mut higher, mut lower, mut missing) = (0usize, 0usize, 0usize, 0usize);
    for pair in PAIRS {
        match pair {
            (Some(r), Some(j)) => {
                matrix[rank(r)][rank(j)] += 1;
                if rank(j) == rank(r) {
                    agree += 1
                } else if rank(j) > rank(r) {
                    higher += 1
                } else {
                    lower += 1
                }
            }
            _ => missing += 1,
        }
    }
    // The pairs are lopsided, so that swapping "higher" and "lower" shows.
    assert!(higher != lower && agree > 0 && missing > 0);
    let both = agree + higher + lower;
    let pc = |n| percent(n, both).unwrap();
    let sentence = format!(
        "In {agree} of {both} cases ({}%) the auditor agreed with the recorded classification. They judged it should be higher in {higher} ({}%) and lower in {lower} ({}%).",
        pc(agree),
        pc(higher),
        pc(lower)
    );

    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let body = text(doc.root_element());
    assert!(
        body.contains(&format!(
            "{sentence} {missing} returns did not record both."
        )),
        "`{sentence}` not in the HTML report"
    );
    let table = html_table(
        &doc,
        "Risk of serious harm classification recorded in the case",
    );
    assert_eq!(table.len(), levels.len());
    for (i, row) in table.iter().enumerate() {
        assert_eq!(row[0], levels[i].1);
        let cells: Vec<u32> = row[1..]
            .iter()
            .map(|c| c.trim_end_matches(" (agree)").parse().unwrap())
            .collect();
        assert_eq!(cells, matrix[i], "recorded {}", levels[i].1);
    }

    let pdf = pdf_text(&p);
    assert!(
        flat(&pdf).contains(&sentence),
        "`{sentence}` not in the PDF report"
    );
    // The cross-table, one line per recorded level.
    for (i, (_, label)) in levels.iter().enumerate() {
        let cells: Vec<String> = matrix[i]
            .iter()
            .enumerate()
            .map(|(j, n)| {
                if i == j {
                    format!("{n} (agree)")
                } else {
                    n.to_string()
                }
            })
            .collect();
        let line = format!("{label} {}", cells.join(" "));
        assert!(
            pdf.lines().any(|l| flat(l) == line),
            "row `{line}` not in the PDF's agreement table"
        );
    }
}

#[test]
fn pdf_report_carries_the_sample_headlines_actions_evidence_and_methodology() {
    let p = Project::sample();
    // One strength and one area for improvement among the three questions answered.
    p.edit(CHECKLIST, "highlights: 3", "highlights: 1");
    let c = yaml(&p, CHECKLIST);
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    // Three cases: A1 always "yes", P3 always "no", R2 yes twice; two actions that are the
    // same but for case and spacing (their questions too), and one more.
    let returns = [
        (
            "CASE-1",
            "North",
            "Refresh  police checks",
            "2026-03-01",
            "Team manager",
        ),
        (
            "CASE-2",
            "North",
            "refresh police checks",
            "2026-02-01",
            "Senior officer",
        ),
        (
            "CASE-3",
            "North",
            "Book a home visit",
            "2026-04-15",
            "Practitioner",
        ),
    ];
    // The period runs over the dates; a value that is not a whole date is left out.
    let dates = ["2026-01-10", "2026-01-11", "2025-12"];
    // An action's question by its code, in any case; the third action is for a later question.
    let questions = ["A1", "a1", "P3"];
    for (n, (case, team, action, due, owner)) in returns.iter().enumerate() {
        let r2 = if n < 2 { "yes" } else { "no" };
        let ret = serde_json::json!({"format": "guidewright-return",
            "checklist": "kps-self-assessment", "version": "1.0",
            "metadata": {"case-reference": case, "team": team, "audit-date": dates[n]},
            "answers": {
                "kps-q1": {"answer": "yes", "evidence": format!("Checks on file for {case}")},
                "kps-q6": {"answer": "no"},
                "kps-q11": {"answer": r2},
            },
            "actions": [{"action": action, "question": questions[n], "owner": owner, "due": due, "status": "open"}],
            "sign_off": {}});
        std::fs::write(dir.join(format!("r{n}.json")), ret.to_string()).unwrap();
    }
    std::fs::write(dir.join("notes.txt"), "not a return").unwrap();
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--group-by",
        "team",
        "--include-evidence",
        "returns",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = flat(&pdf_text_raw(&p));
    let phrase = |code: &str| -> String {
        c["sections"]
            .as_sequence()
            .unwrap()
            .iter()
            .flat_map(|s| s["questions"].as_sequence().unwrap())
            .find(|q| q["code"] == code)
            .unwrap()["summary_phrase"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (_, minimum) = settings(&c);
    assert!(minimum > 3, "three returns are a small number");
    let bands = c["report"]["bands"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|b| {
            format!(
                "{} from {}%",
                b["label"].as_str().unwrap(),
                b["from"].as_u64().unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let caveat = "(small number: read with care)";
    // The top band, the bottom band and where the bottom band ends (the next band's start).
    let (mut sorted, _) = settings(&c);
    sorted.sort_by_key(|b| std::cmp::Reverse(b.0));
    let (top, bottom) = (sorted[0].clone(), sorted[sorted.len() - 1].clone());
    let end = sorted[sorted.len() - 2].0;
    for want in [
        "Returns compiled: 3 (one case per return). Files read: 4. Files skipped: 1.".to_string(),
        "Period: 10 January 2026 to 11 January 2026.".into(),
        "Grouped by team or office: North (3).".into(),
        // (A page may end between the two.)
        format!(
            "Strengths Questions rated {} ({}% or more), highest first. • A1 {caveat}: In 3 of 3 cases (100%) where it applied, {}. Areas for improvement Questions rated {} (under {}%), lowest first.",
            top.1,
            top.0,
            phrase("A1"),
            bottom.1,
            end,
        ),
        format!(
            "• P3 {caveat}: In 0 of 3 cases (0%) where it applied, {}.",
            phrase("P3")
        ),
        "CASE-1: Checks on file for CASE-1".into(),
        format!("Ratings use these bands: {bands}."),
        format!("Percentages based on fewer than {minimum} cases carry a caveat"),
        "Cases with no answer to a question are reported as unanswered and never counted.".into(),
        "Files skipped • returns/notes.txt:".into(),
    ] {
        assert!(
            pdf.contains(&want),
            "`{want}` not in the PDF report:\n{pdf}"
        );
    }
    // The action plan's rows, one line each as laid out: the same action raised twice is one
    // row, with both owners, the earlier date and both statuses counted.
    let laid_out: Vec<String> = pdf_text(&p).lines().map(flat).collect();
    // Rows run in the checklist's question order.
    let at: Vec<usize> = [
        "A1 Refresh police checks 2 Senior officer, Team manager 1 February 2026 open (2)",
        "P3 Book a home visit 1 Practitioner 15 April 2026 open (1)",
    ]
    .iter()
    .map(|row| {
        laid_out
            .iter()
            .position(|l| l == row)
            .unwrap_or_else(|| panic!("action row `{row}` not in the PDF report"))
    })
    .collect();
    assert!(at[0] < at[1], "action rows out of question order");
}

#[test]
fn groups_by_a_choice_take_its_labels_and_returns_without_one_come_last() {
    let p = Project::sample();
    let c = yaml(&p, CHECKLIST);
    let qs = questions(&c);
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut args = vec!["collect", "--checklist", "kps-self-assessment", "--output"];
    args.extend(["report", "--group-by", "recorded-classification", "returns"]);
    compile_with(&p, &qs, &args);
    let scale = yaml(&p, "scales/risk-of-serious-harm.yaml");
    let label = |id: &str| -> String {
        scale["levels"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .unwrap()["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Groups by label in alphabetical order, then the returns that recorded none.
    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    let mut none = 0;
    for (recorded, _) in PAIRS {
        match recorded {
            Some(r) => *groups.entry(label(r)).or_default() += 1,
            None => none += 1,
        }
    }
    assert!(none > 0);
    let mut want: Vec<String> = groups.iter().map(|(g, n)| format!("{g} ({n})")).collect();
    want.push(format!("Not recorded ({none})"));
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let body = text(Html::parse_document(&html).root_element());
    let line = format!(
        "Risk of serious harm classification recorded in the case: {}",
        want.join(", ")
    );
    assert!(body.contains(&line), "`{line}` not in the report");
    let csv_text = std::fs::read_to_string(p.path("report/groups.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let names: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect::<Vec<_>>()
        .chunks(qs.len())
        .map(|c| c[0].clone())
        .collect();
    let mut order: Vec<String> = groups.keys().cloned().collect();
    order.push("Not recorded".into());
    assert_eq!(names, order);
}

#[test]
fn section_scores_by_the_mean_rule() {
    let p = Project::sample();
    p.edit(CHECKLIST, "section_score: lowest", "section_score: mean");
    let c = yaml(&p, CHECKLIST);
    let qs = questions(&c);
    compile(&p, &qs);
    let (bands, _) = settings_any(&c);
    let plans: BTreeMap<&str, Plan> = PLANS.into_iter().collect();
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let table = html_table(&Html::parse_document(&html), "Section scores");
    let sections = c["sections"].as_sequence().unwrap();
    assert_eq!(table.len(), sections.len());
    let mut differs = false;
    for (row, s) in table.iter().zip(sections) {
        let (_, minimum) = settings_any(&c);
        let mut small = false;
        let ps: Vec<u32> = qs
            .iter()
            .filter(|q| q.section == s["id"].as_str().unwrap())
            .filter_map(|q| {
                let [yes, partly, no, _, _] = plans[q.id.as_str()];
                let p = percent(yes, yes + partly + no);
                small |= p.is_some() && yes + partly + no < minimum;
                p
            })
            .collect();
        let flag = if small { " Small number" } else { "" };
        // The mean of whole percentages, itself rounded half up.
        let mean = percent(ps.iter().sum::<u32>() as usize, 100 * ps.len());
        differs |= mean != ps.iter().copied().min();
        assert_eq!(
            row[1],
            mean.map_or("–".into(), |m| format!("{m}%{flag}")),
            "{row:?}"
        );
        assert_eq!(row[2], rating(&bands, mean), "{row:?}");
    }
    assert!(differs, "the mean gives other scores than the lowest");
}

#[test]
fn the_agreement_sentence_counts_returns_missing_a_classification_in_words() {
    // Three runs of two returns each: (recorded, judged) for each return, and what the
    // report must then say of the returns that did not record both.
    type Pair<'a> = (Option<&'a str>, Option<&'a str>);
    let runs: [([Pair; 2], Option<&str>); 3] = [
        (
            [(Some("low"), Some("low")), (Some("low"), Some("medium"))],
            None,
        ),
        (
            [(Some("low"), Some("low")), (Some("low"), None)],
            Some("1 return did not record both."),
        ),
        (
            [(None, Some("low")), (Some("low"), None)],
            Some("No return recorded both classifications."),
        ),
    ];
    for (pairs, says) in runs {
        let p = Project::sample();
        let qs = questions(&yaml(&p, CHECKLIST));
        let dir = p.path("returns");
        std::fs::create_dir_all(&dir).unwrap();
        for (n, (recorded, judged)) in pairs.iter().enumerate() {
            let answers: Vec<(&str, &str)> = qs.iter().map(|q| (q.id.as_str(), "yes")).collect();
            let case = format!("CASE-{n:02}");
            let mut meta = vec![("case-reference", case.as_str())];
            meta.extend(recorded.map(|r| ("recorded-classification", r)));
            meta.extend(judged.map(|j| ("auditor-classification", j)));
            let ret = common::sample_return(&meta, &answers);
            std::fs::write(dir.join(format!("r{n:02}.json")), ret).unwrap();
        }
        let r = p.run(&COLLECT);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
        let body = text(Html::parse_document(&html).root_element());
        let pdf = flat(&pdf_text(&p));
        match says {
            None => {
                assert!(
                    body.contains("In 1 of 2 cases (50%) the auditor agreed"),
                    "{body}"
                );
                assert!(!body.contains("did not record both"), "{body}");
                assert!(!pdf.contains("did not record both"), "{pdf}");
            }
            Some(s) if s.starts_with("No return") => {
                assert!(body.contains(s), "`{s}` not on the page");
                assert!(!pdf.contains("the auditor agreed"), "{pdf}");
                assert!(pdf.contains(s), "`{s}` not in the PDF: {pdf}");
            }
            Some(s) => {
                let want = format!("In 1 of 1 case (100%) the auditor agreed with the recorded classification. They judged it should be higher in 0 (0%) and lower in 0 (0%). {s}");
                assert!(body.contains(&want), "`{want}` not in {body}");
                assert!(pdf.contains(&want), "`{want}` not in the PDF: {pdf}");
            }
        }
    }
}

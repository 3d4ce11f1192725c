//! The graded returns of the statistics tests (tests/collect_stats.rs, collect_funnel.rs):
//! three teams of known sizes either side of the small-number and suppression thresholds,
//! answers drawn from fixed rates, tallied here as they are written; and readers of the
//! report they compile (CSV rows, HTML tables, the PDF's text).

use super::Project;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::process::Command;

pub const CHECKLIST: &str = "checklists/kps-self-assessment.yaml";
/// Teams and how many returns each sends: one at or above the small-number threshold (10),
/// one below it, one below the suppression threshold set here (5).
pub const TEAMS: [(&str, usize); 3] = [("Big team", 24), ("Mid team", 9), ("Tiny team", 3)];
pub const SUPPRESS: usize = 5;
/// A team that answers the first question (A1) "no" in every case, far below the rest.
pub const DIFFERS: &str = "Mid team";
/// The first and the last audit dates among the returns (the others fall between).
pub const DATES: [&str; 4] = ["2024-09-02", "2024-09-19", "2024-10-01", "2024-10-09"];
/// The two-sided 95% standard normal quantile.
pub const Z: f64 = 1.959_963_984_540_054;

/// Per question (in checklist order): per cent chance of "yes", of "not applicable", and of
/// no answer; the rest are "no". The sixth (P3) is never "yes": 0%, rated red.
pub const RATES: [(u64, u64, u64); 12] = [
    (88, 5, 0),
    (70, 10, 0),
    (50, 0, 5),
    (86, 0, 0),
    (40, 10, 0),
    (0, 0, 0),
    (75, 10, 5),
    (45, 15, 0),
    (87, 0, 0),
    (30, 10, 0),
    (65, 0, 10),
    (85, 5, 0),
];

/// A linear congruential generator: the same answers on every run.
pub struct Lcg(pub u64);
impl Lcg {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Positive and applicable answers, per question, over all returns and per team.
#[derive(Default, Clone, Copy, Debug)]
pub struct Tally {
    pub yes: usize,
    pub applicable: usize,
}

pub struct Written {
    /// Question (id, code) in checklist order.
    pub questions: Vec<(String, String)>,
    pub all: BTreeMap<String, Tally>,
    pub by_team: BTreeMap<(String, String), Tally>,
}

pub fn yaml(p: &Project) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(CHECKLIST)).unwrap()
}

/// Writes the returns and tallies what they say; then compiles them by team.
pub fn write_and_compile(p: &Project) -> Written {
    let questions = super::question_codes(p);
    assert_eq!(questions.len(), RATES.len());
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Lcg(16);
    let mut w = Written {
        questions: questions.clone(),
        all: BTreeMap::new(),
        by_team: BTreeMap::new(),
    };
    let mut n = 0;
    for (team, count) in TEAMS {
        for _ in 0..count {
            let mut answers = Vec::new();
            for (qi, ((id, _), (yes, na, none))) in questions.iter().zip(RATES).enumerate() {
                let roll = rng.below(100);
                let a = if qi == 0 && team == DIFFERS {
                    "no"
                } else if roll < yes {
                    "yes"
                } else if roll < yes + na {
                    "not-applicable"
                } else if roll < yes + na + none {
                    ""
                } else {
                    "no"
                };
                answers.push((id.as_str(), a));
                for t in [
                    w.all.entry(id.clone()).or_default(),
                    w.by_team.entry((team.to_string(), id.clone())).or_default(),
                ] {
                    t.yes += usize::from(a == "yes");
                    t.applicable += usize::from(a == "yes" || a == "no");
                }
            }
            let case = format!("CASE-{n:02}");
            let date = DATES[n % DATES.len()];
            let meta = [
                ("case-reference", case.as_str()),
                ("team", team),
                ("audit-date", date),
            ];
            std::fs::write(
                dir.join(format!("r{n:02}.json")),
                super::sample_return(&meta, &answers),
            )
            .unwrap();
            n += 1;
        }
    }
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    w
}

/// The Wilson score interval in per cent: the proportions `p` that the score test at 95%
/// does not reject, `(x/n − p)² ≤ z²·p(1−p)/n`, found by bisection on each side of x/n.
pub fn wilson_by_search(x: usize, n: usize) -> (f64, f64) {
    let ph = x as f64 / n as f64;
    let rejects = |p: f64| (ph - p).powi(2) > Z * Z * p * (1.0 - p) / n as f64;
    let edge = |mut out: f64, mut inside: f64| {
        for _ in 0..200 {
            let mid = (out + inside) / 2.0;
            if rejects(mid) {
                out = mid;
            } else {
                inside = mid;
            }
        }
        inside
    };
    let lo = if x == 0 { 0.0 } else { edge(0.0, ph) };
    let hi = if x == n { 1.0 } else { edge(1.0, ph) };
    (100.0 * lo, 100.0 * hi)
}

/// Whole per cent, halves up.
pub fn whole(p: f64) -> i64 {
    (p + 0.5).floor() as i64
}

pub fn percent(x: usize, n: usize) -> usize {
    (200 * x + n) / (2 * n)
}

/// The checklist's bands, highest first, as (from, label).
pub fn bands(c: &serde_yaml::Value) -> Vec<(usize, String)> {
    let mut b: Vec<(usize, String)> = c["report"]["bands"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["from"].as_u64().unwrap() as usize,
                b["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    b.sort_by_key(|x| std::cmp::Reverse(x.0));
    b
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

pub fn text(e: scraper::ElementRef) -> String {
    flat(&e.text().collect::<String>())
}

pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn page(p: &Project) -> Html {
    Html::parse_document(&std::fs::read_to_string(p.path("report/index.html")).unwrap())
}

/// The rows (header cell first) of the HTML table whose caption starts with `caption`, with
/// its column headings.
pub fn html_table(doc: &Html, caption: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let table = doc
        .select(&sel("table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| text(c).starts_with(caption))
        })
        .unwrap_or_else(|| panic!("no table `{caption}`"));
    let head = table.select(&sel("thead th")).map(text).collect();
    let rows = table
        .select(&sel("tbody tr"))
        .map(|r| r.select(&sel("th, td")).map(text).collect())
        .collect();
    (head, rows)
}

/// The PDF report's text in reading order, on one line.
pub fn pdf_text(p: &Project) -> String {
    let out = Command::new("pdftotext")
        .arg(p.path("report/report.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    flat(&String::from_utf8_lossy(&out.stdout))
}

/// The project with the suppression threshold set, its returns written and compiled.
pub fn compiled() -> (Project, Written) {
    let p = Project::sample();
    p.edit(
        CHECKLIST,
        "minimum_answers: 10",
        &format!("minimum_answers: 10\n  suppress_below: {SUPPRESS}"),
    );
    let w = write_and_compile(&p);
    (p, w)
}

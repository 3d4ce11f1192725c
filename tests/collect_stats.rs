//! The statistics a `collect` report states, checked against figures worked out here from the
//! returns the tests write: 95% Wilson score intervals (found by inverting the score test
//! numerically, not from the closed formula the report uses), strengths and areas for
//! improvement by the checklist's top and bottom bands, small-number flags and suppression of
//! group figures in every output (CSV, HTML, PDF text via poppler), the headline paragraph and
//! its dates in words.

mod common;
use common::Project;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::process::Command;

const CHECKLIST: &str = "checklists/kps-self-assessment.yaml";
/// Teams and how many returns each sends: one at or above the small-number threshold (10),
/// one below it, one below the suppression threshold set here (5).
const TEAMS: [(&str, usize); 3] = [("Big team", 24), ("Mid team", 9), ("Tiny team", 3)];
const SUPPRESS: usize = 5;
/// A team that answers the first question (A1) "no" in every case, far below the rest.
const DIFFERS: &str = "Mid team";
/// The first and the last audit dates among the returns (the others fall between).
const DATES: [&str; 4] = ["2024-09-02", "2024-09-19", "2024-10-01", "2024-10-09"];
/// The two-sided 95% standard normal quantile.
const Z: f64 = 1.959_963_984_540_054;

/// Per question (in checklist order): per cent chance of "yes", of "not applicable", and of
/// no answer; the rest are "no". The sixth (P3) is never "yes": 0%, rated red.
const RATES: [(u64, u64, u64); 12] = [
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
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Positive and applicable answers, per question, over all returns and per team.
#[derive(Default, Clone, Copy, Debug)]
struct Tally {
    yes: usize,
    applicable: usize,
}

struct Written {
    /// Question (id, code) in checklist order.
    questions: Vec<(String, String)>,
    all: BTreeMap<String, Tally>,
    by_team: BTreeMap<(String, String), Tally>,
}

fn yaml(p: &Project) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(CHECKLIST)).unwrap()
}

/// Writes the returns and tallies what they say; then compiles them by team.
fn write_and_compile(p: &Project) -> Written {
    let c = yaml(p);
    let questions: Vec<(String, String)> = c["sections"]
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
        .collect();
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
                common::sample_return(&meta, &answers),
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
fn wilson_by_search(x: usize, n: usize) -> (f64, f64) {
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
fn whole(p: f64) -> i64 {
    (p + 0.5).floor() as i64
}

fn percent(x: usize, n: usize) -> usize {
    (200 * x + n) / (2 * n)
}

/// The checklist's bands, highest first, as (from, label).
fn bands(c: &serde_yaml::Value) -> Vec<(usize, String)> {
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

fn csv_rows(p: &Project, file: &str) -> Vec<BTreeMap<String, String>> {
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

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    flat(&e.text().collect::<String>())
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page(p: &Project) -> Html {
    Html::parse_document(&std::fs::read_to_string(p.path("report/index.html")).unwrap())
}

/// The rows (header cell first) of the HTML table whose caption starts with `caption`, with
/// its column headings.
fn html_table(doc: &Html, caption: &str) -> (Vec<String>, Vec<Vec<String>>) {
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
fn pdf_text(p: &Project) -> String {
    let out = Command::new("pdftotext")
        .arg(p.path("report/report.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(out.status.success());
    flat(&String::from_utf8_lossy(&out.stdout))
}

/// The project with the suppression threshold set, its returns written and compiled.
fn compiled() -> (Project, Written) {
    let p = Project::sample();
    p.edit(
        CHECKLIST,
        "minimum_answers: 10",
        &format!("minimum_answers: 10\n  suppress_below: {SUPPRESS}"),
    );
    let w = write_and_compile(&p);
    (p, w)
}

#[test]
fn wilson_intervals_in_every_format_match_the_score_test() {
    let (p, w) = compiled();
    let minimum = yaml(&p)["report"]["minimum_answers"].as_u64().unwrap() as usize;
    let mut checked = 0;
    let check = |row: &BTreeMap<String, String>, t: Tally, what: &str| {
        let (lo, hi) = (&row["ci_low"], &row["ci_high"]);
        if t.applicable < minimum {
            assert!(
                lo.is_empty() && hi.is_empty(),
                "{what}: no interval below {minimum}"
            );
            return false;
        }
        let (want_lo, want_hi) = wilson_by_search(t.yes, t.applicable);
        // One decimal place: within half a tenth of the exact bound.
        for (got, want) in [(lo, want_lo), (hi, want_hi)] {
            let got: f64 = got.parse().unwrap_or_else(|_| panic!("{what}: `{got}`"));
            assert!(
                (got - want).abs() <= 0.05 + 1e-9,
                "{what}: {got} against {want:.4} ({} of {})",
                t.yes,
                t.applicable
            );
        }
        true
    };
    for row in csv_rows(&p, "summary.csv") {
        checked += usize::from(check(&row, w.all[&row["question"]], &row["question"]));
    }
    assert_eq!(checked, w.questions.len(), "every question had 10 or more");
    let mut group_checked = 0;
    for row in csv_rows(&p, "groups.csv") {
        let t = w.by_team[&(row["group"].clone(), row["question"].clone())];
        group_checked += usize::from(check(&row, t, &format!("{row:?}")));
    }
    assert!(group_checked >= w.questions.len(), "Big team's intervals");

    // The page and the PDF give the interval to whole per cents beside its n.
    let (_, rows) = html_table(&page(&p), "Answers to each question");
    let pdf = pdf_text(&p);
    for ((id, code), row) in w.questions.iter().zip(rows) {
        let t = w.all[id];
        let (lo, hi) = wilson_by_search(t.yes, t.applicable);
        let (pc, x, n) = (percent(t.yes, t.applicable), t.yes, t.applicable);
        let (lo, hi) = (whole(lo), whole(hi));
        assert_eq!(
            row[6],
            format!("{pc}% ({x} of {n}) 95% CI {lo}% to {hi}%"),
            "{code}"
        );
        // Beside its bar (its code may stand at the foot of the page before).
        let want = format!("{pc}% ({x} of {n}; 95% CI {lo}% to {hi}%)");
        assert!(
            pdf.contains(&want),
            "{code}: `{want}` not in the PDF: {pdf}"
        );
    }
}

#[test]
fn only_top_band_questions_are_strengths_and_a_red_one_never_is() {
    let (p, w) = compiled();
    let c = yaml(&p);
    let bands = bands(&c);
    let (top, bottom_end) = (&bands[0], bands[bands.len() - 2].0);
    let highlights = c["report"]["highlights"].as_u64().unwrap() as usize;
    let mut rated: Vec<(usize, usize, &str)> = w
        .questions
        .iter()
        .enumerate()
        .map(|(i, (id, code))| {
            let t = w.all[id];
            (percent(t.yes, t.applicable), i, code.as_str())
        })
        .collect();
    rated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let strong: Vec<&str> = rated.iter().filter(|r| r.0 >= top.0).map(|r| r.2).collect();
    rated.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let weak: Vec<&str> = rated
        .iter()
        .filter(|r| r.0 < bottom_end)
        .map(|r| r.2)
        .collect();
    // The returns do what they are for: some questions in each, more than are written out,
    // and a question at 0%.
    assert!(
        strong.len() > highlights && weak.len() > highlights,
        "{strong:?} {weak:?}"
    );
    let red = w.questions[5].1.as_str();
    assert_eq!(rated[0].0, 0, "{red} at 0%");

    let doc = page(&p);
    let items =
        |id: &str| -> Vec<String> { doc.select(&sel(&format!("#{id} li"))).map(text).collect() };
    let listed = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .flat_map(|l| match l.strip_prefix("Also rated ") {
                Some(rest) => rest
                    .split_once(": ")
                    .unwrap()
                    .1
                    .trim_end_matches('.')
                    .split(", ")
                    .map(String::from)
                    .collect::<Vec<_>>(),
                None => vec![l.split([' ', ':']).next().unwrap().to_string()],
            })
            .collect()
    };
    let strengths = items("strengths");
    assert_eq!(listed(&strengths), strong, "{strengths:?}");
    assert!(!listed(&strengths).contains(&red.to_string()));
    assert_eq!(
        strengths.len(),
        highlights + 1,
        "the rest named on one line"
    );
    let improvements = items("improvements");
    assert_eq!(listed(&improvements), weak, "{improvements:?}");
    assert_eq!(listed(&improvements)[0], red, "lowest first");
    // The PDF lists the same, in the same order.
    let pdf = pdf_text(&p);
    let at: Vec<usize> = strengths
        .iter()
        .chain(&improvements)
        .map(|l| {
            pdf.find(l.as_str())
                .unwrap_or_else(|| panic!("`{l}` not in the PDF"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
}

#[test]
fn with_no_question_in_the_top_band_none_is_called_a_strength() {
    let p = Project::sample();
    let c = yaml(&p);
    let top = bands(&c)[0].clone();
    // The top band starts at 100%, which no question reaches.
    p.edit(
        CHECKLIST,
        &format!("{{from: {}, label", top.0),
        "{from: 100, label",
    );
    let w = write_and_compile(&p);
    assert!(w.all.values().all(|t| t.yes < t.applicable));
    let doc = page(&p);
    assert_eq!(doc.select(&sel("#strengths li")).count(), 0);
    let want = format!(
        "No question is rated {} (100% or more), so none is listed as a strength.",
        top.1
    );
    let body = text(doc.root_element());
    assert!(body.contains(&want), "`{want}` not on the page");
    assert!(pdf_text(&p).contains(&want), "`{want}` not in the PDF");
    let overview = text(doc.select(&sel("#overview")).next().unwrap());
    assert!(
        overview.contains(&format!("No question is rated {}.", top.1)),
        "{overview}"
    );
}

#[test]
fn group_figures_under_the_thresholds_are_flagged_or_suppressed_in_every_output() {
    let (p, w) = compiled();
    let (big, mid, tiny) = (TEAMS[0].0, TEAMS[1].0, TEAMS[2].0);
    // groups.csv: Tiny team's figures are gone but for the number of applicable answers;
    // Mid team's are there, flagged, without an interval.
    let mut seen = BTreeMap::new();
    for row in csv_rows(&p, "groups.csv") {
        let t = w.by_team[&(row["group"].clone(), row["question"].clone())];
        assert_eq!(row["applicable"], t.applicable.to_string());
        let suppressed = t.applicable > 0 && t.applicable < SUPPRESS;
        assert_eq!(
            row["suppressed"],
            if suppressed { "yes" } else { "no" },
            "{row:?}"
        );
        if suppressed {
            for col in [
                "positive", "partial", "negative", "percent", "rating", "ci_low",
            ] {
                assert_eq!(row[col], "", "{col} of a suppressed figure: {row:?}");
            }
        } else if t.applicable > 0 {
            assert_eq!(row["positive"], t.yes.to_string());
            assert_eq!(row["percent"], percent(t.yes, t.applicable).to_string());
        }
        assert_eq!(
            row["small_number"],
            if t.applicable < 10 { "yes" } else { "no" }
        );
        *seen.entry((row["group"].clone(), suppressed)).or_insert(0) += 1;
    }
    assert_eq!(
        seen.get(&(tiny.to_string(), true)),
        Some(&w.questions.len())
    );
    assert!(seen.get(&(mid.to_string(), false)) > Some(&0), "{seen:?}");

    // The page: the per-group table and the section scores.
    let doc = page(&p);
    let (head, rows) = html_table(&doc, "Per cent positive by team");
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    for ((id, code), row) in w.questions.iter().zip(&rows) {
        assert!(row[0].starts_with(code.as_str()));
        assert_eq!(
            row[col(tiny)],
            format!("suppressed (fewer than {SUPPRESS})")
        );
        let t = w.by_team[&(mid.to_string(), id.clone())];
        if t.applicable < SUPPRESS {
            assert_eq!(row[col(mid)], format!("suppressed (fewer than {SUPPRESS})"));
            continue;
        }
        let pc = percent(t.yes, t.applicable);
        assert_eq!(
            row[col(mid)],
            format!("{pc}% ({} of {}) Small number", t.yes, t.applicable),
            "{code}"
        );
        assert!(
            row[col(big)].contains("95% CI"),
            "{code}: {}",
            row[col(big)]
        );
    }
    let (head, rows) = html_table(&doc, "Section scores");
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    for row in &rows {
        assert_eq!(row[col(tiny)], "Suppressed", "{row:?}");
        let m = &row[col(mid)];
        assert!(m.ends_with("Small number") || m == "Suppressed", "{row:?}");
    }
    assert!(rows.iter().any(|r| r[col(mid)].ends_with("Small number")));
    // The bar charts say the same in their text.
    let bars = doc.select(&sel(".gw-bars")).map(text).collect::<Vec<_>>();
    assert!(
        bars.iter()
            .any(|b| b.contains(&format!("{tiny}: suppressed"))),
        "{bars:?}"
    );

    // The PDF: every suppressed cell says so, every small figure is flagged.
    let pdf = pdf_text(&p);
    let suppressed = format!("suppressed (fewer than {SUPPRESS})");
    let cells = w
        .by_team
        .values()
        .filter(|t| t.applicable > 0 && t.applicable < SUPPRESS)
        .count();
    assert_eq!(
        pdf.matches(&suppressed).count(),
        cells,
        "one suppressed cell per suppressed figure in the PDF's group table"
    );
    for (id, code) in &w.questions {
        let t = w.by_team[&(mid.to_string(), id.clone())];
        if t.applicable < SUPPRESS {
            continue;
        }
        // A cell's lines may interleave with its neighbours' in the text, so the flag's first
        // word is looked for beside the figure.
        let want = format!(
            "{}% ({} of {}; small",
            percent(t.yes, t.applicable),
            t.yes,
            t.applicable
        );
        assert!(pdf.contains(&want), "{code}: `{want}` not in the PDF");
    }
}

#[test]
fn the_headline_paragraph_states_the_sample_period_ratings_and_method() {
    let (p, w) = compiled();
    let c = yaml(&p);
    let bands = bands(&c);
    let returns: usize = TEAMS.iter().map(|t| t.1).sum();
    let rating = |pc: usize| bands.iter().find(|b| pc >= b.0).unwrap().1.clone();
    let doc = page(&p);
    let overview = text(doc.select(&sel("#overview")).next().unwrap());
    let start = format!(
        "This report compiles {returns} returns (one case each) in {} groups by team or office, dated 2 September to 9 October 2024. Overall, ",
        TEAMS.len()
    );
    assert!(overview.starts_with(&start), "{overview}");
    // Each section rated by its lowest question (the checklist's rule).
    for s in c["sections"].as_sequence().unwrap() {
        let lowest = s["questions"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|q| {
                let t = w.all[q["id"].as_str().unwrap()];
                percent(t.yes, t.applicable)
            })
            .min()
            .unwrap();
        let want = format!(
            "{} is rated {} ({lowest}%)",
            s["title"].as_str().unwrap(),
            rating(lowest)
        );
        assert!(overview.contains(&want), "`{want}` not in: {overview}");
    }
    assert!(
        overview.contains(&format!(
            "figures on fewer than {SUPPRESS} cases are suppressed"
        )),
        "{overview}"
    );
    assert!(
        pdf_text(&p).contains(&overview),
        "the PDF has the same paragraph"
    );
    // The period and the report's date in words, from the returns.
    let body = text(doc.root_element());
    let period = doc
        .select(&sel(".gw-summary-list__row"))
        .map(text)
        .find(|r| r.starts_with("Period"));
    assert_eq!(
        period.as_deref(),
        Some("Period2 September to 9 October 2024")
    );
    assert!(body.contains("with returns up to 9 October 2024"), "{body}");
}

#[test]
fn suppression_above_the_small_number_threshold_is_refused_where_written() {
    let p = Project::sample();
    p.edit(
        CHECKLIST,
        "minimum_answers: 10",
        "minimum_answers: 10\n  suppress_below: 12",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let at = p.locate(CHECKLIST, "suppress_below: 12");
    let line = at.rsplit_once(':').unwrap().0;
    assert!(r.stderr.contains(line), "expected {line} in\n{}", r.stderr);
    assert!(r.stderr.contains("suppress_below"), "{}", r.stderr);
}

/// Funnel limits in per cent by the formula the report states: p0 ± z·√(p0(1−p0)/n), cut
/// to 0–100.
fn limits(p0: f64, n: usize, z: f64) -> (f64, f64) {
    let half = z * (p0 * (1.0 - p0) / n as f64).sqrt();
    (100.0 * (p0 - half).max(0.0), 100.0 * (p0 + half).min(1.0))
}

/// Standard normal quantile at 99.9% (two-sided 99.8%).
const Z998: f64 = 3.090_232_306_167_813_5;

#[test]
fn funnel_limits_positions_and_findings_follow_from_the_returns() {
    let (p, w) = compiled();
    let c = yaml(&p);
    // Per funnel (question id or section id) and group: positives and applicable answers; a
    // section pools its questions' answers.
    let mut cells: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut overall: BTreeMap<String, Tally> = BTreeMap::new();
    for s in c["sections"].as_sequence().unwrap() {
        let sid = s["id"].as_str().unwrap().to_string();
        for q in s["questions"].as_sequence().unwrap() {
            let qid = q["id"].as_str().unwrap().to_string();
            for key in [&qid, &sid] {
                let o = overall.entry(key.clone()).or_default();
                o.yes += w.all[&qid].yes;
                o.applicable += w.all[&qid].applicable;
                for (team, _) in TEAMS {
                    let t = w.by_team[&(team.to_string(), qid.clone())];
                    let e = cells.entry((key.clone(), team.to_string())).or_default();
                    e.yes += t.yes;
                    e.applicable += t.applicable;
                }
            }
        }
    }
    let mut differing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // What each plot's alternative text in the PDF must say of each group.
    let mut alt_wants: Vec<(String, String)> = Vec::new();
    let rows = csv_rows(&p, "funnel.csv");
    assert_eq!(
        rows.len(),
        overall.len() * TEAMS.len(),
        "every funnel, every team"
    );
    for row in &rows {
        let (id, team) = (row["id"].clone(), row["group"].clone());
        let o = overall[&id];
        let p0 = o.yes as f64 / o.applicable as f64;
        let t = cells[&(id.clone(), team.clone())];
        let close = |col: &str, want: f64| {
            let got: f64 = row[col]
                .parse()
                .unwrap_or_else(|_| panic!("{col}: {row:?}"));
            assert!(
                (got - want).abs() <= 0.05 + 1e-9,
                "{col} {got} against {want:.3}: {row:?}"
            );
        };
        close("overall_percent", 100.0 * p0);
        assert_eq!(row["applicable"], t.applicable.to_string());
        // Sections pool answers, so suppression (of any question's figure) leaves them alone
        // only when no question of theirs is suppressed; questions by their own count.
        if row["position"] == "suppressed" {
            alt_wants.push((id.clone(), format!("{team} suppressed")));
            assert!(
                row["percent"].is_empty() && row["lower_95"].is_empty(),
                "{row:?}"
            );
            continue;
        }
        let pc = 100.0 * t.yes as f64 / t.applicable as f64;
        close("percent", pc);
        let (l95, h95) = limits(p0, t.applicable, Z);
        let (l998, h998) = limits(p0, t.applicable, Z998);
        close("lower_95", l95);
        close("upper_95", h95);
        close("lower_998", l998);
        close("upper_998", h998);
        let want = if pc > h998 {
            "above the 99.8% limit"
        } else if pc < l998 {
            "below the 99.8% limit"
        } else if pc > h95 {
            "above the 95% limit only"
        } else if pc < l95 {
            "below the 95% limit only"
        } else {
            "inside the limits"
        };
        assert_eq!(row["position"], want, "{row:?}");
        let tenths = (pc * 10.0).round() / 10.0;
        alt_wants.push((
            id.clone(),
            format!("{team} {tenths}% of {} ({want})", t.applicable),
        ));
        if pc > h998 || pc < l998 {
            differing.entry(id.clone()).or_default().push(team.clone());
        }
    }
    let a1 = &w.questions[0].0;
    assert_eq!(
        differing.get(a1),
        Some(&vec![DIFFERS.to_string()]),
        "{differing:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r["position"].contains("95% limit only"))
            || differing.len() > 1,
        "the returns put some group between the limits"
    );

    // The page names as differing only the groups outside the 99.8% limits, in the text
    // beside each plot; each plot is an image with a name, followed by its data table.
    let doc = page(&p);
    for id in overall.keys() {
        let anchor = format!("funnel-{id}");
        let svg = doc
            .select(&sel(&format!(
                "svg[aria-labelledby=\"{anchor}-title {anchor}-desc\"]"
            )))
            .next()
            .unwrap_or_else(|| panic!("no plot for {anchor}"));
        assert_eq!(svg.value().attr("role"), Some("img"));
        let desc = text(
            doc.select(&sel(&format!("[id=\"{anchor}-desc\"]")))
                .next()
                .unwrap(),
        );
        let named: Vec<&str> = TEAMS
            .iter()
            .map(|t| t.0)
            .filter(|t| desc.contains(&format!("{t} (")))
            .collect();
        let want: Vec<&str> = differing
            .get(id)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(named, want, "{anchor}: {desc}");
        if want.is_empty() {
            assert!(
                desc.contains("No group lies outside the 99.8% limits"),
                "{desc}"
            );
        }
    }
    let label =
        |id: &str| -> String { rows.iter().find(|r| r["id"] == id).unwrap()["label"].clone() };
    let (_, table) = html_table(&doc, &format!("Funnel plot data: {} ", label(a1)));
    let mid = table.iter().find(|r| r[0] == DIFFERS).unwrap();
    assert_eq!(mid[5], "below the 99.8% limit", "{mid:?}");
    // The PDF states the same findings.
    let pdf = pdf_text(&p);
    assert!(
        pdf.contains(&format!("{} (0%, 0 of", DIFFERS)),
        "A1's finding in the PDF"
    );
    assert!(
        pdf.contains("Spiegelhalter (2005)"),
        "the method is stated in the PDF"
    );
    // The PDF draws every plot as a Figure whose alternative text (read by pypdf) gives each
    // group's figure and where it lies, each followed by its data table.
    let alts: Vec<String> = serde_json::from_str(&common::tool(
        "python3",
        &[
            &format!("{}/tests/pdf/figure_alts.py", env!("CARGO_MANIFEST_DIR")),
            p.path("report/report.pdf").to_str().unwrap(),
        ],
    ))
    .unwrap();
    for id in overall.keys() {
        let start = format!("Funnel plot: {}. ", label(id));
        let alt = alts
            .iter()
            .find(|a| a.starts_with(&start))
            .unwrap_or_else(|| panic!("no PDF figure `{start}` in {alts:?}"));
        for (_, want) in alt_wants.iter().filter(|(i, _)| i == id) {
            assert!(alt.contains(want.as_str()), "`{want}` not in {alt}");
        }
        assert!(
            pdf.contains(&format!("Funnel plot data: {}", label(id))),
            "{id}'s table"
        );
    }
}

#[test]
fn the_groups_table_sorts_by_a_column_with_the_keyboard_and_stays_a_table_without_script() {
    let (p, w) = compiled();
    // Without the script: a plain table, headings as text, rows in question order.
    let doc = page(&p);
    let caption = "Per cent positive by team";
    let (head, rows) = html_table(&doc, caption);
    assert_eq!(head[1], TEAMS[0].0);
    let codes: Vec<&str> = w.questions.iter().map(|q| q.1.as_str()).collect();
    let first: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    assert_eq!(first, codes);
    // With it, in Chromium: Big team's column ascending, then descending.
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/playwright-core").is_dir(),
        "run tests/run (it installs the browser packages) first"
    );
    let out = Command::new("node")
        .arg(here.join("sort.mjs"))
        .arg(p.path("report/index.html"))
        .arg(caption)
        .arg("1")
        .output()
        .expect("node is needed for the browser test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let steps: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let percent_of = |code: &str| -> i64 {
        let id = &w.questions.iter().find(|q| q.1 == code).unwrap().0;
        let t = w.by_team[&(TEAMS[0].0.to_string(), id.clone())];
        percent(t.yes, t.applicable) as i64
    };
    let order = |step: &serde_json::Value| -> Vec<String> {
        step["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[0].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(steps[0]["button"], true, "the heading became a button");
    assert_eq!(order(&steps[0]), codes, "nothing moves before a press");
    // Ascending by Big team's per cent (stable: question order breaks ties), then reversed.
    let mut up: Vec<&str> = codes.clone();
    up.sort_by_key(|c| percent_of(c));
    assert_eq!(steps[1]["sort"], "ascending");
    assert_eq!(order(&steps[1]), up);
    assert_eq!(steps[2]["sort"], "descending");
    let down: Vec<i64> = order(&steps[2]).iter().map(|c| percent_of(c)).collect();
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "{down:?}");
}

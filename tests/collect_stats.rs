//! The statistics a `collect` report states, checked against figures worked out here from the
//! returns the tests write (tests/common/team_returns.rs): 95% Wilson score intervals (found by
//! inverting the score test numerically, not from the closed formula the report uses),
//! strengths and areas for improvement by the checklist's top and bottom bands, small-number
//! flags and suppression of group figures in every output (CSV, HTML, PDF text via poppler),
//! the headline paragraph and its dates in words. Funnel plots are in tests/collect_funnel.rs.

mod common;
use common::team_returns::*;
use common::Project;
use std::collections::BTreeMap;

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
    for row in common::report_csv(&p, "summary.csv") {
        checked += usize::from(check(&row, w.all[&row["question"]], &row["question"]));
    }
    assert_eq!(checked, w.questions.len(), "every question had 10 or more");
    let mut group_checked = 0;
    for row in common::report_csv(&p, "groups.csv") {
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
    for row in common::report_csv(&p, "groups.csv") {
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

#[test]
fn suppression_spares_a_figure_at_the_threshold_and_one_with_no_applicable_answer() {
    // Two teams, suppression below 5: Team A answers every question "yes" in 5 cases (exactly
    // the threshold: shown, though flagged as a small number); Team B
    // answers the first question "not applicable" in all of its 3 cases and "yes" to the
    // rest. So Team B's first figure has no applicable answer (0 cases: nothing to hide,
    // it did not apply), and its other figures have 3 (under 5: suppressed).
    let p = Project::sample();
    p.edit(
        CHECKLIST,
        "minimum_answers: 10",
        "minimum_answers: 10\n  suppress_below: 5",
    );
    let questions = common::question_codes(&p);
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut n = 0;
    for (team, count) in [("Team A", 5), ("Team B", 3)] {
        for _ in 0..count {
            let answers: Vec<(&str, &str)> = questions
                .iter()
                .enumerate()
                .map(|(i, (id, _))| {
                    let na = team == "Team B" && i == 0;
                    (id.as_str(), if na { "not-applicable" } else { "yes" })
                })
                .collect();
            let case = format!("CASE-{n:02}");
            let meta = [
                ("case-reference", case.as_str()),
                ("team", team),
                ("audit-date", DATES[0]),
            ];
            let body = common::sample_return(&meta, &answers);
            std::fs::write(dir.join(format!("r{n:02}.json")), body).unwrap();
            n += 1;
        }
    }
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = &questions[0].0;
    let rows = common::report_csv(&p, "groups.csv");
    let row = |team: &str, q: &str| {
        rows.iter()
            .find(|r| r["group"] == team && r["question"] == q)
            .unwrap_or_else(|| panic!("no row for {team} {q}: {rows:?}"))
    };
    let empty = row("Team B", first);
    assert_eq!(empty["applicable"], "0", "{empty:?}");
    assert_eq!(empty["suppressed"], "no", "{empty:?}");
    let at_threshold = row("Team A", first);
    assert_eq!(at_threshold["applicable"], "5", "{at_threshold:?}");
    assert_eq!(at_threshold["suppressed"], "no", "{at_threshold:?}");
    assert_eq!(at_threshold["percent"], "100", "{at_threshold:?}");
    let second = row("Team B", &questions[1].0);
    assert_eq!(second["applicable"], "3", "{second:?}");
    assert_eq!(second["suppressed"], "yes", "{second:?}");
    // The page's per-group table says the same in words.
    let doc = page(&p);
    let (head, table) = html_table(&doc, "Per cent positive by team");
    let col = head.iter().position(|h| h == "Team B").unwrap();
    assert_eq!(table[0][col], "did not apply", "{:?}", table[0]);
    assert_eq!(table[1][col], "suppressed (fewer than 5)", "{:?}", table[1]);
}

//! The words of a collect report (`src/collect/narrative.rs`), called directly on small inputs
//! made here: every expected sentence is written out by hand from the inputs, so a wrong count,
//! a lost caveat or a swapped order shows. (The compiled reports are checked end to end in
//! `tests/collect_report.rs`.)

use guidewright::collect::highlights::highlights;
use guidewright::collect::narrative::{actions, headline, methodology};
use guidewright::collect::returns::Return;
use guidewright::collect::summary::{Cell, Counts, QuestionResult};
use guidewright::locale::Locale;
use guidewright::model::{Checklist, Question, ReportConfig};
use std::collections::BTreeMap;

fn en() -> Locale {
    Locale::english()
}

fn question(yaml: &str) -> Question {
    serde_yaml::from_str(yaml).unwrap()
}

/// A cell with these answers; `percent` and `small` as given (narrative only reads them).
fn cell(positive: u32, partial: u32, negative: u32, percent: Option<u32>, small: bool) -> Cell {
    Cell {
        counts: Counts {
            positive,
            partial,
            negative,
            not_applicable: 0,
            unanswered: 0,
        },
        applicable: positive + partial + negative,
        percent,
        band: None,
        small,
        suppressed: false,
        ci: None,
        interval: None,
        figure: String::new(),
    }
}

#[test]
fn headlines_count_cases_and_partly_answers() {
    let with_phrase = question(
        "{id: q-a, code: A1, text: Were checks made?, maps_to: [k], response: ynp, \
         summary_phrase: checks were made.}",
    );
    // 7 of 12 yes, 2 partly: 58%.
    assert_eq!(
        headline(
            &with_phrase,
            &cell(7, 2, 3, Some(58), false),
            ("case", "cases"),
            "Yes",
            &en()
        ),
        Some(
            "In 7 of 12 cases (58%) where it applied, checks were made (partly in a further 2)."
                .into()
        )
    );
    // No partly answers: no clause about them; one case is singular.
    assert_eq!(
        headline(
            &with_phrase,
            &cell(1, 0, 0, Some(100), true),
            ("case", "cases"),
            "Yes",
            &en()
        ),
        Some("In 1 of 1 case (100%) where it applied, checks were made.".into())
    );
    // Without a summary phrase the answer label stands in.
    let bare = question("{id: q-b, code: B2, text: Was a plan made?, maps_to: [k], response: yn}");
    assert_eq!(
        headline(&bare, &cell(0, 1, 1, Some(0), false), ("team", "teams"), "Met", &en()),
        Some("In 0 of 2 teams (0%) where it applied, the answer to B2 was “Met” (partly in a further 1).".into())
    );
    // A question that applied to nothing has no headline.
    assert_eq!(
        headline(
            &bare,
            &cell(0, 0, 0, None, false),
            ("case", "cases"),
            "Yes",
            &en()
        ),
        None
    );
}

fn result(code: &str, percent: Option<u32>, small: bool) -> QuestionResult {
    QuestionResult {
        id: format!("q-{code}"),
        code: code.into(),
        text: String::new(),
        section: "s".into(),
        all: cell(0, 0, 0, percent, small),
        groups: vec![],
        headline: Some(format!("headline of {code}")),
        has_partial: false,
        evidence: vec![],
        not_asked: 0,
        new_since: None,
    }
}

#[test]
fn strengths_and_areas_for_improvement_never_share_a_question() {
    // Strengths are the top band (80% up), areas for improvement the bottom band (under 40%);
    // A1 and A4 (the middle band) and A3 (no percentage) are in neither.
    let mut cfg: ReportConfig = serde_yaml::from_str(
        "{bands: [{from: 0, label: Low, colour: red}, {from: 40, label: Mid, colour: amber}, \
         {from: 80, label: High, colour: green}], highlights: 1}",
    )
    .unwrap();
    let qs = vec![
        result("A1", Some(50), false),
        result("A2", Some(90), false),
        result("A3", None, false),
        result("A4", Some(50), true),
        result("A5", Some(10), false),
        result("A6", Some(90), false),
        result("A7", Some(0), true),
    ];
    // Highest first, ties in question order, the rest named; lowest first, the small number
    // flagged.
    let h = highlights(&cfg, &qs, &en());
    assert_eq!(h.strengths, ["A2: headline of A2", "Also rated High: A6."]);
    assert_eq!(
        h.improvements,
        [
            "A7 (small number: read with care): headline of A7",
            "Also rated Low: A5."
        ]
    );
    cfg.highlights = Some(3);
    let h = highlights(&cfg, &qs, &en());
    assert_eq!(h.strengths, ["A2: headline of A2", "A6: headline of A6"]);
    assert_eq!(
        h.improvements,
        [
            "A7 (small number: read with care): headline of A7",
            "A5: headline of A5"
        ]
    );
    assert_eq!(
        h.strengths_rule,
        "Questions rated High (80% or more), highest first."
    );
}

fn checklist() -> Checklist {
    serde_yaml::from_str(
        "title: T\nguide: g\nunit: case\ninstructions: i\nsections:\n\
         - id: s1\n  title: S1\n  standard: st\n  questions:\n\
         \x20 - {id: enquiries, code: A1, text: t, maps_to: [k], response: yn}\n\
         \x20 - {id: plans, code: A2, text: t, maps_to: [k], response: yn}\n",
    )
    .unwrap()
}

fn ret(rows: &[&[(&str, &str)]]) -> Return {
    Return {
        actions: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<BTreeMap<_, _>>()
            })
            .collect(),
        ..Return::default()
    }
}

#[test]
fn the_same_action_is_counted_once_per_question_in_checklist_order() {
    let returns = vec![
        ret(&[
            &[
                ("question", "A2"),
                ("action", "Review   the plan"),
                ("owner", "Team lead"),
                ("due", "2026-05-01"),
                ("status", "open"),
            ],
            &[
                ("question", "a1"),
                ("action", "Ask about safety"),
                ("owner", " "),
            ],
            &[("question", "A1"), ("action", "   ")],
        ]),
        ret(&[&[
            ("question", "plans"),
            ("action", "review the  PLAN"),
            ("owner", "Manager"),
            ("due", "2026-03-01"),
            ("status", ""),
        ]]),
        ret(&[&[
            ("question", "A2"),
            ("action", "Review the plan"),
            ("owner", "Team  lead"),
            ("due", "2026-04-01"),
            ("status", "open"),
        ]]),
        ret(&[
            &[
                ("question", "Z9"),
                ("action", "Something else"),
                ("due", ""),
            ],
            &[
                ("question", "A1"),
                ("action", "ask about safety"),
                ("status", "done"),
            ],
            &[("question", "A2"), ("action", "Book a meeting")],
        ]),
    ];
    let rows: Vec<[String; 6]> = actions(
        &checklist(),
        &returns,
        &guidewright::locale::Locale::english(),
    )
    .into_iter()
    .map(|r| {
        [
            r.question,
            r.action,
            r.returns.to_string(),
            r.owners,
            r.earliest_due,
            r.statuses,
        ]
    })
    .collect();
    let row = |a: [&str; 6]| a.map(String::from);
    assert_eq!(
        rows,
        [
            // A1 by its code in any case; blank owners and actions are left out.
            row([
                "A1",
                "Ask about safety",
                "2",
                "",
                "",
                "done (1), no status (1)"
            ]),
            // A2 by code and by id, spacing and case ignored; the first spelling is kept,
            // owners once each, the earliest due date, statuses counted.
            row([
                "A2",
                "Review the plan",
                "3",
                "Manager, Team lead",
                "2026-03-01",
                "no status (1), open (2)"
            ]),
            row(["A2", "Book a meeting", "1", "", "", "no status (1)"]),
            // A question the checklist lacks comes last, as written.
            row(["Z9", "Something else", "1", "", "", "no status (1)"]),
        ]
    );
}

#[test]
fn the_methodology_names_the_units_bands_rule_and_minimum() {
    let cfg: ReportConfig = serde_yaml::from_str(
        "{section_score: mean, minimum_answers: 4, bands: [{from: 0, label: Low, colour: red}, \
         {from: 70, label: High, colour: green}]}",
    )
    .unwrap();
    let m = methodology(
        &cfg,
        ("team", "teams"),
        &["1.0".into(), "1.1".into()],
        &en(),
    );
    assert_eq!(m.len(), 9, "{m:#?}");
    assert!(
        m[0].starts_with("Each return is one team, read from"),
        "{}",
        m[0]
    );
    assert!(m[0].contains("(read: 1.0, 1.1)"), "{}", m[0]);
    assert!(m[1].contains("the number of teams answered with the positive answer"));
    assert!(
        m[2].contains(" Teams with no answer to a question are reported as unanswered"),
        "{}",
        m[2]
    );
    assert!(
        m[3].contains("mean of its questions' percentages"),
        "{}",
        m[3]
    );
    assert_eq!(
        m[4],
        "Ratings use these bands: High from 70%; Low from 0%. Every rating is shown with its text label."
    );
    assert!(
        m[5].contains("Where at least 4 teams applied") && m[5].contains("Wilson score interval"),
        "{}",
        m[5]
    );
    assert!(
        m[6].starts_with("Percentages based on fewer than 4 teams carry a caveat")
            && m[6].contains("with one team,"),
        "{}",
        m[6]
    );
    assert_eq!(m[7], "No figure is suppressed.");
    let lowest = methodology(
        &ReportConfig::default(),
        ("case", "cases"),
        &["2".into()],
        &en(),
    );
    assert!(lowest[2].contains(" Cases with no answer"), "{}", lowest[2]);
    assert!(lowest[3].contains("the lowest percentage among its questions"));
    assert!(lowest[4].contains("Good from 80%; Requires improvement from 65%; Inadequate from 0%"));
    assert!(lowest[6].contains("fewer than 10 cases"));
}

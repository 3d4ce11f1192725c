//! Funnel plots of a `collect` report by team: every group's limits and position worked out
//! here from the returns written (tests/common/team_returns.rs) by the formula the report
//! states, the findings naming only groups outside the 99.8% limits, in funnel.csv, the page
//! and the PDF (its figures' alternative text read with pypdf); and the sortable groups table.

mod common;
use common::team_returns::*;
use std::collections::BTreeMap;
use std::process::Command;

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
    let rows = common::report_csv(&p, "funnel.csv");
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
    let alts = common::figure_alts(&p.path("report/report.pdf"));
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

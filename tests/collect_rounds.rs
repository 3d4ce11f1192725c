//! `collect --round`: two audit rounds written here with known counts, the change between
//! them checked against a chi-square test on the 2×2 table worked out here (z² equals the
//! uncorrected χ²), and a change that is not significant never called an improvement.

mod common;
use common::Project;
use scraper::{Html, Selector};
use std::collections::BTreeMap;

/// Returns per round.
const N: usize = 30;
/// Per question (first four of the checklist): "yes" answers in round one and round two, the
/// rest "no". A1 rises a lot (meaningful), A2 a little (within chance), A3 falls a lot, P1
/// stays the same.
const YES: [(usize, usize); 4] = [(10, 25), (15, 17), (24, 9), (20, 20)];
const ROUNDS: [&str; 2] = ["2024-Q2", "2024-Q3"];

/// z from the 2×2 table (round × yes/no) by the uncorrected chi-square statistic,
/// χ² = N(ad − bc)² / ((a+b)(c+d)(a+c)(b+d)), signed by the direction of the change.
fn z_by_chi_square(x1: usize, n1: usize, x2: usize, n2: usize) -> f64 {
    let (a, b, c, d) = (x1 as f64, (n1 - x1) as f64, x2 as f64, (n2 - x2) as f64);
    let total = a + b + c + d;
    let chi = total * (a * d - b * c).powi(2) / ((a + b) * (c + d) * (a + c) * (b + d));
    let sign = if x2 as f64 / n2 as f64 >= x1 as f64 / n1 as f64 {
        1.0
    } else {
        -1.0
    };
    sign * chi.sqrt()
}

#[test]
fn rounds_compare_by_a_two_proportion_test_and_only_meaningful_changes_are_improvements() {
    let p = Project::sample();
    let qs = common::question_codes(&p);
    write_round(&p, 0);
    write_round(&p, 1);
    // Within a round, a repeated case reference is still a duplicate (the same references in
    // both rounds are not).
    let dir = p.path(&format!("returns/{}", ROUNDS[1]));
    std::fs::copy(dir.join("r00.json"), dir.join("again.json")).unwrap();
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--round",
        &round_arg(0),
        "--round",
        &round_arg(1),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("Compiled {N} returns")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("again.json"),
        "the duplicate is skipped: {}",
        r.stderr
    );

    // summary.csv: one row per question per round, with the round's own counts.
    let rows = common::report_csv(&p, "summary.csv");
    assert_eq!(rows.len(), 2 * qs.len());
    for (i, label) in ROUNDS.iter().enumerate() {
        for ((id, _), yes) in qs.iter().zip(YES) {
            let row = rows
                .iter()
                .find(|r| &r["round"] == label && &r["question"] == id)
                .unwrap_or_else(|| panic!("no row for {id} in {label}"));
            let want = if i == 0 { yes.0 } else { yes.1 };
            assert_eq!(row["positive"], want.to_string(), "{row:?}");
            assert_eq!(row["applicable"], N.to_string(), "{row:?}");
        }
    }

    // changes.csv: points, z and meaningful as worked out here.
    let changes = common::report_csv(&p, "changes.csv");
    let mut meaningful = BTreeMap::new();
    for ((id, code), (x1, x2)) in qs.iter().zip(YES) {
        let row = changes.iter().find(|r| &r["question"] == id).unwrap();
        assert_eq!((&row["from"][..], &row["to"][..]), (ROUNDS[0], ROUNDS[1]));
        let points = 100.0 * (x2 as f64 - x1 as f64) / N as f64;
        let got: f64 = row["change_points"].parse().unwrap();
        assert!(
            (got - points).abs() <= 0.05 + 1e-9,
            "{code}: {got} against {points}"
        );
        if x1 == x2 {
            assert_eq!(row["meaningful"], "no");
            continue;
        }
        let z = z_by_chi_square(x1, N, x2, N);
        let got: f64 = row["z"].parse().unwrap();
        assert!(
            (got - z).abs() <= 0.005 + 1e-9,
            "{code}: z {got} against {z:.4}"
        );
        let yes = z.abs() >= 1.959_963_984_540_054;
        assert_eq!(row["meaningful"], if yes { "yes" } else { "no" }, "{code}");
        meaningful.insert(code.clone(), (yes, z > 0.0));
    }
    // The returns do what they are for: one meaningful rise, one meaningful fall, one rise
    // within chance.
    assert_eq!(meaningful[&qs[0].1], (true, true));
    assert_eq!(meaningful[&qs[1].1], (false, true));
    assert_eq!(meaningful[&qs[2].1], (true, false));

    // The page: only meaningful changes are listed, and only they are called an improvement
    // or a decline.
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let flat = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let listed: Vec<String> = doc.select(&sel("#round-changes li")).map(flat).collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        listed[0].starts_with(&format!("{} ", qs[0].1))
            && listed[0].contains("meaningful improvement")
    );
    assert!(
        listed[1].starts_with(&format!("{} ", qs[2].1)) && listed[1].contains("meaningful decline")
    );
    let table = doc
        .select(&sel("table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| flat(c).starts_with("Per cent positive by round"))
        })
        .unwrap();
    // Each section's score per round: its lowest question (the checklist's rule) over the
    // questions answered here, the first three being the first section's.
    let trend = doc
        .select(&sel("table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| flat(c) == "Section scores by round")
        })
        .unwrap();
    let first: Vec<String> = trend
        .select(&sel("tbody tr"))
        .next()
        .unwrap()
        .select(&sel("td"))
        .map(flat)
        .collect();
    let pc = |x: usize| (200 * x + N) / (2 * N);
    for (i, cell) in first.iter().enumerate() {
        let lowest = YES[..3]
            .iter()
            .map(|y| pc(if i == 0 { y.0 } else { y.1 }))
            .min()
            .unwrap();
        assert!(
            cell.starts_with(&format!("{lowest}% ")),
            "round {i}: {cell}"
        );
    }
    assert!(html.contains("aria-labelledby=\"chart-trend-title chart-trend-desc\""));
    // The PDF draws the same trend as a Figure whose alternative text (read by pypdf) gives
    // the first section's score in each round, followed by its table.
    let alts = common::figure_alts(&p.path("report/report.pdf"));
    let trend_alt = alts
        .iter()
        .find(|a| a.starts_with("Section scores by round. "))
        .unwrap_or_else(|| panic!("no trend figure in {alts:?}"));
    let scores: Vec<usize> = (0..2)
        .map(|r| {
            YES[..3]
                .iter()
                .map(|y| pc(if r == 0 { y.0 } else { y.1 }))
                .min()
                .unwrap()
        })
        .collect();
    let want = format!("{} {}% ", ROUNDS[0], scores[0]);
    let want2 = format!("{} {}% ", ROUNDS[1], scores[1]);
    let first_section = trend_alt.split(';').next().unwrap();
    assert!(
        first_section.contains(&want) && first_section.contains(&want2),
        "{want}/{want2} not in {first_section}"
    );
    for row in table.select(&sel("tbody tr")) {
        let cells: Vec<String> = row.select(&sel("th, td")).map(flat).collect();
        let (yes, _) = meaningful.get(&cells[0]).copied().unwrap_or((false, false));
        let last = cells.last().unwrap();
        assert_eq!(
            last.contains("improvement") || last.contains("decline"),
            yes,
            "{cells:?}"
        );
        if cells[0] == qs[1].1 {
            assert!(last.contains("within what chance would explain"), "{last}");
        }
    }
}

#[test]
fn a_round_that_is_not_label_equals_path_is_a_usage_error() {
    let p = Project::sample();
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--round",
        "returns",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("LABEL=PATH"), "{}", r.stderr);
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--round",
        "a=x",
        "returns",
    ]);
    assert_eq!(r.code, 2, "paths and rounds together: {}", r.stderr);
}

/// Writes one round's returns (the plan's round `r`) into `returns/LABEL`.
/// `--round`'s argument for round `i` as [`write_round`] writes it: `LABEL=returns/LABEL`.
fn round_arg(i: usize) -> String {
    format!("{}=returns/{}", ROUNDS[i], ROUNDS[i])
}

fn write_round(p: &Project, r: usize) {
    let qs = common::question_codes(p);
    let dir = p.path(&format!("returns/{}", ROUNDS[r]));
    std::fs::create_dir_all(&dir).unwrap();
    for n in 0..N {
        let case = format!("CASE-{n:02}");
        let answers: Vec<(&str, &str)> = qs
            .iter()
            .zip(YES)
            .map(|((id, _), yes)| {
                let k = if r == 0 { yes.0 } else { yes.1 };
                (id.as_str(), if n < k { "yes" } else { "no" })
            })
            .collect();
        let ret = common::sample_return(&[("case-reference", &case)], &answers);
        std::fs::write(dir.join(format!("r{n:02}.json")), ret).unwrap();
    }
}

fn collect(p: &Project, out: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        out,
    ];
    args.extend(extra);
    p.run(&args)
}

#[test]
fn data_json_holds_the_figures_and_compare_reads_it_as_the_previous_round() {
    let p = Project::sample();
    write_round(&p, 0);
    write_round(&p, 1);
    let (r0, r1) = (round_arg(0), round_arg(1));
    let r = collect(&p, "first", &["--round", &r0]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // data.json: the documented format and version, and the round's own counts.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.path("first/data.json")).unwrap()).unwrap();
    assert_eq!(data["format"], "guidewright-report-data");
    assert_eq!(data["format_version"], 1);
    assert_eq!(data["round"], ROUNDS[0]);
    assert_eq!(data["returns"], N);
    let qs = common::question_codes(&p);
    for ((id, _), (x1, _)) in qs.iter().zip(YES) {
        let q = data["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id.as_str())
            .unwrap();
        assert_eq!(q["all"]["positive"], x1, "{id}");
        assert_eq!(q["all"]["applicable"], N, "{id}");
    }
    // The next round against the published report gives the same changes as both rounds
    // compiled together.
    let r = collect(&p, "second", &["--round", &r1, "--compare", "first"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = collect(&p, "both", &["--round", &r0, "--round", &r1]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |d: &str| std::fs::read_to_string(p.path(&format!("{d}/changes.csv"))).unwrap();
    assert_eq!(read("second"), read("both"));
    let changes: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.path("second/data.json")).unwrap()).unwrap();
    let a1 = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["question"] == qs[0].0.as_str())
        .unwrap();
    let points = 100.0 * (YES[0].1 as f64 - YES[0].0 as f64) / N as f64;
    assert!((a1["change_points"].as_f64().unwrap() - points).abs() <= 0.05 + 1e-9);
    assert_eq!(a1["meaningful"], true);

    // A data.json that is not one is refused with its place; nothing is written.
    std::fs::write(
        p.path("first/data.json"),
        "{\"format\": \"guidewright-report-data\",\n \"format_version\": 7}",
    )
    .unwrap();
    let r = collect(&p, "third", &["--round", &r1, "--compare", "first"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("first/data.json"), "{}", r.stderr);
    assert!(!p.path("third").exists());
}

/// A report over three rounds, grouped (every chart and table of the issue), passes axe, the
/// keyboard walk and the HTML validator, as the single-round report does in tests/a11y.rs.
#[test]
fn a_report_over_rounds_passes_axe_the_keyboard_walk_and_the_html_validator() {
    let p = Project::sample();
    write_round(&p, 0);
    write_round(&p, 1);
    // Two teams in the current round, for the funnel plots.
    let dir = p.path(&format!("returns/{}", ROUNDS[1]));
    for n in 0..N {
        let f = dir.join(format!("r{n:02}.json"));
        let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        v["metadata"]["team"] = if n % 2 == 0 { "North" } else { "South" }.into();
        std::fs::write(&f, v.to_string()).unwrap();
    }
    let rounds: Vec<String> = (0..ROUNDS.len()).map(round_arg).collect();
    let r = collect(
        &p,
        "report",
        &[
            "--group-by",
            "team",
            "--round",
            &rounds[0],
            "--round",
            &rounds[1],
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/axe-core").is_dir() && here.join("node_modules/vnu-jar").is_dir(),
        "run `npm ci --prefix tests/browser` first: tests/run does"
    );
    let out = std::process::Command::new("node")
        .arg(here.join("a11y.mjs"))
        .arg(p.path("report"))
        .output()
        .expect("node is needed");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let jar = here.join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(p.path("report"))
        .output()
        .expect("java is needed for the HTML validator");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A `data.json` edited by hand or by a hostile tool, with figures that contradict each other
/// (more positive answers than applicable ones, none applicable, the largest numbers its
/// fields hold, a percentage over 100), is read without a crash: the report is written or
/// refused with a message, never a panic.
#[test]
fn a_data_json_with_impossible_figures_never_crashes_compare() {
    let p = Project::sample();
    write_round(&p, 0);
    write_round(&p, 1);
    let (r0, r1) = (round_arg(0), round_arg(1));
    assert_eq!(collect(&p, "first", &["--round", &r0]).code, 0);
    let original: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.path("first/data.json")).unwrap()).unwrap();
    let cases: [(u64, u64, u64); 4] = [
        (u32::MAX as u64, 3, 100),
        (0, 0, 0),
        (u32::MAX as u64, u32::MAX as u64, 100),
        (5, 1, 500),
    ];
    for (i, (positive, applicable, percent)) in cases.into_iter().enumerate() {
        let mut data = original.clone();
        for q in data["questions"].as_array_mut().unwrap() {
            q["all"]["positive"] = positive.into();
            q["all"]["applicable"] = applicable.into();
            q["all"]["percent"] = percent.into();
        }
        data["returns"] = applicable.into();
        std::fs::write(p.path("first/data.json"), data.to_string()).unwrap();
        let out = format!("out{i}");
        let r = collect(&p, &out, &["--round", &r1, "--compare", "first"]);
        assert!(
            r.code == 0 || r.code == 1,
            "case {i}: exit {}\n{}",
            r.code,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "case {i}:\n{}", r.stderr);
        // Counts that contradict themselves are refused, naming the file; others compile.
        let impossible = positive > applicable || percent > 100;
        assert_eq!(r.code, i32::from(impossible), "case {i}:\n{}", r.stderr);
        if impossible {
            assert!(
                r.stderr.contains("first/data.json"),
                "case {i}:\n{}",
                r.stderr
            );
            assert!(!p.path(&out).exists(), "case {i}");
        }
    }
}

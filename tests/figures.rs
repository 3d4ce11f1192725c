//! Quotes and inspection findings as published, on the web page and in the guide's PDF: a quote
//! that brings its own quotation marks gets no second pair; findings say "1 inspection",
//! round every percentage as the rest of the table, name each row's denominator when they
//! differ, and flag figures under the site's small-number threshold.

mod common;
use common::{tool, Project};
use scraper::{Html, Selector};

const FINDINGS: &str = "findings/kcs-inspection-findings.yaml";
const PDF: &str = "output/guides/keeping-the-child-safe/keeping-the-child-safe.pdf";

fn page(p: &Project, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(p.path(&format!("output/{rel}"))).unwrap())
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The PDF's text with runs of white space made single spaces.
fn pdf_text(p: &Project) -> String {
    let text = tool("pdftotext", &[p.path(PDF).to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sample with one inspection, a third figure (10 of 19, no stated percentage: 52.63 %)
/// whose denominator differs from the others, and a small-number threshold of 20.
fn findings_project(threshold: Option<u32>) -> Project {
    let p = Project::sample();
    p.edit(FINDINGS, "  inspections: 43\n", "  inspections: 1\n");
    p.edit(
        FINDINGS,
        "    measures: [yj-2-1-3, yj-2-1-3-a]\n",
        "    measures: [yj-2-1-3, yj-2-1-3-a]\n  - id: kcs-stat-plan-shared\n    label: Plan shared with the family\n    numerator: 10\n    denominator: 19\n",
    );
    if let Some(t) = threshold {
        let site = p.read("site.yaml");
        p.write("site.yaml", &format!("{site}small_number_threshold: {t}\n"));
    }
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

#[test]
fn findings_tables_round_name_their_denominators_and_flag_small_numbers_on_the_web() {
    let p = findings_project(Some(20));
    let doc = page(&p, "findings/kcs-inspection-findings.html");
    let sample = texts(&doc, "main p")
        .into_iter()
        .find(|t| t.contains("Sample:"))
        .unwrap();
    assert!(
        sample.contains("1,945 case assessments in 1 inspection,"),
        "{sample}"
    );
    // 603/1945 stated 31, 370/1945 stated 19, 10/19 = 52.63… shown whole as the others.
    let pct = texts(&doc, "table.gw-stats tbody td:nth-child(4)");
    assert_eq!(pct, ["31%", "19%", "53% Small number"]);
    let flagged = texts(&doc, "table.gw-stats tbody tr .gw-flag");
    assert_eq!(
        flagged,
        ["Small number"],
        "only the row out of 19 is under 20"
    );
    let caption = texts(&doc, "table.gw-stats caption").remove(0);
    assert_eq!(
        caption,
        "The figures in the chart, each out of its own total: \
         Safety and wellbeing judged high or very high by inspectors out of 1,945; \
         Risk of serious harm to others judged high or very high by inspectors out of 1,945; \
         Plan shared with the family out of 19"
    );
    let notes = texts(&doc, "p.gw-hint");
    assert!(
        notes.iter().any(|n| n == "“Small number” marks a percentage based on fewer than 20 case assessments: read it with care."),
        "{notes:?}"
    );
    // The chart: the same rounding and flag beside the bar.
    let bars = texts(&doc, ".gw-bars");
    assert!(bars[0].contains("53% (10 of 19; small number)"), "{bars:?}");
    assert!(bars[0].contains("31% (603 of 1,945)"), "{bars:?}");
    assert!(!bars[0].contains("52.6"), "{bars:?}");
}

#[test]
fn findings_in_the_pdf_round_name_their_denominators_and_flag_small_numbers() {
    let p = findings_project(Some(20));
    let text = pdf_text(&p);
    assert!(
        text.contains("1,945 case assessments in 1 inspection."),
        "sample"
    );
    assert!(!text.contains("1 inspections"));
    assert!(
        text.contains("53% (10 of 19; small number)"),
        "chart figure"
    );
    assert!(text.contains("53% (small number)"), "table cell");
    assert!(!text.contains("52.6"), "unrounded percentage");
    assert!(text.contains("each out of its own total:"), "caption");
    assert!(
        text.contains("Plan shared with the family out of 19"),
        "caption names the row's own denominator"
    );
    assert!(
        text.contains("“Small number” marks a percentage based on fewer than 20 case assessments"),
        "note"
    );
}

#[test]
fn the_small_number_threshold_defaults_to_ten() {
    // Without a threshold in site.yaml, 19 is not small; 9 would be.
    let p = findings_project(None);
    let doc = page(&p, "findings/kcs-inspection-findings.html");
    assert!(texts(&doc, ".gw-flag").is_empty());
    assert!(!pdf_text(&p).contains("small number"));
    p.edit(FINDINGS, "    denominator: 19\n", "    denominator: 9\n");
    p.edit(FINDINGS, "    numerator: 10\n", "    numerator: 5\n");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = page(&p, "findings/kcs-inspection-findings.html");
    assert_eq!(texts(&doc, "table.gw-stats .gw-flag"), ["Small number"]);
    assert!(
        pdf_text(&p).contains("56% (5 of 9; small number)"),
        "5 of 9 is 55.6%"
    );
}

#[test]
fn a_quote_with_its_own_quotation_marks_gets_no_second_pair() {
    let p = Project::sample();
    let q = "quotes/kcs-quotes.yaml";
    p.edit(
        q,
        "text: I wanted somebody to clock that something was wrong without me having to spell it out.",
        "text: \"“I wanted somebody to clock that something was wrong.”\"",
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = page(&p, "guides/keeping-the-child-safe/kcs-evidence.html");
    let own = Selector::parse("#kcs-quote-notice blockquote p").unwrap();
    let own = doc.select(&own).next().unwrap();
    assert_eq!(own.value().attr("class"), Some("gw-quote__own-marks"));
    assert_eq!(
        own.text().collect::<String>(),
        "“I wanted somebody to clock that something was wrong.”"
    );
    // The theme's marks are for the others only.
    let other = Selector::parse("#kcs-quote-same-worker blockquote p").unwrap();
    assert_eq!(
        doc.select(&other).next().unwrap().value().attr("class"),
        None
    );
    let css_file = std::fs::read_dir(p.path("output/assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.to_string_lossy().contains("style."))
        .unwrap();
    let css = std::fs::read_to_string(css_file).unwrap();
    assert!(css
        .contains(".gw-quote blockquote p:not(.gw-quote__own-marks)::before { content: \"“\"; }"));

    let text = pdf_text(&p);
    assert!(
        text.contains("“I wanted somebody to clock that something was wrong.” —"),
        "one pair in the PDF"
    );
    assert!(!text.contains("““"), "a second pair in the PDF");
    assert!(
        text.contains("“I had the same worker the whole way through."),
        "others keep theirs"
    );
}

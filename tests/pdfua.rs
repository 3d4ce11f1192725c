//! Every PDF guidewright writes is tagged PDF/UA-1, as three independent checkers see it:
//! `page-validation` (104 PDF/UA-1 rules), `pdfua` and `outloud` (PyPI; `tests/run` installs
//! them), run by `tests/pdfua/validate.py` over the sample's guides and checklist forms, a form
//! filled by pypdf and a `collect` report. The structure tree is read back with poppler.

mod common;
#[path = "fixtures/other_scripts.rs"]
mod other_scripts;
use common::{tool, Project};
use std::path::{Path, PathBuf};

fn script(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// Twelve JSON returns and one PDF form filled by pypdf, then `collect` over them.
fn report(p: &Project) -> (PathBuf, PathBuf) {
    let returns = p.path("returns");
    std::fs::create_dir_all(&returns).unwrap();
    let answers = ["yes", "partly", "no", "not-applicable"];
    for n in 0..12 {
        let mut a = serde_json::Map::new();
        for q in 1..=12 {
            a.insert(
                format!("kps-q{q}"),
                serde_json::json!({ "answer": answers[(n + q) % 4] }),
            );
        }
        let (team, recorded, judged) = (
            if n % 2 == 0 {
                "North team"
            } else {
                "South team"
            },
            ["low", "medium", "high"][n % 3],
            ["medium", "medium", "high"][n % 3],
        );
        let r = serde_json::json!({
            "format": "guidewright-return",
            "checklist": "kps-self-assessment",
            "version": "1.0",
            "metadata": {
                "case-reference": format!("CASE-{n:03}"),
                "team": team,
                "audit-date": "2026-05-01",
                "recorded-classification": recorded,
                "auditor-classification": judged
            },
            "answers": a
        });
        std::fs::write(returns.join(format!("r{n}.json")), r.to_string()).unwrap();
    }
    let filled = returns.join("filled.pdf");
    tool(
        "python3",
        &[
            &script("forms/fill.py"),
            p.path("output/checklists/kps-self-assessment.pdf")
                .to_str()
                .unwrap(),
            filled.to_str().unwrap(),
            "q.kps-q1",
            "partly",
            "meta.case-reference",
            "CASE-900 – ŵ",
        ],
    );
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    (filled, p.path("report/report.pdf"))
}

#[test]
fn every_pdf_passes_the_three_pdf_ua_checkers() {
    let p = Project::sample();
    // With an Arabic quote, Hebrew and Welsh spans and characters no font has in a guide.
    other_scripts::add(&p);
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (filled, report) = report(&p);
    let mut pdfs: Vec<PathBuf> = Vec::new();
    for dir in ["output/guides", "output/checklists"] {
        for e in walkdir::WalkDir::new(p.path(dir)) {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "pdf") {
                pdfs.push(e.path().to_path_buf());
            }
        }
    }
    pdfs.sort();
    assert_eq!(pdfs.len(), 4, "two guides and two checklist forms");
    pdfs.push(filled);
    pdfs.push(report);
    // A report over two rounds too: its trend plot and funnel plots are figures to check.
    let r = p.run(&[
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report-rounds",
        "--group-by",
        "team",
        "--round",
        "2024-Q2=returns",
        "--round",
        "2024-Q3=returns",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    pdfs.push(p.path("report-rounds/report.pdf"));
    let mut args = vec![script("pdfua/validate.py")];
    args.extend(pdfs.iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out: serde_json::Value = serde_json::from_str(&tool("python3", &args)).unwrap();
    let mut errors = Vec::new();
    for pdf in &pdfs {
        let path = pdf.to_string_lossy();
        let name = pdf.file_name().unwrap().to_string_lossy();
        let info = tool("pdfinfo", &[&path]);
        assert!(info.contains("Tagged:          yes"), "{name}: {info}");
        let found = &out[path.as_ref()];
        for checker in ["page", "pdfua", "outloud"] {
            for f in found[checker].as_array().unwrap() {
                let line = format!("{name}: {checker} {f}");
                if f[1] == "error" {
                    errors.push(line);
                } else {
                    println!("warning: {line}");
                }
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// (tag, text) of every structure element `pdfinfo -struct-text` lists with text right below it.
fn struct_elements(pdf: &Path) -> Vec<(String, String)> {
    let text = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(tag) = l.trim().strip_suffix(" (block)") else {
            continue;
        };
        let next = lines.get(i + 1).map_or("", |n| n.trim());
        let words = next
            .strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .map_or(String::new(), |t| {
                t.split_whitespace().collect::<Vec<_>>().join(" ")
            });
        out.push((tag.to_string(), words));
    }
    out
}

fn yaml(p: &Project, rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(rel)).unwrap()
}

#[test]
fn structure_tree_headings_are_the_guides_headings_in_order() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = p.path("output/guides/keeping-people-safe/keeping-people-safe.pdf");
    let elements = struct_elements(&pdf);
    let headings: Vec<(u8, String)> = elements
        .iter()
        .filter_map(|(tag, text)| {
            let level = tag.strip_prefix('H')?.parse().ok()?;
            Some((level, text.clone()))
        })
        .collect();
    // From the content: the title, the contents, then each chapter and its sections.
    let guide = yaml(&p, "guides/keeping-people-safe/guide.yaml");
    let mut expected = vec![
        (1, guide["title"].as_str().unwrap().to_string()),
        (1, "Contents".to_string()),
    ];
    for id in guide["chapters"].as_sequence().unwrap() {
        let chapter = yaml(
            &p,
            &format!("guides/keeping-people-safe/{}.yaml", id.as_str().unwrap()),
        );
        expected.push((1, chapter["title"].as_str().unwrap().to_string()));
        for s in chapter["sections"].as_sequence().unwrap() {
            expected.push((2, s["heading"].as_str().unwrap().to_string()));
        }
    }
    let top: Vec<(u8, String)> = headings.iter().filter(|h| h.0 <= 2).cloned().collect();
    assert_eq!(top, expected);
    // Deeper headings never skip a level.
    for pair in headings.windows(2) {
        assert!(
            pair[1].0 <= pair[0].0 + 1,
            "{:?} follows {:?}",
            pair[1],
            pair[0]
        );
    }
    // Lists, tables with header cells, the contents, links and quotes are tagged as such.
    let all = tool("pdfinfo", &["-struct", pdf.to_str().unwrap()]);
    let tags: std::collections::BTreeSet<&str> = all
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(|t| t.trim_end_matches(':'))
        .collect();
    for tag in [
        "Document",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "TOC",
        "TOCI",
        "Table",
        "TR",
        "TH",
        "TD",
        "Link",
        "BlockQuote",
    ] {
        assert!(tags.contains(tag), "no {tag} element: {tags:?}");
    }
}

/// The words of a text, lower-cased, without punctuation.
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a built web page's main content.
fn page_words(p: &Project, rel: &str) -> String {
    let html = std::fs::read_to_string(p.path(&format!("output/{rel}"))).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let main = scraper::Selector::parse("main").unwrap();
    let text: Vec<String> = doc
        .select(&main)
        .flat_map(|m| m.text().map(str::to_string))
        .collect();
    words(&text.join(" "))
}

#[test]
fn every_paragraph_of_a_markdown_field_reaches_the_pdf_as_on_the_web() {
    let p = Project::sample();
    // Second paragraphs in fields the PDF used to cut to their first: a guide's and a
    // chapter's summary, a finding's strength and a scale level's definition.
    let seconds = [
        ("guides/keeping-people-safe/guide.yaml", "  of people who have been on probation.\n", "Readers in Welsh services will find a translated edition on request from the publisher.", "guides/keeping-people-safe/index.html"),
        ("guides/keeping-people-safe/kps-assessing.yaml", "  How to build an assessment that identifies and analyses the risk of harm to others.\n", "Start from the record and test every assumption against what other agencies hold.", "guides/keeping-people-safe/kps-assessing.html"),
        ("findings/kps-inspection-findings.yaml", "used the answers in their analysis, not just filed them.\"", "Managers checked that each enquiry had been answered before the case was allocated.", "guides/keeping-people-safe/kps-evidence.html"),
        ("scales/risk-of-serious-harm.yaml", "      cause serious harm.\n", "Review the classification whenever circumstances change significantly.", "guides/keeping-people-safe/kps-evidence.html"),
    ];
    for (file, end, second, _) in &seconds {
        let indent: String = end.chars().take_while(|c| *c == ' ').collect();
        let replacement = if end.ends_with('"') {
            format!("{}\\n\\n{second}\"", end.trim_end_matches('"'))
        } else {
            format!("{end}\n{indent}{second}\n")
        };
        p.edit(file, end, &replacement);
    }
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = p.path("output/guides/keeping-people-safe/keeping-people-safe.pdf");
    let pdf_words = words(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for (file, _, second, page) in &seconds {
        let w = words(second);
        assert!(
            page_words(&p, page).contains(&w),
            "the web page {page} lacks the second paragraph of {file}"
        );
        assert!(
            pdf_words.contains(&w),
            "the PDF lacks the second paragraph of {file}: {second}"
        );
    }
}

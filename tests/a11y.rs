//! Accessibility and HTML validity of every page of the built sample, checked in CI:
//! axe-core (WCAG 2.0/2.1/2.2 A and AA rules) and a keyboard walk in headless Chromium
//! (`tests/browser/a11y.mjs`), the Nu HTML Checker (vnu, on Java), and the layout at phone,
//! tablet and desktop widths (`tests/browser/layout.mjs`: no sideways scrolling, no text under
//! 12 px, a visible focus style, axe at 320 px). `tests/run` installs Chromium, Java and the
//! npm packages. With `SCREENSHOTS=DIR` set, the layout test saves a screenshot of each page
//! type at 390 and 1280 px into DIR.

mod common;
use common::Project;
use std::path::{Path, PathBuf};
use std::process::Command;

fn browser_dir() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/axe-core").is_dir() && here.join("node_modules/vnu-jar").is_dir(),
        "run `npm ci --prefix tests/browser` first: tests/run does"
    );
    here
}

/// Runs axe and the keyboard walk over the HTML pages under `dirs`, served under `site_path`.
fn axe(dirs: &[&Path], site_path: &str) -> (bool, String) {
    let out = Command::new("node")
        .arg(browser_dir().join("a11y.mjs"))
        .args(dirs)
        .env("SITE_PATH", site_path)
        .output()
        .expect("node is needed");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Runs the Nu HTML Checker over `dir`, errors only.
fn vnu(dir: &Path) -> (bool, String) {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .args([
            "-jar",
            jar.to_str().unwrap(),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "gnu",
        ])
        .arg(dir)
        .output()
        .expect("java is needed for the HTML validator");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn every_page_passes_axe_the_keyboard_walk_and_the_html_validator() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let (ok, report) = axe(&[&out], "/guidance/");
    assert!(ok, "{report}");
    assert!(
        report.contains(&format!("{pages} passed, 0 failed")),
        "every one of {pages} pages must be checked:\n{report}"
    );
    let (ok, report) = vnu(&out);
    assert!(ok, "HTML validation errors:\n{report}");
}

/// The care inspectorate sample (`guidewright new --example care-inspectorate`): axe, the
/// keyboard walk and the HTML validator on every page, as for the main sample.
#[test]
fn every_page_of_the_care_inspectorate_example_passes_axe_and_the_html_validator() {
    let p = Project::example("care-inspectorate");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let (ok, report) = axe(&[&out], "/care-guides/");
    assert!(ok, "{report}");
    assert!(
        report.contains(&format!("{pages} passed, 0 failed")),
        "every one of {pages} pages must be checked:\n{report}"
    );
    let (ok, report) = vnu(&out);
    assert!(ok, "HTML validation errors:\n{report}");
}

/// Writes 12 returns of the sample checklist (two teams, every kind of answer, an action)
/// into `returns/`.
fn write_returns(p: &Project) {
    let returns = p.path("returns");
    std::fs::create_dir_all(&returns).unwrap();
    let answers = ["yes", "partly", "no", "not-applicable"];
    for n in 0..12 {
        let team = if n % 2 == 0 {
            "North team"
        } else {
            "South team"
        };
        let recorded = ["low", "medium", "high"][n % 3];
        let judged = ["medium", "medium", "high"][n % 3];
        let mut a = serde_json::Map::new();
        for q in 1..=12 {
            a.insert(
                format!("kps-q{q}"),
                serde_json::json!({ "answer": answers[(n + q) % 4] }),
            );
        }
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
            "answers": a,
            "actions": [{"action": "Refresh police checks", "owner": "Team manager"}]
        });
        std::fs::write(returns.join(format!("r{n}.json")), r.to_string()).unwrap();
    }
}

/// The summary report that `collect` writes passes the same checks.
#[test]
fn the_collect_report_passes_axe_and_the_html_validator() {
    let p = Project::sample();
    write_returns(&p);
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = p.path("report");
    let (ok, out) = axe(&[&report], "/");
    assert!(ok && out.contains("1 passed, 0 failed"), "{out}");
    let (ok, out) = vnu(&report);
    assert!(ok, "HTML validation errors:\n{out}");
}

/// The checkers do catch problems: a page with an unlabelled image, a link with no text and
/// misnested tags fails both.
#[test]
fn the_checkers_fail_a_broken_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html><head><title>t</title></head><body><img src=\"x.png\">\
         <a href=\"#\"></a><p><div></p></body></html>",
    )
    .unwrap();
    let (ok, report) = axe(&[dir.path()], "/");
    assert!(!ok, "{report}");
    assert!(
        report.contains("image-alt") && report.contains("html-has-lang"),
        "{report}"
    );
    let (ok, report) = vnu(dir.path());
    assert!(!ok, "{report}");
    assert!(report.contains("error"), "{report}");
}

/// Runs the layout check over the HTML pages under `dirs`, served under `site_path`.
fn layout(dirs: &[&Path], site_path: &str) -> (bool, String) {
    let out = Command::new("node")
        .arg(browser_dir().join("layout.mjs"))
        .args(dirs)
        .env("SITE_PATH", site_path)
        .output()
        .expect("node is needed");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn html_pages(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

/// Every page of the sample and of a `collect` report at 320, 390, 768 and 1280 px: no
/// sideways scrolling, no visible text under 12 px, a visible focus style on every focusable
/// element, and axe at 320 px.
#[test]
fn every_page_and_the_collect_report_fit_phone_tablet_and_desktop_widths() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    write_returns(&p);
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (out, report) = (p.path("output"), p.path("report"));
    let pages = html_pages(&out) + html_pages(&report);
    let (ok, text) = layout(&[&out, &report], "/guidance/");
    assert!(ok, "{text}");
    assert!(
        text.contains(&format!("{pages} passed, 0 failed")),
        "every one of {pages} pages must be checked:\n{text}"
    );
}

/// The care inspectorate sample at the same widths.
#[test]
fn every_page_of_the_care_inspectorate_example_fits_phone_tablet_and_desktop_widths() {
    let p = Project::example("care-inspectorate");
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    let (ok, text) = layout(&[&out], "/care-guides/");
    assert!(ok, "{text}");
    assert!(
        text.contains(&format!("{} passed, 0 failed", html_pages(&out))),
        "every page must be checked:\n{text}"
    );
}

/// The layout check catches each fault: a box wider than a phone, small print, SVG text that
/// shrinks with its chart, a link whose focus style was taken away, pagination that is
/// printed, and a wide table's caption that runs out of the window.
#[test]
fn the_layout_check_fails_overflow_small_text_and_a_missing_focus_style() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><html lang=\"en\"><head><title>t</title>\
         <style>a:focus, a:focus-visible { outline: none }</style></head><body><main>\
         <h1>Broken</h1><p><a href=\"#x\">Link</a> <button>Fine</button></p>\
         <nav class=\"gw-pagination\" aria-label=\"Pagination\">Next</nav>\
         <div style=\"width: 500px\">Wide</div><p style=\"font-size: 10px\">Small print</p>\
         <svg viewBox=\"0 0 1000 100\" style=\"width: 100%\"><text x=\"0\" y=\"50\" \
         font-size=\"14\">Chart label</text></svg>\
         <div style=\"overflow-x: auto\"><table><caption>Wide table</caption>\
         <tr><td style=\"min-width: 600px\">Cell</td></tr></table></div></main></body></html>",
    )
    .unwrap();
    let (ok, text) = layout(&[dir.path()], "/");
    assert!(!ok, "{text}");
    for want in [
        "320 px: page is 508 px wide in a 320 px window: div \"Wide\"",
        "1280 px: text at 10.0 px: p \"Small print\"",
        "390 px: text at 5.2 px: text \"Chart label\"",
        "768 px: no visible focus style: a \"Link\"",
        "printed: gw-pagination is shown",
        "320 px: caption runs out of the window",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
    assert!(!text.contains("1280 px: page is"), "{text}");
    assert!(!text.contains("\"Fine\""), "{text}");
}

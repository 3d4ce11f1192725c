//! A report in the checklist's other language: `collect --lang cy` writes the generated
//! sentences (overview, headlines, rules, methodology) and dates in Welsh, from the Welsh
//! locale and the checklist's Welsh translation; without `--lang` the report stays in the
//! default language; a language the site lacks is an error naming its languages. The
//! expected sentences are written out by hand.

mod common;
use common::{sample_return, Project};
use scraper::{Html, Selector};

fn with_returns() -> Project {
    let p = Project::sample();
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let returns = [("CY-1", "2024-09-02", "yes"), ("CY-2", "2024-10-09", "no")];
    for (case, date, a1) in returns {
        std::fs::write(
            dir.join(format!("{case}.json")),
            sample_return(
                &[
                    ("case-reference", case),
                    ("team", "Caerdydd"),
                    ("audit-date", date),
                ],
                &[("kps-q1", a1), ("kps-q2", "yes")],
            ),
        )
        .unwrap();
    }
    p
}

/// The texts of the elements `css` selects on the report page.
fn texts(p: &Project, css: &str) -> Vec<String> {
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    let doc = Html::parse_document(&html);
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

fn collect(p: &Project, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "collect",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
    ];
    args.extend_from_slice(extra);
    args.push("returns");
    p.run(&args)
}

#[test]
fn a_welsh_report_says_everything_in_welsh() {
    let p = with_returns();
    let r = collect(&p, &["--lang", "cy"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let html = std::fs::read_to_string(p.path("report/index.html")).unwrap();
    assert!(html.contains("<html lang=\"cy\""), "{}", &html[..200]);
    let overview = &texts(&p, "#overview")[0];
    assert!(
        overview.starts_with(
            "Mae'r adroddiad hwn yn casglu 2 ffurflen (un achos yr un), dyddiedig 2 Medi i 9 Hydref 2024. \
             Yn gyffredinol: Asesu: Coch – angen gwella (50%, ar niferoedd bach); "
        ),
        "{overview}"
    );
    // A1: 1 of 2 yes (a small number: no interval); A2: both yes. The Welsh checklist's own
    // summary phrases end the sentences.
    let headlines = texts(&p, "ul.gw-headlines li");
    // Welsh counts: "1 o'r 2 achos", the singular after a numeral.
    let a1 = "Mewn 1 o'r 2 achos (50%) lle'r oedd yn berthnasol, gwnaed ymholiadau cam-drin \
              domestig gyda'r heddlu ac fe'u defnyddiwyd yn yr asesiad.";
    let a2 = "Mewn 2 o'r 2 achos (100%) lle'r oedd yn berthnasol, gwnaed ymholiadau diogelu \
              plant gyda'r gwasanaethau plant.";
    assert!(headlines.iter().any(|h| h.contains(a1)), "{headlines:#?}");
    assert!(headlines.iter().any(|h| h.contains(a2)), "{headlines:#?}");
    // The rule that picked the areas for improvement, with the Welsh band's label.
    let page: String = texts(&p, "main").concat();
    assert!(
        page.contains("Cwestiynau â'r sgôr Coch – angen gwella (o dan 60%), yr isaf yn gyntaf."),
        "{page}"
    );
    assert!(page.contains("2 Medi i 9 Hydref 2024"));
    // No English sentence of the report is left.
    for english in [
        "This report compiles",
        "where it applied",
        "Overall,",
        " to 9 October",
    ] {
        assert!(!page.contains(english), "{english} in {page}");
    }
}

#[test]
fn the_report_is_in_the_default_language_unless_asked_and_only_in_the_sites_languages() {
    let p = with_returns();
    let r = collect(&p, &[]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let overview = &texts(&p, "#overview")[0];
    assert!(
        overview.starts_with(
            "This report compiles 2 returns (one case each), dated 2 September to 9 October 2024. \
             Overall, Assessment is rated Red – improvement needed (50%, on small numbers); "
        ),
        "{overview}"
    );
    let r = collect(&p, &["--lang", "fr", "--force"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr
            .contains("--lang `fr` is not a language of the site: the site's languages are en, cy"),
        "{}",
        r.stderr
    );
}

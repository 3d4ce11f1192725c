//! How the PDFs are set, read back with poppler (`pdftotext -bbox`, `-layout`, `pdftoppm`):
//! the measure of body text, page fill, lead-ins, figures in tables, and the `collect`
//! report's rating tags, words and dates. Invariants only the layout can see (table rows and
//! case-example lines on each side of a break) are checked in `src/pdf/layout/invariants.rs`.

mod common;
use common::Project;
use std::collections::BTreeMap;
use std::process::Command;

const GUIDES: [&str; 2] = [
    "output/guides/keeping-people-safe/keeping-people-safe.pdf",
    "output/guides/keeping-the-child-safe/keeping-the-child-safe.pdf",
];
const PAGE_HEIGHT: f32 = 841.89;

fn tool(name: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (poppler-utils): {e}"));
    assert!(out.status.success(), "{name} {args:?} failed");
    out.stdout
}

/// A word as `pdftotext -bbox` gives it: text, xMin, yMin, xMax, yMax (y down from the top).
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

fn attr(w: &str, k: &str) -> f32 {
    let i = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
    w[i..].split('"').next().unwrap().parse().unwrap()
}

/// Every page's words.
fn words(pdf: &std::path::Path) -> Vec<Vec<Word>> {
    let xml = String::from_utf8(tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"])).unwrap();
    xml.split("<page ")
        .skip(1)
        .map(|page| {
            page.split("<word ")
                .skip(1)
                .map(|w| {
                    let text = w.split('>').nth(1).unwrap().split('<').next().unwrap();
                    Word {
                        text: text
                            .replace("&amp;", "&")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&apos;", "'"),
                        x0: attr(w, "xMin"),
                        y0: attr(w, "yMin"),
                        x1: attr(w, "xMax"),
                        y1: attr(w, "yMax"),
                    }
                })
                .collect()
        })
        .collect()
}

/// The words of the text area: below the running header and above the page number.
fn body(page: &[Word]) -> Vec<Word> {
    page.iter()
        .filter(|w| w.y0 > 62.0 && w.y1 < PAGE_HEIGHT - 70.0)
        .cloned()
        .collect()
}

/// Lines of a page: words sharing a baseline (same bottom), left to right.
fn lines(page: &[Word]) -> Vec<Vec<Word>> {
    let mut by: BTreeMap<i64, Vec<Word>> = BTreeMap::new();
    for w in page {
        by.entry((w.y1 * 2.0).round() as i64)
            .or_default()
            .push(w.clone());
    }
    by.into_values()
        .map(|mut l| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

fn built() -> Project {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

#[test]
fn body_text_lines_hold_at_most_about_75_characters() {
    let p = built();
    for pdf in GUIDES {
        let mut full = Vec::new();
        for page in words(&p.path(pdf)).iter().skip(2) {
            for line in lines(&body(page)) {
                // Body text (11.5 pt) has word boxes about 15.7 points high; headings, the
                // lead, small print and tables are left out.
                if !line.iter().all(|w| (w.y1 - w.y0 - 15.66).abs() < 0.3) {
                    continue;
                }
                let chars: usize =
                    line.iter().map(|w| w.text.chars().count()).sum::<usize>() + line.len() - 1;
                assert!(chars <= 78, "{pdf}: a line of {chars} characters: {line:?}");
                let width = line.last().unwrap().x1 - line[0].x0;
                if width > 0.9 * 136.0 * 72.0 / 25.4 {
                    full.push(chars);
                }
            }
        }
        full.sort_unstable();
        assert!(full.len() > 100, "{pdf}: {} full lines", full.len());
        let median = full[full.len() / 2];
        assert!(
            (60..=75).contains(&median),
            "{pdf}: full lines hold {median} characters (median)"
        );
    }
}

/// Whether a page opens a chapter: its first words are set in the 22-point chapter title.
fn opens_chapter(page: &[Word]) -> bool {
    body(page).first().is_some_and(|w| w.y1 - w.y0 > 25.0)
}

#[test]
fn no_page_is_under_a_quarter_full_but_a_chapters_last() {
    let p = built();
    let (top, bottom) = (25.0 * 72.0 / 25.4, PAGE_HEIGHT - 22.0 * 72.0 / 25.4);
    for pdf in GUIDES {
        let pages = words(&p.path(pdf));
        // The title page and the contents are front matter.
        for (i, page) in pages.iter().enumerate().skip(2) {
            if pages.get(i + 1).is_none_or(|next| opens_chapter(next)) {
                continue;
            }
            let low = body(page).iter().map(|w| w.y1).fold(top, f32::max);
            let fill = (low - top) / (bottom - top);
            assert!(
                fill >= 0.25,
                "{pdf}: page {} is {:.0}% full",
                i + 1,
                fill * 100.0
            );
        }
    }
}

#[test]
fn no_page_ends_with_a_lead_in_and_continued_examples_repeat_their_title() {
    let p = built();
    let leads = [
        "Case summary",
        "What the practitioner did well",
        "Inspector comments",
        "Take-away learning",
    ];
    let mut continued = 0;
    for pdf in GUIDES {
        let pages = words(&p.path(pdf));
        for (i, page) in pages.iter().enumerate() {
            let lines = lines(&body(page));
            let text = |l: &Vec<Word>| {
                l.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if let Some(last) = lines.last() {
                let last = text(last);
                assert!(
                    !leads.contains(&last.as_str()),
                    "{pdf}: page {} ends with the lead-in {last:?}",
                    i + 1
                );
            }
            // A title "… (continued)" stands first on its page, and the example began on the
            // page before.
            let all: Vec<String> = lines.iter().map(text).collect();
            let joined = all.join(" ");
            if let Some(at) = joined.find(" (continued)") {
                continued += 1;
                let title = &joined[..at];
                assert!(
                    title.starts_with("Good practice example: "),
                    "{pdf}: page {} starts with {title:?}",
                    i + 1
                );
                let before: String = lines_text(&pages[i - 1]);
                assert!(
                    before.contains(title),
                    "{pdf}: {title:?} continues on page {} but does not start before it",
                    i + 1
                );
            }
        }
    }
    assert!(
        continued >= 1,
        "no case example crosses a page in the samples"
    );
}

fn lines_text(page: &[Word]) -> String {
    lines(page)
        .iter()
        .flatten()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn figures_in_tables_are_right_aligned_under_their_header() {
    let p = built();
    let pages = words(&p.path(GUIDES[1]));
    let page = pages
        .iter()
        .find(|pg| lines_text(pg).contains("The figures in the chart"))
        .expect("the child guide shows its findings' figures");
    let find = |t: &str| {
        page.iter()
            .find(|w| w.text == t)
            .unwrap_or_else(|| panic!("{t}"))
    };
    // The findings of the sample: 603 and 370 of 1,945 case assessments.
    let (head, a, b) = (find("Cases"), find("603"), find("370"));
    for n in [a, b] {
        assert!(
            (n.x1 - head.x1).abs() < 0.6,
            "{n:?} is not right-aligned with {head:?}"
        );
        assert!(n.x0 - head.x0 > 3.0, "{n:?} starts where {head:?} does");
    }
    // The column is as wide as its header, not a share of the page.
    let next = find("Out");
    assert!(
        next.x0 - head.x1 < 20.0,
        "{head:?} and {next:?} are far apart"
    );
}

/// Writes `n` returns of the sample checklist spread over five teams.
fn five_team_returns(p: &Project, n: usize) {
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let teams = ["City", "North", "South", "East", "West"];
    // Teams further down the list answer "yes" more often, so the ratings differ.
    let yes = [3, 5, 6, 8, 9];
    for k in 0..n {
        let mut a = serde_json::Map::new();
        for q in 1..=12 {
            let roll = (k * 7 + q * 5) % 10;
            let answer = match roll {
                r if r < yes[k % 5] => "yes",
                9 => "not-applicable",
                _ => "no",
            };
            a.insert(format!("kps-q{q}"), serde_json::json!({ "answer": answer }));
        }
        let ret = serde_json::json!({"format": "guidewright-return",
            "checklist": "kps-self-assessment", "version": "1.0",
            "metadata": {"case-reference": format!("CASE-{k}"), "team": teams[k % 5],
                         "audit-date": format!("2024-09-{:02}", 2 + k % 20)},
            "answers": a, "actions": [], "sign_off": {}});
        std::fs::write(dir.join(format!("r{k}.json")), ret.to_string()).unwrap();
    }
}

/// A page rendered at 72 dpi (one pixel a point).
struct Ppm {
    width: usize,
    data: Vec<u8>,
}

impl Ppm {
    fn at(&self, x: f32, y: f32) -> [u8; 3] {
        let i = ((y as usize) * self.width + x as usize) * 3;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }
}

fn render(pdf: &std::path::Path, page: usize) -> Ppm {
    let n = (page + 1).to_string();
    let ppm = tool(
        "pdftoppm",
        &["-r", "72", "-f", &n, "-l", &n, pdf.to_str().unwrap()],
    );
    // P6 header: magic, width, height, maximum, each followed by white space.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    Ppm {
        width: fields[1].parse().unwrap(),
        data: ppm[at + 1..].to_vec(),
    }
}

#[test]
fn report_with_five_groups_keeps_short_words_whole_shows_rating_tags_and_long_dates() {
    let p = Project::sample();
    five_team_returns(&p, 25);
    let r = p.collect_by_team();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = p.path("report/report.pdf");
    let pages = words(&pdf);
    let all: Vec<&Word> = pages.iter().flatten().collect();
    // Short table headings stand whole: no piece of "Score" or "Rating" on its own.
    for whole in ["Score", "Rating", "Positive"] {
        assert!(
            all.iter().any(|w| w.text == whole),
            "{whole} not found whole"
        );
    }
    for w in &all {
        assert!(
            !["Sco", "Scor", "Rat", "Rati", "Ratin", "core", "ting"].contains(&w.text.as_str()),
            "a broken word: {w:?}"
        );
    }
    // "Very high", a level of the classification scale, stands on one line in its cell.
    let mut very = 0;
    for page in &pages {
        for (i, w) in page.iter().enumerate().filter(|(_, w)| w.text == "Very") {
            very += 1;
            let next = page.get(i + 1).expect("a word after Very");
            assert!(
                next.text == "high" && (next.y1 - w.y1).abs() < 0.5,
                "Very high broken: {w:?} then {next:?}"
            );
        }
    }
    assert!(very >= 1, "no Very high in the report");
    // Dates as "2 September 2024", never as their ISO form.
    let text: String = all
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Period: 2 September 2024 to 21 September 2024."),
        "{text}"
    );
    assert!(!text.contains("2024-09"), "an ISO date in the report");
    // A rating label sits on its tag colour, the web report's (#f4cdc6 for red, #fcd6c3
    // amber, #cce2d8 green), drawn just left of the label's first letter.
    let tags = [
        ("Red", [0xf4, 0xcd, 0xc6]),
        ("Amber", [0xfc, 0xd6, 0xc3]),
        ("Green", [0xcc, 0xe2, 0xd8]),
    ];
    let mut seen = 0;
    let mut rendered: BTreeMap<usize, Ppm> = BTreeMap::new();
    for (name, colour) in tags {
        let found: Vec<(usize, &Word)> = pages
            .iter()
            .enumerate()
            .flat_map(|(i, pg)| pg.iter().filter(|w| w.text == name).map(move |w| (i, w)))
            .collect();
        if found.is_empty() {
            continue;
        }
        let on_tag = found.iter().filter(|(page, w)| {
            let img = rendered.entry(*page).or_insert_with(|| render(&pdf, *page));
            let got = img.at(w.x0 - 1.0, (w.y0 + w.y1) / 2.0);
            got.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= 6)
        });
        // The same word also stands in running text (the methodology names every band).
        if on_tag.count() >= 1 {
            seen += 1;
        }
    }
    assert!(
        seen >= 2,
        "fewer than two ratings are shown on their tag colours"
    );
}

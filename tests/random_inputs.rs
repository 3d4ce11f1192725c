//! Random inputs through every reader of outside data, in the ordinary test run (the fuzz
//! targets under `fuzz/` go further, on a nightly toolchain): YAML-ish text made from the
//! language's own pieces and byte mutations of the sample files through the content loader,
//! Markdown through the renderer, and mutated returns through `collect`'s PDF, JSON and CSV
//! readers. Each must return (no panic, no abort) within a time bound.

mod common;

use guidewright::markdown::{self, Place};
use guidewright::model::Model;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Cases per property: enough to shake out the shallow faults in a few seconds.
const CASES: u32 = 96;

/// What any one input may take, in a debug build on a loaded machine.
const BOUND: Duration = Duration::from_secs(5);

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs `f`, failing when it takes longer than [`BOUND`].
fn bounded<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < BOUND, "{what} took {took:?}");
    out
}

fn sample_dir() -> &'static Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
}

/// Every sample content file: its place in the tree and its bytes.
fn samples() -> &'static [(String, Vec<u8>)] {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| common::snapshot(sample_dir()))
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut report = guidewright::diag::Report::default();
        let model = guidewright::load::load(sample_dir(), &mut report);
        assert_eq!(report.errors(), 0);
        model
    })
}

/// The sample's fillable checklist forms, as `collect` gets them back.
fn form_pdfs() -> &'static [Vec<u8>] {
    static PDFS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    PDFS.get_or_init(|| {
        let m = model();
        m.checklists
            .iter()
            .map(|c| {
                let english = guidewright::locale::Locale::english();
                let form = guidewright::document::checklist::compose(m, c, &english);
                guidewright::pdf::render(&form, &english).bytes
            })
            .collect()
    })
}

/// An earlier report's data.json (docs/report-data.md), one section and question.
const DATA_JSON: &str = r#"{"format": "guidewright-report-data", "format_version": 1,
"checklist": "kps-self-assessment", "checklist_version": "1.0", "round": "2024-Q2", "returns": 12,
"period": ["2024-04-02", "2024-06-28"], "minimum_answers": 10, "suppress_below": 0,
"group_by": "Team", "groups": [["North", 12]],
"sections": [{"id": "assessing", "title": "Assessment", "score": 58, "rating": "Red",
"small_number": false, "suppressed": false}],
"questions": [{"id": "kps-q1", "code": "A1", "section": "assessing",
"all": {"applicable": 12, "positive": 7, "partial": 1, "negative": 4, "not_applicable": 0,
"unanswered": 0, "percent": 58, "ci_low": 32.0, "ci_high": 80.7, "rating": "Red",
"small_number": false, "suppressed": false}, "groups": [], "not_asked": 0}],
"changes": [], "discontinued": []}"#;

const JSON_RETURN: &str = r#"{"format": "guidewright-return", "checklist": "kps-self-assessment",
 "version": "1.0", "metadata": {"team": "North", "case": "A1"},
 "answers": {"q1": {"answer": "yes", "evidence": "Seen in the plan"}, "q2": "no"},
 "actions": [{"action": "Review", "owner": "Sam"}], "sign_off": {"name": "Kim"}}"#;

const CSV_RETURN: &str = "field,value\nchecklist,kps-self-assessment\nversion,1.0\n\
meta.team,North\nq.q1,yes\nq.q1.evidence,\"Seen, in the plan\"\nq.q2,no\n";

/// Pieces of YAML (indicators, indentation, quotes, anchors, directives, odd scalars) and of
/// the content model, from which YAML-ish text is put together.
const PIECES: &[&str] = &[
    "- ",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "\n",
    "  ",
    "    ",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "'",
    "\"",
    "\\",
    "# c",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "title",
    "id",
    "sections",
    "kind: prose",
    "body",
    "levels",
    "ref:x",
    "[t](term:y)",
    "2023-02-30",
    "null",
    "~",
    "0x1F",
    "1e999",
    "-.inf",
    "ŵŷ",
    "\u{feff}",
    "\u{85}",
    "\r\n",
    "<b>",
    "&amp;",
];

/// Text made of [`PIECES`] and short random words.
fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => "[a-z]{1,8}",
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

/// A YAML tree of mappings, lists and scalars, written in block or flow style.
fn yaml_tree() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-z ]{0,12}".prop_map(|s| format!("\"{s}\"")),
        "[a-z]{1,8}",
        Just("[x](ref:y)".to_string()),
    ];
    leaf.prop_recursive(12, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-z]{1,6}", inner.clone()), 0..6).prop_map(|v| {
                let pairs: Vec<String> = v.iter().map(|(k, x)| format!("{k}: {x}")).collect();
                format!("{{{}}}", pairs.join(", "))
            }),
            prop::collection::vec(inner, 1..6).prop_map(|v| {
                v.iter()
                    .map(|x| format!("\n- {}", x.replace('\n', "\n  ")))
                    .collect::<String>()
            }),
        ]
    })
    .prop_map(|body| format!("title: t\nsections: {body}\n"))
}

/// One change to a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Piece(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1..32usize, 1..50usize).prop_map(|(i, n, k)| Mutation::Repeat(i, n, k)),
        (any::<usize>(), prop::sample::select(PIECES)).prop_map(|(i, p)| Mutation::Piece(i, p)),
    ]
}

fn mutate(mut bytes: Vec<u8>, changes: &[Mutation]) -> Vec<u8> {
    for m in changes {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
        let len = bytes.len();
        match m {
            Mutation::Flip(i, b) if len > 0 => bytes[at(*i, len)] ^= b | 1,
            Mutation::Flip(..) => {}
            Mutation::Insert(i, b) => {
                let i = at(*i, len + 1);
                bytes.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i, len + 1);
                bytes.drain(i..(i + n).min(len));
            }
            Mutation::Repeat(i, n, k) => {
                let i = at(*i, len + 1);
                let piece = bytes[i..(i + n).min(len)].to_vec();
                let copies: Vec<u8> = piece.repeat(*k);
                bytes.splice(i..i, copies);
            }
            Mutation::Piece(i, p) => {
                let i = at(*i, len + 1);
                bytes.splice(i..i, p.bytes());
            }
        }
    }
    bytes
}

fn check_as_every_kind(bytes: &[u8]) {
    for place in [
        "scales/s.yaml",
        "guides/g/c.yaml",
        "checklists/c.yaml",
        "site.yaml",
    ] {
        let shown = bounded(place, || guidewright::load::check_file_bytes(place, bytes));
        if let Some(report) = shown {
            assert!(!report.contains('\0'), "a NUL byte printed:\n{report}");
            assert!(report.contains(place), "the file is not named:\n{report}");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn yamlish_text_never_upsets_the_loader(text in yamlish()) {
        check_as_every_kind(text.as_bytes());
    }

    #[test]
    fn yaml_trees_never_upset_the_loader(text in yaml_tree()) {
        check_as_every_kind(text.as_bytes());
    }

    #[test]
    fn mutated_sample_files_never_upset_the_loader(
        which in any::<prop::sample::Index>(),
        changes in prop::collection::vec(mutation(), 1..6),
    ) {
        let (rel, bytes) = which.get(samples());
        let bytes = mutate(bytes.clone(), &changes);
        let shown = bounded(rel, || guidewright::load::check_file_bytes(rel, &bytes));
        if let Some(report) = shown {
            prop_assert!(!report.contains('\0'));
        }
    }

    #[test]
    fn markdown_never_upsets_the_renderer(
        text in yamlish(),
        which in any::<prop::sample::Index>(),
        changes in prop::collection::vec(mutation(), 0..4),
    ) {
        let (_, sample) = which.get(samples());
        let mixed = mutate([sample.as_slice(), text.as_bytes()].concat(), &changes);
        let mixed = String::from_utf8_lossy(&mixed);
        for t in [text.as_str(), &mixed] {
            let html = bounded("markdown", || markdown::render(model(), t, Place::default()));
            prop_assert!(!html.contains("<script"), "{html}");
            bounded("inline markdown", || markdown::render_inline(model(), t));
            bounded("plain text", || markdown::plain_text(t));
        }
    }

    #[test]
    fn mutated_report_data_never_upsets_compare(
        changes in prop::collection::vec(mutation(), 1..6),
    ) {
        let data = mutate(DATA_JSON.as_bytes().to_vec(), &changes);
        let r = bounded("data.json", || {
            guidewright::collect::data_json::parse(&data, "data.json", "kps-self-assessment")
        });
        // What is not an earlier report's data says why, naming the file.
        if let Err(why) = r {
            prop_assert!(why.contains("data.json"), "{why}");
        }
    }

    #[test]
    fn mutated_returns_never_upset_collect(
        which in any::<prop::sample::Index>(),
        changes in prop::collection::vec(mutation(), 1..6),
    ) {
        let json = mutate(JSON_RETURN.as_bytes().to_vec(), &changes);
        let csv = mutate(CSV_RETURN.as_bytes().to_vec(), &changes);
        let pdf = mutate(which.get(form_pdfs()).clone(), &changes);
        let results = [
            bounded("JSON return", || guidewright::collect::read_json::read("r.json", &json)),
            bounded("CSV return", || guidewright::collect::read_csv::read("r.csv", &csv)),
            bounded("PDF return", || guidewright::collect::read_pdf::read("r.pdf", &pdf)),
        ];
        for r in results {
            // A file that is not a return says why.
            if let Err(why) = r {
                prop_assert!(!why.is_empty());
            }
        }
    }
}

#[test]
fn the_unmutated_seeds_are_read() {
    // The seeds are real inputs, so mutations start from files each reader accepts.
    let data = guidewright::collect::data_json::parse(
        DATA_JSON.as_bytes(),
        "data.json",
        "kps-self-assessment",
    );
    assert!(data.is_ok_and(|d| d.figures["kps-q1"].x == 7));
    assert!(guidewright::collect::read_json::read("r.json", JSON_RETURN.as_bytes()).is_ok());
    assert!(guidewright::collect::read_csv::read("r.csv", CSV_RETURN.as_bytes()).is_ok());
    for pdf in form_pdfs() {
        assert!(guidewright::collect::read_pdf::read("r.pdf", pdf).is_ok());
    }
    for (rel, bytes) in samples() {
        assert_eq!(
            guidewright::load::check_file_bytes(rel, bytes),
            None,
            "{rel}"
        );
    }
}

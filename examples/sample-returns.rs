//! Writes a sample set of returned checklists for `guidewright collect`: JSON and CSV exports
//! like the HTML form makes and filled PDF forms, from the sample checklist
//! `kps-self-assessment` in `content/`. A fixed pseudo-random sequence makes the same files
//! every time.
//!
//! ```text
//! cargo run --example sample-returns -- returns
//! cargo run -- collect --checklist kps-self-assessment --output report --group-by team returns
//! ```

use guidewright::model::{Checklist, CountsAs, Entry, Model};
use lopdf::{Document, Object, StringFormat};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const CHECKLIST: &str = "kps-self-assessment";
const RETURNS: usize = 36;
/// Every how-many-th return is a filled PDF form, and every how-many-th a CSV export.
const PDF_EVERY: usize = 6;
const CSV_EVERY: usize = 3;

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in 0..n.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `p` per cent.
    fn chance(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
}

const TEAMS: [(&str, usize); 3] = [("North team", 78), ("South team", 62), ("City team", 50)];
const ROLES: [&str; 3] = [
    "senior-probation-officer",
    "probation-practitioner",
    "quality-development-officer",
];
const ACTIONS: [(&str, &str, &str); 4] = [
    (
        "A1",
        "Request police domestic abuse information at the start of every case",
        "Team manager",
    ),
    (
        "P3",
        "Add a specific contingency plan to the sentence plan",
        "Probation practitioner",
    ),
    (
        "R2",
        "Ask partner agencies for an update before each review",
        "Senior probation officer",
    ),
    (
        "I2",
        "Book a home visit where children live in the household",
        "Probation practitioner",
    ),
];

fn answers(
    model: &Model,
    c: &Checklist,
    rng: &mut Rng,
    quality: usize,
) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    for q in c.sections.iter().flat_map(|s| &s.questions) {
        if rng.chance(3) {
            continue; // left unanswered
        }
        let opts = &model
            .response_scale(&q.response)
            .expect("response scale")
            .options;
        let pick = |k: CountsAs| {
            opts.iter()
                .find(|o| o.counts_as == k)
                .map(|o| o.value.clone())
        };
        let na = q.applies_when.is_some() && rng.chance(25);
        let value = if na {
            pick(CountsAs::Excluded)
        } else if rng.chance(quality) {
            pick(CountsAs::Positive)
        } else if rng.chance(40) {
            pick(CountsAs::Partial).or_else(|| pick(CountsAs::Negative))
        } else {
            pick(CountsAs::Negative)
        };
        if let Some(v) = value {
            fields.insert(format!("q.{}", q.id), v);
            if q.evidence.is_some() && rng.chance(60) {
                fields.insert(
                    format!("q.{}.evidence", q.id),
                    "Seen in the case record and contact log.".into(),
                );
            }
        }
    }
    fields
}

fn one_return(
    model: &Model,
    c: &Entry<Checklist>,
    rng: &mut Rng,
    n: usize,
) -> BTreeMap<String, String> {
    let (team, quality) = TEAMS[rng.below(TEAMS.len())];
    let mut f = answers(model, c, rng, quality);
    let levels = ["low", "medium", "high", "very-high"];
    let recorded = rng.below(4);
    let judged = match rng.below(10) {
        0 | 1 => (recorded + 1).min(3),
        2 => recorded.saturating_sub(1),
        _ => recorded,
    };
    for (k, v) in [
        ("meta.team", team.to_string()),
        (
            "meta.auditor-role",
            ROLES[rng.below(ROLES.len())].to_string(),
        ),
        (
            "meta.audit-date",
            format!("2026-0{}-{:02}", 1 + rng.below(3), 1 + rng.below(28)),
        ),
        ("meta.case-reference", format!("CASE-{:03}", n + 1)),
        ("meta.recorded-classification", levels[recorded].to_string()),
        ("meta.auditor-classification", levels[judged].to_string()),
        (
            "signoff.signed-by-role",
            "Senior probation officer".to_string(),
        ),
    ] {
        f.insert(k.to_string(), v);
    }
    let mut row = 0;
    for (code, action, owner) in ACTIONS {
        if rng.chance(30) {
            row += 1;
            f.insert(format!("action.{row}.question"), code.into());
            f.insert(format!("action.{row}.action"), action.into());
            f.insert(format!("action.{row}.owner"), owner.into());
            f.insert(
                format!("action.{row}.due"),
                format!("2026-0{}-01", 4 + rng.below(3)),
            );
            f.insert(
                format!("action.{row}.status"),
                if rng.chance(30) { "Done" } else { "Open" }.into(),
            );
        }
    }
    f
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn to_csv(version: &str, f: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "field,value\r\nchecklist,{CHECKLIST}\r\nversion,{}\r\n",
        csv_cell(version)
    );
    for (k, v) in f {
        out += &format!("{},{}\r\n", csv_cell(k), csv_cell(v));
    }
    out
}

fn to_json(version: &str, f: &BTreeMap<String, String>) -> String {
    use serde_json::{json, Map, Value};
    let (mut meta, mut answers, mut sign) = (Map::new(), Map::new(), Map::new());
    let mut actions: BTreeMap<usize, Map<String, Value>> = BTreeMap::new();
    for (k, v) in f {
        if let Some(m) = k.strip_prefix("meta.") {
            meta.insert(m.into(), json!(v));
        } else if let Some(m) = k.strip_prefix("signoff.") {
            sign.insert(m.into(), json!(v));
        } else if let Some(q) = k.strip_prefix("q.") {
            let (q, key) = q
                .strip_suffix(".evidence")
                .map_or((q, "answer"), |q| (q, "evidence"));
            let e = answers.entry(q.to_string()).or_insert_with(|| json!({}));
            e[key] = json!(v);
        } else if let Some((n, col)) = k.strip_prefix("action.").and_then(|r| r.split_once('.')) {
            actions
                .entry(n.parse().unwrap_or(0))
                .or_default()
                .insert(col.into(), json!(v));
        }
    }
    let r = json!({
        "format": "guidewright-return", "checklist": CHECKLIST, "version": version,
        "metadata": meta, "answers": answers,
        "actions": actions.into_values().collect::<Vec<_>>(), "sign_off": sign,
    });
    serde_json::to_string_pretty(&r).unwrap_or_default() + "\n"
}

/// Fills the checklist's PDF form as a reader would: a radio group's value and the matching
/// widget's appearance state, a text field's value.
fn fill_pdf(form: &[u8], f: &BTreeMap<String, String>) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(form).map_err(|e| e.to_string())?;
    let ids: Vec<_> = doc.objects.keys().copied().collect();
    for id in ids {
        let Ok(d) = doc.get_dictionary(id) else {
            continue;
        };
        let Some(name) = d
            .get(b"T")
            .ok()
            .and_then(|t| t.as_str().ok())
            .map(|t| String::from_utf8_lossy(t).into_owned())
        else {
            continue;
        };
        let Some(value) = f.get(&name) else { continue };
        let button = d.get(b"FT").ok().and_then(|t| t.as_name().ok()) == Some(&b"Btn"[..]);
        let kids: Vec<_> = match d.get(b"Kids") {
            Ok(Object::Array(k)) => k.iter().filter_map(|k| k.as_reference().ok()).collect(),
            _ => Vec::new(),
        };
        if button {
            for k in kids {
                let on = doc
                    .get_dictionary(k)
                    .ok()
                    .and_then(|w| {
                        w.get(b"AP")
                            .ok()?
                            .as_dict()
                            .ok()?
                            .get(b"N")
                            .ok()?
                            .as_dict()
                            .ok()
                    })
                    .is_some_and(|n| n.has(value.as_bytes()));
                if let Ok(w) = doc.get_dictionary_mut(k) {
                    w.set(
                        "AS",
                        Object::Name(if on {
                            value.as_bytes().to_vec()
                        } else {
                            b"Off".to_vec()
                        }),
                    );
                }
            }
            if let Ok(d) = doc.get_dictionary_mut(id) {
                d.set("V", Object::Name(value.as_bytes().to_vec()));
            }
        } else if let Ok(d) = doc.get_dictionary_mut(id) {
            // UTF-16BE with a byte order mark, as readers save text they cannot encode otherwise.
            let mut bytes = vec![0xfe, 0xff];
            bytes.extend(value.encode_utf16().flat_map(|u| u.to_be_bytes()));
            d.set("V", Object::String(bytes, StringFormat::Hexadecimal));
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn run(dir: &Path) -> Result<usize, String> {
    if dir.exists() {
        let others = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .any(|e| !e.file_name().to_string_lossy().starts_with(CHECKLIST));
        if others {
            return Err(format!(
                "{} holds other files; choose a new or empty folder",
                dir.display()
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let (model, _) =
        guidewright::build::check(Path::new("content"), false, false).map_err(|e| e.to_string())?;
    let c = model
        .checklists
        .iter()
        .find(|c| c.id == CHECKLIST)
        .ok_or("the sample checklist is missing from content/")?;
    let version = c.version.clone().unwrap_or_default();
    let english = guidewright::locale::Locale::english();
    let form = guidewright::document::checklist::compose(&model, c, &english);
    let form = guidewright::pdf::render(&form, &english).bytes;
    let mut rng = Rng(0x5eed_2026_0001);
    for n in 0..RETURNS {
        let f = one_return(&model, c, &mut rng, n);
        let stem = dir.join(format!("{CHECKLIST}-CASE-{:03}", n + 1));
        let (ext, bytes) = if n % PDF_EVERY == PDF_EVERY - 1 {
            ("pdf", fill_pdf(&form, &f)?)
        } else if n % CSV_EVERY == CSV_EVERY - 1 {
            ("csv", to_csv(&version, &f).into_bytes())
        } else {
            ("json", to_json(&version, &f).into_bytes())
        };
        std::fs::write(stem.with_extension(ext), bytes).map_err(|e| e.to_string())?;
    }
    Ok(RETURNS)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir] = args.as_slice() else {
        eprintln!("usage: cargo run --example sample-returns -- <folder>\n(run it in the project folder, beside content/)");
        return ExitCode::from(2);
    };
    match run(&PathBuf::from(dir)) {
        Ok(n) => {
            eprintln!("Wrote {n} sample returns of {CHECKLIST} into {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

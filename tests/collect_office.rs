//! `guidewright collect` on DOCX and ODT returns written as Word and LibreOffice save a filled
//! form (by `tests/forms/office_return.py`, Python's zipfile and the formats' XML, not
//! guidewright's writers): every field is read back; a set of returns compiles into the very
//! report (every file, byte for byte) that the same answers as JSON returns do; a control still
//! showing its placeholder is unanswered; hostile and foreign files are skipped with a reason
//! naming the file, quickly and without a panic.

mod common;
use common::Project;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A control of the sample checklist's forms, from its YAML: field name, label, and the
/// drop-down items (display text, value) of a choice.
#[derive(Clone)]
struct Field {
    name: String,
    label: String,
    items: Option<Vec<(String, String)>>,
    date: bool,
}

fn yaml(p: &Project, rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(rel)).unwrap()
}

fn s(v: &serde_yaml::Value) -> String {
    v.as_str().unwrap().to_string()
}

/// "Senior probation officer" → "senior-probation-officer" (docs/returns.md).
fn kebab(t: &str) -> String {
    let words: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

fn text_field(name: String, label: String, date: bool) -> Field {
    Field {
        name,
        label,
        items: None,
        date,
    }
}

/// Every field of the sample checklist, in form order.
fn fields(p: &Project) -> Vec<Field> {
    let c = yaml(p, "checklists/kps-self-assessment.yaml");
    let mut out = Vec::new();
    for m in c["metadata_fields"].as_sequence().unwrap() {
        let (name, label) = (format!("meta.{}", s(&m["id"])), s(&m["label"]));
        let items = if let Some(scale) = m["scale"].as_str() {
            let levels = yaml(p, &format!("scales/{scale}.yaml"));
            Some(
                levels["levels"]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|l| (s(&l["label"]), s(&l["id"])))
                    .collect(),
            )
        } else {
            m["options"].as_sequence().map(|o| {
                o.iter()
                    .map(|o| (s(o), kebab(o.as_str().unwrap())))
                    .collect()
            })
        };
        let date = m["kind"].as_str() == Some("date");
        out.push(Field {
            name,
            label,
            items,
            date,
        });
    }
    for sec in c["sections"].as_sequence().unwrap() {
        for q in sec["questions"].as_sequence().unwrap() {
            let id = s(&q["id"]);
            let scale = yaml(p, &format!("response-scales/{}.yaml", s(&q["response"])));
            out.push(Field {
                name: format!("q.{id}"),
                label: format!("{} {}", s(&q["code"]), s(&q["text"])),
                items: Some(
                    scale["options"]
                        .as_sequence()
                        .unwrap()
                        .iter()
                        .map(|o| (s(&o["label"]), s(&o["value"])))
                        .collect(),
                ),
                date: false,
            });
            out.push(text_field(
                format!("q.{id}.evidence"),
                s(&q["evidence"]["label"]),
                false,
            ));
        }
    }
    let rows = c["action_plan"]["rows"].as_u64().unwrap();
    for n in 1..=rows {
        for col in ["action", "question", "owner", "due", "status"] {
            out.push(text_field(
                format!("action.{n}.{col}"),
                col.into(),
                col == "due",
            ));
        }
    }
    for f in c["sign_off"].as_sequence().unwrap() {
        let date = f["kind"].as_str() == Some("date");
        out.push(text_field(
            format!("signoff.{}", s(&f["id"])),
            s(&f["label"]),
            date,
        ));
    }
    out
}

/// One return's values: field name → value (absent: left unanswered).
type Values = BTreeMap<String, String>;

/// Writes `values` as a DOCX or ODT return (by `out`'s extension) of `version`.
fn office(fields: &[Field], values: &Values, version: &str, out: &Path, hostile: Option<&str>) {
    let controls: Vec<Value> = fields
        .iter()
        .map(|f| {
            json!({"name": f.name, "label": f.label, "date": f.date, "value": values.get(&f.name),
                "items": f.items.as_ref().map(|i| i.iter().map(|(d, v)| [d, v]).collect::<Vec<_>>())})
        })
        .collect();
    let spec = out.with_extension("spec.json");
    let text =
        json!({"checklist": "kps-self-assessment", "version": version, "controls": controls});
    std::fs::write(&spec, text.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/office_return.py");
    let mut cmd = Command::new("python3");
    cmd.arg(&script).arg(&spec).arg(out);
    if let Some(h) = hostile {
        cmd.args(["--hostile", h]);
    }
    let o = cmd.output().expect("python3 is needed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_file(spec).unwrap();
}

/// The same values as the HTML form's JSON export (docs/returns.md).
fn json_return(values: &Values) -> String {
    let (mut meta, mut answers, mut sign_off) = (
        serde_json::Map::new(),
        serde_json::Map::new(),
        serde_json::Map::new(),
    );
    let mut actions: BTreeMap<usize, serde_json::Map<String, Value>> = BTreeMap::new();
    for (k, v) in values {
        if let Some(m) = k.strip_prefix("meta.") {
            meta.insert(m.into(), v.clone().into());
        } else if let Some(f) = k.strip_prefix("signoff.") {
            sign_off.insert(f.into(), v.clone().into());
        } else if let Some(rest) = k.strip_prefix("action.") {
            let (n, col) = rest.split_once('.').unwrap();
            actions
                .entry(n.parse().unwrap())
                .or_default()
                .insert(col.into(), v.clone().into());
        } else if let Some(q) = k.strip_prefix("q.") {
            let (q, key) = match q.strip_suffix(".evidence") {
                Some(q) => (q, "evidence"),
                None => (q, "answer"),
            };
            let a = answers.entry(q).or_insert_with(|| json!({}));
            a[key] = v.clone().into();
        }
    }
    json!({"format": "guidewright-return", "checklist": "kps-self-assessment", "version": "1.0",
        "metadata": meta, "answers": answers, "actions": actions.into_values().collect::<Vec<_>>(),
        "sign_off": sign_off})
    .to_string()
}

/// A linear congruential generator: the same answers on every run.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Return `n`'s values: every choice answered or (one time in five) left unanswered,
/// evidence and actions on some, text with markup characters, lines and Welsh letters.
fn values(fields: &[Field], n: usize, rng: &mut Lcg) -> Values {
    let mut v = Values::new();
    for f in fields {
        let value = match (&f.items, f.name.as_str()) {
            (_, "meta.case-reference") => Some(format!("C-{n:02}")),
            (_, "meta.team") => Some(["North", "South", "Tîm Gorllewin"][n % 3].to_string()),
            (Some(items), _) => {
                let k = rng.below(items.len() + 1);
                // Mostly answered: an unanswered draw is drawn again once.
                let k = if k == items.len() {
                    rng.below(items.len() + 1)
                } else {
                    k
                };
                items.get(k).map(|i| i.1.clone())
            }
            _ if f.date => (rng.below(3) > 0).then(|| format!("2024-0{}-1{}", 1 + n % 9, n % 10)),
            (None, name) if name.starts_with("action.") => {
                let row: usize = name.split('.').nth(1).unwrap().parse().unwrap();
                (row <= 1 + n % 3).then(|| format!("{} for row {row} & <case {n}>", f.label))
            }
            (None, name) => (rng.below(4) > 0)
                .then(|| format!("Found on file: {name} <{n}> & more\nSecond line, ŵ ŷ")),
        };
        if let Some(value) = value {
            v.insert(f.name.clone(), value);
        }
    }
    v
}

/// The fields a [`guidewright::collect::returns::Return`] holds, as flat field names.
fn flat(r: &guidewright::collect::returns::Return) -> Values {
    let mut v = Values::new();
    let prefixed = |p: &str, m: &BTreeMap<String, String>| {
        m.iter()
            .map(|(k, x)| (format!("{p}{k}"), x.clone()))
            .collect::<Vec<_>>()
    };
    v.extend(prefixed("meta.", &r.metadata));
    v.extend(prefixed("q.", &r.answers));
    v.extend(
        r.evidence
            .iter()
            .map(|(k, x)| (format!("q.{k}.evidence"), x.clone())),
    );
    v.extend(prefixed("signoff.", &r.sign_off));
    for (i, row) in r.actions.iter().enumerate() {
        v.extend(prefixed(&format!("action.{}.", i + 1), row));
    }
    v
}

/// `values` with the action plan's rows numbered as a return holds them: empty rows left out
/// (docs/returns.md), the rest in order from 1.
fn rows_closed_up(values: &Values) -> Values {
    let rows: std::collections::BTreeSet<usize> = values
        .keys()
        .filter_map(|k| k.strip_prefix("action.")?.split('.').next()?.parse().ok())
        .collect();
    let number: BTreeMap<usize, usize> = rows.into_iter().zip(1..).collect();
    values
        .iter()
        .map(|(k, v)| match k.strip_prefix("action.") {
            Some(rest) => {
                let (n, col) = rest.split_once('.').unwrap();
                (
                    format!("action.{}.{col}", number[&n.parse().unwrap()]),
                    v.clone(),
                )
            }
            None => (k.clone(), v.clone()),
        })
        .collect()
}

#[test]
fn every_field_of_a_docx_and_an_odt_is_read_back() {
    let p = Project::sample();
    let fields = fields(&p);
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Lcg(7);
    for (n, ext) in [(0, "docx"), (1, "odt"), (2, "docx"), (3, "odt")] {
        let mut want = values(&fields, n, &mut rng);
        if n < 2 {
            // Every field filled in, the first two times.
            for f in &fields {
                let v = match &f.items {
                    Some(items) => items[n % items.len()].1.clone(),
                    None if f.date => "2024-09-02".into(),
                    None => format!("{} — “{}” & <b>\nline two", f.name, f.label),
                };
                want.entry(f.name.clone()).or_insert(v);
            }
        }
        let file = dir.join(format!("r{n}.{ext}"));
        office(&fields, &want, "1.0", &file, None);
        let r = guidewright::collect::files::read(&file, "r").unwrap();
        assert_eq!(
            (r.checklist.as_str(), r.version.as_str()),
            ("kps-self-assessment", "1.0")
        );
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(flat(&r), rows_closed_up(&want), "{ext} return {n}");
        // And exactly what the same answers give as a JSON return.
        let json = dir.join(format!("r{n}.json"));
        std::fs::write(&json, json_return(&want)).unwrap();
        let j = guidewright::collect::files::read(&json, "r").unwrap();
        assert_eq!(flat(&j), flat(&r));
    }
}

/// Opens every ODT in `from` in LibreOffice (headless) and saves it into `to`, as a user who
/// filled the form would: what LibreOffice writes of the controls' values is what is read.
fn libreoffice_resave(from: &Path, to: &Path, profile: &Path) {
    let odts: Vec<_> = std::fs::read_dir(from)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "odt"))
        .collect();
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(to)
        .args(&odts)
        .output()
        .expect("LibreOffice (soffice) is needed for this test (tests/run installs it)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in &odts {
        let saved = std::fs::read(to.join(f.file_name().unwrap())).unwrap();
        // LibreOffice's own package: it writes a settings part the fixture has not.
        let names = zip::ZipArchive::new(std::io::Cursor::new(saved)).unwrap();
        assert!(
            names.index_for_name("settings.xml").is_some(),
            "{f:?} was not saved again"
        );
    }
}

/// Every file of a report folder, by name.
fn report(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::snapshot(dir).into_iter().collect()
}

#[test]
fn docx_and_odt_returns_compile_into_the_report_their_json_equivalents_make() {
    let p = Project::sample();
    let fields = fields(&p);
    let (office_dir, json_dir) = (p.path("office"), p.path("json"));
    for d in [&office_dir, &json_dir] {
        std::fs::create_dir_all(d.join("returns")).unwrap();
    }
    let staged = p.path("staged");
    std::fs::create_dir_all(&staged).unwrap();
    let mut rng = Lcg(2026);
    let mut unanswered = 0;
    for n in 0..14 {
        let v = values(&fields, n, &mut rng);
        unanswered += fields
            .iter()
            .filter(|f| f.name.starts_with("q.") && f.items.is_some() && !v.contains_key(&f.name))
            .count();
        // ODTs are written to one side, then saved again by LibreOffice into the returns.
        let out = match n % 2 {
            0 => office_dir.join(format!("returns/r{n:02}.docx")),
            _ => staged.join(format!("r{n:02}.odt")),
        };
        office(&fields, &v, "1.0", &out, None);
        std::fs::write(
            json_dir.join(format!("returns/r{n:02}.json")),
            json_return(&v),
        )
        .unwrap();
    }
    assert!(
        unanswered > 5,
        "the sample should leave some questions unanswered"
    );
    libreoffice_resave(&staged, &office_dir.join("returns"), &p.path("lo-profile"));
    let args = [
        "collect",
        "--content",
        "../content",
        "--checklist",
        "kps-self-assessment",
        "--output",
        "report",
        "--group-by",
        "team",
        "--include-evidence",
        "returns",
    ];
    let a = common::run_in(&office_dir, &args);
    let b = common::run_in(&json_dir, &args);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert!(
        a.stderr
            .contains("Compiled 14 returns of 14 files (0 skipped)"),
        "{}",
        a.stderr
    );
    assert_eq!(a.stderr, b.stderr);
    let (ra, rb) = (
        report(&office_dir.join("report")),
        report(&json_dir.join("report")),
    );
    assert_eq!(ra.keys().collect::<Vec<_>>(), rb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ra {
        assert!(
            bytes == &rb[name],
            "{name} differs from the JSON returns' report"
        );
    }
    // The unanswered questions are counted as such (summary.csv's `unanswered` column adds up
    // to the placeholders left).
    let summary = std::fs::read_to_string(office_dir.join("report/summary.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(summary.as_bytes());
    let col = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "unanswered")
        .unwrap();
    let counted: usize = rdr
        .records()
        .map(|r| r.unwrap()[col].parse::<usize>().unwrap())
        .sum();
    assert_eq!(counted, unanswered, "{summary}");
}

#[test]
fn hostile_and_foreign_office_files_are_skipped_with_their_reason() {
    let p = Project::sample();
    let fields = fields(&p);
    let dir = p.path("returns");
    std::fs::create_dir_all(&dir).unwrap();
    let v = values(&fields, 0, &mut Lcg(1));
    office(&fields, &v, "1.0", &dir.join("good.docx"), None);
    let cases = [
        (
            "doctype.docx",
            "doctype",
            "word/document.xml, line 2, column 1: has a document type declaration",
        ),
        (
            "doctype.odt",
            "doctype",
            "content.xml, line 2, column 1: has a document type declaration",
        ),
        (
            "external.docx",
            "external",
            "docProps/custom.xml, line 2, column 1: has a document type declaration",
        ),
        (
            "bomb.docx",
            "bomb",
            "a DOCX whose word/document.xml inflates to more than 16 MB",
        ),
        (
            "bomb.odt",
            "bomb",
            "an ODT whose content.xml inflates to more than 16 MB",
        ),
        (
            "lying-bomb.docx",
            "lying-bomb",
            // The zip crate stops at the declared size; guidewright's own cap is behind it.
            "a damaged DOCX (word/document.xml cannot be inflated: File is larger than its declared uncompressed size)",
        ),
        (
            "entries.docx",
            "entries",
            "entries, more than the 1000 a return may have",
        ),
        (
            "total.odt",
            "total",
            "an ODT that would inflate to 80 MB, more than the 64 MB",
        ),
        ("encrypted.docx", "encrypted", "an encrypted DOCX"),
        ("truncated.docx", "truncated", "a truncated DOCX"),
        ("truncated.odt", "truncated", "a truncated ODT"),
        (
            "locked.docx",
            "ole",
            "an encrypted (password-protected) or old-style Word document",
        ),
        (
            "locked.odt",
            "odt-password",
            "an encrypted ODT (saved with a password)",
        ),
        (
            "duplicate.docx",
            "duplicate",
            "two entries of the same name",
        ),
    ];
    for (file, hostile, _) in &cases {
        office(&fields, &v, "1.0", &dir.join(file), Some(hostile));
    }
    office(&fields, &v, "0.9", &dir.join("old.docx"), None);
    office(&fields, &v, "0.9", &dir.join("old.odt"), None);
    office(&fields, &Values::new(), "1.0", &dir.join("blank.odt"), None);
    office(
        &fields,
        &Values::new(),
        "1.0",
        &dir.join("blank.docx"),
        None,
    );
    std::fs::write(
        dir.join("notes.docx"),
        "meeting notes, typed in a text editor",
    )
    .unwrap();
    let start = std::time::Instant::now();
    let r = p.collect_by_team();
    let took = start.elapsed();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let more = [
        ("old.docx", "a return for version `0.9` of the checklist"),
        ("old.odt", "a return for version `0.9` of the checklist"),
        ("blank.odt", "nothing is filled in"),
        ("blank.docx", "nothing is filled in"),
        ("notes.docx", "not a DOCX (not a zip archive)"),
    ];
    for (file, reason) in cases.iter().map(|c| (c.0, c.2)).chain(more) {
        let line = r
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("skipped returns/{file}: ")))
            .unwrap_or_else(|| panic!("{file} not reported as skipped:\n{}", r.stderr));
        assert!(
            line.contains(reason),
            "{file}: expected `{reason}` in `{line}`"
        );
    }
    let files = cases.len() + more.len() + 1;
    assert!(
        r.stderr.contains(&format!(
            "Compiled 1 return of {files} files ({} skipped)",
            files - 1
        )),
        "{}",
        r.stderr
    );
    assert!(took.as_secs() < 60, "collect took {took:?}");
}

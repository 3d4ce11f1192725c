//! DOCX and ODT returns of the sample checklist for the tests of `collect`
//! (tests/collect_office.rs, collect_office_forms.rs): its fields from the YAML, answers from a
//! fixed sequence, the same answers as a DOCX or ODT written by `tests/forms/office_return.py`
//! (as Word and LibreOffice save them) or as a JSON return, LibreOffice's re-save, and the
//! report folder's files.

use super::Project;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A control of the sample checklist's forms, from its YAML: field name, label, and the
/// drop-down items (display text, value) of a choice.
#[derive(Clone)]
pub struct Field {
    pub name: String,
    pub label: String,
    pub items: Option<Vec<(String, String)>>,
    pub date: bool,
}

pub fn yaml(p: &Project, rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(rel)).unwrap()
}

pub fn s(v: &serde_yaml::Value) -> String {
    v.as_str().unwrap().to_string()
}

/// "Senior probation officer" → "senior-probation-officer" (docs/returns.md).
pub fn kebab(t: &str) -> String {
    let words: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

pub fn text_field(name: String, label: String, date: bool) -> Field {
    Field {
        name,
        label,
        items: None,
        date,
    }
}

/// Every field of the sample checklist, in form order.
pub fn fields(p: &Project) -> Vec<Field> {
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
pub type Values = BTreeMap<String, String>;

/// Writes `values` as a DOCX or ODT return (by `out`'s extension) of `version`.
pub fn office(fields: &[Field], values: &Values, version: &str, out: &Path, hostile: Option<&str>) {
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
pub fn json_return(values: &Values) -> String {
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
pub struct Lcg(pub u64);
impl Lcg {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Return `n`'s values: every choice answered or (one time in five) left unanswered,
/// evidence and actions on some, text with markup characters, lines and Welsh letters.
pub fn values(fields: &[Field], n: usize, rng: &mut Lcg) -> Values {
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
pub fn flat(r: &guidewright::collect::returns::Return) -> Values {
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
pub fn rows_closed_up(values: &Values) -> Values {
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

/// Opens every ODT in `from` in LibreOffice (headless) and saves it into `to`, as a user who
/// filled the form would: what LibreOffice writes of the controls' values is what is read.
pub fn libreoffice_resave(from: &Path, to: &Path, profile: &Path) {
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
pub fn report(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    super::snapshot(dir).into_iter().collect()
}

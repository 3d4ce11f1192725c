//! The checklists' Word forms (`checklists/<id>.docx`), read back by independent readers:
//! python-docx (tests/docx/read_controls.py, through its lxml tree) for the content controls,
//! headings, language, properties and protection; LibreOffice (headless) to open and convert
//! each form to PDF and poppler's `pdftotext` for what it shows; the zip crate's reader for the
//! package. What each form should hold is read from the checklist's YAML and the locale files
//! here (serde_yaml; tests/common/office_returns.rs lists the sample's fields), not from
//! guidewright's model or writer.

mod common;

use common::office_returns::{fields, yaml};
use common::{tool, Project};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const CHECKLIST: &str = "kps-self-assessment";

/// The sample, built once for every test here.
fn built() -> &'static Project {
    static BUILT: OnceLock<Project> = OnceLock::new();
    BUILT.get_or_init(|| {
        let p = Project::sample();
        let r = p.run(&["build", "--output", "site"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        p
    })
}

/// What python-docx reads from a form.
fn read(docx: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx/read_controls.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(docx)
        .output()
        .expect("python3 with python-docx is needed (pip install python-docx)");
    assert!(
        out.status.success(),
        "python-docx could not read {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A theme locale file's strings.
fn locale(lang: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/locales/{lang}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The questions of a checklist file (code, text, response scale) and its section titles.
fn questions(p: &Project, rel: &str) -> (Vec<(String, String, String)>, Vec<String>) {
    let c = yaml(p, rel);
    let mut qs = Vec::new();
    let mut titles = Vec::new();
    for s in c["sections"].as_sequence().unwrap() {
        titles.push(s["title"].as_str().unwrap().to_string());
        for q in s["questions"].as_sequence().unwrap() {
            let get = |k: &str| q[k].as_str().unwrap_or_default().to_string();
            qs.push((get("code"), get("text"), get("response")));
        }
    }
    (qs, titles)
}

#[test]
fn every_control_has_its_return_field_name_alias_and_options_and_shows_its_placeholder() {
    let p = built();
    let en = locale("en");
    let want = fields(p);
    let got = read(&p.path(&format!("site/checklists/{CHECKLIST}.docx")));
    let controls = got["controls"].as_array().unwrap();
    let tags: Vec<&str> = controls.iter().map(|c| text(&c["tag"])).collect();
    let names: Vec<&str> = want.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(tags, names, "one control per return field, in form order");
    for (c, f) in controls.iter().zip(&want) {
        let name = &f.name;
        assert_eq!(
            c["placeholder"], true,
            "{name}: nothing chosen or typed yet"
        );
        match &f.items {
            Some(items) => {
                assert_eq!(text(&c["kind"]), "dropdown", "{name}");
                let options: Vec<(String, String)> = c["options"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| (text(&o[1]).to_string(), text(&o[0]).to_string()))
                    .collect();
                assert_eq!(&options, items, "{name}: one item per option, no other");
                assert_eq!(text(&c["shown"]), en["docx_choose"], "{name}");
            }
            None => {
                assert_eq!(text(&c["kind"]), "text", "{name}");
                assert_eq!(text(&c["shown"]), en["docx_enter"], "{name}");
            }
        }
        let alias = text(&c["alias"]);
        if name.starts_with("q.") && !name.ends_with(".evidence")
            || name.starts_with("meta.")
            || name.starts_with("signoff.")
        {
            assert_eq!(alias, f.label, "{name}: w:alias is what it answers");
        } else {
            assert!(!alias.is_empty(), "{name} has no alias");
        }
        if name.ends_with(".evidence") {
            assert!(alias.contains(&f.label), "{name}: {alias}");
            assert_eq!(c["multiline"], true, "{name}: evidence takes several lines");
        }
        assert_eq!(
            c["in_table"],
            name.starts_with("action."),
            "{name}: the action plan is a table, nothing else is"
        );
    }
}

#[test]
fn headings_language_properties_and_protection_are_set() {
    let p = built();
    for (lang, dir, rel) in [
        ("en", "", format!("checklists/{CHECKLIST}.yaml")),
        ("cy", "cy/", format!("checklists/{CHECKLIST}.cy.yaml")),
    ] {
        let loc = locale(lang);
        let c = yaml(p, &rel);
        let english = yaml(p, &format!("checklists/{CHECKLIST}.yaml"));
        let got = read(&p.path(&format!("site/{dir}checklists/{CHECKLIST}.docx")));
        let (_, sections) = questions(p, &rel);
        let mut want = vec![(
            "Heading 1".to_string(),
            c["title"].as_str().unwrap().to_string(),
        )];
        let h2 = |t: &str| ("Heading 2".to_string(), t.to_string());
        want.push(h2(&loc["form_about_case"]));
        want.extend(sections.iter().map(|t| h2(t)));
        want.push(h2(&loc["form_action_plan"]));
        want.push(h2(&loc["form_sign_off"]));
        let headings: Vec<(String, String)> = got["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (text(&h[0]).to_string(), text(&h[1]).to_string()))
            .collect();
        assert_eq!(headings, want, "{lang}: Word's built-in heading styles");
        assert_eq!(text(&got["outline_levels"]["Heading 1"]), "0");
        assert_eq!(text(&got["outline_levels"]["Heading 2"]), "1");
        let site = yaml(p, "site.yaml");
        let language = match lang {
            "en" => site["language"].as_str().unwrap().to_string(),
            _ => lang.to_string(),
        };
        assert_eq!(
            text(&got["language"]),
            language,
            "{lang}: document language"
        );
        assert_eq!(text(&got["core_language"]), language, "{lang}");
        assert_eq!(got["custom"]["GuidewrightChecklist"], CHECKLIST);
        assert_eq!(
            text(&got["custom"]["GuidewrightVersion"]),
            english["version"].as_str().unwrap()
        );
        let protection = got["protection"].as_object().expect("protected");
        assert_eq!(
            protection["edit"], "forms",
            "{lang}: for filling in forms only"
        );
        assert_eq!(protection["enforcement"], "1");
        assert!(
            !protection
                .keys()
                .any(|k| k.contains("Hash") || k.contains("hash")),
            "{lang}: no password: {protection:?}"
        );
    }
}

#[test]
fn the_welsh_form_has_the_same_field_names_and_welsh_labels() {
    let p = built();
    let cy = locale("cy");
    let en_controls = read(&p.path(&format!("site/checklists/{CHECKLIST}.docx")));
    let got = read(&p.path(&format!("site/cy/checklists/{CHECKLIST}.docx")));
    let tags = |v: &Value| -> Vec<String> {
        v["controls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| text(&c["tag"]).to_string())
            .collect()
    };
    assert_eq!(tags(&got), tags(&en_controls), "collect reads both alike");
    let (qs, _) = questions(p, &format!("checklists/{CHECKLIST}.cy.yaml"));
    let controls = got["controls"].as_array().unwrap();
    let answers: Vec<&Value> = controls
        .iter()
        .filter(|c| text(&c["tag"]).starts_with("q.") && !text(&c["tag"]).ends_with(".evidence"))
        .collect();
    assert_eq!(answers.len(), qs.len());
    for (c, (code, question, response)) in answers.iter().zip(&qs) {
        assert_eq!(text(&c["alias"]), format!("{code} {question}"));
        assert_eq!(text(&c["shown"]), cy["docx_choose"]);
        let scale = yaml(p, &format!("response-scales/{response}.cy.yaml"));
        let labels: Vec<&str> = scale["options"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|o| o["label"].as_str().unwrap())
            .collect();
        let shown: Vec<&str> = c["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| text(&o[1]))
            .collect();
        assert_eq!(shown, labels, "{code}: Welsh option labels");
    }
}

/// LibreOffice, headless, with a profile of its own, converts `docx` to PDF in `out`.
fn convert(p: &Project, docx: &Path, out: &Path) -> std::path::PathBuf {
    let profile = p.path("libreoffice-profile-docx");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .arg(docx)
        .output()
        .expect("LibreOffice (soffice) is needed for this test: tests/run installs it");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "soffice failed: {said}");
    assert!(!said.contains("Error"), "soffice reported an error: {said}");
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF of {}: {said}",
        docx.display()
    );
    pdf
}

#[test]
fn libreoffice_converts_each_form_and_the_pdf_shows_every_question() {
    let p = built();
    let content = p.path("content/checklists");
    for e in std::fs::read_dir(&content).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let (id, dir) = match name.strip_suffix(".cy.yaml") {
            Some(id) => (id.to_string(), "cy/"),
            None => (name.strip_suffix(".yaml").unwrap().to_string(), ""),
        };
        let docx = p.path(&format!("site/{dir}checklists/{id}.docx"));
        let out = p.path(&format!("converted-docx/{dir}"));
        let pdf = convert(p, &docx, &out);
        let shown = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = flat(&shown);
        let (qs, sections) = questions(p, &format!("checklists/{name}"));
        assert!(!qs.is_empty(), "{name} has questions");
        for (code, question, _) in &qs {
            let line = flat(&format!("{code}. {question}"));
            assert!(
                shown.contains(&line),
                "{name}: `{line}` is not in LibreOffice's PDF"
            );
        }
        for s in &sections {
            assert!(shown.contains(&flat(s)), "{name}: section `{s}` missing");
        }
    }
}

#[test]
fn two_builds_write_the_same_bytes_with_the_content_s_date_on_every_entry() {
    let p = built();
    let r = p.run(&["build", "--output", "again"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for dir in ["", "cy/"] {
        let rel = format!("{dir}checklists/{CHECKLIST}.docx");
        let first = std::fs::read(p.path(&format!("site/{rel}"))).unwrap();
        let second = std::fs::read(p.path(&format!("again/{rel}"))).unwrap();
        assert!(first == second, "{rel} differs between two builds");
    }
    // The checklist has no date of its own: its guide's last update dates every entry.
    let guide = yaml(p, "guides/keeping-people-safe/guide.yaml");
    let updated = match &guide["updated"] {
        serde_yaml::Value::String(s) => s.clone(),
        other => panic!("guide.yaml updated: {other:?}"),
    };
    let ymd: Vec<u16> = updated.split('-').map(|x| x.parse().unwrap()).collect();
    let bytes = std::fs::read(p.path(&format!("site/checklists/{CHECKLIST}.docx"))).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(names[0], "[Content_Types].xml", "{names:?}");
    for needed in [
        "word/document.xml",
        "docProps/custom.xml",
        "word/styles.xml",
    ] {
        assert!(
            names.iter().any(|n| n == needed),
            "{needed} missing: {names:?}"
        );
    }
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (
                t.year(),
                u16::from(t.month()),
                u16::from(t.day()),
                t.hour(),
                t.minute()
            ),
            (ymd[0], ymd[1], ymd[2], 0, 0),
            "{}",
            f.name().unwrap()
        );
    }
}

#[test]
fn checklist_pages_link_the_word_and_opendocument_forms_with_their_sizes() {
    let p = built();
    for (lang, dir) in [("en", ""), ("cy", "cy/")] {
        let loc = locale(lang);
        let page =
            std::fs::read_to_string(p.path(&format!("site/{dir}checklists/{CHECKLIST}.html")))
                .unwrap();
        for (ext, abbr) in [("docx", "DOCX"), ("odt", "ODT")] {
            let file = p.path(&format!("site/{dir}checklists/{CHECKLIST}.{ext}"));
            let size = std::fs::metadata(&file).unwrap().len();
            let kb = size.div_ceil(1000);
            let link = format!("href=\"../checklists/{CHECKLIST}.{ext}\" download>");
            let at = page
                .find(&link)
                .unwrap_or_else(|| panic!("{lang}: no link to the {abbr} form"));
            let rest = &page[at..];
            let end = rest.find("</li>").unwrap();
            let item = &rest[..end];
            let title = &loc[&format!("checklist_{ext}_abbr_title")];
            let label = format!("(<abbr title=\"{title}\">{abbr}</abbr>, {kb} KB)</a>");
            assert!(item.contains(&label), "{lang}: `{label}` not in `{item}`");
            let advice = &loc[&format!("checklist_{ext}_advice")];
            let advice = advice.replace('\'', "&#x27;");
            assert!(
                item.contains(&advice) || item.contains(&loc[&format!("checklist_{ext}_advice")]),
                "{lang}: the sentence on when to choose {abbr} is missing from `{item}`"
            );
        }
    }
}

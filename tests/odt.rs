//! The checklists' OpenDocument forms (`checklists/<id>.odt`), read back by independent readers:
//! the zip crate's reader and roxmltree for the package and its XML, LibreOffice (headless) to
//! open and convert each form to PDF, poppler's `pdftotext` and pypdf for what the converted
//! PDF shows and which fields it has. What each form should hold is read from the checklist's
//! YAML here (serde_yaml), not from guidewright's model or writer.

mod common;

use common::{tool, Project};
use roxmltree::{Document, Node};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const FORM: &str = "urn:oasis:names:tc:opendocument:xmlns:form:1.0";
const DRAW: &str = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
const META: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// A question as the checklist's YAML states it.
struct Question {
    id: String,
    code: String,
    text: String,
    /// The response options' values and labels, from the response scale's file.
    options: Vec<(String, String)>,
    evidence: bool,
}

/// A checklist as its YAML (in one language) states it.
struct Checklist {
    id: String,
    version: String,
    title: String,
    sections: Vec<(String, Vec<Question>)>,
    /// `meta.<id>`: its label, and the export values of a choice.
    meta: Vec<(String, String, Option<Vec<String>>)>,
    signoff: Vec<String>,
    action_rows: usize,
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A label in kebab-case, as docs/returns.md says metadata options are exported.
fn kebab(label: &str) -> String {
    label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A content file in language `lang` ("" or ".cy"), else the default language's.
fn content_file(content: &Path, dir: &str, id: &str, lang: &str) -> PathBuf {
    let own = content.join(format!("{dir}/{id}{lang}.yaml"));
    if own.exists() {
        own
    } else {
        content.join(format!("{dir}/{id}.yaml"))
    }
}

fn checklist(content: &Path, id: &str, lang: &str) -> Checklist {
    let c = yaml(&content.join(format!("checklists/{id}{lang}.yaml")));
    let options = |response: &str| -> Vec<(String, String)> {
        let r = yaml(&content_file(content, "response-scales", response, lang));
        let opts = r["options"].as_sequence().unwrap();
        opts.iter()
            .map(|o| (s(&o["value"]), s(&o["label"])))
            .collect()
    };
    let sections = c["sections"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|sec| {
            let qs = sec["questions"].as_sequence().unwrap();
            let qs = qs
                .iter()
                .map(|q| Question {
                    id: s(&q["id"]),
                    code: s(&q["code"]),
                    text: s(&q["text"]),
                    options: options(&s(&q["response"])),
                    evidence: !q["evidence"].is_null(),
                })
                .collect();
            (s(&sec["title"]), qs)
        })
        .collect();
    let meta = c["metadata_fields"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| {
            let choices = match (s(&f["kind"]).as_str(), &f["scale"]) {
                ("choice", Value::String(scale)) => {
                    let sc = yaml(&content_file(content, "scales", scale, lang));
                    let levels = sc["levels"].as_sequence().unwrap();
                    Some(levels.iter().map(|l| s(&l["id"])).collect())
                }
                ("choice", _) => {
                    let o = f["options"].as_sequence().unwrap();
                    Some(o.iter().map(|o| kebab(&s(o))).collect())
                }
                _ => None,
            };
            (s(&f["id"]), s(&f["label"]), choices)
        })
        .collect();
    let signoff = c["sign_off"]
        .as_sequence()
        .map(|v| v.iter().map(|f| s(&f["id"])).collect())
        .unwrap_or_default();
    Checklist {
        id: id.into(),
        version: s(&c["version"]),
        title: s(&c["title"]),
        sections,
        meta,
        signoff,
        action_rows: c["action_plan"]["rows"].as_u64().unwrap_or(0) as usize,
    }
}

/// A form of the built sample: the checklist it should hold, its ODT and LibreOffice's PDF.
struct Form {
    expected: Checklist,
    /// "en" or "cy".
    lang: &'static str,
    odt: PathBuf,
    pdf: PathBuf,
}

struct Built {
    project: Project,
    forms: Vec<Form>,
}

/// The sample's forms in every language, from the checklists in its content folder, each
/// converted to PDF by LibreOffice once for all the tests.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let project = Project::sample();
        let r = project.run(&["build", "--output", "site"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let content = project.path("content");
        let mut forms = Vec::new();
        for e in std::fs::read_dir(content.join("checklists")).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let (id, lang, dir) = match name.strip_suffix(".cy.yaml") {
                Some(id) => (id.to_string(), "cy", "cy/"),
                None => (name.strip_suffix(".yaml").unwrap().to_string(), "en", ""),
            };
            let suffix = if lang == "cy" { ".cy" } else { "" };
            let out = project.path(&format!("converted/{lang}"));
            forms.push(Form {
                expected: checklist(&content, &id, suffix),
                lang,
                odt: project.path(&format!("site/{dir}checklists/{id}.odt")),
                pdf: out.join(format!("{id}.pdf")),
            });
        }
        forms.sort_by(|a, b| (a.lang, &a.expected.id).cmp(&(b.lang, &b.expected.id)));
        for lang in ["en", "cy"] {
            let odts: Vec<&Form> = forms.iter().filter(|f| f.lang == lang).collect();
            if !odts.is_empty() {
                convert(&project, lang, &odts);
            }
        }
        Built { project, forms }
    })
}

/// LibreOffice, headless, with a profile of its own, converts the forms to PDF (form fields
/// exported, as its PDF export does by default).
fn convert(project: &Project, lang: &str, forms: &[&Form]) {
    let profile = project.path("libreoffice-profile");
    let out = project.path(&format!("converted/{lang}"));
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
        .arg(&out)
        .args(forms.iter().map(|f| &f.odt))
        .output()
        .expect("LibreOffice (soffice) is needed for this test: tests/run installs it");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "soffice failed: {said}");
    assert!(!said.contains("Error"), "soffice reported an error: {said}");
    for f in forms {
        let size = std::fs::metadata(&f.pdf).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 0,
            "LibreOffice made no PDF of {}: {said}",
            f.odt.display()
        );
    }
}

/// The parts of an ODT package, in the archive's order, with their compression method.
fn parts(odt: &Path) -> Vec<(String, zip::CompressionMethod, Vec<u8>)> {
    let bytes = std::fs::read(odt).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), f.compression(), data)
        })
        .collect()
}

fn part(odt: &Path, name: &str) -> String {
    let all = parts(odt);
    let p = all
        .iter()
        .find(|p| p.0 == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(p.2.clone()).unwrap()
}

fn attr<'a>(n: Node<'a, '_>, ns: &str, name: &str) -> Option<&'a str> {
    n.attribute((ns, name))
}

fn elements<'a, 'i>(doc: &'a Document<'i>, ns: &str, name: &str) -> Vec<Node<'a, 'i>> {
    let ns = ns.to_string();
    let name = name.to_string();
    doc.descendants()
        .filter(|n| n.tag_name().namespace() == Some(ns.as_str()) && n.tag_name().name() == name)
        .collect()
}

/// Every sample checklist has a form in each of its languages and no other form is written;
/// each is an OpenDocument package: `mimetype` first and stored (so its type is at byte 38),
/// the manifest listing the parts, meta.xml with the checklist's id and version as
/// user-defined fields and the language, which styles.xml's default style also carries.
#[test]
fn every_checklist_has_an_odt_package_in_each_language() {
    let b = built();
    let mut written: Vec<String> = walkdir::WalkDir::new(b.project.path("site"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "odt"))
        .map(|e| e.path().display().to_string())
        .collect();
    written.sort();
    let mut expected: Vec<String> = b
        .forms
        .iter()
        .map(|f| f.odt.display().to_string())
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    assert!(
        b.forms.iter().any(|f| f.lang == "cy"),
        "the sample has a Welsh checklist"
    );
    for f in &b.forms {
        let bytes = std::fs::read(&f.odt).unwrap();
        assert_eq!(&bytes[30..38], b"mimetype", "{}", f.odt.display());
        assert_eq!(&bytes[38..38 + MIMETYPE.len()], MIMETYPE.as_bytes());
        let all = parts(&f.odt);
        assert_eq!(all[0].0, "mimetype");
        assert_eq!(all[0].1, zip::CompressionMethod::Stored);
        let manifest = part(&f.odt, "META-INF/manifest.xml");
        let manifest = Document::parse(&manifest).unwrap();
        let listed: Vec<&str> = manifest
            .descendants()
            .filter_map(|n| {
                n.attribute((
                    "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
                    "full-path",
                ))
            })
            .collect();
        for p in ["/", "content.xml", "styles.xml", "meta.xml"] {
            assert!(listed.contains(&p), "{} lists {listed:?}", f.odt.display());
        }

        let meta = part(&f.odt, "meta.xml");
        let meta = Document::parse(&meta).unwrap();
        let user: BTreeMap<&str, &str> = elements(&meta, META, "user-defined")
            .into_iter()
            .map(|n| (attr(n, META, "name").unwrap(), n.text().unwrap_or("")))
            .collect();
        assert_eq!(
            user.get("GuidewrightChecklist"),
            Some(&f.expected.id.as_str())
        );
        assert_eq!(
            user.get("GuidewrightVersion"),
            Some(&f.expected.version.as_str())
        );
        let language = elements(&meta, DC, "language")[0].text().unwrap();
        assert!(
            language == f.lang || language.starts_with(&format!("{}-", f.lang)),
            "{language}"
        );
        let title = elements(&meta, DC, "title")[0].text().unwrap();
        assert_eq!(title, f.expected.title);

        let styles = part(&f.odt, "styles.xml");
        let styles = Document::parse(&styles).unwrap();
        let fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
        let default = elements(
            &styles,
            "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
            "default-style",
        );
        let langs: Vec<&str> = default
            .iter()
            .flat_map(|d| d.descendants())
            .filter_map(|n| attr(n, fo, "language"))
            .collect();
        assert_eq!(langs, [f.lang], "{}", f.odt.display());
    }
}

/// content.xml, parsed by roxmltree: one radio group per question, named `q.<id>`, whose
/// values are the response options' in order, none selected; metadata choices the same; an
/// evidence area per question that asks for evidence, text boxes for the rest; every control
/// placed in the text exactly once; the form's implementation named; automatic styles present;
/// the title and section titles as outline headings.
#[test]
fn content_xml_has_a_radio_group_per_question_and_every_control_placed() {
    for f in &built().forms {
        let xml = part(&f.odt, "content.xml");
        let doc = Document::parse(&xml).unwrap();
        let at = f.odt.display();
        let root = doc.root_element();
        assert!(
            root.children()
                .any(|n| n.tag_name().name() == "automatic-styles"
                    && n.tag_name().namespace() == Some(OFFICE)),
            "{at}: no office:automatic-styles"
        );
        let forms = elements(&doc, FORM, "form");
        assert_eq!(forms.len(), 1, "{at}");
        assert_eq!(
            attr(forms[0], FORM, "control-implementation"),
            Some("ooo:com.sun.star.form.component.Form")
        );

        let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in elements(&doc, FORM, "radio") {
            for a in ["selected", "current-selected"] {
                assert_ne!(attr(r, FORM, a), Some("true"), "{at}: a radio is selected");
            }
            let name = attr(r, FORM, "name").unwrap();
            groups
                .entry(name)
                .or_default()
                .push(attr(r, FORM, "value").unwrap());
        }
        let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut areas = Vec::new();
        let mut texts = Vec::new();
        for (_, qs) in &f.expected.sections {
            for q in qs {
                let values = q.options.iter().map(|o| o.0.clone()).collect();
                expected.insert(format!("q.{}", q.id), values);
                if q.evidence {
                    areas.push(format!("q.{}.evidence", q.id));
                }
            }
        }
        for (id, _, choices) in &f.expected.meta {
            match choices {
                Some(c) => drop(expected.insert(format!("meta.{id}"), c.clone())),
                None => texts.push(format!("meta.{id}")),
            }
        }
        // The action plan's action column is a box of two lines, the others one line.
        for n in 1..=f.expected.action_rows {
            areas.push(format!("action.{n}.action"));
            for col in ["question", "owner", "due", "status"] {
                texts.push(format!("action.{n}.{col}"));
            }
        }
        texts.extend(f.expected.signoff.iter().map(|id| format!("signoff.{id}")));
        let got: BTreeMap<String, Vec<String>> = groups
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(got, expected, "{at}: radio groups");
        let names = |kind: &str| -> Vec<String> {
            let mut v: Vec<String> = elements(&doc, FORM, kind)
                .iter()
                .map(|n| attr(*n, FORM, "name").unwrap().to_string())
                .collect();
            v.sort();
            v
        };
        areas.sort();
        texts.sort();
        assert_eq!(names("textarea"), areas, "{at}: multi-line boxes");
        assert_eq!(names("text"), texts, "{at}: one-line boxes");

        // Every control is placed once, by a draw:control naming its xml:id.
        let controls: Vec<&str> = forms[0]
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() != "properties")
            .map(|n| {
                n.attribute((XML, "id"))
                    .expect("a control without an xml:id")
            })
            .collect();
        let mut placed: Vec<&str> = elements(&doc, DRAW, "control")
            .iter()
            .map(|n| attr(*n, DRAW, "control").unwrap())
            .collect();
        let mut ids = controls.clone();
        ids.sort();
        placed.sort();
        assert_eq!(placed, ids, "{at}: controls placed");

        let headings: Vec<(String, String)> = elements(&doc, TEXT, "h")
            .iter()
            .map(|h| {
                let text: String = h.descendants().filter_map(|n| n.text()).collect();
                (
                    attr(*h, TEXT, "outline-level").unwrap_or("").to_string(),
                    text,
                )
            })
            .collect();
        assert_eq!(headings[0], ("1".into(), f.expected.title.clone()), "{at}");
        for (title, _) in &f.expected.sections {
            assert!(
                headings.contains(&("2".into(), title.clone())),
                "{at}: no heading {title:?} in {headings:?}"
            );
        }
    }
}

/// White space as pdftotext's reading order gives it, collapsed.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LibreOffice opens each form and converts it to PDF without error (see [`built`]), and the
/// PDF shows the title, every section, every question with its code, every option's label
/// and every metadata label.
#[test]
fn libreoffice_shows_every_question_of_each_form() {
    for f in &built().forms {
        let text = words(&tool("pdftotext", &[f.pdf.to_str().unwrap(), "-"]));
        let at = f.pdf.display();
        let mut want = vec![f.expected.title.clone()];
        for (title, qs) in &f.expected.sections {
            want.push(title.clone());
            for q in qs {
                want.push(format!("{}. {}", q.code, q.text));
                want.extend(q.options.iter().map(|o| o.1.clone()));
            }
        }
        want.extend(f.expected.meta.iter().map(|m| m.1.clone()));
        for w in want {
            assert!(text.contains(&words(&w)), "{at} does not show {w:?}");
        }
    }
}

/// The converted PDF has one field per control of the form: a radio group per question and
/// choice, with a button per option whose export value is the option's, none on; a text field
/// per box. Names are compared with the YAML's, except the evidence boxes': LibreOffice's PDF
/// export makes `q.<id>.evidence` a child of `q` (a radio group cannot have children), named
/// `evidence`, `evidence_2`, …, so those are counted.
#[test]
fn converted_pdf_has_one_field_per_control() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/odt/fields.py");
    for f in &built().forms {
        let at = f.pdf.display();
        let out = tool(
            "python3",
            &[script.to_str().unwrap(), f.pdf.to_str().unwrap()],
        );
        let fields: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        let mut got: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        let mut evidence = 0;
        for x in &fields {
            let name = x["name"].as_str().unwrap().to_string();
            let ty = x["type"].as_str().unwrap().to_string();
            let states: Vec<String> = x["states"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            if ty == "/Btn" {
                assert_eq!(x["value"].as_str(), Some("/Off"), "{at}: {name} is on");
                assert_eq!(
                    x["widgets"].as_u64(),
                    Some(states.len() as u64),
                    "{at}: {name}"
                );
            }
            let multiline = x["flags"].as_u64().unwrap() & 4096 != 0;
            if name.starts_with("q.evidence") && ty == "/Tx" && multiline {
                evidence += 1;
                continue;
            }
            assert!(
                got.insert(name.clone(), (ty, states)).is_none(),
                "{at}: {name} twice"
            );
        }
        let mut want: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
        let radio = |v: Vec<String>| ("/Btn".to_string(), v);
        let text = || ("/Tx".to_string(), Vec::new());
        for (id, _, choices) in &f.expected.meta {
            let field = choices.clone().map_or_else(text, radio);
            want.insert(format!("meta.{id}"), field);
        }
        let mut asked = 0;
        for q in f.expected.sections.iter().flat_map(|s| &s.1) {
            want.insert(
                format!("q.{}", q.id),
                radio(q.options.iter().map(|o| o.0.clone()).collect()),
            );
            asked += q.evidence as usize;
        }
        for n in 1..=f.expected.action_rows {
            for col in ["action", "question", "owner", "due", "status"] {
                want.insert(format!("action.{n}.{col}"), text());
            }
        }
        for id in &f.expected.signoff {
            want.insert(format!("signoff.{id}"), text());
        }
        assert_eq!(got, want, "{at}");
        assert_eq!(evidence, asked, "{at}: evidence boxes");
    }
}

/// Two builds write the same bytes for every form (fixed dates in the archive, fixed order).
#[test]
fn odt_forms_are_byte_identical_from_run_to_run() {
    let b = built();
    let r = b.project.run(&["build", "--output", "site-again"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in &b.forms {
        let again = PathBuf::from(
            f.odt
                .display()
                .to_string()
                .replace("/site/", "/site-again/"),
        );
        assert!(
            std::fs::read(&f.odt).unwrap() == std::fs::read(&again).unwrap(),
            "{}",
            again.display()
        );
        let bytes = std::fs::read(&f.odt).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..zip.len() {
            let e = zip.by_index(i).unwrap();
            let t = e.last_modified().unwrap();
            assert_eq!(
                (t.year(), t.month(), t.day()),
                (1980, 1, 1),
                "{:?}",
                e.name()
            );
        }
    }
}

//! The fillable PDF checklist, filled and read back by an independent library (pypdf, which
//! `.ci/run` installs), and its page drawn by poppler.

mod common;
use common::Project;
use std::process::Command;

#[test]
fn pdf_form_is_filled_by_pypdf_and_read_back() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let form = p.path("output/checklists/kps-self-assessment.pdf");
    let filled = p.path("filled.pdf");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/fill.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([
            form.to_str().unwrap(),
            filled.to_str().unwrap(),
            "q.kps-q1",
            "partly",
            "q.kps-q1.evidence",
            "Checks were on file – £0 cost, ŵ ok",
        ])
        .output()
        .expect("python3 with pypdf is needed (pip install pypdf)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields: Vec<&str> = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for f in [
        "meta.case-reference",
        "meta.recorded-classification",
        "q.kps-q1",
        "q.kps-q1.evidence",
        "q.kps-q12",
        "action.1.owner",
        "signoff.sign-off-date",
    ] {
        assert!(fields.contains(&f), "{f} missing from {fields:?}");
    }
    assert_eq!(v["checklist"], "kps-self-assessment");
    assert_eq!(v["version"], "1.0");
    assert!(
        v["tooltip"]
            .as_str()
            .unwrap()
            .starts_with("A1 Were domestic abuse enquiries"),
        "{}",
        v["tooltip"]
    );
    assert_eq!(
        v["preselected"],
        serde_json::json!([]),
        "nothing may be pre-selected"
    );
    assert_eq!(v["radio"], "/partly");
    assert_eq!(v["text"], "Checks were on file – £0 cost, ŵ ok");
    assert_eq!(
        v["on_states"],
        serde_json::json!(["/partly"]),
        "exactly the chosen button is on"
    );
    // The chosen button is drawn: the filled page differs from the empty one where it stands.
    let render = |pdf: &std::path::Path, stem: &str| {
        let prefix = p.path(stem);
        let ok = Command::new("pdftoppm")
            .args([
                "-png",
                "-r",
                "50",
                "-f",
                "2",
                "-l",
                "3",
                pdf.to_str().unwrap(),
                prefix.to_str().unwrap(),
            ])
            .status()
            .expect("pdftoppm is needed");
        assert!(ok.success());
        (2..=3)
            .map(|n| std::fs::read(p.path(&format!("{stem}-{n}.png"))).unwrap())
            .collect::<Vec<_>>()
    };
    assert_ne!(
        render(&form, "empty"),
        render(&filled, "filled"),
        "the filled answer is not drawn"
    );
}

#[test]
fn every_page_with_fields_tabs_in_structure_order_and_fonts_are_declared() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let doc = lopdf::Document::load(p.path("output/checklists/kcs-self-assessment.pdf")).unwrap();
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_reference()
        .unwrap();
    let form = doc.get_dictionary(form).unwrap();
    assert!(
        form.get(b"NeedAppearances").is_err(),
        "appearances are supplied, so NeedAppearances stays unset"
    );
    let da = form.get(b"DA").unwrap().as_str().unwrap();
    let font = String::from_utf8_lossy(da)
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches('/')
        .to_string();
    let dr = form
        .get(b"DR")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Font")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(
        dr.get(font.as_bytes()).is_ok(),
        "the /DA font {font} must be in /DR"
    );
    let mut with_fields = 0;
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let has_widget = annots.as_array().unwrap().iter().any(|a| {
            let d = match a {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                _ => return false,
            };
            d.get(b"Subtype")
                .map(|s| s.as_name().unwrap() == b"Widget")
                .unwrap_or(false)
        });
        if has_widget {
            with_fields += 1;
            assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        }
    }
    assert!(with_fields >= 3);
}

//! The fillable PDF checklist, filled and read back by an independent library (pypdf, which
//! `tests/run` installs), and its page drawn by poppler.

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
    // pypdf draws the typed text with the form's embedded font, Welsh letters included. The
    // glyph for "ŵ" is looked up in the embedded font program's own cmap (fontTools) and the
    // ToUnicode map is parsed by the script, so guidewright's encoder is not asked.
    let flat = p.path("flat.pdf");
    let ok = Command::new("qpdf")
        .args([
            "--flatten-annotations=all",
            filled.to_str().unwrap(),
            flat.to_str().unwrap(),
        ])
        .status()
        .expect("qpdf is needed");
    assert!(ok.success(), "qpdf could not flatten the filled form");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/glyphs.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([
            filled.to_str().unwrap(),
            flat.to_str().unwrap(),
            "q.kps-q1.evidence",
            "ŵ",
        ])
        .output()
        .expect("python3 with pypdf and fontTools is needed (tests/requirements.txt)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        g["font"],
        serde_json::json!(["/Type0", "/Identity-H", "/Identity"])
    );
    assert_eq!(
        g["glyph"], "wcircumflex",
        "the font's cmap does not draw U+0175 as ŵ"
    );
    assert_eq!(
        g["to_unicode"], "ŵ",
        "ToUnicode does not read the ŵ glyph's code as ŵ"
    );
    let code = g["code"].as_str().unwrap();
    let shown = g["shown"].as_str().unwrap();
    // Two-byte codes: look for the glyph's code at an even offset only.
    let codes: Vec<&str> = (0..shown.len() / 4)
        .map(|i| &shown[4 * i..4 * i + 4])
        .collect();
    assert!(
        codes.contains(&code),
        "the typed ŵ is not drawn with the font's ŵ glyph (code {code}): {shown}"
    );
    assert_eq!(g["shown_text"], "Checks were on file – £0 cost, ŵ ok");
    assert!(
        g["flattened_text"]
            .as_str()
            .unwrap()
            .contains("Checks were on file – £0 cost, ŵ ok"),
        "pypdf does not read the typed text back from the flattened page"
    );
    let text = Command::new("pdftotext")
        .args([flat.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed");
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("Checks were on file – £0 cost, ŵ ok"),
        "poppler does not read the typed text back from the flattened page"
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
    let font = dr
        .get(font.as_bytes())
        .expect("the /DA font must be in /DR")
        .as_reference()
        .unwrap();
    let font = doc.get_dictionary(font).unwrap();
    assert_eq!(font.get(b"Subtype").unwrap().as_name().unwrap(), b"Type0");
    assert!(font.get(b"ToUnicode").is_ok(), "typed text must extract");
    let cid_font = font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
        .as_reference()
        .unwrap();
    let descriptor = doc
        .get_dictionary(cid_font)
        .unwrap()
        .get(b"FontDescriptor")
        .unwrap()
        .as_reference()
        .unwrap();
    assert!(
        doc.get_dictionary(descriptor)
            .unwrap()
            .get(b"FontFile2")
            .is_ok(),
        "the form font is embedded (PDF/UA; typed text beyond Latin-1)"
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

/// The action plan is a table: each row's boxes stand side by side on one line, in column order.
#[test]
fn action_plan_is_a_table_of_text_boxes() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let doc = lopdf::Document::load(p.path("output/checklists/kps-self-assessment.pdf")).unwrap();
    let mut rows: std::collections::BTreeMap<String, Vec<(String, f32, f32)>> = Default::default();
    for (_, page) in doc.get_pages() {
        let Ok(annots) = doc.get_dictionary(page).unwrap().get(b"Annots") else {
            continue;
        };
        for a in annots.as_array().unwrap() {
            let Ok(r) = a.as_reference() else { continue };
            let d = doc.get_dictionary(r).unwrap();
            let Ok(t) = d.get(b"T") else { continue };
            let t = String::from_utf8_lossy(t.as_str().unwrap()).to_string();
            let parts: Vec<&str> = t.split('.').collect();
            if parts[0] != "action" {
                continue;
            }
            let r: Vec<f32> = d
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_float().unwrap())
                .collect();
            rows.entry(parts[1].to_string())
                .or_default()
                .push((parts[2].to_string(), r[0], r[3]));
        }
    }
    assert!(rows.len() >= 3, "{rows:?}");
    for (n, mut cells) in rows {
        cells.sort_by(|a, b| a.1.total_cmp(&b.1));
        let names: Vec<&str> = cells.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            names,
            ["action", "question", "owner", "due", "status"],
            "row {n}"
        );
        assert!(
            cells.iter().all(|c| (c.2 - cells[0].2).abs() < 0.5),
            "row {n} is not on one line: {cells:?}"
        );
    }
}

/// pdf.js, the engine of browser PDF viewers, reads the same fields, options, tooltips and
/// filled values as pypdf.
#[test]
fn pdfjs_reads_fields_tooltips_and_filled_values() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    assert!(
        here.join("browser/node_modules/pdfjs-dist").is_dir(),
        "run `npm ci --prefix tests/browser` first: tests/run does"
    );
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let form = p.path("output/checklists/kcs-self-assessment.pdf");
    let filled = p.path("filled.pdf");
    let ok = Command::new("python3")
        .arg(here.join("forms/fill.py"))
        .args([
            form.to_str().unwrap(),
            filled.to_str().unwrap(),
            "q.kcs-q2",
            "no",
            "meta.case-reference",
            "YJ-0042 ŷ",
        ])
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let read = |pdf: &std::path::Path| -> serde_json::Value {
        let out = Command::new("node")
            .arg(here.join("browser/pdf-form.mjs"))
            .arg(pdf)
            .output()
            .expect("node is needed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let empty = read(&form);
    let fields = empty["fields"].as_object().unwrap();
    let q = &fields["q.kcs-q2"];
    assert_eq!(q["type"], "radiobutton");
    assert_eq!(
        q["exportValues"],
        serde_json::json!(["yes", "partly", "no", "not-applicable"])
    );
    assert_eq!(q["value"], "Off", "nothing is pre-selected");
    for (name, f) in fields {
        assert!(
            f["tooltip"].as_str().is_some_and(|t| !t.is_empty()),
            "{name} has no tooltip for pdf.js"
        );
    }
    for name in [
        "meta.case-reference",
        "q.kcs-q2.evidence",
        "action.1.status",
        "signoff.sign-off-date",
    ] {
        assert!(fields.contains_key(name), "{name}");
    }
    let back = read(&filled);
    assert_eq!(back["fields"]["q.kcs-q2"]["value"], "no");
    assert_eq!(back["fields"]["meta.case-reference"]["value"], "YJ-0042 ŷ");
}

/// A grey-scale page drawn by poppler (`pdftoppm -gray`, binary PGM): width, height, pixels.
fn render_gray(
    pdf: &std::path::Path,
    page: u32,
    dpi: u32,
    prefix: &std::path::Path,
) -> (usize, usize, Vec<u8>) {
    let ok = Command::new("pdftoppm")
        .args([
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg(prefix)
        .status()
        .expect("pdftoppm is needed");
    assert!(ok.success());
    let dir = prefix.parent().unwrap();
    let stem = prefix.file_name().unwrap().to_str().unwrap();
    let file = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(&format!("{stem}-"))
                && p.extension().is_some_and(|e| e == "pgm")
        })
        .expect("pdftoppm wrote a PGM");
    let bytes = std::fs::read(file).unwrap();
    // P5 header: magic, width, height, maximum value, each followed by one whitespace byte.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

/// With pypdf's `auto_regenerate` (which sets `/NeedAppearances`), poppler draws the fields
/// itself from their `/MK`, `/DA` and values: radio buttons must still be rings, not square
/// boxes, and the typed text must be drawn in its box.
#[test]
fn fields_redrawn_by_the_viewer_keep_round_radios_and_show_typed_text() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let form = p.path("output/checklists/kps-self-assessment.pdf");
    let filled = p.path("regenerated.pdf");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/fill_regenerate.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([form.to_str().unwrap(), filled.to_str().unwrap()])
        .args([
            "q.kps-q1",
            "partly",
            "q.kps-q1.evidence",
            "Checks were on file",
        ])
        .output()
        .expect("python3 with pypdf is needed (pip install pypdf)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["need_appearances"], true, "{v}");
    let page = v["page"].as_u64().unwrap() as u32;
    let page_h = v["height"].as_f64().unwrap();
    // 4 pixels a point: an 11-point button is 44 pixels across.
    let scale = 4.0;
    let dark = |img: &(usize, usize, Vec<u8>), x: f64, y: f64| {
        let (px, py) = ((x * scale) as usize, ((page_h - y) * scale) as usize);
        img.2[py * img.0 + px] < 128
    };
    let drawn = render_gray(&filled, page, 288, &p.path("regen"));
    let empty = render_gray(&form, page, 288, &p.path("empty"));
    let radios = v["radios"].as_array().unwrap();
    assert_eq!(radios.len(), 4, "{v}");
    for r in radios {
        let r: Vec<f64> = r
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        let (cx, cy) = ((r[0] + r[2]) / 2.0, (r[1] + r[3]) / 2.0);
        let inset = 1.0;
        // A ring passes through the middle of each side of the box and leaves its corners.
        let sides = [
            (r[0] + 0.5, cy),
            (r[2] - 0.5, cy),
            (cx, r[1] + 0.5),
            (cx, r[3] - 0.5),
        ];
        let corners = [
            (r[0] + inset, r[1] + inset),
            (r[2] - inset, r[1] + inset),
            (r[0] + inset, r[3] - inset),
            (r[2] - inset, r[3] - inset),
        ];
        assert!(
            sides.iter().all(|&(x, y)| dark(&drawn, x, y)),
            "no ring drawn at {r:?}"
        );
        assert!(
            corners.iter().all(|&(x, y)| !dark(&drawn, x, y)),
            "the radio button at {r:?} is drawn as a square box"
        );
    }
    // The typed text: dark pixels inside the text box, where the empty form has none.
    let t: Vec<f64> = v["text_rect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    let count = |img: &(usize, usize, Vec<u8>)| {
        let mut n = 0;
        let mut y = t[1] + 2.0;
        while y < t[3] - 2.0 {
            let mut x = t[0] + 2.0;
            while x < t[2] - 2.0 {
                n += dark(img, x, y) as usize;
                x += 0.25;
            }
            y += 0.25;
        }
        n
    };
    assert_eq!(count(&empty), 0, "the empty text box has something in it");
    assert!(count(&drawn) > 50, "the typed text is not drawn");
}

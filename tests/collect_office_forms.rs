//! The checklist forms `guidewright build` writes, filled in as a person would leave them
//! (`tests/forms/fill_office.py`: the ODT as LibreOffice saves a filled form, then opened and
//! saved again by LibreOffice itself, headless; the DOCX through python-docx's XML tree, as Word
//! sets content controls), compile with `guidewright collect` into the very report (every file,
//! byte for byte) that the same answers as JSON returns make.

mod common;
use common::office_returns::*;
use common::Project;
use std::path::Path;
use std::process::Command;

/// Fills `form` with `values` into `out` (python-docx or lxml).
fn fill(form: &Path, out: &Path, values: &Values) {
    let spec = out.with_extension("values.json");
    std::fs::write(&spec, serde_json::to_string(values).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/fill_office.py");
    let o = Command::new("python3")
        .arg(script)
        .arg(form)
        .arg(out)
        .arg(&spec)
        .output()
        .expect("python3 with python-docx is needed (tests/run installs it)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_file(spec).unwrap();
}

/// Fills the sample's generated form (`ext`) for 8 cases, and compiles them beside the same
/// answers as JSON returns.
fn compiles_like_json(ext: &str, resave: bool) {
    let p = Project::sample();
    let built = p.run(&["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let form = p.path(&format!("output/checklists/kps-self-assessment.{ext}"));
    let fields = fields(&p);
    let (office_dir, json_dir, staged) = (p.path("office"), p.path("json"), p.path("staged"));
    for d in [
        office_dir.join("returns"),
        json_dir.join("returns"),
        staged.clone(),
    ] {
        std::fs::create_dir_all(d).unwrap();
    }
    let mut rng = Lcg(17);
    for n in 0..8 {
        let v = values(&fields, n, &mut rng);
        let into = if resave {
            &staged
        } else {
            &office_dir.join("returns")
        };
        fill(&form, &into.join(format!("r{n:02}.{ext}")), &v);
        std::fs::write(
            json_dir.join(format!("returns/r{n:02}.json")),
            json_return(&v),
        )
        .unwrap();
    }
    if resave {
        libreoffice_resave(&staged, &office_dir.join("returns"), &p.path("lo-profile"));
    }
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
            .contains("Compiled 8 returns of 8 files (0 skipped)"),
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
}

#[test]
fn the_generated_odt_filled_and_saved_by_libreoffice_compiles_like_json() {
    compiles_like_json("odt", true);
}

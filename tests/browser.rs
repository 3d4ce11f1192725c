//! The offline HTML checklist form, driven in headless Chromium by `tests/browser/form.mjs`
//! (playwright-core with the system Chromium; `.ci/run` installs both).

mod common;
use common::Project;
use std::path::Path;
use std::process::Command;

#[test]
fn offline_form_keeps_answers_checks_them_and_exports_a_return() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/playwright-core").is_dir(),
        "run `npm ci --prefix tests/browser` first (and install Chromium): .ci/run does both"
    );
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for id in ["kps-self-assessment", "kcs-self-assessment"] {
        let form = p.path(&format!("output/checklists/{id}-form.html"));
        let out = Command::new("node")
            .arg(here.join("form.mjs"))
            .arg(&form)
            .args([id, "1.0"])
            .output()
            .expect("node is needed for the browser test");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{id}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("9 passed, 0 failed"), "{text}");
    }
}

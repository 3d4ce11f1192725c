//! `guidewright collect` on DOCX and ODT returns written as Word and LibreOffice save a filled
//! form (by `tests/forms/office_return.py`, Python's zipfile and the formats' XML, not
//! guidewright's writers): every field is read back; a set of returns compiles into the very
//! report (every file, byte for byte) that the same answers as JSON returns do; a control still
//! showing its placeholder is unanswered; hostile and foreign files are skipped with a reason
//! naming the file, quickly and without a panic.

mod common;
use common::office_returns::*;
use common::Project;

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

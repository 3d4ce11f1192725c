//! Returns filled in a word processor: a DOCX (Word's content controls, [`read_docx`]) or an
//! ODT (LibreOffice's form controls, [`read_odt`]), both zip archives opened by
//! [`zipped::Parts`] with its limits. This module tells them apart and gathers what either
//! read into a [`Return`].
//!
//! [`read_docx`]: super::read_docx
//! [`read_odt`]: super::read_odt
//! [`zipped::Parts`]: super::zipped::Parts

use super::returns::Return;
use super::zipped::{self, Parts};
use super::{read_docx, read_odt};
use std::collections::BTreeMap;

/// What a document's controls held: field name → values found (a name may be on several
/// controls), the checklist id and version from the document's properties.
#[derive(Debug, Default)]
pub struct Filled {
    pub fields: Vec<(String, String)>,
    pub checklist: Option<String>,
    pub version: Option<String>,
}

/// The property names, as written (`GuidewrightChecklist`) or in another spelling of the same
/// words (`guidewright-checklist`): letters and digits only, lower case.
pub fn property_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Reads a DOCX or ODT return (the `ext` given, `docx` or `odt`, only words the messages
/// when the archive says nothing of what it is). The error says why the file is not one.
pub fn read(file: &str, bytes: &[u8], ext: &str) -> Result<Return, String> {
    // Neither the zip nor the XML reader is expected to panic, but a hostile file must never
    // stop the run. (Under the fuzzer a panic still aborts: libFuzzer's hook runs first.)
    std::panic::catch_unwind(|| read_inner(file, bytes, ext)).unwrap_or_else(|_| {
        Err(format!(
            "a corrupt {} (the zip or XML reader gave up on it)",
            if ext == "odt" { "ODT" } else { "DOCX" }
        ))
    })
}

fn read_inner(file: &str, bytes: &[u8], ext: &str) -> Result<Return, String> {
    let kind = match ext {
        "odt" => "ODT",
        _ => "DOCX",
    };
    if zipped::is_ole(bytes) {
        return Err(match ext {
            "odt" => "not an ODT (an OLE compound file, not a zip archive)".into(),
            _ => "an encrypted (password-protected) or old-style Word document (an OLE compound file, not a zip archive): save it as a .docx without a password and send it again".into(),
        });
    }
    if !zipped::is_zip(bytes) {
        return Err(format!("not {} (not a zip archive)", zipped::a(kind)));
    }
    let mut parts = Parts::open(bytes, kind)?;
    let odt = parts.has("mimetype") || parts.has("content.xml");
    let filled = if odt {
        parts.kind = "ODT";
        read_odt::read(&mut parts)?
    } else if parts.has("[Content_Types].xml") || parts.has("word/document.xml") {
        parts.kind = "DOCX";
        read_docx::read(&mut parts)?
    } else {
        return Err(format!(
            "a zip archive, but not {} (neither a Word document nor an OpenDocument text)",
            zipped::a(kind)
        ));
    };
    let Some(checklist) = filled.checklist else {
        return Err(format!(
            "{}, but not a guidewright checklist (no GuidewrightChecklist in its {})",
            zipped::a(parts.kind),
            if odt {
                "meta.xml user-defined fields"
            } else {
                "custom properties (docProps/custom.xml)"
            }
        ));
    };
    let (fields, problems) = agree(filled.fields);
    let mut r = Return::from_fields(file, checklist, filled.version.unwrap_or_default(), fields);
    r.problems = problems;
    Ok(r)
}

/// One value per field name: a name whose controls hold different values is a problem, and
/// left out.
fn agree(fields: Vec<(String, String)>) -> (Vec<(String, String)>, Vec<crate::locale::Message>) {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in fields {
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        let values = by_name.entry(name).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (name, mut values) in by_name {
        if values.len() == 1 {
            out.push((name, values.remove(0)));
        } else {
            let shown: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            problems.push(crate::locale::Message::new(
                "report_problem_controls_many",
                &[("name", &name), ("values", &shown.join(", "))],
            ));
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_of_one_name_must_agree() {
        let f = |n: &str, v: &str| (n.to_string(), v.to_string());
        let (fields, problems) = agree(vec![
            f("q.a", "yes"),
            f("q.a", " yes"),
            f("q.b", "yes"),
            f("q.b", "no"),
            f("meta.team", ""),
        ]);
        assert_eq!(fields, [f("q.a", "yes")]);
        let en = crate::locale::Locale::english();
        let problems: Vec<String> = problems.iter().map(|p| p.text(&en)).collect();
        assert_eq!(
            problems,
            ["q.b: more than one control of this name holds a value (`yes`, `no`), so the answer is left out"]
        );
    }

    #[test]
    fn property_names_are_matched_in_any_spelling() {
        for n in [
            "GuidewrightChecklist",
            "guidewright-checklist",
            "Guidewright checklist",
        ] {
            assert_eq!(property_key(n), "guidewrightchecklist");
        }
    }

    /// A small DOCX: one drop-down answered, the checklist named, deflated.
    fn docx() -> Vec<u8> {
        use std::io::Write;
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        let doc = format!(
            r#"<w:document xmlns:w="{w}"><w:body><w:p><w:sdt><w:sdtPr><w:tag w:val="q.kps-q1"/><w:dropDownList><w:listItem w:displayText="Yes" w:value="yes"/></w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>Yes</w:t></w:r></w:sdtContent></w:sdt></w:p></w:body></w:document>"#
        );
        let custom = r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property name="GuidewrightChecklist"><vt:lpwstr>kps-self-assessment</vt:lpwstr></property><property name="GuidewrightVersion"><vt:lpwstr>1.0</vt:lpwstr></property></Properties>"#;
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, text) in [
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", doc.as_str()),
            ("docProps/custom.xml", custom),
        ] {
            z.start_file(name, opts).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    /// Truncated and bit-flipped copies of a good return never panic (read without the panic
    /// guard, so a panic fails the test).
    #[test]
    fn damaged_archives_never_panic() {
        let good = docx();
        let r = read_inner("ok.docx", &good, "docx").unwrap();
        assert_eq!(r.answers.get("kps-q1").map(String::as_str), Some("yes"));
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for cut in 0..good.len() {
            let _ = read_inner("cut.docx", &good[..cut], "docx");
        }
        for _ in 0..2000 {
            let mut bad = good.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() % bad.len() as u64) as usize;
                bad[at] = next() as u8;
            }
            let _ = read_inner("flipped.docx", &bad, "docx");
        }
    }

    #[test]
    fn what_is_not_a_zip_says_so() {
        let e = read("r.docx", b"plain text", "docx").unwrap_err();
        assert_eq!(e, "not a DOCX (not a zip archive)");
        let e = read("r.odt", b"PK\x03\x04junk", "odt").unwrap_err();
        assert!(e.starts_with("a truncated ODT"), "{e}");
    }
}

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
        return Err(format!("not a {kind} (not a zip archive)"));
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
            "a zip archive, but not a {kind} (neither a Word document nor an OpenDocument text)"
        ));
    };
    let Some(checklist) = filled.checklist else {
        return Err(format!(
            "a {}, but not a guidewright checklist (no GuidewrightChecklist in its {})",
            parts.kind,
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
fn agree(fields: Vec<(String, String)>) -> (Vec<(String, String)>, Vec<String>) {
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
            problems.push(format!(
                "{name}: more than one control of this name holds a value ({}), so the answer is left out",
                shown.join(", ")
            ));
        }
    }
    (out, problems)
}

//! An ODT return: the values of its form controls (content.xml) by their name (`form:name`,
//! the field names of docs/returns.md), and the checklist id and version from meta.xml's
//! user-defined fields (`meta:user-defined`).
//!
//! As LibreOffice saves a filled form: a radio group is the radio buttons sharing one name,
//! and the one with `form:current-selected="true"` gives its `form:value`; text fields, text
//! areas, combo boxes and date fields hold what was typed in `form:current-value` (a date
//! field's `20240902` is read as `2024-09-02`); a list box's option with
//! `form:current-selected="true"` gives its value. Defaults (`form:value` of a text field,
//! `form:selected`) are what the template offered, not answers, and are not read.

use super::read_office::{property_key, Filled};
use super::xml::{self, Node};
use super::zipped::Parts;

const FORM: &str = "urn:oasis:names:tc:opendocument:xmlns:form:1.0";
const META: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
const MANIFEST: &str = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

/// The media types of an OpenDocument text and its template.
const TEXT_TYPES: [&str; 2] = [
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.text-template",
];

/// Reads the controls and user-defined fields of an opened ODT.
pub fn read(parts: &mut Parts) -> Result<Filled, String> {
    if let Some(m) = parts.read("mimetype")? {
        let m = String::from_utf8_lossy(&m).trim().to_string();
        if !TEXT_TYPES.contains(&m.as_str()) {
            return Err(format!(
                "an OpenDocument file, but not a text document (its mimetype is `{}`)",
                m.chars().take(80).collect::<String>()
            ));
        }
    }
    if let Some(manifest) = parts.read("META-INF/manifest.xml")? {
        if encrypted("META-INF/manifest.xml", &manifest, "content.xml")? {
            return Err(
                "an encrypted ODT (saved with a password): save it without a password and send it again"
                    .into(),
            );
        }
    }
    let content = parts.need("content.xml", "its content")?;
    let mut filled = Filled {
        fields: controls("content.xml", &content)?,
        ..Filled::default()
    };
    if let Some(meta) = parts.read("meta.xml")? {
        for (name, value) in user_defined("meta.xml", &meta)? {
            match property_key(&name).as_str() {
                "guidewrightchecklist" => filled.checklist = Some(value.trim().to_string()),
                "guidewrightversion" => filled.version = Some(value.trim().to_string()),
                _ => {}
            }
        }
    }
    Ok(filled)
}

/// Whether the manifest gives `path` encryption data (ODF encrypts the entry's bytes itself;
/// the zip entry is not marked).
fn encrypted(part: &str, bytes: &[u8], path: &str) -> Result<bool, String> {
    let (mut inside, mut found) = (false, false);
    xml::walk(part, bytes, |n| match n {
        Node::Open(e) if e.is(MANIFEST, "file-entry") => {
            inside = e.attr(MANIFEST, "full-path") == Some(path);
        }
        Node::Open(e) if e.is(MANIFEST, "encryption-data") => found |= inside,
        Node::Close(e) if e.is(MANIFEST, "file-entry") => inside = false,
        _ => {}
    })?;
    Ok(found)
}

/// meta.xml's user-defined fields as (name, text) pairs.
fn user_defined(part: &str, bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    xml::walk(part, bytes, |n| match n {
        Node::Open(e) if e.is(META, "user-defined") => {
            current = e.attr(META, "name").map(|n| (n.to_string(), String::new()));
        }
        Node::Text(t) => {
            if let Some((_, v)) = current.as_mut() {
                v.push_str(t);
            }
        }
        Node::Close(e) if e.is(META, "user-defined") => out.extend(current.take()),
        _ => {}
    })?;
    Ok(out)
}

/// A date field's `YYYYMMDD` as `YYYY-MM-DD`; anything else as it is.
fn date(v: &str) -> String {
    let v = v.trim();
    if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &v[..4], &v[4..6], &v[6..])
    } else {
        v.to_string()
    }
}

/// The named controls' values, in document order (a radio group's once per button chosen).
fn controls(part: &str, bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    // The list box being read: its name.
    let mut listbox: Option<String> = None;
    xml::walk(part, bytes, |n| {
        let e = match n {
            Node::Open(e) if e.ns == FORM => e,
            Node::Close(e) if e.is(FORM, "listbox") => {
                listbox = None;
                return;
            }
            _ => return,
        };
        let name = e.attr(FORM, "name").map(|n| n.trim().to_string());
        let chosen = e.attr(FORM, "current-selected") == Some("true");
        let value = || {
            e.attr(FORM, "value")
                .or_else(|| e.attr(FORM, "label"))
                .map(String::from)
        };
        match e.name.as_str() {
            "radio" if chosen => out.extend(name.zip(value())),
            "text" | "textarea" | "formatted-text" | "combobox" => {
                out.extend(name.zip(e.attr(FORM, "current-value").map(String::from)));
            }
            "date" => out.extend(name.zip(e.attr(FORM, "current-value").map(date))),
            "listbox" => listbox = name,
            "option" if chosen => out.extend(listbox.clone().zip(value())),
            _ => {}
        }
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0""#;

    fn read_forms(forms: &str) -> Vec<(String, String)> {
        let doc = format!(
            r#"<office:document-content {NS}><office:automatic-styles/><office:body><office:text><office:forms><form:form form:name="Form">{forms}</form:form></office:forms></office:text></office:body></office:document-content>"#
        );
        controls("content.xml", doc.as_bytes()).unwrap()
    }

    #[test]
    fn the_selected_radio_and_typed_text_are_read_defaults_are_not() {
        let forms = r#"
            <form:radio form:name="q.a" form:value="yes" form:label="Yes"/>
            <form:radio form:name="q.a" form:value="no" form:label="No" form:current-selected="true"/>
            <form:radio form:name="q.b" form:value="yes" form:selected="true"/>
            <form:textarea form:name="q.a.evidence" form:current-value="One&#10;two"/>
            <form:text form:name="meta.team" form:value="default" form:current-value="North"/>
            <form:text form:name="meta.other" form:value="default only"/>
            <form:date form:name="meta.audit-date" form:current-value="20240902"/>
            <form:listbox form:name="meta.auditor-role"><form:option form:label="Other" form:value="other" form:current-selected="true"/><form:option form:value="x"/></form:listbox>"#;
        assert_eq!(
            read_forms(forms),
            [
                ("q.a".into(), "no".into()),
                ("q.a.evidence".into(), "One\ntwo".into()),
                ("meta.team".into(), "North".into()),
                ("meta.audit-date".into(), "2024-09-02".into()),
                ("meta.auditor-role".into(), "other".into()),
            ]
        );
    }

    #[test]
    fn an_encrypted_content_part_is_seen_in_the_manifest() {
        let m = r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
            <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
            <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>
            </manifest:manifest>"#;
        assert!(encrypted("m", m.as_bytes(), "content.xml").unwrap());
        assert!(!encrypted("m", m.as_bytes(), "meta.xml").unwrap());
    }
}

//! The fillable OpenDocument text (`.odt`) of a checklist: the format-neutral document the
//! PDF form is typeset from, written as OpenDocument 1.3 with form controls that LibreOffice
//! (and any ODF editor with forms) fills in. Field names are the return's (docs/returns.md).
//!
//! The package is a zip archive: `mimetype` first and stored, then content.xml (the text and the
//! form), styles.xml, meta.xml (with the checklist's id and version as user-defined fields) and
//! the manifest, in that order, every entry dated 1980-01-01, so the same document gives the
//! same bytes on every run.

mod auto;
mod body;
mod controls;
mod styles;
mod xml;

// The document model this writer renders: the only place it names where that model lives.
use crate::pdf::{
    blocks::{Block, FieldKind, FormField, Link, Mark, Note, ParaKind, Span},
    fonts::Style,
    write::Info,
};

use std::io::{self, Write};
use xml::{Xml, R};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const VERSION: &str = "1.3";
const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// The namespaces content.xml and styles.xml use.
const NS: &[(&str, &str)] = &[
    ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
    ("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
    ("xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
    ("xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
    ("xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"),
    ("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
    ("xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    ("xmlns:form", "urn:oasis:names:tc:opendocument:xmlns:form:1.0"),
    // Control implementations are named in LibreOffice's namespace (`ooo:com.sun.star…`).
    ("xmlns:ooo", "http://openoffice.org/2004/office"),
];

/// Writes a document as an `.odt` package.
pub fn write(blocks: &[Block], info: &Info) -> io::Result<Vec<u8>> {
    let mut body = body::Body::new();
    body.blocks(blocks, false, false)?;
    let parts = [
        ("content.xml", content_xml(body)?),
        ("styles.xml", styles::styles_xml(&info.title, &info.lang)?),
        ("meta.xml", meta_xml(info)?),
        ("META-INF/manifest.xml", manifest_xml()?),
    ];
    package(&parts).map_err(io::Error::other)
}

fn content_xml(body: body::Body) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let mut root = NS.to_vec();
    root.push(("office:version", VERSION));
    x.start("office:document-content", &root)?;
    styles::font_faces(&mut x)?;
    body.styles.write(&mut x)?;
    x.start("office:body", &[])?;
    x.start("office:text", &[])?;
    controls::forms(&mut x, &body.controls)?;
    x.raw(&body.x.finish());
    x.end("office:text")?;
    x.end("office:body")?;
    x.end("office:document-content")?;
    Ok(x.finish())
}

/// meta.xml: title, subject, keywords, language, the content's own date (never the clock) and
/// the document's extra entries (a checklist's id and version) as user-defined fields.
fn meta_xml(info: &Info) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    x.start(
        "office:document-meta",
        &[
            ("xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
            ("xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("office:version", VERSION),
        ],
    )?;
    x.start("office:meta", &[])?;
    x.leaf("meta:generator", &[], "guidewright")?;
    x.leaf("dc:title", &[], &info.title)?;
    if !info.subject.is_empty() {
        x.leaf("dc:subject", &[], &info.subject)?;
    }
    for k in &info.keywords {
        x.leaf("meta:keyword", &[], k)?;
    }
    if !info.author.is_empty() {
        x.leaf("meta:initial-creator", &[], &info.author)?;
    }
    x.leaf("dc:language", &[], &info.lang)?;
    if let Some(d) = &info.date {
        let stamp = format!("{d}T00:00:00");
        x.leaf("meta:creation-date", &[], &stamp)?;
        x.leaf("dc:date", &[], &stamp)?;
    }
    for (name, value) in &info.extra {
        x.leaf("meta:user-defined", &[("meta:name", name), ("meta:value-type", "string")], value)?;
    }
    x.end("office:meta")?;
    x.end("office:document-meta")?;
    Ok(x.finish())
}

fn manifest_xml() -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    x.start(
        "manifest:manifest",
        &[
            ("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"),
            ("manifest:version", VERSION),
        ],
    )?;
    let entry = |x: &mut Xml, path: &str, media: &str| -> R {
        x.empty("manifest:file-entry", &[("manifest:full-path", path), ("manifest:media-type", media)])
    };
    x.empty(
        "manifest:file-entry",
        &[("manifest:full-path", "/"), ("manifest:version", VERSION), ("manifest:media-type", MIMETYPE)],
    )?;
    for part in ["content.xml", "styles.xml", "meta.xml"] {
        entry(&mut x, part, "text/xml")?;
    }
    x.end("manifest:manifest")?;
    Ok(x.finish())
}

/// The zip package: `mimetype` first, stored (so a reader can find the type at byte 38), then
/// the parts compressed, all with the same fixed date and permissions.
fn package(parts: &[(&str, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(io::Cursor::new(Vec::new()));
    let fixed = SimpleFileOptions::default()
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    zip.start_file("mimetype", fixed.compression_method(CompressionMethod::Stored))?;
    zip.write_all(MIMETYPE.as_bytes())?;
    for (name, bytes) in parts {
        zip.start_file(*name, fixed.compression_method(CompressionMethod::Deflated))?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

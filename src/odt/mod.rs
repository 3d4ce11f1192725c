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
use crate::document::{
    Block, Document, FieldKind, FormField, Link, Mark, Meta, Note, ParaKind, Question, Span, Style,
};

use std::io::{self, Write};
use xml::{Xml, R};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const VERSION: &str = "1.3";
const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// The namespaces content.xml and styles.xml use.
const NS: &[(&str, &str)] = &[
    (
        "xmlns:office",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    ),
    (
        "xmlns:style",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    ),
    (
        "xmlns:text",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    ),
    (
        "xmlns:table",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    ),
    (
        "xmlns:draw",
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    ),
    (
        "xmlns:fo",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
    (
        "xmlns:svg",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    ),
    (
        "xmlns:form",
        "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    ),
    // Control implementations are named in LibreOffice's namespace (`ooo:com.sun.star…`).
    ("xmlns:ooo", "http://openoffice.org/2004/office"),
];

/// Writes a document as an `.odt` package.
pub fn write(doc: &Document) -> io::Result<Vec<u8>> {
    let mut body = body::Body::new();
    body.blocks(&doc.blocks, false, false)?;
    let meta = &doc.meta;
    let parts = [
        ("content.xml", content_xml(body)?),
        ("styles.xml", styles::styles_xml(&meta.title, &meta.lang)?),
        ("meta.xml", meta_xml(meta)?),
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
fn meta_xml(info: &Meta) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    x.start(
        "office:document-meta",
        &[
            (
                "xmlns:office",
                "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
            ),
            (
                "xmlns:meta",
                "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
            ),
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
    for (name, value) in &info.properties {
        x.leaf(
            "meta:user-defined",
            &[("meta:name", name), ("meta:value-type", "string")],
            value,
        )?;
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
            (
                "xmlns:manifest",
                "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
            ),
            ("manifest:version", VERSION),
        ],
    )?;
    let entry = |x: &mut Xml, path: &str, media: &str| -> R {
        x.empty(
            "manifest:file-entry",
            &[("manifest:full-path", path), ("manifest:media-type", media)],
        )
    };
    x.empty(
        "manifest:file-entry",
        &[
            ("manifest:full-path", "/"),
            ("manifest:version", VERSION),
            ("manifest:media-type", MIMETYPE),
        ],
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
    zip.start_file(
        "mimetype",
        fixed.compression_method(CompressionMethod::Stored),
    )?;
    zip.write_all(MIMETYPE.as_bytes())?;
    for (name, bytes) in parts {
        zip.start_file(*name, fixed.compression_method(CompressionMethod::Deflated))?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;
    use std::io::Read;

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            kind: Kind::Form("c".into()),
            meta: Meta {
                title: "T\u{1}<&>".into(),
                author: String::new(),
                subject: String::new(),
                keywords: vec![],
                lang: "en-GB".into(),
                date: None,
                properties: vec![("GuidewrightChecklist".into(), "c\u{0}".into())],
            },
            front: None,
            blocks,
        }
    }

    fn part(odt: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(io::Cursor::new(odt)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    /// Text XML cannot carry (control characters) is left out and markup characters are
    /// escaped, in every part: each still parses.
    #[test]
    fn hostile_text_still_gives_well_formed_parts() {
        let nasty = "a\u{0}b\u{1b}c <x> & \"q\" \u{FFFF}\t\n  d";
        let field = FormField {
            name: "q.x\u{7}".into(),
            tooltip: nasty.into(),
            kind: FieldKind::Radio(vec![(nasty.into(), nasty.into())]),
        };
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: nasty.into(),
                anchor: Some(nasty.into()),
            },
            Block::Para {
                spans: vec![Span::plain(nasty)],
                kind: ParaKind::Body,
            },
            Block::Field(field),
        ];
        let odt = write(&doc(blocks)).unwrap();
        for name in [
            "content.xml",
            "styles.xml",
            "meta.xml",
            "META-INF/manifest.xml",
        ] {
            let xml = part(&odt, name);
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let content = part(&odt, "content.xml");
        assert!(content.contains("abc &lt;x&gt; &amp;"), "{content}");
        assert!(content.contains("form:name=\"q.x\""), "{content}");
    }

    /// A document without a single field still has its (empty) form and automatic styles, and
    /// a table in a list item (which ODF does not allow) becomes paragraphs.
    #[test]
    fn a_table_in_a_list_item_becomes_paragraphs() {
        let table = Block::Table {
            caption: None,
            align: vec![],
            header: vec![vec![Span::plain("H1")], vec![Span::plain("H2")]],
            rows: vec![vec![vec![Span::plain("a")], vec![Span::plain("b")]]],
        };
        let list = Block::List {
            ordered: false,
            items: vec![vec![table]],
        };
        let odt = write(&doc(vec![list])).unwrap();
        let xml = part(&odt, "content.xml");
        let d = roxmltree::Document::parse(&xml).unwrap();
        assert!(
            d.descendants().all(|n| n.tag_name().name() != "table"),
            "{xml}"
        );
        assert!(xml.contains("H1<text:tab/>H2"), "{xml}");
        assert!(xml.contains("<office:automatic-styles>"), "{xml}");
    }
}

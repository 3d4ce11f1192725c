//! The Word writer: a [`Document`] as a WordprocessingML package (`.docx`), written with
//! `quick-xml` and `zip`. Checklist forms are written as `checklists/<id>.docx`, fillable in
//! Word: answers are drop-down list content controls, evidence, metadata, actions and sign-off
//! plain-text controls, each tagged with its return field name (docs/returns.md), the
//! document protected for filling in forms (no password), its checklist id and version in its
//! custom properties. Like the PDF writer it knows nothing of the content model.
//!
//! The package is reproducible: its parts in a fixed order, every entry dated from the
//! document's own date (else 1980-01-01), never the clock.

mod body;
mod parts;
mod xml;

use crate::document::Document;
use crate::locale::Locale;
use body::{Body, Labels};
use quick_xml::events::{BytesEnd, BytesStart, Event};
use std::io::{self, Write};
use zip::write::SimpleFileOptions;

/// The `.docx` of a document.
pub fn write(doc: &Document, loc: &Locale) -> io::Result<Vec<u8>> {
    let labels = Labels {
        choose: loc.get("docx_choose"),
        enter: loc.get("docx_enter"),
    };
    let (document, links, lists) = document_xml(doc, labels)?;
    let lang = doc.meta.lang.as_str();
    let entries: [(&str, Vec<u8>); 12] = [
        ("[Content_Types].xml", parts::content_types()?),
        ("_rels/.rels", parts::package_rels()?),
        ("docProps/core.xml", parts::core(&doc.meta)?),
        ("docProps/app.xml", parts::app()?),
        ("docProps/custom.xml", parts::custom(&doc.meta)?),
        ("word/document.xml", document),
        (
            "word/_rels/document.xml.rels",
            parts::document_rels(&links)?,
        ),
        ("word/styles.xml", parts::styles(lang)?),
        ("word/settings.xml", parts::settings(lang)?),
        ("word/numbering.xml", parts::numbering(&lists)?),
        ("word/header1.xml", parts::header(&doc.meta.title)?),
        ("word/footer1.xml", parts::footer(loc.get("pdf_page_of"))?),
    ];
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp(doc.meta.date.as_deref()))
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    for (name, bytes) in &entries {
        zip.start_file(*name, options).map_err(io::Error::other)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

/// The zip entries' date: the document's (`YYYY-MM-DD`), else the zip format's first day.
fn stamp(date: Option<&str>) -> zip::DateTime {
    let parsed = date.and_then(|d| {
        let mut it = d.splitn(3, '-').map(str::parse::<u16>);
        let (y, m, d) = (it.next()?.ok()?, it.next()?.ok()?, it.next()?.ok()?);
        zip::DateTime::from_date_and_time(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?, 0, 0, 0)
            .ok()
    });
    parsed.unwrap_or_default()
}

/// `word/document.xml`, with the external links and lists it used.
fn document_xml(
    doc: &Document,
    labels: Labels<'_>,
) -> io::Result<(Vec<u8>, Vec<String>, Vec<bool>)> {
    let mut body = Body::new(xml::part()?, labels);
    let w = body.writer();
    let root = BytesStart::new("w:document")
        .with_attributes([("xmlns:w", parts::W), ("xmlns:r", parts::R)]);
    w.write_event(Event::Start(root))?;
    w.write_event(Event::Start(BytesStart::new("w:body")))?;
    body.blocks(&doc.blocks, false)?;
    section(body.writer())?;
    let w = body.writer();
    w.write_event(Event::End(BytesEnd::new("w:body")))?;
    w.write_event(Event::End(BytesEnd::new("w:document")))?;
    let (w, links, lists) = body.into_inner();
    Ok((w.into_inner(), links, lists))
}

/// The page: A4, 2 cm margins, the running header and the page numbers.
fn section(w: &mut xml::X) -> io::Result<()> {
    xml::el(w, "w:sectPr", &[], |w| {
        xml::empty(
            w,
            "w:headerReference",
            &[("w:type", "default"), ("r:id", "rIdH")],
        )?;
        xml::empty(
            w,
            "w:footerReference",
            &[("w:type", "default"), ("r:id", "rIdF")],
        )?;
        xml::empty(w, "w:pgSz", &[("w:w", "11906"), ("w:h", "16838")])?;
        let m = "1134";
        xml::empty(
            w,
            "w:pgMar",
            &[
                ("w:top", m),
                ("w:right", m),
                ("w:bottom", m),
                ("w:left", m),
                ("w:header", "567"),
                ("w:footer", "567"),
                ("w:gutter", "0"),
            ],
        )
    })
}

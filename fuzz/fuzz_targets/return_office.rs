//! `collect`'s reader of DOCX and ODT returns on arbitrary bytes. The first byte picks what
//! the rest is: 0 the whole file (an archive, damaged or not: seed with real returns), 1 a
//! DOCX's `word/document.xml` and 2 an ODT's `content.xml`, each put in an archive with the
//! parts that name the checklist, so the XML and the controls' reading get the mutations.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

const CUSTOM: &str = r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="GuidewrightChecklist"><vt:lpwstr>kps-self-assessment</vt:lpwstr></property></Properties>"#;
const META: &str = r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:user-defined meta:name="GuidewrightChecklist">kps-self-assessment</meta:user-defined></office:meta></office:document-meta>"#;

fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let read = |bytes: &[u8], ext| {
        let _ = guidewright::collect::read_office::read("return", bytes, ext);
    };
    match pick % 3 {
        0 => read(rest, if pick & 0x80 == 0 { "docx" } else { "odt" }),
        1 => read(
            &archive(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", rest),
                ("docProps/custom.xml", CUSTOM.as_bytes()),
            ]),
            "docx",
        ),
        _ => read(
            &archive(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", rest),
                ("meta.xml", META.as_bytes()),
            ]),
            "odt",
        ),
    }
});

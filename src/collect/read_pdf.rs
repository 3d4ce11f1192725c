//! Filled PDF forms, read with lopdf: incremental updates applied (the newest version of each
//! object wins), the checklist id and version from the document information, and the field
//! values (see [`super::pdf_fields`]).

use super::pdf_fields;
use super::pdf_text::decode;
use super::returns::Return;
use lopdf::{Document, LoadOptions, Object};

/// Largest size any one stream may inflate to while loading (guards against "zip bombs").
const MAX_STREAM: usize = 32 * 1024 * 1024;

fn info_text(doc: &Document, key: &[u8]) -> Option<String> {
    let from_trailer = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
        Ok(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    // An incremental update's trailer may leave out /Info (pypdf's does): then the document
    // information is the dictionary that holds the key.
    let info = from_trailer.filter(|d| d.has(key)).or_else(|| {
        doc.objects.values().find_map(|o| match o {
            Object::Dictionary(d) if d.has(key) => Some(d),
            _ => None,
        })
    })?;
    match info.get(key).ok()? {
        Object::String(s, _) => Some(decode(s)),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Reads a filled PDF form. The error says why the file is not a readable return.
pub fn read(file: &str, bytes: &[u8]) -> Result<Return, String> {
    // lopdf is not expected to panic, but a hostile file must never stop the run.
    std::panic::catch_unwind(|| read_inner(file, bytes))
        .unwrap_or_else(|_| Err("a corrupt PDF (the PDF reader gave up on it)".into()))
}

fn read_inner(file: &str, bytes: &[u8]) -> Result<Return, String> {
    let opts = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, opts) {
        Ok(d) => d,
        Err(e) => return Err(load_error(bytes, &e)),
    };
    // Encrypted with a password we do not have: lopdf loads it but cannot decrypt it. (One
    // that opens with the empty password, restricting only editing or printing, is read.)
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err("an encrypted PDF that needs a password to open".into());
    }
    let form = pdf_fields::read(&doc);
    if form.widgets == 0 {
        return Err("a PDF with no form fields".into());
    }
    let Some(checklist) = info_text(&doc, b"GuidewrightChecklist") else {
        return Err(
            "a PDF form, but not a guidewright checklist (no GuidewrightChecklist in its document information)"
                .into(),
        );
    };
    let version = info_text(&doc, b"GuidewrightVersion").unwrap_or_default();
    let mut r = Return::from_fields(file, checklist, version, form.values);
    r.problems = form.problems;
    Ok(r)
}

fn load_error(bytes: &[u8], e: &lopdf::Error) -> String {
    let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    if encrypted {
        return "an encrypted PDF that needs a password to open".into();
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return format!("a truncated PDF (no end-of-file marker; {e})");
    }
    format!("a corrupt PDF ({e})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A form whose field tree and parent chains loop back on themselves.
    fn cyclic() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let (a, b, w) = (
            doc.new_object_id(),
            doc.new_object_id(),
            doc.new_object_id(),
        );
        doc.objects.insert(a, Object::Dictionary(dictionary! {
            "T" => Object::string_literal("q"), "FT" => "Btn", "Kids" => vec![Object::Reference(b)], "Parent" => b,
        }));
        doc.objects.insert(b, Object::Dictionary(dictionary! {
            "T" => Object::string_literal("kps-q1"), "Kids" => vec![Object::Reference(a), Object::Reference(w)], "Parent" => a, "V" => "yes",
        }));
        doc.objects.insert(
            w,
            Object::Dictionary(dictionary! {
                "Type" => "Annot", "Subtype" => "Widget", "Parent" => b, "AS" => "yes",
            }),
        );
        form(
            &mut doc,
            vec![Object::Reference(a)],
            vec![Object::Reference(w)],
        )
    }

    /// A one-page form: `fields` are the AcroForm's top-level fields, `annots` the page's.
    fn form(doc: &mut Document, fields: Vec<Object>, annots: Vec<Object>) -> Vec<u8> {
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Annots" => annots,
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![Object::Reference(page)], "Count" => 1,
            }),
        );
        let form = doc.add_object(dictionary! { "Fields" => fields });
        let info = doc.add_object(dictionary! {
            "GuidewrightChecklist" => Object::string_literal("kps-self-assessment"),
            "GuidewrightVersion" => Object::String(b"\xfe\xff\x00\x31\x00\x2e\x00\x30".to_vec(), lopdf::StringFormat::Hexadecimal),
        });
        let catalog = doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "AcroForm" => form });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn a_repeated_name_is_folded_and_the_widget_shown_on_wins_over_an_off_parent() {
        let mut doc = Document::with_version("1.7");
        let (parent, on, off) = (
            doc.new_object_id(),
            doc.new_object_id(),
            doc.new_object_id(),
        );
        doc.objects.insert(parent, Object::Dictionary(dictionary! {
            "T" => Object::string_literal("q.kps-q3"), "FT" => "Btn", "Ff" => 49152, "V" => "Off",
            "Kids" => vec![Object::Reference(on), Object::Reference(off)],
        }));
        // The chosen widget repeats its parent's name (`q.kps-q3.q.kps-q3` folds to `q.kps-q3`).
        doc.objects.insert(on, Object::Dictionary(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "Parent" => parent, "T" => Object::string_literal("q.kps-q3"), "AS" => "no",
        }));
        doc.objects.insert(
            off,
            Object::Dictionary(dictionary! {
                "Type" => "Annot", "Subtype" => "Widget", "Parent" => parent, "AS" => "Off",
            }),
        );
        let text = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => Object::string_literal("meta.team"),
            "V" => Object::String(b"\xfe\xff\x01\x75".to_vec(), lopdf::StringFormat::Hexadecimal),
        });
        let annots = vec![
            Object::Reference(on),
            Object::Reference(off),
            Object::Reference(text),
        ];
        let bytes = form(
            &mut doc,
            vec![Object::Reference(parent), Object::Reference(text)],
            annots,
        );
        let r = read_inner("folded.pdf", &bytes).unwrap();
        assert_eq!(r.version, "1.0");
        assert_eq!(
            r.answers.get("kps-q3").map(String::as_str),
            Some("no"),
            "{:?}",
            r.answers
        );
        assert_eq!(r.metadata.get("team").map(String::as_str), Some("ŵ"));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn cycles_in_the_field_tree_end_and_the_answer_is_read() {
        let r = read_inner("cyclic.pdf", &cyclic()).unwrap();
        assert_eq!(r.checklist, "kps-self-assessment");
        // The chain q → kps-q1 → q … is cut where it repeats; the widget's own chain names it.
        assert!(r.answers.values().any(|v| v == "yes"), "{:?}", r.answers);
    }

    /// Truncated and bit-flipped copies of a real filled form never panic (read without the
    /// panic guard, so a panic fails the test).
    #[test]
    fn damaged_forms_never_panic() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (model, _) = crate::build::check(&root, false, false).unwrap();
        let c = &model.checklists[0];
        let english = crate::locale::Locale::english();
        let form = crate::document::checklist::compose(&model, c, &english);
        let pdf = crate::pdf::render(&form, &english).bytes;
        assert!(read_inner("ok.pdf", &pdf).is_ok());
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for i in 0..40 {
            let cut = pdf.len() * i / 40;
            let _ = read_inner("cut.pdf", &pdf[..cut]);
        }
        for _ in 0..150 {
            let mut bad = pdf.clone();
            for _ in 0..8 {
                let at = (next() % bad.len() as u64) as usize;
                bad[at] = next() as u8;
            }
            let _ = read_inner("flipped.pdf", &bad);
        }
    }
}

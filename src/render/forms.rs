//! The checklist forms written as office documents beside the PDF and the offline HTML form
//! (Word, OpenDocument): the files a build publishes, and what the checklist page's links say
//! about them. A writer returns [`FormFile`]s; the page links whichever were written.

use crate::locale::Locale;
use serde_json::{json, Map, Value};

/// A document format a checklist form is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Odt,
}

impl Format {
    /// What the link shows in its `<abbr>`.
    pub fn abbr(self) -> &'static str {
        match self {
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
        }
    }

    /// The `<abbr>`'s title and the sentence on when to choose this format.
    fn strings(self, loc: &Locale) -> (String, String) {
        let (title, advice) = match self {
            Format::Docx => (
                loc.get("checklist_docx_abbr_title"),
                loc.get("checklist_docx_advice"),
            ),
            Format::Odt => (
                loc.get("checklist_odt_abbr_title"),
                loc.get("checklist_odt_advice"),
            ),
        };
        (title.to_string(), advice.to_string())
    }
}

/// A checklist form written as a document: the checklist's id, the format, where it goes in
/// the site and its bytes.
pub struct FormFile {
    pub id: String,
    pub format: Format,
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The links the checklist pages show, by checklist id: each form written, in the order given,
/// with its address, size ("38 KB", from the file) and the strings of its link.
pub fn links(forms: &[FormFile], loc: &Locale) -> Map<String, Value> {
    let mut out: Map<String, Value> = Map::new();
    for f in forms {
        let (abbr_title, advice) = f.format.strings(loc);
        let link = json!({
            "url": f.path,
            "abbr": f.format.abbr(),
            "abbr_title": abbr_title,
            "size": crate::pdf::human_size(f.bytes.len()),
            "advice": advice,
        });
        match out
            .entry(f.id.clone())
            .or_insert_with(|| Value::Array(Vec::new()))
        {
            Value::Array(list) => list.push(link),
            other => *other = Value::Array(vec![link]),
        }
    }
    out
}

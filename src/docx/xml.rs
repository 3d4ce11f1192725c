//! Small helpers over quick-xml's writer for the WordprocessingML parts: an element with
//! attributes and content, an empty element, text, each returning the writer's `io::Result`
//! (writing into memory, which does not fail, but nothing here unwraps).

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::io;

/// The writer every part is written with.
pub type X = Writer<Vec<u8>>;

/// A new part, after its XML declaration.
pub fn part() -> io::Result<X> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))?;
    Ok(w)
}

/// `<name attrs…>content</name>`.
pub fn el(
    w: &mut X,
    name: &str,
    attrs: &[(&str, &str)],
    content: impl FnOnce(&mut X) -> io::Result<()>,
) -> io::Result<()> {
    let attrs = cleaned(attrs);
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())))
        .write_inner_content(content)?;
    Ok(())
}

/// `<name attrs…/>`.
pub fn empty(w: &mut X, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    let attrs = cleaned(attrs);
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())))
        .write_empty()?;
    Ok(())
}

/// `<name attrs…>text</name>`, the text escaped.
pub fn text_el(w: &mut X, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
    let attrs = cleaned(attrs);
    w.create_element(name)
        .with_attributes(attrs.iter().map(|(k, v)| (*k, v.as_ref())))
        .write_text_content(BytesText::new(&clean(text)))?;
    Ok(())
}

/// `<w:val="…"/>`-style element: `name` with the one attribute `w:val`.
pub fn val(w: &mut X, name: &str, value: &str) -> io::Result<()> {
    empty(w, name, &[("w:val", value)])
}

/// The text without the characters XML 1.0 cannot hold (C0 controls but tab, line feed and
/// carriage return): content may hold them, a part may not.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    let bad =
        |c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r') || c == '\u{FFFE}' || c == '\u{FFFF}';
    if text.chars().any(bad) {
        text.chars().filter(|&c| !bad(c)).collect::<String>().into()
    } else {
        text.into()
    }
}

fn cleaned<'a>(attrs: &[(&'a str, &'a str)]) -> Vec<(&'a str, std::borrow::Cow<'a, str>)> {
    attrs.iter().map(|&(k, v)| (k, clean(v))).collect()
}

//! Reading one XML part of a returned DOCX or ODT (quick-xml), as a stream of elements with
//! their namespaces resolved, bounded against hostile input: a document type declaration is
//! refused (it is how entity expansion, "billion laughs", and external entities that fetch
//! files come in; Word and LibreOffice never write one), only the five predefined entities and
//! character references are resolved, and elements may nest [`MAX_DEPTH`] deep. Errors name
//! the part, line and column.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// How deep elements may nest (Word's tables in tables stay far below this).
pub const MAX_DEPTH: usize = 256;

/// An attribute: its namespace (empty when unbound), local name and value.
#[derive(Debug, Clone)]
pub struct Attr {
    pub ns: String,
    pub name: String,
    pub value: String,
}

/// An element as it opens or closes.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// The namespace name (a URI), empty when unbound.
    pub ns: String,
    pub name: String,
    /// Only when it opens.
    pub attrs: Vec<Attr>,
}

impl Element {
    /// Whether this is `name` in namespace `ns`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.name == name && self.ns == ns
    }

    /// The value of attribute `name` in namespace `ns`.
    pub fn attr(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && a.ns == ns)
            .map(|a| a.value.as_str())
    }
}

/// One step of the walk.
#[derive(Debug)]
pub enum Node<'a> {
    Open(&'a Element),
    Close(&'a Element),
    /// Character data (entities resolved, line ends normalised).
    Text(&'a str),
}

/// Where byte `at` of `text` is, as "line L, column C" (columns count characters).
fn place(text: &str, at: usize) -> String {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {col}")
}

fn ns_of(r: &ResolveResult) -> String {
    match r {
        ResolveResult::Bound(ns) => ns.0.to_string(),
        _ => String::new(),
    }
}

/// Walks the XML of part `part` (for messages), calling `visit` for every element opened and
/// closed and every run of text, in document order.
pub fn walk(part: &str, bytes: &[u8], mut visit: impl FnMut(Node<'_>)) -> Result<(), String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("{part} is not UTF-8 text (at byte {})", e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let fail = |reader: &NsReader<&[u8]>, why: String| {
        format!(
            "{part}, {}: {why}",
            place(text, reader.error_position() as usize)
        )
    };
    let at = |start: usize, why: &str| format!("{part}, {}: {why}", place(text, start));
    let mut open: Vec<Element> = Vec::new();
    loop {
        // Where the event being read starts, for messages about it.
        let start = reader.buffer_position() as usize;
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => return Err(fail(&reader, e.to_string())),
        };
        let ns = ns_of(&resolved);
        match event {
            Event::Start(e) => {
                if open.len() >= MAX_DEPTH {
                    return Err(at(
                        start,
                        &format!("elements nest more than {MAX_DEPTH} deep"),
                    ));
                }
                let mut el = Element {
                    ns,
                    name: e.local_name().as_ref().to_string(),
                    attrs: Vec::new(),
                };
                for a in e.attributes() {
                    let a = a.map_err(|err| at(start, &err.to_string()))?;
                    if a.key.as_ref() == "xmlns" || a.key.as_ref().starts_with("xmlns:") {
                        continue;
                    }
                    let (rns, local) = reader.resolver().resolve_attribute(a.key);
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|err| at(start, &err.to_string()))?;
                    el.attrs.push(Attr {
                        ns: ns_of(&rns),
                        name: local.as_ref().to_string(),
                        value: value.into_owned(),
                    });
                }
                visit(Node::Open(&el));
                el.attrs.clear();
                open.push(el);
            }
            Event::End(_) => {
                if let Some(el) = open.pop() {
                    visit(Node::Close(&el));
                }
            }
            Event::Text(t) => visit(Node::Text(&t.xml10_content())),
            Event::CData(t) => visit(Node::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                let ch = r
                    .resolve_char_ref()
                    .map_err(|err| at(start, &err.to_string()))?;
                let named = quick_xml::escape::resolve_predefined_entity(&r);
                match (ch, named) {
                    (Some(c), _) => visit(Node::Text(c.encode_utf8(&mut [0; 4]))),
                    (None, Some(s)) => visit(Node::Text(s)),
                    (None, None) => {
                        return Err(at(
                            start,
                            &format!("refers to an entity `&{};` that XML does not define (entities are not read)", &*r),
                        ))
                    }
                }
            }
            Event::DocType(_) => {
                return Err(at(
                    start,
                    "has a document type declaration (<!DOCTYPE>), which can expand entities or fetch other files; refused",
                ))
            }
            Event::Eof => break,
            Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if let Some(el) = open.last() {
        return Err(at(
            text.len(),
            &format!("ends before element `{}` is closed", el.name),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Result<String, String> {
        let mut out = String::new();
        walk("part.xml", xml.as_bytes(), |n| {
            if let Node::Text(t) = n {
                out.push_str(t)
            }
        })?;
        Ok(out)
    }

    #[test]
    fn entities_and_character_references_are_resolved() {
        assert_eq!(
            texts("<a>x &amp; y &#x175; &#10;&lt;z&gt;</a>").unwrap(),
            "x & y ŵ \n<z>"
        );
    }

    #[test]
    fn a_doctype_is_refused_with_its_place() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"xx\">]>\n<a>&x;</a>";
        let e = texts(bomb).unwrap_err();
        assert!(e.starts_with("part.xml, line 2"), "{e}");
        assert!(e.contains("DOCTYPE"), "{e}");
        let e = texts("<a>&x;</a>").unwrap_err();
        assert!(e.contains("`&x;`"), "{e}");
    }

    #[test]
    fn nesting_is_bounded_and_unclosed_elements_are_errors() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(texts(&deep).unwrap_err().contains("nest more than"));
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(texts(&ok).is_ok());
        assert!(texts("<a><b></b>").unwrap_err().contains("`a`"));
        assert!(texts("<a></b>").is_err());
    }

    #[test]
    fn namespaces_are_resolved_whatever_the_prefix() {
        let xml = r#"<x:a xmlns:x="urn:one" xmlns:y="urn:two" y:v="1"><b/></x:a>"#;
        let mut seen = Vec::new();
        walk("p", xml.as_bytes(), |n| {
            if let Node::Open(e) = n {
                seen.push((
                    e.ns.clone(),
                    e.name.clone(),
                    e.attr("urn:two", "v").map(String::from),
                ));
            }
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("urn:one".into(), "a".into(), Some("1".into())),
                (String::new(), "b".into(), None)
            ]
        );
    }
}

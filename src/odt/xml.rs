//! A thin layer over quick-xml's writer: start and end tags with attributes, and text as
//! OpenDocument wants it (runs of spaces, tabs and line breaks as elements, characters XML 1.0
//! cannot carry left out).

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io;

pub(super) type R = io::Result<()>;

/// An XML part being written.
pub(super) struct Xml(Writer<Vec<u8>>);

/// Whether XML 1.0 can carry `c` at all (the content may hold control characters).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// `s` without the characters XML 1.0 cannot carry.
pub(super) fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(allowed) {
        s.into()
    } else {
        s.chars().filter(|&c| allowed(c)).collect::<String>().into()
    }
}

impl Xml {
    /// A new part, starting with its XML declaration.
    pub fn new() -> io::Result<Xml> {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml(w))
    }

    fn tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (k, v) in attrs {
            start.push_attribute((*k, clean(v).as_ref()));
        }
        start
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> R {
        self.0.write_event(Event::Start(Self::tag(name, attrs)))
    }

    pub fn end(&mut self, name: &str) -> R {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> R {
        self.0.write_event(Event::Empty(Self::tag(name, attrs)))
    }

    /// An element holding only text (written as it is: no space handling).
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> R {
        self.start(name, attrs)?;
        self.0
            .write_event(Event::Text(BytesText::new(clean(text).as_ref())))?;
        self.end(name)
    }

    /// Paragraph text: ODF collapses white space, so a space after a space (or at the start,
    /// `at_start`) is `<text:s/>`, a tab `<text:tab/>` and a line break `<text:line-break/>`.
    /// Returns whether the text ended in a space, for the run after it.
    pub fn para_text(&mut self, s: &str, mut after_space: bool) -> io::Result<bool> {
        let mut run = String::new();
        for c in clean(s).chars() {
            let element = match c {
                ' ' if after_space => Some("text:s"),
                '\t' => Some("text:tab"),
                '\n' => Some("text:line-break"),
                '\r' => continue,
                _ => None,
            };
            match element {
                Some(e) => {
                    self.flush(&mut run)?;
                    self.empty(e, &[])?;
                    after_space = c == ' ';
                }
                None => {
                    run.push(c);
                    after_space = c == ' ';
                }
            }
        }
        self.flush(&mut run)?;
        Ok(after_space)
    }

    fn flush(&mut self, run: &mut String) -> R {
        if !run.is_empty() {
            self.0.write_event(Event::Text(BytesText::new(run)))?;
            run.clear();
        }
        Ok(())
    }

    /// Appends XML written elsewhere (a part's body, written before its head).
    pub fn raw(&mut self, xml: &[u8]) {
        self.0.get_mut().extend_from_slice(xml);
    }

    /// The bytes written, without the declaration's own (for parts spliced into another).
    pub fn body() -> Xml {
        Xml(Writer::new(Vec::new()))
    }

    pub fn finish(self) -> Vec<u8> {
        self.0.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> String {
        let mut x = Xml::body();
        x.para_text(s, true).unwrap();
        String::from_utf8(x.finish()).unwrap()
    }

    #[test]
    fn spaces_tabs_and_breaks_become_elements() {
        assert_eq!(para(" a  b"), "<text:s/>a <text:s/>b");
        assert_eq!(para("a\tb\nc"), "a<text:tab/>b<text:line-break/>c");
        assert_eq!(para("x < y & \u{1}z"), "x &lt; y &amp; z");
    }
}

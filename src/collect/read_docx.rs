//! A DOCX return: the values of its content controls (`w:sdt`) by their tag (`w:tag`, the
//! field names of docs/returns.md), and the checklist id and version from its custom
//! properties (`docProps/custom.xml`).
//!
//! A control's value is the text of its content (`w:sdtContent`), as Word leaves it when an
//! item is chosen or text typed; for a drop-down list (or combo box) that text is matched to
//! an item's display text, or else its value, and the item's value is the answer. A control
//! still showing its placeholder (`w:showingPlcHdr`) is unanswered. A date picker's chosen
//! date (`w:fullDate`) is read as `YYYY-MM-DD`. Deleted text of tracked changes
//! (`w:delText`), field codes and the fallback copy of alternate content are not text of the
//! control.

use super::read_office::{property_key, Filled};
use super::xml::{self, Element, Node};
use super::zipped::Parts;

/// WordprocessingML, transitional and strict.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CUSTOM: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/customProperties",
];

/// Whether `e` is WordprocessingML element `name`.
fn w(e: &Element, name: &str) -> bool {
    e.name == name && W.contains(&e.ns.as_str())
}

/// A WordprocessingML attribute of `e` (`w:val`, …).
fn w_attr<'e>(e: &'e Element, name: &str) -> Option<&'e str> {
    W.iter().find_map(|ns| e.attr(ns, name))
}

/// An on/off property (`<w:showingPlcHdr/>`, `w:val="false"` turns it off).
fn on(e: &Element) -> bool {
    !matches!(w_attr(e, "val"), Some("false" | "0" | "off"))
}

/// Reads the controls and properties of an opened DOCX.
pub fn read(parts: &mut Parts) -> Result<Filled, String> {
    let (main, custom) = targets(parts)?;
    let document = parts.need(&main, "its main document")?;
    let mut filled = Filled {
        fields: controls(&main, &document)?,
        ..Filled::default()
    };
    if let Some(bytes) = parts.read(&custom)? {
        for (name, value) in properties(&custom, &bytes)? {
            match property_key(&name).as_str() {
                "guidewrightchecklist" => filled.checklist = Some(value.trim().to_string()),
                "guidewrightversion" => filled.version = Some(value.trim().to_string()),
                _ => {}
            }
        }
    }
    Ok(filled)
}

/// The main document's and the custom properties' part names, from the package's
/// relationships (`_rels/.rels`), else where Word puts them.
fn targets(parts: &mut Parts) -> Result<(String, String), String> {
    let (mut main, mut custom) = (
        "word/document.xml".to_string(),
        "docProps/custom.xml".to_string(),
    );
    if let Some(bytes) = parts.read("_rels/.rels")? {
        xml::walk("_rels/.rels", &bytes, |n| {
            let Node::Open(e) = n else { return };
            if !e.is(RELS, "Relationship") {
                return;
            }
            let (Some(kind), Some(target)) = (e.attr("", "Type"), e.attr("", "Target")) else {
                return;
            };
            let target = target.trim_start_matches('/').to_string();
            if kind.ends_with("/officeDocument") {
                main = target;
            } else if kind.ends_with("/custom-properties") || kind.ends_with("/customProperties") {
                custom = target;
            }
        })?;
    }
    Ok((main, custom))
}

/// The custom properties as (name, text) pairs.
fn properties(part: &str, bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut depth = 0usize;
    xml::walk(part, bytes, |n| match n {
        Node::Open(e) => {
            depth += 1;
            if e.name == "property" && CUSTOM.contains(&e.ns.as_str()) {
                current = e.attr("", "name").map(|n| (n.to_string(), String::new()));
            }
        }
        Node::Text(t) => {
            if let Some((_, v)) = current.as_mut() {
                if depth >= 3 {
                    v.push_str(t);
                }
            }
        }
        Node::Close(e) => {
            depth -= 1;
            if e.name == "property" && CUSTOM.contains(&e.ns.as_str()) {
                out.extend(current.take());
            }
        }
    })?;
    Ok(out)
}

/// A content control being read.
#[derive(Default)]
struct Sdt {
    tag: Option<String>,
    placeholder: bool,
    /// Drop-down or combo box items: (display text, value).
    items: Vec<(String, String)>,
    /// A date picker's chosen date.
    date: Option<String>,
    /// Inside `w:sdtPr` / inside `w:sdtContent` (depths, 0 when outside).
    in_pr: usize,
    in_content: usize,
    text: String,
}

impl Sdt {
    /// Reads one element of the control's properties.
    fn property(&mut self, e: &Element) {
        let val = || w_attr(e, "val").map(String::from);
        if w(e, "tag") {
            self.tag = val();
        } else if w(e, "showingPlcHdr") {
            self.placeholder = on(e);
        } else if w(e, "listItem") {
            let value = w_attr(e, "value").unwrap_or_default().to_string();
            let shown = w_attr(e, "displayText").map_or_else(|| value.clone(), String::from);
            self.items.push((shown, value));
        } else if w(e, "date") {
            self.date = w_attr(e, "fullDate").map(String::from);
        }
    }

    /// The field's value, or `None` when unanswered.
    fn value(self) -> Option<(String, String)> {
        let tag = self.tag?.trim().to_string();
        if self.placeholder || tag.is_empty() {
            return None;
        }
        let text = self.text.trim().to_string();
        if text.is_empty() {
            return None;
        }
        let exact = |t: &str| {
            let by = |f: fn(&(String, String)) -> &str| self.items.iter().find(|i| f(i) == t);
            by(|i| &i.0).or_else(|| by(|i| &i.1))
        };
        let loose = |t: &str| {
            let t = t.to_lowercase();
            self.items
                .iter()
                .find(|i| i.0.trim().to_lowercase() == t || i.1.trim().to_lowercase() == t)
        };
        let value = if let Some(item) = exact(&text).or_else(|| loose(&text)) {
            item.1.clone()
        } else if let Some(d) = self.date.filter(|d| is_date(d)) {
            d[..10].to_string()
        } else {
            text
        };
        Some((tag, value))
    }
}

fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// What the walk through the document keeps besides the controls open.
#[derive(Default)]
struct Walk {
    open: Vec<Sdt>,
    done: Vec<(String, String)>,
    /// Inside a `w:t` (text), a `mc:Fallback` (a copy of what its `mc:Choice` has).
    in_t: usize,
    in_fallback: usize,
}

impl Walk {
    /// Adds text to every control whose content it is in.
    fn text(&mut self, t: &str) {
        if self.in_fallback > 0 {
            return;
        }
        for s in self.open.iter_mut().filter(|s| s.in_content > 0) {
            s.text.push_str(t);
        }
    }

    /// Every element opened inside a control's properties or content deepens it.
    fn deepen(&mut self, by: isize) {
        for s in &mut self.open {
            for d in [&mut s.in_pr, &mut s.in_content] {
                if *d > 0 {
                    *d = d.saturating_add_signed(by);
                }
            }
        }
    }

    fn open(&mut self, e: &Element) {
        if e.is(MC, "Fallback") || self.in_fallback > 0 {
            self.in_fallback += 1;
            return;
        }
        self.deepen(1);
        if w(e, "sdt") {
            self.open.push(Sdt::default());
            return;
        }
        if let Some(s) = self.open.last_mut() {
            if s.in_pr > 0 {
                s.property(e);
                return;
            }
            if s.in_content == 0 {
                if w(e, "sdtPr") {
                    s.in_pr = 1;
                } else if w(e, "sdtContent") {
                    s.in_content = 1;
                }
                return;
            }
        }
        if w(e, "t") {
            self.in_t += 1;
        } else if w(e, "tab") || w(e, "ptab") {
            self.text("\t");
        } else if w(e, "br") || w(e, "cr") {
            self.text("\n");
        }
    }

    fn close(&mut self, e: &Element) {
        if self.in_fallback > 0 {
            self.in_fallback -= 1;
            return;
        }
        if w(e, "sdt") {
            if let Some(v) = self.open.pop().and_then(Sdt::value) {
                self.done.push(v);
            }
        } else if w(e, "t") {
            self.in_t = self.in_t.saturating_sub(1);
        } else if w(e, "p") {
            self.text("\n");
        }
        self.deepen(-1);
    }
}

/// The tagged controls' values, in document order.
fn controls(part: &str, bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut walk = Walk::default();
    xml::walk(part, bytes, |n| match n {
        Node::Open(e) => walk.open(e),
        Node::Close(e) => walk.close(e),
        Node::Text(t) => {
            if walk.in_t > 0 {
                walk.text(t)
            }
        }
    })?;
    Ok(walk.done)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn read_body(body: &str) -> Vec<(String, String)> {
        let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
        controls("word/document.xml", doc.as_bytes()).unwrap()
    }

    fn dropdown(tag: &str, pr_extra: &str, content: &str) -> String {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="A1"/><w:tag w:val="{tag}"/>{pr_extra}<w:dropDownList>
            <w:listItem w:displayText="Yes" w:value="yes"/><w:listItem w:displayText="Not applicable" w:value="not-applicable"/>
            </w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>{content}</w:t></w:r></w:sdtContent></w:sdt>"#
        )
    }

    #[test]
    fn a_chosen_item_gives_its_value_and_a_placeholder_none() {
        let body = [
            dropdown("q.a", "", "Not applicable"),
            dropdown("q.b", "<w:showingPlcHdr/>", "Choose an answer"),
            dropdown("q.c", r#"<w:showingPlcHdr w:val="false"/>"#, "yes"),
            dropdown("q.d", "", " yes "),
            dropdown("q.e", "", "Maybe"),
        ]
        .concat();
        assert_eq!(
            read_body(&body),
            [
                ("q.a".into(), "not-applicable".into()),
                ("q.c".into(), "yes".into()),
                ("q.d".into(), "yes".into()),
                ("q.e".into(), "Maybe".into()),
            ]
        );
    }

    #[test]
    fn text_controls_keep_lines_and_skip_deleted_text() {
        let body = r#"<w:sdt><w:sdtPr><w:tag w:val="q.a.evidence"/></w:sdtPr><w:sdtContent>
            <w:p><w:r><w:t xml:space="preserve">First </w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:t>line</w:t><w:tab/><w:t>x</w:t></w:r></w:p>
            <w:p><w:r><w:t>Second</w:t><w:br/><w:t>third</w:t></w:r></w:p></w:sdtContent></w:sdt>
            <w:sdt><w:sdtPr><w:tag w:val="meta.audit-date"/><w:date w:fullDate="2024-09-02T00:00:00Z"><w:dateFormat w:val="d MMMM yyyy"/></w:date></w:sdtPr>
            <w:sdtContent><w:r><w:t>2 September 2024</w:t></w:r></w:sdtContent></w:sdt>
            <w:sdt><w:sdtPr><w:alias w:val="no tag"/></w:sdtPr><w:sdtContent><w:r><w:t>untagged</w:t></w:r></w:sdtContent></w:sdt>"#;
        assert_eq!(
            read_body(body),
            [
                ("q.a.evidence".into(), "First line\tx\nSecond\nthird".into()),
                ("meta.audit-date".into(), "2024-09-02".into()),
            ]
        );
    }

    #[test]
    fn a_control_inside_another_is_read_on_its_own() {
        let body = format!(
            r#"<w:sdt><w:sdtPr><w:tag w:val="group"/></w:sdtPr><w:sdtContent><w:p>{}</w:p></w:sdtContent></w:sdt>"#,
            dropdown("q.a", "", "Yes")
        );
        assert_eq!(
            read_body(&body),
            [("q.a".into(), "yes".into()), ("group".into(), "Yes".into())]
        );
    }

    #[test]
    fn custom_properties_are_read_by_name() {
        let xml = r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="GuidewrightChecklist"><vt:lpwstr>kps-self-assessment</vt:lpwstr></property>
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="GuidewrightVersion"><vt:lpwstr>1.0</vt:lpwstr></property></Properties>"#;
        assert_eq!(
            properties("docProps/custom.xml", xml.as_bytes()).unwrap(),
            [
                ("GuidewrightChecklist".into(), "kps-self-assessment".into()),
                ("GuidewrightVersion".into(), "1.0".into())
            ]
        );
    }
}

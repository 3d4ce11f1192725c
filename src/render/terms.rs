//! Glossary terms in running text: on each page, the first use of a glossary abbreviation in
//! the main content becomes `<abbr>` with its expansion, linked to the glossary. Later uses
//! stay plain, as do uses inside links, headings, code and form controls. A term the author
//! already marked (`[YOT](term:yot)`) counts as its first use.

use crate::markdown::ROOT;
use crate::model::Model;

/// A glossary abbreviation to mark: the abbreviation, its expansion and the glossary anchor.
#[derive(Debug, Clone)]
pub struct Mark {
    pub abbreviation: String,
    pub expansion: String,
    pub id: String,
}

/// The abbreviations of the model's glossary, longest first (so `MAPPA` wins over `MAP`).
pub fn marks(model: &Model) -> Vec<Mark> {
    let mut v: Vec<Mark> = model
        .glossary
        .iter()
        .flat_map(|g| g.terms.iter())
        .filter_map(|t| {
            let a = t.abbreviation.as_ref()?.trim();
            (!a.is_empty()).then(|| Mark {
                abbreviation: a.to_string(),
                expansion: t.term.clone(),
                id: t.id.clone(),
            })
        })
        .collect();
    v.sort_by(|a, b| {
        b.abbreviation
            .len()
            .cmp(&a.abbreviation.len())
            .then(a.abbreviation.cmp(&b.abbreviation))
    });
    v
}

/// Elements whose text is never marked.
const SKIP: [&str; 15] = [
    "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style", "textarea",
    "button", "svg",
];

/// Marks the first use of each abbreviation inside `<main>` of a rendered page.
pub fn mark_first_uses(html: &str, marks: &[Mark]) -> String {
    if marks.is_empty() {
        return html.to_string();
    }
    let Some(start) = html.find("<main") else {
        return html.to_string();
    };
    let end = html.rfind("</main>").unwrap_or(html.len()).max(start);
    let mut seen = vec![false; marks.len()];
    let mut out = String::with_capacity(html.len() + 512);
    out.push_str(&html[..start]);
    let body = &html[start..end];
    let mut skip: Vec<String> = Vec::new();
    let mut abbr_text: Option<String> = None;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(tag_body) = rest.strip_prefix('<') {
            let close = tag_body.find('>').map_or(rest.len(), |i| i + 2);
            let tag = &rest[..close];
            let (closing, name) = tag_name(tag);
            if SKIP.contains(&name.as_str()) && !tag.ends_with("/>") {
                if closing {
                    if let Some(i) = skip.iter().rposition(|s| *s == name) {
                        skip.truncate(i);
                    }
                    if name == "abbr" {
                        if let Some(t) = abbr_text.take() {
                            if let Some(i) = marks.iter().position(|m| m.abbreviation == t.trim()) {
                                seen[i] = true;
                            }
                        }
                    }
                } else {
                    skip.push(name.clone());
                    if name == "abbr" {
                        abbr_text = Some(String::new());
                    }
                }
            }
            out.push_str(tag);
            rest = &rest[close..];
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..next];
        if let Some(t) = abbr_text.as_mut() {
            t.push_str(text);
        }
        if skip.is_empty() {
            mark_text(text, marks, &mut seen, &mut out);
        } else {
            out.push_str(text);
        }
        rest = &rest[next..];
    }
    out.push_str(&html[end..]);
    out
}

/// Whether a tag closes, and its lower-case name.
fn tag_name(tag: &str) -> (bool, String) {
    let inner = tag.trim_start_matches('<');
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (closing, name)
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Marks the first unseen abbreviations in one text node.
fn mark_text(text: &str, marks: &[Mark], seen: &mut [bool], out: &mut String) {
    // The first bytes of the abbreviations not yet marked: text up to the next such byte is
    // copied whole (trying every abbreviation at every character made a long page slow). A
    // first byte of a UTF-8 character never occurs inside another, so the byte found starts a
    // character.
    let firsts = |seen: &[bool]| {
        let mut set = [false; 256];
        for (m, _) in marks.iter().zip(seen).filter(|(_, s)| !**s) {
            if let Some(&b) = m.abbreviation.as_bytes().first() {
                set[b as usize] = true;
            }
        }
        set
    };
    let mut wanted = firsts(seen);
    let mut pos = 0;
    'scan: while pos < text.len() {
        let skip = text.as_bytes()[pos..]
            .iter()
            .position(|&b| wanted[b as usize])
            .unwrap_or(text.len() - pos);
        out.push_str(&text[pos..pos + skip]);
        pos += skip;
        if pos == text.len() {
            break;
        }
        let here = &text[pos..];
        for (i, m) in marks.iter().enumerate() {
            if seen[i] || !here.starts_with(&m.abbreviation) {
                continue;
            }
            let before = text[..pos].chars().next_back();
            let after = here[m.abbreviation.len()..].chars().next();
            if is_word(before) || is_word(after) {
                continue;
            }
            seen[i] = true;
            wanted = firsts(seen);
            out.push_str(&format!(
                "<a class=\"gw-term\" href=\"{ROOT}glossary.html#{}\"><abbr title=\"{}\">{}</abbr></a>",
                html_escape::encode_double_quoted_attribute(&m.id),
                html_escape::encode_double_quoted_attribute(&m.expansion),
                m.abbreviation
            ));
            pos += m.abbreviation.len();
            continue 'scan;
        }
        let c = here.chars().next().map_or(1, char::len_utf8);
        out.push_str(&here[..c]);
        pos += c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(a: &str, e: &str) -> Mark {
        Mark {
            abbreviation: a.into(),
            expansion: e.into(),
            id: a.to_lowercase(),
        }
    }

    #[test]
    fn marks_only_the_first_use_in_main_text() {
        let marks = vec![m("MAPPA", "Multi-agency"), m("YOT", "Youth offending team")];
        let html = "<title>YOT</title><main><h2>The YOT</h2><p>A YOT and more; the YOT again, \
                    YOTS, <a href=x>MAPPA</a>.</p><p>MAPPA</p></main><footer>YOT</footer>";
        let out = mark_first_uses(html, &marks);
        assert_eq!(out.matches("<abbr").count(), 2, "{out}");
        assert!(out.contains("<p>A <a class=\"gw-term\" href=\"__GWROOT__/glossary.html#yot\"><abbr title=\"Youth offending team\">YOT</abbr></a> and more"), "{out}");
        assert!(out.contains("<h2>The YOT</h2>"));
        assert!(
            out.contains("<a href=x>MAPPA</a>.</p><p><a class=\"gw-term\""),
            "{out}"
        );
        assert!(out.ends_with("<footer>YOT</footer>"));
    }

    #[test]
    fn a_term_already_marked_by_the_author_counts_as_first_use() {
        let marks = vec![m("YOT", "Youth offending team")];
        let html = "<main><p><a href=g><abbr title=t>YOT</abbr></a> then YOT</p></main>";
        assert_eq!(mark_first_uses(html, &marks), html);
    }
}

//! Field values of a filled PDF form, read the way readers disagree least (see the design
//! notes, "Reading returned forms"): every page's widgets as well as the `/AcroForm /Fields`
//! tree; names, types and values inherited up the `/Parent` chain (depth-limited, cycle
//! checked); a repeated partial name folded; a radio group's answer taken from the widget that
//! is on and cross-checked with the field's `/V`.

use super::pdf_text::decode;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Deepest `/Kids` or `/Parent` chain followed.
const MAX_DEPTH: usize = 32;
/// Most widgets and fields looked at in one file.
const MAX_NODES: usize = 50_000;

/// Follows references (a bounded number of times) to the dictionary they lead to.
fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<(Option<ObjectId>, &'a Dictionary)> {
    let mut o = o;
    let mut id = None;
    for _ in 0..8 {
        match o {
            Object::Reference(r) => {
                id = Some(*r);
                o = doc.get_object(*r).ok()?;
            }
            Object::Dictionary(d) => return Some((id, d)),
            Object::Stream(s) => return Some((id, &s.dict)),
            _ => return None,
        }
    }
    None
}

fn array<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Vec<Object>> {
    let mut o = o;
    for _ in 0..8 {
        match o {
            Object::Reference(r) => o = doc.get_object(*r).ok()?,
            Object::Array(a) => return Some(a),
            _ => return None,
        }
    }
    None
}

fn name_of(o: &Object) -> Option<String> {
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// What a form holds: field values by full name, and conflicts found on the way.
#[derive(Debug, Default)]
pub struct FormValues {
    pub values: BTreeMap<String, String>,
    pub problems: Vec<crate::locale::Message>,
    /// How many fields (terminal widgets) the form has.
    pub widgets: usize,
}

#[derive(Default)]
struct Group {
    button: bool,
    /// On-states of the widgets that are on.
    on: BTreeSet<String>,
    /// The field's own value (inherited).
    value: Option<String>,
}

/// Reads every field of the document's form.
pub fn read(doc: &Document) -> FormValues {
    // Each terminal widget or field, with the ancestors it was reached through in the tree.
    let mut leaves: Vec<(&Dictionary, Vec<&Dictionary>)> = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // The field tree.
    if let Some(fields) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|a| dict(doc, a))
        .and_then(|(_, a)| a.get(b"Fields").ok())
        .and_then(|f| array(doc, f))
    {
        let mut stack: Vec<(&Object, Vec<&Dictionary>)> =
            fields.iter().rev().map(|f| (f, Vec::new())).collect();
        while let Some((o, ancestors)) = stack.pop() {
            if ancestors.len() > MAX_DEPTH || seen.len() > MAX_NODES {
                continue;
            }
            let Some((id, d)) = dict(doc, o) else {
                continue;
            };
            if let Some(id) = id {
                if !seen.insert(id) {
                    continue;
                }
            }
            match d.get(b"Kids").ok().and_then(|k| array(doc, k)) {
                Some(kids) if !kids.is_empty() => {
                    let mut next = vec![d];
                    next.extend(ancestors.iter().copied());
                    stack.extend(kids.iter().rev().map(|k| (k, next.clone())));
                }
                _ => leaves.push((d, ancestors)),
            }
        }
    }
    // Every page's widgets, which a reader may have rewritten without their parent.
    for page in doc.get_pages().values() {
        let Some(annots) = doc
            .get_dictionary(*page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .and_then(|a| array(doc, a))
        else {
            continue;
        };
        for a in annots {
            if seen.len() > MAX_NODES {
                break;
            }
            let Some((id, d)) = dict(doc, a) else {
                continue;
            };
            if d.get(b"Subtype").ok().and_then(name_of).as_deref() != Some("Widget") {
                continue;
            }
            if let Some(id) = id {
                if !seen.insert(id) {
                    continue;
                }
            }
            leaves.push((d, Vec::new()));
        }
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for (leaf, ancestors) in &leaves {
        // A widget rewritten without its `/Parent` still sits in its field's `/Kids`.
        let chain = if leaf.has(b"Parent") || ancestors.is_empty() {
            parent_chain(doc, leaf)
        } else {
            std::iter::once(*leaf)
                .chain(ancestors.iter().copied())
                .collect()
        };
        let mut partials: Vec<String> = chain
            .iter()
            .rev()
            .filter_map(|d| d.get(b"T").ok())
            .filter_map(|t| t.as_str().ok().map(decode))
            .collect();
        partials.dedup();
        if partials.is_empty() {
            continue;
        }
        let name = partials.join(".");
        let inherited = |key: &[u8]| chain.iter().find_map(|d| d.get(key).ok());
        let button = inherited(b"FT").and_then(name_of).as_deref() == Some("Btn");
        let g = groups.entry(name).or_default();
        g.button |= button;
        // The value is the field's (the nearest node with a name), not a widget's own: some
        // writers (pypdf) copy `/V` into each widget, which would hide a conflict.
        let field_at = chain.iter().position(|d| d.has(b"T")).unwrap_or(0);
        if let Some(v) = chain[field_at..].iter().find_map(|d| d.get(b"V").ok()) {
            let v = match v {
                Object::Name(_) => name_of(v),
                // A button's state written as a string ("/yes", as pypdf does) is read as
                // the name it spells.
                Object::String(s, _) if button => {
                    let t = decode(s);
                    Some(t.strip_prefix('/').map_or(t.clone(), str::to_string))
                }
                Object::String(s, _) => Some(decode(s)),
                _ => None,
            };
            if g.value.as_deref().is_none_or(str::is_empty) {
                g.value = v;
            }
        }
        if let Some(on) = leaf.get(b"AS").ok().and_then(name_of) {
            if on != "Off" {
                g.on.insert(on);
            }
        }
    }
    let mut out = FormValues {
        widgets: leaves.len(),
        ..FormValues::default()
    };
    for (name, g) in groups {
        let value = g.value.filter(|v| v != "Off" && !v.is_empty());
        if !g.button {
            if let Some(v) = value {
                out.values.insert(name, v);
            }
            continue;
        }
        let on: Vec<String> = g.on.into_iter().collect();
        match (on.as_slice(), value) {
            ([], v) => {
                if let Some(v) = v {
                    out.values.insert(name, v);
                }
            }
            ([a], None) => {
                out.values.insert(name, a.clone());
            }
            ([a], Some(v)) if *a == v => {
                out.values.insert(name, v);
            }
            ([a], Some(v)) => out.problems.push(crate::locale::Message::new(
                "report_problem_buttons_differ",
                &[("name", &name), ("chosen", a), ("value", &v)],
            )),
            (many, _) => out.problems.push(crate::locale::Message::new(
                "report_problem_buttons_many",
                &[("name", &name), ("buttons", &many.join(", "))],
            )),
        }
    }
    out
}

/// The widget or field and its ancestors, nearest first (depth-limited, no cycles).
fn parent_chain<'a>(doc: &'a Document, leaf: &'a Dictionary) -> Vec<&'a Dictionary> {
    let mut chain = vec![leaf];
    let mut ids = HashSet::new();
    let mut cur = leaf;
    while chain.len() <= MAX_DEPTH {
        let Ok(Object::Reference(p)) = cur.get(b"Parent") else {
            break;
        };
        if !ids.insert(*p) {
            break;
        }
        let Some((_, d)) = doc.get_object(*p).ok().and_then(|o| dict(doc, o)) else {
            break;
        };
        chain.push(d);
        cur = d;
    }
    chain
}

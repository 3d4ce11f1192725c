//! Backlinks: which chapters, examples, checklist questions and statistics point at each
//! standard, key question or prompt, so standards pages can link to what illustrates them.

use crate::model::*;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Reverse references, built once per build.
#[derive(Debug, Default, PartialEq)]
pub struct Backlinks {
    users: HashMap<String, Vec<Value>>,
    chapters: HashMap<String, Vec<Value>>,
    continued: HashMap<String, Vec<Value>>,
}

fn push(map: &mut HashMap<String, Vec<Value>>, key: &str, v: Value) {
    let list = map.entry(key.to_string()).or_default();
    if !list.contains(&v) {
        list.push(v);
    }
}

impl Backlinks {
    pub fn build(m: &Model) -> Backlinks {
        let mut b = Backlinks::default();
        for g in &m.guides {
            for c in &g.chapters {
                let url = format!("guides/{}/{}.html", g.guide.id, c.id);
                let v = json!({"title": c.title, "guide": g.guide.title, "url": url});
                let mut stds: Vec<&str> = c.standards.iter().map(String::as_str).collect();
                stds.extend(c.sections.iter().filter_map(|s| s.standard.as_deref()));
                for s in stds {
                    push(&mut b.chapters, s, v.clone());
                }
            }
        }
        for e in &m.examples {
            let v = json!({"kind": "Practice example", "title": e.title, "url": format!("examples/{}.html", e.id)});
            for d in &e.demonstrates {
                push(&mut b.users, d, v.clone());
            }
            if let Some(c) = &e.continues {
                push(
                    &mut b.continued,
                    c,
                    json!({"title": e.title, "url": format!("examples/{}.html", e.id)}),
                );
            }
        }
        for c in &m.checklists {
            for s in &c.sections {
                for q in &s.questions {
                    let v = json!({
                        "kind": "Checklist question",
                        "title": format!("{} {}", q.code, q.text),
                        "url": format!("checklists/{}.html#{}", c.id, q.id),
                    });
                    for id in &q.maps_to {
                        push(&mut b.users, id, v.clone());
                    }
                }
            }
        }
        for f in &m.findings {
            for s in &f.statistics {
                let v = json!({
                    "kind": "Inspection finding",
                    "title": s.label,
                    "url": format!("findings/{}.html#{}", f.id, s.id),
                });
                for id in &s.measures {
                    push(&mut b.users, id, v.clone());
                }
            }
        }
        b
    }

    /// Examples, checklist questions and statistics that refer to a key question or prompt.
    pub fn users_of(&self, id: &str) -> &[Value] {
        self.users.get(id).map_or(&[], Vec::as_slice)
    }

    /// Chapters that illustrate a standard.
    pub fn chapters_of(&self, standard: &str) -> &[Value] {
        self.chapters.get(standard).map_or(&[], Vec::as_slice)
    }

    /// Examples that continue an example.
    pub fn continued_by(&self, example: &str) -> &[Value] {
        self.continued.get(example).map_or(&[], Vec::as_slice)
    }
}

//! The structure tree of a tagged PDF (PDF/UA-1). The layout opens structure elements as it
//! composes blocks and every drawn item remembers the element it belongs to (none: an
//! artifact); while writing, [`Marks`] numbers the marked content of each page and records
//! which element each piece and each annotation belongs to, and [`Marks::write`] adds the
//! `/StructTreeRoot` with its `/ParentTree`. An element's children are ordered as they are
//! painted, so the reading order is the structure order.
//!
//! Written by hand: printpdf has only the marked-content operators, and krilla (which tags)
//! is a different writer without form fields.

use super::write::{name, text_string};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::HashMap;

/// Standard structure types (PDF 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Sect,
    Div,
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    BlockQuote,
    Caption,
    Figure,
    TOC,
    TOCI,
    Link,
    Form,
    /// A footnote (with an `/ID`, as PDF/UA asks).
    Note,
    /// Inline text set apart by its language (`/Lang`).
    Span,
}

impl Kind {
    /// The structure type's name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Sect => "Sect",
            Kind::Div => "Div",
            Kind::H(l) => ["H1", "H2", "H3", "H4", "H5", "H6"][(l.clamp(1, 6) - 1) as usize],
            Kind::P => "P",
            Kind::L => "L",
            Kind::LI => "LI",
            Kind::Lbl => "Lbl",
            Kind::LBody => "LBody",
            Kind::Table => "Table",
            Kind::TR => "TR",
            Kind::TH => "TH",
            Kind::TD => "TD",
            Kind::BlockQuote => "BlockQuote",
            Kind::Caption => "Caption",
            Kind::Figure => "Figure",
            Kind::TOC => "TOC",
            Kind::TOCI => "TOCI",
            Kind::Link => "Link",
            Kind::Form => "Form",
            Kind::Note => "Note",
            Kind::Span => "Span",
        }
    }

    /// Elements kept even when nothing is drawn in them (empty table cells keep the grid).
    fn kept_empty(self) -> bool {
        matches!(self, Kind::TH | Kind::TD)
    }
}

/// A structure element as the layout declares it.
#[derive(Debug, Clone)]
pub struct Elem {
    pub kind: Kind,
    pub parent: Option<usize>,
    /// Position among the parent's declared children.
    index: usize,
    /// Alternative text (figures) or the text a link annotation's `/Contents` gives.
    pub alt: Option<String>,
    /// Language, when it differs from the document's.
    pub lang: Option<String>,
    /// Children in the order they were declared.
    declared: Vec<usize>,
}

/// The elements of one document; element 0 is the `Document`.
#[derive(Debug, Clone)]
pub struct Tree {
    pub elems: Vec<Elem>,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            elems: vec![Elem {
                kind: Kind::Document,
                parent: None,
                index: 0,
                alt: None,
                lang: None,
                declared: Vec::new(),
            }],
        }
    }
}

impl Tree {
    /// Declares a child of `parent`; returns its id.
    pub fn add(&mut self, parent: usize, kind: Kind) -> usize {
        let id = self.elems.len();
        let index = self.elems[parent].declared.len();
        self.elems[parent].declared.push(id);
        self.elems.push(Elem {
            kind,
            parent: Some(parent),
            index,
            alt: None,
            lang: None,
            declared: Vec::new(),
        });
        id
    }

    /// Declares a copy of element `e` and its descendants, placed just before `before` among
    /// `e`'s parent's children; returns old → new ids. A table header row repeated on a
    /// continued page becomes a header row there.
    pub fn copy_before(&mut self, e: usize, before: usize) -> HashMap<usize, usize> {
        let mut map = HashMap::new();
        let Some(parent) = self.elems.get(e).and_then(|el| el.parent) else {
            return map;
        };
        if self.elems.get(before).and_then(|el| el.parent) != Some(parent) {
            return map;
        }
        let at = self.elems[before].index;
        let id = self.elems.len();
        self.elems.push(Elem {
            declared: Vec::new(),
            index: at,
            ..self.elems[e].clone()
        });
        self.elems[parent].declared.insert(at, id);
        for k in at + 1..self.elems[parent].declared.len() {
            let s = self.elems[parent].declared[k];
            self.elems[s].index = k;
        }
        map.insert(e, id);
        for c in self.elems[e].declared.clone() {
            let n = self.add(id, self.elems[c].kind);
            map.insert(c, n);
        }
        map
    }

    /// The structure type of element `e`.
    pub fn kind(&self, e: usize) -> Kind {
        self.elems[e].kind
    }
}

/// The marked-content operator that makes the text inside it extract as `text`
/// (`/Span << /ActualText … >> BDC`, closed by `EMC`): for replacement glyphs (U+FFFD)
/// drawn for characters no font has.
pub fn actual_text(text: &str) -> printpdf::Op {
    let data = match text_string(text) {
        Object::String(b, _) => b,
        _ => Vec::new(),
    };
    printpdf::Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: printpdf::DictItem::Dict {
            map: std::collections::BTreeMap::from([(
                "ActualText".to_string(),
                printpdf::DictItem::String {
                    data,
                    literal: text.is_ascii(),
                },
            )]),
        },
    }
}

/// A child of an element in the written tree.
#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(usize),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: i64,
    },
    /// The annotation registered `n`th (a link or a widget).
    Annot(usize),
}

/// Marked content and annotations of a document being written, by element.
pub struct Marks<'t> {
    tree: &'t Tree,
    active: Vec<bool>,
    /// How many declared children of each element are active.
    cursor: Vec<usize>,
    kids: Vec<Vec<Kid>>,
    /// The page of each element's first content.
    page: Vec<Option<usize>>,
    /// Per page, the element of each MCID.
    mcids: Vec<Vec<usize>>,
    /// Per registered annotation, its page and element.
    annots: Vec<(usize, usize)>,
}

impl<'t> Marks<'t> {
    pub fn new(tree: &'t Tree, pages: usize) -> Marks<'t> {
        let n = tree.elems.len();
        Marks {
            tree,
            active: vec![false; n],
            cursor: vec![0; n],
            kids: vec![Vec::new(); n],
            page: vec![None; n],
            mcids: vec![Vec::new(); pages],
            annots: Vec::new(),
        }
    }

    /// Makes `e` part of the written tree, after every sibling declared before it.
    fn activate(&mut self, e: usize) {
        if self.active[e] {
            return;
        }
        let el = &self.tree.elems[e];
        match el.parent {
            None => self.active[e] = true,
            Some(p) => {
                self.activate(p);
                let declared = &self.tree.elems[p].declared;
                for &s in &declared[self.cursor[p]..=el.index] {
                    self.active[s] = true;
                    self.kids[p].push(Kid::Elem(s));
                }
                self.cursor[p] = el.index + 1;
            }
        }
    }

    fn touch(&mut self, page: usize, e: usize) {
        self.activate(e);
        if self.page[e].is_none() {
            self.page[e] = Some(page);
        }
    }

    /// A new piece of marked content of element `e` on `page`: returns its MCID.
    pub fn content(&mut self, page: usize, e: usize) -> i64 {
        self.touch(page, e);
        let mcid = self.mcids[page].len() as i64;
        self.mcids[page].push(e);
        self.kids[e].push(Kid::Content { page, mcid });
        mcid
    }

    /// An annotation (link or widget) of element `e` on `page`: returns its number, the
    /// index of its object in the list [`Marks::write`] takes.
    pub fn annotation(&mut self, page: usize, e: usize) -> usize {
        self.touch(page, e);
        let n = self.annots.len();
        self.annots.push((page, e));
        self.kids[e].push(Kid::Annot(n));
        n
    }

    /// How many annotations are registered.
    pub fn annotations(&self) -> usize {
        self.annots.len()
    }

    /// The `/StructParent` key of annotation `n` (pages take the keys 0 to pages − 1).
    pub fn annot_key(&self, n: usize) -> i64 {
        (self.mcids.len() + n) as i64
    }

    /// Every remaining declared child of an active element becomes active (so empty table
    /// cells stay), then elements with nothing in them are left out.
    fn finish(&mut self) {
        for e in 0..self.tree.elems.len() {
            if !self.active[e] {
                continue;
            }
            let declared = &self.tree.elems[e].declared;
            for &s in &declared[self.cursor[e]..] {
                self.active[s] = true;
                self.kids[e].push(Kid::Elem(s));
            }
            self.cursor[e] = declared.len();
        }
        // Children have larger ids than their parents, so one pass from the end prunes
        // bottom-up.
        for e in (1..self.tree.elems.len()).rev() {
            let empty = self.kids[e].is_empty() && !self.tree.elems[e].kind.kept_empty();
            if self.active[e] && empty {
                self.active[e] = false;
            }
            if !self.active[e] {
                if let Some(p) = self.tree.elems[e].parent {
                    self.kids[p].retain(|k| !matches!(k, Kid::Elem(x) if *x == e));
                }
            }
        }
    }

    /// Writes the structure tree: `pages` are the page objects, `annots` the objects of the
    /// registered annotations in order. Sets `/StructParents` on every page and
    /// `/StructParent` on every annotation, and the catalog's `/StructTreeRoot` and
    /// `/MarkInfo`.
    pub fn write(mut self, lo: &mut lopdf::Document, pages: &[ObjectId], annots: &[ObjectId]) {
        self.finish();
        let root = lo.new_object_id();
        let n = self.tree.elems.len();
        let ids: Vec<Option<ObjectId>> = (0..n)
            .map(|e| self.active[e].then(|| lo.new_object_id()))
            .collect();
        for e in 0..n {
            let Some(id) = ids[e] else { continue };
            let el = &self.tree.elems[e];
            let pg = self.page[e].and_then(|p| pages.get(p)).copied();
            let kids: Vec<Object> = self.kids[e]
                .iter()
                .filter_map(|k| match *k {
                    Kid::Elem(c) => ids[c].map(Object::Reference),
                    Kid::Content { page, mcid } => {
                        let on = pages.get(page).copied()?;
                        Some(if Some(on) == pg {
                            Object::Integer(mcid)
                        } else {
                            Object::Dictionary(Dictionary::from_iter(vec![
                                ("Type", name("MCR")),
                                ("Pg", Object::Reference(on)),
                                ("MCID", Object::Integer(mcid)),
                            ]))
                        })
                    }
                    Kid::Annot(a) => {
                        let obj = annots.get(a).copied()?;
                        let on = pages.get(self.annots[a].0).copied()?;
                        Some(Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", name("OBJR")),
                            ("Pg", Object::Reference(on)),
                            ("Obj", Object::Reference(obj)),
                        ])))
                    }
                })
                .collect();
            let parent = el.parent.and_then(|p| ids[p]).unwrap_or(root);
            let mut d = Dictionary::from_iter(vec![
                ("Type", name("StructElem")),
                ("S", name(el.kind.name())),
                ("P", Object::Reference(parent)),
                ("K", Object::Array(kids)),
            ]);
            if let Some(pg) = pg {
                d.set("Pg", Object::Reference(pg));
            }
            if let Some(alt) = el.alt.as_deref().filter(|_| el.kind == Kind::Figure) {
                d.set("Alt", text_string(alt));
            }
            if let Some(lang) = &el.lang {
                d.set("Lang", text_string(lang));
            }
            if el.kind == Kind::Note {
                // Unique in the document: the element's own number.
                d.set("ID", Object::string_literal(format!("note-{e}")));
            }
            if el.kind == Kind::TH {
                d.set(
                    "A",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("O", name("Table")),
                        ("Scope", name("Column")),
                    ])),
                );
            }
            lo.objects.insert(id, Object::Dictionary(d));
        }
        let mut nums = Vec::new();
        for (p, list) in self.mcids.iter().enumerate() {
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(
                list.iter()
                    .map(|&e| ids[e].map_or(Object::Null, Object::Reference))
                    .collect(),
            ));
        }
        for (a, &(_, e)) in self.annots.iter().enumerate() {
            if let Some(id) = ids[e] {
                nums.push(Object::Integer(self.annot_key(a)));
                nums.push(Object::Reference(id));
            }
        }
        let parent_tree = lo.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
        lo.objects.insert(
            root,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("StructTreeRoot")),
                (
                    "K",
                    Object::Array(ids[0].map(Object::Reference).into_iter().collect()),
                ),
                ("ParentTree", Object::Reference(parent_tree)),
                (
                    "ParentTreeNextKey",
                    Object::Integer(self.annot_key(self.annots.len())),
                ),
            ])),
        );
        for (p, &pid) in pages.iter().enumerate() {
            if let Ok(d) = lo.get_dictionary_mut(pid) {
                d.set("StructParents", Object::Integer(p as i64));
            }
        }
        for (a, &obj) in annots.iter().enumerate() {
            let key = self.annot_key(a);
            if let Ok(d) = lo.get_dictionary_mut(obj) {
                d.set("StructParent", Object::Integer(key));
            }
        }
        if let Ok(cat) = lo.catalog_mut() {
            cat.set("StructTreeRoot", Object::Reference(root));
            cat.set(
                "MarkInfo",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "Marked",
                    Object::Boolean(true),
                )])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_follow_paint_order_and_empty_elements_are_dropped() {
        let mut t = Tree::default();
        let p = t.add(0, Kind::P);
        let link = t.add(p, Kind::Link);
        let empty = t.add(0, Kind::P);
        let table = t.add(0, Kind::Table);
        let tr = t.add(table, Kind::TR);
        let td1 = t.add(tr, Kind::TD);
        let _td2 = t.add(tr, Kind::TD);
        let mut m = Marks::new(&t, 1);
        assert_eq!(m.content(0, p), 0);
        assert_eq!(m.content(0, link), 1);
        assert_eq!(m.content(0, p), 2);
        m.content(0, td1);
        m.finish();
        assert!(!m.active[empty]);
        assert!(matches!(
            m.kids[p][..],
            [Kid::Content { mcid: 0, .. }, Kid::Elem(l), Kid::Content { mcid: 2, .. }] if l == link
        ));
        // The empty second cell stays, after the first.
        assert_eq!(m.kids[tr].len(), 2);
        assert_eq!(m.mcids[0], vec![p, link, p, td1]);
    }

    #[test]
    fn a_repeated_header_row_goes_before_the_row_it_heads() {
        let mut t = Tree::default();
        let table = t.add(0, Kind::Table);
        let head = t.add(table, Kind::TR);
        let th = t.add(head, Kind::TH);
        let rows: Vec<usize> = (0..3).map(|_| t.add(table, Kind::TR)).collect();
        let cells: Vec<usize> = rows.iter().map(|&r| t.add(r, Kind::TD)).collect();
        let map = t.copy_before(head, rows[2]);
        let (head2, th2) = (map[&head], map[&th]);
        assert_eq!(t.kind(th2), Kind::TH);
        let mut m = Marks::new(&t, 2);
        m.content(0, th);
        m.content(0, cells[0]);
        m.content(0, cells[1]);
        m.content(1, th2);
        m.content(1, cells[2]);
        m.finish();
        let order: Vec<usize> = m.kids[table]
            .iter()
            .map(|k| match k {
                Kid::Elem(e) => *e,
                _ => usize::MAX,
            })
            .collect();
        assert_eq!(order, vec![head, rows[0], rows[1], head2, rows[2]]);
    }
}

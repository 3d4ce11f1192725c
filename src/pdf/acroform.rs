//! Fillable fields: widgets placed by the layout become an AcroForm that common readers fill
//! and show alike: radio groups with on and off appearances for every button, text boxes with
//! a `/DA` font that is in `/DR`, tooltips (`/TU`) for screen readers, structure-order tabs,
//! and nothing pre-selected.

use super::write::{name, text_string as text};
use lopdf::{Dictionary, Object, ObjectId, Stream};

/// A widget placed on a page (PDF coordinates).
#[derive(Debug, Clone)]
pub struct Widget {
    pub page: usize,
    pub rect: [f32; 4],
    pub name: String,
    pub tooltip: String,
    /// A radio button's export value and label; None for a text box.
    pub option: Option<(String, String)>,
    pub multiline: bool,
}

/// The resource name of the font radio buttons are drawn in when a viewer redraws them.
const DINGBATS: &str = "ZaDb";

fn reals(v: &[f32]) -> Object {
    Object::Array(v.iter().map(|x| Object::Real(*x)).collect())
}

/// A circle as four Bézier curves.
fn circle(cx: f32, cy: f32, r: f32) -> String {
    let k = 0.5523 * r;
    format!(
        "{a} {cy} m {a} {b} {c} {d} {cx} {d} c {e} {d} {f} {b} {f} {cy} c {f} {g} {e} {h} {cx} {h} c {c} {h} {a} {g} {a} {cy} c",
        a = cx + r, b = cy + k, c = cx + k, d = cy + r, e = cx - k, f = cx - r, g = cy - k, h = cy - r
    )
}

fn xobject(lo: &mut lopdf::Document, w: f32, h: f32, content: String) -> ObjectId {
    let dict = Dictionary::from_iter(vec![
        ("Type", name("XObject")),
        ("Subtype", name("Form")),
        ("BBox", reals(&[0.0, 0.0, w, h])),
    ]);
    lo.add_object(Stream::new(dict, content.into_bytes()))
}

/// Adds the form to a document; returns the widget annotations' objects, in the order of
/// `widgets`.
pub fn add(lo: &mut lopdf::Document, widgets: &[Widget]) -> Vec<ObjectId> {
    let mut ids = Vec::with_capacity(widgets.len());
    if widgets.is_empty() {
        return ids;
    }
    let page_ids: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    let font = super::formfont::add(lo);
    let da = format!("/{} 10 Tf 0 g", super::formfont::RESOURCE);
    let mut fields: Vec<ObjectId> = Vec::new();
    let mut annots: Vec<Vec<ObjectId>> = vec![Vec::new(); page_ids.len()];
    let mut parents: Vec<(String, ObjectId, Vec<ObjectId>)> = Vec::new();
    for w in widgets {
        let Some(&page) = page_ids.get(w.page) else {
            ids.push((0, 0));
            continue;
        };
        let (bw, bh) = (w.rect[2] - w.rect[0], w.rect[3] - w.rect[1]);
        let mut d = Dictionary::from_iter(vec![
            ("Type", name("Annot")),
            ("Subtype", name("Widget")),
            ("Rect", reals(&w.rect)),
            ("F", Object::Integer(4)),
            ("P", Object::Reference(page)),
        ]);
        match &w.option {
            Some((value, label)) => {
                let (cx, cy, r) = (bw / 2.0, bh / 2.0, bw.min(bh) / 2.0 - 0.5);
                let ring = format!(
                    "q 1 g {} f Q q 0 G 1 w {} S Q",
                    circle(cx, cy, r),
                    circle(cx, cy, r)
                );
                let on = xobject(
                    lo,
                    bw,
                    bh,
                    format!("{ring} q 0 g {} f Q", circle(cx, cy, r * 0.5)),
                );
                let off = xobject(lo, bw, bh, ring);
                let states = || {
                    Object::Dictionary(Dictionary::from_iter(vec![
                        (value.as_str(), Object::Reference(on)),
                        ("Off", Object::Reference(off)),
                    ]))
                };
                d.set("AS", name("Off"));
                // Readers that announce a button on its own (pdf.js) read the widget's tooltip.
                d.set("TU", text(&format!("{}: {label}", w.tooltip)));
                d.set(
                    "AP",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("N", states()),
                        ("D", states()),
                    ])),
                );
                // Viewers that redraw fields (when a filler sets NeedAppearances) draw the
                // button from these: poppler draws a radio button without a caption (`/CA`)
                // as a ring in the border colour with a dot of that colour when it is on,
                // and one with a caption as a square box, so no caption is given.
                d.set(
                    "MK",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("BC", reals(&[0.0, 0.0, 0.0])),
                        ("BG", reals(&[1.0])),
                    ])),
                );
                // A viewer that draws a caption anyway draws it in ZapfDingbats (in `/DR`).
                d.set("DA", text(&format!("/{DINGBATS} 0 Tf 0 g")));
                // The ring's width and style.
                d.set(
                    "BS",
                    Object::Dictionary(Dictionary::from_iter(vec![
                        ("W", Object::Integer(1)),
                        ("S", name("S")),
                    ])),
                );
                let parent = match parents.iter_mut().find(|p| p.0 == w.name) {
                    Some(p) => p.1,
                    None => {
                        let id = lo.new_object_id();
                        parents.push((w.name.clone(), id, Vec::new()));
                        fields.push(id);
                        id
                    }
                };
                d.set("Parent", Object::Reference(parent));
                let kid = lo.add_object(d);
                ids.push(kid);
                if let Some(p) = parents.iter_mut().find(|p| p.0 == w.name) {
                    p.2.push(kid);
                }
                annots[w.page].push(kid);
                // The parent carries the tooltip of its first widget.
                if parents
                    .iter()
                    .find(|p| p.0 == w.name)
                    .is_some_and(|p| p.2.len() == 1)
                {
                    let tooltip = w.tooltip.clone();
                    lo.objects.insert(
                        parent,
                        Object::Dictionary(Dictionary::from_iter(vec![
                            ("FT", name("Btn")),
                            ("Ff", Object::Integer(49152)),
                            ("T", text(&w.name)),
                            ("TU", text(&tooltip)),
                            ("V", name("Off")),
                            ("DV", name("Off")),
                        ])),
                    );
                }
            }
            None => {
                let ap = xobject(lo, bw, bh, "/Tx BMC EMC".into());
                d.set("FT", name("Tx"));
                if w.multiline {
                    d.set("Ff", Object::Integer(4096));
                }
                d.set("T", text(&w.name));
                d.set("TU", text(&w.tooltip));
                d.set("DA", text(&da));
                d.set("V", text(""));
                d.set("MK", Object::Dictionary(Dictionary::new()));
                d.set(
                    "AP",
                    Object::Dictionary(Dictionary::from_iter(vec![("N", Object::Reference(ap))])),
                );
                let id = lo.add_object(d);
                ids.push(id);
                fields.push(id);
                annots[w.page].push(id);
            }
        }
    }
    for (_, parent, kids) in &parents {
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(*parent) {
            d.set(
                "Kids",
                Object::Array(kids.iter().map(|k| Object::Reference(*k)).collect()),
            );
        }
    }
    for (i, page) in page_ids.iter().enumerate() {
        if annots[i].is_empty() {
            continue;
        }
        if let Ok(d) = lo.get_dictionary_mut(*page) {
            let mut list = match d.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            list.extend(annots[i].iter().map(|a| Object::Reference(*a)));
            d.set("Annots", Object::Array(list));
            d.set("Tabs", name("S"));
        }
    }
    let dingbats = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type1")),
        ("BaseFont", name("ZapfDingbats")),
    ]));
    let form = Dictionary::from_iter(vec![
        (
            "Fields",
            Object::Array(fields.iter().map(|f| Object::Reference(*f)).collect()),
        ),
        ("DA", text(&da)),
        (
            "DR",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Font",
                Object::Dictionary(Dictionary::from_iter(vec![
                    (super::formfont::RESOURCE, Object::Reference(font)),
                    (DINGBATS, Object::Reference(dingbats)),
                ])),
            )])),
        ),
    ]);
    let form_id = lo.add_object(form);
    if let Ok(cat) = lo.catalog_mut() {
        cat.set("AcroForm", Object::Reference(form_id));
    }
    ids
}

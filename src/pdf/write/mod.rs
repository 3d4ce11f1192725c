//! Writing: placed pages become content streams as they are finished ([`Writer::page`]);
//! printpdf then makes the fonts, subset to the glyphs drawn ([`subset`]), and lopdf adds what
//! printpdf lacks ([`metadata`]): a nested outline with positions, `/Lang`, `DisplayDocTitle`,
//! printable links and a document ID derived from the content, so the same input always gives
//! the same bytes.

use super::content::{Codes, Deflater, Stream};
use super::fonts::{Shaper, Style};
use super::layout::{Draw, FieldDraw};
use super::paginate::{Geometry, Placed};
use super::tags::{Kind, Marks, Tree};
use crate::document::Link;
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::*;
use std::collections::HashMap;

/// Document metadata.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub lang: String,
    /// Creation and modification date (YYYY-MM-DD), from the content, never the clock.
    pub date: Option<String>,
    /// Extra document information entries, e.g. the checklist id and version of a form.
    pub extra: Vec<(String, String)>,
}

/// An outline entry: level (1 = chapter), title, page index, y.
pub type OutlineEntry = (u8, String, usize, f32);

const CREATOR: &str = "guidewright";
const PRODUCER: &str = "guidewright (printpdf, lopdf)";

/// Adds a link annotation on page `page`: `action` is a URI action, or a destination whose
/// first item is a page index. Its `/Contents` is the link's text.
fn add_link(
    lo: &mut lopdf::Document,
    rect: [f32; 4],
    action: Object,
    contents: &str,
    pages: &[lopdf::ObjectId],
    page: usize,
) -> lopdf::ObjectId {
    let on = pages[page.min(pages.len() - 1)];
    let mut d = Dictionary::from_iter(vec![
        ("Type", name("Annot")),
        ("Subtype", name("Link")),
        (
            "Rect",
            Object::Array(rect.iter().map(|v| Object::Real(*v)).collect()),
        ),
        ("Border", Object::Array(vec![Object::Integer(0); 3])),
        ("F", Object::Integer(4)),
        ("P", Object::Reference(on)),
        ("Contents", text_string(contents)),
    ]);
    match action {
        Object::Array(mut dest) => {
            let target = dest.first().and_then(|o| o.as_i64().ok()).unwrap_or(0);
            dest[0] = Object::Reference(pages[(target as usize).min(pages.len() - 1)]);
            d.set(
                "A",
                Object::Dictionary(Dictionary::from_iter(vec![
                    ("S", name("GoTo")),
                    ("D", Object::Array(dest)),
                ])),
            );
        }
        a => d.set("A", a),
    }
    let id = lo.add_object(d);
    if let Ok(p) = lo.get_dictionary_mut(on) {
        let mut list = match p.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        list.push(Object::Reference(id));
        p.set("Annots", Object::Array(list));
    }
    id
}

mod metadata;
mod subset;

use metadata::postprocess;
pub(crate) use subset::subset_bytes;
use subset::{compress, subset};

fn font_id(style: Style) -> FontId {
    FontId(format!("F{}", style as usize + 1))
}

/// What a piece of content is marked as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Artifact,
    Elem(usize),
}

/// What a page's content registers in the structure tree, in paint order: replayed into
/// [`Marks`] once the tree is complete.
#[derive(Debug, Clone, Copy)]
enum Rec {
    /// Marked content of an element (its MCID is its place among the page's contents).
    Content(usize),
    /// The page's `n`th link, of an element.
    Link(usize, usize),
    /// The page's `n`th widget, of an element (none: untagged).
    Widget(Option<usize>, usize),
}

/// A link placed on a page, resolved when the document is finished (its anchor may be on a
/// later page).
struct PendingLink {
    rect: [f32; 4],
    link: Link,
    contents: String,
}

/// A page as written so far: its compressed content streams and small records, nothing of
/// its draws.
#[derive(Default)]
struct PageOut {
    /// Content streams, each with whether it is Flate-compressed.
    streams: Vec<(Vec<u8>, bool)>,
    mcids: i64,
    recs: Vec<Rec>,
    links: Vec<PendingLink>,
    widgets: Vec<super::acroform::Widget>,
}

/// Writes a PDF page by page: each page handed to [`Writer::page`] is serialised and
/// compressed at once and its draws dropped, so memory does not grow with the pages' text.
/// [`Writer::finish`] adds fonts (subset to the glyphs drawn), links, form fields, the
/// structure tree, outline and metadata.
pub struct Writer {
    g: Geometry,
    pages: Vec<PageOut>,
    codes: [Codes; super::fonts::FACES],
    deflater: Deflater,
}

impl Writer {
    pub fn new(g: Geometry) -> Writer {
        Writer {
            g,
            pages: Vec::new(),
            codes: Default::default(),
            deflater: Deflater::default(),
        }
    }

    /// Adds the draws of page `index` (0-based) as one more content stream of that page.
    /// `anchors` resolves contents page numbers; `tree` holds every element the draws
    /// belong to.
    pub fn page(
        &mut self,
        index: usize,
        placed: Vec<Placed>,
        tree: &Tree,
        anchors: &HashMap<String, (usize, f32)>,
        shaper: &mut Shaper,
    ) {
        let bytes = self.serialise(index, placed, tree, anchors, shaper);
        let z = self.deflater.compress(&bytes);
        self.pages[index].streams.push((z, true));
    }

    /// Adds a page's running header and footer, a few hundred bytes: left uncompressed, since
    /// compressing so little saves less than it costs.
    pub fn furniture(
        &mut self,
        index: usize,
        placed: Vec<Placed>,
        tree: &Tree,
        shaper: &mut Shaper,
    ) {
        let bytes = self.serialise(index, placed, tree, &HashMap::new(), shaper);
        self.pages[index].streams.push((bytes, false));
    }

    /// The content stream of `placed`, recording on page `index` what it registers.
    fn serialise(
        &mut self,
        index: usize,
        placed: Vec<Placed>,
        tree: &Tree,
        anchors: &HashMap<String, (usize, f32)>,
        shaper: &mut Shaper,
    ) -> Vec<u8> {
        if self.pages.len() <= index {
            self.pages.resize_with(index + 1, PageOut::default);
        }
        let out = &mut self.pages[index];
        let mut s = Stream::default();
        let mut open: Option<Mark> = None;
        let mut actual: Option<String> = None;
        for p in placed {
            let (draw, elem) = match p.draw {
                Draw::PageRef {
                    anchor,
                    right,
                    y,
                    size,
                } => {
                    let n = anchors
                        .get(&anchor)
                        .map_or("?".to_string(), |(pg, _)| (pg + 1).to_string());
                    let w = shaper.width(Style::Regular, size, &n);
                    let glyphs = shaper.shape(Style::Regular, &n).glyphs;
                    let d = Draw::Text {
                        x: right - w,
                        y,
                        size,
                        style: Style::Regular,
                        glyphs,
                        colour: super::layout::TEXT,
                    };
                    (d, p.elem)
                }
                d => (d, p.elem),
            };
            // Text is the content of its element; rules and shapes are decoration, except the
            // bars of a chart (a figure).
            let mark = match &draw {
                Draw::Text { .. } => Some(elem.map_or(Mark::Artifact, Mark::Elem)),
                Draw::Rect { .. } | Draw::Path { .. } => Some(match elem {
                    Some(e) if tree.kind(e) == Kind::Figure => Mark::Elem(e),
                    _ => Mark::Artifact,
                }),
                Draw::Rule { .. } => Some(Mark::Artifact),
                _ => None,
            };
            if let Some(m) = mark.filter(|m| open != Some(*m)) {
                if open.is_some() {
                    s.end();
                }
                match m {
                    Mark::Artifact => s.begin(None),
                    Mark::Elem(e) => {
                        s.begin(Some((tree.kind(e).name(), out.mcids)));
                        out.mcids += 1;
                        out.recs.push(Rec::Content(e));
                    }
                }
                open = Some(m);
            }
            match draw {
                Draw::Text {
                    x,
                    y,
                    size,
                    style,
                    glyphs,
                    colour,
                } => {
                    // Replacement glyphs extract as the characters they stand for.
                    let actual_text = actual.take();
                    if let Some(t) = &actual_text {
                        s.actual_text(t);
                    }
                    let codes = &mut self.codes[style as usize];
                    s.text((x, y, size), style, colour, &glyphs, codes);
                    if actual_text.is_some() {
                        s.end();
                    }
                }
                Draw::Rect { x, y, w, h, colour } => s.rect((x, y, w, h), colour),
                Draw::Path {
                    points,
                    width,
                    colour,
                    dashed,
                    fill,
                } => s.path(&points, (width, colour, dashed), fill),
                Draw::Rule {
                    x1,
                    x2,
                    y,
                    width,
                    colour,
                } => s.rule((x1, x2, y), width, colour),
                Draw::Link { x, y, w, h, link } => {
                    let Some(e) = elem else { continue };
                    out.recs.push(Rec::Link(e, out.links.len()));
                    out.links.push(PendingLink {
                        rect: [x, y, x + w, y + h],
                        link,
                        contents: tree.elems[e].alt.clone().unwrap_or_default(),
                    });
                }
                Draw::Widget { x, y, w, h, field } => {
                    // Widgets are written by the form writer, in page order.
                    let FieldDraw {
                        name,
                        tooltip,
                        option,
                        multiline,
                    } = *field;
                    out.recs.push(Rec::Widget(elem, out.widgets.len()));
                    out.widgets.push(super::acroform::Widget {
                        page: index,
                        rect: [x, y, x + w, y + h],
                        name,
                        tooltip,
                        option,
                        multiline,
                    });
                }
                Draw::ActualText(t) => actual = Some(t),
                Draw::PageRef { .. } | Draw::Tag(_) => {}
            }
        }
        if open.is_some() {
            s.end();
        }
        s.bytes
    }

    /// How many pages have been written to.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// The finished PDF. `anchors` maps anchor names to (page index, y); `tree` holds the
    /// structure elements the pages' content belongs to; `shaper` the text of each glyph.
    pub fn finish(
        self,
        anchors: &HashMap<String, (usize, f32)>,
        outline: &[OutlineEntry],
        info: &Info,
        tree: &Tree,
        shaper: &Shaper,
    ) -> Vec<u8> {
        let mut lo = self.skeleton(info, shaper);
        let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
        let mut marks = Marks::new(tree, page_ids.len());
        let mut widgets = Vec::new();
        let mut widget_marks = Vec::new();
        let mut links = Vec::new();
        for (pi, (page, &pid)) in self.pages.into_iter().zip(&page_ids).enumerate() {
            let streams: Vec<Object> = page
                .streams
                .into_iter()
                .map(|(bytes, compressed)| {
                    let mut dict = Dictionary::new();
                    if compressed {
                        dict.set("Filter", name("FlateDecode"));
                    }
                    let mut stream = lopdf::Stream::new(dict, bytes);
                    stream.allows_compression = false;
                    Object::Reference(lo.add_object(stream))
                })
                .collect();
            let old = lo
                .get_dictionary(pid)
                .ok()
                .and_then(|d| d.get(b"Contents").ok())
                .and_then(|o| o.as_reference().ok());
            if let Some(old) = old {
                lo.objects.remove(&old);
            }
            if let Ok(d) = lo.get_dictionary_mut(pid) {
                d.set("Contents", Object::Array(streams));
            }
            let mut page_links = page.links.into_iter().map(Some).collect::<Vec<_>>();
            let mut page_widgets = page.widgets.into_iter().map(Some).collect::<Vec<_>>();
            for rec in page.recs {
                match rec {
                    Rec::Content(e) => {
                        marks.content(pi, e);
                    }
                    Rec::Link(e, n) => {
                        let Some(l) = page_links[n].take() else {
                            continue;
                        };
                        let Some(action) = link_action(&l.link, anchors) else {
                            continue;
                        };
                        let n = marks.annotation(pi, e);
                        links.push((pi, l, action, n));
                    }
                    Rec::Widget(e, n) => {
                        let Some(w) = page_widgets[n].take() else {
                            continue;
                        };
                        widget_marks.push(e.map_or(usize::MAX, |e| marks.annotation(pi, e)));
                        widgets.push(w);
                    }
                }
            }
        }
        let widget_ids = super::acroform::add(&mut lo, &widgets);
        let mut annot_ids = vec![(0, 0); marks.annotations()];
        for (n, id) in widget_marks.iter().zip(&widget_ids) {
            if let Some(slot) = annot_ids.get_mut(*n) {
                *slot = *id;
            }
        }
        for (pi, l, action, n) in links {
            annot_ids[n] = add_link(&mut lo, l.rect, action, &l.contents, &page_ids, pi);
        }
        marks.write(&mut lo, &page_ids, &annot_ids);
        postprocess(&mut lo, outline, info);
        compress(&mut lo);
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = lo.save_to(&mut out);
        out
    }

    /// The document printpdf makes: metadata, the fonts subset to the glyphs drawn (with
    /// their widths and ToUnicode maps) and one empty page per page written. printpdf learns
    /// the glyphs of each font from a page's text, so the first page shows every code once;
    /// its content is replaced by the page's own streams.
    fn skeleton(&self, info: &Info, shaper: &Shaper) -> lopdf::Document {
        let mut doc = PdfDocument::new(&info.title);
        let meta = &mut doc.metadata.info;
        meta.author = info.author.clone();
        meta.subject = info.subject.clone();
        meta.keywords = info.keywords.clone();
        meta.creator = CREATOR.into();
        meta.producer = PRODUCER.into();
        let mut ops = Vec::new();
        for style in Style::ALL {
            let codes = &self.codes[style as usize];
            if !codes.used() {
                continue;
            }
            doc.resources
                .fonts
                .map
                .insert(font_id(style), PdfFont::new(subset(style, &codes.gids)));
            let sources = &shaper.sources[style as usize];
            let glyphs = (0..codes.gids.len())
                .map(|c| {
                    let text = sources.get(&codes.gids[c]).cloned().unwrap_or_default();
                    Codepoint {
                        gid: c as u16,
                        offset: 0.0,
                        cid: Some(text),
                    }
                })
                .collect();
            ops.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(font_id(style)),
                    size: Pt(10.0),
                },
                Op::ShowText {
                    items: vec![TextItem::GlyphIds(glyphs)],
                },
                Op::EndTextSection,
            ]);
        }
        let (w, h) = (
            Mm(self.g.width * 25.4 / 72.0),
            Mm(self.g.height * 25.4 / 72.0),
        );
        doc.pages = (0..self.pages.len().max(1))
            .map(|i| {
                PdfPage::new(
                    w,
                    h,
                    if i == 0 {
                        std::mem::take(&mut ops)
                    } else {
                        Vec::new()
                    },
                )
            })
            .collect();
        let opts = PdfSaveOptions {
            optimize: false,
            subset_fonts: false,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        doc.to_lopdf_document(&opts, &mut warnings)
    }
}

/// The action of a link: a URI, or a destination whose first item is a page index (made a
/// page object by [`add_link`]). None for an anchor that is nowhere.
fn link_action(link: &Link, anchors: &HashMap<String, (usize, f32)>) -> Option<Object> {
    Some(match link {
        Link::Uri(u) => Object::Dictionary(Dictionary::from_iter(vec![
            ("S", name("URI")),
            ("URI", Object::string_literal(u.as_bytes().to_vec())),
        ])),
        Link::Anchor(a) => {
            let (pg, top) = anchors.get(a)?;
            Object::Array(vec![
                Object::Integer(*pg as i64),
                name("XYZ"),
                Object::Real(0.0),
                Object::Real(*top),
                Object::Null,
            ])
        }
    })
}

/// A PDF text string: literal when ASCII, otherwise UTF-16BE with a byte-order mark.
pub(crate) fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

pub(crate) fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

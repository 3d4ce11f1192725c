//! Writing: placed pages become a PDF through printpdf, with fonts subset to the glyphs used,
//! then lopdf adds what printpdf lacks: a nested outline with positions, `/Lang`,
//! `DisplayDocTitle`, printable links and a document ID derived from the content, so the same
//! input always gives the same bytes.

use super::blocks::Link;
use super::fonts::{faces, Shaper, Style};
use super::layout::{Draw, Rgb};
use super::paginate::{Geometry, Placed};
use super::tags::{Kind, Marks, Tree};
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::*;
use std::collections::{BTreeMap, HashMap};

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

/// The operator that starts marked content `m` on `page`: `/Artifact BMC`, or the element's
/// structure type with the next MCID.
fn begin_marked(m: Mark, page: usize, marks: &mut Marks, tree: &Tree) -> Op {
    match m {
        Mark::Artifact => Op::BeginMarkedContent {
            tag: "Artifact".into(),
        },
        Mark::Elem(e) => {
            let mcid = marks.content(page, e);
            Op::BeginMarkedContentWithProperties {
                tag: tree.kind(e).name().into(),
                properties: DictItem::Dict {
                    map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                },
            }
        }
    }
}

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

/// XMP metadata (PDF/UA asks for it): title, author, subject, language, dates, producer and
/// the PDF/UA identification. Written by hand: it is a fixed template with escaped values.
fn xmp(info: &Info) -> Vec<u8> {
    let e = |s: &str| html_escape::encode_text(s).into_owned();
    let valid = info.date.as_deref().filter(|d| pdf_date(d).is_some());
    let dates = valid.map_or(String::new(), |d| {
        format!(
            "<xmp:CreateDate>{d}T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>{d}T00:00:00Z</xmp:ModifyDate>"
        )
    });
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<pdf:Producer>{PRODUCER}</pdf:Producer>\n\
<pdf:Keywords>{keywords}</pdf:Keywords>\n\
<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>{dates}\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = e(&info.title),
        author = e(&info.author),
        subject = e(&info.subject),
        lang = e(&info.lang),
        keywords = e(&info.keywords.join(", ")),
    )
    .into_bytes()
}

/// A PDF date of a YYYY-MM-DD date, at midnight UTC.
fn pdf_date(d: &str) -> Option<String> {
    let digits: String = d.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8 && d.len() == 10).then(|| format!("D:{digits}000000Z"))
}

fn font_id(style: Style) -> FontId {
    FontId(format!("F{}", style as usize + 1))
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

/// What a piece of content is marked as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Artifact,
    Elem(usize),
}

/// A link annotation to write: page, rectangle, action, its text, its number in [`Marks`].
struct LinkAnnot {
    page: usize,
    rect: [f32; 4],
    action: Object,
    contents: String,
    n: usize,
}

/// Builds the PDF. `anchors` maps anchor names to (page index, y); `tree` holds the
/// structure elements the placed draws belong to.
pub fn write(
    pages: &[Vec<Placed>],
    anchors: &HashMap<String, (usize, f32)>,
    outline: &[OutlineEntry],
    info: &Info,
    tree: &Tree,
    shaper: &mut Shaper,
    g: &Geometry,
) -> Vec<u8> {
    // Page numbers of contents entries need shaping before the fonts are subset.
    let mut resolved: Vec<Vec<(Draw, Option<usize>)>> = Vec::with_capacity(pages.len());
    for page in pages {
        let mut v = Vec::with_capacity(page.len());
        for p in page {
            match &p.draw {
                Draw::PageRef {
                    anchor,
                    right,
                    y,
                    size,
                } => {
                    let n = anchors
                        .get(anchor)
                        .map_or("?".to_string(), |(pg, _)| (pg + 1).to_string());
                    let w = shaper.width(Style::Regular, *size, &n);
                    let glyphs = shaper.shape(Style::Regular, &n).glyphs;
                    let d = Draw::Text {
                        x: right - w,
                        y: *y,
                        size: *size,
                        style: Style::Regular,
                        glyphs,
                        colour: super::layout::TEXT,
                    };
                    v.push((d, p.elem));
                }
                d => v.push((d.clone(), p.elem)),
            }
        }
        resolved.push(v);
    }

    let mut doc = PdfDocument::new(&info.title);
    let meta = &mut doc.metadata.info;
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.keywords = info.keywords.clone();
    meta.creator = CREATOR.into();
    meta.producer = PRODUCER.into();

    // Subset each face to the glyphs used and remap glyph ids.
    let mut remaps: HashMap<Style, BTreeMap<u16, u16>> = HashMap::new();
    for style in Style::ALL {
        let used = &shaper.used[style as usize];
        if used.is_empty() {
            continue;
        }
        let (font, remap) = subset(style, used);
        doc.resources
            .fonts
            .map
            .insert(font_id(style), PdfFont::new(font));
        remaps.insert(style, remap);
    }

    let mut marks = Marks::new(tree, resolved.len());
    let mut links: Vec<LinkAnnot> = Vec::new();
    let mut widget_marks: Vec<usize> = Vec::new();
    let mut pdf_pages = Vec::with_capacity(resolved.len());
    for (pi, page) in resolved.iter().enumerate() {
        let mut ops = Vec::new();
        let mut open: Option<Mark> = None;
        let mut actual: Option<&str> = None;
        for (d, elem) in page {
            // Text is the content of its element; rules and shapes are decoration, except the
            // bars of a chart (a figure).
            let mark = match d {
                Draw::Text { .. } => Some(elem.map_or(Mark::Artifact, Mark::Elem)),
                Draw::Rect { .. } => Some(match elem {
                    Some(e) if tree.kind(*e) == Kind::Figure => Mark::Elem(*e),
                    _ => Mark::Artifact,
                }),
                Draw::Rule { .. } => Some(Mark::Artifact),
                _ => None,
            };
            if let Some(m) = mark.filter(|m| open != Some(*m)) {
                if open.is_some() {
                    ops.push(Op::EndMarkedContent);
                }
                ops.push(begin_marked(m, pi, &mut marks, tree));
                open = Some(m);
            }
            match d {
                Draw::Text {
                    x,
                    y,
                    size,
                    style,
                    glyphs,
                    colour: c,
                } => {
                    let remap = &remaps[style];
                    let glyphs = glyphs
                        .iter()
                        .map(|g| Codepoint {
                            gid: remap.get(&g.gid).copied().unwrap_or(0),
                            ..g.clone()
                        })
                        .collect();
                    // Replacement glyphs extract as the characters they stand for.
                    let actual_text = actual.take();
                    if let Some(t) = actual_text {
                        ops.push(super::tags::actual_text(t));
                    }
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFillColor { col: colour(*c) });
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_id(*style)),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(*x), Pt(*y)),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(glyphs)],
                    });
                    ops.push(Op::EndTextSection);
                    if actual_text.is_some() {
                        ops.push(Op::EndMarkedContent);
                    }
                }
                Draw::Rect {
                    x,
                    y,
                    w,
                    h,
                    colour: c,
                } => {
                    ops.push(Op::SetFillColor { col: colour(*c) });
                    let mut r = Rect::from_xywh(Pt(*x), Pt(*y), Pt(*w), Pt(*h));
                    r.mode = Some(PaintMode::Fill);
                    ops.push(Op::DrawRectangle { rectangle: r });
                }
                Draw::Rule {
                    x1,
                    x2,
                    y,
                    width,
                    colour: c,
                } => {
                    ops.push(Op::SetOutlineColor { col: colour(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    let p = |x: f32| LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(*y),
                        },
                        bezier: false,
                    };
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![p(*x1), p(*x2)],
                            is_closed: false,
                        },
                    });
                }
                Draw::Link { x, y, w, h, link } => {
                    let action = match link {
                        Link::Uri(u) => Object::Dictionary(Dictionary::from_iter(vec![
                            ("S", name("URI")),
                            ("URI", Object::string_literal(u.as_bytes().to_vec())),
                        ])),
                        Link::Anchor(a) => match anchors.get(a) {
                            // The page object is filled in once the pages exist.
                            Some((pg, top)) => Object::Array(vec![
                                Object::Integer(*pg as i64),
                                name("XYZ"),
                                Object::Real(0.0),
                                Object::Real(*top),
                                Object::Null,
                            ]),
                            None => continue,
                        },
                    };
                    let Some(e) = elem else { continue };
                    let contents = tree.elems[*e].alt.clone().unwrap_or_default();
                    links.push(LinkAnnot {
                        page: pi,
                        rect: [*x, *y, x + w, y + h],
                        action,
                        contents,
                        n: marks.annotation(pi, *e),
                    });
                }
                Draw::Widget { .. } => {
                    // Widgets are written by the form writer, in this order.
                    widget_marks.push(elem.map_or(usize::MAX, |e| marks.annotation(pi, e)));
                }
                Draw::ActualText(t) => actual = Some(t),
                Draw::PageRef { .. } | Draw::Tag(_) => {}
            }
        }
        if open.is_some() {
            ops.push(Op::EndMarkedContent);
        }
        pdf_pages.push(PdfPage::new(
            Mm(g.width * 25.4 / 72.0),
            Mm(g.height * 25.4 / 72.0),
            ops,
        ));
    }
    doc.pages = pdf_pages;

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    let widgets: Vec<super::acroform::Widget> = resolved
        .iter()
        .enumerate()
        .flat_map(|(page, draws)| {
            draws.iter().filter_map(move |(d, _)| match d {
                Draw::Widget {
                    x,
                    y,
                    w,
                    h,
                    name,
                    tooltip,
                    option,
                    multiline,
                } => Some(super::acroform::Widget {
                    page,
                    rect: [*x, *y, x + w, y + h],
                    name: name.clone(),
                    tooltip: tooltip.clone(),
                    option: option.clone(),
                    multiline: *multiline,
                }),
                _ => None,
            })
        })
        .collect();
    let widget_ids = super::acroform::add(&mut lo, &widgets);
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    let mut annot_ids = vec![(0, 0); marks.annotations()];
    for (n, id) in widget_marks.iter().zip(&widget_ids) {
        if let Some(slot) = annot_ids.get_mut(*n) {
            *slot = *id;
        }
    }
    for l in links {
        let id = add_link(&mut lo, l.rect, l.action, &l.contents, &page_ids, l.page);
        annot_ids[l.n] = id;
    }
    marks.write(&mut lo, &page_ids, &annot_ids);
    postprocess(&mut lo, outline, info);
    compress(&mut lo);
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = lo.save_to(&mut out);
    out
}

/// Flate-compresses every stream at a moderate level (lopdf's own `compress` uses the slowest,
/// which costs more time than it saves bytes here).
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write;
    for obj in lo.objects.values_mut() {
        if let Object::Stream(s) = obj {
            if !s.allows_compression || s.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
            if e.write_all(&s.content).is_ok() {
                if let Ok(c) = e.finish() {
                    s.dict.set("Filter", name("FlateDecode"));
                    s.set_content(c);
                }
            }
        }
    }
}

/// Subsets a face to `used` glyphs with allsorts; returns the font and old → new glyph ids.
fn subset(
    style: Style,
    used: &std::collections::BTreeSet<u16>,
) -> (ParsedFont, BTreeMap<u16, u16>) {
    let face = &faces()[style as usize];
    let ids: Vec<u16> = std::iter::once(0)
        .chain(used.iter().copied().filter(|&g| g != 0))
        .collect();
    let subsetted = subset_bytes(face.bytes, &ids);
    let mut warnings = Vec::new();
    match subsetted.and_then(|b| ParsedFont::from_bytes(&b, 0, &mut warnings)) {
        Some(mut font) => {
            // allsorts numbers the kept glyphs in the order they were asked for.
            let remap = ids
                .iter()
                .enumerate()
                .map(|(new, &old)| (old, new as u16))
                .collect();
            font.font_name = Some(format!("{}+{}", subset_tag(&ids), face.ps_name));
            (font, remap)
        }
        None => {
            // Fall back to embedding the whole face (bigger, still correct).
            let mut font =
                ParsedFont::from_bytes(face.bytes, 0, &mut warnings).expect("bundled font parses");
            font.font_name = Some(face.ps_name.clone());
            (font, used.iter().map(|&g| (g, g)).collect())
        }
    }
}

/// A TrueType font cut down to `ids` (glyph 0 first) with allsorts, keeping a Unicode `cmap`;
/// the kept glyphs are numbered in the order asked for. `None` if allsorts cannot do it.
pub(crate) fn subset_bytes(font: &[u8], ids: &[u16]) -> Option<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    ReadScope::new(font)
        .read::<FontData<'_>>()
        .ok()
        .and_then(|fd| fd.table_provider(0).ok())
        .and_then(|p| subset(&p, ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok())
}

fn fnv64(seed: u64, data: &[u8]) -> u64 {
    data.iter()
        .fold(seed, |h, b| (h ^ *b as u64).wrapping_mul(0x100000001b3))
}

/// A six-letter subset tag derived from the glyph set, so it is the same every build.
fn subset_tag(ids: &[u16]) -> String {
    let bytes: Vec<u8> = ids.iter().flat_map(|g| g.to_be_bytes()).collect();
    let mut h = fnv64(0xcbf29ce484222325, &bytes);
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
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

fn postprocess(lo: &mut lopdf::Document, outline: &[OutlineEntry], info: &Info) {
    lo.version = "1.7".into();
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    for &pid in &page_ids {
        let annots = lo
            .get_dictionary(pid)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .cloned();
        if let Ok(page) = lo.get_dictionary_mut(pid) {
            match annots {
                // Pages with annotations tab through them in structure order.
                Some(Object::Array(a)) if !a.is_empty() => page.set("Tabs", name("S")),
                _ => {
                    page.remove(b"Annots");
                }
            }
        }
    }
    let mut meta = lopdf::Stream::new(
        Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp(info),
    );
    // Left uncompressed, so that tools which look for the PDF/UA identification find it.
    meta.allows_compression = false;
    let meta = lo.add_object(meta);
    let outlines = (!outline.is_empty()).then(|| {
        let root = lo.new_object_id();
        let tree = nest(outline);
        let (first, last, count) = write_level(lo, &tree, root, &page_ids);
        lo.objects.insert(
            root,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("Outlines")),
                ("First", Object::Reference(first)),
                ("Last", Object::Reference(last)),
                ("Count", Object::Integer(count)),
            ])),
        );
        root
    });
    if let Ok(cat) = lo.catalog_mut() {
        cat.set("Lang", text_string(&info.lang));
        cat.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        );
        cat.set(
            "PageMode",
            name(if outlines.is_some() {
                "UseOutlines"
            } else {
                "UseNone"
            }),
        );
        if let Some(r) = outlines {
            cat.set("Outlines", Object::Reference(r));
        }
        cat.set("Metadata", Object::Reference(meta));
    }
    if let Ok(info_id) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        if let Ok(d) = lo.get_dictionary_mut(info_id) {
            for k in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Trapped"] {
                d.remove(k);
            }
            // Dates from the content; none when it gives none (never the clock, nor 1970).
            match info.date.as_deref().and_then(pdf_date) {
                Some(date) => {
                    d.set("CreationDate", Object::string_literal(date.clone()));
                    d.set("ModDate", Object::string_literal(date));
                }
                None => {
                    d.remove(b"CreationDate");
                    d.remove(b"ModDate");
                }
            }
            for (k, v) in &info.extra {
                d.set(k.as_bytes().to_vec(), text_string(v));
            }
            let empty: Vec<Vec<u8>> = d
                .iter()
                .filter(|(_, v)| matches!(v, Object::String(s, _) if s.is_empty()))
                .map(|(k, _)| k.clone())
                .collect();
            for k in empty {
                d.remove(&k);
            }
        }
    }
    // A document ID from the content (printpdf's is process-random).
    let mut h1 = 0xcbf29ce484222325u64;
    let mut h2 = 0x84222325cbf29ce4u64;
    for (id, obj) in &lo.objects {
        h1 = fnv64(h1, &id.0.to_be_bytes());
        if let Object::Stream(s) = obj {
            h1 = fnv64(h1, &s.content);
            h2 = fnv64(h2, &s.content[..s.content.len().min(4096)]);
        }
    }
    let mut id = h1.to_be_bytes().to_vec();
    id.extend_from_slice(&h2.to_be_bytes());
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

struct Node {
    title: String,
    page: usize,
    top: f32,
    children: Vec<Node>,
}

/// Nests a flat, ordered list of (level, …) entries by level.
fn nest(flat: &[OutlineEntry]) -> Vec<Node> {
    fn take(flat: &[OutlineEntry], i: &mut usize, level: u8) -> Vec<Node> {
        let mut out = Vec::new();
        while *i < flat.len() && flat[*i].0 >= level {
            let (l, title, page, top) = flat[*i].clone();
            *i += 1;
            let children = take(flat, i, l + 1);
            out.push(Node {
                title,
                page,
                top,
                children,
            });
        }
        out
    }
    let mut i = 0;
    let min = flat.iter().map(|e| e.0).min().unwrap_or(1);
    take(flat, &mut i, min)
}

fn write_level(
    lo: &mut lopdf::Document,
    items: &[Node],
    parent: lopdf::ObjectId,
    pages: &[lopdf::ObjectId],
) -> (lopdf::ObjectId, lopdf::ObjectId, i64) {
    let ids: Vec<_> = items.iter().map(|_| lo.new_object_id()).collect();
    let mut count = items.len() as i64;
    for (i, it) in items.iter().enumerate() {
        let page = pages[it.page.min(pages.len() - 1)];
        let mut d = Dictionary::from_iter(vec![
            ("Title", text_string(&it.title)),
            ("Parent", Object::Reference(parent)),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    name("XYZ"),
                    Object::Real(0.0),
                    Object::Real(it.top),
                    Object::Null,
                ]),
            ),
        ]);
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            d.set("Next", Object::Reference(ids[i + 1]));
        }
        if !it.children.is_empty() {
            let (f, l, c) = write_level(lo, &it.children, ids[i], pages);
            d.set("First", Object::Reference(f));
            d.set("Last", Object::Reference(l));
            // Chapters open, deeper levels closed.
            let open = it.children.iter().all(|c| c.children.is_empty());
            d.set("Count", Object::Integer(if open { c } else { -c }));
            if open {
                count += c;
            }
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids[0], *ids.last().unwrap_or(&ids[0]), count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_content() {
        assert_eq!(pdf_date("2024-03-01").as_deref(), Some("D:20240301000000Z"));
        assert_eq!(pdf_date("2024-3-1"), None);
    }

    #[test]
    fn outline_nests_by_level() {
        let flat = vec![
            (1, "A".into(), 0, 0.0),
            (2, "a1".into(), 0, 0.0),
            (2, "a2".into(), 1, 0.0),
            (1, "B".into(), 2, 0.0),
        ];
        let tree = nest(&flat);
        assert_eq!(tree.len(), 2);
        assert_eq!(tree[0].children.len(), 2);
        assert_eq!(tree[1].title, "B");
    }
}

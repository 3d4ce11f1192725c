//! The PDF writer: typesets a [`Document`] (lays out its blocks, paginates and writes them),
//! knowing nothing of the content model it was composed from. One layout engine serves every
//! PDF the tool makes: guides, checklist forms and `collect` reports.

pub mod acroform;
pub mod bidi;
pub mod content;
pub mod coverage;
pub mod fonts;
pub mod formfont;
pub mod layout;
pub mod paginate;
pub mod tags;
pub mod write;

use crate::document::{self as blocks, Document, Front, Kind, Meta, Span};
use crate::locale::Locale;
use crate::model::{GuideEntry, Model};
use fonts::{Shaper, Style};
use layout::{Composer, Draw, Role, MUTED};
use paginate::{paginate, Geometry, Placed};
use std::collections::BTreeSet;

/// A typeset PDF.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters no font has a glyph for (drawn as U+FFFD): reported as warnings.
    pub missing: BTreeSet<char>,
}

/// Whether a guide asks for a PDF.
pub use crate::document::guide::wanted;

/// Where a guide's PDF is written in the site.
pub fn guide_pdf_path(g: &GuideEntry) -> String {
    format!("guides/{0}/{0}.pdf", g.guide.id)
}

/// A PDF written into the site, with what the download link says about it.
pub struct Download {
    pub guide: String,
    pub path: String,
    pub pdf: Pdf,
}

/// Typesets every guide that wants a PDF, and every checklist's fillable form, in parallel:
/// each document is composed, typeset and dropped in turn.
pub fn render_all(model: &Model, loc: &Locale) -> Vec<Download> {
    use rayon::prelude::*;
    crate::document::sources(model)
        .par_iter()
        .map(|s| {
            let doc = s.compose(model, loc);
            Download {
                guide: doc_id(&doc).to_string(),
                path: path_of(&doc),
                pdf: render(&doc, loc),
            }
        })
        .collect()
}

/// Every PDF [`render_all`] would make, where it would write it, without typesetting (for
/// `check`): no bytes and no pages; with `glyphs`, each document is composed and `missing`
/// holds the characters the fonts cannot draw ([`coverage`]), otherwise nothing is composed.
pub fn plan_all(model: &Model, loc: &Locale, glyphs: bool) -> Vec<Download> {
    use crate::document::Source;
    use rayon::prelude::*;
    crate::document::sources(model)
        .par_iter()
        .map(|s| {
            let (guide, path) = match s {
                Source::Guide(g) => (g.guide.id.clone(), guide_pdf_path(g)),
                Source::Checklist(c) => (c.id.clone(), format!("checklists/{}.pdf", c.id)),
            };
            let missing = match glyphs {
                true => coverage::missing(&s.compose(model, loc)),
                false => BTreeSet::new(),
            };
            let pdf = Pdf {
                bytes: Vec::new(),
                pages: 0,
                missing,
            };
            Download { guide, path, pdf }
        })
        .collect()
}

/// The id of what a document was composed from.
fn doc_id(doc: &Document) -> &str {
    match &doc.kind {
        Kind::Guide(id) | Kind::Form(id) | Kind::Report(id) => id,
    }
}

/// Where a document's PDF is written in the site (a report's, in its own folder).
pub fn path_of(doc: &Document) -> String {
    match &doc.kind {
        Kind::Guide(id) => format!("guides/{id}/{id}.pdf"),
        Kind::Form(id) => format!("checklists/{id}.pdf"),
        Kind::Report(_) => "report.pdf".into(),
    }
}

/// Typesets a document: a guide's title page and contents, then its body; any other
/// document's blocks as they come.
pub fn render(doc: &Document, loc: &Locale) -> Pdf {
    let info = info(&doc.meta);
    match &doc.front {
        Some(front) => render_book(doc, front, &info, loc),
        None => typeset(&doc.blocks, &doc.meta.title, &info, loc),
    }
}

/// The document information dictionary's entries.
fn info(m: &Meta) -> write::Info {
    write::Info {
        title: m.title.clone(),
        author: m.author.clone(),
        subject: m.subject.clone(),
        keywords: m.keywords.clone(),
        lang: m.lang.clone(),
        date: m.date.clone(),
        extra: m.properties.clone(),
    }
}

/// "412 KB" or "1.1 MB", as download links show sizes.
pub fn human_size(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

/// Typesets a guide: title page, contents with page numbers, every chapter.
fn render_book(doc: &Document, fm: &Front, info: &write::Info, loc: &Locale) -> Pdf {
    let geom = Geometry::a4();
    let mut shaper = Shaper::default();

    // Front matter: title page, then contents.
    let mut front = Composer::new(&mut shaper, geom.measure());
    front.styled_para(
        &[Span::styled(fm.organisation.clone(), Style::Bold)],
        12.0,
        16.0,
        0.0,
        MUTED,
        Role::Paragraph,
    );
    front.styled_para(
        &[Span::styled(fm.title.clone(), Style::Bold)],
        32.0,
        38.0,
        120.0,
        layout::TEXT,
        Role::Heading(1),
    );
    for (i, spans) in fm.summary.iter().enumerate() {
        front.styled_para(
            spans,
            14.0,
            20.0,
            if i == 0 { 16.0 } else { 8.0 },
            layout::TEXT,
            Role::Paragraph,
        );
    }
    for (i, line) in fm.details.iter().enumerate() {
        front.styled_para(
            line,
            10.5,
            15.0,
            if i == 0 { 40.0 } else { 0.0 },
            MUTED,
            Role::Paragraph,
        );
    }
    if !fm.licence.is_empty() {
        front.styled_para(&fm.licence, 9.0, 12.5, 60.0, MUTED, Role::Paragraph);
    }
    front.page_break();
    front.styled_para(
        &[Span::styled(fm.contents_title.clone(), Style::Bold)],
        22.0,
        27.0,
        0.0,
        layout::TEXT,
        Role::Heading(1),
    );
    if let Some(u) = front.units.last_mut() {
        u.anchor = Some("contents".into());
        u.outline = Some((1, fm.contents_title.clone()));
    }
    front.open(tags::Kind::TOC);
    for e in &fm.contents {
        front.contents_entry(e.level, &e.text, &e.anchor);
    }
    front.close();
    let front_units = std::mem::take(&mut front.units);
    let front_paged = paginate(front_units, &front.headers, &geom, &mut front.tree);
    let tree = std::mem::take(&mut front.tree);
    drop(front);

    // The body's elements follow the front matter's in one structure tree; its pages are
    // written out as they are finished.
    let offset = front_paged.pages.len();
    let mut writer = write::Writer::new(geom);
    let mut body = Composer::new(&mut shaper, geom.measure());
    body.tree = tree;
    let (body_paged, _) = stream_body(&mut body, &doc.blocks, &mut writer, offset);
    let tree = std::mem::take(&mut body.tree);
    drop(body);

    let mut anchors_at = body_paged.anchors;
    anchors_at.extend(front_paged.anchors);
    let mut outline = front_paged
        .outline
        .into_iter()
        .filter(|o| o.1 == fm.contents_title)
        .collect::<Vec<_>>();
    outline.extend(body_paged.outline);
    for (i, page) in front_paged.pages.into_iter().enumerate() {
        writer.page(i, page, &tree, &anchors_at, &mut shaper);
    }
    add_furniture(&mut writer, &doc.meta.title, &mut shaper, &tree, 1, loc);
    let pages = writer.pages();
    let bytes = writer.finish(&anchors_at, &outline, info, &tree, &shaper);
    Pdf {
        bytes,
        pages,
        missing: shaper.missing,
    }
}

/// Lays out the body block by block and hands each finished chapter's pages to `writer`, so
/// only the chapter being laid out is held, and of it only its units (each page's draws are
/// written as soon as the page is set). Pagination decides within a chapter (each starts a
/// page), so chapters paginated one at a time land where one pagination of the whole would
/// put them. Pages are numbered from `first`; a page reference (contents pages only, which
/// are not in the body) resolves to anchors of the chapters before. Returns where the anchors
/// and outline entries landed, and the most units held at once (the longest chapter's).
fn stream_body(
    body: &mut Composer<'_>,
    blocks: &[blocks::Block],
    writer: &mut write::Writer,
    first: usize,
) -> (paginate::Paged, usize) {
    let mut done = paginate::Paged::default();
    let mut next_page = first;
    // Units below this index were looked at for a chapter start by an earlier call and had
    // none: each unit is looked at once, not once per block (a chapter of many paragraphs
    // made that quadratic).
    let mut scanned = 1;
    // The most units paginated at once: the longest chapter's.
    let mut held = 0;
    let mut flush = |body: &mut Composer<'_>, upto: usize, done: &mut paginate::Paged| {
        // Units are handed on up to the last chapter start (not after a lead-in, which a page
        // break would carry along); the last block's units wait, in case the layout changes
        // them while it sets the next block.
        let cut = (scanned.max(1)..upto)
            .rev()
            .find(|&k| body.units[k].page_break_before && !body.units[k - 1].lead);
        scanned = scanned.max(upto);
        let Some(cut) = cut.or((upto == body.units.len() && upto > 0).then_some(upto)) else {
            return;
        };
        scanned -= cut;
        let rest = body.units.split_off(cut);
        let chapter = std::mem::replace(&mut body.units, rest);
        held = held.max(chapter.len());
        // Each page is written as soon as it is set; the chapter's units go with it.
        let offset = next_page;
        let mut index = offset;
        let (tree, shaper) = (&mut body.tree, &mut *body.shaper);
        let paged = paginate::paginate_each(
            chapter,
            &body.headers,
            &Geometry::a4(),
            tree,
            |page, tree| {
                writer.page(index, page, tree, &done.anchors, shaper);
                index += 1;
            },
        );
        next_page = index;
        done.anchors.extend(
            paged
                .anchors
                .into_iter()
                .map(|(k, (p, y))| (k, (p + offset, y))),
        );
        done.outline.extend(
            paged
                .outline
                .into_iter()
                .map(|(l, t, p, y)| (l, t, p + offset, y)),
        );
    };
    for b in blocks {
        let before = body.units.len();
        body.block(b, 0.0, &[]);
        flush(body, before, &mut done);
    }
    while !body.units.is_empty() {
        let all = body.units.len();
        flush(body, all, &mut done);
    }
    if next_page == first {
        // An empty body still has its page.
        writer.page(first, Vec::new(), &body.tree, &done.anchors, body.shaper);
    }
    (done, held)
}

/// Typesets a simple document (no title page or contents): `blocks` laid out on A4 with the
/// running header `header` and page numbers, written with `info`. Checklist forms and
/// summary reports use it; guides add front matter first.
pub(crate) fn typeset(
    blocks: &[blocks::Block],
    header: &str,
    info: &write::Info,
    loc: &Locale,
) -> Pdf {
    let geom = Geometry::a4();
    let mut shaper = Shaper::default();
    let mut comp = Composer::new(&mut shaper, geom.measure());
    comp.blocks(blocks, 0.0, &[]);
    let (units, headers, mut tree) = (comp.units, comp.headers, comp.tree);
    let paged = paginate(units, &headers, &geom, &mut tree);
    drop(headers);
    let mut writer = write::Writer::new(geom);
    for (i, page) in paged.pages.into_iter().enumerate() {
        writer.page(i, page, &tree, &paged.anchors, &mut shaper);
    }
    add_furniture(&mut writer, header, &mut shaper, &tree, 0, loc);
    let pages = writer.pages();
    let bytes = writer.finish(&paged.anchors, &paged.outline, info, &tree, &shaper);
    Pdf {
        bytes,
        pages,
        missing: shaper.missing,
    }
}

/// Running header (the guide's title) and "Page N of M" on every page written but the first
/// `from` (1 skips a title page), each page's last content stream: the page count is known
/// only once every page is written.
fn add_furniture(
    writer: &mut write::Writer,
    title: &str,
    shaper: &mut Shaper,
    tree: &tags::Tree,
    from: usize,
    loc: &Locale,
) {
    let g = Geometry::a4();
    let total = writer.pages();
    for i in from..total {
        let mut page = Vec::with_capacity(3);
        let size = 8.5;
        let head_y = g.top + 22.0;
        let glyphs = shaper.shape(Style::Regular, title).glyphs;
        page.push(Placed {
            draw: Draw::Text {
                x: g.left,
                y: head_y,
                size,
                style: Style::Regular,
                glyphs,
                colour: MUTED,
            },
            role: Role::Artifact,
            elem: None,
        });
        page.push(Placed {
            draw: Draw::Rule {
                x1: g.left,
                x2: g.width - g.left,
                y: head_y - 6.0,
                width: 0.5,
                colour: (0.69, 0.71, 0.71),
            },
            role: Role::Artifact,
            elem: None,
        });
        let (glyphs, w) = footer(shaper, size, loc.get("pdf_page_of"), i + 1, total);
        page.push(Placed {
            draw: Draw::Text {
                x: g.width - g.left - w,
                y: g.bottom - 28.0,
                size,
                style: Style::Regular,
                glyphs,
                colour: MUTED,
            },
            role: Role::Artifact,
            elem: None,
        });
        writer.furniture(i, page, tree, shaper);
    }
}

/// "Page N of M" (the locale's `template`, "Page {n} of {total}") shaped from its words,
/// spaces and single digits, which the shaper has cached after the first page (shaping each
/// page's own string anew costs more than the page's text); digits and spaces do not kern, so
/// the glyphs are those of the whole string. Returns the glyphs and their width at `size`.
fn footer(
    shaper: &mut Shaper,
    size: f32,
    template: &str,
    n: usize,
    total: usize,
) -> (Vec<fonts::Glyph>, f32) {
    let text = crate::locale::fill(
        template,
        &[("n", &n.to_string()), ("total", &total.to_string())],
    );
    // Cut before and after every space and digit.
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' || c.is_ascii_digit() {
            if start < i {
                parts.push(&text[start..i]);
            }
            parts.push(&text[i..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        parts.push(&text[start..]);
    }
    let mut glyphs = Vec::new();
    let mut width = 0.0;
    for part in parts {
        width += shaper.width(Style::Regular, size, part);
        glyphs.extend(shaper.shape(Style::Regular, part).glyphs);
    }
    (glyphs, width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use blocks::{Block, ParaKind};

    fn para(words: usize) -> Block {
        Block::Para {
            spans: vec![Span::plain(vec!["word"; words].join(" "))],
            kind: ParaKind::Body,
        }
    }

    fn heading(level: u8, n: usize) -> Block {
        Block::Heading {
            level,
            text: format!("Heading {n}"),
            anchor: Some(format!("h{n}")),
        }
    }

    /// Chapters of sections (headings keep with their text), lists, quotes and long tables
    /// whose header repeats. The first chapter is the longest, and the next two together
    /// longer than it.
    fn document() -> Vec<Block> {
        let mut blocks = Vec::new();
        for i in 0..60 {
            let chapter = [0, 26, 38, 50].contains(&i);
            blocks.push(heading(if chapter { 1 } else { 2 }, i));
            blocks.push(para(15 + (i * 37) % 140));
            match i % 4 {
                0 => blocks.push(Block::List {
                    ordered: i % 8 == 0,
                    items: (0..5).map(|k| vec![para(8 + k * 9)]).collect(),
                }),
                1 => blocks.push(Block::Table {
                    align: Vec::new(),
                    caption: Some(format!("Table {i}")),
                    header: vec![vec![Span::plain("Name")], vec![Span::plain("Value")]],
                    rows: (0..10 + i * 2)
                        .map(|r| vec![vec![Span::plain(format!("Row {r}"))], vec![]])
                        .collect(),
                }),
                2 => blocks.push(Block::Aside {
                    title: Some(format!("Example {i}")),
                    blocks: vec![para(40), para(60)],
                    quote: i % 3 == 0,
                }),
                _ => blocks.push(heading(3, 1000 + i)),
            }
        }
        blocks
    }

    #[test]
    fn a_footer_shaped_in_pieces_is_the_whole_string_shaped() {
        let mut shaper = Shaper::default();
        for (n, total) in [(1, 9), (12, 418), (307, 1200)] {
            let (glyphs, w) = footer(&mut shaper, 8.5, "Page {n} of {total}", n, total);
            let text = format!("Page {n} of {total}");
            let whole = shaper.shape(Style::Regular, &text).glyphs;
            let gids = |g: &[fonts::Glyph]| g.iter().map(|c| (c.gid, c.offset)).collect::<Vec<_>>();
            assert_eq!(gids(&glyphs), gids(&whole), "{text}");
            assert!(
                (w - shaper.width(Style::Regular, 8.5, &text)).abs() < 0.01,
                "{text}"
            );
        }
    }

    #[test]
    fn pages_written_as_they_are_finished_land_where_one_pagination_puts_them() {
        let g = Geometry::a4();
        let blocks = document();
        let mut shaper = Shaper::default();
        let mut whole = Composer::new(&mut shaper, g.measure());
        whole.blocks(&blocks, 0.0, &[]);
        let units = std::mem::take(&mut whole.units);
        // The chapters' lengths in units: each chapter starts with a page break.
        let starts: Vec<usize> = (0..units.len())
            .filter(|&k| k == 0 || units[k].page_break_before)
            .chain([units.len()])
            .collect();
        let longest = starts.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        let length = |c: usize| starts[c + 1] - starts[c];
        assert!(starts.len() == 5 && longest == length(0), "{starts:?}");
        assert!(length(1) + length(2) > longest, "{starts:?}");
        let expected = paginate(units, &whole.headers, &g, &mut whole.tree);
        assert!(expected.pages.len() > 30, "{} pages", expected.pages.len());

        let mut shaper = Shaper::default();
        let mut body = Composer::new(&mut shaper, g.measure());
        let mut writer = write::Writer::new(g);
        let (streamed, held) = stream_body(&mut body, &blocks, &mut writer, 2);
        assert_eq!(writer.pages(), expected.pages.len() + 2);
        assert_eq!(streamed.anchors.len(), expected.anchors.len());
        for (name, (page, y)) in &expected.anchors {
            assert_eq!(streamed.anchors[name], (page + 2, *y), "anchor {name}");
        }
        let shifted: Vec<_> = expected
            .outline
            .iter()
            .map(|(l, t, p, y)| (*l, t.clone(), p + 2, *y))
            .collect();
        assert_eq!(streamed.outline, shifted);
        // Repeated table headers became header rows in both trees alike.
        assert_eq!(body.tree.elems.len(), whole.tree.elems.len());
        // Only one chapter's units were held at a time.
        assert_eq!(held, longest);
    }
}

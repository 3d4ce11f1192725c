//! Typeset PDFs of guides: compose blocks from the content, lay them out, paginate and write.
//! One layout engine serves every PDF the tool makes.

pub mod acroform;
pub mod bidi;
pub mod blocks;
pub mod checklist;
pub mod compose;
pub mod fonts;
pub mod formfont;
pub mod layout;
pub mod paginate;
pub mod tags;
pub mod write;

use crate::model::{GuideEntry, Model, PdfSetting};
use blocks::{MarkdownReader, Span};
use compose::{chapter_anchor, local_anchors, pdf_chapters, section_anchor, GuideComposer};
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
pub fn wanted(g: &GuideEntry) -> bool {
    match &g.guide.pdf {
        PdfSetting::Enabled(on) => *on,
        PdfSetting::Detailed { enabled, .. } => *enabled,
    }
}

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

/// Typesets every guide that wants a PDF, and every checklist's fillable form, in parallel.
pub fn render_all(model: &Model) -> Vec<Download> {
    use rayon::prelude::*;
    let guides = model
        .guides
        .par_iter()
        .filter(|g| wanted(g))
        .map(|g| Download {
            guide: g.guide.id.clone(),
            path: guide_pdf_path(g),
            pdf: render_guide(model, g),
        });
    let forms = model.checklists.par_iter().map(|c| Download {
        guide: c.id.clone(),
        path: format!("checklists/{}.pdf", c.id),
        pdf: checklist::render_checklist(model, c),
    });
    guides.chain(forms).collect()
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
pub fn render_guide(model: &Model, g: &GuideEntry) -> Pdf {
    let geom = Geometry::a4();
    let site = model.site.as_ref();
    let site_url = site.map_or(String::new(), |s| s.base_url.clone());
    let anchors = local_anchors(g);
    let local = |id: &str| anchors.get(id).cloned();
    let reader = MarkdownReader {
        model,
        base: 3,
        local: &local,
        site_url: &site_url,
    };
    let chapters = pdf_chapters(g);
    let gc = GuideComposer { model, reader };
    let body_blocks = gc.chapters(&chapters);
    let mut shaper = Shaper::default();

    // Front matter: title page, then contents.
    let gd = &g.guide;
    let mut front = Composer::new(&mut shaper, geom.measure());
    let org = site.map_or(String::new(), |s| s.organisation.clone());
    front.styled_para(
        &[Span::styled(org.clone(), Style::Bold)],
        12.0,
        16.0,
        0.0,
        MUTED,
        Role::Paragraph,
    );
    front.styled_para(
        &[Span::styled(gd.title.clone(), Style::Bold)],
        32.0,
        38.0,
        120.0,
        layout::TEXT,
        Role::Heading(1),
    );
    for (i, spans) in gc.reader.paragraphs(&gd.summary).iter().enumerate() {
        front.styled_para(
            spans,
            14.0,
            20.0,
            if i == 0 { 16.0 } else { 8.0 },
            layout::TEXT,
            Role::Paragraph,
        );
    }
    let mut meta = vec![format!("For {}", gd.service.label().to_lowercase())];
    if let Some(a) = &gd.audience {
        meta.push(format!("Audience: {a}"));
    }
    for (label, v) in [("Published", &gd.published), ("Updated", &gd.updated)] {
        if let Some(d) = v {
            meta.push(format!("{label}: {}", crate::render::views::long_date(d)));
        }
    }
    if let Some(v) = &gd.version {
        meta.push(format!("Version {v}"));
    }
    for (i, line) in meta.iter().enumerate() {
        front.styled_para(
            &[Span::plain(line.clone())],
            10.5,
            15.0,
            if i == 0 { 40.0 } else { 0.0 },
            MUTED,
            Role::Paragraph,
        );
    }
    if let Some(s) = site {
        // The web address and the e-mail address are live links.
        let link = |text: &str, to: String| Span {
            link: Some(blocks::Link::Uri(to)),
            ..Span::plain(text)
        };
        let licence = [
            Span::plain(format!(
                "© {}. Published under the {}. This PDF is also available as web pages at ",
                s.organisation, s.licence
            )),
            link(&s.base_url, s.base_url.clone()),
            Span::plain("; to ask for another format, email "),
            link(&s.contact_email, format!("mailto:{}", s.contact_email)),
            Span::plain("."),
        ];
        front.styled_para(&licence, 9.0, 12.5, 60.0, MUTED, Role::Paragraph);
    }
    front.page_break();
    front.styled_para(
        &[Span::styled("Contents", Style::Bold)],
        22.0,
        27.0,
        0.0,
        layout::TEXT,
        Role::Heading(1),
    );
    if let Some(u) = front.units.last_mut() {
        u.anchor = Some("contents".into());
        u.outline = Some((1, "Contents".into()));
    }
    front.open(tags::Kind::TOC);
    for c in &chapters {
        front.contents_entry(1, &c.title, &chapter_anchor(&c.id));
        for s in &c.sections {
            front.contents_entry(2, &s.heading, &section_anchor(&c.id, &s.id));
        }
    }
    front.close();
    let (front_units, front_headers, tree) = (
        std::mem::take(&mut front.units),
        std::mem::take(&mut front.headers),
        std::mem::take(&mut front.tree),
    );

    // The body's elements follow the front matter's in one structure tree.
    let mut body = Composer::new(&mut shaper, geom.measure());
    body.tree = tree;
    body.blocks(&body_blocks, 0.0, &[]);
    let (body_units, body_headers, mut tree) = (body.units, body.headers, body.tree);

    let front_paged = paginate(&front_units, &front_headers, &geom, &mut tree);
    let mut body_paged = paginate(&body_units, &body_headers, &geom, &mut tree);
    let offset = front_paged.pages.len();
    let mut pages = front_paged.pages;
    let mut anchors_at = front_paged.anchors;
    let mut outline = front_paged
        .outline
        .into_iter()
        .filter(|o| o.1 == "Contents")
        .collect::<Vec<_>>();
    pages.append(&mut body_paged.pages);
    anchors_at.extend(
        body_paged
            .anchors
            .into_iter()
            .map(|(k, (p, y))| (k, (p + offset, y))),
    );
    outline.extend(
        body_paged
            .outline
            .into_iter()
            .map(|(l, t, p, y)| (l, t, p + offset, y)),
    );

    add_furniture(&mut pages, &gd.title, &mut shaper, &geom, 1);
    let info = write::Info {
        title: gd.title.clone(),
        author: org,
        subject: crate::markdown::plain_text(&gd.summary),
        keywords: std::iter::once("effective practice".to_string())
            .chain(std::iter::once(gd.service.label().to_lowercase()))
            .chain(chapters.iter().map(|c| c.title.clone()))
            .collect(),
        lang: gd
            .lang
            .clone()
            .or_else(|| site.map(|s| s.language.clone()))
            .unwrap_or_else(|| "en-GB".into()),
        date: gd.updated.clone().or_else(|| gd.published.clone()),
        extra: Vec::new(),
    };
    let n = pages.len();
    let bytes = write::write(
        &pages,
        &anchors_at,
        &outline,
        &info,
        &tree,
        &mut shaper,
        &geom,
    );
    Pdf {
        bytes,
        pages: n,
        missing: shaper.missing,
    }
}

/// Running header (the guide's title) and "Page N of M" on every page but the title page.
/// `from` is the first page that gets them (1 skips a title page).
/// Typesets a simple document (no title page or contents): `blocks` laid out on A4 with the
/// running header `header` and page numbers, written with `info`. Checklist forms and
/// summary reports use it; guides add front matter first.
pub(crate) fn typeset(blocks: &[blocks::Block], header: &str, info: &write::Info) -> Pdf {
    let geom = Geometry::a4();
    let mut shaper = Shaper::default();
    let mut comp = Composer::new(&mut shaper, geom.measure());
    comp.blocks(blocks, 0.0, &[]);
    let (units, headers, mut tree) = (comp.units, comp.headers, comp.tree);
    let paged = paginate(&units, &headers, &geom, &mut tree);
    let mut pages = paged.pages;
    add_furniture(&mut pages, header, &mut shaper, &geom, 0);
    let n = pages.len();
    let bytes = write::write(
        &pages,
        &paged.anchors,
        &paged.outline,
        info,
        &tree,
        &mut shaper,
        &geom,
    );
    Pdf {
        bytes,
        pages: n,
        missing: shaper.missing,
    }
}

fn add_furniture(
    pages: &mut [Vec<Placed>],
    title: &str,
    shaper: &mut Shaper,
    g: &Geometry,
    from: usize,
) {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate().skip(from) {
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
        let footer = format!("Page {} of {}", i + 1, total);
        let w = shaper.width(Style::Regular, size, &footer);
        let glyphs = shaper.shape(Style::Regular, &footer).glyphs;
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
    }
}

//! Composing a guide: its title page, contents and chapters as a document, from the same
//! content (and the same Markdown) as its web pages.

use super::{
    Bar, Block, ContentsEntry, Document, Front, Kind, Link, MarkdownReader, Meta, ParaKind, Span,
    Style,
};
use crate::locale::Locale;
use crate::model::*;
use crate::render::figures;
use std::collections::HashMap;

/// Whether a guide asks for a PDF (and so a document).
pub fn wanted(g: &GuideEntry) -> bool {
    match &g.guide.pdf {
        PdfSetting::Enabled(on) => *on,
        PdfSetting::Detailed { enabled, .. } => *enabled,
    }
}

/// Composes a guide: title page, contents, every chapter it puts in its PDF.
pub fn compose(model: &Model, g: &GuideEntry, loc: &Locale) -> Document {
    let site = model.site.as_ref();
    let site_url = site.map_or(String::new(), |s| s.base_url.clone());
    let anchors = local_anchors(g);
    let local = |id: &str| anchors.get(id).cloned();
    let reader = MarkdownReader {
        model,
        base: 3,
        local: &local,
        site_url: &site_url,
        locale: loc,
    };
    let chapters = pdf_chapters(g);
    let parts = pdf_parts(g, loc);
    let gc = GuideComposer { model, reader, loc };
    let blocks = gc.parts(&parts);
    let gd = &g.guide;
    let service = model.label(VocabKind::Service, &gd.service).to_lowercase();
    // The service's label in its own language when it fell back to another.
    let service_span = Span {
        lang: model.label_lang(VocabKind::Service, &gd.service),
        ..Span::plain(service.clone())
    };
    let mut details = vec![super::fill_span(loc, "pdf_for", "service", service_span)];
    if let Some(a) = &gd.audience {
        details.push(vec![Span::plain(
            loc.fmt("pdf_audience", &[("audience", a)]),
        )]);
    }
    for (key, v) in [
        ("pdf_published", &gd.published),
        ("pdf_updated", &gd.updated),
    ] {
        if let Some(d) = v {
            details.push(vec![Span::plain(
                loc.fmt(key, &[("date", &loc.long_date(d))]),
            )]);
        }
    }
    if let Some(v) = &gd.version {
        details.push(vec![Span::plain(loc.fmt("pdf_version", &[("version", v)]))]);
    }
    let organisation = site.map_or(String::new(), |s| s.organisation.clone());
    let front = Front {
        organisation: organisation.clone(),
        title: gd.title.clone(),
        summary: gc.reader.paragraphs(&gd.summary),
        details,
        licence: site.map(|s| licence(s, loc)).unwrap_or_default(),
        contents_title: loc.get("contents").into(),
        contents: contents(&parts),
    };
    let meta = Meta {
        title: gd.title.clone(),
        author: organisation,
        subject: crate::markdown::plain_text(&gd.summary),
        keywords: std::iter::once(loc.get("pdf_keyword").to_string())
            .chain(std::iter::once(service))
            .chain(chapters.iter().map(|c| c.title.clone()))
            .collect(),
        lang: gd
            .lang
            .clone()
            .or_else(|| site.map(|s| s.language.clone()))
            .unwrap_or_else(|| "en-GB".into()),
        date: gd.updated.clone().or_else(|| gd.published.clone()),
        properties: Vec::new(),
    };
    Document {
        kind: Kind::Guide(gd.id.clone()),
        meta,
        front: Some(front),
        blocks,
    }
}

/// The title page's licence line: the web address and the e-mail address are live links.
fn licence(s: &Site, loc: &Locale) -> Vec<Span> {
    let link = |text: &str, to: String| Span {
        link: Some(Link::Uri(to)),
        ..Span::plain(text)
    };
    vec![
        Span::plain(
            loc.fmt(
                "pdf_licence",
                &[("organisation", &s.organisation), ("licence", &s.licence)],
            ) + " ",
        ),
        link(&s.base_url, s.base_url.clone()),
        Span::plain(loc.get("pdf_other_format").to_string() + " "),
        link(&s.contact_email, format!("mailto:{}", s.contact_email)),
        Span::plain(loc.get("pdf_end")),
    ]
}

/// The contents: each part, its chapters and their sections.
fn contents(parts: &[(Option<String>, Vec<&Entry<Chapter>>)]) -> Vec<ContentsEntry> {
    let entry = |level, text: &str, anchor| ContentsEntry {
        level,
        text: text.to_string(),
        anchor,
    };
    let mut out = Vec::new();
    for (i, (heading, in_part)) in parts.iter().enumerate() {
        if let Some(h) = heading {
            out.push(entry(0, h, part_anchor(i + 1)));
        }
        for c in in_part {
            out.push(entry(1, &c.title, chapter_anchor(&c.id)));
            for s in &c.sections {
                out.push(entry(2, &s.heading, section_anchor(&c.id, &s.id)));
            }
        }
    }
    out
}

/// A chapter's anchor in the PDF.
pub fn chapter_anchor(chapter: &str) -> String {
    format!("c-{chapter}")
}

/// A section's anchor in the PDF.
pub fn section_anchor(chapter: &str, section: &str) -> String {
    format!("s-{chapter}-{section}")
}

/// The chapters a guide's PDF contains, in reading order.
pub fn pdf_chapters(g: &GuideEntry) -> Vec<&Entry<Chapter>> {
    let chosen: Option<&Vec<String>> = match &g.guide.pdf {
        PdfSetting::Detailed { chapters, .. } if !chapters.is_empty() => Some(chapters),
        _ => None,
    };
    crate::render::pages::ordered(g)
        .into_iter()
        .filter(|c| chosen.is_none_or(|list| list.contains(&c.id)))
        .collect()
}

/// A part's anchor in the PDF (`n` from 1).
pub fn part_anchor(n: usize) -> String {
    format!("p-{n}")
}

/// The guide's PDF chapters in its parts: per part with a chapter in the PDF, its heading
/// ("Part 1: …") and those chapters; for a guide without parts, one group without a heading.
pub fn pdf_parts<'g>(
    g: &'g GuideEntry,
    loc: &crate::locale::Locale,
) -> Vec<(Option<String>, Vec<&'g Entry<Chapter>>)> {
    let chapters = pdf_chapters(g);
    if g.guide.parts.is_empty() {
        return vec![(None, chapters)];
    }
    crate::render::parts::parts_of(g)
        .into_iter()
        .map(|(p, in_part)| {
            let kept: Vec<&Entry<Chapter>> = in_part
                .into_iter()
                .filter(|c| chapters.iter().any(|k| k.id == c.id))
                .collect();
            (p, kept)
        })
        .filter(|(_, kept)| !kept.is_empty())
        .enumerate()
        .map(|(i, (p, kept))| {
            (
                Some(crate::render::parts::part_heading(i + 1, p, loc)),
                kept,
            )
        })
        .collect()
}

/// Where each entity shown in the guide first appears, for links inside the PDF.
pub fn local_anchors(g: &GuideEntry) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for c in pdf_chapters(g) {
        map.entry(c.id.clone())
            .or_insert_with(|| chapter_anchor(&c.id));
        for s in &c.sections {
            let a = section_anchor(&c.id, &s.id);
            for id in [&s.evidence, &s.findings, &s.example, &s.scale, &s.standard]
                .into_iter()
                .flatten()
            {
                map.entry(id.clone()).or_insert_with(|| a.clone());
            }
            for q in &s.quotes {
                map.entry(q.clone()).or_insert_with(|| a.clone());
            }
        }
    }
    map
}

/// Builds the blocks of a guide's chapters.
pub struct GuideComposer<'a> {
    pub model: &'a Model,
    pub reader: MarkdownReader<'a>,
    /// The interface strings of the guide's language.
    pub loc: &'a Locale,
}

impl GuideComposer<'_> {
    fn md(&self, text: &str, base: u8) -> Vec<Block> {
        let r = MarkdownReader {
            base,
            ..self.reader_ref()
        };
        r.read(text)
    }

    fn reader_ref(&self) -> MarkdownReader<'_> {
        MarkdownReader {
            model: self.reader.model,
            base: self.reader.base,
            local: self.reader.local,
            site_url: self.reader.site_url,
            locale: self.reader.locale,
        }
    }

    fn small(text: impl Into<String>) -> Block {
        Block::Para {
            spans: vec![Span::plain(text)],
            kind: ParaKind::Small,
        }
    }

    /// The blocks of every part (its heading, then its chapters), from [`pdf_parts`].
    pub fn parts(&self, parts: &[(Option<String>, Vec<&Entry<Chapter>>)]) -> Vec<Block> {
        let mut out = Vec::new();
        for (i, (heading, chapters)) in parts.iter().enumerate() {
            if let Some(h) = heading {
                out.push(Block::Heading {
                    level: 0,
                    text: h.clone(),
                    anchor: Some(part_anchor(i + 1)),
                });
            }
            out.extend(self.chapters(chapters));
        }
        out
    }

    /// The blocks of every chapter.
    pub fn chapters(&self, chapters: &[&Entry<Chapter>]) -> Vec<Block> {
        let mut out = Vec::new();
        for c in chapters {
            out.push(Block::Heading {
                level: 1,
                text: c.title.clone(),
                anchor: Some(chapter_anchor(&c.id)),
            });
            if let Some(s) = &c.summary {
                // Every paragraph of the summary, set as the lead.
                out.extend(self.reader.read(s).into_iter().map(|b| match b {
                    Block::Para { spans, .. } => Block::Para {
                        spans,
                        kind: ParaKind::Lead,
                    },
                    other => other,
                }));
            }
            for s in &c.sections {
                out.push(Block::Heading {
                    level: 2,
                    text: s.heading.clone(),
                    anchor: Some(section_anchor(&c.id, &s.id)),
                });
                if let Some(b) = &s.body {
                    out.extend(self.md(b, 3));
                }
                self.section_content(s, &mut out);
            }
        }
        out
    }

    /// A composer for content in language `lang`: its interface words and labels.
    fn in_lang(&self, lang: &str) -> GuideComposer<'_> {
        let loc = self.loc.in_lang(lang);
        GuideComposer {
            model: self.model,
            reader: MarkdownReader {
                locale: loc,
                ..self.reader_ref()
            },
            loc,
        }
    }

    /// Composes an entity whose language is `lang` with `f`: when it differs from the
    /// document's (an untranslated entity in a translated guide), whole in that language, in
    /// one `Div` marked with it (WCAG 3.1.2).
    fn in_own_lang(
        &self,
        lang: &Option<String>,
        out: &mut Vec<Block>,
        f: impl FnOnce(&GuideComposer, &mut Vec<Block>),
    ) {
        match crate::lang::foreign(self.model, lang.as_deref()) {
            Some(l) => {
                let mut blocks = Vec::new();
                f(&self.in_lang(l), &mut blocks);
                out.push(Block::Lang {
                    lang: l.to_string(),
                    blocks,
                });
            }
            None => f(self, out),
        }
    }

    /// A vocabulary label in this composer's language.
    fn label<'b>(&'b self, kind: VocabKind, id: &'b str) -> &'b str {
        self.model.label_in(kind, id, &self.loc.lang)
    }

    fn section_content(&self, s: &Section, out: &mut Vec<Block>) {
        let m = self.model;
        if let Some(e) = s
            .evidence
            .as_deref()
            .and_then(|id| m.evidence.iter().find(|e| e.id == id))
        {
            self.in_own_lang(&e.lang, out, |c, out| c.evidence(e, out));
        }
        if let Some(st) = s.standard.as_deref().and_then(|id| m.standard(id)) {
            self.in_own_lang(&st.lang, out, |c, out| c.standard(st, out));
        }
        if let Some(f) = s
            .findings
            .as_deref()
            .and_then(|id| m.findings.iter().find(|e| e.id == id))
        {
            self.in_own_lang(&f.lang, out, |c, out| c.findings(f, out));
        }
        if let Some(e) = s
            .example
            .as_deref()
            .and_then(|id| m.examples.iter().find(|e| e.id == id))
        {
            self.in_own_lang(&e.lang, out, |c, out| out.push(c.example(e)));
        }
        if let Some(sc) = s.scale.as_deref().and_then(|id| m.scale(id)) {
            self.in_own_lang(&sc.lang, out, |c, out| c.scale(sc, out));
        }
        for q in &s.quotes {
            if let Some((file, q)) = m.quotes().find(|(_, x)| &x.id == q) {
                self.in_own_lang(&file.lang, out, |_, out| out.push(Self::quote(file, q)));
            }
        }
    }

    fn evidence(&self, e: &Entry<EvidenceSummary>, out: &mut Vec<Block>) {
        if let Some(t) = &e.summary {
            out.extend(self.md(t, 3));
        }
        for p in &e.points {
            out.push(Block::Heading {
                level: 3,
                text: p.heading.clone(),
                anchor: None,
            });
            out.extend(self.md(&p.text, 4));
            if !p.citations.is_empty() {
                let sources = p.citations.join("; ");
                out.push(Self::small(
                    self.loc.fmt("sources", &[("sources", &sources)]),
                ));
            }
        }
    }

    fn standard(&self, st: &Entry<Standard>, out: &mut Vec<Block>) {
        out.push(Block::Para {
            spans: vec![Span::plain(format!(
                "{} {} {}:",
                self.loc.get("expectations_intro"),
                st.number,
                st.title
            ))],
            kind: ParaKind::Body,
        });
        for kq in &st.key_questions {
            let heading = Block::Heading {
                level: 3,
                text: self
                    .label(VocabKind::PracticeArea, &kq.practice_area)
                    .to_string(),
                anchor: None,
            };
            // A label that fell back to another language is marked as that language.
            let lang = (self.model).label_lang_in(
                VocabKind::PracticeArea,
                &kq.practice_area,
                &self.loc.lang,
            );
            out.push(match lang {
                Some(lang) => Block::Lang {
                    lang,
                    blocks: vec![heading],
                },
                None => heading,
            });
            out.push(Block::Para {
                spans: vec![
                    Span::styled(format!("{} ", kq.code), Style::Bold),
                    Span::plain(kq.text.clone()),
                ],
                kind: ParaKind::Body,
            });
            if !kq.prompts.is_empty() {
                out.push(Block::Para {
                    spans: vec![Span::plain(self.loc.get("expectations_should"))],
                    kind: ParaKind::Body,
                });
                let items = kq
                    .prompts
                    .iter()
                    .map(|p| {
                        vec![Block::Para {
                            spans: vec![Span::plain(
                                p.imperative.clone().unwrap_or_else(|| p.text.clone()),
                            )],
                            kind: ParaKind::Body,
                        }]
                    })
                    .collect();
                out.push(Block::List {
                    ordered: false,
                    items,
                });
            }
        }
    }

    fn scale(&self, sc: &Entry<ClassificationScale>, out: &mut Vec<Block>) {
        if let Some(d) = &sc.description {
            out.extend(self.md(d, 3));
        }
        let rows = sc
            .levels
            .iter()
            .map(|l| {
                vec![
                    vec![Span::styled(l.label.clone(), Style::Bold)],
                    self.reader.joined(&l.definition),
                ]
            })
            .collect();
        out.push(Block::Table {
            align: Vec::new(),
            caption: Some(self.loc.fmt("scale_caption", &[("scale", &sc.title)])),
            header: vec![
                vec![Span::plain(self.loc.get("scale_level"))],
                vec![Span::plain(self.loc.get("scale_meaning"))],
            ],
            rows,
        });
    }

    /// A quote, in its file's language (its `/Lang`).
    fn quote(file: &Entry<QuoteFile>, q: &Quote) -> Block {
        Block::Aside {
            title: None,
            quote: true,
            blocks: vec![
                Block::Para {
                    spans: vec![Span {
                        lang: file.lang.clone().filter(|l| crate::markdown::valid_lang(l)),
                        ..Span::plain(q.marked_text())
                    }],
                    kind: ParaKind::Body,
                },
                Block::Para {
                    spans: vec![Span::styled(format!("— {}", q.attribution), Style::Regular)],
                    kind: ParaKind::Small,
                },
            ],
        }
    }

    fn findings(&self, f: &Entry<Findings>, out: &mut Vec<Block>) {
        let loc = self.loc;
        let table = figures::table(f, self.model.small_number_threshold(), loc);
        let mut source = format!("{} {}", loc.get("findings_from"), f.source.publication);
        if let Some(d) = &f.source.date {
            source.push_str(&format!(", {}", loc.long_date(d)));
        }
        let sample = loc.fmt("findings_sample", &[("sample", &table.sample)]);
        source.push_str(&format!(". {sample}."));
        out.push(Self::small(source));
        if let Some(t) = &f.summary {
            out.extend(self.md(t, 3));
        }
        if !f.statistics.is_empty() {
            out.push(Block::Chart {
                title: figures::chart_title(f, loc),
                bars: table
                    .rows
                    .iter()
                    .map(|r| Bar {
                        label: r.label.clone(),
                        percent: r.bar as f32,
                        figure: r.figure.clone(),
                    })
                    .collect(),
            });
            let rows = table
                .rows
                .iter()
                .map(|r| {
                    let percent = match r.small {
                        true => format!("{}{}", r.percent, loc.get("report_small_number")),
                        false => r.percent.clone(),
                    };
                    vec![
                        vec![Span::plain(r.label.clone())],
                        vec![Span::plain(r.numerator.clone())],
                        vec![Span::plain(r.denominator.clone())],
                        vec![Span::plain(percent)],
                    ]
                })
                .collect();
            out.push(Block::Table {
                align: Vec::new(),
                caption: Some(table.caption.clone()),
                header: [
                    "findings_finding",
                    "findings_cases",
                    "findings_out_of",
                    "findings_percentage",
                ]
                .iter()
                .map(|h| vec![Span::plain(loc.get(h))])
                .collect(),
                rows,
            });
            if let Some(note) = table.small_note {
                out.push(Self::small(note));
            }
        }
        for (title, items) in [
            (loc.get("findings_strengths"), &f.strengths),
            (loc.get("findings_failings"), &f.failings),
        ] {
            if !items.is_empty() {
                out.push(Block::Heading {
                    level: 3,
                    text: title.into(),
                    anchor: None,
                });
                let items = items.iter().map(|t| self.reader.read(t)).collect();
                out.push(Block::List {
                    ordered: false,
                    items,
                });
            }
        }
    }

    fn example(&self, e: &Entry<PracticeExample>) -> Block {
        let m = self.model;
        let mut blocks = Vec::new();
        let loc = self.loc;
        let mut who = loc.fmt("example_pseudonym", &[("name", &e.person.pseudonym)]);
        if let Some(a) = &e.person.age_band {
            who.push_str(&loc.fmt("example_aged", &[("age", a)]));
        }
        for (scale, level) in &e.person.classifications {
            let s = m.scale(scale);
            let title = s.map_or(scale.clone(), |s| s.title.clone());
            let label = s
                .and_then(|s| s.levels.iter().find(|l| &l.id == level))
                .map_or(level.clone(), |l| l.label.clone());
            who.push_str(&format!(". {title}: {label}"));
        }
        blocks.push(Self::small(who));
        let parts = [
            (loc.get("example_case_summary"), Some(&e.case_summary)),
            (loc.get("example_practice"), e.practice.as_ref()),
            (loc.get("example_inspector"), e.inspector_comments.as_ref()),
            (loc.get("example_takeaway"), e.takeaway_learning.as_ref()),
        ];
        for (title, text) in parts {
            if let Some(t) = text {
                blocks.push(Block::Para {
                    spans: vec![Span::plain(title)],
                    kind: ParaKind::LeadIn,
                });
                blocks.extend(self.md(t, 4));
            }
        }
        Block::Aside {
            title: Some(format!("{} {}", loc.get("example_caption"), e.title)),
            blocks,
            quote: false,
        }
    }
}

//! Which characters a document's PDF would draw as the replacement glyph, found from the fonts'
//! character maps without typesetting: `check` warns of them as a build does, at a fraction of
//! the cost (a build learns the same set while shaping, [`super::Pdf::missing`]).
//!
//! A character is missing when neither the face of the text it is in nor that face's fallbacks
//! has it, which is how [`super::fonts::Shaper::runs`] chooses a face; whitespace and the
//! characters a shaper hides (default ignorables such as U+200D) are never drawn, so never
//! missing, unless they follow a missing character in its grapheme cluster, which the shaper
//! reports whole. Text a layout adds of its own (list markers, note numbers, page numbers) is drawn
//! from the digits and punctuation every face has.

use super::fonts::{covers, Style};
use crate::document::{Block, Document, FieldKind, Span};
use std::collections::BTreeSet;
use unicode_segmentation::UnicodeSegmentation;

/// The characters of `doc` that no face given to them can draw.
pub fn missing(doc: &Document) -> BTreeSet<char> {
    let mut found = Found::default();
    if let Some(front) = &doc.front {
        found.text(&front.organisation, Style::Bold);
        found.text(&front.title, Style::Bold);
        front.summary.iter().for_each(|s| found.spans(s));
        front.details.iter().for_each(|d| found.spans(d));
        found.spans(&front.licence);
        found.text(&front.contents_title, Style::Bold);
        front
            .contents
            .iter()
            .for_each(|e| found.text(&e.text, Style::Regular));
    }
    found.text(&doc.meta.title, Style::Regular);
    found.blocks(&doc.blocks);
    found.missing
}

/// The characters seen so far, and those of them no face could draw.
#[derive(Default)]
struct Found {
    missing: BTreeSet<char>,
}

impl Found {
    fn text(&mut self, text: &str, style: Style) {
        // ASCII is in every face of Noto Sans: most text never reaches the maps.
        if text.is_ascii() {
            return;
        }
        let order = [style, style.fallbacks()[0], style.fallbacks()[1]];
        let lacks = |c: char| drawn(c) && !order.iter().any(|&f| covers(f, c));
        for cluster in text.graphemes(true) {
            let mut chars = cluster.chars();
            let first = chars.next().is_some_and(lacks);
            if first {
                // The shaper reports every character of a cluster whose base it cannot draw,
                // the marks and variation selectors after it too.
                let drawn = cluster.chars().filter(|c| !c.is_whitespace());
                self.missing.extend(drawn);
                continue;
            }
            self.missing.extend(cluster.chars().filter(|&c| lacks(c)));
        }
    }

    fn spans(&mut self, spans: &[Span]) {
        spans.iter().for_each(|s| self.text(&s.text, s.style));
    }

    fn blocks(&mut self, blocks: &[Block]) {
        blocks.iter().for_each(|b| self.block(b));
    }

    /// What the layout draws of each block (a field's tooltip and a plot's alternative text
    /// are not drawn; a question's guidance links are not set in the PDF).
    fn block(&mut self, b: &Block) {
        let bold = Style::Bold;
        match b {
            Block::Heading { text, .. } => self.text(text, bold),
            Block::Para { spans, .. } => self.spans(spans),
            Block::List { items, .. } => items.iter().for_each(|i| self.blocks(i)),
            Block::Table {
                caption,
                header,
                rows,
                ..
            } => {
                self.text(caption.as_deref().unwrap_or_default(), bold);
                header.iter().for_each(|c| self.spans(c));
                rows.iter().flatten().for_each(|c| self.spans(c));
            }
            Block::Aside { title, blocks, .. } => {
                self.text(title.as_deref().unwrap_or_default(), bold);
                self.blocks(blocks);
            }
            Block::Field(f) => self.field(&f.kind),
            Block::Question(q) => {
                self.text(&q.code, bold);
                self.text(&q.text, bold);
                q.hints.iter().for_each(|h| self.text(h, Style::Regular));
                self.field(&q.answer.kind);
                if let Some(e) = &q.evidence {
                    self.text(&e.label, Style::Regular);
                }
            }
            Block::FieldTable { columns, .. } => {
                columns.iter().for_each(|(c, _)| self.text(c, bold));
            }
            Block::Notes { title, notes } => {
                self.text(title, bold);
                notes.iter().for_each(|n| self.blocks(&n.blocks));
            }
            Block::Together(blocks) | Block::Lang { blocks, .. } => self.blocks(blocks),
            Block::Chart { title, bars } => {
                self.text(title, bold);
                for bar in bars {
                    self.text(&bar.label, Style::Regular);
                    self.text(&bar.figure, Style::Regular);
                }
            }
            Block::Plot(p) => self.plot(p),
        }
    }

    fn field(&mut self, kind: &FieldKind) {
        if let FieldKind::Radio(options) = kind {
            options
                .iter()
                .for_each(|(_, l)| self.text(l, Style::Regular));
        }
    }

    fn plot(&mut self, p: &crate::document::Plot) {
        let r = Style::Regular;
        self.text(&p.title, Style::Bold);
        for panel in &p.panels {
            self.text(panel.title.as_deref().unwrap_or_default(), r);
            self.text(panel.x_label.as_deref().unwrap_or_default(), r);
            let ticks = panel.x_ticks.iter().chain(&panel.y_ticks);
            ticks.for_each(|(_, t)| self.text(t, r));
            let labels = panel.marks.iter().filter_map(|m| m.label.as_deref());
            labels.for_each(|l| self.text(l, r));
        }
        p.legend.iter().for_each(|(_, t)| self.text(t, r));
    }
}

/// Whether a shaper draws `c` at all: not whitespace, a control character or a default
/// ignorable (joiners, variation selectors, the soft hyphen), which are set invisibly.
fn drawn(c: char) -> bool {
    let ignorable = matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF);
    !(c.is_whitespace() || c.is_control() || ignorable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Bar, FormField, Kind, Meta, ParaKind, Question};

    fn para(text: &str, style: Style) -> Block {
        Block::Para {
            spans: vec![Span::styled(text, style)],
            kind: ParaKind::Body,
        }
    }

    /// Odd characters in every kind of block a form or guide body has: some no face has,
    /// some only a fallback face has, some a shaper hides.
    fn document() -> Document {
        let radio = |labels: &[&str]| FormField {
            name: "q.a".into(),
            tooltip: "Not drawn: ✈".into(),
            kind: FieldKind::Radio(
                (labels.iter())
                    .map(|l| (l.to_string(), l.to_string()))
                    .collect(),
            ),
        };
        let blocks = vec![
            Block::Heading {
                level: 1,
                text: "Heading ☃ with ŵ".into(),
                anchor: None,
            },
            para("Plain ᚠ, Arabic ا and Hebrew ב «quoted»", Style::Regular),
            para("Italic 日本 and e\u{301} and soft\u{ad}hyphen a\u{200d}b ✌\u{fe0f} x\u{2060}y\u{e0041}", Style::Italic),
            para("Bold ☺ and ♞", Style::BoldItalic),
            Block::Table {
                caption: Some("Caption ⌘".into()),
                align: Vec::new(),
                header: vec![vec![Span::plain("Head ⚑")]],
                rows: vec![vec![vec![Span::plain("Cell ✿")]]],
            },
            Block::Aside {
                title: Some("Aside ❦".into()),
                blocks: vec![para("Quoted ⁂", Style::Regular)],
                quote: true,
            },
            Block::Question(Question {
                code: "Q1".into(),
                text: "Question ⚖?".into(),
                hints: vec!["Hint ☂".into()],
                guidance: Vec::new(),
                answer: radio(&["Yes ✓", "No ✗"]),
                evidence: None,
            }),
            Block::Chart {
                title: "Chart ⌛".into(),
                bars: vec![Bar {
                    label: "Bar ☘".into(),
                    percent: 50.0,
                    figure: "5 of 10 ☉".into(),
                }],
            },
            Block::List {
                ordered: false,
                items: vec![vec![para("Item ⚓ 😀", Style::Regular)]],
            },
        ];
        Document {
            kind: Kind::Form("f".into()),
            meta: Meta {
                title: "Form".into(),
                author: String::new(),
                subject: String::new(),
                keywords: Vec::new(),
                lang: "en-GB".into(),
                date: None,
                properties: Vec::new(),
            },
            front: None,
            blocks,
        }
    }

    #[test]
    fn the_maps_find_what_typesetting_finds() {
        let doc = document();
        let typeset = crate::pdf::render(&doc, &crate::locale::Locale::english()).missing;
        // Some are missing and some are not, so the comparison says something.
        assert!(
            typeset.contains(&'☃') && typeset.contains(&'日'),
            "{typeset:?}"
        );
        assert!(
            !typeset.contains(&'ا') && !typeset.contains(&'ŵ'),
            "{typeset:?}"
        );
        assert!(!typeset.contains(&'✈'), "a tooltip is not drawn");
        assert_eq!(missing(&doc), typeset);
    }
}

//! Drawing a line that needs more than one face or direction, or marks a language: the parts
//! come from [`crate::pdf::bidi::visual_line`] in display order; neighbouring parts in one
//! face with the same link and language become one text draw. A marked language becomes a
//! `Span` structure element with `/Lang`, and characters no font has extract through
//! `/ActualText`. Other lines keep the simpler path in `layout.rs`.

use super::lines::Piece;
use super::{Composer, Draw, Rgb, LINK};
use crate::document::{Link, Span};
use crate::pdf::bidi::{self, Item, Word};
use crate::pdf::tags::Kind;

/// A paragraph whose text is all in one marked language takes it as its own `/Lang`
/// (element `at`), rather than a `Span` inside it.
pub(super) fn paragraph_lang(tree: &mut crate::pdf::tags::Tree, at: usize, spans: &[Span]) {
    let mut langs = spans
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| s.lang.as_deref());
    if let Some(Some(first)) = langs.next() {
        let own = matches!(tree.kind(at), Kind::P | Kind::H(_));
        if own && langs.all(|l| l == Some(first)) && tree.elems[at].lang.is_none() {
            tree.elems[at].lang = Some(first.to_string());
        }
    }
}

/// Whether a line takes this path. Lines with a coloured tag (`mark`, the collect report's
/// ratings) keep the other path, which draws the tag.
pub(super) fn needed(c: &Composer, line: &[Piece]) -> bool {
    !line.iter().any(|p| p.mark.is_some())
        && (line.iter().any(|p| p.lang.is_some())
            || bidi::needed(c.shaper, line.iter().map(|p| (p.text.as_str(), p.style))))
}

/// The parts of one text draw: neighbours in display order with one face, link and language.
fn same_draw(a: &Item, b: &Item, line: &[Piece]) -> bool {
    let (pa, pb) = (&line[a.word], &line[b.word]);
    a.face == b.face
        && !a.missing
        && !b.missing
        && !a.edge
        && !b.edge
        && pa.link == pb.link
        && pa.lang == pb.lang
        && a.logical.abs_diff(b.logical) == 1
}

/// Whether the parts `range` end a word that line breaking hyphenated (a hyphen follows).
fn hyphen_after(items: &[Item], range: std::ops::Range<usize>, line: &[Piece]) -> bool {
    let Some(last) = items[range].iter().max_by_key(|it| it.logical) else {
        return false;
    };
    line[last.word].hyphen
        && !last.gap
        && !items
            .iter()
            .any(|it| it.word == last.word && !it.gap && it.logical > last.logical)
}

impl Composer<'_> {
    /// The language in force at element `e`: its own or its nearest ancestor's.
    fn lang_at(&self, mut e: usize) -> Option<&str> {
        loop {
            let el = &self.tree.elems[e];
            if let Some(l) = &el.lang {
                return Some(l);
            }
            e = el.parent?;
        }
    }

    /// Draws one line of pieces at `x` on baseline `y` (see the module's description).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn mixed_line_draws(
        &mut self,
        line: &[Piece],
        size: f32,
        x: f32,
        y: f32,
        colour: Rgb,
        parent: usize,
    ) -> Vec<Draw> {
        let words: Vec<Word> = line
            .iter()
            .map(|p| Word {
                text: &p.text,
                style: p.style,
                space: p.space,
            })
            .collect();
        let rtl = line.first().is_some_and(|p| p.rtl);
        let items = bidi::visual_line(self.shaper, &words, size, rtl);
        // Neighbours that make one draw, with where each starts: placed left to right…
        let mut groups: Vec<(std::ops::Range<usize>, f32)> = Vec::new();
        let mut pen = x;
        let mut k = 0;
        while k < items.len() {
            let mut j = k + 1;
            while j < items.len() && same_draw(&items[j - 1], &items[j], line) {
                j += 1;
            }
            groups.push((k..j, pen));
            pen += items[k..j].iter().map(|it| it.width).sum::<f32>();
            if hyphen_after(&items, k..j, line) {
                pen += self.shaper.width(line[items[k].word].style, size, "-");
            }
            k = j;
        }
        // …and written in reading order, so that readers taking text in content order (and
        // the structure tree's reading order) read it as written.
        groups.sort_by_key(|(r, _)| items[r.clone()].iter().map(|it| it.logical).min());
        let mut draws = Vec::new();
        // The element of the previous draw, for its link and language.
        let mut last: Option<(Option<Link>, Option<String>, usize)> = None;
        for (range, start) in groups {
            let group = &items[range.clone()];
            let piece = &line[group[0].word];
            let (link, lang) = (piece.link.clone(), piece.lang.clone());
            let mut logical: Vec<&Item> = group.iter().collect();
            logical.sort_by_key(|it| it.logical);
            let text: String = logical.iter().map(|it| it.text.as_str()).collect();
            let elem = match &last {
                Some((l, g, e)) if *l == link && *g == lang => *e,
                _ => self.run_elem(parent, &link, &lang, text.trim()),
            };
            if elem != parent {
                draws.push(Draw::Tag(Some(elem)));
            }
            if group.iter().any(|it| it.missing) {
                draws.push(Draw::ActualText(text));
            }
            let end = start + group.iter().map(|it| it.width).sum::<f32>();
            draws.push(Draw::Text {
                x: start,
                y,
                size,
                style: group[0].face,
                glyphs: group.iter().flat_map(|it| it.glyphs.clone()).collect(),
                colour: if link.is_some() { LINK } else { colour },
            });
            if let Some(l) = &link {
                draws.push(Draw::Rule {
                    x1: start,
                    x2: end,
                    y: y + 1.5,
                    width: 0.5,
                    colour: LINK,
                });
                draws.push(Draw::Link {
                    x: start,
                    y: y - size,
                    w: end - start,
                    h: size * 1.35,
                    link: l.clone(),
                });
            }
            if elem != parent {
                draws.push(Draw::Tag(Some(parent)));
            }
            if hyphen_after(&items, range.clone(), line) {
                // Not part of the text: a reader joins the word's halves.
                draws.push(Draw::Tag(None));
                let glyphs = self.shaper.shape(piece.style, "-").glyphs;
                draws.push(Draw::Text {
                    x: end,
                    y,
                    size,
                    style: piece.style,
                    glyphs,
                    colour: if link.is_some() { LINK } else { colour },
                });
                draws.push(Draw::Tag(Some(parent)));
            }
            last = Some((link, lang, elem));
        }
        draws
    }

    /// Sets a line of a right-to-left paragraph flush right in a column `avail` points wide
    /// (its draws start at the column's left).
    pub(super) fn align_rtl(&mut self, draws: &mut [Draw], line: &[Piece], size: f32, avail: f32) {
        if !line.first().is_some_and(|p| p.rtl) {
            return;
        }
        let mut width: f32 = line.iter().map(|p| p.width).sum();
        for p in &line[..line.len().saturating_sub(1)] {
            if p.space {
                width += self.shaper.width(p.style, size, " ");
            }
        }
        let dx = (avail - width).max(0.0);
        for d in draws {
            match d {
                Draw::Text { x, .. } | Draw::Link { x, .. } => *x += dx,
                Draw::Rule { x1, x2, .. } => {
                    *x1 += dx;
                    *x2 += dx;
                }
                _ => {}
            }
        }
    }

    /// The element a run of text with `link` and `lang` belongs to inside `parent`: a `Link`
    /// (with its text for the annotation) and within it a `Span` with `/Lang` when the
    /// language differs from the one in force; `parent` itself when neither applies.
    fn run_elem(
        &mut self,
        parent: usize,
        link: &Option<Link>,
        lang: &Option<String>,
        text: &str,
    ) -> usize {
        let mut at = parent;
        if link.is_some() && self.tree.kind(parent) != Kind::Link {
            at = self.tree.add(parent, Kind::Link);
            self.tree.elems[at].alt = Some(text.to_string());
        }
        if let Some(l) = lang {
            if self.lang_at(at) != Some(l.as_str()) {
                at = self.tree.add(at, Kind::Span);
                self.tree.elems[at].lang = Some(l.clone());
            }
        }
        at
    }
}

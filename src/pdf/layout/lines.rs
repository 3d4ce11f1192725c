//! Lines: spans are cut into unbreakable pieces, pieces are broken into lines (hyphenating long
//! words in narrow columns), and each line becomes drawing instructions with its links, marks
//! and structure tags.

use super::{Composer, Draw, Rgb, Role, Unit, LINK};
use crate::document::{Link, Mark, Span};
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;

/// Columns narrower than this (points) hyphenate long words rather than leave short lines.
pub(super) const NARROW: f32 = 200.0;
/// In a narrow column, a line less full than this share of its width tries to hyphenate the
/// word that did not fit.
const FILL: f32 = 0.8;
/// Words shorter than this (letters) are never hyphenated ("Score", "Very high").
const MIN_HYPHENATED: usize = 7;
/// Longest word (bytes) handed to the hyphenator; longer ones are split between characters.
const MAX_HYPHENATED: usize = 36;

/// A word (or other unbreakable piece) with the style it is set in.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub text: String,
    pub style: Style,
    pub link: Option<Link>,
    pub mark: Option<Mark>,
    pub width: f32,
    /// A space follows this piece (unless it ends the line).
    pub space: bool,
    /// The piece is the head of a hyphenated word: a hyphen is drawn after it.
    pub hyphen: bool,
    /// No line may break before this piece: it continues the word before it in another
    /// style or link (the full stop after a linked term).
    pub glue: bool,
    /// Its language, when marked (a structure element of its own).
    pub lang: Option<String>,
    /// Whether its paragraph is right to left (its first strong character is).
    pub rtl: bool,
}

/// The syllables of a word's leading letters where it may be hyphenated, with the rest of the
/// piece (punctuation) attached to the last; None for words too short, in capitals or not
/// made of letters.
fn syllables(text: &str) -> Option<Vec<String>> {
    let letters: usize = text
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    let (core, rest) = text.split_at(letters);
    let count = core.chars().count();
    if count < MIN_HYPHENATED
        || core.len() > MAX_HYPHENATED
        || !core.chars().any(char::is_lowercase)
    {
        return None;
    }
    if core.chars().filter(|c| c.is_uppercase()).count() > 1 {
        return None;
    }
    let mut parts: Vec<String> = hypher::hyphenate_bounded(core, hypher::Lang::English, 3, 3)
        .map(str::to_string)
        .collect();
    if parts.len() < 2 {
        return None;
    }
    if let Some(last) = parts.last_mut() {
        last.push_str(rest);
    }
    Some(parts)
}

impl Composer<'_> {
    /// Breaks spans into pieces at spaces and after hyphens and dashes.
    pub(super) fn pieces(&mut self, spans: &[Span], size: f32) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let rtl = crate::pdf::bidi::paragraph_rtl(spans.iter().map(|s| s.text.as_str()));
        for s in spans {
            let text = s.text.replace(['\n', '\t'], " ");
            let mut last = 0;
            let mut glue = out.last().is_some_and(|p| !p.space) && !text.starts_with(' ');
            for (at, _) in unicode_linebreak::linebreaks(&text) {
                let chunk = &text[last..at];
                last = at;
                let word = chunk.trim_end_matches(' ');
                let space = word.len() < chunk.len();
                if word.is_empty() {
                    if let Some(p) = out.last_mut() {
                        p.space |= space;
                    }
                    continue;
                }
                let width = self.shaper.width(s.style, size, word);
                out.push(Piece {
                    text: word.to_string(),
                    style: s.style,
                    link: s.link.clone(),
                    mark: s.mark,
                    width,
                    space,
                    hyphen: false,
                    glue,
                    lang: s.lang.clone(),
                    rtl,
                });
                glue = false;
            }
        }
        out
    }

    /// The narrowest a column may be for this piece: the whole word, or for a long word that
    /// may be hyphenated, its wider half (with the hyphen) at the break nearest the middle.
    pub(super) fn min_width(&mut self, p: &Piece, size: f32) -> f32 {
        let Some(parts) = syllables(&p.text) else {
            return p.width;
        };
        let total = p.text.chars().count();
        let (mut best, mut best_gap) = (p.width, usize::MAX);
        for k in 1..parts.len() {
            let head: String = parts[..k].concat();
            let gap = head.chars().count().abs_diff(total / 2);
            if gap < best_gap {
                let tail: String = parts[k..].concat();
                let hw = self.shaper.width(p.style, size, &format!("{head}-"));
                let tw = self.shaper.width(p.style, size, &tail);
                best = hw.max(tw);
                best_gap = gap;
            }
        }
        best
    }

    /// Splits `p` at the last hyphenation point whose head (with its hyphen) fits in `room`.
    fn hyphenate(&mut self, p: &Piece, size: f32, room: f32) -> Option<(Piece, Piece)> {
        let parts = syllables(&p.text)?;
        for k in (1..parts.len()).rev() {
            let head: String = parts[..k].concat();
            let width = self.shaper.width(p.style, size, &format!("{head}-"));
            if width <= room + 0.01 {
                let tail: String = parts[k..].concat();
                let tw = self.shaper.width(p.style, size, &tail);
                let head = Piece {
                    text: head,
                    width,
                    space: false,
                    hyphen: true,
                    ..p.clone()
                };
                let tail = Piece {
                    text: tail,
                    width: tw,
                    glue: false,
                    ..p.clone()
                };
                return Some((head, tail));
            }
        }
        None
    }

    /// Greedy line breaking: as many pieces per line as fit in `width`. In a narrow column a
    /// long word that would leave a short line is hyphenated; a piece wider than a line is
    /// hyphenated, or as a last resort split between characters.
    pub(super) fn break_lines(
        &mut self,
        pieces: Vec<Piece>,
        size: f32,
        width: f32,
    ) -> Vec<Vec<Piece>> {
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let mut line: Vec<Piece> = Vec::new();
        let mut used = 0.0;
        let mut queue: std::collections::VecDeque<Piece> = pieces.into();
        while let Some(p) = queue.pop_front() {
            let space = match line.last() {
                Some(prev) if prev.space => self.shaper.width(prev.style, size, " "),
                _ => 0.0,
            };
            if used + space + p.width <= width + 0.01 {
                used += space + p.width;
                line.push(p);
                continue;
            }
            if p.glue && line.len() > 1 && line.last().is_some_and(|l| !l.space) {
                // The word this piece continues moves to the next line with it.
                if let Some(prev) = line.pop() {
                    queue.push_front(p);
                    queue.push_front(prev);
                }
                lines.push(std::mem::take(&mut line));
                used = 0.0;
                continue;
            }
            if !line.is_empty() {
                let room = width - used - space;
                if width < NARROW && used < width * FILL {
                    if let Some((head, tail)) = self.hyphenate(&p, size, room) {
                        line.push(head);
                        queue.push_front(tail);
                    } else {
                        queue.push_front(p);
                    }
                } else {
                    queue.push_front(p);
                }
                lines.push(std::mem::take(&mut line));
                used = 0.0;
                continue;
            }
            // A single piece wider than the line: hyphenate it, or split it.
            if let Some((head, tail)) = self.hyphenate(&p, size, width) {
                lines.push(vec![head]);
                queue.push_front(tail);
                continue;
            }
            let (head, tail) = self.split_chars(&p, size, width);
            lines.push(vec![head]);
            if let Some(t) = tail {
                queue.push_front(t);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// The most characters of `p` that fit in `width` (at least one), and the rest.
    fn split_chars(&mut self, p: &Piece, size: f32, width: f32) -> (Piece, Option<Piece>) {
        let chars: Vec<char> = p.text.chars().collect();
        let mut n = chars.len().saturating_sub(1).max(1);
        while n > 1
            && self
                .shaper
                .width(p.style, size, &chars[..n].iter().collect::<String>())
                > width
        {
            n -= 1;
        }
        let head: String = chars[..n].iter().collect();
        let tail: String = chars[n..].iter().collect();
        let hw = self.shaper.width(p.style, size, &head);
        let head = Piece {
            text: head,
            width: hw,
            space: false,
            ..p.clone()
        };
        let tail = (!tail.is_empty()).then(|| {
            let tw = self.shaper.width(p.style, size, &tail);
            Piece {
                text: tail,
                width: tw,
                glue: false,
                ..p.clone()
            }
        });
        (head, tail)
    }

    /// The width a line's pieces take, with their spaces.
    pub(super) fn line_width(&mut self, line: &[Piece], size: f32) -> f32 {
        let mut w = 0.0;
        for (i, p) in line.iter().enumerate() {
            w += p.width;
            if p.space && i + 1 < line.len() {
                w += self.shaper.width(p.style, size, " ");
            }
        }
        w
    }

    /// Draws one line of pieces at `x` on baseline `y`; returns the draws. Links become `Link`
    /// elements inside `parent`, the element the line's other text belongs to; a mark's
    /// background and a hyphen added by line breaking are artifacts.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn line_draws(
        &mut self,
        line: &[Piece],
        size: f32,
        x: f32,
        y: f32,
        colour: Rgb,
        parent: usize,
    ) -> Vec<Draw> {
        // Other scripts, directions and marked languages: see `runs.rs`.
        if super::runs::needed(self, line) {
            return self.mixed_line_draws(line, size, x, y, colour, parent);
        }
        let mut draws = Vec::new();
        let mut pen = x;
        let mut i = 0;
        while i < line.len() {
            // A run of pieces sharing style, link and mark becomes one text draw.
            let (style, link, mark) = (line[i].style, line[i].link.clone(), line[i].mark);
            let (start, run) = (pen, i);
            let mut glyphs = Vec::new();
            let mut gap = 0.0;
            let mut inked = 0.0;
            while i < line.len()
                && line[i].style == style
                && line[i].link == link
                && line[i].mark == mark
            {
                let p = &line[i];
                if gap > 0.0 {
                    pen += gap;
                    glyphs.extend(self.shaper.shape(style, " ").glyphs);
                }
                glyphs.extend(self.shaper.shape(style, &p.text).glyphs);
                pen += p.width;
                inked = pen - start;
                gap = if p.space && i + 1 < line.len() {
                    self.shaper.width(style, size, " ")
                } else {
                    0.0
                };
                i += 1;
            }
            // A space ending a run (before another run, or at the end of a line that breaks
            // at a space) is drawn too, so that text extracts with its word spaces.
            if line[i - 1].space {
                glyphs.extend(self.shaper.shape(style, " ").glyphs);
            }
            let hyphen = line[i - 1].hyphen;
            let hyphen_w = if hyphen {
                self.shaper.width(style, size, "-")
            } else {
                0.0
            };
            let text_end = start + inked - hyphen_w;
            if let Some(m) = mark {
                // The label's colour sits behind its text, which is always there.
                draws.push(Draw::Tag(None));
                draws.push(Draw::Rect {
                    x: start - 2.0,
                    y: y - size * 0.92,
                    w: inked + 4.0,
                    h: size * 1.24,
                    colour: m.background,
                });
                draws.push(Draw::Tag(Some(parent)));
            }
            let colour = match (&link, mark) {
                (Some(_), _) => LINK,
                (None, Some(m)) => m.text,
                (None, None) => colour,
            };
            if link.is_some() && self.tree.kind(parent) != Kind::Link {
                let text: String = line[run..i]
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let e = self.tree.add(parent, Kind::Link);
                self.tree.elems[e].alt = Some(text);
                draws.push(Draw::Tag(Some(e)));
            }
            // Held until the chapter is paginated: without the room left by growing.
            glyphs.shrink_to_fit();
            draws.push(Draw::Text {
                x: start,
                y,
                size,
                style,
                glyphs,
                colour,
            });
            if let Some(l) = link {
                draws.push(Draw::Rule {
                    x1: start,
                    x2: text_end,
                    y: y + 1.5,
                    width: 0.5,
                    colour: LINK,
                });
                draws.push(Draw::Link {
                    x: start,
                    y: y - size,
                    w: text_end - start,
                    h: size * 1.35,
                    link: l,
                });
                draws.push(Draw::Tag(Some(parent)));
            }
            if hyphen {
                // Not part of the text: a reader joins the word's halves.
                draws.push(Draw::Tag(None));
                let glyphs = self.shaper.shape(style, "-").glyphs;
                draws.push(Draw::Text {
                    x: text_end,
                    y,
                    size,
                    style,
                    glyphs,
                    colour,
                });
                draws.push(Draw::Tag(Some(parent)));
            }
            // The space after a run is left out of its underline and link area.
            pen += gap;
        }
        draws
    }

    /// A paragraph: one unit per line, with orphan and widow control.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn para(
        &mut self,
        spans: &[Span],
        size: f32,
        lead: f32,
        indent: f32,
        bars: &[f32],
        marker: Option<(String, f32, usize)>,
        role: Role,
        colour: Rgb,
    ) {
        let pieces = self.pieces(spans, size);
        let lines = self.break_lines(pieces, size, self.measure - indent);
        let n = lines.len();
        let at = self.at();
        super::runs::paragraph_lang(&mut self.tree, at, spans);
        for (k, line) in lines.iter().enumerate() {
            let baseline = lead * 0.78;
            let mut u = Unit::new(lead, role);
            u.elem = Some(at);
            if k == 0 {
                // A list marker (its `Lbl`) is drawn and read before the item's text.
                if let Some((m, right, lbl)) = &marker {
                    let w = self.shaper.width(Style::Regular, size, m);
                    let glyphs = self.shaper.shape(Style::Regular, m).glyphs;
                    u.draws.push(Draw::Tag(Some(*lbl)));
                    u.draws.push(Draw::Text {
                        x: right - w,
                        y: baseline,
                        size,
                        style: Style::Regular,
                        glyphs,
                        colour,
                    });
                    u.draws.push(Draw::Tag(Some(at)));
                }
            }
            let mut draws = self.line_draws(line, size, indent, baseline, colour, at);
            self.align_rtl(&mut draws, line, size, self.measure - indent);
            u.draws.extend(draws);
            u.keep_with_next = n > 1 && (k == 0 || k + 2 == n);
            self.push(u, bars);
        }
    }
}

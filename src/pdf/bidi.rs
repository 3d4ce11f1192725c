//! Lines that mix directions or fonts: the Unicode bidirectional algorithm (`unicode-bidi`,
//! UAX #9) orders a line's words and their parts for display, each part is set in the face
//! that has its characters ([`Shaper::runs`]) and shaped in its direction. The text itself
//! stays in logical order: each glyph maps back to the characters it draws, so a reader that
//! puts right-to-left glyphs back in reading order (poppler, pdf.js) extracts what was
//! written.

use super::fonts::{Glyph, Shaper, Style};
use unicode_bidi::{Level, ParagraphBidiInfo};

/// A word of a line, as the layout breaks lines: its text, its style and whether a space
/// follows it.
pub struct Word<'a> {
    pub text: &'a str,
    pub style: Style,
    pub space: bool,
}

/// A part of a line to draw, in display order (left to right).
#[derive(Debug, Clone)]
pub struct Item {
    /// The word it is part of (a space: the word it follows).
    pub word: usize,
    /// Its characters, in logical order.
    pub text: String,
    /// The face that draws it (the word's own style where no face has the characters).
    pub face: Style,
    pub rtl: bool,
    pub glyphs: Vec<Glyph>,
    /// Width in points.
    pub width: f32,
    /// A space between words.
    pub gap: bool,
    /// Punctuation at either end of a right-to-left word, drawn on its own: readers that
    /// reverse right-to-left runs (pypdf) then keep it where it was written.
    pub edge: bool,
    /// Characters no face has (drawn as U+FFFD, the replacement character).
    pub missing: bool,
    /// Its place in logical order.
    pub logical: usize,
}

/// Characters of right-to-left scripts (bidi classes R and AL: Hebrew, Arabic, Syriac, …).
fn strong_rtl(c: char) -> bool {
    matches!(
        unicode_bidi::bidi_class(c),
        unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
    )
}

/// Whether a line of these words needs this module: right-to-left text, or characters its
/// style's face lacks.
pub fn needed(shaper: &Shaper, words: impl IntoIterator<Item = (impl AsRef<str>, Style)>) -> bool {
    words.into_iter().any(|(t, style)| {
        let t = t.as_ref();
        // Plain ASCII is always in the text faces, left to right: the common case is quick.
        !t.is_ascii() && (t.chars().any(strong_rtl) || !shaper.own_face(style, t))
    })
}

/// The base direction of a paragraph given in pieces: that of its first strong character
/// (UAX #9, P2–P3).
pub fn paragraph_rtl<'a>(pieces: impl IntoIterator<Item = &'a str>) -> bool {
    for c in pieces.into_iter().flat_map(str::chars) {
        if c.is_ascii_alphabetic() {
            return false;
        }
        match unicode_bidi::bidi_class(c) {
            unicode_bidi::BidiClass::L => return false,
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL => return true,
            _ => {}
        }
    }
    false
}

/// A right-to-left stretch split into its leading punctuation, its letters and its trailing
/// punctuation (flagged `true`); anything else whole.
fn edges(text: &str, rtl: bool) -> Vec<(&str, bool)> {
    let core = text.trim_matches(|c: char| !c.is_alphanumeric());
    if !rtl || core.is_empty() || core.len() == text.len() {
        return vec![(text, false)];
    }
    let start = text.len()
        - text
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let end = start + core.len();
    [(&text[..start], true), (core, false), (&text[end..], true)]
        .into_iter()
        .filter(|(t, _)| !t.is_empty())
        .collect()
}

/// Lays out one line of `words` at `size` points in a paragraph of base direction `rtl`:
/// returns its parts in display order.
pub fn visual_line(shaper: &mut Shaper, words: &[Word], size: f32, rtl: bool) -> Vec<Item> {
    // The line as one text: words and the spaces between them.
    let mut line = String::new();
    let mut spans = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let start = line.len();
        line.push_str(w.text);
        spans.push(start..line.len());
        if w.space && i + 1 < words.len() {
            line.push(' ');
        }
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&line, Some(base));
    // Levels after rule L1 (trailing spaces take the paragraph's level).
    let levels = info.reordered_levels(0..line.len());
    let mut items: Vec<Item> = Vec::new();
    let mut item_levels: Vec<Level> = Vec::new();
    for (i, (w, range)) in words.iter().zip(&spans).enumerate() {
        for run in shaper.runs(w.style, w.text) {
            // A run of one face splits further where the level changes.
            let mut at = run.range.start;
            while at < run.range.end {
                let level = levels[range.start + at];
                let mut end = at;
                while end < run.range.end && levels[range.start + end] == level {
                    end += w.text[end..].chars().next().map_or(1, char::len_utf8);
                }
                let (face, missing) = match run.face {
                    Some(f) => (f, false),
                    None => (w.style, true),
                };
                for (part, edge) in edges(&w.text[at..end], level.is_rtl()) {
                    let shaped = shaper.shape_dir(face, part, level.is_rtl());
                    item_levels.push(level);
                    items.push(Item {
                        word: i,
                        text: part.to_string(),
                        face,
                        rtl: level.is_rtl(),
                        width: shaped.width_em * size / 1000.0,
                        glyphs: shaped.glyphs,
                        gap: false,
                        edge,
                        missing,
                        logical: items.len(),
                    });
                }
                at = end;
            }
        }
        if w.space && i + 1 < words.len() {
            let level = levels[range.end];
            // A space is set in the face of the text before it.
            let face = items.last().map_or(w.style, |it| it.face);
            let shaped = shaper.shape(face, " ");
            item_levels.push(level);
            items.push(Item {
                word: i,
                text: " ".into(),
                face,
                rtl: level.is_rtl(),
                width: shaped.width_em * size / 1000.0,
                glyphs: shaped.glyphs,
                gap: true,
                edge: false,
                missing: false,
                logical: items.len(),
            });
        }
    }
    let order = ParagraphBidiInfo::reorder_visual(&item_levels);
    order.into_iter().map(|k| items[k].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| i.text.clone()).collect()
    }

    #[test]
    fn a_hebrew_phrase_in_english_is_reversed_as_a_whole_and_set_in_the_hebrew_face() {
        let mut s = Shaper::default();
        let words = ["He", "said", "שלום", "עולם", "today"];
        let w: Vec<Word> = words
            .iter()
            .map(|t| Word {
                text: t,
                style: Style::Regular,
                space: true,
            })
            .collect();
        let items = visual_line(&mut s, &w, 10.0, false);
        let shown: Vec<String> = texts(&items);
        assert_eq!(
            shown,
            ["He", " ", "said", " ", "עולם", " ", "שלום", " ", "today"]
        );
        assert!(items[4].rtl && items[4].face == Style::Hebrew);
        assert_eq!(items[0].face, Style::Regular);
    }

    #[test]
    fn arabic_is_set_in_naskh_and_joined() {
        let mut s = Shaper::default();
        // Joined letters take contextual forms: the word's glyphs differ from the same
        // letters shaped one by one.
        let joined = s.shape_dir(Style::Arabic, "سلام", true);
        let alone: Vec<u16> = "سلام"
            .chars()
            .rev()
            .map(|c| s.shape_dir(Style::Arabic, &c.to_string(), true).glyphs[0].gid)
            .collect();
        let gids: Vec<u16> = joined.glyphs.iter().map(|g| g.gid).collect();
        assert_ne!(gids, alone);
        assert!(s.missing.is_empty());
        let runs = s.runs(Style::Italic, "«سلام»");
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert_eq!(runs[0].face, Some(Style::Arabic));
    }
}

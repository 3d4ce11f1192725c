//! The PDF fonts (Noto Sans, with Noto Naskh Arabic and Noto Sans Hebrew for what it lacks;
//! OFL, committed under `fonts/`): loading once, choosing a face per run of text by what each
//! face covers (font fallback), shaping with kerning in either direction (rustybuzz),
//! measuring, and tracking which glyphs each document uses so the fonts can be subset (a face
//! no text uses is not embedded).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// The faces of the bundled fonts are the text styles of the document model: the four styles
/// of Noto Sans, in which text is set, and the fallback faces that draw what Noto Sans lacks.
/// Text is given one of the first four; [`Shaper::runs`] moves runs its face cannot draw to a
/// fallback face.
pub use crate::document::Style;

/// How many faces there are.
pub const FACES: usize = 8;

impl Style {
    /// Every face, in the order of [`faces`].
    pub const ALL: [Style; FACES] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
        Style::Arabic,
        Style::ArabicBold,
        Style::Hebrew,
        Style::HebrewBold,
    ];

    /// The faces tried, in order, for a character this face has no glyph for.
    pub(super) fn fallbacks(self) -> [Style; 2] {
        if self.bold() {
            [Style::ArabicBold, Style::HebrewBold]
        } else {
            [Style::Arabic, Style::Hebrew]
        }
    }

    /// Whether this is one of the fallback faces.
    pub fn is_fallback(self) -> bool {
        self as usize >= 4
    }
}

/// A parsed face: shaping face, metrics and names.
pub struct Face {
    pub bytes: &'static [u8],
    pub rb: rustybuzz::Face<'static>,
    pub upem: f32,
    /// Horizontal advance per glyph id, in font units (what printpdf writes into `/W`).
    pub advances: Vec<u16>,
    pub ps_name: String,
    pub ascender: f32,
    /// The glyph drawn for a character no face has: U+FFFD where the face has it (PDF/UA
    /// forbids showing `.notdef`), else `.notdef`.
    pub replacement: u16,
}

static FILES: [&[u8]; FACES] = [
    include_bytes!("../../fonts/noto-sans/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../fonts/noto-naskh-arabic/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../fonts/noto-naskh-arabic/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../../fonts/noto-sans-hebrew/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../fonts/noto-sans-hebrew/NotoSansHebrew-Bold.ttf"),
];

/// Every face, parsed once per process.
pub fn faces() -> &'static [Face; FACES] {
    static PARSED: OnceLock<[Face; FACES]> = OnceLock::new();
    PARSED.get_or_init(|| FILES.map(load))
}

fn load(bytes: &'static [u8]) -> Face {
    // The files are committed with the source; failing to parse them is a build defect.
    let rb = rustybuzz::Face::from_slice(bytes, 0).expect("bundled font parses");
    let advances = (0..rb.number_of_glyphs())
        .map(|g| {
            rb.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g))
                .unwrap_or(0)
        })
        .collect();
    let ps_name = rb
        .names()
        .into_iter()
        .find(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "NotoSans".into());
    let replacement = rb.glyph_index('\u{FFFD}').map_or(0, |g| g.0);
    Face {
        replacement,
        bytes,
        upem: rb.units_per_em() as f32,
        ascender: rb.ascender() as f32,
        advances,
        ps_name,
        rb,
    }
}

/// A glyph as drawn: its id in the font and the kerning after it, in thousandths of an em
/// (a `TJ` number). Eight bytes where printpdf's `Codepoint` takes 32 (its optional text is
/// never set here: each glyph's text is kept once, in [`Shaper::sources`]); a long chapter is
/// held as glyphs until it is paginated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub gid: u16,
    pub offset: f32,
}

/// A run of shaped glyphs, with its width in thousandths of an em.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub width_em: f32,
}

/// A stretch of text set in one face: `face` is None where no face has the characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub range: std::ops::Range<usize>,
    pub face: Option<Style>,
}

/// Per-document shaping state: caches of shaped words and the glyphs used per face.
#[derive(Default)]
pub struct Shaper {
    /// Words shaped in their own face, left to right, per face (index `Style as usize`),
    /// looked up by `&str` so a hit allocates nothing.
    cache: [HashMap<String, Shaped, rustc_hash::FxBuildHasher>; FACES],
    /// Widths (in thousandths of an em) of words that need more than their own face.
    mixed: [HashMap<String, f32>; FACES],
    /// Runs shaped right to left, by face and text.
    rtl: HashMap<(Style, String), Shaped>,
    pub used: [BTreeSet<u16>; FACES],
    /// The text each glyph was first shaped from, per face: its ToUnicode entry. Kept here
    /// once rather than in every drawn glyph, which would allocate a string a glyph.
    pub sources: [HashMap<u16, String>; FACES],
    /// Characters no face has a glyph for.
    pub missing: BTreeSet<char>,
}

/// Whether `face` has a glyph for `c`.
pub(super) fn covers(face: Style, c: char) -> bool {
    faces()[face as usize].rb.glyph_index(c).is_some()
}

/// Characters that take the face of the text around them when it has them: spaces,
/// punctuation, digits, symbols and combining marks (letters choose their face themselves).
fn neutral(c: char) -> bool {
    !c.is_alphabetic()
}

impl Shaper {
    /// Shapes `text` in `style`'s own face, left to right (cached). Kerning applies within
    /// the text. For text that may need a fallback face, use [`Shaper::runs`].
    pub fn shape(&mut self, style: Style, text: &str) -> Shaped {
        self.shaped(style, text).clone()
    }

    /// Width of `text` in points at `size`, each run measured in the face that draws it.
    pub fn width(&mut self, style: Style, size: f32, text: &str) -> f32 {
        let em = match self.cache[style as usize].get(text) {
            Some(s) => s.width_em,
            None => match self.mixed[style as usize].get(text) {
                Some(w) => *w,
                None => self.measure(style, text),
            },
        };
        em * size / 1000.0
    }

    /// Whether all of `text` is drawn in `style`'s own face.
    pub fn own_face(&self, style: Style, text: &str) -> bool {
        // Noto Sans has every printable ASCII character; the fallback faces are only asked
        // for what it lacks.
        let ascii = |c: char| c.is_ascii() && !style.is_fallback();
        text.chars()
            .all(|c| ascii(c) || c.is_whitespace() || c.is_control() || covers(style, c))
    }

    fn measure(&mut self, style: Style, text: &str) -> f32 {
        if self.own_face(style, text) {
            return self.shaped(style, text).width_em;
        }
        let mut em = 0.0;
        for r in self.runs(style, text) {
            let part = &text[r.range];
            em += match r.face {
                Some(f) => self.shaped(f, part).width_em,
                // Drawn as the primary face's replacement character, one per character.
                None => self.shaped(style, part).width_em,
            };
        }
        self.mixed[style as usize].insert(text.to_string(), em);
        em
    }

    /// Splits `text` into runs by the face that draws them: each letter takes the first of
    /// `style`'s face and the fallback faces that has it; spaces, punctuation, digits and
    /// marks stay with the run they are in (or the one they begin) when its face has them.
    /// A run with no face holds characters no face has.
    pub fn runs(&self, style: Style, text: &str) -> Vec<Run> {
        let order = [style, style.fallbacks()[0], style.fallbacks()[1]];
        let pick = |c: char| order.iter().copied().find(|&f| covers(f, c));
        // Letters first; then each neutral character looks behind, then ahead.
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut faces: Vec<Option<Option<Style>>> = chars
            .iter()
            .map(|&(_, c)| (!neutral(c)).then(|| pick(c)))
            .collect();
        for i in 0..chars.len() {
            if faces[i].is_some() {
                continue;
            }
            let c = chars[i].1;
            let before = faces[..i].iter().rev().find_map(|f| *f).flatten();
            let after = faces[i + 1..].iter().find_map(|f| *f).flatten();
            let usable = |f: Option<Style>| f.filter(|&f| c.is_whitespace() || covers(f, c));
            faces[i] = Some(usable(before).or(usable(after)).or_else(|| pick(c)));
        }
        let mut out: Vec<Run> = Vec::new();
        for (k, &(at, c)) in chars.iter().enumerate() {
            let face = faces[k].flatten();
            match out.last_mut() {
                Some(r) if r.face == face => r.range.end = at + c.len_utf8(),
                _ => out.push(Run {
                    range: at..at + c.len_utf8(),
                    face,
                }),
            }
        }
        out
    }

    /// Shapes `text` in `face` in the given direction (cached). Right-to-left glyphs come in
    /// the order they are drawn, left to right; mirrored characters (brackets) are mirrored.
    pub fn shape_dir(&mut self, face: Style, text: &str, rtl: bool) -> Shaped {
        if !rtl {
            return self.shape(face, text);
        }
        let key = (face, text.to_string());
        if let Some(s) = self.rtl.get(&key) {
            return s.clone();
        }
        let s = self.shape_uncached(face, text, Some(rustybuzz::Direction::RightToLeft));
        self.rtl.insert(key, s.clone());
        s
    }

    /// The cached shaping of `text` in `style`, shaped on first use. Widths are asked for far
    /// more often than glyphs (once a word per line tried), so they borrow rather than copy.
    fn shaped(&mut self, style: Style, text: &str) -> &Shaped {
        if !self.cache[style as usize].contains_key(text) {
            let s = self.shape_uncached(style, text, None);
            self.cache[style as usize].insert(text.to_string(), s);
        }
        &self.cache[style as usize][text]
    }

    fn shape_uncached(
        &mut self,
        style: Style,
        text: &str,
        dir: Option<rustybuzz::Direction>,
    ) -> Shaped {
        let face = &faces()[style as usize];
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        buf.set_direction(dir.unwrap_or(rustybuzz::Direction::LeftToRight));
        let out = rustybuzz::shape(&face.rb, &[], buf);
        let infos = out.glyph_infos();
        let pos = out.glyph_positions();
        let scale = 1000.0 / face.upem;
        // Where each cluster ends: the next cluster start above it (glyphs of a right-to-left
        // run come in descending cluster order).
        let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |start: usize| {
            let k = starts.partition_point(|&s| s <= start);
            starts.get(k).copied().unwrap_or(text.len())
        };
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width_em = 0.0;
        for (i, (gi, gp)) in infos.iter().zip(pos).enumerate() {
            let gid = gi.glyph_id as u16;
            let start = gi.cluster as usize;
            let first = i == 0 || infos[i - 1].cluster != gi.cluster;
            let source = text.get(start..end_of(start)).unwrap_or_default();
            let advance = |g: u16| face.advances.get(g as usize).copied().unwrap_or(0) as f32;
            let (gid, x_advance) = if gid == 0 {
                self.missing
                    .extend(source.chars().filter(|c| !c.is_whitespace()));
                (face.replacement, advance(face.replacement))
            } else {
                (gid, gp.x_advance as f32)
            };
            self.used[style as usize].insert(gid);
            // printpdf's /W width is trunc(advance × 1000 / upem); a TJ number n moves the pen
            // back by n/1000 em, so the kerning adjustment is the difference.
            let w_pdf = (advance(gid) * scale).trunc();
            let shaped = x_advance * scale;
            width_em += shaped;
            if first && !source.is_empty() {
                self.sources[style as usize]
                    .entry(gid)
                    .or_insert_with(|| source.to_string());
            }
            glyphs.push(Glyph {
                gid,
                offset: ((w_pdf - shaped) * 100.0).round() / 100.0,
            });
        }
        Shaped { glyphs, width_em }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_narrows_av_and_welsh_letters_have_glyphs() {
        let mut s = Shaper::default();
        let kerned = s.width(Style::Regular, 1000.0, "AV");
        let apart = s.width(Style::Regular, 1000.0, "A") + s.width(Style::Regular, 1000.0, "V");
        assert!(kerned < apart, "AV {kerned} vs {apart}");
        s.shape(Style::Bold, "Ŵ ŷ “quotes” – — £ €");
        assert!(s.missing.is_empty(), "{:?}", s.missing);
        s.shape(Style::Regular, "日本");
        assert!(s.missing.contains(&'日'));
    }
}

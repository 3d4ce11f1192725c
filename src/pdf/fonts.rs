//! The PDF font family (Noto Sans, OFL, committed under `fonts/`): loading once, shaping with
//! kerning (rustybuzz), measuring, and tracking which glyphs each document uses so the fonts
//! can be subset.

use printpdf::Codepoint;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn from_flags(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }
    pub fn bold(self) -> bool {
        matches!(self, Style::Bold | Style::BoldItalic)
    }
    pub fn italic(self) -> bool {
        matches!(self, Style::Italic | Style::BoldItalic)
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
}

static FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/noto-sans/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/noto-sans/NotoSans-BoldItalic.ttf"),
];

/// The four faces, parsed once per process.
pub fn faces() -> &'static [Face; 4] {
    static FACES: OnceLock<[Face; 4]> = OnceLock::new();
    FACES.get_or_init(|| FILES.map(load))
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
    Face {
        bytes,
        upem: rb.units_per_em() as f32,
        ascender: rb.ascender() as f32,
        advances,
        ps_name,
        rb,
    }
}

/// A run of shaped glyphs: ready for printpdf, with its width in thousandths of an em.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub glyphs: Vec<Codepoint>,
    pub width_em: f32,
}

/// Per-document shaping state: a cache of shaped words and the glyphs used per face.
#[derive(Default)]
pub struct Shaper {
    /// Shaped words per style (index `Style as usize`), looked up by `&str` so a hit
    /// allocates nothing.
    cache: [HashMap<String, Shaped, rustc_hash::FxBuildHasher>; 4],
    pub used: [BTreeSet<u16>; 4],
    /// The text each glyph was first shaped from, per style: its ToUnicode entry. Kept here
    /// once rather than in every drawn glyph, which would allocate a string a glyph.
    pub sources: [HashMap<u16, String>; 4],
    /// Characters no face has a glyph for, with the text they were found in.
    pub missing: BTreeSet<char>,
}

impl Shaper {
    /// Shapes `text` in `style` (cached). Kerning applies within the text.
    pub fn shape(&mut self, style: Style, text: &str) -> Shaped {
        self.shaped(style, text).clone()
    }

    /// Width of `text` in points at `size`.
    pub fn width(&mut self, style: Style, size: f32, text: &str) -> f32 {
        self.shaped(style, text).width_em * size / 1000.0
    }

    /// The cached shaping of `text` in `style`, shaped on first use. Widths are asked for far
    /// more often than glyphs (once a word per line tried), so they borrow rather than copy.
    fn shaped(&mut self, style: Style, text: &str) -> &Shaped {
        if !self.cache[style as usize].contains_key(text) {
            let s = self.shape_uncached(style, text);
            self.cache[style as usize].insert(text.to_string(), s);
        }
        &self.cache[style as usize][text]
    }

    fn shape_uncached(&mut self, style: Style, text: &str) -> Shaped {
        let face = &faces()[style as usize];
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(&face.rb, &[], buf);
        let infos = out.glyph_infos();
        let pos = out.glyph_positions();
        let scale = 1000.0 / face.upem;
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut width_em = 0.0;
        for (i, (gi, gp)) in infos.iter().zip(pos).enumerate() {
            let gid = gi.glyph_id as u16;
            let start = gi.cluster as usize;
            let first = i == 0 || infos[i - 1].cluster != gi.cluster;
            let end = infos[i..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(text.len());
            let source = text.get(start..end).unwrap_or_default();
            if gid == 0 {
                self.missing
                    .extend(source.chars().filter(|c| !c.is_whitespace()));
            }
            self.used[style as usize].insert(gid);
            // printpdf's /W width is trunc(advance × 1000 / upem); a TJ number n moves the pen
            // back by n/1000 em, so the kerning adjustment is the difference.
            let w_pdf =
                (face.advances.get(gid as usize).copied().unwrap_or(0) as f32 * scale).trunc();
            let shaped = gp.x_advance as f32 * scale;
            width_em += shaped;
            if first && !source.is_empty() {
                self.sources[style as usize]
                    .entry(gid)
                    .or_insert_with(|| source.to_string());
            }
            glyphs.push(Codepoint {
                gid,
                offset: ((w_pdf - shaped) * 100.0).round() / 100.0,
                cid: None,
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

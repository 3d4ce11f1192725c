//! Fonts cut down to the glyphs a document draws (allsorts), named with a subset tag derived
//! from the glyph set, and the final compression of the streams not compressed yet.

use super::super::fonts::{faces, Style};
use super::name;
use lopdf::Object;
use printpdf::ParsedFont;

/// Flate-compresses every stream not compressed yet at a moderate level (lopdf's own
/// `compress` uses the slowest, which costs more time than it saves bytes here).
pub(super) fn compress(lo: &mut lopdf::Document) {
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

/// Subsets a face to `gids` (glyph 0 first) with allsorts, which numbers the kept glyphs in
/// the order asked for: the content's codes.
pub(super) fn subset(style: Style, gids: &[u16]) -> ParsedFont {
    let face = &faces()[style as usize];
    let mut warnings = Vec::new();
    let subsetted = subset_bytes(face.bytes, gids);
    // The faces are committed with the source; failing to subset them is a build defect.
    let mut font = subsetted
        .and_then(|b| ParsedFont::from_bytes(&b, 0, &mut warnings))
        .expect("bundled font subsets");
    font.font_name = Some(format!("{}+{}", subset_tag(gids), face.ps_name));
    font
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

/// FNV-1a, 64 bits: a small stable hash (the standard library's hasher may change).
pub(super) fn fnv64(seed: u64, data: &[u8]) -> u64 {
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

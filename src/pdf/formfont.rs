//! The font that readers use to draw what is typed into a form's text fields: Noto Sans
//! Regular, embedded (PDF/UA asks for it, and the standard 14 fonts cover Latin-1 at most),
//! subset to Latin-1, WinAnsi's punctuation and the letters of Latin Extended-A below, Welsh
//! `ŵ` and `ŷ` first. It is a composite (Type0) font whose two-byte codes are the characters'
//! Unicode code points, mapped to glyphs by a `CIDToGIDMap` and back to text by a ToUnicode
//! map: pypdf encodes typed text through the ToUnicode map and poppler, when it redraws fields,
//! writes code points, so both draw every letter. (A simple TrueType font would need a
//! `Differences` array for the letters WinAnsi lacks, which PDF/UA checkers reject.)

use super::fonts::faces;
use super::write::name;
use lopdf::{Dictionary, Object, ObjectId, Stream};

/// Codes WinAnsi leaves unused, and the letters (with their Adobe glyph names) given to them.
/// Line-end, tab, form-feed, backspace and NUL codes are left alone, since they are special in
/// PDF strings or in readers' appearance code.
const EXTRA: [(u8, char, &str); 31] = [
    (0x81, 'Ŵ', "Wcircumflex"),
    (0x8D, 'ŵ', "wcircumflex"),
    (0x8F, 'Ŷ', "Ycircumflex"),
    (0x90, 'ŷ', "ycircumflex"),
    (0x9D, 'Ş', "Scedilla"),
    (0x7F, 'ş', "scedilla"),
    (0x01, 'Ā', "Amacron"),
    (0x02, 'ā', "amacron"),
    (0x03, 'Ē', "Emacron"),
    (0x04, 'ē', "emacron"),
    (0x05, 'Ī', "Imacron"),
    (0x06, 'ī', "imacron"),
    (0x07, 'Ō', "Omacron"),
    (0x0B, 'ō', "omacron"),
    (0x0E, 'Ū', "Umacron"),
    (0x0F, 'ū', "umacron"),
    (0x10, 'Ć', "Cacute"),
    (0x11, 'ć', "cacute"),
    (0x12, 'Č', "Ccaron"),
    (0x13, 'č', "ccaron"),
    (0x14, 'Ł', "Lslash"),
    (0x15, 'ł', "lslash"),
    (0x16, 'Ń', "Nacute"),
    (0x17, 'ń', "nacute"),
    (0x18, 'Ś', "Sacute"),
    (0x19, 'ś', "sacute"),
    (0x1A, 'Ź', "Zacute"),
    (0x1B, 'ź', "zacute"),
    (0x1C, 'Ż', "Zdotaccent"),
    (0x1D, 'ż', "zdotaccent"),
    (0x1E, 'ğ', "gbreve"),
];

/// WinAnsiEncoding's codes 0x80–0x9F (None where unused); 0x20–0x7E and 0xA0–0xFF are the
/// Unicode code points themselves.
const WIN_ANSI_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The character each code of the form font draws (None where the code is unused).
pub fn encoding() -> [Option<char>; 256] {
    let mut table = [None; 256];
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = match code {
            0x20..=0x7E | 0xA0..=0xFF => char::from_u32(code as u32),
            0x80..=0x9F => WIN_ANSI_HIGH[code - 0x80],
            _ => None,
        };
    }
    for (code, c, _) in EXTRA {
        table[code as usize] = Some(c);
    }
    table
}

/// Encodes `text` in the form font (two bytes a character, its code point); characters it
/// cannot draw become `?`.
pub fn encode(text: &str) -> Vec<u8> {
    let table = encoding();
    text.chars()
        .flat_map(|c| {
            let c = if table.contains(&Some(c)) { c } else { '?' };
            (c as u16).to_be_bytes()
        })
        .collect()
}

/// The resource name of the form font in `/DR` and `/DA`.
pub const RESOURCE: &str = "NotoSans";

/// Adds the embedded form font to the document and returns its font dictionary.
pub fn add(lo: &mut lopdf::Document) -> ObjectId {
    let face = &faces()[0];
    let table = encoding();
    let scale = 1000.0 / face.upem;
    let (bytes, font_name) = subset(&table);
    // Characters in code order, each with its width.
    let mut chars: Vec<(char, i64)> = table
        .iter()
        .flatten()
        .map(|&c| {
            let gid = face.rb.glyph_index(c).map_or(0, |g| g.0);
            let w = face.advances.get(gid as usize).copied().unwrap_or(0) as f32 * scale;
            (c, w.round() as i64)
        })
        .collect();
    chars.sort_by_key(|c| c.0);
    let widths: Vec<Object> = chars
        .iter()
        .flat_map(|(c, w)| {
            [
                Object::Integer(*c as i64),
                Object::Array(vec![Object::Integer(*w)]),
            ]
        })
        .collect();
    let bbox = face.rb.global_bounding_box();
    let units = |v: i16| Object::Integer((v as f32 * scale).round() as i64);
    let file = lo.add_object(Stream::new(
        Dictionary::from_iter(vec![("Length1", Object::Integer(bytes.len() as i64))]),
        bytes,
    ));
    let descriptor = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", name(&font_name)),
        ("Flags", Object::Integer(32)),
        (
            "FontBBox",
            Object::Array(vec![
                units(bbox.x_min),
                units(bbox.y_min),
                units(bbox.x_max),
                units(bbox.y_max),
            ]),
        ),
        ("ItalicAngle", Object::Integer(0)),
        ("Ascent", units(face.rb.ascender())),
        ("Descent", units(face.rb.descender())),
        (
            "CapHeight",
            units(face.rb.capital_height().unwrap_or(face.rb.ascender())),
        ),
        ("StemV", Object::Integer(80)),
        ("FontFile2", Object::Reference(file)),
    ]));
    let to_unicode = lo.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&chars)));
    let descendant = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("CIDFontType2")),
        ("BaseFont", name(&font_name)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(0)),
        ("W", Object::Array(widths)),
        ("CIDToGIDMap", name("Identity")),
    ]));
    lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name(&font_name)),
        ("Encoding", name("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(descendant)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

/// Subsets Noto Sans Regular to the table's glyphs, glyph k drawing code point k; returns
/// the font and its name. Falls back to the whole face (whose glyph ids are not code points:
/// typed text would be drawn wrongly, so a test makes sure subsetting works).
fn subset(table: &[Option<char>; 256]) -> (Vec<u8>, String) {
    let face = &faces()[0];
    // Glyph k of the subset is the glyph of code point k, so a reader that encodes text by
    // the font's own cmap (glyph ids: pypdf) writes the same codes as one that writes code
    // points (poppler). Codes no character uses repeat `.notdef` (allsorts keeps repeats of
    // glyph 0 only); they compress to little.
    let max = table.iter().flatten().map(|&c| c as u32).max().unwrap_or(0);
    let ids: Vec<u16> = (0..=max)
        .map(|cp| {
            char::from_u32(cp)
                .filter(|c| table.contains(&Some(*c)))
                .and_then(|c| face.rb.glyph_index(c))
                .map_or(0, |g| g.0)
        })
        .collect();
    super::write::subset_bytes(face.bytes, &ids)
        .map(|b| (b, format!("GWFORM+{}", face.ps_name)))
        .unwrap_or_else(|| (face.bytes.to_vec(), face.ps_name.clone()))
}

/// A ToUnicode CMap: each two-byte code is its character.
fn to_unicode_cmap(chars: &[(char, i64)]) -> Vec<u8> {
    let entries: Vec<String> = chars
        .iter()
        .map(|(c, _)| format!("<{:04X}> <{:04X}>", *c as u32, *c as u32))
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for e in chunk {
            out.push_str(e);
            out.push('\n');
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_is_one_to_one_and_covers_latin1_and_welsh() {
        let table = encoding();
        let chars: Vec<char> = table.iter().flatten().copied().collect();
        let mut unique = chars.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), chars.len(), "a character has two codes");
        for c in ('\u{20}'..='\u{7E}')
            .chain('\u{A0}'..='\u{FF}')
            .chain("ŵŷŴŶ€–—‘’“”".chars())
        {
            assert!(chars.contains(&c), "{c} has no code");
        }
        assert_eq!(encode("aŵ£"), vec![0, b'a', 0x01, 0x75, 0, 0xA3]);
        assert_eq!(encode("日"), vec![0, b'?']);
    }

    #[test]
    fn subset_draws_each_code_point_with_the_glyph_of_that_number() {
        let table = encoding();
        let (bytes, name) = subset(&table);
        assert!(name.starts_with("GWFORM+"), "subsetting fell back: {name}");
        // Repeated `.notdef` glyphs fill the codes no character uses; compressed, as the PDF
        // stores it, the font stays small.
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
        z.write_all(&bytes).unwrap();
        let packed = z.finish().unwrap().len();
        assert!(packed < 60_000, "subset is {packed} bytes compressed");
        let face = rustybuzz::ttf_parser::Face::parse(&bytes, 0).unwrap();
        for c in table.iter().flatten() {
            assert_eq!(
                face.glyph_index(*c).map(|g| g.0),
                Some(*c as u16),
                "{c} is not glyph {}",
                *c as u32
            );
        }
    }
}

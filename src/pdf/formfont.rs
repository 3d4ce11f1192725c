//! The font that readers use to draw what is typed into a form's text fields: Noto Sans
//! Regular, embedded (PDF/UA asks for it, and the standard 14 fonts cover Latin-1 at most) as a
//! simple TrueType font. Its encoding is WinAnsi with the unused codes given to letters of
//! Latin Extended-A that WinAnsi lacks, Welsh `ŵ` and `ŷ` first. The font is subset to exactly
//! the glyphs of that encoding, so every character a reader can encode is drawn.

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

/// Encodes `text` in the form font; characters it cannot draw become `?`.
pub fn encode(text: &str) -> Vec<u8> {
    let table = encoding();
    text.chars()
        .map(|c| {
            table
                .iter()
                .position(|&t| t == Some(c))
                .map_or(b'?', |p| p as u8)
        })
        .collect()
}

/// The resource name of the form font in `/DR` and `/DA`.
pub const RESOURCE: &str = "NotoSans";

/// Adds the embedded form font to the document and returns its font dictionary.
pub fn add(lo: &mut lopdf::Document) -> ObjectId {
    let face = &faces()[0];
    let table = encoding();
    let gid = |c: char| face.rb.glyph_index(c).map_or(0, |g| g.0);
    let scale = 1000.0 / face.upem;
    let widths: Vec<Object> = (1..=255)
        .map(|code| {
            let w = table[code].map_or(0.0, |c| {
                face.advances.get(gid(c) as usize).copied().unwrap_or(0) as f32 * scale
            });
            Object::Integer(w.round() as i64)
        })
        .collect();
    let (bytes, font_name) = subset(&table);
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
    let mut differences = Vec::new();
    let mut extra = EXTRA.to_vec();
    extra.sort_by_key(|e| e.0);
    for (code, _, glyph) in extra {
        differences.push(Object::Integer(code as i64));
        differences.push(name(glyph));
    }
    let to_unicode = lo.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&table)));
    lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("TrueType")),
        ("BaseFont", name(&font_name)),
        ("FirstChar", Object::Integer(1)),
        ("LastChar", Object::Integer(255)),
        ("Widths", Object::Array(widths)),
        (
            "Encoding",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("Encoding")),
                ("BaseEncoding", name("WinAnsiEncoding")),
                ("Differences", Object::Array(differences)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

/// Subsets Noto Sans Regular to the encoding's glyphs, keeping a Unicode `cmap` so readers map
/// code → glyph name → Unicode → glyph. Falls back to the whole face.
fn subset(table: &[Option<char>; 256]) -> (Vec<u8>, String) {
    let face = &faces()[0];
    let mut ids: Vec<u16> = vec![0];
    for c in table.iter().flatten() {
        if let Some(g) = face.rb.glyph_index(*c) {
            if !ids.contains(&g.0) {
                ids.push(g.0);
            }
        }
    }
    super::write::subset_bytes(face.bytes, &ids)
        .map(|mut b| {
            windows_cmap(&mut b);
            (b, format!("GWFORM+{}", face.ps_name))
        })
        .unwrap_or_else(|| (face.bytes.to_vec(), face.ps_name.clone()))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// The OpenType checksum: the sum of the big-endian 32-bit words, the last one zero-padded.
fn checksum(b: &[u8]) -> u32 {
    b.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Relabels the subset's Unicode BMP `cmap` subtable (platform 0, encoding 3, as allsorts
/// writes it) as Microsoft Unicode (3, 1): PDF/UA wants a non-symbolic TrueType font's
/// WinAnsi codes to reach glyphs through that subtable. The two hold the same mapping; the
/// table and font checksums are brought up to date. allsorts has no option for this.
fn windows_cmap(font: &mut [u8]) -> Option<()> {
    let tables = be16(font, 4)? as usize;
    let record = |tag: &[u8]| {
        (0..tables)
            .map(|i| 12 + 16 * i)
            .find(|&r| font.get(r..r + 4) == Some(tag))
    };
    let cmap_rec = record(b"cmap")?;
    let head_rec = record(b"head")?;
    let (cmap, cmap_len) = (
        be32(font, cmap_rec + 8)? as usize,
        be32(font, cmap_rec + 12)? as usize,
    );
    for i in 0..be16(font, cmap + 2)? as usize {
        let at = cmap + 4 + 8 * i;
        if be16(font, at)? == 0 && be16(font, at + 2)? == 3 {
            font.get_mut(at..at + 4)?.copy_from_slice(&[0, 3, 0, 1]);
        }
    }
    let sum = checksum(font.get(cmap..cmap + cmap_len)?);
    font.get_mut(cmap_rec + 4..cmap_rec + 8)?
        .copy_from_slice(&sum.to_be_bytes());
    let head = be32(font, head_rec + 8)? as usize;
    let head_len = be32(font, head_rec + 12)? as usize;
    font.get_mut(head + 8..head + 12)?.copy_from_slice(&[0; 4]);
    let sum = checksum(font.get(head..head + head_len)?);
    font.get_mut(head_rec + 4..head_rec + 8)?
        .copy_from_slice(&sum.to_be_bytes());
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(font));
    font.get_mut(head + 8..head + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(())
}

/// A ToUnicode CMap for the encoding, so text taken from a filled field maps back exactly.
fn to_unicode_cmap(table: &[Option<char>; 256]) -> Vec<u8> {
    let entries: Vec<String> = table
        .iter()
        .enumerate()
        .filter_map(|(code, c)| {
            let c = (*c)?;
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            Some(format!("<{code:02X}> <{hex}>"))
        })
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
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
        assert_eq!(encode("aŵ£"), vec![b'a', 0x8D, 0xA3]);
        assert_eq!(encode("日"), b"?");
    }

    #[test]
    fn subset_keeps_a_unicode_cmap_for_every_encoded_character() {
        let table = encoding();
        let (bytes, name) = subset(&table);
        assert!(name.starts_with("GWFORM+"), "subsetting fell back: {name}");
        assert!(bytes.len() < 100_000, "subset is {} bytes", bytes.len());
        let face = rustybuzz::ttf_parser::Face::parse(&bytes, 0).unwrap();
        let cmaps: Vec<_> = face
            .tables()
            .cmap
            .unwrap()
            .subtables
            .into_iter()
            .map(|t| (t.platform_id, t.encoding_id))
            .collect();
        assert_eq!(
            cmaps,
            vec![(rustybuzz::ttf_parser::PlatformId::Windows, 1)],
            "PDF/UA wants a Microsoft Unicode cmap"
        );
        for c in table.iter().flatten() {
            assert!(
                face.glyph_index(*c).is_some(),
                "{c} missing from the subset"
            );
        }
    }
}

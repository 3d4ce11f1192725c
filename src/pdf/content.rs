//! Page content streams, written straight to bytes as each page is finished: text, rectangles
//! and rules inside marked content (`/Tag << /MCID n >> BDC … EMC`, or `/Artifact BMC … EMC`).
//! Glyphs get font codes in the order they are first drawn, so a page can be written before
//! the document's glyph set (and so its font subset) is known.
//!
//! Written by hand rather than through printpdf's operations: those hold every glyph as a
//! PDF object until the whole document is saved, about 100 bytes a glyph, and a page written
//! this way is a few kilobytes once compressed.

use super::fonts::{Glyph, Style};
use super::layout::Rgb;

/// The font codes of one face: a glyph's code is its place in first-drawn order (code 0 is
/// the missing glyph), which is also its glyph id in the subset font.
#[derive(Debug, Clone)]
pub struct Codes {
    /// The code of each glyph id given one (`u16::MAX`: none yet).
    by_gid: Vec<u16>,
    /// Original glyph id of each code (its text, for ToUnicode, is the shaper's
    /// [`super::fonts::Shaper::sources`]).
    pub gids: Vec<u16>,
}

impl Default for Codes {
    fn default() -> Self {
        Codes {
            by_gid: vec![0],
            gids: vec![0],
        }
    }
}

impl Codes {
    /// The code of a glyph, given one on first use.
    pub fn code(&mut self, glyph: &Glyph) -> u16 {
        let gid = glyph.gid as usize;
        if gid >= self.by_gid.len() {
            self.by_gid.resize(gid + 1, u16::MAX);
        }
        let mut code = self.by_gid[gid];
        if code == u16::MAX {
            code = self.gids.len() as u16;
            self.by_gid[gid] = code;
            self.gids.push(glyph.gid);
        }
        code
    }

    /// Whether any glyph besides the missing glyph is drawn.
    pub fn used(&self) -> bool {
        self.gids.len() > 1
    }
}

/// Appends a number with at most three decimals (PDF has no exponents).
pub fn num(out: &mut Vec<u8>, v: f32) {
    let milli = (v as f64 * 1000.0).round() as i64;
    if milli < 0 {
        out.push(b'-');
    }
    let m = milli.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut n = digits.len();
    let mut whole = m / 1000;
    loop {
        n -= 1;
        digits[n] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[n..]);
    let mut frac = m % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut place = 100;
        while frac != 0 {
            out.push(b'0' + (frac / place) as u8);
            frac %= place;
            place /= 10;
        }
    }
}

/// A content stream being written. The fill and stroke colours, line width and font persist
/// from one operator to the next (across text objects too), so each is written only when it
/// changes.
#[derive(Default)]
pub struct Stream {
    pub bytes: Vec<u8>,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
    font: Option<(Style, f32)>,
}

impl Stream {
    fn nums(&mut self, vs: &[f32]) {
        for v in vs {
            num(&mut self.bytes, *v);
            self.bytes.push(b' ');
        }
    }

    fn op(&mut self, op: &str) {
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
    }

    fn fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.nums(&[c.0, c.1, c.2]);
            self.op("rg");
            self.fill = Some(c);
        }
    }

    /// Starts marked content: an artifact, or structure type `tag` with `mcid`.
    pub fn begin(&mut self, tag: Option<(&str, i64)>) {
        match tag {
            None => self.op("/Artifact BMC"),
            Some((tag, mcid)) => self.op(&format!("/{tag} <</MCID {mcid}>> BDC")),
        }
    }

    pub fn end(&mut self) {
        self.op("EMC");
    }

    /// Starts a `Span` whose text extracts as `text` (`/ActualText`), closed by [`Stream::end`].
    pub fn actual_text(&mut self, text: &str) {
        self.bytes.extend_from_slice(b"/Span <</ActualText ");
        if text.is_ascii() {
            self.bytes.push(b'(');
            for b in text.bytes() {
                match b {
                    b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', b]),
                    b'\r' => self.bytes.extend_from_slice(b"\\r"),
                    b => self.bytes.push(b),
                }
            }
            self.bytes.push(b')');
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            self.bytes.extend_from_slice(b"<FEFF");
            for u in text.encode_utf16() {
                self.bytes
                    .extend((0..4).rev().map(|i| HEX[(u >> (4 * i)) as usize & 15]));
            }
            self.bytes.push(b'>');
        }
        self.op(">> BDC");
    }

    /// One run of glyphs at (`x`, `y`): the kerning of each glyph follows it as a `TJ` number.
    /// Codes are written as two-byte literal strings, half the size of hexadecimal ones.
    pub fn text(
        &mut self,
        (x, y, size): (f32, f32, f32),
        style: Style,
        colour: Rgb,
        glyphs: &[Glyph],
        codes: &mut Codes,
    ) {
        self.op("BT");
        self.fill(colour);
        if self.font != Some((style, size)) {
            self.bytes
                .extend_from_slice(&[b'/', b'F', b'1' + style as u8, b' ']);
            self.nums(&[size]);
            self.op("Tf");
            self.font = Some((style, size));
        }
        self.nums(&[1.0, 0.0, 0.0, 1.0, x, y]);
        self.op("Tm");
        self.bytes.push(b'[');
        let mut open = false;
        for g in glyphs {
            if !open {
                self.bytes.push(b'(');
                open = true;
            }
            let code = codes.code(g);
            for b in code.to_be_bytes() {
                // A literal string escapes its delimiters and the backslash, and a carriage
                // return, which a reader would take for an end of line.
                match b {
                    b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', b]),
                    b'\r' => self.bytes.extend_from_slice(b"\\r"),
                    b => self.bytes.push(b),
                }
            }
            if g.offset != 0.0 {
                self.bytes.push(b')');
                open = false;
                num(&mut self.bytes, g.offset);
            }
        }
        if open {
            self.bytes.push(b')');
        }
        self.bytes.push(b']');
        self.op(" TJ");
        self.op("ET");
    }

    /// A filled rectangle.
    pub fn rect(&mut self, (x, y, w, h): (f32, f32, f32, f32), c: Rgb) {
        self.fill(c);
        self.nums(&[x, y, w, h]);
        self.op("re f");
    }

    /// A line through `points`, `width` wide, dashed or solid; closed and filled too when
    /// `fill` is given. The dash pattern is set for this path only.
    pub fn path(
        &mut self,
        points: &[(f32, f32)],
        (width, c, dashed): (f32, Rgb, bool),
        fill: Option<Rgb>,
    ) {
        let Some(((x, y), rest)) = points.split_first() else {
            return;
        };
        if self.stroke != Some((c, width)) {
            self.nums(&[c.0, c.1, c.2]);
            self.op("RG");
            self.nums(&[width]);
            self.op("w");
            self.stroke = Some((c, width));
        }
        if let Some(f) = fill {
            self.fill(f);
        }
        if dashed {
            self.op("[4 3] 0 d");
        }
        self.nums(&[*x, *y]);
        self.op("m");
        for (x, y) in rest {
            self.nums(&[*x, *y]);
            self.op("l");
        }
        self.op(if fill.is_some() { "b" } else { "S" });
        if dashed {
            self.op("[] 0 d");
        }
    }

    /// A horizontal rule from `x1` to `x2` at `y`.
    pub fn rule(&mut self, (x1, x2, y): (f32, f32, f32), width: f32, c: Rgb) {
        if self.stroke != Some((c, width)) {
            self.nums(&[c.0, c.1, c.2]);
            self.op("RG");
            self.nums(&[width]);
            self.op("w");
            self.stroke = Some((c, width));
        }
        self.nums(&[x1, y]);
        self.op("m");
        self.nums(&[x2, y]);
        self.op("l S");
    }
}

/// A Flate compressor kept for every stream of a document: making one clears some 200 KB of
/// tables, which costs more than compressing a page.
pub struct Deflater(flate2::Compress);

impl Default for Deflater {
    fn default() -> Self {
        // A moderate level: the slowest costs more time than it saves bytes here.
        Deflater(flate2::Compress::new(flate2::Compression::new(3), true))
    }
}

impl Deflater {
    /// `data` compressed as one zlib stream.
    pub fn compress(&mut self, data: &[u8]) -> Vec<u8> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 3 + 64);
        loop {
            let read = self.0.total_in() as usize;
            let status =
                self.0
                    .compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish);
            match status {
                Ok(flate2::Status::StreamEnd) | Err(_) => break,
                Ok(_) => out.reserve(out.capacity().max(64)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_three_decimals() {
        let mut out = Vec::new();
        for v in [0.0, 12.0, -3.5, 0.1234, 595.2756, -0.0004] {
            num(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "0 12 -3.5 0.123 595.276 0 "
        );
    }

    #[test]
    fn codes_follow_first_use() {
        let mut c = Codes::default();
        let g = |gid| Glyph { gid, offset: 0.0 };
        assert_eq!(c.code(&g(40)), 1);
        assert_eq!(c.code(&g(7)), 2);
        assert_eq!(c.code(&g(40)), 1);
        assert_eq!(c.code(&g(40)), 1);
        assert_eq!(c.code(&g(0)), 0);
        assert_eq!(c.gids, vec![0, 40, 7]);
        let mut s = Stream::default();
        let kerned = [
            g(40),
            Glyph {
                offset: -12.5,
                ..g(7)
            },
            g(9),
        ];
        s.text(
            (1.0, 2.0, 11.0),
            Style::Bold,
            (0.0, 0.0, 0.0),
            &kerned,
            &mut c,
        );
        let text = String::from_utf8(s.bytes).unwrap();
        assert!(text.contains("/F2 11 Tf"), "{text}");
        assert!(text.contains("[(\0\x01\0\x02)-12.5(\0\x03)] TJ"), "{text}");
        // Colour and font are set once while they stay the same; delimiters are escaped.
        let mut c = Codes::default();
        for gid in 1..50 {
            c.code(&g(gid));
        }
        let mut s = Stream::default();
        let (paren, back) = ([g(40)], [g(41)]);
        s.text(
            (1.0, 2.0, 11.0),
            Style::Regular,
            (0.0, 0.0, 0.0),
            &paren,
            &mut c,
        );
        s.text(
            (1.0, 9.0, 11.0),
            Style::Regular,
            (0.0, 0.0, 0.0),
            &back,
            &mut c,
        );
        s.text(
            (1.0, 9.0, 12.0),
            Style::Regular,
            (0.0, 0.0, 0.0),
            &[g(13)],
            &mut c,
        );
        let text = String::from_utf8(s.bytes).unwrap();
        assert_eq!(text.matches(" rg").count(), 1, "{text}");
        assert_eq!(text.matches(" Tf").count(), 2, "{text}");
        assert!(text.contains("[(\0\\()] TJ"), "{text}");
        assert!(text.contains("[(\0\\))] TJ"), "{text}");
        assert!(text.contains("[(\0\\r)] TJ"), "{text}");
    }

    #[test]
    fn a_reused_deflater_gives_each_stream_whole() {
        use std::io::Read;
        let mut d = Deflater::default();
        let big: Vec<u8> = (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for data in [&b"BT /F1 11 Tf ET"[..], &big, b"", b"q Q"] {
            let z = d.compress(data);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&z[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
        }
    }
}

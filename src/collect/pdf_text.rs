//! PDF text strings: UTF-16BE (with a byte order mark), UTF-8 (PDF 2.0, with its mark) or
//! PDFDocEncoding.

/// PDFDocEncoding's characters that differ from Latin-1, for bytes 0x18–0x1F and 0x80–0xA0.
fn pdfdoc(b: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{fffd}', '€',
    ];
    match b {
        0x18..=0x1f => LOW[(b - 0x18) as usize],
        0x80..=0xa0 => HIGH[(b - 0x80) as usize],
        0xad => '\u{fffd}',
        _ => b as char,
    }
}

/// Decodes a PDF text string.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]));
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdfdoc(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf16_pdfdoc_and_utf8() {
        assert_eq!(decode(b"\xfe\xff\x01\x75\x00\x20\x20\x13"), "ŵ –");
        assert_eq!(decode(b"caf\xe9 \x84 \x92"), "café — ™");
        assert_eq!(decode(b"\xef\xbb\xbf\xc5\xb5"), "ŵ");
        // An odd trailing byte or a lone surrogate does not panic.
        assert_eq!(decode(b"\xfe\xff\xd8\x00\x00"), "\u{fffd}");
    }
}

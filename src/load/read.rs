//! Reading one content file: bounded in size, never blocking on a special file, and decoded
//! from UTF-8 with its faults located (a byte-order mark is accepted; UTF-16 and stray bytes
//! are named with the place they start).

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A file that could not be used as text, with what to show in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Text to show in excerpts: what could be decoded, never raw control bytes.
    pub text: String,
    /// Byte offset into `text` where the fault is.
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Refused {
    fn at_start(text: String, message: String, help: &str) -> Refused {
        Refused {
            text,
            offset: 0,
            message,
            help: Some(help.to_string()),
        }
    }
}

/// Reads the regular file at `path` as text, refusing it when it is larger than `limit`
/// bytes, is not a regular file, or is not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, Refused> {
    let bytes = read_bounded(path, limit)?;
    decode(&bytes)
}

/// Opens `path` without blocking (a FIFO put in place of a file must not hang the run), checks
/// on the open handle that it is a regular file of at most `limit` bytes, and reads it.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let fail = |message: String, help: &str| Refused::at_start(String::new(), message, help);
    let file = open_nonblocking(path).map_err(|e| {
        fail(
            format!("cannot read file: {e}"),
            "check the file's permissions",
        )
    })?;
    let meta = file.metadata().map_err(|e| {
        fail(
            format!("cannot read file: {e}"),
            "check the file's permissions",
        )
    })?;
    if !meta.is_file() {
        return Err(fail(
            "not a regular file".into(),
            "content files must be ordinary files",
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    // The size may change between the check and the read: never read more than the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| {
        fail(
            format!("cannot read file: {e}"),
            "check the file's permissions",
        )
    })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(size: u64, limit: u64) -> Refused {
    Refused::at_start(
        String::new(),
        format!(
            "file is {size} bytes, more than the limit of {limit} bytes ({}) for one file",
            human_size(limit)
        ),
        "split it into smaller files, or raise `limits.max_file_size_mb` in site.yaml",
    )
}

/// A size for people: bytes below a kibibyte, else KB or MB with one decimal (1 KB = 1024 bytes,
/// as the limit in site.yaml is counted).
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes > 0 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / 1024 / 1024)
    } else if b < KB {
        format!("{bytes} bytes")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Which UTF-16 a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf16 {
    Little,
    Big,
}

/// Decodes the bytes of a content file: UTF-8, with or without a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<String, Refused> {
    if let Some(order) = utf16(bytes) {
        return Err(utf16_refusal(bytes, order));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => match text.char_indices().find(|&(_, c)| is_control(c)) {
            None => Ok(text.to_string()),
            Some((at, c)) => Err(Refused {
                text: visible(text),
                offset: visible(&text[..at]).len(),
                message: if c == '\0' {
                    "file holds a NUL byte, so it is not a text file".into()
                } else {
                    format!(
                        "file holds the control character U+{:04X}, which YAML does not allow",
                        c as u32
                    )
                },
                help: Some("save it as plain UTF-8 text".into()),
            }),
        },
        Err(e) => {
            let at = e.valid_up_to();
            let bad = &bytes[at..at + e.error_len().unwrap_or(bytes.len() - at).min(4)];
            let hex: Vec<String> = bad.iter().map(|b| format!("0x{b:02X}")).collect();
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            Err(Refused {
                text: visible(&String::from_utf8_lossy(bytes)),
                offset: visible(prefix).len(),
                message: format!("file is not valid UTF-8: byte {} here", hex.join(" ")),
                help: Some(
                    "save the file as UTF-8 (it may be in a legacy encoding such as Windows-1252)"
                        .into(),
                ),
            })
        }
    }
}

/// Characters YAML does not allow in a file: the C0 controls but tab, line feed and carriage
/// return, DEL, and the C1 controls but NEL (YAML 1.2, `c-printable`).
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
        || ('\u{80}'..='\u{9f}').contains(&c) && c != '\u{85}'
}

/// Whether the bytes are UTF-16 text: a byte-order mark, or (without one) the NUL bytes that
/// ASCII characters leave in every other byte. Hand-written: the encoding crates decode UTF-16
/// but do not guess it without a byte-order mark, and this check is a few lines.
pub fn utf16(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(Utf16::Little),
        [0xFE, 0xFF, ..] => return Some(Utf16::Big),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Mostly-ASCII text: at least half the pairs (and two) have a NUL on one side, and almost
    // none on the other.
    let many = |n: usize| n >= 2 && n * 2 >= pairs;
    if many(odd) && even * 8 <= odd {
        Some(Utf16::Little)
    } else if many(even) && odd * 8 <= even {
        Some(Utf16::Big)
    } else {
        None
    }
}

fn utf16_refusal(bytes: &[u8], order: Utf16) -> Refused {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| match order {
            Utf16::Little => u16::from_le_bytes([p[0], p[1]]),
            Utf16::Big => u16::from_be_bytes([p[0], p[1]]),
        })
        .collect();
    let decoded = String::from_utf16_lossy(&units);
    let decoded = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
    let name = match order {
        Utf16::Little => "UTF-16 (little-endian)",
        Utf16::Big => "UTF-16 (big-endian)",
    };
    Refused::at_start(
        visible(decoded),
        format!("file is encoded as {name}, not UTF-8"),
        "save it as UTF-8 (in most editors: \"Save with encoding\" or \"Save as\", then UTF-8)",
    )
}

/// The text with NUL and the other control characters (but tab, line feed and carriage return)
/// replaced by the Unicode pictures of them (C1 controls by U+FFFD), so an excerpt never sends
/// raw control bytes to a terminal. Each replacement is one character, so columns stay right.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '\u{2421}',
            c if is_control(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFtitle: x\n").unwrap(), "title: x\n");
    }

    #[test]
    fn invalid_utf8_points_at_the_first_bad_byte() {
        let r = decode(b"a: 1\nbb: caf\xE9\n").unwrap_err();
        // Line 2, after "bb: caf": byte offset 5 + 7.
        assert_eq!(r.offset, 12);
        assert!(r.message.contains("0xE9"), "{}", r.message);
        assert_eq!(&r.text[..12], "a: 1\nbb: caf");
    }

    #[test]
    fn utf16_is_recognised_with_and_without_a_mark() {
        let le: Vec<u8> = "title: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "title: x\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16(&le), Some(Utf16::Little));
        assert_eq!(utf16(&be), Some(Utf16::Big));
        let mut marked = vec![0xFF, 0xFE];
        marked.extend(&le);
        let r = decode(&marked).unwrap_err();
        assert!(
            r.message.contains("UTF-16 (little-endian)"),
            "{}",
            r.message
        );
        assert_eq!(r.text, "title: x\n");
        assert!(!r.text.contains('\0'));
        assert_eq!(utf16(b"title: plain ascii\n"), None);
        assert_eq!(utf16("ŵ ŷ â ê î ô û".as_bytes()), None);
    }

    #[test]
    fn nul_bytes_are_refused_and_never_shown() {
        let r = decode(b"a: b\0c\n").unwrap_err();
        assert_eq!(r.offset, 4);
        assert_eq!(r.text, "a: b\u{2400}c\n");
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(10), "10 bytes");
        assert_eq!(human_size(4 * 1024 * 1024), "4 MB");
        assert_eq!(human_size(4 * 1024 * 1024 + 1), "4.0 MB");
        assert_eq!(human_size(1536), "1.5 KB");
    }
}

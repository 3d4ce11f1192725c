//! The zip archive around a returned DOCX or ODT (the `zip` crate), opened with limits, since
//! a return may be hostile: at most [`MAX_ENTRIES`] entries, their declared sizes adding up to
//! at most [`MAX_TOTAL`], and each part read inflated to at most [`MAX_PART`] (counted as it
//! inflates, whatever the archive declares: a "zip bomb" is stopped at the limit). Encrypted
//! entries, duplicate names and truncated archives are refused with a reason.
//!
//! The `zip` crate itself bounds the central directory by the file's size (each entry's record
//! must fit in the bytes before it), and `collect` reads no file over 32 MB, so opening an
//! archive costs at most a few hundred thousand entry records before the entry cap applies.

use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// Most entries an archive may have (Word's and LibreOffice's have 10 to 40, and one per
/// picture pasted in).
pub const MAX_ENTRIES: usize = 1_000;
/// Largest a part that is read (`word/document.xml`, `content.xml`, …) may inflate to. A
/// filled checklist's is well under 1 MB.
pub const MAX_PART: u64 = 16 * 1024 * 1024;
/// Largest the entries' declared sizes may add up to (pictures included), and the most that
/// is inflated from one archive in all.
pub const MAX_TOTAL: u64 = 64 * 1024 * 1024;

const MB: u64 = 1024 * 1024;

/// Whether the bytes start like a zip archive (a local file header, or an empty archive).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether the bytes are an OLE compound file: what Word saves a password-protected document
/// as (an `EncryptedPackage` inside), and the old binary `.doc` format.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
}

/// An archive opened for reading its parts. `kind` ("DOCX", "ODT", …) names it in messages.
pub struct Parts<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// What the archive is, for messages ("DOCX", "ODT").
    pub kind: &'static str,
    /// Bytes inflated so far, against [`MAX_TOTAL`].
    inflated: u64,
}

impl<'a> Parts<'a> {
    /// Opens the archive and checks its directory against the limits.
    pub fn open(bytes: &'a [u8], kind: &'static str) -> Result<Parts<'a>, String> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| open_error(bytes, kind, &e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!(
                "{} whose zip archive has {} entries, more than the {MAX_ENTRIES} a return may have",
                a(kind),
                zip.len()
            ));
        }
        if zip.has_duplicate_names() {
            return Err(format!(
                "{} whose zip archive has two entries of the same name (readers would disagree on which is the document)",
                a(kind)
            ));
        }
        let mut total = 0u64;
        for i in 0..zip.len() {
            let entry = zip.by_index_data(i).map_err(|e| damaged(kind, &e))?;
            total = total.saturating_add(entry.size());
        }
        if total > MAX_TOTAL {
            return Err(format!(
                "{} that would inflate to {} MB, more than the {} MB a return may (a \"zip bomb\"?)",
                a(kind),
                total / MB,
                MAX_TOTAL / MB
            ));
        }
        Ok(Parts {
            zip,
            kind,
            inflated: 0,
        })
    }

    /// Whether the archive has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The inflated bytes of entry `name`, or `None` when there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let kind = self.kind;
        let Some(i) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let meta = self.zip.by_index_data(i).map_err(|e| damaged(kind, &e))?;
        if meta.encrypted() {
            return Err(format!(
                "an encrypted {kind} ({name} needs a password): save it without a password and send it again"
            ));
        }
        if meta.size() > MAX_PART {
            return Err(too_big(kind, name));
        }
        let left = MAX_PART.min(MAX_TOTAL.saturating_sub(self.inflated));
        let file = self.zip.by_index(i).map_err(|e| damaged(kind, &e))?;
        let mut out = Vec::new();
        // The declared size may lie: stop one byte past what is allowed, whatever it says.
        file.take(left + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("a damaged {kind} ({name} cannot be inflated: {e})"))?;
        if out.len() as u64 > left {
            return Err(too_big(kind, name));
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }

    /// Like [`Parts::read`], but a missing entry is an error saying what it is.
    pub fn need(&mut self, name: &str, what: &str) -> Result<Vec<u8>, String> {
        self.read(name)?.ok_or_else(|| {
            format!(
                "a zip archive, but not {} ({what} {name} is missing)",
                a(self.kind)
            )
        })
    }
}

/// "a DOCX", "an ODT".
pub fn a(kind: &str) -> String {
    let an = kind.starts_with(['A', 'E', 'I', 'O', 'U']);
    format!("{} {kind}", if an { "an" } else { "a" })
}

fn too_big(kind: &str, name: &str) -> String {
    format!(
        "{} whose {name} inflates to more than {} MB (a \"zip bomb\"?)",
        a(kind),
        MAX_PART / MB
    )
}

fn damaged(kind: &str, e: &ZipError) -> String {
    format!("a damaged {kind} ({e})")
}

/// Why an archive does not open: cut short (no end-of-directory record in its last 64 KB),
/// encrypted, or otherwise damaged.
fn open_error(bytes: &[u8], kind: &str, e: &ZipError) -> String {
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    if !tail.windows(4).any(|w| w == b"PK\x05\x06") {
        return format!(
            "a truncated {kind} (its zip archive has no end: was the copy or download cut short?)"
        );
    }
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            format!("an encrypted {kind}: save it without a password and send it again")
        }
        _ => damaged(kind, e),
    }
}

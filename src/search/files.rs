//! The index's files: a small manifest, the keys in chunks of about [`CHUNK_BYTES`], and what
//! results show, [`PAGES_PER_FILE`] pages to a file. Each is a script that hands its data to a
//! function `search.js` defines (`<script>` elements load from disk too, where `fetch` of a
//! `file:` URL is refused).

use super::keys::{Key, MAX_POSTINGS};
use super::{Page, CHUNK_DIR, MANIFEST, PAGE_DIR};
use crate::render::OutputFile;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt::Write;

/// A chunk is closed once it holds this many bytes of keys (a key is never split, and the
/// largest, a common word's [`MAX_POSTINGS`] postings, is about 5 KB).
pub const CHUNK_BYTES: usize = 16_000;

/// Pages per file of what results show: one file serves the results of several pages (the
/// chapters of a guide are neighbours in address order), which keeps the site's file count
/// close to its page count, and a result costs a small download (about 15 KB at most here).
pub const PAGES_PER_FILE: usize = 8;

/// Most characters of the excerpt kept for each section (and the page's opening): about two
/// lines of results, cut at a word.
pub const EXCERPT_CHARS: usize = 240;

/// The index's files for `pages` (in page-number order) and their `keys` (in key order).
pub fn write(language: &str, stemmed: bool, pages: &[&Page], keys: &[Key]) -> Vec<OutputFile> {
    let encoded: Vec<String> = keys.par_iter().map(encode_key).collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, e) in encoded.iter().enumerate() {
        size += e.len() + 1;
        if size >= CHUNK_BYTES || i + 1 == encoded.len() {
            groups.push((start, i + 1));
            (start, size) = (i + 1, 0);
        }
    }
    let chunks: Vec<(String, OutputFile)> = groups
        .par_iter()
        .map(|&(from, to)| chunk_file(&keys[from].key, &encoded[from..to]))
        .collect();
    let mut manifest = String::from("window.guidewrightSearchIndex={\"version\":1,\"language\":");
    js_string(&mut manifest, language);
    let _ = write!(
        manifest,
        ",\"stemmed\":{stemmed},\"pages\":{},\"pagesPerFile\":{PAGES_PER_FILE},\"limit\":{MAX_POSTINGS},\"chunks\":[",
        pages.len()
    );
    for (i, (first, file)) in chunks.iter().enumerate() {
        if i > 0 {
            manifest.push(',');
        }
        manifest.push('[');
        // The first chunk starts the key order: the browser needs no key for it.
        js_string(&mut manifest, if i == 0 { "" } else { first });
        manifest.push(',');
        js_string(&mut manifest, chunk_name(&file.path));
        manifest.push(']');
    }
    manifest.push_str("]};\n");
    let mut files = vec![OutputFile {
        path: MANIFEST.into(),
        bytes: manifest.into_bytes(),
    }];
    files.extend(chunks.into_iter().map(|(_, f)| f));
    let bundles: Vec<&[&Page]> = pages.chunks(PAGES_PER_FILE).collect();
    files.par_extend(
        bundles
            .par_iter()
            .enumerate()
            .map(|(n, group)| pages_file(n, group)),
    );
    files
}

/// `["term",df,[page delta,section,score,…]]`, with the terms a word form leads to as a fourth
/// item. Pages are numbered from the previous posting's page, which keeps the numbers short.
fn encode_key(k: &Key) -> String {
    let mut s = String::with_capacity(16 + k.postings.len() * 9);
    s.push('[');
    js_string(&mut s, &k.key);
    let _ = write!(s, ",{},[", k.df);
    let mut last = 0;
    for (i, p) in k.postings.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{},{},{}", p.page - last, p.section, p.score);
        last = p.page;
    }
    s.push(']');
    if !k.leads_to.is_empty() {
        s.push_str(",[");
        for (i, t) in k.leads_to.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            js_string(&mut s, t);
        }
        s.push(']');
    }
    s.push(']');
    s
}

/// A chunk of encoded keys, named by a hash of them (a changed chunk gets a new name, so
/// chunks can be cached for ever), with its first key.
fn chunk_file(first: &str, keys: &[String]) -> (String, OutputFile) {
    let body = keys.join(",");
    let hash = Sha256::digest(body.as_bytes());
    let name: String = hash.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let text = format!("guidewrightSearchChunk(\"{name}\",[{body}]);\n");
    let file = OutputFile {
        path: format!("{CHUNK_DIR}{name}.js"),
        bytes: text.into_bytes(),
    };
    (first.to_string(), file)
}

/// The name of a chunk from its path.
fn chunk_name(path: &str) -> &str {
    path.trim_start_matches(CHUNK_DIR).trim_end_matches(".js")
}

/// What the results of pages `n × PAGES_PER_FILE` onwards show, each page as
/// `{"u":address,"t":title,"g":group,"s":[[anchor,heading,excerpt],…]}`: its opening first
/// (with no anchor or heading), then its sections.
fn pages_file(n: usize, pages: &[&Page]) -> OutputFile {
    let mut s = format!("guidewrightSearchPages({n},[");
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str("{\"u\":");
        js_string(&mut s, &p.url);
        s.push_str(",\"t\":");
        js_string(&mut s, &p.title);
        s.push_str(",\"g\":");
        js_string(&mut s, &p.group);
        s.push_str(",\"s\":[[\"\",\"\",");
        js_string(&mut s, &excerpt(&p.text));
        s.push(']');
        for sec in &p.sections {
            s.push_str(",[");
            js_string(&mut s, &sec.id);
            s.push(',');
            js_string(&mut s, &sec.heading);
            s.push(',');
            js_string(&mut s, &excerpt(&sec.text));
            s.push(']');
        }
        s.push_str("]}");
    }
    s.push_str("]);\n");
    OutputFile {
        path: format!("{PAGE_DIR}{n}.js"),
        bytes: s.into_bytes(),
    }
}

/// The start of `text`, at most [`EXCERPT_CHARS`] characters cut after a word, with `…` when
/// it was cut.
pub fn excerpt(text: &str) -> std::borrow::Cow<'_, str> {
    let Some((end, _)) = text.char_indices().nth(EXCERPT_CHARS) else {
        return text.into();
    };
    let cut = text[..end].rfind(' ').filter(|&i| i > 0).unwrap_or(end);
    format!("{}…", text[..cut].trim_end_matches([',', ';', ':', ' '])).into()
}

/// Appends `text` as a JavaScript string literal: JSON's escaping, and `</` written `<\/` so
/// no text can close a `<script>` element even if the file is ever inlined.
fn js_string(out: &mut String, text: &str) {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    if json.contains("</") {
        out.push_str(&json.replace("</", "<\\/"));
    } else {
        out.push_str(&json);
    }
}

//! The site's full-text search index, split into chunks so a query loads only a small part of
//! it: a search on a site of 20,000 pages downloads a manifest, a chunk or two per word and a
//! small file per result shown, not the whole index.
//!
//! Built per site language from each page's own content (see [`Page`]), in parallel, and
//! byte-identical whatever the number of threads. Files, below the language's root:
//!
//! - `assets/search/index.js`: the manifest, the first key of every chunk and its name;
//! - `assets/search/t/<hash>.js`: the keys, in JavaScript's string order, in chunks of about
//!   16 KB, each key a term with its scored postings (or a word form and the terms it leads to);
//! - `assets/search/p/<n>.js`: what the results of pages `8n` to `8n + 7` show: each page's
//!   address, title and group, and its sections' anchors, headings and excerpts.
//!
//! Every file is a script calling a function of `search.js`, so search works from disk (where
//! Chromium refuses `fetch` of `file:` URLs) as well as from any web server. Pagefind does the
//! same job with a WebAssembly engine it fetches, so it needs a server: see README.md.

mod files;
mod keys;
mod postings;
pub mod tokens;

use crate::render::OutputFile;
use rayon::prelude::*;
use tokens::Analyzer;

/// What the index is given for each page: its address below the language's root, its title,
/// the group it is shown under, the text of its content before its first section, and its
/// sections (anchor, heading, text), without the page's furniture.
pub use crate::render::search::SearchDoc as Page;

/// The index's folder, its manifest, its chunks and its pages' files, below the language's
/// root. Nothing here is fingerprinted: chunks are named by their contents already, and the
/// manifest and pages' files change with the content (servers should revalidate them).
pub const DIR: &str = "assets/search/";
pub const MANIFEST: &str = "assets/search/index.js";
const CHUNK_DIR: &str = "assets/search/t/";
const PAGE_DIR: &str = "assets/search/p/";

/// The search index of one language's `pages` (a BCP 47 `language` tag chooses the stemmer),
/// as files of the site. Pages are numbered in address order, so the result does not depend
/// on the order they are given in.
pub fn index_files(language: &str, pages: &[Page]) -> Vec<OutputFile> {
    let mut sorted: Vec<&Page> = pages.iter().collect();
    sorted.par_sort_unstable_by(|a, b| a.url.cmp(&b.url));
    let analyzer = Analyzer::for_language(language);
    let keys = keys::keys(postings::invert(&analyzer, &sorted));
    files::write(language, analyzer.stems(), &sorted, &keys)
}

#[cfg(test)]
mod tests;

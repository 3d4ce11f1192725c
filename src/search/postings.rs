//! The inverted index: for every term, the entries it occurs in, gathered from the pages in
//! parallel. An entry is one part of a page that a result links to: its opening (with the
//! page's title) or one of its sections (with the section's heading).

use super::tokens::{fold, words, Analyzer};
use super::Page;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// How much an occurrence counts towards a term's frequency in an entry: words of the page's
/// title and of a section's heading say more about what it is about than words of its text.
pub const TITLE_WEIGHT: u16 = 3;
pub const HEADING_WEIGHT: u16 = 2;
pub const TEXT_WEIGHT: u16 = 1;

/// A term's occurrence in one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The page's number (its place among the pages, in address order).
    pub page: u32,
    /// 0 for the page's opening, `n` for its `n`th section.
    pub section: u16,
    /// The weighted count of the term in the entry.
    pub tf: u16,
    /// The entry's length in words.
    pub len: u32,
}

/// Every term with its hits, and every word form that was indexed under another term.
pub struct Inverted {
    /// Terms in no particular order, each with its hits in (page, section) order.
    pub terms: Vec<(String, Vec<Hit>)>,
    /// (folded word, term) for every word whose term differs from it, in no particular order.
    pub forms: Vec<(String, String)>,
    /// How many entries have any word, and their total length in words.
    pub entries: u64,
    pub words: u64,
}

/// Gathers the terms of every page, in parallel. The result does not depend on the number of
/// threads: hits are sorted here, terms and forms by the caller.
pub fn invert(analyzer: &Analyzer, pages: &[&Page]) -> Inverted {
    let acc = pages
        .par_iter()
        .enumerate()
        .fold(Acc::default, |mut acc, (n, page)| {
            acc.add_page(analyzer, n as u32, page);
            acc
        })
        .reduce(Acc::default, Acc::merge);
    let forms = acc
        .cache
        .iter()
        .filter(|(word, &id)| acc.names[id as usize] != **word)
        .map(|(word, &id)| (word.clone(), acc.names[id as usize].clone()))
        .collect();
    let mut terms: Vec<(String, Vec<Hit>)> = acc.names.into_iter().zip(acc.hits).collect();
    terms
        .par_iter_mut()
        .for_each(|(_, hits)| hits.sort_unstable_by_key(|h| (h.page, h.section)));
    Inverted {
        terms,
        forms,
        entries: acc.entries,
        words: acc.words,
    }
}

/// What one thread has gathered: terms by number (interned, so each term's text is kept once
/// per thread), their hits, and each word's term.
#[derive(Default)]
struct Acc {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    hits: Vec<Vec<Hit>>,
    /// Folded word → its term's number (stemming each word once per thread).
    cache: FxHashMap<String, u32>,
    /// Counts of the entry being read, by term number (0: not in the entry), and the terms
    /// counted, reused from entry to entry (a map per entry cost more than the words).
    counts: Vec<u16>,
    counted: Vec<u32>,
    entries: u64,
    words: u64,
}

impl Acc {
    fn add_page(&mut self, analyzer: &Analyzer, page: u32, doc: &Page) {
        self.add_entry(
            analyzer,
            page,
            0,
            &[(&doc.title, TITLE_WEIGHT), (&doc.text, TEXT_WEIGHT)],
        );
        // A page of more than 65,535 sections has its first ones indexed.
        for (i, s) in doc.sections.iter().enumerate().take(u16::MAX as usize) {
            let parts = [(&s.heading[..], HEADING_WEIGHT), (&s.text[..], TEXT_WEIGHT)];
            self.add_entry(analyzer, page, i as u16 + 1, &parts);
        }
    }

    fn add_entry(&mut self, analyzer: &Analyzer, page: u32, section: u16, parts: &[(&str, u16)]) {
        let mut len = 0u32;
        for (text, weight) in parts {
            let folded = fold(text);
            for word in words(&folded) {
                let id = self.term_id(analyzer, word) as usize;
                if id >= self.counts.len() {
                    self.counts.resize(id + 1, 0);
                }
                if self.counts[id] == 0 {
                    self.counted.push(id as u32);
                }
                // Weights are at least 1, so a term counted is never 0 again.
                self.counts[id] = self.counts[id].saturating_add(*weight);
                len = len.saturating_add(1);
            }
        }
        if !self.counted.is_empty() {
            self.entries += 1;
            self.words += u64::from(len);
        }
        // Each term's hits are sorted later, so the order they are pushed in does not matter.
        for id in self.counted.drain(..) {
            let tf = std::mem::take(&mut self.counts[id as usize]);
            self.hits[id as usize].push(Hit {
                page,
                section,
                tf,
                len,
            });
        }
    }

    fn term_id(&mut self, analyzer: &Analyzer, word: &str) -> u32 {
        if let Some(&id) = self.cache.get(word) {
            return id;
        }
        let term = analyzer.term(word).into_owned();
        let id = self.intern(term);
        self.cache.insert(word.to_string(), id);
        id
    }

    fn intern(&mut self, term: String) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(term.clone());
        self.hits.push(Vec::new());
        self.ids.insert(term, id);
        id
    }

    fn merge(mut self, other: Acc) -> Acc {
        let map: Vec<u32> = other
            .names
            .into_iter()
            .zip(other.hits)
            .map(|(name, hits)| {
                let id = self.intern(name);
                self.hits[id as usize].extend(hits);
                id
            })
            .collect();
        for (word, id) in other.cache {
            self.cache.entry(word).or_insert(map[id as usize]);
        }
        self.entries += other.entries;
        self.words += other.words;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::{SearchDoc, SearchSection};

    fn page(title: &str, text: &str, sections: &[(&str, &str)]) -> Page {
        SearchDoc {
            url: format!("{}.html", title.to_lowercase()),
            title: title.into(),
            group: String::new(),
            text: text.into(),
            sections: sections
                .iter()
                .map(|(h, t)| SearchSection {
                    id: h.to_lowercase(),
                    heading: (*h).into(),
                    text: (*t).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn hits_weigh_titles_and_headings_and_count_entry_lengths() {
        let a = page("Risk", "risk and harm", &[("Harm", "harm harm risk")]);
        let b = page("Plans", "", &[("Review", "")]);
        let inv = invert(&Analyzer::for_language("en"), &[&a, &b]);
        let hits = |t: &str| {
            inv.terms
                .iter()
                .find(|(k, _)| k == t)
                .map(|(_, h)| h.clone())
                .unwrap_or_default()
        };
        // "Risk" in the title (3) and once in the text (1); once in the section.
        assert_eq!(
            hits("risk"),
            [
                Hit {
                    page: 0,
                    section: 0,
                    tf: 4,
                    len: 4
                },
                Hit {
                    page: 0,
                    section: 1,
                    tf: 1,
                    len: 4
                }
            ]
        );
        assert_eq!(hits("harm")[1].tf, 2 + 2);
        // The second page's section has only its heading ("review" → "review").
        assert_eq!(
            hits("review"),
            [Hit {
                page: 1,
                section: 1,
                tf: 2,
                len: 1
            }]
        );
        // Entries with a word: page 0's opening and section, page 1's opening and section.
        assert_eq!((inv.entries, inv.words), (4, 4 + 4 + 1 + 1));
        // "plans" is indexed as "plan".
        assert!(inv.forms.contains(&("plans".into(), "plan".into())));
        assert!(!inv.forms.iter().any(|(w, _)| w == "risk"));
    }
}

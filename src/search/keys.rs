//! The keys of the index, in the order the browser searches them: every term with its scored
//! postings, and every word form that was indexed under another term with the term it leads to
//! (so the browser, which cannot stem, finds "assess" when asked for "assessing").

use super::postings::{Hit, Inverted};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Most postings kept for one term. A term found in more entries than this (a common word)
/// keeps the highest scored; the browser then treats it as found everywhere (it ranks, but does
/// not filter), so a query's download stays bounded however large the site grows.
pub const MAX_POSTINGS: usize = 500;

/// BM25's parameters (the usual ones).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A term's occurrence in an entry, with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub page: u32,
    pub section: u16,
    /// BM25 score × 100, rounded, at least 1.
    pub score: u32,
}

/// One key of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub key: String,
    /// How many entries the term occurs in (0 for a key that is only a word form).
    pub df: u32,
    /// The best [`MAX_POSTINGS`] of them, in (page, section) order.
    pub postings: Vec<Posting>,
    /// The terms this word form was indexed under, when it is not its own term.
    pub leads_to: Vec<String>,
}

/// Orders keys as JavaScript compares strings (by UTF-16 code units), which differs from
/// Rust's order for characters above U+FFFF.
pub fn js_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Every key, scored and sorted.
pub fn keys(inv: Inverted) -> Vec<Key> {
    let entries = inv.entries.max(1) as f64;
    let avg_len = (inv.words as f64 / entries).max(1.0);
    let mut by_key: BTreeMap<String, Key> = inv
        .terms
        .into_par_iter()
        .map(|(term, hits)| {
            let key = Key {
                df: hits.len().min(u32::MAX as usize) as u32,
                postings: best_postings(&hits, entries, avg_len),
                key: term.clone(),
                leads_to: Vec::new(),
            };
            (term, key)
        })
        .collect();
    for (form, term) in inv.forms {
        let k = by_key.entry(form.clone()).or_insert_with(|| Key {
            key: form,
            df: 0,
            postings: Vec::new(),
            leads_to: Vec::new(),
        });
        k.leads_to.push(term);
    }
    let mut keys: Vec<Key> = by_key.into_values().collect();
    for k in &mut keys {
        k.leads_to.sort_unstable();
        k.leads_to.dedup();
    }
    keys.par_sort_unstable_by(|a, b| js_order(&a.key, &b.key));
    keys
}

/// The postings of a term's `hits`, scored with BM25 over `entries` entries of `avg_len`
/// words on average; at most [`MAX_POSTINGS`] of them, the best, in (page, section) order.
fn best_postings(hits: &[Hit], entries: f64, avg_len: f64) -> Vec<Posting> {
    let df = hits.len() as f64;
    let idf = (1.0 + (entries - df + 0.5) / (df + 0.5)).ln();
    let scored: Vec<(f64, &Hit)> = hits
        .iter()
        .map(|h| {
            let tf = f64::from(h.tf);
            let norm = K1 * (1.0 - B + B * f64::from(h.len) / avg_len);
            (idf * tf * (K1 + 1.0) / (tf + norm), h)
        })
        .collect();
    let mut kept: Vec<&(f64, &Hit)> = scored.iter().collect();
    if kept.len() > MAX_POSTINGS {
        // The best by their exact scores (a common word's rounded scores are all alike),
        // found by selection rather than sorting every hit: the order is total (a term has
        // one hit per page and section), so the same hits are kept.
        kept.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.page.cmp(&b.1.page))
                .then(a.1.section.cmp(&b.1.section))
        });
        kept.truncate(MAX_POSTINGS);
        kept.sort_unstable_by_key(|(_, h)| (h.page, h.section));
    }
    kept.into_iter()
        .map(|(score, h)| Posting {
            page: h.page,
            section: h.section,
            score: ((score * 100.0).round() as u32).max(1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(page: u32, tf: u16, len: u32) -> Hit {
        Hit {
            page,
            section: 0,
            tf,
            len,
        }
    }

    #[test]
    fn a_common_words_postings_are_its_best_hits_in_page_order() {
        // At one entry length a hit's score grows with its count, so the best are the
        // highest counts, the earlier page first among equal ones.
        let count = |page: u32| (page * 7919 % 997 + 1) as u16;
        let hits: Vec<Hit> = (0..1200).map(|p| hit(p, count(p), 10)).collect();
        let mut best: Vec<u32> = (0..1200).collect();
        best.sort_by_key(|&p| (std::cmp::Reverse(count(p)), p));
        best.truncate(MAX_POSTINGS);
        best.sort_unstable();
        let kept: Vec<u32> = best_postings(&hits, 5000.0, 10.0)
            .iter()
            .map(|p| p.page)
            .collect();
        assert_eq!(kept, best);
    }

    #[test]
    fn keys_hold_terms_and_the_forms_that_lead_to_them_in_javascript_order() {
        let inv = Inverted {
            terms: vec![
                ("plan".into(), vec![hit(1, 1, 10)]),
                ("\u{1F600}".into(), vec![hit(0, 1, 10)]),
                ("\u{FF21}".into(), vec![hit(0, 1, 10)]),
            ],
            forms: vec![
                ("plans".into(), "plan".into()),
                ("planning".into(), "plan".into()),
            ],
            entries: 2,
            words: 20,
        };
        let keys = keys(inv);
        let names: Vec<&str> = keys.iter().map(|k| k.key.as_str()).collect();
        // U+1F600 is a surrogate pair (D83D …) in UTF-16, before U+FF21.
        assert_eq!(
            names,
            ["plan", "planning", "plans", "\u{1F600}", "\u{FF21}"]
        );
        assert_eq!(keys[1].leads_to, ["plan"]);
        assert_eq!((keys[1].df, keys[1].postings.len()), (0, 0));
        assert_eq!(keys[0].df, 1);
    }

    #[test]
    fn scores_follow_bm25_and_common_terms_keep_their_best_postings() {
        // One hit among 10 entries of 10 words: idf = ln(1 + 9.5/1.5), tf part = 2.2/2.2.
        let p = best_postings(&[hit(3, 1, 10)], 10.0, 10.0);
        let want = ((1.0f64 + 9.5 / 1.5).ln() * 100.0).round() as u32;
        assert_eq!(p[0].score, want);
        // More occurrences and shorter entries score higher.
        let p = best_postings(&[hit(0, 1, 10), hit(1, 3, 10), hit(2, 1, 5)], 10.0, 10.0);
        assert!(p[1].score > p[0].score && p[2].score > p[0].score);

        // A term in every one of 2,000 entries keeps the 500 where it counts most.
        let hits: Vec<Hit> = (0..2000)
            .map(|n| hit(n, if n % 4 == 0 { 3 } else { 1 }, 10))
            .collect();
        let p = best_postings(&hits, 2000.0, 10.0);
        assert_eq!(p.len(), MAX_POSTINGS);
        assert!(p.iter().all(|x| x.page % 4 == 0), "the entries with tf 3");
        assert!(p.windows(2).all(|w| w[0].page < w[1].page));
    }
}

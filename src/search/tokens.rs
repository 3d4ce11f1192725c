//! Words as the search index sees them, and as `search.js` must see them too: text is
//! lower-cased, decomposed (NFD) and stripped of its combining marks ("Dŵr" → "dwr", "café" →
//! "cafe", so a search typed without accents finds words written with them, which matters in
//! Welsh, where ŵ and ŷ are often typed as w and y), then split at every character that is
//! neither alphabetic nor numeric. The browser does the same with
//! `toLowerCase().normalize("NFD")`, `\p{M}` and `[^\p{Alphabetic}\p{N}]`, which name the same
//! Unicode properties as [`char::is_alphanumeric`] and `is_combining_mark` here.
//!
//! Words are then stemmed where a Snowball stemmer exists for the language (`rust-stemmers`:
//! English, French, German and 15 more); Welsh has none there, so Welsh words are indexed as
//! they are written (folded as above). The browser never stems: the index maps every form of a
//! word it has seen to its stem (see [`super::keys`]).

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest word indexed, in characters: longer runs (identifiers, hashes, runs of letters with
/// no space) are left out, which bounds every key of the index.
pub const MAX_WORD: usize = 40;

/// Lower-cased, decomposed and without combining marks (see the module's documentation).
pub fn fold(text: &str) -> String {
    // Most text is ASCII, where folding is lower-casing (decomposing is the slow part).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// The words of folded text, in order: runs of alphabetic and numeric characters of at most
/// [`MAX_WORD`] characters.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && (w.len() <= MAX_WORD || w.chars().nth(MAX_WORD).is_none()))
}

/// How one language's words are reduced to the terms of the index.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    /// The analyzer of a BCP 47 language tag (`en`, `en-GB`, `cy`): by its primary subtag, a
    /// Snowball stemmer where `rust-stemmers` has one, otherwise none (words kept whole).
    pub fn for_language(tag: &str) -> Analyzer {
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let algorithm = match primary.as_str() {
            "ar" => Some(Algorithm::Arabic),
            "da" => Some(Algorithm::Danish),
            "nl" => Some(Algorithm::Dutch),
            "en" => Some(Algorithm::English),
            "fi" => Some(Algorithm::Finnish),
            "fr" => Some(Algorithm::French),
            "de" => Some(Algorithm::German),
            "el" => Some(Algorithm::Greek),
            "hu" => Some(Algorithm::Hungarian),
            "it" => Some(Algorithm::Italian),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "pt" => Some(Algorithm::Portuguese),
            "ro" => Some(Algorithm::Romanian),
            "ru" => Some(Algorithm::Russian),
            "es" => Some(Algorithm::Spanish),
            "sv" => Some(Algorithm::Swedish),
            "ta" => Some(Algorithm::Tamil),
            "tr" => Some(Algorithm::Turkish),
            _ => None,
        };
        Analyzer {
            stemmer: algorithm.map(Stemmer::create),
        }
    }

    /// Whether words are stemmed.
    pub fn stems(&self) -> bool {
        self.stemmer.is_some()
    }

    /// The term a folded word is indexed under. A stemmer may put back nothing a fold removes
    /// (it works on lower-case letters), but its result is folded again to be sure every key
    /// the browser looks up is folded.
    pub fn term<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let Some(stemmer) = &self.stemmer else {
            return Cow::Borrowed(word);
        };
        match stemmer.stem(word) {
            Cow::Borrowed(s) => Cow::Borrowed(s),
            Cow::Owned(s) if s.is_empty() => Cow::Borrowed(word),
            Cow::Owned(s) => Cow::Owned(fold(&s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_accents_including_welsh_circumflexes() {
        assert_eq!(fold("Dŵr a THŶ"), "dwr a thy");
        assert_eq!(fold("Café Ŵyr"), "cafe wyr");
        // Decomposed input folds the same as precomposed.
        assert_eq!(fold("d\u{0077}\u{0302}r"), "dwr");
        // Letters that are not a base and a mark stay as they are.
        assert_eq!(fold("Straße Øre"), "straße øre");
    }

    #[test]
    fn words_split_at_punctuation_and_skip_overlong_runs() {
        let long = "x".repeat(MAX_WORD + 1);
        let text = fold(&format!("Chwilio'r safle, 2024-05 rock’n’roll {long} ok"));
        let got: Vec<&str> = words(&text).collect();
        assert_eq!(
            got,
            ["chwilio", "r", "safle", "2024", "05", "rock", "n", "roll", "ok"]
        );
        let exactly = "y".repeat(MAX_WORD);
        assert_eq!(words(&exactly).collect::<Vec<_>>(), [exactly.as_str()]);
    }

    #[test]
    fn english_is_stemmed_and_welsh_is_not() {
        let en = Analyzer::for_language("en-GB");
        assert!(en.stems());
        assert_eq!(en.term("assessing"), "assess");
        assert_eq!(en.term("assessment"), "assess");
        assert_eq!(en.term("curiosity"), "curios");
        let cy = Analyzer::for_language("cy");
        assert!(!cy.stems());
        assert_eq!(cy.term("asesiadau"), "asesiadau");
    }
}

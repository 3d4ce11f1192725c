//! The little grammar interface strings need around a word the code supplies (a unit such as
//! "cases" or "teams", a findings sample's unit): the definite article before it and the word
//! after a preposition. English needs nothing ("the cases", "of cases"); Welsh chooses the
//! article by the word's first sound ("yr achosion", "y timau") and softens the word after
//! "o" ("o dimau").
//!
//! The locale says how the phrases are built (`grammar_the`, `grammar_of`, placeholders
//! `{word}`, `{article}` and `{soft}`); the code fills the placeholders, the Welsh ones by
//! [`welsh`]. This is not a morphology: it knows the article and the soft mutation by the
//! written initial letters only (see [`welsh`] for what it leaves to the translator).

use super::Locale;

/// Welsh by the written initial letters: the article `y`/`yr` and the soft mutation.
///
/// Written by hand: no maintained crate does Welsh mutation, and the rules needed here are a
/// table of a dozen initial letters. It does not know a word's gender, loanwords that do not
/// mutate, or a `w` read as a consonant ("y wlad"): a phrase with such a word is written out
/// in the locale file instead of built from the placeholders.
pub mod welsh {
    /// `yr` before a vowel (a, e, i, o, u, w, y, with or without an accent) or `h`, `y`
    /// before any other letter.
    pub fn article(word: &str) -> &'static str {
        let first = word
            .chars()
            .next()
            .map(|c| c.to_lowercase().next().unwrap_or(c));
        match first {
            Some(c) if "aeiouwyhâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ".contains(c) => {
                "yr"
            }
            _ => "y",
        }
    }

    /// The soft mutation of `word`'s first letter: p→b, t→d, c→g, b→f, d→dd, g→(none), m→f,
    /// ll→l, rh→r; any other first letter is kept. A capital stays a capital.
    pub fn soft(word: &str) -> String {
        let lower = word.to_lowercase();
        // Longest first: "ll" and "rh" before their single letters; "dd", "ff", "ch", "ph"
        // and "th" are letters of their own that do not soften.
        const TABLE: [(&str, &str); 13] = [
            ("ll", "l"),
            ("rh", "r"),
            ("dd", "dd"),
            ("ff", "ff"),
            ("ch", "ch"),
            ("ph", "ph"),
            ("th", "th"),
            ("p", "b"),
            ("t", "d"),
            ("c", "g"),
            ("b", "f"),
            ("d", "dd"),
            ("m", "f"),
        ];
        let (from, to) = match TABLE.iter().find(|(f, _)| lower.starts_with(f)) {
            Some(&(f, t)) => (f.len(), t.to_string()),
            None if lower.starts_with('g') => (1, String::new()),
            None => return word.to_string(),
        };
        let rest = &word[from..];
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if !capital {
            return format!("{to}{rest}");
        }
        let mut joined = format!("{to}{rest}");
        // "Gwaith" → "Waith": the first letter left takes the capital.
        if let Some(c) = joined.chars().next() {
            let upper: String = c.to_uppercase().collect();
            joined.replace_range(..c.len_utf8(), &upper);
        }
        joined
    }
}

impl Locale {
    /// `word` with the definite article, as the locale's `grammar_the` builds it ("the
    /// cases", "yr achosion", "y timau").
    pub fn the(&self, word: &str) -> String {
        self.fmt(
            "grammar_the",
            &[("word", word), ("article", welsh::article(word))],
        )
    }

    /// `word` after "of", as the locale's `grammar_of` builds it ("of cases", "o achosion",
    /// "o dimau").
    pub fn of(&self, word: &str) -> String {
        self.fmt(
            "grammar_of",
            &[("word", word), ("soft", &welsh::soft(word))],
        )
    }

    /// `x` of `n` units ("7 of 12 cases", Welsh "7 o'r 12 achos": the singular after a
    /// numeral), from `report_part_one` (`n` is 1) or `report_part_many`.
    pub fn part(&self, x: u32, n: u32, unit: &str, units: &str) -> String {
        let key = match n {
            1 => "report_part_one",
            _ => "report_part_many",
        };
        let mut args = self.unit_args(unit, units);
        args.extend([("x", x.to_string()), ("n", n.to_string())]);
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        self.fmt(key, &args)
    }

    /// The placeholders a sentence about a number of units may use: `{unit}` (one, also the
    /// Welsh noun after a numeral), `{units}` (many), `{the_units}` and `{of_units}`.
    pub fn unit_args(&self, unit: &str, units: &str) -> Vec<(&'static str, String)> {
        vec![
            ("unit", unit.to_string()),
            ("units", units.to_string()),
            ("the_units", self.the(units)),
            ("of_units", self.of(units)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::welsh::{article, soft};
    use crate::locale::Locale;

    #[test]
    fn the_article_is_yr_before_a_vowel_or_h() {
        assert_eq!(article("achosion"), "yr");
        assert_eq!(article("ysgolion"), "yr");
        assert_eq!(article("Heddlu"), "yr");
        assert_eq!(article("ŵyr"), "yr");
        assert_eq!(article("timau"), "y");
        assert_eq!(article("plant"), "y");
        assert_eq!(article(""), "y");
    }

    #[test]
    fn the_soft_mutation_follows_the_first_letters() {
        assert_eq!(soft("timau"), "dimau");
        assert_eq!(soft("plant"), "blant");
        assert_eq!(soft("cartrefi"), "gartrefi");
        assert_eq!(soft("bechgyn"), "fechgyn");
        assert_eq!(soft("disgyblion"), "ddisgyblion");
        assert_eq!(soft("gwasanaethau"), "wasanaethau");
        assert_eq!(soft("Gwasanaethau"), "Wasanaethau");
        assert_eq!(soft("merched"), "ferched");
        assert_eq!(soft("llysoedd"), "lysoedd");
        assert_eq!(soft("rhieni"), "rieni");
        // Letters that do not soften.
        assert_eq!(soft("achosion"), "achosion");
        assert_eq!(soft("ffeiliau"), "ffeiliau");
        assert_eq!(soft("ddoe"), "ddoe");
        assert_eq!(soft("chwiorydd"), "chwiorydd");
        assert_eq!(soft("theatrau"), "theatrau");
        assert_eq!(soft("nyrsys"), "nyrsys");
        assert_eq!(soft(""), "");
    }

    #[test]
    fn phrases_are_built_as_each_locale_says() {
        let cy = Locale::embedded("cy");
        assert_eq!(cy.the("achosion"), "yr achosion");
        assert_eq!(cy.the("timau"), "y timau");
        assert_eq!(cy.of("timau"), "o dimau");
        assert_eq!(cy.of("achosion"), "o achosion");
        let en = Locale::english();
        assert_eq!(en.the("teams"), "the teams");
        assert_eq!(en.of("teams"), "of teams");
    }
}

//! Quotes, classification scales, response scales and the glossary.

use super::common::entity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A lived-experience quote.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub id: String,
    pub text: String,
    /// Anonymous attribution, e.g. "Anonymous, parent of a pupil".
    pub attribution: String,
    #[serde(default)]
    pub group: Option<String>,
}

/// Marks a quotation may open with: English, German and Polish low, French guillemets (either
/// way round), single marks, CJK corner brackets. (A short fixed list: no crate offers it.)
const OPENING: &[char] = &[
    '“', '"', '‘', '\'', '„', '‚', '«', '»', '‹', '›', '「', '『', '”',
];
/// Marks a quotation may close with.
const CLOSING: &[char] = &[
    '”', '"', '’', '\'', '“', '‘', '»', '«', '›', '‹', '」', '』',
];

impl Quote {
    /// Whether the text already begins and ends with quotation marks (`"I knew…"`), so no
    /// second pair is put around it.
    pub fn has_own_marks(&self) -> bool {
        let t = self.text.trim();
        let mut chars = t.chars();
        match (chars.next(), chars.next_back()) {
            (Some(a), Some(z)) => OPENING.contains(&a) && CLOSING.contains(&z),
            _ => false,
        }
    }

    /// The text as shown: in curly double quotation marks unless it has its own.
    pub fn marked_text(&self) -> String {
        if self.has_own_marks() {
            self.text.trim().to_string()
        } else {
            format!("“{}”", self.text)
        }
    }
}

entity! {
    /// `quotes/<any>.yaml`: a list of quotes.
    pub struct QuoteFile {
        pub quotes: Vec<Quote>,
    }
}

/// Colour of a level's tag. Colour is never the only signal: the label is always shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Colour {
    Green,
    Yellow,
    Amber,
    Red,
    Grey,
    Blue,
}

/// A level of a classification scale.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    /// Markdown.
    pub definition: String,
    #[serde(default)]
    pub colour: Option<Colour>,
}

entity! {
    /// `scales/<id>.yaml`: an ordered classification scale (lowest first).
    pub struct ClassificationScale {
        pub title: String,
        /// Markdown.
        #[serde(default)]
        pub description: Option<String>,
        pub levels: Vec<Level>,
    }
}

/// How an answer counts in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CountsAs {
    Positive,
    Partial,
    Negative,
    /// Never counts in a denominator ("Not applicable").
    Excluded,
}

/// An answer option.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseOption {
    /// Lower-kebab-case ASCII word used as the export value.
    pub value: String,
    pub label: String,
    pub counts_as: CountsAs,
}

entity! {
    /// `response-scales/<id>.yaml`: the answers a checklist question offers.
    pub struct ResponseScale {
        pub title: String,
        pub options: Vec<ResponseOption>,
    }
}

/// A glossary term.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub term: String,
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// Markdown.
    pub definition: String,
    /// In a translated glossary, the original's language for a term the translation lacks
    /// (kept from the original); not written in content.
    #[serde(skip)]
    pub lang: Option<String>,
}

entity! {
    /// `glossary.yaml`: terms and abbreviations.
    pub struct Glossary {
        pub terms: Vec<Term>,
    }
}

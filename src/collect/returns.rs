//! A returned checklist, whatever format it came in, and why a file was skipped.

use std::collections::BTreeMap;

/// One return: the checklist it was made from and what was filled in. Keys are the field
/// names of docs/returns.md without their prefix (`meta.`, `q.`, `signoff.`).
#[derive(Debug, Clone, Default)]
pub struct Return {
    /// The file it was read from, as given on the command line.
    pub file: String,
    pub checklist: String,
    pub version: String,
    pub metadata: BTreeMap<String, String>,
    /// Question id → the answer's value (`yes`, `partly`, …).
    pub answers: BTreeMap<String, String>,
    /// Question id → evidence text.
    pub evidence: BTreeMap<String, String>,
    /// Action plan rows in order, column → text; empty rows are left out.
    pub actions: Vec<BTreeMap<String, String>>,
    pub sign_off: BTreeMap<String, String>,
    /// Things wrong inside an otherwise readable return (e.g. a radio group whose widgets
    /// disagree); reported, and the affected answer is left out.
    pub problems: Vec<crate::locale::Message>,
}

/// Most action rows a return may carry (the forms have a handful).
const MAX_ACTION_ROWS: usize = 100;

impl Return {
    /// Builds a return from flat field names and values (the CSV export and PDF forms).
    /// Empty values are treated as not filled in; unknown names are ignored.
    pub fn from_fields(
        file: &str,
        checklist: String,
        version: String,
        fields: impl IntoIterator<Item = (String, String)>,
    ) -> Return {
        let mut r = Return {
            file: file.to_string(),
            checklist,
            version,
            ..Return::default()
        };
        let mut actions: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
        for (name, value) in fields {
            let value = value.trim().to_string();
            if value.is_empty() {
                continue;
            }
            if let Some(k) = name.strip_prefix("meta.") {
                r.metadata.insert(k.to_string(), value);
            } else if let Some(k) = name.strip_prefix("signoff.") {
                r.sign_off.insert(k.to_string(), value);
            } else if let Some(rest) = name.strip_prefix("action.") {
                if let Some((n, col)) = rest.split_once('.') {
                    if let Ok(n) = n.parse::<usize>() {
                        if (1..=MAX_ACTION_ROWS).contains(&n) {
                            actions.entry(n).or_default().insert(col.to_string(), value);
                        }
                    }
                }
            } else if let Some(q) = name.strip_prefix("q.") {
                match q.strip_suffix(".evidence") {
                    Some(q) => r.evidence.insert(q.to_string(), value),
                    None => r.answers.insert(q.to_string(), value),
                };
            }
        }
        r.actions = actions.into_values().collect();
        r
    }
}

/// Why a file was not compiled, in the report's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
    /// The reason's language when it is not the report's (a reader's technical reason has
    /// no translation and stays in English: `en-GB`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Skipped {
    /// `file` skipped for `reason`, written in `loc`'s language.
    pub fn new(
        file: String,
        reason: &crate::locale::Message,
        loc: &crate::locale::Locale,
    ) -> Skipped {
        Skipped {
            file,
            reason: reason.text(loc),
            lang: reason.lang(loc),
        }
    }
}

//! How `guidewright collect` summarises a checklist's returns: the `report` block of a
//! checklist.

use super::scales::Colour;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a section's score comes from its questions' percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionScore {
    /// The lowest question percentage (a section is as strong as its weakest question).
    #[default]
    Lowest,
    /// The mean of the question percentages, rounded to the nearest whole number.
    Mean,
}

/// A rating band: a percentage at or above `from` (and below the next band up) gets it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest percentage in the band (0–100).
    pub from: u32,
    /// The text label, always shown (colour is never the only signal).
    pub label: String,
    /// The tag colour (the red, amber, green of a RAG rating).
    pub colour: Colour,
}

/// A pair of metadata fields, both choices from the same classification scale: what the case
/// records and what the auditor judged it should be.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Metadata field id of the recorded classification.
    pub recorded: String,
    /// Metadata field id of the auditor's own judgement.
    pub judged: String,
    /// Heading for the cross-table; defaults to the recorded field's label.
    #[serde(default)]
    pub title: Option<String>,
}

/// The `report` block of a checklist. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// `lowest` (default) or `mean` of the section's question percentages.
    #[serde(default)]
    pub section_score: SectionScore,
    /// Rating bands, any order; default: 80 Good (green), 65 Requires improvement (amber),
    /// 0 Inadequate (red).
    #[serde(default)]
    pub bands: Vec<Band>,
    /// Percentages based on fewer applicable answers than this carry a caveat (default 10).
    #[serde(default)]
    pub minimum_answers: Option<u32>,
    /// Figures based on fewer applicable answers than this are not shown at all (disclosure
    /// control): no count, percentage, interval or rating (default: none suppressed). At most
    /// `minimum_answers`.
    #[serde(default)]
    pub suppress_below: Option<u32>,
    /// How many questions to list as strengths and as areas for improvement (default 3).
    #[serde(default)]
    pub highlights: Option<u32>,
    /// Metadata field holding the case reference, used to find duplicate returns
    /// (default `case-reference` when the checklist has it).
    #[serde(default)]
    pub case_reference: Option<String>,
    /// Metadata field giving the period the returns cover (a date field; default the first
    /// date field).
    #[serde(default)]
    pub date_field: Option<String>,
    /// Classification agreement cross-tables.
    #[serde(default)]
    pub agreement: Vec<Agreement>,
    /// Earlier versions whose returns are read as this one (their field names are unchanged).
    #[serde(default)]
    pub accepts_versions: Vec<String>,
    /// Earlier versions whose questions differ from this one's: their returns are read too,
    /// questions matched by id, and what was added or removed is reported, never merged.
    #[serde(default)]
    pub versions: Vec<VersionChanges>,
}

/// How an earlier version of a checklist differs from this one, by question id.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionChanges {
    /// The earlier version, as its returns give it.
    pub version: String,
    /// Questions of this version that the earlier one did not ask: its returns are left out
    /// of their figures (not counted as unanswered).
    #[serde(default)]
    pub added: Vec<String>,
    /// Question ids the earlier version asked that this one does not: their answers are
    /// counted as discontinued questions, apart from every current question.
    #[serde(default)]
    pub removed: Vec<String>,
}

impl ReportConfig {
    /// The bands in force, highest first.
    pub fn bands(&self) -> Vec<Band> {
        let mut b = if self.bands.is_empty() {
            vec![
                Band {
                    from: 80,
                    label: "Good".into(),
                    colour: Colour::Green,
                },
                Band {
                    from: 65,
                    label: "Requires improvement".into(),
                    colour: Colour::Amber,
                },
                Band {
                    from: 0,
                    label: "Inadequate".into(),
                    colour: Colour::Red,
                },
            ]
        } else {
            self.bands.clone()
        };
        b.sort_by_key(|x| std::cmp::Reverse(x.from));
        b
    }

    /// The band a percentage falls in (none if every band starts above it).
    pub fn band_for(&self, percent: u32) -> Option<Band> {
        self.bands().into_iter().find(|b| percent >= b.from)
    }

    pub fn minimum_answers(&self) -> u32 {
        self.minimum_answers.unwrap_or(10)
    }

    /// Figures on fewer applicable answers than this are suppressed (0: none are).
    pub fn suppress_below(&self) -> u32 {
        self.suppress_below.unwrap_or(0)
    }

    /// What changed since `version`, when it is a declared earlier version.
    pub fn version_changes(&self, version: &str) -> Option<&VersionChanges> {
        self.versions.iter().find(|v| v.version == version)
    }

    /// Whether returns of `version` are read, given this version is `current`.
    pub fn reads_version(&self, current: &str, version: &str) -> bool {
        version == current
            || self.accepts_versions.iter().any(|v| v == version)
            || self.version_changes(version).is_some()
    }

    pub fn highlights(&self) -> usize {
        self.highlights.unwrap_or(3) as usize
    }
}

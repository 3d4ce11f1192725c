//! The compiled summary: what every report format (HTML, CSV, PDF) shows. Serialisable, so
//! the HTML template reads it directly.

use super::returns::Skipped;
use serde::Serialize;

/// How a question's answers fell.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub positive: u32,
    pub partial: u32,
    pub negative: u32,
    pub not_applicable: u32,
    /// No answer, or an answer that is not one of the question's options.
    pub unanswered: u32,
}

impl Counts {
    /// Answers that count in the denominator: everything but "not applicable" and unanswered.
    pub fn applicable(&self) -> u32 {
        self.positive + self.partial + self.negative
    }

    /// Positives as a percentage of applicable answers, to the nearest whole number (halves
    /// round up); none when nothing applied.
    pub fn percent(&self) -> Option<u32> {
        percent(self.positive, self.applicable())
    }
}

/// `n` of `d` as a whole percentage, halves rounded up.
pub fn percent(n: u32, d: u32) -> Option<u32> {
    (d > 0).then(|| ((200 * n as u64 + d as u64) / (2 * d as u64)) as u32)
}

/// A rating band as shown: its label and colour name.
#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    pub label: String,
    pub colour: String,
    pub from: u32,
}

/// A figure for one group (or for all returns).
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub counts: Counts,
    pub applicable: u32,
    pub percent: Option<u32>,
    pub band: Option<BandView>,
    /// Fewer applicable answers than the minimum: the percentage carries a caveat.
    pub small: bool,
}

/// One checklist question's results.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionResult {
    pub id: String,
    pub code: String,
    pub text: String,
    pub section: String,
    pub all: Cell,
    /// Side by side, in the order of [`Summary::groups`].
    pub groups: Vec<Cell>,
    pub headline: Option<String>,
    /// Whether the question's scale has a "partly" answer.
    pub has_partial: bool,
    /// (case reference, text) when evidence is included.
    pub evidence: Vec<(String, String)>,
}

/// A section (standard) score.
#[derive(Debug, Clone, Serialize)]
pub struct SectionResult {
    pub id: String,
    pub title: String,
    pub standard: String,
    pub score: Option<u32>,
    pub band: Option<BandView>,
    pub groups: Vec<(Option<u32>, Option<BandView>)>,
    /// Codes of its questions.
    pub questions: Vec<String>,
}

/// A group of returns (e.g. a team) and how many returns it has.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: String,
    pub returns: usize,
}

/// Recorded classification against the auditor's judgement.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementTable {
    pub title: String,
    pub recorded_label: String,
    pub judged_label: String,
    /// Level labels, lowest first.
    pub levels: Vec<String>,
    /// `matrix[recorded][judged]`.
    pub matrix: Vec<Vec<u32>>,
    /// Returns with both classifications.
    pub both: u32,
    pub agree: u32,
    /// The auditor judged it higher than recorded.
    pub higher: u32,
    pub lower: u32,
    /// Returns missing one or both (or with a value not on the scale).
    pub missing: u32,
    pub agree_percent: Option<u32>,
    pub higher_percent: Option<u32>,
    pub lower_percent: Option<u32>,
}

/// One rolled-up action: the same action (ignoring case and spacing) across returns.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    pub question: String,
    pub action: String,
    pub returns: u32,
    pub owners: String,
    pub earliest_due: String,
    pub statuses: String,
}

/// Everything a report shows.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub checklist_id: String,
    pub title: String,
    pub version: String,
    pub organisation: String,
    /// "case" or "team", and plural.
    pub unit: String,
    pub units: String,
    pub files_read: usize,
    pub returns: usize,
    pub skipped: Vec<Skipped>,
    /// Problems inside compiled returns (file: what).
    pub problems: Vec<String>,
    pub period: Option<(String, String)>,
    pub group_by: Option<String>,
    pub groups: Vec<Group>,
    pub sections: Vec<SectionResult>,
    pub questions: Vec<QuestionResult>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
    pub agreement: Vec<AgreementTable>,
    pub actions: Vec<ActionRow>,
    pub methodology: Vec<String>,
    pub bands: Vec<BandView>,
    pub minimum: u32,
    pub include_evidence: bool,
    /// Versions read (the checklist's own and any it accepts).
    pub versions: Vec<String>,
}

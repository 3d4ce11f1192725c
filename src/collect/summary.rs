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
    /// Fewer applicable answers than `report.suppress_below`: nothing but the number of
    /// applicable answers is shown (`percent` and `band` are none).
    pub suppressed: bool,
    /// The 95% Wilson score interval in per cent, to one decimal place; none for a small
    /// number, a suppressed figure, or when nothing applied.
    pub ci: Option<(f64, f64)>,
    /// The interval in words, to whole per cents: "95% CI 15% to 65%".
    pub interval: Option<String>,
    /// The figure in words, as every format prints it: "36% (4 of 11; 95% CI 15% to 65%)",
    /// "80% (4 of 5; small number)", "suppressed (fewer than 5)", "did not apply".
    pub figure: String,
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
    /// Returns whose checklist version did not ask this question (left out of its figures).
    pub not_asked: u32,
    /// Which versions did not ask it, in words, when some returns' did not.
    pub new_since: Option<String>,
}

/// A section (standard) score.
#[derive(Debug, Clone, Serialize)]
pub struct SectionResult {
    pub id: String,
    pub title: String,
    pub standard: String,
    /// [`SectionResult::standard`] with the standard's title apart, in its own language when
    /// the standard is not translated into the report's.
    pub standard_parts: Embedded,
    pub score: Option<u32>,
    pub band: Option<BandView>,
    /// Some of its questions' figures are small numbers.
    pub small: bool,
    /// A question's figure is suppressed, so the score is too.
    pub suppressed: bool,
    /// The score in words, as [`SectionCell::figure`].
    pub figure: String,
    /// In the order of [`Summary::groups`].
    pub groups: Vec<SectionCell>,
    /// Codes of its questions.
    pub questions: Vec<String>,
}

/// A text set in a sentence of the report's language ("Safon 2.3 {title}"), marked with its
/// own language when it is another (an untranslated entity's words): the words before it,
/// it, and the words after.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Embedded {
    pub before: String,
    pub text: String,
    pub after: String,
    pub lang: Option<String>,
}

impl Embedded {
    /// `loc`'s string `key` with `args`, its placeholder `name` standing for `text`.
    pub fn new(
        loc: &crate::locale::Locale,
        key: &str,
        args: &[(&str, &str)],
        (name, text): (&str, &str),
        lang: Option<String>,
    ) -> Embedded {
        // A character no locale string holds stands for the text while the string is filled.
        const MARK: &str = "\u{1}";
        let mut all = args.to_vec();
        all.push((name, MARK));
        let filled = loc.fmt(key, &all);
        let (before, after) = filled.split_once(MARK).unwrap_or((&filled, ""));
        Embedded {
            before: before.to_string(),
            text: text.to_string(),
            after: after.to_string(),
            lang,
        }
    }

    /// The whole text, unmarked.
    pub fn plain(&self) -> String {
        format!("{}{}{}", self.before, self.text, self.after)
    }
}

/// A section's score for one group.
#[derive(Debug, Clone, Serialize)]
pub struct SectionCell {
    /// None when no question applied, or when a question's figure is suppressed (the score
    /// would give it away).
    pub score: Option<u32>,
    pub band: Option<BandView>,
    /// Some of its questions' figures are small numbers.
    pub small: bool,
    pub suppressed: bool,
    /// In words: "40% Red – improvement needed (small number)", "suppressed", "no score".
    pub figure: String,
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
    /// The levels' language when the scale is not translated into the report's.
    pub levels_lang: Option<String>,
    /// The column headings ("Judged high"), each level in its language.
    pub judged: Vec<Embedded>,
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
    /// The agreement in words, with the returns that did not record both; meaningful only
    /// when `both > 0` (otherwise the report says that no return recorded both).
    pub sentence: String,
    /// The cross-table's caption.
    pub caption: String,
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
    /// Questions in the top band, highest first (see [`super::highlights`]).
    pub strengths: Vec<String>,
    /// Which questions count as strengths, or, when none does, that none does.
    pub strengths_rule: String,
    /// Questions in the bottom band (or under every band), lowest first.
    pub improvements: Vec<String>,
    pub improvements_rule: String,
    /// The headline summary paragraph, in plain words, generated from the figures.
    pub overview: String,
    /// The period in words ("2 September to 9 October 2024").
    pub period_words: Option<String>,
    /// The date of the newest return in words: the report's date (never the clock's).
    pub compiled: Option<String>,
    /// Figures on fewer applicable answers than this are suppressed (0: none).
    pub suppress_below: u32,
    /// The current round's label, with `--round`.
    pub round: Option<String>,
    /// Every round's label and number of returns (unknown for one read with `--compare`),
    /// in order, the current one last.
    pub rounds: Vec<(String, Option<usize>)>,
    /// Questions of earlier rounds that this round no longer has ("A9 (2024-Q2)").
    pub discontinued: Vec<String>,
    /// Every question across the rounds, with the changes between them.
    pub history: Vec<super::rounds::QuestionRounds>,
    /// Every section's score across the rounds.
    pub section_history: Vec<super::rounds::SectionRounds>,
    /// The round before the current one.
    pub previous_round: Option<String>,
    /// The meaningful changes, in words ("A1 from 2024-Q2 to 2024-Q3: up 28.3 points, a
    /// meaningful improvement.").
    pub change_lines: Vec<String>,
    /// The earlier rounds' question results, for `summary.csv`.
    pub earlier: Vec<(String, Vec<QuestionResult>)>,
    /// Funnel plots comparing the groups, sections first, then questions (none ungrouped).
    pub funnels: Vec<super::funnel::Funnel>,
    pub agreement: Vec<AgreementTable>,
    pub actions: Vec<ActionRow>,
    pub methodology: Vec<String>,
    pub bands: Vec<BandView>,
    pub minimum: u32,
    pub include_evidence: bool,
    /// Versions read (the checklist's own and any it accepts).
    pub versions: Vec<String>,
}

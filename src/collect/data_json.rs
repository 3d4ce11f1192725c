//! `data.json`: everything a report states, machine-readable, so that a later round can be
//! compared with a published report without its returns (`--compare DIR`). The format is
//! documented in docs/report-data.md; `format_version` changes only when a field changes
//! meaning or goes away (new fields may be added within a version).

use super::rounds::{Previous, RoundFigure, SectionPoint};
use super::summary::{Cell, Summary};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The name in the `format` field.
pub const FORMAT: &str = "guidewright-report-data";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;

/// One figure: counts (none when suppressed), per cent, interval, rating and flags.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    pub applicable: u32,
    pub positive: Option<u32>,
    pub partial: Option<u32>,
    pub negative: Option<u32>,
    pub not_applicable: u32,
    pub unanswered: u32,
    pub percent: Option<u32>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub rating: Option<String>,
    pub small_number: bool,
    pub suppressed: bool,
}

impl From<&Cell> for Figure {
    fn from(c: &Cell) -> Figure {
        let keep = |n: u32| (!c.suppressed).then_some(n);
        Figure {
            applicable: c.applicable,
            positive: keep(c.counts.positive),
            partial: keep(c.counts.partial),
            negative: keep(c.counts.negative),
            not_applicable: c.counts.not_applicable,
            unanswered: c.counts.unanswered,
            percent: c.percent,
            ci_low: c.ci.map(|x| x.0),
            ci_high: c.ci.map(|x| x.1),
            rating: c.band.as_ref().map(|b| b.label.clone()),
            small_number: c.small,
            suppressed: c.suppressed,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub code: String,
    pub section: String,
    pub all: Figure,
    /// By group name, in the order of `groups`.
    #[serde(default)]
    pub groups: Vec<Figure>,
    /// Returns whose checklist version did not ask it (left out of its figures).
    #[serde(default)]
    pub not_asked: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub score: Option<u32>,
    pub rating: Option<String>,
    pub small_number: bool,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeData {
    pub question: String,
    pub from: String,
    pub to: String,
    pub change_points: Option<f64>,
    pub z: Option<f64>,
    pub meaningful: bool,
}

/// The whole file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Data {
    pub format: String,
    pub format_version: u32,
    pub checklist: String,
    pub checklist_version: String,
    /// The round this report is for (none without `--round`).
    pub round: Option<String>,
    pub returns: usize,
    /// First and last audit date, `YYYY-MM-DD`.
    pub period: Option<(String, String)>,
    pub minimum_answers: u32,
    pub suppress_below: u32,
    pub group_by: Option<String>,
    #[serde(default)]
    pub groups: Vec<(String, usize)>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub changes: Vec<ChangeData>,
    /// Questions an earlier checklist version asked and this one does not, in words.
    #[serde(default)]
    pub discontinued: Vec<String>,
}

/// The report's `data.json`.
pub fn write(s: &Summary) -> Vec<u8> {
    let data = Data {
        format: FORMAT.into(),
        format_version: VERSION,
        checklist: s.checklist_id.clone(),
        checklist_version: s.version.clone(),
        round: s.round.clone(),
        returns: s.returns,
        period: s.period.clone(),
        minimum_answers: s.minimum,
        suppress_below: s.suppress_below,
        group_by: s.group_by.clone(),
        groups: s
            .groups
            .iter()
            .map(|g| (g.name.clone(), g.returns))
            .collect(),
        sections: s
            .sections
            .iter()
            .map(|x| Section {
                id: x.id.clone(),
                title: x.title.clone(),
                score: x.score,
                rating: x.band.as_ref().map(|b| b.label.clone()),
                small_number: x.small,
                suppressed: x.suppressed,
            })
            .collect(),
        questions: s
            .questions
            .iter()
            .map(|q| Question {
                id: q.id.clone(),
                code: q.code.clone(),
                section: q.section.clone(),
                all: Figure::from(&q.all),
                groups: q.groups.iter().map(Figure::from).collect(),
                not_asked: q.not_asked,
            })
            .collect(),
        changes: s
            .history
            .iter()
            .flat_map(|q| {
                q.changes.iter().map(|c| ChangeData {
                    question: q.question.clone(),
                    from: c.from.clone(),
                    to: c.to.clone(),
                    change_points: c.points,
                    z: c.z,
                    meaningful: c.meaningful,
                })
            })
            .collect(),
        discontinued: s.discontinued.clone(),
    };
    let mut out = serde_json::to_vec_pretty(&data).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Reads an earlier report's `data.json` for `--compare`: its round label (or "previous
/// report"), its figures by question id, its number of returns and its section scores.
pub fn read(dir: &Path, checklist: &str) -> Result<Previous, String> {
    let path = dir.join("data.json");
    let shown = path.display();
    // Bounded like a return (32 MB), never a special file.
    let bytes = super::files::read_capped(&path).map_err(|e| {
        let e = e.text(&crate::locale::Locale::english());
        format!("error: --compare {}: {shown}: {e}", dir.display())
    })?;
    parse(&bytes, &shown.to_string(), checklist)
}

/// Parses and checks the bytes of a `data.json` (`shown` names the file in errors): the
/// earlier round it holds, or why it is not a report's data for `checklist`.
pub fn parse(bytes: &[u8], shown: &str, checklist: &str) -> Result<Previous, String> {
    let data: Data = serde_json::from_slice(bytes).map_err(|e| {
        format!(
            "error: {shown}:{}:{}: not a report's data.json: {e}",
            e.line(),
            e.column()
        )
    })?;
    if data.format != FORMAT || data.format_version != VERSION {
        return Err(format!(
            "error: {shown}: format `{}` version {}; this guidewright reads `{FORMAT}` version {VERSION}",
            data.format, data.format_version
        ));
    }
    if data.checklist != checklist {
        return Err(format!(
            "error: {shown}: a report on checklist `{}`, not `{checklist}`",
            data.checklist
        ));
    }
    // Figures that contradict themselves are not a report guidewright wrote.
    if let Some(q) = data.questions.iter().find(|q| {
        q.all.positive.is_some_and(|x| x > q.all.applicable)
            || q.all.percent.is_some_and(|p| p > 100)
    }) {
        return Err(format!(
            "error: {shown}: question `{}` has {} positive answers of {} applicable ({}%): not a report's figures",
            q.id,
            q.all.positive.unwrap_or(0),
            q.all.applicable,
            q.all.percent.map_or("no ".into(), |p| p.to_string()),
        ));
    }
    let label = data
        .round
        .clone()
        .unwrap_or_else(|| "previous report".into());
    let figures = data
        .questions
        .iter()
        // A question none of its returns was asked has no figure there (new since).
        .filter(|q| data.returns == 0 || (q.not_asked as usize) < data.returns)
        .map(|q| {
            let f = &q.all;
            let figure = match (f.percent, f.positive) {
                _ if f.suppressed => "suppressed".to_string(),
                (Some(p), Some(x)) => format!("{p}% ({x} of {})", f.applicable),
                _ => "did not apply".to_string(),
            };
            let rf = RoundFigure {
                round: label.clone(),
                x: f.positive.unwrap_or(0),
                n: f.applicable,
                percent: f.percent,
                suppressed: f.suppressed,
                figure,
            };
            (q.id.clone(), rf)
        })
        .collect();
    let sections = data
        .sections
        .iter()
        .map(|x| SectionPoint {
            id: x.id.clone(),
            round: label.clone(),
            score: x.score,
            rating: x.rating.clone(),
            suppressed: x.suppressed,
        })
        .collect();
    Ok(Previous {
        label,
        figures,
        returns: data.returns,
        sections,
    })
}

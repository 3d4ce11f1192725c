//! Evidence summaries, inspection findings and practice examples.

use super::common::entity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A headed point of an evidence summary.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidencePoint {
    pub heading: String,
    /// Markdown.
    pub text: String,
    #[serde(default)]
    pub citations: Vec<String>,
}

entity! {
    /// `evidence/<id>.yaml`: a summary of research evidence.
    pub struct EvidenceSummary {
        pub title: String,
        /// Practice area: an id from `vocabulary.yaml`'s `practice_areas`.
        #[serde(default, alias = "lens")]
        pub practice_area: Option<String>,
        /// Markdown introduction.
        #[serde(default)]
        pub summary: Option<String>,
        pub points: Vec<EvidencePoint>,
    }
}

/// Where findings were published.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publication: String,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// The period of inspection fieldwork.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fieldwork {
    pub from: String,
    pub to: String,
}

/// What was inspected, e.g. 1,945 case assessments in 43 inspections.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    pub count: u64,
    pub unit: String,
    #[serde(default)]
    pub inspections: Option<u64>,
    #[serde(default)]
    pub description: Option<String>,
}

/// One figure: numerator out of denominator, with the percentage checked against them.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    pub id: String,
    pub label: String,
    pub numerator: u64,
    pub denominator: u64,
    /// Which cases the denominator counts.
    #[serde(default)]
    pub denominator_rule: Option<String>,
    /// Stated percentage; must agree with numerator/denominator within 0.5.
    #[serde(default)]
    pub percentage: Option<f64>,
    /// Key question or prompt ids the figure measures.
    #[serde(default)]
    pub measures: Vec<String>,
}

impl Statistic {
    /// Percentage computed from the numerator and denominator.
    pub fn computed_percentage(&self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 * 100.0 / self.denominator as f64)
    }

    /// The stated percentage, or the computed one.
    pub fn percent(&self) -> f64 {
        self.percentage
            .or(self.computed_percentage())
            .unwrap_or(0.0)
    }
}

entity! {
    /// `findings/<id>.yaml`: what inspections found.
    pub struct Findings {
        pub title: String,
        pub source: Source,
        #[serde(default)]
        pub fieldwork: Option<Fieldwork>,
        pub sample: Sample,
        /// Markdown.
        #[serde(default)]
        pub summary: Option<String>,
        #[serde(default)]
        pub statistics: Vec<Statistic>,
        /// The chart's title, stating its message ("Police checks were made in only half of
        /// the cases that needed them"). Without it, the title names the highest figure.
        #[serde(default)]
        pub chart_title: Option<String>,
        /// Markdown items.
        #[serde(default)]
        pub strengths: Vec<String>,
        /// Markdown items.
        #[serde(default)]
        pub failings: Vec<String>,
    }
}

/// The person in a case example, always under a pseudonym.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub pseudonym: String,
    #[serde(default)]
    pub age_band: Option<String>,
    /// Classification scale id → level id, e.g. `safety-wellbeing: high`.
    #[serde(default)]
    pub classifications: BTreeMap<String, String>,
}

entity! {
    /// `examples/<id>.yaml`: a good practice case example.
    pub struct PracticeExample {
        pub title: String,
        /// Must be `true`: names and details have been changed.
        pub names_changed: bool,
        /// Stage of work: an id from `vocabulary.yaml`'s `stages`.
        #[serde(default, alias = "aspire_stage")]
        pub stage: Option<String>,
        /// Key question or prompt ids the example demonstrates.
        #[serde(default)]
        pub demonstrates: Vec<String>,
        pub person: Person,
        /// Markdown.
        pub case_summary: String,
        /// Markdown: what was done well.
        #[serde(default)]
        pub practice: Option<String>,
        /// Markdown.
        #[serde(default)]
        pub inspector_comments: Option<String>,
        /// Markdown.
        #[serde(default)]
        pub takeaway_learning: Option<String>,
        /// Id of the example this one continues.
        #[serde(default)]
        pub continues: Option<String>,
    }
}

//! Self-assessment checklists.

use super::common::entity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether a checklist audits cases or teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Case,
    Team,
}

/// How many cases to audit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sampling {
    #[serde(default)]
    pub percent: Option<f64>,
    #[serde(default)]
    pub minimum: Option<u32>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Kind of a metadata or sign-off field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    #[default]
    Text,
    Date,
    Choice,
}

/// A metadata or sign-off field. Never a name or date of birth.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub kind: FieldKind,
    #[serde(default)]
    pub hint: Option<String>,
    /// For choice fields: a classification scale id whose levels are the choices.
    #[serde(default)]
    pub scale: Option<String>,
    /// For choice fields: the choices.
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

/// An evidence box under a question.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceBox {
    pub label: String,
    #[serde(default)]
    pub word_limit: Option<u32>,
}

/// A checklist question.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique across the content tree.
    pub id: String,
    pub code: String,
    pub text: String,
    /// One short sentence.
    #[serde(default)]
    pub hint: Option<String>,
    /// Key question or prompt ids (at least one).
    pub maps_to: Vec<String>,
    /// Response scale id.
    pub response: String,
    #[serde(default)]
    pub applies_when: Option<String>,
    #[serde(default)]
    pub evidence: Option<EvidenceBox>,
    /// Completes "In 7 of 12 cases (58%) where it applied, …".
    #[serde(default)]
    pub summary_phrase: Option<String>,
}

/// A section of a checklist, tied to a standard.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSection {
    pub id: String,
    pub title: String,
    /// Stage of work: an id from `vocabulary.yaml`'s `stages`.
    #[serde(default, alias = "aspire_stage")]
    pub stage: Option<String>,
    /// Standard id.
    pub standard: String,
    pub questions: Vec<Question>,
}

/// The action plan table at the end of a checklist.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    pub rows: u32,
}

entity! {
    /// `checklists/<id>.yaml`: a self-assessment checklist.
    pub struct Checklist {
        pub title: String,
        /// Guide id.
        pub guide: String,
        pub unit: Unit,
        /// Markdown.
        pub instructions: String,
        #[serde(default)]
        pub sampling: Option<Sampling>,
        #[serde(default)]
        pub metadata_fields: Vec<Field>,
        pub sections: Vec<ChecklistSection>,
        #[serde(default)]
        pub action_plan: Option<ActionPlan>,
        #[serde(default)]
        pub sign_off: Vec<Field>,
        /// How `guidewright collect` summarises returns (optional).
        #[serde(default)]
        pub report: Option<super::report::ReportConfig>,
    }
}

impl crate::model::Model {
    /// The choices of a metadata or sign-off field as (stored value, label): level ids for a
    /// scale, otherwise each option as a kebab-case word. The HTML and PDF forms share them.
    pub fn field_choices(&self, f: &Field) -> Vec<(String, String)> {
        match &f.scale {
            Some(s) => self
                .scale(s)
                .map(|s| {
                    s.levels
                        .iter()
                        .map(|l| (l.id.clone(), l.label.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            None => f
                .options
                .iter()
                .map(|o| (slug::slugify(o), o.clone()))
                .collect(),
        }
    }
}

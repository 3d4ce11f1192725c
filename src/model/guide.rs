//! Guides and their chapters.

use super::common::entity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether a guide gets a PDF rendering.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum PdfSetting {
    /// `pdf: true` or `pdf: false`.
    Enabled(bool),
    /// `pdf: {enabled: true, chapters: [...]}` to choose chapters.
    Detailed {
        #[serde(default = "yes")]
        enabled: bool,
        #[serde(default)]
        chapters: Vec<String>,
    },
}

fn yes() -> bool {
    true
}

impl Default for PdfSetting {
    fn default() -> Self {
        PdfSetting::Enabled(true)
    }
}

entity! {
    /// `guides/<id>/guide.yaml`: an effective-practice guide.
    pub struct Guide {
        pub title: String,
        /// One or two sentences of Markdown.
        pub summary: String,
        /// An id from `vocabulary.yaml`'s `services`.
        pub service: String,
        /// Who the guide is for.
        #[serde(default)]
        pub audience: Option<String>,
        /// Chapter ids in reading order; every chapter file in the folder, once. Leave it out
        /// when the guide has `parts`, which then give the order.
        #[serde(default)]
        pub chapters: Vec<String>,
        /// Parts grouping the chapters of a long guide, in reading order: every chapter in
        /// exactly one part.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub parts: Vec<Part>,
        /// Checklist ids.
        #[serde(default)]
        pub checklists: Vec<String>,
        /// Related guide ids.
        #[serde(default)]
        pub related: Vec<String>,
        #[serde(default)]
        pub pdf: PdfSetting,
    }
}

/// A part of a long guide: a title and the ids of its chapters in reading order.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub title: String,
    pub chapters: Vec<String>,
}

/// What a chapter is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterKind {
    Introduction,
    Evidence,
    Stage,
    Examples,
    Resources,
}

/// What a section shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Prose,
    EvidenceSummary,
    Expectations,
    InspectionFindings,
    CaseExample,
    InspectorComments,
    TakeAwayLearning,
    LivedExperience,
    Resources,
    ClassificationScale,
}

/// A section of a chapter: an anchor, a heading, Markdown and/or a reference.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Anchor id, unique within the chapter.
    pub id: String,
    pub heading: String,
    pub kind: SectionKind,
    /// Markdown shown before any referenced content.
    #[serde(default)]
    pub body: Option<String>,
    /// Evidence summary id (evidence-summary).
    #[serde(default)]
    pub evidence: Option<String>,
    /// Standard id (expectations).
    #[serde(default)]
    pub standard: Option<String>,
    /// Inspection findings id (inspection-findings).
    #[serde(default)]
    pub findings: Option<String>,
    /// Practice example id (case-example).
    #[serde(default)]
    pub example: Option<String>,
    /// Quote ids (lived-experience).
    #[serde(default)]
    pub quotes: Vec<String>,
    /// Classification scale id (classification-scale).
    #[serde(default)]
    pub scale: Option<String>,
}

entity! {
    /// `guides/<guide>/<id>.yaml`: a chapter of a guide.
    pub struct Chapter {
        pub title: String,
        /// Short label for navigation.
        #[serde(default)]
        pub nav_label: Option<String>,
        pub kind: ChapterKind,
        /// Stage of work: an id from `vocabulary.yaml`'s `stages`.
        #[serde(default, alias = "aspire_stage")]
        pub stage: Option<String>,
        /// Standard ids this chapter illustrates.
        #[serde(default)]
        pub standards: Vec<String>,
        /// Markdown shown under the title.
        #[serde(default)]
        pub summary: Option<String>,
        pub sections: Vec<Section>,
    }
}

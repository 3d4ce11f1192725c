//! The fillable parts of a document: fields with their return names, and checklist questions.
//! Field names follow docs/returns.md: `meta.<id>`, `q.<id>`, `q.<id>.evidence`,
//! `action.<n>.<column>`, `signoff.<id>`.

use super::Span;

/// What a form field asks for.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// One choice: (export value, label) per option. Nothing is pre-selected.
    Radio(Vec<(String, String)>),
    /// Free text in a box `lines` high (multi-line when more than one).
    Text { lines: u32 },
}

/// A fillable field: its stable name (the return's field name), the tooltip screen readers
/// announce (the question or label it answers), and its kind.
#[derive(Debug, Clone)]
pub struct FormField {
    pub name: String,
    pub tooltip: String,
    pub kind: FieldKind,
}

/// A checklist question, composed once for every writer: its code and text, the hints under
/// it, the guidance it tests, its answer (one choice among the response options) and the
/// evidence asked for, if any.
#[derive(Debug, Clone)]
pub struct Question {
    pub code: String,
    pub text: String,
    /// Its hint and when it applies, in that order, each a line of small text.
    pub hints: Vec<String>,
    /// "What this question tests:" and links to the guidance it maps to (empty if none).
    pub guidance: Vec<Span>,
    /// The answer: a [`FieldKind::Radio`] named `q.<id>`.
    pub answer: FormField,
    pub evidence: Option<Evidence>,
}

/// The evidence box under a question: its label (with any word limit) and a text field named
/// `q.<id>.evidence`.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub label: String,
    pub field: FormField,
}

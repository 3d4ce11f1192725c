//! The format-neutral document: what a guide, a checklist form or a `collect` report says, as
//! blocks (headings, paragraphs of styled spans, lists, tables, charts, plots), form fields and
//! checklist questions, with the document's metadata and, for a guide, its title page and
//! contents. Composed once from the content model ([`guide`], [`checklist`], [`report`]);
//! every writer (`pdf`, `docx`) renders a [`Document`] and knows nothing of the content model.

pub mod blocks;
pub mod checklist;
pub mod form;
pub mod guide;
pub mod report;
pub mod report_plots;
mod report_rounds;
mod style;

pub use blocks::*;
pub use form::Evidence;
pub use style::Style;

use crate::locale::Locale;
use crate::model::{Checklist, Entry, GuideEntry, Model};

/// What a document is, with the id of what it was composed from (a guide's or a checklist's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Guide(String),
    Form(String),
    Report(String),
}

/// A composed document.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: Kind,
    pub meta: Meta,
    /// A guide's title page and contents, set before the body.
    pub front: Option<Front>,
    pub blocks: Vec<Block>,
}

/// What a document says about itself: its title (also the running header), author, subject,
/// keywords, language, date and named properties (a form's checklist id and version).
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP 47.
    pub lang: String,
    /// Creation and modification date (YYYY-MM-DD), from the content, never the clock.
    pub date: Option<String>,
    pub properties: Vec<(String, String)>,
}

/// A guide's front matter: the title page, then the contents.
#[derive(Debug, Clone)]
pub struct Front {
    pub organisation: String,
    pub title: String,
    /// The summary's paragraphs.
    pub summary: Vec<Vec<Span>>,
    /// "For probation services", "Published 2 September 2024", …: one line each.
    pub details: Vec<Vec<Span>>,
    /// The licence and where to ask for another format, with live links (empty without a
    /// site).
    pub licence: Vec<Span>,
    /// "Contents".
    pub contents_title: String,
    pub contents: Vec<ContentsEntry>,
}

/// A line of the contents: level 0 a part, 1 a chapter, 2 a section; the anchor it links to.
#[derive(Debug, Clone)]
pub struct ContentsEntry {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// What documents the site has: every guide that asks for a PDF, then every checklist.
pub enum Source<'m> {
    Guide(&'m GuideEntry),
    Checklist(&'m Entry<Checklist>),
}

impl Source<'_> {
    /// Composes the document, with the interface strings of its language.
    pub fn compose(&self, model: &Model, loc: &Locale) -> Document {
        match self {
            Source::Guide(g) => guide::compose(model, g, loc),
            Source::Checklist(c) => checklist::compose(model, c, loc),
        }
    }
}

/// `loc`'s string `key` with its placeholder `{name}` filled by `value`, as spans: the text
/// around it plain, the value as given (a span marked with its own language, say).
pub fn fill_span(loc: &Locale, key: &str, name: &str, value: Span) -> Vec<Span> {
    // A character no locale string holds stands for the value while the string is filled.
    const MARK: &str = "\u{1}";
    let filled = loc.fmt(key, &[(name, MARK)]);
    let mut out = Vec::new();
    let mut parts = filled.split(MARK);
    if let Some(before) = parts.next().filter(|b| !b.is_empty()) {
        out.push(Span::plain(before));
    }
    for rest in parts {
        out.push(value.clone());
        if !rest.is_empty() {
            out.push(Span::plain(rest));
        }
    }
    out
}

/// The documents of a site, guides first, in the model's order.
pub fn sources(model: &Model) -> Vec<Source<'_>> {
    model
        .guides
        .iter()
        .filter(|g| guide::wanted(g))
        .map(Source::Guide)
        .chain(model.checklists.iter().map(Source::Checklist))
        .collect()
}

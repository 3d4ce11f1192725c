//! The content model: typed entities as authors write them, and the loaded tree.

pub mod checklist;
pub mod common;
pub mod evidence;
pub mod guide;
pub mod report;
pub mod scales;
pub mod site;
pub mod standard;
pub mod vocabulary;

pub use checklist::*;
pub use common::*;
pub use evidence::*;
pub use guide::*;
pub use report::*;
pub use scales::*;
pub use site::*;
pub use standard::*;
pub use vocabulary::*;

use crate::diag::{Pos, Sources};
use crate::load::positions::PosMap;
use std::collections::BTreeMap;

/// An entity loaded from a file: its id, the file it came from, and its data.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub id: String,
    /// Index into [`Model::sources`].
    pub file: usize,
    /// Shared, not copied, by the models made from one load (one per language) and by
    /// `serve`'s cache of unchanged files; [`Entry::data_mut`] copies it on the first change.
    pub data: std::sync::Arc<T>,
}

impl<T> std::ops::Deref for Entry<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.data
    }
}

impl<T: Clone> Entry<T> {
    /// An entry of `data`.
    pub fn new(id: String, file: usize, data: T) -> Entry<T> {
        Entry {
            id,
            file,
            data: std::sync::Arc::new(data),
        }
    }

    /// The data, to change: copied first if another model or the cache shares it.
    pub fn data_mut(&mut self) -> &mut T {
        std::sync::Arc::make_mut(&mut self.data)
    }
}

/// A guide together with its chapters, in reading order once validated.
#[derive(Debug, Clone)]
pub struct GuideEntry {
    pub guide: Entry<Guide>,
    /// Chapters found in the guide's folder (sorted by file name as loaded; put in reading
    /// order by [`Model::order_chapters`]).
    pub chapters: Vec<Entry<Chapter>>,
}

/// The kind of thing an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Guide,
    Chapter,
    Standard,
    KeyQuestion,
    Prompt,
    Evidence,
    Findings,
    Statistic,
    Example,
    Quote,
    Scale,
    ResponseScale,
    Checklist,
    Question,
    Term,
}

impl Kind {
    /// "a key question", for messages.
    pub fn article(self) -> &'static str {
        match self {
            Kind::Guide => "a guide",
            Kind::Chapter => "a chapter",
            Kind::Standard => "a standard",
            Kind::KeyQuestion => "a key question",
            Kind::Prompt => "a prompt",
            Kind::Evidence => "an evidence summary",
            Kind::Findings => "a set of inspection findings",
            Kind::Statistic => "a statistic",
            Kind::Example => "a practice example",
            Kind::Quote => "a quote",
            Kind::Scale => "a classification scale",
            Kind::ResponseScale => "a response scale",
            Kind::Checklist => "a checklist",
            Kind::Question => "a checklist question",
            Kind::Term => "a glossary term",
        }
    }
}

/// What an id names and where it is defined.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: Kind,
    pub file: usize,
    pub pos: Pos,
    pub status: Status,
    /// Title to use as link text.
    pub title: String,
    /// URL relative to the site root, with an anchor where the entity lives inside a page.
    pub url: String,
}

/// A `[text](ref:id)` or `[text](term:id)` link written in Markdown.
#[derive(Debug, Clone)]
pub struct InlineRef {
    pub file: usize,
    pub pos: Pos,
    pub id: String,
    /// True for `term:` (a glossary term), false for `ref:`.
    pub term: bool,
}

/// The whole content tree as loaded.
#[derive(Debug, Default, Clone)]
pub struct Model {
    pub sources: Sources,
    /// Value positions per file, by file index (shared like the sources).
    pub positions: Vec<std::sync::Arc<PosMap>>,
    pub site: Option<Entry<Site>>,
    pub glossary: Option<Entry<Glossary>>,
    /// `vocabulary.yaml`: the site's services, practice areas, stages and frameworks.
    pub vocabulary: Option<Entry<Vocabulary>>,
    pub guides: Vec<GuideEntry>,
    pub standards: Vec<Entry<Standard>>,
    pub evidence: Vec<Entry<EvidenceSummary>>,
    pub findings: Vec<Entry<Findings>>,
    pub examples: Vec<Entry<PracticeExample>>,
    pub quote_files: Vec<Entry<QuoteFile>>,
    pub scales: Vec<Entry<ClassificationScale>>,
    pub response_scales: Vec<Entry<ResponseScale>>,
    pub checklists: Vec<Entry<Checklist>>,
    pub inline_refs: Vec<InlineRef>,
    /// Files that could not be parsed (already reported), by index.
    pub unparsed: Vec<usize>,
    /// What the files that could not be parsed would have defined, so references to it are
    /// not reported as unknown.
    pub broken: crate::load::broken::Broken,
    /// Every id in the tree; filled by validation.
    pub index: BTreeMap<String, Target>,
    /// Files written in a language other than the default (`x.cy.yaml`), as loaded; they
    /// join the model of their language in [`crate::lang`].
    pub translation_files: Vec<crate::load::Translation>,
    /// Which language this model is, when the site declares several (see [`crate::lang`]).
    pub language: Option<crate::lang::Language>,
    /// The model of each further language, in the order of the site's `languages`.
    pub translations: Vec<Model>,
}

impl Model {
    /// The position of the value at `path` in `file`, or the nearest enclosing value.
    pub fn pos(&self, file: usize, path: &str) -> Pos {
        self.positions[file].nearest(path)
    }

    /// The position of the key of the field at `path` in `file`.
    pub fn field_pos(&self, file: usize, path: &str) -> Pos {
        self.positions[file].field(path)
    }

    /// The site's default language code (`site.yaml`'s `language`; `en` without a site).
    pub fn default_language(&self) -> &str {
        self.site.as_ref().map_or("en", |s| s.language.as_str())
    }

    /// The label of vocabulary item `id` of list `kind` in language `lang`, falling back to
    /// the default language; an id the vocabulary lacks is shown as itself.
    pub fn label_in<'a>(&'a self, kind: VocabKind, id: &'a str, lang: &str) -> &'a str {
        match &self.vocabulary {
            Some(v) => v.label(kind, id, lang, self.default_language()),
            None => id,
        }
    }

    /// The language of [`Model::label_in`]'s label when it is not `lang` (it fell back to the
    /// default language's), as a tag for a `lang` attribute or a PDF span's `/Lang`: the
    /// default language's tag as `site.yaml` gives it (`en-GB`) when it is that language.
    pub fn label_lang_in(&self, kind: VocabKind, id: &str, lang: &str) -> Option<String> {
        let v = self.vocabulary.as_ref()?;
        let key = v.fallback_lang(kind, id, lang, self.default_language())?;
        let original = self.language.as_ref().map(|l| l.original.as_str());
        Some(match original {
            Some(o) if crate::locale::code(o) == crate::locale::code(key) => o.to_string(),
            _ => key.to_string(),
        })
    }

    /// [`Model::label_lang_in`] for the default language's label.
    pub fn label_lang(&self, kind: VocabKind, id: &str) -> Option<String> {
        self.label_lang_in(kind, id, self.default_language())
    }

    /// The label of vocabulary item `id` of list `kind` in the default language.
    pub fn label<'a>(&'a self, kind: VocabKind, id: &'a str) -> &'a str {
        self.label_in(kind, id, self.default_language())
    }

    /// Findings figures on fewer cases than this are flagged as small numbers.
    pub fn small_number_threshold(&self) -> u64 {
        self.site
            .as_ref()
            .and_then(|s| s.small_number_threshold)
            .unwrap_or(crate::render::figures::DEFAULT_SMALL_NUMBER)
    }

    /// In a further language's model, the default language's tag for what file `file` holds
    /// when it is not a translation (an untranslated entity), so that a page showing its words
    /// marks them; `None` in the default language's model and for translations.
    pub fn untranslated_lang(&self, file: usize) -> Option<&str> {
        let lang = self.language.as_ref().filter(|l| !l.is_default())?;
        (!lang.files.contains(&file)).then_some(lang.original.as_str())
    }

    /// Looks an id up in the index.
    pub fn get(&self, id: &str) -> Option<&Target> {
        self.index.get(id)
    }

    pub fn standard(&self, id: &str) -> Option<&Entry<Standard>> {
        self.standards.iter().find(|s| s.id == id)
    }
    pub fn scale(&self, id: &str) -> Option<&Entry<ClassificationScale>> {
        self.scales.iter().find(|s| s.id == id)
    }
    pub fn response_scale(&self, id: &str) -> Option<&Entry<ResponseScale>> {
        self.response_scales.iter().find(|s| s.id == id)
    }

    /// All quotes of all quote files.
    pub fn quotes(&self) -> impl Iterator<Item = (&Entry<QuoteFile>, &Quote)> {
        self.quote_files
            .iter()
            .flat_map(|f| f.quotes.iter().map(move |q| (f, q)))
    }

    /// Removes drafts (and chapters, sections and list entries naming them) so that a normal
    /// build publishes only finished content.
    pub fn drop_drafts(&mut self) {
        fn keep<T>(v: &mut Vec<Entry<T>>, status: impl Fn(&T) -> Status) {
            v.retain(|e| status(&e.data) != Status::Draft);
        }
        self.guides.retain(|g| g.guide.status != Status::Draft);
        for g in &mut self.guides {
            let drafts: std::collections::HashSet<String> = g
                .chapters
                .iter()
                .filter(|c| c.status == Status::Draft)
                .map(|c| c.id.clone())
                .collect();
            keep(&mut g.chapters, |c| c.status);
            g.guide.data_mut().chapters.retain(|c| !drafts.contains(c));
        }
        keep(&mut self.standards, |s| s.status);
        keep(&mut self.evidence, |s| s.status);
        keep(&mut self.findings, |s| s.status);
        keep(&mut self.examples, |s| s.status);
        keep(&mut self.quote_files, |s| s.status);
        keep(&mut self.scales, |s| s.status);
        keep(&mut self.response_scales, |s| s.status);
        keep(&mut self.checklists, |s| s.status);
        self.index.retain(|_, t| t.status != Status::Draft);
    }
}

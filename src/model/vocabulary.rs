//! The site's own vocabulary (`content/vocabulary.yaml`): the services it inspects, the
//! practice areas key questions are asked through, the stages of work guides and checklists
//! follow, and the standards frameworks. The code knows only that these lists exist; their ids
//! and labels are the site's.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A label or description: one text for every language, or a text per language code
/// (`{en: Probation, cy: Prawf}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Label {
    /// The same text in every language.
    One(String),
    /// Text by language code (BCP 47, e.g. `en`, `cy`).
    PerLanguage(BTreeMap<String, String>),
}

/// Read by hand rather than with `#[serde(untagged)]`, whose error ("data did not match any
/// variant") does not say what a label may be.
impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Label;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a text per language such as `{en: …, cy: …}`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label::One(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Label, A::Error> {
                let mut m = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    if m.insert(k.clone(), v).is_some() {
                        return Err(serde::de::Error::custom(format!(
                            "language `{k}` is given twice"
                        )));
                    }
                }
                Ok(Label::PerLanguage(m))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Label {
    /// The text for language `lang`, falling back to the site's default language `default`,
    /// then to the first language given. A code matches by its primary language too, so
    /// `en-GB` finds `en` and `cy` finds `cy-GB`.
    pub fn get(&self, lang: &str, default: &str) -> &str {
        match self {
            Label::One(s) => s,
            Label::PerLanguage(m) => find_lang(m, lang)
                .or_else(|| find_lang(m, default))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }
}

/// The primary language subtag of a code, lower-cased: `en-GB` → `en`.
fn primary(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The text given for `lang`: exactly, else for the same primary language.
fn find_lang<'a>(m: &'a BTreeMap<String, String>, lang: &str) -> Option<&'a String> {
    m.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(lang))
        .or_else(|| m.iter().find(|(k, _)| primary(k) == primary(lang)))
        .map(|(_, v)| v)
}

/// One item of a vocabulary list.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabItem {
    /// Lower-kebab-case id that entities refer to, unique within its list.
    pub id: String,
    /// What readers see: a text, or a text per language (`{en: …, cy: …}`).
    pub label: Label,
    /// Optional plain-text explanation, a text or a text per language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Label>,
}

/// `vocabulary.yaml`: the services, practice areas, stages of work and standards frameworks
/// the site's content refers to by id.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Services a guide is written for (a guide's `service`).
    #[serde(default)]
    pub services: Vec<VocabItem>,
    /// Practice areas key questions are asked through (a key question's or evidence
    /// summary's `practice_area`).
    #[serde(default)]
    pub practice_areas: Vec<VocabItem>,
    /// Stages of work (a chapter's, standard's, example's or checklist section's `stage`).
    #[serde(default)]
    pub stages: Vec<VocabItem>,
    /// Standards frameworks (a standard's `framework`).
    #[serde(default)]
    pub frameworks: Vec<VocabItem>,
}

/// Which list of the vocabulary an id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VocabKind {
    Service,
    PracticeArea,
    Stage,
    Framework,
}

impl VocabKind {
    /// Every list, in the order `vocabulary.yaml` documents them.
    pub const ALL: [VocabKind; 4] = [
        VocabKind::Service,
        VocabKind::PracticeArea,
        VocabKind::Stage,
        VocabKind::Framework,
    ];

    /// The list's key in `vocabulary.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            VocabKind::Service => "services",
            VocabKind::PracticeArea => "practice_areas",
            VocabKind::Stage => "stages",
            VocabKind::Framework => "frameworks",
        }
    }

    /// "service", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            VocabKind::Service => "service",
            VocabKind::PracticeArea => "practice area",
            VocabKind::Stage => "stage of work",
            VocabKind::Framework => "standards framework",
        }
    }
}

impl Vocabulary {
    /// The items of one list.
    pub fn list(&self, kind: VocabKind) -> &[VocabItem] {
        match kind {
            VocabKind::Service => &self.services,
            VocabKind::PracticeArea => &self.practice_areas,
            VocabKind::Stage => &self.stages,
            VocabKind::Framework => &self.frameworks,
        }
    }

    /// The item `id` of list `kind`.
    pub fn term(&self, kind: VocabKind, id: &str) -> Option<&VocabItem> {
        self.list(kind).iter().find(|t| t.id == id)
    }

    /// The label of `id` in list `kind` for language `lang`, falling back to the default
    /// language `default` (see [`Label::get`]). An id the vocabulary lacks (validation reports
    /// it) is shown as itself.
    pub fn label<'a>(&'a self, kind: VocabKind, id: &'a str, lang: &str, default: &str) -> &'a str {
        self.term(kind, id)
            .map_or(id, |t| t.label.get(lang, default))
    }

    /// The language of the label [`Vocabulary::label`] gives for `lang` when it is another
    /// (the label has no text for `lang` and fell back): the key of the text shown. `None`
    /// when it is in `lang`, or is one text for every language.
    pub fn fallback_lang<'a>(
        &'a self,
        kind: VocabKind,
        id: &str,
        lang: &str,
        default: &str,
    ) -> Option<&'a str> {
        let Label::PerLanguage(m) = &self.term(kind, id)?.label else {
            return None;
        };
        if find_lang(m, lang).is_some() {
            return None;
        }
        let shown = self.term(kind, id)?.label.get(lang, default);
        m.iter().find(|(_, v)| *v == shown).map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        serde_yaml::from_str(
            "services:\n  - {id: schools, label: {en: Schools, cy: Ysgolion}}\n  - {id: care, label: Care homes}\nstages:\n  - {id: s, label: {cy-GB: Cam}}\n",
        )
        .unwrap()
    }

    #[test]
    fn a_label_is_given_per_language_with_the_default_as_fallback() {
        let v = vocab();
        let l = |id, lang| v.label(VocabKind::Service, id, lang, "en-GB");
        assert_eq!(l("schools", "cy"), "Ysgolion");
        assert_eq!(l("schools", "en-GB"), "Schools");
        // No French: the default language's label.
        assert_eq!(l("schools", "fr"), "Schools");
        // One text serves every language.
        assert_eq!(l("care", "cy"), "Care homes");
        // Neither the language nor the default: the first given.
        assert_eq!(v.label(VocabKind::Stage, "s", "en", "en"), "Cam");
        assert_eq!(v.label(VocabKind::Stage, "s", "cy", "en"), "Cam");
        // Unknown ids show as themselves.
        assert_eq!(l("prison", "en"), "prison");
    }
}

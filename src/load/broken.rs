//! Files that could not be read, parsed or typed still name what they define, so that one
//! broken file gives one error (its own) rather than an "unknown id" at every reference to it.
//!
//! A broken file registers its own id (the file stem, or a guide's folder name), the ids it
//! spells out in `id:` fields as far as it could be read, and its prompts' ids. When the file
//! could not be read to its end, the ids after the error are unknown: references to any
//! entity of the kinds such a file defines are then not reported either, until it is fixed.

use super::FileKind;
use crate::load::positions::PosMap;
use crate::model::Kind;
use std::collections::{BTreeSet, HashMap};

/// What broken files would have defined.
#[derive(Debug, Default, Clone)]
pub struct Broken {
    /// Ids known to be defined by a broken file.
    pub ids: BTreeSet<String>,
    /// Kinds whose ids may be hidden after a syntax error in a broken file.
    pub kinds: BTreeSet<Kind>,
    /// `vocabulary.yaml` could not be read: references to its ids are not reported.
    pub vocabulary: bool,
}

impl Broken {
    /// Whether a reference to `id`, expecting one of `kinds` (empty: any kind), may be to
    /// something a broken file defines, so "unknown id" would be a consequence, not a cause.
    pub fn covers(&self, id: &str, kinds: &[Kind]) -> bool {
        let any_kind = kinds.is_empty() && !self.kinds.is_empty();
        self.ids.contains(id) || any_kind || kinds.iter().any(|k| self.kinds.contains(k))
    }

    /// Records what the broken file of `kind`, with file stem `stem` and the positions read
    /// from it, would have defined.
    pub(super) fn add(&mut self, kind: &FileKind, stem: &str, positions: &PosMap) {
        let (own, inner): (Option<(&str, Kind)>, &[Kind]) = match kind {
            FileKind::Site => (None, &[]),
            FileKind::Vocabulary => {
                self.vocabulary = true;
                (None, &[])
            }
            FileKind::Glossary => (None, &[Kind::Term]),
            FileKind::Guide(folder) => (Some((folder, Kind::Guide)), &[Kind::Guide]),
            FileKind::Chapter(_) => (Some((stem, Kind::Chapter)), &[Kind::Chapter]),
            FileKind::Standard => (
                Some((stem, Kind::Standard)),
                &[Kind::Standard, Kind::KeyQuestion, Kind::Prompt],
            ),
            FileKind::Evidence => (Some((stem, Kind::Evidence)), &[Kind::Evidence]),
            FileKind::Findings => (
                Some((stem, Kind::Findings)),
                &[Kind::Findings, Kind::Statistic],
            ),
            FileKind::Example => (Some((stem, Kind::Example)), &[Kind::Example]),
            FileKind::Quotes => (None, &[Kind::Quote]),
            FileKind::Scale => (Some((stem, Kind::Scale)), &[Kind::Scale]),
            FileKind::ResponseScale => (Some((stem, Kind::ResponseScale)), &[Kind::ResponseScale]),
            FileKind::Checklist => (
                Some((stem, Kind::Checklist)),
                &[Kind::Checklist, Kind::Question],
            ),
        };
        if let Some((id, _)) = own {
            self.ids.insert(id.to_string());
        }
        self.ids.extend(written_ids(positions));
        if !positions.complete {
            self.kinds.extend(inner.iter().copied());
        }
    }
}

/// Ids written in `id:` fields, and prompt ids (`<key question id>-<letter>`).
fn written_ids(positions: &PosMap) -> Vec<String> {
    let by_path: HashMap<&str, &str> = positions
        .ids
        .iter()
        .map(|(p, v)| (p.as_str(), v.as_str()))
        .collect();
    let mut out = Vec::new();
    for (path, value) in &positions.ids {
        match path.strip_suffix(".letter") {
            Some(prompt) => {
                // key_questions.N.prompts.M.letter → key_questions.N.id
                let kq = prompt.rsplit_once(".prompts.").map(|(kq, _)| kq);
                if let Some(kq_id) = kq.and_then(|kq| by_path.get(format!("{kq}.id").as_str())) {
                    out.push(format!("{kq_id}-{value}"));
                }
            }
            None => out.push(value.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_standard_names_its_ids_and_prompts() {
        let text = "title: x\nkey_questions:\n  - id: ps-9-1\n    prompts:\n      - letter: a\n      - letter: b\n";
        let mut b = Broken::default();
        b.add(&FileKind::Standard, "ps-9", &PosMap::build(text));
        for id in ["ps-9", "ps-9-1", "ps-9-1-a", "ps-9-1-b"] {
            assert!(b.covers(id, &[Kind::KeyQuestion]), "{id}");
        }
        assert!(
            !b.covers("ps-9-1-c", &[Kind::Prompt]),
            "the file was read to its end"
        );
    }

    #[test]
    fn after_a_syntax_error_the_kinds_are_covered() {
        let text = "title: x\nkey_questions:\n  - id: ps-9-1\n    text: [unclosed\n";
        let mut b = Broken::default();
        b.add(&FileKind::Standard, "ps-9", &PosMap::build(text));
        assert!(b.covers("ps-9-7", &[Kind::KeyQuestion]));
        assert!(!b.covers("kps-intro", &[Kind::Chapter]));
        assert!(b.covers("anything", &[]), "a `ref:` may name any kind");
    }

    #[test]
    fn a_complete_broken_file_covers_only_its_ids() {
        let mut b = Broken::default();
        b.add(
            &FileKind::Quotes,
            "q",
            &PosMap::build("quotes:\n  - id: q-1\n    text: 3\n"),
        );
        assert!(b.covers("q-1", &[Kind::Quote]) && b.covers("q-1", &[]));
        assert!(!b.covers("q-2", &[Kind::Quote]) && !b.covers("q-2", &[]));
    }
}

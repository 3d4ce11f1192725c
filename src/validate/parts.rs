//! Guides grouped into parts (`parts: [{title, chapters}]`): the parts give the reading
//! order, so a guide lists its chapters in its parts or in `chapters`, not both; every part
//! has a title and at least one chapter, and every chapter is in exactly one part.

use super::Checker;
use crate::model::{GuideEntry, Model};

/// Sets the reading order of each guide with parts from its parts (each chapter once, where
/// it is first listed), so everything after validation reads `chapters` alone.
pub(super) fn normalise_parts(model: &mut Model) {
    for g in &mut model.guides {
        let gd = &g.guide.data;
        if gd.parts.is_empty() || !gd.chapters.is_empty() {
            continue;
        }
        let mut order: Vec<String> = Vec::new();
        for c in gd.parts.iter().flat_map(|p| &p.chapters) {
            if !order.contains(c) {
                order.push(c.clone());
            }
        }
        g.guide.data_mut().chapters = order;
    }
}

/// Where each chapter of a guide is listed: `(path, id)` in reading order, from its parts
/// when it has them.
pub(super) fn listing(g: &GuideEntry) -> Vec<(String, &str)> {
    let gd = &g.guide;
    if gd.parts.is_empty() {
        return gd
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("chapters.{i}"), c.as_str()))
            .collect();
    }
    gd.parts
        .iter()
        .enumerate()
        .flat_map(|(p, part)| {
            part.chapters
                .iter()
                .enumerate()
                .map(move |(j, c)| (format!("parts.{p}.chapters.{j}"), c.as_str()))
        })
        .collect()
}

impl Checker<'_> {
    /// The parts of a guide: a title and chapters each, and `chapters` left out beside them.
    /// (Chapters listed twice or not at all are checked with the chapter list.)
    pub(super) fn check_parts(&mut self, g: &GuideEntry) {
        let gd = &g.guide;
        let f = gd.file;
        if gd.parts.is_empty() {
            return;
        }
        if self.model.positions[f].key("chapters").is_some() {
            self.field_error(
                f,
                "chapters",
                "a guide with `parts` lists its chapters in its parts, not in `chapters`",
                Some("remove `chapters`: the parts give the reading order".into()),
            );
        }
        for (p, part) in gd.parts.iter().enumerate() {
            if part.title.trim().is_empty() {
                self.error(f, &format!("parts.{p}.title"), "a part needs a title");
            }
            if part.chapters.is_empty() {
                self.field_error(
                    f,
                    &format!("parts.{p}.chapters"),
                    format!("part `{}` has no chapters", part.title),
                    None,
                );
            }
        }
    }

    /// Which part a chapter listed at `path` is in, for messages about parts.
    pub(super) fn part_of(g: &GuideEntry, path: &str) -> Option<String> {
        let p: usize = path
            .strip_prefix("parts.")?
            .split('.')
            .next()?
            .parse()
            .ok()?;
        g.guide.parts.get(p).map(|part| part.title.clone())
    }
}

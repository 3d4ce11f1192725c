//! The parts of a long guide in its navigation: the guide's contents list shows every part
//! with its chapters; a chapter page's shows only its own part's chapters, and the other
//! parts as headings linking to their first chapter, so a long guide's chapter page does not
//! open with every chapter.

use super::pages::{chapter_link, ordered};
use crate::locale::Locale;
use crate::model::*;
use serde_json::{json, Value};

/// The parts of a guide that have chapters in this build, each with its chapters in reading
/// order (nothing for a guide without parts).
pub fn parts_of(g: &GuideEntry) -> Vec<(&Part, Vec<&Entry<Chapter>>)> {
    if g.guide.parts.is_empty() {
        return Vec::new();
    }
    let order = ordered(g);
    g.guide
        .parts
        .iter()
        .map(|p| {
            let chapters: Vec<&Entry<Chapter>> = order
                .iter()
                .copied()
                .filter(|c| p.chapters.contains(&c.id))
                .collect();
            (p, chapters)
        })
        .filter(|(_, c)| !c.is_empty())
        .collect()
}

/// A part's number and title as its heading reads: "Part 2: Planning the work".
pub fn part_heading(number: usize, part: &Part, loc: &Locale) -> String {
    let n = loc.fmt("part_number", &[("number", &number.to_string())]);
    format!("{n}: {}", part.title)
}

/// The guide page's parts, each with every chapter (the chapter links get `summary` from
/// `summary`).
pub fn guide_parts(
    g: &GuideEntry,
    loc: &Locale,
    summary: impl Fn(&Entry<Chapter>) -> Value,
) -> Vec<Value> {
    parts_of(g)
        .into_iter()
        .enumerate()
        .map(|(i, (p, chapters))| {
            json!({
                "heading": part_heading(i + 1, p, loc),
                "chapters": chapters.iter().map(|c| {
                    let mut l = chapter_link(g, c);
                    l["summary"] = summary(c);
                    l
                }).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// A chapter page's parts: whether each holds `current` (the chapters of that part come
/// from the guide's contents list, see [`super::contents`]), with the address of its first
/// chapter.
pub fn chapter_parts(g: &GuideEntry, current: &str, loc: &Locale) -> Vec<Value> {
    parts_of(g)
        .into_iter()
        .enumerate()
        .map(|(i, (p, chapters))| {
            let here = chapters.iter().any(|c| c.id == current);
            let first = chapter_link(g, chapters[0]);
            json!({
                "heading": part_heading(i + 1, p, loc),
                "url": first["url"],
                "current": here,
            })
        })
        .collect()
}

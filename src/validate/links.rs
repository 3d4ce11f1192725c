//! Web addresses in the content: the site's `base_url` (checked and normalised to end in `/`),
//! the fields that hold an address (footer links, the licence, a findings source), and every
//! link and image destination in Markdown text. An address that is not `http`, `https`,
//! `mailto`, `tel`, a `ref:`/`term:` link or relative is an error where it is written, so a
//! script or `data:` link is never published.

use super::Checker;
use crate::diag::{Diagnostic, Pos, Report};
use crate::model::Model;
use crate::urls::{self, Place};
use std::collections::BTreeSet;

/// Checks `site.yaml`'s `base_url` and replaces it with its normalised form.
/// A further language's model is normalised too, but its errors are not reported: its settings
/// are the original `site.yaml`'s (see `crate::lang`), reported there once.
pub(super) fn normalise_base_url(model: &mut Model, report: &mut Report) {
    let translated = model.language.as_ref().is_some_and(|l| !l.is_default());
    let Some(site) = &model.site else {
        return;
    };
    match urls::base_url(&site.base_url) {
        Ok(url) => {
            if let Some(site) = model.site.as_mut() {
                site.data_mut().base_url = url;
            }
        }
        Err(_) if translated => {}
        Err(problem) => {
            let (file, raw) = (site.file, site.base_url.clone());
            let pos = value_start(model, file, "base_url");
            report.push(
                Diagnostic::error(file, pos, problem)
                    .with_len(raw.len().max(1))
                    .with_help("base_url is the absolute address the site is published at, e.g. https://example.org/guidance/"),
            );
        }
    }
}

/// The position of the value at `path`, inside its opening quote if it is quoted.
fn value_start(model: &Model, file: usize, path: &str) -> Pos {
    let pos = model.pos(file, path);
    let text = &model.sources.files[file].text;
    match text.get(pos.offset..).and_then(|t| t.chars().next()) {
        Some('"' | '\'') => Pos::from_offset(text, pos.offset + 1),
        _ => pos,
    }
}

impl Checker<'_> {
    /// Checks every address an author wrote: the address fields and Markdown links.
    pub(super) fn check_addresses(&mut self) {
        let m = self.model;
        let mut fields: Vec<(usize, String, &str)> = Vec::new();
        if let Some(site) = &m.site {
            for (i, l) in site.footer_links.iter().enumerate() {
                fields.push((site.file, format!("footer_links.{i}.url"), &l.url));
            }
            if let Some(u) = &site.licence_url {
                fields.push((site.file, "licence_url".into(), u));
            }
        }
        for f in &m.findings {
            if let Some(u) = &f.source.url {
                fields.push((f.file, "source.url".into(), u));
            }
        }
        for (file, path, url) in &fields {
            if let Err(problem) = urls::check(url, Place::Field) {
                let pos = value_start(m, *file, path);
                let d = Diagnostic::error(*file, pos, problem).with_len(url.len().max(1));
                self.report.push(d);
            }
        }
        let skip: BTreeSet<(usize, &str)> =
            fields.iter().map(|(f, p, _)| (*f, p.as_str())).collect();
        for file in entity_files(m) {
            self.check_markdown_links(file, &skip);
        }
    }

    /// Reports the link destinations of every text value of one file (any text may be
    /// Markdown) that are not allowed, at the exact place each is written (found when the
    /// file was read: [`crate::load::links`]).
    fn check_markdown_links(&mut self, file: usize, skip: &BTreeSet<(usize, &str)>) {
        let positions = &self.model.positions[file];
        for bad in &positions.links.bad {
            let Some((path, pos, _)) = positions.scalars.get(bad.scalar) else {
                continue;
            };
            if skip.contains(&(file, path.as_str())) {
                continue;
            }
            let d = match bad.at {
                Some((at, len)) => Diagnostic::error(file, at, bad.problem.clone()).with_len(len),
                None => Diagnostic::error(file, *pos, bad.problem.clone()),
            };
            self.report.push(d);
        }
    }
}

/// The files that hold an entity of the model (not those that failed to parse or lie outside
/// the content layout), in order.
pub(super) fn entity_files(m: &Model) -> BTreeSet<usize> {
    let mut files: BTreeSet<usize> = BTreeSet::new();
    files.extend(m.site.iter().map(|e| e.file));
    files.extend(m.glossary.iter().map(|e| e.file));
    for g in &m.guides {
        files.insert(g.guide.file);
        files.extend(g.chapters.iter().map(|c| c.file));
    }
    files.extend(m.standards.iter().map(|e| e.file));
    files.extend(m.evidence.iter().map(|e| e.file));
    files.extend(m.findings.iter().map(|e| e.file));
    files.extend(m.examples.iter().map(|e| e.file));
    files.extend(m.quote_files.iter().map(|e| e.file));
    files.extend(m.scales.iter().map(|e| e.file));
    files.extend(m.response_scales.iter().map(|e| e.file));
    files.extend(m.checklists.iter().map(|e| e.file));
    files
}

//! Where a page stands in the site: its breadcrumbs (every page below the home page has
//! them), the chapter that shows a piece of referenced content (so its own page can lead back
//! to its guide), and each page's description for the head (`<meta name="description">` and
//! Open Graph), from the entity's summary.

use super::pages::{ordered, PageSpec};
use crate::locale::Locale;
use crate::markdown;
use crate::model::*;
use serde_json::{json, Value};

/// The first chapter, in guide and reading order, with a section that `shows` (a test on
/// the section), as (guide index, chapter).
fn chapter_showing(
    m: &Model,
    shows: impl Fn(&Section) -> bool,
) -> Option<(usize, &Entry<Chapter>)> {
    m.guides.iter().enumerate().find_map(|(g, ge)| {
        ordered(ge)
            .into_iter()
            .find(|c| c.sections.iter().any(&shows))
            .map(|c| (g, c))
    })
}

/// The guide an example belongs to: that of the first chapter showing it.
pub fn example_guide(m: &Model, id: &str) -> Option<usize> {
    chapter_showing(m, |s| s.example.as_deref() == Some(id)).map(|(g, _)| g)
}

fn crumb(title: &str, url: &str) -> Value {
    json!({"title": title, "url": url})
}

fn home(loc: &Locale) -> Value {
    crumb(loc.get("crumb_home"), "index.html")
}

fn guide_crumb(m: &Model, g: usize) -> Value {
    let gd = &m.guides[g].guide;
    let mut c = crumb(&gd.title, &format!("guides/{}/index.html", gd.id));
    c["lang"] = serde_json::json!(crate::lang::foreign(m, gd.data.lang.as_deref()));
    c
}

/// Home, then the guide and chapter that show the content (if a chapter does).
fn via_chapter(m: &Model, loc: &Locale, shows: impl Fn(&Section) -> bool) -> Vec<Value> {
    let mut v = vec![home(loc)];
    if let Some((g, c)) = chapter_showing(m, shows) {
        v.push(guide_crumb(m, g));
        let mut chapter = crumb(
            c.nav_label.as_deref().unwrap_or(&c.title),
            &format!("guides/{}/{}.html", m.guides[g].guide.id, c.id),
        );
        chapter["lang"] = serde_json::json!(crate::lang::foreign(m, c.lang.as_deref()));
        v.push(chapter);
    }
    v
}

/// The breadcrumbs of a page, from the home page down to its parent (the page itself is not
/// listed, as in GOV.UK's pattern). Empty for the home page and the standalone offline form.
pub fn breadcrumbs(m: &Model, spec: &PageSpec, loc: &Locale) -> Vec<Value> {
    match *spec {
        PageSpec::Home | PageSpec::ChecklistForm(_) => Vec::new(),
        PageSpec::Chapter(g, _) => vec![home(loc), guide_crumb(m, g)],
        PageSpec::Standard(_) => vec![
            home(loc),
            crumb(loc.get("standards_title"), "standards/index.html"),
        ],
        PageSpec::Checklist(_) => vec![
            home(loc),
            crumb(loc.get("nav_checklists"), "checklists/index.html"),
        ],
        PageSpec::Example(_) => vec![
            home(loc),
            crumb(loc.get("examples_title"), "examples/index.html"),
        ],
        PageSpec::Evidence(i) => {
            let id = &m.evidence[i].id;
            via_chapter(m, loc, |s| s.evidence.as_deref() == Some(id))
        }
        PageSpec::Findings(i) => {
            let id = &m.findings[i].id;
            via_chapter(m, loc, |s| s.findings.as_deref() == Some(id))
        }
        PageSpec::Scale(i) => {
            let id = &m.scales[i].id;
            via_chapter(m, loc, |s| s.scale.as_deref() == Some(id))
        }
        _ => vec![home(loc)],
    }
}

/// Longest description, in characters: search engines show about 160.
const DESCRIPTION_CHARS: usize = 160;

/// Plain text of Markdown, cut at a word to at most [`DESCRIPTION_CHARS`] with "…".
fn describe(text: &str) -> String {
    let plain = markdown::plain_text(text);
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.chars().count() <= DESCRIPTION_CHARS {
        return plain;
    }
    let mut out = String::new();
    // Characters in `out` so far, counted as words are added (not again for every word).
    let mut chars = 0;
    for word in plain.split(' ') {
        let n = word.chars().count();
        if chars + n + 2 > DESCRIPTION_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += n;
    }
    out.trim_end_matches([',', ';', ':', '.']).to_string() + "…"
}

/// A page's description: its entity's summary (a chapter's own, else its guide's), or a
/// sentence about the page's part of the site.
pub fn description(m: &Model, spec: &PageSpec, loc: &Locale) -> String {
    let site = m.site.as_ref();
    let org = site.map(|s| s.organisation.as_str()).unwrap_or_default();
    let summary: Option<&str> = match *spec {
        PageSpec::Guide(g) => Some(&m.guides[g].guide.summary),
        PageSpec::Chapter(g, c) => m.guides[g].chapters[c]
            .summary
            .as_deref()
            .or(Some(&m.guides[g].guide.summary)),
        PageSpec::Standard(i) => m.standards[i].statement.as_deref(),
        PageSpec::Evidence(i) => m.evidence[i].summary.as_deref(),
        PageSpec::Findings(i) => m.findings[i].summary.as_deref(),
        PageSpec::Example(i) => Some(&m.examples[i].case_summary),
        PageSpec::Scale(i) => m.scales[i].description.as_deref(),
        _ => None,
    };
    if let Some(s) = summary.filter(|s| !s.trim().is_empty()) {
        return describe(s);
    }
    let fixed = match *spec {
        PageSpec::Standards => loc.get("desc_standards").to_string(),
        PageSpec::Standard(i) => loc.fmt(
            "desc_standard",
            &[
                ("number", &m.standards[i].number),
                ("title", &m.standards[i].title),
            ],
        ),
        PageSpec::Examples | PageSpec::Example(_) => loc.get("desc_examples").into(),
        PageSpec::Quotes => loc.get("desc_quotes").into(),
        PageSpec::Checklists => loc.get("desc_checklists").into(),
        PageSpec::Checklist(i) | PageSpec::ChecklistForm(i) => {
            loc.fmt("desc_checklist", &[("title", &m.checklists[i].title)])
        }
        PageSpec::Glossary => loc.get("desc_glossary").into(),
        PageSpec::Accessibility => loc.get("desc_accessibility").into(),
        _ => loc.fmt("desc_default", &[("organisation", org)]),
    };
    describe(&fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        let text = "Curiosity matters. ".repeat(20);
        let d = describe(&text);
        assert!(d.chars().count() <= DESCRIPTION_CHARS, "{d}");
        assert!(
            d.ends_with("Curiosity matters…") || d.ends_with("Curiosity…"),
            "{d}"
        );
        assert_eq!(describe("Short **bold** text."), "Short bold text.");
    }
}

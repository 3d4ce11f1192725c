//! Links between a page's languages: the `<link rel="alternate" hreflang>` of every page, the
//! language switcher (named in the target language), the page standing in for one not yet
//! translated, and the sitemap's `xhtml:link` alternates.

use super::folder;
use crate::model::Model;
use crate::render::pages::PageSpec;
use serde_json::{json, Value};

/// The site's address (the default language's), with a trailing slash.
pub fn root_url(m: &Model) -> String {
    let base = crate::render::feeds::base_url(m);
    match &m.language {
        Some(l) => base
            .strip_suffix(&l.folder())
            .map_or(base.clone(), str::to_string),
        None => base,
    }
}

/// Gives each further language's model its own address: the site's, then its folder
/// (`https://example.org/guidance/cy/`), so its canonical links, feed and forms point there.
/// Called once the site's address is final (after `--base-url`).
pub fn set_base_urls(m: &mut Model) {
    let Some(base) = m.site.as_ref().map(|s| s.base_url.clone()) else {
        return;
    };
    for t in &mut m.translations {
        let dir = t.language.as_ref().map(super::Language::folder);
        if let (Some(site), Some(dir)) = (t.site.as_mut(), dir) {
            site.data_mut().base_url = format!("{base}{dir}");
        }
    }
}

/// Whether the page `spec` of a further language's model shows something not translated into
/// it, so that the page only says so and links to the default language's page.
pub fn untranslated(m: &Model, spec: &PageSpec) -> bool {
    let Some(lang) = m.language.as_ref().filter(|l| !l.is_default()) else {
        return false;
    };
    let done = |id: &str| lang.translated.contains(id);
    match *spec {
        PageSpec::Guide(g) => !done(&m.guides[g].guide.id),
        PageSpec::Chapter(g, c) => !done(&m.guides[g].chapters[c].id),
        PageSpec::Standard(i) => !done(&m.standards[i].id),
        PageSpec::Evidence(i) => !done(&m.evidence[i].id),
        PageSpec::Findings(i) => !done(&m.findings[i].id),
        PageSpec::Example(i) => !done(&m.examples[i].id),
        PageSpec::Scale(i) => !done(&m.scales[i].id),
        PageSpec::Checklist(i) | PageSpec::ChecklistForm(i) => !done(&m.checklists[i].id),
        // The glossary, the quotes and the accessibility statement are the site's own pages,
        // shown in every language with what is translated of them (a quote keeps its `lang`).
        _ => false,
    }
}

/// The context of the page standing in for an untranslated one: its heading and text in the
/// page's language (`locale`), and the original's title, address and language.
pub fn stub_context(
    m: &Model,
    locale: &crate::locale::Locale,
    ctx: &mut tera::Context,
    path: &str,
    title: &str,
) {
    let Some(lang) = &m.language else { return };
    let default = lang.all.first().cloned().unwrap_or_default();
    let tag = if lang.original.is_empty() {
        default.clone()
    } else {
        lang.original.clone()
    };
    let (heading, text) = (
        locale.get("untranslated_heading"),
        locale.get("untranslated_text"),
    );
    let up = "../".repeat(path.matches('/').count() + 1);
    ctx.insert(
        "untranslated",
        &json!({
            "heading": heading,
            "text": text,
            "title": title,
            "lang": tag,
            "hreflang": default,
            "url": format!("{up}{}{path}", folder(&lang.all, &default)),
        }),
    );
    ctx.insert("page_title", heading);
}

/// `alternates` (every language's absolute address of the page, then `x-default`) and
/// `switcher` (a link to the page in each other language, named in that language by its
/// locale file's `language_name`) for the
/// page at `path`, or `None` for a site of one language and for the 404 page. `absolute`:
/// the switcher's links are absolute too (the offline form is used from a download).
pub fn page_languages(
    m: &Model,
    spec: &PageSpec,
    path: &str,
    loc: &crate::locale::Locale,
) -> Option<(Value, Value)> {
    let lang = m.language.as_ref()?;
    if *spec == PageSpec::NotFound {
        return None;
    }
    let root = root_url(m);
    let url = |code: &str| format!("{root}{}{path}", folder(&lang.all, code));
    let mut alternates: Vec<Value> = lang
        .all
        .iter()
        .map(|code| json!({"lang": code, "url": url(code)}))
        .collect();
    alternates.push(json!({"lang": "x-default", "url": url(&lang.all[0])}));
    let up = "../".repeat(path.matches('/').count() + usize::from(!lang.is_default()));
    let absolute = matches!(spec, PageSpec::ChecklistForm(_));
    let switcher: Vec<Value> = lang
        .all
        .iter()
        .filter(|code| **code != lang.code)
        .map(|code| {
            let href = if absolute {
                url(code)
            } else {
                format!("{up}{}{path}", folder(&lang.all, code))
            };
            json!({"lang": code, "name": loc.language_name(code), "url": href})
        })
        .collect();
    Some((json!(alternates), json!(switcher)))
}

/// The sitemap's entries for a site of several languages: each page in each language, with
/// every language's address of it as an alternate (`xhtml:link`). `pages`: paths and last
/// changes of the default language's listed pages; each language has the same pages.
pub fn sitemap_pages(m: &Model, pages: &[(String, Option<String>)]) -> Option<Vec<Value>> {
    let lang = m.language.as_ref()?;
    let root = root_url(m);
    let mut out = Vec::new();
    for code in &lang.all {
        for (path, lastmod) in pages {
            let alternates: Vec<Value> = lang
                .all
                .iter()
                .map(|c| json!({"lang": c, "url": format!("{root}{}{path}", folder(&lang.all, c))}))
                .collect();
            out.push(json!({
                "loc": format!("{root}{}{path}", folder(&lang.all, code)),
                "lastmod": lastmod,
                "alternates": alternates,
            }));
        }
    }
    Some(out)
}

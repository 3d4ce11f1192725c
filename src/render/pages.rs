//! Which pages the site has, where each is written, and the context each template gets.

use super::links::Backlinks;
use super::navigation;
use super::views::{self, link, meta_rows, stage_label};
use crate::locale::Locale;
use crate::markdown::{self, cache::Cache};
use crate::model::*;
use serde_json::{json, Value};
use tera::Context;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageSpec {
    Home,
    Guide(usize),
    Chapter(usize, usize),
    Standards,
    Standard(usize),
    Evidence(usize),
    Findings(usize),
    Examples,
    Example(usize),
    Quotes,
    Scale(usize),
    Checklists,
    Checklist(usize),
    /// The fillable HTML form of a checklist: one file that works offline.
    ChecklistForm(usize),
    Glossary,
    Accessibility,
    /// The search results page (the index ships as a script beside it).
    Search,
    NotFound,
}

/// Which index pages the site has: one is made only when it has something to list (and
/// templates link it only then, as `has.standards`, `has.examples`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Indexes {
    pub standards: bool,
    pub examples: bool,
    pub quotes: bool,
    pub checklists: bool,
    pub glossary: bool,
}

impl Indexes {
    pub fn of(m: &Model) -> Indexes {
        Indexes {
            standards: !m.standards.is_empty(),
            examples: !m.examples.is_empty(),
            quotes: m.quotes().next().is_some(),
            checklists: !m.checklists.is_empty(),
            glossary: m.glossary.iter().any(|g| !g.terms.is_empty()),
        }
    }
}

/// Every page of the site, in a stable order.
pub fn page_list(m: &Model) -> Vec<PageSpec> {
    let has = Indexes::of(m);
    let mut v = vec![PageSpec::Home];
    for (g, guide) in m.guides.iter().enumerate() {
        v.push(PageSpec::Guide(g));
        v.extend((0..guide.chapters.len()).map(|c| PageSpec::Chapter(g, c)));
    }
    v.extend(has.standards.then_some(PageSpec::Standards));
    v.extend((0..m.standards.len()).map(PageSpec::Standard));
    v.extend((0..m.evidence.len()).map(PageSpec::Evidence));
    v.extend((0..m.findings.len()).map(PageSpec::Findings));
    v.extend(has.examples.then_some(PageSpec::Examples));
    v.extend((0..m.examples.len()).map(PageSpec::Example));
    v.extend(has.quotes.then_some(PageSpec::Quotes));
    v.extend((0..m.scales.len()).map(PageSpec::Scale));
    v.extend(has.checklists.then_some(PageSpec::Checklists));
    v.extend((0..m.checklists.len()).map(PageSpec::Checklist));
    v.extend((0..m.checklists.len()).map(PageSpec::ChecklistForm));
    v.extend(has.glossary.then_some(PageSpec::Glossary));
    v.extend([
        PageSpec::Accessibility,
        PageSpec::Search,
        PageSpec::NotFound,
    ]);
    v
}

/// The relative prefix from a page to the site root: "" at the top, "../" one folder down.
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The path part of the site's base URL ("/guidance/"), for pages served at any depth.
pub fn site_path(m: &Model) -> String {
    let base = m.site.as_ref().map(|s| s.base_url.as_str()).unwrap_or("/");
    let after_scheme = base.split_once("://").map_or(base, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// What every page gets: the site's settings, and which index pages there are (`has`).
pub fn base_context(m: &Model) -> Context {
    let mut ctx = Context::new();
    ctx.insert("has", &Indexes::of(m));
    if let Some(s) = &m.site {
        ctx.insert(
            "site",
            &json!({
                "name": s.name,
                // An untranslated site.yaml's words (name, footer links) keep its language.
                "lang": m.untranslated_lang(s.file),
                "organisation": s.organisation,
                "base_url": s.base_url,
                "language": s.language,
                "licence": s.licence,
                "licence_url": s.licence_url,
                "contact_email": s.contact_email,
                "footer_links": s.footer_links,
                "theme_colour": s.theme_colour.as_deref().unwrap_or(crate::validate::DEFAULT_THEME_COLOUR),
                "favicon": s.favicon.as_deref().unwrap_or("favicon.svg"),
                "favicon_type": crate::validate::icon_type(s.favicon.as_deref().unwrap_or("favicon.svg")),
            }),
        );
    }
    ctx
}

fn guide_link(g: &GuideEntry) -> Value {
    json!({"title": g.guide.title, "url": format!("guides/{}/index.html", g.guide.id),
        "lang": g.guide.data.lang.as_deref().filter(|l| markdown::valid_lang(l))})
}

/// A link to a chapter. `lang` is the chapter's own language when it has one (an untranslated
/// chapter in a further language's model is marked with the default language), so a link
/// whose text is in another language than the page says so (WCAG 3.1.2, language of parts).
pub(super) fn chapter_link(g: &GuideEntry, c: &Entry<Chapter>) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "lang": c.lang.as_deref().filter(|l| markdown::valid_lang(l)),
        "nav_label": c.nav_label.clone().unwrap_or_else(|| c.title.clone()),
        "url": format!("guides/{}/{}.html", g.guide.id, c.id),
    })
}

/// The template, output path and context of a page.
pub fn context(
    m: &Model,
    back: &Backlinks,
    base: &Context,
    cache: &Cache,
    spec: &PageSpec,
    loc: &Locale,
) -> (&'static str, String, Context) {
    let long_date = |d: &str| loc.long_date(d);
    let mut ctx = base.clone();
    let (template, path, title): (&'static str, String, String) = match *spec {
        PageSpec::Home => {
            let guides: Vec<Value> = m
                .guides
                .iter()
                .map(|g| {
                    json!({
                        "title": g.guide.title,
                        "lang": crate::lang::foreign(m, g.guide.data.lang.as_deref()),
                        "url": format!("guides/{}/index.html", g.guide.id),
                        "summary": cache.render_inline(m, &g.guide.summary),
                        "service": m.label(VocabKind::Service, &g.guide.service),
                        "service_lang": m.label_lang(VocabKind::Service, &g.guide.service),
                        "audience": g.guide.audience,
                    })
                })
                .collect();
            ctx.insert("guides", &guides);
            ctx.insert(
                "checklists",
                &m.checklists
                    .iter()
                    .map(|c| link(m, &c.id))
                    .collect::<Vec<_>>(),
            );
            let name = m.site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
            ("index.html", "index.html".into(), name)
        }
        PageSpec::Guide(g) => {
            let ge = &m.guides[g];
            let gd = &ge.guide;
            ctx.insert("guide", &json!({
                "id": gd.id,
                "title": gd.title,
                "summary": cache.render(m, &gd.summary, markdown::Place { heading_base: 2, id_prefix: "summary", locale: Some(loc) }),
                "status": gd.status,
                "meta": with_lang(meta_rows(&[
                    (loc.get("meta_service"), Some(m.label(VocabKind::Service, &gd.service).to_string())),
                    (loc.get("meta_audience"), gd.audience.clone()),
                    (loc.get("meta_published"), gd.published.as_deref().map(long_date)),
                    (loc.get("meta_updated"), gd.updated.as_deref().map(long_date)),
                    (loc.get("meta_version"), gd.version.clone()),
                    (loc.get("meta_review_due"), gd.review_due.as_deref().map(long_date)),
                ]), m.label_lang(VocabKind::Service, &gd.service)),
                "chapters": ordered(ge).iter().map(|c| {
                    let mut l = chapter_link(ge, c);
                    l["summary"] = json!(c.summary.as_deref().map(|s| cache.render_inline(m, s)));
                    l
                }).collect::<Vec<_>>(),
                "parts": super::parts::guide_parts(ge, loc, |c| json!(c.summary.as_deref().map(|s| cache.render_inline(m, s)))),
                "checklists": gd.checklists.iter().map(|c| link(m, c)).collect::<Vec<_>>(),
                "related": gd.related.iter().map(|r| link(m, r)).collect::<Vec<_>>(),
            }));
            (
                "guide.html",
                format!("guides/{}/index.html", gd.id),
                gd.title.clone(),
            )
        }
        PageSpec::Chapter(g, c) => chapter_page(m, back, cache, &mut ctx, g, c, loc),
        PageSpec::Standards => {
            ctx.insert("frameworks", &frameworks(m));
            (
                "standards.html",
                "standards/index.html".into(),
                loc.get("standards_title").into(),
            )
        }
        PageSpec::Standard(i) => {
            let s = &m.standards[i];
            ctx.insert("standard", &views::standard(m, cache, s, 1, back, loc));
            (
                "standard.html",
                format!("standards/{}.html", s.id),
                format!("{} {}", s.number, s.title),
            )
        }
        PageSpec::Evidence(i) => {
            let e = &m.evidence[i];
            ctx.insert("evidence", &views::evidence(m, cache, e, 1, loc));
            (
                "evidence.html",
                format!("evidence/{}.html", e.id),
                e.title.clone(),
            )
        }
        PageSpec::Findings(i) => {
            let f = &m.findings[i];
            ctx.insert("findings", &views::findings(m, cache, f, 1, loc));
            (
                "findings.html",
                format!("findings/{}.html", f.id),
                f.title.clone(),
            )
        }
        PageSpec::Examples => {
            ctx.insert("groups", &example_groups(m, loc));
            (
                "examples.html",
                "examples/index.html".into(),
                loc.get("examples_title").into(),
            )
        }
        PageSpec::Example(i) => {
            let e = &m.examples[i];
            ctx.insert("example", &views::example(m, cache, e, 1, back, loc));
            (
                "example.html",
                format!("examples/{}.html", e.id),
                e.title.clone(),
            )
        }
        PageSpec::Quotes => {
            let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
            for (file, q) in m.quotes() {
                let g = q.group.clone().unwrap_or_else(|| "other".into());
                match groups.iter_mut().find(|(n, _)| n == &g) {
                    Some((_, v)) => v.push(views::quote(q, file.lang.as_deref())),
                    None => groups.push((g, vec![views::quote(q, file.lang.as_deref())])),
                }
            }
            let groups: Vec<Value> = groups
                .into_iter()
                .map(|(n, q)| json!({"id": n, "name": humanise(&n), "quotes": q}))
                .collect();
            ctx.insert("groups", &groups);
            (
                "quotes.html",
                "quotes.html".into(),
                loc.get("quotes_title").into(),
            )
        }
        PageSpec::Scale(i) => {
            let s = &m.scales[i];
            ctx.insert("scale", &views::scale(m, cache, s, 1, loc));
            (
                "scale.html",
                format!("scales/{}.html", s.id),
                s.title.clone(),
            )
        }
        PageSpec::Checklists => {
            ctx.insert(
                "checklists",
                &m.checklists
                    .iter()
                    .map(|c| {
                        json!({
                            "title": c.title, "url": format!("checklists/{}.html", c.id),
                            "lang": crate::lang::foreign(m, c.lang.as_deref()),
                            "guide": link(m, &c.guide), "version": c.version,
                        })
                    })
                    .collect::<Vec<_>>(),
            );
            ctx.insert("response_scales", &m.response_scales.iter().map(|r| json!({
                "id": r.id, "title": r.title,
                "options": r.options.iter().map(|o| json!({"label": o.label, "value": o.value, "counts_as": o.counts_as})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>());
            (
                "checklists.html",
                "checklists/index.html".into(),
                loc.get("checklists_title").into(),
            )
        }
        PageSpec::Checklist(i) => {
            let c = &m.checklists[i];
            ctx.insert("checklist", &views::checklist(m, cache, c, loc));
            (
                "checklist.html",
                format!("checklists/{}.html", c.id),
                c.title.clone(),
            )
        }
        PageSpec::ChecklistForm(i) => {
            let c = &m.checklists[i];
            ctx.insert("checklist", &views::checklist(m, cache, c, loc));
            (
                "checklist-form.html",
                format!("checklists/{}-form.html", c.id),
                c.title.clone(),
            )
        }
        PageSpec::Glossary => {
            let lang = m
                .glossary
                .as_ref()
                .and_then(|g| m.untranslated_lang(g.file));
            ctx.insert("glossary_lang", &lang);
            let mut terms: Vec<&Term> = m.glossary.iter().flat_map(|g| g.terms.iter()).collect();
            terms.sort_by_key(|t| {
                t.abbreviation
                    .clone()
                    .unwrap_or_else(|| t.term.clone())
                    .to_lowercase()
            });
            ctx.insert(
                "terms",
                &terms
                    .iter()
                    .map(|t| views::term(m, cache, t, loc))
                    .collect::<Vec<_>>(),
            );
            (
                "glossary.html",
                "glossary.html".into(),
                loc.get("glossary_title").into(),
            )
        }
        PageSpec::Accessibility => {
            let a = m
                .site
                .as_ref()
                .map(|s| s.accessibility.clone())
                .unwrap_or_default();
            ctx.insert(
                "known_issues",
                &a.known_issues
                    .iter()
                    .map(|k| cache.render_inline(m, k))
                    .collect::<Vec<_>>(),
            );
            ctx.insert("response_days", &a.response_days);
            (
                "accessibility.html",
                "accessibility.html".into(),
                loc.get("accessibility_title").into(),
            )
        }
        PageSpec::Search => (
            "search.html",
            "search.html".into(),
            loc.get("search_title").into(),
        ),
        PageSpec::NotFound => (
            "404.html",
            "404.html".into(),
            loc.get("not_found_title").into(),
        ),
    };
    ctx.insert("root", &root_for(&path));
    ctx.insert("page_title", &title);
    ctx.insert("page_path", &path);
    ctx.insert("breadcrumbs", &navigation::breadcrumbs(m, spec, loc));
    ctx.insert("description", &navigation::description(m, spec, loc));
    if *spec == PageSpec::NotFound {
        ctx.insert("root", &site_path(m));
    }
    if let Some((alternates, switcher)) = crate::lang::links::page_languages(m, spec, &path, loc) {
        ctx.insert("alternates", &alternates);
        ctx.insert("switcher", &switcher);
    }
    (template, path, ctx)
}

/// Chapters in the guide's reading order.
pub fn ordered(g: &GuideEntry) -> Vec<&Entry<Chapter>> {
    // By id through a map: a search of the chapters for each id listed is quadratic in a
    // guide's chapter count, and every chapter page asks.
    let mut by_id: std::collections::HashMap<&str, &Entry<Chapter>> = Default::default();
    for c in &g.chapters {
        // The first of a repeated id, as a search would find (validation reports repeats).
        by_id.entry(c.id.as_str()).or_insert(c);
    }
    g.guide
        .chapters
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect()
}

/// The chapters before and after chapter `id` in the guide's reading order ([`ordered`]),
/// found by scanning the guide's list from `id`'s place: building the whole order for every
/// chapter page cost a map of the guide's chapters per page.
fn neighbours<'g>(
    g: &'g GuideEntry,
    id: &str,
) -> (Option<&'g Entry<Chapter>>, Option<&'g Entry<Chapter>>) {
    // The first chapter of an id, as `ordered` takes (validation reports repeats).
    let chapter = |id: &String| g.chapters.iter().find(|c| &c.id == id);
    let ids = &g.guide.chapters;
    // `ordered` keeps only listed ids that have a chapter; a chapter's place is its id's first.
    let Some(at) = ids.iter().position(|i| i == id && chapter(i).is_some()) else {
        return (None, None);
    };
    let prev = ids[..at].iter().rev().find_map(chapter);
    let next = ids[at + 1..].iter().find_map(chapter);
    (prev, next)
}

fn chapter_page(
    m: &Model,
    back: &Backlinks,
    cache: &Cache,
    ctx: &mut Context,
    g: usize,
    c: usize,
    loc: &Locale,
) -> (&'static str, String, String) {
    let ge = &m.guides[g];
    let ch = &ge.chapters[c];
    let (prev, next) = neighbours(ge, &ch.id);
    let (prev, next) = (
        prev.map(|x| chapter_link(ge, x)),
        next.map(|x| chapter_link(ge, x)),
    );
    let sections: Vec<Value> = ch
        .sections
        .iter()
        .map(|s| section(m, back, cache, s, loc))
        .collect();
    ctx.insert("guide", &guide_link(ge));
    ctx.insert(
        "chapter",
        &json!({
            "id": ch.id,
            "title": ch.title,
            "kind": ch.kind,
            "stage": stage_label(m, &ch.stage),
            "stage_lang": views::stage_lang(m, &ch.stage),
            "summary": ch.summary.as_deref().map(|s| cache.render_inline(m, s)),
            "standards": ch.standards.iter().map(|s| link(m, s)).collect::<Vec<_>>(),
            "status": ch.status,
            "updated": ch.updated.as_deref().map(|d| loc.long_date(d)),
        }),
    );
    // The other chapters' entries are the guide's, rendered once (`contents_before`, `_after`).
    ctx.insert("current", &chapter_link(ge, ch));
    ctx.insert("parts", &super::parts::chapter_parts(ge, &ch.id, loc));
    ctx.insert("sections", &sections);
    ctx.insert("prev", &prev);
    ctx.insert("next", &next);
    (
        "chapter.html",
        format!("guides/{}/{}.html", ge.guide.id, ch.id),
        format!("{} – {}", ch.title, ge.guide.title),
    )
}

/// A section of a chapter with its referenced content expanded.
fn section(m: &Model, back: &Backlinks, cache: &Cache, s: &Section, loc: &Locale) -> Value {
    let body = s.body.as_deref().map(|b| {
        markdown::render(
            m,
            b,
            markdown::Place {
                heading_base: 3,
                id_prefix: &s.id,
                locale: Some(loc),
            },
        )
    });
    let mut v = json!({"id": s.id, "heading": s.heading, "kind": s.kind, "body": body});
    if let Some(e) = s
        .evidence
        .as_deref()
        .and_then(|id| m.evidence.iter().find(|e| e.id == id))
    {
        v["evidence"] = views::evidence(m, cache, e, 2, loc);
    }
    if let Some(f) = s
        .findings
        .as_deref()
        .and_then(|id| m.findings.iter().find(|e| e.id == id))
    {
        v["findings"] = views::findings(m, cache, f, 2, loc);
    }
    if let Some(e) = s
        .example
        .as_deref()
        .and_then(|id| m.examples.iter().find(|e| e.id == id))
    {
        v["example"] = views::example(m, cache, e, 2, back, loc);
    }
    if let Some(sc) = s.scale.as_deref().and_then(|id| m.scale(id)) {
        v["scale"] = views::scale(m, cache, sc, 2, loc);
    }
    if let Some(st) = s.standard.as_deref().and_then(|id| m.standard(id)) {
        v["standard"] = views::standard(m, cache, st, 2, back, loc);
    }
    let quotes: Vec<Value> = s
        .quotes
        .iter()
        .filter_map(|id| {
            m.quotes()
                .find(|(_, q)| &q.id == id)
                .map(|(file, q)| views::quote(q, file.lang.as_deref()))
        })
        .collect();
    v["quotes"] = json!(quotes);
    v
}

/// "looked-after-children" → "Looked after children".
fn humanise(id: &str) -> String {
    let s = id.replace('-', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

/// The examples index: one group per guide (in the site's order, then examples no chapter
/// shows), each sorted by title.
fn example_groups(m: &Model, loc: &Locale) -> Vec<Value> {
    let mut groups: Vec<(Option<usize>, Vec<&Entry<PracticeExample>>)> = Vec::new();
    for e in &m.examples {
        let g = navigation::example_guide(m, &e.id);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, v)) => v.push(e),
            None => groups.push((g, vec![e])),
        }
    }
    groups.sort_by_key(|(g, _)| g.unwrap_or(usize::MAX));
    groups
        .into_iter()
        .map(|(g, mut v)| {
            v.sort_by_key(|e| e.title.to_lowercase());
            let (title, url, lang) = match g {
                Some(g) => (
                    m.guides[g].guide.title.clone(),
                    Some(format!("guides/{}/index.html", m.guides[g].guide.id)),
                    crate::lang::foreign(m, m.guides[g].guide.data.lang.as_deref()),
                ),
                None => (loc.get("examples_other").to_string(), None, None),
            };
            json!({
                "title": title,
                "url": url,
                "lang": lang,
                "examples": v.iter().map(|e| json!({
                    "title": e.title, "url": format!("examples/{}.html", e.id),
                    "lang": crate::lang::foreign(m, e.lang.as_deref()),
                    "stage": stage_label(m, &e.stage),
                    "stage_lang": views::stage_lang(m, &e.stage),
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The standards grouped by framework, in the order the vocabulary lists the frameworks
/// (a framework it lacks, already reported, comes last).
fn frameworks(m: &Model) -> Vec<Value> {
    let declared: Vec<&str> = m
        .vocabulary
        .iter()
        .flat_map(|v| v.frameworks.iter().map(|f| f.id.as_str()))
        .collect();
    let mut ids: Vec<&str> = Vec::new();
    for s in &m.standards {
        if !ids.contains(&s.framework.as_str()) {
            ids.push(&s.framework);
        }
    }
    ids.sort_by_key(|id| declared.iter().position(|d| d == id).unwrap_or(usize::MAX));
    ids.iter()
        .map(|id| {
            let standards: Vec<Value> = m
                .standards
                .iter()
                .filter(|s| s.framework == *id)
                .map(|s| json!({"title": format!("{} {}", s.number, s.title), "url": format!("standards/{}.html", s.id), "stage": stage_label(m, &s.stage), "stage_lang": views::stage_lang(m, &s.stage), "lang": crate::lang::foreign(m, s.lang.as_deref())}))
                .collect();
            json!({"name": m.label(VocabKind::Framework, id), "name_lang": m.label_lang(VocabKind::Framework, id), "standards": standards})
        })
        .collect()
}

/// The metadata rows with the first (the service's) marked as in `lang`, when its label fell
/// back to another language.
fn with_lang(mut rows: Vec<Value>, lang: Option<String>) -> Vec<Value> {
    if let (Some(first), Some(lang)) = (rows.first_mut(), lang) {
        first["lang"] = json!(lang);
    }
    rows
}

//! Views: what templates see of each entity, with Markdown rendered and references turned into
//! titled links. Built per page from the shared model (nothing in the model is copied whole).

use super::charts::{bar_chart, ChartBar};
use super::figures;
use super::links::Backlinks;
use crate::markdown::{cache::Cache, Place};
use crate::model::*;
use serde_json::{json, Value};

/// A link to an entity: `{title, url}` with a root-relative URL, or null if the id is unknown.
pub fn link(m: &Model, id: &str) -> Value {
    match m.get(id) {
        Some(t) => {
            json!({"id": id, "title": t.title, "url": t.url, "lang": m.untranslated_lang(t.file)})
        }
        None => Value::Null,
    }
}

fn links(m: &Model, ids: &[String]) -> Vec<Value> {
    ids.iter()
        .map(|i| link(m, i))
        .filter(|v| !v.is_null())
        .collect()
}

/// Markdown rendered as a block, with headings nested below level `h`.
/// `loc`: the interface strings of the text's language (its footnotes' labels).
fn md(cache: &Cache, loc: &Locale, m: &Model, text: &str, h: u8, prefix: &str) -> String {
    cache.render(
        m,
        text,
        Place {
            heading_base: h + 1,
            id_prefix: prefix,
            locale: Some(loc),
        },
    )
}

fn md_opt(
    cache: &Cache,
    loc: &Locale,
    m: &Model,
    text: &Option<String>,
    h: u8,
    prefix: &str,
) -> Option<String> {
    text.as_deref().map(|t| md(cache, loc, m, t, h, prefix))
}

fn inline(cache: &Cache, m: &Model, text: &str) -> String {
    cache.render_inline(m, text)
}

/// A whole number with thousands separators: 1945 → "1,945".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

use crate::locale::Locale;

/// The label of a stage of work, if one is given.
pub fn stage_label<'a>(m: &'a Model, stage: &'a Option<String>) -> Option<&'a str> {
    stage.as_deref().map(|s| m.label(VocabKind::Stage, s))
}

/// The language of [`stage_label`]'s label when it fell back to another (see
/// [`Model::label_lang`]), for the page to mark it.
pub fn stage_lang(m: &Model, stage: &Option<String>) -> Option<String> {
    m.label_lang(VocabKind::Stage, stage.as_deref()?)
}

/// The rows of a metadata summary list, from the common fields.
pub fn meta_rows(rows: &[(&str, Option<String>)]) -> Vec<Value> {
    rows.iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| json!({"key": k, "value": v})))
        .collect()
}

/// The language of an entity shown on this page when it differs from the page's (see
/// [`crate::lang::foreign`]), and the tag its vocabulary labels are then taken in.
fn own_lang<'a>(m: &'a Model, lang: &'a Option<String>) -> (Option<&'a str>, &'a str) {
    let own = crate::lang::foreign(m, lang.as_deref());
    (own, own.unwrap_or(m.default_language()))
}

pub fn evidence(
    m: &Model,
    cache: &Cache,
    e: &Entry<EvidenceSummary>,
    h: u8,
    loc: &Locale,
) -> Value {
    let (lang, labels) = own_lang(m, &e.lang);
    let loc = lang.map_or(loc, |l| loc.in_lang(l));
    json!({
        "id": e.id,
        "title": e.title,
        "lang": lang,
        "url": format!("evidence/{}.html", e.id),
        "lens": e.practice_area.as_deref().map(|a| m.label_in(VocabKind::PracticeArea, a, labels)),
        "lens_lang": e.practice_area.as_deref().and_then(|a| m.label_lang_in(VocabKind::PracticeArea, a, labels)),
        "summary": md_opt(cache, loc, m, &e.summary, h, &e.id),
        "points": e.points.iter().map(|p| json!({
            "heading": p.heading,
            "text": md(cache, loc, m, &p.text, h + 1, &e.id),
            "citations": p.citations,
        })).collect::<Vec<_>>(),
    })
}

pub fn findings(m: &Model, cache: &Cache, f: &Entry<Findings>, h: u8, loc: &Locale) -> Value {
    let (lang, _) = own_lang(m, &f.lang);
    let loc = lang.map_or(loc, |l| loc.in_lang(l));
    let long_date = |d: &str| loc.long_date(d);
    let table = figures::table(f, m.small_number_threshold(), loc);
    let stats: Vec<Value> = f
        .statistics
        .iter()
        .zip(&table.rows)
        .map(|(s, r)| {
            json!({
                "id": s.id,
                "label": s.label,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "denominator_rule": s.denominator_rule,
                "percent": r.percent,
                "small": r.small,
                "measures": links(m, &s.measures),
            })
        })
        .collect();
    let bars: Vec<ChartBar> = table
        .rows
        .iter()
        .map(|r| ChartBar {
            label: r.label.clone(),
            percent: r.bar,
            figure: r.figure.clone(),
        })
        .collect();
    let chart = (!bars.is_empty()).then(|| bar_chart(&bars));
    json!({
        "id": f.id,
        "title": f.title,
        "lang": lang,
        "chart": chart,
        "chart_title": figures::chart_title(f, loc),
        "table_caption": table.caption,
        "small_note": table.small_note,
        "url": format!("findings/{}.html", f.id),
        "publication": f.source.publication,
        "source_url": f.source.url,
        "date": f.source.date.as_deref().map(long_date),
        "fieldwork": f.fieldwork.as_ref().map(|w| loc.fmt("date_range", &[("from", &long_date(&w.from)), ("to", &long_date(&w.to))])),
        "sample": table.sample,
        "sample_description": f.sample.description,
        "summary": md_opt(cache, loc, m, &f.summary, h, &f.id),
        "statistics": stats,
        "strengths": f.strengths.iter().map(|s| inline(cache, m, s)).collect::<Vec<_>>(),
        "failings": f.failings.iter().map(|s| inline(cache, m, s)).collect::<Vec<_>>(),
    })
}

/// A percentage without a trailing ".0": 31 → "31", 30.5 → "30.5".
pub fn format_pct(p: f64) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn level_tag(m: &Model, scale_id: &str, level_id: &str) -> Value {
    let scale = m.scale(scale_id);
    let level = scale.and_then(|s| s.levels.iter().find(|l| l.id == level_id));
    json!({
        "scale": scale.map(|s| s.title.clone()).unwrap_or_else(|| scale_id.to_string()),
        "scale_url": format!("scales/{scale_id}.html"),
        "label": level.map(|l| l.label.clone()).unwrap_or_else(|| level_id.to_string()),
        "colour": level.and_then(|l| l.colour),
    })
}

pub fn example(
    m: &Model,
    cache: &Cache,
    e: &Entry<PracticeExample>,
    h: u8,
    back: &Backlinks,
    loc: &Locale,
) -> Value {
    let p = &e.person;
    let (lang, labels) = own_lang(m, &e.lang);
    let loc = lang.map_or(loc, |l| loc.in_lang(l));
    json!({
        "id": e.id,
        "title": e.title,
        "lang": lang,
        "url": format!("examples/{}.html", e.id),
        "stage": e.stage.as_deref().map(|s| m.label_in(VocabKind::Stage, s, labels)),
        "stage_lang": e.stage.as_deref().and_then(|s| m.label_lang_in(VocabKind::Stage, s, labels)),
        "pseudonym": p.pseudonym,
        "age_band": p.age_band,
        "classifications": p.classifications.iter().map(|(s, l)| level_tag(m, s, l)).collect::<Vec<_>>(),
        "case_summary": md(cache, loc, m, &e.case_summary, h + 1, &e.id),
        "practice": md_opt(cache, loc, m, &e.practice, h + 1, &e.id),
        "inspector_comments": md_opt(cache, loc, m, &e.inspector_comments, h + 1, &e.id),
        "takeaway_learning": md_opt(cache, loc, m, &e.takeaway_learning, h + 1, &e.id),
        "demonstrates": links(m, &e.demonstrates),
        "continues": e.continues.as_deref().map(|c| link(m, c)),
        "continued_by": back.continued_by(&e.id),
        "h": h,
    })
}

/// A quote; `lang` is its file's language, given when it is a valid language tag (the
/// quote then takes its direction from its text).
pub fn quote(q: &Quote, lang: Option<&str>) -> Value {
    let lang = lang.filter(|l| crate::markdown::valid_lang(l));
    json!({"id": q.id, "text": q.text, "attribution": q.attribution, "group": q.group, "lang": lang,
        "own_marks": q.has_own_marks()})
}

pub fn scale(
    m: &Model,
    cache: &Cache,
    s: &Entry<ClassificationScale>,
    h: u8,
    loc: &Locale,
) -> Value {
    let loc = own_lang(m, &s.lang).0.map_or(loc, |l| loc.in_lang(l));
    json!({
        "id": s.id,
        "title": s.title,
        "lang": own_lang(m, &s.lang).0,
        "url": format!("scales/{}.html", s.id),
        "description": md_opt(cache, loc, m, &s.description, h, &s.id),
        "levels": s.levels.iter().map(|l| json!({
            "id": l.id,
            "label": l.label,
            "definition": inline(cache, m, &l.definition),
            "colour": l.colour,
        })).collect::<Vec<_>>(),
    })
}

pub fn standard(
    m: &Model,
    cache: &Cache,
    s: &Entry<Standard>,
    h: u8,
    back: &Backlinks,
    loc: &Locale,
) -> Value {
    let (lang, labels) = own_lang(m, &s.lang);
    let loc = lang.map_or(loc, |l| loc.in_lang(l));
    json!({
        "id": s.id,
        "title": s.title,
        "lang": lang,
        "number": s.number,
        "framework": m.label_in(VocabKind::Framework, &s.framework, labels),
        "framework_lang": m.label_lang_in(VocabKind::Framework, &s.framework, labels),
        "stage": s.stage.as_deref().map(|st| m.label_in(VocabKind::Stage, st, labels)),
        "stage_lang": s.stage.as_deref().and_then(|st| m.label_lang_in(VocabKind::Stage, st, labels)),
        "url": format!("standards/{}.html", s.id),
        "statement": md_opt(cache, loc, m, &s.statement, h, &s.id),
        "chapters": back.chapters_of(&s.id),
        "key_questions": s.key_questions.iter().map(|kq| {
            let prompts: Vec<Value> = kq.prompts.iter().map(|p| {
                let pid = kq.prompt_id(p);
                json!({
                    "id": pid,
                    "letter": p.letter,
                    "text": p.text,
                    "imperative": p.imperative,
                    "used_by": back.users_of(&pid),
                })
            }).collect();
            json!({
                "id": kq.id,
                "code": kq.code,
                "lens": m.label_in(VocabKind::PracticeArea, &kq.practice_area, labels),
                "lens_lang": m.label_lang_in(VocabKind::PracticeArea, &kq.practice_area, labels),
                "text": kq.text,
                "guidance": md_opt(cache, loc, m, &kq.guidance, h + 1, &kq.id),
                "prompts": prompts,
                "used_by": back.users_of(&kq.id),
            })
        }).collect::<Vec<_>>(),
    })
}

pub fn checklist(m: &Model, cache: &Cache, c: &Entry<Checklist>, loc: &Locale) -> Value {
    let field = |f: &Field| {
        let choices = m.field_choices(f);
        let labels: Vec<&str> = choices.iter().map(|(_, l)| l.as_str()).collect();
        let values: Vec<Value> = choices
            .iter()
            .map(|(v, l)| json!({"value": v, "label": l}))
            .collect();
        json!({"id": f.id, "label": f.label, "kind": f.kind, "hint": f.hint, "choices": labels,
               "values": values, "required": f.required})
    };
    let sections: Vec<Value> = c
        .sections
        .iter()
        .map(|s| {
            let questions: Vec<Value> = s
                .questions
                .iter()
                .map(|q| {
                    let scale = m.response_scale(&q.response);
                    json!({
                        "id": q.id,
                        "code": q.code,
                        "text": q.text,
                        "hint": q.hint,
                        "applies_when": q.applies_when,
                        "maps_to": links(m, &q.maps_to),
                        "response": scale.map(|r| r.title.clone()),
                        "options": scale.map(|r| r.options.iter().map(|o| o.label.clone()).collect::<Vec<_>>()),
                        "answers": scale.map(|r| r.options.iter().map(|o| json!({"value": o.value, "label": o.label})).collect::<Vec<_>>()),
                        "evidence": q.evidence.as_ref().map(|e| json!({"label": e.label, "word_limit": e.word_limit})),
                    })
                })
                .collect();
            let ids: Vec<&str> = s.questions.iter().flat_map(|q| q.maps_to.iter().map(String::as_str)).collect();
            let key_questions: Vec<Value> = m
                .standard(&s.standard)
                .map(|st| st.key_questions_for(&ids).iter().map(|kq| link(m, &kq.id)).collect())
                .unwrap_or_default();
            json!({
                "id": s.id,
                "title": s.title,
                "stage": stage_label(m, &s.stage),
                "stage_lang": stage_lang(m, &s.stage),
                "standard": link(m, &s.standard),
                "key_questions": key_questions,
                "questions": questions,
            })
        })
        .collect();
    let sampling = c.sampling.as_ref().map(|s| {
        let mut parts = Vec::new();
        if let Some(p) = s.percent {
            parts.push(loc.fmt("checklist_sample_percent", &[("percent", &loc.percent(p))]));
        }
        if let Some(n) = s.minimum {
            parts.push(loc.fmt(
                "checklist_sample_minimum",
                &[("n", &loc.thousands(n.into()))],
            ));
        }
        let mut text = parts.join(", ");
        if let Some(n) = &s.notes {
            if !text.is_empty() {
                text.push_str(". ");
            }
            text.push_str(n);
        }
        text
    });
    json!({
        "id": c.id,
        "title": c.title,
        "url": format!("checklists/{}.html", c.id),
        "version": c.version,
        "unit": c.unit,
        "guide": link(m, &c.guide),
        "instructions": md(cache, loc, m, &c.instructions, 2, &c.id),
        "sampling": sampling,
        "metadata_fields": c.metadata_fields.iter().map(field).collect::<Vec<_>>(),
        "sections": sections,
        "question_count": c.sections.iter().map(|s| s.questions.len()).sum::<usize>(),
        "action_plan_rows": c.action_plan.as_ref().map(|a| a.rows),
        "sign_off": c.sign_off.iter().map(field).collect::<Vec<_>>(),
    })
}

pub fn term(m: &Model, cache: &Cache, t: &Term, loc: &Locale) -> Value {
    json!({
        "id": t.id,
        "term": t.term,
        "abbreviation": t.abbreviation,
        "definition": md(cache, loc, m, &t.definition, 2, &t.id),
        "lang": t.lang,
    })
}

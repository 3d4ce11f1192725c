//! A self-assessment checklist as a fillable form: the document every form writer (PDF, DOCX)
//! sets. Field names follow docs/returns.md: `meta.<id>`, `q.<id>`, `q.<id>.evidence`,
//! `action.<n>.<column>`, `signoff.<id>`.

use super::{
    Block, Document, Evidence, FieldKind, FormField, Kind, Link, MarkdownReader, Meta, ParaKind,
    Question, Span, Style,
};
use crate::locale::Locale;
use crate::model::*;

fn para(text: impl Into<String>, style: Style, kind: ParaKind) -> Block {
    Block::Para {
        spans: vec![Span::styled(text, style)],
        kind,
    }
}

/// A paragraph of `key`'s string in `style`, its placeholders filled from `args`; the value
/// of `{marked}` is a span of its own in `lang` when given (an untranslated standard's words
/// in a translated form keep their language).
fn para_marked(
    loc: &Locale,
    key: &str,
    args: &[(&str, &str)],
    marked: &str,
    lang: Option<&str>,
    style: Style,
    kind: ParaKind,
) -> Block {
    let placeholder = format!("{{{marked}}}");
    let (Some(lang), Some((before, after))) = (lang, loc.get(key).split_once(&placeholder)) else {
        return para(loc.fmt(key, args), style, kind);
    };
    let value = args.iter().find(|(n, _)| *n == marked).map_or("", |a| a.1);
    let fill = |t: &str| crate::locale::fill(t, args);
    let spans = [
        Span::styled(fill(before), style),
        Span {
            lang: Some(lang.to_string()),
            ..Span::styled(value, style)
        },
        Span::styled(fill(after), style),
    ]
    .into_iter()
    .filter(|s| !s.text.is_empty())
    .collect();
    Block::Para { spans, kind }
}

fn field_blocks(model: &Model, prefix: &str, f: &Field) -> Block {
    let name = format!("{prefix}.{}", f.id);
    let mut blocks = vec![para(f.label.clone(), Style::Bold, ParaKind::Body)];
    if let Some(h) = &f.hint {
        blocks.push(para(h.clone(), Style::Regular, ParaKind::Small));
    }
    let kind = match f.kind {
        FieldKind_::Choice => FieldKind::Radio(model.field_choices(f)),
        _ => FieldKind::Text { lines: 1 },
    };
    blocks.push(Block::Field(FormField {
        name,
        tooltip: f.label.clone(),
        kind,
    }));
    Block::Together(blocks)
}

use crate::model::FieldKind as FieldKind_;

/// Composes a checklist's form.
pub fn compose(model: &Model, c: &Entry<Checklist>, loc: &Locale) -> Document {
    let site = model.site.as_ref();
    let site_url = site.map_or(String::new(), |s| s.base_url.clone());
    let none = |_: &str| None;
    let english = crate::locale::Locale::english();
    let reader = MarkdownReader {
        model,
        base: 3,
        local: &none,
        site_url: &site_url,
        locale: &english,
    };
    let version = c.version.clone().unwrap_or_default();
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: c.title.clone(),
            anchor: Some("top".into()),
        },
        para(
            loc.fmt("pdf_form_caption", &[("version", &version)]),
            Style::Regular,
            ParaKind::Small,
        ),
    ];
    blocks.extend(reader.read(&c.instructions));
    blocks.push(para(
        loc.get("pdf_form_warning"),
        Style::Italic,
        ParaKind::Body,
    ));
    blocks.push(Block::Heading {
        level: 2,
        text: loc.get("form_about_case").into(),
        anchor: Some("about".into()),
    });
    blocks.extend(
        c.metadata_fields
            .iter()
            .map(|f| field_blocks(model, "meta", f)),
    );
    for s in &c.sections {
        // The section's heading stands with its first question.
        let mut lead = vec![Block::Heading {
            level: 2,
            text: s.title.clone(),
            anchor: Some(s.id.clone()),
        }];
        if let Some(st) = model.standard(&s.standard) {
            let lang = model.untranslated_lang(st.file);
            lead.push(para_marked(
                loc,
                "pdf_form_standard",
                &[("number", &st.number), ("title", &st.title)],
                "title",
                lang,
                Style::Regular,
                ParaKind::Small,
            ));
            let ids: Vec<&str> = s
                .questions
                .iter()
                .flat_map(|q| q.maps_to.iter().map(String::as_str))
                .collect();
            for kq in st.key_questions_for(&ids) {
                lead.push(para_marked(
                    loc,
                    "pdf_form_key_question",
                    &[("code", &kq.code), ("text", &kq.text)],
                    "text",
                    lang,
                    Style::Italic,
                    ParaKind::Body,
                ));
            }
        }
        for (i, q) in s.questions.iter().enumerate() {
            let question = Block::Question(question(model, q, loc, &site_url));
            if i == 0 {
                lead.push(question);
                blocks.push(Block::Together(std::mem::take(&mut lead)));
            } else {
                blocks.push(question);
            }
        }
        blocks.append(&mut lead);
    }
    if let Some(plan) = &c.action_plan {
        blocks.push(Block::Heading {
            level: 2,
            text: loc.get("form_action_plan").into(),
            anchor: Some("action-plan".into()),
        });
        blocks.push(para(
            loc.get("pdf_form_action_plan_text"),
            Style::Regular,
            ParaKind::Small,
        ));
        let columns = [
            ("action", loc.get("form_action"), 0.36),
            ("question", loc.get("pdf_form_question"), 0.13),
            ("owner", loc.get("form_owner"), 0.19),
            ("due", loc.get("form_due_date"), 0.14),
            ("status", loc.get("form_status"), 0.18),
        ];
        let rows = (1..=plan.rows)
            .map(|n| {
                columns
                    .iter()
                    .map(|(col, label, _)| FormField {
                        name: format!("action.{n}.{col}"),
                        tooltip: loc.fmt(
                            "pdf_form_action_n",
                            &[("n", &n.to_string()), ("label", label)],
                        ),
                        kind: FieldKind::Text {
                            lines: if *col == "action" { 2 } else { 1 },
                        },
                    })
                    .collect()
            })
            .collect();
        blocks.push(Block::FieldTable {
            columns: columns
                .iter()
                .map(|(_, label, share)| (label.to_string(), *share))
                .collect(),
            rows,
        });
    }
    if !c.sign_off.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: loc.get("form_sign_off").into(),
            anchor: Some("sign-off".into()),
        });
        blocks.extend(c.sign_off.iter().map(|f| field_blocks(model, "signoff", f)));
    }

    let meta = Meta {
        title: c.title.clone(),
        author: site.map_or(String::new(), |s| s.organisation.clone()),
        subject: loc.fmt("pdf_form_subject", &[("id", &c.id), ("version", &version)]),
        keywords: vec![loc.get("pdf_form_keyword").into(), c.id.clone()],
        lang: c
            .lang
            .clone()
            .or_else(|| site.map(|s| s.language.clone()))
            .unwrap_or_else(|| "en-GB".into()),
        // The checklist's own date, else its guide's: never the clock, nor 1970.
        date: c
            .updated
            .clone()
            .or_else(|| c.published.clone())
            .or_else(|| {
                let g = model.guides.iter().find(|g| g.guide.id == c.guide)?;
                g.guide
                    .updated
                    .clone()
                    .or_else(|| g.guide.published.clone())
            }),
        properties: vec![
            ("GuidewrightChecklist".into(), c.id.clone()),
            ("GuidewrightVersion".into(), version),
        ],
    };
    Document {
        kind: Kind::Form(c.id.clone()),
        meta,
        front: None,
        blocks,
    }
}

/// A question: its code and text, hints, guidance, answer field and evidence box.
fn question(model: &Model, q: &crate::model::Question, loc: &Locale, site_url: &str) -> Question {
    let hints = [
        q.hint.clone(),
        q.applies_when
            .as_ref()
            .map(|a| loc.fmt("form_applies_when", &[("condition", a)])),
    ]
    .into_iter()
    .flatten()
    .collect();
    let options = model
        .response_scale(&q.response)
        .map(|r| {
            r.options
                .iter()
                .map(|o| (o.value.clone(), o.label.clone()))
                .collect()
        })
        .unwrap_or_default();
    let evidence = q.evidence.as_ref().map(|e| {
        let label = match e.word_limit {
            Some(n) => loc.fmt(
                "pdf_form_word_limit",
                &[("label", &e.label), ("n", &n.to_string())],
            ),
            None => e.label.clone(),
        };
        Evidence {
            field: FormField {
                name: format!("q.{}.evidence", q.id),
                tooltip: format!("{}: {label}", q.code),
                kind: FieldKind::Text { lines: 4 },
            },
            label,
        }
    });
    Question {
        code: q.code.clone(),
        text: q.text.clone(),
        hints,
        guidance: guidance(model, &q.maps_to, loc, site_url),
        answer: FormField {
            name: format!("q.{}", q.id),
            tooltip: format!("{} {}", q.code, q.text),
            kind: FieldKind::Radio(options),
        },
        evidence,
    }
}

/// "What this question tests:" and a link to each entity a question maps to, on the site
/// (absolute addresses, so they work from a downloaded form); empty if it maps to none.
fn guidance(model: &Model, ids: &[String], loc: &Locale, site_url: &str) -> Vec<Span> {
    let targets: Vec<_> = ids.iter().filter_map(|id| model.get(id)).collect();
    if targets.is_empty() {
        return Vec::new();
    }
    let mut spans = vec![Span::plain(format!("{} ", loc.get("form_tests")))];
    for (i, t) in targets.iter().enumerate() {
        if i > 0 {
            spans.push(Span::plain("; "));
        }
        spans.push(Span {
            link: Some(Link::Uri(format!("{site_url}{}", t.url))),
            ..Span::plain(t.title.clone())
        });
    }
    spans
}

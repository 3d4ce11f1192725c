//! A `collect` report as a document (`report.pdf` is its PDF): headings, paragraphs, bar
//! charts each followed by its table, funnel and trend plots.

use super::{Bar, Block, Document, Kind, Mark, Meta, ParaKind, Span};
use crate::collect::summary::{BandView, Cell, Embedded, Summary};
use crate::locale::Locale;
use crate::model::{Checklist, Entry, Model};

/// Hex `#rrggbb` as RGB fractions.
const fn rgb(hex: u32) -> (f32, f32, f32) {
    (
        ((hex >> 16) & 0xff) as f32 / 255.0,
        ((hex >> 8) & 0xff) as f32 / 255.0,
        (hex & 0xff) as f32 / 255.0,
    )
}

/// A rating's tag colours, the web report's (`.gw-tag--*` in the theme's style sheet): dark
/// text on a pale ground, every pair at least 5.6:1 (AA; red is the lowest), so the label
/// reads in any print.
fn mark(colour: &str) -> Mark {
    let (text, background) = match colour {
        "green" => (0x005a30, 0xcce2d8),
        "yellow" => (0x594d00, 0xfff7bf),
        "amber" => (0x6e3619, 0xfcd6c3),
        "red" => (0x942514, 0xf4cdc6),
        "blue" => (0x0c2d4a, 0xbbd4ea),
        _ => (0x383f43, 0xe5e6e7),
    };
    Mark {
        text: rgb(text),
        background: rgb(background),
    }
}

/// A rating as a cell: its label in its colours (always the label, never colour alone),
/// after `before` ("58% ") when given. In a group's narrow column the label is shortened to
/// its name before a dash ("Red" for "Red – improvement needed"); the rating column beside
/// gives it in full.
fn rating(before: Option<String>, b: &Option<BandView>, loc: &Locale) -> Vec<Span> {
    let short = before.is_some();
    let mut out: Vec<Span> = before.into_iter().map(Span::plain).collect();
    out.push(match b {
        Some(b) => {
            let label = match b.label.split_once(" – ") {
                Some((name, _)) if short => name.to_string(),
                _ => b.label.clone(),
            };
            Span::marked(label, mark(&b.colour))
        }
        None => Span::plain(loc.get("report_no_rating")),
    });
    out
}

pub(super) fn para(text: impl Into<String>) -> Block {
    Block::Para {
        spans: vec![Span::plain(text)],
        kind: ParaKind::Body,
    }
}

fn small(text: impl Into<String>) -> Block {
    Block::Para {
        spans: vec![Span::plain(text)],
        kind: ParaKind::Small,
    }
}

pub(super) fn heading(level: u8, text: &str, anchor: &str) -> Block {
    Block::Heading {
        level,
        text: text.into(),
        anchor: Some(anchor.into()),
    }
}

/// An [`Embedded`] text as spans, the text in its own language.
pub(super) fn embedded(e: &Embedded) -> Vec<Span> {
    let text = Span {
        lang: e.lang.clone(),
        ..Span::plain(e.text.clone())
    };
    [
        Span::plain(e.before.clone()),
        text,
        Span::plain(e.after.clone()),
    ]
    .into_iter()
    .filter(|s| !s.text.is_empty())
    .collect()
}

pub(super) fn cells(v: Vec<String>) -> Vec<Vec<Span>> {
    v.into_iter().map(|t| vec![Span::plain(t)]).collect()
}

fn band(b: &Option<BandView>, loc: &Locale) -> String {
    b.as_ref()
        .map_or(loc.get("report_no_rating").into(), |b| b.label.clone())
}

/// The figure in words, with its n, interval or small-number flag (or "suppressed").
fn pct(c: &Cell) -> String {
    c.figure.clone()
}

/// A count, or a dash when the figure is suppressed.
fn count(c: &Cell, n: u32) -> String {
    if c.suppressed {
        "–".into()
    } else {
        n.to_string()
    }
}

/// A chart kept on one page.
fn chart(c: Block) -> Block {
    Block::Together(vec![c])
}

pub(super) fn bullets(lines: &[String]) -> Block {
    Block::List {
        ordered: false,
        items: lines.iter().map(|l| vec![para(l.clone())]).collect(),
    }
}

/// The report's blocks, in reading order.
fn blocks(s: &Summary, loc: &Locale) -> Vec<Block> {
    let long_date = |d: &str| loc.long_date(d);
    let mut b = vec![
        heading(1, &s.title, "top"),
        Block::Para {
            spans: vec![Span::plain(
                loc.fmt("report_lead", &[("n", &s.returns.to_string())]),
            )],
            kind: ParaKind::Lead,
        },
        heading(2, loc.get("report_sample"), "sample"),
    ];
    let mut sample = vec![
        loc.fmt(
            "report_checklist_version",
            &[
                ("id", &s.checklist_id),
                ("versions", &s.versions.join(loc.get("report_and"))),
            ],
        ),
        loc.fmt(
            "report_compiled",
            &[
                ("returns", &s.returns.to_string()),
                ("unit", &s.unit),
                ("read", &s.files_read.to_string()),
                ("skipped", &s.skipped.len().to_string()),
            ],
        ),
    ];
    if let Some((a, z)) = &s.period {
        let range = loc.fmt(
            "date_range",
            &[("from", &long_date(a)), ("to", &long_date(z))],
        );
        sample.push(loc.fmt("report_period", &[("range", &range)]));
    }
    if let Some(g) = &s.group_by {
        let gs: Vec<String> = s
            .groups
            .iter()
            .map(|g| format!("{} ({})", g.name, g.returns))
            .collect();
        sample.push(loc.fmt(
            "report_grouped_by",
            &[("by", &g.to_lowercase()), ("groups", &gs.join(", "))],
        ));
    }
    if !s.discontinued.is_empty() {
        sample.push(loc.fmt(
            "report_discontinued",
            &[("list", &s.discontinued.join("; "))],
        ));
    }
    b.push(bullets(&sample));
    b.push(heading(2, loc.get("report_headlines"), "headlines"));
    b.push(para(s.overview.clone()));
    b.push(heading(3, loc.get("findings_strengths"), "strengths"));
    b.push(para(s.strengths_rule.clone()));
    if !s.strengths.is_empty() {
        b.push(bullets(&s.strengths));
    }
    b.push(heading(3, loc.get("findings_failings"), "improvements"));
    b.push(para(s.improvements_rule.clone()));
    if !s.improvements.is_empty() {
        b.push(bullets(&s.improvements));
    }

    b.push(heading(2, loc.get("report_sections"), "sections"));
    b.push(chart(Block::Chart {
        title: loc.get("report_section_scores").into(),
        bars: s
            .sections
            .iter()
            .map(|sec| Bar {
                label: sec.title.clone(),
                percent: sec.score.unwrap_or(0) as f32,
                figure: sec.score.map_or(loc.get("report_no_score").into(), |p| {
                    format!("{p}% {}", band(&sec.band, loc))
                }),
            })
            .collect(),
    }));
    let mut header = vec![
        loc.get("report_section").to_string(),
        loc.get("report_score").into(),
        loc.get("report_rating").into(),
    ];
    header.extend(s.groups.iter().map(|g| g.name.clone()));
    b.push(Block::Table {
        align: Vec::new(),
        caption: Some(loc.get("report_section_scores").into()),
        header: cells(header),
        rows: s
            .sections
            .iter()
            .map(|sec| {
                let mut title = vec![Span::plain(format!("{} (", sec.title))];
                title.extend(embedded(&sec.standard_parts));
                title.push(Span::plain(")"));
                let mut r = vec![
                    title,
                    vec![Span::plain(
                        sec.score.map_or("–".into(), |p| format!("{p}%")),
                    )],
                ];
                r.push(rating(None, &sec.band, loc));
                r.extend(sec.groups.iter().map(|c| match c.score {
                    _ if c.suppressed => vec![Span::plain(loc.get("report_suppressed"))],
                    Some(p) => {
                        let mut v = rating(Some(format!("{p}% ")), &c.band, loc);
                        if c.small {
                            v.push(Span::plain(loc.get("report_small_number")));
                        }
                        v
                    }
                    None => vec![Span::plain("–")],
                }));
                r
            })
            .collect(),
    });

    b.push(heading(2, loc.get("report_questions"), "questions"));
    let lines: Vec<String> = s
        .questions
        .iter()
        .filter_map(|q| Some(format!("{} {}", q.code, q.headline.clone()?)))
        .collect();
    b.push(bullets(&lines));
    b.push(chart(Block::Chart {
        title: loc.get("report_per_cent_by_question").into(),
        bars: s
            .questions
            .iter()
            .map(|q| Bar {
                label: q.code.clone(),
                percent: q.all.percent.unwrap_or(0) as f32,
                figure: q.all.figure.clone(),
            })
            .collect(),
    }));
    b.push(Block::Table {
        align: Vec::new(),
        caption: Some(loc.get("report_answers_caption").into()),
        header: cells(
            [
                "report_question",
                "report_positive",
                "report_partly",
                "report_applied",
                "report_na",
                "report_unanswered",
                "report_per_cent",
                "report_rating",
            ]
            .map(|k| loc.get(k).to_string())
            .to_vec(),
        ),
        rows: s
            .questions
            .iter()
            .map(|q| {
                let c = &q.all.counts;
                let mut row = cells(vec![
                    match &q.new_since {
                        Some(n) => format!("{} {} ({n})", q.code, q.text),
                        None => format!("{} {}", q.code, q.text),
                    },
                    count(&q.all, c.positive),
                    if q.has_partial {
                        count(&q.all, c.partial)
                    } else {
                        "–".into()
                    },
                    q.all.applicable.to_string(),
                    c.not_applicable.to_string(),
                    c.unanswered.to_string(),
                    pct(&q.all),
                ]);
                row.push(rating(None, &q.all.band, loc));
                row
            })
            .collect(),
    });
    if !s.groups.is_empty() {
        let mut header = vec![loc.get("report_question").to_string()];
        header.extend(s.groups.iter().map(|g| g.name.clone()));
        b.push(Block::Table {
            align: Vec::new(),
            caption: Some(loc.fmt(
                "report_per_cent_by",
                &[("by", &s.group_by.clone().unwrap_or_default().to_lowercase())],
            )),
            header: cells(header),
            rows: s
                .questions
                .iter()
                .map(|q| {
                    let mut r = vec![q.code.clone()];
                    r.extend(q.groups.iter().map(pct));
                    cells(r)
                })
                .collect(),
        });
    }
    let mut args = loc.unit_args(&s.unit, &s.units);
    args.push(("n", s.minimum.to_string()));
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    b.push(small(loc.fmt("report_small_note", &args)));
    super::report_rounds::rounds(s, &mut b, loc);
    comparison(s, &mut b, loc);
    super::report_rounds::agreement(s, &mut b, loc);
    b.push(heading(2, loc.get("form_action_plan"), "actions"));
    if s.actions.is_empty() {
        b.push(para(loc.get("report_no_actions")));
    } else {
        b.push(Block::Table {
            align: Vec::new(),
            caption: Some(loc.get("report_actions_caption").into()),
            header: cells(
                [
                    "report_question",
                    "report_action",
                    "report_returns",
                    "report_owners",
                    "report_earliest_due",
                    "report_status",
                ]
                .map(|k| loc.get(k).to_string())
                .to_vec(),
            ),
            rows: s
                .actions
                .iter()
                .map(|a| {
                    cells(vec![
                        a.question.clone(),
                        a.action.clone(),
                        a.returns.to_string(),
                        a.owners.clone(),
                        long_date(&a.earliest_due),
                        a.statuses.clone(),
                    ])
                })
                .collect(),
        });
    }
    if s.include_evidence {
        b.push(heading(2, loc.get("report_evidence"), "evidence"));
        for q in s.questions.iter().filter(|q| !q.evidence.is_empty()) {
            b.push(heading(
                3,
                &format!("{} {}", q.code, q.text),
                &format!("evidence-{}", q.id),
            ));
            b.push(bullets(
                &q.evidence
                    .iter()
                    .map(|(who, t)| format!("{who}: {t}"))
                    .collect::<Vec<_>>(),
            ));
        }
    }
    b.push(heading(2, loc.get("report_methodology"), "methodology"));
    b.extend(s.methodology.iter().map(|m| para(m.clone())));
    if !s.skipped.is_empty() {
        b.push(heading(3, loc.get("report_skipped"), "skipped"));
        // A reason with no translation is a span in its own language (English).
        let items = s.skipped.iter().map(|k| {
            let reason = Span {
                lang: k.lang.clone(),
                ..Span::plain(quoted(&k.reason))
            };
            vec![Block::Para {
                spans: vec![Span::plain(format!("{}: ", k.file)), reason],
                kind: ParaKind::Body,
            }]
        });
        b.push(Block::List {
            ordered: false,
            items: items.collect(),
        });
    }
    if !s.problems.is_empty() {
        b.push(heading(3, loc.get("report_problems"), "problems"));
        b.push(bullets(
            &s.problems.iter().map(|p| quoted(p)).collect::<Vec<_>>(),
        ));
    }
    b
}

/// A message's backtick spans (names and values, marked as on the terminal) in quotation
/// marks, for the printed report; a backtick without a partner is kept.
fn quoted(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        match (i % 2 == 1, i + 1 < parts.len()) {
            (true, true) => out += &format!("\u{2018}{part}\u{2019}"),
            (true, false) => out += &format!("`{part}"),
            _ => out += part,
        }
    }
    out
}

/// The funnel plots' findings: which groups lie outside the 99.8% limits (the page has the
/// plots and their tables; `funnel.csv` the figures).
fn comparison(s: &Summary, b: &mut Vec<Block>, loc: &Locale) {
    if s.funnels.is_empty() {
        return;
    }
    let by = s.group_by.clone().unwrap_or_default().to_lowercase();
    b.push(heading(
        2,
        &loc.fmt("report_comparing", &[("by", &by)]),
        "comparison",
    ));
    b.push(para(loc.get("report_funnel_method")));
    b.push(bullets(
        &s.funnels
            .iter()
            .map(|f| format!("{}: {}", f.label, f.finding))
            .collect::<Vec<_>>(),
    ));
    let group = s.group_by.clone().unwrap_or_default();
    for (kind, title) in [
        ("section", loc.get("report_by_section")),
        ("question", loc.get("report_by_question")),
    ] {
        let fs: Vec<_> = s.funnels.iter().filter(|f| f.kind == kind).collect();
        if fs.is_empty() {
            continue;
        }
        b.push(heading(3, title, &format!("comparison-{kind}")));
        for f in fs {
            b.extend(super::report_plots::funnel(f, &group, loc));
        }
    }
}

/// Composes the report.
pub fn compose(model: &Model, c: &Entry<Checklist>, s: &Summary, loc: &Locale) -> Document {
    let site = model.site.as_ref();
    let title = loc.fmt("report_title", &[("title", &s.title)]);
    let meta = Meta {
        title,
        author: site.map_or(String::new(), |x| x.organisation.clone()),
        subject: loc.fmt(
            "report_subject",
            &[
                ("n", &s.returns.to_string()),
                ("id", &s.checklist_id),
                ("version", &s.version),
            ],
        ),
        keywords: vec![
            loc.get("pdf_form_keyword").into(),
            loc.get("report_keyword").into(),
            c.id.clone(),
        ],
        lang: c
            .lang
            .clone()
            .or_else(|| site.map(|x| x.language.clone()))
            .unwrap_or_else(|| "en-GB".into()),
        // From the returns, never the clock, so the same returns give the same file.
        date: s.period.as_ref().map(|p| p.1.clone()),
        properties: Vec::new(),
    };
    Document {
        kind: Kind::Report(c.id.clone()),
        meta,
        front: None,
        blocks: blocks(s, loc),
    }
}

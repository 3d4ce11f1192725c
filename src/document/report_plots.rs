//! The report's plots, as the web report draws them: each question's and section's funnel
//! plot ([`crate::collect::funnel`]) and the section scores by round as small multiples, each figure
//! with alternative text stating its data and followed by a table of the same figures.

use super::{Block, Panel, Plot, PlotLine, PlotMark, Rgb, Shape, Span};
use crate::collect::funnel::Funnel;
use crate::collect::rounds::SectionRounds;
use crate::collect::stats::{self, Position};
use crate::locale::Locale;

const OVERALL: Rgb = (0.137, 0.196, 0.29);
const LIMIT: Rgb = (0.18, 0.49, 0.51);
/// Up to this many groups, every mark is named (as on the page).
const NAMED: usize = 6;

fn per_cent_ticks(step: usize) -> Vec<(f32, String)> {
    (0..=100)
        .step_by(step)
        .map(|t| (t as f32, format!("{t}%")))
        .collect()
}

fn style(colour: Rgb, dashed: bool) -> PlotLine {
    PlotLine {
        points: Vec::new(),
        colour,
        width: if dashed { 1.0 } else { 1.2 },
        dashed,
    }
}

/// The limit curves at `z` around `p0`, in per cent, from n = 1 to `x_max`.
fn curves(p0: f64, z: f64, x_max: f64, dashed: bool) -> [PlotLine; 2] {
    let steps = 80;
    let mut up = style(LIMIT, dashed);
    let mut down = style(LIMIT, dashed);
    for i in 0..=steps {
        let n = (x_max * f64::from(i) / f64::from(steps)).max(1.0);
        let half = z * (p0 * (1.0 - p0) / n).sqrt();
        let (lo, hi) = ((p0 - half).max(0.0), (p0 + half).min(1.0));
        up.points.push((n as f32, (hi * 100.0) as f32));
        down.points.push((n as f32, (lo * 100.0) as f32));
    }
    [up, down]
}

fn limits(l: Option<(f64, f64)>, loc: &Locale) -> String {
    l.map_or("–".into(), |(a, b)| {
        loc.fmt(
            "report_limits_range",
            &[("low", &a.to_string()), ("high", &b.to_string())],
        )
    })
}

/// One funnel plot and its table.
pub fn funnel(f: &Funnel, group_label: &str, loc: &Locale) -> Vec<Block> {
    let max_n = f.points.iter().map(|p| p.n).max().unwrap_or(0);
    let x_max = f64::from(crate::collect::funnel_svg::axis_max(max_n));
    let p0 = f64::from(f.overall_x) / f64::from(f.overall_n);
    let mut lines = vec![PlotLine {
        points: vec![(0.0, f.overall as f32), (x_max as f32, f.overall as f32)],
        ..style(OVERALL, false)
    }];
    lines.extend(curves(p0, stats::Z95, x_max, true));
    lines.extend(curves(p0, stats::Z998, x_max, false));
    let marks = f
        .points
        .iter()
        .filter_map(|p| {
            let (pos, pc) = (p.position?, p.percent?);
            Some(PlotMark {
                x: p.n as f32,
                y: pc as f32,
                shape: match pos {
                    Position::Inside => Shape::Circle,
                    Position::Above | Position::Above95 => Shape::Up,
                    Position::Below | Position::Below95 => Shape::Down,
                },
                filled: pos.differs(),
                label: (pos.differs() || f.points.len() <= NAMED).then(|| p.group.clone()),
                above: false,
            })
        })
        .collect();
    let points: Vec<String> = f
        .points
        .iter()
        .map(|p| match p.percent {
            Some(pc) => loc.fmt(
                "report_funnel_point",
                &[
                    ("group", &p.group),
                    ("percent", &pc.to_string()),
                    ("n", &p.n.to_string()),
                    ("position", &p.position_words),
                ],
            ),
            None => format!("{} {}", p.group, p.position_words),
        })
        .collect();
    let plot = Plot {
        title: loc.fmt("report_funnel_title", &[("label", &f.label)]),
        alt: loc.fmt(
            "report_funnel_alt",
            &[
                ("group", &group_label.to_lowercase()),
                ("overall", &f.overall.to_string()),
                ("points", &points.join("; ")),
                ("finding", &f.finding),
            ],
        ),
        panels: vec![Panel {
            title: None,
            x_max: x_max as f32,
            x_ticks: (0..=5)
                .map(|i| {
                    let n = x_max * f64::from(i) / 5.0;
                    (n as f32, format!("{n}"))
                })
                .collect(),
            x_label: Some(loc.get("report_applicable_answers").into()),
            y_ticks: per_cent_ticks(25),
            lines,
            marks,
        }],
        columns: 1,
        legend: vec![
            (style(LIMIT, true), loc.get("report_limits_95").into()),
            (style(LIMIT, false), loc.get("report_limits_998").into()),
            (
                style(OVERALL, false),
                loc.fmt("report_overall", &[("percent", &f.overall.to_string())]),
            ),
        ],
    };
    let header = [
        group_label,
        loc.get("report_applicable"),
        loc.get("report_per_cent"),
        loc.get("report_limits_95"),
        loc.get("report_limits_998"),
        loc.get("report_where_it_lies"),
    ];
    let rows = f
        .points
        .iter()
        .map(|p| {
            [
                p.group.clone(),
                p.n.to_string(),
                p.percent.map_or("–".into(), |pc| {
                    loc.fmt(
                        "report_funnel_row",
                        &[
                            ("percent", &pc.to_string()),
                            ("x", &p.x.to_string()),
                            ("n", &p.n.to_string()),
                        ],
                    )
                }),
                limits(p.limits95, loc),
                limits(p.limits998, loc),
                p.position_words.clone(),
            ]
            .into_iter()
            .map(|t| vec![Span::plain(t)])
            .collect()
        })
        .collect();
    vec![
        Block::Plot(plot),
        Block::Table {
            caption: Some(loc.fmt("report_funnel_data", &[("label", &f.label)])),
            header: header.iter().map(|h| vec![Span::plain(*h)]).collect(),
            rows,
            align: Vec::new(),
        },
    ]
}

/// The section scores by round, one small panel per section, two to a row, and its table.
pub fn trend(sections: &[SectionRounds], rounds: &[String], loc: &Locale) -> Vec<Block> {
    if sections.is_empty() {
        return Vec::new();
    }
    let last = rounds.len().saturating_sub(1).max(1) as f32;
    let panels = sections
        .iter()
        .map(|sec| {
            let scored: Vec<(f32, f32)> = sec
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| Some((i as f32, p.score?.min(100) as f32)))
                .collect();
            Panel {
                title: Some(sec.title.clone()),
                x_max: last,
                x_ticks: rounds
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i as f32, r.clone()))
                    .collect(),
                x_label: None,
                y_ticks: per_cent_ticks(50),
                lines: vec![PlotLine {
                    points: scored.clone(),
                    ..style(OVERALL, false)
                }],
                marks: scored
                    .iter()
                    .map(|&(x, y)| PlotMark {
                        x,
                        y,
                        shape: Shape::Circle,
                        filled: true,
                        label: Some(format!("{y}%")),
                        above: true,
                    })
                    .collect(),
            }
        })
        .collect();
    let cell = |p: &crate::collect::rounds::SectionPoint| match (p.suppressed, p.score) {
        (true, _) => loc.get("report_suppressed").to_string(),
        (false, Some(s)) => match &p.rating {
            Some(r) => format!("{s}% {r}"),
            None => format!("{s}%"),
        },
        (false, None) => "–".into(),
    };
    let alt: Vec<String> = sections
        .iter()
        .map(|s| {
            let v: Vec<String> = s
                .points
                .iter()
                .map(|p| format!("{} {}", p.round, cell(p)))
                .collect();
            format!("{}: {}", s.title, v.join(", "))
        })
        .collect();
    let mut header = vec![vec![Span::plain(loc.get("report_section"))]];
    header.extend(rounds.iter().map(|r| vec![Span::plain(r.clone())]));
    vec![
        Block::Plot(Plot {
            title: loc.get("report_trend_title").into(),
            alt: loc.fmt("report_trend_alt", &[("data", &alt.join("; "))]),
            panels,
            columns: 2,
            legend: Vec::new(),
        }),
        Block::Table {
            caption: Some(loc.get("report_trend_title").into()),
            header,
            rows: sections
                .iter()
                .map(|s| {
                    let mut r = vec![vec![Span::plain(s.title.clone())]];
                    r.extend(s.points.iter().map(|p| vec![Span::plain(cell(p))]));
                    r
                })
                .collect(),
            align: Vec::new(),
        },
    ]
}

//! The report's change between audit rounds and its classification agreement, as document
//! blocks in the report's language.

use super::report::{bullets, cells, heading, para};
use super::{Block, Span};
use crate::collect::summary::Summary;
use crate::locale::Locale;

/// Change between rounds: the meaningful changes, then every question's figure per round
/// and its change since the previous round.
pub(super) fn rounds(s: &Summary, b: &mut Vec<Block>, loc: &Locale) {
    let Some(prev) = &s.previous_round else {
        return;
    };
    b.push(heading(2, loc.get("report_rounds"), "rounds"));
    b.push(para(loc.get("report_rounds_method")));
    if s.change_lines.is_empty() {
        b.push(para(loc.get("report_rounds_none")));
    } else {
        b.push(bullets(&s.change_lines));
    }
    let labels: Vec<String> = s.rounds.iter().map(|r| r.0.clone()).collect();
    b.extend(super::report_plots::trend(&s.section_history, &labels, loc));
    let mut header = vec![loc.get("report_question").to_string()];
    header.extend(labels);
    header.push(loc.fmt("report_change_since", &[("round", prev)]));
    b.push(Block::Table {
        align: Vec::new(),
        caption: Some(loc.get("report_rounds_caption").into()),
        header: cells(header),
        rows: s
            .history
            .iter()
            .map(|q| {
                let mut r = vec![q.code.clone()];
                r.extend(q.figures.iter().map(|f| f.figure.clone()));
                r.push(q.changes.last().map_or(String::new(), |c| c.words.clone()));
                cells(r)
            })
            .collect(),
    });
}

/// Each agreement table: how often the auditor's judgement matched the recorded
/// classification, and the cross-table of the two.
pub(super) fn agreement(s: &Summary, b: &mut Vec<Block>, loc: &Locale) {
    if s.agreement.is_empty() {
        return;
    }
    b.push(heading(2, loc.get("report_agreement"), "agreement"));
    for (i, a) in s.agreement.iter().enumerate() {
        b.push(heading(3, &a.title, &format!("agreement-{i}")));
        if a.both > 0 {
            b.push(para(a.sentence.clone()));
        } else {
            b.push(para(loc.get("report_agreement_none").to_string()));
        }
        let mut header = cells(vec![loc.get("report_recorded").to_string()]);
        header.extend(a.judged.iter().map(super::report::embedded));
        // The levels in their own language (an untranslated scale's).
        let level = |r: usize| Span {
            lang: a.levels_lang.clone(),
            ..Span::plain(a.levels[r].clone())
        };
        b.push(Block::Table {
            align: Vec::new(),
            caption: Some(a.caption.clone()),
            header,
            rows: a
                .matrix
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let mut v = vec![vec![level(r)]];
                    v.extend(cells(
                        row.iter()
                            .enumerate()
                            .map(|(c, n)| match c == r {
                                true => format!("{n} {}", loc.get("report_agree")),
                                false => n.to_string(),
                            })
                            .collect(),
                    ));
                    v
                })
                .collect(),
        });
    }
}

//! Form fields in the layout: radio buttons in rows with their labels, bordered text boxes,
//! and tables whose cells are text boxes (a checklist's action plan).

use super::{Composer, Draw, FieldDraw, Role, Unit, TEXT};
use crate::document::{Block, FieldKind, FormField, ParaKind, Question, Span};
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;

/// Height of one line of typed text in a text box.
const LINE: f32 = 13.0;

impl Composer<'_> {
    /// A checklist question, kept on one page: its code and text in bold, its hints in small
    /// type, the answer's buttons, then the evidence label and box. Its guidance links are not
    /// set: the PDF form has never shown them, and its output is pinned byte for byte
    /// (tests/pdf_digests.rs) until a deliberate change adds them.
    pub(super) fn question(&mut self, q: &Question, indent: f32, bars: &[f32]) {
        let small = |text: &str| Block::Para {
            spans: vec![Span::plain(text)],
            kind: ParaKind::Small,
        };
        let mut blocks = vec![Block::Para {
            spans: vec![
                Span::styled(format!("{}. ", q.code), Style::Bold),
                Span::styled(q.text.clone(), Style::Bold),
            ],
            kind: ParaKind::Body,
        }];
        blocks.extend(q.hints.iter().map(|h| small(h)));
        blocks.push(Block::Field(q.answer.clone()));
        if let Some(e) = &q.evidence {
            blocks.push(small(&e.label));
            blocks.push(Block::Field(e.field.clone()));
        }
        self.block(&Block::Together(blocks), indent, bars);
    }

    /// A form field: radio buttons in rows with their labels, or a bordered text box.
    pub(super) fn field(&mut self, f: &FormField, indent: f32, bars: &[f32]) {
        let size = 10.0;
        match &f.kind {
            FieldKind::Radio(options) => {
                let (d, gap, row_h) = (11.0, 18.0, 18.0);
                // Each row: (x, (value, label)) of the buttons on it.
                let mut rows: Vec<Vec<(f32, &(String, String))>> = vec![Vec::new()];
                let mut x = indent;
                for o in options {
                    let w = d + 5.0 + self.shaper.width(Style::Regular, size, &o.1);
                    if x + w > self.measure && x > indent {
                        rows.push(Vec::new());
                        x = indent;
                    }
                    if let Some(r) = rows.last_mut() {
                        r.push((x, o));
                    }
                    x += w + gap;
                }
                let n = rows.len();
                for (k, row) in rows.into_iter().enumerate() {
                    let mut u = Unit::new(row_h, Role::Paragraph);
                    for (x, (value, label)) in row {
                        // Each button is a `Form` element holding just its widget, and its
                        // label a paragraph after it.
                        let form = self.tree.add(self.at(), Kind::Form);
                        let label_elem = self.tree.add(self.at(), Kind::P);
                        u.draws.push(Draw::Tag(Some(form)));
                        u.draws.push(Draw::Widget {
                            x,
                            y: 3.0,
                            w: d,
                            h: d,
                            field: Box::new(FieldDraw {
                                name: f.name.clone(),
                                tooltip: f.tooltip.clone(),
                                option: Some((value.clone(), label.clone())),
                                multiline: false,
                            }),
                        });
                        let glyphs = self.shaper.shape(Style::Regular, label).glyphs;
                        u.draws.push(Draw::Tag(Some(label_elem)));
                        u.draws.push(Draw::Text {
                            x: x + d + 5.0,
                            y: 3.0 + d * 0.82,
                            size,
                            style: Style::Regular,
                            glyphs,
                            colour: TEXT,
                        });
                    }
                    u.keep_with_next = k + 1 < n;
                    u.space_before = if k == 0 { 4.0 } else { 0.0 };
                    self.push(u, bars);
                }
            }
            FieldKind::Text { lines } => {
                let h = 8.0 + LINE * (*lines).max(1) as f32;
                let mut u = Unit::new(h + 4.0, Role::Paragraph);
                u.elem = Some(self.tree.add(self.at(), Kind::Form));
                let w = self.measure - indent;
                u.draws.push(Draw::Rect {
                    x: indent,
                    y: 2.0,
                    w,
                    h,
                    colour: (0.96, 0.96, 0.96),
                });
                u.draws.push(Draw::Rule {
                    x1: indent,
                    x2: indent + w,
                    y: 2.0 + h,
                    width: 1.0,
                    colour: TEXT,
                });
                u.draws.push(Draw::Widget {
                    x: indent,
                    y: 2.0,
                    w,
                    h,
                    field: Box::new(FieldDraw {
                        name: f.name.clone(),
                        tooltip: f.tooltip.clone(),
                        option: None,
                        multiline: *lines > 1,
                    }),
                });
                u.space_before = 3.0;
                self.push(u, bars);
            }
        }
    }

    /// A table of text boxes: a header row of column labels (`(label, share of the width)`),
    /// then one row of boxes per entry of `rows`, each row kept on one page.
    pub(super) fn field_table(
        &mut self,
        columns: &[(String, f32)],
        rows: &[Vec<FormField>],
        indent: f32,
        bars: &[f32],
    ) {
        let (size, gap) = (9.5, 4.0);
        let width = self.measure - indent;
        let total: f32 = columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
        let mut xs = Vec::with_capacity(columns.len());
        let mut x = indent;
        for (_, share) in columns {
            let w = width * share / total;
            xs.push((x, w - gap));
            x += w;
        }
        // The text just before a table of boxes introduces it: it stays on the table's page.
        if let Some(u) = self.units.last_mut().filter(|u| u.role == Role::Paragraph) {
            u.keep_with_next = true;
        }
        let table = self.open(Kind::Table);
        let tr = self.tree.add(table, Kind::TR);
        let mut header = Unit::new(20.0, Role::TableHeader);
        header.elem = Some(tr);
        for ((label, _), (x, _)) in columns.iter().zip(&xs) {
            let th = self.tree.add(tr, Kind::TH);
            header.draws.push(Draw::Tag(Some(th)));
            let glyphs = self.shaper.shape(Style::Bold, label).glyphs;
            header.draws.push(Draw::Text {
                x: *x,
                y: 13.0,
                size,
                style: Style::Bold,
                glyphs,
                colour: TEXT,
            });
        }
        header.draws.push(Draw::Tag(None));
        header.draws.push(Draw::Rule {
            x1: indent,
            x2: indent + width,
            y: 18.0,
            width: 1.2,
            colour: TEXT,
        });
        // The header row repeats at the top of each page the table continues on.
        self.headers.push(header.clone());
        let hidx = self.headers.len() - 1;
        header.space_before = 4.0;
        header.keep_with_next = true;
        self.push(header, bars);
        for row in rows {
            let lines = row
                .iter()
                .map(|f| match f.kind {
                    FieldKind::Text { lines } => lines.max(1),
                    FieldKind::Radio(_) => 1,
                })
                .max()
                .unwrap_or(1);
            let h = 8.0 + LINE * lines as f32;
            let mut u = Unit::new(h + 6.0, Role::TableRow);
            u.header = Some(hidx);
            let tr = self.tree.add(table, Kind::TR);
            u.elem = Some(tr);
            for (f, (x, w)) in row.iter().zip(&xs) {
                let td = self.tree.add(tr, Kind::TD);
                let form = self.tree.add(td, Kind::Form);
                u.draws.push(Draw::Tag(Some(form)));
                u.draws.push(Draw::Rect {
                    x: *x,
                    y: 3.0,
                    w: *w,
                    h,
                    colour: (0.96, 0.96, 0.96),
                });
                u.draws.push(Draw::Rule {
                    x1: *x,
                    x2: x + w,
                    y: 3.0 + h,
                    width: 1.0,
                    colour: TEXT,
                });
                u.draws.push(Draw::Widget {
                    x: *x,
                    y: 3.0,
                    w: *w,
                    h,
                    field: Box::new(FieldDraw {
                        name: f.name.clone(),
                        tooltip: f.tooltip.clone(),
                        option: None,
                        multiline: lines > 1,
                    }),
                });
            }
            self.push(u, bars);
        }
        self.close();
    }
}

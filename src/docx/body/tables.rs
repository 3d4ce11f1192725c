//! Tables: a table of spans with its caption and header row, and the action plan's table of
//! plain-text controls.

use super::{bolden, el, empty, val, Body, Para, MEASURE, X};
use crate::document::{FormField, Span};
use std::io;

impl Body<'_> {
    pub(super) fn table(
        &mut self,
        caption: Option<&str>,
        header: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
    ) -> io::Result<()> {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return Ok(());
        }
        if let Some(c) = caption {
            let p = Para {
                style: Some("Caption"),
                keep_next: true,
                list: None,
            };
            self.para(p, &[Span::plain(c.to_string())])?;
        }
        let widths = vec![MEASURE / columns as u32; columns];
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:tbl", &[], |w| {
            tbl_pr(w, caption)?;
            grid(w, &widths)?;
            if !header.is_empty() {
                el(w, "w:tr", &[], |w| {
                    header_row_pr(w)?;
                    for (k, cell) in header.iter().enumerate() {
                        let spans: Vec<Span> = cell.iter().map(bolden).collect();
                        self.cell(w, widths[k], |b, w| b.spans(w, &spans))?;
                    }
                    Ok(())
                })?;
            }
            for row in rows {
                el(w, "w:tr", &[], |w| {
                    el(w, "w:trPr", &[], |w| empty(w, "w:cantSplit", &[]))?;
                    for (k, width) in widths.iter().enumerate() {
                        let cell = row.get(k).map_or(&[][..], Vec::as_slice);
                        self.cell(w, *width, |b, w| b.spans(w, cell))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        });
        self.w = body;
        r
    }

    /// The action plan: a header row of column labels, then a row of plain-text controls per
    /// action.
    pub(super) fn field_table(
        &mut self,
        columns: &[(String, f32)],
        rows: &[Vec<FormField>],
    ) -> io::Result<()> {
        let total: f32 = columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<u32> = columns
            .iter()
            .map(|c| (MEASURE as f32 * c.1 / total) as u32)
            .collect();
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:tbl", &[], |w| {
            tbl_pr(w, None)?;
            grid(w, &widths)?;
            el(w, "w:tr", &[], |w| {
                header_row_pr(w)?;
                for (k, (label, _)) in columns.iter().enumerate() {
                    let spans = [Span::styled(label.clone(), crate::document::Style::Bold)];
                    self.cell(w, widths[k], |b, w| b.spans(w, &spans))?;
                }
                Ok(())
            })?;
            for row in rows {
                el(w, "w:tr", &[], |w| {
                    el(w, "w:trPr", &[], |w| empty(w, "w:cantSplit", &[]))?;
                    for (k, f) in row.iter().enumerate() {
                        let width = widths.get(k).copied().unwrap_or(MEASURE / 5);
                        self.cell(w, width, |b, w| b.control(w, f))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        });
        self.w = body;
        r
    }

    /// A table cell of one paragraph, its content written by `content`.
    fn cell(
        &mut self,
        w: &mut X,
        width: u32,
        content: impl FnOnce(&mut Self, &mut X) -> io::Result<()>,
    ) -> io::Result<()> {
        let width = width.to_string();
        el(w, "w:tc", &[], |w| {
            el(w, "w:tcPr", &[], |w| {
                empty(w, "w:tcW", &[("w:w", &width), ("w:type", "dxa")])
            })?;
            el(w, "w:p", &[], |w| {
                el(w, "w:pPr", &[], |w| {
                    empty(w, "w:spacing", &[("w:before", "40"), ("w:after", "40")])
                })?;
                content(self, w)
            })
        })
    }
}

/// Table properties: full width, single borders, a caption for assistive technology.
fn tbl_pr(w: &mut X, caption: Option<&str>) -> io::Result<()> {
    el(w, "w:tblPr", &[], |w| {
        empty(
            w,
            "w:tblW",
            &[("w:w", &MEASURE.to_string()), ("w:type", "dxa")],
        )?;
        el(w, "w:tblBorders", &[], |w| {
            for side in [
                "w:top",
                "w:left",
                "w:bottom",
                "w:right",
                "w:insideH",
                "w:insideV",
            ] {
                empty(
                    w,
                    side,
                    &[
                        ("w:val", "single"),
                        ("w:sz", "4"),
                        ("w:space", "0"),
                        ("w:color", "6F777B"),
                    ],
                )?;
            }
            Ok(())
        })?;
        empty(w, "w:tblLayout", &[("w:type", "fixed")])?;
        el(w, "w:tblCellMar", &[], |w| {
            empty(w, "w:left", &[("w:w", "85"), ("w:type", "dxa")])?;
            empty(w, "w:right", &[("w:w", "85"), ("w:type", "dxa")])
        })?;
        if let Some(c) = caption {
            val(w, "w:tblCaption", c)?;
        }
        Ok(())
    })
}

fn grid(w: &mut X, widths: &[u32]) -> io::Result<()> {
    el(w, "w:tblGrid", &[], |w| {
        for width in widths {
            empty(w, "w:gridCol", &[("w:w", &width.to_string())])?;
        }
        Ok(())
    })
}

/// A header row: repeated on each page, never split.
fn header_row_pr(w: &mut X) -> io::Result<()> {
    el(w, "w:trPr", &[], |w| {
        empty(w, "w:cantSplit", &[])?;
        empty(w, "w:tblHeader", &[])
    })
}

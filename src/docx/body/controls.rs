//! Questions and their content controls: the drop-down list of an answer, the plain-text
//! control of evidence and of every other field.

use super::{el, empty, ppr, run, val, Body, Para, RunProps, X};
use crate::document::{FieldKind, FormField, Question, Span};
use std::io;

impl Body<'_> {
    /// A question: its code and text as a bold line, hints and guidance in small type, the
    /// answer's drop-down list, then the evidence label and box; kept together on a page.
    pub(super) fn question(&mut self, q: &Question) -> io::Result<()> {
        let keep = Para {
            style: None,
            keep_next: true,
            list: None,
        };
        let bold = crate::document::Style::Bold;
        self.para(
            keep,
            &[
                Span::styled(format!("{}. ", q.code), bold),
                Span::styled(q.text.clone(), bold),
            ],
        )?;
        let hint = Para {
            style: Some("Hint"),
            ..keep
        };
        for h in &q.hints {
            self.para(hint, &[Span::plain(h.clone())])?;
        }
        if !q.guidance.is_empty() {
            self.para(hint, &q.guidance)?;
        }
        self.field_para(&q.answer, q.evidence.is_some())?;
        if let Some(e) = &q.evidence {
            self.para(hint, &[Span::plain(e.label.clone())])?;
            self.field_para(&e.field, false)?;
        }
        Ok(())
    }

    /// A paragraph holding one content control, boxed (the Field style).
    pub(super) fn field_para(&mut self, f: &FormField, keep: bool) -> io::Result<()> {
        let p = Para {
            style: Some("Field"),
            keep_next: keep,
            list: None,
        };
        let mut body = std::mem::replace(&mut self.w, X::new(Vec::new()));
        let r = el(&mut body, "w:p", &[], |w| {
            ppr(w, &p)?;
            self.control(w, f)
        });
        self.w = body;
        r
    }

    /// A run-level content control (`w:sdt`) showing its placeholder: a drop-down list of the
    /// options for a choice, plain text (multi-line for a box of several lines) otherwise.
    /// `w:tag` is the return field name, `w:alias` what it answers.
    pub(super) fn control(&mut self, w: &mut X, f: &FormField) -> io::Result<()> {
        let id = self.next_id.to_string();
        self.next_id += 1;
        let placeholder = match f.kind {
            FieldKind::Radio(_) => self.labels.choose,
            FieldKind::Text { .. } => self.labels.enter,
        };
        el(w, "w:sdt", &[], |w| {
            el(w, "w:sdtPr", &[], |w| {
                val(w, "w:alias", &f.tooltip)?;
                val(w, "w:tag", &f.name)?;
                val(w, "w:id", &id)?;
                val(w, "w:lock", "sdtLocked")?;
                empty(w, "w:showingPlcHdr", &[])?;
                match &f.kind {
                    FieldKind::Radio(options) => el(w, "w:dropDownList", &[], |w| {
                        for (value, label) in options {
                            empty(
                                w,
                                "w:listItem",
                                &[("w:displayText", label), ("w:value", value)],
                            )?;
                        }
                        Ok(())
                    }),
                    FieldKind::Text { lines } if *lines > 1 => {
                        empty(w, "w:text", &[("w:multiLine", "1")])
                    }
                    FieldKind::Text { .. } => empty(w, "w:text", &[]),
                }
            })?;
            el(w, "w:sdtContent", &[], |w| {
                let props = RunProps {
                    style: Some("PlaceholderText"),
                    ..RunProps::default()
                };
                run(w, placeholder, &props)?;
                // A box of several lines shows them (the placeholder goes as one types).
                if let FieldKind::Text { lines } = f.kind {
                    for _ in 1..lines.min(12) {
                        el(w, "w:r", &[], |w| empty(w, "w:br", &[]))?;
                    }
                }
                Ok(())
            })
        })
    }
}

//! A text's footnotes, set after it in small type: a lead-in ("Notes"), then each note as a
//! `Note` structure element (with the `/ID` PDF/UA asks of notes) holding its number as a
//! `Lbl` and its text, and an anchor the references in the text link to.

use super::{metrics, Composer, Role, TEXT};
use crate::document::{Block, Note, ParaKind};
use crate::pdf::tags::Kind;

impl Composer<'_> {
    pub(super) fn notes(&mut self, title: &str, notes: &[Note], indent: f32, bars: &[f32]) {
        if notes.is_empty() {
            return;
        }
        self.open(Kind::P);
        let (size, lead) = metrics(ParaKind::Small);
        self.lead_in(title, size, lead, 10.0, indent, bars, Role::Paragraph);
        self.close();
        // Numbers right-aligned just before the notes' text, as a numbered list's are.
        let inner = indent + 20.0;
        let marker_right = indent + 16.0;
        for note in notes {
            let first = self.units.len();
            let elem = self.open(Kind::Note);
            let lbl = self.tree.add(elem, Kind::Lbl);
            let mut marker = Some((format!("{}.", note.number), marker_right, lbl));
            for b in &note.blocks {
                match b {
                    Block::Para { spans, .. } => {
                        self.open(Kind::P);
                        let at = self.units.len();
                        self.para(
                            spans,
                            size,
                            lead,
                            inner,
                            bars,
                            marker.take(),
                            Role::Paragraph,
                            TEXT,
                        );
                        self.close();
                        if let Some(u) = self.units.get_mut(at) {
                            u.space_before = 3.0;
                        }
                    }
                    other => self.block(other, inner, bars),
                }
            }
            if let Some((m, right, lbl)) = marker {
                // A note without text (its definition is missing) still shows its number.
                self.para(
                    &[],
                    size,
                    lead,
                    inner,
                    bars,
                    Some((m, right, lbl)),
                    Role::Paragraph,
                    TEXT,
                );
            }
            self.close();
            if let Some(u) = self.units.get_mut(first) {
                u.anchor = Some(note.anchor.clone());
            }
        }
    }
}

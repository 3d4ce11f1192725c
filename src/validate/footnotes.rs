//! Footnotes in Markdown text: a reference to a note that is not defined is an error, a note
//! nothing refers to a warning, each where it is written.

use super::links::entity_files;
use super::Checker;
use crate::diag::{Diagnostic, LineIndex};
use crate::markdown::footnotes;

impl Checker<'_> {
    /// Checks the footnotes of every text value of every entity file.
    pub(super) fn check_footnotes(&mut self) {
        let m = self.model;
        for file in entity_files(m) {
            let text = &m.sources.files[file].text;
            if !text.contains("[^") {
                continue;
            }
            let lines = LineIndex::new(text);
            let mut cursor = 0;
            for (_, pos, value) in &m.positions[file].scalars {
                cursor = cursor.max(pos.offset);
                for p in footnotes::problems(value) {
                    let raw = &value[p.span.clone()];
                    // Found in the file from the value's start; a value the file writes
                    // differently (escapes in a quoted string) is reported at its start.
                    let at = text
                        .get(cursor..)
                        .and_then(|rest| rest.find(raw))
                        .map(|i| cursor + i);
                    let (place, len) = match at {
                        Some(o) => {
                            cursor = o + raw.len();
                            (lines.at(o), raw.len())
                        }
                        None => (*pos, 1),
                    };
                    let d = if p.error {
                        Diagnostic::error(file, place, p.message).with_help(
                            "define the note below the text, on a line of its own: [^label]: The note.",
                        )
                    } else {
                        Diagnostic::warning(file, place, p.message)
                            .with_help("refer to it in the text with [^label], or remove it")
                    };
                    self.report.push(d.with_len(len.max(1)));
                }
            }
        }
    }
}

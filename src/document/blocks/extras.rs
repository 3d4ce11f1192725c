//! What the Markdown reader adds for footnotes and tables: column alignment, notes, and a
//! `Table:` paragraph as its table's caption.

use super::{Block, Frame, Span};
use pulldown_cmark::Alignment;

/// How a table column's cells are set: `Auto` right-aligns a column of figures and sets
/// the rest left; the others are what a Markdown table's `:--`, `:-:` and `--:` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Auto,
    Left,
    Centre,
    Right,
}

impl From<Alignment> for Align {
    fn from(a: Alignment) -> Align {
        match a {
            Alignment::None => Align::Auto,
            Alignment::Left => Align::Left,
            Alignment::Center => Align::Centre,
            Alignment::Right => Align::Right,
        }
    }
}

/// A footnote: its number, the anchor its references link to, and its text.
#[derive(Debug, Clone)]
pub struct Note {
    pub number: usize,
    pub anchor: String,
    pub blocks: Vec<Block>,
}

/// The anchor of note `n` of a text: the text's hash keeps anchors apart in the document.
pub(super) fn note_anchor(text: &str, n: usize) -> String {
    format!("note-{:x}-{n}", crate::markdown::fnv(text))
}

/// Footnote labels match without regard to case, as on the web.
pub(super) fn note_key(label: &str) -> String {
    label.to_lowercase()
}

/// Makes a paragraph starting `Table:` right after a table that table's caption (as on the
/// web); false if it is not one.
pub(super) fn set_caption(stack: &mut [Frame], spans: &[Span]) -> bool {
    let prefix = crate::markdown::tables::CAPTION_PREFIX;
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let Some(rest) = text.strip_prefix(prefix) else {
        return false;
    };
    match stack.last_mut().and_then(|f| f.blocks.last_mut()) {
        Some(Block::Table { caption, .. }) if caption.is_none() => {
            *caption = Some(rest.trim().to_string());
            true
        }
        _ => false,
    }
}

//! The style of a run of text.

/// How a run of text is set: one of the four styles of the body face. Composers set only
/// `Regular`, `Bold`, `Italic` and `BoldItalic`; the last four are the fallback faces a writer
/// may move a run to when the body face lacks its characters (Arabic and Hebrew, upright
/// only, as their typography sets italic text), which the PDF writer's shaper records in the
/// same type (see `pdf::fonts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
    Arabic = 4,
    ArabicBold = 5,
    Hebrew = 6,
    HebrewBold = 7,
}

impl Style {
    pub fn from_flags(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }
    pub fn bold(self) -> bool {
        matches!(
            self,
            Style::Bold | Style::BoldItalic | Style::ArabicBold | Style::HebrewBold
        )
    }
    pub fn italic(self) -> bool {
        matches!(self, Style::Italic | Style::BoldItalic)
    }
}

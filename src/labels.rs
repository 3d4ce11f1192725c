//! Interface text that the Markdown features (footnotes, parts of a guide) add to pages and
//! PDFs, in one place so that it can move into the locale files with the rest.

/// The heading over a text's footnotes.
pub const NOTES_HEADING: &str = "Notes";
/// Read before a footnote's number by screen readers: "Note 1".
pub const NOTE: &str = "Note";
/// The accessible name of the link from a note back to its reference: "Back to reference 1".
pub const BACK_TO_REFERENCE: &str = "Back to reference";

/// "Part 2": the number of a part of a guide, before its title.
pub fn part_number(n: usize) -> String {
    format!("Part {n}")
}

//! Markdown tables as the theme sets them: each column's alignment (`:---`, `:---:`, `---:`)
//! as a class on its cells (the sanitiser removes the inline `style` pulldown-cmark would
//! write), and a caption from a paragraph starting `Table:` right after the table (Pandoc's
//! syntax) as the table's `<caption>`.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// What a caption paragraph starts with.
pub const CAPTION_PREFIX: &str = "Table:";

/// The class a cell of a column aligned `a` gets, if any.
pub fn cell_class(a: Alignment) -> Option<&'static str> {
    match a {
        Alignment::Right => Some("gw-table__cell--numeric"),
        Alignment::Center => Some("gw-table__cell--centre"),
        Alignment::Left | Alignment::None => None,
    }
}

/// Every class [`cell_class`] gives, for the sanitiser's list.
pub const CELL_CLASSES: &[&str] = &["gw-table__cell--numeric", "gw-table__cell--centre"];

fn html(s: impl Into<String>) -> Event<'static> {
    Event::Html(CowStr::from(s.into()))
}

/// Where the caption paragraph after the table ending at `end` is: the range of its events
/// (paragraph start to end), if the paragraph's first text starts with [`CAPTION_PREFIX`].
fn caption_after(events: &[Event], end: usize) -> Option<std::ops::Range<usize>> {
    if !matches!(events.get(end + 1), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    match events.get(end + 2) {
        Some(Event::Text(t)) if t.starts_with(CAPTION_PREFIX) => {}
        _ => return None,
    }
    let close = events[end + 1..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    Some(end + 1..end + 1 + close + 1)
}

/// The caption's inline events: the paragraph's, without the prefix.
fn caption_events<'a>(para: &[Event<'a>]) -> Vec<Event<'a>> {
    let mut inner: Vec<Event<'a>> = para[1..para.len() - 1].to_vec();
    if let Some(Event::Text(t)) = inner.first_mut() {
        let rest = t[CAPTION_PREFIX.len()..].trim_start().to_string();
        *t = CowStr::from(rest);
    }
    inner
}

/// `events` with each table written out as HTML tags the theme styles (alignment classes,
/// a caption), its cells' inline events kept.
pub fn rewrite(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 16);
    let mut aligns: Vec<Alignment> = Vec::new();
    let (mut head, mut col, mut body_open) = (false, 0usize, false);
    let mut skip: Option<std::ops::Range<usize>> = None;
    for i in 0..events.len() {
        if skip.as_ref().is_some_and(|r| r.contains(&i)) {
            continue;
        }
        match &events[i] {
            Event::Start(Tag::Table(a)) => {
                aligns = a.clone();
                out.push(html("<table>"));
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Table)))
                    .map(|k| i + k);
                if let Some(cap) = end.and_then(|end| caption_after(&events, end)) {
                    out.push(html("<caption>"));
                    out.extend(caption_events(&events[cap.clone()]));
                    out.push(html("</caption>"));
                    skip = Some(cap);
                }
            }
            Event::End(TagEnd::Table) => {
                out.push(html(if body_open {
                    "</tbody></table>\n"
                } else {
                    "</table>\n"
                }));
                body_open = false;
            }
            Event::Start(Tag::TableHead) => {
                head = true;
                col = 0;
                out.push(html("<thead><tr>"));
            }
            Event::End(TagEnd::TableHead) => {
                head = false;
                out.push(html("</tr></thead>\n"));
            }
            Event::Start(Tag::TableRow) => {
                col = 0;
                if !body_open {
                    body_open = true;
                    out.push(html("<tbody>\n"));
                }
                out.push(html("<tr>"));
            }
            Event::End(TagEnd::TableRow) => out.push(html("</tr>\n")),
            Event::Start(Tag::TableCell) => {
                let tag = if head { "th" } else { "td" };
                let class = aligns.get(col).copied().and_then(cell_class);
                out.push(html(match class {
                    Some(c) => format!("<{tag} class=\"{c}\">"),
                    None => format!("<{tag}>"),
                }));
            }
            Event::End(TagEnd::TableCell) => {
                out.push(html(if head { "</th>" } else { "</td>" }));
                col += 1;
            }
            other => out.push(other.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::markdown::{render, Place};
    use crate::model::Model;

    fn model() -> Model {
        Model::default()
    }

    #[test]
    fn table_alignment_and_caption_survive_the_sanitiser() {
        let m = model();
        let text = "| Area | Cases | Share |\n|:--|--:|:-:|\n| North | 12 | 40% |\n\nTable: Cases **read**, by area\n";
        let html = render(&m, text, Place::default());
        assert!(
            html.starts_with("<table><caption>Cases <strong>read</strong>, by area</caption>"),
            "{html}"
        );
        assert!(!html.contains("Table:"), "{html}");
        assert_eq!(
            html.matches("class=\"gw-table__cell--numeric\"").count(),
            2,
            "{html}"
        );
        assert_eq!(
            html.matches("class=\"gw-table__cell--centre\"").count(),
            2,
            "{html}"
        );
        assert!(
            html.contains("<td class=\"gw-table__cell--numeric\">12</td>"),
            "{html}"
        );
        assert!(html.contains("<td>North</td>"), "{html}");
        assert!(!html.contains("style="), "{html}");
        // A raw cell cannot bring in another class.
        let raw = render(
            &m,
            "<table><tr><td class=\"evil gw-table__cell--numeric\">1</td></tr></table>",
            Place::default(),
        );
        assert!(!raw.contains("evil"), "{raw}");
    }
}

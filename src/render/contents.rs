//! A guide's contents list, rendered once per guide: every chapter's entry as it reads on the
//! pages of the other chapters (`contents-item.html`), joined per list (the guide's, or each
//! part's). A chapter page then takes the entries before and after its own as two slices of
//! that text and renders only its own entry (marked current, with its sections) itself, so
//! the work per page no longer grows with the guide's chapter count.

use super::pages::{chapter_link, ordered, root_for};
use super::parts::parts_of;
use super::theme::{error_chain, Theme};
use crate::model::*;
use std::ops::Range;

/// One list of chapter entries: the entries' HTML, one after another, and where each is.
#[derive(Debug, Default)]
struct List {
    html: String,
    /// Each chapter's id and the range of its entry in `html`.
    entries: Vec<(String, Range<usize>)>,
}

/// A guide's contents: one list of every chapter, or one per part (only the part holding a
/// chapter lists its chapters on that chapter's page).
#[derive(Debug, Default)]
pub struct GuideContents {
    lists: Vec<List>,
}

/// The entries of the contents list around a chapter's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Around<'a> {
    /// The entries before the chapter's (HTML).
    pub before: &'a str,
    /// The entries after it (HTML).
    pub after: &'a str,
}

impl GuideContents {
    /// Renders every chapter's entry of `g` once through the theme's `contents-item.html`.
    pub fn build(g: &GuideEntry, theme: &Theme) -> Result<GuideContents, String> {
        let parts = parts_of(g);
        let groups: Vec<Vec<&Entry<Chapter>>> = if g.guide.parts.is_empty() {
            vec![ordered(g)]
        } else {
            parts.into_iter().map(|(_, chapters)| chapters).collect()
        };
        let lists = groups
            .into_iter()
            .map(|chapters| list(g, &chapters, theme))
            .collect::<Result<_, _>>()?;
        Ok(GuideContents { lists })
    }

    /// The entries before and after chapter `id`'s in the list that holds it (`None` for a
    /// chapter in no list, which no page shows).
    pub fn around(&self, id: &str) -> Option<Around<'_>> {
        self.lists.iter().find_map(|l| {
            let (_, r) = l.entries.iter().find(|(c, _)| c == id)?;
            Some(Around {
                before: &l.html[..r.start],
                after: &l.html[r.end..],
            })
        })
    }
}

/// The contents of every guide of the model, in its order.
pub fn build_all(m: &Model, theme: &Theme) -> Result<Vec<GuideContents>, String> {
    m.guides
        .iter()
        .map(|g| GuideContents::build(g, theme))
        .collect()
}

fn list(g: &GuideEntry, chapters: &[&Entry<Chapter>], theme: &Theme) -> Result<List, String> {
    let mut out = List::default();
    for c in chapters {
        let path = format!("guides/{}/{}.html", g.guide.id, c.id);
        let mut ctx = tera::Context::new();
        // Every chapter of a guide is in the guide's folder: one root serves them all.
        ctx.insert("root", &root_for(&path));
        ctx.insert("c", &chapter_link(g, c));
        let html = theme.tera.render("contents-item.html", &ctx).map_err(|e| {
            format!(
                "rendering the contents of guide {} with template contents-item.html: {}",
                g.guide.id,
                error_chain(&e)
            )
        })?;
        let start = out.html.len();
        out.html.push_str(html.trim());
        out.entries.push((c.id.clone(), start..out.html.len()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    fn sample() -> Model {
        crate::build::check(std::path::Path::new("content"), false, false)
            .expect("the sample builds")
            .0
    }

    #[test]
    fn each_chapter_sees_every_other_entry_once_and_not_its_own() {
        let m = sample();
        let theme = Theme::load(None).unwrap();
        for g in &m.guides {
            let contents = GuideContents::build(g, &theme).unwrap();
            for c in &g.chapters {
                let Some(a) = contents.around(&c.id) else {
                    continue;
                };
                let own = format!("{}.html\"", c.id);
                assert!(
                    !a.before.contains(&own) && !a.after.contains(&own),
                    "{}",
                    c.id
                );
                // Whichever list holds it, every other chapter of that list is linked once.
                let list = contents
                    .lists
                    .iter()
                    .find(|l| l.entries.iter().any(|(id, _)| id == &c.id))
                    .unwrap();
                for (other, _) in list.entries.iter().filter(|(id, _)| id != &c.id) {
                    let href = format!("href=\"../../guides/{}/{other}.html\"", g.guide.id);
                    let n = a.before.matches(&href).count() + a.after.matches(&href).count();
                    assert_eq!(n, 1, "{other} on {}'s page", c.id);
                }
            }
        }
    }
}

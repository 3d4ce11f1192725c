//! Markdown rendered once per field and place, for every page that shows it.
//!
//! An entity's text (an evidence summary, a standard's statement, a chapter's summary) is shown
//! on its own page and on every page that embeds or lists it. Its HTML depends only on the text
//! and its [`Place`] (heading level, id prefix, locale): links to the site start with
//! [`super::ROOT`], which each page replaces with its own way up to the root after its template
//! is rendered, so one rendering serves pages at any depth. A section's body is on one page
//! only, and is rendered there without the cache.

use super::Place;
use crate::model::Model;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What a rendering depends on besides the model: the text, and its place on the page.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    text: Box<str>,
    heading_base: u8,
    id_prefix: Box<str>,
    /// The locale's language (`None`: English by default, as [`Place::locale`] says).
    lang: Option<Box<str>>,
}

impl Key {
    fn new(text: &str, place: &Place) -> Key {
        Key {
            text: text.into(),
            heading_base: place.heading_base,
            id_prefix: place.id_prefix.into(),
            lang: place.locale.map(|l| l.lang.as_str().into()),
        }
    }
}

/// Every field's HTML rendered so far in one rendering of one model (share it between the
/// pages of that rendering only: the HTML resolves references against that model).
#[derive(Default)]
pub struct Cache {
    done: Mutex<FxHashMap<Key, Arc<str>>>,
    /// How many texts were rendered (not found rendered already).
    renders: AtomicUsize,
}

impl Cache {
    /// [`super::render`], once per text and place.
    pub fn render(&self, model: &Model, text: &str, place: Place) -> String {
        let key = Key::new(text, &place);
        if let Some(html) = self.lock().get(&key) {
            return html.to_string();
        }
        // Rendered outside the lock, so other pages go on meanwhile; two threads that miss
        // the same text at once make the same HTML, and the first kept is the one used.
        let html: Arc<str> = super::render(model, text, place).into();
        self.renders.fetch_add(1, Ordering::Relaxed);
        self.lock().entry(key).or_insert(html).to_string()
    }

    /// [`super::render_inline`], once per text.
    pub fn render_inline(&self, model: &Model, text: &str) -> String {
        super::inline_of(self.render(model, text, Place::default()))
    }

    /// How many texts were rendered rather than found.
    pub fn renders(&self) -> usize {
        self.renders.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<Key, Arc<str>>> {
        // A panic elsewhere cannot leave the map half-changed: entries are inserted whole.
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        crate::build::check(std::path::Path::new("content"), false, false)
            .expect("the sample checks")
            .0
    }

    #[test]
    fn each_text_and_place_is_rendered_once_and_as_without_the_cache() {
        let m = model();
        let cache = Cache::default();
        let text = "Some *text*.\n\n# A heading\n\nMore.";
        let at = |h: u8| Place {
            heading_base: h,
            id_prefix: "ev",
            locale: None,
        };
        let first = cache.render(&m, text, at(2));
        assert_eq!(first, super::super::render(&m, text, at(2)));
        assert!(first.contains("<h2 id=\"ev-a-heading\">"), "{first}");
        assert_eq!(cache.render(&m, text, at(2)), first);
        assert_eq!(cache.renders(), 1);
        // Another heading level is another rendering, not the first one's HTML.
        let deeper = cache.render(&m, text, at(3));
        assert!(deeper.contains("<h3 id=\"ev-a-heading\">"), "{deeper}");
        assert_eq!(cache.renders(), 2);
        // So is another id prefix, and another text.
        let other = Place {
            id_prefix: "other",
            ..at(2)
        };
        assert!(cache
            .render(&m, text, other)
            .contains("id=\"other-a-heading\""));
        assert_eq!(cache.render_inline(&m, "*x*"), "<em>x</em>");
        assert_eq!(
            cache.render_inline(&m, "*x*"),
            super::super::render_inline(&m, "*x*")
        );
        assert_eq!(cache.renders(), 4);
    }
}

//! Interface strings in the site's language: navigation, headings, form messages, month names
//! and number punctuation, read from a locale file per language.
//!
//! The theme ships `templates/locales/en.yaml` and `cy.yaml`; a project's
//! `templates/locales/LANG.yaml` overrides any of their strings, or adds a language. English
//! defines the keys: a key English lacks is an error at its place in the project's file, and a
//! key another language lacks falls back to English with a warning. Templates read strings
//! with `{{ t(key="back_to_top") }}` (see [`tera_fn`]); Rust (the PDFs, the collect report)
//! with [`Locale::get`] and [`Locale::fmt`].

mod file;
pub mod format;
pub mod grammar;
pub mod message;
pub mod tera_fn;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

pub use message::Message;

/// The language whose file defines every key, and the fallback for anything missing.
pub const DEFAULT: &str = "en";

/// The interface strings of one language, complete: any key the language's files lack holds
/// the English.
#[derive(Debug, Clone)]
pub struct Locale {
    /// The language code (`en`, `cy`): the primary subtag of a BCP 47 tag, lower case.
    pub lang: String,
    strings: BTreeMap<String, String>,
    /// Keys that fell back to English, with the file that should have had them.
    missing: Vec<String>,
    /// Where the strings came from ("the theme's cy.yaml", a project's file), for warnings.
    source: String,
    /// Every language's strings, for what a page in this language shows in another (an
    /// untranslated block set whole in its own language): see [`Locale::in_lang`].
    others: Option<Box<Locales>>,
}

impl Locale {
    /// The English of the embedded theme (for tools and tests that have no project).
    pub fn english() -> Locale {
        Locales::embedded().get(DEFAULT).as_ref().clone()
    }

    /// [`Locale::english`] without the copy: read once, then shared by every caller (the
    /// Markdown of labels and list items asks for it thousands of times a build).
    pub fn english_shared() -> Arc<Locale> {
        static ENGLISH: std::sync::OnceLock<Arc<Locale>> = std::sync::OnceLock::new();
        ENGLISH
            .get_or_init(|| Locales::embedded().get(DEFAULT))
            .clone()
    }

    /// The embedded theme's strings for `lang` (a code or a tag such as `cy-GB`), English for a
    /// language the theme does not ship.
    pub fn embedded(lang: &str) -> Locale {
        Locales::embedded().get(lang).as_ref().clone()
    }

    /// The string for `key`. Every key of the theme's English file is present; a key that is
    /// not (a mistake in a template or the code) gives the key itself, which tests look for.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// Whether `key` is one of the interface strings.
    pub fn has(&self, key: &str) -> bool {
        self.strings.contains_key(key)
    }

    /// The string for `key` with each `{name}` replaced by its value in `args`.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The strings of language `tag` (a code or tag): this locale's own when it is this
    /// language or knows no others ([`Locales::linked`] gives it the others).
    pub fn in_lang(&self, tag: &str) -> &Locale {
        match &self.others {
            Some(all) if code(tag) != self.lang => {
                all.by_lang.get(&code(tag)).map_or(self, |l| l.as_ref())
            }
            _ => self,
        }
    }

    /// The name of language `tag` in that language ("Cymraeg"), for the language switcher:
    /// its locale file's `language_name`, or the tag itself when it has none (a language
    /// without a locale file, or one whose file leaves the name to English).
    pub fn language_name(&self, tag: &str) -> String {
        let l = self.in_lang(tag);
        let own = code(tag) == l.lang && !l.missing.iter().any(|k| k == "language_name");
        match own {
            true => l.get("language_name").to_string(),
            false => tag.to_string(),
        }
    }

    /// Every key and its string, in key order.
    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.strings
    }

    /// The strings the theme's scripts use (keys `js_…`, without the prefix, and `optional`),
    /// as a JSON object safe inside a `<script type="application/json">` element.
    pub fn script_messages(&self) -> String {
        let mut m: BTreeMap<&str, &str> = self
            .strings
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("js_")?, v.as_str())))
            .collect();
        m.insert("optional", self.get("form_optional"));
        let json = serde_json::to_string(&m).unwrap_or_else(|_| "{}".into());
        // `<` escaped so no string can close the script element.
        json.replace('<', "\\u003c")
    }

    /// Warnings about this language's files: each key that fell back to English.
    pub fn warnings(&self) -> Vec<String> {
        self.missing
            .iter()
            .map(|k| {
                format!(
                    "{}: no `{k}`, so the English \"{}\" is used",
                    self.source,
                    self.get(k)
                )
            })
            .collect()
    }
}

/// `text` with each `{name}` replaced by its value in `args`; other braces are kept.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The language code of a BCP 47 tag: its primary subtag, lower case (`cy-GB` → `cy`).
pub fn code(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Every language a build can use: the theme's, with a project's files laid over them.
#[derive(Debug, Clone)]
pub struct Locales {
    by_lang: BTreeMap<String, Arc<Locale>>,
}

impl Locales {
    /// The embedded theme's languages only (read once).
    pub fn embedded() -> Locales {
        static EMBEDDED: std::sync::OnceLock<Locales> = std::sync::OnceLock::new();
        EMBEDDED.get_or_init(Self::read_embedded).clone()
    }

    fn read_embedded() -> Locales {
        // The theme's own files are checked by the tests; a fault in them is a build of
        // guidewright gone wrong, so it is reported, not hidden.
        Self::load(None).unwrap_or_else(|e| {
            let by_lang = BTreeMap::from([(
                DEFAULT.to_string(),
                Arc::new(Locale {
                    lang: DEFAULT.into(),
                    strings: BTreeMap::new(),
                    missing: Vec::new(),
                    source: format!("the theme's locales are broken: {e}"),
                    others: None,
                }),
            )]);
            Locales { by_lang }
        })
    }

    /// The theme's languages, overridden and extended by the files of `templates/locales/` in
    /// the project's templates folder `overrides` (if it has one). A file that cannot be read,
    /// is not a mapping of strings, or has a key English does not, is an error naming its file,
    /// line and column.
    pub fn load(overrides: Option<&Path>) -> Result<Locales, String> {
        let layers = file::layers(overrides)?;
        let english = layers
            .get(DEFAULT)
            .and_then(|l| l.first())
            .map(|l| l.strings.clone())
            .ok_or_else(|| "the theme has no locales/en.yaml".to_string())?;
        let mut by_lang = BTreeMap::new();
        for (lang, files) in &layers {
            let mut strings = BTreeMap::new();
            for layer in files {
                file::check_keys(layer, &english)?;
                strings.extend(layer.strings.clone());
            }
            let missing: Vec<String> = english
                .keys()
                .filter(|k| !strings.contains_key(*k))
                .cloned()
                .collect();
            for k in &missing {
                strings.insert(k.clone(), english[k].clone());
            }
            let source = files
                .iter()
                .map(|l| l.display.as_str())
                .collect::<Vec<_>>()
                .join(" and ");
            let locale = Locale {
                lang: lang.clone(),
                strings,
                missing,
                source,
                others: None,
            };
            by_lang.insert(lang.clone(), Arc::new(locale));
        }
        Ok(Locales { by_lang })
    }

    /// The strings for a language code or tag (`cy`, `cy-GB`); English when there are none
    /// for it (see [`Locales::warnings_for`]).
    pub fn get(&self, tag: &str) -> Arc<Locale> {
        let lang = code(tag);
        self.by_lang
            .get(&lang)
            .or_else(|| self.by_lang.get(DEFAULT))
            .cloned()
            .unwrap_or_else(|| {
                Arc::new(Locale {
                    lang: DEFAULT.into(),
                    strings: BTreeMap::new(),
                    missing: Vec::new(),
                    source: String::new(),
                    others: None,
                })
            })
    }

    /// [`Locales::get`], knowing every other language too ([`Locale::in_lang`]).
    pub fn linked(&self, tag: &str) -> Arc<Locale> {
        let mut l = self.get(tag).as_ref().clone();
        l.others = Some(Box::new(self.clone()));
        Arc::new(l)
    }

    /// Whether there are interface strings for a language (code or tag).
    pub fn has(&self, tag: &str) -> bool {
        self.by_lang.contains_key(&code(tag))
    }

    /// The language codes there are strings for.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.by_lang.keys().map(String::as_str)
    }

    /// Warnings for a site in language `tag`: no strings for it at all, or keys that fell
    /// back to English.
    pub fn warnings_for(&self, tag: &str) -> Vec<String> {
        if !self.has(tag) {
            return vec![format!(
                "no interface strings for the language `{tag}`, so they are in English: add templates/locales/{}.yaml to the project",
                code(tag)
            )];
        }
        self.get(tag).warnings()
    }
}

#[cfg(test)]
mod tests;

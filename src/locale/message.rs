//! A message for the reader of a report (why a file was skipped, a problem in a return): a
//! locale key with its placeholders, written out in the report's language when the report is
//! made, or a text that has no translation (the readers' technical reasons, which stay in
//! English and are marked as English on a page in another language).

use super::Locale;

/// A message in no language yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A key of the locale files and its placeholders.
    Key(&'static str, Vec<(&'static str, String)>),
    /// Text in English that has no key.
    English(String),
}

impl Message {
    /// The message for `key` with `args`.
    pub fn new(key: &'static str, args: &[(&'static str, &str)]) -> Message {
        Message::Key(key, args.iter().map(|(k, v)| (*k, v.to_string())).collect())
    }

    /// The message in `loc`'s language (an untranslated text as it is).
    pub fn text(&self, loc: &Locale) -> String {
        match self {
            Message::Key(key, args) => {
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                loc.fmt(key, &args)
            }
            Message::English(t) => t.clone(),
        }
    }

    /// The language of [`Message::text`] when it is not `loc`'s (`en-GB` for an untranslated
    /// text in a report in another language), for a `lang` attribute or a PDF span's `/Lang`.
    pub fn lang(&self, loc: &Locale) -> Option<String> {
        match self {
            Message::English(_) if loc.lang != super::DEFAULT => Some("en-GB".into()),
            _ => None,
        }
    }
}

impl From<String> for Message {
    fn from(t: String) -> Message {
        Message::English(t)
    }
}

impl From<&str> for Message {
    fn from(t: &str) -> Message {
        Message::English(t.to_string())
    }
}

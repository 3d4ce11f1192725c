//! The templates' access to the interface strings: the function `t` and the filter
//! `long_date`.
//!
//! `{{ t(key="back_to_top") }}` is the string in the page's language; other arguments fill
//! its placeholders (`{{ t(key="pdf_pages", n=26) }}` for "{n} pages"); an
//! optional `lang="cy"` asks for another language. `{{ date | long_date }}` writes a
//! `YYYY-MM-DD` date with the language's month names (also with an optional `lang`).
//! Output is escaped like any other value.

use super::Locales;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Error, Tera, Value};

/// Registers `t` and `long_date` on `tera`, answering in `lang` unless a call names another.
/// Registering again (another language) replaces them.
pub fn register(tera: &mut Tera, locales: Arc<Locales>, lang: &str) {
    let default = lang.to_string();
    let l = Arc::clone(&locales);
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::msg("t() needs a key, e.g. t(key=\"back_to_top\")"))?;
        let locale = l.get(language(args, &default));
        if !locale.has(key) {
            return Err(Error::msg(format!(
                "t(): no interface string `{key}` in locales/en.yaml"
            )));
        }
        let values: Vec<(&str, String)> = args
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "key" | "lang"))
            .map(|(name, v)| (name.as_str(), plain(v)))
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Ok(Value::String(locale.fmt(key, &pairs)))
    });
    let default = lang.to_string();
    tera.register_filter(
        "long_date",
        move |v: &Value, args: &HashMap<String, Value>| {
            let locale = locales.get(language(args, &default));
            Ok(Value::String(locale.long_date(&plain(v))))
        },
    );
}

/// The `lang` argument of a call, else the registered language.
fn language<'a>(args: &'a HashMap<String, Value>, default: &'a str) -> &'a str {
    args.get("lang").and_then(Value::as_str).unwrap_or(default)
}

/// A value as text: strings as they are, a whole number held as a float without its ".0"
/// (as `{{ 73.0 }}` prints in a template), anything else as JSON writes it.
fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain;
    use tera::Value;

    #[test]
    fn numbers_print_as_templates_print_them() {
        assert_eq!(plain(&serde_json::json!(73.0)), "73");
        assert_eq!(plain(&serde_json::json!(58.7)), "58.7");
        assert_eq!(plain(&serde_json::json!(12)), "12");
        assert_eq!(plain(&Value::String("x".into())), "x");
    }
}

//! How the site presents itself to browsers: `site.yaml`'s `theme_colour` (the browser's tab
//! and toolbar colour, `<meta name="theme-color">`) and `favicon` (the tab icon, a file of the
//! theme's `static/` folder). Both are optional; the theme ships a default of each.

use super::Checker;

/// The colour browsers use for the site when `site.yaml` sets none.
pub const DEFAULT_THEME_COLOUR: &str = "#23324a";

/// The icon formats every current browser shows in a tab, by file extension.
const ICON_TYPES: [(&str, &str); 3] = [
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("ico", "image/x-icon"),
];

/// `true` for a CSS hex colour of the form `#rgb` or `#rrggbb`: the forms a `theme-color` is
/// written in everywhere, and the only ones a content author needs.
pub fn is_hex_colour(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|hex| {
        (hex.len() == 3 || hex.len() == 6) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The MIME type of an icon file, from its extension; `None` for a format browsers may not show.
pub fn icon_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    ICON_TYPES.iter().find(|(e, _)| *e == ext).map(|(_, t)| *t)
}

/// `true` for a file name inside the theme's `static/` folder: relative, without `..`, `\` or
/// characters that would need escaping in an address.
fn is_asset_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
}

impl Checker<'_> {
    /// Checks `theme_colour` and `favicon` in `site.yaml`, each at its value.
    pub(super) fn check_appearance(&mut self) {
        let Some(site) = &self.model.site else {
            return;
        };
        let file = site.file;
        if let Some(c) = site.theme_colour.as_deref() {
            if !is_hex_colour(c) {
                let pos = self.model.pos(file, "theme_colour");
                self.error_at(
                    file,
                    pos,
                    format!("theme_colour `{c}` is not a colour"),
                    Some("write it as # and six hexadecimal digits, e.g. \"#23324a\" (quoted: YAML reads # as a comment)".into()),
                );
            }
        }
        if let Some(icon) = site.favicon.as_deref() {
            let problem = if !is_asset_name(icon) {
                Some(format!(
                    "favicon `{icon}` is not a file name in the theme's static folder"
                ))
            } else if icon_type(icon).is_none() {
                Some(format!("favicon `{icon}` is not an SVG, PNG or ICO file"))
            } else {
                None
            };
            if let Some(message) = problem {
                let pos = self.model.pos(file, "favicon");
                self.error_at(
                    file,
                    pos,
                    message,
                    Some("name a file in the theme's static/ folder, e.g. favicon: crest.png (it is published as assets/crest.png)".into()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        for ok in ["#23324a", "#FFF", "#0b0C0c"] {
            assert!(is_hex_colour(ok), "{ok}");
        }
        for bad in ["23324a", "#2332", "#23324g", "red", "#", "", "#23324a0"] {
            assert!(!is_hex_colour(bad), "{bad}");
        }
    }

    #[test]
    fn icons() {
        assert_eq!(icon_type("crest.PNG"), Some("image/png"));
        assert_eq!(icon_type("a/b.svg"), Some("image/svg+xml"));
        assert_eq!(icon_type("favicon.ico"), Some("image/x-icon"));
        assert_eq!(icon_type("crest.gif"), None);
        assert_eq!(icon_type("crest"), None);
        assert!(is_asset_name("icons/crest.png"));
        for bad in [
            "",
            "/crest.png",
            "../crest.png",
            "a//b.png",
            "a b.png",
            "a\\b.png",
            "x\"y.png",
        ] {
            assert!(!is_asset_name(bad), "{bad}");
        }
    }
}

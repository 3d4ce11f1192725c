//! The site: name, organisation, address and publishing settings.

use super::common::entity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A link in the footer of every page.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub label: String,
    pub url: String,
}

/// Settings that feed the generated accessibility statement.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// Known problems, each a line of Markdown.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// Working days within which an accessible-format request is answered.
    #[serde(default)]
    pub response_days: Option<u32>,
}

/// Bounds on what the loader reads (see docs/content-model.md, "Limits").
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Largest content file the loader reads, in megabytes (1 MB = 1,048,576 bytes).
    /// Default 4; at most 1024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_file_size_mb: Option<u32>,
}

entity! {
    /// `content/site.yaml`: the site as a whole.
    pub struct Site {
        /// Shown in the header of every page.
        pub name: String,
        /// Publisher and copyright holder.
        pub organisation: String,
        /// Absolute URL the site is published at, e.g. https://example.org/guidance/.
        pub base_url: String,
        /// Language of the content (BCP 47), e.g. en-GB.
        pub language: String,
        /// Licence line, e.g. "Open Government Licence v3.0".
        pub licence: String,
        #[serde(default)]
        pub licence_url: Option<String>,
        /// Address for accessible-format requests and feedback.
        pub contact_email: String,
        #[serde(default)]
        pub footer_links: Vec<FooterLink>,
        #[serde(default)]
        pub accessibility: Accessibility,
        /// Colour browsers give the site's tab and toolbar, as `#rrggbb`. Default `#23324a`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub theme_colour: Option<String>,
        /// Tab icon: a file in the theme's `static/` folder (SVG, PNG or ICO), published under
        /// `assets/`. Default `favicon.svg`, shipped with the theme.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub favicon: Option<String>,
        /// Bounds on what the loader reads.
        #[serde(default)]
        pub limits: Limits,
        /// The site's languages (BCP 47 primary tags, e.g. `[en, cy]`), the first the default.
        /// Translations are files named with a language suffix (`kps-assessing.cy.yaml`); each
        /// further language is published under its own folder (`cy/`). Empty: one language.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub languages: Vec<String>,
        /// Whether every page must be translated into every language: `check` then warns
        /// about each untranslated one (so `--deny-warnings` fails); otherwise (the default)
        /// it lists them in a note per language, and their pages say they are not translated.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pub complete_translations: bool,
        /// Inspection findings whose denominator is under this are flagged as small numbers
        /// in their table and chart, with a note (default 10; 0 flags none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub small_number_threshold: Option<u64>,
    }
}

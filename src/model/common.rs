//! Fields and types shared by every entity.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Publication status of an entity. Drafts are left out of a normal build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    #[default]
    Published,
    Withdrawn,
}

/// An entity whose id may be written in the file (otherwise it is the file stem).
pub trait HasId {
    fn explicit_id(&self) -> Option<&str>;
}

impl<T: HasId> HasId for std::sync::Arc<T> {
    fn explicit_id(&self) -> Option<&str> {
        (**self).explicit_id()
    }
}

/// Declares an entity struct with `deny_unknown_fields` and the optional fields every entity
/// shares (`id`, `status`, `version`, `published`, `updated`, `review_due`, `lang`).
/// (serde cannot combine `flatten` with `deny_unknown_fields`, hence a macro.)
macro_rules! entity {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            /// Overrides the id taken from the file name (lower-kebab-case).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// draft | published | withdrawn (default published). Drafts are left out of a normal build.
            #[serde(default)]
            pub status: $crate::model::common::Status,
            /// Version label, e.g. "1.2".
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub version: Option<String>,
            /// Date first published (YYYY-MM-DD).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub published: Option<String>,
            /// Date last updated (YYYY-MM-DD).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub updated: Option<String>,
            /// Date by which the content should be reviewed (YYYY-MM-DD).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub review_due: Option<String>,
            /// Language of the content if it differs from the site's (BCP 47, e.g. cy).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub lang: Option<String>,
        }

        impl $crate::model::common::HasId for $name {
            fn explicit_id(&self) -> Option<&str> {
                self.id.as_deref()
            }
        }
    };
}
pub(crate) use entity;

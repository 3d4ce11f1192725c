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

/// The four stages of case supervision (assessment, planning, implementation and delivery,
/// reviewing) that guides and checklists are organised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AspireStage {
    Assessment,
    Planning,
    ImplementationDelivery,
    Reviewing,
}

impl AspireStage {
    /// Human label, e.g. "Implementation and delivery".
    pub fn label(self) -> &'static str {
        match self {
            AspireStage::Assessment => "Assessment",
            AspireStage::Planning => "Planning",
            AspireStage::ImplementationDelivery => "Implementation and delivery",
            AspireStage::Reviewing => "Reviewing",
        }
    }
}

/// The practice lenses key questions are asked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Lens {
    Engagement,
    Desistance,
    KeepingTheChildSafe,
    KeepingOtherPeopleSafe,
}

impl Lens {
    /// Human label, e.g. "Keeping other people safe".
    pub fn label(self) -> &'static str {
        match self {
            Lens::Engagement => "Engagement",
            Lens::Desistance => "Desistance",
            Lens::KeepingTheChildSafe => "Keeping the child safe",
            Lens::KeepingOtherPeopleSafe => "Keeping other people safe",
        }
    }
}

/// The service a guide is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    Probation,
    YouthJustice,
}

impl Service {
    pub fn label(self) -> &'static str {
        match self {
            Service::Probation => "Probation",
            Service::YouthJustice => "Youth justice",
        }
    }
}

/// An entity whose id may be written in the file (otherwise it is the file stem).
pub trait HasId {
    fn explicit_id(&self) -> Option<&str>;
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

//! JSON Schemas for each kind of content file, generated from the model's types so they can
//! never drift from what the loader accepts.

use crate::model::*;
use schemars::schema::RootSchema;
use schemars::schema_for;

/// Each kind of file with its schema and the files it applies to (glob below `content/`).
pub fn all() -> Vec<(&'static str, &'static str, RootSchema)> {
    vec![
        // `?(.*)`: a translation (`site.cy.yaml`) has its original's schema.
        ("site", "site?(.*).yaml", schema_for!(Site)),
        ("glossary", "glossary?(.*).yaml", schema_for!(Glossary)),
        ("vocabulary", "vocabulary.yaml", schema_for!(Vocabulary)),
        ("guide", "guides/*/guide?(.*).yaml", schema_for!(Guide)),
        (
            "chapter",
            "guides/*/!(guide|guide.*).yaml",
            schema_for!(Chapter),
        ),
        ("standard", "standards/*.yaml", schema_for!(Standard)),
        ("evidence", "evidence/*.yaml", schema_for!(EvidenceSummary)),
        ("findings", "findings/*.yaml", schema_for!(Findings)),
        ("example", "examples/*.yaml", schema_for!(PracticeExample)),
        ("quotes", "quotes/*.yaml", schema_for!(QuoteFile)),
        ("scale", "scales/*.yaml", schema_for!(ClassificationScale)),
        (
            "response-scale",
            "response-scales/*.yaml",
            schema_for!(ResponseScale),
        ),
        ("checklist", "checklists/*.yaml", schema_for!(Checklist)),
    ]
}

/// The names of the kinds, for help text and errors.
pub fn kinds() -> Vec<&'static str> {
    all().into_iter().map(|(k, _, _)| k).collect()
}

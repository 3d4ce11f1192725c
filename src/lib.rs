//! guidewright: compiles structured YAML effective-practice guidance into an accessible static
//! website (and, in later stages, PDFs, fillable forms and summary reports).
//!
//! The pipeline, one module a stage: [`load`] reads and parses the content tree, [`validate`]
//! checks ids and references, [`render`] turns the model into pages through Tera templates,
//! and [`output`] writes them atomically.

pub mod build;
pub mod check;
pub mod collect;
pub mod dates;
pub mod diag;
pub mod document;
pub mod docx;
pub mod lang;
pub mod linkcheck;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod odt;
pub mod output;
pub mod pdf;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod urls;
pub mod validate;

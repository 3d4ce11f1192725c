//! The loader's size bound for one file: 4 MB unless `site.yaml` sets `limits.max_file_size_mb`.
//!
//! `site.yaml` is read for this before the other files, under the default bound and through
//! the same guard; if it cannot be read or parsed the default holds (and the file's own
//! problems are reported when it is loaded with the rest).

use super::{guard, read};
use serde::Deserialize;
use std::path::Path;

/// Bytes in the megabyte that `max_file_size_mb` counts.
pub const MB: u64 = 1024 * 1024;

/// The bound on one file when `site.yaml` does not set one.
pub const DEFAULT_FILE_SIZE: u64 = 4 * MB;

/// The largest bound `site.yaml` may set: beyond it, memory rather than the bound would stop
/// a build.
pub const MAX_FILE_SIZE_MB: u32 = 1024;

#[derive(Deserialize)]
struct SiteLimits {
    #[serde(default)]
    limits: Option<Limits>,
}

#[derive(Deserialize)]
struct Limits {
    #[serde(default)]
    max_file_size_mb: Option<u32>,
}

/// The bound on one file of the content tree at `content`, in bytes.
pub fn file_size_limit(content: &Path) -> u64 {
    ["site.yaml", "site.yml"]
        .iter()
        .map(|name| content.join(name))
        .find(|p| p.is_file())
        .and_then(|p| configured(&p))
        .map_or(DEFAULT_FILE_SIZE, |mb| u64::from(mb) * MB)
}

/// `limits.max_file_size_mb` of the site file at `path`, when it is set and in range (the
/// validator reports a value out of range at its place).
fn configured(path: &Path) -> Option<u32> {
    let text = read::read_text(path, DEFAULT_FILE_SIZE).ok()?;
    guard::scan(&text, |_, _| {}).ok()?;
    let site: SiteLimits = serde_yaml::from_str(&text).ok()?;
    site.limits?
        .max_file_size_mb
        .filter(|mb| (1..=MAX_FILE_SIZE_MB).contains(mb))
}

/// Reports a `limits.max_file_size_mb` in `site.yaml` that is out of range, at its place.
pub fn check_site(model: &crate::model::Model, report: &mut crate::diag::Report) {
    let Some(site) = &model.site else { return };
    let Some(mb) = site.data.limits.max_file_size_mb else {
        return;
    };
    if (1..=MAX_FILE_SIZE_MB).contains(&mb) {
        return;
    }
    let pos = model.positions[site.file].nearest("limits.max_file_size_mb");
    report.push(
        crate::diag::Diagnostic::error(
            site.file,
            pos,
            format!("`max_file_size_mb` must be between 1 and {MAX_FILE_SIZE_MB}, not {mb}"),
        )
        .with_help("the default, 4, suits any real guide; the value is in megabytes"),
    );
}

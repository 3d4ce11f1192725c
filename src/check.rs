//! `guidewright check`: everything a build validates, plus the checks made before publishing —
//! review dates that have passed and orphaned entities (warnings), and every link and anchor
//! of the site's pages rendered in memory (errors). The other files a build writes (PDFs, office
//! forms, the search index, the feed) are only named, so links to them resolve; no PDF is
//! typeset (the PDF fonts' missing glyphs are found from their character maps) and no search
//! index is built. Nothing is written.

use crate::build::{self, BuildError, BuildOptions};
use crate::diag::{Diagnostic, Pos};
use crate::linkcheck::{self, Finding};
use crate::model::Model;
use crate::progress::Progress;
use crate::validate::Options;

/// What a check found.
#[derive(Debug)]
pub struct Outcome {
    /// Every finding, rendered with file, line and column where it is written.
    pub report: String,
    pub errors: usize,
    pub warnings: usize,
    /// Content files read.
    pub files: usize,
    /// Pages whose links were checked.
    pub pages: usize,
}

/// Runs every check. `today` (YYYY-MM-DD) is the date review dates are compared with.
pub fn run(options: &BuildOptions, today: &str, colour: bool) -> Result<Outcome, BuildError> {
    run_with_progress(options, today, colour, &Progress::hidden())
}

/// [`run`], showing each stage on `progress`.
pub fn run_with_progress(
    options: &BuildOptions,
    today: &str,
    colour: bool,
    progress: &Progress,
) -> Result<Outcome, BuildError> {
    let validation = Options {
        drafts: options.drafts,
        today: Some(today.to_string()),
        orphans: true,
    };
    let rendered = build::plan(options, validation, colour, progress)?;
    let site_path = crate::render::pages::site_path(&rendered.model);
    let findings = linkcheck::check(&rendered.files, &site_path);
    let (located, unlocated): (Vec<_>, Vec<_>) = findings
        .iter()
        .map(|f| (f, locate(&rendered.model, f)))
        .partition(|(_, at)| at.is_some());
    let diags: Vec<Diagnostic> = located
        .into_iter()
        .filter_map(|(f, at)| {
            let (file, pos) = at?;
            let mut d = Diagnostic::error(
                file,
                pos,
                format!("broken link `{}`: {}", f.href, f.problem),
            );
            d.help = Some(format!(
                "it appears on the page {} (line {})",
                f.page, f.line
            ));
            Some(d)
        })
        .collect();
    let mut diags = diags;
    let malformed = external_addresses(&rendered.model);
    let errors = findings.len() + malformed.len();
    diags.extend(malformed);
    diags.sort_by_key(|d| d.at.map(|(f, p)| (f, p.offset)));
    let mut report = rendered.warnings.clone();
    report.push_str(&rendered.model.sources.render(&diags, colour));
    for (f, _) in &unlocated {
        report.push_str(&format!(
            "error: broken link `{}`: {}\n  ┌─ {} (built page), line {}\n\n",
            f.href, f.problem, f.page, f.line
        ));
    }
    Ok(Outcome {
        report,
        errors,
        warnings: rendered.warning_count,
        files: rendered.model.sources.files.len(),
        pages: rendered
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count(),
    })
}

/// Where in the content a broken link was written: the `#anchor` (or the whole address) as
/// it stands in a source file.
fn locate(model: &Model, f: &Finding) -> Option<(usize, Pos)> {
    let needles: Vec<String> = match f.href.split_once('#') {
        Some((_, frag)) if !frag.is_empty() => vec![format!("#{frag})"), format!("#{frag}")],
        _ => vec![format!("({})", f.href), f.href.clone()],
    };
    needles.iter().find_map(|needle| {
        model
            .sources
            .files
            .iter()
            .enumerate()
            .find_map(|(i, file)| {
                file.text
                    .find(needle.as_str())
                    .map(|o| (i, Pos::from_offset(&file.text, o)))
            })
    })
}

/// Web addresses written in the content (Markdown link targets and `url:` values) that are
/// not well-formed. Checked as written, since the sanitiser drops a malformed address from
/// the page. No network is used.
fn external_addresses(model: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, file) in model.sources.files.iter().enumerate() {
        let text = &file.text;
        let starts = text
            .match_indices("](")
            .map(|(o, _)| o + 2)
            .chain(text.match_indices("url:").map(|(o, _)| o + 4));
        for start in starts {
            let rest = text[start..].trim_start_matches([' ', '"', '\'']);
            let offset = text.len() - rest.len();
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == '"' || c == '\'')
                .unwrap_or(rest.len());
            let address = &rest[..end];
            let lower = address.to_ascii_lowercase();
            if !(lower.starts_with("http:") || lower.starts_with("https:")) {
                continue;
            }
            let problem = match url::Url::parse(address) {
                Ok(u)
                    if u.host_str()
                        .is_some_and(|h| h.contains('.') || h == "localhost") =>
                {
                    continue
                }
                Ok(_) => "it has no host name".to_string(),
                Err(e) => e.to_string(),
            };
            out.push(Diagnostic::error(
                i,
                Pos::from_offset(text, offset),
                format!("malformed web address `{address}`: {problem}"),
            ));
        }
    }
    out
}

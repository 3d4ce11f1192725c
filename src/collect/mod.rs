//! `guidewright collect`: reads returned checklists (filled PDF forms, DOCX and ODT forms
//! filled in Word or LibreOffice, the HTML form's JSON and CSV exports) and compiles a summary report — `index.html`, `summary.csv` and
//! `report.pdf` — written atomically into one folder.
//!
//! The stages, one file each: [`files`] finds and reads the returns ([`read_pdf`] with
//! [`pdf_fields`] and [`pdf_text`], [`read_office`] with [`zipped`], [`xml`], [`read_docx`] and
//! [`read_odt`], [`read_json`], [`read_csv`]); [`tally`] counts;
//! [`narrative`] words the findings; [`report_csv`], [`report_html`] and [`crate::document::report`]
//! write them.

pub mod data_json;
pub mod files;
pub mod funnel;
pub mod funnel_svg;
pub mod grouping;
pub mod highlights;
pub mod narrative;
pub mod overview;
pub mod pdf_fields;
pub mod pdf_text;
pub mod read_csv;
pub mod read_docx;
pub mod read_json;
pub mod read_odt;
pub mod read_office;
pub mod read_pdf;
pub mod report_csv;
pub mod report_html;
pub mod returns;
pub mod rounds;
pub mod stats;
pub mod summary;
pub mod tally;
pub mod trend_svg;
pub mod versions;
pub mod xml;
pub mod zipped;

use crate::model::{Checklist, CountsAs, Entry, FieldKind, Model, Unit};
use returns::{Return, Skipped};
use std::collections::BTreeMap;
use std::path::PathBuf;
use summary::*;

/// What `collect` is asked to do.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    pub checklist: String,
    pub content: PathBuf,
    pub output: PathBuf,
    pub paths: Vec<PathBuf>,
    /// Audit rounds in order, `(label, path)`, the last the current round (`--round`); when
    /// given, `paths` is empty. A label given twice reads both paths into its round.
    pub rounds: Vec<(String, PathBuf)>,
    /// An earlier report's folder whose `data.json` is the round before the first one read
    /// (`--compare`).
    pub compare: Option<PathBuf>,
    pub group_by: Option<String>,
    pub include_evidence: bool,
    pub strict: bool,
    /// A folder of templates overriding the default theme (default: `templates/` beside the
    /// content folder).
    pub templates: Option<PathBuf>,
    /// Replace an output folder guidewright did not make (never a protected one).
    pub force: bool,
    /// The report's language (`--lang`): one of the site's `languages`; its words, dates and
    /// the checklist's translation. Default: the site's default language. (Returns do not say
    /// which language's form made them, and one report compiles both, so the language is the
    /// reader's choice, not the returns'.)
    pub lang: Option<String>,
}

/// What a run compiled (and wrote, when at least one return was compiled).
pub struct Outcome {
    pub summary: Summary,
    /// Whether the report was written.
    pub written: bool,
}

/// Why `collect` stopped without a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectError {
    /// An option that cannot be honoured (exit status 2, like other usage errors).
    Usage(String),
    /// The content, the output folder or the writing failed (exit status 1).
    Failed(String),
}

impl CollectError {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CollectError::Usage(_) => 2,
            CollectError::Failed(_) => 1,
        }
    }
}

impl std::fmt::Display for CollectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CollectError::Usage(m) | CollectError::Failed(m) => write!(f, "{m}"),
        }
    }
}

impl From<String> for CollectError {
    fn from(m: String) -> CollectError {
        CollectError::Failed(m)
    }
}

/// Reads the returns and compiles the summary; writes the report unless no return could be
/// compiled (or, with `strict`, a file was skipped).
pub fn run(opts: &CollectOptions, colour: bool) -> Result<Outcome, CollectError> {
    let (model, _warnings) =
        crate::build::check(&opts.content, false, colour).map_err(|e| e.to_string())?;
    let model = in_language(model, opts.lang.as_deref())?;
    let c = model
        .checklists
        .iter()
        .find(|c| c.id == opts.checklist)
        .ok_or_else(|| {
            let ids: Vec<&str> = model.checklists.iter().map(|c| c.id.as_str()).collect();
            format!(
                "error: there is no checklist `{}` in {} (checklists: {})",
                opts.checklist,
                opts.content.display(),
                if ids.is_empty() {
                    "none".into()
                } else {
                    ids.join(", ")
                }
            )
        })?;
    if let Some(g) = &opts.group_by {
        grouping::check_field(c, g)?;
    }
    let templates = crate::build::checked_templates_dir(opts.templates.as_deref(), &opts.content)
        .map_err(|e| format!("error: {e}"))?;
    let rounds = rounds::round_paths(opts);
    let rules = rounds.iter().flat_map(|r| &r.1).fold(
        crate::output::Rules::new(&opts.content, &templates, opts.force),
        |rules, p| rules.keep("returns being read", p),
    );
    let dest = crate::output::check(&opts.output, &rules).map_err(|e| format!("error: {e}"))?;
    let mut theme =
        crate::render::theme::Theme::load(Some(&templates)).map_err(|e| format!("error: {e}"))?;
    theme.use_language(&crate::render::theme::site_language(&model));
    let loc = theme.locale.clone();
    let mut earlier = Vec::new();
    let mut current = None;
    for (i, (label, paths)) in rounds.iter().enumerate() {
        let mut skipped = Vec::new();
        let found = files::list(paths, &mut skipped, &loc);
        let files_read = found.len();
        let read: Vec<(String, Result<Return, crate::locale::Message>)> = {
            use rayon::prelude::*;
            found
                .par_iter()
                .map(|f| (f.name.clone(), files::read(&f.path, &f.name)))
                .collect()
        };
        // Case references repeat across rounds, never within one.
        let returns = accept(c, read, &mut skipped, &loc);
        if i + 1 < rounds.len() {
            let s = compile(&model, c, opts, returns, skipped, files_read, &loc);
            earlier.push((label.clone(), s));
            continue;
        }
        if let Some(g) = &opts.group_by {
            grouping::check_spread(&model, c, g, &returns)?;
        }
        current = Some(compile(&model, c, opts, returns, skipped, files_read, &loc));
    }
    let mut summary = current.ok_or_else(|| "error: no returns were given".to_string())?;
    let previous = match &opts.compare {
        Some(dir) => Some(data_json::read(dir, &c.id)?),
        None => None,
    };
    if !opts.rounds.is_empty() || previous.is_some() {
        let label = rounds.last().map(|r| r.0.clone()).filter(|l| !l.is_empty());
        rounds::with_rounds(
            &mut summary,
            earlier,
            previous,
            label.unwrap_or_else(|| loc.get("report_this_round").into()),
            &loc,
        );
    }
    if summary.returns == 0 || (opts.strict && !summary.skipped.is_empty()) {
        return Ok(Outcome {
            summary,
            written: false,
        });
    }
    let out = report_files(&model, c, &theme, &summary)?;
    crate::output::write_site(&dest, &out)
        .map_err(|e| format!("error: writing {}: {e}", opts.output.display()))?;
    Ok(Outcome {
        summary,
        written: true,
    })
}

/// The report's files: `index.html`, `summary.csv`, `report.pdf`, and `groups.csv` and
/// `funnel.csv` when the returns are grouped.
fn report_files(
    model: &Model,
    c: &Entry<Checklist>,
    theme: &crate::render::theme::Theme,
    summary: &Summary,
) -> Result<Vec<crate::render::OutputFile>, String> {
    let mut out = vec![
        crate::render::OutputFile {
            path: "index.html".into(),
            bytes: report_html::render(model, theme, summary)?.into_bytes(),
        },
        crate::render::OutputFile {
            path: "summary.csv".into(),
            bytes: report_csv::questions(summary),
        },
        crate::render::OutputFile {
            path: "report.pdf".into(),
            bytes: crate::pdf::render(
                &crate::document::report::compose(model, c, summary, &theme.locale),
                &theme.locale,
            )
            .bytes,
        },
        crate::render::OutputFile {
            path: "data.json".into(),
            bytes: data_json::write(summary),
        },
    ];
    if !summary.groups.is_empty() {
        out.push(crate::render::OutputFile {
            path: "groups.csv".into(),
            bytes: report_csv::groups(summary),
        });
        out.push(crate::render::OutputFile {
            path: "funnel.csv".into(),
            bytes: report_csv::funnel(summary),
        });
    }
    if !summary.history.is_empty() {
        out.push(crate::render::OutputFile {
            path: "changes.csv".into(),
            bytes: report_csv::changes(summary),
        });
    }
    Ok(out)
}

/// Keeps the returns for this checklist (id and an accepted version), each case reference
/// once; everything else is skipped with its reason, in `loc`'s language.
fn accept(
    c: &Entry<Checklist>,
    read: Vec<(String, Result<Return, crate::locale::Message>)>,
    skipped: &mut Vec<Skipped>,
    loc: &crate::locale::Locale,
) -> Vec<Return> {
    use crate::locale::Message;
    let cfg = c.report.clone().unwrap_or_default();
    let version = c.version.clone().unwrap_or_default();
    let reference = case_reference_field(c);
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut out = Vec::new();
    for (file, r) in read {
        let reason = match r {
            Err(reason) => reason,
            Ok(r) if r.checklist != c.id => Message::new(
                "report_skip_other_checklist",
                &[("found", &r.checklist), ("wanted", &c.id)],
            ),
            Ok(r) if !cfg.reads_version(&version, &r.version) => Message::new(
                "report_skip_other_version",
                &[("found", &r.version), ("version", &version)],
            ),
            Ok(r) if r.answers.is_empty() && r.metadata.is_empty() => {
                Message::new("report_skip_blank", &[])
            }
            Ok(r) => {
                let given = reference.as_ref().and_then(|f| r.metadata.get(f));
                let key = given.map(|v| v.trim().to_lowercase());
                match key.and_then(|k| seen.get(&k).cloned()) {
                    Some(first) => Message::new(
                        "report_skip_duplicate",
                        &[
                            ("reference", given.map_or("", |v| v.trim())),
                            ("file", &first),
                        ],
                    ),
                    None => {
                        if let Some(k) = given {
                            seen.insert(k.trim().to_lowercase(), file.clone());
                        }
                        out.push(r);
                        continue;
                    }
                }
            }
        };
        skipped.push(Skipped::new(file, &reason, loc));
    }
    out
}

pub(crate) fn case_reference_field(c: &Checklist) -> Option<String> {
    let cfg = c.report.clone().unwrap_or_default();
    cfg.case_reference.or_else(|| {
        c.metadata_fields
            .iter()
            .find(|f| f.id == "case-reference")
            .map(|f| f.id.clone())
    })
}

/// The model of the report's language `lang` (`--lang`): the default language's, or a further
/// language's with its translation of the checklist and its response scales; an error naming
/// the site's languages for any other.
fn in_language(mut model: Model, lang: Option<&str>) -> Result<Model, String> {
    let Some(lang) = lang else { return Ok(model) };
    let code = crate::locale::code(lang);
    let default = crate::locale::code(model.default_language());
    if code == default {
        return Ok(model);
    }
    let all = crate::lang::declared(&model);
    let found = std::mem::take(&mut model.translations)
        .into_iter()
        .find(|m| {
            m.language
                .as_ref()
                .is_some_and(|l| crate::locale::code(&l.code) == code)
        });
    found.ok_or_else(|| {
        let listed = match all.is_empty() {
            true => format!("the site has one language, `{default}`"),
            false => format!("the site's languages are {}", all.join(", ")),
        };
        format!("error: --lang `{lang}` is not a language of the site: {listed}")
    })
}

/// Compiles the summary of the accepted returns; its sentences are in `loc`'s language.
pub fn compile(
    model: &Model,
    c: &Entry<Checklist>,
    opts: &CollectOptions,
    returns: Vec<Return>,
    skipped: Vec<Skipped>,
    files_read: usize,
    loc: &crate::locale::Locale,
) -> Summary {
    let cfg = c.report.clone().unwrap_or_default();
    let (unit, units) = match c.unit {
        Unit::Case => (loc.get("report_unit_case"), loc.get("report_units_case")),
        Unit::Team => (loc.get("report_unit_team"), loc.get("report_units_team")),
    };
    let all: Vec<&Return> = returns.iter().collect();
    let groups = match &opts.group_by {
        Some(f) => tally::group(model, c, f, &returns, loc),
        None => Vec::new(),
    };
    let mut problems: Vec<String> = returns
        .iter()
        .flat_map(|r| {
            r.problems
                .iter()
                .map(move |p| format!("{}: {}", r.file, p.text(loc)))
        })
        .collect();
    let reference = case_reference_field(c);
    let mut questions = Vec::new();
    for s in &c.sections {
        for q in &s.questions {
            // Only the returns whose version asked the question count towards it.
            let (asked, not_asked) = versions::asking(&cfg, &q.id, &all);
            let whole = tally::cell(
                &cfg,
                tally::count(model, q, &asked, &mut problems, loc),
                loc,
            );
            let mut ignore = Vec::new();
            let cells = groups
                .iter()
                .map(|(_, rs)| {
                    let asked = versions::asking(&cfg, &q.id, rs).0;
                    tally::cell(&cfg, tally::count(model, q, &asked, &mut ignore, loc), loc)
                })
                .collect();
            let new_since = (not_asked > 0).then(|| {
                let missing = versions::missing_in(&cfg, &q.id, &all, loc);
                versions::words::new_since(&missing, not_asked, loc)
            });
            let options = model
                .response_scale(&q.response)
                .map(|r| r.options.as_slice())
                .unwrap_or(&[]);
            let positive = options
                .iter()
                .find(|o| o.counts_as == CountsAs::Positive)
                .map_or(loc.get("report_yes").to_string(), |o| o.label.clone());
            let evidence = if opts.include_evidence {
                returns
                    .iter()
                    .filter_map(|r| {
                        let text = r.evidence.get(&q.id)?;
                        let who = reference.as_ref().and_then(|f| r.metadata.get(f)).cloned();
                        Some((who.unwrap_or_else(|| r.file.clone()), text.clone()))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            questions.push(QuestionResult {
                id: q.id.clone(),
                code: q.code.clone(),
                text: q.text.clone(),
                section: s.id.clone(),
                headline: narrative::headline(q, &whole, (unit, units), &positive, loc),
                all: whole,
                groups: cells,
                has_partial: options.iter().any(|o| o.counts_as == CountsAs::Partial),
                evidence,
                not_asked,
                new_since,
            });
        }
    }
    let sections = c
        .sections
        .iter()
        .map(|s| section(model, &cfg, s, &questions, groups.len(), loc))
        .collect::<Vec<_>>();
    let picked = highlights::highlights(&cfg, &questions, loc);
    let date_field = cfg.date_field.clone().or_else(|| {
        c.metadata_fields
            .iter()
            .find(|f| f.kind == FieldKind::Date)
            .map(|f| f.id.clone())
    });
    let version = c.version.clone().unwrap_or_default();
    let versions: Vec<String> = std::iter::once(version.clone())
        .chain(cfg.accepts_versions.iter().cloned())
        .chain(cfg.versions.iter().map(|v| v.version.clone()))
        .collect();
    let discontinued = versions::leftovers(c, &cfg, &returns, &mut problems, loc);
    let mut methodology = narrative::methodology(&cfg, (unit, units), &versions, loc);
    if !cfg.versions.is_empty() {
        methodology.push(versions::words::method(&version, loc));
    }
    let period = tally::period(date_field.as_deref(), &returns);
    let period_words = period
        .as_ref()
        .map(|(a, z)| overview::period_words(a, z, loc));
    let group_by = opts.group_by.as_ref().map(|g| {
        c.metadata_fields
            .iter()
            .find(|f| &f.id == g)
            .map_or(g.clone(), |f| f.label.clone())
    });
    let overview = overview::paragraph(
        &overview::Facts {
            returns: returns.len(),
            unit,
            units,
            groups: group_by.as_deref().map(|g| (g, groups.len())),
            period: period_words.as_deref(),
            sections: &sections,
            questions: &questions,
            cfg: &cfg,
        },
        loc,
    );
    let group_list: Vec<Group> = groups
        .iter()
        .map(|(name, rs)| Group {
            name: name.clone(),
            returns: rs.len(),
        })
        .collect();
    Summary {
        round: None,
        rounds: Vec::new(),
        history: Vec::new(),
        previous_round: None,
        section_history: Vec::new(),
        discontinued,
        change_lines: Vec::new(),
        earlier: Vec::new(),
        funnels: funnel::funnels(&group_list, &sections, &questions, loc),
        checklist_id: c.id.clone(),
        title: c.title.clone(),
        version,
        organisation: model
            .site
            .as_ref()
            .map_or(String::new(), |s| s.organisation.clone()),
        unit: unit.into(),
        units: units.into(),
        files_read,
        returns: returns.len(),
        skipped,
        problems,
        compiled: period.as_ref().map(|p| loc.long_date(&p.1)),
        period,
        period_words,
        overview,
        group_by,
        groups: group_list,
        sections,
        questions,
        strengths: picked.strengths,
        strengths_rule: picked.strengths_rule,
        improvements: picked.improvements,
        improvements_rule: picked.improvements_rule,
        suppress_below: cfg.suppress_below(),
        agreement: tally::agreement(model, c, &returns, (unit, units), loc),
        actions: narrative::actions(c, &returns, loc),
        methodology,
        bands: cfg
            .bands()
            .into_iter()
            .map(|b| BandView {
                colour: format!("{:?}", b.colour).to_lowercase(),
                label: b.label,
                from: b.from,
            })
            .collect(),
        minimum: cfg.minimum_answers(),
        include_evidence: opts.include_evidence,
        versions,
    }
}

/// A section's score over all returns and per group. A group's score is suppressed when one
/// of its questions' figures is (the score could give it away), and flagged as a small number
/// when one of them is.
fn section(
    model: &Model,
    cfg: &crate::model::ReportConfig,
    s: &crate::model::ChecklistSection,
    questions: &[QuestionResult],
    groups: usize,
    loc: &crate::locale::Locale,
) -> SectionResult {
    let qs: Vec<&QuestionResult> = questions.iter().filter(|q| q.section == s.id).collect();
    let score = |pick: &dyn Fn(&QuestionResult) -> &Cell| {
        let cells: Vec<&Cell> = qs.iter().map(|q| pick(q)).collect();
        let suppressed = cells.iter().any(|c| c.suppressed);
        let ps: Vec<u32> = cells.iter().filter_map(|c| c.percent).collect();
        let sc = tally::section_score(cfg.section_score, &ps).filter(|_| !suppressed);
        let band = tally::band_view(cfg, sc);
        let small = cells.iter().any(|c| c.small && c.percent.is_some());
        let figure = match (sc, &band) {
            _ if suppressed => loc.get("report_suppressed").to_string(),
            (Some(p), Some(b)) => format!("{p}% {}", b.label),
            (Some(p), None) => format!("{p}%"),
            (None, _) => loc.get("report_no_score").to_string(),
        } + if small && !suppressed {
            loc.get("report_small_number")
        } else {
            ""
        };
        SectionCell {
            score: sc,
            band,
            small,
            suppressed,
            figure,
        }
    };
    let all = score(&|q| &q.all);
    let standard = model
        .standard(&s.standard)
        .map_or_else(Default::default, |st| {
            let lang = crate::lang::foreign(model, st.lang.as_deref()).map(String::from);
            let number = [("number", st.number.as_str())];
            Embedded::new(
                loc,
                "pdf_form_standard",
                &number,
                ("title", &st.title),
                lang,
            )
        });
    SectionResult {
        id: s.id.clone(),
        title: s.title.clone(),
        standard: standard.plain(),
        standard_parts: standard,
        score: all.score,
        band: all.band,
        small: all.small,
        suppressed: all.suppressed,
        figure: all.figure,
        groups: (0..groups).map(|i| score(&|q| &q.groups[i])).collect(),
        questions: qs.iter().map(|q| q.code.clone()).collect(),
    }
}

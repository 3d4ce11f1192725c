//! Synthetic content trees, for benchmarks and scale tests.
//!
//! [`generate`] writes a large but valid content tree: `site.yaml`, a glossary, shared
//! classification and response scales and, for every guide, a guide with eight chapters that
//! between them use every section kind, four standards (three key questions of three prompts
//! each), an evidence summary, inspection findings with consistent statistics, four practice
//! examples (the second continues the first), a quotes file and a 13-question self-assessment
//! checklist. Every id of guide `n` starts with `g<n>-`, so ids are unique across the tree.
//!
//! The text is pseudo-prose built from a word list by a small seeded generator, with Markdown
//! lists, bold, tables, subheadings and `ref:`/`term:` links. The output depends only on the
//! number of guides (never on the clock), and guide `n` is the same whatever the total.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file written at the top of every generated tree so tools can tell it from hand-written
/// content. It is not YAML, so the loader ignores it.
pub const MARKER: &str = ".guidewright-corpus";

/// Every top-level entry [`generate`] writes (the marker included), e.g. to clear a tree
/// before generating it again.
pub const ENTRIES: &[&str] = &[
    MARKER,
    "site.yaml",
    "glossary.yaml",
    "guides",
    "standards",
    "evidence",
    "findings",
    "examples",
    "quotes",
    "scales",
    "response-scales",
    "checklists",
];

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusStats {
    /// Guides written.
    pub guides: usize,
    /// Files written, the marker included.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// `(aspire_stage, chapter id suffix, label, checklist code letter)` of the four stages.
const STAGES: [(&str, &str, &str, &str); 4] = [
    ("assessment", "assessing", "Assessment", "A"),
    ("planning", "planning", "Planning", "P"),
    (
        "implementation-delivery",
        "delivering",
        "Implementation and delivery",
        "I",
    ),
    ("reviewing", "reviewing", "Reviewing", "R"),
];

const TOPICS: [&str; 8] = [
    "Keeping people safe",
    "Working with families",
    "Managing transitions",
    "Building engagement",
    "Supporting desistance",
    "Education, training and work",
    "Health and wellbeing",
    "Housing and stability",
];

const WORDS: &[&str] = &[
    "the",
    "practitioner",
    "assessment",
    "plan",
    "review",
    "agencies",
    "risk",
    "harm",
    "of",
    "and",
    "to",
    "with",
    "in",
    "for",
    "when",
    "where",
    "child",
    "person",
    "family",
    "partner",
    "support",
    "evidence",
    "record",
    "safety",
    "wellbeing",
    "police",
    "services",
    "meeting",
    "information",
    "shared",
    "regularly",
    "clearly",
    "analysis",
    "change",
    "progress",
    "engagement",
    "desistance",
    "strengths",
    "needs",
    "concerns",
    "behaviour",
    "relationships",
    "school",
    "health",
    "manager",
    "team",
    "supervision",
    "case",
    "visit",
    "home",
    "quickly",
    "carefully",
    "curious",
    "contact",
    "housing",
    "education",
    "work",
    "victims",
    "known",
    "potential",
    "factors",
    "protective",
    "circumstances",
    "decisions",
    "defensible",
    "timely",
    "inspectors",
    "found",
    "should",
    "could",
    "was",
    "were",
    "is",
    "often",
    "rarely",
    "each",
    "every",
    "other",
    "new",
    "current",
    "early",
    "after",
    "before",
    "during",
    "because",
    "so",
    "that",
    "which",
    "their",
    "them",
    "it",
    "a",
    "an",
    "practice",
    "guidance",
    "standards",
    "questions",
    "prompts",
    "consistent",
    "specific",
];

const PSEUDONYMS: [&str; 8] = [
    "Dan", "Amira", "Kofi", "Leah", "Tomasz", "Jade", "Ravi", "Sian",
];
const AGE_BANDS: [&str; 4] = ["18 to 24", "25 to 34", "35 to 44", "15 to 17"];
const LENSES: [&str; 2] = ["engagement", "desistance"];
const LEVELS: [&str; 4] = ["low", "medium", "high", "very-high"];

/// Shared glossary terms: `(id, term, abbreviation)`.
const TERMS: [(&str, &str, Option<&str>); 10] = [
    ("rosh", "Risk of serious harm", Some("RoSH")),
    (
        "mappa",
        "Multi-Agency Public Protection Arrangements",
        Some("MAPPA"),
    ),
    (
        "marac",
        "Multi-agency risk assessment conference",
        Some("MARAC"),
    ),
    (
        "aspire",
        "Assess, sentence plan, implement, review and evaluate",
        Some("ASPIRE"),
    ),
    ("oasys", "Offender Assessment System", Some("OASys")),
    ("yot", "Youth offending team", Some("YOT")),
    ("safeguarding", "Safeguarding", None),
    ("protective-factors", "Protective factors", None),
    ("contingency-plan", "Contingency plan", None),
    ("professional-curiosity", "Professional curiosity", None),
];

/// Writes a synthetic content tree of `guides` guides into `dir` (created if missing).
/// Existing files of the same names are overwritten; nothing else is removed.
pub fn generate(dir: &Path, guides: usize) -> io::Result<CorpusStats> {
    let mut out = Out {
        root: dir.to_path_buf(),
        stats: CorpusStats {
            guides,
            ..Default::default()
        },
    };
    fs::create_dir_all(dir)?;
    out.write(
        MARKER,
        "Synthetic content written by guidewright::corpus::generate. Safe to delete.\n",
    )?;
    out.write("site.yaml", SITE)?;
    shared(&mut out)?;
    let mut rng = Rng(7);
    let mut glossary = String::from("terms:\n");
    for (i, (id, term, abbr)) in TERMS.iter().enumerate() {
        let other = TERMS[(i + 1) % TERMS.len()];
        let links = [
            term_link(other.2.unwrap_or(other.1), other.0),
            ref_link("", "risk-of-serious-harm"),
        ];
        glossary_term(&mut glossary, id, term, *abbr, &rng.para(&links));
    }
    for n in 1..=guides {
        let mut rng = Rng(n as u64 * 0x9E37_79B9 + 1);
        let title = format!("{}: guide {n}", TOPICS[n % TOPICS.len()]);
        let def = rng.para(&[term_link("RoSH", "rosh")]);
        glossary_term(
            &mut glossary,
            &format!("g{n}-term"),
            &format!("{} term", cap(&rng.phrase(2, 4))),
            Some(&format!("G{n}T")),
            &def,
        );
        write_guide(&mut out, &mut rng, n, &title)?;
    }
    out.write("glossary.yaml", &glossary)?;
    Ok(out.stats)
}

struct Out {
    root: PathBuf,
    stats: CorpusStats,
}

impl Out {
    fn write(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text)?;
        self.stats.files += 1;
        self.stats.bytes += text.len() as u64;
        Ok(())
    }
}

/// SplitMix64: small, fast and good enough for filler text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// `lo..=hi` words from the word list.
    fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let n = self.between(lo, hi);
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn sentence(&mut self) -> String {
        format!("{}.", cap(&self.phrase(8, 16)))
    }
    /// A paragraph of 80 to 150 words (more if there are many links), wrapped at 96 columns.
    /// Every link is used, each in its own sentence; some sentences end in bold.
    fn para(&mut self, links: &[String]) -> String {
        let target = self.between(80, 150);
        let (mut words, mut text, mut links) = (0, String::new(), links.iter());
        loop {
            let link = links.next();
            if words >= target && link.is_none() {
                break;
            }
            let mut s = self.phrase(6, 14);
            if let Some(l) = link {
                s = format!("{s} {l} {}", self.phrase(2, 6));
            } else if self.below(5) == 0 {
                s = format!("{s} **{}**", self.phrase(1, 3));
            }
            words += s.split(' ').count();
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&cap(&s));
            text.push('.');
        }
        wrap(&text, "", "")
    }
    /// A bulleted list of `n` items; the first items carry `links`.
    fn list(&mut self, n: usize, links: &[String]) -> String {
        let items: Vec<String> = (0..n)
            .map(|i| {
                let mut s = cap(&self.phrase(8, 20));
                if let Some(l) = links.get(i) {
                    s = format!("{s} {l}");
                } else if i % 2 == 1 {
                    s = format!("**{}** {s}", cap(&self.phrase(1, 2)));
                }
                wrap(&format!("{s};"), "- ", "  ")
            })
            .collect();
        items.join("\n")
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Wraps `text` at 96 columns, starting the first line with `first` and the others with `rest`.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::from(first);
    let mut col = first.len();
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 && col + 1 + w.len() > 96 {
            let _ = write!(out, "\n{rest}");
            col = rest.len();
        } else if i > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.len();
    }
    out
}

fn ref_link(label: &str, id: &str) -> String {
    format!("[{label}](ref:{id})")
}

fn term_link(label: &str, id: &str) -> String {
    format!("[{label}](term:{id})")
}

/// A double-quoted YAML string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `key: "value"` at `indent`.
fn kv(y: &mut String, indent: usize, key: &str, value: &str) {
    let _ = writeln!(y, "{:indent$}{key}: {}", "", q(value));
}

/// `key: value` at `indent`, unquoted (ids, enums, numbers, flow lists).
fn raw(y: &mut String, indent: usize, key: &str, value: impl std::fmt::Display) {
    let _ = writeln!(y, "{:indent$}{key}: {value}", "");
}

/// `key: |` followed by `text` as a literal block.
fn block(y: &mut String, indent: usize, key: &str, text: &str) {
    let _ = writeln!(y, "{:indent$}{key}: |", "");
    for line in text.lines() {
        if line.is_empty() {
            y.push('\n');
        } else {
            let _ = writeln!(y, "{:w$}{line}", "", w = indent + 2);
        }
    }
}

fn date(n: usize, salt: usize) -> String {
    format!(
        "{}-{:02}-{:02}",
        2019 + (n + salt) % 6,
        1 + (n * 7 + salt) % 12,
        1 + (n * 11 + salt) % 28
    )
}

fn guide_id(n: usize) -> String {
    let slug: String = TOPICS[n % TOPICS.len()]
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else {
                (c == ' ').then_some('-')
            }
        })
        .collect();
    format!("g{n}-{slug}")
}

fn glossary_term(y: &mut String, id: &str, term: &str, abbr: Option<&str>, definition: &str) {
    let _ = writeln!(y, "  - id: {id}");
    kv(y, 4, "term", term);
    if let Some(a) = abbr {
        kv(y, 4, "abbreviation", a);
    }
    block(y, 4, "definition", definition);
    y.push('\n');
}

const SITE: &str = r#"name: Synthetic practice library
organisation: Example Inspectorate
base_url: https://example.org/guidance/
language: en-GB
licence: Open Government Licence v3.0
licence_url: https://example.org/licence
contact_email: publications@example.org
footer_links:
  - label: Privacy
    url: https://example.org/privacy
accessibility:
  known_issues: ["Generated content: the text is filler and reads as nonsense."]
  response_days: 10
"#;

/// The shared classification and response scales.
fn shared(out: &mut Out) -> io::Result<()> {
    let colours = ["green", "yellow", "amber", "red"];
    for (id, title) in [
        ("risk-of-serious-harm", "Risk of serious harm"),
        ("safety-wellbeing", "Safety and wellbeing"),
    ] {
        let mut rng = Rng(id.len() as u64);
        let mut y = String::new();
        kv(&mut y, 0, "title", &format!("{title} classification"));
        block(&mut y, 0, "description", &rng.para(&[]));
        y.push_str("levels:\n");
        for (level, colour) in LEVELS.iter().zip(colours) {
            let _ = writeln!(y, "  - id: {level}");
            kv(&mut y, 4, "label", &cap(&level.replace('-', " ")));
            block(&mut y, 4, "definition", &rng.sentence());
            raw(&mut y, 4, "colour", colour);
        }
        out.write(&format!("scales/{id}.yaml"), &y)?;
    }
    out.write(
        "response-scales/yes-partly-no-na.yaml",
        "title: Yes, partly, no or not applicable\noptions:\n  - {value: \"yes\", label: \"Yes\", counts_as: positive}\n  - {value: partly, label: Partly, counts_as: partial}\n  - {value: \"no\", label: \"No\", counts_as: negative}\n  - {value: not-applicable, label: Not applicable, counts_as: excluded}\n",
    )?;
    out.write(
        "response-scales/yes-no-na.yaml",
        "title: Yes, no or not applicable\noptions:\n  - {value: \"yes\", label: \"Yes\", counts_as: positive}\n  - {value: \"no\", label: \"No\", counts_as: negative}\n  - {value: not-applicable, label: Not applicable, counts_as: excluded}\n",
    )
}

/// Section `id` of `kind` with an optional body and an optional `key: value` reference.
fn section(
    y: &mut String,
    id: &str,
    heading: &str,
    kind: &str,
    body: Option<&str>,
    reference: Option<(&str, &str)>,
) {
    let _ = writeln!(y, "  - id: {id}");
    kv(y, 4, "heading", heading);
    raw(y, 4, "kind", kind);
    if let Some(b) = body {
        block(y, 4, "body", b);
    }
    if let Some((k, v)) = reference {
        raw(y, 4, k, v);
    }
    y.push('\n');
}

fn chapter_head(
    y: &mut String,
    rng: &mut Rng,
    title: &str,
    nav: &str,
    kind: &str,
    stage: Option<(&str, &str)>,
) {
    kv(y, 0, "title", title);
    kv(y, 0, "nav_label", nav);
    raw(y, 0, "kind", kind);
    if let Some((stage, standard)) = stage {
        raw(y, 0, "aspire_stage", stage);
        raw(y, 0, "standards", format!("[{standard}]"));
    }
    block(y, 0, "summary", &rng.sentence());
    y.push_str("sections:\n");
}

/// Everything that belongs to guide `n`.
fn write_guide(out: &mut Out, rng: &mut Rng, n: usize, title: &str) -> io::Result<()> {
    let g = format!("g{n}");
    let gid = guide_id(n);
    let youth = n % 2 == 0;
    let scale = if youth {
        "safety-wellbeing"
    } else {
        "risk-of-serious-harm"
    };
    let safe_lens = if youth {
        "keeping-the-child-safe"
    } else {
        "keeping-other-people-safe"
    };
    let chapters: Vec<String> = [
        "introduction",
        "evidence",
        "assessing",
        "planning",
        "delivering",
        "reviewing",
        "examples",
        "resources",
    ]
    .iter()
    .map(|c| format!("{g}-{c}"))
    .collect();

    // The guide.
    let mut y = String::new();
    kv(&mut y, 0, "title", title);
    block(
        &mut y,
        0,
        "summary",
        &format!("{} {}", rng.sentence(), rng.sentence()),
    );
    raw(
        &mut y,
        0,
        "service",
        if youth { "youth-justice" } else { "probation" },
    );
    kv(&mut y, 0, "audience", "Practitioners and their managers");
    raw(&mut y, 0, "chapters", format!("[{}]", chapters.join(", ")));
    raw(&mut y, 0, "checklists", format!("[{g}-self-assessment]"));
    if n > 1 {
        raw(&mut y, 0, "related", format!("[{}]", guide_id(n - 1)));
    }
    raw(&mut y, 0, "pdf", true);
    kv(&mut y, 0, "version", "1.0");
    raw(&mut y, 0, "published", date(n, 0));
    raw(&mut y, 0, "updated", date(n, 1));
    out.write(&format!("guides/{gid}/guide.yaml"), &y)?;

    // Standards: one per stage, three key questions of three prompts.
    for (k, (stage, _, label, _)) in STAGES.iter().enumerate() {
        let s = format!("{g}-std-{}", k + 1);
        let mut y = String::new();
        kv(
            &mut y,
            0,
            "framework",
            "Synthetic case supervision standards",
        );
        kv(&mut y, 0, "number", &format!("{n}.{}", k + 1));
        kv(&mut y, 0, "title", label);
        raw(&mut y, 0, "aspire_stage", stage);
        block(&mut y, 0, "statement", &rng.para(&[]));
        y.push_str("key_questions:\n");
        for j in 1..=3 {
            let _ = writeln!(y, "  - id: {s}-{j}");
            kv(&mut y, 4, "code", &format!("{n}.{}.{j}", k + 1));
            raw(
                &mut y,
                4,
                "lens",
                if j == 3 { safe_lens } else { LENSES[j - 1] },
            );
            kv(
                &mut y,
                4,
                "text",
                &format!("Does {} {}?", label.to_lowercase(), rng.phrase(5, 10)),
            );
            if j == 3 {
                block(
                    &mut y,
                    4,
                    "guidance",
                    &rng.para(&[term_link("safeguarding", "safeguarding")]),
                );
            }
            kv(&mut y, 4, "summary_phrase", &rng.phrase(5, 9));
            y.push_str("    prompts:\n");
            for letter in ["a", "b", "c"] {
                let _ = writeln!(y, "      - letter: {letter}");
                kv(
                    &mut y,
                    8,
                    "text",
                    &format!("Does {} {}?", label.to_lowercase(), rng.phrase(6, 14)),
                );
                kv(&mut y, 8, "imperative", &rng.phrase(6, 12));
            }
        }
        out.write(&format!("standards/{s}.yaml"), &y)?;
    }

    // Evidence summary.
    let mut y = String::new();
    kv(
        &mut y,
        0,
        "title",
        &format!("What the evidence says: guide {n}"),
    );
    raw(&mut y, 0, "lens", safe_lens);
    block(&mut y, 0, "summary", &rng.para(&[]));
    y.push_str("points:\n");
    for i in 0..5 {
        let _ = writeln!(y, "  - heading: {}", q(&cap(&rng.phrase(2, 5))));
        block(&mut y, 4, "text", &rng.para(&[term_link("MAPPA", "mappa")]));
        if i % 2 == 0 {
            let _ = writeln!(
                y,
                "    citations: [{}]",
                q(&format!(
                    "Author {i} (20{:02}) {}. Publisher.",
                    10 + i,
                    cap(&rng.phrase(3, 6))
                ))
            );
        }
    }
    out.write(&format!("evidence/{g}-evidence-summary.yaml"), &y)?;

    // Findings, with percentages that match their numerators and denominators.
    let count = rng.between(400, 2400) as u64;
    let mut y = String::new();
    kv(
        &mut y,
        0,
        "title",
        &format!("What our inspections found: guide {n}"),
    );
    y.push_str("source:\n");
    kv(
        &mut y,
        2,
        "publication",
        &format!("Annual report {n} on case supervision"),
    );
    raw(&mut y, 2, "date", date(n, 2));
    if n % 2 == 1 {
        raw(&mut y, 2, "url", format!("https://example.org/reports/{g}"));
    }
    let _ = writeln!(y, "fieldwork: {{from: {}, to: {}}}", date(n, 3), date(n, 4));
    let _ = writeln!(
        y,
        "sample:\n  count: {count}\n  unit: case assessments\n  inspections: {}",
        rng.between(5, 60)
    );
    block(&mut y, 0, "summary", &rng.para(&[]));
    y.push_str("statistics:\n");
    for i in 1..=5u64 {
        let den = if i <= 3 { count } else { count / (i + 1) + 1 };
        let num = rng.next() % (den + 1);
        let _ = writeln!(y, "  - id: {g}-stat-{i}");
        kv(&mut y, 4, "label", &cap(&rng.phrase(4, 9)));
        raw(&mut y, 4, "numerator", num);
        raw(&mut y, 4, "denominator", den);
        if i > 3 {
            kv(&mut y, 4, "denominator_rule", "cases where it applied");
        }
        match i {
            4 => raw(
                &mut y,
                4,
                "percentage",
                format!("{:.1}", num as f64 * 100.0 / den as f64),
            ),
            5 => {}
            _ => raw(&mut y, 4, "percentage", (num * 200 + den) / (den * 2)),
        }
        raw(
            &mut y,
            4,
            "measures",
            format!("[{g}-std-{i}-3, {g}-std-{i}-3-a]", i = (i - 1) % 4 + 1),
        );
    }
    for key in ["strengths", "failings"] {
        let _ = writeln!(y, "{key}:");
        for _ in 0..4 {
            let _ = writeln!(y, "  - {}", q(&rng.sentence()));
        }
    }
    out.write(&format!("findings/{g}-findings.yaml"), &y)?;

    // Practice examples, one per stage; the second continues the first.
    for (k, (stage, ..)) in STAGES.iter().enumerate() {
        let kq = format!("{g}-std-{}-3", k + 1);
        let mut y = String::new();
        kv(&mut y, 0, "title", &cap(&rng.phrase(4, 8)));
        raw(&mut y, 0, "names_changed", true);
        raw(&mut y, 0, "aspire_stage", stage);
        raw(&mut y, 0, "demonstrates", format!("[{kq}, {kq}-a, {kq}-b]"));
        let pseudonym = PSEUDONYMS[(n + k / 2) % PSEUDONYMS.len()];
        let _ = writeln!(
            y,
            "person:\n  pseudonym: {pseudonym}\n  age_band: {}",
            AGE_BANDS[(n + usize::from(youth)) % 4]
        );
        let _ = writeln!(y, "  classifications: {{{scale}: {}}}", LEVELS[(n + k) % 4]);
        block(&mut y, 0, "case_summary", &rng.para(&[]));
        block(
            &mut y,
            0,
            "practice",
            &format!(
                "{}\n\n{}",
                rng.para(&[term_link("OASys", "oasys")]),
                rng.list(3, &[])
            ),
        );
        block(&mut y, 0, "inspector_comments", &rng.para(&[]));
        block(&mut y, 0, "takeaway_learning", &rng.list(3, &[]));
        if k == 1 {
            raw(&mut y, 0, "continues", format!("{g}-example-1"));
        }
        out.write(&format!("examples/{g}-example-{}.yaml", k + 1), &y)?;
    }

    // Quotes.
    let mut y = String::from("quotes:\n");
    for i in 1..=5 {
        let _ = writeln!(y, "  - id: {g}-quote-{i}");
        kv(
            &mut y,
            4,
            "text",
            &format!("{} {}", rng.sentence(), rng.sentence()),
        );
        kv(
            &mut y,
            4,
            "attribution",
            if youth {
                "Anonymous, supervised as a child"
            } else {
                "Anonymous, formerly on probation"
            },
        );
        raw(
            &mut y,
            4,
            "group",
            if youth {
                "children"
            } else {
                "adults-on-probation"
            },
        );
    }
    out.write(&format!("quotes/{g}-quotes.yaml"), &y)?;

    write_checklist(out, rng, n, &gid, scale)?;

    // Chapters. Introduction: prose with emphasis, lists, term links and a table of standards.
    let mut y = String::new();
    chapter_head(
        &mut y,
        rng,
        &format!("Introduction to {}", title.to_lowercase()),
        "Introduction",
        "introduction",
        None,
    );
    let body = format!(
        "{}\n\n{}",
        rng.para(&[]),
        rng.para(&[term_link(&format!("G{n}T"), &format!("{g}-term"))])
    );
    section(
        &mut y,
        "why-it-matters",
        "Why it matters",
        "prose",
        Some(&body),
        None,
    );
    let links = [
        term_link("protective factors", "protective-factors"),
        term_link("professional curiosity", "professional-curiosity"),
    ];
    let body = format!("{}\n\n{}", rng.para(&[]), rng.list(4, &links));
    section(
        &mut y,
        "what-we-mean",
        "What we mean",
        "prose",
        Some(&body),
        None,
    );
    let mut table =
        String::from("| Stage | Standard | In brief, we expect |\n| --- | --- | --- |\n");
    for (k, (_, _, label, _)) in STAGES.iter().enumerate() {
        let _ = writeln!(
            table,
            "| {label} | {} | {} |",
            ref_link("", &format!("{g}-std-{}", k + 1)),
            rng.phrase(4, 9)
        );
    }
    let intro = rng.para(&[term_link("ASPIRE", "aspire")]);
    let outro = rng.para(&[ref_link(
        "self-assessment checklist",
        &format!("{g}-self-assessment"),
    )]);
    section(
        &mut y,
        "how-to-use-this-guide",
        "How to use this guide",
        "prose",
        Some(&format!("{intro}\n\n{table}\n{outro}")),
        None,
    );
    out.write(&format!("guides/{gid}/{g}-introduction.yaml"), &y)?;

    // Evidence: every kind of referenced section that is not stage-specific.
    let mut y = String::new();
    chapter_head(
        &mut y,
        rng,
        "What the evidence and our inspections tell us",
        "Evidence",
        "evidence",
        None,
    );
    section(
        &mut y,
        "overview",
        "Overview",
        "prose",
        Some(&rng.para(&[])),
        None,
    );
    let ev = format!("{g}-evidence-summary");
    section(
        &mut y,
        "evidence-summary",
        "What the research tells us",
        "evidence-summary",
        None,
        Some(("evidence", &ev)),
    );
    let body = rng.para(&[ref_link("the headline figure", &format!("{g}-stat-1"))]);
    let fi = format!("{g}-findings");
    section(
        &mut y,
        "what-inspections-found",
        "What our inspections found",
        "inspection-findings",
        Some(&body),
        Some(("findings", &fi)),
    );
    let quotes = format!(
        "[{}]",
        (1..=5)
            .map(|i| format!("{g}-quote-{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    section(
        &mut y,
        "what-people-told-us",
        "What people told us",
        "lived-experience",
        Some(&rng.para(&[])),
        Some(("quotes", &quotes)),
    );
    let body = rng.para(&[term_link("RoSH", "rosh")]);
    section(
        &mut y,
        "classifying",
        "Classifying risk",
        "classification-scale",
        Some(&body),
        Some(("scale", scale)),
    );
    out.write(&format!("guides/{gid}/{g}-evidence.yaml"), &y)?;

    // Stage chapters.
    for (k, (stage, suffix, label, _)) in STAGES.iter().enumerate() {
        let s = format!("{g}-std-{}", k + 1);
        let mut y = String::new();
        chapter_head(
            &mut y,
            rng,
            &format!("{label} in practice"),
            label,
            "stage",
            Some((stage, &s)),
        );
        let links = [
            ref_link("the key question", &format!("{s}-3")),
            ref_link("", &format!("{s}-3-b")),
            term_link("MARAC", "marac"),
        ];
        let body = format!(
            "{}\n\n### {}\n\n{}",
            rng.para(&links),
            cap(&rng.phrase(2, 4)),
            rng.para(&[])
        );
        section(&mut y, "overview", "Overview", "prose", Some(&body), None);
        let body = rng.para(&[ref_link("our standard", &s)]);
        section(
            &mut y,
            "what-we-expect",
            "What we expect",
            "expectations",
            Some(&body),
            Some(("standard", &s)),
        );
        let mut table = String::from("| Measure | Cases | Per cent |\n| --- | ---: | ---: |\n");
        for _ in 0..3 {
            let _ = writeln!(
                table,
                "| {} | {} | {}% |",
                cap(&rng.phrase(3, 6)),
                rng.between(20, 900),
                rng.between(5, 95)
            );
        }
        let found = rng.para(&[ref_link("our findings", &fi)]);
        let body = format!("{found}\n\n{}\n\n{table}", rng.list(4, &[]));
        section(
            &mut y,
            "what-inspections-found",
            "What our inspections found",
            "prose",
            Some(&body),
            None,
        );
        let ex = format!("{g}-example-{}", k + 1);
        let body = (k == 1)
            .then(|| rng.para(&[ref_link("the earlier example", &format!("{g}-example-1"))]));
        section(
            &mut y,
            "case-example",
            &format!("Case example: {}", rng.phrase(3, 6)),
            "case-example",
            body.as_deref(),
            Some(("example", &ex)),
        );
        if k % 2 == 1 {
            section(
                &mut y,
                "inspector-comments",
                "A note from our inspectors",
                "inspector-comments",
                Some(&rng.para(&[])),
                None,
            );
        }
        let links = [term_link("contingency plan", "contingency-plan")];
        section(
            &mut y,
            "take-away-learning",
            "Take-away learning",
            "take-away-learning",
            Some(&rng.list(4, &links)),
            None,
        );
        out.write(&format!("guides/{gid}/{g}-{suffix}.yaml"), &y)?;
    }

    // Examples: a prose index of the guide's examples.
    let mut y = String::new();
    chapter_head(
        &mut y,
        rng,
        "Practice examples",
        "Examples",
        "examples",
        None,
    );
    let list: Vec<String> = (1..=4)
        .map(|k| format!("- {}", ref_link("", &format!("{g}-example-{k}"))))
        .collect();
    let body = format!("{}\n\n{}", rng.para(&[]), list.join("\n"));
    section(
        &mut y,
        "all-examples",
        "All the examples in this guide",
        "prose",
        Some(&body),
        None,
    );
    out.write(&format!("guides/{gid}/{g}-examples.yaml"), &y)?;

    // Resources.
    let mut y = String::new();
    chapter_head(&mut y, rng, "Resources", "Resources", "resources", None);
    let body = rng.para(&[
        ref_link("", &format!("{g}-self-assessment")),
        ref_link("the first question", &format!("{g}-q1")),
    ]);
    section(
        &mut y,
        "self-assessment",
        "Self-assessment checklist",
        "resources",
        Some(&body),
        None,
    );
    let related = if n > 1 { guide_id(n - 1) } else { gid.clone() };
    let links = [
        ref_link("related guidance", &related),
        ref_link("", &ev),
        ref_link("", scale),
    ];
    section(
        &mut y,
        "related-guidance",
        "Related guidance",
        "resources",
        Some(&rng.list(3, &links)),
        None,
    );
    let links = [
        term_link("MAPPA", "mappa"),
        term_link("YOT", "yot"),
        term_link("OASys", "oasys"),
    ];
    section(
        &mut y,
        "key-terms",
        "Key terms",
        "resources",
        Some(&rng.para(&links)),
        None,
    );
    out.write(&format!("guides/{gid}/{g}-resources.yaml"), &y)
}

/// The guide's self-assessment checklist: four sections, 13 questions.
fn write_checklist(
    out: &mut Out,
    rng: &mut Rng,
    n: usize,
    gid: &str,
    scale: &str,
) -> io::Result<()> {
    let g = format!("g{n}");
    let mut y = String::new();
    kv(
        &mut y,
        0,
        "title",
        &format!("Guide {n}: case self-assessment"),
    );
    raw(&mut y, 0, "guide", gid);
    kv(&mut y, 0, "version", "1.0");
    raw(&mut y, 0, "unit", if n % 3 == 0 { "team" } else { "case" });
    block(
        &mut y,
        0,
        "instructions",
        &format!(
            "{}\n\n{}",
            rng.para(&[ref_link("this guide", gid)]),
            rng.list(3, &[])
        ),
    );
    let _ = writeln!(
        y,
        "sampling: {{percent: 20, minimum: 20, notes: {}}}",
        q(&rng.sentence())
    );
    y.push_str("metadata_fields:\n  - {id: team, label: Team or office, kind: text}\n");
    y.push_str("  - {id: auditor-role, label: Your role, kind: choice, options: [Practitioner, Manager, Quality lead]}\n");
    y.push_str("  - {id: audit-date, label: Date of audit, kind: date}\n");
    y.push_str("  - {id: case-reference, label: Case reference, kind: text, hint: Use a pseudonymised reference only.}\n");
    let _ = writeln!(y, "  - {{id: recorded-classification, label: Recorded classification, kind: choice, scale: {scale}}}");
    y.push_str("sections:\n");
    let mut q_no = 0;
    for (k, (stage, suffix, label, letter)) in STAGES.iter().enumerate() {
        let s = format!("{g}-std-{}", k + 1);
        let _ = writeln!(y, "  - id: {g}-checklist-{suffix}");
        kv(&mut y, 4, "title", label);
        raw(&mut y, 4, "aspire_stage", stage);
        raw(&mut y, 4, "standard", &s);
        y.push_str("    questions:\n");
        for j in 1..=(if k == 0 { 4 } else { 3 }) {
            q_no += 1;
            let kq = format!("{s}-{}", (j - 1) % 3 + 1);
            let _ = writeln!(y, "      - id: {g}-q{q_no}");
            kv(&mut y, 8, "code", &format!("{letter}{j}"));
            kv(&mut y, 8, "text", &format!("{}?", cap(&rng.phrase(6, 14))));
            if j == 2 {
                kv(&mut y, 8, "hint", &rng.sentence());
            }
            raw(
                &mut y,
                8,
                "maps_to",
                if j == 4 {
                    format!("[{kq}]")
                } else {
                    format!("[{kq}-a, {kq}-c]")
                },
            );
            raw(
                &mut y,
                8,
                "response",
                if q_no % 3 == 0 {
                    "yes-no-na"
                } else {
                    "yes-partly-no-na"
                },
            );
            if j == 3 {
                kv(&mut y, 8, "applies_when", &rng.sentence());
            }
            let _ = writeln!(
                y,
                "        evidence: {{label: \"What did you find?\", word_limit: {}}}",
                100 + 50 * (j % 2)
            );
            kv(&mut y, 8, "summary_phrase", &rng.phrase(5, 9));
        }
    }
    y.push_str("action_plan: {rows: 5}\nsign_off:\n  - {id: signed-by-role, label: Role of the person signing off}\n");
    y.push_str("  - {id: sign-off-date, label: Date, kind: date}\n");
    out.write(&format!("checklists/{g}-self-assessment.yaml"), &y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn generated_tree_is_valid_and_builds() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let stats = generate(&content, 3).unwrap();
        assert_eq!(stats.guides, 3);
        assert_eq!(stats.files, files(&content).len());
        let (model, warnings) = match crate::build::check(&content, false, false) {
            Ok(r) => r,
            Err(e) => panic!("generated tree is invalid:\n{e}"),
        };
        assert_eq!(model.guides.len(), 3);
        assert!(model.guides.iter().all(|g| g.chapters.len() == 8));
        assert!(warnings.is_empty(), "{warnings}");
        let options = crate::build::BuildOptions {
            content,
            output: tmp.path().join("out"),
            base_url: None,
            templates: None,
            drafts: false,
        };
        let summary = crate::build::build(&options, false).unwrap_or_else(|e| panic!("{e}"));
        assert!(summary.pages > 3 * 8, "{summary:?}");
    }

    #[test]
    fn output_is_deterministic() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        assert_eq!(
            generate(a.path(), 3).unwrap(),
            generate(b.path(), 3).unwrap()
        );
        let (fa, fb) = (files(a.path()), files(b.path()));
        assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
        for (path, bytes) in &fa {
            assert!(
                bytes == &fb[path],
                "{} differs between runs",
                path.display()
            );
        }
    }
}

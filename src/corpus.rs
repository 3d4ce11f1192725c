//! Synthetic content trees, for benchmarks and scale tests.
//!
//! [`generate`] writes a large but valid content tree: `site.yaml`, a glossary, shared
//! classification and response scales and, for every guide, a guide with eight chapters that
//! between them use every section kind, four standards (three key questions of three prompts
//! each), an evidence summary, inspection findings with consistent statistics, four practice
//! examples (the second continues the first), a quotes file and a 13-question self-assessment
//! checklist. Every id of guide `n` starts with `g<n>-`, so ids are unique across the tree.
//!
//! Files are written from the YAML templates at the end of this file. Prose is pseudo-text
//! built from a word list by a small seeded generator, with paragraphs of 80 to 150 words,
//! lists, bold, tables, subheadings and `ref:`/`term:` links. The output depends only on the
//! number of guides (never on the clock), and guide `n` is the same whatever the total.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file written at the top of every generated tree so tools can tell it from hand-written
/// content. It is not YAML, so the loader ignores it.
pub const MARKER: &str = ".guidewright-corpus";

/// Every top-level entry [`generate`] writes (the marker included), e.g. to clear a tree
/// before generating it again.
#[rustfmt::skip]
pub const ENTRIES: &[&str] = &[
    MARKER, "site.yaml", "glossary.yaml", "guides", "standards", "evidence", "findings",
    "examples", "quotes", "scales", "response-scales", "checklists",
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

/// Writes a synthetic content tree of `guides` guides into `dir` (created if missing).
/// Files of the same names are overwritten; nothing else is removed.
pub fn generate(dir: &Path, guides: usize) -> io::Result<CorpusStats> {
    let stats = CorpusStats {
        guides,
        files: 0,
        bytes: 0,
    };
    let mut out = Out {
        root: dir.to_path_buf(),
        stats,
    };
    out.write(MARKER, "Written by guidewright::corpus::generate.\n")?;
    out.write("site.yaml", SITE)?;
    out.write("response-scales/yes-partly-no-na.yaml", YES_PARTLY_NO_NA)?;
    out.write("response-scales/yes-no-na.yaml", YES_NO_NA)?;
    let mut rng = Rng(7);
    for (id, title) in [
        ("risk-of-serious-harm", "Risk of serious harm"),
        ("safety-wellbeing", "Safety and wellbeing"),
    ] {
        let scale = rng.expand(SCALE, &[("title", title)]);
        out.write(&format!("scales/{id}.yaml"), &scale)?;
    }
    let mut terms = String::new();
    for (i, (id, term, abbr)) in TERMS.into_iter().enumerate() {
        let (next_id, next_term, next_abbr) = TERMS[(i + 1) % TERMS.len()];
        let links = format!("[{}](term:{next_id})", next_abbr.unwrap_or(next_term));
        let abbr = abbr
            .map(|a| format!("abbreviation: {a}"))
            .unwrap_or_default();
        let ctx = [
            ("id", id),
            ("term", term),
            ("abbr", &abbr),
            ("links", &links),
        ];
        terms += &rng.expand(TERM, &ctx);
    }
    for n in 1..=guides {
        let mut rng = Rng(n as u64 * 0x9E37_79B9 + 1);
        let (id, abbr) = (format!("g{n}-term"), format!("abbreviation: G{n}T"));
        let ctx = [
            ("id", &*id),
            ("term", "$Phrase"),
            ("abbr", &abbr),
            ("links", ""),
        ];
        terms += &rng.expand(TERM, &ctx);
        write_guide(&mut out, &mut rng, n)?;
    }
    out.write("glossary.yaml", &format!("terms:\n{terms}"))?;
    Ok(out.stats)
}

/// Everything that belongs to guide `n`.
fn write_guide(out: &mut Out, rng: &mut Rng, n: usize) -> io::Result<()> {
    let (g, gid, num, youth) = (
        format!("g{n}"),
        guide_id(n),
        n.to_string(),
        n.is_multiple_of(2),
    );
    let prev = if n > 1 { guide_id(n - 1) } else { gid.clone() };
    let related = if n > 1 {
        format!("related: [{prev}]")
    } else {
        String::new()
    };
    let (published, updated) = (date(n, 1, 0), date(n, 2, 1));
    let youth_or = |yes: &'static str, no: &'static str| if youth { yes } else { no };
    let lens = youth_or("keeping-the-child-safe", "keeping-other-people-safe");
    let base = [
        ("g", g.as_str()),
        ("n", &num),
        ("gid", &gid),
        ("prev", &prev),
        ("related", &related),
        ("published", &published),
        ("updated", &updated),
        ("topic", TOPICS[n % TOPICS.len()]),
        ("service", youth_or("youth-justice", "probation")),
        (
            "scale",
            youth_or("safety-wellbeing", "risk-of-serious-harm"),
        ),
        ("lens", lens),
        (
            "who",
            youth_or("supervised as a child", "formerly on probation"),
        ),
        ("group", youth_or("children", "adults-on-probation")),
    ];
    let path = |name: &str| format!("guides/{gid}/{g}-{name}.yaml");
    out.write(
        &format!("guides/{gid}/guide.yaml"),
        &rng.expand(GUIDE, &base),
    )?;
    out.write(&path("introduction"), &rng.expand(INTRODUCTION, &base))?;
    out.write(&path("evidence"), &rng.expand(EVIDENCE_CHAPTER, &base))?;
    out.write(&path("examples"), &rng.expand(EXAMPLES_CHAPTER, &base))?;
    out.write(&path("resources"), &rng.expand(RESOURCES_CHAPTER, &base))?;
    let evidence = rng.expand(EVIDENCE, &base);
    out.write(&format!("evidence/{g}-evidence-summary.yaml"), &evidence)?;
    out.write(
        &format!("quotes/{g}-quotes.yaml"),
        &rng.expand(QUOTES, &base),
    )?;

    // Findings, with percentages that match their numerators and denominators.
    let count = rng.between(400, 2400) as u64;
    let mut stats = String::new();
    for i in 1..=5u64 {
        let den = if i <= 3 { count } else { count / (i + 1) + 1 };
        let num = rng.next() % (den + 1);
        let extra = match i {
            1..=3 => format!("percentage: {}", (num * 200 + den) / (den * 2)),
            4 => format!(
                "denominator_rule: applicable cases\npercentage: {:.1}",
                num as f64 * 100.0 / den as f64
            ),
            _ => "denominator_rule: applicable cases".into(),
        };
        let (i, k, num, den) = (
            i.to_string(),
            ((i - 1) % 4 + 1).to_string(),
            num.to_string(),
            den.to_string(),
        );
        let vars = [
            ("i", &*i),
            ("k", &k),
            ("num", &num),
            ("den", &den),
            ("extra", &extra),
        ];
        stats += &rng.expand(STATISTIC, &with(&base, &vars));
    }
    let (date, from, to, count) = (
        date(n, 0, 2),
        date(n, -2, 3),
        date(n, -1, 4),
        count.to_string(),
    );
    let url = if youth {
        String::new()
    } else {
        format!("url: https://example.org/reports/{g}")
    };
    let vars = [
        ("date", &*date),
        ("from", &from),
        ("to", &to),
        ("count", &count),
        ("url", &url),
        ("stats", &stats),
    ];
    out.write(
        &format!("findings/{g}-findings.yaml"),
        &rng.expand(FINDINGS, &with(&base, &vars)),
    )?;

    // Per stage: a standard, a practice example, a chapter and a checklist section.
    let mut sections = String::new();
    for (i, (stage, suffix, label, letter)) in STAGES.into_iter().enumerate() {
        let (k, lower) = ((i + 1).to_string(), label.to_lowercase());
        let mut vars = vec![
            ("k", k.as_str()),
            ("stage", stage),
            ("suffix", suffix),
            ("label", label),
            ("lower", &lower),
        ];
        let (lenses, mut kqs) = (["engagement", "desistance", lens], String::new());
        for (j, lens) in ["1", "2", "3"].into_iter().zip(lenses) {
            kqs += &rng.expand(
                KEY_QUESTION,
                &with(&with(&base, &vars), &[("j", j), ("lens", lens)]),
            );
        }
        let standard = rng.expand(STANDARD, &with(&with(&base, &vars), &[("kqs", &kqs)]));
        out.write(&format!("standards/{g}-std-{k}.yaml"), &standard)?;

        let continues = if i == 1 {
            format!("continues: {g}-example-1")
        } else {
            String::new()
        };
        let (pseudonym, age) = (
            PSEUDONYMS[(n + i / 2) % 8],
            ["18 to 24", "25 to 34", "35 to 44"][(n + i) % 3],
        );
        let level = ["low", "medium", "high", "very-high"][(n + i) % 4];
        let extra = [
            ("continues", &*continues),
            ("pseudonym", pseudonym),
            ("age", age),
            ("level", level),
        ];
        let example = rng.expand(EXAMPLE, &with(&with(&base, &vars), &extra));
        out.write(&format!("examples/{g}-example-{k}.yaml"), &example)?;

        let body = match i {
            1 => format!("body: |\n  $para [the earlier example](ref:{g}-example-1)"),
            _ => String::new(),
        };
        vars.extend([
            ("example_body", &*body),
            ("comments", [INSPECTOR_COMMENTS, ""][i % 2]),
        ]);
        out.write(
            &path(suffix),
            &rng.expand(STAGE_CHAPTER, &with(&base, &vars)),
        )?;

        let mut questions = String::new();
        for j in 1..=(if i == 0 { 4 } else { 3 }) {
            let q = (i * 3 + j + usize::from(i > 0)).to_string();
            let kq = format!("{g}-std-{k}-{}", (j - 1) % 3 + 1);
            let maps = if j == 4 {
                kq
            } else {
                format!("{kq}-a, {kq}-c")
            };
            let (hint, when) = (
                ["", "hint: \"$sentence\""][usize::from(j == 2)],
                ["", "applies_when: \"$sentence\""][usize::from(j == 3)],
            );
            let response = ["yes-partly-no-na", "yes-no-na"][usize::from(j == 3)];
            let (code, limit) = (format!("{letter}{j}"), (100 + 50 * (j % 2)).to_string());
            let vars = [
                ("q", &*q),
                ("code", &code),
                ("maps", &maps),
                ("hint", hint),
                ("when", when),
                ("response", response),
                ("limit", &limit),
            ];
            questions += &rng.expand(QUESTION, &with(&base, &vars));
        }
        sections += &rng.expand(
            CHECKLIST_SECTION,
            &with(&with(&base, &vars), &[("questions", &questions)]),
        );
    }
    let unit = if n.is_multiple_of(3) { "team" } else { "case" };
    let checklist = rng.expand(
        CHECKLIST,
        &with(&base, &[("unit", unit), ("sections", &sections)]),
    );
    out.write(&format!("checklists/{g}-self-assessment.yaml"), &checklist)
}

/// `base` followed by `extra`: a template's context.
fn with<'a>(base: &[(&'a str, &'a str)], extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    base.iter().chain(extra).copied().collect()
}

struct Out {
    root: PathBuf,
    stats: CorpusStats,
}

impl Out {
    fn write(&mut self, rel: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().unwrap_or(&self.root))?;
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

    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    /// `lo..=hi` words from the word list.
    fn phrase(&mut self, lo: usize, hi: usize) -> String {
        let n = self.between(lo, hi);
        let words: Vec<&str> = (0..n)
            .map(|_| WORDS[self.between(0, WORDS.len() - 1)])
            .collect();
        words.join(" ")
    }

    /// A paragraph of 80 to 150 words (more if there are many links), wrapped at 96 columns.
    /// Every link is used, each in its own sentence; some sentences end in bold.
    fn para(&mut self, links: &[&str]) -> String {
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
            } else if self.between(0, 4) == 0 {
                s = format!("{s} **{}**", self.phrase(1, 3));
            }
            words += s.split(' ').count();
            text += &format!("{}{}.", if text.is_empty() { "" } else { " " }, cap(&s));
        }
        wrap(&text, "", "")
    }

    /// A bulleted list of `n` items; the first items carry `links`, others may start in bold.
    fn list(&mut self, n: usize, links: &[&str]) -> String {
        let items: Vec<String> = (0..n)
            .map(|i| {
                let s = self.phrase(8, 20);
                let s = match links.get(i) {
                    Some(l) => format!("{} {l}", cap(&s)),
                    None if i % 2 == 1 => format!("**{}**: {s}", cap(&self.phrase(1, 2))),
                    None => cap(&s),
                };
                wrap(&format!("{s};"), "- ", "  ")
            })
            .collect();
        items.join("\n")
    }

    /// Expands a template. First `@name` becomes the context value `name`; a value alone on its
    /// line is indented like it, and an empty one drops the line. Then the generator directives:
    /// `$para LINKS` and `$list N LINKS` alone on a line become a paragraph or a list (indented
    /// like the directive) using every Markdown link given; `$sentence`, `$phrase`, `$Phrase`
    /// and `$num` become text in place.
    fn expand(&mut self, template: &str, ctx: &[(&str, &str)]) -> String {
        let var = |name: &str| match ctx.iter().rev().find(|(k, _)| *k == name) {
            Some((_, v)) => v.to_string(),
            None => panic!("template has no value for @{name}"),
        };
        let mut text = String::new();
        for line in template.lines() {
            let (pad, body) = line.split_at(line.len() - line.trim_start().len());
            match body.strip_prefix('@').filter(|s| s.chars().all(ident)) {
                Some(name) => var(name).lines().for_each(|l| text += &indent(pad, l)),
                None => text += &indent("", &subst(line, '@', var)),
            }
        }
        let mut out = String::new();
        for line in text.lines() {
            let (pad, body) = line.split_at(line.len() - line.trim_start().len());
            let block = if let Some(links) = body.strip_prefix("$para") {
                self.para(&split_links(links))
            } else if let Some(rest) = body.strip_prefix("$list ") {
                let (n, links) = rest.split_once(' ').unwrap_or((rest, ""));
                self.list(n.parse().expect("$list N"), &split_links(links))
            } else {
                out += &indent("", &subst(line, '$', |d| self.directive(d)));
                continue;
            };
            block.lines().for_each(|l| out += &indent(pad, l));
        }
        out
    }

    fn directive(&mut self, name: &str) -> String {
        match name {
            "sentence" => format!("{}.", cap(&self.phrase(8, 16))),
            "phrase" => self.phrase(4, 10),
            "Phrase" => cap(&self.phrase(3, 7)),
            "num" => self.between(5, 95).to_string(),
            _ => panic!("unknown template directive ${name}"),
        }
    }
}

fn ident(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// `line` with each `sigil` + identifier replaced by `f(identifier)`.
fn subst(line: &str, sigil: char, mut f: impl FnMut(&str) -> String) -> String {
    let (mut out, mut rest) = (String::new(), line);
    while let Some(i) = rest.find(sigil) {
        let after = &rest[i + 1..];
        let end = after.find(|c| !ident(c)).unwrap_or(after.len());
        out += &rest[..i];
        out += &f(&after[..end]);
        rest = &after[end..];
    }
    out + rest
}

/// `line` with `pad` in front and a newline after; an empty line stays empty.
fn indent(pad: &str, line: &str) -> String {
    if line.is_empty() {
        "\n".into()
    } else {
        format!("{pad}{line}\n")
    }
}

/// The Markdown links in `s`, such as `[label](ref:id) [](term:id)`.
fn split_links(s: &str) -> Vec<&str> {
    s.split_inclusive(')')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Wraps `text` at 96 columns, starting the first line with `first` and the others with `rest`.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let (mut out, mut col) = (String::from(first), first.len());
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 && col + 1 + w.len() > 96 {
            out += &format!("\n{rest}");
            col = rest.len();
        } else if i > 0 {
            out.push(' ');
            col += 1;
        }
        out += w;
        col += w.len();
    }
    out
}

/// A date in the year `2019 + n % 5 + years`.
fn date(n: usize, years: i32, salt: usize) -> String {
    let year = 2019 + (n % 5) as i32 + years;
    format!(
        "{year}-{:02}-{:02}",
        1 + (n * 7 + salt) % 12,
        1 + (n * 11 + salt) % 28
    )
}

/// The id (folder name) of guide `n`, e.g. `g3-building-engagement`.
fn guide_id(n: usize) -> String {
    let topic = TOPICS[n % TOPICS.len()].to_lowercase().replace(',', "");
    format!("g{n}-{}", topic.replace(' ', "-"))
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
#[rustfmt::skip]
const TOPICS: [&str; 8] = [
    "Keeping people safe", "Working with families", "Managing transitions",
    "Building engagement", "Supporting desistance", "Education, training and work",
    "Health and wellbeing", "Housing and stability",
];
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "practitioner", "assessment", "plan", "review", "agencies", "risk", "harm", "of",
    "and", "to", "with", "in", "for", "when", "where", "child", "person", "family", "partner",
    "support", "evidence", "record", "safety", "wellbeing", "police", "services", "meeting",
    "information", "shared", "regularly", "clearly", "analysis", "change", "progress",
    "engagement", "desistance", "strengths", "needs", "concerns", "behaviour", "relationships",
    "school", "health", "manager", "team", "supervision", "case", "visit", "home", "quickly",
    "carefully", "curious", "contact", "housing", "education", "work", "victims", "known",
    "potential", "factors", "protective", "circumstances", "decisions", "defensible", "timely",
    "inspectors", "found", "should", "could", "was", "were", "is", "often", "rarely", "each",
    "every", "other", "new", "current", "early", "after", "before", "during", "because", "so",
    "that", "which", "their", "them", "it", "a", "an", "practice", "guidance", "standards",
    "questions", "prompts", "consistent", "specific",
];
const PSEUDONYMS: [&str; 8] = [
    "Dan", "Amira", "Kofi", "Leah", "Tomasz", "Jade", "Ravi", "Sian",
];
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

// The templates (see `Rng::expand`). Generated text never contains `"`, `\` or `$`.

const YES_PARTLY_NO_NA: &str = "title: Yes, partly, no or not applicable
options:
  - {value: \"yes\", label: \"Yes\", counts_as: positive}
  - {value: partly, label: Partly, counts_as: partial}
  - {value: \"no\", label: \"No\", counts_as: negative}
  - {value: not-applicable, label: Not applicable, counts_as: excluded}
";
const YES_NO_NA: &str = "title: Yes, no or not applicable
options:
  - {value: \"yes\", label: \"Yes\", counts_as: positive}
  - {value: \"no\", label: \"No\", counts_as: negative}
  - {value: not-applicable, label: Not applicable, counts_as: excluded}
";
const SITE: &str = "name: Synthetic practice library
organisation: Example Inspectorate
base_url: https://example.org/guidance/
language: en-GB
licence: Open Government Licence v3.0
licence_url: https://example.org/licence
contact_email: publications@example.org
footer_links:
  - {label: Privacy, url: https://example.org/privacy}
accessibility:
  known_issues: [\"Generated content: the text is filler and reads as nonsense.\"]
  response_days: 10
";
const SCALE: &str = "title: @title classification
description: |
  $para
levels:
  - {id: low, label: Low, colour: green, definition: \"$sentence\"}
  - {id: medium, label: Medium, colour: yellow, definition: \"$sentence\"}
  - {id: high, label: High, colour: amber, definition: \"$sentence\"}
  - {id: very-high, label: Very high, colour: red, definition: \"$sentence\"}
";
const TERM: &str = "  - id: @id
    term: \"@term\"
    @abbr
    definition: |
      $para @links [RoSH](term:rosh) [](ref:risk-of-serious-harm)
";
const GUIDE: &str = "title: \"@topic: guide @n\"
summary: |
  $sentence $sentence
service: @service
audience: Practitioners and their managers
chapters:
  - @g-introduction
  - @g-evidence
  - @g-assessing
  - @g-planning
  - @g-delivering
  - @g-reviewing
  - @g-examples
  - @g-resources
checklists: [@g-self-assessment]
@related
pdf: true
version: \"1.0\"
published: @published
updated: @updated
";
const STANDARD: &str = "framework: Synthetic case supervision standards
number: \"@n.@k\"
title: @label
aspire_stage: @stage
statement: |
  $para
key_questions:
  @kqs
";
const KEY_QUESTION: &str = "- id: @g-std-@k-@j
  code: \"@n.@k.@j\"
  lens: @lens
  text: \"Does @lower $phrase?\"
  guidance: |
    $para [safeguarding](term:safeguarding)
  summary_phrase: \"$phrase\"
  prompts:
    - {letter: a, text: \"Does @lower $phrase?\", imperative: \"$phrase\"}
    - {letter: b, text: \"Does @lower $phrase?\", imperative: \"$phrase\"}
    - {letter: c, text: \"Does @lower $phrase?\", imperative: \"$phrase\"}
";
const EVIDENCE: &str = "title: \"What the evidence says: guide @n\"
lens: @lens
summary: |
  $para
points:
  - heading: \"$Phrase\"
    text: |
      $para [MAPPA](term:mappa)
    citations: [\"Author (2019) $Phrase. Publisher.\", \"Author (2021) $Phrase. Publisher.\"]
  - heading: \"$Phrase\"
    text: |
      $para [OASys](term:oasys)
  - heading: \"$Phrase\"
    text: |
      $para
    citations: [\"Author (2020) $Phrase. Publisher.\"]
  - heading: \"$Phrase\"
    text: |
      $para [professional curiosity](term:professional-curiosity)
";
const FINDINGS: &str = "title: \"What our inspections found: guide @n\"
source:
  publication: Annual report @n on case supervision
  date: @date
  @url
fieldwork: {from: @from, to: @to}
sample:
  count: @count
  unit: case assessments
  inspections: $num
summary: |
  $para
statistics:
  @stats
strengths: [\"$sentence\", \"$sentence\", \"$sentence\"]
failings:
  - \"$sentence\"
  - \"$sentence\"
  - \"$sentence\"
  - \"$sentence\"
";
const STATISTIC: &str = "- id: @g-stat-@i
  label: \"$Phrase\"
  numerator: @num
  denominator: @den
  @extra
  measures: [@g-std-@k-3, @g-std-@k-3-a]
";
const EXAMPLE: &str = "title: \"$Phrase\"
names_changed: true
aspire_stage: @stage
demonstrates: [@g-std-@k-3, @g-std-@k-3-a, @g-std-@k-3-b]
person:
  pseudonym: @pseudonym
  age_band: @age
  classifications: {@scale: @level}
case_summary: |
  $para
practice: |
  $para [OASys](term:oasys)

  $list 3
inspector_comments: |
  $para
takeaway_learning: |
  $list 3
@continues
";
const QUOTES: &str = "quotes:
  - {id: @g-quote-1, text: \"$sentence $sentence\", attribution: \"Anonymous, @who\", group: @group}
  - {id: @g-quote-2, text: \"$sentence\", attribution: \"Anonymous, @who\", group: @group}
  - {id: @g-quote-3, text: \"$sentence $sentence\", attribution: \"Anonymous, @who\"}
  - {id: @g-quote-4, text: \"$sentence\", attribution: \"Anonymous, @who\", group: @group}
  - {id: @g-quote-5, text: \"$sentence $sentence\", attribution: \"Anonymous, @who\", group: @group}
";
const CHECKLIST: &str = "title: \"Guide @n: case self-assessment\"
guide: @gid
version: \"1.0\"
unit: @unit
instructions: |
  $para [this guide](ref:@gid)

  $list 3
sampling: {percent: 20, minimum: 20, notes: \"$sentence\"}
metadata_fields:
  - {id: team, label: Team or office, kind: text}
  - {id: auditor-role, label: Your role, kind: choice, options: [Practitioner, Manager, Other]}
  - {id: audit-date, label: Date of audit, kind: date}
  - {id: case-reference, label: Case reference, kind: text, hint: Pseudonymised only.}
  - {id: recorded-classification, label: Recorded classification, kind: choice, scale: @scale}
sections:
  @sections
action_plan: {rows: 5}
sign_off:
  - {id: signed-by-role, label: Role of the person signing off}
  - {id: sign-off-date, label: Date, kind: date}
";
const CHECKLIST_SECTION: &str = "- id: @g-checklist-@suffix
  title: @label
  aspire_stage: @stage
  standard: @g-std-@k
  questions:
    @questions
";
const QUESTION: &str = "- id: @g-q@q
  code: @code
  text: \"$Phrase?\"
  @hint
  maps_to: [@maps]
  response: @response
  @when
  evidence: {label: \"What did you find?\", word_limit: @limit}
  summary_phrase: \"$phrase\"
";
const INTRODUCTION: &str = "title: \"Introduction: @topic\"
nav_label: Introduction
kind: introduction
summary: |
  $sentence
sections:
  - id: why-it-matters
    heading: Why it matters
    kind: prose
    body: |
      $para

      $para [the guide's own term](term:@g-term)

  - id: what-we-mean
    heading: What we mean
    kind: prose
    body: |
      $para

      $list 4 [protective factors](term:protective-factors) [curiosity](term:professional-curiosity)

  - id: how-to-use-this-guide
    heading: How to use this guide
    kind: prose
    body: |
      $para [ASPIRE](term:aspire)

      | Stage | Standard | In brief, we expect |
      | --- | --- | --- |
      | Assessment | [](ref:@g-std-1) | $phrase |
      | Planning | [](ref:@g-std-2) | $phrase |
      | Implementation and delivery | [](ref:@g-std-3) | $phrase |
      | Reviewing | [](ref:@g-std-4) | $phrase |

      $para [self-assessment checklist](ref:@g-self-assessment)
";
const EVIDENCE_CHAPTER: &str = "title: What the evidence and our inspections tell us
nav_label: Evidence
kind: evidence
summary: |
  $sentence
sections:
  - id: overview
    heading: Overview
    kind: prose
    body: |
      $para

  - id: evidence-summary
    heading: What the research tells us
    kind: evidence-summary
    evidence: @g-evidence-summary

  - id: what-inspections-found
    heading: What our inspections found
    kind: inspection-findings
    body: |
      $para [the headline figure](ref:@g-stat-1)
    findings: @g-findings

  - id: what-people-told-us
    heading: What people told us
    kind: lived-experience
    body: |
      $para
    quotes: [@g-quote-1, @g-quote-2, @g-quote-3, @g-quote-4, @g-quote-5]

  - id: classifying
    heading: Classifying risk
    kind: classification-scale
    body: |
      $para [RoSH](term:rosh)
    scale: @scale
";
const STAGE_CHAPTER: &str = "title: @label in practice
nav_label: @label
kind: stage
aspire_stage: @stage
standards: [@g-std-@k]
summary: |
  $sentence
sections:
  - id: overview
    heading: Overview
    kind: prose
    body: |
      $para [the key question](ref:@g-std-@k-3) [](ref:@g-std-@k-3-b) [MARAC](term:marac)

      # $Phrase

      $para

  - id: what-we-expect
    heading: What we expect
    kind: expectations
    body: |
      $para [our standard](ref:@g-std-@k)
    standard: @g-std-@k

  - id: what-inspections-found
    heading: What our inspections found
    kind: prose
    body: |
      $para [our findings](ref:@g-findings)

      $list 4

      | Measure | Cases | Per cent |
      | --- | ---: | ---: |
      | $Phrase | $num | $num% |
      | $Phrase | $num | $num% |
      | $Phrase | $num | $num% |

  - id: case-example
    heading: \"Case example: $phrase\"
    kind: case-example
    @example_body
    example: @g-example-@k

  @comments
  - id: take-away-learning
    heading: Take-away learning
    kind: take-away-learning
    body: |
      $list 4 [contingency plan](term:contingency-plan)
";
const INSPECTOR_COMMENTS: &str = "- id: inspector-comments
  heading: A note from our inspectors
  kind: inspector-comments
  body: |
    $para

";
const EXAMPLES_CHAPTER: &str = "title: Practice examples
nav_label: Examples
kind: examples
summary: |
  $sentence
sections:
  - id: all-examples
    heading: All the examples in this guide
    kind: prose
    body: |
      $para

      - [](ref:@g-example-1)
      - [](ref:@g-example-2)
      - [](ref:@g-example-3)
      - [](ref:@g-example-4)
";
const RESOURCES_CHAPTER: &str = "title: Resources
nav_label: Resources
kind: resources
summary: |
  $sentence
sections:
  - id: self-assessment
    heading: Self-assessment checklist
    kind: resources
    body: |
      $para [](ref:@g-self-assessment) [the first question](ref:@g-q1)

  - id: related-guidance
    heading: Related guidance
    kind: resources
    body: |
      $list 3 [related guidance](ref:@prev) [](ref:@g-evidence-summary) [](ref:@scale)

  - id: key-terms
    heading: Key terms
    kind: resources
    body: |
      $para [MAPPA](term:mappa) [YOT](term:yot) [OASys](term:oasys)
";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let entries = walkdir::WalkDir::new(root).into_iter().map(Result::unwrap);
        let files = entries.filter(|e| e.file_type().is_file());
        files
            .map(|e| {
                (
                    e.path().strip_prefix(root).unwrap().into(),
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
        assert_eq!((stats.guides, stats.files), (3, files(&content).len()));
        let (model, warnings) = match crate::build::check(&content, false, false) {
            Ok(r) => r,
            Err(e) => panic!("generated tree is invalid:\n{e}"),
        };
        assert_eq!(model.guides.len(), 3);
        assert!(model.guides.iter().all(|g| g.chapters.len() == 8));
        assert!(warnings.is_empty(), "{warnings}");
        let output = tmp.path().join("out");
        let (base_url, templates, drafts) = (None, None, false);
        let options = crate::build::BuildOptions {
            content,
            output,
            base_url,
            templates,
            drafts,
            force: false,
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

    #[test]
    fn templates_expand_values_blocks_and_directives() {
        let mut rng = Rng(1);
        let out = rng.expand(
            "a: @x-@y\n  @block\n@gone\nb: |\n  $para [l](ref:@x)\n",
            &[("x", "1"), ("y", "2"), ("block", "p\n\nq"), ("gone", "")],
        );
        assert!(out.starts_with("a: 1-2\n  p\n\n  q\nb: |\n  "), "{out}");
        assert!(
            out.contains("[l](ref:1)") && !out.contains('$') && !out.contains('@'),
            "{out}"
        );
        assert!(
            out.lines()
                .skip(5)
                .all(|l| l.starts_with("  ") && l.len() <= 98),
            "{out}"
        );
    }
}

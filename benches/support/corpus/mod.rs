//! Synthetic content trees, for benchmarks and scale tests (not part of the library: the
//! benches, `examples/corpus.rs` and `tests/corpus.rs` include this module by path).
//!
//! [`generate`] writes a large but valid content tree: `site.yaml`, a glossary, shared
//! classification and response scales and, for every guide, a guide with eight chapters that
//! between them use every section kind, four standards (three key questions of three prompts
//! each), an evidence summary, inspection findings with consistent statistics, four practice
//! examples (the second continues the first), a quotes file and a 13-question self-assessment
//! checklist. Every id of guide `n` starts with `g<n>-`, so ids are unique across the tree.
//!
//! Files are written from the YAML templates in `templates.rs`. Prose is pseudo-text
//! built from a word list by a small seeded generator, with paragraphs of 80 to 150 words,
//! lists, bold, tables, subheadings and `ref:`/`term:` links. The output depends only on the
//! number of guides (never on the clock), and guide `n` is the same whatever the total.

#![allow(dead_code)]

mod templates;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use templates::*;

/// A file written at the top of every generated tree so tools can tell it from hand-written
/// content. It is not YAML, so the loader ignores it.
pub const MARKER: &str = ".guidewright-corpus";

/// Every top-level entry [`generate`] writes (the marker included), e.g. to clear a tree
/// before generating it again.
#[rustfmt::skip]
pub const ENTRIES: &[&str] = &[
    MARKER, "site.yaml", "vocabulary.yaml", "glossary.yaml", "guides", "standards", "evidence", "findings",
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
    out.write(MARKER, "Written by the guidewright corpus generator.\n")?;
    out.write("site.yaml", SITE)?;
    out.write("vocabulary.yaml", VOCABULARY)?;
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
pub struct Rng(pub u64);

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
    pub fn expand(&mut self, template: &str, ctx: &[(&str, &str)]) -> String {
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

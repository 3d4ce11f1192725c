//! The Typst side of `cargo bench --bench pdf`: a guide's blocks as an equivalent Typst
//! document (title page, outline with page numbers, headings, paragraphs, lists, tables,
//! set-apart boxes, charts as figures with alternative text, running header and
//! "Page N of M"), compiled tagged (`--pdf-standard ua-1`) with the same Noto Sans faces.
//!
//! Typst is found as a `typst` command on `PATH` (or the one `GW_BENCH_TYPST` names), or as
//! the PyPI package `typst` in the Python that `GW_BENCH_PYTHON` names (default `python3`).

use guidewright::document::{Block, Link, Span};
use std::fmt::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A Typst string literal, shown as text.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn spans(out: &mut String, spans: &[Span]) {
    for s in spans {
        let text = lit(&s.text);
        let styled = match (s.style.bold(), s.style.italic()) {
            (false, false) => format!("#{text}"),
            (true, false) => format!("#strong({text})"),
            (false, true) => format!("#emph({text})"),
            (true, true) => format!("#strong(emph({text}))"),
        };
        match &s.link {
            Some(Link::Uri(u)) => {
                let _ = write!(out, "#link({})[{styled}]", lit(u));
            }
            // Anchors become labels only on headings; a link inside stays text.
            _ => out.push_str(&styled),
        }
    }
}

fn cell(out: &mut String, content: &[Span]) {
    out.push('[');
    spans(out, content);
    out.push_str("], ");
}

fn blocks(out: &mut String, list: &[Block]) {
    for b in list {
        block(out, b);
    }
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text, .. } => {
            let _ = writeln!(out, "#heading(level: {level})[#{}]\n", lit(text));
        }
        Block::Para { spans: s, .. } => {
            spans(out, s);
            out.push_str("\n\n");
        }
        Block::List { ordered, items } => {
            out.push_str(if *ordered { "#enum(" } else { "#list(" });
            for item in items {
                out.push('[');
                blocks(out, item);
                out.push_str("], ");
            }
            out.push_str(")\n\n");
        }
        Block::Table {
            caption,
            header,
            rows,
            ..
        } => {
            if let Some(c) = caption {
                let _ = writeln!(out, "#strong({})\n", lit(c));
            }
            let _ = write!(
                out,
                "#table(columns: {}, table.header(",
                header.len().max(1)
            );
            for h in header {
                cell(out, h);
            }
            out.push_str("), ");
            for r in rows {
                for c in r {
                    cell(out, c);
                }
            }
            out.push_str(")\n\n");
        }
        Block::Aside {
            title,
            blocks: inner,
            ..
        } => {
            out.push_str(
                "#block(stroke: (left: 3pt + gray), inset: (left: 12pt), breakable: true)[\n",
            );
            if let Some(t) = title {
                let _ = writeln!(out, "#strong({})\n", lit(t));
            }
            blocks(out, inner);
            out.push_str("]\n\n");
        }
        Block::Chart { title, bars } => {
            let alt: Vec<String> = bars
                .iter()
                .map(|b| format!("{}: {}", b.label, b.figure))
                .collect();
            let _ = write!(
                out,
                "#figure(alt: {}, caption: [#{}], grid(columns: (1fr, 2fr, auto), gutter: 4pt, ",
                lit(&format!("{title}. {}", alt.join("; "))),
                lit(title)
            );
            for bar in bars {
                let _ = write!(
                    out,
                    "[#{}], rect(width: {}%, height: 8pt, fill: navy), [#{}], ",
                    lit(&bar.label),
                    bar.percent.clamp(0.0, 100.0),
                    lit(&bar.figure)
                );
            }
            out.push_str("))\n\n");
        }
        Block::Together(inner) | Block::Lang { blocks: inner, .. } => blocks(out, inner),
        Block::Notes { notes, .. } => {
            for n in notes {
                blocks(out, &n.blocks);
            }
        }
        // Guides have no line plots (only collect reports do).
        Block::Field(_) | Block::Question(_) | Block::FieldTable { .. } | Block::Plot(_) => {}
    }
}

/// A Typst document laid out like guidewright's guide PDFs.
pub fn document(title: &str, summary: &str, body: &[Block]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "#set document(title: {t})\n\
         #set text(font: \"Noto Sans\", size: 11pt, lang: \"en\", region: \"GB\")\n\
         #set par(leading: 0.65em)\n\
         #set page(paper: \"a4\", margin: (x: 25mm, top: 25mm, bottom: 22mm),\n\
           header: context if counter(page).get().first() > 1 [#text(size: 8.5pt)[#{t}] #line(length: 100%, stroke: 0.5pt)],\n\
           footer: context if counter(page).get().first() > 1 [#align(right, text(size: 8.5pt)[Page #counter(page).display() of #counter(page).final().first()])])\n\
         #show heading.where(level: 1): it => {{ pagebreak(weak: true); it }}\n\
         #text(size: 32pt, weight: \"bold\")[#{t}]\n\n#text(size: 14pt)[#{s}]\n\
         #pagebreak()\n#outline(title: [Contents], depth: 2)\n#pagebreak()\n",
        t = lit(title),
        s = lit(summary),
    );
    blocks(&mut out, body);
    out
}

/// How Typst is run.
pub enum Typst {
    Cli(String),
    Python(String),
}

/// One compile: the time Typst itself took and its process's peak memory.
pub struct Run {
    pub time: Duration,
    pub peak_mib: f64,
    pub pdf: Vec<u8>,
}

const PYTHON: &str = r#"
import resource, sys, time, typst
src, out, fonts = sys.argv[1:4]
t = time.perf_counter()
typst.compile(src, output=out, font_paths=[fonts], ignore_system_fonts=True, pdf_standards=["ua-1"])
took = time.perf_counter() - t
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"#;

impl Typst {
    /// The Typst found on this machine, or why there is none.
    pub fn find() -> Result<Typst, String> {
        let cli = std::env::var("GW_BENCH_TYPST").unwrap_or_else(|_| "typst".into());
        if Command::new(&cli)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return Ok(Typst::Cli(cli));
        }
        let py = std::env::var("GW_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
        let probe = Command::new(&py).args(["-c", "import typst"]).output();
        if probe.is_ok_and(|o| o.status.success()) {
            return Ok(Typst::Python(py));
        }
        Err(format!(
            "no `{cli}` command and no PyPI package `typst` in `{py}` \
             (pip install typst; set GW_BENCH_TYPST or GW_BENCH_PYTHON to point at one)"
        ))
    }

    pub fn describe(&self) -> String {
        match self {
            Typst::Cli(c) => {
                let v = Command::new(c).arg("--version").output();
                let v = v.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
                format!("{} (command)", v.unwrap_or_default())
            }
            Typst::Python(py) => {
                let v = Command::new(py)
                    .args([
                        "-c",
                        "import importlib.metadata as m; print(m.version('typst'))",
                    ])
                    .output();
                let v = v.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
                format!("typst {} (PyPI package, in {py})", v.unwrap_or_default())
            }
        }
    }

    /// Compiles `src` (a .typ file) with the fonts in `fonts`.
    pub fn compile(&self, src: &Path, fonts: &Path) -> Result<Run, String> {
        let out = src.with_extension("pdf");
        let (time, peak_mib) = match self {
            Typst::Cli(c) => {
                let t = Instant::now();
                let o = Command::new(c)
                    .arg("compile")
                    .arg("--font-path")
                    .arg(fonts)
                    .args(["--ignore-system-fonts", "--pdf-standard", "ua-1"])
                    .arg(src)
                    .arg(&out)
                    .output()
                    .map_err(|e| e.to_string())?;
                let took = t.elapsed();
                if !o.status.success() {
                    return Err(String::from_utf8_lossy(&o.stderr).into_owned());
                }
                (took, children_peak_mib())
            }
            Typst::Python(py) => {
                let o = Command::new(py)
                    .args(["-c", PYTHON])
                    .arg(src)
                    .arg(&out)
                    .arg(fonts)
                    .output()
                    .map_err(|e| e.to_string())?;
                if !o.status.success() {
                    return Err(String::from_utf8_lossy(&o.stderr).into_owned());
                }
                let text = String::from_utf8_lossy(&o.stdout);
                let mut it = text
                    .split_whitespace()
                    .map(|v| v.parse::<f64>().unwrap_or(f64::NAN));
                let (secs, mib) = (it.next().unwrap_or(f64::NAN), it.next().unwrap_or(f64::NAN));
                (Duration::from_secs_f64(secs.max(0.0)), mib)
            }
        };
        let pdf = std::fs::read(&out).map_err(|e| e.to_string())?;
        Ok(Run {
            time,
            peak_mib,
            pdf,
        })
    }
}

/// The largest peak resident memory of any child process waited for so far.
fn children_peak_mib() -> f64 {
    // SAFETY: getrusage only writes into the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) } != 0 {
        return f64::NAN;
    }
    u.ru_maxrss as f64 / 1024.0
}

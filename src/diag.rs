//! Diagnostics: findings about the content, each tied to a place in a source file.
//!
//! Every error or warning names a file, line and column and shows the offending line, in the
//! familiar compiler layout (rendered by `codespan-reporting`).

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::fmt;
use std::path::PathBuf;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks a build.
    Error,
    /// Reported; only blocks a build under `--deny-warnings`.
    Warning,
}

/// A position in a source file: 1-based line and column (in characters) and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
    pub offset: usize,
}

impl Default for Pos {
    /// The start of a file: line 1, column 1.
    fn default() -> Self {
        Pos {
            line: 1,
            col: 1,
            offset: 0,
        }
    }
}

impl Pos {
    /// The position of a byte offset in `text` (for one-off lookups; use [`LineIndex`] for many).
    pub fn from_offset(text: &str, offset: usize) -> Pos {
        LineIndex::new(text).at(offset)
    }

    /// The position of a 1-based line and 1-based character column in `text`.
    pub fn from_line_col(text: &str, line: usize, col: usize) -> Pos {
        LineIndex::new(text).pos(line, col)
    }
}

/// Start offsets of every line of a text, so positions are found without rescanning it.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The position of a 1-based line and 1-based character column.
    pub fn pos(&self, line: usize, col: usize) -> Pos {
        let l = line.clamp(1, self.starts.len());
        let start = self.starts[l - 1];
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        let (offset, col) = match rest[..end].char_indices().nth(col.saturating_sub(1)) {
            Some((i, _)) => (start + i, col.max(1)),
            None => (start + end, rest[..end].chars().count() + 1),
        };
        Pos {
            line: l,
            col,
            offset,
        }
    }

    /// The position of a byte offset.
    pub fn at(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let l = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[l - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Pos {
            line: l,
            col,
            offset,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A file that diagnostics can point into.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the current directory where possible).
    pub display: String,
    /// Path on disk.
    pub path: PathBuf,
    /// Full text.
    pub text: String,
}

/// One finding: what is wrong, where, and optionally how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Index of the file in the [`Sources`] it belongs to, and the position in it.
    pub at: Option<(usize, Pos)>,
    /// Extra advice, e.g. "did you mean `x`?".
    pub help: Option<String>,
    /// Length in bytes of the offending text at the position, when known; otherwise the
    /// underline covers the token that starts there.
    pub len: Option<usize>,
    /// A root cause (a file that could not be read or parsed): shown before the findings that
    /// may follow from it.
    pub cause: bool,
}

impl Diagnostic {
    /// An error at a position in a file.
    pub fn error(file: usize, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            at: Some((file, pos)),
            help: None,
            len: None,
            cause: false,
        }
    }

    /// A warning at a position in a file.
    pub fn warning(file: usize, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    /// An error about no file in particular (a missing folder, say).
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            at: None,
            help: None,
            len: None,
            cause: false,
        }
    }

    /// Sets the length in bytes of the offending text, so the underline spans exactly it.
    pub fn with_len(mut self, len: usize) -> Self {
        self.len = Some(len);
        self
    }

    /// Marks the finding as a root cause, shown first.
    pub fn as_cause(mut self) -> Self {
        self.cause = true;
        self
    }

    /// Adds advice shown after the source excerpt.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// All source files read in one run, so diagnostics can show their lines.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Shared, not copied, by the models made from one load (one per language) and by
    /// `serve`'s cache of unchanged files.
    pub files: Vec<std::sync::Arc<SourceFile>>,
}

impl Sources {
    /// Adds a file and returns its index.
    pub fn add(&mut self, file: impl Into<std::sync::Arc<SourceFile>>) -> usize {
        self.files.push(file.into());
        self.files.len() - 1
    }

    /// Renders diagnostics as text, with or without colour.
    pub fn render(&self, diags: &[Diagnostic], colour: bool) -> String {
        // A build renders its (usually empty) warnings: nothing to index then. The files are
        // borrowed, not copied (a large site's sources are many megabytes).
        if diags.is_empty() {
            return String::new();
        }
        let mut files = SimpleFiles::new();
        for f in &self.files {
            files.add(f.display.as_str(), f.text.as_str());
        }
        let config = term::Config::default();
        let mut out = String::new();
        for d in diags {
            let mut cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_message(&d.message);
            if let Some((f, p)) = d.at {
                let text = &self.files[f].text;
                let end = match d.len {
                    Some(len) => span_end(text, p.offset, len),
                    None => token_end(text, p.offset),
                };
                cs = cs.with_labels(vec![Label::primary(f, p.offset..end)]);
            }
            if let Some(h) = &d.help {
                cs = cs.with_notes(vec![format!("help: {h}")]);
            }
            out.push_str(&emit(&files, &config, &cs, colour));
        }
        out
    }
}

/// Renders one diagnostic into a string.
fn emit(
    files: &SimpleFiles<&str, &str>,
    config: &term::Config,
    cs: &CsDiagnostic<usize>,
    colour: bool,
) -> String {
    let bytes = if colour {
        let mut w = termcolor::Ansi::new(Vec::new());
        let _ = term::emit(&mut w, config, files, cs);
        w.into_inner()
    } else {
        let mut w = termcolor::NoColor::new(Vec::new());
        let _ = term::emit(&mut w, config, files, cs);
        w.into_inner()
    };
    String::from_utf8_lossy(&bytes).into_owned()
}

/// End of the token starting at `start`: a quoted string to its closing quote, otherwise up
/// to the end of the line, a flow separator (`,` `]` `}` `)`), a comment or a key's `: `; at
/// most 60 characters, and at least one character so the caret shows.
fn token_end(text: &str, start: usize) -> usize {
    let start = start.min(text.len());
    let rest = &text[start..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut end = match line.chars().next() {
        Some(q @ ('"' | '\'')) => line[1..].find(q).map_or(line.len(), |i| i + 2),
        Some(open @ ('[' | '{')) => flow_end(line, open),
        _ => {
            let bytes = line.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                let next = bytes.get(i + 1).copied();
                let key_end = b == b':' && matches!(next, None | Some(b' '));
                let comment = b == b'#' && i > 0 && bytes[i - 1] == b' ';
                if matches!(b, b',' | b']' | b'}' | b')') || key_end || comment {
                    break;
                }
                i += 1;
            }
            line[..i].trim_end().len()
        }
    };
    if let Some((i, _)) = line[..end].char_indices().nth(60) {
        end = i;
    }
    if end == 0 {
        end = rest
            .chars()
            .next()
            .map_or(0, |c| c.len_utf8().min(line.len()));
    }
    start + end
}

/// The end of a flow collection (`[…]` or `{…}`) that starts a line's rest: just after its
/// matching bracket, or the end of the line if it does not close there.
fn flow_end(line: &str, open: char) -> usize {
    let close = if open == '[' { ']' } else { '}' };
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return i + 1;
            }
        }
    }
    line.trim_end().len()
}

/// The end of a span of `len` bytes from `start`, kept inside the text and on a character
/// boundary, and at least one character long so the caret shows.
fn span_end(text: &str, start: usize, len: usize) -> usize {
    let start = start.min(text.len());
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end <= start {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    end
}

/// A set of diagnostics gathered in one run.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    /// Sorts findings so output is stable: root causes first, then by file and position.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            let ka = (!a.cause, a.at.map(|(f, p)| (f, p.offset)));
            let kb = (!b.cause, b.at.map(|(f, p)| (f, p.offset)));
            ka.cmp(&kb).then_with(|| a.message.cmp(&b.message))
        });
    }
}

/// The error returned when content has errors: the rendered report.
#[derive(Debug)]
pub struct ContentErrors {
    pub rendered: String,
    pub count: usize,
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.rendered)?;
        write!(
            f,
            "error: {} problem{} found in the content",
            self.count,
            if self.count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for ContentErrors {}

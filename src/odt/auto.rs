//! content.xml's automatic styles, gathered while the body is written: the looks of spans
//! (bold, italic, language, coloured tags), paragraphs kept with the next, table widths, and
//! the controls' own frame and text.

use super::styles::{lang_attrs, rule_colour, FONT};
use super::xml::{Xml, R};
use super::{Mark, Span, Style};

/// How a run of text differs from its paragraph.
#[derive(Clone, PartialEq)]
struct Look {
    bold: bool,
    italic: bool,
    lang: Option<String>,
    mark: Option<(String, String)>,
}

/// The automatic styles used so far.
#[derive(Default)]
pub(super) struct AutoStyles {
    looks: Vec<Look>,
    /// Paragraph styles used kept with the next paragraph.
    kept: Vec<&'static str>,
    /// Each table's column widths in cm.
    tables: Vec<Vec<f32>>,
}

fn hex((r, g, b): (f32, f32, f32)) -> String {
    let c = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", c(r), c(g), c(b))
}

impl AutoStyles {
    /// The text style for a span, or None when it looks like its paragraph.
    pub fn span(&mut self, s: &Span) -> Option<String> {
        let (bold, italic) = match s.style {
            Style::Bold | Style::ArabicBold | Style::HebrewBold => (true, false),
            Style::Italic => (false, true),
            Style::BoldItalic => (true, true),
            Style::Regular | Style::Arabic | Style::Hebrew => (false, false),
        };
        let mark = s
            .mark
            .map(|Mark { text, background }| (hex(text), hex(background)));
        let look = Look {
            bold,
            italic,
            lang: s.lang.clone(),
            mark,
        };
        if look
            == (Look {
                bold: false,
                italic: false,
                lang: None,
                mark: None,
            })
        {
            return None;
        }
        let i = match self.looks.iter().position(|l| *l == look) {
            Some(i) => i,
            None => {
                self.looks.push(look);
                self.looks.len() - 1
            }
        };
        Some(format!("T{}", i + 1))
    }

    /// The name of `style` kept with the next paragraph.
    pub fn kept(&mut self, style: &'static str) -> String {
        if !self.kept.contains(&style) {
            self.kept.push(style);
        }
        format!("{style}_keep")
    }

    /// A table of columns `widths` cm wide: its style name (columns are `<name>.C<n>`).
    pub fn table(&mut self, widths: Vec<f32>) -> String {
        self.tables.push(widths);
        format!("Tbl{}", self.tables.len())
    }

    /// `<office:automatic-styles>`, always written (LibreOffice shows no control without it).
    pub fn write(&self, x: &mut Xml) -> R {
        x.start("office:automatic-styles", &[])?;
        controls(x)?;
        for style in &self.kept {
            let name = format!("{style}_keep");
            x.start(
                "style:style",
                &[
                    ("style:name", &name),
                    ("style:family", "paragraph"),
                    ("style:parent-style-name", style),
                ],
            )?;
            x.empty(
                "style:paragraph-properties",
                &[("fo:keep-with-next", "always")],
            )?;
            x.end("style:style")?;
        }
        for (i, look) in self.looks.iter().enumerate() {
            text_style(x, &format!("T{}", i + 1), look)?;
        }
        for (i, widths) in self.tables.iter().enumerate() {
            table_styles(x, &format!("Tbl{}", i + 1), widths)?;
        }
        cell_style(x)?;
        x.end("office:automatic-styles")
    }
}

fn text_style(x: &mut Xml, name: &str, l: &Look) -> R {
    x.start(
        "style:style",
        &[("style:name", name), ("style:family", "text")],
    )?;
    let mut tp: Vec<(&'static str, String)> = Vec::new();
    if l.bold {
        tp.push(("fo:font-weight", "bold".into()));
    }
    if l.italic {
        tp.push(("fo:font-style", "italic".into()));
    }
    if let Some(lang) = &l.lang {
        tp.extend(lang_attrs(lang));
    }
    if let Some((text, background)) = &l.mark {
        tp.push(("fo:color", text.clone()));
        tp.push(("fo:background-color", background.clone()));
    }
    let refs: Vec<(&str, &str)> = tp.iter().map(|(k, v)| (*k, v.as_str())).collect();
    x.empty("style:text-properties", &refs)?;
    x.end("style:style")
}

/// The controls' frame (set on the text's baseline, like a character) and their text.
fn controls(x: &mut Xml) -> R {
    x.start(
        "style:style",
        &[("style:name", "gr1"), ("style:family", "graphic")],
    )?;
    x.empty(
        "style:graphic-properties",
        &[
            ("style:vertical-pos", "middle"),
            ("style:vertical-rel", "line"),
            ("fo:margin-top", "0.05cm"),
            ("fo:margin-bottom", "0.05cm"),
        ],
    )?;
    x.end("style:style")?;
    x.start(
        "style:style",
        &[("style:name", "Pctl"), ("style:family", "paragraph")],
    )?;
    x.empty(
        "style:text-properties",
        &[("style:font-name", FONT), ("fo:font-size", "11pt")],
    )?;
    x.end("style:style")
}

fn table_styles(x: &mut Xml, name: &str, widths: &[f32]) -> R {
    let total = format!("{:.2}cm", widths.iter().sum::<f32>());
    x.start(
        "style:style",
        &[("style:name", name), ("style:family", "table")],
    )?;
    x.empty(
        "style:table-properties",
        &[
            ("style:width", &total),
            ("table:align", "left"),
            ("fo:margin-bottom", "0.3cm"),
        ],
    )?;
    x.end("style:style")?;
    for (i, w) in widths.iter().enumerate() {
        let col = format!("{name}.C{}", i + 1);
        let w = format!("{w:.2}cm");
        x.start(
            "style:style",
            &[("style:name", &col), ("style:family", "table-column")],
        )?;
        x.empty(
            "style:table-column-properties",
            &[("style:column-width", &w)],
        )?;
        x.end("style:style")?;
    }
    Ok(())
}

/// Table cells: a rule under each (as on the web), and none for the action plan's boxes.
fn cell_style(x: &mut Xml) -> R {
    let rule = format!("0.5pt solid {}", rule_colour());
    for (name, border) in [("Cell", rule.as_str()), ("FieldCell", "none")] {
        x.start(
            "style:style",
            &[("style:name", name), ("style:family", "table-cell")],
        )?;
        x.empty(
            "style:table-cell-properties",
            &[
                ("fo:padding-top", "0.08cm"),
                ("fo:padding-bottom", "0.08cm"),
                ("fo:padding-left", "0.1cm"),
                ("fo:padding-right", "0.1cm"),
                ("fo:border-bottom", border),
            ],
        )?;
        x.end("style:style")?;
    }
    Ok(())
}

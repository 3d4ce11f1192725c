//! styles.xml (the named paragraph, heading and list styles, the page, the document language)
//! and the automatic styles content.xml collects as it is written.

use super::xml::{Xml, R};
use super::NS;
use std::io;

/// The font every style asks for: Word and LibreOffice users have Arial or its metric twin
/// Liberation Sans, so the form keeps its layout where it is filled in.
pub(super) const FONT: &str = "Arial";
/// The text column's width (A4 less 2 cm margins), in centimetres.
pub(super) const MEASURE_CM: f32 = 17.0;

const TEXT: &str = "#0b0c0c";
const MUTED: &str = "#505a5f";
const RULE: &str = "#b1b4b6";
const HEADER_RULE: &str = "0.5pt solid #b1b4b6";

/// A language tag as ODF's `fo:language`, `fo:country` and `fo:script` ("cy-GB": cy, GB).
pub(super) fn lang_attrs(tag: &str) -> Vec<(&'static str, String)> {
    let mut parts = tag.split('-');
    let mut out = vec![("fo:language", parts.next().unwrap_or("und").to_lowercase())];
    for p in parts {
        match p.len() {
            4 if p.chars().all(|c| c.is_ascii_alphabetic()) => out.push(("fo:script", p.into())),
            2 | 3 if out.iter().all(|(k, _)| *k != "fo:country") => {
                out.push(("fo:country", p.to_uppercase()))
            }
            _ => {}
        }
    }
    out
}

fn as_refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The font declarations, in both styles.xml and content.xml.
pub(super) fn font_faces(x: &mut Xml) -> R {
    x.start("office:font-face-decls", &[])?;
    x.empty(
        "style:font-face",
        &[
            ("style:name", FONT),
            ("svg:font-family", FONT),
            ("style:font-family-generic", "swiss"),
            ("style:font-pitch", "variable"),
        ],
    )?;
    x.end("office:font-face-decls")
}

/// A named paragraph style: (name, display name, parent, size in pt, bold, colour, space above
/// and below in cm, keep with the next paragraph).
struct Para(
    &'static str,
    &'static str,
    &'static str,
    f32,
    bool,
    &'static str,
    f32,
    f32,
    bool,
);

const PARAS: &[Para] = &[
    Para(
        "Text_20_body",
        "Text body",
        "Standard",
        11.0,
        false,
        TEXT,
        0.0,
        0.25,
        false,
    ),
    Para(
        "Lead",
        "Lead",
        "Text_20_body",
        13.0,
        false,
        TEXT,
        0.0,
        0.3,
        false,
    ),
    Para(
        "Small",
        "Small",
        "Text_20_body",
        9.5,
        false,
        MUTED,
        0.0,
        0.2,
        false,
    ),
    Para(
        "Lead_20_in",
        "Lead in",
        "Text_20_body",
        11.0,
        true,
        TEXT,
        0.2,
        0.15,
        true,
    ),
    Para(
        "Form_20_control",
        "Form control",
        "Text_20_body",
        11.0,
        false,
        TEXT,
        0.0,
        0.15,
        false,
    ),
    Para(
        "Quotations",
        "Quotations",
        "Text_20_body",
        11.0,
        false,
        TEXT,
        0.0,
        0.2,
        false,
    ),
    Para(
        "Table_20_Contents",
        "Table Contents",
        "Standard",
        10.0,
        false,
        TEXT,
        0.05,
        0.05,
        false,
    ),
    Para(
        "Table_20_Heading",
        "Table Heading",
        "Table_20_Contents",
        10.0,
        true,
        TEXT,
        0.05,
        0.05,
        false,
    ),
    Para(
        "Header", "Header", "Standard", 9.0, false, MUTED, 0.0, 0.0, false,
    ),
    Para(
        "Footer", "Footer", "Standard", 9.0, false, MUTED, 0.0, 0.0, false,
    ),
];

/// Headings 1 to 4: size in pt and space above in cm.
const HEADINGS: [(f32, f32); 4] = [(20.0, 0.0), (15.0, 0.7), (12.5, 0.5), (11.0, 0.4)];

fn para_style(x: &mut Xml, p: &Para) -> R {
    let Para(name, display, parent, size, bold, colour, above, below, keep) = *p;
    x.start(
        "style:style",
        &[
            ("style:name", name),
            ("style:display-name", display),
            ("style:family", "paragraph"),
            ("style:parent-style-name", parent),
            ("style:class", "text"),
        ],
    )?;
    let (above, below) = (format!("{above}cm"), format!("{below}cm"));
    let mut pp = vec![
        ("fo:margin-top", above.as_str()),
        ("fo:margin-bottom", below.as_str()),
    ];
    if name == "Text_20_body" {
        pp.push(("fo:line-height", "135%"));
    }
    if keep {
        pp.push(("fo:keep-with-next", "always"));
    }
    if name == "Quotations" {
        pp.extend([
            ("fo:margin-left", "0.5cm"),
            ("fo:padding-left", "0.3cm"),
            ("fo:border-left", "2.5pt solid #b1b4b6"),
        ]);
    }
    if name == "Footer" {
        pp.push(("fo:text-align", "center"));
    }
    if name == "Header" {
        pp.extend([
            ("fo:padding-bottom", "0.1cm"),
            ("fo:border-bottom", HEADER_RULE),
        ]);
    }
    x.empty("style:paragraph-properties", &pp)?;
    text_props(x, size, bold, colour)?;
    x.end("style:style")
}

fn text_props(x: &mut Xml, size: f32, bold: bool, colour: &str) -> R {
    let size = format!("{size}pt");
    let mut tp = vec![("fo:font-size", size.as_str()), ("fo:color", colour)];
    if bold {
        tp.push(("fo:font-weight", "bold"));
    }
    x.empty("style:text-properties", &tp)
}

fn heading_style(x: &mut Xml, level: usize, size: f32, above: f32) -> R {
    let name = format!("Heading_20_{level}");
    let display = format!("Heading {level}");
    let lvl = level.to_string();
    x.start(
        "style:style",
        &[
            ("style:name", &name),
            ("style:display-name", &display),
            ("style:family", "paragraph"),
            ("style:parent-style-name", "Heading"),
            ("style:next-style-name", "Text_20_body"),
            ("style:default-outline-level", &lvl),
            ("style:class", "text"),
        ],
    )?;
    let above = format!("{above}cm");
    x.empty(
        "style:paragraph-properties",
        &[
            ("fo:margin-top", &above),
            ("fo:margin-bottom", "0.25cm"),
            ("fo:keep-with-next", "always"),
        ],
    )?;
    text_props(x, size, true, TEXT)?;
    x.end("style:style")
}

/// Bullets and numbers, three levels deep.
fn list_styles(x: &mut Xml) -> R {
    for (name, display, numbered) in [
        ("List_20_Bullet", "List Bullet", false),
        ("Numbering_20_123", "Numbering 123", true),
    ] {
        x.start(
            "text:list-style",
            &[("style:name", name), ("style:display-name", display)],
        )?;
        for level in 1..=3 {
            let lvl = level.to_string();
            let (kind, attrs): (&str, Vec<(&str, &str)>) = if numbered {
                let a = vec![
                    ("text:level", lvl.as_str()),
                    ("style:num-suffix", "."),
                    ("style:num-format", "1"),
                ];
                ("text:list-level-style-number", a)
            } else {
                let a = vec![("text:level", lvl.as_str()), ("text:bullet-char", "•")];
                ("text:list-level-style-bullet", a)
            };
            x.start(kind, &attrs)?;
            x.start(
                "style:list-level-properties",
                &[("text:list-level-position-and-space-mode", "label-alignment")],
            )?;
            let indent = format!("{:.2}cm", 0.65 * level as f32);
            x.empty(
                "style:list-level-label-alignment",
                &[
                    ("text:label-followed-by", "listtab"),
                    ("text:list-tab-stop-position", &indent),
                    ("fo:text-indent", "-0.65cm"),
                    ("fo:margin-left", &indent),
                ],
            )?;
            x.end("style:list-level-properties")?;
            x.end(kind)?;
        }
        x.end("text:list-style")?;
    }
    Ok(())
}

/// Headings are outline headings without numbers: the navigator and screen readers see them.
fn outline_style(x: &mut Xml) -> R {
    x.start("text:outline-style", &[("style:name", "Outline")])?;
    for level in 1..=10 {
        let lvl = level.to_string();
        x.empty(
            "text:outline-level-style",
            &[("text:level", &lvl), ("style:num-format", "")],
        )?;
    }
    x.end("text:outline-style")
}

/// The default style's language: every paragraph's unless a span says otherwise.
fn defaults(x: &mut Xml, lang: &str) -> R {
    x.start("style:default-style", &[("style:family", "paragraph")])?;
    x.empty(
        "style:paragraph-properties",
        &[("style:writing-mode", "page")],
    )?;
    let mut tp: Vec<(&'static str, String)> = vec![
        ("style:font-name", FONT.into()),
        ("fo:font-size", "11pt".into()),
        ("fo:hyphenate", "false".into()),
    ];
    tp.extend(lang_attrs(lang));
    x.empty("style:text-properties", &as_refs(&tp))?;
    x.end("style:default-style")?;
    for (name, parent) in [("Standard", None), ("Heading", Some("Standard"))] {
        let mut attrs = vec![
            ("style:name", name),
            ("style:family", "paragraph"),
            ("style:class", "text"),
        ];
        if let Some(p) = parent {
            attrs.push(("style:parent-style-name", p));
        }
        x.start("style:style", &attrs)?;
        x.empty(
            "style:text-properties",
            &[("style:font-name", FONT), ("fo:color", TEXT)],
        )?;
        x.end("style:style")?;
    }
    Ok(())
}

/// A4 with 2 cm margins, the title at the head of each page and the page number at its foot.
fn page(x: &mut Xml, title: &str) -> io::Result<()> {
    x.start("office:automatic-styles", &[])?;
    x.start("style:page-layout", &[("style:name", "pm1")])?;
    x.empty(
        "style:page-layout-properties",
        &[
            ("fo:page-width", "21cm"),
            ("fo:page-height", "29.7cm"),
            ("style:print-orientation", "portrait"),
            ("fo:margin-top", "2cm"),
            ("fo:margin-bottom", "1.5cm"),
            ("fo:margin-left", "2cm"),
            ("fo:margin-right", "2cm"),
        ],
    )?;
    x.start("style:header-style", &[])?;
    x.empty(
        "style:header-footer-properties",
        &[("fo:min-height", "0.6cm"), ("fo:margin-bottom", "0.5cm")],
    )?;
    x.end("style:header-style")?;
    x.start("style:footer-style", &[])?;
    x.empty(
        "style:header-footer-properties",
        &[("fo:min-height", "0.6cm"), ("fo:margin-top", "0.4cm")],
    )?;
    x.end("style:footer-style")?;
    x.end("style:page-layout")?;
    x.end("office:automatic-styles")?;
    x.start("office:master-styles", &[])?;
    x.start(
        "style:master-page",
        &[
            ("style:name", "Standard"),
            ("style:page-layout-name", "pm1"),
        ],
    )?;
    x.start("style:header", &[])?;
    x.start("text:p", &[("text:style-name", "Header")])?;
    x.para_text(title, true)?;
    x.end("text:p")?;
    x.end("style:header")?;
    x.start("style:footer", &[])?;
    x.start("text:p", &[("text:style-name", "Footer")])?;
    x.leaf("text:page-number", &[("text:select-page", "current")], "1")?;
    x.end("text:p")?;
    x.end("style:footer")?;
    x.end("style:master-page")?;
    x.end("office:master-styles")
}

/// styles.xml for a document titled `title` in language `lang`.
pub(super) fn styles_xml(title: &str, lang: &str) -> io::Result<Vec<u8>> {
    let mut x = Xml::new()?;
    let mut root: Vec<(&str, &str)> = NS.to_vec();
    root.push(("office:version", super::VERSION));
    x.start("office:document-styles", &root)?;
    font_faces(&mut x)?;
    x.start("office:styles", &[])?;
    defaults(&mut x, lang)?;
    for p in PARAS {
        para_style(&mut x, p)?;
    }
    for (i, (size, above)) in HEADINGS.iter().enumerate() {
        heading_style(&mut x, i + 1, *size, *above)?;
    }
    outline_style(&mut x)?;
    list_styles(&mut x)?;
    x.end("office:styles")?;
    page(&mut x, title)?;
    x.end("office:document-styles")?;
    Ok(x.finish())
}

/// A rule's colour, for table cells and boxes.
pub(super) fn rule_colour() -> &'static str {
    RULE
}

#[cfg(test)]
mod tests {
    use super::lang_attrs;

    #[test]
    fn language_tags_split_into_odf_attributes() {
        let v = |t: &str| -> Vec<(&str, String)> { lang_attrs(t) };
        assert_eq!(
            v("cy-GB"),
            [("fo:language", "cy".into()), ("fo:country", "GB".into())]
        );
        assert_eq!(v("en"), [("fo:language", "en".into())]);
        assert_eq!(
            v("sr-Latn-RS"),
            [
                ("fo:language", "sr".into()),
                ("fo:script", "Latn".into()),
                ("fo:country", "RS".into())
            ]
        );
    }
}

//! The package's other parts: content types, relationships, document properties (core,
//! extended and custom: the checklist id and version), styles (Word's built-in heading
//! styles), settings (form-filling protection), list numbering, and the page header and footer.

use super::xml::{el, empty, part, text_el, val, X};
use crate::document::Meta;
use std::io;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// `[Content_Types].xml`.
pub fn content_types() -> io::Result<Vec<u8>> {
    let mut w = part()?;
    let ns = "http://schemas.openxmlformats.org/package/2006/content-types";
    el(&mut w, "Types", &[("xmlns", ns)], |w| {
        let rels = "application/vnd.openxmlformats-package.relationships+xml";
        empty(
            w,
            "Default",
            &[("Extension", "rels"), ("ContentType", rels)],
        )?;
        empty(
            w,
            "Default",
            &[("Extension", "xml"), ("ContentType", "application/xml")],
        )?;
        let overrides = [
            ("/word/document.xml", format!("{WML}.document.main+xml")),
            ("/word/styles.xml", format!("{WML}.styles+xml")),
            ("/word/settings.xml", format!("{WML}.settings+xml")),
            ("/word/numbering.xml", format!("{WML}.numbering+xml")),
            ("/word/header1.xml", format!("{WML}.header+xml")),
            ("/word/footer1.xml", format!("{WML}.footer+xml")),
            (
                "/docProps/core.xml",
                "application/vnd.openxmlformats-package.core-properties+xml".into(),
            ),
            (
                "/docProps/app.xml",
                "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
            ),
            (
                "/docProps/custom.xml",
                "application/vnd.openxmlformats-officedocument.custom-properties+xml".into(),
            ),
        ];
        for (name, ty) in &overrides {
            empty(w, "Override", &[("PartName", name), ("ContentType", ty)])?;
        }
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// A relationships part: (id, type, target, external) each.
fn rels(list: &[(String, String, String, bool)]) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    el(&mut w, "Relationships", &[("xmlns", PKG_RELS)], |w| {
        for (id, ty, target, external) in list {
            let mut attrs = vec![
                ("Id", id.as_str()),
                ("Type", ty.as_str()),
                ("Target", target.as_str()),
            ];
            if *external {
                attrs.push(("TargetMode", "External"));
            }
            empty(w, "Relationship", &attrs)?;
        }
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// `_rels/.rels`: the document and its properties.
pub fn package_rels() -> io::Result<Vec<u8>> {
    let r = |id: &str, ty: String, target: &str| (id.to_string(), ty, target.to_string(), false);
    rels(&[
        r(
            "rId1",
            format!("{DOC_REL}/officeDocument"),
            "word/document.xml",
        ),
        r(
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .into(),
            "docProps/core.xml",
        ),
        r(
            "rId3",
            format!("{DOC_REL}/extended-properties"),
            "docProps/app.xml",
        ),
        r(
            "rId4",
            format!("{DOC_REL}/custom-properties"),
            "docProps/custom.xml",
        ),
    ])
}

/// `word/_rels/document.xml.rels`: styles, settings, numbering, header, footer, and each
/// external link (`rIdL1`, …, in the order of `links`).
pub fn document_rels(links: &[String]) -> io::Result<Vec<u8>> {
    let mut list: Vec<(String, String, String, bool)> = [
        ("rIdS", "styles", "styles.xml"),
        ("rIdT", "settings", "settings.xml"),
        ("rIdN", "numbering", "numbering.xml"),
        ("rIdH", "header", "header1.xml"),
        ("rIdF", "footer", "footer1.xml"),
    ]
    .iter()
    .map(|(id, ty, t)| {
        (
            id.to_string(),
            format!("{DOC_REL}/{ty}"),
            t.to_string(),
            false,
        )
    })
    .collect();
    for (i, to) in links.iter().enumerate() {
        list.push((
            format!("rIdL{}", i + 1),
            format!("{DOC_REL}/hyperlink"),
            to.clone(),
            true,
        ));
    }
    rels(&list)
}

/// `docProps/core.xml`: title, subject, author, keywords, language and dates.
pub fn core(m: &Meta) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    let attrs = [
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ];
    el(&mut w, "cp:coreProperties", &attrs, |w| {
        text_el(w, "dc:title", &[], &m.title)?;
        text_el(w, "dc:subject", &[], &m.subject)?;
        text_el(w, "dc:creator", &[], &m.author)?;
        text_el(w, "cp:keywords", &[], &m.keywords.join(", "))?;
        text_el(w, "dc:language", &[], &m.lang)?;
        if let Some(d) = &m.date {
            let stamp = format!("{d}T00:00:00Z");
            for name in ["dcterms:created", "dcterms:modified"] {
                text_el(w, name, &[("xsi:type", "dcterms:W3CDTF")], &stamp)?;
            }
        }
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// `docProps/app.xml`.
pub fn app() -> io::Result<Vec<u8>> {
    let mut w = part()?;
    let ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
    el(&mut w, "Properties", &[("xmlns", ns)], |w| {
        text_el(w, "Application", &[], "guidewright")
    })?;
    Ok(w.into_inner())
}

/// `docProps/custom.xml`: the document's named properties (a form's checklist id and
/// version), as strings.
pub fn custom(m: &Meta) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    let attrs = [
        (
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
        ),
        (
            "xmlns:vt",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        ),
    ];
    el(&mut w, "Properties", &attrs, |w| {
        for (i, (name, value)) in m.properties.iter().enumerate() {
            // Property ids start at 2; the format id is the one for user-defined properties.
            let pid = (i + 2).to_string();
            let attrs = [
                ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
                ("pid", pid.as_str()),
                ("name", name.as_str()),
            ];
            el(w, "property", &attrs, |w| {
                text_el(w, "vt:lpwstr", &[], value)
            })?;
        }
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// `word/settings.xml`: protected for filling in forms only, without a password.
pub fn settings(lang: &str) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    el(&mut w, "w:settings", &[("xmlns:w", W)], |w| {
        empty(
            w,
            "w:documentProtection",
            &[("w:edit", "forms"), ("w:enforcement", "1")],
        )?;
        val(w, "w:defaultTabStop", "720")?;
        val(w, "w:characterSpacingControl", "doNotCompress")?;
        el(w, "w:compat", &[], |w| {
            let attrs = [
                ("w:name", "compatibilityMode"),
                ("w:uri", "http://schemas.microsoft.com/office/word"),
                ("w:val", "15"),
            ];
            empty(w, "w:compatSetting", &attrs)
        })?;
        val(w, "w:themeFontLang", lang)
    })?;
    Ok(w.into_inner())
}

/// A paragraph style: id, name, what it is based on, paragraph and run properties.
struct Style<'a> {
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    ppr: &'a dyn Fn(&mut X) -> io::Result<()>,
    rpr: &'a dyn Fn(&mut X) -> io::Result<()>,
}

fn style(w: &mut X, kind: &str, s: &Style<'_>, default: bool) -> io::Result<()> {
    let mut attrs = vec![("w:type", kind), ("w:styleId", s.id)];
    if default {
        attrs.push(("w:default", "1"));
    }
    el(w, "w:style", &attrs, |w| {
        val(w, "w:name", s.name)?;
        if let Some(b) = s.based_on {
            val(w, "w:basedOn", b)?;
        }
        if kind == "paragraph" && s.id != "Normal" {
            val(w, "w:next", "Normal")?;
        }
        empty(w, "w:qFormat", &[])?;
        if kind == "paragraph" {
            el(w, "w:pPr", &[], |w| (s.ppr)(w))?;
        }
        el(w, "w:rPr", &[], |w| (s.rpr)(w))
    })
}

fn spacing(w: &mut X, before: u32, after: u32) -> io::Result<()> {
    let (b, a) = (before.to_string(), after.to_string());
    empty(w, "w:spacing", &[("w:before", &b), ("w:after", &a)])
}

fn size(w: &mut X, half_points: u32) -> io::Result<()> {
    let s = half_points.to_string();
    val(w, "w:sz", &s)?;
    val(w, "w:szCs", &s)
}

fn border(w: &mut X, side: &str, size: &str, colour: &str, space: &str) -> io::Result<()> {
    empty(
        w,
        side,
        &[
            ("w:val", "single"),
            ("w:sz", size),
            ("w:space", space),
            ("w:color", colour),
        ],
    )
}

/// `word/styles.xml`: the document language and face by default; Normal, Heading 1–4 (Word's
/// built-in names, with outline levels), Lead, Hint, Quote, Caption, List Paragraph and the
/// Field box; Hyperlink and Placeholder Text.
pub fn styles(lang: &str) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    let none = |_: &mut X| Ok(());
    el(&mut w, "w:styles", &[("xmlns:w", W)], |w| {
        el(w, "w:docDefaults", &[], |w| {
            el(w, "w:rPrDefault", &[], |w| {
                el(w, "w:rPr", &[], |w| {
                    let face = "Arial";
                    empty(
                        w,
                        "w:rFonts",
                        &[
                            ("w:ascii", face),
                            ("w:hAnsi", face),
                            ("w:eastAsia", face),
                            ("w:cs", face),
                        ],
                    )?;
                    val(w, "w:color", "0B0C0C")?;
                    size(w, 22)?;
                    empty(w, "w:lang", &[("w:val", lang), ("w:bidi", lang)])
                })
            })?;
            el(w, "w:pPrDefault", &[], |w| {
                el(w, "w:pPr", &[], |w| {
                    empty(
                        w,
                        "w:spacing",
                        &[
                            ("w:after", "120"),
                            ("w:line", "288"),
                            ("w:lineRule", "auto"),
                        ],
                    )
                })
            })
        })?;
        let normal = Style {
            id: "Normal",
            name: "Normal",
            based_on: None,
            ppr: &none,
            rpr: &none,
        };
        style(w, "paragraph", &normal, true)?;
        for (level, sz, before) in [
            (1u32, 36u32, 0u32),
            (2, 30, 360),
            (3, 26, 240),
            (4, 22, 240),
        ] {
            let id = format!("Heading{level}");
            let name = format!("heading {level}");
            let ppr = move |w: &mut X| {
                empty(w, "w:keepNext", &[])?;
                empty(w, "w:keepLines", &[])?;
                spacing(w, before, 120)?;
                val(w, "w:outlineLvl", &(level - 1).to_string())
            };
            let rpr = move |w: &mut X| {
                empty(w, "w:b", &[])?;
                empty(w, "w:bCs", &[])?;
                size(w, sz)
            };
            let s = Style {
                id: &id,
                name: &name,
                based_on: Some("Normal"),
                ppr: &ppr,
                rpr: &rpr,
            };
            style(w, "paragraph", &s, false)?;
        }
        let lead = Style {
            id: "Lead",
            name: "Lead",
            based_on: Some("Normal"),
            ppr: &none,
            rpr: &|w| size(w, 26),
        };
        style(w, "paragraph", &lead, false)?;
        let hint_rpr = |w: &mut X| {
            val(w, "w:color", "484949")?;
            size(w, 19)
        };
        let hint_ppr = |w: &mut X| spacing(w, 0, 80);
        let hint = Style {
            id: "Hint",
            name: "Hint",
            based_on: Some("Normal"),
            ppr: &hint_ppr,
            rpr: &hint_rpr,
        };
        style(w, "paragraph", &hint, false)?;
        let quote_ppr = |w: &mut X| {
            el(w, "w:pBdr", &[], |w| {
                border(w, "w:left", "18", "2E7D82", "8")
            })?;
            empty(w, "w:ind", &[("w:left", "340")])
        };
        let quote = Style {
            id: "Quote",
            name: "Quote",
            based_on: Some("Normal"),
            ppr: &quote_ppr,
            rpr: &none,
        };
        style(w, "paragraph", &quote, false)?;
        let caption_ppr = |w: &mut X| {
            empty(w, "w:keepNext", &[])?;
            spacing(w, 120, 60)
        };
        let caption_rpr = |w: &mut X| {
            empty(w, "w:b", &[])?;
            size(w, 20)
        };
        let caption = Style {
            id: "Caption",
            name: "caption",
            based_on: Some("Normal"),
            ppr: &caption_ppr,
            rpr: &caption_rpr,
        };
        style(w, "paragraph", &caption, false)?;
        let list_ppr = |w: &mut X| {
            spacing(w, 0, 60)?;
            empty(w, "w:ind", &[("w:left", "720")])
        };
        let list = Style {
            id: "ListParagraph",
            name: "List Paragraph",
            based_on: Some("Normal"),
            ppr: &list_ppr,
            rpr: &none,
        };
        style(w, "paragraph", &list, false)?;
        // A bordered, lightly shaded box around each control, as the PDF form draws its fields.
        let field_ppr = |w: &mut X| {
            el(w, "w:pBdr", &[], |w| {
                for side in ["w:top", "w:left", "w:bottom", "w:right"] {
                    border(w, side, "8", "505A5F", "4")?;
                }
                Ok(())
            })?;
            empty(
                w,
                "w:shd",
                &[
                    ("w:val", "clear"),
                    ("w:color", "auto"),
                    ("w:fill", "F3F2F1"),
                ],
            )?;
            spacing(w, 60, 240)?;
            empty(w, "w:ind", &[("w:left", "85"), ("w:right", "85")])
        };
        let field = Style {
            id: "Field",
            name: "Form Field",
            based_on: Some("Normal"),
            ppr: &field_ppr,
            rpr: &none,
        };
        style(w, "paragraph", &field, false)?;
        let link_rpr = |w: &mut X| {
            val(w, "w:color", "1D5C99")?;
            val(w, "w:u", "single")
        };
        let link = Style {
            id: "Hyperlink",
            name: "Hyperlink",
            based_on: None,
            ppr: &none,
            rpr: &link_rpr,
        };
        style(w, "character", &link, false)?;
        let placeholder = Style {
            id: "PlaceholderText",
            name: "Placeholder Text",
            based_on: None,
            ppr: &none,
            rpr: &|w| val(w, "w:color", "505A5F"),
        };
        style(w, "character", &placeholder, false)
    })?;
    Ok(w.into_inner())
}

/// `word/numbering.xml`: a bulleted and a numbered list definition, and one numbering
/// instance per list written (`ordered` in order; numbered lists each start at 1).
pub fn numbering(ordered: &[bool]) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    el(&mut w, "w:numbering", &[("xmlns:w", W)], |w| {
        for (id, bullet) in [("1", true), ("2", false)] {
            el(w, "w:abstractNum", &[("w:abstractNumId", id)], |w| {
                val(w, "w:multiLevelType", "hybridMultilevel")?;
                for level in 0..9u32 {
                    el(w, "w:lvl", &[("w:ilvl", &level.to_string())], |w| {
                        val(w, "w:start", "1")?;
                        val(w, "w:numFmt", if bullet { "bullet" } else { "decimal" })?;
                        let text = if bullet {
                            "\u{2022}".to_string()
                        } else {
                            format!("%{}.", level + 1)
                        };
                        val(w, "w:lvlText", &text)?;
                        val(w, "w:lvlJc", "left")?;
                        el(w, "w:pPr", &[], |w| {
                            let left = (360 * (level + 1) + 360).to_string();
                            empty(w, "w:ind", &[("w:left", &left), ("w:hanging", "360")])
                        })
                    })?;
                }
                Ok(())
            })?;
        }
        for (i, o) in ordered.iter().enumerate() {
            el(w, "w:num", &[("w:numId", &(i + 1).to_string())], |w| {
                val(w, "w:abstractNumId", if *o { "2" } else { "1" })?;
                el(w, "w:lvlOverride", &[("w:ilvl", "0")], |w| {
                    val(w, "w:startOverride", "1")
                })
            })?;
        }
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// `word/header1.xml`: the document's title, small, on every page (as the PDF's running
/// header).
pub fn header(title: &str) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    el(&mut w, "w:hdr", &[("xmlns:w", W), ("xmlns:r", R)], |w| {
        el(w, "w:p", &[], |w| {
            el(w, "w:pPr", &[], |w| val(w, "w:pStyle", "Hint"))?;
            el(w, "w:r", &[], |w| {
                text_el(w, "w:t", &[("xml:space", "preserve")], title)
            })
        })
    })?;
    Ok(w.into_inner())
}

/// `word/footer1.xml`: "Page N of M" (the locale's template, `{n}` and `{total}` as Word's
/// PAGE and NUMPAGES fields), flush right.
pub fn footer(template: &str) -> io::Result<Vec<u8>> {
    let mut w = part()?;
    el(&mut w, "w:ftr", &[("xmlns:w", W), ("xmlns:r", R)], |w| {
        el(w, "w:p", &[], |w| {
            el(w, "w:pPr", &[], |w| {
                val(w, "w:pStyle", "Hint")?;
                val(w, "w:jc", "right")
            })?;
            let mut rest = template;
            while !rest.is_empty() {
                let next = [("{n}", " PAGE "), ("{total}", " NUMPAGES ")]
                    .iter()
                    .filter_map(|(k, f)| rest.find(k).map(|at| (at, *k, *f)))
                    .min();
                let (text, field) = match next {
                    Some((at, key, field)) => {
                        let text = &rest[..at];
                        rest = &rest[at + key.len()..];
                        (text, Some(field))
                    }
                    None => (std::mem::take(&mut rest), None),
                };
                if !text.is_empty() {
                    el(w, "w:r", &[], |w| {
                        text_el(w, "w:t", &[("xml:space", "preserve")], text)
                    })?;
                }
                if let Some(f) = field {
                    el(w, "w:fldSimple", &[("w:instr", f)], |w| {
                        el(w, "w:r", &[], |w| text_el(w, "w:t", &[], "1"))
                    })?;
                }
            }
            Ok(())
        })
    })?;
    Ok(w.into_inner())
}

//! Markdown in prose fields: rendering with pulldown-cmark, resolving inline references, and
//! sanitising with ammonia so raw HTML can never become script.

use crate::locale::Locale;
use crate::model::Model;
use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;

pub mod cache;
pub mod footnotes;
pub mod safe;
pub mod tables;

/// Stands for the relative path from a page to the site root in rendered Markdown; each page
/// replaces it with its own prefix (`""`, `"../"`, …) so one rendering serves every page.
pub const ROOT: &str = "__GWROOT__/";

/// The Markdown the content may use: CommonMark with tables, strikethrough, heading ids and
/// footnotes. The PDF reads Markdown with the same options.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
}

/// Every `ref:` and `term:` link target in a Markdown text, in order: `(is_term, id)`.
pub fn link_targets(text: &str) -> Vec<(bool, String)> {
    Parser::new_ext(text, options())
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link { dest_url, .. }) => split_target(&dest_url),
            _ => None,
        })
        .collect()
}

/// A link or image destination written in Markdown: the address as the renderer reads it
/// (character references and backslash escapes resolved), and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    pub url: String,
    /// Byte range of the address as written in the text.
    pub span: std::ops::Range<usize>,
    /// Byte range from the punctuation that introduces the address (`](`, `]:` or `<`) to its
    /// end: a longer needle for finding the same place in the file the text came from.
    pub context: std::ops::Range<usize>,
}

/// Every link and image destination of a Markdown text (inline links, autolinks and
/// reference definitions; a reference link's address is its definition's), in text order.
pub fn destinations(text: &str) -> Vec<Destination> {
    let parser = Parser::new_ext(text, options());
    let mut out: Vec<Destination> = parser
        .reference_definitions()
        .iter()
        .filter_map(|(_, d)| {
            let intro = d.span.start + text[d.span.clone()].find("]:")?;
            Some(destination(text, &d.dest, intro, intro + 2))
        })
        .collect();
    // Open links and images: type, address, where they start and end, and where their text
    // (children) ends so far.
    let mut open: Vec<(LinkType, String, std::ops::Range<usize>, usize)> = Vec::new();
    for (ev, range) in parser.into_offset_iter() {
        match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => open.push((
                link_type,
                dest_url.to_string(),
                range.clone(),
                range.start + 1,
            )),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some((kind, url, whole, text_end)) = open.pop() else {
                    continue;
                };
                if let Some(last) = open.last_mut() {
                    last.3 = last.3.max(whole.end);
                }
                match kind {
                    LinkType::Inline => {
                        if let Some(i) = text[text_end..whole.end].find("](") {
                            let intro = text_end + i;
                            out.push(destination(text, &url, intro, intro + 2));
                        }
                    }
                    LinkType::Autolink | LinkType::Email => out.push(Destination {
                        url,
                        span: whole.start + 1..whole.end.saturating_sub(1).max(whole.start + 1),
                        context: whole.clone(),
                    }),
                    // Reference links: the address is checked at its definition.
                    _ => {}
                }
            }
            _ => {
                if let Some(last) = open.last_mut() {
                    last.3 = last.3.max(range.end);
                }
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// The destination that follows `intro..after` (`](` or `]:`): optional white space, then an
/// address in angle brackets or up to white space or an unbalanced `)`.
fn destination(text: &str, url: &str, intro: usize, after: usize) -> Destination {
    let rest = &text[after..];
    let start = after + (rest.len() - rest.trim_start().len());
    let bytes = text.as_bytes();
    if bytes.get(start) == Some(&b'<') {
        // `<address>`: the address is what the brackets hold.
        let close = text[start..].find('>').map_or(text.len(), |i| start + i);
        return Destination {
            url: url.to_string(),
            span: start + 1..close,
            context: intro..close,
        };
    }
    let (mut end, mut depth) = (start, 0usize);
    while end < bytes.len() {
        match bytes[end] {
            b'\\' => end += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() => break,
            _ => {}
        }
        end += 1;
    }
    let end = end.min(text.len());
    Destination {
        url: url.to_string(),
        span: start..end,
        context: intro..end,
    }
}

/// `(is_term, id)` of a `ref:id` or `term:id` link; a `#fragment` after a `ref:` id names an
/// anchor on the entity's page and is not part of the id.
fn split_target(dest: &str) -> Option<(bool, String)> {
    if let Some(id) = dest.strip_prefix("ref:") {
        let id = id.split('#').next().unwrap_or_default();
        Some((false, id.trim().to_string()))
    } else {
        dest.strip_prefix("term:")
            .map(|id| (true, id.trim().to_string()))
    }
}

/// How a piece of Markdown is placed on a page.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// Level a top-level Markdown heading (`#`) becomes, e.g. 3 inside a section headed h2.
    pub heading_base: u8,
    /// Prefix for generated heading ids, so ids stay unique on the page.
    pub id_prefix: &'a str,
    /// The page's interface strings (footnotes' "Notes"); English when not given.
    pub locale: Option<&'a Locale>,
}

impl Default for Place<'_> {
    fn default() -> Self {
        Place {
            heading_base: 3,
            id_prefix: "",
            locale: None,
        }
    }
}

/// What a link start turned into, so its end can match.
enum Open {
    /// An ordinary link (or a resolved `ref:`): ends with `</a>`.
    Link,
    /// A resolved `term:`: ends with `</abbr></a>`.
    Term,
    /// A resolved `term:` whose tooltip is in another language than the author's text
    /// around it: ends with `</span></abbr></a>`.
    TermOwnText,
    /// An unresolved reference: its text stays, no tag is closed.
    Dropped,
}

type Heading<'a> = Option<(u8, Option<String>, Vec<Event<'a>>)>;

/// Renders Markdown to sanitised HTML, resolving `ref:` and `term:` links against the model.
/// Unresolved references render as plain text (validation reports them).
pub fn render(model: &Model, text: &str, place: Place) -> String {
    render_with(model, text, place, Sanitise::WhenNeeded).0
}

/// Whether a text's HTML goes through the sanitiser.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sanitise {
    Always,
    /// Only when its Markdown could bring markup in (see [`safe`]).
    WhenNeeded,
}

/// The HTML of a text both ways, for the tests of [`safe`]: without the sanitiser (`None` when
/// the text needs it) and through it.
#[cfg(test)]
pub(crate) fn render_both(model: &Model, text: &str, place: Place) -> (Option<String>, String) {
    let (html, sanitised) = render_with(model, text, place, Sanitise::WhenNeeded);
    let fast = (!sanitised).then_some(html);
    (fast, render_with(model, text, place, Sanitise::Always).0)
}

/// [`render`], sanitising as `how` says; also returns whether the sanitiser was used.
fn render_with(model: &Model, text: &str, place: Place, how: Sanitise) -> (String, bool) {
    let text = footnotes::without_placeholders(text);
    let mut plain = safe::Plain::default();
    let text = text.as_ref();
    let mut out: Vec<Event> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut heading: Heading = None;
    let mut notes = footnotes::Notes::default();
    let mut in_note = false;
    // Parsed once: the top heading level is read from the events before they are handled.
    let parsed: Vec<Event> = Parser::new_ext(text, options()).collect();
    let top = parsed
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut events = parsed.into_iter().peekable();
    while let Some(ev) = events.next() {
        plain.see(&ev);
        let ev = match ev {
            Event::FootnoteReference(label) => Event::Text(notes.reference(&label).into()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                notes.define(&label);
                in_note = true;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_note = false;
                continue;
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let shifted = (level as u8 + place.heading_base)
                    .saturating_sub(top)
                    .min(6);
                plain.heading(shifted);
                heading = Some((shifted, id.map(|i| i.to_string()), Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, inner)) = heading.take() {
                    close_heading(
                        target(&mut out, &mut notes, in_note),
                        level,
                        id,
                        inner,
                        place.id_prefix,
                    );
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let empty = matches!(events.peek(), Some(Event::End(TagEnd::Link)));
                let (kind, start, label) = match split_target(&dest_url) {
                    None => (
                        {
                            plain.link(&dest_url);
                            Open::Link
                        },
                        Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }),
                        None,
                    ),
                    Some((false, target)) => match model.get(&target) {
                        Some(t) => (
                            Open::Link,
                            Event::Start(Tag::Link {
                                link_type: LinkType::Inline,
                                dest_url: CowStr::from(match dest_url.split_once('#') {
                                    Some((_, fragment)) => format!(
                                        "{ROOT}{}#{fragment}",
                                        t.url.split('#').next().unwrap_or_default()
                                    ),
                                    None => format!("{ROOT}{}", t.url),
                                }),
                                title,
                                id,
                            }),
                            Some((t.title.clone(), model.untranslated_lang(t.file))),
                        ),
                        None => (Open::Dropped, Event::Text("".into()), Some((target, None))),
                    },
                    Some((true, target)) => match glossary_term(model, &target) {
                        Some(t) => {
                            let title = match &t.abbreviation {
                                Some(_) => t.term.clone(),
                                None => first_sentence(&t.definition),
                            };
                            // A term from an untranslated glossary, or one its translation
                            // lacks: the link, its text and its tooltip are in the original's
                            // language (WCAG 3.1.2).
                            let lang = t.lang.as_deref().or_else(|| {
                                model
                                    .glossary
                                    .as_ref()
                                    .and_then(|g| model.untranslated_lang(g.file))
                            });
                            // The language the text is written in (an untranslated entity's
                            // own, inside a page in another): a term in it needs no mark.
                            let text_lang = place
                                .locale
                                .map_or(model.default_language(), |l| l.lang.as_str());
                            let lang = lang.filter(|l| {
                                crate::locale::code(l) != crate::locale::code(text_lang)
                            });
                            // With the author's own text, only the tooltip is in that
                            // language: the text inside stays in the text's.
                            let (kind, on_a, on_abbr, inner) = match lang {
                                None => (Open::Term, None, None, String::new()),
                                Some(l) if empty => (Open::Term, Some(l), None, String::new()),
                                Some(l) => (
                                    Open::TermOwnText,
                                    None,
                                    Some(l),
                                    format!("<span lang=\"{}\">", escape_attr(text_lang)),
                                ),
                            };
                            let attr = |l: Option<&str>| {
                                l.map_or(String::new(), |l| format!(" lang=\"{}\"", escape_attr(l)))
                            };
                            let html = format!(
                                "<a href=\"{ROOT}glossary.html#{}\"{}><abbr{} title=\"{}\">{inner}",
                                escape_attr(&t.id),
                                attr(on_a),
                                attr(on_abbr),
                                escape_attr(&title)
                            );
                            let label = t.abbreviation.clone().unwrap_or_else(|| t.term.clone());
                            (kind, Event::InlineHtml(html.into()), Some((label, None)))
                        }
                        None => (Open::Dropped, Event::Text("".into()), Some((target, None))),
                    },
                };
                open.push(kind);
                push(target(&mut out, &mut notes, in_note), &mut heading, start);
                match label {
                    // An untranslated entity's title keeps its language (WCAG 3.1.2).
                    Some((l, Some(lang))) if empty => Event::InlineHtml(CowStr::from(format!(
                        "<span lang=\"{}\">{}</span>",
                        escape_attr(lang),
                        escape_attr(&l)
                    ))),
                    Some((l, None)) if empty => Event::Text(CowStr::from(l)),
                    _ => continue,
                }
            }
            Event::End(TagEnd::Link) => match open.pop() {
                Some(Open::Term) => Event::InlineHtml(CowStr::from("</abbr></a>")),
                Some(Open::TermOwnText) => Event::InlineHtml(CowStr::from("</span></abbr></a>")),
                Some(Open::Dropped) => continue,
                _ => Event::End(TagEnd::Link),
            },
            other => other,
        };
        push(target(&mut out, &mut notes, in_note), &mut heading, ev);
    }
    let sanitise = how == Sanitise::Always || plain.needs_sanitiser();
    let write = |events: Vec<Event>| write_html(events, sanitise);
    let html = write(out);
    let prefix = match place.id_prefix {
        "" => format!("n{:x}", fnv(text)),
        p => p.to_string(),
    };
    let english;
    let loc = match place.locale {
        Some(l) => l,
        None => {
            english = Locale::english_shared();
            &*english
        }
    };
    let level = place.heading_base.clamp(2, 6);
    (notes.finish(html, &prefix, level, loc, write), sanitise)
}

/// Where an event goes: a footnote definition's events are kept for the notes after the text.
fn target<'s, 'a>(
    out: &'s mut Vec<Event<'a>>,
    notes: &'s mut footnotes::Notes<'a>,
    in_note: bool,
) -> &'s mut Vec<Event<'a>> {
    match notes.sink() {
        Some(s) if in_note => s,
        _ => out,
    }
}

/// Events written as HTML (tables as the theme sets them), sanitised if `sanitise`.
fn write_html(events: Vec<Event>, sanitise: bool) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, tables::rewrite(events).into_iter());
    if sanitise {
        sanitizer().clean(&html).to_string()
    } else {
        html
    }
}

/// A stable 32-bit FNV-1a hash of a text: ids for a text's notes when its place gives no
/// prefix (a hash the standard library makes is not promised to stay the same).
pub(crate) fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

/// The highest heading level (smallest number) used in a text, so that it maps to the place's
/// base level whether the author wrote `#` or `###`.
pub(crate) fn top_heading_level(text: &str) -> u8 {
    if !text.lines().any(may_make_heading) {
        return 1;
    }
    Parser::new_ext(text, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1)
}

/// Whether a line could start or underline a heading, so that the text must be parsed to
/// know its headings: it holds `#` (an ATX heading, perhaps in a list or quote), or it is only
/// `=` or `-` after any list or quote markers (a setext underline). Prose with a dash in it
/// ("a -- b") is neither.
fn may_make_heading(line: &str) -> bool {
    if line.contains('#') {
        return true;
    }
    let marks = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '*' | '+' | '.' | ')') || c.is_ascii_digit()
    });
    let rule = marks.trim_end();
    !rule.is_empty()
        && (rule.bytes().all(|b| b == b'=' || b == b' ')
            || rule.bytes().all(|b| b == b'-' || b == b' '))
}

fn glossary_term<'m>(model: &'m Model, id: &str) -> Option<&'m crate::model::Term> {
    model.glossary.as_ref()?.terms.iter().find(|t| t.id == id)
}

/// Emits a heading at its shifted level, with its own id or one made from its text.
fn close_heading<'a>(
    out: &mut Vec<Event<'a>>,
    level: u8,
    id: Option<String>,
    inner: Vec<Event<'a>>,
    prefix: &str,
) {
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let id = id.unwrap_or_else(|| {
        let s = slug::slugify(&text);
        if prefix.is_empty() {
            s
        } else {
            format!("{prefix}-{s}")
        }
    });
    out.push(Event::Html(CowStr::from(format!(
        "<h{level} id=\"{}\">",
        escape_attr(&id)
    ))));
    out.extend(inner);
    out.push(Event::Html(CowStr::from(format!("</h{level}>\n"))));
}

fn push<'a>(out: &mut Vec<Event<'a>>, heading: &mut Heading<'a>, ev: Event<'a>) {
    match heading {
        Some((_, _, inner)) => inner.push(ev),
        None => out.push(ev),
    }
}

/// Renders Markdown meant for a single line (labels, list items) without the `<p>` wrapper.
pub fn render_inline(model: &Model, text: &str) -> String {
    inline_of(render(model, text, Place::default()))
}

/// A rendering's HTML without the `<p>` wrapper of a single paragraph.
fn inline_of(html: String) -> String {
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

/// Markdown reduced to its plain text (for metadata and `title` attributes).
pub fn plain_text(text: &str) -> String {
    let plain: String = Parser::new(text)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".into()),
            _ => None,
        })
        .collect();
    plain.trim().to_string()
}

/// The first sentence of a definition, as plain text for a `title` attribute.
fn first_sentence(text: &str) -> String {
    let plain = plain_text(text);
    match plain.find(". ") {
        Some(i) => plain[..=i].to_string(),
        None => plain,
    }
}

fn escape_attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// Whether `tag` is a valid BCP 47 language tag: well formed and made of registered subtags
/// (`cy`, `ar`, `he`, `en-GB`, `zh-Hant`; not `english` or `xx-99`).
pub fn valid_lang(tag: &str) -> bool {
    language_tags::LanguageTag::parse(tag).is_ok_and(|t| t.is_valid())
}

/// Whether `dir` is a text direction HTML knows.
fn valid_dir(dir: &str) -> bool {
    matches!(dir, "ltr" | "rtl" | "auto")
}

/// The `lang` of a raw inline `<span …>` opening tag, as the sanitiser would keep it (a
/// valid tag only): `Some(None)` for a span without one, `None` for anything else. The PDF
/// reads it to mark the span's language.
pub fn span_lang(html: &str) -> Option<Option<String>> {
    let clean = sanitizer().clean(&format!("{html}</span>")).to_string();
    let rest = clean.strip_prefix("<span")?;
    let at = rest.find(" lang=\"").map(|i| i + 7);
    Some(at.and_then(|i| rest[i..].split('"').next().map(str::to_string)))
}

/// The sanitiser, configured once: the default safe set of tags and URL schemes, plus ids on
/// headings and a language and direction on spans (`<span lang="cy">`, `dir="rtl"`; an
/// invalid value is dropped). Scripts, event attributes, styles and `javascript:` URLs are
/// removed.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        for h in ["h2", "h3", "h4", "h5", "h6"] {
            b.add_tag_attributes(h, &["id"]);
        }
        b.add_tag_attributes("span", &["lang", "dir"]);
        for cell in ["th", "td"] {
            b.add_allowed_classes(cell, tables::CELL_CLASSES);
        }
        b.attribute_filter(|element, attribute, value| match (element, attribute) {
            ("span", "lang") => valid_lang(value).then_some(value.into()),
            ("span", "dir") => valid_dir(value).then_some(value.into()),
            _ => Some(value.into()),
        });
        b.rm_tags(&["h1"]);
        b.link_rel(None);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Glossary, Kind, Status, Target, Term};

    #[test]
    fn the_pre_scan_parses_every_text_that_has_a_heading() {
        // The top level found by parsing every text, the way it was found before the scan.
        let parsed = |text: &str| {
            Parser::new_ext(text, options())
                .filter_map(|e| match e {
                    Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
                    _ => None,
                })
                .min()
                .unwrap_or(1)
        };
        for text in [
            "Plain prose -- with a dash, and a = sign.",
            "Lead.\n\n### Three\n\nText.",
            "Title\n=====\n\nText.",
            "Title\n---\n",
            "- item\n\n  Inside\n  --------\n",
            "> Quoted\n> ===\n",
            "1. Numbered\n   ---\n",
            "[^1]: Note\n    Heading\n    ---\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "Para\n\n***\n\nMore -- text.",
            "Two\n  ==  \n",
        ] {
            assert_eq!(top_heading_level(text), parsed(text), "{text:?}");
        }
        assert!(!may_make_heading("A sentence -- with dashes."));
    }

    fn model() -> Model {
        let mut m = Model::default();
        m.index.insert(
            "ps-2-1".into(),
            Target {
                kind: Kind::Standard,
                file: 0,
                pos: Default::default(),
                status: Status::Published,
                title: "2.1 Assessment".into(),
                url: "standards/ps-2-1.html".into(),
            },
        );
        let term = |id: &str, abbr: Option<&str>, term: &str| Term {
            id: id.into(),
            term: term.into(),
            abbreviation: abbr.map(Into::into),
            definition: "First sentence. Second sentence.".into(),
            lang: None,
        };
        m.glossary = Some(Entry {
            id: "glossary".into(),
            file: 0,
            data: std::sync::Arc::new(Glossary {
                terms: vec![
                    term("rosh", Some("RoSH"), "Risk of serious harm"),
                    term("safeguarding", None, "Safeguarding"),
                ],
                id: None,
                status: Status::Published,
                version: None,
                published: None,
                updated: None,
                review_due: None,
                lang: None,
            }),
        });
        m
    }

    #[test]
    fn finds_reference_targets_in_order() {
        let t = "See [a](ref:x-1), [b](https://e.org), [](term:rosh) and [c]( ref:y )";
        assert_eq!(
            link_targets(t),
            vec![
                (false, "x-1".into()),
                (true, "rosh".into()),
                (false, "y".into())
            ]
        );
    }

    #[test]
    fn destinations_are_found_where_written() {
        let t = "A [b](x.html) ![i]( data:a ) [![n](img.png)](y.html \"t\")\n\
                 <javascript:a> [c](<sp ace.html>) [d][r] [e](&#106;s:1)\n\n[r]: Ftp://h\n";
        let found: Vec<(String, &str)> = destinations(t)
            .iter()
            .map(|d| (d.url.clone(), &t[d.span.clone()]))
            .collect();
        let expect = [
            ("x.html", "x.html"),
            ("data:a", "data:a"),
            ("img.png", "img.png"),
            ("y.html", "y.html"),
            ("javascript:a", "javascript:a"),
            ("sp ace.html", "sp ace.html"),
            ("js:1", "&#106;s:1"),
            ("Ftp://h", "Ftp://h"),
        ];
        let expect: Vec<(String, &str)> = expect.iter().map(|(u, r)| (u.to_string(), *r)).collect();
        assert_eq!(found, expect);
    }

    #[test]
    fn resolves_references_with_root_placeholder_and_titles() {
        let m = model();
        let html = render(
            &m,
            "Read [](ref:ps-2-1) and [the standard](ref:ps-2-1#x).",
            Place::default(),
        );
        assert!(
            html.contains(&format!(
                "<a href=\"{ROOT}standards/ps-2-1.html\">2.1 Assessment</a>"
            )),
            "{html}"
        );
        // An unknown reference keeps its text and makes no link.
        assert!(
            html.contains("the standard") && !html.contains("ps-2-1#x"),
            "{html}"
        );
    }

    #[test]
    fn glossary_terms_become_linked_abbreviations() {
        let m = model();
        let html = render_inline(
            &m,
            "[](term:rosh), [RoSH](term:rosh) and [safeguarding](term:safeguarding)",
        );
        assert!(html.contains(&format!(
            "<a href=\"{ROOT}glossary.html#rosh\"><abbr title=\"Risk of serious harm\">RoSH</abbr></a>"
        )), "{html}");
        assert_eq!(html.matches("<abbr").count(), 3, "{html}");
        // Without an abbreviation the title is the definition's first sentence.
        assert!(
            html.contains("title=\"First sentence.\">safeguarding</abbr>"),
            "{html}"
        );
    }

    #[test]
    fn headings_nest_under_their_container_with_unique_ids() {
        let m = model();
        let place = Place {
            heading_base: 3,
            id_prefix: "sec",
            locale: None,
        };
        let html = render(&m, "# Top\n\n## Inner\n\n### Own {#custom}\n", place);
        assert!(html.contains("<h3 id=\"sec-top\">Top</h3>"), "{html}");
        assert!(html.contains("<h4 id=\"sec-inner\">Inner</h4>"), "{html}");
        assert!(html.contains("<h5 id=\"custom\">Own</h5>"), "{html}");
        // A field whose top heading is `###` still starts at the base level.
        let h3 = render(&m, "### Three\n\n#### Four", place);
        assert!(
            h3.contains("<h3 id=\"sec-three\">") && h3.contains("<h4"),
            "{h3}"
        );
        let deep = render(&m, "# One\n\n###### Six", place);
        assert!(deep.contains("<h6"), "levels stop at 6: {deep}");
    }

    #[test]
    fn raw_html_and_script_urls_are_removed() {
        let m = model();
        let html = render(
            &m,
            "<script>alert(1)</script><h1>big</h1>\n\n[x](javascript:alert(1)) <b onclick=\"x()\">b</b>",
            Place::default(),
        );
        assert!(
            !html.contains("<script") && !html.contains("javascript:") && !html.contains("onclick"),
            "{html}"
        );
        assert!(
            !html.contains("<h1"),
            "an h1 in content would make two on the page: {html}"
        );
        assert!(html.contains("<b>b</b>"), "{html}");
    }

    #[test]
    fn spans_keep_a_valid_language_and_direction_and_lose_invalid_ones() {
        let m = model();
        let html = render(
            &m,
            "Croeso: <span lang=\"cy\">Bore da</span>, <span lang=\"ar\" dir=\"rtl\">سلام</span>, \
             <span lang=\"english\" dir=\"sideways\">x</span> <span lang=\"en-GB\" dir=\"auto\">y</span> \
             <span lang=\"xx-99\" onclick=\"a()\">z</span>",
            Place::default(),
        );
        for kept in [
            r#"<span lang="cy">Bore da</span>"#,
            r#"<span lang="ar" dir="rtl">سلام</span>"#,
            r#"<span lang="en-GB" dir="auto">y</span>"#,
        ] {
            assert!(html.contains(kept), "{kept} missing from {html}");
        }
        assert!(html.contains("<span>x</span>"), "{html}");
        assert!(html.contains("<span>z</span>"), "{html}");
        assert_eq!(
            span_lang(r#"<span lang="cy" dir="ltr">"#),
            Some(Some("cy".into()))
        );
        assert_eq!(span_lang(r#"<span lang="nonsense-tag">"#), Some(None));
        assert_eq!(span_lang("<b>"), None);
        assert!(valid_lang("he") && valid_lang("zh-Hant-TW") && !valid_lang("en_GB"));
    }
}

//! The Markdown real guides use, on the web and in the PDF: footnotes, table column alignment
//! and captions, `nav_label` in navigation, and guides in parts. Expected values come from
//! the sample content's own text (read here as YAML), not from guidewright's output.

mod common;
use common::{tool, Project};
use scraper::{Html, Selector};

const KPS: &str = "guides/keeping-people-safe";
const KCS: &str = "guides/keeping-the-child-safe";
const ASSESSING: &str = "guides/keeping-people-safe/kps-assessing.yaml";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn built() -> Project {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

fn page(p: &Project, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(p.path(&format!("output/{rel}"))).unwrap())
}

fn yaml(p: &Project, rel: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&p.read(rel)).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The section bodies of a chapter that hold footnotes: (section id, body).
fn bodies_with_notes(p: &Project, rel: &str) -> Vec<(String, String)> {
    yaml(p, rel)["sections"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| {
            let body = s["body"].as_str()?;
            body.contains("[^")
                .then(|| (s["id"].as_str().unwrap().to_string(), body.to_string()))
        })
        .collect()
}

/// References (`[^x]` not at a line's start) and definitions (`[^x]:` at a line's start,
/// with the text of the note) of a Markdown text, read by hand.
fn notes_in(body: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut refs = Vec::new();
    let mut defs: Vec<(String, String)> = Vec::new();
    for line in body.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("[^") {
            if let Some((label, note)) = rest.split_once("]:") {
                defs.push((label.to_string(), note.trim().to_string()));
                continue;
            }
        }
        if line.starts_with(' ') && !defs.is_empty() && !t.is_empty() {
            // A definition's continuation line.
            let last = defs.last_mut().unwrap();
            last.1 = format!("{} {}", last.1, t);
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("[^") {
            let after = &rest[i + 2..];
            let end = after.find(']').unwrap();
            refs.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    (refs, defs)
}

#[test]
fn footnotes_are_numbered_notes_on_the_web_and_in_the_pdf() {
    let p = built();
    let doc = page(&p, &format!("{KPS}/kps-assessing.html"));
    let bodies = bodies_with_notes(&p, ASSESSING);
    assert!(!bodies.is_empty(), "the sample shows a footnote");
    let mut all_refs = 0;
    let mut all_defs = Vec::new();
    for (id, body) in &bodies {
        let (refs, defs) = notes_in(body);
        all_refs += refs.len();
        let section = doc
            .select(&sel(&format!("section[aria-labelledby='{id}']")))
            .next();
        let section = section.unwrap_or_else(|| panic!("no section {id}"));
        let links: Vec<_> = section.select(&sel("sup.gw-footnote-ref a")).collect();
        assert_eq!(links.len(), refs.len(), "references in {id}");
        let items: Vec<_> = section.select(&sel(".gw-footnotes li")).collect();
        assert_eq!(items.len(), defs.len(), "notes at the end of {id}");
        for (n, a) in links.iter().enumerate() {
            // "Note 1": a name that says what the number is.
            assert_eq!(text(*a), format!("Note {}", n + 1));
            let target = a.value().attr("href").unwrap().trim_start_matches('#');
            let note = items
                .iter()
                .find(|li| li.value().id() == Some(target))
                .unwrap_or_else(|| panic!("{target} is not a note of {id}"));
            let (_, written) = &defs[n];
            assert!(
                text(*note).contains(&flat(written)),
                "{} lacks {written}",
                text(*note)
            );
            // The note links back to where it is referred to.
            let sup_id = a
                .parent()
                .unwrap()
                .value()
                .as_element()
                .unwrap()
                .id()
                .unwrap();
            let back = note.select(&sel("a.gw-footnotes__back")).next().unwrap();
            assert_eq!(
                back.value().attr("href"),
                Some(format!("#{sup_id}").as_str())
            );
        }
        all_defs.extend(defs);
    }
    assert!(
        !doc.html().contains("[^"),
        "no footnote is printed literally"
    );

    // The PDF: each reference is a linked "[n]", each note a Note element (with an /ID) that
    // holds its number and its text.
    let pdf = p.path(&format!("output/{KPS}/keeping-people-safe.pdf"));
    let pdf = pdf.to_str().unwrap();
    let struct_text = tool("pdfinfo", &["-struct-text", pdf]);
    let notes = struct_text
        .lines()
        .filter(|l| l.trim_start().starts_with("Note "))
        .count();
    assert_eq!(notes, all_defs.len(), "{struct_text}");
    for (_, written) in &all_defs {
        assert!(
            flat(&struct_text).contains(&flat(written)),
            "note text {written} in the PDF"
        );
    }
    let refs_in_pdf = struct_text
        .lines()
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0].trim() == "Link (inline)" && w[1].trim().starts_with("\"["))
        .count();
    assert_eq!(refs_in_pdf, all_refs, "linked references");
    let doc = lopdf::Document::load(pdf).unwrap();
    let ids: Vec<Vec<u8>> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(&b"Note"[..]))
        .map(|d| d.get(b"ID").unwrap().as_str().unwrap().to_vec())
        .collect();
    assert_eq!(ids.len(), all_defs.len());
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "note ids are unique");
}

#[test]
fn an_undefined_or_unused_footnote_is_reported_where_written() {
    let p = Project::sample();
    p.edit(
        ASSESSING,
        "Everything else in a case depends on the assessment.",
        "Everything else in a case depends on the assessment.[^nowhere]",
    );
    p.edit(
        ASSESSING,
        "      Where enquiries *had* been made",
        "      [^spare]: A note nobody refers to.\n\n      Where enquiries *had* been made",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("footnote [^nowhere] has no definition"),
        "{}",
        r.stderr
    );
    let at = p.locate(ASSESSING, "[^nowhere]");
    assert!(r.stderr.contains(&at), "expected {at} in\n{}", r.stderr);
    assert!(
        r.stderr
            .contains("footnote [^spare] is defined but nothing refers to it"),
        "{}",
        r.stderr
    );
    let at = p.locate(ASSESSING, "[^spare]:");
    assert!(r.stderr.contains(&at), "expected {at} in\n{}", r.stderr);
    // The build refuses the error too, and writes nothing.
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&p.locate(ASSESSING, "[^nowhere]")),
        "{}",
        r.stderr
    );
    assert!(!p.path("output").exists());
    // With the reference defined, only the unused note is left, as a warning.
    p.edit(ASSESSING, "[^nowhere]", "");
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("[^spare]"),
        "{}",
        r.stderr
    );
}

/// The alignment row of the first Markdown table in a text: per column, `l`, `c`, `r` or
/// `-` (none), as the delimiters are written.
fn alignments(body: &str) -> Vec<char> {
    let row = body
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with('|') && l.contains("---"))
        .unwrap();
    row.trim_matches('|')
        .split('|')
        .map(|c| {
            let c = c.trim();
            match (c.starts_with(':'), c.ends_with(':')) {
                (true, true) => 'c',
                (false, true) => 'r',
                (true, false) => 'l',
                _ => '-',
            }
        })
        .collect()
}

/// The body of the chapter section that has a Markdown table with a caption.
fn captioned_table(p: &Project) -> (String, String) {
    for s in yaml(p, ASSESSING)["sections"].as_sequence().unwrap() {
        if let Some(body) = s["body"].as_str() {
            if let Some(line) = body.lines().find(|l| l.starts_with("Table:")) {
                let caption = line.trim_start_matches("Table:").trim().to_string();
                return (body.to_string(), caption);
            }
        }
    }
    panic!("the sample shows a table with a caption");
}

#[test]
fn table_columns_keep_their_alignment_and_caption_on_the_web_and_in_the_pdf() {
    let p = built();
    let (body, caption) = captioned_table(&p);
    let aligns = alignments(&body);
    assert!(
        aligns.contains(&'r'),
        "the sample has a right-aligned column"
    );
    let doc = page(&p, &format!("{KPS}/kps-assessing.html"));
    let table = doc
        .select(&sel(".gw-prose table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| text(c) == caption)
        })
        .unwrap_or_else(|| panic!("no table captioned {caption}"));
    assert!(!text(table).contains("Table:"));
    for row in table.select(&sel("tr")) {
        for (c, cell) in row.select(&sel("th, td")).enumerate() {
            let class = cell.value().attr("class");
            let expected = match aligns[c] {
                'r' => Some("gw-table__cell--numeric"),
                'c' => Some("gw-table__cell--centre"),
                _ => None,
            };
            assert_eq!(class, expected, "column {c} of {}", text(row));
            assert!(cell.value().attr("style").is_none());
        }
    }
    // The stylesheet the page links to sets the classes.
    let href = doc
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .trim_start_matches("../")
        .to_string();
    let css = std::fs::read_to_string(p.path(&format!("output/{href}"))).unwrap();
    assert!(css.contains(".gw-table__cell--numeric { text-align: right"));

    // The PDF: the caption is the table's Caption element; a right-aligned column's figures
    // end at one x, a centred column's words are centred on one x.
    let pdf = p.path(&format!("output/{KPS}/keeping-people-safe.pdf"));
    let pdf = pdf.to_str().unwrap();
    let st = tool("pdfinfo", &["-struct-text", pdf]);
    let lines: Vec<&str> = st.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&format!("\"{caption}\"")))
        .unwrap_or_else(|| panic!("caption not in the structure tree"));
    assert_eq!(lines[at - 1].trim(), "Caption");
    let rows: Vec<Vec<String>> = body
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('|') && !l.contains("---"))
        .skip(1)
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect();
    let bbox = tool("pdftotext", &["-bbox", pdf, "-"]);
    // Each word's (xMin, xMax) by its text, in reading order.
    let words: Vec<(String, f64, f64)> = bbox
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let attr = |k: &str| -> f64 {
                let i = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                l[i..].split('"').next().unwrap().parse().unwrap()
            };
            let w = l
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            (w, attr("xMin"), attr("xMax"))
        })
        .collect();
    let cap_word = caption.split_whitespace().last().unwrap();
    let start = words.iter().position(|w| w.0 == cap_word).unwrap();
    for (c, a) in aligns.iter().enumerate() {
        if *a != 'r' && *a != 'c' {
            continue;
        }
        let mut found = Vec::new();
        let mut from = start;
        for r in &rows {
            let cell = r[c].split_whitespace().collect::<Vec<_>>();
            assert_eq!(cell.len(), 1, "one-word cells in aligned columns: {r:?}");
            let k = from + words[from..].iter().position(|w| w.0 == cell[0]).unwrap();
            found.push((words[k].1, words[k].2));
            from = k + 1;
        }
        let key = |(x0, x1): (f64, f64)| if *a == 'r' { x1 } else { (x0 + x1) / 2.0 };
        let first = key(found[0]);
        for f in &found {
            assert!((key(*f) - first).abs() < 0.6, "column {c} ({a}): {found:?}");
        }
        let widths: Vec<f64> = found.iter().map(|(x0, x1)| x1 - x0).collect();
        assert!(
            widths.iter().any(|w| (w - widths[0]).abs() > 1.0),
            "cells of different widths show the alignment: {found:?}"
        );
    }
}

#[test]
fn nav_labels_name_chapters_in_navigation_and_full_titles_stay_in_the_pdf() {
    let p = Project::sample();
    // A very long title, as some guides have: the short label stands in for it.
    let long = "Assessing to keep people safe: how to bring together what the person says, \
                what their history shows and what other agencies know about the risks";
    p.edit(
        ASSESSING,
        "title: Assessing to keep people safe",
        &format!("title: \"{long}\""),
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let guide = yaml(&p, &format!("{KPS}/guide.yaml"));
    let order: Vec<String> = guide["chapters"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let label = |id: &str| -> String {
        let c = yaml(&p, &format!("{KPS}/{id}.yaml"));
        c["nav_label"]
            .as_str()
            .or(c["title"].as_str())
            .unwrap()
            .to_string()
    };
    let title = |id: &str| {
        yaml(&p, &format!("{KPS}/{id}.yaml"))["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(title("kps-assessing"), long);
    let at = order.iter().position(|c| c == "kps-assessing").unwrap();
    let neighbour = &order[at + 1];
    let doc = page(&p, &format!("{KPS}/{neighbour}.html"));
    // The contents list: one entry per chapter, each its short label.
    let entries: Vec<String> = doc
        .select(&sel(".gw-contents__item"))
        .map(|li| {
            let first = li.select(&sel("a, span")).next().unwrap();
            text(first)
        })
        .collect();
    let labels: Vec<String> = order.iter().map(|c| label(c)).collect();
    assert_eq!(entries, labels);
    // Pagination: the previous chapter by its label.
    let prev = doc
        .select(&sel("a[rel=prev] .gw-pagination__link-label"))
        .next()
        .unwrap();
    assert_eq!(text(prev), label("kps-assessing"));
    assert!(
        !doc.html().contains(long),
        "the long title is nowhere on its neighbour's page"
    );
    // Breadcrumbs of the evidence page shown in a chapter: the chapter by its label.
    let (shows, evidence) = order
        .iter()
        .find_map(|c| {
            let y = yaml(&p, &format!("{KPS}/{c}.yaml"));
            y["sections"]
                .as_sequence()
                .unwrap()
                .iter()
                .find_map(|s| s["evidence"].as_str().map(|e| (c.clone(), e.to_string())))
        })
        .unwrap();
    assert_ne!(
        label(&shows),
        title(&shows),
        "the sample's chapter has a short label"
    );
    let ev = page(&p, &format!("evidence/{evidence}.html"));
    let crumbs: Vec<String> = ev.select(&sel(".gw-breadcrumbs a")).map(text).collect();
    assert_eq!(crumbs.last(), Some(&label(&shows)), "{crumbs:?}");
    assert!(!crumbs.contains(&title(&shows)));

    // The PDF keeps full titles: its contents page and outline are where a reader sees each
    // chapter's title before turning to it, and the outline mirrors the headings.
    let pdf = p.path(&format!("output/{KPS}/keeping-people-safe.pdf"));
    let out = std::process::Command::new("python3")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/outline.py"))
        .arg(&pdf)
        .output()
        .unwrap();
    let outline: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let chapters: Vec<String> = outline
        .iter()
        .filter(|e| e["level"] == 1 && e["title"] != "Contents")
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect();
    let titles: Vec<String> = order.iter().map(|c| title(c)).collect();
    assert_eq!(chapters, titles);
    let contents = flat(&tool(
        "pdftotext",
        &["-f", "2", "-l", "3", pdf.to_str().unwrap(), "-"],
    ));
    let start: String = long.split(':').next().unwrap().to_string() + ": how to bring together";
    assert!(contents.contains(&start), "{contents}");
}

/// A guide's parts as written: (title, chapter ids).
fn parts(p: &Project, guide: &str) -> Vec<(String, Vec<String>)> {
    yaml(p, &format!("{guide}/guide.yaml"))["parts"]
        .as_sequence()
        .expect("the sample has a guide in parts")
        .iter()
        .map(|part| {
            (
                part["title"].as_str().unwrap().to_string(),
                part["chapters"]
                    .as_sequence()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_guide_in_parts_shows_them_in_its_contents_chapter_pages_and_pdf() {
    let p = built();
    let parts = parts(&p, KCS);
    assert!(parts.len() > 1);
    let heading = |i: usize| format!("Part {}: {}", i + 1, parts[i].0);
    // The guide's contents: each part's heading, then its chapters.
    let doc = page(&p, &format!("{KCS}/index.html"));
    let shown: Vec<(String, Vec<String>)> = doc
        .select(&sel(".gw-contents__part"))
        .map(|li| {
            let h = text(
                li.select(&sel(".gw-contents__part-heading"))
                    .next()
                    .unwrap(),
            );
            let links = li
                .select(&sel(".gw-contents__item a"))
                .map(|a| {
                    let href = a.value().attr("href").unwrap();
                    href.rsplit('/')
                        .next()
                        .unwrap()
                        .trim_end_matches(".html")
                        .to_string()
                })
                .collect();
            (h, links)
        })
        .collect();
    let expected: Vec<(String, Vec<String>)> = parts
        .iter()
        .enumerate()
        .map(|(i, (_, c))| (heading(i), c.clone()))
        .collect();
    assert_eq!(shown, expected);
    // A chapter page: only its own part's chapters; the other parts link to their first.
    let (mine, chapter) = (1, &parts[1].1[1]);
    let doc = page(&p, &format!("{KCS}/{chapter}.html"));
    let items: Vec<String> = doc
        .select(&sel(".gw-contents .gw-contents__item"))
        .map(|li| text(li.select(&sel("a, span")).next().unwrap()))
        .collect();
    let labels: Vec<String> = parts[mine]
        .1
        .iter()
        .map(|c| {
            let y = yaml(&p, &format!("{KCS}/{c}.yaml"));
            y["nav_label"]
                .as_str()
                .or(y["title"].as_str())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(items, labels);
    let others: Vec<(String, String)> = doc
        .select(&sel(".gw-contents__part > a.gw-contents__part-heading"))
        .map(|a| {
            (
                text(a),
                a.value()
                    .attr("href")
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = (0..parts.len())
        .filter(|&i| i != mine)
        .map(|i| (heading(i), format!("{}.html", parts[i].1[0])))
        .collect();
    assert_eq!(others, expected);

    // The PDF: parts are the outline's top level (after Contents), chapters below them, and
    // the contents page lists each part before its chapters.
    let pdf = p.path(&format!("output/{KCS}/keeping-the-child-safe.pdf"));
    let out = std::process::Command::new("python3")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/outline.py"))
        .arg(&pdf)
        .output()
        .unwrap();
    let outline: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let top: Vec<&str> = outline
        .iter()
        .filter(|e| e["level"] == 1)
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    let mut want = vec!["Contents".to_string()];
    want.extend((0..parts.len()).map(heading));
    assert_eq!(top, want);
    let second: Vec<String> = outline
        .iter()
        .filter(|e| e["level"] == 2)
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect();
    let titles: Vec<String> = parts
        .iter()
        .flat_map(|(_, c)| c.clone())
        .map(|c| {
            yaml(&p, &format!("{KCS}/{c}.yaml"))["title"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(second, titles);
    let contents = flat(&tool(
        "pdftotext",
        &["-f", "2", "-l", "2", pdf.to_str().unwrap(), "-"],
    ));
    let mut from = 0;
    for (i, (_, chapters)) in parts.iter().enumerate() {
        let h = contents[from..]
            .find(&heading(i))
            .unwrap_or_else(|| panic!("{} in {contents}", heading(i)))
            + from;
        let first = yaml(&p, &format!("{KCS}/{}.yaml", chapters[0]))["title"]
            .as_str()
            .unwrap()
            .to_string();
        let c = contents[h..].find(&first).unwrap() + h;
        from = c;
    }
    // The structure tree: the part headings are H1, chapters below them H2.
    let st = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = st.lines().collect();
    // Each text's heading elements (the contents page's entries are links, not headings).
    let levels_of = |t: &str| -> Vec<String> {
        (1..lines.len())
            .filter(|&i| {
                lines[i].trim() == format!("\"{t}\"") && lines[i - 1].trim().starts_with('H')
            })
            .map(|i| lines[i - 1].trim().split(' ').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(levels_of(&heading(0)), ["H1"]);
    assert_eq!(levels_of(&titles[0]), ["H2"]);
}

#[test]
fn parts_are_checked_where_written() {
    let p = Project::sample();
    let guide = format!("{KCS}/guide.yaml");
    let parts = parts(&p, KCS);
    let moved = &parts[0].1[1];
    // A chapter in two parts: an error where it is listed the second time.
    p.edit(
        &guide,
        &format!("chapters: [{}]", parts[2].1.join(", ")),
        &format!("chapters: [{}, {moved}]", parts[2].1.join(", ")),
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "chapter `{moved}` is in two parts, `{}` and `{}`",
            parts[0].0, parts[2].0
        )),
        "{}",
        r.stderr
    );
    let line = format!("chapters: [{}, {moved}]", parts[2].1.join(", "));
    let at = p.locate_in(&guide, &line, moved);
    assert!(r.stderr.contains(&at), "expected {at} in\n{}", r.stderr);

    // A chapter in no part.
    let p = Project::sample();
    let dropped = parts[2].1[0].clone();
    p.edit(
        &guide,
        &format!("  - title: {}\n    chapters: [{dropped}]\n", parts[2].0),
        "",
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "chapter `{dropped}` is in the guide's folder but not in any of its parts"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&p.locate(&guide, "parts:")),
        "{}",
        r.stderr
    );

    // `chapters` beside `parts`.
    let p = Project::sample();
    p.edit(
        &guide,
        "parts:\n",
        &format!("chapters: [{}]\nparts:\n", parts[0].1[0]),
    );
    let r = p.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("lists its chapters in its parts"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&p.locate(&guide, "chapters:")),
        "{}",
        r.stderr
    );

    // The schema knows parts.
    let r = p.run(&["schema", "--kind", "guide"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let schema: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let s = schema.to_string();
    assert!(schema["properties"]["parts"].is_object(), "{s}");
    assert!(
        s.contains("\"title\"") && s.contains("every chapter in exactly one part"),
        "{s}"
    );
}

//! The guides' PDFs, checked from outside: with lopdf (objects, outline, links), pypdf (the
//! outline, by `tests/pdf/outline.py`) and poppler (text in reading order, fonts, word
//! positions), which `tests/run` installs.

mod common;
use common::{tool, Project};
use lopdf::{Document, Object, ObjectId};
use std::collections::HashMap;
use std::process::Command;

const KPS: &str = "output/guides/keeping-people-safe/keeping-people-safe.pdf";

fn built() -> Project {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    p
}

fn page_text(pdf: &str, page: usize) -> String {
    let n = page.to_string();
    tool("pdftotext", &["-layout", "-f", &n, "-l", &n, pdf, "-"])
}

fn page_numbers(doc: &Document) -> HashMap<ObjectId, usize> {
    doc.get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect()
}

fn dest_page(dest: &Object, pages: &HashMap<ObjectId, usize>) -> usize {
    let arr = dest.as_array().unwrap();
    pages[&arr[0].as_reference().unwrap()]
}

fn text_string(o: &Object) -> String {
    let bytes = o.as_str().unwrap();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// (title, page, children) of an outline level.
fn outline_level(
    doc: &Document,
    first: ObjectId,
    pages: &HashMap<ObjectId, usize>,
) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut at = Some(first);
    while let Some(id) = at {
        let d = doc.get_dictionary(id).unwrap();
        let title = text_string(d.get(b"Title").unwrap());
        let page = dest_page(d.get(b"Dest").unwrap(), pages);
        let children = match d.get(b"First") {
            Ok(f) => outline_level(doc, f.as_reference().unwrap(), pages).len(),
            Err(_) => 0,
        };
        out.push((title, page, children));
        at = d.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    out
}

#[test]
fn guide_page_links_the_pdf_with_its_real_size_and_pages() {
    let p = built();
    let html =
        std::fs::read_to_string(p.path("output/guides/keeping-people-safe/index.html")).unwrap();
    let bytes = std::fs::read(p.path(KPS)).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages().len();
    let kb = bytes.len().div_ceil(1000);
    let label = format!(
        "Keeping people safe (<abbr title=\"Portable Document Format\">PDF</abbr>, {kb} KB, {pages} pages)"
    );
    assert!(html.contains(&label), "expected {label} in the guide page");
    assert!(html.contains("href=\"../../guides/keeping-people-safe/keeping-people-safe.pdf\""));
}

#[test]
fn outline_mirrors_chapters_and_sections_and_points_at_their_pages() {
    let p = built();
    let pdf = p.path(KPS);
    let doc = Document::load(&pdf).unwrap();
    let pages = page_numbers(&doc);
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let top = outline_level(
        &doc,
        outlines.get(b"First").unwrap().as_reference().unwrap(),
        &pages,
    );
    let titles: Vec<&str> = top.iter().map(|t| t.0.as_str()).collect();
    let guide = p.read("guides/keeping-people-safe/guide.yaml");
    assert_eq!(titles[0], "Contents");
    assert_eq!(
        titles.len(),
        1 + guide
            .lines()
            .filter(|l| l.trim_start().starts_with("- kps-"))
            .count()
    );
    let pdf_s = pdf.to_str().unwrap();
    for (title, page, children) in &top[1..] {
        assert!(*children >= 1, "{title} has no sections in the outline");
        let text = page_text(pdf_s, *page);
        let first_words: String = title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains(&first_words),
            "outline entry {title} points at page {page}, which does not show it"
        );
    }
    // Document settings readers need.
    assert!(catalog.get(b"Lang").is_ok());
    let vp = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert_eq!(vp.get(b"DisplayDocTitle").unwrap(), &Object::Boolean(true));
    let info = tool("pdfinfo", &[pdf_s]);
    assert!(
        info.contains("Title:           Keeping people safe"),
        "{info}"
    );
    assert!(info.contains("Author:          Northbridge"), "{info}");
    assert!(info.contains("Keywords:"), "{info}");
}

#[test]
fn contents_links_go_to_the_page_they_name() {
    let p = built();
    let pdf = p.path(KPS);
    let pdf_s = pdf.to_str().unwrap();
    let doc = Document::load(&pdf).unwrap();
    let pages = page_numbers(&doc);
    let contents_page = doc.get_pages()[&2];
    let annots = doc
        .get_dictionary(contents_page)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert!(annots.len() > 10);
    let height = 841.89;
    for a in annots {
        let d = match a {
            Object::Reference(r) => doc.get_dictionary(r).unwrap().clone(),
            Object::Dictionary(d) => d,
            _ => continue,
        };
        let rect: Vec<f32> = d
            .get(b"Rect")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        let action = d.get(b"A").unwrap().as_dict().unwrap();
        let target = dest_page(action.get(b"D").unwrap(), &pages);
        // The words inside the link's rectangle: the entry's title and its page number.
        let (x, y, w, h) = (
            rect[0],
            height - rect[3],
            rect[2] - rect[0],
            rect[3] - rect[1],
        );
        let entry = tool(
            "pdftotext",
            &[
                "-f",
                "2",
                "-l",
                "2",
                "-x",
                &format!("{}", x as i32),
                "-y",
                &format!("{}", y as i32),
                "-W",
                &format!("{}", w.ceil() as i32),
                "-H",
                &format!("{}", h.ceil() as i32),
                pdf_s,
                "-",
            ],
        );
        let entry = entry.split_whitespace().collect::<Vec<_>>();
        let number: usize = entry
            .last()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("no page number in {entry:?}"));
        assert_eq!(
            number, target,
            "contents entry {entry:?} links to page {target}"
        );
        let title: String = entry[..entry.len() - 1]
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let flat = page_text(pdf_s, target)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(flat.contains(&title), "page {target} does not show {title}");
    }
}

#[test]
fn fonts_are_embedded_subset_and_the_file_is_valid() {
    let p = built();
    let pdf = p.path(KPS);
    let pdf_s = pdf.to_str().unwrap();
    let fonts = tool("pdffonts", &[pdf_s]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(cols[0].contains('+'), "not subset: {r}");
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni: {r}"
        );
    }
    let check = Command::new("qpdf")
        .args(["--check", pdf_s])
        .output()
        .expect("qpdf is needed");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Text comes out in reading order, and the running footer counts pages.
    let text = tool("pdftotext", &[pdf_s, "-"]);
    let a = text.find("Why keeping people safe matters").unwrap();
    let b = text.find("What we mean by keeping people safe").unwrap();
    assert!(a < b);
    let n = Document::load(&pdf).unwrap().get_pages().len();
    assert!(text.contains(&format!("Page 2 of {n}")));
}

#[test]
fn characters_beyond_ascii_render_and_missing_ones_are_reported() {
    let p = Project::sample();
    let rel = "guides/keeping-people-safe/kps-introduction.yaml";
    let text = p.read(rel);
    let marker = "    body: |\n";
    let extra =
        "    body: |\n      Croeso: ŵyn, ŷd, Ŵ, Ŷ – “curly” ‘quotes’ — £12 and a stray 日.\n\n";
    p.write(rel, &text.replacen(marker, extra, 1));
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let at = p.locate(rel, "日");
    assert!(
        r.stderr.contains(&at) && r.stderr.contains("no glyph for `日`"),
        "{}",
        r.stderr
    );
    let pdf = p.path(KPS);
    let all = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        all.contains("Croeso: ŵyn, ŷd, Ŵ, Ŷ – “curly” ‘quotes’ — £12"),
        "text lost in the PDF"
    );
}

#[test]
fn words_stay_inside_the_margins_and_never_overlap() {
    let p = built();
    let pdf = p.path("output/guides/keeping-the-child-safe/keeping-the-child-safe.pdf");
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let margin = 25.0 * 72.0 / 25.4 - 0.5;
    let (width, mut pages, mut words) = (595.28, 0, 0);
    for page in html.split("<page ").skip(1) {
        pages += 1;
        let mut boxes: Vec<[f32; 4]> = Vec::new();
        for w in page.split("<word ").skip(1) {
            let num = |k: &str| -> f32 {
                let i = w.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                w[i..].split('"').next().unwrap().parse().unwrap()
            };
            let b = [num("xMin"), num("yMin"), num("xMax"), num("yMax")];
            assert!(
                b[0] >= margin && b[2] <= width - margin,
                "page {pages}: word outside the margins at {b:?}"
            );
            boxes.push(b);
        }
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let ox = a[2].min(b[2]) - a[0].max(b[0]);
                let oy = a[3].min(b[3]) - a[1].max(b[1]);
                // Font boxes (ascender to descender) of tightly led lines may touch a little;
                // real overlap means sharing most of the line height.
                let h = (a[3] - a[1]).min(b[3] - b[1]);
                assert!(
                    ox < 0.5 || oy < 0.3 * h,
                    "page {pages}: words overlap at {a:?} and {b:?}"
                );
            }
        }
        words += boxes.len();
    }
    assert!(pages > 5 && words > 2000);
}

/// (title, level, page) of every outline entry in order, read by pypdf (tests/pdf/outline.py),
/// not by the PDF library guidewright writes with.
fn outline_by_pypdf(pdf: &std::path::Path) -> Vec<(String, u64, usize, Option<f64>)> {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf/outline.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(pdf)
        .output()
        .expect("python3 with pypdf is needed (pip install pypdf)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    v.iter()
        .map(|e| {
            (
                e["title"].as_str().unwrap().to_string(),
                e["level"].as_u64().unwrap(),
                e["page"].as_u64().unwrap() as usize,
                e["top"].as_f64(),
            )
        })
        .collect()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_outline_entry_shows_its_heading_and_entries_run_in_page_order() {
    let p = built();
    let pdf = p.path(KPS);
    let pdf_s = pdf.to_str().unwrap();
    let entries = outline_by_pypdf(&pdf);
    // The chapters' own section headings, from the content, are all in the outline.
    let guide: serde_yaml::Value =
        serde_yaml::from_str(&p.read("guides/keeping-people-safe/guide.yaml")).unwrap();
    let mut headings = Vec::new();
    for ch in guide["chapters"].as_sequence().unwrap() {
        let rel = format!("guides/keeping-people-safe/{}.yaml", ch.as_str().unwrap());
        let c: serde_yaml::Value = serde_yaml::from_str(&p.read(&rel)).unwrap();
        for s in c["sections"].as_sequence().unwrap() {
            headings.push(s["heading"].as_str().unwrap().to_string());
        }
    }
    let sections: Vec<&(String, u64, usize, Option<f64>)> =
        entries.iter().filter(|e| e.1 == 2).collect();
    let titles: Vec<&str> = sections.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(titles, headings, "section entries, in the content's order");
    assert_eq!(entries[0].0, "Contents");
    // Every entry's page shows its heading (the title page shows none of them).
    for (title, level, page, _) in &entries {
        assert!(
            *page > 1,
            "{title} (level {level}) points at the title page"
        );
        let text = flat(&page_text(pdf_s, *page));
        assert!(
            text.contains(&flat(title)),
            "outline entry {title} (level {level}) points at page {page}, which does not show it"
        );
    }
    // Depth first, the entries run down the document: page by page, and down each page.
    for w in entries.windows(2) {
        let ((a, _, pa, ya), (b, _, pb, yb)) = (&w[0], &w[1]);
        assert!(
            pa < pb || (pa == pb && ya.zip(*yb).is_some_and(|(ya, yb)| ya > yb)),
            "{b} (page {pb}, y {yb:?}) comes after {a} (page {pa}, y {ya:?}) in the outline"
        );
    }
}

fn chapter_title(p: &Project, id: &str) -> String {
    let c: serde_yaml::Value =
        serde_yaml::from_str(&p.read(&format!("guides/keeping-people-safe/{id}.yaml"))).unwrap();
    c["title"].as_str().unwrap().to_string()
}

#[test]
fn pdf_false_makes_no_pdf_and_no_link() {
    let p = Project::sample();
    p.edit(
        "guides/keeping-people-safe/guide.yaml",
        "pdf: true",
        "pdf: false",
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains(", 1 PDF"), "{}", r.stderr);
    let pdfs: Vec<_> = walkdir::WalkDir::new(p.path("output/guides/keeping-people-safe"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert!(pdfs.is_empty(), "{pdfs:?}");
    let html =
        std::fs::read_to_string(p.path("output/guides/keeping-people-safe/index.html")).unwrap();
    assert!(!html.contains(".pdf\""), "the guide page links a PDF");
    // The other guide keeps its PDF and its link.
    assert!(p
        .path("output/guides/keeping-the-child-safe/keeping-the-child-safe.pdf")
        .is_file());
    let other =
        std::fs::read_to_string(p.path("output/guides/keeping-the-child-safe/index.html")).unwrap();
    assert!(other.contains("keeping-the-child-safe.pdf\""));
}

#[test]
fn pdf_chapters_choose_what_the_pdf_holds() {
    let p = Project::sample();
    let chosen = ["kps-planning", "kps-introduction"];
    p.edit(
        "guides/keeping-people-safe/guide.yaml",
        "pdf: true",
        &format!("pdf: {{chapters: [{}]}}", chosen.join(", ")),
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = p.path(KPS);
    let top: Vec<String> = outline_by_pypdf(&pdf)
        .into_iter()
        .filter(|e| e.1 == 1)
        .map(|e| e.0)
        .collect();
    // The chosen chapters, in the guide's reading order (introduction first).
    let guide: serde_yaml::Value =
        serde_yaml::from_str(&p.read("guides/keeping-people-safe/guide.yaml")).unwrap();
    let order: Vec<&str> = guide["chapters"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .filter(|c| chosen.contains(c))
        .collect();
    let mut want = vec!["Contents".to_string()];
    want.extend(order.iter().map(|c| chapter_title(&p, c)));
    assert_eq!(top, want);
    let text = flat(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for left_out in ["kps-assessing", "kps-reviewing"] {
        let title = chapter_title(&p, left_out);
        assert!(!text.contains(&title), "{title} is in the PDF");
    }
    // The guide page's label counts the shorter file's pages.
    let pages = Document::load(&pdf).unwrap().get_pages().len();
    let html =
        std::fs::read_to_string(p.path("output/guides/keeping-people-safe/index.html")).unwrap();
    assert!(html.contains(&format!(", {pages} pages)")), "{pages} pages");
}

//! Layout invariants on a large generated guide (about 200 pages), checked on the layout's
//! own records: which structure element, role and unit each placed draw came from. What an
//! outside reader can see (line lengths, page fill of the sample guides) is checked on the
//! PDFs in `tests/typesetting.rs`.

use super::{Composer, Draw, Role};
use crate::document::{Block, ParaKind, Span};
use crate::pdf::fonts::{Shaper, Style};
use crate::pdf::paginate::{paginate, Geometry, Paged};
use crate::pdf::tags::{Kind, Tree};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A small deterministic generator (xorshift), so the guide is the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "practice",
    "the",
    "case",
    "assessment",
    "of",
    "risk",
    "and",
    "planning",
    "with",
    "agencies",
    "a",
    "review",
    "safeguarding",
    "to",
    "contact",
    "person",
    "in",
    "evidence",
    "harm",
    "record",
];

fn words(r: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[r.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn para(r: &mut Rng, n: usize, kind: ParaKind) -> Block {
    Block::Para {
        spans: vec![Span::plain(words(r, n))],
        kind,
    }
}

fn table(r: &mut Rng, rows: usize) -> Block {
    Block::Table {
        align: Vec::new(),
        caption: Some(words(r, 5)),
        header: ["Finding", "Cases", "Out of"]
            .iter()
            .map(|h| vec![Span::plain(*h)])
            .collect(),
        rows: (0..rows)
            .map(|_| {
                let n = 2 + r.below(14);
                vec![
                    vec![Span::plain(words(r, n))],
                    vec![Span::plain(format!("{}", r.below(900)))],
                    vec![Span::plain(format!("{}", 900 + r.below(900)))],
                ]
            })
            .collect(),
    }
}

fn example(r: &mut Rng) -> Block {
    let mut blocks = vec![para(r, 14, ParaKind::Small)];
    for _ in 0..2 + r.below(4) {
        blocks.push(Block::Para {
            spans: vec![Span::plain("What the practitioner did well")],
            kind: ParaKind::LeadIn,
        });
        let n = 10 + r.below(90);
        blocks.push(para(r, n, ParaKind::Body));
    }
    Block::Aside {
        title: Some(format!("Good practice example: {}", words(r, 4))),
        blocks,
        quote: false,
    }
}

/// A guide of 40 chapters of sections mixing prose, tables of 1 to 40 rows, case examples
/// and quotes, as the generated benchmark guide does.
fn guide() -> Vec<Block> {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::new();
    for c in 0..40 {
        out.push(Block::Heading {
            level: 1,
            text: format!("Chapter {c}"),
            anchor: None,
        });
        out.push(para(&mut r, 30, ParaKind::Lead));
        for s in 0..3 + r.below(5) {
            out.push(Block::Heading {
                level: 2,
                text: format!("Section {c}.{s}"),
                anchor: None,
            });
            for _ in 0..1 + r.below(4) {
                let n = 5 + r.below(120);
                out.push(para(&mut r, n, ParaKind::Body));
            }
            match r.below(4) {
                0 => {
                    let rows = 1 + r.below(40);
                    out.push(table(&mut r, rows));
                }
                1 => out.push(example(&mut r)),
                2 => {
                    // Quotes stand whole, and some are most of a page long.
                    let n = 20 + r.below(420);
                    out.push(Block::Aside {
                        title: None,
                        quote: true,
                        blocks: vec![para(&mut r, n, ParaKind::Body)],
                    })
                }
                _ => {}
            }
        }
    }
    out
}

struct Laid {
    /// Elements declared by the composer; later ones are the paginator's copies (repeated
    /// table headers and case-example titles).
    composed: usize,
    paged: Paged,
    tree: Tree,
    geometry: Geometry,
}

fn lay_out(blocks: &[Block]) -> Laid {
    let mut shaper = Shaper::default();
    let geometry = Geometry::a4();
    let mut c = Composer::new(&mut shaper, geometry.measure());
    c.blocks(blocks, 0.0, &[]);
    let (units, headers, mut tree) = (c.units, c.headers, c.tree);
    let composed = tree.elems.len();
    let paged = paginate(units, &headers, &geometry, &mut tree);
    Laid {
        composed,
        paged,
        tree,
        geometry,
    }
}

/// The nearest ancestor (or the element itself) of kind `kind`.
fn ancestor(tree: &Tree, mut e: usize, kind: Kind) -> Option<usize> {
    loop {
        if tree.elems[e].kind == kind {
            return Some(e);
        }
        e = tree.elems[e].parent?;
    }
}

/// The lowest baseline of the page's content (artifacts left out).
fn lowest(page: &[crate::pdf::paginate::Placed]) -> Option<f32> {
    page.iter()
        .filter(|p| p.elem.is_some())
        .filter_map(|p| match p.draw {
            Draw::Text { y, .. } => Some(y),
            _ => None,
        })
        .reduce(f32::min)
}

fn starts_chapter(page: &[crate::pdf::paginate::Placed]) -> bool {
    page.iter().any(|p| p.role == Role::Heading(1))
}

#[test]
fn no_page_of_a_large_guide_is_under_a_quarter_full_but_a_chapters_last() {
    let l = lay_out(&guide());
    let pages = &l.paged.pages;
    assert!(pages.len() > 150, "{} pages", pages.len());
    let g = l.geometry;
    for (i, page) in pages.iter().enumerate() {
        let last_of_chapter = pages.get(i + 1).is_none_or(|next| starts_chapter(next));
        if last_of_chapter {
            continue;
        }
        let low = lowest(page).unwrap_or(g.top);
        let fill = (g.top - low) / (g.top - g.bottom);
        assert!(fill >= 0.25, "page {} is {:.0}% full", i + 1, fill * 100.0);
    }
}

#[test]
fn tables_keep_three_rows_on_each_side_of_a_break_and_short_ones_whole() {
    let l = lay_out(&guide());
    // Table element → page → its body rows placed there.
    let mut rows: BTreeMap<usize, BTreeMap<usize, BTreeSet<usize>>> = BTreeMap::new();
    for (pi, page) in l.paged.pages.iter().enumerate() {
        for p in page.iter().filter(|p| p.role == Role::TableRow) {
            let Some(tr) = p.elem.and_then(|e| ancestor(&l.tree, e, Kind::TR)) else {
                continue;
            };
            let table = ancestor(&l.tree, tr, Kind::Table).expect("a row is in a table");
            rows.entry(table)
                .or_default()
                .entry(pi)
                .or_default()
                .insert(tr);
        }
    }
    let mut broken = 0;
    for (table, pages) in &rows {
        let total: usize = pages.values().map(BTreeSet::len).sum();
        if total <= 6 {
            assert_eq!(pages.len(), 1, "table {table} of {total} rows is broken");
        }
        if pages.len() > 1 {
            broken += 1;
            for (page, on) in pages {
                assert!(
                    on.len() >= 3,
                    "table {table}: {} of {total} rows on page {}",
                    on.len(),
                    page + 1
                );
            }
        }
    }
    assert!(
        broken > 5,
        "only {broken} tables cross a page: the test shows nothing"
    );
}

#[test]
fn lead_ins_and_headings_never_end_a_page() {
    let l = lay_out(&guide());
    // Headings, and lead-ins and captions: content in bold outside tables.
    let leads: HashSet<usize> = l
        .paged
        .pages
        .iter()
        .flatten()
        .filter(|p| matches!(p.role, Role::Heading(_) | Role::Paragraph))
        .filter(|p| {
            matches!(
                p.draw,
                Draw::Text {
                    style: Style::Bold,
                    ..
                }
            )
        })
        .filter_map(|p| p.elem)
        .collect();
    assert!(leads.len() > 200, "{} leads", leads.len());
    for (i, page) in l.paged.pages.iter().enumerate() {
        let last = page
            .iter()
            .rev()
            .find(|p| p.elem.is_some() && matches!(p.draw, Draw::Text { .. }))
            .and_then(|p| p.elem);
        assert!(
            !last.is_some_and(|e| leads.contains(&e)),
            "page {} ends with a heading or lead-in",
            i + 1
        );
    }
}

#[test]
fn case_examples_break_with_three_lines_a_side_and_their_title_continued() {
    let l = lay_out(&guide());
    // Case example (`Sect`) → page → baselines of its lines there.
    let mut lines: BTreeMap<usize, BTreeMap<usize, BTreeSet<i64>>> = BTreeMap::new();
    for (pi, page) in l.paged.pages.iter().enumerate() {
        for p in page {
            if let (Some(e), Draw::Text { y, .. }) = (p.elem, &p.draw) {
                // Lines of the example itself, not its repeated title.
                if let Some(s) = ancestor(&l.tree, e, Kind::Sect).filter(|_| e < l.composed) {
                    let at = (*y * 10.0) as i64;
                    lines
                        .entry(s)
                        .or_default()
                        .entry(pi)
                        .or_default()
                        .insert(at);
                }
            }
        }
    }
    let mut broken = 0;
    for (sect, pages) in &lines {
        if pages.len() < 2 {
            continue;
        }
        broken += 1;
        for (k, (page, on)) in pages.iter().enumerate() {
            assert!(
                on.len() >= 3,
                "example {sect}: {} lines on page {}",
                on.len(),
                page + 1
            );
            if k > 0 {
                // The page it continues on starts with the title, in bold, read as part of
                // the example (a copy the paginator made).
                let top = l.paged.pages[*page]
                    .iter()
                    .filter_map(|p| match p.draw {
                        Draw::Text { y, style, .. } => Some((y, style, p.elem)),
                        _ => None,
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let title = top.is_some_and(|(_, style, e)| {
                    style == Style::Bold
                        && e.is_some_and(|e| e >= l.composed)
                        && e.and_then(|e| ancestor(&l.tree, e, Kind::Sect)) == Some(*sect)
                });
                assert!(
                    title,
                    "example {sect} continues on page {} untitled",
                    page + 1
                );
            }
        }
    }
    assert!(
        broken > 3,
        "only {broken} examples cross a page: the test shows nothing"
    );
}

#[test]
fn contents_pages_start_with_a_chapter_entry() {
    let mut shaper = Shaper::default();
    let g = Geometry::a4();
    let mut c = Composer::new(&mut shaper, g.measure());
    let mut r = Rng(7);
    c.open(Kind::TOC);
    for ch in 0..60 {
        c.contents_entry(1, &format!("Chapter {ch}: {}", words(&mut r, 4)), "a");
        for s in 0..2 + r.below(9) {
            c.contents_entry(2, &format!("Section {s}: {}", words(&mut r, 6)), "a");
        }
    }
    c.close();
    let (units, headers, mut tree) = (c.units, c.headers, c.tree);
    let paged = paginate(units, &headers, &g, &mut tree);
    assert!(paged.pages.len() > 3);
    for (i, page) in paged.pages.iter().enumerate() {
        let first = page.iter().find_map(|p| match p.draw {
            Draw::Text { style, .. } => Some(style),
            _ => None,
        });
        assert_eq!(
            first,
            Some(Style::Bold),
            "contents page {} starts inside a chapter's entries",
            i + 1
        );
    }
}

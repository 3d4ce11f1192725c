//! Pagination: units are placed down the page; a unit that keeps with the next moves with it,
//! table headers repeat on continued pages, and every anchor and outline entry learns its page.

use super::layout::{Draw, Role, Unit, MUTED};
use super::tags::Tree;
use std::collections::HashMap;

/// A4 in points, with the text area's margins. The text column is 136 mm wide (37 mm side
/// margins), which sets body text at about 70 characters a line; tables too wide for it may
/// reach 12 mm into each margin ([`super::layout::OVERHANG`]).
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    /// Y of the top of the text area (from the bottom of the page).
    pub top: f32,
    /// Y of the bottom of the text area.
    pub bottom: f32,
}

impl Geometry {
    pub fn a4() -> Geometry {
        let mm = 72.0 / 25.4;
        Geometry {
            width: 210.0 * mm,
            height: 297.0 * mm,
            left: 37.0 * mm,
            top: (297.0 - 25.0) * mm,
            bottom: 22.0 * mm,
        }
    }
    pub fn measure(&self) -> f32 {
        self.width - 2.0 * self.left
    }
}

/// A drawing instruction placed on a page, in PDF coordinates (points from the bottom left):
/// text at its baseline, rectangles and links by their bottom-left corner.
#[derive(Debug, Clone)]
pub struct Placed {
    pub draw: Draw,
    pub role: Role,
    /// The structure element it belongs to; None for artifacts.
    pub elem: Option<usize>,
}

/// Pages of placed draws, with where each anchor and outline entry landed.
#[derive(Debug, Default)]
pub struct Paged {
    pub pages: Vec<Vec<Placed>>,
    /// Anchor → (page index, y of its top).
    pub anchors: HashMap<String, (usize, f32)>,
    /// (level, title, page index, y).
    pub outline: Vec<(u8, String, usize, f32)>,
}

/// A page left less full than this share of its height by a keep gives the keep up (but never
/// ends on a heading or lead-in); only a chapter's last page may be emptier.
const MIN_FILL: f32 = 0.25;
/// A chapter's last page holding less than this share of a page takes more lines from the
/// page before, if that page stays at least [`MOVE_FILL`] full.
const LAST_FILL: f32 = 0.15;
/// A case example that fits on a page moves whole to the next one only when that leaves the
/// page at least this full; otherwise it breaks, three lines or more on each side.
const MOVE_FILL: f32 = 0.5;

/// Places `units` on pages of geometry `g`. A table header repeated on a continued page gets
/// its own header row in `tree`, just before the row it stands above.
pub fn paginate(units: Vec<Unit>, headers: &[Unit], g: &Geometry, tree: &mut Tree) -> Paged {
    let mut pages = Vec::new();
    let mut paged = paginate_each(units, headers, g, tree, |page, _| pages.push(page));
    paged.pages = pages;
    paged
}

/// The page being set: its index, what is placed on it so far and the y it has reached.
struct Page {
    index: usize,
    placed: Vec<Placed>,
    y: f32,
}

/// Places `units` as [`paginate`] does, but hands each page to `emit` (with the tree as it
/// stands then) as soon as it is set, moving each unit's draws onto it: only one page of
/// placed draws is held, and the units' draws are freed as they are placed. Where the page
/// breaks fall is decided first, from the units' heights and keeps alone. The returned
/// [`Paged`] has the anchors and outline entries but no pages.
pub fn paginate_each(
    units: Vec<Unit>,
    headers: &[Unit],
    g: &Geometry,
    tree: &mut Tree,
    mut emit: impl FnMut(Vec<Placed>, &Tree),
) -> Paged {
    let height = g.top - g.bottom;
    let mut starts = page_starts(&units, headers, height);
    fill_chapter_ends(&units, headers, height, &mut starts);
    let mut out = Paged::default();
    let mut page = Page {
        index: 0,
        placed: Vec::new(),
        y: g.top,
    };
    let mut at_top = true;
    let mut next = starts.iter().skip(1).peekable();
    for (i, mut u) in units.into_iter().enumerate() {
        if next.peek() == Some(&&i) {
            next.next();
            emit(std::mem::take(&mut page.placed), tree);
            page.index += 1;
            page.y = g.top;
            at_top = true;
            if let Some(h) = u.header.and_then(|h| headers.get(h)) {
                let map = match (h.elem, u.elem) {
                    (Some(head), Some(row)) => tree.copy_before(head, sibling(tree, head, row)),
                    _ => HashMap::new(),
                };
                place(&mut out, &mut page, h, h.draws.clone(), g, 0.0, Some(&map));
            }
        }
        let sb = if at_top { 0.0 } else { u.space_before };
        let draws = std::mem::take(&mut u.draws);
        place(&mut out, &mut page, &u, draws, g, sb, None);
        at_top = false;
    }
    emit(page.placed, tree);
    out
}

/// The element at or above `e` that shares `head`'s parent (a table row for a header row; the
/// list or paragraph of a case example a repeated title goes before); `e` if there is none.
fn sibling(tree: &Tree, head: usize, e: usize) -> usize {
    let parent = tree.elems.get(head).and_then(|h| h.parent);
    let mut at = e;
    while let Some(up) = tree.elems.get(at).and_then(|x| x.parent) {
        if Some(up) == parent {
            return at;
        }
        at = up;
    }
    e
}

/// The height of the units that must stand on the page with unit `i` (after it), up to a
/// little more than `limit`.
fn kept_with(units: &[Unit], i: usize, limit: f32) -> f32 {
    let (mut chain, mut j) = (0.0, i);
    while units[j].keep_with_next && j + 1 < units.len() && chain <= limit {
        j += 1;
        if units[j].page_break_before {
            break;
        }
        chain += units[j].space_before + units[j].height;
    }
    chain
}

/// The height units `from..to` take at the top of a page (with the header repeated there).
fn height(units: &[Unit], headers: &[Unit], from: usize, to: usize) -> f32 {
    let header = units[from].header.and_then(|h| headers.get(h));
    header.map_or(0.0, |h| h.height)
        + units[from..to]
            .iter()
            .enumerate()
            .map(|(k, u)| u.height + if k == 0 { 0.0 } else { u.space_before })
            .sum::<f32>()
}

/// Moves the start of a chapter's nearly empty last page back to an earlier place where a
/// page may end (no keep, no heading or lead-in before it), so that the last page holds a
/// few lines more and the page before stays at least half full.
fn fill_chapter_ends(units: &[Unit], headers: &[Unit], page: f32, starts: &mut [usize]) {
    for p in 1..starts.len() {
        let (prev, at) = (starts[p - 1], starts[p]);
        if units[at].page_break_before {
            continue;
        }
        let end = starts.get(p + 1).copied().unwrap_or(units.len());
        if end < units.len() && !units[end].page_break_before {
            continue;
        }
        if height(units, headers, at, end) >= page * LAST_FILL {
            continue;
        }
        let better = (prev + 1..at).rev().find(|&k| {
            let before = &units[k - 1];
            !before.keep_with_next
                && !before.lead
                && height(units, headers, prev, k) >= page * MOVE_FILL
                && height(units, headers, k, end) <= page
                && height(units, headers, k, end) >= page * LAST_FILL
        });
        if let Some(k) = better {
            starts[p] = k;
        }
    }
}

/// Where each page starts: the index of its first unit (the first page starts at 0).
fn page_starts(units: &[Unit], headers: &[Unit], page: f32) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut used, mut at_top, mut i) = (0.0, true, 0);
    // The unit whose page break has been made (on a page that may start at the lead-ins above
    // it, which must not break again before it).
    let mut broken = None;
    // Starts a page at unit `k`, or before the headings and lead-ins just above it.
    let new_page = |k: usize, starts: &mut Vec<usize>| -> (usize, f32) {
        let from = *starts.last().unwrap_or(&0);
        let mut k = k;
        while k > from + 1 && units[k - 1].lead {
            k -= 1;
        }
        starts.push(k);
        let header = units[k].header.and_then(|h| headers.get(h));
        (k, header.map_or(0.0, |h| h.height))
    };
    while i < units.len() {
        let u = &units[i];
        if !at_top && u.page_break_before && broken != Some(i) {
            broken = Some(i);
            (i, used) = new_page(i, &mut starts);
            at_top = true;
            continue;
        }
        let sb = if at_top { 0.0 } else { u.space_before };
        let chain = sb + u.height + kept_with(units, i, page);
        if at_top || used + chain <= page + 0.01 {
            let block: f32 = sb
                + units[i..(i + u.together).min(units.len())]
                    .iter()
                    .enumerate()
                    .map(|(k, v)| v.height + if k == 0 { 0.0 } else { v.space_before })
                    .sum::<f32>();
            if !at_top && block <= page && used + block > page && used >= page * MOVE_FILL {
                (i, used) = new_page(i, &mut starts);
                at_top = true;
                continue;
            }
            used += sb + u.height;
            at_top = false;
            i += 1;
            continue;
        }
        if used >= page * MIN_FILL {
            (i, used) = new_page(i, &mut starts);
            at_top = true;
            continue;
        }
        // Breaking here would leave the page under a quarter full: fill it with what fits,
        // giving up the keeps, but end it before any heading or lead-in.
        let (mut j, mut fill) = (i, used);
        while j < units.len()
            && !(j > i && units[j].page_break_before)
            && fill + units[j].space_before + units[j].height <= page + 0.01
        {
            fill += units[j].space_before + units[j].height;
            j += 1;
        }
        while j > i && units[j - 1].lead {
            j -= 1;
        }
        if j == i || j >= units.len() {
            if j >= units.len() {
                break;
            }
            (i, used) = new_page(i, &mut starts);
        } else {
            (i, used) = new_page(j, &mut starts);
        }
        at_top = true;
    }
    starts
}

/// Places a unit, whose `draws` are given apart from it (moved out of it, or a repeated
/// header's copy); `remap` gives the elements a copied unit's content belongs to instead (an
/// element it lacks makes that content an artifact).
fn place(
    out: &mut Paged,
    page: &mut Page,
    u: &Unit,
    draws: Vec<Draw>,
    g: &Geometry,
    space_before: f32,
    remap: Option<&HashMap<usize, usize>>,
) {
    let mapped = |e: Option<usize>| match remap {
        None => e,
        Some(m) => e.and_then(|e| m.get(&e).copied()),
    };
    page.y -= space_before;
    let top = page.y;
    if let Some(a) = &u.anchor {
        out.anchors.insert(a.clone(), (page.index, top + 4.0));
    }
    if let Some((level, title)) = &u.outline {
        out.outline
            .push((*level, title.clone(), page.index, top + 4.0));
    }
    let x0 = g.left;
    let placed = &mut page.placed;
    let mut elem = mapped(u.elem);
    for d in draws {
        let draw = match d {
            Draw::Tag(e) => {
                elem = mapped(e);
                continue;
            }
            Draw::ActualText(t) => Draw::ActualText(t),
            Draw::Text {
                x,
                y,
                size,
                style,
                glyphs,
                colour,
            } => Draw::Text {
                x: x0 + x,
                y: top - y,
                size,
                style,
                glyphs,
                colour,
            },
            Draw::Rect { x, y, w, h, colour } => Draw::Rect {
                x: x0 + x,
                y: top - y - h,
                w,
                h,
                colour,
            },
            Draw::Rule {
                x1,
                x2,
                y,
                width,
                colour,
            } => Draw::Rule {
                x1: x0 + x1,
                x2: x0 + x2,
                y: top - y,
                width,
                colour,
            },
            Draw::Path {
                points,
                width,
                colour,
                dashed,
                fill,
            } => Draw::Path {
                points: points.iter().map(|(x, y)| (x0 + x, top - y)).collect(),
                width,
                colour,
                dashed,
                fill,
            },
            Draw::Link { x, y, w, h, link } => Draw::Link {
                x: x0 + x,
                y: top - y - h,
                w,
                h,
                link,
            },
            Draw::PageRef {
                anchor,
                right,
                y,
                size,
            } => Draw::PageRef {
                anchor,
                right: x0 + right,
                y: top - y,
                size,
            },
            Draw::Widget { x, y, w, h, field } => Draw::Widget {
                x: x0 + x,
                y: top - y - h,
                w,
                h,
                field,
            },
        };
        placed.push(Placed {
            draw,
            role: u.role,
            elem,
        });
    }
    for bx in &u.bars {
        // A vertical rule beside set-apart blocks, joined across the space above.
        placed.push(Placed {
            draw: Draw::Rect {
                x: x0 + bx,
                y: top - u.height,
                w: 3.0,
                h: u.height + space_before,
                colour: MUTED,
            },
            role: Role::Quote,
            elem: None,
        });
    }
    page.y = top - u.height;
}

#[cfg(test)]
mod by_hand;

#[cfg(test)]
mod tests {
    use super::by_hand::finishes;
    use super::*;
    use crate::document::{Block, ParaKind, Span};
    use crate::pdf::fonts::Shaper;
    use crate::pdf::layout::Composer;

    fn compose(blocks: &[Block]) -> (Vec<Unit>, Vec<Unit>) {
        let mut shaper = Shaper::default();
        let mut c = Composer::new(&mut shaper, Geometry::a4().measure());
        c.blocks(blocks, 0.0, &[]);
        (c.units, c.headers)
    }

    fn para(words: usize) -> Block {
        Block::Para {
            spans: vec![Span::plain(vec!["word"; words].join(" "))],
            kind: ParaKind::Body,
        }
    }

    #[test]
    fn headings_stay_with_text_and_no_line_is_stranded() {
        let mut blocks = Vec::new();
        for i in 0..40 {
            blocks.push(Block::Heading {
                level: 2,
                text: format!("Heading {i}"),
                anchor: Some(format!("h{i}")),
            });
            blocks.push(para(20 + (i * 37) % 90));
        }
        let (units, headers) = compose(&blocks);
        let g = Geometry::a4();
        let paged = finishes(move || paginate(units, &headers, &g, &mut Tree::default()));
        assert!(paged.pages.len() > 3);
        for page in &paged.pages {
            // The last item on a page is never a heading.
            let last_text = page
                .iter()
                .rev()
                .find(|p| matches!(p.draw, Draw::Text { .. }))
                .unwrap();
            assert!(
                !matches!(last_text.role, Role::Heading(_)),
                "heading at the bottom of a page"
            );
            for p in page {
                if let Draw::Text { y, x, .. } = p.draw {
                    assert!(
                        y >= g.bottom - 0.1 && y <= g.top && x >= g.left - 0.1,
                        "text outside the margins"
                    );
                }
            }
        }
        // Every paragraph of two or more lines has at least two lines on each page it touches.
        let mut line_pages: Vec<(usize, usize)> = Vec::new(); // (paragraph, page)
        let mut para_no = 0;
        for (pi, page) in paged.pages.iter().enumerate() {
            for p in page {
                if p.role == Role::Heading(2) {
                    para_no += 1;
                } else if p.role == Role::Paragraph && matches!(p.draw, Draw::Text { .. }) {
                    line_pages.push((para_no, pi));
                }
            }
        }
        for para in 1..=para_no {
            let pages: Vec<usize> = line_pages
                .iter()
                .filter(|(p, _)| *p == para)
                .map(|(_, pg)| *pg)
                .collect();
            if pages.len() >= 2 {
                for pg in pages
                    .iter()
                    .copied()
                    .collect::<std::collections::BTreeSet<_>>()
                {
                    assert!(
                        pages.iter().filter(|p| **p == pg).count() >= 2,
                        "stranded line of paragraph {para}"
                    );
                }
            }
        }
    }

    #[test]
    fn table_header_repeats_on_each_page() {
        let rows: Vec<Vec<Vec<Span>>> = (0..120)
            .map(|i| {
                vec![
                    vec![Span::plain(format!("Row {i}"))],
                    vec![Span::plain("x")],
                ]
            })
            .collect();
        let blocks = vec![Block::Table {
            align: Vec::new(),
            caption: None,
            header: vec![vec![Span::plain("Name")], vec![Span::plain("Value")]],
            rows,
        }];
        let (units, headers) = compose(&blocks);
        let paged =
            finishes(move || paginate(units, &headers, &Geometry::a4(), &mut Tree::default()));
        assert!(paged.pages.len() >= 3);
        for page in &paged.pages {
            assert_eq!(page.first().map(|p| p.role), Some(Role::TableHeader));
        }
    }
}

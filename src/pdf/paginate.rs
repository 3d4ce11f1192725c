//! Pagination: units are placed down the page; a unit that keeps with the next moves with it,
//! table headers repeat on continued pages, and every anchor and outline entry learns its page.

use super::layout::{Draw, Role, Unit, MUTED};
use super::tags::Tree;
use std::collections::HashMap;

/// A4 in points, with the text area's margins.
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
            left: 25.0 * mm,
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

/// Places `units` on pages of geometry `g`. A table header repeated on a continued page gets
/// its own header row in `tree`, just before the row it stands above.
pub fn paginate(units: &[Unit], headers: &[Unit], g: &Geometry, tree: &mut Tree) -> Paged {
    let mut out = Paged {
        pages: vec![Vec::new()],
        ..Default::default()
    };
    let mut y = g.top;
    let mut at_top = true;
    for (i, u) in units.iter().enumerate() {
        let sb = if at_top { 0.0 } else { u.space_before };
        // The height of this unit and every unit it must keep with.
        let mut chain = sb + u.height;
        let mut j = i;
        while units[j].keep_with_next && j + 1 < units.len() && j - i < 12 {
            j += 1;
            chain += units[j].space_before + units[j].height;
        }
        let breaks = u.page_break_before || y - chain < g.bottom;
        if !at_top && breaks {
            out.pages.push(Vec::new());
            y = g.top;
            at_top = true;
            if let Some(h) = u.header.and_then(|h| headers.get(h)) {
                let map = match (h.elem, u.elem) {
                    (Some(head), Some(row)) => tree.copy_before(head, row),
                    _ => HashMap::new(),
                };
                place(&mut out, h, g, &mut y, 0.0, Some(&map));
            }
        }
        let sb = if at_top { 0.0 } else { u.space_before };
        place(&mut out, u, g, &mut y, sb, None);
        at_top = false;
    }
    out
}

/// Places a unit; `remap` gives the elements a copied unit's content belongs to instead (an
/// element it lacks makes that content an artifact).
fn place(
    out: &mut Paged,
    u: &Unit,
    g: &Geometry,
    y: &mut f32,
    space_before: f32,
    remap: Option<&HashMap<usize, usize>>,
) {
    let mapped = |e: Option<usize>| match remap {
        None => e,
        Some(m) => e.and_then(|e| m.get(&e).copied()),
    };
    let page = out.pages.len() - 1;
    *y -= space_before;
    let top = *y;
    if let Some(a) = &u.anchor {
        out.anchors.insert(a.clone(), (page, top + 4.0));
    }
    if let Some((level, title)) = &u.outline {
        out.outline.push((*level, title.clone(), page, top + 4.0));
    }
    let x0 = g.left;
    let placed = &mut out.pages[page];
    let mut elem = mapped(u.elem);
    for d in &u.draws {
        let draw = match d.clone() {
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
            Draw::Widget {
                x,
                y,
                w,
                h,
                name,
                tooltip,
                option,
                multiline,
            } => Draw::Widget {
                x: x0 + x,
                y: top - y - h,
                w,
                h,
                name,
                tooltip,
                option,
                multiline,
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
    *y = top - u.height;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::blocks::{Block, ParaKind, Span};
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
        let paged = paginate(&units, &headers, &g, &mut Tree::default());
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
            caption: None,
            header: vec![vec![Span::plain("Name")], vec![Span::plain("Value")]],
            rows,
        }];
        let (units, headers) = compose(&blocks);
        let paged = paginate(&units, &headers, &Geometry::a4(), &mut Tree::default());
        assert!(paged.pages.len() >= 3);
        for page in &paged.pages {
            assert_eq!(page.first().map(|p| p.role), Some(Role::TableHeader));
        }
    }
}

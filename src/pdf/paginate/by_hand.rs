//! Pagination checked against page breaks worked out by hand. Units are made here with round
//! heights on a page whose text area is 700 points tall (750 down to 50), so each expected
//! break follows from the rules by arithmetic written beside it: a page takes what fits (with
//! 0.01 pt to spare), keeps move together unless the page would stay under a quarter full
//! (175 pt), a case example moves whole only from a page at least half full (350 pt), lead-ins
//! never end a page, and a chapter's last page under 15% full (105 pt) takes units from the
//! page before while that page keeps at least half.

use super::*;
use crate::document::Link;
use crate::pdf::fonts::Style;
use crate::pdf::tags::Kind;
use std::time::Duration;

/// A 600 × 800 pt page with a 700 pt text area from y = 750 down to y = 50, left margin 50.
const G: Geometry = Geometry {
    width: 600.0,
    height: 800.0,
    left: 50.0,
    top: 750.0,
    bottom: 50.0,
};

fn unit(height: f32) -> Unit {
    Unit::new(height, Role::Paragraph)
}

fn spaced(height: f32, space_before: f32) -> Unit {
    Unit {
        space_before,
        ..unit(height)
    }
}

fn keep(mut u: Unit) -> Unit {
    u.keep_with_next = true;
    u
}

fn lead(mut u: Unit) -> Unit {
    u.lead = true;
    u
}

fn page_break(mut u: Unit) -> Unit {
    u.page_break_before = true;
    u
}

/// Runs `f` on a thread given a few seconds: a paginator that never ends fails the test
/// instead of hanging it (and the process, with a loop still running, ends with the tests).
pub(super) fn finishes<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(5))
        .expect("pagination ends within a few seconds")
}

/// Paginates on [`G`], each unit anchored as `u{index}`.
fn paged(units: &[Unit], headers: &[Unit], tree: Tree) -> (Paged, Tree) {
    let mut units = units.to_vec();
    for (i, u) in units.iter_mut().enumerate() {
        u.anchor = Some(format!("u{i}"));
    }
    let headers = headers.to_vec();
    finishes(move || {
        let mut tree = tree;
        let paged = paginate(units, &headers, &G, &mut tree);
        (paged, tree)
    })
}

/// (page, y of the top) of unit `i`.
fn at(p: &Paged, i: usize) -> (usize, f32) {
    let (page, y) = p.anchors[&format!("u{i}")];
    (page, y - 4.0)
}

/// The index of the first unit of each page; every page holds at least one unit, and units
/// run in order.
fn firsts(units: &[Unit]) -> Vec<usize> {
    let (p, _) = paged(units, &[], Tree::default());
    let pages: Vec<usize> = (0..units.len()).map(|i| at(&p, i).0).collect();
    let mut firsts = vec![0];
    for i in 1..units.len() {
        assert!(pages[i] >= pages[i - 1], "unit {i} goes back a page");
        if pages[i] != pages[i - 1] {
            assert_eq!(pages[i], pages[i - 1] + 1, "an empty page before unit {i}");
            firsts.push(i);
        }
    }
    assert_eq!(p.pages.len(), firsts.len(), "pages holding no unit");
    firsts
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn a4_is_210_by_297_mm_with_a_136_mm_column() {
    // 1 mm = 72 / 25.4 pt; A4 is 595.28 × 841.89 pt.
    let g = Geometry::a4();
    let got = [g.width, g.height, g.left, g.top, g.bottom, g.measure()];
    // 210, 297, 37, 297 − 25 = 272, 22 and 210 − 2 × 37 = 136 mm.
    let want = [595.276, 841.89, 104.882, 771.024, 62.362, 385.512];
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 0.01, "{got:?} != {want:?}");
    }
}

#[test]
fn a_page_takes_units_to_its_last_point() {
    // 14 × 50 = 700 fills the first page exactly; the 3 left (150 pt, over 105) stay.
    let units: Vec<Unit> = (0..17).map(|_| unit(50.0)).collect();
    assert_eq!(firsts(&units), [0, 14]);
    let (p, _) = paged(&units, &[], Tree::default());
    assert_eq!(at(&p, 0), (0, 750.0));
    assert_eq!(at(&p, 13), (0, 750.0 - 13.0 * 50.0));
    assert_eq!(at(&p, 14), (1, 750.0));
    assert_eq!(at(&p, 16), (1, 650.0));
}

#[test]
fn space_before_counts_except_at_the_top_of_a_page() {
    // 200 + 4 × (40 + 80) = 680; a fifth spaced unit would reach 800, so it starts page 2
    // without its space: 80, then 80 + 120 = 200 (over 105, so the page stays).
    let mut units = vec![unit(200.0)];
    units.extend((0..6).map(|_| spaced(80.0, 40.0)));
    assert_eq!(firsts(&units), [0, 5]);
    let (p, _) = paged(&units, &[], Tree::default());
    assert_eq!(at(&p, 1), (0, 750.0 - 200.0 - 40.0));
    assert_eq!(at(&p, 4), (0, 750.0 - 200.0 - 3.0 * 120.0 - 40.0));
    assert_eq!(at(&p, 5), (1, 750.0));
    assert_eq!(at(&p, 6), (1, 750.0 - 80.0 - 40.0));
}

#[test]
fn kept_units_move_to_the_next_page_together() {
    // 0 keeps with 1 (at the top: no matter). 0..=8: 450. 9 keeps with 10: 50 + 10 + 30 = 90
    // fits (540). 11, 12: 640. 13 keeps with 14: 30 + 10 + 30 = 70 would reach 710, and the
    // page is over a quarter full, so 13 starts page 2: 30 + 40 + 100 = 170. The last unit
    // keeps with nothing after it.
    let mut units = vec![keep(unit(50.0))];
    units.extend((1..=8).map(|_| unit(50.0)));
    units.push(keep(unit(50.0)));
    units.push(spaced(30.0, 10.0));
    units.extend([unit(50.0), unit(50.0)]);
    units.push(keep(unit(30.0)));
    units.push(spaced(30.0, 10.0));
    units.push(keep(unit(100.0)));
    assert_eq!(firsts(&units), [0, 13]);
    let (p, _) = paged(&units, &[], Tree::default());
    assert_eq!(at(&p, 10), (0, 750.0 - 500.0 - 10.0));
    assert_eq!(at(&p, 14), (1, 750.0 - 30.0 - 10.0));
}

#[test]
fn keeps_give_way_on_a_page_under_a_quarter_full() {
    // 100 used; 1 keeps with 2 keeps with 3: 50 + 50 + 505 = 605 would reach 705. Moving
    // them would leave 100 (under 175), so the page takes what fits: 1 (150), 2 (200); 3
    // (200 + 505) does not.
    let units = vec![
        unit(100.0),
        keep(spaced(40.0, 10.0)),
        keep(spaced(40.0, 10.0)),
        spaced(495.0, 10.0),
        unit(50.0),
    ];
    assert_eq!(firsts(&units), [0, 3]);

    // Filled to the last point: 100 + 600 = 700 fits; 2 (110 more) does not.
    let units = vec![
        unit(100.0),
        keep(unit(600.0)),
        spaced(100.0, 10.0),
        unit(50.0),
    ];
    assert_eq!(firsts(&units), [0, 2]);

    // The filled page never ends on a lead-in: 1 and 2 fit (200), 3 does not, and 2 is a
    // lead-in, so page 2 starts with it: 50 + 600 + 50 = 700.
    let units = vec![
        unit(100.0),
        keep(unit(50.0)),
        lead(keep(unit(50.0))),
        unit(600.0),
        unit(50.0),
    ];
    assert_eq!(firsts(&units), [0, 2]);

    // Nothing but lead-ins fit after the first unit: the page ends after that unit.
    let units = vec![
        lead(keep(unit(100.0))),
        lead(keep(unit(30.0))),
        lead(keep(unit(30.0))),
        unit(600.0),
    ];
    assert_eq!(firsts(&units), [0, 1]);

    // A unit taller than what is left of a page under a quarter full: 100 + 650 > 700.
    let units = vec![unit(100.0), unit(650.0)];
    assert_eq!(firsts(&units), [0, 1]);
}

#[test]
fn a_page_never_ends_on_a_lead_in() {
    // 13 × 50 = 650, the lead-in 13: 690, 14 (740) does not fit: the lead-in goes with it.
    let mut units: Vec<Unit> = (0..13).map(|_| unit(50.0)).collect();
    units.push(lead(unit(40.0)));
    units.extend([unit(50.0), unit(50.0)]);
    assert_eq!(firsts(&units), [0, 13]);
}

#[test]
fn a_lead_in_moves_to_a_page_that_needs_no_filling() {
    // As above, but six units follow the lead-in (300 pt, over the 105 pt a chapter's last
    // page needs), so only the move of the lead-in itself can start page 2 at unit 13.
    let mut units: Vec<Unit> = (0..13).map(|_| unit(50.0)).collect();
    units.push(lead(unit(40.0)));
    units.extend((0..6).map(|_| unit(50.0)));
    assert_eq!(firsts(&units), [0, 13]);
    // Two lead-ins in a row (a heading and its lead paragraph) move together: 12 × 50 = 600,
    // + 40 + 40 = 680, the next 50 (730) does not fit.
    let mut units: Vec<Unit> = (0..12).map(|_| unit(50.0)).collect();
    units.extend([lead(unit(40.0)), lead(unit(40.0))]);
    units.extend((0..6).map(|_| unit(50.0)));
    assert_eq!(firsts(&units), [0, 12]);
    // A page break before a unit takes the lead-in above it along: 5 × 50, a lead-in, then a
    // unit that starts a new page.
    let mut units: Vec<Unit> = (0..5).map(|_| unit(50.0)).collect();
    units.push(lead(unit(40.0)));
    units.push(page_break(unit(50.0)));
    units.extend((0..4).map(|_| unit(50.0)));
    assert_eq!(firsts(&units), [0, 5]);
}

#[test]
fn a_page_under_a_quarter_full_is_filled_up_to_a_lead_in_that_does_not_fit() {
    // 100 on the page; 300 and 250 kept with the 200 lead-in after them: 750 more, which does
    // not fit, and breaking before them would leave the page at 100 (under 175). So the page
    // takes 300 and 250 (650), the lead-in (850) does not fit and starts page 2, with what
    // follows it.
    let units = [
        unit(100.0),
        keep(unit(300.0)),
        keep(unit(250.0)),
        lead(unit(200.0)),
        unit(100.0),
        unit(100.0),
    ];
    assert_eq!(firsts(&units), [0, 3]);
}

#[test]
fn a_page_that_starts_at_the_lead_in_above_a_page_break_is_filled_past_the_break() {
    // 100, then a 40 lead-in above a unit that must start a page: the page break takes the
    // lead-in along, so page 2 starts at the lead-in (unit 1). The break's unit (200) is kept
    // with 300 and 300 (then 50): 850 more, which does not fit, and a break after the lead-in
    // would leave page 2 at 40 (under 175). So page 2 is filled past the page break it starts
    // with: 40 + 200 + 300 = 540, the next 300 (840) does not fit and starts page 3, with the
    // six units of 50 after it (300 + 300 = 600, over the 105 a last page needs).
    let mut units = vec![
        unit(100.0),
        lead(unit(40.0)),
        keep(page_break(unit(200.0))),
        keep(unit(300.0)),
        keep(unit(300.0)),
    ];
    units.extend((0..6).map(|_| unit(50.0)));
    assert_eq!(firsts(&units), [0, 1, 4]);
}

#[test]
fn a_case_example_moves_whole_from_a_page_at_least_half_full() {
    // 470 used (over 350); the example: 10 + 50 + 3 × (10 + 50) = 240 would reach 710, and it
    // fits on a page: it starts page 2.
    let mut units = vec![unit(470.0), spaced(50.0, 10.0)];
    units[1].together = 4;
    units.extend((0..3).map(|_| spaced(50.0, 10.0)));
    assert_eq!(firsts(&units), [0, 1]);
    let (p, _) = paged(&units, &[], Tree::default());
    assert_eq!(at(&p, 4), (1, 750.0 - 50.0 - 2.0 * 60.0 - 10.0));

    // An example of 20 × 50 = 1000 is taller than a page: it breaks where the page is full
    // (400 + 6 × 50 = 700), and the 14 units left fill the next.
    let mut units = vec![unit(400.0), unit(50.0)];
    units[1].together = 20;
    units.extend((0..19).map(|_| unit(50.0)));
    assert_eq!(firsts(&units), [0, 7]);
}

#[test]
fn a_chapters_nearly_empty_last_page_takes_units_from_the_page_before() {
    // Chapter 1: 16 × 50: 14 fill page 1, 2 (100, under 105) are left; from 13 on the last
    // page holds 150 and page 1 keeps 650 (over 350). Chapter 2 starts on a new page.
    let mut units: Vec<Unit> = (0..16).map(|_| unit(50.0)).collect();
    units.push(page_break(unit(50.0)));
    units.push(unit(50.0));
    assert_eq!(firsts(&units), [0, 13, 16]);

    // With space before: 80 + 5 × 120 = 680, the last unit alone (80) is under 105; moving 5
    // gives 80 + 120 = 200 there and leaves 80 + 4 × 120 = 560.
    let units: Vec<Unit> = (0..7).map(|_| spaced(80.0, 40.0)).collect();
    assert_eq!(firsts(&units), [0, 5]);
    let (p, _) = paged(&units, &[], Tree::default());
    assert_eq!(at(&p, 6), (1, 750.0 - 80.0 - 40.0));
}

#[test]
fn a_last_page_is_filled_only_from_where_a_page_may_end() {
    // As above, but unit 12 keeps with 13 (chapter 1) or is a lead-in (chapter 2): neither
    // may end a page, so the last page starts at 12 (200 there, 600 before).
    let mut units: Vec<Unit> = (0..16).map(|_| unit(50.0)).collect();
    units[12].keep_with_next = true;
    units.extend((0..16).map(|_| unit(50.0)));
    units[16].page_break_before = true;
    units[28].lead = true;
    assert_eq!(firsts(&units), [0, 12, 16, 28]);
}

#[test]
fn a_last_page_is_not_filled_from_a_page_that_would_fall_under_half() {
    // 300 + 300; 101 does not fit and is under 105, but moving 1 would leave 300 (under 350).
    let units = vec![unit(300.0), unit(300.0), unit(101.0)];
    assert_eq!(firsts(&units), [0, 2]);
}

#[test]
fn a_nearly_empty_page_inside_a_chapter_is_left_alone() {
    // 13 × 50 = 650; 60 does not fit; 60 + 680 does not either, so the middle page holds 60
    // alone. Only a chapter's last page takes units from the page before.
    let mut units: Vec<Unit> = (0..13).map(|_| unit(50.0)).collect();
    units.extend([unit(60.0), unit(680.0)]);
    assert_eq!(firsts(&units), [0, 13, 14]);
}

/// A table: element 1, its header row 2 (with a header cell 3), then body rows, each with one
/// cell; returns the tree and the cells' ids.
fn table(rows: usize) -> (Tree, Vec<usize>) {
    let mut tree = Tree::default();
    let t = tree.add(0, Kind::Table);
    let head = tree.add(t, Kind::TR);
    tree.add(head, Kind::TH);
    let cells = (0..rows)
        .map(|_| {
            let r = tree.add(t, Kind::TR);
            tree.add(r, Kind::TD)
        })
        .collect();
    (tree, cells)
}

fn text(x: f32, y: f32) -> Draw {
    Draw::Text {
        x,
        y,
        size: 10.0,
        style: Style::Regular,
        glyphs: Vec::new(),
        colour: (0.0, 0.0, 0.0),
    }
}

#[test]
fn a_table_header_repeats_as_a_header_row_of_its_own() {
    // Header 20 + 22 rows × 30 = 680: row 23 starts page 2 under the repeated header, which
    // holds 20 + 2 × 30 = 80 (under 105), so row 22 moves too: 20 + 3 × 30 = 110, leaving
    // 20 + 21 × 30 = 650.
    let (tree, cells) = table(24);
    let mut head = unit(20.0);
    head.role = Role::TableHeader;
    head.elem = Some(2);
    head.draws = vec![Draw::Tag(Some(3)), text(0.0, 15.0)];
    let mut units = vec![head.clone()];
    for &c in &cells {
        let mut row = unit(30.0);
        row.role = Role::TableRow;
        row.header = Some(0);
        row.elem = Some(c);
        row.draws = vec![text(0.0, 20.0)];
        units.push(row);
    }
    let before = tree.elems.len();
    let (p, tree) = paged(&units, &[head], tree);
    assert_eq!(p.pages.len(), 2);
    assert_eq!(at(&p, 21), (0, 750.0 - 20.0 - 20.0 * 30.0));
    assert_eq!(at(&p, 22), (1, 750.0 - 20.0));
    assert_eq!(at(&p, 24), (1, 750.0 - 20.0 - 2.0 * 30.0));
    // Page 1 shows the header row itself; page 2 a copy: a new row of the table, with a new
    // header cell, that the header's text belongs to.
    assert_eq!(p.pages[0][0].elem, Some(3));
    let first = &p.pages[1][0];
    assert_eq!(first.role, Role::TableHeader);
    assert!(matches!(first.draw, Draw::Text { y, .. } if close(y, 750.0 - 15.0)));
    assert_eq!(
        tree.elems.len(),
        before + 2,
        "one header row and its cell copied"
    );
    let cell = first
        .elem
        .expect("the repeated header is tagged, not an artifact");
    assert!(cell >= before, "a copy, not the first page's cell");
    assert_eq!(tree.kind(cell), Kind::TH);
    let row = tree.elems[cell].parent.unwrap();
    assert_eq!(tree.kind(row), Kind::TR);
    assert_eq!(tree.elems[row].parent, Some(1), "a row of the same table");
}

#[test]
fn every_drawing_is_placed_from_its_units_top_left() {
    // Unit 1 starts 100 + 20 below the top: its top is at 630, x offsets from the margin 50.
    let mut u = spaced(60.0, 20.0);
    u.elem = Some(5);
    u.outline = Some((2, "Part".to_string()));
    u.bars = vec![-10.0];
    u.draws = vec![
        Draw::Tag(Some(7)),
        Draw::ActualText("ŵ".into()),
        text(5.0, 12.0),
        Draw::Rect {
            x: 6.0,
            y: 10.0,
            w: 30.0,
            h: 8.0,
            colour: (0.0, 0.0, 0.0),
        },
        Draw::Rule {
            x1: 1.0,
            x2: 9.0,
            y: 3.0,
            width: 0.5,
            colour: (0.0, 0.0, 0.0),
        },
        Draw::Path {
            points: vec![(1.0, 2.0), (8.0, 9.0)],
            width: 1.0,
            colour: (0.0, 0.0, 0.0),
            dashed: false,
            fill: None,
        },
        Draw::Link {
            x: 2.0,
            y: 4.0,
            w: 10.0,
            h: 6.0,
            link: Link::Uri("https://example.org/".into()),
        },
        Draw::PageRef {
            anchor: "u0".into(),
            right: 100.0,
            y: 7.0,
            size: 10.0,
        },
        Draw::Widget {
            x: 3.0,
            y: 5.0,
            w: 20.0,
            h: 11.0,
            field: Box::new(crate::pdf::layout::FieldDraw {
                name: "f".into(),
                tooltip: "t".into(),
                option: None,
                multiline: false,
            }),
        },
    ];
    let units = vec![unit(100.0), u, unit(10.0)];
    let (p, _) = paged(&units, &[], Tree::default());
    assert_eq!(at(&p, 1), (0, 630.0));
    assert_eq!(at(&p, 2), (0, 630.0 - 60.0));
    assert_eq!(p.outline, [(2, "Part".to_string(), 0, 634.0)]);
    let placed = &p.pages[0];
    assert_eq!(placed.len(), 9, "{placed:?}");
    assert!(placed[..8].iter().all(|d| d.elem == Some(7)));
    let ok = |i: usize, what: &str, got: &[f32], want: &[f32]| {
        let same = got.len() == want.len() && got.iter().zip(want).all(|(g, w)| close(*g, *w));
        assert!(
            same,
            "{what} at {got:?}, expected {want:?}: {:?}",
            placed[i]
        );
    };
    for (i, d) in placed.iter().enumerate() {
        match &d.draw {
            Draw::ActualText(t) => assert_eq!(t, "ŵ"),
            Draw::Text { x, y, .. } => ok(i, "text", &[*x, *y], &[55.0, 618.0]),
            Draw::Rect { x, y, w, h, .. } if d.role == Role::Quote => {
                // The bar beside the unit, joined across the space above it.
                assert_eq!(d.elem, None);
                ok(i, "bar", &[*x, *y, *w, *h], &[40.0, 570.0, 3.0, 80.0]);
            }
            Draw::Rect { x, y, w, h, .. } => {
                ok(i, "rect", &[*x, *y, *w, *h], &[56.0, 612.0, 30.0, 8.0])
            }
            Draw::Rule { x1, x2, y, .. } => ok(i, "rule", &[*x1, *x2, *y], &[51.0, 59.0, 627.0]),
            Draw::Link { x, y, w, h, .. } => {
                ok(i, "link", &[*x, *y, *w, *h], &[52.0, 620.0, 10.0, 6.0])
            }
            Draw::PageRef { right, y, .. } => ok(i, "page ref", &[*right, *y], &[150.0, 623.0]),
            Draw::Widget { x, y, w, h, .. } => {
                ok(i, "widget", &[*x, *y, *w, *h], &[53.0, 614.0, 20.0, 11.0])
            }
            Draw::Path { points, .. } => {
                let flat: Vec<f32> = points.iter().flat_map(|&(x, y)| [x, y]).collect();
                ok(i, "path", &flat, &[51.0, 628.0, 58.0, 621.0])
            }
            Draw::Tag(_) => panic!("a tag is not drawn"),
        }
    }
    assert_eq!(placed[8].role, Role::Quote, "the bar comes last");
}

use super::*;

#[derive(Debug, Clone, PartialEq)]
struct Row(i64);
impl Keyed for Row {
    fn cursor(&self) -> Cursor {
        Cursor {
            key: self.0,
            rid: self.0,
        }
    }
}

/// A fake store: rows N-1 .. 0 (newest first), answering keyset requests like the real one.
fn serve(n: i64, req: PageRequest) -> Page<Row> {
    let all: Vec<Row> = (0..n).rev().map(Row).collect();
    let (rows, at_start, at_end) = match req {
        PageRequest::First => (
            all.iter().take(PAGE_SIZE).cloned().collect::<Vec<_>>(),
            true,
            n as usize <= PAGE_SIZE,
        ),
        PageRequest::Last => {
            let skip = all.len().saturating_sub(PAGE_SIZE);
            (all.iter().skip(skip).cloned().collect(), skip == 0, true)
        }
        PageRequest::After(c) => {
            let rest: Vec<Row> = all.iter().filter(|r| r.0 < c.key).cloned().collect();
            let at_end = rest.len() <= PAGE_SIZE;
            (rest.into_iter().take(PAGE_SIZE).collect(), false, at_end)
        }
        PageRequest::Before(c) => {
            let before: Vec<Row> = all.iter().filter(|r| r.0 > c.key).cloned().collect();
            let skip = before.len().saturating_sub(PAGE_SIZE);
            (
                before.iter().skip(skip).cloned().collect(),
                skip == 0,
                false,
            )
        }
    };
    Page {
        rows,
        at_start,
        at_end,
    }
}

fn drive(list: &mut PagedList<Row>, n: i64, mut req: Option<PageRequest>) {
    while let Some(r) = req {
        let generation = list.generation;
        req = list.receive(generation, r, serve(n, r), 20);
    }
}

#[test]
fn scrolling_down_visits_every_row_once_in_order_with_bounded_memory() {
    let n = 1234;
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, n, Some(first));
    let mut seen = vec![list.selected_row().unwrap().0];
    for _ in 0..n + 10 {
        let req = list.move_by(1, 20);
        drive(&mut list, n, req);
        assert!(list.rows.len() <= MAX_ROWS);
        let cur = list.selected_row().unwrap().0;
        if cur != *seen.last().unwrap() {
            seen.push(cur);
        }
    }
    let expected: Vec<i64> = (0..n).rev().collect();
    assert_eq!(seen, expected);
    // And back up to the top through pages that were dropped.
    for _ in 0..n + 10 {
        let req = list.move_by(-1, 20);
        drive(&mut list, n, req);
    }
    assert_eq!(list.selected_row().unwrap().0, n - 1);
    assert!(list.at_start);
}

#[test]
fn bottom_and_top_jump_by_fetching_the_edge_pages() {
    let n = 1000;
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, n, Some(first));
    let req = list.bottom(20);
    assert_eq!(req, Some(PageRequest::Last));
    drive(&mut list, n, req);
    assert_eq!(list.selected_row().unwrap().0, 0);
    assert!(list.at_end);
    let req = list.top(20);
    drive(&mut list, n, req);
    assert_eq!(list.selected_row().unwrap().0, n - 1);
}

#[test]
fn the_position_counts_rows_dropped_off_the_top_and_back_from_the_end() {
    let n = 1000;
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, n, Some(first));
    assert_eq!(
        list.position(None),
        (Some(1), None),
        "one page: the length is not known"
    );
    assert!(list.take_count_wanted());
    assert!(!list.take_count_wanted(), "asked once");
    list.set_total(list.generation, n);
    for _ in 0..600 {
        let req = list.move_by(1, 20);
        drive(&mut list, n, req);
    }
    assert!(!list.at_start, "pages were dropped off the top");
    assert_eq!(list.position(None), (Some(601), Some(1000)));
    // From the end (G) the place is counted back from the length.
    let req = list.bottom(20);
    drive(&mut list, n, req);
    assert_eq!(list.position(None), (Some(1000), Some(1000)));
    list.move_by(-5, 20);
    assert_eq!(list.position(None), (Some(995), Some(1000)));
    // A count for an older listing is not this one's.
    let old = list.generation;
    let first = list.reset();
    list.set_total(old, 7);
    drive(&mut list, 50, Some(first));
    assert_eq!(
        list.position(None),
        (Some(1), Some(50)),
        "every row loaded: counted"
    );
    assert!(!list.take_count_wanted());
}

#[test]
fn a_sought_row_is_selected_with_its_neighbours_loaded_around_it() {
    let n = 1000;
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, n, Some(first));
    let req = list.seek(Row(500), 20);
    drive(&mut list, n, req);
    assert_eq!(list.selected_row(), Some(&Row(500)));
    assert!(list.rows.len() > 100, "rows on both sides");
    assert!(list.rows.contains(&Row(501)) && list.rows.contains(&Row(499)));
    assert_eq!(list.position(None).0, None, "its place is not known");
    assert_eq!(list.position(Some(1000)).1, Some(1000));
}

#[test]
fn stale_generations_are_ignored() {
    let mut list: PagedList<Row> = PagedList::default();
    list.reset();
    let old = list.generation;
    list.reset();
    assert_eq!(
        list.receive(old, PageRequest::First, serve(5, PageRequest::First), 10),
        None
    );
    assert!(list.rows.is_empty());
    list.receive(
        list.generation,
        PageRequest::First,
        serve(5, PageRequest::First),
        10,
    );
    assert_eq!(list.rows.len(), 5);
}

#[test]
fn selection_stays_visible() {
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, 50, Some(first));
    list.move_by(30, 10);
    assert_eq!((list.selected, list.offset), (30, 21));
    list.move_by(-25, 10);
    assert_eq!((list.selected, list.offset), (5, 5));
    assert_eq!(list.click(3, 10), Some(None));
    assert_eq!(list.selected, 8);
    assert_eq!(list.click(60, 10), None);
}

#[test]
fn a_refreshed_first_page_keeps_the_selected_row_and_stale_answers_are_dropped() {
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, 10, Some(first));
    list.move_by(3, 20);
    assert_eq!(list.selected_row(), Some(&Row(6)));
    assert!(list.at_top());
    let old_generation = list.generation;
    let req = list.refresh_first();
    assert_eq!(
        list.rows.len(),
        10,
        "rows stay on screen while the page loads"
    );
    // An answer to the request before the refresh is dropped.
    assert_eq!(list.receive(old_generation, req, serve(10, req), 20), None);
    // Two tickets arrived at the top (rows 10 and 11): the same row stays selected, two places down.
    drive(&mut list, 12, Some(req));
    assert_eq!(list.rows.len(), 12);
    assert_eq!(list.selected_row(), Some(&Row(6)));
    assert_eq!(list.selected, 5);
    // Deep in a long list the window is not at its top: refresh leaves it alone.
    let mut long = PagedList::default();
    let first = long.reset();
    drive(&mut long, 1000, Some(first));
    for _ in 0..10 {
        let more = long.move_by(20, 20);
        drive(&mut long, 1000, more);
    }
    assert!(!long.at_top());
}

/// A fake store answering First with exactly `order` (any order: a re-sort).
fn page_of(order: &[i64]) -> Page<Row> {
    Page {
        rows: order.iter().map(|n| Row(*n)).collect(),
        at_start: true,
        at_end: true,
    }
}

#[test]
fn a_refresh_that_reorders_keeps_the_selected_row_on_its_screen_line() {
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, 30, Some(first)); // 29, 28, …, 0
    list.move_by(12, 10); // row 17, on the last line of a 10-row viewport
    assert_eq!(list.selected_row(), Some(&Row(17)));
    let line = list.selected - list.offset;
    assert!(list.at_top());
    let req = list.refresh_first();
    // A background re-sort put 17 near the bottom and shuffled the rest.
    let mut order: Vec<i64> = (0..30).filter(|n| *n != 17).collect();
    order.insert(25, 17);
    list.receive(list.generation, req, page_of(&order), 10);
    assert_eq!(list.selected_row(), Some(&Row(17)));
    assert_eq!(list.selected - list.offset, line);
}

#[test]
fn a_refresh_without_the_selected_row_selects_its_nearest_neighbour() {
    let mut list = PagedList::default();
    let first = list.reset();
    drive(&mut list, 10, Some(first)); // 9 … 0
    list.move_by(4, 20); // row 5; neighbours 4 (next) and 6 (previous)
    let req = list.refresh_first();
    // 5 and the row after it left the view: the one before it is nearest.
    list.receive(list.generation, req, page_of(&[9, 8, 7, 6, 3, 2, 1, 0]), 20);
    assert_eq!(list.selected_row(), Some(&Row(6)));
    // Both neighbours left: the nearest still listed, the one after before the one before.
    list.move_by(-1, 20); // row 7 of 9 8 7 6 3 2 1 0: neighbours 6 and 8, then 3 and 9
    let req = list.refresh_first();
    list.receive(list.generation, req, page_of(&[9, 3, 2, 1, 0]), 20);
    assert_eq!(list.selected_row(), Some(&Row(3)));
    // Everything left: the first row.
    let req = list.refresh_first();
    list.receive(list.generation, req, page_of(&[42, 41]), 20);
    assert_eq!(list.selected_row(), Some(&Row(42)));
}

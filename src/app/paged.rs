//! A window onto a keyset-paged list. It holds at most [`MAX_ROWS`] rows around the selection and asks for the
//! next page before the selection reaches an edge, so a million-row queue scrolls without loading the table.

use crate::domain::view::{Cursor, PageRequest};
use crate::store::Page;

/// Rows fetched per request.
pub const PAGE_SIZE: usize = 100;
/// Rows kept in memory; a page is dropped from the far end when more arrive.
pub const MAX_ROWS: usize = 4 * PAGE_SIZE;
/// Fetch the next page when the selection comes this close to the loaded edge.
const PREFETCH: usize = PAGE_SIZE / 2;

pub trait Keyed {
    fn cursor(&self) -> Cursor;
}

impl Keyed for crate::store::tickets::TicketRow {
    fn cursor(&self) -> Cursor {
        self.cursor()
    }
}

impl Keyed for crate::store::customers::CustomerRow {
    fn cursor(&self) -> Cursor {
        self.cursor()
    }
}

impl Keyed for crate::store::service_loop::TaskRow {
    fn cursor(&self) -> Cursor {
        self.cursor()
    }
}

impl Keyed for crate::store::kb::ArticleRow {
    fn cursor(&self) -> Cursor {
        self.cursor()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PagedList<T> {
    pub rows: Vec<T>,
    pub at_start: bool,
    pub at_end: bool,
    /// Index of the selected row in `rows`.
    pub selected: usize,
    /// Index of the first visible row in `rows`.
    pub offset: usize,
    /// Bumped when what the list shows changes (view, filter); answers for older generations are dropped.
    pub generation: u64,
    /// The request in flight, if any (one at a time per list).
    pub loading: Option<PageRequest>,
    /// Where to put the selection when a First/Last page arrives.
    jump_to_end: bool,
    /// The row to keep selected when a refreshed first page arrives.
    keep: Option<Keep>,
    /// Rows of the whole list before `rows[0]`, when known (from the first page on; not after a jump to the end).
    skipped: Option<usize>,
    /// Rows in the whole list, when known: every row is loaded, or a count answered ([`PagedList::set_total`]).
    total: Option<usize>,
    /// A first page arrived that does not hold the whole list: its length is worth a count.
    count_wanted: bool,
}

/// What a refresh keeps: the selected row by rid, else its nearest neighbour still listed, on the same screen line.
#[derive(Debug, Clone, PartialEq)]
struct Keep {
    /// The selected row first, then its neighbours nearest first (the next one before the previous one).
    rids: Vec<i64>,
    /// Where the selected row was on screen (`selected - offset`).
    line: usize,
}

impl<T> Default for PagedList<T> {
    fn default() -> Self {
        PagedList {
            rows: Vec::new(),
            at_start: true,
            at_end: true,
            selected: 0,
            offset: 0,
            generation: 0,
            loading: None,
            jump_to_end: false,
            keep: None,
            skipped: Some(0),
            total: None,
            count_wanted: false,
        }
    }
}

impl<T: Keyed + Clone> PagedList<T> {
    /// Starts over (new view or filter): returns the request for the first page.
    pub fn reset(&mut self) -> PageRequest {
        self.generation += 1;
        self.keep = None;
        self.rows.clear();
        self.selected = 0;
        self.offset = 0;
        self.at_start = true;
        self.at_end = false;
        self.jump_to_end = false;
        self.skipped = Some(0);
        self.total = None;
        self.count_wanted = false;
        self.loading = Some(PageRequest::First);
        PageRequest::First
    }

    /// Where the selection is in the whole list, 1-based, and how long the list is — each when known; `counted`
    /// is a length known elsewhere (the sidebar's count of a view). `[n/m]` in titles reads from this.
    pub fn position(&self, counted: Option<usize>) -> (Option<usize>, Option<usize>) {
        let total = self.total().or(counted);
        if self.rows.is_empty() {
            return (None, total);
        }
        let n = match (self.skipped, total) {
            (Some(s), _) => Some(s + self.selected + 1),
            // Reached from the end (G): counted back from the total.
            (None, Some(t)) if self.at_end => {
                Some((t + self.selected + 1).saturating_sub(self.rows.len()))
            }
            _ => None,
        };
        (n, total)
    }

    /// Rows in the whole list, when known.
    pub fn total(&self) -> Option<usize> {
        if self.at_start && self.at_end && self.loading.is_none() {
            return Some(self.rows.len());
        }
        self.total
    }

    /// Rows loaded or passed so far: the list has at least this many.
    pub fn seen(&self) -> usize {
        self.skipped.unwrap_or(0) + self.rows.len()
    }

    /// A count of the list asked for at `generation` arrived.
    pub fn set_total(&mut self, generation: u64, total: i64) {
        if generation == self.generation {
            self.total = usize::try_from(total).ok();
        }
    }

    /// True once after a first page that does not hold the whole list: ask the store how long it is.
    pub fn take_count_wanted(&mut self) -> bool {
        std::mem::take(&mut self.count_wanted)
    }

    /// Whether the window holds the top of the list with the selection well inside its first page: where a
    /// refreshed first page can replace the rows and keep the agent on the same ticket.
    pub fn at_top(&self) -> bool {
        self.at_start && self.selected < PAGE_SIZE / 2 && self.loading.is_none()
    }

    /// Reloads the first page in place (live refresh, a re-sort): the rows stay on screen until it arrives, then
    /// the selected ticket stays selected on the same screen line — or, if it left the list, the nearest of its
    /// neighbours that is still there.
    pub fn refresh_first(&mut self) -> PageRequest {
        self.generation += 1;
        let rid = |i: usize| self.rows.get(i).map(|r| r.cursor().rid);
        let mut rids: Vec<i64> = rid(self.selected).into_iter().collect();
        for d in 1..self.rows.len() {
            rids.extend(rid(self.selected + d));
            rids.extend(self.selected.checked_sub(d).and_then(rid));
        }
        self.keep = (!rids.is_empty()).then(|| Keep {
            rids,
            line: self.selected.saturating_sub(self.offset),
        });
        self.jump_to_end = false;
        self.loading = Some(PageRequest::First);
        PageRequest::First
    }

    /// Keeps row `rid` selected when the first page of a [`PagedList::reset`] brings it.
    pub fn keep_selected(&mut self, rid: i64) {
        self.keep = Some(Keep {
            rids: vec![rid],
            line: 0,
        });
    }

    /// Selects loaded row `i`, asking for more rows if it is near an edge.
    pub fn select(&mut self, i: usize, viewport: usize) -> Option<PageRequest> {
        if i >= self.rows.len() {
            return None;
        }
        self.selected = i;
        self.scroll_into_view(viewport);
        self.prefetch()
    }

    /// Shows `row` selected, then the rows around it as pages come in: a row reached from elsewhere (a link),
    /// not by scrolling. Its place in the whole list is unknown until the top is reached.
    pub fn seek(&mut self, row: T, viewport: usize) -> Option<PageRequest> {
        self.generation += 1;
        self.keep = None;
        self.rows = vec![row];
        self.selected = 0;
        self.offset = 0;
        self.at_start = false;
        self.at_end = false;
        self.jump_to_end = false;
        self.skipped = None;
        self.total = None;
        self.count_wanted = true;
        self.loading = None;
        self.scroll_into_view(viewport);
        self.prefetch()
    }

    pub fn selected_row(&self) -> Option<&T> {
        self.rows.get(self.selected)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.loading.is_none()
    }

    /// Moves the selection by `delta` rows and returns a page request if more rows are needed.
    pub fn move_by(&mut self, delta: isize, viewport: usize) -> Option<PageRequest> {
        if self.rows.is_empty() {
            return None;
        }
        let last = self.rows.len() - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.scroll_into_view(viewport);
        self.prefetch()
    }

    /// Selects the first row, fetching the first page if it is not loaded.
    pub fn top(&mut self, viewport: usize) -> Option<PageRequest> {
        if self.at_start {
            self.selected = 0;
            self.scroll_into_view(viewport);
            return None;
        }
        self.jump_to_end = false;
        self.loading = Some(PageRequest::First);
        Some(PageRequest::First)
    }

    /// Selects the last row, fetching the last page if it is not loaded.
    pub fn bottom(&mut self, viewport: usize) -> Option<PageRequest> {
        if self.at_end {
            self.selected = self.rows.len().saturating_sub(1);
            self.scroll_into_view(viewport);
            return None;
        }
        self.jump_to_end = true;
        self.loading = Some(PageRequest::Last);
        Some(PageRequest::Last)
    }

    /// Selects the row at a visible position (mouse click); `None` when there is no row there.
    pub fn click(&mut self, visible_index: usize, viewport: usize) -> Option<Option<PageRequest>> {
        let idx = self.offset + visible_index;
        (idx < self.rows.len()).then(|| {
            self.selected = idx;
            self.scroll_into_view(viewport);
            self.prefetch()
        })
    }

    fn prefetch(&mut self) -> Option<PageRequest> {
        if self.loading.is_some() || self.rows.is_empty() {
            return None;
        }
        let req = if !self.at_end && self.selected + PREFETCH >= self.rows.len() {
            PageRequest::After(self.rows[self.rows.len() - 1].cursor())
        } else if !self.at_start && self.selected < PREFETCH {
            PageRequest::Before(self.rows[0].cursor())
        } else {
            return None;
        };
        self.loading = Some(req);
        Some(req)
    }

    /// Takes a page that answered `req` for generation `generation`; stale answers are ignored.
    /// Returns a follow-up request when the selection is still near an edge.
    pub fn receive(
        &mut self,
        generation: u64,
        req: PageRequest,
        page: Page<T>,
        viewport: usize,
    ) -> Option<PageRequest> {
        if generation != self.generation || self.loading != Some(req) {
            return None;
        }
        self.loading = None;
        match req {
            PageRequest::First | PageRequest::Last => {
                let keep_end = self.jump_to_end || matches!(req, PageRequest::Last);
                self.rows = page.rows;
                self.at_start = page.at_start;
                self.at_end = page.at_end;
                self.selected = if keep_end {
                    self.rows.len().saturating_sub(1)
                } else {
                    0
                };
                self.offset = 0;
                self.jump_to_end = false;
                self.skipped = (matches!(req, PageRequest::First) || self.at_start).then_some(0);
                if self.at_start && self.at_end {
                    self.total = Some(self.rows.len());
                } else if matches!(req, PageRequest::First) {
                    self.count_wanted = true;
                }
                if let Some(keep) = self.keep.take()
                    && let Some(i) = keep
                        .rids
                        .iter()
                        .find_map(|rid| self.rows.iter().position(|r| r.cursor().rid == *rid))
                {
                    self.selected = i;
                    self.offset = i.saturating_sub(keep.line);
                }
            }
            PageRequest::After(_) => {
                self.at_end = page.at_end;
                self.rows.extend(page.rows);
                let excess = self.rows.len().saturating_sub(MAX_ROWS);
                if excess > 0 {
                    self.rows.drain(..excess);
                    self.skipped = self.skipped.map(|s| s + excess);
                    self.selected = self.selected.saturating_sub(excess);
                    self.offset = self.offset.saturating_sub(excess);
                    self.at_start = false;
                }
            }
            PageRequest::Before(_) => {
                self.at_start = page.at_start;
                let added = page.rows.len();
                let mut rows = page.rows;
                rows.append(&mut self.rows);
                self.rows = rows;
                self.selected += added;
                self.offset += added;
                self.skipped = if self.at_start {
                    Some(0)
                } else {
                    self.skipped.map(|s| s.saturating_sub(added))
                };
                if self.rows.len() > MAX_ROWS {
                    self.rows.truncate(MAX_ROWS);
                    self.at_end = false;
                }
            }
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view(viewport);
        self.prefetch()
    }

    /// Marks the in-flight request as failed so navigation can ask again.
    pub fn fail(&mut self, generation: u64) {
        if generation == self.generation {
            self.loading = None;
        }
    }

    /// Keeps the selection inside a viewport of `viewport` rows.
    pub fn scroll_into_view(&mut self, viewport: usize) {
        let viewport = viewport.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + viewport {
            self.offset = self.selected + 1 - viewport;
        }
        let max_offset = self.rows.len().saturating_sub(viewport);
        self.offset = self.offset.min(max_offset);
    }
}

#[cfg(test)]
mod tests {
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
                (all[skip..].to_vec(), skip == 0, true)
            }
            PageRequest::After(c) => {
                let rest: Vec<Row> = all.iter().filter(|r| r.0 < c.key).cloned().collect();
                let at_end = rest.len() <= PAGE_SIZE;
                (rest.into_iter().take(PAGE_SIZE).collect(), false, at_end)
            }
            PageRequest::Before(c) => {
                let before: Vec<Row> = all.iter().filter(|r| r.0 > c.key).cloned().collect();
                let skip = before.len().saturating_sub(PAGE_SIZE);
                (before[skip..].to_vec(), skip == 0, false)
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
}

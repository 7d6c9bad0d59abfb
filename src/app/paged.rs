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

impl Keyed for crate::store::plans::PlanRow {
    fn cursor(&self) -> Cursor {
        self.cursor()
    }
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
#[path = "paged_tests.rs"]
mod tests;

//! The fixed grid business times are counted on for percentiles. Daily roll-ups can sum counts but not samples,
//! so they keep, per day and key, how many times fell into each grid cell; a percentile is then the upper bound
//! of the cell holding the nearest-rank sample. The scan reports the same (it rounds its exact sample up to the
//! grid), so every path gives one number. Cells are whole seconds, minutes, hours or days, about 10 % wide.

use std::sync::OnceLock;

/// (end of range, step) in seconds: from the previous end up to this one, a cell every `step`.
const RANGES: &[(u32, u32)] = &[
    (60, 1),
    (600, 10),
    (3_600, 60),
    (6 * 3_600, 600),
    (86_400, 1_800),
    (4 * 86_400, 7_200),
    (14 * 86_400, 21_600),
    (60 * 86_400, 86_400),
    (364 * 86_400, 7 * 86_400),
];

/// Changes whenever [`RANGES`] does: stored roll-ups counted on another grid are rebuilt.
pub const GRID_VERSION: u32 = 1;

/// Every cell's upper bound, ascending; the last cell takes everything above a year.
pub fn time_grid() -> &'static [u32] {
    static GRID: OnceLock<Vec<u32>> = OnceLock::new();
    GRID.get_or_init(|| {
        let mut out = vec![0];
        let mut at = 0;
        for &(end, step) in RANGES {
            while at < end {
                at += step;
                out.push(at);
            }
        }
        out.push(u32::MAX);
        out
    })
}

/// The upper bound of the cell `secs` falls in (`secs` itself when it is on the grid).
pub fn time_bucket(secs: u32) -> u32 {
    let grid = time_grid();
    let i = grid.partition_point(|b| *b < secs);
    grid.get(i).copied().unwrap_or(u32::MAX)
}

/// Sorts counts per cell by cell and adds up those of the same cell.
pub fn coalesce(cells: &mut Vec<(u32, u64)>) {
    if cells.is_sorted_by(|a, b| a.0 < b.0) {
        return;
    }
    cells.sort_unstable_by_key(|c| c.0);
    cells.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
}

/// A time percentile as reported: the nearest-rank sample of `samples` and `cells` together, rounded up to its
/// cell of the time grid (all daily roll-ups keep). Rounding is monotone, so that is the nearest-rank cell.
pub fn grid_percentile(samples: &[u32], cells: &[(u32, u64)], p: u32) -> Option<f64> {
    if cells.is_empty() {
        return super::metrics::percentile(samples, p).map(|s| f64::from(time_bucket(s as u32)));
    }
    let mut all: Vec<(u32, u64)> = cells.to_vec();
    all.extend(samples.iter().map(|s| (time_bucket(*s), 1)));
    coalesce(&mut all);
    let n: u64 = all.iter().map(|c| c.1).sum();
    if n == 0 {
        return None;
    }
    let rank = (u64::from(p) * n).div_ceil(100).max(1);
    let mut seen = 0;
    all.iter()
        .find(|c| {
            seen += c.1;
            seen >= rank
        })
        .map(|c| f64::from(c.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_rises_and_round_times_are_on_it() {
        let g = time_grid();
        assert!(g.windows(2).all(|w| w[0] < w[1]));
        for on in [
            0,
            1,
            59,
            60,
            90,
            3_600,
            2 * 3_600,
            4 * 3_600,
            10 * 3_600,
            86_400,
        ] {
            assert_eq!(time_bucket(on), on, "{on} is a cell bound");
        }
        assert_eq!(time_bucket(61), 70);
        assert_eq!(time_bucket(3_601), 4_200);
        assert_eq!(time_bucket(u32::MAX - 1), u32::MAX);
    }

    #[test]
    fn cells_are_at_most_a_sixth_of_their_value_past_a_minute() {
        let g = time_grid();
        for w in g.windows(2).filter(|w| w[0] >= 60 && w[1] < u32::MAX) {
            assert!(
                f64::from(w[1] - w[0]) <= f64::from(w[0]) / 6.0 + 1.0,
                "{w:?}"
            );
        }
    }
}

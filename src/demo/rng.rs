//! A small deterministic PRNG (xoshiro256**, seeded through SplitMix64) so demo data is byte-identical for a seed
//! on every platform and every build — no dependency whose algorithm could change under us.

/// SplitMix64 step: used to expand a 64-bit seed into xoshiro's 256-bit state and to derive stream seeds.
pub(super) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[derive(Debug, Clone)]
pub(super) struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        let mut sm = seed;
        Rng {
            s: [
                splitmix64(&mut sm),
                splitmix64(&mut sm),
                splitmix64(&mut sm),
                splitmix64(&mut sm),
            ],
        }
    }

    /// An independent stream per generation phase, so that e.g. asking for more tickets leaves the customers
    /// exactly as they were for the same seed.
    pub(super) fn stream(seed: u64, stream: u64) -> Rng {
        let mut sm = seed ^ stream.wrapping_mul(0xD605_BBB5_8C8A_BBD5);
        Rng::new(splitmix64(&mut sm))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    pub(super) fn u128(&mut self) -> u128 {
        ((self.next_u64() as u128) << 64) | self.next_u64() as u128
    }

    /// Uniform in `0..n` (multiply-shift; the bias is below 2^-40 for our sizes). `n == 0` gives 0.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform index into a slice of length `len`; 0 when `len == 0` (callers index validated, non-empty lists).
    pub(super) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform in `lo..=hi`; `lo` when the range is empty.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// Uniform in [0, 1) with 53 bits.
    pub(super) fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A random element; the slice must be non-empty (corpus validation guarantees it for corpus lists).
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// Index chosen with the given integer weights (at least one positive).
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w as u64 {
                return i;
            }
            x -= w as u64;
        }
        weights.len().saturating_sub(1)
    }

    /// Fisher–Yates.
    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }

    /// A ULID whose time part is the row's own timestamp, so ids sort like the rows and stay deterministic.
    pub(super) fn ulid(&mut self, at_secs: i64) -> String {
        self.ulid_value(at_secs).to_string()
    }

    /// [`Rng::ulid`] unformatted, for ids kept in memory (16 bytes instead of a 26-character string).
    pub(super) fn ulid_value(&mut self, at_secs: i64) -> ulid::Ulid {
        let ms = (at_secs.max(0) as u64).saturating_mul(1000);
        ulid::Ulid::from_parts(ms, self.u128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_known_outputs() {
        // Reference values of SplitMix64 (Steele, Lea & Flood) from seed 0.
        let mut s = 0u64;
        assert_eq!(splitmix64(&mut s), 0xE220_A839_7B1D_CDAF);
        assert_eq!(splitmix64(&mut s), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(splitmix64(&mut s), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn xoshiro256starstar_known_outputs() {
        // Reference outputs of xoshiro256** (Blackman & Vigna) from state [1, 2, 3, 4].
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..6).map(|_| r.next_u64()).collect();
        assert_eq!(
            got,
            [
                11520,
                0,
                1509978240,
                1215971899390074240,
                1216172134540287360,
                607988272756665600
            ]
        );
    }

    #[test]
    fn helpers_stay_in_range_and_streams_differ() {
        let mut r = Rng::new(7);
        for _ in 0..1000 {
            assert!(r.below(10) < 10);
            let x = r.range(-3, 3);
            assert!((-3..=3).contains(&x));
            let f = r.f64();
            assert!((0.0..1.0).contains(&f));
            assert!(r.weighted(&[0, 5, 0, 1]) % 2 == 1);
        }
        assert_eq!(r.range(5, 5), 5);
        assert_ne!(Rng::stream(1, 1).next_u64(), Rng::stream(1, 2).next_u64());
        let mut a = Rng::new(9);
        let mut b = Rng::new(9);
        assert_eq!(a.ulid(1_700_000_000), b.ulid(1_700_000_000));
    }
}

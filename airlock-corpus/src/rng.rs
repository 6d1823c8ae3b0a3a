//! A tiny seeded PRNG (splitmix64): fast, deterministic, good enough for test data.

/// A splitmix64 generator. The same seed always yields the same sequence.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`, salted so that different corpora of one seed differ.
    pub(crate) fn new(seed: u64, salt: u64) -> Rng {
        let mut rng = Rng {
            state: seed ^ salt.rotate_left(17),
        };
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` percent.
    pub(crate) fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    /// True with probability `p` per mille.
    pub(crate) fn permille(&mut self, p: usize) -> bool {
        self.below(1000) < p
    }

    /// One item of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One string of a non-empty slice of static strings.
    pub(crate) fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// Index chosen by weight from a non-empty slice of weights.
    pub(crate) fn weighted(&mut self, weights: &[usize]) -> usize {
        let total: usize = weights.iter().sum();
        let mut roll = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }

    /// Appends `n` bytes drawn from `alphabet` (ASCII) to `out`.
    pub(crate) fn push_chars(&mut self, out: &mut String, alphabet: &[u8], n: usize) {
        out.reserve(n);
        for _ in 0..n {
            out.push(char::from(alphabet[self.below(alphabet.len())]));
        }
    }

    /// `n` characters drawn from `alphabet` (ASCII).
    pub(crate) fn string(&mut self, alphabet: &[u8], n: usize) -> String {
        let mut s = String::with_capacity(n);
        self.push_chars(&mut s, alphabet, n);
        s
    }

    /// `n` decimal digits (leading zeros allowed).
    pub(crate) fn digits(&mut self, n: usize) -> String {
        self.string(b"0123456789", n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(7, 1);
        let mut b = Rng::new(7, 1);
        let mut c = Rng::new(8, 1);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = Rng::new(1, 2);
        for _ in 0..10_000 {
            let x = rng.range(3, 9);
            assert!((3..=9).contains(&x));
            assert!(rng.below(5) < 5);
        }
        let mut hits = [0usize; 3];
        for _ in 0..3000 {
            hits[rng.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(hits[1], 0);
        assert!(hits[2] > hits[0]);
    }
}

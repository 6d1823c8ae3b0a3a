//! A large input scanned in parts on several threads, with the candidates of one scan.
//!
//! The input is cut right after line breaks, into a few parts per thread; each thread
//! takes the next part until none is left, so a thread on a busy core does fewer. No
//! built-in match crosses a line break except a PEM block (or a literal secret with one in
//! it), and no detector carries what it read past one, so each part is scanned on its own,
//! with enough of the text after it to see every match that starts inside it whole. A
//! candidate that crosses a cut anyway is found by the part it starts in, and then the
//! whole input is scanned again in one piece: the result is always that of one scan.
//!
//! A value longer than the look-ahead is no exception: a value on one line never crosses a
//! cut (the part it starts in reads to the end of its line, however long), and one over
//! several lines (a PEM block of 200 KiB, a YAML `tls.key: |` block) is seen cut off at the
//! end of the look-ahead, still crossing the cut, so the input is scanned in one piece
//! (`tests/across_cuts.rs`). A detector that matched nothing of such a cut-off value would
//! leave its tail to the next part: the built-in ones tested there (PEM blocks with and
//! without their END line, YAML block values) match a block without its end.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::detect::{Candidate, READS_AFTER, READS_BEFORE};

/// The text a part is scanned with past its end.
const OVERLAP: usize = READS_AFTER;
/// The text before a part that its scan reads too. No detector reads back across a line
/// break today (a key's name, an email's local part, the words before a number all stop
/// at one), so this is a margin for one that would.
const LEFT_CONTEXT: usize = READS_BEFORE;
/// The smallest share of the input worth a thread: a thread costs tens of microseconds,
/// a MiB of dense text a few milliseconds.
const MIN_PART: usize = 1024 * 1024;
/// How many parts there are per thread, at most: a thread on a busy core takes fewer.
const PARTS_PER_THREAD: usize = 2;

/// The longest literal secret that allows a split: a longer one may cross a cut by more
/// than the overlap.
pub(crate) const LONGEST_LITERAL: usize = OVERLAP / 4;

/// How an input is cut into parts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout {
    min_part: usize,
    left: usize,
    overlap: usize,
}

impl Layout {
    pub(crate) const DEFAULT: Layout = Layout {
        min_part: MIN_PART,
        left: LEFT_CONTEXT,
        overlap: OVERLAP,
    };

    /// A layout with small parts, so tests cross many cuts with small inputs.
    #[cfg(test)]
    pub(crate) fn with(min_part: usize, left: usize, overlap: usize) -> Layout {
        Layout {
            min_part,
            left,
            overlap,
        }
    }

    /// Where to cut `hay` into `parts` parts: right after a line break near each equal
    /// share. Fewer cuts when parts would be small or a share holds no line break.
    fn cuts(&self, hay: &[u8], parts: usize) -> Vec<usize> {
        let parts = parts.min(hay.len() / self.min_part.max(1));
        let share = hay.len() / parts.max(1);
        let mut cuts = Vec::with_capacity(parts.saturating_sub(1));
        let mut last = 0;
        for i in 1..parts {
            let target = i * share;
            // A quarter share either side of the target, after it first.
            let after = memchr::memchr(b'\n', &hay[target..(target + share / 4).min(hay.len())])
                .map(|at| target + at + 1);
            let before = || {
                memchr::memrchr(b'\n', &hay[target - share / 4..target])
                    .map(|at| target - share / 4 + at + 1)
            };
            if let Some(cut) = after.or_else(before).filter(|&cut| cut > last) {
                cuts.push(cut);
                last = cut;
            }
        }
        cuts.retain(|&cut| cut < hay.len());
        cuts
    }

    /// The candidates `scan` finds in `hay[owned]`, scanning it with its context; `None`
    /// when one of them crosses an end of `owned` that is a cut.
    fn part<F>(&self, hay: &[u8], owned: Range<usize>, scan: &F) -> Option<Vec<Candidate>>
    where
        F: Fn(&[u8]) -> Vec<Candidate>,
    {
        let from = owned.start.saturating_sub(self.left);
        let to = hay.len().min(owned.end.saturating_add(self.overlap));
        let mut found = scan(&hay[from..to]);
        let crosses = |c: &Candidate, cut: usize| {
            cut > 0 && cut < hay.len() && from + c.start < cut && from + c.end > cut
        };
        if found
            .iter()
            .any(|c| crosses(c, owned.start) || crosses(c, owned.end))
        {
            return None;
        }
        found.retain(|c| owned.contains(&(from + c.start)));
        for c in &mut found {
            c.start += from;
            c.end += from;
        }
        Some(found)
    }
}

/// The threads a call on `len` bytes may use: `max`, or by default the machine's available
/// parallelism (read once, and only for an input large enough to split: on Linux it reads
/// the process's cgroup limits).
pub(crate) fn threads(max: Option<NonZeroUsize>, len: usize) -> usize {
    if len < 2 * MIN_PART {
        1
    } else {
        available(max)
    }
}

/// The threads a call may use whatever its input: `max`, or by default the machine's
/// available parallelism (read once).
pub(crate) fn available(max: Option<NonZeroUsize>) -> usize {
    static AVAILABLE: OnceLock<usize> = OnceLock::new();
    match max {
        Some(n) => n.get(),
        None => *AVAILABLE
            .get_or_init(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get)),
    }
}

/// Every candidate `scan` finds in `hay`, as one `scan(hay)` would find them, with `hay`
/// scanned in parts on up to `threads` threads (the caller's one of them) when it is
/// large enough.
pub(crate) fn scan<F>(hay: &[u8], threads: usize, layout: &Layout, scan: F) -> Vec<Candidate>
where
    F: Fn(&[u8]) -> Vec<Candidate> + Sync,
{
    let cuts = if threads > 1 {
        layout.cuts(hay, threads.saturating_mul(PARTS_PER_THREAD))
    } else {
        Vec::new()
    };
    if cuts.is_empty() {
        return scan(hay);
    }
    let starts = std::iter::once(0).chain(cuts.iter().copied());
    let ends = cuts.iter().copied().chain(std::iter::once(hay.len()));
    let owned: Vec<Range<usize>> = starts.zip(ends).map(|(s, e)| s..e).collect();
    // Each thread takes the next part until none is left.
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(range) = owned.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((range.start, layout.part(hay, range.clone(), &scan)));
        }
        done
    };
    let mut parts = std::thread::scope(|scope| {
        // Without a thread to be had, the caller's thread does all the parts.
        let helpers: Vec<_> = (1..threads.min(owned.len()))
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("airlock-sanitize".into())
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut parts = work();
        for helper in helpers {
            // A scan does not panic; should one, the caller sees the panic, as it would
            // without threads.
            parts.extend(
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        parts
    });
    if parts.iter().any(|(_, found)| found.is_none()) {
        return scan(hay);
    }
    parts.sort_unstable_by_key(|&(start, _)| start);
    parts
        .into_iter()
        .flat_map(|(_, found)| found.into_iter().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::sanitize::{Finding, Sanitizer, engine, samples};

    #[test]
    fn cuts_fall_right_after_line_breaks_near_equal_shares() {
        let hay = b"aaaaaaaaa\nbbbbbbbbb\ncccccccccc\nddddddddd\n";
        assert_eq!(Layout::with(10, 4, 8).cuts(hay, 4), [10, 20, 31]);
        // Two threads: one cut, near the middle (no line break just after it, one before).
        assert_eq!(Layout::with(10, 4, 8).cuts(hay, 2), [20]);
    }

    #[test]
    fn small_inputs_and_inputs_without_line_breaks_are_not_cut() {
        let layout = Layout::with(10, 4, 8);
        assert!(layout.cuts(b"aaaa\nbbbb\ncccc\n", 4).is_empty());
        assert!(layout.cuts(&[b'a'; 100], 4).is_empty());
        assert!(layout.cuts(b"aaaaaaaaa\nbbbbbbbbb\n", 1).is_empty());
        assert!(Layout::DEFAULT.cuts(&[b'\n'; 1000], 8).is_empty());
    }

    #[test]
    fn a_block_across_a_cut_is_found_whole() {
        // The block's last line, scanned on its own, is a card number.
        let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBn\n\
                   4111111111111111\n-----END EC PRIVATE KEY-----\n";
        let hay = format!(
            "{}{key}{}",
            "x ann@example.org\n".repeat(3),
            "y 10.0.0.1\n".repeat(5)
        );
        let card_line = hay.find("4111").unwrap();
        let s = Sanitizer::new();
        let whole = s.find(hay.as_bytes());
        assert_eq!(whole[3].kind(), &crate::sanitize::Kind::PrivateKey);
        let mut cut_inside = false;
        for threads in 2..8 {
            for min_part in 1..40 {
                let layout = Layout::with(min_part, 16, 200);
                cut_inside |= layout.cuts(hay.as_bytes(), threads).contains(&card_line);
                assert_eq!(
                    engine::find_with(&s, hay.as_bytes(), threads, &layout),
                    whole
                );
            }
        }
        assert!(cut_inside);
    }

    #[test]
    fn the_default_layout_splits_a_large_input_into_identical_findings() {
        let line = "{\"user\": \"ann@example.org\", \"ip\": \"10.0.0.1\", \"card\": \"4111 1111 1111 1111\"}\n";
        let lines = (3 * MIN_PART).div_ceil(line.len());
        let hay = line.repeat(lines);
        let s = Sanitizer::new();
        // Three parts, each with its share of the findings, none falling back to one scan.
        let cuts = Layout::DEFAULT.cuts(hay.as_bytes(), 3);
        assert_eq!(cuts.len(), 2);
        let scan = |part: &[u8]| engine::built_in(&s, part);
        let owned = [0..cuts[0], cuts[0]..cuts[1], cuts[1]..hay.len()];
        let counts: Vec<Option<usize>> = owned
            .into_iter()
            .map(|range| {
                Layout::DEFAULT
                    .part(hay.as_bytes(), range, &scan)
                    .map(|c| c.len())
            })
            .collect();
        assert!(
            counts.iter().all(|n| n.is_some_and(|n| n > lines / 2)),
            "{counts:?}"
        );
        let one = engine::find_with(&s, hay.as_bytes(), 1, &Layout::DEFAULT);
        assert_eq!(one.len(), 3 * lines);
        assert_eq!(
            engine::find_with(&s, hay.as_bytes(), 3, &Layout::DEFAULT),
            one
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// However small the parts and however many threads, the findings are those of one
        /// scan over the whole input.
        #[test]
        fn parts_find_what_one_scan_finds(
            picks in proptest::collection::vec((0..=samples::PIECES.len(), 0..3usize), 0..80),
            min_part in 1usize..64,
            left in 0usize..96,
            threads in 1usize..6,
        ) {
            let seps = ["", " ", "\n"];
            // With a block without its END line, which runs on over the pieces after it.
            let pieces = [samples::PIECES, &["-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n"]].concat();
            let input: String = picks.iter().map(|&(i, sep)| format!("{}{}", pieces[i], seps[sep])).collect();
            let s = Sanitizer::builder().literal_secret("correct-horse-battery").build().unwrap();
            let whole = s.find(input.as_bytes());
            // The overlap must hold the longest match in the pieces and what is read after it.
            let layout = Layout::with(min_part, left, 160);
            let parts: Vec<Finding> = engine::find_with(&s, input.as_bytes(), threads, &layout);
            prop_assert_eq!(parts, whole);
        }

        /// Arbitrary bytes, with many line breaks: no panic, and the findings of one scan.
        #[test]
        fn parts_of_any_bytes_find_what_one_scan_finds(
            hay in proptest::collection::vec(prop_oneof![Just(b'\n'), Just(b' '), Just(b'1'), Just(b':'), Just(b'@'), Just(b'='), any::<u8>()], 0..600),
            min_part in 1usize..64,
        ) {
            let s = Sanitizer::new();
            let layout = Layout::with(min_part, 64, 160);
            prop_assert_eq!(engine::find_with(&s, &hay, 4, &layout), s.find(&hay));
        }
    }
}

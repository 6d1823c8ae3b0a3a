//! What one walk found: problems kept or counted, and ghost fields to strip.

use crate::Problem;

use super::limits::MAX_PROBLEMS;

/// Problems and stripped fields found by one walk: the whole check, or one branch's trial.
#[derive(Debug)]
pub(super) struct Out {
    /// The problems kept, at most [`MAX_PROBLEMS`].
    pub(super) problems: Vec<Problem>,
    /// Problems found but not kept.
    pub(super) more: usize,
    /// JSON pointers of ghost fields to strip.
    pub(super) stripped: Vec<String>,
    /// JSON pointers of optional fields sent as `null` that their schema refuses: removed
    /// as if left out, and not reported.
    pub(super) nulls: Vec<String>,
    /// A trial only asks whether a branch fits: it keeps no problem and stops at the first.
    pub(super) trial: bool,
}

impl Out {
    /// An empty result; `trial` for a branch tried on the side.
    pub(super) fn new(trial: bool) -> Self {
        Out {
            problems: Vec::new(),
            more: 0,
            stripped: Vec::new(),
            nulls: Vec::new(),
            trial,
        }
    }

    /// Records a problem, building it only if it is kept, and once per path and expectation.
    pub(super) fn push(&mut self, make: impl FnOnce() -> Problem) {
        if self.trial || self.problems.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let problem = make();
        let repeated = self
            .problems
            .iter()
            .any(|p| p.path == problem.path && p.expected == problem.expected);
        if !repeated {
            self.problems.push(problem);
        }
    }

    /// Records a failure a trial needs to know of, but nobody reads.
    pub(super) fn fail(&mut self) {
        self.more += 1;
    }

    /// Whether any problem was found.
    pub(super) fn failed(&self) -> bool {
        self.more > 0 || !self.problems.is_empty()
    }
}

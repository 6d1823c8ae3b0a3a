//! Which built-in detectors are on ([`Enabled`]): read by the scan and by every detector.

use super::kind::{Category, Kind};

/// Which built-in detectors are on: one bit per entry of [`Kind::BUILTIN`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Enabled(u64);

// One bit per built-in kind, and `all` shifts by their count.
const _: () = assert!(Kind::BUILTIN.len() < 64);

impl std::fmt::Debug for Enabled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                Kind::BUILTIN
                    .iter()
                    .filter(|k| self.contains(k))
                    .map(Kind::name),
            )
            .finish()
    }
}

const NUMBER_KINDS: [Kind; 4] = [Kind::Phone, Kind::Ssn, Kind::CreditCard, Kind::IpAddress];
const ASSIGNMENT_KINDS: [Kind; 4] = [
    Kind::Password,
    Kind::GenericSecret,
    Kind::AwsSecretAccessKey,
    Kind::BearerToken,
];

impl Enabled {
    pub(crate) fn all() -> Enabled {
        Enabled((1u64 << Kind::BUILTIN.len()) - 1)
    }

    pub(crate) fn none() -> Enabled {
        Enabled(0)
    }

    pub(crate) fn with_all(mut self, kinds: &[Kind]) -> Enabled {
        for kind in kinds {
            if let Some(i) = kind.builtin_index() {
                self.0 |= 1 << i;
            }
        }
        self
    }

    pub(crate) fn remove(&mut self, kind: &Kind) {
        if let Some(i) = kind.builtin_index() {
            self.0 &= !(1 << i);
        }
    }

    /// Whether `kind` is on; custom kinds always are. (Inline: the scan asks at its triggers.)
    #[inline]
    pub(crate) fn contains(&self, kind: &Kind) -> bool {
        kind.builtin_index().is_none_or(|i| self.0 & (1 << i) != 0)
    }

    /// Whether any detector that starts from a digit is on.
    pub(crate) fn any_number(&self) -> bool {
        NUMBER_KINDS.iter().any(|k| self.contains(k))
    }

    /// Only the kinds of `category`.
    pub(crate) fn only_category(self, category: Category) -> Enabled {
        let mut kept = Enabled::none();
        for kind in Kind::BUILTIN.iter().filter(|k| k.category() == category) {
            if self.contains(kind) {
                kept = kept.with_all(std::slice::from_ref(kind));
            }
        }
        kept
    }

    /// Whether any detector that starts from an assignment is on.
    pub(crate) fn any_assignment(&self) -> bool {
        ASSIGNMENT_KINDS.iter().any(|k| self.contains(k))
    }
}

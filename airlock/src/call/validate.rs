//! The validation stage: `validator` constraints on the typed arguments, each failure an
//! argument problem with a JSON pointer.

use crate::Problem;
use crate::arguments::validation;

/// The problems found in one call's arguments, argument by argument.
///
/// `#[airlock]` hands every argument whose type implements `validator::Validate` to
/// [`Checks::argument`]; an argument that holds the whole arguments object (the only
/// parameter, or rmcp's `Parameters<T>`) has its problems at the root (`/limit`), any other
/// under its name (`/query/limit`).
#[derive(Debug, Default)]
pub struct Checks {
    problems: Vec<Problem>,
    /// Per problem: whether its texts may quote what the model sent (`validator`'s and
    /// custom deserializers' messages), and so must be masked before the model sees them.
    /// The schema check's texts are masked as it writes them; only their paths are not.
    raw: Vec<bool>,
}

impl Checks {
    /// Adds the problems of the argument `name` (empty: the whole arguments object), except
    /// at places a problem was reported for already.
    pub fn argument(&mut self, name: &str, result: Result<(), validator::ValidationErrors>) {
        if let Err(errors) = result {
            let base = if name.is_empty() {
                String::new()
            } else {
                format!("/{}", name.replace('~', "~0").replace('/', "~1"))
            };
            let mut found = Vec::new();
            validation::problems(&errors, &base, &mut found);
            // A place the schema check reported already keeps the schema's problem.
            found.retain(|problem| !self.problems.iter().any(|known| known.path == problem.path));
            self.raw.extend(found.iter().map(|_| true));
            self.problems.extend(found);
        }
    }

    /// Adds problems the schema check (or the argument parser) found: their texts are
    /// masked already.
    pub(crate) fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.add(problems, false);
    }

    /// Adds problems whose texts may quote what the model sent (a custom deserializer's).
    pub(crate) fn extend_raw(&mut self, problems: impl IntoIterator<Item = Problem>) {
        self.add(problems, true);
    }

    fn add(&mut self, problems: impl IntoIterator<Item = Problem>, raw: bool) {
        for problem in problems {
            // One problem per place: the schema's (found first) wins over `validator`'s.
            if !self.problems.iter().any(|known| known.path == problem.path) {
                self.problems.push(problem);
                self.raw.push(raw);
            }
        }
    }

    /// The problems, each with whether its texts must still be masked.
    pub(crate) fn into_problems(self) -> impl Iterator<Item = (Problem, bool)> {
        self.problems.into_iter().zip(self.raw)
    }

    /// Whether no problem was found yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Nothing, or every problem.
    ///
    /// # Errors
    /// The checks themselves, if they found a problem.
    pub(crate) fn finish(self) -> Result<(), Checks> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use validator::{ValidationError, ValidationErrors};

    use super::*;

    fn errors(field: &'static str) -> ValidationErrors {
        let mut errors = ValidationErrors::new();
        errors.add(field, ValidationError::new("range"));
        errors
    }

    #[test]
    fn named_arguments_prefix_their_problems_and_the_whole_object_does_not() {
        let mut checks = Checks::default();
        checks.argument("query", Err(errors("limit")));
        checks.argument("", Err(errors("page")));
        checks.argument("a/b", Err(errors("c")));
        checks.argument("fine", Ok(()));
        let problems: Vec<Problem> = checks
            .finish()
            .unwrap_err()
            .into_problems()
            .map(|(p, _)| p)
            .collect();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["/query/limit", "/page", "/a~1b/c"]);
    }

    #[test]
    fn no_problem_is_ok_and_a_place_is_reported_once() {
        assert!(Checks::default().finish().is_ok());
        let mut checks = Checks::default();
        checks.argument("", Err(errors("limit")));
        checks.extend([Problem {
            path: "/limit".into(),
            expected: "x".into(),
            received: "y".into(),
            fix: "z".into(),
        }]);
        assert_eq!(checks.finish().unwrap_err().into_problems().count(), 1);
    }
}

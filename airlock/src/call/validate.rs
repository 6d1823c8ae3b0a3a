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
            self.problems.extend(found);
        }
    }

    /// Adds problems found another way (the schema check, a custom deserializer).
    pub(crate) fn extend(&mut self, problems: impl IntoIterator<Item = Problem>) {
        for problem in problems {
            // One problem per place: the schema's (found first) wins over `validator`'s.
            if !self.problems.iter().any(|known| known.path == problem.path) {
                self.problems.push(problem);
            }
        }
    }

    /// Whether no problem was found yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// Every problem, or nothing.
    ///
    /// # Errors
    /// The problems, if there are any.
    pub(crate) fn finish(self) -> Result<(), Vec<Problem>> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
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
        let problems = checks.finish().unwrap_err();
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
        assert_eq!(checks.finish().unwrap_err().len(), 1);
    }
}

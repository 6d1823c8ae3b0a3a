//! The errors a model sees: one kind per way a call can fail, each telling the model what to
//! change and whether calling again can succeed.

use std::fmt;

use serde::ser::SerializeStruct;

use crate::policy::{Decision, Denial};
use crate::sanitize::{Report, Sanitize, Sanitizer};
use crate::wait::{in_words, millis};

/// One thing wrong with a call's arguments: where, what was expected, what came, and how to
/// fix it.
///
/// `received` is a short rendering of the value's type and (masked, cut) content: never a
/// secret or personal value as sent. Its [`Display`](fmt::Display) is the line the model
/// reads under the error's message.
///
/// ```
/// use airlock::Problem;
///
/// let problem = Problem {
///     path: "/limit".into(),
///     expected: "integer ≥ 1".into(),
///     received: "string \"12\"".into(),
///     fix: "Send 12 as a number, without quotes.".into(),
/// };
/// assert_eq!(
///     problem.to_string(),
///     "/limit: expected integer ≥ 1, received string \"12\". Send 12 as a number, without quotes."
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// A JSON pointer to the value (`/limit`, `/recipients/2/email`; empty for the whole
    /// arguments object).
    pub path: String,
    /// The type and constraint expected there (`integer ≥ 1`, `one of "inbox", "sent"`).
    pub expected: String,
    /// What was sent (`string "12"`, `null`, `missing`).
    pub received: String,
    /// One sentence saying what to send instead.
    pub fix: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(arguments)"
        } else {
            &self.path
        };
        write!(
            f,
            "{path}: expected {}, received {}. {}",
            self.expected, self.received, self.fix
        )
    }
}

/// Why a guarded tool call did not run or did not succeed, written for the model.
///
/// Its [`Display`](fmt::Display) is the self-healing text to hand a model as is; it
/// serializes to the `error` object of an [`AirlockResponse`](crate::AirlockResponse):
/// `kind`, a one-line `message`, `problems` for arguments, `retry`, and `retry_after_ms` or
/// `request_id` where they apply. It never carries an unmasked value, a secret, or the text
/// of a deny rule's pattern.
///
/// A tool whose body returns `Result<T, E>` receives denials through `E: From<ToolError>`.
///
/// ```
/// use airlock::{Problem, ToolError};
///
/// let err = ToolError::InvalidArguments {
///     tool: "search_mail".into(),
///     problems: vec![Problem {
///         path: "/limit".into(),
///         expected: "integer".into(),
///         received: "string \"12\"".into(),
///         fix: "Send 12 as a number, without quotes.".into(),
///     }],
/// };
/// assert_eq!(err.kind(), "invalid_arguments");
/// assert!(err.retry());
/// assert_eq!(
///     err.to_string(),
///     "`search_mail` was called with 1 invalid argument; fix it and call again.\n\
///      - /limit: expected integer, received string \"12\". Send 12 as a number, without quotes."
/// );
/// let json = serde_json::to_value(&err)?;
/// assert_eq!(json["kind"], "invalid_arguments");
/// assert_eq!(json["problems"][0]["path"], "/limit");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ToolError {
    /// The arguments do not fit the tool's schema or constraints.
    #[error("{}", render(self))]
    InvalidArguments {
        /// The tool called.
        tool: String,
        /// Every problem found, ordered by place in the arguments.
        problems: Vec<Problem>,
    },
    /// No tool has that name.
    #[error("{}", render(self))]
    UnknownTool {
        /// The name called (masked and cut).
        name: String,
        /// The closest existing names, best first.
        suggestions: Vec<String>,
    },
    /// A policy refused the call.
    #[error("{}", render(self))]
    PolicyDenied {
        /// The tool called.
        tool: String,
        /// The policy that refused.
        policy: String,
        /// What the caller may know of why, and what would have to change.
        reason: String,
    },
    /// The call falls outside the tool's allowed time window.
    #[error("{}", render(self))]
    OutsideTimeWindow {
        /// The tool called.
        tool: String,
        /// The window, in words (`Mon–Fri 09:00–17:00 America/New_York`).
        window: String,
        /// Milliseconds until it next opens, if it ever does.
        opens_in_ms: Option<u64>,
    },
    /// A rate limit is exhausted for now.
    #[error("{}", render(self))]
    RateLimited {
        /// The tool called.
        tool: String,
        /// Milliseconds until a call can succeed.
        retry_after_ms: u64,
    },
    /// A human must approve the call first.
    #[error("{}", render(self))]
    ApprovalRequired {
        /// The tool called.
        tool: String,
        /// The approval request the human sees.
        request_id: String,
    },
    /// The tool ran and failed.
    #[error("{}", render(self))]
    ToolFailed {
        /// The tool called.
        tool: String,
        /// The tool's error, masked.
        message: String,
    },
}

impl ToolError {
    /// A tool's own failure, for its body to return: the guard names the tool, so the body
    /// does not write its name again. The message is masked before the model sees it.
    ///
    /// ```
    /// use airlock::{ToolError, airlock};
    ///
    /// #[airlock(access = read)]
    /// fn fetch(id: u32) -> Result<String, ToolError> {
    ///     Err(ToolError::failed(format!("no record {id}; the DSN was postgres://app:hunter2@db/crm")))
    /// }
    ///
    /// // Unguarded, the error names no tool.
    /// assert_eq!(ToolError::failed("timed out").to_string(), "the tool failed: timed out");
    /// // Through the guard, it names the tool and its message is masked.
    /// let error = fetch(7).err().ok_or("fetch should fail")?;
    /// assert_eq!(error.kind(), "tool_failed");
    /// assert!(!error.retry());
    /// assert_eq!(error.to_string(), "`fetch` failed: no record 7; the DSN was postgres://app:[CONNECTION_STRING]@db/crm");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn failed(message: impl Into<String>) -> ToolError {
        ToolError::ToolFailed {
            tool: String::new(),
            message: message.into(),
        }
    }

    /// The error's kind, as in the `error.kind` field: `invalid_arguments`, `unknown_tool`,
    /// `policy_denied`, `outside_time_window`, `rate_limited`, `approval_required` or
    /// `tool_failed`. A program branches on this rather than on the message's words.
    ///
    /// ```
    /// use airlock::ToolError;
    ///
    /// let limited = ToolError::RateLimited { tool: "send_mail".into(), retry_after_ms: 1_500 };
    /// assert_eq!(limited.kind(), "rate_limited");
    /// assert_eq!(ToolError::failed("disk full").kind(), "tool_failed");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            ToolError::InvalidArguments { .. } => "invalid_arguments",
            ToolError::UnknownTool { .. } => "unknown_tool",
            ToolError::PolicyDenied { .. } => "policy_denied",
            ToolError::OutsideTimeWindow { .. } => "outside_time_window",
            ToolError::RateLimited { .. } => "rate_limited",
            ToolError::ApprovalRequired { .. } => "approval_required",
            ToolError::ToolFailed { .. } => "tool_failed",
        }
    }

    /// Whether calling again can succeed: after fixing the arguments or the name, after the
    /// wait, after approval. A policy denial or a tool failure is not retried, nor is a call
    /// outside a time window that never opens. This is the `error.retry` field.
    ///
    /// ```
    /// use airlock::ToolError;
    ///
    /// let limited = ToolError::RateLimited { tool: "send_mail".into(), retry_after_ms: 1_500 };
    /// assert!(limited.retry());
    /// let denied = ToolError::PolicyDenied {
    ///     tool: "drop_table".into(),
    ///     policy: "READ_ONLY".into(),
    ///     reason: "its declared access `delete` is above the ceiling `read`".into(),
    /// };
    /// assert!(!denied.retry());
    /// ```
    pub fn retry(&self) -> bool {
        match self {
            ToolError::InvalidArguments { .. }
            | ToolError::UnknownTool { .. }
            | ToolError::RateLimited { .. }
            | ToolError::ApprovalRequired { .. } => true,
            ToolError::OutsideTimeWindow { opens_in_ms, .. } => opens_in_ms.is_some(),
            ToolError::PolicyDenied { .. } | ToolError::ToolFailed { .. } => false,
        }
    }

    /// The model-facing error for a policy's denial of `tool`: a closed time window and an
    /// exhausted rate limit say when to call again; any other denial names the policy and
    /// what the caller may know of why ([`Denial::explain`]), never the rule's pattern.
    pub(crate) fn policy_denied(tool: &str, policy: &str, denial: &Denial) -> ToolError {
        match denial {
            Denial::OutsideWindow { open, opens_in, .. } => ToolError::OutsideTimeWindow {
                tool: tool.to_owned(),
                window: open.clone(),
                opens_in_ms: opens_in.map(millis),
            },
            Denial::RateLimited { retry_after, .. } => ToolError::RateLimited {
                tool: tool.to_owned(),
                retry_after_ms: millis(*retry_after).max(1),
            },
            _ => ToolError::PolicyDenied {
                tool: tool.to_owned(),
                policy: policy.to_owned(),
                reason: denial.explain().into_owned(),
            },
        }
    }

    /// `Err` with the model-facing error if `decision` denied `tool`.
    pub(crate) fn refusal(tool: &str, decision: Decision) -> Result<(), ToolError> {
        match decision {
            Decision::Allowed { .. } => Ok(()),
            Decision::Denied { origin, denial } => {
                Err(ToolError::policy_denied(tool, origin.policy(), &denial))
            }
        }
    }

    /// How many milliseconds to wait before calling again: the wait of a
    /// [`RateLimited`](ToolError::RateLimited) error, the time until an
    /// [`OutsideTimeWindow`](ToolError::OutsideTimeWindow) error's window opens (`None` if it
    /// never does), and `None` for every other kind. This is the `error.retry_after_ms`
    /// field.
    ///
    /// ```
    /// use airlock::ToolError;
    ///
    /// let limited = ToolError::RateLimited { tool: "send_mail".into(), retry_after_ms: 1_500 };
    /// assert_eq!(limited.retry_after_ms(), Some(1_500));
    /// assert_eq!(limited.to_string(), "`send_mail` is rate limited; call it again in 1.5s or later.");
    /// assert_eq!(ToolError::failed("disk full").retry_after_ms(), None);
    /// ```
    pub fn retry_after_ms(&self) -> Option<u64> {
        match self {
            ToolError::RateLimited { retry_after_ms, .. } => Some(*retry_after_ms),
            ToolError::OutsideTimeWindow { opens_in_ms, .. } => *opens_in_ms,
            _ => None,
        }
    }

    /// The problems of an [`InvalidArguments`](ToolError::InvalidArguments) error, all of
    /// them at once, ordered by place in the arguments (an object's keys in alphabetical
    /// order, as `serde_json` keeps them; an array's items by index); empty for every other
    /// kind.
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{Caller, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Search {
    ///     query: String,
    ///     limit: u32,
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::new();
    /// tools.tool("search", "Searches.", Access::Read, |args: Search| {
    ///     Ok::<_, std::fmt::Error>(format!("{} ({})", args.query, args.limit))
    /// })?;
    /// let response = tools.call("search", json!({"query": 42, "limit": "10"}), &Caller::anonymous()).await;
    /// let error = response.error().ok_or("the call should fail")?;
    /// let paths: Vec<&str> = error.problems().iter().map(|p| p.path.as_str()).collect();
    /// assert_eq!(paths, ["/limit", "/query"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn problems(&self) -> &[Problem] {
        match self {
            ToolError::InvalidArguments { problems, .. } => problems,
            _ => &[],
        }
    }

    /// The one-line summary (the `error.message` field): what happened and what to do next,
    /// without the problems' lines that [`Display`](fmt::Display) adds below it.
    ///
    /// ```
    /// use airlock::ToolError;
    ///
    /// let unknown = ToolError::UnknownTool {
    ///     name: "serch_mail".into(),
    ///     suggestions: vec!["search_mail".into()],
    /// };
    /// assert_eq!(unknown.message(), "There is no tool named `serch_mail`; did you mean `search_mail`?");
    /// ```
    pub fn message(&self) -> String {
        match self {
            ToolError::InvalidArguments { tool, problems } => {
                let n = problems.len();
                let s = if n == 1 { "" } else { "s" };
                format!(
                    "`{tool}` was called with {n} invalid argument{s}; fix {} and call again.",
                    if n == 1 { "it" } else { "them" }
                )
            }
            ToolError::UnknownTool { name, suggestions } => match suggestions.as_slice() {
                [] => format!("There is no tool named `{name}`."),
                [one] => format!("There is no tool named `{name}`; did you mean `{one}`?"),
                many => format!(
                    "There is no tool named `{name}`; did you mean one of {}?",
                    many.iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
            ToolError::PolicyDenied {
                tool,
                policy,
                reason,
            } => format!(
                "`{tool}` was refused by policy {policy}: {reason}. Do not retry it; use another tool or ask the user."
            ),
            ToolError::OutsideTimeWindow {
                tool,
                window,
                opens_in_ms,
            } => match opens_in_ms {
                Some(ms) => format!(
                    "`{tool}` is allowed only {window}; it opens in {}.",
                    in_words(*ms)
                ),
                None => format!("`{tool}` is allowed only {window}, which never opens."),
            },
            ToolError::RateLimited {
                tool,
                retry_after_ms,
            } => format!(
                "`{tool}` is rate limited; call it again in {} or later.",
                in_words(*retry_after_ms)
            ),
            ToolError::ApprovalRequired { tool, request_id } => format!(
                "`{tool}` needs a human's approval: request {request_id} is waiting. Call it again once the user has approved it."
            ),
            ToolError::ToolFailed { tool, message } if tool.is_empty() => {
                format!("the tool failed: {message}")
            }
            ToolError::ToolFailed { tool, message } => format!("`{tool}` failed: {message}"),
        }
    }
}

fn render(e: &ToolError) -> String {
    let mut out = e.message();
    for p in e.problems() {
        out.push_str("\n- ");
        out.push_str(&p.to_string());
    }
    out
}

/// A tool's error is masked like its output: the text a tool wrote (a driver's message with
/// a DSN, a request error with `?api_key=`) and the problems' texts; the guard's own words
/// hold nothing to mask.
impl Sanitize for ToolError {
    fn sanitize(&mut self, sanitizer: &Sanitizer, report: &mut Report) {
        match self {
            ToolError::ToolFailed { message, .. } => message.sanitize(sanitizer, report),
            ToolError::InvalidArguments { problems, .. } => {
                for problem in problems {
                    problem.path.sanitize(sanitizer, report);
                    problem.expected.sanitize(sanitizer, report);
                    problem.received.sanitize(sanitizer, report);
                    problem.fix.sanitize(sanitizer, report);
                }
            }
            ToolError::UnknownTool { name, .. } => name.sanitize(sanitizer, report),
            ToolError::PolicyDenied { .. }
            | ToolError::OutsideTimeWindow { .. }
            | ToolError::RateLimited { .. }
            | ToolError::ApprovalRequired { .. } => {}
        }
    }
}

impl serde::Serialize for ToolError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = 3;
        fields += usize::from(!self.problems().is_empty());
        fields += usize::from(self.retry_after_ms().is_some());
        fields += usize::from(matches!(self, ToolError::ApprovalRequired { .. }));
        fields += usize::from(matches!(self, ToolError::UnknownTool { .. }));
        let mut s = serializer.serialize_struct("ToolError", fields)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.message())?;
        if !self.problems().is_empty() {
            s.serialize_field("problems", self.problems())?;
        }
        if let ToolError::UnknownTool { suggestions, .. } = self {
            s.serialize_field("suggestions", suggestions)?;
        }
        s.serialize_field("retry", &self.retry())?;
        if let Some(ms) = self.retry_after_ms() {
            s.serialize_field("retry_after_ms", &ms)?;
        }
        if let ToolError::ApprovalRequired { request_id, .. } = self {
            s.serialize_field("request_id", request_id)?;
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_window_and_an_exhausted_limit_say_when_to_call_again() {
        use std::time::Duration;

        let window = Denial::OutsideWindow {
            window: "office".into(),
            open: "Mon–Fri 09:00–17:00 America/New_York".into(),
            opens_in: Some(Duration::from_secs(3810)),
        };
        let error = ToolError::policy_denied("send_mail", "p", &window);
        assert_eq!(error.kind(), "outside_time_window");
        assert_eq!(error.retry_after_ms(), Some(3_810_000));
        assert!(error.message().ends_with("it opens in 1h 3m."), "{error}");
        let limited = Denial::RateLimited {
            limit: "mail".into(),
            rate: "1/min".parse().unwrap(),
            retry_after: Duration::from_micros(10),
        };
        let error = ToolError::policy_denied("send_mail", "p", &limited);
        assert_eq!(error.kind(), "rate_limited");
        // Never "retry in 0 ms".
        assert_eq!(error.retry_after_ms(), Some(1));
    }

    #[test]
    fn every_kind_serializes_with_its_fields() {
        let cases = [
            (
                ToolError::UnknownTool {
                    name: "serch".into(),
                    suggestions: vec!["search".into()],
                },
                true,
            ),
            (
                ToolError::PolicyDenied {
                    tool: "t".into(),
                    policy: "P".into(),
                    reason: "r".into(),
                },
                false,
            ),
            (
                ToolError::OutsideTimeWindow {
                    tool: "t".into(),
                    window: "w".into(),
                    opens_in_ms: Some(5),
                },
                true,
            ),
            (
                ToolError::RateLimited {
                    tool: "t".into(),
                    retry_after_ms: 1500,
                },
                true,
            ),
            (
                ToolError::ApprovalRequired {
                    tool: "t".into(),
                    request_id: "R-1".into(),
                },
                true,
            ),
            (
                ToolError::ToolFailed {
                    tool: "t".into(),
                    message: "m".into(),
                },
                false,
            ),
        ];
        for (err, retry) in cases {
            let json = serde_json::to_value(&err).unwrap();
            assert_eq!(json["kind"], err.kind());
            assert_eq!(json["retry"], retry, "{}", err.kind());
            assert_eq!(json["message"], err.message());
            assert!(!err.to_string().contains('\n'));
        }
        let rl = serde_json::to_value(ToolError::RateLimited {
            tool: "t".into(),
            retry_after_ms: 1500,
        })
        .unwrap();
        assert_eq!(rl["retry_after_ms"], 1500);
        let ap = serde_json::to_value(ToolError::ApprovalRequired {
            tool: "t".into(),
            request_id: "R-1".into(),
        })
        .unwrap();
        assert_eq!(ap["request_id"], "R-1");
    }
}

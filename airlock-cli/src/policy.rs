//! `airlock policy`: decides a tool call against a policy file, or lints the file.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use airlock::Caller;
use airlock::policy::{Access, Decision, Denial, LintSeverity, Policy, UnknownAccess};
use jiff::Timestamp;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;
use serde_json::{Map, Value};

use crate::Failure;

/// Exit status of `check` when the call would be denied.
const EXIT_DENIED: u8 = 1;

/// Exit status of `lint` when it found a warning.
const EXIT_WARNING: u8 = 1;

const EXAMPLES: &str = "\
Examples:
  airlock policy check --policy airlock.toml --tool send_mail --access write --caller agent-7
  airlock policy lint --policy airlock.toml";

const CHECK_EXAMPLES: &str = "\
Examples:
  airlock policy check --policy airlock.toml --tool list_mail --access read
  airlock policy check --policy airlock.toml --tool send_mail --access write \\
      --caller agent-7 --roles support --at 2026-11-23T08:00:00-05:00
  airlock policy check --policy airlock.toml --tool drop_table --json
  airlock policy check --policy airlock.toml --tool send_mail --caller ci && echo allowed";

const CHECK_NOTES: &str = "\
Rate limits ([limits.*] tables) are not checked: a single check charges no limit and knows
no earlier calls. AIRLOCK_POLICY_* environment variables are not applied: the file decides
alone.

Exit status: 0 when the call would be allowed, 1 when it would be denied, 2 on a usage,
I/O or policy file error.";

const LINT_EXAMPLES: &str = "\
Examples:
  airlock policy lint --policy airlock.toml
  airlock policy lint --policy airlock.toml --json
  airlock policy lint --policy airlock.toml --tools list_mail,send_mail --tool get_user
  airlock policy lint --policy airlock.toml --tools-file tools.txt";

const LINT_NOTES: &str = "\
A warning is a rule that can never match or never applies (the policy probably does not
say what was meant); a note is a rule that is redundant or has no effect.

With the names of the tools that exist (--tools, --tool, --tools-file), every glob that
matches none of them is a warning too: allow and deny globs, roles' globs, [tools] keys,
and the tools of windows and limits.

Exit status: 0 when there is no warning (notes alone are fine), 1 when there is one, 2 on
a usage, I/O or policy file error.";

fn check_long_help() -> String {
    format!("{CHECK_EXAMPLES}\n\n{CHECK_NOTES}")
}

fn lint_long_help() -> String {
    format!("{LINT_EXAMPLES}\n\n{LINT_NOTES}")
}

/// Checks tool calls against a policy file, or lints it.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct PolicyArgs {
    #[command(subcommand)]
    command: PolicyCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PolicyCommand {
    /// Decide whether a tool call would be allowed, and by which rule.
    Check(CheckArgs),
    /// Find rules that can never match, never apply, or have no effect.
    Lint(LintArgs),
}

/// Decides whether a tool call would be allowed by a policy file, and names the rule that
/// decides, why, and what would have to change.
///
/// The call is decided by every rule of the file but its rate limits, at the time given by
/// --at (default: now).
#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_EXAMPLES, after_long_help = check_long_help())]
pub(crate) struct CheckArgs {
    /// The policy file (TOML).
    #[arg(long, value_name = "FILE")]
    policy: PathBuf,

    /// The tool's name.
    #[arg(long, value_name = "NAME")]
    tool: String,

    /// The caller's id; without it, the caller is anonymous.
    #[arg(long, value_name = "ID")]
    caller: Option<String>,

    /// The caller's roles (comma-separated).
    #[arg(long, value_name = "ROLE,...", value_delimiter = ',')]
    roles: Vec<String>,

    /// The tool's declared access: read, write, delete or execute (undeclared tools are
    /// execute).
    #[arg(long, value_name = "LEVEL", default_value = "execute", value_parser = parse_access)]
    access: Access,

    /// When the call is made, as an RFC 3339 time with an offset [default: now].
    #[arg(long, value_name = "TIME", value_parser = parse_at)]
    at: Option<At>,

    /// Print one JSON object instead of text.
    ///
    /// Keys: "allowed", "tool", "access", "caller", "roles", "at", "policy", "file", "rule",
    /// and for a denied call "reason", "remedy" and, when a time window will open,
    /// "opens_in_ms"; keys that do not apply are left out.
    #[arg(long)]
    json: bool,
}

/// Finds rules in a policy file that can never match, never apply, have no effect or repeat
/// others, and prints one line per finding and a summary.
#[derive(Debug, clap::Args)]
#[command(after_help = LINT_EXAMPLES, after_long_help = lint_long_help())]
pub(crate) struct LintArgs {
    /// The policy file (TOML).
    #[arg(long, value_name = "FILE")]
    policy: PathBuf,

    /// Print one JSON object per finding per line instead: {"severity", "rule", "message"}.
    #[arg(long)]
    json: bool,

    /// The tools that exist (comma-separated, or repeated): report globs matching none.
    #[arg(
        long,
        visible_alias = "tool",
        value_name = "NAME,...",
        value_delimiter = ','
    )]
    tools: Vec<String>,

    /// A file naming the tools that exist, one per line (blank lines and lines starting
    /// with `#` are skipped); adds to --tools.
    #[arg(long, value_name = "FILE")]
    tools_file: Option<PathBuf>,
}

/// An instant, and the offset to show it with (`None`: UTC, written `Z`).
#[derive(Debug, Clone, Copy)]
struct At {
    timestamp: Timestamp,
    offset: Option<Offset>,
}

impl At {
    /// Now, in the system's time zone, to the second.
    fn now() -> At {
        let now = jiff::Zoned::now();
        let timestamp =
            Timestamp::from_second(now.timestamp().as_second()).unwrap_or_else(|_| now.timestamp());
        At {
            timestamp,
            offset: Some(now.offset()),
        }
    }
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{}", self.timestamp.display_with_offset(offset)),
            None => write!(f, "{}", self.timestamp),
        }
    }
}

/// An access level, ignoring spaces around it.
fn parse_access(text: &str) -> Result<Access, UnknownAccess> {
    text.trim().parse()
}

/// An RFC 3339 time that has an offset (`Z` or `±hh:mm`): without one, the instant is
/// ambiguous.
fn parse_at(text: &str) -> Result<At, String> {
    const HINT: &str = "write a time with an offset, e.g. 2026-11-23T08:00:00-05:00 or \
                        2026-11-23T13:00:00Z";
    let text = text.trim();
    let pieces = Pieces::parse(text).map_err(|e| format!("{e}; {HINT}"))?;
    let offset = match pieces.offset() {
        None => {
            return Err(format!(
                "the time has no offset, so it is ambiguous; {HINT}"
            ));
        }
        Some(PiecesOffset::Zulu) => None,
        Some(offset) => Some(offset.to_numeric_offset()),
    };
    let timestamp = text
        .parse::<Timestamp>()
        .map_err(|e| format!("{e}; {HINT}"))?;
    Ok(At { timestamp, offset })
}

/// Runs `airlock policy`.
pub(crate) fn run(args: &PolicyArgs) -> Result<ExitCode, Failure> {
    match &args.command {
        PolicyCommand::Check(args) => check(args),
        PolicyCommand::Lint(args) => lint(args),
    }
}

fn load(path: &Path) -> Result<Policy, Failure> {
    Policy::from_toml_file(path).map_err(Failure::new)
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let policy = load(&args.policy)?;
    let roles: Vec<String> = args
        .roles
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    let caller = match &args.caller {
        Some(id) => Caller::new(id.clone()),
        None => Caller::anonymous(),
    }
    .with_roles(roles.iter().cloned());
    let at = args.at.unwrap_or_else(At::now);
    let decision = policy.decide_at(&args.tool, args.access, &caller, at.timestamp);
    let call = Call {
        tool: &args.tool,
        access: args.access,
        caller: &caller,
        roles: &roles,
        at,
    };
    let out = if args.json {
        let mut line = json_decision(&call, &decision)?;
        line.push('\n');
        line
    } else {
        text_decision(&call, &decision)
    };
    print(&out)?;
    Ok(if decision.is_allowed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_DENIED)
    })
}

/// The call being checked, for output.
struct Call<'a> {
    tool: &'a str,
    access: Access,
    caller: &'a Caller,
    roles: &'a [String],
    at: At,
}

impl fmt::Display for Call<'_> {
    /// `send_mail (write) for agent-7 [support] at 2026-11-23T08:00:00-05:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}) for {}", self.tool, self.access, self.caller)?;
        if !self.roles.is_empty() {
            write!(f, " [{}]", self.roles.join(", "))?;
        }
        write!(f, " at {}", self.at)
    }
}

fn text_decision(call: &Call<'_>, decision: &Decision) -> String {
    let origin = decision.origin();
    match decision.denial() {
        None => lines(&[
            format!("allowed: {call}"),
            format!("rule:    {} in {origin}", decision.rule()),
        ]),
        Some(denial) => lines(&[
            format!("denied: {call}"),
            format!("rule:   {} in {origin}", denial.rule()),
            format!("why:    {denial}"),
            format!("to allow: {}", denial.remedy()),
        ]),
    }
}

fn json_decision(call: &Call<'_>, decision: &Decision) -> Result<String, Failure> {
    let mut object = Map::new();
    let mut put = |key: &str, value: Value| {
        object.insert(key.to_owned(), value);
    };
    put("allowed", decision.is_allowed().into());
    put("tool", call.tool.into());
    put("access", call.access.as_str().into());
    if let Some(id) = call.caller.id() {
        put("caller", id.into());
    }
    if !call.roles.is_empty() {
        put("roles", call.roles.into());
    }
    put("at", call.at.to_string().into());
    put("policy", decision.policy().into());
    if let Some(file) = decision.file() {
        put("file", file.into());
    }
    put("rule", decision.rule().as_ref().into());
    if let Some(denial) = decision.denial() {
        put("reason", denial.to_string().into());
        put("remedy", denial.remedy().into());
        if let Denial::OutsideWindow {
            opens_in: Some(wait),
            ..
        } = denial
        {
            let ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
            put("opens_in_ms", ms.into());
        }
    }
    serde_json::to_string(&object).map_err(Failure::new)
}

fn lint(args: &LintArgs) -> Result<ExitCode, Failure> {
    let policy = load(&args.policy)?;
    let findings = match tool_names(args)? {
        Some(tools) => policy.lint_with_tools(tools.iter().map(String::as_str)),
        None => policy.lint(),
    };
    let mut out = String::new();
    if args.json {
        for finding in &findings {
            out.push_str(&serde_json::to_string(finding).map_err(Failure::new)?);
            out.push('\n');
        }
    } else {
        let mut text: Vec<String> = findings.iter().map(ToString::to_string).collect();
        text.push(summary(&policy, &findings));
        out = lines(&text);
    }
    print(&out)?;
    let warned = findings.iter().any(|f| f.severity == LintSeverity::Warning);
    Ok(if warned {
        ExitCode::from(EXIT_WARNING)
    } else {
        ExitCode::SUCCESS
    })
}

/// The tool names of --tools and --tools-file, trimmed, without blanks; `None` when neither
/// was given.
fn tool_names(args: &LintArgs) -> Result<Option<Vec<String>>, Failure> {
    if args.tools.is_empty() && args.tools_file.is_none() {
        return Ok(None);
    }
    let mut names: Vec<String> = args
        .tools
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect();
    if let Some(path) = &args.tools_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::new(format_args!(
                "cannot read tools file {}: {e}",
                path.display()
            ))
        })?;
        names.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_owned),
        );
    }
    if names.is_empty() {
        return Err(Failure::new(
            "no tool names given: --tools and --tools-file name none, so every rule would \
             match nothing; name the tools that exist",
        ));
    }
    Ok(Some(names))
}

/// `2 warnings, 1 note in mail-agent (airlock.toml)`, or `no findings in ...`.
fn summary(policy: &Policy, findings: &[airlock::policy::LintFinding]) -> String {
    let origin = match &policy.file {
        Some(file) => format!("{} ({file})", policy.name),
        None => policy.name.to_string(),
    };
    let count = |severity: LintSeverity| findings.iter().filter(|f| f.severity == severity).count();
    let counted = |n: usize, noun: &str| {
        let plural = if n == 1 { "" } else { "s" };
        format!("{n} {noun}{plural}")
    };
    match (count(LintSeverity::Warning), count(LintSeverity::Note)) {
        (0, 0) => format!("no findings in {origin}"),
        (w, 0) => format!("{} in {origin}", counted(w, "warning")),
        (0, n) => format!("{} in {origin}", counted(n, "note")),
        (w, n) => format!(
            "{}, {} in {origin}",
            counted(w, "warning"),
            counted(n, "note")
        ),
    }
}

/// The lines, each ended by a newline, with control characters (which could forge lines or
/// drive the terminal, from a tool name or a policy file) shown as `�`.
fn lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        out.extend(
            line.chars()
                .map(|c| if c.is_control() { '\u{FFFD}' } else { c }),
        );
        out.push('\n');
    }
    out
}

/// Writes `text` to stdout; a reader that stopped reading (a closed pipe) is not an error.
fn print(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::new(format_args!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

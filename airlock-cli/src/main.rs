//! The `airlock` command line.
//!
//! `airlock scan` masks PII and secrets in files or stdin with the same engine the library
//! runs on tool outputs; more subcommands (totp, approve, grants, secrets, audit, mcp,
//! policy) slot into [`Command`] as they arrive.
//!
//! Exit status: 0 on success, 1 when `--check` found something, 2 on a usage or I/O error,
//! which is reported as one line on stderr starting with `airlock:`.

mod policy;
mod scan;

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};

/// Exit status of a usage or I/O error.
const EXIT_FAILURE: u8 = 2;

/// Airlock guards AI agents' tool calls; this is its command line.
#[derive(Debug, Parser)]
#[command(
    name = "airlock",
    version,
    after_help = "Run `airlock <COMMAND> --help` for examples."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Mask PII and secrets in files or stdin.
    Scan(scan::ScanArgs),
    /// Check tool calls against a policy file, or lint it.
    Policy(policy::PolicyArgs),
}

/// Why a command stopped early: reported as one line on stderr, exit status 2.
#[derive(Debug)]
struct Failure(String);

impl Failure {
    fn new(message: impl fmt::Display) -> Failure {
        Failure(message.to_string())
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return parse_failure(&err),
    };
    let result = match &cli.command {
        Command::Scan(args) => scan::run(args),
        Command::Policy(args) => policy::run(args),
    };
    result.unwrap_or_else(|failure| fail(&failure.0))
}

/// Prints help and version as clap would; turns a usage error into one line and status 2.
fn parse_failure(err: &clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // A closed stdout (`airlock --help | head -1`) is not worth reporting.
            let _ = err.print();
            ExitCode::SUCCESS
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // The command missing a subcommand: the deepest one the arguments name.
            let mut command = Cli::command();
            let mut path = vec![command.get_name().to_owned()];
            for arg in std::env::args_os().skip(1) {
                let Some(sub) = arg.to_str().and_then(|a| command.find_subcommand(a)) else {
                    continue;
                };
                let sub = sub.clone();
                path.push(sub.get_name().to_owned());
                command = sub;
            }
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .filter(|name| name != "help")
                .collect();
            fail(&format!(
                "missing command: expected one of {} (see `{} --help`)",
                names.join(", "),
                path.join(" ")
            ))
        }
        _ => {
            let text = err.to_string();
            let mut lines = text.lines().skip_while(|line| line.trim().is_empty());
            let first = lines.next().unwrap_or("invalid usage");
            let mut message = first.strip_prefix("error: ").unwrap_or(first).to_owned();
            // A list announced by a colon (`the following required arguments were not
            // provided:`) follows on indented lines: keep it on the one line.
            if message.ends_with(':') {
                let items: Vec<&str> = lines
                    .take_while(|line| line.starts_with(char::is_whitespace))
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .collect();
                message = format!("{message} {}", items.join(", "));
            }
            fail(&message)
        }
    }
}

/// Reports `message` as one line on stderr and returns exit status 2.
fn fail(message: &str) -> ExitCode {
    let line: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let _ = writeln!(std::io::stderr().lock(), "airlock: {}", line.trim_end());
    ExitCode::from(EXIT_FAILURE)
}

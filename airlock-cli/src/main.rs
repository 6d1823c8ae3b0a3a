//! The `airlock` command line.
//!
//! `airlock scan` masks PII and secrets in files or stdin with the same engine the library
//! runs on tool outputs; more subcommands (totp, approve, grants, secrets, audit, mcp,
//! policy) slot into [`Command`] as they arrive.
//!
//! Exit status: 0 on success, 1 when `--check` found something, 2 on a usage or I/O error,
//! which is reported as one line on stderr starting with `airlock:`.

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
            let names: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .filter(|name| name != "help")
                .collect();
            fail(&format!(
                "missing command: expected one of {} (see `airlock --help`)",
                names.join(", ")
            ))
        }
        _ => {
            let text = err.to_string();
            let first = text
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("invalid usage");
            fail(first.strip_prefix("error: ").unwrap_or(first))
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

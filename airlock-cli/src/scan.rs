//! `airlock scan`: masks PII and secrets in files or stdin, on every core, in bounded memory.

mod hash_key;
mod position;
mod utf16;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use airlock::sanitize::{
    Finding, Kind, MaskedChunk, Sanitizer, Strategy, StreamError, UnknownKind,
};

use crate::Failure;
use position::Position;
use utf16::Utf8Input;

/// The buffer of stdout and stderr.
const WRITE_BUF: usize = 64 * 1024;

/// Exit status of `--check` when something was found.
const EXIT_FOUND: u8 = 1;

const EXAMPLES: &str = "\
Examples:
  airlock scan notes.txt > notes.masked.txt
  kubectl logs my-pod | airlock scan --strategy partial
  airlock scan --json --only email,credit_card export.csv
  git diff --cached | airlock scan --check --exclude ip_address
  airlock scan --strategy hash --hash-key-file team.key monday.log tuesday.log";

/// The long help: the examples, then every kind `--only` and `--exclude` accept.
fn long_help() -> String {
    let kinds: Vec<&str> = Kind::BUILTIN.iter().map(Kind::name).collect();
    format!(
        "{EXAMPLES}\n\nKinds:\n  {}\n\n\
         Encoding: input is read as bytes, and what is not masked is written as it is, \
         valid UTF-8 or not; UTF-16 input (little- or big-endian) with a byte order mark, \
         as PowerShell's `>` writes, is read as text and written as UTF-8, without the mark.\n\n\
         Exit status: 0 on success, 1 when --check found something, 2 on a usage or I/O error.",
        kinds.join(", ")
    )
}

/// Masks PII and secrets in files or stdin and writes the masked text to stdout.
///
/// Input of any size is streamed in bounded memory, on every core once it is larger than a
/// few MiB, and bytes that are not UTF-8 pass through unchanged. UTF-16 input with a byte
/// order mark (as PowerShell's `>` writes) is read as text and written as UTF-8, without
/// the mark. With several files, the masked texts are concatenated, like `cat`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help())]
pub(crate) struct ScanArgs {
    /// Files to scan; none, or `-`, reads stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Write one JSON object per finding per line instead of the masked text.
    ///
    /// Each line is {"kind", "category", "start", "end", "line", "column"}, in input order:
    /// "start" and "end" are byte offsets into the input (into its UTF-8 text if it is
    /// UTF-16), "line" and "column" where the finding starts, from 1, the column counting
    /// characters, not bytes. With more than one FILE, a "file" key names the input, and
    /// offsets and lines count from the start of that file.
    #[arg(long)]
    json: bool,

    /// How to mask: full, partial, type or hash [default: type].
    ///
    /// `hash` writes the kind and a pseudonym, `[EMAIL:3f9a1c2e]`: the same value gets the
    /// same pseudonym throughout a run. Pseudonyms change with every run unless a key is
    /// given, with --hash-key-file or AIRLOCK_HASH_KEY.
    #[arg(long, value_name = "STRATEGY")]
    strategy: Option<Strategy>,

    /// Key the pseudonyms of --strategy hash with the secret in this file, so they are the
    /// same in every run and file (else they change with every run).
    ///
    /// The file holds 16 to 1024 bytes, such as the output of `openssl rand -hex 32`; one
    /// trailing line break is ignored. Without this option, the environment variable
    /// AIRLOCK_HASH_KEY is the key, if set. The key is never printed.
    #[arg(long, value_name = "PATH")]
    hash_key_file: Option<PathBuf>,

    /// Look only for these kinds (comma-separated, e.g. email,credit_card).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = parse_kind)]
    only: Option<Vec<Kind>>,

    /// Do not look for these kinds (comma-separated).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = parse_kind)]
    exclude: Vec<Kind>,

    /// Exit with status 1 if anything is found, saying where on stderr.
    ///
    /// Each finding is a line `FILE:LINE:COLUMN: KIND` on stderr (stdin is `<stdin>`; the
    /// column counts characters from 1), never what was found, then a summary line. Writes
    /// nothing to stdout unless --json is given, whose lines then carry the places instead.
    /// For CI and git hooks.
    #[arg(long)]
    check: bool,

    /// Scan with at most this many threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<NonZeroUsize>,
}

/// A kind name, ignoring spaces around it (`--only "email, ssn"`).
fn parse_kind(name: &str) -> Result<Kind, UnknownKind> {
    name.trim().parse()
}

/// Runs `airlock scan`.
pub(crate) fn run(args: &ScanArgs) -> Result<ExitCode, Failure> {
    let sanitizer = build_sanitizer(args)?;
    let inputs: Vec<Input<'_>> = if args.files.is_empty() {
        vec![Input::Stdin]
    } else {
        args.files
            .iter()
            .map(|path| {
                if path.as_os_str() == OsStr::new("-") {
                    Input::Stdin
                } else {
                    Input::File(path)
                }
            })
            .collect()
    };
    let labelled = args.files.len() > 1;
    let mode = match (args.json, args.check) {
        (true, _) => Mode::Json,
        (false, false) => Mode::Text,
        (false, true) => Mode::Places,
    };
    let mut sink = Sink {
        writer: BufWriter::with_capacity(WRITE_BUF, io::stdout().lock()),
        places: BufWriter::with_capacity(WRITE_BUF, io::stderr().lock()),
        mode,
        closed: false,
        scan_to_end: args.check,
        tally: HashMap::new(),
        line: Vec::new(),
        label: None,
        name: String::new(),
        position: Position::new(),
    };

    for input in &inputs {
        sink.label = if labelled {
            Some(input.json_label()?)
        } else {
            None
        };
        sink.name = input.name();
        sink.position = Position::new();
        let reader = input.open()?;
        scan(&sanitizer, reader, input, &mut sink)?;
        if sink.stopped() {
            // Whoever read stdout has stopped (`airlock scan big | head -1`): stop quietly.
            return Ok(ExitCode::SUCCESS);
        }
    }
    sink.flush()?;

    if !args.check {
        return Ok(ExitCode::SUCCESS);
    }
    match summary(&sink.tally) {
        None => Ok(ExitCode::SUCCESS),
        Some(line) => {
            let _ = writeln!(sink.places, "airlock: {line}");
            let _ = sink.places.flush();
            Ok(ExitCode::from(EXIT_FOUND))
        }
    }
}

fn build_sanitizer(args: &ScanArgs) -> Result<Sanitizer, Failure> {
    let mut builder = Sanitizer::builder();
    if let Some(only) = &args.only {
        builder = builder.only(only.iter().cloned());
    }
    for kind in &args.exclude {
        builder = builder.disable(kind.clone());
    }
    if let Some(strategy) = args.strategy {
        builder = builder.strategy(strategy);
    }
    if let Some(threads) = args.threads {
        builder = builder.max_threads(threads);
    }
    let hashing = args.strategy == Some(Strategy::KeyedHash);
    let key = match &args.hash_key_file {
        Some(_) if !hashing => {
            return Err(Failure::new(
                "--hash-key-file keys the pseudonyms of --strategy hash: add --strategy hash",
            ));
        }
        Some(path) => Some(hash_key::from_file(path)?),
        // The variable keys every hashing run; other runs have no use for it.
        None if hashing => hash_key::from_env(),
        None => None,
    };
    if let Some(key) = key {
        builder = builder
            .hash_key_from_secret(&key.secret)
            .map_err(|err| Failure::new(format_args!("{}: {err}", key.source)))?;
    }
    builder.build().map_err(Failure::new)
}

/// Streams one input through the sanitizer into the sink.
fn scan(
    sanitizer: &Sanitizer,
    reader: Box<dyn Read>,
    input: &Input<'_>,
    sink: &mut Sink<'_>,
) -> Result<(), Failure> {
    match sanitizer.sanitize_reader(Utf8Input::new(reader), |chunk| sink.deliver(chunk)) {
        Ok(()) | Err(StreamError::Sink(Halt::Stopped)) => Ok(()),
        Err(StreamError::Sink(Halt::Failed(failure))) => Err(failure),
        Err(StreamError::Read(err)) => Err(input.read_error(&err)),
    }
}

/// Where input comes from.
enum Input<'a> {
    Stdin,
    File(&'a Path),
}

impl Input<'_> {
    fn open(&self) -> Result<Box<dyn Read>, Failure> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin().lock())),
            Input::File(path) => match File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(err) => Err(self.read_error(&err)),
            },
        }
    }

    /// The `"file"` value of this input's JSON lines, already JSON-encoded.
    fn json_label(&self) -> Result<String, Failure> {
        let name = match self {
            Input::Stdin => "-".into(),
            Input::File(path) => path.to_string_lossy(),
        };
        serde_json::to_string(&name).map_err(Failure::new)
    }

    /// The name of this input in a `--check` place: its path, or `<stdin>`, with control
    /// characters (which could fake a line) as `?`.
    fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(path) => path
                .to_string_lossy()
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect(),
        }
    }

    fn read_error(&self, err: &io::Error) -> Failure {
        match self {
            Input::Stdin => Failure::new(format_args!("cannot read stdin: {err}")),
            Input::File(path) => Failure::new(format_args!("cannot read {path:?}: {err}")),
        }
    }
}

/// What goes to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The masked text.
    Text,
    /// One JSON object per finding.
    Json,
    /// Nothing; each finding's place on stderr (`--check` without `--json`).
    Places,
}

/// Why the sink stopped the scan.
enum Halt {
    /// Stdout was closed and the scan need not go on.
    Stopped,
    /// Writing failed.
    Failed(Failure),
}

/// Writes output to stdout (and places to stderr) and counts findings.
struct Sink<'a> {
    writer: BufWriter<io::StdoutLock<'a>>,
    places: BufWriter<io::StderrLock<'a>>,
    mode: Mode,
    /// Stdout was closed by its reader; nothing more is written.
    closed: bool,
    /// Keep scanning after stdout is closed (`--check`).
    scan_to_end: bool,
    tally: HashMap<Kind, usize>,
    /// Scratch space for JSON lines.
    line: Vec<u8>,
    /// The current input's `"file"` value, when there are several.
    label: Option<String>,
    /// The current input's name in places.
    name: String,
    /// Lines and columns counted in the current input.
    position: Position,
}

impl Sink<'_> {
    /// Whether the scan should stop: stdout was closed and nobody needs the exit status of a
    /// complete scan. With `--check`, the scan goes on to the end so that the exit status
    /// still says whether anything was found.
    fn stopped(&self) -> bool {
        self.closed && !self.scan_to_end
    }

    /// Writes (or drops) one piece of output and counts its findings.
    fn deliver(&mut self, chunk: MaskedChunk<'_>) -> Result<(), Halt> {
        for finding in chunk.findings() {
            *self.tally.entry(finding.kind().clone()).or_insert(0) += 1;
        }
        match self.mode {
            Mode::Text => self.write(chunk.output()).map_err(Halt::Failed)?,
            Mode::Json => {
                let mut line = std::mem::take(&mut self.line);
                line.clear();
                for finding in chunk.findings() {
                    let (row, column) =
                        self.position
                            .of(chunk.input(), chunk.offset(), finding.start());
                    let place = Place { row, column };
                    json_line(&mut line, self.label.as_deref(), finding, place)
                        .map_err(Halt::Failed)?;
                }
                let result = self.write(&line);
                self.line = line;
                result.map_err(Halt::Failed)?;
            }
            Mode::Places => {
                for finding in chunk.findings() {
                    let (row, column) =
                        self.position
                            .of(chunk.input(), chunk.offset(), finding.start());
                    // Stderr is the terminal or a log: a write error there is not worth
                    // failing the check for.
                    let _ = writeln!(
                        self.places,
                        "{}:{row}:{column}: {}",
                        self.name,
                        finding.kind()
                    );
                }
            }
        }
        if self.mode != Mode::Text {
            let end = chunk.offset() + chunk.input().len();
            self.position.count_to(chunk.input(), chunk.offset(), end);
        }
        if self.stopped() {
            return Err(Halt::Stopped);
        }
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if self.closed || bytes.is_empty() {
            return Ok(());
        }
        self.writer
            .write_all(bytes)
            .or_else(|e| self.write_error(&e))
    }

    fn flush(&mut self) -> Result<(), Failure> {
        let _ = self.places.flush();
        if self.closed {
            return Ok(());
        }
        self.writer.flush().or_else(|e| self.write_error(&e))
    }

    /// A broken pipe closes the sink quietly; any other write error is a failure.
    fn write_error(&mut self, err: &io::Error) -> Result<(), Failure> {
        if err.kind() == io::ErrorKind::BrokenPipe {
            self.closed = true;
            Ok(())
        } else {
            Err(Failure::new(format_args!("cannot write to stdout: {err}")))
        }
    }
}

/// Where a finding starts: line and column, from 1.
#[derive(Debug, Clone, Copy)]
struct Place {
    row: usize,
    column: usize,
}

/// Appends one finding as a JSON line:
/// `{"file":...,"kind":...,"category":...,"start":N,"end":N,"line":N,"column":N}`.
fn json_line(
    line: &mut Vec<u8>,
    file: Option<&str>,
    finding: &Finding,
    place: Place,
) -> Result<(), Failure> {
    let kind = serde_json::to_string(finding.kind().name()).map_err(Failure::new)?;
    let category = finding.category().name();
    let (start, end) = (finding.start(), finding.end());
    let Place { row, column } = place;
    if let Some(file) = file {
        write!(line, r#"{{"file":{file},"#).map_err(Failure::new)?;
    } else {
        line.push(b'{');
    }
    writeln!(
        line,
        r#""kind":{kind},"category":"{category}","start":{start},"end":{end},"line":{row},"column":{column}}}"#
    )
    .map_err(Failure::new)
}

/// `3 findings (2 email, 1 aws_access_key_id)`, most frequent kind first; `None` for none.
fn summary(tally: &HashMap<Kind, usize>) -> Option<String> {
    let total: usize = tally.values().sum();
    if total == 0 {
        return None;
    }
    let mut counts: Vec<(&str, usize)> = tally.iter().map(|(kind, &n)| (kind.name(), n)).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let parts: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    let noun = if total == 1 { "finding" } else { "findings" };
    Some(format!("{total} {noun} ({})", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_orders_by_count_then_name() {
        let tally = HashMap::from([(Kind::AwsAccessKeyId, 1), (Kind::Email, 2)]);
        assert_eq!(
            summary(&tally).as_deref(),
            Some("3 findings (2 email, 1 aws_access_key_id)")
        );
        assert_eq!(
            summary(&HashMap::from([(Kind::Email, 1)])).as_deref(),
            Some("1 finding (1 email)")
        );
        assert_eq!(summary(&HashMap::new()), None);
    }
}

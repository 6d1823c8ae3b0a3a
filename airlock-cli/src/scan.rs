//! `airlock scan`: masks PII and secrets in files or stdin, in bounded memory.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use airlock::sanitize::{Finding, Kind, Sanitizer, Strategy, UnknownKind};

use crate::Failure;

/// How much input is read at a time.
const READ_BUF: usize = 64 * 1024;

/// Exit status of `--check` when something was found.
const EXIT_FOUND: u8 = 1;

const EXAMPLES: &str = "\
Examples:
  airlock scan notes.txt > notes.masked.txt
  kubectl logs my-pod | airlock scan --strategy partial
  airlock scan --json --only email,credit_card export.csv
  git diff --cached | airlock scan --check --exclude ip_address";

/// The long help: the examples, then every kind `--only` and `--exclude` accept.
fn long_help() -> String {
    let kinds: Vec<&str> = Kind::BUILTIN.iter().map(Kind::name).collect();
    format!(
        "{EXAMPLES}\n\nKinds:\n  {}\n\n\
         Exit status: 0 on success, 1 when --check found something, 2 on a usage or I/O error.",
        kinds.join(", ")
    )
}

/// Masks PII and secrets in files or stdin and writes the masked text to stdout.
///
/// Input of any size is streamed in bounded memory, and bytes that are not UTF-8 pass
/// through unchanged. With several files, the masked texts are concatenated, like `cat`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES, after_long_help = long_help())]
pub(crate) struct ScanArgs {
    /// Files to scan; none, or `-`, reads stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Write one JSON object per finding per line instead of the masked text.
    ///
    /// Each line is {"kind", "category", "start", "end"}, with byte offsets into the input,
    /// in input order; with more than one FILE, a "file" key names the input, and offsets
    /// count from the start of that file.
    #[arg(long)]
    json: bool,

    /// How to mask: full, partial, type or hash [default: type].
    #[arg(long, value_name = "STRATEGY")]
    strategy: Option<Strategy>,

    /// Look only for these kinds (comma-separated, e.g. email,credit_card).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = parse_kind)]
    only: Option<Vec<Kind>>,

    /// Do not look for these kinds (comma-separated).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = parse_kind)]
    exclude: Vec<Kind>,

    /// Exit with status 1 if anything is found, with a summary on stderr.
    ///
    /// Writes nothing to stdout unless --json is given. For CI and git hooks.
    #[arg(long)]
    check: bool,
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
        (false, true) => Mode::Quiet,
    };
    let mut sink = Sink {
        writer: BufWriter::with_capacity(READ_BUF, io::stdout().lock()),
        mode,
        closed: false,
        scan_to_end: args.check,
        tally: HashMap::new(),
        line: Vec::new(),
    };
    let mut buf = vec![0u8; READ_BUF];

    for input in &inputs {
        let file = if labelled {
            Some(input.json_label()?)
        } else {
            None
        };
        let mut reader = input.open()?;
        scan(
            &sanitizer,
            &mut reader,
            input,
            file.as_deref(),
            &mut buf,
            &mut sink,
        )?;
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
            let _ = writeln!(io::stderr().lock(), "airlock: {line}");
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
    builder.build().map_err(Failure::new)
}

/// Streams one input through the sanitizer into the sink.
fn scan(
    sanitizer: &Sanitizer,
    reader: &mut dyn Read,
    input: &Input<'_>,
    file: Option<&str>,
    buf: &mut [u8],
    sink: &mut Sink<'_>,
) -> Result<(), Failure> {
    let mut stream = sanitizer.stream();
    let mut out = Vec::new();
    let mut findings = Vec::new();
    loop {
        let n = match reader.read(buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(input.read_error(&e)),
        };
        stream.push(&buf[..n], &mut out, &mut findings);
        sink.deliver(&mut out, &mut findings, file)?;
        if sink.stopped() {
            return Ok(());
        }
    }
    stream.finish(&mut out, &mut findings);
    sink.deliver(&mut out, &mut findings, file)
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
    /// Nothing (`--check` without `--json`).
    Quiet,
}

/// Writes output to stdout and counts findings.
struct Sink<'a> {
    writer: BufWriter<io::StdoutLock<'a>>,
    mode: Mode,
    /// Stdout was closed by its reader; nothing more is written.
    closed: bool,
    /// Keep scanning after stdout is closed (`--check`).
    scan_to_end: bool,
    tally: HashMap<Kind, usize>,
    /// Scratch space for JSON lines.
    line: Vec<u8>,
}

impl Sink<'_> {
    /// Whether the scan should stop: stdout was closed and nobody needs the exit status of a
    /// complete scan. With `--check`, the scan goes on to the end so that the exit status
    /// still says whether anything was found.
    fn stopped(&self) -> bool {
        self.closed && !self.scan_to_end
    }

    /// Writes (or drops) the output produced so far and counts its findings; empties both.
    fn deliver(
        &mut self,
        out: &mut Vec<u8>,
        findings: &mut Vec<Finding>,
        file: Option<&str>,
    ) -> Result<(), Failure> {
        for finding in findings.iter() {
            *self.tally.entry(finding.kind().clone()).or_insert(0) += 1;
        }
        match self.mode {
            Mode::Text => self.write(out)?,
            Mode::Json if !findings.is_empty() => {
                let mut line = std::mem::take(&mut self.line);
                line.clear();
                for finding in findings.iter() {
                    json_line(&mut line, file, finding)?;
                }
                let result = self.write(&line);
                self.line = line;
                result?;
            }
            Mode::Json | Mode::Quiet => {}
        }
        out.clear();
        findings.clear();
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

/// Appends one finding as a JSON line: `{"file":...,"kind":...,"category":...,"start":N,"end":N}`.
fn json_line(line: &mut Vec<u8>, file: Option<&str>, finding: &Finding) -> Result<(), Failure> {
    let kind = serde_json::to_string(finding.kind().name()).map_err(Failure::new)?;
    let category = finding.category().name();
    let (start, end) = (finding.start(), finding.end());
    let written = match file {
        Some(file) => writeln!(
            line,
            r#"{{"file":{file},"kind":{kind},"category":"{category}","start":{start},"end":{end}}}"#
        ),
        None => writeln!(
            line,
            r#"{{"kind":{kind},"category":"{category}","start":{start},"end":{end}}}"#
        ),
    };
    written.map_err(Failure::new)
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

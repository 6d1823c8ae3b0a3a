//! [`Sanitizer::sanitize_reader`]: a stream masked on every core, in bounded memory.
//!
//! The input is read in jobs of about `window.chunk` new bytes each, cut right after a line
//! break where there is one near, with the `left` bytes before them and at least the
//! `overlap` bytes after them, so that a job holds everything the pass over its new bytes
//! reads. Workers run the passes at once while the caller's thread reads ahead, and the
//! caller's thread takes the results in input order. A pass assumes that the one before it
//! ended where its own new bytes start; when that one ended elsewhere (a finding straddled
//! its end and was left whole for the next pass: cuts after line breaks make that rare),
//! the result is dropped and the pass is run again from where that one ended, on the
//! caller's thread, with the bytes it needs kept from the job before. Each pass is then one
//! that a [`StreamSanitizer`] could have run, and the output is the same: that of one scan
//! of the whole input.
//!
//! [`StreamSanitizer`]: super::StreamSanitizer

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Mutex, PoisonError};

use super::{CHUNK, LEFT_CONTEXT, OVERLAP, Span, Window, pass};
use crate::sanitize::parallel;
use crate::sanitize::{Finding, Sanitizer};

impl Window {
    /// The window of [`Sanitizer::sanitize_reader`]: jobs of 2 MiB, so that the look-ahead
    /// scanned twice is 3% of the work.
    pub(crate) const JOBS: Window = Window {
        chunk: 2 * CHUNK,
        overlap: OVERLAP,
        left: LEFT_CONTEXT,
    };
}

/// A piece of the output of [`Sanitizer::sanitize_reader`], handed over in input order.
///
/// The pieces' inputs, put end to end, are the whole input; their outputs, the whole masked
/// output. Every finding lies inside its piece's input.
///
/// ```
/// use airlock::sanitize::Sanitizer;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let input = b"mail ann@example.org\n";
/// let mut pieces = Vec::new();
/// Sanitizer::new().sanitize_reader(&input[..], |chunk| {
///     pieces.push((chunk.offset(), chunk.input().to_vec(), chunk.output().to_vec(), chunk.findings().to_vec()));
///     Ok::<(), std::io::Error>(())
/// })?;
/// let (offset, input, output, findings) = &pieces[0];
/// assert_eq!((*offset, &input[..]), (0, &b"mail ann@example.org\n"[..]));
/// assert_eq!(output, b"mail [EMAIL]\n");
/// assert_eq!(findings[0].span(), 5..20);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy)]
pub struct MaskedChunk<'a> {
    input: &'a [u8],
    output: &'a [u8],
    findings: &'a [Finding],
    offset: usize,
}

impl<'a> MaskedChunk<'a> {
    /// The input this piece masks, as read (secrets included).
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The masked output of [`input`](Self::input).
    pub fn output(&self) -> &'a [u8] {
        self.output
    }

    /// What was masked, in order, with spans into the whole input (not into this piece).
    pub fn findings(&self) -> &'a [Finding] {
        self.findings
    }

    /// The offset in the whole input of [`input`](Self::input)'s first byte.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

/// Never shows the input, which holds the secrets.
impl fmt::Debug for MaskedChunk<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MaskedChunk")
            .field("offset", &self.offset)
            .field("input_len", &self.input.len())
            .field("output_len", &self.output.len())
            .field("findings", &self.findings)
            .finish()
    }
}

/// Why [`Sanitizer::sanitize_reader`] stopped before the end of its input.
///
/// ```
/// use std::io;
/// use airlock::sanitize::{Sanitizer, StreamError};
///
/// /// A reader that fails.
/// struct Broken;
/// impl io::Read for Broken {
///     fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
///         Err(io::Error::other("disk on fire"))
///     }
/// }
///
/// let err = Sanitizer::new()
///     .sanitize_reader(Broken, |_| Ok::<(), io::Error>(()))
///     .unwrap_err();
/// assert!(matches!(err, StreamError::Read(_)));
/// assert_eq!(err.to_string(), "cannot read the input: disk on fire");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum StreamError<E> {
    /// The reader failed; the pieces before the failure were handed over.
    #[error("cannot read the input: {0}")]
    Read(#[source] io::Error),
    /// The sink returned this error; nothing was handed over after it.
    #[error("{0}")]
    Sink(E),
}

impl Sanitizer {
    /// Masks everything `reader` yields, in bounded memory, on every core once the input
    /// is larger than a few MiB, and hands the masked output to `sink` piece by piece, in
    /// input order, on the caller's thread.
    ///
    /// The output and findings are those of [`sanitize_bytes`](Sanitizer::sanitize_bytes)
    /// over the whole input, byte for byte, however many threads run, as long as no value
    /// crosses the end of a job (about 2 MiB of input, ending after a line break in its
    /// second half where there is one) by more than it can see: a value on one line of up
    /// to 1 MiB is always seen whole (its line ends in the job it starts in), and so is a
    /// value over several lines (a PEM block) of up to 2 MiB, which the next job is run
    /// again from. A longer value across a job's end may keep its head or tail visible;
    /// [`StreamSanitizer`](crate::sanitize::StreamSanitizer) waits for such a value's end
    /// (up to 32 MiB). The input is read in jobs of 2 MiB that worker threads mask while
    /// the caller's thread reads the next ones and hands over the finished ones.
    /// [`max_threads`](crate::sanitize::SanitizerBuilder::max_threads) bounds the workers
    /// (`NonZeroUsize::MIN` keeps everything on the caller's thread), and memory stays
    /// around 4 MiB per worker, plus 16 MiB. An input of one job never leaves the caller's
    /// thread.
    ///
    /// `sink` stops the whole thing by returning an error, which comes back as
    /// [`StreamError::Sink`].
    ///
    /// ```
    /// use std::io::Write;
    /// use airlock::sanitize::Sanitizer;
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let log = "GET /users/7 from 10.0.0.1 for ann@example.org\n".repeat(100_000);
    /// let mut masked = Vec::new();
    /// let mut findings = 0;
    /// Sanitizer::new().sanitize_reader(log.as_bytes(), |chunk| {
    ///     findings += chunk.findings().len();
    ///     masked.write_all(chunk.output())
    /// })?;
    /// assert_eq!(findings, 200_000);
    /// assert_eq!(masked, "GET /users/7 from [IP_ADDRESS] for [EMAIL]\n".repeat(100_000).as_bytes());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`StreamError::Read`] when `reader` fails (other than by being interrupted, which is
    /// retried), [`StreamError::Sink`] when `sink` does.
    pub fn sanitize_reader<R, E, F>(&self, reader: R, sink: F) -> Result<(), StreamError<E>>
    where
        R: Read,
        F: FnMut(MaskedChunk<'_>) -> Result<(), E>,
    {
        let threads = parallel::available(self.max_threads);
        run(self, reader, threads, Window::JOBS, sink)
    }
}

/// [`Sanitizer::sanitize_reader`] on up to `threads` worker threads, with jobs cut by
/// `window`.
pub(crate) fn run<R, E, F>(
    sanitizer: &Sanitizer,
    reader: R,
    threads: usize,
    window: Window,
    mut sink: F,
) -> Result<(), StreamError<E>>
where
    R: Read,
    F: FnMut(MaskedChunk<'_>) -> Result<(), E>,
{
    let mut jobs = Jobs::new(reader, window);
    let mut committer = Committer::new(window);
    let Some(first) = jobs.next().map_err(StreamError::Read)? else {
        return Ok(());
    };
    if threads <= 1 || first.last {
        return inline(sanitizer, &mut jobs, &mut committer, first, &mut sink);
    }
    // A few more jobs than workers, so that none waits while the caller's thread reads or
    // hands a piece over.
    let in_flight = threads + 1;
    let (tasks, queue) = mpsc::sync_channel::<Task>(in_flight);
    let queue = Mutex::new(queue);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // Dropped when this closure returns, however it returns: the workers then stop.
        let tasks = tasks;
        let _stop = StopOnDrop(&stop);
        let workers = (0..threads)
            .filter(|_| {
                std::thread::Builder::new()
                    .name("airlock-stream".into())
                    .spawn_scoped(scope, || work(sanitizer, &queue, &stop))
                    .is_ok()
            })
            .count();
        if workers == 0 {
            return inline(sanitizer, &mut jobs, &mut committer, first, &mut sink);
        }
        let mut pending: VecDeque<Receiver<(Job, Done)>> = VecDeque::with_capacity(in_flight);
        let mut spare: Vec<Done> = Vec::new();
        let mut next = Some(first);
        loop {
            while pending.len() < in_flight {
                let Some(job) = next.take() else { break };
                let last = job.last;
                let (reply, result) = mpsc::sync_channel(1);
                let done = spare.pop().unwrap_or_default();
                if tasks.send(Task { job, done, reply }).is_err() {
                    // Every worker is gone, which only a panic does: the scope re-raises it.
                    return Ok(());
                }
                pending.push_back(result);
                if !last {
                    next = jobs.next().map_err(StreamError::Read)?;
                }
            }
            let Some(result) = pending.pop_front() else {
                return Ok(());
            };
            let Ok((job, done)) = result.recv() else {
                // The worker on this job panicked: the scope re-raises its panic.
                return Ok(());
            };
            committer
                .commit(sanitizer, &job, Some(&done), &mut sink)
                .map_err(StreamError::Sink)?;
            jobs.recycle(job.buf);
            spare.push(done);
        }
    })
}

/// Every job on the caller's thread, each pass starting where the one before ended.
fn inline<R, E, F>(
    sanitizer: &Sanitizer,
    jobs: &mut Jobs<R>,
    committer: &mut Committer,
    first: Job,
    sink: &mut F,
) -> Result<(), StreamError<E>>
where
    R: Read,
    F: FnMut(MaskedChunk<'_>) -> Result<(), E>,
{
    let mut next = Some(first);
    while let Some(job) = next {
        committer
            .commit(sanitizer, &job, None, sink)
            .map_err(StreamError::Sink)?;
        next = if job.last {
            None
        } else {
            jobs.next().map_err(StreamError::Read)?
        };
        jobs.recycle(job.buf);
    }
    Ok(())
}

/// Sets the flag when dropped.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// A worker: runs the pass of each job it takes until there are none, or the caller stops.
fn work(sanitizer: &Sanitizer, queue: &Mutex<Receiver<Task>>, stop: &AtomicBool) {
    loop {
        let task = match queue.lock().unwrap_or_else(PoisonError::into_inner).recv() {
            Ok(task) => task,
            Err(_) => return,
        };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let Task {
            job,
            mut done,
            reply,
        } = task;
        done.out.clear();
        done.findings.clear();
        let span = job.span();
        let boundary = pass(sanitizer, span, 1, &mut done.out, &mut done.findings);
        done.boundary = job.base + boundary;
        // The caller may have stopped; then nobody wants the result.
        let _ = reply.send((job, done));
    }
}

/// A job for a worker, and where to send it back with its result.
struct Task {
    job: Job,
    done: Done,
    reply: SyncSender<(Job, Done)>,
}

/// Bytes `base..base + buf.len()` of the input, whose pass emits from `start` to `end`
/// (offsets in the input) and reads the rest as look-ahead.
struct Job {
    buf: Vec<u8>,
    base: usize,
    start: usize,
    /// Where the next job starts; the end of the input for the last job.
    end: usize,
    /// Whether the input ends with `buf`.
    last: bool,
}

impl Job {
    /// The pass of this job, assuming the one before ended at `start`.
    fn span(&self) -> Span<'_> {
        Span {
            bytes: &self.buf,
            base: self.base,
            emitted: self.start - self.base,
            end: self.end - self.base,
            may_wait: false,
        }
    }
}

/// The result of a job's pass: its masked output, its findings, and the offset in the input
/// where it ended.
#[derive(Default)]
struct Done {
    out: Vec<u8>,
    findings: Vec<Finding>,
    boundary: usize,
}

/// Reads the input into jobs, one job ahead, so that it knows which job is the last.
struct Jobs<R> {
    reader: R,
    window: Window,
    /// The job after the one handed out last, already read.
    ahead: Option<Job>,
    started: bool,
    /// Buffers of jobs done with, to read into again.
    free: Vec<Vec<u8>>,
}

impl<R: Read> Jobs<R> {
    fn new(reader: R, window: Window) -> Self {
        Jobs {
            reader,
            window,
            ahead: None,
            started: false,
            free: Vec::new(),
        }
    }

    /// The next job; `None` once the last was handed out, or for an empty input.
    fn next(&mut self) -> io::Result<Option<Job>> {
        let Window {
            chunk,
            overlap,
            left,
        } = self.window;
        if !self.started {
            self.started = true;
            let mut buf = self.buffer();
            let ended = self.fill(&mut buf, chunk + overlap)?;
            if buf.is_empty() {
                return Ok(None);
            }
            let end = buf.len();
            self.ahead = Some(Job {
                buf,
                base: 0,
                start: 0,
                end,
                last: ended,
            });
        }
        let Some(mut job) = self.ahead.take() else {
            return Ok(None);
        };
        if job.last {
            job.end = job.base + job.buf.len();
            return Ok(Some(job));
        }
        // The buffer is full: `chunk` bytes from `start`, then the look-ahead. The job ends
        // right after the last line break of its second half, if there is one: a value on
        // one line that starts in the job then ends in it too, however long it is (see
        // `line_end`), and the next job starts at the beginning of a line.
        let nominal = job.start + chunk;
        let stretch = chunk / 2;
        let from = nominal - stretch - job.base;
        job.end = memchr::memrchr(b'\n', &job.buf[from..nominal - job.base])
            .map_or(nominal, |at| job.base + from + at + 1);
        // The next job starts there, with the context before it and this one's look-ahead.
        let start = job.end;
        let base = start - left.min(start);
        let mut buf = self.buffer();
        buf.extend_from_slice(&job.buf[base - job.base..]);
        let kept = buf.len();
        let ended = self.fill(&mut buf, start + chunk + overlap - base)?;
        if buf.len() == kept {
            // Nothing follows this job's look-ahead: it is the last, and ends the input.
            job.last = true;
            job.end = job.base + job.buf.len();
            self.recycle(buf);
        } else {
            let end = base + buf.len();
            self.ahead = Some(Job {
                buf,
                base,
                start,
                end,
                last: ended,
            });
        }
        Ok(Some(job))
    }

    /// Reads into `buf` until it holds `len` bytes or the input ends; returns whether it
    /// ended (`false` when it may have ended right at `len`).
    fn fill(&mut self, buf: &mut Vec<u8>, len: usize) -> io::Result<bool> {
        let want = len.saturating_sub(buf.len());
        buf.reserve_exact(want);
        // `read_to_end` retries on `Interrupted`; `take` stops it at `len`.
        (&mut self.reader).take(want as u64).read_to_end(buf)?;
        Ok(buf.len() < len)
    }

    /// An empty buffer with room for a job.
    fn buffer(&mut self) -> Vec<u8> {
        let mut buf = self.free.pop().unwrap_or_default();
        buf.clear();
        let Window {
            chunk,
            overlap,
            left,
        } = self.window;
        buf.reserve_exact(left + chunk + overlap);
        buf
    }

    fn recycle(&mut self, buf: Vec<u8>) {
        self.free.push(buf);
    }
}

/// Hands the results over in order, running again a pass whose assumed start was wrong.
struct Committer {
    window: Window,
    /// The offset in the input up to which output was handed over.
    position: usize,
    carry: Carry,
    /// Scratch: the carry followed by a job's bytes.
    joined: Vec<u8>,
    /// Scratch: the output and findings of a pass run again.
    out: Vec<u8>,
    findings: Vec<Finding>,
}

impl Committer {
    fn new(window: Window) -> Self {
        Committer {
            window,
            position: 0,
            carry: Carry::default(),
            joined: Vec::new(),
            out: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// Hands over `job`'s output: `done` when its pass started at `position`, else that
    /// of a pass run now from `position`.
    fn commit<E, F>(
        &mut self,
        sanitizer: &Sanitizer,
        job: &Job,
        done: Option<&Done>,
        sink: &mut F,
    ) -> Result<(), E>
    where
        F: FnMut(MaskedChunk<'_>) -> Result<(), E>,
    {
        let Committer {
            window,
            position,
            carry,
            joined,
            out,
            findings,
        } = self;
        let end = job.end;
        // Where the next job starts, if there is one.
        let next = (!job.last).then_some(end);
        if let Some(done) = done.filter(|_| job.start == *position) {
            let input = &job.buf[job.start - job.base..done.boundary - job.base];
            deliver(sink, input, &done.out, &done.findings, job.start)?;
            *position = done.boundary;
            carry.keep(window, *position, next, &job.buf, job.base);
            return Ok(());
        }
        if *position >= end {
            // The pass before emitted past this job's last byte.
            return Ok(());
        }
        let (bytes, base): (&[u8], usize) = if *position >= job.start {
            let from = *position - window.left.min(*position);
            (&job.buf[from - job.base..], from)
        } else {
            // The pass before ended early, and kept the bytes from there to this job.
            joined.clear();
            joined.extend_from_slice(&carry.bytes);
            joined.extend_from_slice(&job.buf);
            (joined, carry.base)
        };
        let span = Span {
            bytes,
            base,
            emitted: *position - base,
            end: end - base,
            may_wait: false,
        };
        out.clear();
        findings.clear();
        let boundary = pass(sanitizer, span, 1, out, findings);
        deliver(
            sink,
            &bytes[span.emitted..boundary],
            out,
            findings,
            *position,
        )?;
        *position = base + boundary;
        carry.keep(window, *position, next, bytes, base);
        Ok(())
    }
}

/// The input a pass from `position` needs that the next job does not hold, when the pass
/// before it ended early: from the context before `position` to the next job's first byte.
#[derive(Default)]
struct Carry {
    bytes: Vec<u8>,
    /// The offset in the input of `bytes[0]`.
    base: usize,
}

impl Carry {
    /// After a pass over `bytes` (the input from `base`) ended at `position`, keeps what a
    /// pass from there needs before the job that starts at `next` (none after the last).
    fn keep(
        &mut self,
        window: &Window,
        position: usize,
        next: Option<usize>,
        bytes: &[u8],
        base: usize,
    ) {
        self.bytes.clear();
        let Some(next) = next.filter(|&next| position < next) else {
            return;
        };
        let from = position - window.left.min(position);
        let next_base = next - window.left.min(next);
        self.bytes
            .extend_from_slice(&bytes[from - base..next_base - base]);
        self.base = from;
    }
}

/// Calls `sink` with a piece, unless it is empty.
fn deliver<E, F>(
    sink: &mut F,
    input: &[u8],
    output: &[u8],
    findings: &[Finding],
    offset: usize,
) -> Result<(), E>
where
    F: FnMut(MaskedChunk<'_>) -> Result<(), E>,
{
    if input.is_empty() {
        return Ok(());
    }
    sink(MaskedChunk {
        input,
        output,
        findings,
        offset,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::sanitize::samples;

    /// A reader that hands out its bytes in reads of the given sizes, in turn.
    struct Trickle<'a> {
        bytes: &'a [u8],
        sizes: Vec<usize>,
        turn: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()];
            self.turn += 1;
            let n = size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    /// The output, findings and pieces' inputs of `run`.
    fn masked(
        s: &Sanitizer,
        reader: impl Read,
        threads: usize,
        window: Window,
    ) -> (Vec<u8>, Vec<Finding>, Vec<u8>) {
        let (mut out, mut found, mut input) = (Vec::new(), Vec::new(), Vec::new());
        let result = run(s, reader, threads, window, |chunk| {
            assert_eq!(chunk.offset(), input.len());
            assert!(chunk.findings().iter().all(
                |f| f.start >= chunk.offset() && f.end <= chunk.offset() + chunk.input().len()
            ));
            out.extend_from_slice(chunk.output());
            found.extend_from_slice(chunk.findings());
            input.extend_from_slice(chunk.input());
            Ok::<(), ()>(())
        });
        assert!(result.is_ok());
        (out, found, input)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// However small the jobs, however many workers and however the reads come, the
        /// output and findings are those of one pass over the whole input, and the pieces'
        /// inputs are the input.
        #[test]
        fn jobs_on_threads_equal_whole(
            picks in proptest::collection::vec((0..samples::PIECES.len(), 0..3usize), 0..120),
            sizes in proptest::collection::vec(1usize..300, 1..8),
            chunk in 1usize..300,
            threads in 1usize..5,
        ) {
            // Pieces are joined by a separator so that no match (an unquoted value runs to
            // the next space) grows past the test window's overlap.
            let seps = [" ", "\n", "\t"];
            let input: String = picks.iter().map(|&(i, sep)| format!("{}{}", samples::PIECES[i], seps[sep])).collect();
            let s = Sanitizer::builder().literal_secret("correct-horse-battery").build().unwrap();
            let whole = s.sanitize_bytes(input.as_bytes());
            let reader = Trickle { bytes: input.as_bytes(), sizes, turn: 0 };
            let window = Window { chunk, overlap: 128, left: 96 };
            let (out, found, seen) = masked(&s, reader, threads, window);
            prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&whole.bytes));
            prop_assert_eq!(found, whole.findings);
            prop_assert_eq!(seen, input.as_bytes());
        }
    }

    #[test]
    fn a_secret_across_every_job_border_is_masked_whole() {
        let token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
        let window = Window {
            chunk: 256,
            overlap: 128,
            left: 96,
        };
        // A token across each job's end, at every offset into it in turn.
        let mut input = String::new();
        for i in 0..40 {
            let border = (i + 1) * window.chunk;
            let pad = border - (i % token.len()) - 1 - input.len();
            input.push_str(&"x".repeat(pad));
            input.push(' ');
            input.push_str(token);
            input.push(' ');
        }
        let s = Sanitizer::new();
        let whole = s.sanitize_bytes(input.as_bytes());
        assert_eq!(whole.findings.len(), 40);
        for threads in [1, 2, 4] {
            let (out, found, _) = masked(&s, input.as_bytes(), threads, window);
            assert_eq!(found, whole.findings, "{threads} threads");
            assert_eq!(out, &whole.bytes[..]);
            assert!(!String::from_utf8_lossy(&out).contains("ghp_0"));
        }
    }

    #[test]
    fn the_default_jobs_split_a_large_input_and_find_what_one_scan_finds() {
        let line = "{\"user\": \"ann@example.org\", \"ip\": \"10.0.0.1\", \"key\": \"AKIAIOSFODNN7EXAMPLE\"}\n";
        let input = line.repeat((5 * Window::JOBS.chunk).div_ceil(line.len()));
        let s = Sanitizer::new();
        let whole = s.sanitize_bytes(input.as_bytes());
        let mut pieces = 0;
        let mut out = Vec::new();
        let result = run(&s, input.as_bytes(), 3, Window::JOBS, |chunk| {
            pieces += 1;
            out.extend_from_slice(chunk.output());
            Ok::<(), ()>(())
        });
        assert!(result.is_ok());
        assert!(pieces >= 5, "{pieces}");
        assert_eq!(out, &whole.bytes[..]);
    }

    #[test]
    fn jobs_end_right_after_a_line_break_near_their_nominal_end() {
        let window = Window {
            chunk: 100,
            overlap: 30,
            left: 8,
        };
        // Lines of 32 bytes, then 300 bytes without a break, then lines again.
        let mut input = "abcdefghijklmnopqrstuvwxyz01234\n".repeat(9);
        input.push_str(&"y".repeat(300));
        input.push_str(&"abcdefghijklmnopqrstuvwxyz01234\n".repeat(9));
        let mut jobs = Jobs::new(input.as_bytes(), window);
        let mut ends = Vec::new();
        let mut start = 0;
        while let Some(job) = jobs.next().unwrap() {
            assert_eq!(job.start, start);
            assert_eq!(
                &job.buf[..],
                &input.as_bytes()[job.base..job.base + job.buf.len()]
            );
            assert_eq!(job.base, start.saturating_sub(window.left));
            assert!(job.last || job.base + job.buf.len() >= job.end + window.overlap);
            ends.push(job.end);
            start = job.end;
        }
        // After a break within the last half of each chunk, else at the nominal end.
        assert_eq!(ends, [96, 192, 288, 388, 488, 588, 684, 780, 876]);
        let after_break = |end: usize| input.as_bytes()[end - 1] == b'\n';
        assert!(
            ends[..3]
                .iter()
                .chain(&ends[6..8])
                .all(|&end| after_break(end))
        );
        assert!(!ends[3..6].iter().any(|&end| after_break(end)));
    }

    #[test]
    fn empty_input_hands_over_nothing() {
        let (out, found, seen) = masked(&Sanitizer::new(), &b""[..], 4, Window::JOBS);
        assert!(out.is_empty() && found.is_empty() && seen.is_empty());
    }

    #[test]
    fn a_read_error_stops_after_the_pieces_before_it() {
        /// Yields `ok` bytes, then fails.
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("gone"));
                }
                let n = self.0.min(buf.len());
                buf[..n].fill(b'a');
                self.0 -= n;
                Ok(n)
            }
        }
        let window = Window {
            chunk: 100,
            overlap: 10,
            left: 5,
        };
        for threads in [1, 3] {
            let mut handed = 0;
            let result = run(&Sanitizer::new(), Failing(1000), threads, window, |chunk| {
                handed += chunk.input().len();
                Ok::<(), ()>(())
            });
            assert!(matches!(result, Err(StreamError::Read(ref e)) if e.to_string() == "gone"));
            assert!(handed > 0 && handed < 1000, "{handed}");
        }
    }

    #[test]
    fn a_sink_error_stops_everything() {
        let input = "ann@example.org\n".repeat(1000);
        let window = Window {
            chunk: 100,
            overlap: 20,
            left: 10,
        };
        for threads in [1, 4] {
            let mut calls = 0;
            let result = run(&Sanitizer::new(), input.as_bytes(), threads, window, |_| {
                calls += 1;
                if calls == 3 { Err("enough") } else { Ok(()) }
            });
            assert!(matches!(result, Err(StreamError::Sink("enough"))));
            assert_eq!(calls, 3);
        }
    }

    #[test]
    fn debug_never_shows_the_input() {
        let chunk = MaskedChunk {
            input: b"hunter2-secret",
            output: b"[PASSWORD]",
            findings: &[],
            offset: 0,
        };
        let debug = format!("{chunk:?}");
        assert!(
            !debug.contains("hunter2") && debug.contains("input_len: 14"),
            "{debug}"
        );
    }
}

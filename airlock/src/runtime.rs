//! The runtime a guarded call consults: the global policy, the sanitizer, the output budget,
//! and how unknown arguments are treated; and how it and the caller reach a call.
//!
//! Resolution works like `tracing`'s dispatcher: the runtime and caller scoped for the current
//! call (by [`Toolbox::call`](crate::Toolbox::call), a framework adapter or
//! [`Airlock::scope`]), else the runtime set with [`install`] and an anonymous caller, else a
//! default runtime: permissive global policy (the tool's own policy still applies), default
//! masking, no output budget.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::arguments::GhostArguments;
use crate::policy::{Clock, Engine, PERMISSIVE, Policy, PolicyError};
use crate::sanitize::Sanitizer;

/// The runtime: global policy, sanitizer, output budget and ghost-argument mode.
///
/// ```
/// use airlock::policy::READ_ONLY;
/// use airlock::{Airlock, GhostArguments};
///
/// let runtime = Airlock::builder()
///     .policy(READ_ONLY)
///     .max_output(16_000)
///     .ghost_arguments(GhostArguments::Reject)
///     .build();
/// assert_eq!(runtime.policy().name, "READ_ONLY");
/// assert_eq!(runtime.max_output(), Some(16_000));
/// ```
#[derive(Debug)]
pub struct Airlock {
    engine: Engine,
    sanitizer: Sanitizer,
    masking: bool,
    max_output: Option<usize>,
    ghosts: GhostArguments,
    /// Whether calls have been scoped to this runtime: while such a runtime lives, a guarded
    /// call made outside every scope fails closed (see [`crate::scope`]).
    scoped: AtomicBool,
}

/// Configures an [`Airlock`].
#[derive(Debug, Default)]
pub struct AirlockBuilder {
    policy: Option<Policy>,
    env_overrides: Vec<(String, String)>,
    clock: Option<Clock>,
    sanitizer: Option<Sanitizer>,
    masking: Option<bool>,
    max_output: Option<usize>,
    ghosts: GhostArguments,
}

impl AirlockBuilder {
    /// The global policy, combined (deny-overrides) with every tool's own. Default:
    /// [`PERMISSIVE`].
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = Some(policy);
        self
    }

    /// Loads the global policy from a TOML file (see [`Policy::from_toml_str`] for the
    /// format). Settings made after this in code ([`AirlockBuilder::map_policy`]) override
    /// the file's; environment overrides ([`AirlockBuilder::env_overrides`]) override both.
    ///
    /// # Errors
    /// The file cannot be read, or is not a valid policy: the error names the file, line
    /// and column, and what was expected. Nothing is deferred to the first call.
    pub fn policy_file(mut self, path: impl AsRef<std::path::Path>) -> Result<Self, PolicyError> {
        self.policy = Some(Policy::from_toml_file(path)?);
        Ok(self)
    }

    /// Changes the global policy as it stands (the file's, or [`PERMISSIVE`]) in code.
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let file = Policy::from_toml_str("max_access = \"delete\"").unwrap();
    /// let runtime = Airlock::builder()
    ///     .policy(file)
    ///     .map_policy(|p| p.with_max_access(Access::Write))
    ///     .build();
    /// assert_eq!(runtime.policy().max_access, Access::Write);
    /// ```
    #[must_use]
    pub fn map_policy(mut self, change: impl FnOnce(Policy) -> Policy) -> Self {
        self.policy = Some(change(self.policy.unwrap_or(PERMISSIVE)));
        self
    }

    /// Reads the `AIRLOCK_POLICY_*` environment variables now and applies them to the global policy
    /// when the runtime is built, over whatever the file and code set (see
    /// [`Policy::with_env_overrides`] for the variables).
    ///
    /// # Errors
    /// A variable has a value that is not valid for its key; its name is in the error.
    pub fn env_overrides(self) -> Result<Self, PolicyError> {
        self.env_overrides_from(std::env::vars())
    }

    /// [`AirlockBuilder::env_overrides`] from the given variables instead of the process's
    /// environment.
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::Access;
    ///
    /// let runtime = Airlock::builder()
    ///     .env_overrides_from([("AIRLOCK_POLICY_MAX_ACCESS".to_owned(), "read".to_owned())])?
    ///     .map_policy(|p| p.with_max_access(Access::Execute))
    ///     .build();
    /// // The environment wins over code, whatever the order of the calls.
    /// assert_eq!(runtime.policy().max_access, Access::Read);
    /// # Ok::<(), airlock::policy::PolicyError>(())
    /// ```
    ///
    /// # Errors
    /// As [`AirlockBuilder::env_overrides`].
    pub fn env_overrides_from(
        mut self,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, PolicyError> {
        let vars: Vec<(String, String)> = vars
            .into_iter()
            .filter(|(key, _)| key.starts_with("AIRLOCK_POLICY_"))
            .collect();
        // Checked now, so a bad value fails here and not at `build`.
        PERMISSIVE.with_env_overrides(vars.iter().cloned())?;
        self.env_overrides = vars;
        Ok(self)
    }

    /// The clock time windows and rate limits read. Default: [`Clock::system`]; tests use a
    /// [`ManualClock`](crate::policy::ManualClock).
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// The sanitizer for outputs. Default: [`Sanitizer::new`].
    #[must_use]
    pub fn sanitizer(mut self, sanitizer: Sanitizer) -> Self {
        self.sanitizer = Some(sanitizer);
        self
    }

    /// Turns output masking off for every tool (it is on by default). A tool's own `mask`
    /// setting cannot turn it back on.
    #[must_use]
    pub fn masking(mut self, on: bool) -> Self {
        self.masking = Some(on);
        self
    }

    /// The most characters of output a tool may return (a tool's own `max_output` can only
    /// lower it). Must leave room for the truncation marker: values below 64 are raised to 64.
    #[must_use]
    pub fn max_output(mut self, chars: usize) -> Self {
        self.max_output = Some(chars.max(crate::sanitize::MIN_BUDGET));
        self
    }

    /// What to do with undeclared arguments at the JSON boundary.
    #[must_use]
    pub fn ghost_arguments(mut self, mode: GhostArguments) -> Self {
        self.ghosts = mode;
        self
    }

    /// The runtime.
    pub fn build(self) -> Airlock {
        let policy = self.policy.unwrap_or(PERMISSIVE);
        // The overrides were checked when they were read; applying them cannot fail now, and
        // if it somehow did the stricter of the two policies is kept.
        let policy = match policy.clone().with_env_overrides(self.env_overrides) {
            Ok(overridden) => overridden,
            Err(_) => policy,
        };
        Airlock {
            engine: Engine::with_clock(policy, self.clock.unwrap_or_default()),
            sanitizer: self.sanitizer.unwrap_or_default(),
            masking: self.masking.unwrap_or(true),
            max_output: self.max_output,
            ghosts: self.ghosts,
            scoped: AtomicBool::new(false),
        }
    }
}

impl Drop for Airlock {
    fn drop(&mut self) {
        if *self.scoped.get_mut() {
            SCOPED_RUNTIMES.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// Runtimes that calls have been scoped to and that are still alive.
static SCOPED_RUNTIMES: AtomicUsize = AtomicUsize::new(0);

/// Whether a runtime that calls have been scoped to is alive: a call outside every scope then
/// fails closed (see [`crate::scope`]).
pub(crate) fn scoped_runtime_alive() -> bool {
    SCOPED_RUNTIMES.load(Ordering::Relaxed) > 0
}

impl Default for Airlock {
    fn default() -> Self {
        Airlock::builder().build()
    }
}

impl Airlock {
    /// Starts configuring a runtime.
    pub fn builder() -> AirlockBuilder {
        AirlockBuilder::default()
    }

    /// The global policy.
    pub fn policy(&self) -> &Policy {
        self.engine.policy()
    }

    /// The global policy's engine: its decisions, rate limits and clock.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The output sanitizer.
    pub fn sanitizer(&self) -> &Sanitizer {
        &self.sanitizer
    }

    /// Whether outputs are masked.
    pub fn masking(&self) -> bool {
        self.masking
    }

    /// The output budget in characters, if any.
    pub fn max_output(&self) -> Option<usize> {
        self.max_output
    }

    /// The ghost-argument mode.
    pub fn ghost_arguments(&self) -> GhostArguments {
        self.ghosts
    }

    /// Marks this runtime as one calls are scoped to: while it lives, a call outside every
    /// scope fails closed.
    pub(crate) fn mark_scoped(&self) {
        if !self.scoped.swap(true, Ordering::Relaxed) {
            SCOPED_RUNTIMES.fetch_add(1, Ordering::Relaxed);
        }
    }
}

static INSTALLED: OnceLock<Arc<Airlock>> = OnceLock::new();
static DEFAULT: OnceLock<Arc<Airlock>> = OnceLock::new();

/// Returned by [`install`] when a runtime is already installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an Airlock runtime is already installed; install one once, at start-up")]
pub struct AlreadyInstalled;

/// Installs the process-wide runtime consulted by guarded calls made outside any scope.
///
/// # Errors
/// [`AlreadyInstalled`] if one was installed before: the first stays.
///
/// ```
/// use airlock::Airlock;
/// use airlock::policy::READ_ONLY;
///
/// airlock::install(Airlock::builder().policy(READ_ONLY).build())?;
/// assert!(airlock::install(Airlock::default()).is_err());
/// # Ok::<(), airlock::AlreadyInstalled>(())
/// ```
pub fn install(runtime: Airlock) -> Result<(), AlreadyInstalled> {
    INSTALLED
        .set(Arc::new(runtime))
        .map_err(|_| AlreadyInstalled)
}

/// The installed runtime, if any.
pub(crate) fn installed() -> Option<&'static Arc<Airlock>> {
    INSTALLED.get()
}

/// The runtime outside any scope: the installed one, else the default.
pub(crate) fn global() -> &'static Arc<Airlock> {
    INSTALLED
        .get()
        .unwrap_or_else(|| DEFAULT.get_or_init(|| Arc::new(Airlock::default())))
}

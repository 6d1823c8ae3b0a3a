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

/// Configures an [`Airlock`]; made by [`Airlock::builder`], finished by
/// [`AirlockBuilder::build`].
///
/// Every setting has a default, so `Airlock::builder().build()` is the same as
/// [`Airlock::default`]: the [`PERMISSIVE`] global policy, the system clock, the default
/// sanitizer with masking on, no output budget, and undeclared arguments stripped.
///
/// ```
/// use airlock::policy::{Access, READ_ONLY};
/// use airlock::{Airlock, GhostArguments};
///
/// let runtime = Airlock::builder()
///     .policy(READ_ONLY)
///     .max_output(8_000)
///     .ghost_arguments(GhostArguments::Reject)
///     .build();
/// assert_eq!(runtime.policy().max_access, Access::Read);
/// assert_eq!(runtime.max_output(), Some(8_000));
/// assert!(runtime.masking());
/// ```
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
    /// Sets the global policy, combined (deny-overrides) with every tool's own: a call runs
    /// only if both allow it. Replaces a policy set before (by this method or
    /// [`AirlockBuilder::policy_file`]). Default: [`PERMISSIVE`].
    ///
    /// ```
    /// use airlock::policy::{Access, READ_ONLY};
    /// use airlock::{Airlock, Caller};
    ///
    /// let runtime = Airlock::builder().policy(READ_ONLY).build();
    /// let agent = Caller::new("agent");
    /// assert!(runtime.engine().check("list_files", Access::Read, &agent).is_allowed());
    /// assert!(!runtime.engine().check("delete_file", Access::Delete, &agent).is_allowed());
    /// ```
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = Some(policy);
        self
    }

    /// Loads the global policy from a TOML file (see [`Policy::from_toml_str`] for the
    /// format), replacing a policy set before. Settings made after this in code
    /// ([`AirlockBuilder::map_policy`]) override the file's; environment overrides
    /// ([`AirlockBuilder::env_overrides`]) override both. The policy's decisions name the
    /// file.
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::Access;
    ///
    /// let path = std::env::temp_dir().join(format!("airlock-doc-{}.toml", std::process::id()));
    /// std::fs::write(&path, "name = \"ops\"\nmax_access = \"write\"\n")?;
    /// let runtime = Airlock::builder().policy_file(&path)?.build();
    /// std::fs::remove_file(&path)?;
    /// assert_eq!(runtime.policy().name, "ops");
    /// assert_eq!(runtime.policy().max_access, Access::Write);
    ///
    /// // A missing file is an error here, not at the first call.
    /// assert!(Airlock::builder().policy_file(&path).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The file cannot be read, or is not a valid policy: the error names the file, line
    /// and column, and what was expected. Nothing is deferred to the first call.
    pub fn policy_file(mut self, path: impl AsRef<std::path::Path>) -> Result<Self, PolicyError> {
        self.policy = Some(Policy::from_toml_file(path)?);
        Ok(self)
    }

    /// Changes the global policy as it stands (the one set before, or [`PERMISSIVE`]) with
    /// `change`, in code.
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::{Access, Policy};
    ///
    /// let file = Policy::from_toml_str("max_access = \"delete\"")?;
    /// let runtime = Airlock::builder()
    ///     .policy(file)
    ///     .map_policy(|p| p.with_max_access(Access::Write))
    ///     .build();
    /// assert_eq!(runtime.policy().max_access, Access::Write);
    /// # Ok::<(), airlock::policy::PolicyError>(())
    /// ```
    #[must_use]
    pub fn map_policy(mut self, change: impl FnOnce(Policy) -> Policy) -> Self {
        self.policy = Some(change(self.policy.unwrap_or(PERMISSIVE)));
        self
    }

    /// Reads the `AIRLOCK_POLICY_*` environment variables now and applies them to the global
    /// policy when the runtime is built, over whatever the file and code set, whatever the
    /// order of the calls (see [`Policy::with_env_overrides`] for the variables). With none
    /// set, the policy is unchanged. Replaces the variables of an earlier call.
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::READ_ONLY;
    ///
    /// let runtime = Airlock::builder().policy(READ_ONLY).env_overrides()?.build();
    /// if std::env::vars().all(|(key, _)| !key.starts_with("AIRLOCK_POLICY_")) {
    ///     assert_eq!(*runtime.policy(), READ_ONLY);
    /// }
    /// # Ok::<(), airlock::policy::PolicyError>(())
    /// ```
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

    /// Sets the clock the global policy's time windows and rate limits read. Default:
    /// [`Clock::system`]; tests use a [`ManualClock`](crate::policy::ManualClock).
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::{Clock, ManualClock};
    ///
    /// let clock = ManualClock::new("2026-11-23T09:00:00Z".parse()?);
    /// let runtime = Airlock::builder().clock(Clock::from(clock.clone())).build();
    /// assert_eq!(runtime.engine().clock().now(), clock.now());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Sets the sanitizer that masks every tool's output and errors (a tool's `mask` can
    /// only narrow it). Default: [`Sanitizer::new`].
    ///
    /// ```
    /// use airlock::{Airlock, Sanitizer};
    ///
    /// let sanitizer = Sanitizer::builder().literal_secret("tr0ub4dor-3").build()?;
    /// let runtime = Airlock::builder().sanitizer(sanitizer).build();
    /// let out = runtime.sanitizer().sanitize("password: tr0ub4dor-3");
    /// assert!(!out.text.contains("tr0ub4dor-3"));
    /// # Ok::<(), airlock::sanitize::BuildError>(())
    /// ```
    #[must_use]
    pub fn sanitizer(mut self, sanitizer: Sanitizer) -> Self {
        self.sanitizer = Some(sanitizer);
        self
    }

    /// Turns output masking on or off for every tool (it is on by default). With it off, a
    /// tool's own `mask` setting cannot turn it back on, and results reach the model as the
    /// tool returned them (still cut to the budget).
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{Airlock, Caller, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Empty {}
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let mut tools = Toolbox::with_runtime(Airlock::builder().masking(false).build());
    /// assert!(!tools.runtime().masking());
    /// tools.tool("owner", "The owner's address.", Access::Read, |_: Empty| {
    ///     Ok::<_, std::fmt::Error>("ann@example.org")
    /// })?;
    /// let response = tools.call("owner", json!({}), &Caller::anonymous()).await;
    /// assert_eq!(response.outcome, Ok(json!("ann@example.org")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn masking(mut self, on: bool) -> Self {
        self.masking = Some(on);
        self
    }

    /// Sets the most characters of output a tool may return; longer output is cut, with a
    /// marker saying how much was cut (a tool's own `max_output` can only lower it). Values
    /// below 64 are raised to 64, to leave room for the marker. Default: no budget.
    ///
    /// ```
    /// use airlock::Airlock;
    ///
    /// assert_eq!(Airlock::builder().max_output(16_000).build().max_output(), Some(16_000));
    /// assert_eq!(Airlock::builder().max_output(10).build().max_output(), Some(64));
    /// assert_eq!(Airlock::default().max_output(), None);
    /// ```
    #[must_use]
    pub fn max_output(mut self, chars: usize) -> Self {
        self.max_output = Some(chars.max(crate::sanitize::MIN_BUDGET));
        self
    }

    /// Sets what to do with arguments a tool does not declare, at the JSON boundary
    /// ([`Toolbox::call`](crate::Toolbox::call)). Default: [`GhostArguments::Strip`].
    ///
    /// ```
    /// use airlock::policy::Access;
    /// use airlock::{Airlock, Caller, GhostArguments, Toolbox};
    /// use serde_json::json;
    ///
    /// #[derive(serde::Deserialize, schemars::JsonSchema)]
    /// struct Lookup {
    ///     id: u32,
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
    /// let strict = Airlock::builder().ghost_arguments(GhostArguments::Reject).build();
    /// let mut tools = Toolbox::with_runtime(strict);
    /// tools.tool("lookup", "Finds a record.", Access::Read, |args: Lookup| {
    ///     Ok::<_, std::fmt::Error>(args.id)
    /// })?;
    /// let response = tools.call("lookup", json!({"id": 7, "verbose": true}), &Caller::anonymous()).await;
    /// let error = response.error().ok_or("the call should have been refused")?;
    /// assert_eq!(error.kind(), "invalid_arguments");
    /// assert_eq!(error.problems()[0].path, "/verbose");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn ghost_arguments(mut self, mode: GhostArguments) -> Self {
        self.ghosts = mode;
        self
    }

    /// Builds the runtime. Never fails: every setting was checked when it was made
    /// ([`AirlockBuilder::policy_file`] and [`AirlockBuilder::env_overrides`] return their
    /// errors then).
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::STRICT;
    ///
    /// let runtime = Airlock::builder().policy(STRICT.clone().allow("search_*")).build();
    /// assert_eq!(runtime.policy().name, "STRICT");
    /// assert_eq!(runtime.policy().allow.len(), 1);
    /// ```
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
    /// Starts configuring a runtime, with every setting at its default (see
    /// [`AirlockBuilder`]).
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::PERMISSIVE;
    ///
    /// let runtime = Airlock::builder().build();
    /// assert_eq!(*runtime.policy(), PERMISSIVE);
    /// assert!(runtime.masking());
    /// ```
    pub fn builder() -> AirlockBuilder {
        AirlockBuilder::default()
    }

    /// The global policy, as built: the one set or loaded, with the code changes and
    /// environment overrides applied.
    ///
    /// ```
    /// use airlock::Airlock;
    /// use airlock::policy::{Access, READ_ONLY};
    ///
    /// let runtime = Airlock::builder().policy(READ_ONLY).build();
    /// assert_eq!(runtime.policy().name, "READ_ONLY");
    /// assert_eq!(runtime.policy().max_access, Access::Read);
    /// ```
    pub fn policy(&self) -> &Policy {
        self.engine.policy()
    }

    /// The global policy's engine: it decides calls, keeps the rate limits' state, and holds
    /// the clock. Deciding with it directly charges the same rate limits the runtime's calls
    /// do.
    ///
    /// ```
    /// use airlock::policy::{Access, READ_ONLY};
    /// use airlock::{Airlock, Caller};
    ///
    /// let runtime = Airlock::builder().policy(READ_ONLY).build();
    /// let decision = runtime.engine().check("drop_table", Access::Delete, &Caller::new("agent"));
    /// assert!(!decision.is_allowed());
    /// assert_eq!(decision.policy(), "READ_ONLY");
    /// ```
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The sanitizer that masks tools' outputs and errors.
    ///
    /// ```
    /// use airlock::Airlock;
    ///
    /// let runtime = Airlock::default();
    /// let out = runtime.sanitizer().sanitize("write to ann@example.org");
    /// assert_eq!(out.text, "write to [EMAIL]");
    /// ```
    pub fn sanitizer(&self) -> &Sanitizer {
        &self.sanitizer
    }

    /// Whether outputs are masked: `true` unless turned off with
    /// [`AirlockBuilder::masking`].
    ///
    /// ```
    /// use airlock::Airlock;
    ///
    /// assert!(Airlock::default().masking());
    /// assert!(!Airlock::builder().masking(false).build().masking());
    /// ```
    pub fn masking(&self) -> bool {
        self.masking
    }

    /// The output budget in characters, or `None` if output is not cut (the default).
    ///
    /// ```
    /// use airlock::Airlock;
    ///
    /// assert_eq!(Airlock::default().max_output(), None);
    /// assert_eq!(Airlock::builder().max_output(4_000).build().max_output(), Some(4_000));
    /// ```
    pub fn max_output(&self) -> Option<usize> {
        self.max_output
    }

    /// What is done with undeclared arguments: [`GhostArguments::Strip`] unless set with
    /// [`AirlockBuilder::ghost_arguments`].
    ///
    /// ```
    /// use airlock::{Airlock, GhostArguments};
    ///
    /// assert_eq!(Airlock::default().ghost_arguments(), GhostArguments::Strip);
    /// let strict = Airlock::builder().ghost_arguments(GhostArguments::Reject).build();
    /// assert_eq!(strict.ghost_arguments(), GhostArguments::Reject);
    /// ```
    pub fn ghost_arguments(&self) -> GhostArguments {
        self.ghosts
    }

    /// Marks this runtime as one calls are scoped to: while it lives, a call outside every
    /// scope fails closed. Not the default runtime: a call outside every scope falls back to
    /// it, so it decides such a call exactly as it decides scoped ones (and it lives as long as
    /// the process).
    pub(crate) fn mark_scoped(&self) {
        let default = DEFAULT.get().is_some_and(|d| std::ptr::eq(&**d, self));
        if !default && !self.scoped.swap(true, Ordering::Relaxed) {
            SCOPED_RUNTIMES.fetch_add(1, Ordering::Relaxed);
        }
    }
}

static INSTALLED: OnceLock<Arc<Airlock>> = OnceLock::new();
static DEFAULT: OnceLock<Arc<Airlock>> = OnceLock::new();

/// Returned by [`install`] when a runtime is already installed; the one installed first
/// stays.
///
/// ```
/// use airlock::{Airlock, AlreadyInstalled};
///
/// airlock::install(Airlock::default())?;
/// assert_eq!(airlock::install(Airlock::default()), Err(AlreadyInstalled));
/// assert_eq!(
///     AlreadyInstalled.to_string(),
///     "an Airlock runtime is already installed; install one once, at start-up"
/// );
/// # Ok::<(), AlreadyInstalled>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an Airlock runtime is already installed; install one once, at start-up")]
pub struct AlreadyInstalled;

/// Installs the process-wide runtime consulted by guarded calls made outside any scope (as
/// an anonymous caller), and by toolboxes made with [`Toolbox::new`](crate::Toolbox::new)
/// afterwards. Install it once, at start-up, before any call.
///
/// ```
/// use airlock::policy::READ_ONLY;
/// use airlock::{Airlock, ToolError, airlock};
///
/// #[airlock(access = read)]
/// fn list_files() -> Result<Vec<String>, ToolError> {
///     Ok(vec!["notes.txt".into()])
/// }
///
/// #[airlock(access = delete)]
/// fn delete_file(name: String) -> Result<String, ToolError> {
///     Ok(format!("deleted {name}"))
/// }
///
/// airlock::install(Airlock::builder().policy(READ_ONLY).build())?;
/// assert!(airlock::install(Airlock::default()).is_err());
/// // Direct calls outside any scope now go through READ_ONLY.
/// assert_eq!(list_files(), Ok(vec!["notes.txt".to_owned()]));
/// assert_eq!(delete_file("notes.txt".into()).map_err(|e| e.kind()), Err("policy_denied"));
/// # Ok::<(), airlock::AlreadyInstalled>(())
/// ```
///
/// # Errors
/// [`AlreadyInstalled`] if one was installed before: the first stays.
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

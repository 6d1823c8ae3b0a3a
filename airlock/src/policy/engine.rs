//! Deciding fast: a policy compiled once (time zones resolved, roles indexed), a plan per
//! tool name (which rules name it), and the rate limiters' state.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use foldhash::fast::RandomState;

use jiff::Timestamp;

use super::clock::Clock;
use super::decision::Origin;
use super::limiter::{Limiter, Taken};
use super::rules::{self, Per};
use super::{Access, Decision, DefaultRule, Denial, Glob, Policy, Schedule};
use crate::Caller;

/// A policy ready to decide many calls: time zones resolved once, roles indexed, each tool
/// name's matching rules worked out on its first call, and the rate limits' buckets.
///
/// The runtime keeps one for its global policy; use one directly to decide outside a
/// runtime (a gateway, the CLI, a test with a [`ManualClock`](super::ManualClock)).
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use airlock::Caller;
/// use airlock::policy::{Access, Clock, Engine, LimitRule, ManualClock, PERMISSIVE};
///
/// let clock = ManualClock::new("2026-11-23T09:00:00Z".parse()?);
/// let policy = PERMISSIVE.clone().limit(LimitRule::new("mail", "2/min".parse()?).tool("send_*"));
/// let engine = Engine::with_clock(policy, Clock::from(clock.clone()));
/// let agent = Caller::new("agent-7");
/// assert!(engine.check("send_mail", Access::Write, &agent).is_allowed());
/// assert!(engine.check("send_mail", Access::Write, &agent).is_allowed());
/// let d = engine.check("send_mail", Access::Write, &agent);
/// assert_eq!(d.rule(), "limits.mail");
/// // Another agent has its own bucket; other tools are not limited.
/// assert!(engine.check("send_mail", Access::Write, &Caller::new("agent-8")).is_allowed());
/// assert!(engine.check("list_mail", Access::Read, &agent).is_allowed());
/// clock.advance(Duration::from_secs(30));
/// assert!(engine.check("send_mail", Access::Write, &agent).is_allowed());
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Engine {
    compiled: Compiled,
    clock: Clock,
    /// One limiter per limit rule, in the policy's order.
    limiters: Vec<Limiter>,
    /// Seeded per engine (`foldhash`): fast, and not predictable enough to flood.
    plans: RwLock<HashMap<Box<str>, Plan, RandomState>>,
    /// The first tool name planned, read without a lock or a hash: a tool's own engine
    /// plans only its tool, and most runtimes serve one tool far more than the rest.
    first: OnceLock<(Box<str>, Plan)>,
    /// The access ceiling, when it is the policy's only rule that can refuse a call (as in
    /// [`PERMISSIVE`](super::PERMISSIVE) and [`READ_ONLY`](super::READ_ONLY)): a call under
    /// it is allowed without a plan.
    ceiling_only: Option<Access>,
}

/// Tool names planned and kept; past this, plans are made per call (a caller inventing
/// names cannot grow memory without bound).
const MAX_PLANS: usize = 4096;

impl Engine {
    /// Compiles `policy` with the system clock.
    ///
    /// An engine decides as the policy does:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Engine, Policy};
    ///
    /// let engine = Engine::new(Policy::from_toml_str(r#"deny = ["drop_*"]"#)?);
    /// let me = Caller::new("agent-7");
    /// assert!(engine.decide("list_tables", Access::Read, &me).is_allowed());
    /// assert_eq!(engine.decide("drop_table", Access::Read, &me).rule(), "deny drop_*");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(policy: Policy) -> Engine {
        Engine::with_clock(policy, Clock::system())
    }

    /// Compiles `policy`, reading the time from `clock` (for windows and rate limits).
    ///
    /// With a [`ManualClock`](super::ManualClock), a test decides at the time it sets:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, BUSINESS_HOURS, Clock, Engine, ManualClock};
    ///
    /// let saturday = ManualClock::new("2026-11-28T11:00:00Z".parse()?);
    /// let policy = BUSINESS_HOURS.clone().time_zone("UTC");
    /// let engine = Engine::with_clock(policy, Clock::from(saturday));
    /// let me = Caller::new("agent-7");
    /// assert!(engine.decide("read_file", Access::Read, &me).is_allowed());
    /// assert_eq!(engine.decide("write_file", Access::Write, &me).rule(), "windows.business_hours");
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_clock(policy: Policy, clock: Clock) -> Engine {
        let compiled = Compiled::new(&policy);
        let limiters = policy
            .limits
            .iter()
            .map(|limit| Limiter::new(limit.rate, clock.clone()))
            .collect();
        Engine {
            compiled,
            clock,
            limiters,
            plans: RwLock::new(HashMap::default()),
            first: OnceLock::new(),
            ceiling_only: ceiling_only(&policy),
        }
    }

    /// The policy, as it was given.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Engine, Policy};
    ///
    /// let policy = Policy::from_toml_str(r#"name = "gateway""#)?;
    /// let engine = Engine::new(policy.clone());
    /// assert_eq!(engine.policy(), &policy);
    /// # Ok(())
    /// # }
    /// ```
    pub fn policy(&self) -> &Policy {
        &self.compiled.policy
    }

    /// The clock windows and limits read.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::policy::{Clock, Engine, ManualClock, PERMISSIVE};
    ///
    /// let start: jiff::Timestamp = "2026-11-23T09:00:00Z".parse()?;
    /// let engine = Engine::with_clock(PERMISSIVE, Clock::from(ManualClock::new(start)));
    /// assert_eq!(engine.clock().now(), start);
    /// # Ok(())
    /// # }
    /// ```
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Whether the call may run now, by every rule but the rate limits (nothing is charged).
    ///
    /// Deciding again and again never exhausts a limit; [`Engine::check`] and
    /// [`Engine::admit`] charge it:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Engine, LimitRule, PERMISSIVE};
    ///
    /// let engine = Engine::new(PERMISSIVE.clone().limit(LimitRule::new("once", "1/day".parse()?)));
    /// let me = Caller::new("agent-7");
    /// for _ in 0..3 {
    ///     assert!(engine.decide("deploy", Access::Execute, &me).is_allowed());
    /// }
    /// assert!(engine.check("deploy", Access::Execute, &me).is_allowed());
    /// assert_eq!(engine.check("deploy", Access::Execute, &me).rule(), "limits.once");
    /// # Ok(())
    /// # }
    /// ```
    pub fn decide(&self, tool: &str, access: Access, caller: &Caller) -> Decision {
        self.decide_at(tool, access, caller, self.clock.now())
    }

    /// [`Engine::decide`] at `at`, whatever the engine's clock says.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, BUSINESS_HOURS, Engine};
    ///
    /// let engine = Engine::new(BUSINESS_HOURS.clone().time_zone("Europe/Berlin"));
    /// let me = Caller::new("agent-7");
    /// let monday_10am = "2026-11-23T10:00:00+01:00".parse()?;
    /// let monday_6pm = "2026-11-23T18:00:00+01:00".parse()?;
    /// assert!(engine.decide_at("write_file", Access::Write, &me, monday_10am).is_allowed());
    /// assert!(!engine.decide_at("write_file", Access::Write, &me, monday_6pm).is_allowed());
    /// # Ok(())
    /// # }
    /// ```
    pub fn decide_at(
        &self,
        tool: &str,
        access: Access,
        caller: &Caller,
        at: Timestamp,
    ) -> Decision {
        self.with_plan(tool, |plan| {
            self.compiled.evaluate(plan, access, caller, at)
        })
    }

    /// The denial of the call, if any rule but the rate limits refuses it: what the call
    /// pipeline asks, with nothing built for an allowed call and the time read (through `at`)
    /// only if a window covers the tool.
    #[inline]
    pub(crate) fn refusal(
        &self,
        tool: &str,
        access: Access,
        caller: &Caller,
        at: &dyn Fn() -> Timestamp,
    ) -> Option<Decision> {
        if self.ceiling_only.is_some_and(|max| access <= max) {
            return None;
        }
        self.planned_refusal(tool, access, caller, at)
    }

    /// [`refusal`](Engine::refusal) by the tool's plan. (Out of line: the check above, which
    /// answers most calls, then pays for no registers this one saves.)
    #[inline(never)]
    fn planned_refusal(
        &self,
        tool: &str,
        access: Access,
        caller: &Caller,
        at: &dyn Fn() -> Timestamp,
    ) -> Option<Decision> {
        self.with_plan(tool, |plan| {
            self.compiled
                .verdict(plan, access, caller, at)
                .err()
                .map(|denial| self.compiled.denied(denial))
        })
    }

    /// Whether the policy has rate limits at all (a call with none has nothing to charge).
    pub(crate) fn has_limits(&self) -> bool {
        !self.limiters.is_empty()
    }

    /// Takes one call from every rate limit covering `tool` for `caller`, or none: on a
    /// limit that is exhausted, nothing is charged and the denial names that limit and says
    /// how long to wait. Call it only for calls about to run (after [`Engine::decide`] and
    /// argument checks), so calls refused for other reasons cost no tokens.
    ///
    /// Limits are tried from the narrowest (per caller and tool) to the widest (global), so a
    /// caller over its own limit is refused by it, and a shared limit a refused call passed
    /// is given its token back.
    ///
    /// ```
    /// use airlock::Caller;
    /// use airlock::policy::{Clock, Engine, LimitRule, ManualClock, Per, PERMISSIVE};
    ///
    /// let clock = ManualClock::new("2026-11-23T09:00:00Z".parse()?);
    /// let policy = PERMISSIVE
    ///     .clone()
    ///     .limit(LimitRule::new("mine", "2/hour".parse()?).per(Per::Caller))
    ///     .limit(LimitRule::new("deploys", "1/hour".parse()?).per(Per::Global).tool("deploy"));
    /// let engine = Engine::with_clock(policy, Clock::from(clock));
    /// let me = Caller::new("agent-7");
    /// assert!(engine.admit("deploy", &me).is_allowed());
    /// // Refused by the global limit: `mine` is not charged for it...
    /// assert_eq!(engine.admit("deploy", &me).rule(), "limits.deploys");
    /// // ...so one call of the two remains for other tools.
    /// assert!(engine.admit("status", &me).is_allowed());
    /// assert_eq!(engine.admit("status", &me).rule(), "limits.mine");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn admit(&self, tool: &str, caller: &Caller) -> Decision {
        admit_all([self], tool, caller)
    }

    /// Takes one call from every limit of `plan` for `caller`, noting each in `charges`; the
    /// denial of the first limit refusing, after which the caller refunds `charges`.
    fn charge<'e>(
        &'e self,
        plan: &Plan,
        tool: &str,
        caller: &Caller,
        charges: &mut Charges<'e>,
    ) -> Result<Decision, Decision> {
        let id = caller.id().unwrap_or("");
        for &index in &plan.limits {
            let (Some(rule), Some(limiter)) = (
                self.compiled.policy.limits.get(index),
                self.limiters.get(index),
            ) else {
                continue;
            };
            let key = match rule.per {
                Per::CallerTool => limiter.key(&[id, tool]),
                Per::Caller => limiter.key(&[id]),
                Per::Tool => limiter.key(&[tool]),
                Per::Global => 0,
            };
            match limiter.take(key) {
                Ok(taken) => charges.push(limiter, taken),
                Err(retry_after) => {
                    return Err(self.compiled.denied(Denial::RateLimited {
                        limit: rule.name.to_string(),
                        rate: rule.rate,
                        retry_after,
                    }));
                }
            }
        }
        Ok(self.compiled.allowed(plan, None))
    }

    /// [`Engine::decide`], then [`Engine::admit`] if allowed: a call refused by a rule
    /// costs no rate-limit token.
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::Caller;
    /// use airlock::policy::{Access, Engine, LimitRule, READ_ONLY};
    ///
    /// let policy = READ_ONLY.clone().limit(LimitRule::new("mine", "1/hour".parse()?));
    /// let engine = Engine::new(policy);
    /// let me = Caller::new("agent-7");
    /// // Refused by the access ceiling, so the limit is not charged...
    /// assert_eq!(engine.check("send_mail", Access::Write, &me).rule(), "max_access");
    /// // ...and the one call an hour is still there.
    /// assert!(engine.check("send_mail", Access::Read, &me).is_allowed());
    /// assert_eq!(engine.check("send_mail", Access::Read, &me).rule(), "limits.mine");
    /// # Ok(())
    /// # }
    /// ```
    pub fn check(&self, tool: &str, access: Access, caller: &Caller) -> Decision {
        let decision = self.decide(tool, access, caller);
        if decision.is_allowed() {
            let admitted = self.admit(tool, caller);
            if !admitted.is_allowed() {
                return admitted;
            }
        }
        decision
    }

    /// Runs `f` on `tool`'s plan: the kept one (under the read lock, nothing cloned), or a
    /// new one, kept if there is room.
    fn with_plan<R>(&self, tool: &str, f: impl FnOnce(&Plan) -> R) -> R {
        if let Some((name, plan)) = self.first.get()
            && **name == *tool
        {
            return f(plan);
        }
        let plans = self.plans.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(plan) = plans.get(tool) {
            return f(plan);
        }
        let full = plans.len() >= MAX_PLANS;
        drop(plans);
        let plan = self.compiled.plan(tool);
        let result = f(&plan);
        // Taken by another name (or the same one, planned twice at once): kept in the map.
        let Err((_, plan)) = self.first.set((tool.into(), plan)) else {
            return result;
        };
        if !full {
            self.plans
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(tool.into())
                .or_insert(plan);
        }
        result
    }
}

/// The access ceiling of `policy` if nothing else in it can refuse a call: allowed by
/// default, with no rule naming tools, no caller or role requirement, no roles and no time
/// windows. (Rate limits refuse nothing here: they are charged at admission.) `None`, the
/// full decision, whenever anything else is set.
fn ceiling_only(policy: &Policy) -> Option<Access> {
    let Policy {
        name: _,
        default,
        allow,
        deny,
        max_access,
        require_roles,
        require_caller,
        roles,
        tools,
        windows,
        limits: _,
        time_zone: _,
        file: _,
    } = policy;
    let only = *default == DefaultRule::Allow
        && allow.is_empty()
        && deny.is_empty()
        && require_roles.is_empty()
        && !*require_caller
        && roles.is_empty()
        && tools.is_empty()
        && windows.is_empty();
    only.then_some(*max_access)
}

/// Takes one call from every rate limit of every one of `engines` covering `tool` for
/// `caller`, or none: all-or-nothing. The first limit refusing (each engine's narrowest
/// first, engines in order) decides, and every limit charged before it is given its call
/// back ([`Limiter::refund`]). Otherwise the last engine's allowing decision is returned.
///
/// Concurrent admissions never let more calls through a limit than its rate allows: each
/// take is atomic, and a refund never gives back more than the refused call took. A call
/// admitted while another's charge is about to be refunded may be refused meanwhile.
pub(crate) fn admit_all<'e>(
    engines: impl IntoIterator<Item = &'e Engine>,
    tool: &str,
    caller: &Caller,
) -> Decision {
    let mut charges = Charges::default();
    // Made only if there is no engine: `no_policy` allocates.
    let mut last = None;
    for engine in engines {
        match engine.with_plan(tool, |plan| engine.charge(plan, tool, caller, &mut charges)) {
            Ok(allowed) => last = Some(allowed),
            Err(refused) => {
                charges.refund();
                return refused;
            }
        }
    }
    last.unwrap_or_else(no_policy)
}

/// The calls one admission took, to give back if a later limit refuses: kept on the stack
/// for the usual few limits.
#[derive(Default)]
struct Charges<'e> {
    /// How many calls were taken.
    len: usize,
    first: [Option<(&'e Limiter, Taken)>; 4],
    more: Vec<(&'e Limiter, Taken)>,
}

impl<'e> Charges<'e> {
    fn push(&mut self, limiter: &'e Limiter, taken: Taken) {
        match self.first.get_mut(self.len) {
            Some(slot) => *slot = Some((limiter, taken)),
            None => self.more.push((limiter, taken)),
        }
        self.len += 1;
    }

    /// Gives every call back (each to a bucket of its own: the order does not matter).
    fn refund(self) {
        if self.len == 0 {
            return;
        }
        for (limiter, taken) in self.first.into_iter().flatten().chain(self.more) {
            limiter.refund(taken);
        }
    }
}

/// The decision when no policy applies.
pub(super) fn no_policy() -> Decision {
    Decision::Allowed {
        origin: Origin::new("none", None),
        rule: Arc::from("no policy"),
    }
}

/// The parts of a policy that do not change between calls.
#[derive(Debug)]
pub(super) struct Compiled {
    policy: Policy,
    origin: Origin,
    /// One per window rule: its schedule, or why it cannot be made.
    schedules: Vec<Result<Schedule, String>>,
    /// `roles.<name>` per role, for allowed decisions.
    role_rules: Vec<Arc<str>>,
    /// (case-insensitive hash of the name, role index), sorted for binary search.
    role_index: Vec<(u64, usize)>,
    hasher: RandomState,
    default_rule: Arc<str>,
}

/// Which rules name one tool.
#[derive(Debug)]
struct Plan {
    /// A deny rule naming it.
    deny: Option<Denial>,
    /// The allow rule naming it (`allow <glob>` or `tools.<glob>`).
    named: Option<Arc<str>>,
    /// The lowest access ceiling, and the tool rule setting it (`None`: the policy's).
    max: (Access, Option<Glob>),
    /// Per role, in the policy's order.
    roles: Vec<RoleVerdict>,
    /// Window rules covering the name (access is checked per call).
    windows: Vec<usize>,
    /// Limit rules covering it, narrowest first.
    limits: Vec<usize>,
}

#[derive(Debug, Clone)]
enum RoleVerdict {
    Denies(Glob),
    Allows(Access),
    Silent,
}

impl Compiled {
    pub(super) fn new(policy: &Policy) -> Compiled {
        let schedules = policy
            .windows
            .iter()
            .map(|w| {
                let zone = w.time_zone.as_deref().unwrap_or(&policy.time_zone);
                Schedule::new(w.open.iter().copied(), zone).map_err(|e| e.to_string())
            })
            .collect();
        let hasher = RandomState::default();
        let mut role_index: Vec<(u64, usize)> = policy
            .roles
            .iter()
            .enumerate()
            .map(|(i, role)| (fold_hash(&hasher, &role.name), i))
            .collect();
        role_index.sort_unstable();
        Compiled {
            origin: Origin::new(&policy.name, policy.file.as_deref()),
            schedules,
            role_rules: policy
                .roles
                .iter()
                .map(|r| Arc::from(format!("roles.{}", r.name)))
                .collect(),
            role_index,
            hasher,
            default_rule: Arc::from("default"),
            policy: policy.clone(),
        }
    }

    fn plan(&self, tool: &str) -> Plan {
        let p = &self.policy;
        let deny = p
            .deny
            .iter()
            .find(|g| g.matches(tool))
            .map(|g| Denial::DenyRule { pattern: g.clone() })
            .or_else(|| {
                p.tools
                    .iter()
                    .find(|r| r.deny && r.tool.matches(tool))
                    .map(|r| Denial::ToolDenied {
                        tool: r.tool.clone(),
                    })
            });
        let named = p
            .allow
            .iter()
            .find(|g| g.matches(tool))
            .map(|g| Arc::from(format!("allow {g}")))
            .or_else(|| {
                p.tools
                    .iter()
                    .find(|r| r.tool.matches(tool))
                    .map(|r| Arc::from(format!("tools.{}", r.tool)))
            });
        let mut max = (p.max_access, None);
        for rule in p.tools.iter().filter(|r| r.tool.matches(tool)) {
            if let Some(ceiling) = rule.max_access
                && ceiling < max.0
            {
                max = (ceiling, Some(rule.tool.clone()));
            }
        }
        let roles = p
            .roles
            .iter()
            .map(|role| {
                if let Some(g) = role.deny.iter().find(|g| g.matches(tool)) {
                    RoleVerdict::Denies(g.clone())
                } else if role.allow.iter().any(|g| g.matches(tool)) {
                    RoleVerdict::Allows(role.max_access)
                } else {
                    RoleVerdict::Silent
                }
            })
            .collect();
        let windows = p
            .windows
            .iter()
            .enumerate()
            .filter(|(_, w)| rules::covers(&w.tools, tool))
            .map(|(i, _)| i)
            .collect();
        let mut limits: Vec<usize> = (0..p.limits.len())
            .filter(|&i| p.limits[i].covers(tool))
            .collect();
        limits.sort_by_key(|&i| narrowness(p.limits[i].per));
        Plan {
            deny,
            named,
            max,
            roles,
            windows,
            limits,
        }
    }

    pub(super) fn decide(
        &self,
        tool: &str,
        access: Access,
        caller: &Caller,
        at: Timestamp,
    ) -> Decision {
        self.evaluate(&self.plan(tool), access, caller, at)
    }

    fn evaluate(&self, plan: &Plan, access: Access, caller: &Caller, at: Timestamp) -> Decision {
        match self.verdict(plan, access, caller, &|| at) {
            Ok(by_role) => self.allowed(plan, by_role),
            Err(denial) => self.denied(denial),
        }
    }

    /// Whether the call is allowed (by which role, if roles decide) or why not, with nothing
    /// cloned on the way to an allowed call. The time is read only if a window covers it.
    fn verdict(
        &self,
        plan: &Plan,
        access: Access,
        caller: &Caller,
        at: &dyn Fn() -> Timestamp,
    ) -> Result<Option<usize>, Denial> {
        let p = &self.policy;
        if let Some(denial) = &plan.deny {
            return Err(denial.clone());
        }
        if p.default == DefaultRule::Deny && plan.named.is_none() {
            return Err(Denial::NotAllowed);
        }
        if access > plan.max.0 {
            return Err(match &plan.max.1 {
                Some(tool) => Denial::ToolCeiling {
                    tool: tool.clone(),
                    declared: access,
                    max: plan.max.0,
                },
                None => Denial::AccessCeiling {
                    declared: access,
                    max: plan.max.0,
                },
            });
        }
        if p.require_caller && !caller.is_identified() {
            return Err(Denial::Anonymous);
        }
        // An anonymous caller holds no role, whatever roles it carries.
        let holds_required =
            caller.is_identified() && p.require_roles.iter().any(|r| caller.has_role(r));
        if !p.require_roles.is_empty() && !holds_required {
            return Err(Denial::MissingRole {
                any_of: p.require_roles.to_vec(),
            });
        }
        let by_role = if p.roles.is_empty() {
            None
        } else {
            match self.by_role(plan, access, caller) {
                Ok(role) => Some(role),
                Err(denial) => return Err(denial),
            }
        };
        if !plan.windows.is_empty() {
            let at = at();
            for &index in &plan.windows {
                if let Some(denial) = self.window_denial(index, access, at) {
                    return Err(denial);
                }
            }
        }
        Ok(by_role)
    }

    /// The role allowing the call, or why none does. Deny overrides: any role of the caller
    /// that denies the tool decides, whatever another allows.
    fn by_role(&self, plan: &Plan, access: Access, caller: &Caller) -> Result<usize, Denial> {
        let mut best: Option<(usize, Access)> = None;
        for held in caller.roles().filter(|_| caller.is_identified()) {
            let hash = fold_hash(&self.hasher, held);
            let first = self.role_index.partition_point(|&(h, _)| h < hash);
            let candidates = self.role_index[first..]
                .iter()
                .take_while(|&&(h, _)| h == hash)
                .map(|&(_, i)| i);
            for i in candidates {
                let role = &self.policy.roles[i];
                if !role.name.eq_ignore_ascii_case(held) {
                    continue;
                }
                match &plan.roles[i] {
                    RoleVerdict::Denies(pattern) => {
                        return Err(Denial::RoleDenied {
                            role: role.name.to_string(),
                            pattern: pattern.clone(),
                        });
                    }
                    RoleVerdict::Allows(max) if best.is_none_or(|(_, b)| *max > b) => {
                        best = Some((i, *max));
                    }
                    RoleVerdict::Allows(_) | RoleVerdict::Silent => {}
                }
            }
        }
        match best {
            Some((i, max)) if access <= max => Ok(i),
            Some((i, max)) => Err(Denial::RoleCeiling {
                role: self.policy.roles[i].name.to_string(),
                declared: access,
                max,
            }),
            None => Err(Denial::NoRole {
                held: caller
                    .roles()
                    .filter(|_| caller.is_identified())
                    .map(str::to_owned)
                    .collect(),
            }),
        }
    }

    fn window_denial(&self, index: usize, access: Access, at: Timestamp) -> Option<Denial> {
        let rule = self.policy.windows.get(index)?;
        if access < rule.min_access {
            return None;
        }
        match self.schedules.get(index)? {
            Ok(schedule) if schedule.is_open(at) => None,
            Ok(schedule) => Some(Denial::OutsideWindow {
                window: rule.name.to_string(),
                open: schedule.to_string(),
                opens_in: schedule.opens_in(at),
            }),
            Err(problem) => Some(Denial::BrokenWindow {
                window: rule.name.to_string(),
                problem: problem.clone(),
            }),
        }
    }

    fn allowed(&self, plan: &Plan, by_role: Option<usize>) -> Decision {
        let rule = match by_role.and_then(|i| self.role_rules.get(i)) {
            Some(role) => Arc::clone(role),
            None => match &plan.named {
                Some(named) => Arc::clone(named),
                None => Arc::clone(&self.default_rule),
            },
        };
        Decision::Allowed {
            origin: self.origin.clone(),
            rule,
        }
    }

    fn denied(&self, denial: Denial) -> Decision {
        Decision::Denied {
            origin: self.origin.clone(),
            denial,
        }
    }
}

/// Narrowest buckets first: see [`Engine::admit`].
fn narrowness(per: Per) -> u8 {
    match per {
        Per::CallerTool => 0,
        Per::Caller => 1,
        Per::Tool => 2,
        Per::Global => 3,
    }
}

/// A hash of `name` ignoring ASCII case, lowering it in small stack chunks, not a copy.
fn fold_hash(hasher: &RandomState, name: &str) -> u64 {
    let mut h = hasher.build_hasher();
    let mut chunk = [0u8; 32];
    for part in name.as_bytes().chunks(chunk.len()) {
        let lowered = &mut chunk[..part.len()];
        lowered.copy_from_slice(part);
        lowered.make_ascii_lowercase();
        h.write(lowered);
    }
    h.write_usize(name.len());
    h.finish()
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::time::Duration;

    use proptest::prelude::*;

    use super::*;
    use crate::policy::{LimitRule, ManualClock, PERMISSIVE, Role, STRICT, ToolRule, WindowRule};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn support_and_reader() -> Policy {
        PERMISSIVE
            .clone()
            .role(
                Role::new("reader")
                    .allow("list_*")
                    .allow("get_*")
                    .max_access(Access::Read),
            )
            .role(
                Role::new("support")
                    .allow("*")
                    .deny("delete_*")
                    .max_access(Access::Write),
            )
    }

    #[test]
    fn a_call_needs_a_role_that_allows_it_and_none_that_denies_it() {
        let e = Engine::new(support_and_reader());
        let reader = Caller::new("r").with_roles(["Reader"]);
        let support = Caller::new("s").with_roles(["support"]);
        let both = Caller::new("b").with_roles(["reader", "support"]);
        assert_eq!(
            e.decide("list_mail", Access::Read, &reader).rule(),
            "roles.reader"
        );
        assert_eq!(
            e.decide("send_mail", Access::Write, &reader).denial(),
            Some(&Denial::NoRole {
                held: vec!["Reader".into()]
            })
        );
        assert_eq!(
            e.decide("get_user", Access::Write, &reader).denial(),
            Some(&Denial::RoleCeiling {
                role: "reader".into(),
                declared: Access::Write,
                max: Access::Read
            })
        );
        // The role allowing the most decides.
        assert_eq!(
            e.decide("get_user", Access::Write, &both).rule(),
            "roles.support"
        );
        assert!(e.decide("send_mail", Access::Write, &support).is_allowed());
        // Deny overrides, whatever another role allows.
        let d = e.decide("delete_user", Access::Read, &both);
        assert_eq!(d.rule(), "roles.support");
        assert!(matches!(d.denial(), Some(Denial::RoleDenied { .. })));
        assert_eq!(
            d.denial().unwrap().explain(),
            "this tool is not available to you"
        );
        // Unknown roles grant nothing; anonymous callers hold none.
        let stranger = Caller::new("x").with_roles(["admin"]);
        assert!(!e.decide("list_mail", Access::Read, &stranger).is_allowed());
        assert!(
            !e.decide("list_mail", Access::Read, &Caller::anonymous())
                .is_allowed()
        );
    }

    #[test]
    fn strict_denies_anonymous_callers_before_roles() {
        let p = STRICT.clone().allow("*").role(Role::new("r").allow("*"));
        let d = Engine::new(p).decide("t", Access::Read, &Caller::anonymous());
        assert_eq!(d.denial(), Some(&Denial::Anonymous));
    }

    #[test]
    fn tool_rules_name_deny_and_cap_tools() {
        let p = PERMISSIVE
            .clone()
            .with_default(DefaultRule::Deny)
            .tool(ToolRule::new("mail_*").max_access(Access::Write))
            .tool(ToolRule::new("mail_purge").deny());
        let e = Engine::new(p);
        let c = Caller::new("a");
        assert_eq!(
            e.decide("mail_send", Access::Write, &c).rule(),
            "tools.mail_*"
        );
        assert_eq!(
            e.decide("mail_purge", Access::Read, &c).rule(),
            "tools.mail_purge"
        );
        assert_eq!(
            e.decide("mail_send", Access::Delete, &c).denial(),
            Some(&Denial::ToolCeiling {
                tool: Glob::new("mail_*"),
                declared: Access::Delete,
                max: Access::Write
            })
        );
        assert_eq!(
            e.decide("other", Access::Read, &c).denial(),
            Some(&Denial::NotAllowed)
        );
    }

    #[test]
    fn windows_cover_their_tools_and_access_and_say_when_they_open() {
        let p = PERMISSIVE.clone().time_zone("America/New_York").window(
            WindowRule::new("office", &[])
                .with_min_access(Access::Write)
                .tool("send_*"),
        );
        let mut p = p;
        p.windows.to_mut()[0].open = Cow::Owned(vec!["Mon-Fri 09:00-17:00".parse().unwrap()]);
        let clock = ManualClock::new(at("2026-11-23T07:56:30-05:00"));
        let e = Engine::with_clock(p, Clock::from(clock.clone()));
        let c = Caller::new("a");
        assert!(e.decide("send_mail", Access::Read, &c).is_allowed());
        assert!(e.decide("delete_mail", Access::Delete, &c).is_allowed());
        let d = e.decide("send_mail", Access::Write, &c);
        assert_eq!(
            d.denial(),
            Some(&Denial::OutsideWindow {
                window: "office".into(),
                open: "Mon–Fri 09:00–17:00 America/New_York".into(),
                opens_in: Some(Duration::from_secs(3600 + 3 * 60 + 30)),
            })
        );
        clock.advance(Duration::from_secs(3810));
        assert!(e.decide("send_mail", Access::Write, &c).is_allowed());
    }

    #[test]
    fn a_window_in_an_unknown_zone_fails_closed() {
        let mut p = PERMISSIVE.clone().time_zone("Mars/Olympus");
        p = p.window(WindowRule::new("w", &[]));
        let d = Engine::new(p).decide("t", Access::Read, &Caller::new("a"));
        assert!(
            matches!(d.denial(), Some(Denial::BrokenWindow { .. })),
            "{d}"
        );
        assert!(!d.denial().unwrap().explain().contains("Mars"));
    }

    #[test]
    fn limits_are_keyed_and_charged_narrowest_first() {
        let clock = ManualClock::new(at("2026-01-01T00:00:00Z"));
        let p = PERMISSIVE
            .clone()
            .limit(LimitRule::new("all", "3/hour".parse().unwrap()).per(Per::Global))
            .limit(LimitRule::new("mine", "1/hour".parse().unwrap()).per(Per::Caller));
        let e = Engine::with_clock(p, Clock::from(clock.clone()));
        let (a, b) = (Caller::new("a"), Caller::new("b"));
        assert!(e.admit("t", &a).is_allowed());
        // `a` is over its own limit: refused without spending a global token.
        for _ in 0..5 {
            assert_eq!(e.admit("t", &a).rule(), "limits.mine");
        }
        assert!(e.admit("t", &b).is_allowed());
        assert!(e.admit("u", &Caller::new("c")).is_allowed());
        let d = e.admit("v", &Caller::new("d"));
        assert_eq!(d.rule(), "limits.all");
        let Some(Denial::RateLimited { retry_after, .. }) = d.denial() else {
            panic!("{d}")
        };
        assert_eq!(*retry_after, Duration::from_secs(1200));
    }

    fn rate(text: &str) -> crate::policy::Rate {
        text.parse().unwrap()
    }

    #[test]
    fn a_call_refused_by_a_wider_limit_charges_none_of_the_narrower() {
        let clock = ManualClock::new(at("2026-01-01T00:00:00Z"));
        let p = PERMISSIVE
            .clone()
            .limit(LimitRule::new("mine", rate("5/min")).per(Per::Caller))
            .limit(
                LimitRule::new("sends", rate("1/min"))
                    .per(Per::Global)
                    .tool("send_*"),
            );
        let e = Engine::with_clock(p, Clock::from(clock.clone()));
        let a = Caller::new("a");
        assert!(e.admit("send_mail", &a).is_allowed());
        for _ in 0..10 {
            let d = e.admit("send_mail", &a);
            assert_eq!(d.rule(), "limits.sends");
            let Some(Denial::RateLimited { retry_after, .. }) = d.denial() else {
                panic!("{d}")
            };
            assert_eq!(*retry_after, Duration::from_secs(60));
        }
        // The clock has not moved: `a`'s own bucket holds the 4 calls the first left, no
        // fewer (tools outside `sends` charge it alone).
        for _ in 0..4 {
            assert!(e.admit("list_mail", &a).is_allowed());
        }
        assert_eq!(e.admit("list_mail", &a).rule(), "limits.mine");
        // A minute on, both are full again: one send, then four other calls.
        clock.advance(Duration::from_secs(60));
        assert!(e.admit("send_mail", &a).is_allowed());
        assert_eq!(e.admit("send_mail", &a).rule(), "limits.sends");
        for _ in 0..4 {
            assert!(e.admit("list_mail", &a).is_allowed());
        }
        assert_eq!(e.admit("list_mail", &a).rule(), "limits.mine");
    }

    #[test]
    fn across_engines_a_refused_call_charges_neither() {
        let clock = ManualClock::new(at("2026-01-01T00:00:00Z"));
        // The tool's own policy: 2 sends a minute for everyone.
        let own = Engine::with_clock(
            PERMISSIVE
                .clone()
                .named("own")
                .limit(LimitRule::new("shared", rate("2/min")).per(Per::Global)),
            Clock::from(clock.clone()),
        );
        // The runtime's: 1 call a minute per caller.
        let global = Engine::with_clock(
            PERMISSIVE
                .clone()
                .named("global")
                .limit(LimitRule::new("each", rate("1/min")).per(Per::Caller)),
            Clock::from(clock.clone()),
        );
        let (a, b) = (Caller::new("a"), Caller::new("b"));
        let both = || [&own, &global];
        let d = admit_all(both(), "send_mail", &a);
        assert!(d.is_allowed());
        assert_eq!(d.policy(), "global");
        // `a` retrying cannot drain the shared limit: refused by its own, nothing charged.
        for _ in 0..5 {
            let d = admit_all(both(), "send_mail", &a);
            assert_eq!((d.policy(), &*d.rule()), ("global", "limits.each"));
        }
        assert!(admit_all(both(), "send_mail", &b).is_allowed());
        let d = admit_all(both(), "send_mail", &Caller::new("c"));
        assert_eq!((d.policy(), &*d.rule()), ("own", "limits.shared"));
        // `c` was refused by the first engine: its own bucket in the second is untouched.
        assert!(global.admit("list_mail", &Caller::new("c")).is_allowed());
        // No engine: nothing to charge.
        assert_eq!(admit_all([], "t", &a).rule(), "no policy");
    }

    #[test]
    fn threads_admitting_through_two_engines_get_exactly_the_burst_and_keep_no_refused_charge() {
        const THREADS: usize = 4;
        const ATTEMPTS: usize = 200;
        const SHARED: usize = 30;
        const EACH: usize = 50;
        // The clock never moves: no bucket refills while the threads run.
        let clock = ManualClock::new(at("2026-01-01T00:00:00Z"));
        // Charged first: each caller's bucket, shared by two threads.
        let first = Engine::with_clock(
            PERMISSIVE
                .clone()
                .limit(LimitRule::new("each", rate(&format!("{EACH}/hour"))).per(Per::Caller)),
            Clock::from(clock.clone()),
        );
        // Then one bucket for everyone, refusing all but `SHARED` calls: each refusal must
        // give the caller's token back.
        let second = Engine::with_clock(
            PERMISSIVE.clone().limit(
                LimitRule::new("shared", rate(&format!("{SHARED}/hour")))
                    .per(Per::Global)
                    .tool("send_*"),
            ),
            Clock::from(clock.clone()),
        );
        let callers = [Caller::new("a"), Caller::new("b")];
        let admitted: Vec<(usize, usize)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..THREADS)
                .map(|i| {
                    let (first, second, callers) = (&first, &second, &callers);
                    s.spawn(move || {
                        let who = i % callers.len();
                        let caller = &callers[who];
                        let passed = (0..ATTEMPTS)
                            .filter(|_| {
                                admit_all([first, second], "send_mail", caller).is_allowed()
                            })
                            .count();
                        (who, passed)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(admitted.iter().map(|(_, n)| n).sum::<usize>(), SHARED);
        // Each caller's own bucket was charged for its admitted calls only.
        for (who, caller) in callers.iter().enumerate() {
            let passed: usize = admitted
                .iter()
                .filter(|(w, _)| *w == who)
                .map(|(_, n)| n)
                .sum();
            let left = (0..EACH)
                .filter(|_| admit_all([&first, &second], "list_mail", caller).is_allowed())
                .count();
            assert_eq!(left, EACH - passed, "{caller:?}");
        }
    }

    #[test]
    fn plans_stay_bounded_under_invented_names() {
        let e = Engine::new(PERMISSIVE.clone().deny("x*"));
        for i in 0..(MAX_PLANS + 100) {
            assert!(
                e.decide(&format!("t{i}"), Access::Read, &Caller::anonymous())
                    .is_allowed()
            );
        }
        assert_eq!(e.plans.read().unwrap().len(), MAX_PLANS);
        assert!(
            !e.decide("x1", Access::Read, &Caller::anonymous())
                .is_allowed()
        );
    }

    #[test]
    fn a_ceiling_only_policy_answers_without_a_plan_exactly_as_the_full_decision() {
        use crate::policy::{BUSINESS_HOURS, READ_ONLY};
        let saturday = at("2026-11-28T11:00:00Z");
        let cases = [
            (PERMISSIVE, Some(Access::Execute)),
            (READ_ONLY, Some(Access::Read)),
            (
                PERMISSIVE
                    .clone()
                    .limit(LimitRule::new("l", "1/hour".parse().unwrap())),
                Some(Access::Execute),
            ),
            (READ_ONLY.clone().deny("rm_*"), None),
            (READ_ONLY.clone().with_require_caller(true), None),
            (support_and_reader(), None),
            (STRICT, None),
            (BUSINESS_HOURS.clone().time_zone("UTC"), None),
            (
                PERMISSIVE
                    .clone()
                    .tool(ToolRule::new("rm_*").max_access(Access::Read)),
                None,
            ),
        ];
        let callers = [
            Caller::anonymous(),
            Caller::new("agent-7").with_roles(["reader"]),
        ];
        for (policy, expected) in cases {
            assert_eq!(ceiling_only(&policy), expected, "{}", policy.name);
            let engine =
                Engine::with_clock(policy.clone(), Clock::from(ManualClock::new(saturday)));
            for access in Access::ALL {
                for caller in &callers {
                    for tool in ["rm_rf", "list_files"] {
                        let fast = engine.refusal(tool, access, caller, &|| saturday);
                        let full = engine.with_plan(tool, |plan| {
                            engine
                                .compiled
                                .verdict(plan, access, caller, &|| saturday)
                                .err()
                        });
                        assert_eq!(
                            fast.is_none(),
                            full.is_none(),
                            "{} {tool} {access}",
                            policy.name
                        );
                        assert_eq!(
                            fast.map(|d| d.rule().to_string()),
                            full.map(|d| engine.compiled.denied(d).rule().to_string()),
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_name_planned_is_kept_apart_and_never_answers_for_another() {
        let e = Engine::new(PERMISSIVE.clone().deny("rm_*"));
        let me = Caller::anonymous();
        for _ in 0..3 {
            assert!(e.decide("read", Access::Read, &me).is_allowed());
            assert!(!e.decide("rm_rf", Access::Read, &me).is_allowed());
            // A prefix of the first name, and a name it is a prefix of.
            assert!(e.decide("rea", Access::Read, &me).is_allowed());
            assert!(!e.decide("rm_", Access::Read, &me).is_allowed());
        }
        assert_eq!(e.first.get().map(|(name, _)| &**name), Some("read"));
        assert_eq!(e.plans.read().unwrap().len(), 3);
    }

    /// The rules written in every order decide the same, and a matching deny always wins.
    fn rules() -> impl Strategy<Value = (Vec<Role>, Vec<ToolRule>, Vec<Glob>)> {
        let glob = "[ab*]{1,3}".prop_map(Glob::new);
        let role = (
            0usize..3,
            prop::collection::vec(glob.clone(), 0..3),
            prop::collection::vec(glob.clone(), 0..2),
            prop::sample::select(Access::ALL.to_vec()),
        )
            .prop_map(|(n, allow, deny, max)| Role {
                name: Cow::Owned(format!("r{n}")),
                allow: Cow::Owned(allow),
                deny: Cow::Owned(deny),
                max_access: max,
            });
        let tool = (glob.clone(), any::<bool>()).prop_map(|(g, deny)| ToolRule {
            tool: g,
            deny,
            max_access: None,
        });
        (
            prop::collection::vec(role, 1..4),
            prop::collection::vec(tool, 0..3),
            prop::collection::vec(glob, 0..3),
        )
    }

    fn build(roles: &[Role], tools: &[ToolRule], deny: &[Glob]) -> Policy {
        let mut p = PERMISSIVE.clone();
        for r in roles {
            // Later roles of the same name replace earlier ones, so keep names unique.
            if !p.roles.iter().any(|x| x.name == r.name) {
                p = p.role(r.clone());
            }
        }
        for t in tools {
            p = p.tool(t.clone());
        }
        for g in deny {
            p = p.deny(g.clone());
        }
        p
    }

    proptest! {
        #[test]
        fn order_never_changes_whether_a_call_is_allowed(
            (roles, tools, deny) in rules(),
            tool in "[ab]{1,3}",
            held in prop::collection::vec(0usize..3, 0..3),
            access in prop::sample::select(Access::ALL.to_vec()),
            seed in any::<u64>(),
        ) {
            let caller = Caller::new("c").with_roles(held.iter().map(|n| format!("r{n}")));
            let forward = build(&roles, &tools, &deny);
            let mut shuffled: Vec<Role> = forward.roles.to_vec();
            let mut tools_back = tools.clone();
            let mut deny_back = deny.clone();
            let len = shuffled.len().max(1);
            shuffled.rotate_left(usize::try_from(seed).unwrap_or(0) % len);
            tools_back.reverse();
            deny_back.reverse();
            let backward = build(&shuffled, &tools_back, &deny_back);
            let now = at("2026-01-01T00:00:00Z");
            let a = Engine::new(forward.clone()).decide_at(&tool, access, &caller, now);
            let b = Engine::new(backward).decide_at(&tool, access, &caller, now);
            prop_assert_eq!(a.is_allowed(), b.is_allowed());

            // The reference: allowed iff nothing denies and some held role allows at this access.
            let denied = deny.iter().any(|g| g.matches(&tool))
                || tools.iter().any(|t| t.deny && t.tool.matches(&tool))
                || forward.roles.iter().any(|r| caller.has_role(&r.name) && r.deny.iter().any(|g| g.matches(&tool)));
            let role_allows = forward.roles.iter().any(|r| {
                caller.has_role(&r.name) && access <= r.max_access && r.allow.iter().any(|g| g.matches(&tool))
            });
            prop_assert_eq!(a.is_allowed(), !denied && role_allows, "{}", a);
        }
    }
}

//! Realistic tool output with planted, labelled sensitive values and many near misses.

use std::fmt::Write as _;
use std::ops::Range;

use crate::nearmiss::{self as nm};
use crate::prose;
use crate::rng::Rng;
use crate::values as v;
use crate::{Corpus, Label};

/// Appends formatted text to an [`Out`].
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out.text, $($arg)*);
    }};
}

/// The text being built and its labels.
pub(crate) struct Out {
    pub(crate) text: String,
    pub(crate) labels: Vec<Label>,
}

impl Out {
    pub(crate) fn new(bytes: usize) -> Out {
        Out {
            text: String::with_capacity(bytes + 8192),
            labels: Vec::with_capacity(bytes / 400),
        }
    }

    pub(crate) fn s(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Appends a planted value and labels its sensitive part.
    pub(crate) fn plant(&mut self, p: &Planted) {
        let at = self.text.len();
        self.text.push_str(&p.text);
        self.labels.push(Label {
            kind: p.kind,
            start: at + p.span.start,
            end: at + p.span.end,
        });
    }

    /// Appends a value that is sensitive as a whole.
    fn secret(&mut self, kind: &'static str, value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.labels.push(Label {
            kind,
            start,
            end: self.text.len(),
        });
    }
}

/// A sensitive value as it is written (`text`) and the part of it that is labelled.
#[derive(Debug, Clone)]
pub(crate) struct Planted {
    pub(crate) kind: &'static str,
    pub(crate) text: String,
    pub(crate) span: Range<usize>,
}

impl Planted {
    fn whole(kind: &'static str, text: String) -> Planted {
        let span = 0..text.len();
        Planted { kind, text, span }
    }

    pub(crate) fn is(&self, kind: &str) -> bool {
        self.kind == kind
    }

    /// Whether this is a bare SSN that needs its `SSN: ` label.
    fn is_labelled_ssn(&self) -> bool {
        self.text.starts_with("SSN: ")
    }

    fn has_space(&self) -> bool {
        self.text.contains(' ')
    }
}

/// Every kind except `private_key` (the last of [`KINDS`](crate::KINDS)), which only appears in PEM dumps.
pub(crate) const PLANTABLE: &[&str] = match crate::KINDS.split_last() {
    Some((_, rest)) => rest,
    None => &[],
};

/// A fresh sensitive value of `kind`.
pub(crate) fn make(rng: &mut Rng, kind: &'static str) -> Planted {
    let whole = |text: String| Planted::whole(kind, text);
    match kind {
        "email" => whole(v::email(rng)),
        "phone" => whole(v::phone(rng)),
        "ssn" => {
            if rng.percent(20) {
                let digits = v::ssn_bare(rng);
                Planted {
                    kind,
                    text: format!("SSN: {digits}"),
                    span: 5..14,
                }
            } else {
                whole(v::ssn(rng))
            }
        }
        "credit_card" => whole(v::credit_card(rng)),
        "ip_address" => whole(v::ip_address(rng)),
        "iban" => whole(v::iban(rng)),
        "aws_access_key_id" => whole(v::aws_access_key_id(rng)),
        "aws_secret_access_key" => whole(v::aws_secret_value(rng)),
        "github_token" => whole(v::github_token(rng)),
        "gitlab_token" => whole(v::gitlab_token(rng)),
        "slack_token" => whole(v::slack_token(rng)),
        "slack_webhook" => whole(v::slack_webhook(rng)),
        "stripe_key" => whole(v::stripe_key(rng)),
        "openai_api_key" => whole(v::openai_api_key(rng)),
        "anthropic_api_key" => whole(v::anthropic_api_key(rng)),
        "google_api_key" => whole(v::google_api_key(rng)),
        "npm_token" => whole(v::npm_token(rng)),
        "pypi_token" => whole(v::pypi_token(rng)),
        "sendgrid_key" => whole(v::sendgrid_key(rng)),
        "twilio_key" => whole(v::twilio_key(rng)),
        "huggingface_token" => whole(v::huggingface_token(rng)),
        "databricks_token" => whole(v::databricks_token(rng)),
        "digitalocean_token" => whole(v::digitalocean_token(rng)),
        "shopify_token" => whole(v::shopify_token(rng)),
        "discord_token" => whole(v::discord_token(rng)),
        "discord_webhook" => whole(v::discord_webhook(rng)),
        "vault_token" => whole(v::vault_token(rng)),
        "google_oauth_token" => whole(v::google_oauth_token(rng)),
        "google_client_secret" => whole(v::google_client_secret(rng)),
        "telegram_bot_token" => whole(v::telegram_bot_token(rng)),
        "groq_api_key" => whole(v::groq_api_key(rng)),
        "session_cookie" => {
            let name = *rng.pick(SESSION_COOKIES);
            let value = v::session_value(rng, name);
            let start = name.len() + 1;
            Planted {
                kind,
                span: start..start + value.len(),
                text: format!("{name}={value}"),
            }
        }
        "jwt" => whole(v::jwt(rng)),
        "private_key" => whole(v::private_key(rng)),
        "connection_string" => {
            let (text, span) = v::connection_string(rng);
            Planted { kind, text, span }
        }
        "bearer_token" => {
            let token = v::bearer_value(rng);
            Planted {
                kind,
                span: 7..7 + token.len(),
                text: format!("Bearer {token}"),
            }
        }
        "generic_secret" => whole(v::generic_secret_value(rng)),
        _ => whole(v::password_value(rng)),
    }
}

/// The names of well-known session cookies: Django, Java servlets, PHP, Express, ASP.NET,
/// Laravel, Rails, NextAuth and the `__Host-` prefix.
const SESSION_COOKIES: &[&str] = &[
    "sessionid",
    "JSESSIONID",
    "PHPSESSID",
    "connect.sid",
    "ASP.NET_SessionId",
    "laravel_session",
    "_session_id",
    "__Secure-next-auth.session-token",
    "__Host-session",
    "remember_token",
];

/// Where a planted value can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Json,
    Log,
    Csv,
    Email,
    Html,
    Env,
    Http,
    Yaml,
    Toml,
    /// A shell session: `curl -u user:password`, `mysql -ppassword`.
    Shell,
    /// `cat` of a `.netrc` or `.pgpass`.
    Dotfile,
    /// An XML config: `<password>…</password>`, `<add key="DbPassword" value="…"/>`.
    Xml,
    /// Name/value pairs: ECS task definitions, SSM parameters, Kubernetes `env` lists,
    /// GitLab variables, ODBC connection strings.
    Pairs,
}

/// The contexts of a password's other shapes, drawn as often as two kinds of their own.
const PASSWORD_SHAPES: &[Ctx] = &[Ctx::Shell, Ctx::Dotfile, Ctx::Xml, Ctx::Pairs];

const PII: &[&str] = &["email", "phone", "ssn", "credit_card", "ip_address", "iban"];

/// The contexts a kind is planted in.
fn contexts(kind: &str) -> &'static [Ctx] {
    use Ctx::*;
    match kind {
        "email" | "ip_address" => &[Json, Log, Csv, Email, Html, Yaml, Env, Http],
        k if PII.contains(&k) => &[Json, Log, Csv, Email, Html, Yaml, Env],
        "github_token" | "gitlab_token" | "stripe_key" | "openai_api_key" | "anthropic_api_key"
        | "sendgrid_key" | "npm_token" | "jwt" => {
            &[Json, Log, Csv, Email, Html, Env, Yaml, Toml, Http]
        }
        "aws_secret_access_key" => &[Env, Log, Toml],
        "connection_string" => &[Json, Env, Yaml, Log, Email, Toml],
        "password" => &[Json, Env, Yaml, Log, Http, Toml],
        "bearer_token" => &[Http, Json, Log],
        "generic_secret" => &[Json, Env, Yaml, Log, Toml],
        "session_cookie" => &[Http, Http, Log],
        // Sent as `Authorization: Bearer hf_…` (`dapi…`, `dop_v1_…`, `gsk_…`), `Bot …`,
        // `X-Vault-Token: …`, `X-Shopify-Access-Token: …` or `Bearer shpat_…` (see
        // `http_block`).
        "huggingface_token" | "discord_token" | "vault_token" | "shopify_token"
        | "databricks_token" | "digitalocean_token" | "groq_api_key" => {
            &[Json, Log, Csv, Email, Html, Env, Yaml, Toml, Http]
        }
        // Also in a request to the Bot API logged with its URL (see `log_line`).
        "telegram_bot_token" => &[Json, Log, Log, Csv, Email, Html, Env, Yaml, Toml],
        // A Google access token after `Bearer` is labelled a `bearer_token` (see
        // `values::bearer_value`).
        _ => &[Json, Log, Csv, Email, Html, Env, Yaml, Toml],
    }
}

/// Field names for a kind: (snake_case, ENV_STYLE).
fn names(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "email" => (
            &["email", "contact", "reply_to", "owner_email"],
            &["SUPPORT_EMAIL", "ADMIN_EMAIL", "GIT_AUTHOR_EMAIL"],
        ),
        "phone" => (
            &["phone", "mobile", "tel"],
            &["SUPPORT_PHONE", "ONCALL_PHONE"],
        ),
        "ssn" => (&["ssn", "tax_id"], &["TEST_SSN"]),
        "credit_card" => (&["card_number", "pan", "cc_number"], &["TEST_CARD_NUMBER"]),
        "ip_address" => (
            &["ip", "client_ip", "remote_addr", "peer"],
            &["BIND_ADDR", "UPSTREAM_IP"],
        ),
        "iban" => (&["iban", "payout_iban"], &["PAYOUT_IBAN"]),
        "aws_access_key_id" => (
            &["aws_access_key_id", "AccessKeyId", "access_key_id"],
            &["AWS_ACCESS_KEY_ID"],
        ),
        "aws_secret_access_key" => (&["aws_secret_access_key"], &["AWS_SECRET_ACCESS_KEY"]),
        "github_token" => (
            &["github_token", "token", "gh_token"],
            &["GITHUB_TOKEN", "GH_TOKEN"],
        ),
        "gitlab_token" => (
            &["gitlab_token", "private_token"],
            &["GITLAB_TOKEN", "GL_TOKEN"],
        ),
        "slack_token" => (&["slack_token", "bot_token"], &["SLACK_BOT_TOKEN"]),
        "slack_webhook" => (&["webhook_url", "slack_webhook"], &["SLACK_WEBHOOK_URL"]),
        "stripe_key" => (
            &["stripe_key", "secret_key"],
            &["STRIPE_SECRET_KEY", "STRIPE_API_KEY"],
        ),
        "openai_api_key" => (&["openai_api_key", "api_key"], &["OPENAI_API_KEY"]),
        "anthropic_api_key" => (&["anthropic_api_key", "api_key"], &["ANTHROPIC_API_KEY"]),
        "google_api_key" => (
            &["google_api_key", "maps_key"],
            &["GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY"],
        ),
        "npm_token" => (&["npm_token", "_authToken"], &["NPM_TOKEN"]),
        "pypi_token" => (
            &["pypi_token", "password"],
            &["PYPI_TOKEN", "TWINE_PASSWORD"],
        ),
        "sendgrid_key" => (&["sendgrid_api_key"], &["SENDGRID_API_KEY"]),
        "twilio_key" => (&["twilio_api_key", "api_key_sid"], &["TWILIO_API_KEY"]),
        "jwt" => (&["id_token", "jwt", "session"], &["JWT", "SESSION_JWT"]),
        "connection_string" => (
            &["database_url", "dsn", "url", "broker_url"],
            &["DATABASE_URL", "REDIS_URL", "MONGO_URI", "AMQP_URL"],
        ),
        "bearer_token" => (&["Authorization", "authorization"], &["AUTHORIZATION"]),
        "huggingface_token" => (
            &["hf_token", "huggingface_token", "token"],
            &["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"],
        ),
        "databricks_token" => (&["databricks_token", "token"], &["DATABRICKS_TOKEN"]),
        "digitalocean_token" => (
            &["do_token", "access_token"],
            &["DIGITALOCEAN_ACCESS_TOKEN", "DO_TOKEN"],
        ),
        "shopify_token" => (
            &["shopify_access_token", "access_token"],
            &["SHOPIFY_ACCESS_TOKEN", "SHOPIFY_API_SECRET"],
        ),
        "discord_token" => (
            &["discord_token", "bot_token"],
            &["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"],
        ),
        "discord_webhook" => (
            &["webhook_url", "discord_webhook"],
            &["DISCORD_WEBHOOK_URL"],
        ),
        "vault_token" => (&["vault_token", "client_token"], &["VAULT_TOKEN"]),
        "google_oauth_token" => (
            &["access_token", "google_access_token"],
            &["GOOGLE_OAUTH_ACCESS_TOKEN"],
        ),
        "google_client_secret" => (&["client_secret"], &["GOOGLE_CLIENT_SECRET"]),
        "telegram_bot_token" => (&["telegram_token", "bot_token"], &["TELEGRAM_BOT_TOKEN"]),
        "groq_api_key" => (&["groq_api_key", "api_key"], &["GROQ_API_KEY"]),
        "session_cookie" => (&["session"], &["SESSION_COOKIE"]),
        "generic_secret" => (
            &["encryption_salt_key", "webhook_key", "license_key"],
            &["ENCRYPTION_SALT_KEY", "WEBHOOK_KEY", "LICENSE_KEY"],
        ),
        _ => (
            &[
                "password",
                "db_password",
                "admin_password",
                "client_secret",
                "api_key",
                "secret",
                "auth_token",
                "access_token",
            ],
            &[
                "PASSWORD",
                "DB_PASSWORD",
                "SMTP_PASSWORD",
                "REDIS_PASSWORD",
                "CLIENT_SECRET",
                "API_KEY",
                "APP_SECRET",
                "AUTH_TOKEN",
            ],
        ),
    }
}

/// Passwords by other names (issue 14): short, qualified, or with a word after the
/// secret's: (snake_case, ENV_STYLE).
pub(crate) const OTHER_PASSWORD_NAMES: (&[&str], &[&str]) = (
    &[
        "pwd",
        "passwd",
        "db_pass",
        "secret_value",
        "SecretString",
        "password_prod",
    ],
    &[
        "DB_PASSWORD_PROD",
        "API_KEY_2",
        "DB_PASS",
        "PGPASSWORD",
        "MYSQL_PWD",
        "ADMIN_PASSWORD_OLD",
    ],
);

pub(crate) fn lower_name(rng: &mut Rng, p: &Planted) -> &'static str {
    if p.is_labelled_ssn() {
        return "note";
    }
    if p.is("password") && rng.percent(40) {
        return rng.word(OTHER_PASSWORD_NAMES.0);
    }
    rng.word(names(p.kind).0)
}

fn upper_name(rng: &mut Rng, p: &Planted) -> &'static str {
    if p.is_labelled_ssn() {
        return "NOTE";
    }
    if p.is("password") && rng.percent(40) {
        return rng.word(OTHER_PASSWORD_NAMES.1);
    }
    rng.word(names(p.kind).1)
}

// ---------------------------------------------------------------------------------------------
// Pieces shared by the blocks.

fn neutral_json_field(out: &mut Out, rng: &mut Rng, used: &mut Vec<&'static str>) {
    let (name, value, string) = loop {
        let field = nm::field(rng);
        if !used.contains(&field.0) {
            break field;
        }
    };
    used.push(name);
    if string {
        w!(out, "\"{name}\": \"{value}\"");
    } else {
        w!(out, "\"{name}\": {value}");
    }
}

fn neutral_kv(out: &mut Out, rng: &mut Rng) {
    let (name, value, _) = nm::field(rng);
    if value.contains(' ') {
        w!(out, "{name}=\"{value}\"");
    } else {
        w!(out, "{name}={value}");
    }
}

fn level(rng: &mut Rng) -> &'static str {
    rng.word(&["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR", "TRACE"])
}

fn rfc2822(rng: &mut Rng) -> String {
    format!(
        "{}, {} {} 2026 {} {}",
        rng.pick(&["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]),
        rng.range(1, 28),
        rng.pick(&[
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
        ]),
        nm::time(rng),
        rng.pick(&["+0000", "-0500", "+0100", "GMT"])
    )
}

/// A short prose sentence without numbers, for bodies and filler.
fn plain_sentence(rng: &mut Rng, out: &mut Out) {
    prose::sentence(rng, &mut out.text, false, true);
}

// ---------------------------------------------------------------------------------------------
// Blocks. Each writes whole lines and ends with a newline.

fn json_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    const EVENTS: &[&str] = &[
        "order.created",
        "user.login",
        "payment.failed",
        "invoice.paid",
        "job.retry",
        "cache.miss",
        "webhook.sent",
        "profile.updated",
        "export.finished",
        "session.refreshed",
    ];
    w!(
        out,
        "{{\"ts\": \"{}\", \"level\": \"{}\", \"event\": \"{}\", \"request_id\": \"{}\"",
        nm::iso(rng),
        level(rng).to_ascii_lowercase(),
        rng.pick(EVENTS),
        nm::uuid(rng)
    );
    let fields = rng.range(2, 6);
    let at = rng.below(fields + 1);
    let mut used = Vec::with_capacity(fields + 1);
    used.push("request_id");
    for i in 0..=fields {
        if i == at
            && let Some(p) = planted
        {
            out.s(", ");
            w!(out, "\"{}\": \"", lower_name(rng, p));
            out.plant(p);
            out.s("\"");
        }
        if i < fields {
            out.s(", ");
            neutral_json_field(out, rng, &mut used);
        }
    }
    w!(out, ", \"duration_ms\": {}}}\n", rng.range(1, 5000));
}

fn log_prefix(out: &mut Out, rng: &mut Rng) {
    const MODULES: &[&str] = &[
        "http",
        "db::pool",
        "app::feed::add",
        "serde::de",
        "worker",
        "auth::session",
        "billing",
        "tokio::net",
        "scheduler",
        "mailer",
    ];
    w!(
        out,
        "{} {:<5} [worker-{}] {}: ",
        nm::iso(rng),
        level(rng),
        rng.below(16),
        rng.pick(MODULES)
    );
}

fn log_message(out: &mut Out, rng: &mut Rng) {
    const MESSAGES: &[&str] = &[
        "request completed",
        "cache miss",
        "retrying job",
        "user signed in",
        "payment declined",
        "config loaded",
        "webhook delivered",
        "slow query",
        "connection pool exhausted",
        "rate limit near",
        "export finished",
        "skeleton screen rendered by task-runner",
    ];
    out.s(rng.word(MESSAGES));
}

/// One `name=value` pair of a planted value in a log line.
fn log_pair(out: &mut Out, rng: &mut Rng, p: &Planted) {
    match p.kind {
        "bearer_token" => out.s("Authorization: "),
        "aws_secret_access_key" => out.s("AWS_SECRET_ACCESS_KEY="),
        "connection_string" => out.s("connecting to "),
        _ if p.has_space() => {
            w!(out, "{}=\"", lower_name(rng, p));
            out.plant(p);
            out.s("\"");
            return;
        }
        _ => w!(out, "{}=", lower_name(rng, p)),
    }
    out.plant(p);
}

fn log_line(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    if let Some(p) = planted {
        if p.is("ip_address") && rng.percent(50) {
            return ip_log_line(out, rng, p);
        }
        if p.is("google_api_key") && rng.percent(50) {
            log_prefix(out, rng);
            w!(
                out,
                "GET https://maps.googleapis.com/maps/api/geocode/json?address={}&key=",
                rng.pick(nm::CITIES)
            );
            out.plant(p);
            w!(out, " status={}\n", rng.pick(&[200, 403]));
            return;
        }
        if p.is("telegram_bot_token") && rng.percent(70) {
            log_prefix(out, rng);
            out.s("POST https://api.telegram.org/bot");
            out.plant(p);
            w!(
                out,
                "/{} status={}\n",
                rng.pick(&["sendMessage", "getUpdates", "getMe"]),
                rng.pick(&[200, 401, 429])
            );
            return;
        }
        if p.is("session_cookie") {
            log_prefix(out, rng);
            w!(
                out,
                "proxy: forwarding {} /{} Cookie: {}",
                rng.pick(&["GET", "POST"]),
                rng.pick(&["cart", "account", "api/v1/me"]),
                neutral_cookies(rng)
            );
            out.plant(p);
            out.s("\n");
            return;
        }
        if p.is("password") && rng.percent(30) {
            log_prefix(out, rng);
            w!(out, "POST /login?user={}&password=", rng.pick(v::FIRST));
            out.plant(p);
            w!(
                out,
                "&remember=1 HTTP/1.1 status={}\n",
                rng.pick(&[200, 302, 401])
            );
            return;
        }
    }
    log_prefix(out, rng);
    log_message(out, rng);
    let pairs = rng.range(1, 5);
    let at = rng.below(pairs + 1);
    for i in 0..=pairs {
        if i == at
            && let Some(p) = planted
        {
            out.s(" ");
            log_pair(out, rng, p);
        }
        if i < pairs {
            out.s(" ");
            neutral_kv(out, rng);
        }
    }
    out.s("\n");
}

/// Access-log and sshd lines that carry a client IP.
fn ip_log_line(out: &mut Out, rng: &mut Rng, p: &Planted) {
    if rng.percent(50) {
        out.plant(p);
        w!(
            out,
            " - - [{:02}/Nov/2026:{} +0000] \"GET /api/v1/orders/{}?page={} HTTP/1.1\" {} {} \"-\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/{}.0\"\n",
            rng.range(1, 28),
            nm::time(rng),
            rng.range(1000, 99999),
            rng.range(1, 9),
            rng.pick(&[200, 304, 404]),
            rng.range(200, 90000),
            rng.range(100, 140)
        );
    } else {
        w!(
            out,
            "Nov {:2} {} web-0{} sshd[{}]: Accepted publickey for deploy from ",
            rng.range(1, 28),
            nm::time(rng),
            rng.range(1, 9),
            rng.range(300, 65000)
        );
        out.plant(p);
        w!(
            out,
            " port {} ssh2: ED25519 SHA256:{}\n",
            rng.range(1024, 65535),
            v::body(rng, v::B64, 43)
        );
    }
}

fn log_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    let lines = rng.range(1, 4);
    let at = rng.below(lines);
    for i in 0..lines {
        log_line(out, rng, if i == at { planted } else { None });
    }
}

fn csv_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    out.s("id,customer,contact,city,amount,created_at,order_ref,tracking\n");
    let rows = rng.range(2, 6);
    let at = rng.below(rows);
    for i in 0..rows {
        w!(out, "{},{},", rng.range(1000, 99999), nm::display_name(rng));
        // The planted value sits mid-row, so it is followed by a comma.
        match planted {
            Some(p) if i == at => out.plant(p),
            _ => match rng.below(5) {
                0 => out.s("-"),
                1 => out.s(&nm::version(rng)),
                2 => out.s(&nm::not_a_card(rng)),
                3 => out.s(&nm::nine_digits(rng)),
                _ => out.s(nm::prefix_word(rng)),
            },
        }
        w!(
            out,
            ",{},{}.{:02},{},{},{}\n",
            rng.pick(nm::CITIES),
            rng.range(1, 999),
            rng.below(100),
            nm::date(rng),
            nm::order_id(rng),
            nm::tracking(rng)
        );
    }
}

/// A prose sentence that mentions a planted value.
fn mention(out: &mut Out, rng: &mut Rng, p: &Planted) {
    let (before, after): (&str, &str) = match p.kind {
        "email" => *rng.pick(&[
            ("You can also reach me at ", "."),
            ("Please copy ", " on the reply."),
            ("Send it to <", ">, thanks."),
        ]),
        "phone" => *rng.pick(&[
            ("Call me at ", " after 5pm."),
            ("My number is ", ", thanks."),
            ("Reach me on ", " any time."),
        ]),
        "ssn" if p.is_labelled_ssn() => ("For the form, ", " as requested."),
        "ssn" => *rng.pick(&[
            ("My SSN is ", " if you need it."),
            ("social security number ", ", see attached."),
        ]),
        "credit_card" => *rng.pick(&[
            ("Use my card ", " for the renewal."),
            ("Card on file: ", ", expires 04/29."),
        ]),
        "ip_address" => ("The server at ", " keeps timing out."),
        "iban" => ("Please wire the refund to ", ", thank you."),
        "connection_string" => ("The app connects with ", " in staging."),
        _ => *rng.pick(&[
            ("I accidentally pasted the key ", ", can you rotate it?"),
            ("The old credential \"", "\" was revoked."),
            ("Found ", " in the build log."),
        ]),
    };
    out.s(before);
    out.plant(p);
    out.s(after);
    out.s(" ");
}

fn email_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    let from = v::email(rng);
    w!(out, "From: {} <", nm::display_name(rng));
    out.secret("email", &from);
    out.s(">\nTo: ");
    let to = v::email(rng);
    out.secret("email", &to);
    w!(
        out,
        "\nDate: {}\nSubject: Re: order {} delayed ({})\n\nHi {},\n\n",
        rfc2822(rng),
        nm::order_id(rng),
        nm::date(rng),
        rng.pick(&["team", "Ann", "all", "Jörg"])
    );
    plain_sentence(rng, out);
    if let Some(p) = planted {
        mention(out, rng, p);
    }
    match rng.below(4) {
        0 => w!(
            out,
            "The tracking number is {} and the ticket is {}. ",
            nm::tracking(rng),
            nm::order_id(rng)
        ),
        1 => w!(
            out,
            "It happened at {} on {}, build {}. ",
            nm::time(rng),
            nm::date(rng),
            nm::version(rng)
        ),
        2 => w!(
            out,
            "The reference {} did not work, nor did {}. ",
            nm::not_a_card(rng),
            nm::bad_ssn(rng)
        ),
        _ => plain_sentence(rng, out),
    }
    w!(out, "\n\nThanks,\n{}\n--\n", nm::display_name(rng));
}

fn html_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    w!(
        out,
        "<div class=\"card\" data-id=\"{}\">\n  <h2>{}</h2>\n  <img src=\"/static/icon@2x.png\" alt=\"avatar\" width=\"64\">\n  <p>Updated {} &middot; version {} &middot; {}</p>\n",
        nm::uuid(rng),
        nm::display_name(rng),
        nm::date(rng),
        nm::version(rng),
        nm::any(rng)
    );
    if let Some(p) = planted {
        match rng.below(4) {
            0 if p.is("email") => {
                out.s("  <a href=\"mailto:");
                out.plant(p);
                out.s("\">Contact</a>\n");
            }
            1 => {
                out.s("  <code>");
                out.plant(p);
                out.s("</code>\n");
            }
            _ => {
                w!(out, "  <table><tr><td>{}</td><td>", lower_name(rng, p));
                out.plant(p);
                out.s("</td></tr></table>\n");
            }
        }
    }
    w!(
        out,
        "  <span class=\"muted\">{} {}</span>\n</div>\n",
        nm::any(rng),
        nm::not_email(rng)
    );
}

fn env_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    if let Some(p) = planted {
        if p.is("npm_token") && rng.percent(50) {
            out.s("# ~/.npmrc\n//registry.npmjs.org/:_authToken=");
            out.plant(p);
            out.s("\nalways-auth=true\n");
            return;
        }
        if p.is("pypi_token") && rng.percent(50) {
            out.s("# ~/.pypirc\n[pypi]\n  username = __token__\n  password = ");
            out.plant(p);
            out.s("\n");
            return;
        }
    }
    const NEUTRAL: &[&str] = &[
        "NODE_ENV=production",
        "PORT=8080",
        "LOG_LEVEL=info",
        "MAX_TOKENS=4096",
        "PASSWORD_MIN_LENGTH=12",
        "TOKEN_COUNT_LIMIT=153",
        "TZ=UTC",
        "REGION=us-east-1",
        "CACHE_TTL=3600",
        "PUBLIC_URL=https://app.example.com",
        "FEATURE_FLAGS=task-runner,skeleton",
        "WORKERS=4",
    ];
    w!(
        out,
        "# .env generated {} {}\n",
        nm::date(rng),
        nm::time(rng)
    );
    let lines = rng.range(3, 7);
    let at = rng.below(lines + 1);
    for i in 0..=lines {
        if i == at
            && let Some(p) = planted
        {
            if rng.percent(20) {
                out.s("export ");
            }
            w!(out, "{}=", upper_name(rng, p));
            if p.has_space() {
                out.s("\"");
                out.plant(p);
                out.s("\"\n");
            } else {
                out.plant(p);
                out.s("\n");
            }
        }
        if i < lines {
            match rng.below(4) {
                0 => w!(out, "APP_VERSION={}\n", nm::version(rng)),
                1 => w!(out, "BUILD_SHA={}\n", nm::hex(rng, 40)),
                _ => w!(out, "{}\n", rng.pick(NEUTRAL)),
            }
        }
    }
}

fn http_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    w!(
        out,
        "{} /v{}/{}/{}?page={}&limit=50 HTTP/1.1\nHost: {}\nUser-Agent: {}\nAccept: application/json\n",
        rng.pick(&["GET", "POST", "PUT", "DELETE"]),
        rng.range(1, 3),
        rng.pick(&["orders", "users", "invoices", "repos"]),
        rng.range(1, 99999),
        rng.range(1, 20),
        rng.pick(&["api.example.com", "localhost:8080", "api.github.com"]),
        rng.pick(&[
            "curl/8.5.0",
            "python-requests/2.32.3",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)"
        ])
    );
    let set_cookie = planted.filter(|p| p.is("session_cookie") && rng.percent(50));
    if let Some(p) = planted.filter(|p| set_cookie.is_none() || !p.is("session_cookie")) {
        match p.kind {
            "email" => out.s("From: "),
            "session_cookie" => {
                out.s("Cookie: ");
                out.s(&neutral_cookies(rng));
            }
            "huggingface_token" => out.s("Authorization: Bearer "),
            "discord_token" => out.s("Authorization: Bot "),
            "vault_token" => out.s("X-Vault-Token: "),
            "shopify_token" => {
                out.s(rng.word(&["X-Shopify-Access-Token: ", "Authorization: Bearer "]));
            }
            "ip_address" => out.s(rng.word(&["X-Forwarded-For: ", "X-Real-IP: "])),
            "bearer_token" => out.s("Authorization: "),
            "password" => out.s("X-Api-Key: "),
            "github_token" => out.s(rng.word(&["Authorization: token ", "Authorization: Bearer "])),
            "gitlab_token" => out.s("PRIVATE-TOKEN: "),
            "anthropic_api_key" => out.s("x-api-key: "),
            _ => out.s("Authorization: Bearer "),
        }
        out.plant(p);
        if p.is("session_cookie") && rng.percent(50) {
            out.s("; theme=dark");
        }
        out.s("\n");
    } else if planted.is_none() && rng.percent(20) {
        // Cookies that are no session's, or carry no session id.
        w!(out, "Cookie: {}lang=en-US\n", neutral_cookies(rng));
    }
    w!(
        out,
        "X-Request-Id: {}\n\nHTTP/1.1 {}\nContent-Type: application/json\nContent-Length: {}\nDate: {}\nETag: \"{}\"\nX-RateLimit-Remaining: {}\n",
        nm::uuid(rng),
        rng.pick(&[
            "200 OK",
            "201 Created",
            "404 Not Found",
            "429 Too Many Requests"
        ]),
        rng.range(2, 99999),
        rfc2822(rng),
        nm::hex(rng, 40),
        rng.range(0, 5000)
    );
    if let Some(p) = set_cookie {
        out.s("Set-Cookie: ");
        out.plant(p);
        w!(
            out,
            "; Path=/; {}HttpOnly; SameSite=Lax\n",
            rng.pick(&["", "Secure; ", "Max-Age=1209600; "])
        );
    } else if planted.is_none() && rng.percent(10) {
        w!(
            out,
            "Set-Cookie: {}\n",
            rng.pick(&[
                "sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
                "PHPSESSID=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; path=/",
                "theme=dark; Path=/; Max-Age=31536000",
                "session=${SESSION}; Path=/",
            ])
        );
    }
    out.s("\n");
}

/// Cookies before a session's in a `Cookie:` header, each followed by `; `: analytics
/// and preferences, never a session's.
fn neutral_cookies(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(3) {
        match rng.below(4) {
            0 => {
                let _ = write!(
                    s,
                    "_ga=GA1.2.{}.{}; ",
                    rng.range(100_000_000, 999_999_999),
                    rng.range(1_700_000_000, 1_790_000_000)
                );
            }
            1 => s.push_str("theme=dark; "),
            2 => {
                let _ = write!(s, "_gid=GA1.2.{}; ", rng.range(1000, 99999));
            }
            _ => s.push_str("cookie_consent=accepted; "),
        }
    }
    s
}

fn yaml_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    w!(
        out,
        "service:\n  name: orders-api\n  version: {}\n  listen: {}\ndatabase:\n  host: db.internal\n  port: 5432\n  pool_size: {}\n",
        nm::version(rng),
        nm::host_port(rng),
        rng.range(2, 64)
    );
    if let Some(p) = planted {
        let name = if rng.percent(40) {
            upper_name(rng, p)
        } else {
            lower_name(rng, p)
        };
        w!(out, "  {name}: ");
        out.plant(p);
        out.s("\n");
    }
    w!(
        out,
        "auth:\n  password_min_length: {}\n  max_tokens: {}\n  token_ttl: {}\n  updated: {}\n",
        rng.range(8, 16),
        rng.pick(&[1024, 4096, 8192]),
        rng.pick(&["15m", "1h", "3600"]),
        nm::iso(rng)
    );
}

fn toml_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    if let Some(p) = planted
        && p.is("aws_secret_access_key")
    {
        w!(
            out,
            "[{}]\naws_access_key_id = ",
            rng.pick(&["default", "profile prod", "ci"])
        );
        let id = v::aws_access_key_id(rng);
        out.secret("aws_access_key_id", &id);
        out.s("\naws_secret_access_key = ");
        out.plant(p);
        w!(
            out,
            "\nregion = {}\n",
            rng.pick(&["us-east-1", "eu-west-1"])
        );
        return;
    }
    w!(
        out,
        "[server]\nhost = \"{}\"\nworkers = {}\nstarted = \"{}\"\n\n[auth]\n",
        nm::host_port(rng),
        rng.range(1, 16),
        nm::iso(rng)
    );
    if let Some(p) = planted {
        w!(out, "{} = \"", lower_name(rng, p));
        out.plant(p);
        out.s("\"\n");
    }
    w!(out, "session_id = \"{}\"\n", nm::uuid(rng));
}

/// A URL a command line fetches.
fn api_url(rng: &mut Rng) -> String {
    format!(
        "https://{}/{}/{}?page={}",
        rng.pick(&["api.example.com", "nexus.internal", "registry.example.org"]),
        rng.pick(&["v1", "v2", "service/rest/v1"]),
        rng.pick(&["orders", "repositories", "search/assets", "status"]),
        rng.range(1, 9)
    )
}

/// Shell commands that take no password on their command line: they prompt, or read it
/// from a variable.
fn neutral_command(out: &mut Out, rng: &mut Rng) {
    match rng.below(6) {
        0 => w!(
            out,
            "$ curl -u {} {}\nEnter host password for user '{0}':\n",
            rng.pick(v::FIRST),
            api_url(rng)
        ),
        1 => w!(
            out,
            "$ mysql -h db.internal -u root -p orders\nEnter password:\n"
        ),
        2 => w!(
            out,
            "$ curl -sS -u \"$API_USER:$API_PASS\" {}\n",
            api_url(rng)
        ),
        3 => w!(
            out,
            "$ mysqldump --password=\"${{MYSQL_PWD}}\" orders > dump-{}.sql\n",
            nm::date(rng)
        ),
        4 => w!(
            out,
            "$ curl -s {} | jq '.count'\n{}\n",
            api_url(rng),
            rng.range(1, 999)
        ),
        _ => w!(
            out,
            "$ git log --oneline -1\n{} {}\n",
            nm::hex(rng, 7),
            rng.pick(&[
                "fix: rotate the password on deploy",
                "docs: explain the token flow"
            ])
        ),
    }
}

/// A shell session with a password on a command line: `curl -u user:password URL`,
/// `mysql -ppassword`, `--password=password`.
fn shell_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    if rng.percent(50) {
        neutral_command(out, rng);
    }
    if let Some(p) = planted {
        let user = *rng.pick(&["deploy", "admin", "ci-bot", "root", "app"]);
        match rng.below(7) {
            0 => {
                w!(out, "$ curl -sS -u {user}:");
                out.plant(p);
                w!(out, " {}\n", api_url(rng));
            }
            1 => {
                w!(out, "$ curl -X POST --user {user}:");
                out.plant(p);
                w!(
                    out,
                    " -H 'Content-Type: application/json' -d '{{\"n\": {}}}' {}\n",
                    rng.range(1, 99),
                    api_url(rng)
                );
            }
            2 => {
                w!(out, "$ curl -fsSL -u '{user}:");
                out.plant(p);
                w!(out, "' {}\n", api_url(rng));
            }
            3 => {
                w!(out, "$ curl -X PUT \\\n    -u {user}:");
                out.plant(p);
                w!(
                    out,
                    " \\\n    --upload-file build.tar.gz \\\n    {}\n",
                    api_url(rng)
                );
            }
            4 => {
                w!(out, "$ mysql -h db.internal -u {user} -p");
                out.plant(p);
                w!(
                    out,
                    " orders -e 'select count(*) from orders'\nmysql: [Warning] Using a password on the command line interface can be insecure.\n+----------+\n| count(*) |\n+----------+\n| {:>8} |\n+----------+\n",
                    rng.range(1, 99999)
                );
            }
            5 => {
                w!(out, "$ mysqldump -u {user} --password=");
                out.plant(p);
                w!(
                    out,
                    " --single-transaction orders > orders-{}.sql\n",
                    nm::date(rng)
                );
            }
            _ => {
                w!(out, "+ mysqladmin -u {user} -p");
                out.plant(p);
                out.s(" status\nUptime: 3600  Threads: 2  Questions: 42\n");
            }
        }
    }
    if planted.is_none() || rng.percent(30) {
        neutral_command(out, rng);
    }
}

/// A `.netrc` or `.pgpass` printed by `cat`.
fn dotfile_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    let host = *rng.pick(&[
        "api.example.com",
        "github.com",
        "nexus.internal",
        "db.internal",
    ]);
    let user = *rng.pick(&["deploy", "ann", "ci-bot", "app", "replicator"]);
    if rng.percent(50) {
        out.s("$ cat ~/.netrc\n");
        let Some(p) = planted else {
            // An entry without a password (it is asked for), and a macro.
            w!(out, "machine {host} login {user}\nmacdef init\ncd /pub\n\n");
            return;
        };
        if rng.percent(50) {
            w!(out, "machine {host} login {user} password ");
            out.plant(p);
            out.s("\n");
        } else {
            w!(out, "machine {host}\n  login {user}\n  password ");
            out.plant(p);
            out.s("\n");
        }
        if rng.percent(30) {
            out.s("default login anonymous\n");
        }
    } else {
        w!(
            out,
            "$ cat ~/.pgpass\n# hostname:port:database:username:password\n"
        );
        let Some(p) = planted else {
            return;
        };
        w!(
            out,
            "{}:{}:{}:{user}:",
            rng.pick(&["db.internal", "localhost", "*", "pg-primary.prod.internal"]),
            rng.pick(&["5432", "6432", "*"]),
            rng.pick(&["orders", "analytics", "*"])
        );
        out.plant(p);
        out.s("\n");
    }
}

/// An XML config: a Maven `settings.xml` server, an app's `<database>` element, or a .NET
/// `appSettings` section.
fn xml_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    match rng.below(3) {
        0 => {
            w!(
                out,
                "<settings>\n  <servers>\n    <server>\n      <id>{}</id>\n      <username>{}</username>\n",
                rng.pick(&["nexus-releases", "central", "github"]),
                rng.pick(v::FIRST)
            );
            if let Some(p) = planted {
                out.s("      <password>");
                out.plant(p);
                out.s("</password>\n");
            } else {
                out.s("      <password/>\n");
            }
            out.s("    </server>\n  </servers>\n</settings>\n");
        }
        1 => {
            w!(
                out,
                "<database>\n  <host>db.internal</host>\n  <port>5432</port>\n  <passwordPolicy>{}</passwordPolicy>\n",
                rng.pick(&["strict", "default"])
            );
            if let Some(p) = planted {
                let tag = *rng.pick(&[
                    "password",
                    "Password",
                    "dbPassword",
                    "db:Password",
                    "clientSecret",
                    "ApiKey",
                ]);
                w!(out, "  <{tag}>");
                out.plant(p);
                w!(out, "</{tag}>\n");
            }
            w!(
                out,
                "  <tokenUrl>https://auth.example.com/oauth/token</tokenUrl>\n</database>\n"
            );
        }
        _ => {
            w!(
                out,
                "<appSettings>\n  <add key=\"LogLevel\" value=\"{}\" />\n  <add key=\"PasswordMinLength\" value=\"{}\" />\n",
                rng.pick(&["Information", "Warning"]),
                rng.range(8, 16)
            );
            if let Some(p) = planted {
                let key = *rng.pick(&["DbPassword", "SmtpPassword", "ApiKey", "ClientSecret"]);
                w!(out, "  <add key=\"{key}\" value=\"");
                out.plant(p);
                out.s("\" />\n");
            }
            out.s("</appSettings>\n");
        }
    }
}

/// A neutral name/value pair: its name and value.
fn neutral_pair(rng: &mut Rng) -> (&'static str, String) {
    match rng.below(5) {
        0 => ("LOG_LEVEL", (*rng.pick(&["info", "debug"])).to_owned()),
        1 => ("PASSWORD_MIN_LENGTH", rng.range(8, 16).to_string()),
        2 => ("DB_PASSWORD_FILE", "/run/secrets/db_password".to_owned()),
        3 => ("API_TOKEN_TTL", rng.pick(&["3600", "900"]).to_string()),
        _ => (
            "REGION",
            (*rng.pick(&["us-east-1", "eu-west-1"])).to_owned(),
        ),
    }
}

/// Name/value pairs whose name says the value is a password: an ECS task definition's
/// `environment`, an SSM parameter, a Kubernetes `env` list, GitLab's variables, and an
/// ODBC connection string's `Pwd=`.
fn pairs_block(out: &mut Out, rng: &mut Rng, planted: Option<&Planted>) {
    let secret_name = *rng.pick(&[
        "DB_PASSWORD",
        "SMTP_PASSWORD",
        "API_KEY",
        "CLIENT_SECRET",
        "DEPLOY_TOKEN",
        "REDIS_PASSWORD",
    ]);
    let (name, value) = neutral_pair(rng);
    match rng.below(5) {
        0 => {
            w!(
                out,
                "\"environment\": [{{\"name\": \"{name}\", \"value\": \"{value}\"}}"
            );
            if let Some(p) = planted {
                w!(out, ", {{\"name\": \"{secret_name}\", \"value\": \"");
                out.plant(p);
                out.s("\"}");
            }
            out.s("],\n");
        }
        1 => {
            let path = *rng.pick(&[
                "/prod/db/password",
                "/staging/api/key",
                "/app/smtp_password",
            ]);
            match planted {
                Some(p) => {
                    w!(
                        out,
                        "{{\"Parameter\": {{\"Name\": \"{path}\", \"Type\": \"SecureString\", \"Value\": \""
                    );
                    out.plant(p);
                    w!(out, "\", \"Version\": {}}}}}\n", rng.range(1, 9));
                }
                None => w!(
                    out,
                    "{{\"Parameter\": {{\"Name\": \"/prod/app/log_level\", \"Type\": \"String\", \"Value\": \"{value}\", \"Version\": 1}}}}\n"
                ),
            }
        }
        2 => {
            w!(
                out,
                "        env:\n        - name: {name}\n          value: \"{value}\"\n"
            );
            if let Some(p) = planted {
                w!(out, "        - name: {secret_name}\n          value: ");
                out.plant(p);
                out.s("\n");
            }
        }
        3 => {
            w!(
                out,
                "[{{\"key\": \"{name}\", \"value\": \"{value}\", \"protected\": false}}"
            );
            if let Some(p) = planted {
                w!(out, ", {{\"key\": \"{secret_name}\", \"value\": \"");
                out.plant(p);
                out.s("\", \"protected\": true, \"masked\": true}");
            }
            out.s("]\n");
        }
        _ => {
            w!(
                out,
                "ConnectionStrings__Orders=\"Driver={{ODBC Driver 18 for SQL Server}};Server=tcp:db.example.com,1433;Database=orders;Uid=app;"
            );
            if let Some(p) = planted {
                out.s("Pwd=");
                out.plant(p);
                out.s(";");
            }
            out.s("Encrypt=yes;\"\n");
        }
    }
}

pub(crate) fn pem_block(out: &mut Out, rng: &mut Rng, private: bool) {
    w!(
        out,
        "$ cat {}\n",
        rng.pick(&[
            "~/.ssh/id_rsa",
            "./certs/server.key",
            "/etc/ssl/private/app.pem",
            "key.pem"
        ])
    );
    if private {
        let key = v::private_key(rng);
        out.secret("private_key", &key);
        out.s("\n");
    } else {
        let label = *rng.pick(&["CERTIFICATE", "PUBLIC KEY"]);
        let lines = rng.range(3, 8);
        w!(
            out,
            "-----BEGIN {label}-----\n{}-----END {label}-----\n",
            v::pem_body(rng, "MIIB", lines)
        );
    }
}

fn prose_block(out: &mut Out, rng: &mut Rng) {
    prose::paragraph(rng, &mut out.text, true, true);
}

fn block(out: &mut Out, rng: &mut Rng, ctx: Ctx, planted: Option<&Planted>) {
    match ctx {
        Ctx::Json => json_block(out, rng, planted),
        Ctx::Log => log_block(out, rng, planted),
        Ctx::Csv => csv_block(out, rng, planted),
        Ctx::Email => email_block(out, rng, planted),
        Ctx::Html => html_block(out, rng, planted),
        Ctx::Env => env_block(out, rng, planted),
        Ctx::Http => http_block(out, rng, planted),
        Ctx::Yaml => yaml_block(out, rng, planted),
        Ctx::Toml => toml_block(out, rng, planted),
        Ctx::Shell => shell_block(out, rng, planted),
        Ctx::Dotfile => dotfile_block(out, rng, planted),
        Ctx::Xml => xml_block(out, rng, planted),
        Ctx::Pairs => pairs_block(out, rng, planted),
    }
}

/// Per mille of blocks that carry a planted value.
const PLANT_PERMILLE: usize = 280;

/// One planted block in this many is a PEM private key.
const PEM_ODDS: usize = 80;

/// One block: planted or neutral, of a random format.
pub(crate) fn any_block(out: &mut Out, rng: &mut Rng) {
    if rng.permille(PLANT_PERMILLE) {
        return planted_block(out, rng);
    }
    const NEUTRAL: &[(usize, Option<Ctx>)] = &[
        (26, Some(Ctx::Json)),
        (26, Some(Ctx::Log)),
        (4, Some(Ctx::Csv)),
        (2, Some(Ctx::Email)),
        (5, Some(Ctx::Html)),
        (4, Some(Ctx::Env)),
        (5, Some(Ctx::Http)),
        (3, Some(Ctx::Yaml)),
        (3, Some(Ctx::Toml)),
        (1, Some(Ctx::Shell)),
        (1, Some(Ctx::Dotfile)),
        (1, Some(Ctx::Xml)),
        (1, Some(Ctx::Pairs)),
        (12, None),
    ];
    let weights: Vec<usize> = NEUTRAL.iter().map(|(w, _)| *w).collect();
    match NEUTRAL[rng.weighted(&weights)].1 {
        Some(ctx) => block(out, rng, ctx, None),
        None => {
            if rng.percent(3) {
                pem_block(out, rng, false);
            } else {
                prose_block(out, rng);
            }
        }
    }
}

/// One block with a planted value, of a random kind and format.
pub(crate) fn planted_block(out: &mut Out, rng: &mut Rng) {
    if rng.below(PEM_ODDS) == 0 {
        return pem_block(out, rng, true);
    }
    let (kind, ctx) = if rng.below(PLANTABLE.len()) < 2 {
        ("password", *rng.pick(PASSWORD_SHAPES))
    } else {
        let kind = *rng.pick(PLANTABLE);
        (kind, *rng.pick(contexts(kind)))
    };
    let p = make(rng, kind);
    block(out, rng, ctx, Some(&p));
}

/// See [`crate::tool_output`].
pub(crate) fn tool_output(bytes: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed, 0x544f_4f4c);
    let mut out = Out::new(bytes);
    let mut boundary = 0;
    while out.text.len() < bytes {
        boundary = out.text.len();
        any_block(&mut out, &mut rng);
    }
    finish(out, &mut rng, bytes, boundary)
}

/// The corpus of exactly `bytes` bytes: `out` cut back to the `boundary` of its last whole
/// block when it is longer, and filled up with plain words.
pub(crate) fn finish(mut out: Out, rng: &mut Rng, bytes: usize, boundary: usize) -> Corpus {
    if out.text.len() > bytes {
        out.text.truncate(boundary);
        out.labels.retain(|l| l.end <= boundary);
        // Fill the rest with plain words, which cannot look sensitive however they are cut.
        let mut filler = String::with_capacity(bytes - boundary + 256);
        while filler.len() < bytes - boundary {
            prose::sentence(rng, &mut filler, false, false);
        }
        prose::fit(&mut filler, bytes - boundary);
        out.text.push_str(&filler);
    }
    Corpus {
        text: out.text,
        labels: out.labels,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn every_plantable_kind_has_contexts_and_names() {
        for kind in PLANTABLE {
            assert!(!contexts(kind).is_empty());
            let (lower, upper) = names(kind);
            assert!(!lower.is_empty() && !upper.is_empty(), "{kind}");
        }
    }
}

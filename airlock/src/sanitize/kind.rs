//! What a finding is: its [`Kind`] and the [`Category`] the kind belongs to.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// The two families of sensitive data the sanitizer masks.
///
/// ```
/// use airlock::sanitize::{Category, Kind};
///
/// assert_eq!(Kind::Email.category(), Category::Pii);
/// assert_eq!(Kind::GithubToken.category(), Category::Secret);
/// assert_eq!(Category::Secret.to_string(), "secret");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Personal data: email addresses, phone numbers, card numbers, ...
    Pii,
    /// Credentials: API keys, tokens, passwords, private keys, ...
    Secret,
}

impl Category {
    /// The lowercase name used in JSON output and on the command line: `pii` or `secret`.
    ///
    /// The name is also the category's [`Display`](fmt::Display) and serde form:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, Kind};
    ///
    /// assert_eq!(Kind::Email.category().name(), "pii");
    /// assert_eq!(Category::Secret.name(), "secret");
    /// assert_eq!(serde_json::from_str::<Category>(r#""secret""#)?, Category::Secret);
    /// # Ok(())
    /// # }
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Category::Pii => "pii",
            Category::Secret => "secret",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! builtin_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $category:ident; )*) => {
        /// What a detector found.
        ///
        /// The built-in kinds have fixed snake_case names (see [`Kind::name`]); a
        /// [`CustomDetector`](crate::sanitize::CustomDetector) reports a [`Kind::Custom`].
        ///
        /// ```rust
        /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
        /// use airlock::sanitize::Kind;
        ///
        /// let kind: Kind = "credit_card".parse()?;
        /// assert_eq!(kind, Kind::CreditCard);
        /// assert_eq!(kind.name(), "credit_card");
        /// assert!("credit-card".parse::<Kind>().is_err());
        /// # Ok(())
        /// # }
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Kind {
            $( $(#[$doc])* $variant, )*
            /// Found by a custom detector registered on the builder.
            Custom(CustomKind),
        }

        impl Kind {
            /// Every built-in kind, in a fixed order.
            ///
            /// Every built-in kind's name parses back to it:
            ///
            /// ```rust
            /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
            /// use airlock::sanitize::Kind;
            ///
            /// for kind in Kind::BUILTIN {
            ///     assert_eq!(&kind.name().parse::<Kind>()?, kind);
            /// }
            /// assert!(Kind::BUILTIN.contains(&Kind::Email));
            /// assert!(!Kind::BUILTIN.iter().any(|k| matches!(k, Kind::Custom(_))));
            /// # Ok(())
            /// # }
            /// ```
            pub const BUILTIN: &'static [Kind] = &[$(Kind::$variant),*];

            /// The snake_case name of this kind, as used in reports and on the command line.
            ///
            /// It is also the kind's [`Display`](fmt::Display); a custom kind's name is its
            /// detector's:
            ///
            /// ```rust
            /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
            /// use airlock::sanitize::{Category, CustomDetector, Kind};
            ///
            /// assert_eq!(Kind::GithubToken.name(), "github_token");
            /// assert_eq!(Kind::GithubToken.to_string(), "github_token");
            /// let ticket = CustomDetector::new("ticket_id", r"\bT-[0-9]{5}\b", Category::Pii)?;
            /// assert_eq!(ticket.kind().name(), "ticket_id");
            /// # Ok(())
            /// # }
            /// ```
            pub fn name(&self) -> &str {
                match self {
                    $(Kind::$variant => $name,)*
                    Kind::Custom(custom) => custom.name(),
                }
            }

            /// Whether this kind is personal data or a credential.
            ///
            /// ```rust
            /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
            /// use airlock::sanitize::{Category, CustomDetector, Kind};
            ///
            /// assert_eq!(Kind::Iban.category(), Category::Pii);
            /// assert_eq!(Kind::Jwt.category(), Category::Secret);
            /// let ticket = CustomDetector::new("ticket_id", r"\bT-[0-9]{5}\b", Category::Pii)?;
            /// assert_eq!(ticket.kind().category(), Category::Pii);
            /// # Ok(())
            /// # }
            /// ```
            pub fn category(&self) -> Category {
                match self {
                    $(Kind::$variant => Category::$category,)*
                    Kind::Custom(custom) => custom.category(),
                }
            }

            /// The position of a built-in kind in [`Kind::BUILTIN`]; `None` for custom kinds.
            #[inline]
            pub(crate) fn builtin_index(&self) -> Option<usize> {
                /// The built-in kinds' positions, numbered by the compiler.
                #[derive(Clone, Copy)]
                enum Position { $($variant),* }
                match self {
                    $(Kind::$variant => Some(Position::$variant as usize),)*
                    Kind::Custom(_) => None,
                }
            }

            /// Looks up a built-in kind by its name.
            fn from_builtin_name(name: &str) -> Option<Kind> {
                match name {
                    $($name => Some(Kind::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

builtin_kinds! {
    /// An email address.
    Email = "email", Pii;
    /// A phone number: NANP in its usual spellings, or an international `+` number.
    Phone = "phone", Pii;
    /// A US social security number that follows the SSA's allocation rules.
    Ssn = "ssn", Pii;
    /// A payment card number with a known issuer prefix and a valid Luhn check digit.
    CreditCard = "credit_card", Pii;
    /// An IPv4 or IPv6 address.
    IpAddress = "ip_address", Pii;
    /// An international bank account number with a valid mod-97 checksum.
    Iban = "iban", Pii;
    /// An AWS access key id (`AKIA...`, `ASIA...`).
    AwsAccessKeyId = "aws_access_key_id", Secret;
    /// An AWS secret access key, recognised by the name it is assigned to.
    AwsSecretAccessKey = "aws_secret_access_key", Secret;
    /// A GitHub token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`).
    GithubToken = "github_token", Secret;
    /// A GitLab token (`glpat-` and the other `gl*-` prefixes).
    GitlabToken = "gitlab_token", Secret;
    /// A Slack token (`xoxb-`, `xoxp-`, `xapp-`, ...).
    SlackToken = "slack_token", Secret;
    /// A Slack incoming-webhook URL.
    SlackWebhook = "slack_webhook", Secret;
    /// A Stripe secret or restricted key, or a webhook signing secret.
    StripeKey = "stripe_key", Secret;
    /// An OpenAI API key (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, legacy `sk-`).
    OpenaiApiKey = "openai_api_key", Secret;
    /// An Anthropic API key (`sk-ant-...`).
    AnthropicApiKey = "anthropic_api_key", Secret;
    /// A Google API key (`AIza...`).
    GoogleApiKey = "google_api_key", Secret;
    /// An npm access token (`npm_...`).
    NpmToken = "npm_token", Secret;
    /// A PyPI upload token (`pypi-AgE...`).
    PypiToken = "pypi_token", Secret;
    /// A SendGrid API key (`SG.xxx.yyy`).
    SendgridKey = "sendgrid_key", Secret;
    /// A Twilio API key (`SK` and 32 hex digits).
    TwilioKey = "twilio_key", Secret;
    /// A Hugging Face access token (`hf_…`).
    HuggingfaceToken = "huggingface_token", Secret;
    /// A Databricks personal access token (`dapi` and 32 hex digits).
    DatabricksToken = "databricks_token", Secret;
    /// A DigitalOcean token (`dop_v1_`, `doo_v1_` or `dor_v1_` and 64 hex digits).
    DigitaloceanToken = "digitalocean_token", Secret;
    /// A Shopify access token or shared secret (`shpat_`, `shpss_`, `shpca_`, `shppa_`).
    ShopifyToken = "shopify_token", Secret;
    /// A Discord bot token: a user id in base64, a timestamp and an HMAC, joined by `.`.
    DiscordToken = "discord_token", Secret;
    /// A Discord webhook URL (`https://discord.com/api/webhooks/<id>/<token>`).
    DiscordWebhook = "discord_webhook", Secret;
    /// A HashiCorp Vault token (`hvs.`, `hvb.`, `hvr.`).
    VaultToken = "vault_token", Secret;
    /// A Google OAuth access token (`ya29.…`).
    GoogleOauthToken = "google_oauth_token", Secret;
    /// A Google OAuth client secret (`GOCSPX-…`).
    GoogleClientSecret = "google_client_secret", Secret;
    /// A Telegram bot token (`<bot id>:AA…`).
    TelegramBotToken = "telegram_bot_token", Secret;
    /// A Groq API key (`gsk_…`).
    GroqApiKey = "groq_api_key", Secret;
    /// A JSON Web Token.
    Jwt = "jwt", Secret;
    /// A PEM private key block, whatever the key type.
    PrivateKey = "private_key", Secret;
    /// The password inside a URL's user info (`scheme://user:password@host`).
    ConnectionString = "connection_string", Secret;
    /// The value assigned to a password, secret or token name.
    Password = "password", Secret;
    /// The credential of a `Bearer` authorization.
    BearerToken = "bearer_token", Secret;
    /// The value of a session cookie (`sessionid`, `JSESSIONID`, `__Host-…`) in a `Cookie:`
    /// or `Set-Cookie:` header.
    SessionCookie = "session_cookie", Secret;
    /// A high-entropy value assigned to a credential-like name.
    GenericSecret = "generic_secret", Secret;
    /// An exact secret value registered on the sanitizer (for example, from the vault).
    KnownSecret = "known_secret", Secret;
}

impl Kind {
    /// The uppercase label used by the type-only and keyed-hash strategies: `EMAIL`, `GITHUB_TOKEN`.
    ///
    /// The label is what the default strategy writes in place of a finding:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Kind, Sanitizer};
    ///
    /// assert_eq!(Kind::CreditCard.label(), "CREDIT_CARD");
    /// let out = Sanitizer::builder().build()?.sanitize("card 4111 1111 1111 1111");
    /// assert_eq!(out.text, format!("card [{}]", Kind::CreditCard.label()));
    /// # Ok(())
    /// # }
    /// ```
    pub fn label(&self) -> String {
        self.name().to_ascii_uppercase()
    }

    /// Appends [`Kind::label`] to `out` without allocating.
    pub(crate) fn write_label(&self, out: &mut Vec<u8>) {
        out.extend(self.name().bytes().map(|b| b.to_ascii_uppercase()));
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Kind`] from a name that is not a built-in kind.
///
/// Only built-in names parse; the error lists them:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::Kind;
///
/// assert_eq!("email".parse::<Kind>()?, Kind::Email);
/// let err = "e-mail".parse::<Kind>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown kind `e-mail`: expected one of email, phone, "), "{err}");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind `{name}`: expected one of {}", known_kinds())]
pub struct UnknownKind {
    name: String,
}

fn known_kinds() -> String {
    Kind::BUILTIN
        .iter()
        .map(Kind::name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::from_builtin_name(s).ok_or_else(|| UnknownKind {
            name: s.chars().take(64).collect(),
        })
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The kind reported by a [`CustomDetector`](crate::sanitize::CustomDetector): its name and category.
///
/// It is what [`Kind::Custom`] holds:
///
/// ```rust
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use airlock::sanitize::{Category, CustomDetector, Kind};
///
/// let detector = CustomDetector::new("badge", r"\bB-[0-9]{4}\b", Category::Secret)?;
/// let Kind::Custom(custom) = detector.kind() else {
///     return Err("not a custom kind".into());
/// };
/// assert_eq!((custom.name(), custom.category()), ("badge", Category::Secret));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CustomKind {
    name: Arc<str>,
    category: Category,
}

impl CustomKind {
    pub(crate) fn new(name: Arc<str>, category: Category) -> Self {
        CustomKind { name, category }
    }

    /// The name given to the detector.
    ///
    /// The name the findings report, as given to
    /// [`CustomDetector::new`](crate::sanitize::CustomDetector::new):
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Kind, Sanitizer};
    ///
    /// let detector = CustomDetector::new("badge", r"\bB-[0-9]{4}\b", Category::Secret)?;
    /// let s = Sanitizer::builder().detector(detector).build()?;
    /// let out = s.sanitize("badge B-1234");
    /// let Kind::Custom(custom) = out.findings[0].kind() else {
    ///     return Err("not a custom kind".into());
    /// };
    /// assert_eq!(custom.name(), "badge");
    /// # Ok(())
    /// # }
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The category given to the detector.
    ///
    /// The category decides which category strategy masks the findings:
    ///
    /// ```rust
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use airlock::sanitize::{Category, CustomDetector, Kind, Sanitizer, Strategy};
    ///
    /// let detector = CustomDetector::new("badge", r"\bB-[0-9]{4}\b", Category::Secret)?;
    /// let s = Sanitizer::builder()
    ///     .category_strategy(Category::Secret, Strategy::Full)
    ///     .detector(detector.clone())
    ///     .build()?;
    /// let Kind::Custom(custom) = detector.kind() else {
    ///     return Err("not a custom kind".into());
    /// };
    /// assert_eq!(custom.category(), Category::Secret);
    /// assert_eq!(s.sanitize("badge B-1234").text, "badge [REDACTED]");
    /// # Ok(())
    /// # }
    /// ```
    pub fn category(&self) -> Category {
        self.category
    }
}

impl fmt::Debug for CustomKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}/{}", self.name, self.category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_name_round_trips() {
        for kind in Kind::BUILTIN {
            assert_eq!(kind.name().parse::<Kind>().as_ref(), Ok(kind));
            assert_eq!(kind.builtin_index().map(|i| &Kind::BUILTIN[i]), Some(kind));
        }
    }

    #[test]
    fn unknown_kind_lists_the_known_ones() {
        let err = "emial".parse::<Kind>().unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("unknown kind `emial`"), "{text}");
        assert!(
            text.contains("email") && text.contains("private_key"),
            "{text}"
        );
    }

    #[test]
    fn labels_are_uppercase_names() {
        assert_eq!(Kind::GithubToken.label(), "GITHUB_TOKEN");
        assert_eq!(Kind::Email.category(), Category::Pii);
        assert_eq!(Kind::Jwt.category(), Category::Secret);
    }
}

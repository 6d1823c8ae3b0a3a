//! Standalone samples: near misses that must not be flagged, positives that must be.

use crate::nearmiss as nm;
use crate::rng::Rng;
use crate::values::{self as v, ALNUM, B64URL, HEX, WORDCHARS};

/// See [`crate::near_misses`].
pub(crate) fn near_misses(seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed, 0x4e45_4152);
    let rng = &mut rng;
    let mut out: Vec<String> = [
        "550e8400-e29b-41d4-a716-446655440000",
        "123e4567-e89b-12d3-a456-426614174000",
        "3f9a1c2",
        "1.2.3",
        "v10.0.19041.1",
        "2.0.0-beta.1",
        "version 2.3.1",
        "2026-11-22",
        "11/22/2026",
        "10:30:00",
        "10:30",
        "2026-11-22T10:30:00Z",
        "2026-11-22T10:30:00.123+01:00",
        "Date: Sat, 22 Nov 2026 10:30:00 +0000",
        "1763807400",
        "1763807400123",
        "1763807400123456",
        "ORD-2026-000123",
        "#12345678",
        "1Z999AA10123456784",
        "1994 2026",
        "4111111111111112",
        "4111 1111 1111 1112",
        "5555-5555-5555-4445",
        "378282246310006",
        "123456789",
        "987654321",
        "000-12-3456",
        "666-12-3456",
        "900-12-3456",
        "123-00-4567",
        "123-45-0000",
        "123-456-7890",
        "(055) 234-5678",
        "555-123-4567",
        "00:1a:2b:3c:4d:5e",
        "00-1A-2B-3C-4D-5E",
        "localhost:8080",
        "db.internal:5432",
        "3.14159",
        "$12.99",
        "45%",
        "1,234,567",
        "user@localhost",
        "icon@2x.png",
        "logo@3x.webp",
        "@alice",
        "@types/node@20.11.5",
        "@babel/core@7.24.0",
        "deploy@web-01:~$",
        "password_min_length: 12",
        "max_tokens: 4096",
        "token_count=153",
        "\"token_type\": \"Bearer\"",
        "\"expires_in\": 3600",
        "\"password_changed_at\": \"2026-11-22T10:30:00Z\"",
        "\"idempotency_key\": \"550e8400-e29b-41d4-a716-446655440000\"",
        "\"sort_key\": \"created_at\"",
        "task-runner",
        "skeleton",
        "sk-learn",
        "risk-free",
        "ask-me-anything",
        "serde::de::Error",
        "app::feed::add",
        "db::pool",
        "DE88 3704 0044 0532 0130 00",
        "GB83WEST12345698765432",
        "AKIAIOSFODNN7EXA",
        "ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"",
        "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
        // Provider prefixes in words and prose, and too short to be tokens.
        "pip install hf_transfer",
        "use_hf_hub=true",
        "Vestibulum dapibus",
        "the dapi prefix marks a Databricks token",
        "shpat_ tokens",
        "gsk_ keys",
        "hvs.short",
        "ya29.short",
        "GOCSPX-xxxx",
        "dop_v1_",
        // A Discord id that is no token: a snowflake alone, its base64 alone, two parts.
        "user 123456789012345678 joined",
        "MTk4NjIyNDgzNDcxOTI1MjQ4",
        "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ",
        "https://discord.com/api/webhooks/123/abc",
        // Cookies that are no session's, or hold no session id.
        "Cookie: theme=dark; lang=en-US",
        "Set-Cookie: sessionid=; Max-Age=0",
        "Set-Cookie: PHPSESSID=deleted; path=/",
        "Cookie: session=${SESSION}",
        // Commands that prompt for their password, or read it from a variable.
        "curl -u admin https://api.example.com/v1/status",
        "mysql -u root -p orders",
        "curl -u \"$API_USER:$API_PASS\" https://api.example.com",
        "mysql: [Warning] Using a password on the command line interface can be insecure.",
        "machine github.com login ann",
        "# hostname:port:database:username:password",
        // `password` in prose, in a name that is about it, or without a value.
        "password is required",
        "Enter password:",
        "Forgot your password? Reset it from the account page.",
        "<password/>",
        "<passwordPolicy>strict</passwordPolicy>",
        "{\"name\": \"LOG_LEVEL\", \"value\": \"debug\"}",
        "{\"name\": \"PASSWORD_MIN_LENGTH\", \"value\": \"12\"}",
        "DB_PASSWORD_FILE=/run/secrets/db_password",
        "PWD=/home/ann/src",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    out.push(nm::hex(rng, 40));
    out.push(nm::hex(rng, 64));
    out.push(format!("sha256:{}", nm::hex(rng, 64)));
    out.push(format!("nginx@sha256:{}", nm::hex(rng, 64)));
    out.push(format!("pk_live_{}", v::body(rng, ALNUM, 24)));
    for label in ["PUBLIC KEY", "CERTIFICATE"] {
        out.push(format!(
            "-----BEGIN {label}-----\n{}-----END {label}-----",
            v::pem_body(rng, "MIIB", 4)
        ));
    }
    for _ in 0..4 {
        out.push(nm::not_a_card(rng));
        out.push(nm::bad_ssn(rng));
        out.push(nm::bad_phone(rng));
        out.push(v::iban_with(rng, false));
    }
    for _ in 0..12 {
        out.push(nm::any(rng));
    }
    out
}

fn tok(rng: &mut Rng, alphabet: &[u8], n: usize) -> String {
    v::body(rng, alphabet, n)
}

/// See [`crate::positives`].
pub(crate) fn positives(seed: u64) -> Vec<(&'static str, String)> {
    let mut rng = Rng::new(seed, 0x504f_5349);
    let rng = &mut rng;
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut fixed = |kind: &'static str, samples: &[&str]| {
        for s in samples {
            out.push((kind, (*s).to_owned()));
        }
    };
    fixed(
        "email",
        &[
            "ann.lee@example.com",
            "j.smith+orders@mail.example.co.uk",
            "OPS-Team@Example.ORG",
            "first_last@example.com",
            "x@y.io",
            "a.b-c%d@sub-domain.example.museum",
            "user123@domain42.dev",
        ],
    );
    fixed(
        "phone",
        &[
            "555-234-5678",
            "(555) 234-5678",
            "555.234.5678",
            "+1 555 234 5678",
            "+1-555-234-5678",
            "1-555-234-5678",
            "+15552345678",
            "+44 20 7946 0958",
            "+49 30 12345678",
            "+33 1 23 45 67 89",
        ],
    );
    fixed(
        "ssn",
        &[
            "123-45-6789",
            "123 45 6789",
            "SSN: 123456789",
            "078-05-1120",
        ],
    );
    fixed(
        "credit_card",
        &[
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "4111111111111111",
            "5555555555554444",
            "2223003122003222",
            "378282246310005",
            "3782 822463 10005",
            "36227206271667",
            "3622 720627 1667",
            "6011111111111117",
            "6011 1111 1111 1117",
            "3530111333300000",
            "6200000000000005",
        ],
    );
    fixed(
        "ip_address",
        &[
            "203.0.113.42",
            "198.51.100.7",
            "10.0.0.1",
            "192.168.1.254",
            "8.8.8.8",
            "2001:db8:85a3::8a2e:370:7334",
            "fe80::1ff:fe23:4567:890a",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "2606:4700:4700::1111",
        ],
    );
    fixed(
        "iban",
        &[
            "GB82WEST12345698765432",
            "DE89 3704 0044 0532 0130 00",
            "DE89370400440532013000",
            "FR14 2004 1010 0505 0001 3M02 606",
            "NL91ABNA0417164300",
            "ES91 2100 0418 4502 0005 1332",
        ],
    );
    fixed("aws_access_key_id", &["AKIAIOSFODNN7EXAMPLE"]);
    fixed(
        "aws_secret_access_key",
        &["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    );
    fixed(
        "jwt",
        &[
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        ],
    );

    for _ in 0..3 {
        out.push(("email", v::email(rng)));
        out.push(("phone", v::phone(rng)));
        out.push(("ssn", v::ssn(rng)));
        out.push(("ip_address", v::ip_address(rng)));
        out.push(("iban", v::iban(rng)));
    }
    out.push(("ssn", format!("SSN: {}", v::ssn_bare(rng))));
    for _ in 0..8 {
        out.push(("credit_card", v::credit_card(rng)));
    }

    out.push(("aws_access_key_id", v::aws_access_key_id(rng)));
    out.push((
        "aws_access_key_id",
        format!("ASIA{}", tok(rng, v::BASE32, 16)),
    ));
    for name in [
        "AWS_SECRET_ACCESS_KEY=",
        "aws_secret_access_key=",
        "export AWS_SECRET_ACCESS_KEY=",
        "AWS_SECRET_ACCESS_KEY: ",
    ] {
        out.push((
            "aws_secret_access_key",
            format!("{name}{}", v::aws_secret_value(rng)),
        ));
    }
    for name in ["aws_secret_access_key", "SecretAccessKey"] {
        out.push((
            "aws_secret_access_key",
            format!("\"{name}\": \"{}\"", v::aws_secret_value(rng)),
        ));
    }

    for prefix in ["ghp_", "gho_", "ghs_", "ghu_", "ghr_"] {
        out.push(("github_token", format!("{prefix}{}", tok(rng, ALNUM, 36))));
    }
    out.push((
        "github_token",
        format!("github_pat_{}_{}", tok(rng, ALNUM, 22), tok(rng, ALNUM, 59)),
    ));
    out.push((
        "github_token",
        format!("github_pat_{}", tok(rng, WORDCHARS, 82)),
    ));

    out.push(("gitlab_token", v::gitlab_token(rng)));
    out.push(("gitlab_token", format!("glpat-{}", tok(rng, ALNUM, 20))));
    out.push(("gitlab_token", format!("gldt-{}", tok(rng, B64URL, 20))));

    out.push(("slack_token", v::slack_token(rng)));
    out.push((
        "slack_token",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx".to_owned(),
    ));
    out.push((
        "slack_token",
        format!(
            "xoxp-{}-{}-{}-{}",
            rng.digits(12),
            rng.digits(12),
            rng.digits(13),
            rng.string(HEX, 32)
        ),
    ));
    out.push((
        "slack_token",
        format!(
            "xapp-1-A{}-{}-{}",
            tok(rng, v::UPPER_ALNUM, 10),
            rng.digits(13),
            rng.string(HEX, 64)
        ),
    ));
    out.push(("slack_webhook", v::slack_webhook(rng)));
    out.push((
        "slack_webhook",
        "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx".to_owned(),
    ));

    for prefix in ["sk_live_", "sk_test_", "rk_live_", "rk_test_"] {
        out.push(("stripe_key", format!("{prefix}{}", tok(rng, ALNUM, 24))));
    }
    out.push(("stripe_key", format!("sk_live_51{}", tok(rng, ALNUM, 97))));
    out.push(("stripe_key", format!("whsec_{}", tok(rng, ALNUM, 32))));

    out.push((
        "openai_api_key",
        format!("sk-proj-{}", tok(rng, B64URL, 48)),
    ));
    out.push((
        "openai_api_key",
        format!("sk-proj-{}", tok(rng, B64URL, 120)),
    ));
    out.push((
        "openai_api_key",
        format!(
            "sk-proj-{}T3BlbkFJ{}",
            tok(rng, B64URL, 74),
            tok(rng, B64URL, 74)
        ),
    ));
    out.push((
        "openai_api_key",
        format!("sk-svcacct-{}", tok(rng, B64URL, 64)),
    ));
    out.push((
        "openai_api_key",
        format!("sk-admin-{}", tok(rng, B64URL, 64)),
    ));
    out.push((
        "openai_api_key",
        format!("sk-{}T3BlbkFJ{}", tok(rng, ALNUM, 20), tok(rng, ALNUM, 20)),
    ));

    out.push(("anthropic_api_key", v::anthropic_api_key(rng)));
    out.push(("anthropic_api_key", v::anthropic_api_key(rng)));
    out.push((
        "anthropic_api_key",
        format!("sk-ant-admin01-{}AA", tok(rng, B64URL, 93)),
    ));

    for _ in 0..2 {
        out.push(("google_api_key", v::google_api_key(rng)));
        out.push(("npm_token", v::npm_token(rng)));
        out.push(("pypi_token", v::pypi_token(rng)));
        out.push(("sendgrid_key", v::sendgrid_key(rng)));
        out.push(("twilio_key", v::twilio_key(rng)));
    }
    out.push((
        "pypi_token",
        format!("pypi-AgEIcHlwaS5vcmc{}", tok(rng, B64URL, 150)),
    ));

    for _ in 0..3 {
        out.push(("jwt", v::jwt(rng)));
    }

    for _ in 0..2 {
        out.push(("huggingface_token", v::huggingface_token(rng)));
        out.push(("databricks_token", v::databricks_token(rng)));
        out.push(("digitalocean_token", v::digitalocean_token(rng)));
        out.push(("shopify_token", v::shopify_token(rng)));
        out.push(("discord_token", v::discord_token(rng)));
        out.push(("discord_webhook", v::discord_webhook(rng)));
        out.push(("vault_token", v::vault_token(rng)));
        out.push(("google_oauth_token", v::google_oauth_token(rng)));
        out.push(("google_client_secret", v::google_client_secret(rng)));
        out.push(("telegram_bot_token", v::telegram_bot_token(rng)));
        out.push(("groq_api_key", v::groq_api_key(rng)));
    }
    out.push(("databricks_token", format!("dapi{}-3", rng.string(HEX, 32))));
    // Tokens with no digit, or a `--` before the first (found by their prefix alone).
    out.push((
        "groq_api_key",
        format!("gsk_{}", v::body(rng, &ALNUM[..52], 52)),
    ));
    out.push((
        "vault_token",
        format!("hvb.AAAAAQ{}", v::body(rng, &ALNUM[..52], 100)),
    ));
    out.push((
        "vault_token",
        format!("hvr.AAAAAQBz--{}", v::body(rng, ALNUM, 80)),
    ));
    for (before, name) in [
        ("Cookie: ", "sessionid"),
        ("Cookie: _ga=GA1.2.3.4; ", "JSESSIONID"),
        ("Set-Cookie: ", "PHPSESSID"),
        ("cookie: theme=dark; ", "connect.sid"),
    ] {
        out.push((
            "session_cookie",
            format!("{before}{name}={}", v::session_value(rng, name)),
        ));
    }

    for label in [
        "RSA PRIVATE KEY",
        "EC PRIVATE KEY",
        "OPENSSH PRIVATE KEY",
        "PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
        "DSA PRIVATE KEY",
    ] {
        let body = v::pem_body(rng, "MII", 4);
        out.push((
            "private_key",
            format!("-----BEGIN {label}-----\n{body}-----END {label}-----"),
        ));
    }

    let pw = |rng: &mut Rng| tok(rng, ALNUM, 18);
    for (scheme, user, tail) in [
        ("postgres", "app", "@db.internal:5432/app"),
        (
            "postgresql",
            "admin",
            "@pg.example.com/orders?sslmode=require",
        ),
        ("mysql", "root", "@mysql.internal:3306/shop"),
        (
            "mongodb+srv",
            "atlasAdmin",
            "@cluster0.ab1cd.mongodb.net/app?retryWrites=true&w=majority",
        ),
        (
            "mongodb",
            "app",
            "@mongo-0.internal:27017,mongo-1.internal:27017/app?replicaSet=rs0",
        ),
        ("redis", "default", "@cache.internal:6379/0"),
        ("rediss", "default", "@redis.example.com:6380"),
        ("amqp", "guest", "@mq.internal:5672/jobs"),
        ("amqps", "worker", "@rabbit.example.com/vhost"),
    ] {
        let password = pw(rng);
        out.push((
            "connection_string",
            format!("{scheme}://{user}:{password}{tail}"),
        ));
    }
    out.push((
        "connection_string",
        "postgres://app:p%40ss%21word99@db.internal:5432/app".to_owned(),
    ));
    out.push((
        "connection_string",
        format!("redis://:{}@cache.internal:6379/0", pw(rng)),
    ));
    out.push((
        "connection_string",
        format!("DATABASE_URL=postgres://app:{}@db:5432/app", pw(rng)),
    ));

    for (before, after) in [
        ("password=", ""),
        ("\"password\": \"", "\""),
        ("DB_PASSWORD: ", ""),
        ("client_secret = \"", "\""),
        ("\"api_key\": \"", "\""),
        ("X-Api-Key: ", ""),
        ("PASSWORD=", ""),
        ("\"Password\":\"", "\""),
        ("secret: ", ""),
        ("auth_token=", ""),
        ("access_token=", ""),
        ("'password': '", "'"),
        ("SMTP_PASSWORD=", ""),
        ("\"apiKey\": \"", "\""),
        ("passwd=", ""),
        // Other names, command lines, dotfiles, XML elements and name/value pairs.
        ("pwd=", ""),
        ("DB_PASSWORD_PROD=", ""),
        ("API_KEY_2=", ""),
        ("DB_PASS=", ""),
        ("\"SecretString\": \"", "\""),
        ("curl https://api.example.com/v1/status -u admin:", ""),
        ("mysqldump --password=", ""),
        ("machine api.example.com login deploy password ", ""),
        ("<password>", "</password>"),
        ("{\"name\": \"DB_PASSWORD\", \"value\": \"", "\"}"),
    ] {
        out.push((
            "password",
            format!("{before}{}{after}", v::password_value(rng)),
        ));
    }

    for before in [
        "Authorization: Bearer ",
        "authorization: Bearer ",
        "\"Authorization\": \"Bearer ",
    ] {
        let close = if before.starts_with('"') { "\"" } else { "" };
        out.push((
            "bearer_token",
            format!("{before}{}{close}", v::bearer_value(rng)),
        ));
    }
    out.push((
        "bearer_token",
        format!("Authorization: Bearer ya29.a0{}", tok(rng, B64URL, 60)),
    ));

    for (before, after) in [
        ("\"encryption_salt_key\": \"", "\""),
        ("webhook_key: ", ""),
        ("LICENSE_KEY=", ""),
        ("license_key = \"", "\""),
    ] {
        out.push((
            "generic_secret",
            format!("{before}{}{after}", v::generic_secret_value(rng)),
        ));
    }
    out
}

//! Secrets under the names and in the shapes real configs give them: passwords by other
//! names, XML elements, name/value pairs, whole values of any length, and masking twice.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use airlock::sanitize::{Sanitizer, Strategy};
use serde_json::json;

fn masked(text: &str) -> String {
    Sanitizer::new().sanitize(text).text.into_owned()
}

/// Asserts that each of `secrets` is gone from the masked `text`, and that the rest of it
/// (`kept`) stays.
fn hides(text: &str, secrets: &[&str], kept: &[&str]) {
    let out = masked(text);
    for secret in secrets {
        assert!(
            !out.contains(secret),
            "{secret:?} survived in {text:?} -> {out:?}"
        );
    }
    for word in kept {
        assert!(
            out.contains(word),
            "{word:?} was masked in {text:?} -> {out:?}"
        );
    }
}

#[test]
fn passwords_by_other_names() {
    hides(
        "Server=db;Uid=sa;Pwd=hunter2;",
        &["hunter2"],
        &["Server=db;Uid=sa;Pwd="],
    );
    hides(
        "Provider=SQLOLEDB;Data Source=db;User ID=sa;PWD=Tr0ub4dor;",
        &["Tr0ub4dor"],
        &["User ID=sa"],
    );
    for name in [
        "pwd",
        "Pwd",
        "passwd",
        "pass",
        "pw",
        "DB_PASS",
        "DB_PASSWORD_PROD",
        "API_KEY_2",
        "SecretString",
        "secret_value",
        "clientSecret",
        "x-api-key",
        "SMTP_PASS",
    ] {
        hides(
            &format!("{name}=s3cr3t-V4lue\n"),
            &["s3cr3t-V4lue"],
            &[name],
        );
        hides(
            &format!("  {name}: s3cr3t-V4lue\n"),
            &["s3cr3t-V4lue"],
            &[name],
        );
        hides(
            &format!("{{\"{name}\": \"s3cr3t-V4lue\"}}"),
            &["s3cr3t-V4lue"],
            &[name],
        );
    }
}

#[test]
fn names_that_only_look_like_secrets_stay() {
    for text in [
        "passenger: Ann Lee",
        "compass: north",
        "bypass: cache",
        "password_policy: strict",
        "password_min_length: 12",
        "pass: true",
        "pass: 12\nfail: 0",
        "PWD=/home/ann/src",
        "token_url: https://auth.example.com/oauth/token",
        "max_tokens: 4096",
        "DB_PASSWORD_FILE=/run/secrets/db_password",
    ] {
        assert_eq!(masked(text), text);
    }
}

#[test]
fn xml_elements() {
    hides(
        "<config><user>svc</user><password>hunter2</password><ApiKey>k3y-Abc123</ApiKey></config>",
        &["hunter2", "k3y-Abc123"],
        &["<user>svc</user>", "<password>", "</ApiKey>"],
    );
    hides(
        "<db:Password><![CDATA[p<a>ss&word]]></db:Password>",
        &["p<a>ss&word"],
        &["<db:Password>"],
    );
}

#[test]
fn name_value_pairs_in_text() {
    hides(
        r#"{"environment": [{"name": "DB_PASSWORD", "value": "hunter2"}, {"name": "REGION", "value": "eu-west-1"}]}"#,
        &["hunter2"],
        &["eu-west-1", "DB_PASSWORD"],
    );
    hides(
        r#"{"Parameter": {"Name": "/prod/db/password", "Type": "String", "Value": "hunter2", "Version": 3}}"#,
        &["hunter2"],
        &["/prod/db/password"],
    );
    hides(
        r#"{"Name": "/prod/app/config", "Type": "SecureString", "Value": "anything-at-all"}"#,
        &["anything-at-all"],
        &["SecureString"],
    );
    hides(
        "env:\n  - name: LOG_LEVEL\n    value: debug\n  - name: DB_PASSWORD\n    value: hunter2\n",
        &["hunter2"],
        &["debug"],
    );
    hides(
        r#"<appSettings><add key="DbPassword" value="hunter2" /><add key="Region" value="eu" /></appSettings>"#,
        &["hunter2"],
        &[r#"value="eu""#],
    );
}

#[test]
fn name_value_pairs_in_json() {
    let mut value = json!({
        "taskDefinition": {"containerDefinitions": [{"environment": [
            {"name": "DB_PASSWORD", "value": "hunter2"},
            {"name": "REGION", "value": "eu-west-1"},
        ]}]},
        "Parameter": {"Name": "/prod/db/password", "Type": "String", "Value": "hunter3"},
    });
    Sanitizer::new().sanitize_json(&mut value);
    let text = value.to_string();
    assert!(
        !text.contains("hunter2") && !text.contains("hunter3"),
        "{text}"
    );
    assert!(text.contains("eu-west-1"), "{text}");
}

#[test]
fn whole_values() {
    hides("DB_PASSWORD=Tr0ub4dor&3xQz\n", &["Tr0ub4dor", "&3xQz"], &[]);
    hides("  password: a,b;c)d]e\n", &["a,b;c)d]e", ")d]e"], &[]);
    hides(
        "password                 = \"hunter2\"\ntoken                    = \"abc123\"\n",
        &["hunter2", "abc123"],
        &[],
    );
    // A value that looks like `name: value` names the next value.
    hides("the secret: token: abc123", &["abc123"], &[]);
    // A bracket tag after the value stays, and the value does not.
    hides(
        "password: hunter2 # [TODO] rotate\n",
        &["hunter2"],
        &["# [TODO] rotate"],
    );
    hides(
        "password: hunter2 [TODO] call 555-234-5678\n",
        &["hunter2", "555-234-5678"],
        &["[TODO]"],
    );
    hides(r#"{"password": "<abc>"}"#, &["<abc>"], &[]);
}

#[test]
fn long_values_are_whole() {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let base64 = |n: usize, seed: usize| -> String {
        (0..n)
            .map(|i| char::from(alphabet[(i * 7919 + i / 3 + seed) % 64]))
            .collect()
    };
    // A 2 KB TLS key in a Kubernetes secret.
    let key = base64(2048, 1);
    hides(
        &format!("data:\n  tls.key: {key}\n"),
        &[&key[key.len() - 40..]],
        &["tls.key"],
    );
    // A JWT over 16 KiB.
    let payload = base64(17_000, 2).replace(['+', '/'], "_");
    let jwt = format!("eyJhbGciOiJIUzI1NiJ9.eyJ{payload}.c2lnbmF0dXJlX3ZhbHVl");
    hides(
        &format!("id_token {jwt} ok"),
        &[&jwt[jwt.len() - 40..]],
        &["ok"],
    );
    // A bearer token over 4 KiB.
    let token = format!("{}9", base64(5000, 3).replace(['+', '/'], "x"));
    hides(
        &format!("Authorization: Bearer {token}\n"),
        &[&token[token.len() - 40..]],
        &["Bearer"],
    );
    // A PEM block over 32 KiB, with its END line, and without.
    let lines: String = (0..800).map(|i| format!("{}\n", base64(64, i))).collect();
    let block = format!("-----BEGIN RSA PRIVATE KEY-----\n{lines}-----END RSA PRIVATE KEY-----");
    assert!(block.len() > 48 * 1024);
    let out = masked(&format!("key:\n{block}\nafter"));
    assert_eq!(out, "key:\n[PRIVATE_KEY]\nafter");
    let cut = format!("-----BEGIN PGP PRIVATE KEY BLOCK-----\n{lines}");
    assert_eq!(masked(&cut), "[PRIVATE_KEY]\n");
    // A password over 4 KiB, quoted and not.
    let long = base64(6000, 4);
    hides(
        &format!("password: {long}\n"),
        &[&long[long.len() - 40..]],
        &[],
    );
    hides(
        &format!("{{\"password\": \"{long}\"}}"),
        &[&long[long.len() - 40..]],
        &[],
    );
    hides(
        &format!("user=bob password={long} ok"),
        &[&long[long.len() - 40..]],
        &["ok"],
    );
}

#[test]
fn masking_twice_changes_nothing() {
    let block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END RSA PRIVATE KEY-----";
    let cut = "-----BEGIN RSA PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    let texts = [
        format!("private_key: {block}\n"),
        format!("private_key: |\n  {block}\n"),
        format!("token: xyz{block}\n"),
        format!("token: xyz {block}\n"),
        format!("{block}abc=1 ann@example.org"),
        format!("{cut} ann@example.org"),
        format!("{cut}\n{block}"),
        "Authorization: Basic dXNlcjpwYXNz\n".to_owned(),
        "password: hunter2 [TODO]\n".to_owned(),
        "the secret: token: abc123".to_owned(),
    ];
    for strategy in [
        Strategy::Full,
        Strategy::Partial,
        Strategy::TypeOnly,
        Strategy::KeyedHash,
    ] {
        let s = Sanitizer::builder().strategy(strategy).build().unwrap();
        for text in &texts {
            let once = s.sanitize(text).text.into_owned();
            let twice = s.sanitize(&once);
            assert_eq!(twice.text, once, "{strategy:?} {text:?}");
            assert!(
                twice.findings.is_empty(),
                "{strategy:?} {text:?}: {:?}",
                twice.findings
            );
        }
    }
}

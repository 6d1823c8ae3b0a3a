//! `#[derive(Sanitize)]` masks a typed output exactly as `Sanitizer::sanitize_json` masks the
//! same value serialized: the same text, the same report, for every shape of type, serde's
//! renaming and tagging, and the sanitizer's own settings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

use airlock::sanitize::{Kind, Report, SanitizeKey, Sanitizer, Sensitivity, Strategy};
use airlock::{Sanitize, ToolError, airlock};
use serde::Serialize;
use serde_json::{Value, json};

/// Masks `value` both ways, asserts that they agree, and returns the masked value.
#[track_caller]
fn assert_masks_as_json<T: Sanitize + Serialize>(mut value: T, sanitizer: &Sanitizer) -> T {
    let mut expected = serde_json::to_value(&value).unwrap();
    let expected_report = sanitizer.sanitize_json(&mut expected);
    let mut report = Report::default();
    value.sanitize(sanitizer, &mut report);
    assert_eq!(serde_json::to_value(&value).unwrap(), expected);
    assert_eq!(report, expected_report);
    value
}

#[derive(Debug, Clone, Serialize, Sanitize)]
struct Address {
    street: String,
    city: String,
}

#[derive(Debug, Clone, Serialize, Sanitize)]
struct Order {
    number: u32,
    paid_with: String,
    shipped_to: Option<Address>,
}

#[derive(Debug, Clone, Serialize, Sanitize)]
struct Credentials {
    username: String,
    hosts: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Sanitize)]
enum Status {
    Active,
    Suspended(String),
    Moved(String, Address),
    Locked { reason: String, api_token: String },
}

#[derive(Debug, Clone, Serialize, Sanitize)]
struct Customer {
    id: u64,
    name: String,
    email: String,
    notes: String,
    vip: bool,
    rating: f64,
    address: Address,
    orders: Vec<Order>,
    db_password: String,
    password: Option<String>,
    credentials: Credentials,
    headers: HashMap<String, String>,
    attributes: BTreeMap<String, Value>,
    status: Vec<Status>,
    webhook_key: String,
    primary_key: String,
    next_page_token: String,
    authorization: String,
    aws_secret_access_key: String,
    token: String,
    secret: Option<String>,
    password_hint: String,
}

fn customer() -> Customer {
    Customer {
        id: 5_552_345_678,
        name: "Ann Example".into(),
        email: "ann@example.org".into(),
        notes: "Prefers email: ann.other@example.net, or call 555-234-5678. Card on file 4111 1111 1111 1111.".into(),
        vip: true,
        rating: 4.5,
        address: Address {
            street: "1 Main St".into(),
            city: "Springfield, from 10.0.0.1".into(),
        },
        orders: vec![
            Order {
                number: 1,
                paid_with: "card 4111-1111-1111-1111".into(),
                shipped_to: None,
            },
            Order {
                number: 2,
                paid_with: "IBAN DE89 3704 0044 0532 0130 00".into(),
                shipped_to: Some(Address {
                    street: "ssn 123-45-6789 on the label".into(),
                    city: "Shelbyville".into(),
                }),
            },
        ],
        db_password: "hunter2".into(),
        password: Some("correct horse battery staple".into()),
        credentials: Credentials {
            username: "svc-reporting".into(),
            hosts: vec!["db1".into(), "db2".into()],
        },
        headers: HashMap::from([
            ("Authorization".into(), "Bearer abc123def456ghi789".into()),
            ("X-Api-Key".into(), "plain-looking".into()),
            ("Accept".into(), "application/json".into()),
            ("From".into(), "bob@example.com".into()),
        ]),
        attributes: BTreeMap::from([
            ("carol@example.com".into(), json!("an email used as a key")),
            ("dave@example.com".into(), json!({"api_key": 12345, "note": "ok"})),
            ("session".into(), json!({"token": ["a", "b"], "ttl": 30})),
        ]),
        status: vec![
            Status::Active,
            Status::Suspended("by erin@example.com".into()),
            Status::Moved(
                "to frank@example.com".into(),
                Address {
                    street: "2 Side St".into(),
                    city: "Capital City".into(),
                },
            ),
            Status::Locked {
                reason: "too many tries from 192.168.1.20".into(),
                api_token: "not-random-at-all".into(),
            },
        ],
        webhook_key: "q7Xv2LmP9sKd4TzR8wYb".into(),
        primary_key: "user_id".into(),
        next_page_token: "abc".into(),
        authorization: "Bearer abc123def456".into(),
        aws_secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        token: "ghp_0123456789abcdefghijklmnopqrstuvwxyz".into(),
        secret: None,
        password_hint: "masked already: [REDACTED]".into(),
    }
}

#[test]
fn a_realistic_struct_masks_as_its_json() {
    let masked = assert_masks_as_json(customer(), &Sanitizer::new());
    // What the comparison above covers, spelled out for the fields the brief names.
    assert_eq!(masked.email, "[EMAIL]");
    assert_eq!(masked.db_password, "[PASSWORD]");
    assert_eq!(masked.password.as_deref(), Some("[PASSWORD]"));
    assert_eq!(
        masked.notes,
        "Prefers email: [EMAIL], or call [PHONE]. Card on file [CREDIT_CARD]."
    );
    assert_eq!(masked.credentials.username, "[PASSWORD]");
    assert_eq!(masked.credentials.hosts, ["[PASSWORD]", "[PASSWORD]"]);
    assert_eq!(masked.headers["Authorization"], "Bearer [BEARER_TOKEN]");
    assert_eq!(masked.headers["X-Api-Key"], "[PASSWORD]");
    assert_eq!(masked.headers["From"], "[EMAIL]");
    assert_eq!(
        masked.attributes["[EMAIL]"],
        json!("an email used as a key")
    );
    assert_eq!(
        masked.attributes["[EMAIL]~2"]["api_key"],
        json!("[PASSWORD]")
    );
    assert_eq!(masked.webhook_key, "[GENERIC_SECRET]");
    assert_eq!(masked.primary_key, "user_id");
    assert_eq!(masked.next_page_token, "abc");
    assert_eq!(masked.token, "[GITHUB_TOKEN]");
    assert_eq!(masked.aws_secret_access_key, "[AWS_SECRET_ACCESS_KEY]");
    assert_eq!(masked.password_hint, "masked already: [REDACTED]");
    // Numbers are never masked by what they hold, here as in JSON.
    assert_eq!(masked.id, 5_552_345_678);
    match &masked.status[3] {
        Status::Locked { api_token, .. } => assert_eq!(api_token, "[PASSWORD]"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_strategy_and_the_sanitizers_own_keys_agree_with_json() {
    let sanitizers = [
        Sanitizer::builder()
            .strategy(Strategy::Full)
            .build()
            .unwrap(),
        Sanitizer::builder()
            .strategy(Strategy::Partial)
            .build()
            .unwrap(),
        Sanitizer::builder()
            .strategy(Strategy::KeyedHash)
            .hash_key([7; 32])
            .build()
            .unwrap(),
        Sanitizer::builder()
            .sensitive_key("street")
            .sensitive_key("paid-with")
            .build()
            .unwrap(),
        Sanitizer::builder()
            .disable(Kind::Password)
            .build()
            .unwrap(),
        Sanitizer::new().restricted(Some(airlock::sanitize::Category::Pii), None),
    ];
    for sanitizer in &sanitizers {
        assert_masks_as_json(customer(), sanitizer);
    }
    let own = assert_masks_as_json(customer(), &sanitizers[3]);
    assert_eq!(own.address.street, "[PASSWORD]");
    assert_eq!(own.orders[0].paid_with, "[PASSWORD]");
}

#[test]
fn masking_twice_changes_nothing() {
    let s = Sanitizer::new();
    let mut once = customer();
    once.sanitize(&s, &mut Report::default());
    let mut twice = once.clone();
    let mut report = Report::default();
    twice.sanitize(&s, &mut report);
    assert_eq!(
        serde_json::to_value(&twice).unwrap(),
        serde_json::to_value(&once).unwrap()
    );
    assert!(report.is_empty(), "{report:?}");
}

#[derive(Debug, Serialize, Sanitize)]
struct Page<T> {
    items: Vec<T>,
    next_page_token: Option<String>,
    total: u32,
}

#[derive(Debug, Serialize, Sanitize)]
struct Keyed<K: Ord + SanitizeKey, V> {
    by_key: BTreeMap<K, V>,
}

/// A type that does not implement `Sanitize`: only usable where the bound is not asked for.
#[derive(Debug, Serialize)]
struct Opaque;

#[derive(Debug, Serialize, Sanitize)]
struct Tagged<T, U> {
    value: T,
    #[serde(skip)]
    marker: PhantomData<U>,
    #[mask(skip)]
    #[serde(skip)]
    raw: Option<U>,
}

#[test]
fn generic_types_mask_as_json() {
    let s = Sanitizer::new();
    let page = Page {
        items: vec![customer(), customer()],
        next_page_token: Some("ann@example.org".into()),
        total: 2,
    };
    assert_masks_as_json(page, &s);

    let keyed = Keyed {
        by_key: BTreeMap::from([
            (
                "grace@example.com".to_string(),
                vec![Some("hi".to_string())],
            ),
            ("db_password".to_string(), vec![None, Some("x".into())]),
        ]),
    };
    let keyed = assert_masks_as_json(keyed, &s);
    assert_eq!(
        keyed.by_key["db_password"][1].as_deref(),
        Some("[PASSWORD]")
    );

    // `U` is only in a skipped field and in `PhantomData`: it needs no `Sanitize`.
    let tagged: Tagged<String, Opaque> = Tagged {
        value: "heidi@example.com".into(),
        marker: PhantomData,
        raw: Some(Opaque),
    };
    let tagged = assert_masks_as_json(tagged, &s);
    assert_eq!(tagged.value, "[EMAIL]");
    assert!(tagged.raw.is_some());
}

#[derive(Debug, Serialize, Sanitize)]
struct Email(String);

#[derive(Debug, Serialize, Sanitize)]
struct Pair(String, Option<String>);

#[derive(Debug, Serialize, Sanitize)]
struct Nothing;

#[derive(Debug, Serialize, Sanitize)]
struct Shapes {
    email: Email,
    pair: Pair,
    api_key: Pair,
    nothing: Nothing,
    tuple: (String, u8, bool),
    array: [String; 2],
    unit: (),
    letter: char,
}

#[test]
fn tuple_newtype_and_unit_structs_mask_as_json() {
    let shapes = Shapes {
        email: Email("ivan@example.com".into()),
        pair: Pair("10.1.2.3".into(), None),
        api_key: Pair("one".into(), Some("two".into())),
        nothing: Nothing,
        tuple: ("judy@example.com".into(), 3, false),
        array: ["ok".into(), "555-234-5678".into()],
        unit: (),
        letter: 'x',
    };
    let shapes = assert_masks_as_json(shapes, &Sanitizer::new());
    assert_eq!(shapes.api_key.1.as_deref(), Some("[PASSWORD]"));
}

#[derive(Debug, Serialize, Sanitize)]
#[serde(tag = "type")]
enum Internal {
    Login { user: String, password: String },
    Note(Address),
    Empty,
}

#[derive(Debug, Serialize, Sanitize)]
#[serde(tag = "t", content = "secret")]
enum Adjacent {
    Text(String),
    Pair(String, String),
    Fields { user: String },
}

#[derive(Debug, Serialize, Sanitize)]
#[serde(untagged)]
enum Untagged {
    Text(String),
    Login { user: String, token: String },
}

#[derive(Debug, Serialize, Sanitize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
enum External {
    DbPassword(String),
    #[serde(rename = "auth")]
    Login(String, String),
    Plain {
        email: String,
    },
    #[serde(untagged)]
    Other(String),
}

#[derive(Debug, Serialize, Sanitize)]
#[serde(transparent)]
struct Transparent {
    text: String,
}

#[derive(Debug, Serialize, Sanitize)]
#[serde(rename_all = "camelCase")]
struct Renamed {
    #[serde(rename = "password")]
    kept_for_later: String,
    #[serde(rename(serialize = "api_key", deserialize = "k"))]
    k: String,
    user_api_key: String,
    #[serde(flatten)]
    extra: Address,
    #[serde(flatten)]
    more: HashMap<String, String>,
    transparent: Transparent,
    r#type: String,
}

#[test]
fn serdes_names_and_tagging_are_followed() {
    let s = Sanitizer::new();
    let internal = vec![
        Internal::Login {
            user: "kim@example.com".into(),
            password: "pw".into(),
        },
        Internal::Note(Address {
            street: "x".into(),
            city: "10.0.0.9".into(),
        }),
        Internal::Empty,
    ];
    assert_masks_as_json(internal, &s);

    let adjacent = vec![
        Adjacent::Text("under the content key".into()),
        Adjacent::Pair("a".into(), "b".into()),
        Adjacent::Fields { user: "u".into() },
    ];
    let adjacent = assert_masks_as_json(adjacent, &s);
    assert!(matches!(&adjacent[0], Adjacent::Text(t) if t == "[PASSWORD]"));

    let untagged = vec![
        Untagged::Text("leo@example.com".into()),
        Untagged::Login {
            user: "leo".into(),
            token: "t0k3n".into(),
        },
    ];
    assert_masks_as_json(untagged, &s);

    let external = vec![
        External::DbPassword("secret one".into()),
        External::Login("a".into(), "b".into()),
        External::Plain {
            email: "mia@example.com".into(),
        },
        External::Other("untagged, plain".into()),
    ];
    let external = assert_masks_as_json(external, &s);
    assert!(matches!(&external[1], External::Login(a, _) if a == "[PASSWORD]"));
    assert!(matches!(&external[3], External::Other(t) if t == "untagged, plain"));

    let renamed = Renamed {
        kept_for_later: "hunter2".into(),
        k: "k".into(),
        user_api_key: "u".into(),
        extra: Address {
            street: "nick@example.com".into(),
            city: "c".into(),
        },
        more: HashMap::from([("session_token".into(), "s".into())]),
        transparent: Transparent {
            text: "olga@example.com".into(),
        },
        r#type: "t".into(),
    };
    let renamed = assert_masks_as_json(renamed, &s);
    assert_eq!(renamed.kept_for_later, "[PASSWORD]");
    assert_eq!(renamed.more["session_token"], "[PASSWORD]");
}

#[derive(Debug, Clone, Serialize, Sanitize)]
struct Attributes {
    #[mask(skip)]
    id: String,
    #[mask(sensitive)]
    recovery_phrase: Vec<String>,
    #[mask(sensitive)]
    question: Option<Address>,
    ticket: String,
}

#[test]
fn skip_and_sensitive_fields() {
    let s = Sanitizer::builder()
        .sensitive_key("ticket")
        .build()
        .unwrap();
    let mut value = Attributes {
        id: "5552345678".into(),
        recovery_phrase: vec!["correct".into(), "horse".into()],
        question: Some(Address {
            street: "first pet".into(),
            city: "rex".into(),
        }),
        ticket: "T-1234".into(),
    };
    let mut report = Report::default();
    value.sanitize(&s, &mut report);
    assert_eq!(value.id, "5552345678");
    assert_eq!(value.recovery_phrase, ["[PASSWORD]", "[PASSWORD]"]);
    let question = value.question.as_ref().unwrap();
    assert_eq!(
        (question.street.as_str(), question.city.as_str()),
        ("[PASSWORD]", "[PASSWORD]")
    );
    assert_eq!(value.ticket, "[PASSWORD]");
    assert_eq!(report.count(&Kind::Password), 5);
    assert_eq!(report.total(), 5);
}

#[derive(Debug, Serialize, Sanitize)]
struct Numbers {
    api_key: u64,
    pin_code: u32,
    password: Vec<f32>,
    token: Option<i64>,
    secret: Nested,
    count: u64,
}

#[derive(Debug, Serialize, Sanitize)]
struct Nested {
    id: u32,
    enabled: bool,
    label: String,
}

/// The one place a typed value must differ from JSON: a number under a secret's name cannot
/// hold `"[PASSWORD]"`, so it becomes 0. The report is JSON's all the same.
#[test]
fn numbers_under_secret_names_become_zero_and_report_as_json() {
    let s = Sanitizer::new();
    let mut value = Numbers {
        api_key: 987_654_321,
        pin_code: 1234,
        password: vec![1.5, 2.5],
        token: Some(-7),
        secret: Nested {
            id: 9,
            enabled: true,
            label: "x".into(),
        },
        count: 10,
    };
    let mut expected = serde_json::to_value(&value).unwrap();
    let expected_report = s.sanitize_json(&mut expected);
    let mut report = Report::default();
    value.sanitize(&s, &mut report);
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({
            "api_key": 0,
            "pin_code": 1234,
            "password": [0.0, 0.0],
            "token": 0,
            "secret": {"id": 0, "enabled": true, "label": "[PASSWORD]"},
            "count": 10,
        })
    );
    assert_eq!(
        expected,
        json!({
            "api_key": "[PASSWORD]",
            "pin_code": 1234,
            "password": ["[PASSWORD]", "[PASSWORD]"],
            "token": "[PASSWORD]",
            "secret": {"id": "[PASSWORD]", "enabled": true, "label": "[PASSWORD]"},
            "count": 10,
        })
    );
    assert_eq!(report, expected_report);
}

#[test]
fn a_sensitivity_is_judged_per_sanitizer() {
    let plain = Sanitizer::new();
    let own = Sanitizer::builder().sensitive_key("city").build().unwrap();
    assert!(Sensitivity::PLAIN.nested("city", &plain).is_plain());
    assert_eq!(Sensitivity::PLAIN.nested("City", &own), Sensitivity::SECRET);
}

#[airlock]
fn lookup_customer(id: u64) -> Result<Customer, ToolError> {
    let mut found = customer();
    found.id = id;
    Ok(found)
}

#[test]
fn the_guard_masks_a_derived_output() {
    let found = lookup_customer(7).unwrap();
    assert_eq!(found.email, "[EMAIL]");
    assert_eq!(found.db_password, "[PASSWORD]");
    assert_eq!(found.id, 7);
}

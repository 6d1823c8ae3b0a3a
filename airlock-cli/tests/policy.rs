//! Runs the real `airlock policy` binary against policy files in a temporary directory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A policy using every kind of rule; send_* runs only in New York business hours.
const MAIL_AGENT: &str = r#"
name = "mail-agent"
default = "deny"
allow = ["list_*", "get_*", "send_*", "archive_*"]
deny = ["*_purge"]
max_access = "write"
require_caller = true
time_zone = "America/New_York"

[roles.reader]
allow = ["list_*", "get_*"]
max_access = "read"

[roles.support]
allow = ["*"]
deny = ["archive_*"]
max_access = "write"

[windows.business_hours]
tools = ["send_*"]
min_access = "write"
open = ["Mon-Fri 09:00-17:00"]

[limits.mail]
tools = ["send_*"]
per = "caller"
rate = "1/min"
"#;

/// Runs `airlock ARGS` with stdin closed.
fn airlock(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_airlock"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// Writes `contents` to `name` in a directory under the target's temporary directory;
/// returns the path. Tests run in parallel and share files: each is written whole under
/// another name, then renamed into place, so no test reads one half written.
fn policy_file(name: &str, contents: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("airlock-cli-policy");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let scratch = dir.join(format!("{name}.{:?}.tmp", std::thread::current().id()));
    std::fs::write(&scratch, contents).unwrap();
    std::fs::rename(&scratch, &path).unwrap();
    path.to_str().unwrap().to_owned()
}

fn mail_agent() -> String {
    policy_file("mail-agent.toml", MAIL_AGENT)
}

/// `airlock policy check --policy FILE ARGS`.
fn check(file: &str, args: &[&str]) -> Output {
    let mut all = vec!["policy", "check", "--policy", file];
    all.extend_from_slice(args);
    airlock(&all)
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> &str {
    std::str::from_utf8(&out.stderr).unwrap()
}

/// The exit status, with stderr empty unless it is 2.
fn status(out: &Output) -> i32 {
    let code = out.status.code().unwrap();
    if code != 2 {
        assert_eq!(stderr(out), "", "status {code}");
    }
    code
}

/// Exit status 2, nothing on stdout, exactly one line on stderr starting `airlock:`; returns it.
fn one_line_failure(out: &Output) -> String {
    let err = stderr(out).to_owned();
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(stdout(out), "");
    assert!(err.starts_with("airlock: "), "{err:?}");
    assert!(err.ends_with('\n') && err.lines().count() == 1, "{err:?}");
    err
}

fn json(out: &Output) -> Value {
    let text = stdout(out);
    assert_eq!(text.lines().count(), 1, "{text}");
    serde_json::from_str(text).unwrap()
}

#[test]
fn allowed_by_an_allow_rule_and_a_role() {
    let file = mail_agent();
    let out = check(
        &file,
        &[
            "--tool",
            "list_mail",
            "--access",
            "read",
            "--caller",
            "agent-7",
            "--roles",
            "reader",
            "--at",
            "2026-11-23T08:00:00-05:00",
        ],
    );
    assert_eq!(status(&out), 0);
    assert_eq!(
        stdout(&out),
        format!(
            "allowed: list_mail (read) for agent-7 [reader] at 2026-11-23T08:00:00-05:00\n\
             rule:    roles.reader in mail-agent ({file})\n"
        )
    );
}

#[test]
fn denied_by_a_deny_rule() {
    let file = mail_agent();
    let out = check(
        &file,
        &[
            "--tool",
            "MAIL_PURGE",
            "--access",
            "read",
            "--caller",
            "a",
            "--at",
            "2026-11-23T08:00:00+01:00",
        ],
    );
    assert_eq!(status(&out), 1);
    assert_eq!(
        stdout(&out),
        format!(
            "denied: MAIL_PURGE (read) for a at 2026-11-23T08:00:00+01:00\n\
             rule:   deny *_purge in mail-agent ({file})\n\
             why:    the tool matches deny rule `*_purge`\n\
             to allow: remove or narrow the deny rule `*_purge`\n"
        )
    );
}

#[test]
fn denied_by_roles() {
    let file = mail_agent();
    let at = ["--at", "2026-11-23T10:00:00-05:00"];
    // A role that denies the tool wins over one that would allow it.
    let out = check(
        &file,
        &[
            &["--tool", "archive_mail", "--access", "write"][..],
            &["--caller", "a", "--roles", "support,reader"],
            &at,
        ]
        .concat(),
    );
    assert_eq!(status(&out), 1);
    assert!(
        stdout(&out).contains("rule:   roles.support in mail-agent"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("why:    role support denies it (`archive_*`)"));
    // A role's ceiling.
    let out = check(
        &file,
        &[
            &["--tool", "get_user", "--access", "write"][..],
            &["--caller", "a", "--roles", "reader"],
            &at,
        ]
        .concat(),
    );
    assert_eq!(status(&out), 1);
    assert!(
        stdout(&out).contains("why:    declared write, role reader allows at most read"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("to allow: raise `max_access` of role reader to write"));
    // No role at all.
    let out = check(
        &file,
        &[
            &["--tool", "get_user", "--access", "read", "--caller", "a"][..],
            &at,
        ]
        .concat(),
    );
    assert_eq!(status(&out), 1);
    assert!(stdout(&out).contains("rule:   roles in mail-agent"));
    // Spaces and empty names in --roles are ignored.
    let out = check(
        &file,
        &[
            &["--tool", "get_user", "--access", "read"][..],
            &["--caller", "a", "--roles", " reader ,,"],
            &at,
        ]
        .concat(),
    );
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("for a [reader] at"));
}

#[test]
fn denied_for_an_anonymous_caller() {
    let out = check(&mail_agent(), &["--tool", "list_mail", "--access", "read"]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    assert!(
        text.starts_with("denied: list_mail (read) for an anonymous caller at "),
        "{text}"
    );
    assert!(text.contains("rule:   require_caller in mail-agent"));
    assert!(text.contains("to allow: call with an identified caller"));
}

#[test]
fn access_ceiling_and_the_default_access() {
    let file = mail_agent();
    let who = ["--caller", "a", "--roles", "support"];
    let out = check(
        &file,
        &[&["--tool", "list_mail", "--access", "delete"][..], &who].concat(),
    );
    assert_eq!(status(&out), 1);
    assert!(stdout(&out).contains("rule:   max_access in mail-agent"));
    assert!(stdout(&out).contains("why:    declared delete, at most write is allowed"));
    // No --access: an undeclared tool, which is execute.
    let out = check(&file, &[&["--tool", "list_mail"][..], &who].concat());
    assert_eq!(status(&out), 1);
    assert!(stdout(&out).starts_with("denied: list_mail (execute) for a [support] at "));
    assert!(stdout(&out).contains("why:    declared execute, at most write is allowed"));
    let out = check(
        &file,
        &[&["--tool", "list_mail", "--access", "WRITE"][..], &who].concat(),
    );
    assert_eq!(status(&out), 0);
}

/// Business hours in New York across the weekend the clocks spring forward (Sunday
/// 2026-03-08, 02:00 EST becomes 03:00 EDT): Friday closes at 17:00 EST, Monday opens at
/// 09:00 EDT.
#[test]
fn windows_across_the_spring_forward_weekend() {
    let file = mail_agent();
    let send = |at: &str| {
        check(
            &file,
            &[
                "--tool",
                "send_mail",
                "--access",
                "write",
                "--caller",
                "a",
                "--roles",
                "support",
                "--at",
                at,
                "--json",
            ],
        )
    };
    let cases = [
        ("2026-03-06T16:59:00-05:00", None),
        // Friday 17:00 EST to Monday 09:00 EDT: 2 days and 15 hours, one hour less than
        // the wall clocks say.
        ("2026-03-06T17:00:00-05:00", Some(63 * 3600)),
        ("2026-03-07T20:00:00-05:00", Some(36 * 3600)),
        // 01:59 EST, a minute before the change, then 03:00 EDT, a minute after.
        ("2026-03-08T01:59:00-05:00", Some(30 * 3600 + 60)),
        ("2026-03-08T03:00:00-04:00", Some(30 * 3600)),
        ("2026-03-09T08:59:00-04:00", Some(60)),
        ("2026-03-09T09:00:00-04:00", None),
        // The same instant written in UTC and in EST: 09:30 EDT.
        ("2026-03-09T13:30:00Z", None),
        ("2026-03-09T08:30:00-05:00", None),
        ("2026-03-09T21:00:00Z", Some(16 * 3600)),
    ];
    for (at, closed_for) in cases {
        let out = send(at);
        let d = json(&out);
        match closed_for {
            None => {
                assert_eq!(status(&out), 0, "{at}: {d}");
                assert_eq!(d["allowed"], true);
                assert_eq!(d["rule"], "roles.support");
            }
            Some(seconds) => {
                assert_eq!(status(&out), 1, "{at}: {d}");
                assert_eq!(d["allowed"], false);
                assert_eq!(d["rule"], "windows.business_hours", "{at}");
                assert_eq!(d["opens_in_ms"], seconds * 1000, "{at}");
            }
        }
        assert_eq!(d["at"], at, "the time is shown as written");
    }
    // The text form says when it opens.
    let out = check(
        &file,
        &[
            &[
                "--tool",
                "send_mail",
                "--access",
                "write",
                "--caller",
                "agent-7",
            ][..],
            &["--roles", "support", "--at", "2026-03-06T17:00:00-05:00"],
        ]
        .concat(),
    );
    assert_eq!(status(&out), 1);
    assert_eq!(
        stdout(&out),
        format!(
            "denied: send_mail (write) for agent-7 [support] at 2026-03-06T17:00:00-05:00\n\
             rule:   windows.business_hours in mail-agent ({file})\n\
             why:    allowed Mon–Fri 09:00–17:00 America/New_York; opens in 2d 15h\n\
             to allow: call again in 2d 15h, or widen window business_hours\n"
        )
    );
}

#[test]
fn rate_limits_are_not_charged() {
    let file = mail_agent();
    for _ in 0..3 {
        let out = check(
            &file,
            &[
                &["--tool", "send_mail", "--access", "write", "--caller", "a"][..],
                &["--roles", "support", "--at", "2026-11-23T10:00:00-05:00"],
            ]
            .concat(),
        );
        assert_eq!(status(&out), 0, "{}", stdout(&out));
    }
}

#[test]
fn json_output() {
    let file = mail_agent();
    let out = check(
        &file,
        &[
            &[
                "--tool",
                "list_mail",
                "--access",
                "read",
                "--caller",
                "agent-7",
            ][..],
            &[
                "--roles",
                "reader,ops",
                "--at",
                "2026-11-23T08:00:00Z",
                "--json",
            ],
        ]
        .concat(),
    );
    assert_eq!(status(&out), 0);
    let d = json(&out);
    assert_eq!(
        d,
        serde_json::json!({
            "allowed": true,
            "tool": "list_mail",
            "access": "read",
            "caller": "agent-7",
            "roles": ["reader", "ops"],
            "at": "2026-11-23T08:00:00Z",
            "policy": "mail-agent",
            "file": file,
            "rule": "roles.reader",
        })
    );

    let out = check(&file, &["--tool", "drop_purge", "--json"]);
    assert_eq!(status(&out), 1);
    let d = json(&out);
    assert_eq!(d["allowed"], false);
    assert_eq!(d["rule"], "deny *_purge");
    assert_eq!(d["reason"], "the tool matches deny rule `*_purge`");
    assert_eq!(d["remedy"], "remove or narrow the deny rule `*_purge`");
    assert_eq!(d["access"], "execute");
    for absent in ["caller", "roles", "opens_in_ms"] {
        assert!(d.get(absent).is_none(), "{absent}: {d}");
    }
    // Without --at, the time is now, to the second, with an offset.
    let at = d["at"].as_str().unwrap();
    assert!(at.parse::<jiff::Timestamp>().is_ok(), "{at}");
    assert!(!at.contains('.'), "{at}");
}

#[test]
fn a_policy_without_a_name_is_named_policy() {
    let file = policy_file("unnamed.toml", "deny = [\"x\"]\n");
    let out = check(&file, &["--tool", "x", "--json"]);
    assert_eq!(status(&out), 1);
    assert_eq!(json(&out)["policy"], "policy");
    let out = check(&file, &["--tool", "y"]);
    assert_eq!(status(&out), 0);
    assert!(
        stdout(&out).ends_with(&format!("rule:    default in policy ({file})\n")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn control_characters_in_names_stay_on_their_line() {
    let file = policy_file("plain.toml", "deny = [\"x\"]\n");
    let out = check(
        &file,
        &["--tool", "a\nallowed: b\u{1b}[2J", "--caller", "c\rd"],
    );
    assert_eq!(status(&out), 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.starts_with("allowed: a\u{FFFD}allowed: b\u{FFFD}[2J (execute) for c\u{FFFD}d at "),
        "{text}"
    );
}

#[test]
fn malformed_file_names_its_line_and_column() {
    let file = policy_file(
        "typo.toml",
        "name = \"p\"\n\n[roles.r]\nmax_acess = \"read\"\n",
    );
    for sub in ["check", "lint"] {
        let mut args = vec!["policy", sub, "--policy", &file];
        if sub == "check" {
            args.extend(["--tool", "x"]);
        }
        let err = one_line_failure(&airlock(&args));
        assert!(
            err.starts_with(&format!(
                "airlock: {file}:4:1: unknown field `max_acess`, expected one of"
            )),
            "{err}"
        );
    }
    let file = policy_file("bad-value.toml", "max_access = \"admin\"\n");
    let err = one_line_failure(&check(&file, &["--tool", "x"]));
    assert!(err.starts_with(&format!("airlock: {file}:1:14: ")), "{err}");
    let file = policy_file("unclosed.toml", "allow = [\"x\"\n");
    let err = one_line_failure(&check(&file, &["--tool", "x"]));
    assert!(err.starts_with(&format!("airlock: {file}:1:13")), "{err}");
}

#[test]
fn missing_file() {
    let err = one_line_failure(&check("/nonexistent/airlock.toml", &["--tool", "x"]));
    assert!(
        err.starts_with("airlock: cannot read policy file /nonexistent/airlock.toml: "),
        "{err}"
    );
}

#[test]
fn times_need_an_offset() {
    let file = mail_agent();
    for at in [
        "2026-11-23T08:00:00",
        "2026-11-23T08:00:00[America/New_York]",
    ] {
        let err = one_line_failure(&check(&file, &["--tool", "x", "--at", at]));
        assert!(err.contains("has no offset"), "{err}");
        assert!(err.contains("2026-11-23T08:00:00-05:00"), "{err}");
    }
    for at in ["tomorrow", "2026-11-23", "2026-13-01T00:00:00Z", ""] {
        let err = one_line_failure(&check(&file, &["--tool", "x", "--at", at]));
        assert!(err.contains("--at"), "{err}");
    }
}

#[test]
fn usage_errors() {
    let err = one_line_failure(&check(&mail_agent(), &["--tool", "x", "--access", "admin"]));
    assert!(err.contains("`admin` is not an access level"), "{err}");
    let err = one_line_failure(&airlock(&["policy", "check"]));
    assert_eq!(
        err,
        "airlock: the following required arguments were not provided: --policy <FILE>, \
         --tool <NAME>\n"
    );
    let err = one_line_failure(&airlock(&["policy"]));
    assert_eq!(
        err,
        "airlock: missing command: expected one of check, lint (see `airlock policy --help`)\n"
    );
    let err = one_line_failure(&airlock(&[]));
    assert!(err.contains("scan, policy"), "{err}");
}

#[test]
fn lint_findings_and_exit_codes() {
    let out = airlock(&["policy", "lint", "--policy", &mail_agent()]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        format!("no findings in mail-agent ({})\n", mail_agent())
    );

    // Notes alone: status 0.
    let file = policy_file("notes.toml", "allow = [\"list_*\"]\n");
    let out = airlock(&["policy", "lint", "--policy", &file]);
    assert_eq!(status(&out), 0);
    assert_eq!(
        stdout(&out),
        format!(
            "note: allow list_*: has no effect while default = allow (every tool not denied is \
             allowed); set default = \"deny\" to allow only the tools listed, or remove it\n\
             1 note in policy ({file})\n"
        )
    );

    let file = policy_file(
        "warnings.toml",
        r#"
name = "sloppy"
default = "deny"
allow = ["send_*", "send_mail", "drop_table"]
deny = ["drop_*"]
require_roles = ["admin"]

[roles.ops]
allow = ["send_*"]

[windows.never]
open = []
"#,
    );
    let out = airlock(&["policy", "lint", "--policy", &file]);
    assert_eq!(status(&out), 1);
    let text = stdout(&out);
    // Each finding's severity and rule, then the summary.
    let heads: Vec<String> = text
        .lines()
        .map(|l| l.splitn(3, ": ").take(2).collect::<Vec<_>>().join(": "))
        .collect();
    assert_eq!(
        heads,
        [
            "note: allow send_mail".to_owned(),
            "warning: allow drop_table".to_owned(),
            "warning: require_roles".to_owned(),
            "warning: windows.never".to_owned(),
            format!("3 warnings, 1 note in sloppy ({file})"),
        ],
        "{text}"
    );

    let out = airlock(&["policy", "lint", "--policy", &file, "--json"]);
    assert_eq!(status(&out), 1);
    let findings: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(findings.len(), 4);
    assert_eq!(findings[1]["severity"], "warning");
    assert_eq!(findings[1]["rule"], "allow drop_table");
    assert_eq!(
        findings[1]["message"],
        "can never match: denied by `deny drop_*`; remove it, or narrow the deny rule"
    );
    assert_eq!(findings[0]["severity"], "note");

    // Clean: --json prints nothing.
    let out = airlock(&["policy", "lint", "--policy", &mail_agent(), "--json"]);
    assert_eq!(status(&out), 0);
    assert_eq!(stdout(&out), "");
}

#[test]
fn lint_with_the_tools_that_exist() {
    let file = mail_agent();
    let lint = |extra: &[&str]| {
        let mut args = vec!["policy", "lint", "--policy", &file];
        args.extend_from_slice(extra);
        airlock(&args)
    };
    // Every glob of the policy matches one of these: clean.
    let tools = "list_mail,get_user,send_mail,archive_mail,mail_purge";
    let out = lint(&["--tools", tools]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        format!("no findings in mail-agent ({file})\n")
    );

    // Without `archive_*` and `*_purge` tools.
    let out = lint(&["--tools", "list_mail, get_user", "--tool", "send_mail"]);
    assert_eq!(status(&out), 1);
    assert_eq!(
        stdout(&out),
        format!(
            "warning: allow archive_*: matches none of the 3 tools given; fix the pattern, or \
             remove it\n\
             warning: deny *_purge: matches none of the 3 tools given; fix the pattern, or \
             remove it\n\
             warning: roles.support deny archive_*: matches none of the 3 tools given; fix the \
             pattern, or remove it\n\
             3 warnings in mail-agent ({file})\n"
        )
    );
    // A window's and a limit's tools are checked too.
    let out = lint(&["--tools", "list_mail,get_user,archive_all,mail_purge"]);
    assert_eq!(status(&out), 1);
    let rules: Vec<&str> = stdout(&out)
        .lines()
        .filter_map(|l| l.split(": ").nth(1))
        .collect();
    assert_eq!(
        rules,
        ["allow send_*", "windows.business_hours", "limits.mail"]
    );

    // A tools file, one name per line, adds to --tools; --json as without tools.
    let names = policy_file(
        "tools.txt",
        "# the mail agent's tools\nlist_mail\n\n  get_user  \nsend_mail\narchive_mail\n",
    );
    let out = lint(&["--tools-file", &names, "--tools", "mail_purge"]);
    assert_eq!(status(&out), 0, "{}", stdout(&out));
    let out = lint(&["--tools-file", &names, "--json"]);
    assert_eq!(status(&out), 1);
    let findings: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(findings.len(), 1, "{}", stdout(&out));
    assert_eq!(findings[0]["rule"], "deny *_purge");
    assert_eq!(findings[0]["severity"], "warning");

    // A misspelt name gets a suggestion.
    let typo = policy_file("typo.toml", "deny = [\"drop_tabel\"]\n");
    let out = airlock(&["policy", "lint", "--policy", &typo, "--tool", "drop_table"]);
    assert_eq!(status(&out), 1);
    assert!(
        stdout(&out).contains("(did you mean `drop_table`?)"),
        "{}",
        stdout(&out)
    );

    // Naming no tool at all, or a file that is not there, is a usage error.
    let err = one_line_failure(&lint(&["--tools", " , "]));
    assert!(err.contains("no tool names given"), "{err}");
    let empty = policy_file("no-tools.txt", "# none yet\n\n");
    let err = one_line_failure(&lint(&["--tools-file", &empty]));
    assert!(err.contains("no tool names given"), "{err}");
    let err = one_line_failure(&lint(&["--tools-file", "/nonexistent/tools.txt"]));
    assert!(
        err.starts_with("airlock: cannot read tools file /nonexistent/tools.txt: "),
        "{err}"
    );
}

#[test]
fn help_shows_examples() {
    for args in [
        &["policy", "--help"][..],
        &["policy", "check", "--help"],
        &["policy", "check", "-h"],
        &["policy", "lint", "--help"],
        &["help", "policy", "lint"],
    ] {
        let out = airlock(args);
        assert_eq!(status(&out), 0, "{args:?}");
        let help = stdout(&out);
        assert!(
            help.contains("Examples:\n  airlock policy "),
            "{args:?}: {help}"
        );
    }
    let check = stdout(&airlock(&["policy", "check", "--help"])).to_owned();
    for needle in [
        "--at <TIME>",
        "--json",
        "Rate limits",
        "Exit status: 0 when the call",
    ] {
        assert!(check.contains(needle), "{needle}: {check}");
    }
    let lint = stdout(&airlock(&["policy", "lint", "--help"])).to_owned();
    for needle in [
        "notes alone are fine",
        "--tools <NAME,...>",
        "--tools-file <FILE>",
    ] {
        assert!(lint.contains(needle), "{needle}: {lint}");
    }
    let top = stdout(&airlock(&["--help"])).to_owned();
    assert!(top.contains("policy"), "{top}");
}

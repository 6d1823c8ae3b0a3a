//! Inputs built to make a scanner read the same bytes again and again.

/// Every hostile input, as `(name, text)`, each text at most `bytes` long.
pub(crate) fn hostile(bytes: usize) -> Vec<(&'static str, String)> {
    let mut inputs: Vec<(&'static str, String)> = UNITS
        .iter()
        .map(|&(name, unit)| (name, repeat(unit, bytes)))
        .collect();
    let digits: String = (0..bytes)
        .map(|i| char::from(b'0' + (i * 7 % 10) as u8))
        .collect();
    inputs.push(("digits", digits));
    for &(name, head, times, tail) in BLOCKS {
        let block = format!("{}{tail}", head.repeat(times));
        inputs.push((name, repeat(&block, bytes)));
    }
    inputs.push(("json_email_keys", email_keyed_object(bytes / 24)));
    inputs
}

/// `unit` repeated as often as it fits whole in `bytes`.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

/// A JSON object of `keys` members keyed by distinct email addresses.
pub(crate) fn email_keyed_object(keys: usize) -> String {
    let members: Vec<String> = (0..keys).map(|i| format!("\"a{i}@x.com\": {i}")).collect();
    format!("{{{}}}", members.join(", "))
}

/// Units repeated end to end: one for every literal a token detector searches for, every
/// kind of assignment and operator, IPv6 runs, emails, URLs, digits with separators and
/// escapes.
const UNITS: &[(&str, &str)] = &[
    // The first sanitizer benches' set.
    ("a_at", "a@"),
    ("token_eq", "token="),
    ("one_dash", "1-"),
    ("colons", ":"),
    ("ghp_prefix", "ghp_"),
    ("pem_begin_no_end", "-----BEGIN PRIVATE KEY-----"),
    ("xoxb_prefix", "xoxb-"),
    ("jwt_prefix", "eyJ"),
    // Runs of IPv6 characters with `::` and digits.
    ("v6_one_colons", "1::"),
    ("v6_one_colons_one", "1::1"),
    ("v6_colons_one", "::1:"),
    ("v6_words", "a:b::"),
    ("v6_groups", "1:1:1::"),
    ("v6_hex_group", "fe80::"),
    ("v6_mixed", "1:a::"),
    ("v6_dotted", "1.1.1.1::"),
    ("v6_after_label", "g:1::"),
    ("v6_colon_first", ":1::"),
    // Assignments whose value is not one, or runs into the next.
    ("password_var", "password=${"),
    ("password_brace", "password:{"),
    ("token_var", "token: ${"),
    ("token_bracket", "token=["),
    ("password_lt", "password=<"),
    ("key_eq", "key="),
    ("api_key_eq", "api_key="),
    ("secret_eq", "secret="),
    ("pwd_eq", "pwd="),
    ("password_eq", "password="),
    ("password_colon", "password: "),
    ("password_quote", "password=\""),
    ("password_single_quote", "password='"),
    ("password_json", "\"password\": "),
    ("password_json_escaped", "password=\\\""),
    ("authorization", "Authorization: "),
    ("authorization_brace", "Authorization: {"),
    ("authorization_bearer", "Authorization: Bearer "),
    ("x_api_key", "X-Api-Key: "),
    ("equals", "="),
    ("double_equals", "=="),
    ("colon_equals", ":="),
    ("a_eq", "a="),
    ("a_colon", "a:"),
    // Every literal of the token detectors.
    ("gho_prefix", "gho_"),
    ("ghu_prefix", "ghu_"),
    ("ghs_prefix", "ghs_"),
    ("ghr_prefix", "ghr_"),
    ("github_pat_prefix", "github_pat_"),
    ("glpat_prefix", "glpat-"),
    ("glptt_prefix", "glptt-"),
    ("gldt_prefix", "gldt-"),
    ("glrt_prefix", "glrt-"),
    ("glcbt_prefix", "glcbt-"),
    ("glft_prefix", "glft-"),
    ("glimt_prefix", "glimt-"),
    ("glagent_prefix", "glagent-"),
    ("gloas_prefix", "gloas-"),
    ("glsoat_prefix", "glsoat-"),
    ("xox_prefix", "xox"),
    ("xoxb_digit", "xoxb-1"),
    ("xapp_prefix", "xapp-"),
    ("slack_webhook_prefix", "hooks.slack.com/services/"),
    ("sk_live_prefix", "sk_live_"),
    ("sk_test_prefix", "sk_test_"),
    ("rk_live_prefix", "rk_live_"),
    ("rk_test_prefix", "rk_test_"),
    ("whsec_prefix", "whsec_"),
    ("sk_prefix", "sk-"),
    ("sk_ant_prefix", "sk-ant-"),
    ("sk_proj_prefix", "sk-proj-"),
    ("google_prefix", "AIza"),
    ("npm_prefix", "npm_"),
    ("pypi_prefix", "pypi-AgE"),
    ("sendgrid_prefix", "SG."),
    ("akia_prefix", "AKIA"),
    ("asia_prefix", "ASIA"),
    ("abia_prefix", "ABIA"),
    ("acca_prefix", "ACCA"),
    ("jwt_header", "eyJa."),
    ("jwt_two_parts", "eyJaaaaaaaaaaaa.eyJ"),
    ("pem_begin", "-----BEGIN "),
    ("pem_begin_quote", "-----BEGIN PRIVATE KEY-----\""),
    ("scheme_sep", "://"),
    ("url_scheme", "a://"),
    ("url_user", "a://a:"),
    ("url_password", "a://a:b@"),
    ("bearer", "Bearer "),
    ("bearer_lower", "bearer "),
    ("bearer_upper", "BEARER "),
    // Emails.
    ("at", "@"),
    ("dot_at", "a.@"),
    ("at_dot", "@a."),
    ("email_dot", "a@a."),
    // Digits with separators.
    ("digit_space", "1 "),
    ("digits_space", "12 "),
    ("card_group", "4111 "),
    ("plus_one", "+1 "),
    ("paren_group", "(1) "),
    ("dash_space", "1-1 "),
    ("digit_dot", "1."),
    ("digit_slash", "1/"),
    ("digit_colon", "1:"),
    ("dotted", "1.1."),
    // Escapes.
    ("percent", "%"),
    ("percent_two", "%2"),
    ("percent_at", "%40"),
    ("percent_email", "a%40b"),
    ("percent_eq", "%3D"),
    ("unicode_escape", "\\u"),
    ("unicode_escape_zeros", "\\u00"),
    ("newline_escape", "\\n"),
    ("backslash", "\\"),
    // Escaped and encoded operators, quotes and line breaks (JSON strings, `Debug` output,
    // URLs): names read past an escape, values in escaped quotes, encoded value ends.
    ("percent_quote", "%22"),
    ("percent_colon", "%3A"),
    ("percent_line_break", "%0A"),
    ("a_percent_eq", "a%3D"),
    ("password_percent_eq", "password%3D"),
    ("password_percent_eq_quote", "password%3D%22"),
    ("password_eq_percent_quote", "password=%22"),
    ("json_in_url", "%22password%22%3A%22"),
    ("x_api_key_percent_colon", "x-api-key%3A%20"),
    ("authorization_percent_colon", "Authorization%3A%20"),
    ("authorization_percent_space", "Authorization: %20"),
    ("password_line_percent", "\\npassword: a%20"),
    ("password_escaped_newline", "password=\\n"),
    ("newline_pw", "\\npw="),
    ("newline_db_password", "\\nDB_PASSWORD: "),
    ("unicode_newline_password", "\\u000apassword: "),
    ("password_unicode_quote", "password=\\u0022"),
    (
        "password_json_double_escaped",
        "\\\\\\\"password\\\\\\\":\\\\\\\"",
    ),
    ("password_mixed_quotes", "password=\\\"password=%22"),
    // XML elements, as they are and as Go's JSON encoder writes them.
    ("element", "<password>a"),
    ("escaped_element", "\\u003cpassword\\u003ea"),
    // Providers' prefixes: the literals (`hf_`, `hvs.`, `GOCSPX-`) and the tokens found
    // from their digits (`dapi`, `ya29.`, `dop_v1_`, bot tokens, Discord webhooks).
    ("hf_prefix", "hf_"),
    ("hf_digit", "hf_1"),
    ("hvs_prefix", "hvs."),
    ("hvb_prefix", "hvb."),
    ("gocspx_prefix", "GOCSPX-"),
    ("dapi_hex", "dapi0a"),
    ("dop_prefix", "dop_v1_"),
    ("shpat_prefix", "shpat_0"),
    ("ya29_prefix", "ya29."),
    ("gsk_prefix", "gsk_1"),
    ("gsk_literal", "gsk_"),
    ("hvr_prefix", "hvr.A"),
    ("telegram_id", "7123456789:A"),
    ("telegram_bot", "bot7123456789:"),
    ("telegram_percent", "7123456789%3A"),
    ("discord_id", "MTk4NjIyNDgzNDcxOTI1MjQ4."),
    // Digits after a separator pair, each read back for the Discord token holding it.
    ("discord_pair", "--0"),
    ("discord_id_pair", "MTAwMDAwMDAwMDAwMDAwMDAw.aa--0"),
    (
        "discord_webhook",
        "discord.com/api/webhooks/123456789012345678/",
    ),
    ("bearer_provider", "Bearer ya29."),
    // Session cookies.
    ("cookie", "Cookie: "),
    ("cookie_sid", "Cookie: sid="),
    ("cookie_pairs", "Cookie: a=b; "),
    ("set_cookie", "Set-Cookie: sessionid="),
    ("kie", "kie"),
    // Command lines.
    ("curl", "curl "),
    ("curl_u", "curl -u "),
    ("dash_u", " -u"),
    ("curl_user", "curl --user a:"),
    ("mysql", "mysql "),
    ("mysql_p", "mysql -p"),
    ("curl_url", "curl http://"),
    // Dotfiles.
    ("machine", "machine "),
    ("netrc_login", "machine h login "),
    ("pgpass_any", ":*:"),
    ("pgpass_port", "h:5432:"),
    // (Each number read its whole run of labels back, in main before h10.)
    ("label_short_number", "h:54:x"),
    ("pgpass_line", "\\nh:1:d:u:"),
    ("pgpass_fields", "1:a:b:c "),
    // Addresses the scan shows (loopback), and versions.
    ("loopback", "127.0.0.1 "),
    ("version", "version 10.4.2.1 "),
];

/// Blocks of `head` repeated `times` and then `tail`, themselves repeated: floods that a
/// confirmer reads up to its limit each time, but no further.
const BLOCKS: &[(&str, &str, usize, &str)] = &[
    // `sk-` bodies that end before the length limit, without a digit.
    ("sk_short_runs", "sk-", 150, " "),
    // A digit only at the end of a run of Slack prefixes.
    ("xoxb_late_digit", "xoxb-", 100, "1 "),
    // Values to the end of a line that ends in a long run of spaces.
    (
        "authorization_trailing_spaces",
        "Authorization: {",
        200,
        "                                                                                                                                                                                                                                                                \n",
    ),
    // Credential values short enough to be weighed, each a suffix of the one before.
    ("key_short_runs", "key1=", 100, " "),
    // Encoded spaces before an encoded operator's value, and values full of escapes that
    // end nothing.
    ("encoded_spaces", "%20", 200, "password%3A"),
    ("authorization_escapes", "%20", 200, "Authorization: "),
    // Long header and command lines that each read to their limit.
    ("cookie_long_header", "a=b; ", 100, "Cookie: "),
    ("curl_long_args", "-H x ", 100, "curl -u "),
    ("netrc_long_entry", "login u ", 100, "machine "),
];

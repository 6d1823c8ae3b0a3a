//! Masks a realistic tool output — a CRM lookup an agent made — before a model sees it,
//! and prints what was masked.
//!
//! Run with `cargo run --example quickstart`.

use airlock::sanitize::{Category, Sanitizer, Strategy};
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // What a `lookup_customer` tool returned: text from an email thread and a log excerpt.
    let tool_output = "\
From: Dana Whitfield <dana.whitfield@northwind.example>
Subject: Re: refund for order ORD-2026-000123

Hi, please refund card 4111 1111 1111 1111 (exp 09/28). You can reach me on
(415) 555-2671 or +44 20 7946 0958. My SSN, if you need it: 123-45-6789.

-- deploy log, build 1.4.2 at 2026-11-22T10:30:00Z --
export STRIPE_API_KEY=sk_live_51HxQ2eKp9Vb3TzR8wYbLmP4sKd
DATABASE_URL=postgres://billing:Tr0ub4dor&3@10.20.0.15:5432/billing
curl -H 'Authorization: Bearer 7f3c9a2e41b8d6f0c5a1e9b2d4f8a6c3' https://api.example.com/v1/refunds
request id 550e8400-e29b-41d4-a716-446655440000, commit da39a3ee5e6b4b0d3255bfef95601890afd80709
";

    // Personal data keeps its shape; secrets are replaced by their type.
    let sanitizer = Sanitizer::builder()
        .category_strategy(Category::Pii, Strategy::Partial)
        .category_strategy(Category::Secret, Strategy::TypeOnly)
        .build()?;

    let out = sanitizer.sanitize(tool_output);
    println!("── what the model sees ──────────────────────────────────────────");
    println!("{}", out.text);
    println!(
        "── what was masked ({} findings) ─────────────────────────────────",
        out.findings.len()
    );
    for f in &out.findings {
        println!(
            "  {:<20} {:<7} bytes {:>4}..{:<4}",
            f.kind().name(),
            f.category().name(),
            f.start(),
            f.end()
        );
    }

    // Structured output is walked value by value; names like `password` mask whatever follows.
    let mut record = json!({
        "customer": {"name": "Dana Whitfield", "email": "dana.whitfield@northwind.example"},
        "api": {"client_id": "northwind-crm", "client_secret": "not-a-pattern-but-secret"},
        "last_login_ip": "203.0.113.42",
    });
    let report = sanitizer.sanitize_json(&mut record);
    println!("── a JSON output, masked ─────────────────────────────────────────");
    println!("{}", serde_json::to_string_pretty(&record)?);
    println!("masked: {}", serde_json::to_string(&report)?);
    Ok(())
}

//! English-like prose with ordinary numbers and nothing sensitive in it.

use std::fmt::Write as _;

use crate::rng::Rng;

const DET: &[&str] = &[
    "the", "a", "this", "that", "every", "our", "their", "each", "one", "some",
];
const ADJ: &[&str] = &[
    "quick", "quiet", "careful", "large", "small", "recent", "old", "new", "final", "early",
    "late", "simple", "complex", "bright", "steady", "broken", "shared", "local", "remote",
    "public", "private", "daily", "weekly", "annual", "open", "formal", "rough", "gentle", "busy",
    "empty", "narrow", "wide", "modern", "rural", "urban", "useful", "rare",
];
const NOUN: &[&str] = &[
    "team",
    "report",
    "river",
    "garden",
    "meeting",
    "window",
    "market",
    "budget",
    "student",
    "teacher",
    "library",
    "engine",
    "project",
    "village",
    "station",
    "kitchen",
    "letter",
    "journey",
    "harbor",
    "museum",
    "council",
    "theory",
    "bridge",
    "forest",
    "message",
    "product",
    "customer",
    "schedule",
    "server",
    "document",
    "question",
    "answer",
    "company",
    "street",
    "season",
    "picture",
    "program",
    "committee",
    "festival",
    "machine",
    "painting",
    "recipe",
    "network",
    "manager",
    "farmer",
    "doctor",
    "airport",
    "contract",
    "release",
    "question",
];
const PLURAL: &[&str] = &[
    "teams",
    "reports",
    "rivers",
    "gardens",
    "meetings",
    "windows",
    "markets",
    "students",
    "teachers",
    "libraries",
    "engines",
    "projects",
    "villages",
    "stations",
    "letters",
    "servers",
    "customers",
    "documents",
    "questions",
    "streets",
    "pictures",
    "machines",
    "farmers",
    "doctors",
    "visitors",
    "pages",
    "chapters",
    "tickets",
    "orders",
];
const VERB: &[&str] = &[
    "reviewed",
    "opened",
    "moved",
    "described",
    "carried",
    "followed",
    "changed",
    "built",
    "finished",
    "started",
    "visited",
    "explained",
    "watched",
    "improved",
    "cleaned",
    "painted",
    "planned",
    "measured",
    "shipped",
    "tested",
    "delayed",
    "approved",
    "rejected",
    "replaced",
    "repaired",
    "ignored",
    "praised",
    "welcomed",
    "closed",
    "shared",
];
const PREP: &[&str] = &[
    "near", "after", "before", "under", "beside", "across", "around", "behind", "without", "with",
];
const LINK: &[&str] = &[
    ", and",
    ", but",
    "; meanwhile",
    ", so",
    " while",
    " because",
    ", although",
];
const UNICODE: &[&str] = &[
    "café",
    "naïve",
    "résumé",
    "Zürich",
    "São Paulo",
    "東京",
    "Kraków",
    "façade",
    "piñata",
    "über",
    "coöperate",
];

/// Appends one number phrase with a leading space ("in 2026", "for $12.99", ...).
fn number_phrase(rng: &mut Rng, out: &mut String) {
    let _ = match rng.below(12) {
        0 => write!(out, " in {}", rng.range(1950, 2030)),
        1 => write!(out, " across {} {}", rng.range(2, 999), rng.pick(PLURAL)),
        2 => write!(
            out,
            " since version {}.{}.{}",
            rng.below(12),
            rng.below(30),
            rng.below(20)
        ),
        3 => write!(
            out,
            " at {:02}:{:02}",
            rng.range(6, 22),
            rng.pick(&[0, 15, 30, 45])
        ),
        4 => write!(out, " for ${}.{:02}", rng.range(1, 999), rng.below(100)),
        5 => write!(out, " by {}%", rng.range(1, 99)),
        6 => write!(out, " by {}.{}%", rng.range(1, 99), rng.below(10)),
        7 => write!(
            out,
            " between {} and {}",
            rng.range(1950, 1999),
            rng.range(2000, 2030)
        ),
        8 => write!(
            out,
            " in {} of {} {}",
            rng.range(1, 9),
            rng.range(10, 99),
            rng.pick(PLURAL)
        ),
        9 => write!(
            out,
            " for about {},{:03} {}",
            rng.range(1, 99),
            rng.below(1000),
            rng.pick(PLURAL)
        ),
        10 => write!(out, " on page {}", rng.range(1, 400)),
        _ => write!(out, " {} times", rng.range(2, 40)),
    };
}

fn clause(rng: &mut Rng, out: &mut String, numbers: bool, unicode: bool) {
    let _ = write!(out, "{} ", rng.pick(DET));
    if rng.percent(50) {
        let _ = write!(out, "{} ", rng.pick(ADJ));
    }
    if unicode && rng.percent(4) {
        let _ = write!(out, "{} ", rng.pick(UNICODE));
    }
    let _ = write!(
        out,
        "{} {} {} ",
        rng.pick(NOUN),
        rng.pick(VERB),
        rng.pick(DET)
    );
    if rng.percent(40) {
        let _ = write!(out, "{} ", rng.pick(ADJ));
    }
    out.push_str(rng.word(NOUN));
    if rng.percent(35) {
        let _ = write!(
            out,
            " {} {} {}",
            rng.pick(PREP),
            rng.pick(DET),
            rng.pick(NOUN)
        );
    }
    if numbers && rng.percent(30) {
        number_phrase(rng, out);
    }
}

/// Appends one sentence (capitalized, ending in `.`, `?` or `!`) followed by a space.
pub(crate) fn sentence(rng: &mut Rng, out: &mut String, numbers: bool, unicode: bool) {
    let start = out.len();
    clause(rng, out, numbers, unicode);
    while rng.percent(35) {
        out.push_str(rng.word(LINK));
        out.push(' ');
        clause(rng, out, numbers, unicode);
    }
    if let Some(first) = out.get(start..start + 1) {
        let upper = first.to_ascii_uppercase();
        out.replace_range(start..start + 1, &upper);
    }
    let end = match rng.below(20) {
        0 => "? ",
        1 => "! ",
        _ => ". ",
    };
    out.push_str(end);
}

/// Appends a paragraph of 2-6 sentences and a blank line.
pub(crate) fn paragraph(rng: &mut Rng, out: &mut String, numbers: bool, unicode: bool) {
    for _ in 0..rng.range(2, 6) {
        sentence(rng, out, numbers, unicode);
    }
    out.pop();
    out.push_str("\n\n");
}

/// Cuts `s` to at most `len` bytes on a char boundary, then pads with spaces to exactly `len`.
pub(crate) fn fit(s: &mut String, len: usize) {
    if s.len() > len {
        let mut cut = len;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    while s.len() < len {
        s.push(' ');
    }
}

/// See [`crate::clean_prose`].
pub(crate) fn clean_prose(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed, 0x0050_524f_5345);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        paragraph(&mut rng, &mut out, true, true);
    }
    fit(&mut out, bytes);
    out
}

//! The registered names closest to a name the model got wrong.

/// At most three registered names close to `name`, best first: same letters in another case
/// or order, a typo or two, or a name that contains it.
pub(crate) fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted = name.to_ascii_lowercase();
    let mut scored: Vec<(f64, &str)> = names
        .filter_map(|candidate| {
            let lower = candidate.to_ascii_lowercase();
            let mut score = strsim::jaro_winkler(&wanted, &lower);
            if !wanted.is_empty() && (lower.contains(&wanted) || wanted.contains(&lower)) {
                score = score.max(0.9);
            }
            (score >= 0.8).then_some((score, candidate))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_case_and_parts() {
        let names = ["search_mail", "send_mail", "list_folders", "delete_mail"];
        assert_eq!(closest("serch_mail", names.into_iter())[0], "search_mail");
        assert_eq!(closest("SEARCH_MAIL", names.into_iter())[0], "search_mail");
        assert_eq!(closest("folders", names.into_iter()), ["list_folders"]);
        assert!(closest("weather", names.into_iter()).is_empty());
        assert!(closest("", names.into_iter()).is_empty());
    }
}

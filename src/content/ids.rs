//! Identifiers shared by every collection.

/// The longest id an item may have; ids travel in URLs, so they stay short.
pub const MAX_ID_LEN: usize = 64;

/// Whether `id` is a stable kebab-case identifier: lowercase ASCII letters and digits in
/// groups joined by single hyphens, at most [`MAX_ID_LEN`] characters.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Whether `name` is a snake_case template variable name (what minijinja accepts as a plain
/// identifier and what a client can type without quoting).
pub fn is_snake_case(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z'))
        && name.len() <= MAX_ID_LEN
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Client input echoed back in an error, cut to 80 characters so that a huge id or name
/// cannot make a huge answer.
pub fn shorten(input: &str) -> String {
    const MAX: usize = 80;
    if input.chars().count() <= MAX {
        input.to_owned()
    } else {
        format!("{}…", input.chars().take(MAX).collect::<String>())
    }
}

/// Up to `max` ids from `candidates` closest to `wanted` by edit distance, best first, for
/// "did you mean" hints. Candidates further than half the wanted id's length are left out.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<String> {
    let wanted: String = wanted.chars().take(MAX_ID_LEN * 2).collect();
    let threshold = (wanted.chars().count() / 2).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|candidate| (strsim::levenshtein(&wanted, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= threshold || candidate.contains(&wanted))
        .collect();
    scored.sort();
    scored.into_iter().take(max).map(|(_, id)| id.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_ids() {
        assert!(is_kebab_case("second-interview"));
        assert!(is_kebab_case("a1-b2"));
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "ä", &"a".repeat(65)] {
            assert!(!is_kebab_case(bad), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn snake_case_names() {
        assert!(is_snake_case("job_title"));
        assert!(is_snake_case("a2"));
        for bad in ["", "_a", "2a", "Job", "job-title"] {
            assert!(!is_snake_case(bad), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn closest_ids_rank_by_distance() {
        let ids = ["second-interview", "first-interview", "final-checks"];
        assert_eq!(closest("second-intervew", ids, 3), vec!["second-interview", "first-interview"]);
        assert!(closest("zzzzzzzzzzzz", ids, 3).is_empty());
    }
}

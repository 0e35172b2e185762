//! From a job listing to role families: occupation codes (SOC 2018 / O*NET-SOC, ISCO-08) by
//! their longest matching group, and job titles by the longest curated phrase they contain.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::load::FileReader;
use super::problem::{Problem, Report};
use super::role_family::ANY_ROLE;

/// Words of a job title that say how senior the post is, not what it is ("Sr.", "II").
const SENIORITY_WORDS: [&str; 11] = ["sr", "senior", "jr", "junior", "lead", "principal", "i", "ii", "iii", "iv", "v"];

/// What an O*NET-SOC, SOC or ISCO-08 code is accepted as, for error messages.
pub const CODE_FORMS: &str = "an O*NET-SOC code (`15-1252.00`), a SOC 2018 code (`15-1252`, or a group such as \
`15-1250`, `15-1200`, `15-0000`), or an ISCO-08 code of one to four digits (`2512`)";

/// The crosswalk in `occupations.toml`.
#[derive(Debug, Clone, Default)]
pub struct OccupationMap {
    /// Id of the source the SOC groups come from.
    pub soc_source: String,
    /// Id of the source the ISCO-08 groups come from.
    pub isco_source: String,
    /// SOC 2018 major, minor and broad groups.
    pub soc: Vec<Group>,
    /// ISCO-08 major, sub-major and minor groups.
    pub isco: Vec<Group>,
    /// Job-title phrases.
    pub titles: Vec<TitlePhrase>,
}

/// One group of a classification and the role families its jobs belong to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group's code as published (`15-1250`, `251`).
    pub code: String,
    /// The group's level in its classification.
    pub level: String,
    /// The group's title as published.
    pub label: String,
    /// Ids of the role families its jobs belong to.
    pub role_families: Vec<String>,
}

/// A phrase that, found in a job title, names its role family.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitlePhrase {
    /// Lower-case words, as [`normalise`] leaves them.
    pub phrase: String,
    /// Id of the role family.
    pub role_family: String,
}

impl TitlePhrase {
    /// The phrase's words, in order.
    fn words(&self) -> std::str::Split<'_, char> {
        self.phrase.split(' ')
    }
}

/// How an occupation code or job title was understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Resolution {
    /// Ids of the role families the listing belongs to (`["any"]` when a title matched nothing).
    #[schema(example = json!(["engineering"]))]
    pub role_families: Vec<String>,
    /// What matched: a SOC group, an ISCO-08 group, a title phrase, or nothing.
    pub matched_by: MatchedBy,
    /// The group code or the title phrase that matched; null when nothing did.
    #[schema(example = "15-1250", required = true)]
    pub matched: Option<String>,
    /// The matched group's published title, or the phrase; null when nothing matched.
    #[schema(example = "Software and Web Developers, Programmers, and Testers", required = true)]
    pub label: Option<String>,
    /// Id of the classification the group comes from; null for titles.
    #[schema(example = "soc-2018", required = true)]
    pub source: Option<String>,
}

/// What a resolution rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// A SOC 2018 group, from a SOC or O*NET-SOC code.
    Soc,
    /// An ISCO-08 group.
    Isco,
    /// A job-title phrase.
    Title,
    /// A title in which no phrase was found: only advice for any role applies.
    Nothing,
}

/// Why a code resolves to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not in any accepted form.
    Malformed,
    /// Well formed, but no group of its classification contains it.
    Unknown,
}

impl OccupationMap {
    /// Takes the crosswalk out of `occupations.toml`.
    pub(crate) fn read(reader: &mut FileReader<'_>) -> Self {
        Self {
            soc_source: reader.value("soc_source").unwrap_or_default(),
            isco_source: reader.value("isco_source").unwrap_or_default(),
            soc: reader.items("soc"),
            isco: reader.items("isco"),
            titles: reader.items("titles"),
        }
    }

    /// The role families of the longest group containing `code` (SOC or O*NET-SOC with a hyphen,
    /// ISCO-08 as digits).
    pub fn resolve_code(&self, code: &str) -> Result<Resolution, CodeError> {
        let code = code.trim();
        let (groups, prefix, matched_by, source) = if let Some(prefix) = soc_prefix(code) {
            (&self.soc, prefix, MatchedBy::Soc, &self.soc_source)
        } else if !code.is_empty() && code.len() <= 4 && code.bytes().all(|b| b.is_ascii_digit()) {
            (&self.isco, code.to_owned(), MatchedBy::Isco, &self.isco_source)
        } else {
            return Err(CodeError::Malformed);
        };
        let group = groups
            .iter()
            .filter(|group| prefix.starts_with(&group_prefix(&group.code)))
            .max_by_key(|group| group_prefix(&group.code).len())
            .ok_or(CodeError::Unknown)?;
        Ok(Resolution {
            role_families: group.role_families.clone(),
            matched_by,
            matched: Some(group.code.clone()),
            label: Some(group.label.clone()),
            source: Some(source.clone()),
        })
    }

    /// The role family of the longest phrase found in `title`: its words in a row first, else
    /// all its words in any order ("Engineer, Software"). Nothing found: `any`.
    pub fn resolve_title(&self, title: &str) -> Resolution {
        let words = normalise(title);
        let in_a_row = |title: &TitlePhrase, length: usize| {
            words.windows(length).any(|window| window.iter().map(String::as_str).eq(title.words()))
        };
        let anywhere = |title: &TitlePhrase| title.words().all(|word| words.iter().any(|have| have == word));
        let best = self
            .titles
            .iter()
            .filter_map(|title| {
                let length = title.words().count();
                let rank = if in_a_row(title, length) { 2 } else { usize::from(anywhere(title)) };
                (rank > 0).then_some(((rank, length, title.phrase.len()), title))
            })
            .max_by_key(|(rank, _)| *rank);
        match best {
            Some((_, phrase)) => Resolution {
                role_families: vec![phrase.role_family.clone()],
                matched_by: MatchedBy::Title,
                matched: Some(phrase.phrase.clone()),
                label: Some(phrase.phrase.clone()),
                source: None,
            },
            None => Resolution {
                role_families: vec![ANY_ROLE.to_owned()],
                matched_by: MatchedBy::Nothing,
                matched: None,
                label: None,
                source: None,
            },
        }
    }

    /// Every field of the crosswalk that names role families, with the ids it names, for the
    /// same reference check every collection's fields get.
    pub fn role_family_fields(&self) -> Vec<(String, &[String])> {
        let groups = [("soc", &self.soc), ("isco", &self.isco)].into_iter().flat_map(|(kind, groups)| {
            groups
                .iter()
                .enumerate()
                .map(move |(index, group)| (format!("{kind}[{index}].role_families"), group.role_families.as_slice()))
        });
        let titles =
            self.titles.iter().enumerate().map(|(index, title)| {
                (format!("titles[{index}].role_family"), std::slice::from_ref(&title.role_family))
            });
        groups.chain(titles).collect()
    }

    /// Checks what the crosswalk must satisfy beyond its shape: codes in their forms, no group
    /// mapped twice, role families given, phrases unique and already normalised.
    pub(crate) fn check(&self, problems: &mut Vec<Problem>) {
        let mut report = Report::file(problems, "occupations.toml");
        for (kind, groups, well_formed) in
            [("soc", &self.soc, soc_group as fn(&str) -> bool), ("isco", &self.isco, isco_group as fn(&str) -> bool)]
        {
            let mut seen = HashSet::new();
            for (index, group) in groups.iter().enumerate() {
                let field = |name: &str| format!("{kind}[{index}].{name}");
                if !well_formed(&group.code) {
                    report.add(Some(&field("code")), format!("`{}` is not a {kind} group code", group.code));
                }
                if !seen.insert(group_prefix(&group.code)) {
                    report.add(Some(&field("code")), format!("`{}` is mapped twice", group.code));
                }
                report.text(&field("label"), &group.label);
                report.non_empty(&field("role_families"), &group.role_families);
            }
        }
        let mut phrases = HashSet::new();
        for (index, title) in self.titles.iter().enumerate() {
            let field = format!("titles[{index}].phrase");
            if normalise(&title.phrase).join(" ") != title.phrase || title.phrase.is_empty() {
                report.add(Some(&field), "must be lower-case words without punctuation or seniority words");
            }
            if !phrases.insert(title.phrase.as_str()) {
                report.add(Some(&field), format!("`{}` is listed twice", title.phrase));
            }
        }
    }
}

/// The code part of a SOC or O*NET-SOC code (`15-1252.00` → `15-1252`), if it is one.
fn soc_prefix(code: &str) -> Option<String> {
    let base = match code.split_once('.') {
        Some((base, suffix)) if suffix.len() == 2 && suffix.bytes().all(|b| b.is_ascii_digit()) => base,
        Some(_) => return None,
        None => code,
    };
    soc_group(base).then(|| group_prefix(base))
}

/// Whether `code` has the SOC form `NN-NNNN`.
fn soc_group(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 7
        && bytes[2] == b'-'
        && bytes.iter().enumerate().all(|(index, byte)| index == 2 || byte.is_ascii_digit())
}

/// Whether `code` has the ISCO-08 group form: one to three digits.
fn isco_group(code: &str) -> bool {
    (1..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// What a group code stands for as a prefix: a SOC code without its trailing zeros
/// (`15-1250` → `15-125`, `15-0000` → `15`), an ISCO code as written.
fn group_prefix(code: &str) -> String {
    match code.split_once('-') {
        Some((major, rest)) => {
            let rest = rest.trim_end_matches('0');
            if rest.is_empty() { major.to_owned() } else { format!("{major}-{rest}") }
        }
        None => code.to_owned(),
    }
}

/// A job title as words to match: lower case, punctuation as spaces, seniority words left out.
pub fn normalise(title: &str) -> Vec<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !SENIORITY_WORDS.contains(word))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_codes_stand_for_their_prefixes() {
        assert_eq!(group_prefix("15-0000"), "15");
        assert_eq!(group_prefix("15-1200"), "15-12");
        assert_eq!(group_prefix("15-1250"), "15-125");
        assert_eq!(group_prefix("251"), "251");
        assert_eq!(soc_prefix("15-1252.00").as_deref(), Some("15-1252"));
        assert_eq!(soc_prefix("15-1252").as_deref(), Some("15-1252"));
        assert_eq!(soc_prefix("15-1252.0"), None);
        assert_eq!(soc_prefix("151252"), None);
    }

    #[test]
    fn titles_lose_case_punctuation_and_seniority() {
        assert_eq!(normalise("Sr. Account Executive II"), ["account", "executive"]);
        assert_eq!(normalise("Engineer, Software (Backend)"), ["engineer", "software", "backend"]);
    }
}

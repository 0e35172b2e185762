//! The figures behind the offer-odds estimate.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::collection::{cited_item, completed};
use super::load::FileReader;

/// The odds model as the documents support it: a formula, finalist-pool sizes and the
/// assumptions a reader must know before trusting a number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OddsModel {
    /// The formula, as shown to users.
    pub formula: String,
    /// One finalist pool per seniority.
    pub pools: Vec<Pool>,
    /// What the estimate takes for granted.
    pub assumptions: Vec<Assumption>,
}

impl OddsModel {
    /// Takes the model out of `odds.toml`; what is missing or malformed is recorded by `reader`.
    pub(crate) fn read(reader: &mut FileReader<'_>) -> Self {
        Self {
            formula: reader.value("formula").unwrap_or_default(),
            pools: completed(reader.items("pools")),
            assumptions: completed(reader.items("assumptions")),
        }
    }
}

cited_item! {
    /// How many finalists typically reach a second interview for one kind of role.
    pub struct Pool, example = "typical-pool" {
        /// The kind of role this pool describes.
        pub seniority: Seniority,
        /// Fewest finalists, the candidate included.
        #[schema(example = 4, minimum = 1)]
        pub finalists_min: u32,
        /// Most finalists, the candidate included.
        #[schema(example = 6, minimum = 1)]
        pub finalists_max: u32,
        /// The figure as the document gives it.
        [one] pub description: String,
        /// How the figure is read to get `finalists_min` and `finalists_max` (the same way for every pool).
        [one] pub reading: String,
    }
}

/// The kinds of role the documents give pool sizes for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, strum::VariantNames, strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Seniority {
    /// Most roles.
    Standard,
    /// Senior or highly specialised roles.
    Senior,
}

cited_item! {
    /// A condition under which the odds estimate holds.
    pub struct Assumption, example = "figures-are-averages" {
        /// The assumption in one or two sentences.
        [one] pub text: String,
        /// Which answers it applies to.
        pub applies_to: AssumptionScope,
    }
}

/// Which estimates an assumption belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AssumptionScope {
    /// Every estimate.
    Always,
    /// Only ranges taken from the documents' pool figures (no `finalists` given).
    PoolFigures,
}

/// The largest finalist count accepted: a shortlist of more than this is not a second-interview pool.
pub const MAX_FINALISTS: u32 = 1000;

/// A request for offer odds, validated by [`OddsModel::estimate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OddsQuery {
    /// How many finalists, the candidate included, when known.
    pub finalists: Option<u32>,
    /// How many people will be hired from the pool.
    pub openings: u32,
    /// The kind of role, which picks the pool figures when `finalists` is unknown.
    pub seniority: Seniority,
}

/// An offer-odds estimate with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Estimate {
    /// The estimate in words a candidate reads, with what it assumes.
    #[schema(
        example = "About 1 in 4 at best. This is an upper bound: it assumes the employer hires one of the finalists and weighs every finalist alike; a hold, a hiring freeze or a new round of candidates can mean nobody from this pool is hired."
    )]
    pub summary: String,
    /// Lowest probability of an offer, above 0 and below 1, to four decimals.
    #[schema(example = 0.1667, exclusive_minimum = 0.0, exclusive_maximum = 1.0)]
    pub low: f64,
    /// Highest probability of an offer, above 0 and below 1, to four decimals; equals `low` when `finalists` was given.
    #[schema(example = 0.25, exclusive_minimum = 0.0, exclusive_maximum = 1.0)]
    pub high: f64,
    /// The probability when `finalists` was given; null when the range comes from pool figures.
    #[schema(example = json!(null), exclusive_minimum = 0.0, exclusive_maximum = 1.0, required = true)]
    pub point: Option<f64>,
    /// Fewest finalists used (the candidate included).
    #[schema(example = 4, minimum = 2)]
    pub finalists_min: u32,
    /// Most finalists used (the candidate included).
    #[schema(example = 6, minimum = 2)]
    pub finalists_max: u32,
    /// Openings used; always fewer than `finalists_min`.
    #[schema(example = 1, minimum = 1)]
    pub openings: u32,
    /// The seniority used.
    pub seniority: Seniority,
    /// Id of the pool the figures came from; null when `finalists` was given.
    #[schema(example = "typical-pool", required = true)]
    pub pool: Option<String>,
    /// How the pool's figure was read into finalist counts; null when `finalists` was given.
    #[schema(required = true)]
    pub reading: Option<String>,
    /// The formula applied.
    #[schema(example = "probability = openings / finalists")]
    pub formula: String,
    /// What this estimate takes for granted, in plain sentences (pool assumptions only for ranges).
    pub assumptions: Vec<String>,
    /// Ids of the documents the figures and assumptions come from.
    pub sources: Vec<String>,
}

/// Why an odds request cannot be answered: the parameter and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OddsError {
    /// The offending parameter.
    pub parameter: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl OddsModel {
    /// `openings / finalists`, as a point when the finalists are known, else as a range over
    /// the pool figures for the seniority. Never a certainty: openings must be fewer than
    /// finalists, so every answer lies strictly between 0 and 1.
    pub fn estimate(&self, query: OddsQuery) -> Result<Estimate, OddsError> {
        let pool = self.pools.iter().find(|pool| pool.seniority == query.seniority);
        let (min, max, pool) = self.finalists(query, pool)?;
        let applies = |assumption: &&Assumption| pool.is_some() || assumption.applies_to == AssumptionScope::Always;
        let assumptions: Vec<&Assumption> = self.assumptions.iter().filter(applies).collect();
        let mut sources: Vec<String> = pool.map(|pool| pool.sources.clone()).unwrap_or_default();
        for source in assumptions.iter().flat_map(|assumption| &assumption.sources) {
            if !sources.contains(source) {
                sources.push(source.clone());
            }
        }
        let probability = |finalists: u32| rounded(f64::from(query.openings) / f64::from(finalists));
        Ok(Estimate {
            summary: summary(query.openings, min, max),
            low: probability(max),
            high: probability(min),
            point: query.finalists.map(probability),
            finalists_min: min,
            finalists_max: max,
            openings: query.openings,
            seniority: query.seniority,
            pool: pool.map(|pool| pool.id.clone()),
            reading: pool.map(|pool| pool.reading.clone()),
            formula: self.formula.clone(),
            assumptions: assumptions.iter().map(|assumption| assumption.text.clone()).collect(),
            sources,
        })
    }

    /// The fewest and most finalists to count, and the pool they come from when `finalists`
    /// was not given; an error names the parameter that would make the estimate meaningless.
    fn finalists<'a>(
        &self,
        query: OddsQuery,
        pool: Option<&'a Pool>,
    ) -> Result<(u32, u32, Option<&'a Pool>), OddsError> {
        let error = |parameter, message: String| Err(OddsError { parameter, message });
        if query.openings == 0 {
            return error("openings", "must be at least 1".to_owned());
        }
        match (query.finalists, pool) {
            (Some(n), _) if n < 2 => error(
                "finalists",
                "must be at least 2: you and at least one other finalist (with one, the estimate would claim certainty)".to_owned(),
            ),
            (Some(n), _) if n > MAX_FINALISTS => error(
                "finalists",
                format!("must be at most {MAX_FINALISTS}; a larger pool is not a second-interview shortlist"),
            ),
            (Some(n), _) if query.openings >= n => error(
                "openings",
                format!("must be fewer than finalists ({n}): with an opening for every finalist the estimate would claim certainty"),
            ),
            (Some(n), _) => Ok((n, n, None)),
            (None, Some(pool)) if query.openings >= pool.finalists_min => error(
                "openings",
                format!(
                    "must be fewer than the smallest pool for this seniority ({} finalists), or the estimate would claim certainty; give `finalists` for a larger hire",
                    pool.finalists_min
                ),
            ),
            (None, Some(pool)) => Ok((pool.finalists_min, pool.finalists_max, Some(pool))),
            (None, None) => error("seniority", "has no pool figures in the content".to_owned()),
        }
    }
}

/// `value` to four decimals: enough for a percentage with two, without false precision.
fn rounded(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// `openings` in `finalists` as a person says it: reduced ("1 in 4", "2 in 5").
fn fraction(openings: u32, finalists: u32) -> String {
    let (mut a, mut b) = (openings, finalists);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    format!("{} in {}", openings / a, finalists / a)
}

/// The estimate in words, with its caveat: it is an upper bound.
fn summary(openings: u32, min: u32, max: u32) -> String {
    let odds = if min == max {
        format!("About {}", fraction(openings, min))
    } else {
        format!("Between {} and {}", fraction(openings, max), fraction(openings, min))
    };
    format!(
        "{odds} at best. This is an upper bound: it assumes the employer hires from this pool of finalists and weighs every finalist alike; a hold, a hiring freeze or a new round of candidates can mean nobody from it is hired."
    )
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;

    /// The embedded model, parsed and validated once for every test and property case.
    static MODEL: LazyLock<OddsModel> =
        LazyLock::new(|| crate::content::Content::embedded().expect("embedded content").odds);

    fn model() -> &'static OddsModel {
        &MODEL
    }

    fn query(finalists: Option<u32>, openings: u32, seniority: Seniority) -> OddsQuery {
        OddsQuery { finalists, openings, seniority }
    }

    #[test]
    fn point_and_ranges_follow_the_pool_figures() {
        let model = model();
        let four = model.estimate(query(Some(4), 1, Seniority::Standard)).unwrap();
        assert_eq!((four.low, four.high, four.point), (0.25, 0.25, Some(0.25)));
        let typical = model.estimate(query(None, 1, Seniority::Standard)).unwrap();
        assert_eq!((typical.low, typical.high, typical.point), (0.1667, 0.25, None));
        assert_eq!(typical.pool.as_deref(), Some("typical-pool"));
        let senior = model.estimate(query(None, 1, Seniority::Senior)).unwrap();
        assert_eq!((senior.low, senior.high), (0.25, 0.3333));
    }

    #[test]
    fn summaries_read_as_fractions_and_say_they_are_upper_bounds() {
        let model = model();
        let summary = |q| model.estimate(q).unwrap().summary;
        assert!(
            summary(query(Some(4), 1, Seniority::Standard)).starts_with("About 1 in 4 at best. This is an upper bound")
        );
        assert!(summary(query(Some(6), 2, Seniority::Standard)).starts_with("About 1 in 3 at best."));
        assert!(summary(query(Some(5), 2, Seniority::Standard)).starts_with("About 2 in 5 at best."));
        assert!(summary(query(None, 1, Seniority::Standard)).starts_with("Between 1 in 6 and 1 in 4 at best."));
        assert!(summary(query(None, 1, Seniority::Senior)).starts_with("Between 1 in 4 and 1 in 3 at best."));
    }

    #[test]
    fn a_point_estimate_carries_no_pool_assumptions() {
        let model = model();
        let point = model.estimate(query(Some(4), 1, Seniority::Standard)).unwrap();
        let range = model.estimate(query(None, 1, Seniority::Standard)).unwrap();
        let pool_only: Vec<&String> = model
            .assumptions
            .iter()
            .filter(|a| a.applies_to == AssumptionScope::PoolFigures)
            .map(|a| &a.text)
            .collect();
        assert!(!pool_only.is_empty());
        assert!(pool_only.iter().all(|text| !point.assumptions.contains(text) && range.assumptions.contains(text)));
        assert_eq!((point.pool.as_deref(), point.reading.as_deref()), (None, None));
        assert!(range.reading.is_some());
    }

    #[test]
    fn impossible_requests_name_the_parameter() {
        let model = model();
        let parameter = |q| model.estimate(q).unwrap_err().parameter;
        assert_eq!(parameter(query(Some(0), 1, Seniority::Standard)), "finalists");
        assert_eq!(parameter(query(Some(1), 1, Seniority::Standard)), "finalists");
        assert_eq!(parameter(query(Some(MAX_FINALISTS + 1), 1, Seniority::Standard)), "finalists");
        assert_eq!(parameter(query(Some(3), 3, Seniority::Standard)), "openings");
        assert_eq!(parameter(query(Some(3), 4, Seniority::Standard)), "openings");
        assert_eq!(parameter(query(None, 0, Seniority::Standard)), "openings");
        assert_eq!(parameter(query(None, 4, Seniority::Standard)), "openings");
        assert_eq!(parameter(query(None, 3, Seniority::Senior)), "openings");
    }

    proptest! {
        #[test]
        fn answers_stay_probabilities(finalists in proptest::option::of(0u32..2000), openings in 0u32..2000, senior: bool) {
            let seniority = if senior { Seniority::Senior } else { Seniority::Standard };
            if let Ok(estimate) = model().estimate(query(finalists, openings, seniority)) {
                prop_assert!(estimate.low > 0.0 && estimate.high < 1.0, "never a certainty: {estimate:?}");
                prop_assert!(estimate.point.is_none_or(|point| point > 0.0 && point < 1.0));
                prop_assert!(estimate.low <= estimate.high);
            }
        }

        #[test]
        fn more_finalists_never_raise_the_odds(finalists in 1u32..MAX_FINALISTS, openings in 1u32..50) {
            let model = model();
            prop_assume!(openings < finalists);
            let fewer = model.estimate(query(Some(finalists), openings, Seniority::Standard)).unwrap();
            let more = model.estimate(query(Some(finalists + 1), openings, Seniority::Standard)).unwrap();
            prop_assert!(more.high <= fewer.high);
        }
    }
}

//! The figures behind the offer-odds estimate.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::collection::cited_item;
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
            pools: reader.items("pools"),
            assumptions: reader.items("assumptions"),
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
        /// The figure in words.
        [one] pub description: String,
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
    }
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
    /// Lowest probability of an offer, in [0, 1].
    #[schema(example = 0.1667, minimum = 0.0, maximum = 1.0)]
    pub low: f64,
    /// Highest probability of an offer, in [0, 1]; equals `low` when `finalists` was given.
    #[schema(example = 0.25, minimum = 0.0, maximum = 1.0)]
    pub high: f64,
    /// The probability when `finalists` was given; null when the range comes from pool figures.
    #[schema(example = json!(null))]
    pub point: Option<f64>,
    /// Fewest finalists used (the candidate included).
    #[schema(example = 4)]
    pub finalists_min: u32,
    /// Most finalists used (the candidate included).
    #[schema(example = 6)]
    pub finalists_max: u32,
    /// Openings used.
    #[schema(example = 1)]
    pub openings: u32,
    /// The seniority used.
    pub seniority: Seniority,
    /// Id of the pool the figures came from; null when `finalists` was given.
    #[schema(example = "typical-pool")]
    pub pool: Option<String>,
    /// The formula applied.
    #[schema(example = "probability = openings / finalists")]
    pub formula: String,
    /// What the estimate takes for granted, in plain sentences.
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
    /// the pool figures for the seniority.
    pub fn estimate(&self, query: OddsQuery) -> Result<Estimate, OddsError> {
        let error = |parameter, message: String| Err(OddsError { parameter, message });
        if query.openings == 0 {
            return error("openings", "must be at least 1".to_owned());
        }
        let pool = self.pools.iter().find(|pool| pool.seniority == query.seniority);
        let (min, max, pool) = match (query.finalists, pool) {
            (Some(0), _) => return error("finalists", "must be at least 1".to_owned()),
            (Some(n), _) if n > MAX_FINALISTS => {
                return error(
                    "finalists",
                    format!("must be at most {MAX_FINALISTS}; a larger pool is not a second-interview shortlist"),
                );
            }
            (Some(n), _) if query.openings > n => {
                return error("openings", format!("must not exceed finalists ({n})"));
            }
            (Some(n), _) => (n, n, None),
            (None, Some(pool)) if query.openings > pool.finalists_max => {
                return error(
                    "openings",
                    format!(
                        "must not exceed the pool's largest size ({}); give `finalists` for a bigger hire",
                        pool.finalists_max
                    ),
                );
            }
            (None, Some(pool)) => (pool.finalists_min, pool.finalists_max, Some(pool)),
            (None, None) => {
                return error("seniority", "has no pool figures in the content".to_owned());
            }
        };
        let probability = |finalists: u32| (f64::from(query.openings) / f64::from(finalists)).min(1.0);
        let mut sources: Vec<String> = pool.map(|pool| pool.sources.clone()).unwrap_or_default();
        for assumption in &self.assumptions {
            for source in &assumption.sources {
                if !sources.contains(source) {
                    sources.push(source.clone());
                }
            }
        }
        Ok(Estimate {
            low: probability(max),
            high: probability(min),
            point: query.finalists.map(probability),
            finalists_min: min,
            finalists_max: max,
            openings: query.openings,
            seniority: query.seniority,
            pool: pool.map(|pool| pool.id.clone()),
            formula: self.formula.clone(),
            assumptions: self.assumptions.iter().map(|a| a.text.clone()).collect(),
            sources,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn model() -> OddsModel {
        crate::content::Content::embedded().expect("embedded content").odds
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
        assert_eq!((typical.low, typical.high, typical.point), (1.0 / 6.0, 0.25, None));
        assert_eq!(typical.pool.as_deref(), Some("typical-pool"));
        let senior = model.estimate(query(None, 1, Seniority::Senior)).unwrap();
        assert_eq!((senior.low, senior.high), (1.0 / 3.0, 0.5));
    }

    #[test]
    fn impossible_requests_name_the_parameter() {
        let model = model();
        let parameter = |q| model.estimate(q).unwrap_err().parameter;
        assert_eq!(parameter(query(Some(0), 1, Seniority::Standard)), "finalists");
        assert_eq!(parameter(query(Some(MAX_FINALISTS + 1), 1, Seniority::Standard)), "finalists");
        assert_eq!(parameter(query(Some(3), 4, Seniority::Standard)), "openings");
        assert_eq!(parameter(query(None, 0, Seniority::Standard)), "openings");
        assert_eq!(parameter(query(None, 7, Seniority::Standard)), "openings");
    }

    proptest! {
        #[test]
        fn answers_stay_probabilities(finalists in proptest::option::of(0u32..2000), openings in 0u32..2000, senior: bool) {
            let seniority = if senior { Seniority::Senior } else { Seniority::Standard };
            if let Ok(estimate) = model().estimate(query(finalists, openings, seniority)) {
                prop_assert!((0.0..=1.0).contains(&estimate.low));
                prop_assert!((0.0..=1.0).contains(&estimate.high));
                prop_assert!(estimate.low <= estimate.high);
            }
        }

        #[test]
        fn more_finalists_never_raise_the_odds(finalists in 1u32..MAX_FINALISTS, openings in 1u32..50) {
            let model = model();
            prop_assume!(openings <= finalists);
            let fewer = model.estimate(query(Some(finalists), openings, Seniority::Standard)).unwrap();
            let more = model.estimate(query(Some(finalists + 1), openings, Seniority::Standard)).unwrap();
            prop_assert!(more.high <= fewer.high);
        }
    }
}

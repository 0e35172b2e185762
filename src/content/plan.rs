//! The schedule behind the next-steps plan.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::collection::{cited_item, completed};
use super::load::FileReader;
use super::{Origin, Template, Tip};

/// The steps of a plan and the default used when the employer named no decision date.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanModel {
    /// Days after the interview assumed for the decision when the employer gave no date.
    pub default_decision_wait_days: u32,
    /// Whether that default comes from the documents or is the project's own.
    pub default_decision_wait_origin: Origin,
    /// The steps, in order.
    pub steps: Vec<PlanStep>,
}

impl PlanModel {
    /// Takes the model out of `plan.toml`; what is missing or malformed is recorded by `reader`.
    pub(crate) fn read(reader: &mut FileReader<'_>) -> Self {
        Self {
            default_decision_wait_days: reader.value("default_decision_wait_days").unwrap_or_default(),
            default_decision_wait_origin: reader.value("default_decision_wait_origin").unwrap_or(Origin::Editorial),
            steps: completed(reader.items("steps")),
        }
    }
}

cited_item! {
    /// One dated step of the plan.
    pub struct PlanStep, example = "send-thank-you-notes" {
        /// Short headline.
        [one] pub title: String,
        /// What to do.
        [one] pub description: String,
        /// The date the step is counted from.
        pub anchor: Anchor,
        /// Days from the anchor (negative is before it).
        pub offset_days: i32,
        /// Ids of the tips for this step.
        -> Tip pub tips: Vec<String>,
        /// Ids of the email templates for this step.
        -> Template pub templates: Vec<String>,
    }
}

/// The date a plan step is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The interview date.
    Interview,
    /// The decision date the employer gave, or the default wait after the interview.
    Decision,
}

use chrono::{Days, NaiveDate};

/// Where the decision date of a plan comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionBasis {
    /// The date the employer gave (`decision_expected_by`).
    Employer,
    /// No date was given: the interview date plus the project's default wait (editorial).
    EditorialDefault,
}

/// A plan step with its date worked out.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DatedStep {
    /// The day to do it.
    #[schema(value_type = String, format = Date, example = "2026-12-02")]
    pub date: NaiveDate,
    /// What to do, with its tips and templates.
    pub step: PlanStep,
}

/// The next steps from an interview date to a decision, dated.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Plan {
    /// The interview date asked about.
    #[schema(value_type = String, format = Date, example = "2026-12-01")]
    pub interview_date: NaiveDate,
    /// The decision date used for the follow-up.
    #[schema(value_type = String, format = Date, example = "2026-12-08")]
    pub decision_date: NaiveDate,
    /// Whether the decision date is the employer's or the default wait.
    pub decision_basis: DecisionBasis,
    /// The steps, in date order.
    pub steps: Vec<DatedStep>,
    /// What to do for each possible outcome once the decision comes.
    pub outcomes: Vec<super::Outcome>,
}

/// Why a plan cannot be made: the parameter and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The offending parameter.
    pub parameter: &'static str,
    /// What is wrong with it.
    pub message: String,
}

/// The earliest year a plan accepts.
pub const MIN_YEAR: i32 = 1970;
/// The latest year a plan accepts.
pub const MAX_YEAR: i32 = 2200;

impl PlanModel {
    /// Dates every step from `interview` and, when the employer gave one, `decision`.
    pub fn plan(
        &self,
        interview: NaiveDate,
        decision: Option<NaiveDate>,
        outcomes: &[super::Outcome],
    ) -> Result<Plan, PlanError> {
        use chrono::Datelike;
        for (parameter, date) in [("interview_date", Some(interview)), ("decision_expected_by", decision)] {
            if let Some(date) = date
                && !(MIN_YEAR..=MAX_YEAR).contains(&date.year())
            {
                return Err(PlanError { parameter, message: format!("must be a date from {MIN_YEAR} to {MAX_YEAR}") });
            }
        }
        let (decision_date, decision_basis) = match decision {
            Some(date) if date < interview => {
                return Err(PlanError {
                    parameter: "decision_expected_by",
                    message: format!("must not be before interview_date ({interview})"),
                });
            }
            Some(date) => (date, DecisionBasis::Employer),
            None => {
                (interview + Days::new(u64::from(self.default_decision_wait_days)), DecisionBasis::EditorialDefault)
            }
        };
        let mut steps: Vec<DatedStep> = self
            .steps
            .iter()
            .map(|step| {
                let anchor = match step.anchor {
                    Anchor::Interview => interview,
                    Anchor::Decision => decision_date,
                };
                let offset = Days::new(u64::from(step.offset_days.unsigned_abs()));
                let date = if step.offset_days < 0 { anchor - offset } else { anchor + offset };
                DatedStep { date, step: step.clone() }
            })
            .collect();
        steps.sort_by_key(|step| step.date);
        Ok(Plan { interview_date: interview, decision_date, decision_basis, steps, outcomes: outcomes.to_vec() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> PlanModel {
        crate::content::Content::embedded().expect("embedded content").plan
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn steps_are_dated_from_the_interview_and_the_decision() {
        let plan = model().plan(date("2026-12-01"), Some(date("2026-12-10")), &[]).unwrap();
        let dates: Vec<(&str, String)> = plan.steps.iter().map(|s| (s.step.id.as_str(), s.date.to_string())).collect();
        assert_eq!(
            dates,
            vec![
                ("prepare", "2026-11-28".to_owned()),
                ("interview", "2026-12-01".to_owned()),
                ("send-thank-you-notes", "2026-12-02".to_owned()),
                ("follow-up", "2026-12-11".to_owned()),
            ]
        );
        assert_eq!(plan.decision_basis, DecisionBasis::Employer);
    }

    #[test]
    fn without_a_decision_date_the_default_wait_applies() {
        let plan = model().plan(date("2026-12-01"), None, &[]).unwrap();
        assert_eq!(plan.decision_date, date("2026-12-08"));
        assert_eq!(plan.decision_basis, DecisionBasis::EditorialDefault);
    }

    #[test]
    fn impossible_dates_name_the_parameter() {
        let model = model();
        let error = model.plan(date("2026-12-01"), Some(date("2026-11-30")), &[]).unwrap_err();
        assert_eq!(error.parameter, "decision_expected_by");
        assert_eq!(model.plan(date("9999-01-01"), None, &[]).unwrap_err().parameter, "interview_date");
    }
}

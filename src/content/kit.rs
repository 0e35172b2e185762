//! The stage kit: everything a page about one stage needs, in one answer.

use serde::Serialize;
use utoipa::ToSchema;

use utoipa::IntoParams;

use super::role_family::{RoleScope, ScopeError};
use super::{AskedBy, Content, Format, Outcome, Phase, Question, Stage, Template, Tip};

/// One stage with its formats, tips, questions, templates and possible outcomes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Kit {
    /// The stage.
    pub stage: Stage,
    /// The interview formats the stage may take, in the stage's order.
    pub formats: Vec<Format>,
    /// The stage's tips, grouped by phase.
    pub tips: TipsByPhase,
    /// The stage's questions, grouped by who asks them.
    pub questions: QuestionsByAsker,
    /// Email templates sent after this stage.
    pub templates: Vec<Template>,
    /// What can follow this stage.
    pub outcomes: Vec<Outcome>,
}

/// Tips grouped by phase.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct TipsByPhase {
    /// Tips for preparing.
    pub before: Vec<Tip>,
    /// Tips for the interview itself.
    pub during: Vec<Tip>,
    /// Tips for afterwards.
    pub after: Vec<Tip>,
}

/// Questions grouped by who asks them.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct QuestionsByAsker {
    /// Questions the interviewer may ask.
    pub interviewer: Vec<Question>,
    /// Questions for the candidate to ask.
    pub candidate: Vec<Question>,
}

/// The role a kit is for: its tips and questions are narrowed as the lists' filters narrow them.
#[derive(Debug, Default, PartialEq, Eq, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KitFilters {
    /// Only tips and questions that suit this role family (those for any role included).
    #[param(example = "engineering")]
    pub role_family: Option<String>,
    /// Only those that suit the occupation with this code: an O*NET-SOC code (`15-1252.00`), a SOC 2018 code or group (`15-1252`, `15-1250`, `15-0000`), or an ISCO-08 code (`2512`).
    #[param(example = "15-1252.00", max_length = 10, pattern = r"^(\d{2}-\d{4}(\.\d{2})?|\d{1,4})$")]
    pub occupation: Option<String>,
    /// Only those that suit this job title; a title that names no known role keeps only advice for any role.
    #[param(example = "Registered Nurse", max_length = 200)]
    pub job_title: Option<String>,
    /// The role families `occupation` and `job_title` stand for, once resolved.
    #[param(ignore)]
    pub resolved: Vec<Vec<String>>,
}

impl KitFilters {
    /// The role the kit is for, as given.
    pub fn scope(&self) -> RoleScope<'_> {
        RoleScope {
            role_family: self.role_family.as_ref(),
            occupation: self.occupation.as_deref(),
            job_title: self.job_title.as_deref(),
        }
    }

    /// Resolves the occupation code and job title against `content`.
    pub fn resolve(&mut self, content: &Content) -> Result<(), ScopeError> {
        self.resolved = self.scope().resolve(content)?;
        Ok(())
    }

    /// Whether an item tagged `families` belongs in the kit.
    fn suits(&self, families: &[String]) -> bool {
        self.scope().suits(families, &self.resolved)
    }
}

impl Content {
    /// The kit of the stage with `id`, narrowed to the role `filters` give, if there is a stage.
    pub fn kit(&self, id: &str, filters: &KitFilters) -> Option<Kit> {
        let stage = self.items::<Stage>().get(id)?;
        let mut tips = TipsByPhase::default();
        let for_stage = |stages: &[String], families: &[String]| stages.contains(&stage.id) && filters.suits(families);
        for tip in self.items::<Tip>().iter().filter(|tip| for_stage(&tip.stages, &tip.role_families)) {
            match tip.phase {
                Phase::Before => tips.before.push(tip.clone()),
                Phase::During => tips.during.push(tip.clone()),
                Phase::After => tips.after.push(tip.clone()),
            }
        }
        let mut questions = QuestionsByAsker::default();
        for question in self.items::<Question>().iter().filter(|q| for_stage(&q.stages, &q.role_families)) {
            match question.asked_by {
                AskedBy::Interviewer => questions.interviewer.push(question.clone()),
                AskedBy::Candidate => questions.candidate.push(question.clone()),
            }
        }
        Some(Kit {
            stage: stage.clone(),
            formats: stage.formats.iter().filter_map(|id| self.items::<Format>().get(id)).cloned().collect(),
            tips,
            questions,
            templates: self.items::<Template>().iter().filter(|t| t.stages.contains(&stage.id)).cloned().collect(),
            outcomes: stage.outcomes.iter().filter_map(|id| self.items::<Outcome>().get(id)).cloned().collect(),
        })
    }
}

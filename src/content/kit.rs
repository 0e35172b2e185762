//! The stage kit: everything a page about one stage needs, in one answer.

use serde::Serialize;
use utoipa::ToSchema;

use super::role_family::role_filters;
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

role_filters! {
    /// The role a kit is for: its tips and questions are narrowed as the lists' filters narrow them.
    pub struct KitFilters {}
}

impl Content {
    /// The kit of the stage with `id`, narrowed to the role `filters` give, if there is a stage.
    pub fn kit(&self, id: &str, filters: &KitFilters) -> Option<Kit> {
        let stage = self.items::<Stage>().get(id)?;
        let mut tips = TipsByPhase::default();
        let for_stage =
            |stages: &[String], families: &[String]| stages.contains(&stage.id) && filters.suits_role(families);
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

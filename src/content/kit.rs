//! The stage kit: everything a page about one stage needs, in one answer.

use serde::Serialize;
use utoipa::ToSchema;

use super::{AskedBy, Content, Outcome, Phase, Question, Stage, Template, Tip};

/// One stage with its tips, questions, templates and possible outcomes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Kit {
    /// The stage.
    pub stage: Stage,
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

impl Content {
    /// The kit of the stage with `id`, if there is one.
    pub fn kit(&self, id: &str) -> Option<Kit> {
        let stage = self.items::<Stage>().get(id)?;
        let mut tips = TipsByPhase::default();
        for tip in self.items::<Tip>().iter().filter(|tip| tip.stages.contains(&stage.id)) {
            match tip.phase {
                Phase::Before => tips.before.push(tip.clone()),
                Phase::During => tips.during.push(tip.clone()),
                Phase::After => tips.after.push(tip.clone()),
            }
        }
        let mut questions = QuestionsByAsker::default();
        for question in self.items::<Question>().iter().filter(|q| q.stages.contains(&stage.id)) {
            match question.asked_by {
                AskedBy::Interviewer => questions.interviewer.push(question.clone()),
                AskedBy::Candidate => questions.candidate.push(question.clone()),
            }
        }
        Some(Kit {
            stage: stage.clone(),
            tips,
            questions,
            templates: self.items::<Template>().iter().filter(|t| t.stages.contains(&stage.id)).cloned().collect(),
            outcomes: stage.outcomes.iter().filter_map(|id| self.items::<Outcome>().get(id)).cloned().collect(),
        })
    }
}

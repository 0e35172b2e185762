//! The plan as iCalendar (RFC 5545): one all-day event per step, a reminder on the steps that
//! ask the candidate to send something, and identifiers that stay the same for the same plan,
//! so importing it again updates the events rather than doubling them.

use chrono::{Duration, NaiveTime};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

use crate::content::plan::{DatedStep, Plan};
use crate::content::{Content, Template, Tip};

/// Media type of the calendar answer.
pub const TEXT_CALENDAR: &str = "text/calendar; charset=utf-8";

/// Hours after the start of a step's day at which its reminder rings (9:00).
const REMINDER_HOUR: i64 = 9;

/// `plan` as an iCalendar document; tips and templates are named with their API paths.
pub fn calendar(plan: &Plan, content: &Content) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//second-interview-api//plan//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(&format!("Second interview plan ({})", plan.interview_date))
        .description("Next steps around a second interview, from second-interview-api.");
    for step in &plan.steps {
        calendar.push(event(plan, step, content));
    }
    calendar.done().to_string()
}

/// One step as an all-day event (its end is the next day: RFC 5545 ends are exclusive).
fn event(plan: &Plan, step: &DatedStep, content: &Content) -> Event {
    let stamp = plan.interview_date.and_time(NaiveTime::MIN).and_utc();
    let mut event = Event::new();
    event
        .uid(&format!("{}-{}@second-interview-api", step.step.id, plan.interview_date))
        .timestamp(stamp)
        .starts(step.date)
        .ends(step.date + Duration::days(1))
        .summary(&step.step.title)
        .description(&description(step, content));
    if !step.step.templates.is_empty() {
        let reminder = format!("Today: {}", step.step.title);
        let mut alarm = Alarm::display(&reminder, Trigger::after_start(Duration::hours(REMINDER_HOUR)));
        let alarm = alarm.uid(&format!("{}-{}-reminder@second-interview-api", step.step.id, plan.interview_date));
        event.alarm(alarm.timestamp(stamp).done());
    }
    event.done()
}

/// What to do, then the tips and email templates of the step, each with its API path.
fn description(step: &DatedStep, content: &Content) -> String {
    let mut text = step.step.description.clone();
    let tips = step.step.tips.iter().filter_map(|id| content.items::<Tip>().get(id));
    let tips: Vec<String> = tips.map(|tip| format!("- {} (/v1/tips/{})", tip.title, tip.id)).collect();
    if !tips.is_empty() {
        text.push_str(&format!("\n\nTips:\n{}", tips.join("\n")));
    }
    let templates = step.step.templates.iter().filter_map(|id| content.items::<Template>().get(id));
    let templates: Vec<String> =
        templates.map(|template| format!("- {} (/v1/templates/{})", template.name, template.id)).collect();
    if !templates.is_empty() {
        text.push_str(&format!("\n\nEmails to send:\n{}", templates.join("\n")));
    }
    text
}

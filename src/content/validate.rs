//! Cross-item checks that serde cannot express: ids, references, texts, templates, figures.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::ids::{is_kebab_case, is_snake_case};
use super::load::Gaps;
use super::problem::{Problem, Report};
use super::{Content, Origin, Seniority, Template};

/// Adds to `problems` everything wrong with `content` beyond its shape.
pub(super) fn check(content: &Content, gaps: &Gaps, problems: &mut Vec<Problem>) {
    let known =
        |ids: &HashMap<String, usize>, file: &'static str| Known { ids: ids.keys().cloned().collect(), file, gaps };
    let (sources, stages, outcomes, tips, templates) = (
        known(&content.index.sources, "sources.toml"),
        known(&content.index.stages, "stages.toml"),
        known(&content.index.outcomes, "outcomes.toml"),
        known(&content.index.tips, "tips.toml"),
        known(&content.index.templates, "templates.toml"),
    );

    ids(problems, "sources.toml", content.sources.iter().map(|s| s.id.as_str()));
    for source in &content.sources {
        let mut r = Report::item(problems, "sources.toml", &source.id);
        r.text("title", &source.title);
        r.text("document", &source.document);
        r.text("summary", &source.summary);
        if let Some(publisher) = &source.publisher {
            r.text("publisher", publisher);
        }
    }

    ids(problems, "stages.toml", content.stages.iter().map(|s| s.id.as_str()));
    unique_orders(problems, "stages.toml", content.stages.iter().map(|s| (s.id.as_str(), s.order)));
    for stage in &content.stages {
        let mut r = Report::item(problems, "stages.toml", &stage.id);
        cited(&mut r, &stage.sources, stage.origin, &is(&sources));
        for (field, value) in
            [("name", &stage.name), ("employer_question", &stage.employer_question), ("summary", &stage.summary)]
        {
            r.text(field, value);
        }
        for (field, values) in [
            ("means", &stage.means),
            ("does_not_mean", &stage.does_not_mean),
            ("evaluates", &stage.evaluates),
            ("who_you_meet", &stage.who_you_meet),
        ] {
            r.non_empty(field, values);
            r.texts(field, values);
        }
        for (index, format) in stage.formats.iter().enumerate() {
            r.text(&format!("formats[{index}].description"), &format.description);
        }
        r.refs("next_stages", &stage.next_stages, "stage", &is(&stages));
        r.refs("outcomes", &stage.outcomes, "outcome", &is(&outcomes));
    }

    ids(problems, "outcomes.toml", content.outcomes.iter().map(|o| o.id.as_str()));
    unique_orders(problems, "outcomes.toml", content.outcomes.iter().map(|o| (o.id.as_str(), o.order)));
    for outcome in &content.outcomes {
        let mut r = Report::item(problems, "outcomes.toml", &outcome.id);
        cited(&mut r, &outcome.sources, outcome.origin, &is(&sources));
        r.text("name", &outcome.name);
        r.text("meaning", &outcome.meaning);
        r.non_empty("next_steps", &outcome.next_steps);
        r.texts("next_steps", &outcome.next_steps);
        r.refs("templates", &outcome.templates, "template", &is(&templates));
        r.refs("tips", &outcome.tips, "tip", &is(&tips));
    }

    ids(problems, "tips.toml", content.tips.iter().map(|t| t.id.as_str()));
    for tip in &content.tips {
        let mut r = Report::item(problems, "tips.toml", &tip.id);
        cited(&mut r, &tip.sources, tip.origin, &is(&sources));
        r.text("title", &tip.title);
        r.text("text", &tip.text);
        r.non_empty("stages", &tip.stages);
        r.refs("stages", &tip.stages, "stage", &is(&stages));
    }

    ids(problems, "questions.toml", content.questions.iter().map(|q| q.id.as_str()));
    for question in &content.questions {
        let mut r = Report::item(problems, "questions.toml", &question.id);
        cited(&mut r, &question.sources, question.origin, &is(&sources));
        r.text("text", &question.text);
        r.text("purpose", &question.purpose);
        r.text("guidance", &question.guidance);
        r.texts("variants", &question.variants);
        r.non_empty("stages", &question.stages);
        r.refs("stages", &question.stages, "stage", &is(&stages));
    }

    ids(problems, "templates.toml", content.templates.iter().map(|t| t.id.as_str()));
    for template in &content.templates {
        let mut r = Report::item(problems, "templates.toml", &template.id);
        cited(&mut r, &template.sources, template.origin, &is(&sources));
        for (field, value) in [
            ("name", &template.name),
            ("purpose", &template.purpose),
            ("when_to_send", &template.when_to_send),
            ("subject", &template.subject),
            ("body", &template.body),
        ] {
            r.text(field, value);
        }
        r.refs("stages", &template.stages, "stage", &is(&stages));
        r.refs("outcomes", &template.outcomes, "outcome", &is(&outcomes));
        placeholders(&mut r, template);
    }

    if !gaps.is_broken("odds.toml") {
        let odds = &content.odds;
        Report::file(problems, "odds.toml").text("formula", &odds.formula);
        ids(
            problems,
            "odds.toml",
            odds.pools.iter().map(|p| p.id.as_str()).chain(odds.assumptions.iter().map(|a| a.id.as_str())),
        );
        for seniority in [Seniority::Standard, Seniority::Senior] {
            let count = odds.pools.iter().filter(|pool| pool.seniority == seniority).count();
            if count != 1 {
                Report::file(problems, "odds.toml").add(
                    Some("pools"),
                    format!("needs exactly one pool with seniority `{}`, found {count}", seniority_name(seniority)),
                );
            }
        }
        for pool in &odds.pools {
            let mut r = Report::item(problems, "odds.toml", &pool.id);
            cited(&mut r, &pool.sources, pool.origin, &is(&sources));
            r.text("description", &pool.description);
            if pool.finalists_min == 0 {
                r.add(Some("finalists_min"), "must be at least 1");
            }
            if pool.finalists_min > pool.finalists_max {
                r.add(Some("finalists_max"), format!("must not be below finalists_min ({})", pool.finalists_min));
            }
        }
        Report::file(problems, "odds.toml").non_empty("assumptions", &odds.assumptions);
        for assumption in &odds.assumptions {
            let mut r = Report::item(problems, "odds.toml", &assumption.id);
            cited(&mut r, &assumption.sources, assumption.origin, &is(&sources));
            r.text("text", &assumption.text);
        }
    }
    if !gaps.is_broken("plan.toml") {
        let plan = &content.plan;
        if plan.default_decision_wait_days == 0 {
            Report::file(problems, "plan.toml").add(Some("default_decision_wait_days"), "must be at least 1");
        }
        Report::file(problems, "plan.toml").non_empty("steps", &plan.steps);
        ids(problems, "plan.toml", plan.steps.iter().map(|s| s.id.as_str()));
        for step in &plan.steps {
            let mut r = Report::item(problems, "plan.toml", &step.id);
            cited(&mut r, &step.sources, step.origin, &is(&sources));
            r.text("title", &step.title);
            r.text("description", &step.description);
            r.refs("tips", &step.tips, "tip", &is(&tips));
            r.refs("templates", &step.templates, "template", &is(&templates));
        }
    }
}

/// The ids a reference may name: those loaded, plus any the file holds but could not load
/// (their own problem is already reported).
struct Known<'a> {
    ids: HashSet<String>,
    file: &'static str,
    gaps: &'a Gaps,
}

/// A membership test for [`Report::refs`].
fn is<'a>(known: &'a Known<'a>) -> impl Fn(&str) -> bool + 'a {
    move |id| known.ids.contains(id) || known.gaps.covers(known.file, id)
}

fn seniority_name(seniority: Seniority) -> &'static str {
    match seniority {
        Seniority::Standard => "standard",
        Seniority::Senior => "senior",
    }
}

/// Every id kebab-case and unique within its file.
fn ids<'a>(problems: &mut Vec<Problem>, file: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for (position, id) in ids.enumerate() {
        let label = if id.is_empty() { format!("#{}", position + 1) } else { id.to_owned() };
        if !is_kebab_case(id) {
            Report::item(problems, file, label.clone())
                .add(Some("id"), "must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters");
        }
        if !seen.insert(id) {
            Report::item(problems, file, label).add(Some("id"), "duplicate id: another item in this file has it");
        }
    }
}

fn unique_orders<'a>(problems: &mut Vec<Problem>, file: &str, items: impl Iterator<Item = (&'a str, u32)>) {
    let mut seen = HashMap::new();
    for (id, order) in items {
        if order == 0 {
            Report::item(problems, file, id).add(Some("order"), "must be at least 1");
        }
        if let Some(other) = seen.insert(order, id) {
            Report::item(problems, file, id).add(Some("order"), format!("{order} is also the order of `{other}`"));
        }
    }
}

/// An item restating the documents must say which; every cited source must exist.
fn cited(r: &mut Report, sources: &[String], origin: Origin, known: &dyn Fn(&str) -> bool) {
    if origin == Origin::Source && sources.is_empty() {
        r.add(Some("sources"), "an item with origin `source` must cite at least one source");
    }
    r.refs("sources", sources, "source", known);
}

/// The placeholders a template uses must be exactly its declared variables, and each
/// variable's example must satisfy its own limits.
fn placeholders(r: &mut Report, template: &Template) {
    let env = minijinja::Environment::new();
    let mut used = BTreeSet::new();
    let mut in_subject = BTreeSet::new();
    for (field, source) in [("subject", &template.subject), ("body", &template.body)] {
        match env.template_from_str(source) {
            Ok(compiled) => {
                let names = compiled.undeclared_variables(false);
                if field == "subject" {
                    in_subject.extend(names.iter().cloned());
                }
                used.extend(names);
            }
            Err(error) => r.add(Some(field), format!("not a valid template: {error}")),
        }
    }
    let mut declared = BTreeSet::new();
    for (index, variable) in template.variables.iter().enumerate() {
        let field = |name: &str| format!("variables[{index}].{name}");
        if !is_snake_case(&variable.name) {
            r.add(Some(&field("name")), "must be snake_case (a-z, 0-9, underscores, starting with a letter)");
        }
        if !declared.insert(variable.name.clone()) {
            r.add(Some(&field("name")), format!("`{}` is declared twice", variable.name));
        }
        r.text(&field("description"), &variable.description);
        r.text(&field("example"), &variable.example);
        if variable.max_length == 0 {
            r.add(Some(&field("max_length")), "must be at least 1");
        } else if variable.example.chars().count() > variable.max_length as usize {
            r.add(Some(&field("example")), format!("is longer than max_length ({})", variable.max_length));
        }
        if variable.single_line && variable.example.contains(['\n', '\r']) {
            r.add(Some(&field("example")), "has a line break but the variable is single_line");
        }
        if in_subject.contains(&variable.name) && !variable.single_line {
            r.add(Some(&field("single_line")), "must be true: the subject line uses this variable");
        }
    }
    for name in used.difference(&declared) {
        r.add(Some("variables"), format!("the template uses `{name}` but does not declare it"));
    }
    for name in declared.difference(&used) {
        r.add(Some("variables"), format!("`{name}` is declared but the template never uses it"));
    }
}

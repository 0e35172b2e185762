//! Checks that serde cannot express, run the same way over every collection: ids, orders,
//! texts, citations and references. What is particular to one item type lives in its own
//! [`Collection::check`]; the two models are checked here.

use std::collections::{HashMap, HashSet};

use super::collection::{Item, Items, Provenance, Reference, Registered, Target, Text, Visitor};
use super::ids::is_kebab_case;
use super::load::Gaps;
use super::problem::{Problem, Report};
use super::{Content, Origin, RoleFamily, Seniority, Source};

/// Adds to `problems` everything wrong with `content` beyond its shape.
pub(super) fn check(content: &Content, gaps: &Gaps, problems: &mut Vec<Problem>) {
    let mut checker = Checker { content, gaps, problems };
    content.collections.visit(&mut checker);
    checker.odds();
    checker.plan();
    checker.occupations();
}

/// Walks every collection with what a check needs to resolve references.
struct Checker<'a> {
    content: &'a Content,
    gaps: &'a Gaps,
    problems: &'a mut Vec<Problem>,
}

impl Visitor for Checker<'_> {
    fn visit<C: Registered>(&mut self, items: &Items<C>) {
        let file = C::file();
        ids(self.problems, &file, items.iter().map(|item| item.id()));
        unique_orders(self.problems, &file, items.iter().filter_map(|item| Some((item.id(), item.order()?))));
        for item in items.iter() {
            let mut report = Report::item(self.problems, &file, item.id());
            check_item(&mut report, self.content, self.gaps, item, &item.references());
            item.check(&mut report);
        }
    }
}

/// What every item must satisfy: no blank text, cited sources that exist, references that
/// resolve.
fn check_item(report: &mut Report<'_>, content: &Content, gaps: &Gaps, item: &impl Item, references: &[Reference<'_>]) {
    let texts = item.texts();
    let fields: Vec<&str> = texts.iter().map(|(field, _)| *field).collect();
    for (field, text) in texts {
        report.text_field(field, text);
    }
    for reference in references.iter().chain([&cited_sources(item.provenance())]) {
        resolve(report, content, gaps, reference);
    }
    cited(report, item.provenance(), &fields);
}

impl Checker<'_> {
    /// The odds model: its formula, one pool per seniority, sane pool figures, cited texts.
    fn odds(&mut self) {
        if self.gaps.is_broken("odds.toml") {
            return;
        }
        let odds = &self.content.odds;
        Report::file(self.problems, "odds.toml").text("formula", &odds.formula);
        let pool_ids = odds.pools.iter().map(|pool| pool.id.as_str());
        ids(self.problems, "odds.toml", pool_ids.chain(odds.assumptions.iter().map(|a| a.id.as_str())));
        for seniority in [Seniority::Standard, Seniority::Senior] {
            let count = odds.pools.iter().filter(|pool| pool.seniority == seniority).count();
            if count != 1 {
                let name: &str = seniority.into();
                Report::file(self.problems, "odds.toml")
                    .add(Some("pools"), format!("needs exactly one pool with seniority `{name}`, found {count}"));
            }
        }
        for pool in &odds.pools {
            let mut report = Report::item(self.problems, "odds.toml", &pool.id);
            check_item(&mut report, self.content, self.gaps, pool, &[]);
            if pool.finalists_min == 0 {
                report.add(Some("finalists_min"), "must be at least 1");
            }
            if pool.finalists_min > pool.finalists_max {
                report.add(Some("finalists_max"), format!("must not be below finalists_min ({})", pool.finalists_min));
            }
        }
        Report::file(self.problems, "odds.toml").non_empty("assumptions", &odds.assumptions);
        for assumption in &odds.assumptions {
            let mut report = Report::item(self.problems, "odds.toml", &assumption.id);
            check_item(&mut report, self.content, self.gaps, assumption, &[]);
        }
    }

    /// The plan model: a default wait, at least one step, and resolvable, cited steps.
    fn plan(&mut self) {
        if self.gaps.is_broken("plan.toml") {
            return;
        }
        let plan = &self.content.plan;
        if plan.default_decision_wait_days == 0 {
            Report::file(self.problems, "plan.toml").add(Some("default_decision_wait_days"), "must be at least 1");
        }
        Report::file(self.problems, "plan.toml").non_empty("steps", &plan.steps);
        ids(self.problems, "plan.toml", plan.steps.iter().map(|step| step.id.as_str()));
        for step in &plan.steps {
            let mut report = Report::item(self.problems, "plan.toml", &step.id);
            check_item(&mut report, self.content, self.gaps, step, &step.references());
        }
    }
}

impl Checker<'_> {
    /// The crosswalk: its own checks, and every role family and source it names must exist.
    fn occupations(&mut self) {
        if self.gaps.is_broken("occupations.toml") {
            return;
        }
        let map = &self.content.occupations;
        map.check(self.problems);
        let mut report = Report::file(self.problems, "occupations.toml");
        let families = Target::of::<RoleFamily>();
        let file = (families.file)();
        let known = |id: &str| (families.exists)(self.content, id) || self.gaps.covers(&file, id);
        for (field, ids) in map.role_family_fields() {
            report.refs(&field, ids, &(families.noun)(), &known);
        }
        for (field, id) in [("soc_source", &map.soc_source), ("isco_source", &map.isco_source)] {
            resolve(&mut report, self.content, self.gaps, &Reference::to::<Source>(field, std::slice::from_ref(id)));
        }
    }
}

/// The sources an item cites, as a reference into the sources collection.
fn cited_sources(provenance: Provenance<'_>) -> Reference<'_> {
    Reference::to::<Source>("sources", provenance.sources)
}

/// Every id of `reference` must exist in its target, or be one the target's file holds but
/// could not load (that problem is already reported).
fn resolve(report: &mut Report<'_>, content: &Content, gaps: &Gaps, reference: &Reference<'_>) {
    let target = reference.target;
    let file = (target.file)();
    let known = |id: &str| (target.exists)(content, id) || gaps.covers(&file, id);
    report.refs(reference.field, reference.ids, &(target.noun)(), &known);
}

/// An item restating the documents must say which, and which of its text `fields` the project
/// wrote: none for `source`, some for `mixed`, all for `editorial`.
fn cited(report: &mut Report<'_>, provenance: Provenance<'_>, fields: &[&str]) {
    let listed = provenance.editorial_fields;
    if provenance.origin != Origin::Editorial && provenance.sources.is_empty() {
        report.add(Some("sources"), "an item that restates the documents must cite at least one source");
    }
    let mut seen = HashSet::new();
    for (index, name) in listed.iter().enumerate() {
        if !fields.contains(&name.as_str()) {
            let allowed = fields.iter().map(|field| format!("`{field}`")).collect::<Vec<_>>().join(", ");
            report.add(
                Some(&format!("editorial_fields[{index}]")),
                format!("`{name}` is not a text field of this item; text fields: {allowed}"),
            );
        } else if !seen.insert(name.as_str()) {
            report.add(Some(&format!("editorial_fields[{index}]")), format!("`{name}` is listed twice"));
        }
    }
    let all_listed = fields.iter().all(|field| seen.contains(field));
    match provenance.origin {
        Origin::Source if !listed.is_empty() => {
            report.add(Some("editorial_fields"), "an item with origin `source` has no editorial fields; use `mixed`")
        }
        Origin::Mixed if listed.is_empty() => {
            report.add(Some("editorial_fields"), "an item with origin `mixed` must name the fields the project wrote")
        }
        Origin::Mixed if all_listed => report
            .add(Some("editorial_fields"), "names every text field; an item the project wrote in full is `editorial`"),
        Origin::Editorial if !all_listed => report.add(
            Some("editorial_fields"),
            "an `editorial` item's fields are all the project's; leave the list out or use `mixed`",
        ),
        _ => {}
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

/// Every `order` at least 1 and unique within its file.
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

impl Report<'_> {
    /// Requires a text field to hold more than white space (each entry, for a list).
    fn text_field(&mut self, field: &str, text: Text<'_>) {
        match text {
            Text::One(value) | Text::Markup(value) | Text::Optional(Some(value)) => self.text(field, value),
            Text::Optional(None) => {}
            Text::Parts(parts) => {
                for (part, value) in parts {
                    self.text(&format!("{field}.{part}"), value);
                }
            }
            Text::Many { values, required } => {
                if required {
                    self.non_empty(field, values);
                }
                self.texts(field, values);
            }
        }
    }
}

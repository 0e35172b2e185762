//! Content problems, reported all at once so an editor can fix a whole batch in one go.

use std::fmt;

/// One thing wrong with the content, located as precisely as the problem allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The content file, relative to the data folder (for example `tips.toml`).
    pub file: String,
    /// The item's id, or `#N` (1-based position) when the item has no usable id.
    pub item: Option<String>,
    /// The field, as a dotted path inside the item (for example `variables[2].max_length`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(item) = &self.item {
            write!(f, ": item `{item}`")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found while loading content; the service refuses to start while any remain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ContentError {
    /// The problems, in file order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "content has {} problem(s):", self.problems.len())?;
        for problem in &self.problems {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}

/// Collects problems for one file and item, so checks read as one line each.
pub struct Report<'a> {
    problems: &'a mut Vec<Problem>,
    file: &'a str,
    item: Option<String>,
}

impl<'a> Report<'a> {
    /// Problems about `file` as a whole.
    pub fn file(problems: &'a mut Vec<Problem>, file: &'a str) -> Self {
        Self { problems, file, item: None }
    }

    /// Problems about one item of `file`.
    pub fn item(problems: &'a mut Vec<Problem>, file: &'a str, item: impl Into<String>) -> Self {
        Self { problems, file, item: Some(item.into()) }
    }

    /// Records a problem with `field` (or with the item or file as a whole when `None`).
    pub fn add(&mut self, field: Option<&str>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            item: self.item.clone(),
            field: field.map(str::to_owned),
            message: message.into(),
        });
    }

    /// Requires `value` to hold more than white space.
    pub fn text(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(Some(field), "must not be empty");
        }
    }

    /// Requires every entry of a list of sentences to hold more than white space.
    pub fn texts(&mut self, field: &str, values: &[String]) {
        for (index, value) in values.iter().enumerate() {
            self.text(&format!("{field}[{index}]"), value);
        }
    }

    /// Requires a list to have at least one entry.
    pub fn non_empty<T>(&mut self, field: &str, values: &[T]) {
        if values.is_empty() {
            self.add(Some(field), "must list at least one entry");
        }
    }

    /// Requires every id in `ids` to name an item of `collection`.
    pub fn refs(&mut self, field: &str, ids: &[String], collection: &str, known: &dyn Fn(&str) -> bool) {
        for (index, id) in ids.iter().enumerate() {
            if !known(id) {
                self.add(Some(&format!("{field}[{index}]")), format!("no {collection} has the id `{id}`"));
            }
        }
    }
}

//! Reading the content files, embedded or from a folder, into typed collections.

use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::problem::{Problem, Report};

/// The content files, in the order they are read and hashed.
pub const FILES: [&str; 8] = [
    "sources.toml",
    "stages.toml",
    "outcomes.toml",
    "tips.toml",
    "questions.toml",
    "templates.toml",
    "odds.toml",
    "plan.toml",
];

/// The files compiled into the binary, so the service runs with nothing beside it.
const EMBEDDED: [&str; 8] = [
    include_str!("../../data/sources.toml"),
    include_str!("../../data/stages.toml"),
    include_str!("../../data/outcomes.toml"),
    include_str!("../../data/tips.toml"),
    include_str!("../../data/questions.toml"),
    include_str!("../../data/templates.toml"),
    include_str!("../../data/odds.toml"),
    include_str!("../../data/plan.toml"),
];

/// The raw text of every content file, keyed by file name in [`FILES`] order (`None` for a
/// file that could not be read).
#[derive(Debug, Clone)]
pub struct RawFiles(pub Vec<(&'static str, Option<String>)>);

impl RawFiles {
    /// The content compiled into the binary.
    pub fn embedded() -> Self {
        Self(FILES.iter().zip(EMBEDDED).map(|(name, text)| (*name, Some(text.to_owned()))).collect())
    }

    /// The content files of `dir`, and a problem for each one that cannot be read (the
    /// others are still checked, so every problem is reported at once).
    pub fn from_dir(dir: &Path) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let files = FILES
            .iter()
            .map(|&name| match std::fs::read_to_string(dir.join(name)) {
                Ok(text) => (name, Some(text)),
                Err(error) => {
                    Report::file(&mut problems, name)
                        .add(None, format!("cannot read {}: {error}", dir.join(name).display()));
                    (name, None)
                }
            })
            .collect();
        (Self(files), problems)
    }

    /// The text of `name`, if it could be read.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(file, _)| *file == name).and_then(|(_, text)| text.as_deref())
    }
}

/// What is in the files but could not be loaded: unreadable or unparsable files, and ids of
/// items that failed to deserialise. References to these are not reported again as dangling.
#[derive(Debug, Default)]
pub(crate) struct Gaps {
    broken: HashSet<&'static str>,
    ids: HashSet<(&'static str, String)>,
}

impl Gaps {
    /// Whether `file` could not be read or parsed at all.
    pub fn is_broken(&self, file: &str) -> bool {
        self.broken.contains(file)
    }

    /// Whether `id` in `file` may exist even though it was not loaded.
    pub fn covers(&self, file: &str, id: &str) -> bool {
        self.broken.contains(file) || self.ids.contains(&(file_key(file), id.to_owned()))
    }
}

fn file_key(file: &str) -> &'static str {
    FILES.iter().find(|name| **name == file).copied().unwrap_or("")
}

/// Takes one file's top-level keys apart, recording a problem for anything that does not fit.
pub(crate) struct FileReader<'a> {
    file: &'static str,
    table: toml::Table,
    broken: bool,
    problems: &'a mut Vec<Problem>,
    gaps: &'a mut Gaps,
}

impl<'a> FileReader<'a> {
    /// Parses `text` as TOML; a missing file or a syntax error leaves an empty reader (the
    /// syntax error is recorded; the missing file was recorded when reading).
    pub fn new(file: &'static str, text: Option<&str>, problems: &'a mut Vec<Problem>, gaps: &'a mut Gaps) -> Self {
        let (table, broken) = match text.map(str::parse::<toml::Table>) {
            Some(Ok(table)) => (table, false),
            Some(Err(error)) => {
                Report::file(problems, file).add(None, format!("not valid TOML: {}", one_line(&error.to_string())));
                (toml::Table::new(), true)
            }
            None => (toml::Table::new(), true),
        };
        if broken {
            gaps.broken.insert(file);
        }
        Self { file, table, broken, problems, gaps }
    }

    /// Takes the array of tables under `key`, each item deserialised on its own so that one
    /// bad item does not hide the problems of the others.
    pub fn items<T: DeserializeOwned>(&mut self, key: &str) -> Vec<T> {
        let Some(value) = self.table.remove(key) else {
            if !self.broken {
                Report::file(self.problems, self.file)
                    .add(Some(key), "missing: the file must hold an array of tables under this key");
            }
            return Vec::new();
        };
        let toml::Value::Array(values) = value else {
            Report::file(self.problems, self.file).add(Some(key), "must be an array of tables ([[key]] sections)");
            return Vec::new();
        };
        let mut items = Vec::with_capacity(values.len());
        for (index, value) in values.into_iter().enumerate() {
            let label = match value.get("id").and_then(toml::Value::as_str) {
                Some(id) if !id.is_empty() => id.to_owned(),
                _ => format!("#{}", index + 1),
            };
            match serde_path_to_error::deserialize::<_, T>(value) {
                Ok(item) => items.push(item),
                Err(error) => {
                    let path = error.path().to_string();
                    let message = one_line(&error.into_inner().to_string());
                    let field = if path == "." { named_field(&message) } else { Some(path) };
                    self.gaps.ids.insert((self.file, label.clone()));
                    Report::item(self.problems, self.file, label).add(field.as_deref(), message);
                }
            }
        }
        items
    }

    /// Takes the single value under `key`.
    pub fn value<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let Some(value) = self.table.remove(key) else {
            if !self.broken {
                Report::file(self.problems, self.file).add(Some(key), "missing");
            }
            return None;
        };
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(error) => {
                Report::file(self.problems, self.file).add(Some(key), one_line(&error.to_string()));
                None
            }
        }
    }

    /// Records every key nobody took: a misspelt key is a problem, not something to ignore.
    pub fn finish(self) {
        for key in self.table.keys() {
            Report::file(self.problems, self.file).add(Some(key), "unknown key");
        }
    }
}

/// The first line of a parser message (toml appends context lines that repeat the path).
fn one_line(message: &str) -> String {
    message.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or(message).to_owned()
}

/// The field a serde message names when the error sits on the item itself
/// ("missing field `title`", "unknown field `colour`, expected …").
fn named_field(message: &str) -> Option<String> {
    ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
        .map(str::to_owned)
}

//! Reading the content files, embedded or from a folder, into typed collections.

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

/// The raw text of every content file, keyed by file name in [`FILES`] order.
#[derive(Debug, Clone)]
pub struct RawFiles(pub Vec<(&'static str, String)>);

impl RawFiles {
    /// The content compiled into the binary.
    pub fn embedded() -> Self {
        Self(FILES.iter().zip(EMBEDDED).map(|(name, text)| (*name, text.to_owned())).collect())
    }

    /// The content files of `dir`; a missing or unreadable file is a problem, not a panic.
    pub fn from_dir(dir: &Path) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut files = Vec::new();
        for name in FILES {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(text) => files.push((name, text)),
                Err(error) => Report::file(&mut problems, name)
                    .add(None, format!("cannot read {}: {error}", dir.join(name).display())),
            }
        }
        if problems.is_empty() { Ok(Self(files)) } else { Err(problems) }
    }

    /// The text of `name`.
    pub fn text(&self, name: &str) -> &str {
        self.0.iter().find(|(file, _)| *file == name).map_or("", |(_, text)| text)
    }
}

/// Takes one file's top-level keys apart, recording a problem for anything that does not fit.
pub(crate) struct FileReader<'a> {
    file: &'static str,
    table: toml::Table,
    broken: bool,
    problems: &'a mut Vec<Problem>,
}

impl<'a> FileReader<'a> {
    /// Parses `text` as TOML; a syntax error is recorded and leaves an empty reader.
    pub fn new(file: &'static str, text: &str, problems: &'a mut Vec<Problem>) -> Self {
        let table = match text.parse::<toml::Table>() {
            Ok(table) => table,
            Err(error) => {
                Report::file(problems, file).add(None, format!("not valid TOML: {}", error.to_string().trim()));
                return Self { file, table: toml::Table::new(), broken: true, problems };
            }
        };
        Self { file, table, broken: false, problems }
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
                    let field = (path != ".").then_some(path);
                    Report::item(self.problems, self.file, label).add(field.as_deref(), error.into_inner().to_string());
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
                Report::file(self.problems, self.file).add(Some(key), error.to_string());
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

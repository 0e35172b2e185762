//! Reading the content files, embedded or from a folder, into typed collections.

use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::collection::{Items, Registered};
use super::problem::{Problem, Report};
use super::registry::EMBEDDED_COLLECTIONS;

/// The data files that are not collections: the models behind the odds, the plan and the
/// occupation crosswalk.
const EMBEDDED_MODELS: [(&str, &str); 3] = [
    ("odds.toml", include_str!("../../data/odds.toml")),
    ("plan.toml", include_str!("../../data/plan.toml")),
    ("occupations.toml", include_str!("../../data/occupations.toml")),
];

/// Every content file, embedded text included, in the order they are read and hashed.
fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    EMBEDDED_COLLECTIONS.iter().chain(&EMBEDDED_MODELS).copied()
}

/// The name of every content file a data folder must hold, in the order they are read.
pub fn data_files() -> Vec<&'static str> {
    embedded_files().map(|(name, _)| name).collect()
}

/// The raw text of every content file, keyed by file name in [`data_files`] order (`None`
/// for a file that could not be read).
#[derive(Debug, Clone)]
pub struct RawFiles(pub Vec<(&'static str, Option<String>)>);

impl RawFiles {
    /// The content compiled into the binary.
    pub fn embedded() -> Self {
        Self(embedded_files().map(|(name, text)| (name, Some(text.to_owned()))).collect())
    }

    /// The content files of `dir`, and a problem for each one that cannot be read (the
    /// others are still checked, so every problem is reported at once).
    pub fn from_dir(dir: &Path) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let files = embedded_files()
            .map(|(name, _)| match std::fs::read_to_string(dir.join(name)) {
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
    broken: HashSet<String>,
    ids: HashSet<(String, String)>,
}

impl Gaps {
    /// Whether `file` could not be read or parsed at all.
    pub fn is_broken(&self, file: &str) -> bool {
        self.broken.contains(file)
    }

    /// Whether `id` in `file` may exist even though it was not loaded.
    pub fn covers(&self, file: &str, id: &str) -> bool {
        self.broken.contains(file) || self.ids.contains(&(file.to_owned(), id.to_owned()))
    }
}

/// Reads collections out of the raw files, recording every problem and gap on the way.
pub(crate) struct Loader<'a> {
    files: &'a RawFiles,
    problems: &'a mut Vec<Problem>,
    gaps: &'a mut Gaps,
}

impl<'a> Loader<'a> {
    /// A loader over `files`.
    pub fn new(files: &'a RawFiles, problems: &'a mut Vec<Problem>, gaps: &'a mut Gaps) -> Self {
        Self { files, problems, gaps }
    }

    /// Hands the reader of `file` to `take`, then reports the keys nobody took.
    pub fn file<T>(&mut self, file: &str, take: impl FnOnce(&mut FileReader<'_>) -> T) -> T {
        let mut reader = FileReader::new(file, self.files.text(file), self.problems, self.gaps);
        let taken = take(&mut reader);
        reader.finish();
        taken
    }

    /// The collection of `C`, read from its own file.
    pub fn collection<C: Registered>(&mut self) -> Items<C> {
        Items::new(self.file(&C::file(), |reader| reader.items(C::NAME)))
    }
}

/// Takes one file's top-level keys apart, recording a problem for anything that does not fit.
pub(crate) struct FileReader<'a> {
    file: String,
    table: toml::Table,
    broken: bool,
    problems: &'a mut Vec<Problem>,
    gaps: &'a mut Gaps,
}

impl<'a> FileReader<'a> {
    /// Parses `text` as TOML; a missing file or a syntax error leaves an empty reader (the
    /// syntax error is recorded; the missing file was recorded when reading).
    pub fn new(file: &str, text: Option<&str>, problems: &'a mut Vec<Problem>, gaps: &'a mut Gaps) -> Self {
        let (table, broken) = match text.map(str::parse::<toml::Table>) {
            Some(Ok(table)) => (table, false),
            Some(Err(error)) => {
                Report::file(problems, file).add(None, format!("not valid TOML: {}", one_line(&error.to_string())));
                (toml::Table::new(), true)
            }
            None => (toml::Table::new(), true),
        };
        if broken {
            gaps.broken.insert(file.to_owned());
        }
        Self { file: file.to_owned(), table, broken, problems, gaps }
    }

    /// Takes the array of tables under `key`, each item deserialised on its own so that one
    /// bad item does not hide the problems of the others.
    pub fn items<T: DeserializeOwned>(&mut self, key: &str) -> Vec<T> {
        let Some(value) = self.table.remove(key) else {
            if !self.broken {
                Report::file(self.problems, &self.file)
                    .add(Some(key), "missing: the file must hold an array of tables under this key");
            }
            return Vec::new();
        };
        let toml::Value::Array(values) = value else {
            Report::file(self.problems, &self.file).add(Some(key), "must be an array of tables ([[key]] sections)");
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
                    self.gaps.ids.insert((self.file.clone(), label.clone()));
                    Report::item(self.problems, &self.file, label).add(field.as_deref(), message);
                }
            }
        }
        items
    }

    /// Takes the single value under `key`.
    pub fn value<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        let Some(value) = self.table.remove(key) else {
            if !self.broken {
                Report::file(self.problems, &self.file).add(Some(key), "missing");
            }
            return None;
        };
        match T::deserialize(value) {
            Ok(value) => Some(value),
            Err(error) => {
                Report::file(self.problems, &self.file).add(Some(key), one_line(&error.to_string()));
                None
            }
        }
    }

    /// Records every key nobody took: a misspelt key is a problem, not something to ignore.
    pub fn finish(self) {
        for key in self.table.keys() {
            Report::file(self.problems, &self.file).add(Some(key), "unknown key");
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

//! Content validation: every kind of problem PRODUCT §2 names is reported with its file, item
//! and field, through the library and through `second-interview-api validate DIR`.

use std::path::Path;
use std::process::{Command, Output};

use second_interview_api::content::{Content, Problem, Question, Stage, Tip, data_files};

use crate::helpers::{ContentCopy, data_dir, fixtures};
use Message::{Is, StartsWith};

/// What a problem's message must be.
#[derive(Debug, Clone, Copy)]
enum Message {
    Is(&'static str),
    StartsWith(&'static str),
}

/// One problem the validation must report.
#[derive(Debug, Clone, Copy)]
struct Want {
    file: &'static str,
    item: Option<&'static str>,
    field: Option<&'static str>,
    message: Message,
}

const fn want(file: &'static str, item: Option<&'static str>, field: Option<&'static str>, message: Message) -> Want {
    Want { file, item, field, message }
}

impl Want {
    fn matches(&self, problem: &Problem) -> bool {
        let message = match self.message {
            Message::Is(text) => problem.message == text,
            Message::StartsWith(text) => problem.message.starts_with(text),
        };
        problem.file == self.file
            && problem.item.as_deref() == self.item
            && problem.field.as_deref() == self.field
            && message
    }
}

/// The problems `Content::from_dir` reports for `dir` (none when it loads).
fn problems_of(dir: &Path) -> Vec<Problem> {
    match Content::from_dir(dir) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems,
    }
}

/// Runs `second-interview-api validate [dir]` with no settings from the environment.
fn validate(dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_second-interview-api"));
    command.arg("validate").env_remove("SIA__CONTENT__DATA_DIR").env_remove("RUST_LOG");
    if let Some(dir) = dir {
        command.arg(dir);
    }
    command.output().expect("the binary runs")
}

/// What is wrong with the report for `dir` when `wants` are the problems it must hold,
/// exactly, in any order; the `validate` command must list the same problems and fail.
fn mismatches(dir: &Path, wants: &[Want]) -> Vec<String> {
    let problems = problems_of(dir);
    let mut wrong: Vec<String> = wants
        .iter()
        .filter(|w| !problems.iter().any(|p| w.matches(p)))
        .map(|w| format!("not reported: {w:?}"))
        .collect();
    let unexpected: Vec<String> = problems
        .iter()
        .filter(|p| !wants.iter().any(|w| w.matches(p)))
        .map(|p| format!("reported but not expected: {p:?}"))
        .collect();
    if unexpected.len() > 10 {
        wrong.push(format!("{} problems reported but not expected, among them:", unexpected.len()));
    }
    wrong.extend(unexpected.into_iter().take(10));
    let output = validate(Some(dir));
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        wrong.push("`validate` exited 0".to_owned());
    }
    if !stderr.starts_with(&format!("content has {} problem(s):\n", problems.len())) {
        wrong.push(format!("`validate` does not start with the problem count: {stderr}"));
    }
    for problem in &problems {
        if !stderr.contains(&format!("  {problem}\n")) {
            wrong.push(format!("`validate` does not list `{problem}`"));
        }
    }
    wrong
}

fn assert_reports(dir: &Path, wants: &[Want]) {
    let wrong = mismatches(dir, wants);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A broken copy of `data/` and the one problem it must report.
struct Case {
    name: &'static str,
    fixture: fn() -> ContentCopy,
    want: Want,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "duplicate id",
            fixture: || {
                ContentCopy::of_data().replace(
                    "tips.toml",
                    "id = \"treat-it-as-another-pitch\"",
                    "id = \"take-a-moment-to-celebrate\"",
                )
            },
            want: want(
                "tips.toml",
                Some("take-a-moment-to-celebrate"),
                Some("id"),
                Is("duplicate id: another item in this file has it"),
            ),
        },
        Case {
            name: "malformed id",
            fixture: || {
                ContentCopy::of_data().replace("tips.toml", "id = \"treat-it-as-another-pitch\"", "id = \"Bad_Id\"")
            },
            want: want(
                "tips.toml",
                Some("Bad_Id"),
                Some("id"),
                Is("must be kebab-case (a-z, 0-9, single hyphens), at most 64 characters"),
            ),
        },
        Case {
            name: "dangling stage reference",
            fixture: || {
                ContentCopy::of_data().replace_in_item(
                    "tips.toml",
                    "quantify-your-impact",
                    "\"second-interview\"",
                    "\"no-such-stage\"",
                )
            },
            want: want(
                "tips.toml",
                Some("quantify-your-impact"),
                Some("stages[0]"),
                Is("no stage has the id `no-such-stage`"),
            ),
        },
        Case {
            name: "dangling source reference",
            fixture: || {
                ContentCopy::of_data().replace_in_item(
                    "questions.toml",
                    "tell-us-about-yourself",
                    "\"career-karma-second-interview\"",
                    "\"no-such-source\"",
                )
            },
            want: want(
                "questions.toml",
                Some("tell-us-about-yourself"),
                Some("sources[0]"),
                Is("no source has the id `no-such-source`"),
            ),
        },
        Case {
            name: "dangling template reference",
            fixture: || {
                ContentCopy::of_data().replace_in_item(
                    "outcomes.toml",
                    "job-offer",
                    "\"accept-job-offer\"",
                    "\"no-such-template\"",
                )
            },
            want: want(
                "outcomes.toml",
                Some("job-offer"),
                Some("templates[0]"),
                Is("no template has the id `no-such-template`"),
            ),
        },
        Case {
            name: "unknown phase",
            fixture: || {
                ContentCopy::of_data().replace_in_item(
                    "tips.toml",
                    "show-adaptability",
                    "phase = \"during\"",
                    "phase = \"someday\"",
                )
            },
            want: want(
                "tips.toml",
                Some("show-adaptability"),
                Some("phase"),
                StartsWith("unknown variant `someday`, expected one of `before`, `during`, `after`"),
            ),
        },
        Case {
            name: "unknown asked_by",
            fixture: || {
                ContentCopy::of_data().replace_in_item(
                    "questions.toml",
                    "tell-us-about-yourself",
                    "asked_by = \"interviewer\"",
                    "asked_by = \"robot\"",
                )
            },
            want: want(
                "questions.toml",
                Some("tell-us-about-yourself"),
                Some("asked_by"),
                StartsWith("unknown variant `robot`, expected `interviewer` or `candidate`"),
            ),
        },
        Case {
            name: "placeholder not declared",
            fixture: || {
                ContentCopy::of_data().replace(
                    "templates.toml",
                    "Accepting the {{ job_title }} offer\"",
                    "Accepting the {{ job_title }} offer, {{ nickname }}\"",
                )
            },
            want: want(
                "templates.toml",
                Some("accept-job-offer"),
                Some("variables"),
                Is("the template uses `nickname` but does not declare it"),
            ),
        },
        Case {
            name: "declared variable unused",
            fixture: || {
                ContentCopy::of_data().replace(
                    "templates.toml",
                    "conversation about {{ specific_topic }}",
                    "conversation about the roadmap",
                )
            },
            want: want(
                "templates.toml",
                Some("thank-you-after-second-interview"),
                Some("variables"),
                Is("`specific_topic` is declared but the template never uses it"),
            ),
        },
        Case {
            name: "empty required text",
            fixture: || {
                ContentCopy::of_data().replace(
                    "tips.toml",
                    "title = \"Acknowledge the achievement\"",
                    "title = \"   \"",
                )
            },
            want: want("tips.toml", Some("take-a-moment-to-celebrate"), Some("title"), Is("must not be empty")),
        },
        Case {
            name: "invalid TOML",
            fixture: || ContentCopy::of_data().append("questions.toml", "\nthis is = = not toml\n"),
            want: want("questions.toml", None, None, StartsWith("not valid TOML: TOML parse error at line ")),
        },
        Case {
            name: "missing file",
            fixture: || ContentCopy::of_data().remove("questions.toml"),
            want: want("questions.toml", None, None, StartsWith("cannot read ")),
        },
        Case {
            name: "missing required field",
            fixture: || ContentCopy::of_data().replace("tips.toml", "title = \"Acknowledge the achievement\"\n", ""),
            want: want("tips.toml", Some("take-a-moment-to-celebrate"), Some("title"), StartsWith("missing")),
        },
        Case {
            name: "unknown field",
            fixture: || {
                ContentCopy::of_data().replace(
                    "tips.toml",
                    "title = \"Acknowledge the achievement\"\n",
                    "title = \"Acknowledge the achievement\"\ncolour = \"red\"\n",
                )
            },
            want: want(
                "tips.toml",
                Some("take-a-moment-to-celebrate"),
                Some("colour"),
                StartsWith("unknown field `colour`, expected one of `id`, `title`"),
            ),
        },
        Case {
            name: "crosswalk naming an unknown role family",
            fixture: || {
                ContentCopy::of_data().replace(
                    "occupations.toml",
                    "label = \"Management Occupations\"\nrole_families = [\"management\"]",
                    "label = \"Management Occupations\"\nrole_families = [\"astronaut\"]",
                )
            },
            want: want(
                "occupations.toml",
                None,
                Some("soc[0].role_families[0]"),
                Is("no role family has the id `astronaut`"),
            ),
        },
        Case {
            name: "source item with editorial fields",
            fixture: || {
                ContentCopy::of_data().replace_in_item(
                    "tips.toml",
                    "do-not-relax-yet",
                    "origin = \"source\"",
                    "origin = \"source\"\neditorial_fields = [\"text\"]",
                )
            },
            want: want(
                "tips.toml",
                Some("do-not-relax-yet"),
                Some("editorial_fields"),
                Is("an item with origin `source` has no editorial fields; use `mixed`"),
            ),
        },
    ]
}

/// An edit of the question `tell-us-about-yourself` (`from` becomes `to`) and the one problem
/// it must report, with its field.
struct QuestionCase {
    name: &'static str,
    edit: (&'static str, &'static str),
    field: &'static str,
    message: Message,
}

/// Provenance, example answers, categories and role families, checked on one question.
fn question_cases() -> Vec<QuestionCase> {
    let case = |name, edit, field, message| QuestionCase { name, edit, field, message };
    vec![
        case(
            "editorial field that is not a text field",
            ("editorial_fields = [\"guidance\", \"variants\"]", "editorial_fields = [\"guidance\", \"colour\"]"),
            "editorial_fields[1]",
            StartsWith("`colour` is not a text field of this item; text fields: `text`, `purpose`, `guidance`"),
        ),
        case(
            "mixed item naming no editorial field",
            ("editorial_fields = [\"guidance\", \"variants\"]\n", ""),
            "editorial_fields",
            Is("an item with origin `mixed` must name the fields the project wrote"),
        ),
        case(
            "mixed item naming every field",
            (
                "editorial_fields = [\"guidance\", \"variants\"]",
                "editorial_fields = [\"text\", \"purpose\", \"guidance\", \"variants\", \"example_answer\"]",
            ),
            "editorial_fields",
            Is("names every text field; an item the project wrote in full is `editorial`"),
        ),
        case(
            "behavioural question without an example answer",
            ("category = \"background\"", "category = \"behavioural\""),
            "example_answer",
            Is("every behavioural question shows a STAR example answer"),
        ),
        case(
            "category the other side asks",
            ("category = \"background\"", "category = \"compensation\""),
            "category",
            Is("is a category of questions the other side asks"),
        ),
        case(
            "any beside another role family",
            ("role_families = [\"any\"]", "role_families = [\"any\", \"sales\"]"),
            "role_families",
            Is("`any` already covers every family; list it alone"),
        ),
        case(
            "unknown role family",
            ("role_families = [\"any\"]", "role_families = [\"astronaut\"]"),
            "role_families[0]",
            Is("no role family has the id `astronaut`"),
        ),
    ]
}

#[test]
fn each_question_problem_names_its_field() {
    for QuestionCase { name, edit: (from, to), field, message } in question_cases() {
        let copy = ContentCopy::of_data().replace_in_item("questions.toml", "tell-us-about-yourself", from, to);
        let expected = want("questions.toml", Some("tell-us-about-yourself"), Some(field), message);
        let mismatched = mismatches(copy.path(), &[expected]);
        assert!(mismatched.is_empty(), "{name}: {}", mismatched.join("; "));
    }
}

#[test]
fn each_kind_of_problem_names_its_file_item_and_field() {
    let mut failures = Vec::new();
    for case in cases() {
        let copy = (case.fixture)();
        for wrong in mismatches(copy.path(), &[case.want]) {
            failures.push(format!("{}: {wrong}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn each_problem_message_is_one_tidy_line() {
    let mut untidy = Vec::new();
    for case in cases() {
        let copy = (case.fixture)();
        // A syntax error quotes the offending line under its message, on purpose.
        for problem in problems_of(copy.path()).into_iter().filter(|p| !p.message.starts_with("not valid TOML")) {
            if problem.message.contains('\n') || problem.message.ends_with(char::is_whitespace) {
                untidy.push(format!("{}: {problem:?}", case.name));
            }
        }
    }
    assert!(
        untidy.is_empty(),
        "`validate` prints one problem a line, so messages must be one line:\n{}",
        untidy.join("\n")
    );
}

#[test]
fn problems_in_several_files_are_all_reported_at_once() {
    let copy = ContentCopy::of_data()
        .replace_in_item("tips.toml", "show-adaptability", "category = \"storytelling\"", "category = \"cooking\"")
        .replace("outcomes.toml", "name = \"Job offer\"", "name = \"\"")
        .replace_in_item("questions.toml", "why-is-role-open", "\"second-interview\"", "\"third-interview\"")
        .replace(
            "templates.toml",
            "Accepting the {{ job_title }} offer\"",
            "Accepting the {{ job_title }} offer, {{ nickname }}\"",
        )
        .replace("sources.toml", "title = \"Is Getting a Second Interview a Good Sign?\"", "title = \"\"");
    assert_reports(
        copy.path(),
        &[
            want("tips.toml", Some("show-adaptability"), Some("category"), StartsWith("unknown variant `cooking`")),
            want("outcomes.toml", Some("job-offer"), Some("name"), Is("must not be empty")),
            want(
                "questions.toml",
                Some("why-is-role-open"),
                Some("stages[0]"),
                Is("no stage has the id `third-interview`"),
            ),
            want(
                "templates.toml",
                Some("accept-job-offer"),
                Some("variables"),
                Is("the template uses `nickname` but does not declare it"),
            ),
            want("sources.toml", Some("second-interview-good-sign"), Some("title"), Is("must not be empty")),
        ],
    );
}

#[test]
fn a_missing_file_does_not_hide_the_problems_of_the_others() {
    let copy = ContentCopy::of_data().remove("questions.toml").replace(
        "tips.toml",
        "title = \"Acknowledge the achievement\"",
        "title = \"\"",
    );
    assert_reports(
        copy.path(),
        &[
            want("questions.toml", None, None, StartsWith("cannot read ")),
            want("tips.toml", Some("take-a-moment-to-celebrate"), Some("title"), Is("must not be empty")),
        ],
    );
}

#[test]
fn a_file_that_is_not_toml_does_not_make_every_reference_to_it_dangle() {
    let copy = ContentCopy::of_data().append("stages.toml", "\nthis is = = not toml\n");
    assert_reports(
        copy.path(),
        &[want("stages.toml", None, None, StartsWith("not valid TOML: TOML parse error at line "))],
    );
}

#[test]
fn an_item_that_fails_to_load_is_not_reported_missing_where_it_is_cited() {
    let copy = ContentCopy::of_data().replace_in_item(
        "tips.toml",
        "keep-references-ready",
        "phase = \"after\"",
        "phase = \"someday\"",
    );
    assert_reports(
        copy.path(),
        &[want("tips.toml", Some("keep-references-ready"), Some("phase"), StartsWith("unknown variant `someday`"))],
    );
}

#[test]
fn a_folder_without_content_files_reports_each_missing_file() {
    let dir = fixtures().join("no-content");
    let wants: Vec<Want> = data_files().iter().map(|file| want(file, None, None, StartsWith("cannot read "))).collect();
    assert_reports(&dir, &wants);
    for (problem, file) in problems_of(&dir).iter().zip(data_files()) {
        assert!(problem.message.contains(&dir.join(file).display().to_string()), "{problem} names the path it tried");
    }
}

#[test]
fn the_embedded_content_and_data_folder_are_valid_and_the_same() {
    let embedded = Content::embedded().unwrap_or_else(|error| panic!("{error}"));
    let from_folder = Content::from_dir(&data_dir()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(embedded.version, from_folder.version, "the binary embeds data/ as it is");
    assert!(
        !embedded.items::<Stage>().is_empty()
            && !embedded.items::<Tip>().is_empty()
            && !embedded.items::<Question>().is_empty()
    );
}

#[test]
fn validate_succeeds_on_the_embedded_content_and_on_data() {
    for dir in [None, Some(data_dir())] {
        let output = validate(dir.as_deref());
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "validate {dir:?}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(stdout.starts_with("content is valid: "), "validate {dir:?}: {stdout}");
        assert!(output.stderr.is_empty(), "validate {dir:?} printed to stderr");
    }
}

//! `SIA__CONTENT__DATA_DIR` replaces the embedded content, and broken content stops the start.

use second_interview_api::content::{Content, Problem};
use second_interview_api::settings::Settings;
use second_interview_api::startup::{Application, StartupError};

use crate::helpers::{ContentCopy, spawn_app_with};

/// The content problems `Application::build` fails with when the content folder is `dir`.
fn startup_problems(dir: &str) -> Vec<Problem> {
    let env = [("SIA__SERVER__PORT", "0"), ("SIA__CONTENT__DATA_DIR", dir)].map(|(k, v)| (k.to_owned(), v.to_owned()));
    let settings = Settings::load_from(None, env).expect("the settings load");
    match Application::build(&settings) {
        Ok(_) => panic!("the service started with the content of {dir}"),
        Err(StartupError::Content(error)) => error.problems,
        Err(other) => panic!("expected a content error, got {other}"),
    }
}

#[actix_web::test]
async fn a_broken_content_folder_stops_the_start() {
    let copy = ContentCopy::of_data().replace("tips.toml", "title = \"Acknowledge the achievement\"", "title = \"\"");
    assert_eq!(
        startup_problems(copy.path_str()),
        [Problem {
            file: "tips.toml".to_owned(),
            item: Some("take-a-moment-to-celebrate".to_owned()),
            field: Some("title".to_owned()),
            message: "must not be empty".to_owned(),
        }]
    );
}

#[actix_web::test]
async fn a_missing_content_folder_stops_the_start() {
    let problems = startup_problems("/nonexistent/second-interview-data");
    let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(files, second_interview_api::content::data_files());
    assert!(
        problems.iter().all(|p| p.item.is_none() && p.field.is_none() && p.message.starts_with("cannot read ")),
        "{problems:#?}"
    );
}

#[actix_web::test]
async fn a_valid_content_folder_is_served_instead_of_the_embedded_content() {
    let embedded = Content::embedded().expect("the embedded content is valid").version;

    let same = ContentCopy::of_data();
    let app = spawn_app_with(&[("SIA__CONTENT__DATA_DIR", same.path_str())]).await;
    assert_eq!(
        app.get_json("/v1/meta").await["content_version"],
        embedded.as_str(),
        "an unchanged copy is the same content"
    );

    let edited = ContentCopy::of_data().replace(
        "stages.toml",
        "name = \"Second interview\"",
        "name = \"Second interview (edited)\"",
    );
    let app = spawn_app_with(&[("SIA__CONTENT__DATA_DIR", edited.path_str())]).await;
    assert_eq!(app.get_json("/v1/stages/second-interview").await["name"], "Second interview (edited)");
    assert_ne!(
        app.get_json("/v1/meta").await["content_version"],
        embedded.as_str(),
        "edited content has another version"
    );
}

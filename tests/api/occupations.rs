//! From a job listing to the right questions: occupation codes and job titles resolve to role
//! families, explain themselves, and narrow the question and tip lists and the kit.

use serde_json::{Value, json};

use crate::helpers::{TestApp, field_problems_body, invalid_query_body, spawn_app};

/// The accepted code forms, as every malformed-code answer lists them.
const FORMS: &str = "an O*NET-SOC code (`15-1252.00`), a SOC 2018 code (`15-1252`, or a group such as `15-1250`, \
`15-1200`, `15-0000`), or an ISCO-08 code of one to four digits (`2512`)";

async fn resolve(app: &TestApp, query: &str) -> Value {
    app.get_json(&format!("/v1/occupations/resolve?{query}")).await
}

async fn families(app: &TestApp, query: &str) -> Vec<String> {
    serde_json::from_value(resolve(app, query).await["role_families"].clone()).unwrap()
}

/// The ids of every question for `query` (a filter such as `occupation=2512`).
async fn question_ids(app: &TestApp, query: &str) -> Vec<String> {
    app.ids(&format!("/v1/questions?{query}")).await
}

#[actix_web::test]
async fn real_codes_and_titles_resolve_to_the_expected_families() {
    let app = spawn_app().await;
    let cases = [
        ("code=15-1252.00", "engineering", "soc", "15-1250"),
        ("code=15-1252", "engineering", "soc", "15-1250"),
        ("code=2512", "engineering", "isco", "251"),
        ("code=41-3091", "sales", "soc", "41-3000"),
        ("code=11-1021.00", "management", "soc", "11-1020"),
        ("code=29-1141.00", "healthcare", "soc", "29-1000"),
        ("code=25-2031", "education", "soc", "25-2000"),
        ("code=47-2111", "trades", "soc", "47-2000"),
        ("code=2221", "healthcare", "isco", "22"),
        ("job_title=Senior%20Account%20Executive", "sales", "title", "account executive"),
        ("job_title=Engineer%2C%20Software%20II", "engineering", "title", "software engineer"),
        ("job_title=Sr.%20Site%20Reliability%20Engineer", "engineering", "title", "site reliability engineer"),
        ("job_title=Registered%20Nurse%20(Band%205)", "healthcare", "title", "registered nurse"),
    ];
    for (query, family, matched_by, matched) in cases {
        let resolution = resolve(&app, query).await;
        assert!(resolution["role_families"].as_array().unwrap().contains(&json!(family)), "{query}: {resolution}");
        assert_eq!(resolution["matched_by"], matched_by, "{query}");
        assert_eq!(resolution["matched"], matched, "{query}");
        assert!(resolution["label"].as_str().is_some_and(|label| !label.is_empty()), "{query}");
    }
    let source = resolve(&app, "code=15-1252").await["source"].clone();
    app.get_json(&format!("/v1/sources/{}", source.as_str().unwrap())).await;
}

#[actix_web::test]
async fn every_major_group_of_both_classifications_maps_to_a_family() {
    let app = spawn_app().await;
    let soc_majors = (11..=55).step_by(2).map(|major| format!("{major}-0000"));
    let isco_majors = (0..=9).map(|major| major.to_string());
    for code in soc_majors.chain(isco_majors) {
        assert!(!families(&app, &format!("code={code}")).await.is_empty(), "{code}");
    }
}

#[actix_web::test]
async fn codes_filter_the_lists_and_the_kit() {
    let app = spawn_app().await;
    let engineering = question_ids(&app, "role_family=engineering").await;
    for code in ["15-1252.00", "15-1252", "2512"] {
        assert_eq!(question_ids(&app, &format!("occupation={code}")).await, engineering, "{code}");
    }
    assert_eq!(question_ids(&app, "occupation=41-3091").await, question_ids(&app, "role_family=sales").await);
    assert_eq!(
        question_ids(&app, "job_title=Senior%20Account%20Executive").await,
        question_ids(&app, "role_family=sales").await
    );
    let unknown_title = question_ids(&app, "job_title=Astronaut").await;
    assert_eq!(unknown_title, question_ids(&app, "role_family=any").await, "an unknown title keeps the any items");
    let combined = question_ids(&app, "occupation=2512&asked_by=interviewer&category=technical").await;
    assert!(!combined.is_empty() && combined.iter().all(|id| engineering.contains(id)));
    let tips = app.ids("/v1/tips?occupation=29-1141").await;
    assert_eq!(tips, app.ids("/v1/tips?role_family=healthcare").await);

    let kit = app.get_json("/v1/stages/second-interview/kit?occupation=15-1252.00").await;
    let plain = app.get_json("/v1/stages/second-interview/kit").await;
    let count = |kit: &Value| kit["questions"]["interviewer"].as_array().unwrap().len();
    assert!(count(&kit) < count(&plain), "the kit narrows to engineering and any-role questions");
    for question in kit["questions"]["interviewer"].as_array().unwrap() {
        let families = question["role_families"].as_array().unwrap();
        assert!(families.contains(&json!("engineering")) || families.contains(&json!("any")), "{question}");
    }
}

#[actix_web::test]
async fn bad_codes_are_named_with_what_is_accepted() {
    let app = spawn_app().await;
    let malformed = |code: &str| format!("`{code}` is not an occupation code; give {FORMS}");
    for (path, parameter, code) in [
        ("/v1/questions?occupation=15-12", "occupation", "15-12"),
        ("/v1/tips?occupation=abc", "occupation", "abc"),
        ("/v1/stages/second-interview/kit?occupation=15-1252.0", "occupation", "15-1252.0"),
        ("/v1/occupations/resolve?code=12345", "code", "12345"),
    ] {
        app.assert_get_problem(path, &invalid_query_body(&[(parameter, &malformed(code))])).await;
    }
    let unknown = |parameter: &str, code: &str| {
        let mut body = field_problems_body(
            404,
            "not_found",
            "Item not found",
            &[(parameter, &format!("`{code}` is in no SOC 2018 or ISCO-08 group the service maps"))],
        );
        body["detail"] = json!(format!("No occupation group matches the code `{code}`."));
        body
    };
    app.assert_get_problem("/v1/questions?occupation=99-9999", &unknown("occupation", "99-9999")).await;
    app.assert_get_problem("/v1/occupations/resolve?code=99-0000", &unknown("code", "99-0000")).await;
    for path in ["/v1/questions?job_title=%C2%A5", "/v1/occupations/resolve?job_title=--"] {
        let body = invalid_query_body(&[("job_title", "must contain at least one letter or digit")]);
        app.assert_get_problem(path, &body).await;
    }
    let one_of = invalid_query_body(&[("code", "give exactly one of `code` and `job_title`")]);
    app.assert_get_problem("/v1/occupations/resolve", &one_of).await;
    app.assert_get_problem("/v1/occupations/resolve?code=2512&job_title=Nurse", &one_of).await;
}

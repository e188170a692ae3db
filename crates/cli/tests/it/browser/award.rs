//! The award in headless Chromium: a reader nominates and votes through the forms while an
//! admin moves the round's windows (over HTTP, as the admin form would), then sees the
//! results and the badge; axe-core on the page in each phase and with the admin's forms open.

use thirtyfour::prelude::*;
use time::macros::format_description;
use time::{Duration, OffsetDateTime};

use super::{
    assert_accessible, assert_no_dialog, browser, click, click_through, count, screenshot,
    sign_in_as, type_into,
};
use crate::support::{Home, http_client, sign_in};

/// The admin's round form with windows this far from now.
fn round(open: Duration, close: Duration, voting: Duration) -> Vec<(&'static str, String)> {
    let at = |d: Duration| {
        (OffsetDateTime::now_utc() + d)
            .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
            .unwrap()
    };
    vec![
        ("year", OffsetDateTime::now_utc().year().to_string()),
        ("title", "The three-armed sweater".into()),
        (
            "rules",
            "Nominate the story you **still** tell.\n\n<script>alert('rules')</script>".into(),
        ),
        ("nominations_open_at", at(open)),
        ("nominations_close_at", at(close)),
        ("voting_close_at", at(voting)),
    ]
}

#[tokio::test]
async fn browser_reader_nominates_and_votes_for_the_award() {
    let Some(driver) = browser().await else {
        return;
    };
    let home = Home::new();
    home.add_user("ada", "admin", "admin-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    home.create_open_and_restricted_incidents();
    let server = home.serve(&[]);
    let result = walk(&driver, &server.url).await;
    driver.quit().await.ok();
    result.unwrap();
}

async fn walk(driver: &WebDriver, base: &str) -> WebDriverResult<()> {
    let client = http_client();
    let ada = sign_in(&client, base, "ada", "admin-password-1").await;
    let set_round = |path: String, form: Vec<(&'static str, String)>| {
        let (client, ada) = (client.clone(), ada.clone());
        async move {
            let res = client
                .post(format!("{base}{path}"))
                .header("cookie", ada)
                .header("origin", base.to_owned())
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
        }
    };
    let (hour, day) = (Duration::hours(1), Duration::days(1));
    set_round("/award/rounds".into(), round(-hour, day, 2 * day)).await;

    // Nominating, through the nav link and the form.
    sign_in_as(driver, base, "rita", "reader-password-1").await?;
    click_through(driver, "header.site a[href='/award']").await?;
    let phase = driver.find(By::Css("p.award-phase")).await?.text().await?;
    assert!(phase.starts_with("Nominations are open until"), "{phase}");
    assert_eq!(count(driver, ".award-rules strong").await?, 1);
    assert_accessible(driver, "the award, nominating").await;
    type_into(driver, "nominate-incident", "riverton").await?;
    type_into(
        driver,
        "nominate-reason",
        "The sweater had three arms <script>alert('reason')</script>",
    )
    .await?;
    click_through(driver, "form[action$='/nominations'] button").await?;
    let reason = driver.find(By::Css("p.award-reason")).await?.text().await?;
    assert!(
        reason.ends_with("<script>alert('reason')</script>"),
        "{reason}"
    );
    assert_no_dialog(driver).await;
    let action = driver
        .find(By::Css("form[action$='/nominations']"))
        .await?
        .attr("action")
        .await?
        .unwrap();
    let round_path = action.trim_end_matches("/nominations").to_owned();

    // Voting: one radio per nominated incident.
    set_round(round_path.clone(), round(-2 * day, -hour, day)).await;
    driver.refresh().await?;
    driver.find(By::Css("form[action$='/vote']")).await?;
    assert_eq!(
        count(driver, "form[action$='/vote'] input[type='radio']").await?,
        1
    );
    assert_accessible(driver, "the award, voting").await;
    click(driver, "input[type='radio'][value='riverton']").await?;
    click_through(driver, "form[action$='/vote'] button").await?;
    let button = driver
        .find(By::Css("form[action$='/vote'] button"))
        .await?
        .text()
        .await?;
    assert_eq!(button, "Change my vote");
    let checked = driver
        .find(By::Css("input[type='radio'][value='riverton']"))
        .await?
        .prop("checked")
        .await?;
    assert_eq!(checked.as_deref(), Some("true"));

    // Closed: the results and the badge.
    set_round(round_path, round(-3 * day, -2 * day, -hour)).await;
    driver.refresh().await?;
    let results = driver
        .find(By::Css("ol.award-results"))
        .await?
        .text()
        .await?;
    assert!(
        results.contains("Award winner")
            && results.contains("Riverton")
            && results.contains("1 vote"),
        "{results}"
    );
    screenshot(driver, "award", "ol.award-results").await?;
    assert_accessible(driver, "the award, results").await;
    click_through(driver, "ol.award-results a[href='/incidents/riverton']").await?;
    driver
        .find(By::Css("article.incident p.awards a.badge.award"))
        .await?;
    assert_accessible(driver, "incident with its award").await;
    click_through(driver, "header.site a[href='/']").await?;
    driver.find(By::Css("ol.library a.badge.award")).await?;
    assert_no_dialog(driver).await;

    // The admin's forms, open.
    click_through(driver, "header.site form[action='/logout'] button").await?;
    sign_in_as(driver, base, "ada", "admin-password-1").await?;
    driver.goto(format!("{base}/award")).await?;
    for summary in driver
        .find_all(By::Css("details.award-admin summary"))
        .await?
    {
        summary.click().await?;
    }
    assert_eq!(
        count(
            driver,
            "details.award-admin[open] input[type='datetime-local']"
        )
        .await?,
        6
    );
    assert_accessible(driver, "the award, as an admin").await;
    Ok(())
}

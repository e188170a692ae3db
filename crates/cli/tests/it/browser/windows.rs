//! A 10,000-entry incident in headless Chromium: the page opens on its first window with the
//! density diagram, the reader jumps to a time with the filter form, follows "Later entries",
//! then a permalink into a later window (by its address, and as an old `#entry-N` link that
//! lore.js sends through the permalink), each landing on its entry. Then an analyst opens its
//! suggested moments: the timeline is longer than one window, so the page first says the second
//! reader is still going through it, and lore.js brings the suggestions in when they are ready.
//! axe checks each page.

use serde_json::Value;
use thirtyfour::prelude::*;

use super::{
    assert_accessible, browser, click_through, count, screenshot, sign_in_as, submit_filters,
    to_next_page,
};
use crate::support::home_with_a_big_incident;

const ENTRIES: usize = 10_000;

#[tokio::test]
async fn browser_big_incident_jumps_to_a_time_and_follows_a_permalink() {
    let Some(driver) = browser().await else {
        return;
    };
    let home = home_with_a_big_incident(ENTRIES);
    let out = home
        .run(&["timeline", "big", "--format", "jsonl"])
        .ok()
        .stdout;
    let id_of = |record: &str| -> i64 {
        out.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|v| v["provenance"]["message_id"] == record)
            .and_then(|v| v["id"].as_i64())
            .unwrap()
    };
    let (at_five, late, later) = (id_of("e6924"), id_of("e9000"), id_of("e9501"));
    let server = home.serve(&[]);
    let result = walk(&driver, &server.url, at_five, late, later).await;
    driver.quit().await.ok();
    result.unwrap();
}

async fn targeted(driver: &WebDriver) -> WebDriverResult<Option<String>> {
    let id = driver
        .execute(
            "return document.querySelector(':target')?.id ?? null;",
            Vec::<Value>::new(),
        )
        .await?;
    Ok(id.json().as_str().map(str::to_owned))
}

async fn walk(
    driver: &WebDriver,
    base: &str,
    at_five: i64,
    late: i64,
    later: i64,
) -> WebDriverResult<()> {
    sign_in_as(driver, base, "rita", "reader-password-1").await?;

    // Through to_next_page, which waits for the whole document: a loaded CI run once counted
    // 91 of 200 entries straight after the navigation.
    to_next_page(driver, || async {
        driver.goto(format!("{base}/incidents/big")).await
    })
    .await?;
    assert_eq!(count(driver, "ol.timeline li.entry").await?, 200);
    let note = driver
        .find(By::Css("[data-times-note]"))
        .await?
        .find(By::XPath(".."))
        .await?
        .text()
        .await?;
    assert!(note.contains("9500 entries in all"), "{note}");
    assert!(
        count(driver, "figure.diagram svg rect[fill='#1d4ed8']").await? > 0,
        "the diagram shows density"
    );
    screenshot(driver, "big-incident", "figure.diagram").await?;
    assert_accessible(driver, "a 10,000-entry incident").await;

    // Jump to 05:00 with the form: the window holds that time's entries.
    submit_filters(
        driver,
        "document.getElementById('f-around').value = '2026-03-17T05:00';",
    )
    .await?;
    assert!(
        driver
            .current_url()
            .await?
            .query()
            .unwrap_or("")
            .contains("around=")
    );
    assert_eq!(count(driver, &format!("#entry-{at_five}")).await?, 1);
    assert_accessible(driver, "jumped to a time").await;

    // Later entries: the next window.
    click_through(driver, "nav.timeline-window a[rel='next']").await?;
    assert!(
        driver
            .current_url()
            .await?
            .query()
            .unwrap_or("")
            .contains("after=")
    );
    assert_eq!(count(driver, &format!("#entry-{at_five}")).await?, 0);

    // A permalink into a later window opens it at the entry.
    to_next_page(driver, || async {
        driver
            .goto(format!("{base}/incidents/big/entries/{late}"))
            .await
    })
    .await?;
    assert_eq!(targeted(driver).await?, Some(format!("entry-{late}")));
    let url = driver.current_url().await?;
    assert_eq!(url.query(), Some(format!("entry={late}").as_str()));
    assert_accessible(driver, "a permalink's window").await;

    // An old-style anchor to an entry this window does not hold goes through its permalink.
    to_next_page(driver, || async {
        driver
            .goto(format!("{base}/incidents/big#entry-{later}"))
            .await
    })
    .await?;
    for _ in 0..100 {
        // While lore.js sends the browser on, a script may find no page to run in.
        if targeted(driver).await.unwrap_or(None) == Some(format!("entry-{later}")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(targeted(driver).await?, Some(format!("entry-{later}")));
    assert_accessible(driver, "an old anchor's window").await;

    // Suggested moments, as an analyst: read in the background, followed by lore.js.
    driver.delete_all_cookies().await?;
    sign_in_as(driver, base, "ana", "analyst-password-1").await?;
    driver
        .goto(format!("{base}/incidents/big/suggestions"))
        .await?;
    let underway = driver
        .find(By::Css("[data-reading-underway]"))
        .await?
        .text()
        .await?;
    assert!(
        underway.contains("still going through this timeline"),
        "{underway}"
    );
    assert_accessible(driver, "suggested moments being read").await;
    for _ in 0..300 {
        // No reload by hand: lore.js asks again and loads the suggestions when they are kept.
        if count(driver, "[data-reading-underway]").await.unwrap_or(1) == 0
            && count(driver, "h1").await.unwrap_or(0) == 1
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(count(driver, "[data-reading-underway]").await?, 0);
    let body = driver.find(By::Css("main")).await?.text().await?;
    assert!(
        body.contains("Mark as a moment") || body.contains("Nothing to suggest"),
        "{body}"
    );
    assert_accessible(driver, "suggested moments, read").await;
    Ok(())
}

//! The learning signals in the browser, as the demo's analyst: comment on the write-up and
//! reply, schedule a review meeting and download its invitation, record who attended and took
//! part, tell a story and publish it as a perspective, then see it all counted on the
//! incident's own panel and on the learning dashboard. axe checks every page.

use thirtyfour::prelude::*;

use super::{assert_accessible, click, click_through, count, screenshot, type_into};
use crate::reviews::prop;
use crate::support::DEMO_SLUG;

const COMMENT: &str =
    "Read it twice. The notice outliving its window is what I keep thinking about.";
const REPLY: &str = "Same here: it is in the broker runbook now.";
const STORY: &str = "The light on the dock";

pub(super) async fn walk_the_learning_signals(
    driver: &WebDriver,
    base: &str,
) -> WebDriverResult<()> {
    comment_and_reply(driver, base)
        .await
        .inspect_err(|e| eprintln!("commenting: {e}"))?;
    review_meeting(driver, base)
        .await
        .inspect_err(|e| eprintln!("the review meeting: {e}"))?;
    story_to_perspective(driver, base)
        .await
        .inspect_err(|e| eprintln!("the story: {e}"))?;
    signals_counted(driver, base)
        .await
        .inspect_err(|e| eprintln!("the signals: {e}"))
}

/// Issue 12: a sentence that judges a person and one about a system, typed into the editor:
/// only the first is underlined in the live preview, its explanation shows on keyboard focus,
/// and the second reader lists it with a field to dismiss it.
pub(super) async fn second_reader_in_the_editor(driver: &WebDriver) -> WebDriverResult<()> {
    let body = driver.find(By::Id("body")).await?;
    body.send_keys(
        "\nNadia should have cancelled the notice, not the window. \
         The cache should have expired after five minutes.\n",
    )
    .await?;
    let flag = driver
        .find(By::Css("section.preview mark.lint-flag"))
        .await?;
    // Wait for the answer to the last keystroke: exactly one flag, in the list and inline.
    let mut listed = 0;
    for _ in 0..50 {
        listed = count(driver, "[data-flag-list] li.flag").await?;
        if listed == 1 && count(driver, "section.preview mark.lint-flag").await? == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(listed, 1);
    let flag = driver
        .find(By::Css("section.preview mark.lint-flag"))
        .await
        .unwrap_or(flag);
    let words: String = driver
        .execute(
            "return arguments[0].firstChild.textContent;",
            vec![flag.to_json()?],
        )
        .await?
        .convert()?;
    assert_eq!(words, "should have cancelled");
    flag.focus().await?;
    let tip = flag.find(By::Css(".lint-tip")).await?;
    assert!(tip.is_displayed().await?, "the explanation shows on focus");
    assert!(tip.text().await?.starts_with("Counterfactual:"));
    let item = driver
        .find(By::Css("[data-flag-list] li.flag"))
        .await?
        .text()
        .await?;
    assert!(item.contains("Nadia should have cancelled"), "{item}");
    assert!(!item.contains("cache"), "{item}");
    assert_accessible(driver, "editor with the second reader's flags").await;
    screenshot(driver, "second-reader", "section.second-reader").await?;
    Ok(())
}

async fn comment_and_reply(driver: &WebDriver, base: &str) -> WebDriverResult<()> {
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}#comments"))
        .await?;
    let before = count(driver, "ol.comments li.comment").await?;
    type_into(driver, "c-body", COMMENT).await?;
    driver
        .find(By::Css("#c-on option[value='section:backdrop']"))
        .await?
        .click()
        .await?;
    click_through(driver, "details.add-comment button[type='submit']").await?;
    let mine = driver
        .find(By::XPath(format!(
            "//li[contains(@class,'comment')][.//div[contains(@class,'comment-body')][contains(.,'{}')]]",
            &COMMENT[..20]
        )))
        .await?;
    let id = mine.id().await?.expect("a comment's id");
    let head = mine.find(By::Css(".comment-head")).await?.text().await?;
    assert!(head.contains("Backdrop"), "{head}");
    // Reply in its thread.
    mine.find(By::Css("details.comment-reply summary"))
        .await?
        .click()
        .await?;
    let number = id.trim_start_matches("comment-");
    type_into(driver, &format!("reply-{number}"), REPLY).await?;
    click_through(
        driver,
        &format!("#{id} details.comment-reply button[type='submit']"),
    )
    .await?;
    let reply = driver
        .find(By::XPath(format!(
            "//li[contains(@class,'comment')][.//div[contains(@class,'comment-body')][contains(.,'{REPLY}')]]"
        )))
        .await?;
    let reply_head = reply.find(By::Css(".comment-head")).await?.text().await?;
    assert!(reply_head.contains("in reply to demo"), "{reply_head}");
    assert_eq!(count(driver, "ol.comments li.comment").await?, before + 2);
    assert_accessible(driver, "incident with comments").await;
    Ok(())
}

async fn review_meeting(driver: &WebDriver, base: &str) -> WebDriverResult<()> {
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}/reviews"))
        .await?;
    assert_accessible(driver, "review meetings").await;
    // Earlier today, so that attendance can be recorded straight away.
    let today = time::OffsetDateTime::now_utc().date();
    driver
        .execute(
            "document.getElementById('date-new').value = arguments[0];\
             document.getElementById('time-new').value = '00:05';",
            vec![serde_json::json!(today.to_string())],
        )
        .await?;
    type_into(driver, "place-new", "Kestrel room").await?;
    type_into(driver, "facilitator-new", "demo").await?;
    type_into(driver, "invitees-new", "rita\nops-lead@kittiwake.example").await?;
    click_through(
        driver,
        "form.review-plan[action$='/reviews'] button[type='submit']",
    )
    .await?;
    let article = driver
        .find(By::XPath(
            "//article[contains(@class,'review')][.//p[contains(.,'Kestrel room')]]",
        ))
        .await?;
    let invite = article
        .find(By::Css("a[href$='/invite.ics']"))
        .await?
        .attr("href")
        .await?
        .expect("the invitation's address");
    let client = crate::support::http_client();
    let demo = crate::support::sign_in(&client, base, "demo", "demo-password").await;
    let ics = client
        .get(format!("{base}{invite}"))
        .header("cookie", demo)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(prop(&ics, false, "METHOD"), "REQUEST");
    assert!(prop(&ics, true, "UID").ends_with("@lore"), "{ics}");
    assert!(
        prop(&ics, true, "LOCATION").contains("Kestrel room"),
        "{ics}"
    );

    // Rita came and spoke; someone uninvited came too.
    let id = article.attr("id").await?.expect("the review's id");
    let form = format!("#{id} form.review-attendance");
    let rita_row = driver
        .find(By::XPath(format!(
            "//article[@id='{id}']//form[contains(@class,'review-attendance')]//tr[th[contains(.,'rita')]]"
        )))
        .await?;
    rita_row
        .find(By::Css("input[name^='attended-']"))
        .await?
        .click()
        .await?;
    rita_row
        .find(By::Css("input[name^='spoke-']"))
        .await?
        .click()
        .await?;
    driver
        .find(By::Css(format!("{form} input[name^='guest-']")))
        .await?
        .send_keys("jonah")
        .await?;
    click_through(driver, &format!("{form} button[type='submit']")).await?;
    let counts = driver
        .find(By::Css(format!("#{id} table.review-counts tbody")))
        .await?
        .text()
        .await?;
    let counts: Vec<&str> = counts.split_whitespace().collect();
    assert_eq!(
        counts,
        ["2", "0", "2", "1", "1"],
        "invited, yes, came, took part, uninvited"
    );
    assert_accessible(driver, "review meetings with attendance").await;
    Ok(())
}

async fn story_to_perspective(driver: &WebDriver, base: &str) -> WebDriverResult<()> {
    driver.goto(format!("{base}/stories")).await?;
    assert_accessible(driver, "stories").await;
    type_into(driver, "s-incident", DEMO_SLUG).await?;
    type_into(driver, "s-title", STORY).await?;
    type_into(driver, "s-body", "It was solid, not flashing.").await?;
    click(driver, "#s-consent").await?;
    click_through(driver, "form.story button").await?;
    let mine = driver.find(By::Css("ul.stories li")).await?.text().await?;
    assert!(mine.starts_with(STORY), "{mine}");
    let story = driver
        .find(By::XPath(format!(
            "//article[@class='story'][.//h3[normalize-space(.)='{STORY}']]"
        )))
        .await?;
    assert_accessible(driver, "stories with the queue").await;
    let id = story.attr("id").await?.expect("the story's id");
    click_through(
        driver,
        &format!("#{id} form[action$='/perspective'] button"),
    )
    .await?;
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}#perspectives-heading"))
        .await?;
    let perspectives = driver
        .find(By::Css("section[aria-labelledby='perspectives-heading']"))
        .await?
        .text()
        .await?;
    assert!(
        perspectives.contains("It was solid, not flashing."),
        "{perspectives}"
    );
    Ok(())
}

async fn signals_counted(driver: &WebDriver, base: &str) -> WebDriverResult<()> {
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}#signals"))
        .await?;
    let panel = driver.find(By::Id("signals")).await?.text().await?;
    // The demo's review and the one held today.
    assert!(panel.contains("2 reviews held"), "{panel}");
    assert!(panel.contains("Read by"), "{panel}");
    screenshot(driver, "incident-signals", "#signals").await?;

    driver.goto(format!("{base}/lists")).await?;
    driver.find(By::Css("h1")).await?;
    assert_accessible(driver, "reading lists").await;

    // The learning dashboard: charts beside tables of the same numbers, the per-incident
    // table and the lists' progress.
    driver.goto(format!("{base}/learning")).await?;
    assert!(count(driver, "section.signal svg.chart").await? >= 8);
    assert!(count(driver, "section.signal table.signal-numbers tbody tr").await? >= 80);
    assert!(count(driver, "table.incident-signals tbody tr").await? >= 5);
    screenshot(driver, "learning", "section.signal").await?;
    screenshot(driver, "learning-incidents", "table.incident-signals").await?;
    assert_accessible(driver, "the learning dashboard").await;
    Ok(())
}

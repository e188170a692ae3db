//! The pages in real headless Chromium (Debian's, driven through chromedriver), with axe-core
//! checking each page visited for WCAG 2 A/AA violations.

use std::time::Duration;

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::support::{DEMO_SLUG, FOLLOW_UP_SLUG, Home};

mod award;
mod learning;
mod windows;

/// A browser session, or `None` with a message when no chromedriver was given outside CI.
async fn browser() -> Option<WebDriver> {
    let Ok(webdriver) = std::env::var("LORE_WEBDRIVER_URL") else {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("LORE_WEBDRIVER_URL is not set, but CI is: browser tests must run");
        }
        eprintln!("skipping: LORE_WEBDRIVER_URL is not set (cargo xtask test sets it)");
        return None;
    };
    let mut caps = DesiredCapabilities::chrome();
    let chromium = std::env::var("LORE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    caps.set_binary(&chromium).unwrap();
    for arg in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ] {
        caps.add_arg(arg).unwrap();
    }
    let driver = WebDriver::new(webdriver, caps)
        .await
        .expect("start a Chromium session through chromedriver");
    // Navigation after a click is not awaited by the click itself: let lookups wait for the
    // next page instead of racing it.
    driver
        .set_implicit_wait_timeout(Duration::from_secs(10))
        .await
        .expect("set implicit wait");
    Some(driver)
}

/// Runs axe-core on the current page and fails on any WCAG 2 A/AA violation, listing them.
async fn assert_accessible(driver: &WebDriver, page: &str) {
    let path = std::env::var("LORE_AXE_PATH").expect("LORE_AXE_PATH (set by cargo xtask test)");
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    driver.execute(axe, Vec::<Value>::new()).await.unwrap();
    let result = driver
        .execute(
            r#"return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                 .then(r => ({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))}));"#,
            Vec::<Value>::new(),
        )
        .await
        .unwrap();
    let report = result.json();
    let violations = report["violations"].as_array().expect("axe result");
    assert!(
        violations.is_empty(),
        "axe found WCAG violations on {page}:\n{}",
        serde_json::to_string_pretty(violations).unwrap()
    );
    assert!(
        report["passes"].as_u64().unwrap() > 0,
        "axe ran no checks on {page}"
    );
}

/// Saves what the browser shows as `NAME.png` in `LORE_SCREENSHOT_DIR`, when that is set (to
/// look at the pages; nothing is compared), scrolled to the first element `scroll_to` matches.
async fn screenshot(driver: &WebDriver, name: &str, scroll_to: &str) -> WebDriverResult<()> {
    if let Ok(dir) = std::env::var("LORE_SCREENSHOT_DIR") {
        driver
            .execute(
                "const el = document.querySelector(arguments[0]); if (el) el.scrollIntoView({block: 'center'});",
                vec![Value::String(scroll_to.to_owned())],
            )
            .await?;
        let png = driver.screenshot_as_png().await?;
        std::fs::write(format!("{dir}/{name}.png"), png).unwrap();
    }
    Ok(())
}

/// Chooses `value` in the timeline filter `select` and applies the form (a plain GET), then
/// waits for the filtered page itself (its option is `selected` in the HTML; the page before
/// had the same form), and returns how many entries it lists.
async fn filter_timeline(driver: &WebDriver, select: &str, value: &str) -> WebDriverResult<usize> {
    driver
        .find(By::Css(format!("#{select} option[value='{value}']")))
        .await?
        .click()
        .await?;
    click_through(driver, "form.filters button").await?;
    driver
        .find(By::Css(format!(
            "#{select} option[value='{value}'][selected]"
        )))
        .await?;
    Ok(driver
        .find_all(By::Css("ol.timeline li.entry"))
        .await?
        .len())
}

/// Types `text` into the field with this id.
/// Signs in through the form as `user`.
async fn sign_in_as(
    driver: &WebDriver,
    base: &str,
    user: &str,
    password: &str,
) -> WebDriverResult<()> {
    driver.goto(format!("{base}/login")).await?;
    type_into(driver, "username", user).await?;
    type_into(driver, "password", password).await?;
    click_through(driver, "form.signin button").await
}

async fn type_into(driver: &WebDriver, id: &str, text: &str) -> WebDriverResult<()> {
    driver.find(By::Id(id)).await?.send_keys(text).await
}

/// Clicks the first element `css` matches.
async fn click(driver: &WebDriver, css: &str) -> WebDriverResult<()> {
    driver.find(By::Css(css)).await?.click().await
}

/// Runs `act`, which leads to another page (a link, a form), and returns once that page has
/// loaded. Without this, a lookup right after a click can find an element of the page being
/// left (a `:target`, a form both pages have) and fail as stale a moment later.
async fn to_next_page<F, Fut>(driver: &WebDriver, act: F) -> WebDriverResult<()>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = WebDriverResult<()>>,
{
    driver
        .execute("window.__loreLeaving = true;", Vec::<Value>::new())
        .await?;
    act().await?;
    for _ in 0..300 {
        // A script run while the page is being replaced may fail: that is "not yet".
        let arrived = driver
            .execute(
                "return window.__loreLeaving === undefined && document.readyState === 'complete';",
                Vec::<Value>::new(),
            )
            .await
            .map(|v| v.json().as_bool() == Some(true))
            .unwrap_or(false);
        if arrived {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no new page 15 s after leaving {}",
        driver.current_url().await?
    );
}

/// Clicks the first element `css` matches and waits for the page it leads to.
async fn click_through(driver: &WebDriver, css: &str) -> WebDriverResult<()> {
    to_next_page(driver, || click(driver, css)).await
}

/// Submits the filter form after `script` has set its fields, and waits for the new page.
async fn submit_filters(driver: &WebDriver, script: &str) -> WebDriverResult<()> {
    let script = format!("{script} document.querySelector('form.filters').submit();");
    to_next_page(driver, || async move {
        driver
            .execute(script, Vec::<Value>::new())
            .await
            .map(|_| ())
    })
    .await
}

/// How many elements match, asked of the page itself: `find_all` would wait out the implicit
/// timeout before it could say "none".
async fn count(driver: &WebDriver, css: &str) -> WebDriverResult<usize> {
    let n = driver
        .execute(
            "return document.querySelectorAll(arguments[0]).length;",
            vec![Value::String(css.to_owned())],
        )
        .await?;
    Ok(n.json().as_u64().unwrap_or(0) as usize)
}

/// Fails if a JavaScript dialog opened: the hostile text in the demo must never run.
async fn assert_no_dialog(driver: &WebDriver) {
    if let Ok(text) = driver.get_alert_text().await {
        panic!("a dialog fired: {text:?}");
    }
}

#[tokio::test]
async fn browser_newcomer_signs_in_and_reads_the_demo_timeline() {
    let Some(driver) = browser().await else {
        return;
    };
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    let server = home.serve(&["--demo"]);
    let result = walk_the_demo(&driver, &server.url).await;
    driver.quit().await.ok();
    result.unwrap();
}

async fn walk_the_demo(driver: &WebDriver, base: &str) -> WebDriverResult<()> {
    driver.goto(format!("{base}/")).await?;
    assert!(driver.current_url().await?.path().starts_with("/login"));
    assert_eq!(driver.title().await?, "Sign in · Lore");
    assert_accessible(driver, "sign-in").await;

    type_into(driver, "username", "demo").await?;
    type_into(driver, "password", "wrong-password").await?;
    click_through(driver, "form.signin button").await?;
    let alert = driver.find(By::Css("p.error")).await?.text().await?;
    assert_eq!(alert, "Wrong username or password.");
    assert_accessible(driver, "sign-in with error").await;

    type_into(driver, "password", "demo-password").await?;
    click_through(driver, "form.signin button").await?;
    if driver.find(By::Css("ol.library")).await.is_err() {
        panic!(
            "no library after sign-in at {}: {}",
            driver.current_url().await?,
            driver.source().await?
        );
    }
    assert_eq!(driver.title().await?, "Incident library · Lore");
    assert_accessible(driver, "library").await;

    let link = driver
        .find(By::Css(format!("a[href='/incidents/{DEMO_SLUG}']")))
        .await?;
    to_next_page(driver, || link.click()).await?;
    let heading = driver
        .find(By::Css("article.incident h1"))
        .await?
        .text()
        .await?;
    assert!(heading.starts_with("Riverton bike stations"), "{heading}");
    let entries = driver.find_all(By::Css("ol.timeline li.entry")).await?;
    assert_eq!(entries.len(), 115, "noise hidden by default");
    let first = entries[0].text().await?;
    assert!(
        first.contains("From demo/files/tickets.csv, line 2"),
        "{first}"
    );
    let sources = driver.find_all(By::Css("table.sources tbody tr")).await?;
    assert_eq!(sources.len(), 7, "one row per imported file");
    // The demo comes with moments of its own: the analyst's below are counted on top.
    let demo_moments = count(driver, "ol.moments li.moment").await?;
    assert!(demo_moments > 0, "the demo shows its moments");
    assert!(
        count(driver, "ol.moments li.moment.theme-mystery").await? >= 1,
        "what is still unexplained is marked"
    );
    assert!(
        count(driver, "[data-narrative-text] mark.passage").await? >= 1,
        "a marked passage is highlighted in the narrative"
    );
    // ...and its perspectives, side by side, one of them an analyst's interview write-up.
    let mut interviews = 0;
    let perspectives = driver.find_all(By::Css("article.perspective h3")).await?;
    for heading in &perspectives {
        interviews += usize::from(heading.text().await?.starts_with("Interview with"));
    }
    assert!(
        perspectives.len() >= 2,
        "{} perspectives",
        perspectives.len()
    );
    assert_eq!(interviews, 1, "one interview write-up among them");
    screenshot(driver, "incident-perspectives", "#perspectives-heading").await?;
    assert_no_dialog(driver).await;
    assert_accessible(driver, "incident").await;

    // With the script: times in the reader's zone (UTC on hover), a copy-link button each.
    let note = driver
        .find(By::Css("[data-times-note]"))
        .await?
        .text()
        .await?;
    assert!(note.starts_with("times in your zone"), "{note}");
    let title = driver
        .find(By::Css("ol.timeline time"))
        .await?
        .attr("title")
        .await?
        .unwrap_or_default();
    assert!(title.starts_with("UTC 2026-03-17T"), "{title}");
    let copy = driver
        .find(By::Css("li.entry:nth-of-type(20) button.copy-link"))
        .await?;
    copy.click().await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let said = copy.text().await?;
    assert!(
        said == "Link copied" || said == "Link in the address bar",
        "{said}"
    );
    // The copied permalink, opened afresh, lands on that entry.
    let copied = copy.attr("title").await?.expect("the copied link");
    let anchor = copy.attr("data-anchor").await?.unwrap();
    let number = anchor.trim_start_matches("entry-");
    assert_eq!(
        copied,
        format!("{base}/incidents/{DEMO_SLUG}/entries/{number}"),
        "an entry's permalink opens whichever window holds it"
    );
    driver.goto("about:blank").await?;
    driver.goto(&copied).await?;
    let targeted = driver
        .execute(
            "return document.querySelector(':target')?.id ?? null;",
            Vec::<Value>::new(),
        )
        .await?;
    assert_eq!(targeted.json().as_str(), Some(anchor.as_str()));

    // Slack threads fold under the message that started them.
    let thread = driver.find(By::Css("details.thread")).await?;
    screenshot(driver, "thread", "details.thread").await?;
    let reply = thread.find(By::Css("li.entry")).await?;
    assert!(reply.is_displayed().await?);
    thread.find(By::Css("summary")).await?.click().await?;
    assert!(
        !reply.is_displayed().await?,
        "a folded thread hides its replies"
    );
    thread.find(By::Css("summary")).await?.click().await?;

    // "As known at": only what had been said by then, with a count of what is left out.
    let all_dots = driver
        .find_all(By::Css("figure.diagram svg a[href^='#entry-']"))
        .await?
        .len();
    submit_filters(
        driver,
        "document.getElementById('f-at').value = '2026-03-17T11:30';",
    )
    .await?;
    let known = driver.find(By::Css("p.known-at")).await?.text().await?;
    assert!(
        known.starts_with("As known at 2026-03-17 11:30:00 UTC"),
        "{known}"
    );
    let before = driver
        .find_all(By::Css("ol.timeline li.entry"))
        .await?
        .len();
    assert!(before > 0 && before < 115, "{before} entries by 11:30");
    let times: Vec<Value> = driver
        .execute(
            "return [...document.querySelectorAll('ol.timeline li.entry time')].map(t => t.getAttribute('datetime'));",
            Vec::<Value>::new(),
        )
        .await?
        .json()
        .as_array()
        .unwrap()
        .clone();
    assert!(
        times
            .iter()
            .all(|t| t.as_str().unwrap() <= "2026-03-17T11:30:00Z"),
        "nothing after the moment: {times:?}"
    );
    assert_accessible(driver, "incident as known at 11:30").await;
    // ... and as one person could have seen it: only the channels they were in.
    submit_filters(
        driver,
        "const s = document.getElementById('f-seen-by'); \
         s.value = [...s.options].find(o => o.text === 'Greta Holm').value;",
    )
    .await?;
    // The notice only the new page has (the page before had "As known at" notices too).
    let seen = driver
        .find(By::XPath(
            "//p[@class='known-at'][starts-with(normalize-space(.), 'As seen by')]",
        ))
        .await?
        .text()
        .await?;
    assert!(
        seen.starts_with(
            "As seen by Greta Holm: the channels they were in (#inc-3117-riverton-stations, #ops)"
        ),
        "{seen}"
    );
    assert_accessible(driver, "incident as known at 11:30 by Greta Holm").await;
    screenshot(driver, "as-known-at-by-greta", "p.known-at").await?;
    // The diagram download is the SVG of what is shown.
    let download = driver
        .find(By::Css("figure.diagram a[download]"))
        .await?
        .attr("href")
        .await?
        .unwrap();
    assert!(download.contains("at=2026-03-17T11%3A30"), "{download}");
    let svg = driver
        .execute(
            "return fetch(arguments[0]).then(r => Promise.all([r.headers.get('content-type'), r.text()]));",
            vec![Value::String(download.clone())],
        )
        .await?
        .json()
        .clone();
    assert_eq!(svg[0], "image/svg+xml; charset=utf-8");
    let svg = svg[1].as_str().unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    assert!(
        svg.matches("<circle").count() < all_dots,
        "the download has the slice only"
    );
    driver.goto(format!("{base}/incidents/{DEMO_SLUG}")).await?;

    // The diagram is inline; its dots link to the entries, its diamonds to the moments.
    let dots = driver
        .find_all(By::Css("figure.diagram svg a[href^='#entry-']"))
        .await?;
    assert_eq!(dots.len(), 115);
    assert!(count(driver, "figure.diagram svg a[href^='#moment-']").await? > 0);

    // The narrative is rendered from Markdown, its sections are permalinks.
    let sections = driver.find_all(By::Css(".narrative h2")).await?;
    assert_eq!(sections.len(), 6, "the demo narrative's sections");
    let first_section = sections[0].text().await?;
    assert!(first_section.starts_with("Backdrop"), "{first_section}");
    assert!(driver.find(By::Css(".narrative blockquote")).await.is_ok());
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}#what-was-surprising"))
        .await?;
    let targeted = driver
        .execute(
            "return document.querySelector(':target')?.id ?? null;",
            Vec::<Value>::new(),
        )
        .await?;
    assert_eq!(targeted.json().as_str(), Some("what-was-surprising"));
    // Sections have a copy-link button too, naming what it links to.
    let section_copy = driver
        .find(By::Css("#what-was-surprising button.copy-link"))
        .await?;
    assert_eq!(
        section_copy.attr("aria-label").await?.as_deref(),
        Some("Copy link to this section")
    );
    section_copy.click().await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        section_copy.attr("title").await?,
        Some(format!("{base}/incidents/{DEMO_SLUG}#what-was-surprising"))
    );

    // A permalink to one entry lands on it.
    let anchor = driver.find_all(By::Css("ol.timeline li.entry")).await?[10]
        .attr("id")
        .await?
        .expect("entries have ids");
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}#{anchor}"))
        .await?;
    let targeted = driver
        .execute(
            "return document.querySelector(':target')?.id ?? null;",
            Vec::<Value>::new(),
        )
        .await?;
    assert_eq!(targeted.json().as_str(), Some(anchor.as_str()));

    // "Cited by" leads to the section of the incident that links here, and that incident's
    // "Related incidents" leads back.
    click_through(driver, "ul.citations a").await?;
    let heading = driver
        .find(By::Css("article.incident h1"))
        .await?
        .text()
        .await?;
    assert!(
        heading.starts_with("The v4.3 firmware rollout"),
        "{heading}"
    );
    let targeted = driver
        .execute(
            "return document.querySelector(':target')?.id ?? null;",
            Vec::<Value>::new(),
        )
        .await?;
    assert_eq!(targeted.json().as_str(), Some("backdrop"));
    let reasons = driver.find(By::Css("ol.related li")).await?.text().await?;
    assert!(
        reasons.contains("linked, shares service dock-broker"),
        "{reasons}"
    );
    assert_accessible(driver, "the incident that cites the demo").await;
    click_through(driver, "ol.related a").await?;
    driver
        .find(By::Css(format!(
            "ul.citations a[href^='/incidents/{FOLLOW_UP_SLUG}']"
        )))
        .await?;
    // The demo's repository cites it too: a commit, code and the runbook.
    for group in ["cited-by-commit", "cited-by-code-comment", "cited-by-doc"] {
        driver.find(By::Id(group)).await?;
    }

    // Search from the header, narrow by a facet, and open a hit where it is.
    type_into(driver, "site-q", "retained").await?;
    click_through(driver, "form.site-search button").await?;
    assert_eq!(driver.title().await?, "retained — Search · Lore");
    assert!(count(driver, "ol.hit-groups li.hit-group").await? >= 2);
    assert!(
        count(driver, "p.snippet mark").await? > 0,
        "matches are marked"
    );
    assert_accessible(driver, "search results").await;
    click_through(driver, "aside.facets a[href*='theme%3Amisunderstanding']").await?;
    driver.find(By::Css("aside.facets a.active")).await?;
    let narrowed = driver.current_url().await?;
    assert!(
        narrowed
            .query()
            .unwrap_or("")
            .contains("theme%3Amisunderstanding"),
        "{narrowed}"
    );
    assert_accessible(driver, "search narrowed by a theme").await;
    let hit = driver.find(By::Css("a.hit-link[href*='#']")).await?;
    let href = hit.attr("href").await?.expect("a permalink");
    let fragment = href.split_once('#').map(|(_, f)| f.to_owned()).unwrap();
    to_next_page(driver, || hit.click()).await?;
    let targeted = driver
        .execute(
            "return document.querySelector(':target')?.id ?? null;",
            Vec::<Value>::new(),
        )
        .await?;
    assert_eq!(targeted.json().as_str(), Some(fragment.as_str()), "{href}");
    driver.goto(format!("{base}/incidents/{DEMO_SLUG}")).await?;

    let show = driver.find(By::LinkText("show them")).await?;
    to_next_page(driver, || show.click()).await?;
    // The new page's own link, so that the count below is of that page.
    driver.find(By::LinkText("Hide noise entries")).await?;
    assert_eq!(
        driver
            .find_all(By::Css("ol.timeline li.entry"))
            .await?
            .len(),
        125
    );
    assert_no_dialog(driver).await;
    assert_accessible(driver, "incident with noise").await;

    // Every toggle keeps the rest of the reading: lanes by person keep the noise shown, the
    // filter form keeps both, and hiding the noise keeps the lanes and the filter.
    click_through(driver, "figure.diagram figcaption a[href*='lanes=people']").await?;
    driver.find(By::LinkText("by source")).await?;
    driver.find(By::LinkText("Hide noise entries")).await?;
    let chats = filter_timeline(driver, "f-kind", "chat").await?;
    driver.find(By::LinkText("by source")).await?;
    let hide = driver.find(By::LinkText("Hide noise entries")).await?;
    to_next_page(driver, || hide.click()).await?;
    driver.find(By::LinkText("show them")).await?;
    driver
        .find(By::Css("#f-kind option[value='chat'][selected]"))
        .await?;
    driver.find(By::LinkText("by source")).await?;
    assert!(
        count(driver, "ol.timeline li.entry").await? < chats,
        "the noise is hidden again, the chat filter kept"
    );
    let url = driver.current_url().await?;
    let query = url.query().unwrap_or_default();
    assert!(
        query.contains("kind=chat") && query.contains("lanes=people"),
        "{url}"
    );
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}?noise=show"))
        .await?;
    driver.find(By::LinkText("Hide noise entries")).await?;

    // An analyst marks a moment on an entry; it is listed under Moments, linked both ways.
    let target = driver.find(By::Css("li.entry")).await?;
    let entry_id = target.attr("id").await?.expect("entry id");
    // The demo marks a mystery of its own, elsewhere on the timeline.
    let api = crate::support::http_client();
    let api_cookie = crate::support::sign_in(&api, base, "rita", "reader-password-1").await;
    let demo_mysteries: Vec<Value> = crate::support::api_entries(
        &api,
        format!("{base}/api/incidents/{DEMO_SLUG}/timeline?theme=mystery"),
        &api_cookie,
    )
    .await;
    assert!(
        demo_mysteries
            .iter()
            .all(|e| format!("entry-{}", e["id"]) != entry_id)
    );
    let demo_mysteries = demo_mysteries.len();
    let mark = target.find(By::Css("a.mark-link")).await?;
    to_next_page(driver, || mark.click()).await?;
    // The form page's own form first: the incident page has an h1 too.
    driver.find(By::Css("form.mark")).await?;
    assert_eq!(
        driver.find(By::Css("h1")).await?.text().await?,
        "Mark a moment"
    );
    assert_accessible(driver, "the form for marking a moment").await;
    click(driver, "#m-theme option[value='mystery']").await?;
    type_into(driver, "m-note", "Why did v4.2.1 stations obey it?").await?;
    click_through(driver, "form.mark button").await?;
    // The page comes back at the new moment (the demo's own are listed too).
    let moment = driver.find(By::Css("ol.moments li.moment:target")).await?;
    let mystery_moment = moment.attr("id").await?.expect("moment id");
    let text = moment.text().await?;
    assert!(
        text.starts_with("Mystery remaining Why did v4.2.1 stations obey it?"),
        "{text}"
    );
    let evidence = moment
        .find(By::Css(".evidence a"))
        .await?
        .attr("href")
        .await?;
    assert_eq!(evidence.as_deref(), Some(format!("#{entry_id}").as_str()));
    assert_no_dialog(driver).await;
    assert_accessible(driver, "incident with a moment").await;

    // Selecting words of the narrative offers them for a passage mark.
    driver
        .execute(
            "const p = [...document.querySelectorAll('[data-narrative-text] p')]\
                .find(p => p.textContent.includes('the metronome'));\
             const node = [...p.childNodes].find(n => n.nodeType === 3 && n.textContent.includes('the metronome'));\
             const at = node.textContent.indexOf('the metronome');\
             const range = document.createRange();\
             range.setStart(node, at); range.setEnd(node, at + 'the metronome'.length);\
             getSelection().removeAllRanges(); getSelection().addRange(range);",
            Vec::<Value>::new(),
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let offered = driver
        .find(By::Id("mp-passage"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(offered, "the metronome");
    click(driver, "#mp-theme option[value='paradox']").await?;
    type_into(
        driver,
        "mp-note",
        "A carrier's timeout set the pace of the outage.",
    )
    .await?;
    assert_accessible(driver, "incident with the passage form open").await;
    click_through(driver, "details.annotate-passage button").await?;
    let listed = driver.find(By::Css("ol.moments li.moment:target")).await?;
    let passage_moment = listed.attr("id").await?.expect("moment id");
    let listed = listed.text().await?;
    assert!(listed.contains("the metronome"), "{listed}");
    let passage = format!("passage-{}", passage_moment.trim_start_matches("moment-"));
    let highlighted = driver.find(By::Id(&passage)).await?;
    assert_eq!(highlighted.text().await?, "the metronome");
    assert!(
        highlighted
            .attr("class")
            .await?
            .unwrap_or_default()
            .contains("theme-paradox")
    );
    // Its marker links to the moment.
    driver
        .find(By::Css(format!("a.passage-ref[href='#{passage_moment}']")))
        .await?;
    assert_accessible(driver, "incident with a marked passage").await;
    screenshot(driver, "marked-passage", &format!("#{passage}")).await?;

    // The theme filter keeps the marked entries only: the demo's mystery and this one.
    assert_eq!(
        filter_timeline(driver, "f-theme", "mystery").await?,
        demo_mysteries + 1
    );
    assert_eq!(
        count(driver, &format!("ol.timeline li#{entry_id}")).await?,
        1
    );

    // Across incidents: the moments page finds the marks by theme and by words.
    let found_link =
        |moment: &str| format!("ol.moments.found li a[href='/incidents/{DEMO_SLUG}#{moment}']");
    driver.goto(format!("{base}/moments?theme=paradox")).await?;
    let found = driver
        .find(By::XPath(format!(
            "//ol[contains(@class, 'found')]/li[.//a[@href='/incidents/{DEMO_SLUG}#{passage_moment}']]"
        )))
        .await?;
    assert!(found.text().await?.contains("the metronome"));
    assert_eq!(
        count(driver, &found_link(&mystery_moment)).await?,
        0,
        "paradoxes only"
    );
    assert_accessible(driver, "moments across incidents").await;
    screenshot(driver, "moments-across-incidents", "h1").await?;
    // People: one responder, recorded by several sources, is merged into one person.
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}/people"))
        .await?;
    assert_accessible(driver, "people in the record").await;
    driver
        .execute(
            "const pick = (id, name) => { const s = document.getElementById(id); \
               s.value = [...s.options].find(o => o.text.startsWith(name + ' (')).value; };\
             pick('merge-from', 'Rafa'); pick('merge-into', 'Rafael Quintero');",
            Vec::<Value>::new(),
        )
        .await?;
    click_through(driver, "form.merge button").await?;
    // Rafael Quintero's row now lists the "Rafa" record under him.
    driver
        .find(By::XPath(
            "//tr[td[starts-with(normalize-space(.), 'Rafael Quintero')]]//div[@class='merged'][starts-with(normalize-space(.), 'also Rafa #')]",
        ))
        .await?;
    screenshot(driver, "people", "table.people").await?;
    assert_accessible(driver, "people after a merge").await;
    driver.goto(format!("{base}/moments?q=v4.2.1")).await?;
    driver.find(By::Css(found_link(&mystery_moment))).await?;
    assert_eq!(count(driver, &found_link(&passage_moment)).await?, 0);
    driver.goto(format!("{base}/incidents/{DEMO_SLUG}")).await?;

    // A perspective, added through the form, stands on its own.
    click(driver, "details.add-perspective summary").await?;
    let person = driver.find(By::Id("p-person")).await?;
    person.clear().await?;
    person.send_keys("Mei-Lin Tan").await?;
    type_into(
        driver,
        "p-body",
        "The light was **solid**, not flashing: that is maintenance.",
    )
    .await?;
    click_through(driver, "details.add-perspective button").await?;
    // The page comes back at the new perspective, beside the demo's own.
    let perspective = driver.find(By::Css("article.perspective:target")).await?;
    let heading = perspective.find(By::Css("h3")).await?.text().await?;
    assert!(heading.starts_with("Mei-Lin Tan's account"), "{heading}");
    assert_accessible(driver, "incident with a perspective").await;

    // Filter without JavaScript: the form is a plain GET.
    assert_eq!(filter_timeline(driver, "f-kind", "deploy").await?, 6);
    assert!(
        driver
            .current_url()
            .await?
            .query()
            .unwrap_or("")
            .contains("kind=deploy")
    );
    assert_accessible(driver, "incident filtered by kind").await;

    screenshot(driver, "incident-filtered", "ol.timeline").await?;

    // A glossary term, once added, is linked in the narrative.
    driver.goto(format!("{base}/glossary")).await?;
    // The demo's own terms are there already.
    driver.find(By::Id("term-mqtt")).await?;
    assert_accessible(driver, "glossary").await;
    // "GPS" is used in the narrative and not yet defined (the demo's "NAT idle timeout" would
    // win over a shorter "NAT": the longest term at a place is the one linked).
    type_into(driver, "g-term", "GPS").await?;
    type_into(
        driver,
        "g-definition",
        "Global Positioning System: each e-bike reports where it is, docked or not.",
    )
    .await?;
    click_through(driver, "form.glossary-add button").await?;
    driver.find(By::Id("term-gps")).await?;
    assert_accessible(driver, "glossary with a term").await;
    driver.goto(format!("{base}/incidents/{DEMO_SLUG}")).await?;
    let term = driver
        .find(By::Css("#narrative a.term[href='/glossary#term-gps']"))
        .await?;
    assert_eq!(term.text().await?, "GPS");
    assert!(
        term.attr("title")
            .await?
            .unwrap_or_default()
            .starts_with("Global Positioning System")
    );

    // Two analysts save over the same version: the second is refused and sees both texts.
    driver
        .goto(format!("{base}/incidents/{DEMO_SLUG}/narrative"))
        .await?;
    let body = driver.find(By::Id("body")).await?;
    body.clear().await?;
    // The preview follows the typing, timeline blocks drawn.
    body.send_keys("## Backdrop\n\n```lore-timeline\nlanes=people kind=deploy\n```\n")
        .await?;
    body.send_keys("The NOC saw it first.\n").await?;
    let live = driver
        .find(By::Css("section.preview[data-preview-state='live'] svg"))
        .await?;
    assert!(live.is_displayed().await?);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let acronyms = driver.find(By::Css("[data-acronyms]")).await?;
    assert!(acronyms.is_displayed().await?);
    assert!(
        acronyms.text().await?.contains("NOC"),
        "listed as it is typed"
    );
    assert_accessible(driver, "editor with a live preview").await;
    screenshot(driver, "live-preview", "section.preview").await?;
    learning::second_reader_in_the_editor(driver).await?;
    body.clear().await?;
    body.send_keys("## Backdrop\n\nEdited in the browser.")
        .await?;
    let other = crate::support::http_client();
    let ana = crate::support::sign_in(&other, base, "ana", "analyst-password-1").await;
    let saved = other
        .post(format!("{base}/incidents/{DEMO_SLUG}/narrative"))
        .header("cookie", ana)
        .header("origin", base)
        .form(&[
            ("base_version", "1"),
            ("body", "## Backdrop\n\nAna got there first."),
            ("action", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    click_through(driver, "button[value='save']").await?;
    let conflict = driver.find(By::Css(".conflict")).await?.text().await?;
    assert!(conflict.contains("Someone else saved first"), "{conflict}");
    let theirs = driver
        .find(By::Id("theirs"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(theirs.contains("Ana got there first."), "{theirs}");
    let mine = driver
        .find(By::Id("body"))
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(mine.contains("Edited in the browser."), "{mine}");
    assert_accessible(driver, "narrative conflict").await;
    type_into(driver, "body", "\n\nAna got there first.").await?;
    click_through(driver, "button[value='save']").await?;
    let narrative = driver.find(By::Css("#narrative")).await?.text().await?;
    assert!(narrative.contains("Edited in the browser."), "{narrative}");
    assert!(
        narrative.contains("Narrative version 3, by demo"),
        "{narrative}"
    );

    // The demo incident was read with its narrative in view: its reading time is recorded
    // (lore.js sent it when the page was left), and shown to the reader alone.
    driver.goto(format!("{base}/me/reading")).await?;
    let row = driver
        .find(By::XPath(format!(
            "//tr[td/a[@href='/incidents/{DEMO_SLUG}']]"
        )))
        .await?
        .text()
        .await?;
    assert!(
        !row.contains('—') && (row.contains(" s ") || row.contains(" min")),
        "{row}"
    );
    assert_accessible(driver, "your reading").await;

    learning::walk_the_learning_signals(driver, base).await?;

    click_through(driver, "header.site form[action='/logout'] button").await?;
    driver.find(By::Id("username")).await?;
    driver.goto(format!("{base}/incidents/{DEMO_SLUG}")).await?;
    assert!(
        driver.current_url().await?.path().starts_with("/login"),
        "signed out"
    );

    // A reader reads the same story, moments and all, with nothing to edit.
    type_into(driver, "username", "rita").await?;
    type_into(driver, "password", "reader-password-1").await?;
    click_through(driver, "form.signin button").await?;
    // Waits for the incident page itself: the sign-in page has an h1 too.
    let heading = driver
        .find(By::Css("article.incident h1"))
        .await?
        .text()
        .await?;
    assert!(heading.starts_with("Riverton bike stations"), "{heading}");
    assert_eq!(
        driver
            .find_all(By::Css("ol.moments li.moment"))
            .await?
            .len(),
        demo_moments + 2,
        "the demo's moments and the analyst's two"
    );
    // The narrative was rewritten since the passage was marked: its moment keeps the quote and
    // says the words have gone.
    assert_eq!(count(driver, "mark.passage").await?, 0);
    let passage_moment = driver.find(By::Id(&passage_moment)).await?.text().await?;
    assert!(
        passage_moment.contains("the metronome")
            && passage_moment.contains("in narrative version 1, no longer in the text"),
        "{passage_moment}"
    );
    for editing in [
        "a.mark-link",
        "details.annotate-passage",
        "a[href$='/narrative']",
    ] {
        assert_eq!(
            count(driver, editing).await?,
            0,
            "a reader gets no {editing}"
        );
    }
    assert_no_dialog(driver).await;
    assert_accessible(driver, "incident as a reader").await;
    Ok(())
}

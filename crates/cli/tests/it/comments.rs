//! Issue 11, item 2: comments on the incident page over HTTP — add, reply, anchors, edit with
//! history, removal that leaves "comment removed", hostile Markdown inert, and a restricted
//! incident that is a 404 to post to for those without access.

use crate::support::{DEMO_SLUG, Home, get_text, http_client, sign_in};

#[tokio::test]
async fn comments_thread_anchor_edit_and_remove_safely() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("rex", "reader", "reader-password-2");
    home.run(&[
        "incident",
        "create",
        "secret-breach",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let server = home.serve(&["--demo"]);
    let base = server.url.clone();
    let client = http_client();
    let rita = sign_in(&client, &base, "rita", "reader-password-1").await;
    let rex = sign_in(&client, &base, "rex", "reader-password-2").await;
    let page_url = format!("{base}/incidents/{DEMO_SLUG}");
    let post = |cookie: &str, path: String, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{base}{path}"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.clone())
            .form(&form)
            .send()
    };
    // Posts a comment and returns its id from the redirect.
    let comment = |cookie: String, form: Vec<(&'static str, String)>| {
        let post = &post;
        async move {
            let res = post(&cookie, format!("/incidents/{DEMO_SLUG}/comments"), form)
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "{:?}", res.text().await);
            let to = res.headers()["location"].to_str().unwrap().to_owned();
            to.rsplit("#comment-")
                .next()
                .unwrap()
                .parse::<i64>()
                .unwrap()
        }
    };
    let page = get_text(&client, &page_url, &rita).await;
    let entry: i64 = page
        .split("id=\"entry-")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .parse()
        .unwrap();

    let first = comment(
        rita.clone(),
        vec![("body", "Why did the *retained* message stick?".into())],
    )
    .await;
    let reply = comment(
        rex.clone(),
        vec![
            ("body", "Because nothing cleared it.".into()),
            ("parent", first.to_string()),
        ],
    )
    .await;
    let on_section = comment(
        rita.clone(),
        vec![
            ("body", "This section helped.".into()),
            ("on", "section:what-happened".into()),
        ],
    )
    .await;
    let on_entry = comment(
        rex.clone(),
        vec![
            ("body", "This entry is the turn.".into()),
            ("entry", format!("#{entry}")),
        ],
    )
    .await;
    let hostile = comment(
        rex.clone(),
        vec![(
            "body",
            "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>"
                .into(),
        )],
    )
    .await;
    // Refused: a section that is not there, a reply to nothing, an empty comment.
    for form in [
        vec![
            ("body", "x".to_owned()),
            ("on", "section:nowhere".to_owned()),
        ],
        vec![("body", "x".to_owned()), ("parent", "999999".to_owned())],
        vec![("body", "  ".to_owned())],
    ] {
        let res = post(&rita, format!("/incidents/{DEMO_SLUG}/comments"), form)
            .await
            .unwrap();
        assert_eq!(res.status(), 400);
    }

    // Edit: only the author; the earlier text is kept and shown.
    let edit = |cookie: &str, id: i64, body: &str| {
        post(
            cookie,
            format!("/incidents/{DEMO_SLUG}/comments/{id}/edit"),
            vec![("body", body.to_owned())],
        )
    };
    assert_eq!(edit(&rex, first, "hijacked").await.unwrap().status(), 403);
    assert_eq!(
        edit(&rita, first, "Why did the retained message stay for hours?")
            .await
            .unwrap()
            .status(),
        303
    );
    // Remove: the author's own; someone else's is refused.
    let remove = |cookie: &str, id: i64| {
        post(
            cookie,
            format!("/incidents/{DEMO_SLUG}/comments/{id}/remove"),
            Vec::new(),
        )
    };
    assert_eq!(remove(&rex, first).await.unwrap().status(), 403);

    let page = get_text(&client, &page_url, &rita).await;
    let item = |id: i64| {
        let start = page.find(&format!("id=\"comment-{id}\"")).unwrap();
        let end = page[start..].find("</li>").unwrap();
        page[start..start + end].to_owned()
    };
    assert!(item(first).contains("stay for hours"));
    assert!(item(first).contains("Earlier versions (1)"));
    assert!(item(first).contains("<em>retained</em>"), "{}", item(first));
    assert!(item(reply).contains(&format!(
        "in reply to <a href=\"#comment-{first}\">rita</a>"
    )));
    assert!(item(on_section).contains("<a href=\"#what-happened\">on section “What happened”</a>"));
    assert!(item(on_entry).contains(&format!("<a href=\"#entry-{entry}\">on entry #{entry}</a>")));
    let h = item(hostile);
    // Shown as text: no element, no link, no attribute.
    for bad in ["<script", "href=\"javascript", "<img"] {
        assert!(!h.contains(bad), "{bad} in {h}");
    }
    assert!(h.contains("&lt;script&gt;alert(1)"));
    // Rita's own comment offers Edit and Delete; Rex's reply offers neither to her.
    assert!(item(first).contains(&format!("/comments/{first}/edit")));
    assert!(!item(reply).contains("/edit\""));
    assert!(
        page.contains("5 comments;"),
        "the long tail line counts them"
    );
    assert!(page.contains("came more than 30 days after the incident ended"));

    assert_eq!(remove(&rita, first).await.unwrap().status(), 303);
    let page = get_text(&client, &page_url, &rex).await;
    let start = page.find(&format!("id=\"comment-{first}\"")).unwrap();
    let removed = &page[start..start + page[start..].find("</li>").unwrap()];
    assert!(removed.contains("comment removed"));
    assert!(!removed.contains("stay for hours") && !removed.contains("Earlier versions"));
    assert!(
        page.contains(&format!("id=\"comment-{reply}\"")),
        "the reply stays"
    );

    // A restricted incident is not found to a reader without access, for posting too.
    let res = post(
        &rita,
        "/incidents/secret-breach/comments".into(),
        vec![("body", "hello".into())],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 404);
    let res = post(
        &rita,
        format!("/incidents/secret-breach/comments/{reply}/remove"),
        Vec::new(),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 404);
}

/// However many long comments an incident gathers, a page shows at most one page of them and
/// renders at most the budget's worth of Markdown; the rest is plain text, the later comments
/// are on further pages, and a comment's permalink finds its page. A restricted incident's
/// comment pages are a 404 to those without access.
#[tokio::test]
async fn comments_come_in_pages_within_a_rendering_budget() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("ada", "admin", "admin-password-1");
    home.create_open_and_restricted_incidents();
    let server = home.serve(&[]);
    let base = server.url.clone();
    let client = http_client();
    let rita = sign_in(&client, &base, "rita", "reader-password-1").await;
    let ada = sign_in(&client, &base, "ada", "admin-password-1").await;
    // 60 comments of 10,000 bytes of Markdown each: 600,000 bytes, over twice the budget.
    let body = "**Long.** ".repeat(1000);
    let mut ids = Vec::new();
    for _ in 0..60 {
        let res = client
            .post(format!("{base}/incidents/riverton/comments"))
            .header("cookie", rita.clone())
            .header("origin", base.clone())
            .form(&[("body", body.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        ids.push(to);
    }
    // The 51st comment and later are on page 2: the redirect after posting says so.
    assert!(
        ids[49].starts_with("/incidents/riverton#comment-"),
        "{}",
        ids[49]
    );
    assert!(
        ids[50].starts_with("/incidents/riverton/comments?page=2#comment-"),
        "{}",
        ids[50]
    );

    let budget = 256 * 1024 / body.len();
    let page = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    assert_eq!(page.matches(r#"<li id="comment-"#).count(), 50);
    assert_eq!(
        page.matches(r#"class="narrative comment-body""#).count(),
        budget
    );
    assert_eq!(
        page.matches(r#"class="comment-body comment-plain""#)
            .count(),
        50 - budget
    );
    assert!(
        page.contains("The next 10 of 60 comments (page 2 of 2)"),
        "a link onwards"
    );
    let second = get_text(
        &client,
        format!("{base}/incidents/riverton/comments?page=2"),
        &rita,
    )
    .await;
    assert_eq!(second.matches(r#"<li id="comment-"#).count(), 10);
    assert_eq!(
        second.matches("<strong>Long.</strong>").count(),
        10 * 1000,
        "all ten rendered"
    );
    assert!(second.contains("Earlier comments"));

    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let last_id = ids[59].rsplit("#comment-").next().unwrap();
    let found = no_redirects
        .get(format!("{base}/incidents/riverton/comments/{last_id}"))
        .header("cookie", rita.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(found.status(), 303);
    assert_eq!(found.headers()["location"], ids[59].as_str());
    let status = |url: String, cookie: String| {
        let client = &no_redirects;
        async move {
            client
                .get(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        status(
            format!("{base}/incidents/riverton/comments?page=3"),
            rita.clone()
        )
        .await,
        404
    );
    assert_eq!(
        status(
            format!("{base}/incidents/riverton/comments/999999"),
            rita.clone()
        )
        .await,
        404
    );

    // The restricted incident: its comments exist, and nobody without access reaches them.
    let res = client
        .post(format!("{base}/incidents/secret/comments"))
        .header("cookie", ada.clone())
        .header("origin", base.clone())
        .form(&[("body", "Secret remark.")])
        .send()
        .await
        .unwrap();
    let secret_comment = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit("#comment-")
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        status(format!("{base}/incidents/secret/comments"), ada.clone()).await,
        200
    );
    assert_eq!(
        status(format!("{base}/incidents/secret/comments"), rita.clone()).await,
        404
    );
    assert_eq!(
        status(
            format!("{base}/incidents/secret/comments/{secret_comment}"),
            rita.clone()
        )
        .await,
        404
    );
    // Nor through another incident's address.
    assert_eq!(
        status(
            format!("{base}/incidents/riverton/comments/{secret_comment}"),
            rita.clone()
        )
        .await,
        404
    );
}

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

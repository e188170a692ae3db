//! Reading lists over HTTP: an analyst creates a list and adds, moves and removes items; a
//! reader sees their own progress once they open a write-up; a restricted item is hidden from
//! those without access; the incident's "Cited by" shows the list.

use std::time::Duration;

use crate::support::{Home, get_text, get_with, http_client, sign_in};

#[tokio::test]
async fn lists_keep_order_show_progress_and_hide_restricted_items() {
    let home = Home::new();
    home.add_user("ana", "analyst", "analyst-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    for (slug, title) in [
        ("riverton", "Riverton"),
        ("harbour", "Harbour"),
        ("gone", "Gone"),
    ] {
        home.run(&["incident", "create", slug, "--title", title])
            .ok();
    }
    home.run(&[
        "incident",
        "create",
        "secret",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    home.run(&["incident", "grant", "secret", "ana"]).ok();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let ana = sign_in(&client, base, "ana", "analyst-password-1").await;
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let post = |cookie: &str, path: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{base}{path}"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&form)
            .send()
    };

    // Readers may not create lists.
    let refused = post(&rita, "/lists", vec![("title", "Mine".into())])
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let created = post(
        &ana,
        "/lists",
        vec![
            ("title", "Boot camp".into()),
            ("description", "Every new engineer reads these.".into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(created.status(), 303);
    let list = created.headers()["location"].to_str().unwrap().to_owned();
    assert!(list.starts_with("/lists/"), "{list}");
    for (slug, note) in [
        ("harbour", "Read second"),
        ("riverton", "Start <here>"),
        ("gone", ""),
        ("secret", "Only for some"),
    ] {
        let added = post(
            &ana,
            &format!("{list}/items"),
            vec![("slug", slug.into()), ("note", note.into())],
        )
        .await
        .unwrap();
        assert_eq!(added.status(), 303, "{slug}");
    }
    // Unknown slugs are not found; the same incident twice is a conflict.
    let unknown = post(
        &ana,
        &format!("{list}/items"),
        vec![("slug", "nope".into())],
    )
    .await
    .unwrap();
    assert_eq!(unknown.status(), 404);
    let twice = post(
        &ana,
        &format!("{list}/items"),
        vec![("slug", "gone".into())],
    )
    .await
    .unwrap();
    assert_eq!(twice.status(), 409);
    let moved = post(
        &ana,
        &format!("{list}/move"),
        vec![("slug", "riverton".into()), ("position", "1".into())],
    )
    .await
    .unwrap();
    assert_eq!(moved.status(), 303);
    let removed = post(
        &ana,
        &format!("{list}/remove"),
        vec![("slug", "gone".into())],
    )
    .await
    .unwrap();
    assert_eq!(removed.status(), 303);

    let as_ana = get_text(&client, format!("{base}{list}"), &ana).await;
    let at = |page: &str, s: &str| page.find(s).unwrap_or_else(|| panic!("{s} in {page}"));
    assert!(at(&as_ana, "/incidents/riverton") < at(&as_ana, "/incidents/harbour"));
    assert!(at(&as_ana, "/incidents/harbour") < at(&as_ana, "/incidents/secret"));
    assert!(!as_ana.contains("/incidents/gone"));
    assert!(as_ana.contains("Start &#60;here&#62;"), "{as_ana}");

    // Rita: the secret item is not there, nor counted.
    let page = get_text(&client, format!("{base}{list}"), &rita).await;
    assert!(
        !page.contains("secret") && !page.contains("Only for some"),
        "{page}"
    );
    assert!(page.contains("Your progress: 0 of 2 read."), "{page}");
    assert!(
        page.contains(r#"<a href="/lists">Reading lists</a>"#),
        "{page}"
    );
    assert_eq!(
        get_with(&client, format!("{base}/lists/999999"), &rita)
            .await
            .status(),
        404
    );

    // She opens a write-up; the read is recorded after the page is served.
    let incident = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    assert!(
        incident.contains(&format!(r#"<a href="{list}">Boot camp</a>"#)),
        "{incident}"
    );
    assert!(incident.contains("Reading lists (1)"), "{incident}");
    let mut lists = String::new();
    for _ in 0..50 {
        lists = get_text(&client, format!("{base}/lists"), &rita).await;
        if lists.contains("1 of 2 read") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(lists.contains("1 of 2 read"), "{lists}");
    let page = get_text(&client, format!("{base}{list}"), &rita).await;
    assert!(
        page.contains(r#"<span class="read-mark">read</span>"#),
        "{page}"
    );
    assert!(page.contains(r#"<span class="unread-mark">not read yet</span>"#));
    // Ana sees all three, none read by her.
    assert!(
        get_text(&client, format!("{base}/lists"), &ana)
            .await
            .contains("0 of 3 read")
    );

    // The command line lists the citation too, as text and as JSON.
    let id = list.trim_start_matches("/lists/");
    let text = home.run(&["incident", "cited-by", "riverton"]).ok().stdout;
    assert!(
        text.contains(&format!("reading-list reading list {id} (Boot camp)"))
            && text.contains("Start <here>"),
        "{text}"
    );
    let json = home
        .run(&["incident", "cited-by", "harbour", "--format", "jsonl"])
        .ok()
        .stdout;
    assert!(
        json.contains(&format!(
            r#""where":{{"reading_list":{id},"title":"Boot camp"}}"#
        )),
        "{json}"
    );
}

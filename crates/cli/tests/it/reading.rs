//! Reading over HTTP: a visit is recorded when the page is served, reading time by the beacon,
//! counts for everyone, history for oneself, the switch, and nothing for what one may not read.

use std::time::Duration;

use crate::support::{Home, get_text, get_with, http_client, sign_in};

#[tokio::test]
async fn reads_are_recorded_counted_and_private() {
    let home = Home::new();
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("sam", "reader", "reader-password-2");
    home.run(&["incident", "create", "riverton", "--title", "Riverton"])
        .ok();
    home.run(&[
        "incident",
        "create",
        "secret",
        "--title",
        "Secret",
        "--restricted",
    ])
    .ok();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let sam = sign_in(&client, base, "sam", "reader-password-2").await;
    let beacon = |cookie: &str, slug: &str, seconds: &str| {
        client
            .post(format!("{base}/incidents/{slug}/reading-time"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&[("seconds", seconds.to_owned())])
            .send()
    };

    let page = get_text(&client, format!("{base}/incidents/riverton"), &rita).await;
    assert!(page.contains(r#"data-reading-time="/incidents/riverton/reading-time""#));
    // The visit is written after the page is served: wait for it (bounded).
    let mut history = String::new();
    for _ in 0..50 {
        history = get_text(&client, format!("{base}/me/reading"), &rita).await;
        if history.contains("/incidents/riverton") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        history.contains(r#"<a href="/incidents/riverton">Riverton</a></td><td>1</td><td>—</td>"#),
        "{history}"
    );
    assert_eq!(
        beacon(&rita, "riverton", "125").await.unwrap().status(),
        204
    );
    let history = get_text(&client, format!("{base}/me/reading"), &rita).await;
    assert!(history.contains("<td>1</td><td>2 min</td>"), "{history}");
    // Sam sees counts on the page, and nobody's name.
    let as_sam = get_text(&client, format!("{base}/incidents/riverton"), &sam).await;
    assert!(
        as_sam.contains("Read by 1 person (1 visit, 2 min of reading)."),
        "{as_sam}"
    );
    assert!(!as_sam.contains("rita"));
    // His own history has his visit at most, never Rita's reading time.
    let sams = get_text(&client, format!("{base}/me/reading"), &sam).await;
    assert!(!sams.contains("2 min"), "{sams}");

    // What one may not read: 404, nothing recorded. A value that is not a number: 422.
    assert_eq!(beacon(&rita, "secret", "60").await.unwrap().status(), 404);
    assert_eq!(
        get_with(&client, format!("{base}/incidents/secret"), &rita)
            .await
            .status(),
        404
    );
    assert_eq!(
        beacon(&rita, "riverton", "lots").await.unwrap().status(),
        422
    );
    assert!(
        !get_text(&client, format!("{base}/me/reading"), &rita)
            .await
            .contains("secret")
    );

    // Switched off, nothing more is recorded.
    let off = client
        .post(format!("{base}/me/reading"))
        .header("cookie", rita.clone())
        .header("origin", base.to_owned())
        .form(&[("record", "off")])
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 303);
    assert_eq!(
        beacon(&rita, "riverton", "600").await.unwrap().status(),
        204
    );
    let history = get_text(&client, format!("{base}/me/reading"), &rita).await;
    assert!(
        history.contains("Recording is <strong>off</strong>") && history.contains("<td>2 min</td>"),
        "{history}"
    );
}

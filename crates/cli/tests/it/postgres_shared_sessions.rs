use lore_store::testing;

use crate::support::{DEMO_SLUG, Home, Server, get_with, http_client, sign_in};

/// Two `lore serve --demo` on one fresh PostgreSQL database, and the demo analyst's session
/// cookie from the first; `None` without a PostgreSQL server to test against.
struct TwoServers {
    first_home: Home,
    _second_home: Home,
    first: Server,
    second: Server,
    client: reqwest::Client,
    cookie: String,
}

async fn two_servers() -> Option<TwoServers> {
    let server_url = testing::postgres_server_url()?;
    let url = testing::fresh_postgres_database(&server_url).await;
    let first_home = Home::with_database(url.clone());
    let second_home = Home::with_database(url);
    let first = first_home.serve(&["--demo"]);
    let second = second_home.serve(&["--demo"]);
    assert_ne!(first.url, second.url);
    let client = http_client();
    let cookie = sign_in(&client, &first.url, "demo", "demo-password").await;
    Some(TwoServers {
        first_home,
        _second_home: second_home,
        first,
        second,
        client,
        cookie,
    })
}

/// Two `lore serve` processes on different ports over one PostgreSQL database honour each
/// other's sessions: the scale-out path behind a load balancer.
#[tokio::test]
async fn postgres_two_servers_share_sessions() {
    let Some(TwoServers {
        first_home,
        _second_home,
        first,
        second,
        client,
        cookie,
    }) = two_servers().await
    else {
        return;
    };
    let page = client
        .get(format!("{}/incidents/{DEMO_SLUG}", second.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        200,
        "session from the first server works on the second"
    );
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Signed in as <strong>demo</strong>")
    );

    // Both demos loaded the same incident once: the import is idempotent across processes.
    let timeline = first_home
        .run(&["timeline", DEMO_SLUG, "--format", "jsonl"])
        .ok()
        .stdout;
    assert_eq!(timeline.lines().count(), 125);

    let out = client
        .post(format!("{}/logout", second.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let after = client
        .get(format!("{}/", first.url))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        after.status(),
        303,
        "signing out on one server ends the session on both"
    );
}

/// A page one server keeps is stale as soon as another server sharing the PostgreSQL database
/// writes what it shows (announced with NOTIFY at commit): a narrative saved on the first
/// server shows on the second, and a session ended on the first is not served a kept page by
/// the second.
#[tokio::test]
async fn postgres_kept_pages_follow_writes_on_another_server() {
    // Every part bound: a home dropped here would delete its server's directory.
    let Some(TwoServers {
        first_home: _first_home,
        _second_home,
        first,
        second,
        client,
        cookie,
    }) = two_servers().await
    else {
        return;
    };
    let page = format!("{}/incidents/{DEMO_SLUG}", second.url);
    let view = || async {
        let res = get_with(&client, &page, &cookie).await;
        (res.status().as_u16(), res.text().await.unwrap())
    };
    // Kept by the second server (the first view's read makes the second render again).
    for _ in 0..3 {
        assert_eq!(view().await.0, 200);
    }
    let library = format!("{}/", second.url);
    for _ in 0..2 {
        assert_eq!(get_with(&client, &library, &cookie).await.status(), 200);
    }

    let saved = client
        .post(format!("{}/incidents/{DEMO_SLUG}/narrative", first.url))
        .header("cookie", &cookie)
        .header("origin", first.url.as_str())
        .form(&[
            ("base_version", "1"),
            ("body", "Saved on the first server, shown by the second."),
            ("action", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    // The announcement travels at commit; allow it a moment to arrive (bounded).
    let mut shown = false;
    for _ in 0..100 {
        if view().await.1.contains("Saved on the first server") {
            shown = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(shown, "the second server still served its kept page");

    let out = client
        .post(format!("{}/logout", first.url))
        .header("cookie", &cookie)
        .header("origin", first.url.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let mut ended = false;
    for _ in 0..100 {
        let res = get_with(&client, &library, &cookie).await;
        if res.status() == 303 {
            ended = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(ended, "a signed-out session was served a kept page");
}

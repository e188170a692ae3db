use lore_store::testing;

use crate::support::{DEMO_SLUG, Home, http_client, sign_in};

/// Two `lore serve` processes on different ports over one PostgreSQL database honour each
/// other's sessions: the scale-out path behind a load balancer.
#[tokio::test]
async fn postgres_two_servers_share_sessions() {
    let Some(server_url) = testing::postgres_server_url() else {
        return;
    };
    let url = testing::fresh_postgres_database(&server_url).await;
    let first_home = Home::with_database(url.clone());
    let second_home = Home::with_database(url);
    let first = first_home.serve(&["--demo"]);
    let second = second_home.serve(&["--demo"]);
    assert_ne!(first.url, second.url);
    let client = http_client();

    let cookie = sign_in(&client, &first.url, "demo", "demo-password").await;
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

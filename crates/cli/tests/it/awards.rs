//! The yearly award over HTTP: an admin sets the round and moves its windows; readers
//! nominate and vote within them; results after the close; a restricted incident is nothing
//! at all to those who may not read it; hostile rules and reasons stay inert.

use time::macros::format_description;
use time::{Duration, OffsetDateTime};

use crate::support::{Home, get_text, http_client, sign_in};

/// A `datetime-local` value (UTC) this far from now.
fn at(from_now: Duration) -> String {
    (OffsetDateTime::now_utc() + from_now)
        .format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .unwrap()
}

fn round_form(
    year: i32,
    open: Duration,
    close: Duration,
    voting: Duration,
) -> Vec<(&'static str, String)> {
    vec![
        ("year", year.to_string()),
        ("title", "The three-armed sweater".into()),
        (
            "rules",
            "Nominate the story you **still** tell.<script>alert('rules')</script>".into(),
        ),
        ("nominations_open_at", at(open)),
        ("nominations_close_at", at(close)),
        ("voting_close_at", at(voting)),
    ]
}

#[tokio::test]
async fn award_rounds_nominations_votes_and_results_respect_windows_and_access() {
    let home = Home::new();
    home.add_user("ada", "admin", "admin-password-1");
    home.add_user("rita", "reader", "reader-password-1");
    home.add_user("sam", "reader", "reader-password-2");
    home.create_open_and_restricted_incidents();
    home.run(&["incident", "grant", "secret", "sam"]).ok();
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let ada = sign_in(&client, base, "ada", "admin-password-1").await;
    let rita = sign_in(&client, base, "rita", "reader-password-1").await;
    let sam = sign_in(&client, base, "sam", "reader-password-2").await;
    let post = |cookie: &str, path: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{base}{path}"))
            .header("cookie", cookie.to_owned())
            .header("origin", base.to_owned())
            .form(&form)
            .send()
    };
    let status = |r: reqwest::Result<reqwest::Response>| r.unwrap().status().as_u16();
    let year = OffsetDateTime::now_utc().year();
    let hour = Duration::hours(1);
    let day = Duration::days(1);

    let empty = get_text(&client, format!("{base}/award"), &rita).await;
    assert!(empty.contains("No award round has been set yet"), "{empty}");
    assert!(empty.contains("href=\"/award\""), "the nav links the award");

    // Only admins set rounds; windows must follow each other.
    let form = round_form(year, -hour, day, 2 * day);
    assert_eq!(
        status(post(&rita, "/award/rounds", form.clone()).await),
        403
    );
    let backwards = round_form(year, day, -hour, 2 * day);
    assert_eq!(status(post(&ada, "/award/rounds", backwards).await), 400);
    let created = post(&ada, "/award/rounds", form).await.unwrap();
    assert_eq!(created.status(), 303);
    assert_eq!(
        created.headers()["location"],
        format!("/award/{year}").as_str()
    );
    let admin_page = get_text(&client, format!("{base}/award"), &ada).await;
    let round = admin_page
        .split("action=\"/award/rounds/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the change form names the round")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let round: i64 = round.parse().unwrap();
    let path = |what: &str| format!("/award/rounds/{round}{what}");
    let move_windows = |open: Duration, close: Duration, voting: Duration| {
        post(&ada, &path(""), round_form(year, open, close, voting))
    };

    // Nominating: rita nominates what she may read; the secret is no incident to her.
    let nominate = |cookie: &str, incident: &str, reason: &str| {
        post(
            cookie,
            &path("/nominations"),
            vec![("incident", incident.into()), ("reason", reason.into())],
        )
    };
    let hostile = "It still makes us laugh <script>alert('reason')</script>";
    assert_eq!(status(nominate(&rita, "riverton", hostile).await), 303);
    assert_eq!(status(nominate(&rita, "secret", "?").await), 400);
    assert_eq!(status(nominate(&rita, "nowhere", "?").await), 400);
    assert_eq!(status(nominate(&sam, "secret", "SECRET-REASON").await), 303);
    assert_eq!(status(nominate(&rita, "riverton", "").await), 400);
    let vote = |cookie: &str, incident: &str| {
        post(cookie, &path("/vote"), vec![("incident", incident.into())])
    };
    assert_eq!(status(vote(&rita, "riverton").await), 400, "not yet voting");

    let page = get_text(&client, format!("{base}/award"), &rita).await;
    assert!(page.contains("Nominations are open until"), "{page}");
    assert!(page.contains("<strong>still</strong>"), "rules as Markdown");
    assert!(
        page.contains("&#60;script&#62;alert(&#39;reason&#39;)"),
        "{page}"
    );
    assert!(
        !page.contains("<script>alert"),
        "hostile text is inert: {page}"
    );
    assert!(
        !page.contains("Secret") && !page.contains("SECRET-REASON"),
        "{page}"
    );
    let sams = get_text(&client, format!("{base}/award"), &sam).await;
    assert!(sams.contains("Secret") && sams.contains("SECRET-REASON"));

    // Voting: nominations closed, one vote each, changeable; the secret is a 404 to rita.
    assert_eq!(status(move_windows(-2 * day, -hour, day).await), 303);
    assert_eq!(status(nominate(&rita, "riverton", "again").await), 400);
    assert_eq!(status(vote(&rita, "secret").await), 404);
    assert_eq!(status(vote(&rita, "nowhere").await), 404);
    assert_eq!(status(vote(&rita, "riverton").await), 303);
    assert_eq!(status(vote(&sam, "riverton").await), 303);
    assert_eq!(
        status(vote(&sam, "secret").await),
        303,
        "sam changes his vote"
    );
    assert_eq!(status(vote(&ada, "secret").await), 303);
    let page = get_text(&client, format!("{base}/award"), &rita).await;
    assert!(
        page.contains("Change my vote") && page.contains("value=\"riverton\" required checked")
    );
    assert!(
        !page.contains("Secret") && !page.contains("Results"),
        "{page}"
    );

    // Closed: the results, within sight.
    assert_eq!(status(move_windows(-3 * day, -2 * day, -hour).await), 303);
    assert_eq!(status(vote(&rita, "riverton").await), 400, "voting closed");
    let page = get_text(&client, format!("{base}/award/{year}"), &rita).await;
    assert!(
        page.contains("Results") && page.contains("1 vote"),
        "{page}"
    );
    assert!(
        !page.contains("Secret") && !page.contains("2 votes"),
        "{page}"
    );
    assert!(
        !page.contains("Award winner"),
        "the winner is not one rita may see"
    );
    let sams = get_text(&client, format!("{base}/award/{year}"), &sam).await;
    let winner = format!("Award winner {year}</span> <a href=\"/incidents/secret\">Secret</a>");
    assert!(sams.contains(&winner) && sams.contains("2 votes"), "{sams}");

    // The badge: on the winner's page and in the library, for those who may read it.
    let secret_page = get_text(&client, format!("{base}/incidents/secret"), &sam).await;
    assert!(secret_page.contains(&format!("Award winner {year}")));
    let library = get_text(&client, format!("{base}/"), &sam).await;
    assert!(library.contains(&format!("Award winner {year}")));
    let library = get_text(&client, format!("{base}/"), &rita).await;
    assert!(!library.contains("Award winner"));
    assert_eq!(
        client
            .get(format!("{base}/award/1999"))
            .header("cookie", rita.clone())
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

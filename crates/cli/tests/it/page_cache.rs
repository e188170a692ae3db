//! Kept pages (`crates/web/src/page_cache.rs`): a page nothing has changed since is served
//! from memory, and every kind of write — through the web, or by another `lore` process on the
//! same store — makes it stale at once; a reader never receives an analyst's page, and nobody
//! a page of an incident they may not read.

use std::io::Read;

use serde_json::Value;

use crate::support::{DEMO_SLUG, Home, get_json, get_with, http_client, sign_in, without_readers};

struct Site {
    home: Home,
    base: String,
    client: reqwest::Client,
    analyst: String,
    reader: String,
    admin: String,
    _server: crate::support::Server,
}

impl Site {
    async fn start() -> Site {
        let home = Home::new();
        home.add_user("rita", "reader", "reader-password-1");
        home.add_user("root", "admin", "admin-password-1");
        let server = home.serve(&["--demo"]);
        let client = http_client();
        let base = server.url.clone();
        let analyst = sign_in(&client, &base, "demo", "demo-password").await;
        let reader = sign_in(&client, &base, "rita", "reader-password-1").await;
        let admin = sign_in(&client, &base, "root", "admin-password-1").await;
        Site {
            home,
            base,
            client,
            analyst,
            reader,
            admin,
            _server: server,
        }
    }

    async fn hits(&self) -> u64 {
        let stats: Value = get_json(
            &self.client,
            format!("{}/api/admin/page-cache", self.base),
            &self.admin,
        )
        .await;
        stats["pages"]["hits"].as_u64().unwrap()
    }

    async fn get(&self, path: &str, cookie: &str) -> (u16, String) {
        let res = get_with(&self.client, format!("{}{path}", self.base), cookie).await;
        (res.status().as_u16(), res.text().await.unwrap())
    }

    /// Views `path` until a view is served from memory (at most three: the first view's read,
    /// recorded after it, makes the second render again), and returns that page.
    async fn kept(&self, path: &str, cookie: &str) -> String {
        let (status, mut before) = self.get(path, cookie).await;
        assert_eq!(status, 200, "{path}");
        for _ in 0..3 {
            let hits = self.hits().await;
            let (status, page) = self.get(path, cookie).await;
            assert_eq!(status, 200);
            if self.hits().await > hits {
                assert_eq!(page, before, "a kept page is the page as rendered");
                return page;
            }
            before = page;
        }
        panic!("{path} was never served from memory");
    }

    async fn post(&self, cookie: &str, path: &str, form: &[(&str, &str)]) -> u16 {
        self.client
            .post(format!("{}{path}", self.base))
            .header("cookie", cookie.to_owned())
            .header("origin", self.base.as_str())
            .form(form)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

/// After each kind of write, the next view shows it: the narrative, a moment, a perspective
/// and a glossary term saved through the web; an import, a merge of two people, a rename and
/// an access change made by other `lore` processes on the same SQLite store while it serves.
#[tokio::test]
async fn kept_pages_are_stale_after_every_kind_of_write() {
    let site = Site::start().await;
    let page = format!("/incidents/{DEMO_SLUG}");
    let a = site.analyst.clone();

    let before = site.kept(&page, &a).await;
    assert!(!before.contains("Cachemarker"));
    let narrative = format!("{page}/narrative");
    let body = "The Cachemarker narrative: CMTERM stayed amber.";
    assert_eq!(
        site.post(
            &a,
            &narrative,
            &[("base_version", "1"), ("body", body), ("action", "save")]
        )
        .await,
        303
    );
    let (_, after) = site.get(&page, &a).await;
    assert!(after.contains("The Cachemarker narrative"), "narrative");

    site.kept(&page, &a).await;
    assert_eq!(
        site.post(
            &a,
            "/glossary",
            &[("term", "CMTERM"), ("definition", "Cachemarker definition")]
        )
        .await,
        303
    );
    let (_, after) = site.get(&page, &a).await;
    assert!(after.contains("Cachemarker definition"), "glossary term");

    site.kept(&page, &a).await;
    let perspectives = format!("{page}/perspectives");
    assert_eq!(
        site.post(
            &a,
            &perspectives,
            &[
                ("person", "Cachemarker Person"),
                ("body", "What I saw then.")
            ]
        )
        .await,
        303
    );
    let (_, after) = site.get(&page, &a).await;
    assert!(after.contains("Cachemarker Person"), "perspective");

    site.kept(&page, &a).await;
    let entries: Value = get_json(
        &site.client,
        format!("{}/api/incidents/{DEMO_SLUG}/timeline", site.base),
        &a,
    )
    .await;
    let entry = entries["entries"][10]["id"].as_i64().unwrap().to_string();
    let annotations = format!("{page}/annotations");
    assert_eq!(
        site.post(
            &a,
            &annotations,
            &[
                ("entry", entry.as_str()),
                ("theme", "surprise"),
                ("note", "Cachemarker moment")
            ]
        )
        .await,
        303
    );
    let (_, after) = site.get(&page, &a).await;
    assert!(after.contains("Cachemarker moment"), "moment");

    // Another process imports into the incident while the server runs.
    let kept = site.kept(&page, &a).await;
    assert!(!kept.contains("cachemarker-import.jsonl"));
    let file = site.home.dir.path().join("cachemarker-import.jsonl");
    std::fs::write(
        &file,
        "{\"datetime\":\"2026-03-17T07:31:00Z\",\"message\":\"Cachemarker imported line\"}\n",
    )
    .unwrap();
    site.home
        .run(&[
            "import",
            "jsonl",
            file.to_str().unwrap(),
            "--incident",
            DEMO_SLUG,
        ])
        .ok();
    let (_, after) = site.get(&page, &a).await;
    assert!(after.contains("cachemarker-import.jsonl"), "import");

    // … merges two people (the bot's entries are then the other bot's) …
    let kept = site.kept(&page, &a).await;
    assert!(kept.contains("pagerbot"));
    site.home.run(&["person", "merge", "1", "--into", "2"]).ok();
    let (_, after) = site.get(&page, &a).await;
    assert!(!after.contains("pagerbot"), "merge");

    // … takes a reader's access away …
    site.home
        .run(&[
            "incident",
            "create",
            "cachemarker-secret",
            "--title",
            "Secret",
            "--restricted",
        ])
        .ok();
    site.home
        .run(&["incident", "grant", "cachemarker-secret", "rita"])
        .ok();
    let r = site.reader.clone();
    site.kept("/incidents/cachemarker-secret", &r).await;
    let library = site.kept("/", &r).await;
    assert!(library.contains("cachemarker-secret"));
    site.home
        .run(&["incident", "revoke", "cachemarker-secret", "rita"])
        .ok();
    assert_eq!(
        site.get("/incidents/cachemarker-secret", &r).await.0,
        404,
        "access change"
    );
    assert!(!site.get("/", &r).await.1.contains("cachemarker-secret"));

    // … and renames the incident: its old address now redirects.
    site.kept(&page, &a).await;
    site.home
        .run(&["incident", "rename", DEMO_SLUG, "cachemarker-renamed"])
        .ok();
    let res = get_with(&site.client, format!("{}{page}", site.base), &a).await;
    assert!(res.status().is_redirection(), "rename: {}", res.status());
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        "/incidents/cachemarker-renamed"
    );
}

/// A page is kept per account and role: the reader's view of a page the analyst has kept has
/// no analyst's forms, and each gets their own again; the compressed bodies are the page.
#[tokio::test]
async fn a_reader_never_gets_an_analysts_page_and_bodies_decode_to_it() {
    let site = Site::start().await;
    let page = format!("/incidents/{DEMO_SLUG}");
    let mark_form = format!(r#"action="/incidents/{DEMO_SLUG}/annotations""#);
    let analysts = site.kept(&page, &site.analyst).await;
    assert!(analysts.contains(&mark_form));
    assert!(analysts.contains("Signed in as <strong>demo</strong>"));
    let readers = site.kept(&page, &site.reader).await;
    assert!(
        !readers.contains(&mark_form),
        "no analyst's form for a reader"
    );
    assert!(readers.contains("Signed in as <strong>rita</strong>"));
    // The analyst's own again (its readers' count moved on: the reader's visit was recorded).
    let again = site.kept(&page, &site.analyst).await;
    assert!(again.contains(&mark_form) && again.contains("Signed in as <strong>demo</strong>"));

    for (accept, coding) in [("br", Some("br")), ("gzip", Some("gzip")), ("", None)] {
        let res = site
            .client
            .get(format!("{}{page}", site.base))
            .header("cookie", site.reader.clone())
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            coding,
            "{accept:?}"
        );
        assert_eq!(res.headers()["vary"], "accept-encoding");
        let bytes = res.bytes().await.unwrap();
        let mut decoded = Vec::new();
        match coding {
            Some("br") => {
                brotli::Decompressor::new(&bytes[..], 4096)
                    .read_to_end(&mut decoded)
                    .unwrap();
            }
            Some(_) => {
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut decoded)
                    .unwrap();
            }
            None => decoded = bytes.to_vec(),
        }
        // The same page but for its readers' count (a visit recorded meanwhile renders anew).
        assert_eq!(
            without_readers(&String::from_utf8(decoded).unwrap()),
            without_readers(&readers),
            "{accept:?}"
        );
        if coding.is_some() {
            assert!(
                bytes.len() * 4 < readers.len(),
                "{accept:?}: {}",
                bytes.len()
            );
        }
    }

    // Signed out, a kept page is not served for the old cookie.
    assert_eq!(site.post(&site.reader, "/logout", &[]).await, 303);
    assert_eq!(site.get(&page, &site.reader).await.0, 303);
}

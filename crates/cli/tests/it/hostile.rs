//! Issue 9 over HTTP: what a reader (or an analyst) could make one view cost. Every case is
//! bounded by work or bytes — the render cache's counters (each miss is one rendering), the
//! size of the page — never by time.

use serde_json::Value;

use crate::support::{
    DEMO_SLUG, DemoServer, Home, get_json, get_text, http_client, sign_in, without_readers,
};

/// Posts a form to `path` as `cookie` from the server's own origin.
async fn post(
    demo: &DemoServer,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let base = &demo.server.url;
    demo.client
        .post(format!("{base}{path}"))
        .header("cookie", cookie.to_owned())
        .header("origin", base.as_str())
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The render cache's counters, read as an admin.
async fn cache_stats(client: &reqwest::Client, base: &str, admin: &str) -> Value {
    get_json(client, format!("{base}/api/admin/render-cache"), admin).await
}

/// Text over a render limit is refused with a 400 that names the text and the limit, wherever
/// it is written: a reader's perspective, an analyst's narrative (saved or previewed, in the
/// editor or through the API), a glossary term. Nothing is stored.
#[tokio::test]
async fn hostile_markdown_is_refused_naming_the_limit() {
    let demo = DemoServer::start().await;
    let base = demo.server.url.clone();
    let perspectives = format!("/incidents/{DEMO_SLUG}/perspectives");
    let quotes = "> ".repeat(100_000);
    let links = "[x](#a)".repeat(25_000);
    let blocks = "```lore-timeline\n```\n\n".repeat(4000);
    for (body, says) in [
        (
            quotes.as_str(),
            "a perspective nests block quotes 100,000 deep; at most 32",
        ),
        (
            links.as_str(),
            "a perspective has 25,000 links; at most 2,000",
        ),
        (
            blocks.as_str(),
            "a perspective has 4,000 lore-timeline blocks; at most 16",
        ),
    ] {
        let res = post(
            &demo,
            &demo.reader,
            &perspectives,
            &[("person", "Someone"), ("body", body)],
        )
        .await;
        assert_eq!(res.status(), 400);
        let page = res.text().await.unwrap();
        assert!(page.contains(says), "{says:?} not in {page}");
    }
    let api: Value = get_json(
        &demo.client,
        format!("{base}/api/incidents/{DEMO_SLUG}"),
        &demo.reader,
    )
    .await;
    assert!(
        api["perspectives"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["person"] != "Someone"),
        "nothing stored"
    );

    // 10,000 footnotes: the preview took 8.6 s.
    let footnotes: String = (0..10_000)
        .map(|i| format!("x[^{i}] "))
        .chain((0..10_000).map(|i| format!("\n\n[^{i}]: n")))
        .collect();
    let says = "a narrative has 10,000 footnotes; at most 200";
    for action in ["preview", "save"] {
        let res = post(
            &demo,
            &demo.analyst,
            &format!("/incidents/{DEMO_SLUG}/narrative"),
            &[
                ("base_version", "1"),
                ("body", &footnotes),
                ("action", action),
            ],
        )
        .await;
        assert_eq!(res.status(), 400, "{action}");
        assert!(res.text().await.unwrap().contains(says), "{action}");
    }
    let res = post(
        &demo,
        &demo.analyst,
        &format!("/api/incidents/{DEMO_SLUG}/narrative/preview"),
        &[("body", &footnotes)],
    )
    .await;
    assert_eq!(res.status(), 400);
    let error: Value = res.json().await.unwrap();
    assert_eq!(error["error"], says);

    // A glossary post with 20,000 aliases, and one whose definition nests too deep.
    let aliases: Vec<String> = (0..20_000).map(|i| format!("alias{i}")).collect();
    let aliases = aliases.join(", ");
    let res = post(
        &demo,
        &demo.analyst,
        "/glossary",
        &[
            ("term", "Flood"),
            ("aliases", &aliases),
            ("definition", "x"),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("a term has 20000 aliases; at most 16")
    );
    let res = post(
        &demo,
        &demo.analyst,
        "/glossary",
        &[("term", "Deep"), ("definition", &"> ".repeat(1000))],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("a glossary definition nests block quotes 1,000 deep; at most 32")
    );
}

/// A write-up imported before the limits existed may hold anything: its page shows the text
/// as written, escaped, with a note, in bytes proportional to the text, and renders it once.
#[tokio::test]
async fn text_stored_over_a_limit_shows_as_plain_text_rendered_once() {
    let home = Home::new();
    let writeup = home.dir.path().join("2026-01-02-deep-quotes.md");
    let quotes = "> ".repeat(100_000);
    std::fs::write(
        &writeup,
        format!("---\ntitle: Deep quotes\ndate: 2026-01-02\n---\n\n# Deep quotes\n\n{quotes}\n"),
    )
    .unwrap();
    let out = home
        .run(&["import", "writeup", writeup.to_str().unwrap()])
        .ok()
        .stdout;
    let slug = "2026-01-02-deep-quotes";
    assert!(out.contains(slug), "{out}");
    home.add_user("root", "admin", "admin-password-1");
    let server = home.serve(&[]);
    let base = &server.url;
    let client = http_client();
    let admin = sign_in(&client, base, "root", "admin-password-1").await;
    let page = get_text(&client, format!("{base}/incidents/{slug}"), &admin).await;
    assert!(
        page.contains(
            "Shown as written, without formatting: this text nests block quotes 100,000 deep; at most 32."
        ),
        "{}",
        &page[..page.len().min(3000)]
    );
    assert!(!page.contains("<blockquote"));
    // Every `>` is `&gt;`: four bytes each, plus the page around it.
    assert!(
        page.len() < 5 * quotes.len() + 100_000,
        "{} bytes",
        page.len()
    );
    let first = cache_stats(&client, base, &admin).await;
    let again = get_text(&client, format!("{base}/incidents/{slug}"), &admin).await;
    // The same page, but for its readers' count: the first view was recorded as a read.
    assert_eq!(without_readers(&again), without_readers(&page));
    let second = cache_stats(&client, base, &admin).await;
    assert_eq!(second["misses"], first["misses"], "nothing rendered again");
}

/// A second view of an unchanged incident page renders no prose: every document (the
/// narrative, each perspective) comes from the cache. A change to one renders that one.
#[tokio::test]
async fn a_second_view_renders_no_prose() {
    let demo = DemoServer::start().await;
    demo.home.add_user("root", "admin", "admin-password-1");
    let base = demo.server.url.clone();
    let client = &demo.client;
    let admin = sign_in(client, &base, "root", "admin-password-1").await;
    let page = format!("{base}/incidents/{DEMO_SLUG}");
    let api: Value = get_json(client, format!("{base}/api/incidents/{DEMO_SLUG}"), &admin).await;
    let documents = 1 + api["perspectives"].as_array().unwrap().len() as u64;

    let before = cache_stats(client, &base, &admin).await;
    let first = get_text(client, &page, &demo.reader).await;
    let after_first = cache_stats(client, &base, &admin).await;
    // The narrative, each perspective and the glossary index.
    let rendered = after_first["misses"].as_u64().unwrap() - before["misses"].as_u64().unwrap();
    assert!(
        rendered >= documents,
        "{rendered} renderings for {documents} documents"
    );
    let second = get_text(client, &page, &demo.analyst).await;
    let after_second = cache_stats(client, &base, &admin).await;
    assert_eq!(
        after_second["misses"], after_first["misses"],
        "the second view rendered nothing"
    );
    assert!(
        after_second["hits"].as_u64().unwrap() - after_first["hits"].as_u64().unwrap() >= documents
    );
    assert!(second.len() > 10_000 && first.len() > 10_000);

    // A new perspective is one new document: one rendering.
    let res = post(
        &demo,
        &demo.reader,
        &format!("/incidents/{DEMO_SLUG}/perspectives"),
        &[
            ("person", "Rita"),
            ("body", "I saw the **amber** light first."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    get_text(client, &page, &demo.reader).await;
    let after_third = cache_stats(client, &base, &admin).await;
    assert_eq!(
        after_third["misses"].as_u64().unwrap() - after_second["misses"].as_u64().unwrap(),
        1
    );
    let bytes = after_third["bytes"].as_u64().unwrap();
    assert!(bytes <= after_third["max_bytes"].as_u64().unwrap());
    // Readers cannot see the counters.
    let res = demo
        .client
        .get(format!("{base}/api/admin/render-cache"))
        .header("cookie", demo.reader.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

/// Blocks within the limit still draw each distinct diagram once per page: sixteen identical
/// blocks, and the same block in another perspective, make one drawing.
#[tokio::test]
async fn identical_blocks_draw_one_diagram_per_page() {
    let demo = DemoServer::start().await;
    let base = demo.server.url.clone();
    let block = "```lore-timeline\nlanes=people\n```\n\n";
    for body in [block.repeat(16), block.to_owned()] {
        let res = post(
            &demo,
            &demo.reader,
            &format!("/incidents/{DEMO_SLUG}/perspectives"),
            &[("person", "Blocks"), ("body", &body)],
        )
        .await;
        assert_eq!(res.status(), 303);
    }
    let page = get_text(
        &demo.client,
        format!("{base}/incidents/{DEMO_SLUG}"),
        &demo.reader,
    )
    .await;
    // The page's own diagram and one drawn from the blocks.
    assert_eq!(
        page.matches("<figure class=\"diagram embedded\"").count(),
        1
    );
    assert_eq!(page.matches("<svg").count(), 2);
    assert_eq!(
        page.matches("The same timeline diagram is drawn above.")
            .count(),
        16
    );
}

/// Aliases that are also the names of HTML entities (`lt`, `amp`, `quot`) link words readers
/// see, never the insides of `&lt;`; hover titles keep the definition's underscores.
#[tokio::test]
async fn glossary_links_never_break_entities() {
    let demo = DemoServer::start().await;
    let base = demo.server.url.clone();
    let res = post(
        &demo,
        &demo.analyst,
        "/glossary",
        &[
            ("term", "Less than"),
            ("aliases", "lt, amp, quot"),
            ("definition", "The `clean_session` of *comparisons*."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post(
        &demo,
        &demo.reader,
        &format!("/incidents/{DEMO_SLUG}/perspectives"),
        &[
            ("person", "Entities"),
            ("body", "I typed <script> & \"quotes\", then lt itself."),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let page = get_text(
        &demo.client,
        format!("{base}/incidents/{DEMO_SLUG}"),
        &demo.reader,
    )
    .await;
    assert!(
        page.contains("I typed &lt;script&gt; &amp; \"quotes\", then <a class=\"term\" href=\"/glossary#term-less-than\" title=\"The clean_session of comparisons.\">lt</a> itself."),
        "{}",
        &page[page.find("I typed").unwrap_or(0)..][..300]
    );
}

/// Each text is bounded, but anyone signed in may add perspectives: side by side, the page
/// carries them until their HTML reaches its budget, then offers the rest to read alone.
#[tokio::test]
async fn perspectives_side_by_side_stop_at_the_page_budget() {
    let demo = DemoServer::start().await;
    let base = demo.server.url.clone();
    // Within every limit, and about ten bytes of HTML per byte: the most a text can ask.
    let quotes = ">\n\n".repeat(66_000);
    for _ in 0..4 {
        let res = post(
            &demo,
            &demo.reader,
            &format!("/incidents/{DEMO_SLUG}/perspectives"),
            &[("person", "Many quotes"), ("body", &quotes)],
        )
        .await;
        assert_eq!(res.status(), 303);
    }
    let page = get_text(
        &demo.client,
        format!("{base}/incidents/{DEMO_SLUG}"),
        &demo.reader,
    )
    .await;
    assert_eq!(
        page.matches("read this perspective on its own").count(),
        1,
        "the fourth is offered on its own"
    );
    // Four MiB of perspectives side by side, at most one more text's HTML, and the rest.
    assert!(page.len() < 7 * 1024 * 1024, "{} bytes", page.len());
}

//! Issue 8: every link and form on the incident page keeps the reader's state (filters, "as
//! known at", "as seen by", noise, threads, lanes, the perspective read on its own) except the
//! one thing it changes. Before, the diagram's "by person" link dropped every filter and the
//! noise toggles dropped the lanes and threads.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{DEMO_SLUG, DemoServer, get_with};

type State = BTreeMap<String, String>;

/// The names that narrow the timeline, which "Clear" removes together.
const FILTERS: [&str; 8] = [
    "source", "person", "kind", "theme", "from", "to", "at", "seen_by",
];

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// What askama's attribute escaping did to a URL, undone.
fn unescape(s: &str) -> String {
    s.replace("&#38;", "&").replace("&amp;", "&")
}

fn query_string(state: &State) -> String {
    let encoded: Vec<String> = state
        .iter()
        .map(|(k, v)| format!("{k}={}", v.replace(':', "%3A")))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

fn parse_query(query: &str) -> State {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// An `<a>` of the page: its opening tag, its href (unescaped) and its text.
struct Link {
    tag: String,
    href: String,
    text: String,
}

fn links(html: &str) -> Vec<Link> {
    html.split("<a ")
        .skip(1)
        .filter_map(|rest| {
            let (tag, after) = rest.split_once('>')?;
            let href = tag.split("href=\"").nth(1)?.split('"').next()?;
            let text = after.split("</a>").next().unwrap_or("");
            Some(Link {
                tag: tag.to_owned(),
                href: unescape(href),
                text: text.to_owned(),
            })
        })
        .collect()
}

/// The value of an attribute in an opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
}

/// What the filter form sends when applied as it is: selected options, field values and
/// hidden fields, empty ones left out.
fn form_state(html: &str) -> State {
    let start = html
        .find("<form class=\"filters\"")
        .expect("the filter form");
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    let mut state = State::new();
    for select in form.split("<select ").skip(1) {
        let name = attr(select, "name").unwrap().to_owned();
        let body = &select[..select.find("</select>").unwrap()];
        if let Some(selected) = body
            .split("<option ")
            .skip(1)
            .find(|o| o.split('>').next().unwrap().contains(" selected"))
        {
            let value = attr(&format!(" {selected}"), "value").unwrap().to_owned();
            if !value.is_empty() {
                state.insert(name, unescape(&value));
            }
        }
    }
    for input in form.split("<input ").skip(1) {
        let tag = format!(" {}", input.split('>').next().unwrap());
        let (Some(name), Some(value)) = (attr(&tag, "name"), attr(&tag, "value")) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        // datetime-local fields say `2026-03-17T11:00` for the page's `…T11:00:00Z`.
        let value = if attr(&tag, "type") == Some("datetime-local") {
            match value.len() {
                16 => format!("{value}:00Z"),
                _ => format!("{value}Z"),
            }
        } else {
            unescape(value)
        };
        state.insert(name.to_owned(), value);
    }
    state
}

fn differing(a: &State, b: &State) -> BTreeSet<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

#[tokio::test]
async fn every_link_on_the_incident_page_keeps_the_readers_state() {
    let demo = DemoServer::start().await;
    let base = &demo.server.url;
    let (client, analyst) = (&demo.client, &demo.analyst);
    let page_url = format!("{base}/incidents/{DEMO_SLUG}");
    let post = |path: &str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("{page_url}{path}"))
            .header("cookie", analyst.clone())
            .header("origin", base.clone())
            .form(&form)
            .send()
    };

    // What the state's values can be: ids from the page itself, a marked theme, perspectives.
    let first = get_with(client, &page_url, analyst)
        .await
        .text()
        .await
        .unwrap();
    let option_of = |select: &str, label: &str| -> String {
        let from = first.find(&format!("<select id=\"{select}\"")).unwrap();
        let options = &first[from..from + first[from..].find("</select>").unwrap()];
        let option = options
            .split("<option value=\"")
            .find(|o| o.contains(label))
            .unwrap_or_else(|| panic!("{label} in {select}"));
        option.split('"').next().unwrap().to_owned()
    };
    let source = option_of("f-source", "slack");
    let nadia = option_of("f-person", ">Nadia Okafor<");
    let entry = first
        .split("id=\"entry-")
        .nth(5)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let marked = post(
        "/annotations",
        vec![("entry", entry), ("theme", "surprise".into())],
    )
    .await
    .unwrap();
    assert_eq!(marked.status(), 303);
    let mut perspectives = Vec::new();
    for person in ["Mei-Lin Tan", "Greta Holm"] {
        let added = post(
            "/perspectives",
            vec![
                ("person", person.into()),
                ("body", format!("{person} tells it as she saw it.")),
            ],
        )
        .await
        .unwrap();
        assert_eq!(added.status(), 303);
        let location = added.headers()["location"].to_str().unwrap().to_owned();
        perspectives.push(location.rsplit('-').next().unwrap().to_owned());
    }

    let every: State = [
        ("source", source.as_str()),
        ("person", nadia.as_str()),
        ("kind", "chat"),
        ("theme", "surprise"),
        ("from", "2026-03-17T11:00:00Z"),
        ("to", "2026-03-17T14:00:00Z"),
        ("at", "2026-03-17T13:00:30Z"),
        ("seen_by", nadia.as_str()),
        ("noise", "show"),
        ("lanes", "people"),
        ("threads", "folded"),
        ("perspective", perspectives[0].as_str()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    // No state, each part alone, all of it, and all of it but one part.
    let mut states = vec![State::new(), every.clone()];
    for key in every.keys() {
        states.push(
            every
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        );
        let mut without = every.clone();
        without.remove(key);
        states.push(without);
    }

    let mut checked_links = 0;
    for state in &states {
        let url = format!("{page_url}{}", query_string(state));
        let res = get_with(client, &url, analyst).await;
        assert_eq!(res.status(), 200, "{url}");
        let html = res.text().await.unwrap();

        let mut toggles = BTreeSet::new();
        for link in links(&html) {
            let (path_query, _fragment) = link.href.split_once('#').unwrap_or((&link.href, ""));
            let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
            let own_page = path == format!("/incidents/{DEMO_SLUG}");
            let diagram = path == format!("/incidents/{DEMO_SLUG}/timeline.svg");
            if !(own_page || diagram) || link.tag.contains("class=\"permalink\"") {
                continue;
            }
            let changed = differing(state, &parse_query(query));
            if link.text == "Clear" {
                assert!(
                    changed.iter().all(|k| FILTERS.contains(&k.as_str())),
                    "on {url}, Clear changes more than the filters: {changed:?}"
                );
            } else {
                assert!(
                    changed.len() <= 1,
                    "on {url}, the link {:?} ({}) changes {changed:?}",
                    link.text,
                    link.href
                );
            }
            if diagram {
                assert!(
                    changed.is_empty(),
                    "the download is the diagram as shown: {url}"
                );
            }
            toggles.extend(changed);
            checked_links += 1;
        }
        assert!(toggles.contains("lanes"), "a lanes toggle on {url}");
        assert!(
            toggles.contains("perspective"),
            "perspective links on {url}"
        );

        // Applying the filter form as it is asks for the same page again.
        assert_eq!(form_state(&html), *state, "the filter form on {url}");
    }
    assert!(
        checked_links > states.len() * 4,
        "{checked_links} links checked"
    );
}

//! Slack's message markup turned into plain text a reader understands without Slack.
//!
//! Slack stores mentions and links as control sequences in angle brackets (`<@U123>`,
//! `<#C123|general>`, `<https://x|label>`) and escapes the three characters that would be
//! ambiguous (`&`, `<`, `>`). The result here is plain text: the web layer escapes it for HTML,
//! so nothing here may produce markup.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// What mentions resolve to: user ids to display names, conversation ids to names.
pub(super) struct Names<'a> {
    pub users: &'a HashMap<String, super::User>,
    pub conversations: &'a HashMap<String, String>,
}

impl Names<'_> {
    fn user(&self, id: &str) -> String {
        match self.users.get(id) {
            Some(u) => format!("@{}", u.display_name),
            None => format!("@{id}"),
        }
    }

    fn conversation(&self, id: &str) -> String {
        match self.conversations.get(id) {
            Some(name) => format!("#{name}"),
            None => format!("#{id}"),
        }
    }
}

/// Undoes Slack's escaping of `&`, `<` and `>` in one pass (so `&amp;lt;` becomes `&lt;`, as
/// the person typed it). Other entities are left alone: Slack never writes them, so one in the
/// text is something a person typed.
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (ch, len) = if tail.starts_with("&amp;") {
            ('&', 5)
        } else if tail.starts_with("&lt;") {
            ('<', 4)
        } else if tail.starts_with("&gt;") {
            ('>', 4)
        } else {
            ('&', 1)
        };
        out.push(ch);
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// Renders a message's `text` (Slack "mrkdwn") as plain text with mentions and links resolved.
/// Formatting marks (`*bold*`, backticks) are kept as typed: they read naturally as text.
pub(super) fn render(text: &str, names: &Names<'_>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&unescape(&rest[..open]));
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) => {
                out.push_str(&control(&after[..close], names));
                rest = &after[close + 1..];
            }
            None => {
                // A lone `<` cannot come from Slack (it escapes them); keep what is there.
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(&unescape(rest));
    out
}

/// One `<...>` control sequence (without the brackets).
fn control(inner: &str, names: &Names<'_>) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(unescape(l)).filter(|l| !l.is_empty())),
        None => (inner, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        return match label {
            Some(l) => at(&l),
            None => names.user(id),
        };
    }
    if let Some(id) = target.strip_prefix('#') {
        return match label {
            Some(l) => format!("#{}", l.trim_start_matches('#')),
            None => names.conversation(id),
        };
    }
    if let Some(command) = target.strip_prefix('!') {
        if let Some(l) = label {
            // `<!subteam^S123|@team>`, `<!date^1392734382^{date}|Feb 18>`, `<!here|@here>`:
            // the label is what Slack showed.
            return if command.starts_with("date^") {
                l
            } else {
                at(&l)
            };
        }
        return match command.split_once('^') {
            // `<!subteam^S123>` without a label: the id is all there is.
            Some((_, rest)) => at(rest.split('^').next().unwrap_or(rest)),
            None => at(command),
        };
    }
    let url = unescape(target);
    match label {
        None => url,
        Some(l) if l == url || l == without_scheme(&url) => l,
        Some(l) => format!("{l} ({url})"),
    }
}

fn at(name: &str) -> String {
    format!("@{}", name.trim_start_matches('@'))
}

/// `mailto:a@b` → `a@b`, `https://x.org/` → `x.org/`: what Slack shows when it made the link
/// itself from text the person typed.
fn without_scheme(url: &str) -> &str {
    match url.split_once(':') {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            rest.strip_prefix("//").unwrap_or(rest)
        }
        _ => url,
    }
}

fn str_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// One line per shared file: `[file: title (name.png)]`.
pub(super) fn files(message: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    let single = message.get("file").into_iter();
    let many = message
        .get("files")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    for file in single.chain(many) {
        let Some(file) = file.as_object() else {
            continue;
        };
        let name = str_field(file, "name");
        let title = str_field(file, "title");
        let line = match (title, name) {
            (Some(t), Some(n)) if t != n => format!("[file: {t} ({n})]"),
            (_, Some(n)) => format!("[file: {n}]"),
            (Some(t), None) => format!("[file: {t}]"),
            // Files deleted or beyond the plan's history are exported without a name.
            (None, None) => match str_field(file, "id") {
                Some(id) => format!("[file: {id}, no name in the export]"),
                None => "[file: no name in the export]".to_owned(),
            },
        };
        out.push(line);
    }
    out
}

/// One block per attachment (link previews, integration posts, shared messages), holding what
/// Slack shows: pretext, author, title and its link, text and fields; the fallback only when
/// none of those is there.
pub(super) fn attachments(message: &Map<String, Value>, names: &Names<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let Some(list) = message.get("attachments").and_then(Value::as_array) else {
        return out;
    };
    for attachment in list {
        let Some(a) = attachment.as_object() else {
            continue;
        };
        let mut parts = Vec::new();
        if let Some(p) = str_field(a, "pretext") {
            parts.push(render(p, names));
        }
        if let Some(author) = str_field(a, "author_name") {
            parts.push(render(author, names));
        }
        if let Some(title) = str_field(a, "title") {
            let title = render(title, names);
            parts.push(match str_field(a, "title_link") {
                Some(link) if link != title => format!("{title} ({link})"),
                _ => title,
            });
        }
        if let Some(t) = str_field(a, "text") {
            parts.push(render(t, names));
        }
        for field in a
            .get("fields")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
        {
            let title = str_field(field, "title").map(|t| render(t, names));
            let value = str_field(field, "value").map(|v| render(v, names));
            match (title, value) {
                (Some(t), Some(v)) => parts.push(format!("{t}: {v}")),
                (Some(x), None) | (None, Some(x)) => parts.push(x),
                (None, None) => {}
            }
        }
        if parts.is_empty()
            && let Some(f) = str_field(a, "fallback")
        {
            parts.push(render(f, names));
        }
        if !parts.is_empty() {
            out.push(format!("[attachment] {}", parts.join("\n")));
        }
    }
    out
}

/// Plain text of Block Kit `blocks`, for messages whose `text` is empty (apps often post only
/// blocks). Unknown block and element types are skipped.
pub(super) fn blocks(message: &Map<String, Value>, names: &Names<'_>) -> String {
    let mut lines = Vec::new();
    for block in message
        .get("blocks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let mut text = String::new();
        match block.get("type").and_then(Value::as_str) {
            Some("rich_text") => rich_elements(block, names, &mut text, 0),
            Some("section") | Some("header") => {
                if let Some(t) = block.get("text").and_then(Value::as_object) {
                    text_object(t, names, &mut text);
                }
                for f in block
                    .get("fields")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object)
                {
                    text.push('\n');
                    text_object(f, names, &mut text);
                }
            }
            Some("context") => {
                for e in block
                    .get("elements")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object)
                {
                    text_object(e, names, &mut text);
                }
            }
            _ => {}
        }
        let text = text.trim();
        if !text.is_empty() {
            lines.push(text.to_owned());
        }
    }
    lines.join("\n")
}

/// A composition object: `{"type": "mrkdwn" | "plain_text", "text": ...}`.
fn text_object(t: &Map<String, Value>, names: &Names<'_>, out: &mut String) {
    if let Some(s) = t.get("text").and_then(Value::as_str) {
        if t.get("type").and_then(Value::as_str) == Some("mrkdwn") {
            out.push_str(&render(s, names));
        } else {
            out.push_str(s);
        }
    }
}

/// Rich text: sections, lists, quotes and preformatted runs holding inline elements. `depth`
/// caps recursion on hostile input (serde_json already caps nesting, this keeps it cheap).
fn rich_elements(container: &Map<String, Value>, names: &Names<'_>, out: &mut String, depth: u32) {
    if depth > 8 {
        return;
    }
    for e in container
        .get("elements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
        match s("type") {
            "rich_text_section" | "rich_text_preformatted" | "rich_text_quote" => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                rich_elements(e, names, out, depth + 1);
            }
            "rich_text_list" => {
                for item in e
                    .get("elements")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_object)
                {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str("- ");
                    rich_elements(item, names, out, depth + 1);
                }
            }
            "text" => out.push_str(s("text")),
            "link" => {
                let url = s("url");
                match e.get("text").and_then(Value::as_str) {
                    Some(t) if !t.is_empty() && t != url => {
                        out.push_str(&format!("{t} ({url})"));
                    }
                    _ => out.push_str(url),
                }
            }
            "user" => out.push_str(&names.user(s("user_id"))),
            "channel" => out.push_str(&names.conversation(s("channel_id"))),
            "usergroup" => out.push_str(&at(s("usergroup_id"))),
            "broadcast" => out.push_str(&at(s("range"))),
            "emoji" => out.push_str(&format!(":{}:", s("name"))),
            "date" => out.push_str(s("fallback")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::User;
    use super::*;

    fn names() -> (HashMap<String, User>, HashMap<String, String>) {
        let mut users = HashMap::new();
        users.insert(
            "U1".to_owned(),
            User {
                display_name: "Nadia Ortiz".into(),
                is_bot: false,
            },
        );
        let mut conversations = HashMap::new();
        conversations.insert("C1".to_owned(), "general".to_owned());
        (users, conversations)
    }

    fn r(text: &str) -> String {
        let (users, conversations) = names();
        render(
            text,
            &Names {
                users: &users,
                conversations: &conversations,
            },
        )
    }

    #[test]
    fn resolves_mentions_links_and_escapes() {
        assert_eq!(r("<@U1> ping"), "@Nadia Ortiz ping");
        assert_eq!(r("<@U1|nadia>"), "@nadia");
        assert_eq!(r("<@U9>"), "@U9");
        assert_eq!(
            r("see <#C1|general> and <#C1> and <#C9>"),
            "see #general and #general and #C9"
        );
        assert_eq!(
            r("<!here> <!channel> <!everyone> <!here|@here>"),
            "@here @channel @everyone @here"
        );
        assert_eq!(
            r("<!subteam^S123|@oncall> <!subteam^S123>"),
            "@oncall @S123"
        );
        assert_eq!(
            r("<!date^1392734382^{date_short}|Feb 18, 2014>"),
            "Feb 18, 2014"
        );
        assert_eq!(
            r("<https://x.org/a?b=1&amp;c=2|the docs>"),
            "the docs (https://x.org/a?b=1&c=2)"
        );
        assert_eq!(r("<https://x.org>"), "https://x.org");
        assert_eq!(r("<mailto:a@b.org|a@b.org>"), "a@b.org");
        assert_eq!(r("<http://x.org|x.org>"), "x.org");
        assert_eq!(r("<tel:28919.8|28919.8>"), "28919.8");
        assert_eq!(
            r("a &lt;b&gt; &amp;amp; &amp;lt; &quot;"),
            "a <b> &amp; &lt; &quot;"
        );
        assert_eq!(r("x < y"), "x < y");
        assert_eq!(r("<"), "<");
        assert_eq!(r("<>"), "");
        assert_eq!(r("<@>"), "@");
        assert_eq!(r("<|>"), "");
    }

    #[test]
    fn unescape_is_one_pass() {
        assert_eq!(unescape("&amp;gt; &gt;&lt; & &am"), "&gt; >< & &am");
    }
}

//! Links to incidents in Markdown: `[[slug]]` made into a link to the incident (for rendering
//! and extraction alike), and [`incident_links`], which finds every link to an incident a
//! text makes, with the section it sits in and the text around it.
//!
//! Extraction reads comrak's tree of a text already within the render limits, once, in one
//! traversal (no recursion, each node entered and left once); the text around each link is
//! at most [`MAX_LINK_CONTEXT_CHARS`] characters, read outwards from the link, and at most
//! [`MAX_LINKS_PER_TEXT`] links are kept. Headings are given anchors by comrak's own
//! `Anchorizer` in document order, as the page's renderer does, so a section's anchor here is
//! the `id` the page gives that heading.

use std::borrow::Cow;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeLink, NodeValue};
use lore_core::{
    GlossaryTerm, IncidentLinkRef, MAX_LINK_CONTEXT_CHARS, MAX_LINKS_PER_TEXT, References, Section,
    Slug, Spellings,
};

use crate::limits::{Limits, check_markdown};
use crate::{comrak_options, stats};

/// The path every incident's pages live under.
const INCIDENTS: &str = "/incidents/";

/// The longest `target` kept (what a link points at under the incident), in characters.
const MAX_TARGET_CHARS: usize = 200;

/// Parses Markdown as Lore renders it: comrak with Lore's options, then each `[[slug]]` made
/// a link to `/incidents/slug` (and `[[slug|words]]` one with those words). A wiki link whose
/// target is not a slug becomes its text as written, `[[like this]]`.
pub(crate) fn parse<'a>(
    arena: &'a comrak::Arena<'a>,
    markdown: &str,
    options: &comrak::Options<'_>,
) -> &'a AstNode<'a> {
    let root = comrak::parse_document(arena, markdown, options);
    let mut wiki = Vec::new();
    for node in root.descendants() {
        if matches!(node.data().value, NodeValue::WikiLink(_)) {
            wiki.push(node);
        }
    }
    for node in wiki {
        let url = match &node.data().value {
            NodeValue::WikiLink(w) => w.url.clone(),
            _ => continue,
        };
        let (slug, anchor) = url.split_once('#').unwrap_or((&url, ""));
        let value = match Slug::parse(slug.trim()) {
            Ok(slug) => {
                let mut href = format!("{INCIDENTS}{}", slug.as_str());
                if !anchor.is_empty() {
                    href.push('#');
                    href.push_str(anchor);
                }
                NodeValue::Link(Box::new(NodeLink {
                    url: href,
                    title: String::new(),
                }))
            }
            Err(_) => {
                let children: Vec<_> = node.children().collect();
                for child in children {
                    child.detach();
                }
                NodeValue::Text(Cow::Owned(format!("[[{url}]]")))
            }
        };
        node.data_mut().value = value;
    }
    root
}

/// The incident a link points at, if it does: its slug and what under it (`/entries/3`,
/// `#what-happened`, empty for the page itself). Accepts `/incidents/SLUG…` relative to the
/// site, and the same path under any `http(s)://host` or `//host`.
pub fn incident_url(url: &str) -> Option<(Slug, String)> {
    let url = url.trim();
    let lower_prefix = |p: &str| {
        url.len() >= p.len() && url.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    let path = if let Some(scheme_len) = ["https://", "http://", "//"]
        .iter()
        .find(|p| lower_prefix(p))
        .map(|p| p.len())
    {
        let rest = &url[scheme_len..];
        &rest[rest.find('/')?..]
    } else if url.starts_with('/') {
        url
    } else {
        return None;
    };
    let rest = path.strip_prefix(INCIDENTS)?;
    let end = rest.find(['/', '#', '?']).unwrap_or(rest.len());
    let slug = Slug::parse(&rest[..end]).ok()?;
    let target: String = rest[end..].chars().take(MAX_TARGET_CHARS).collect();
    Some((slug, target))
}

/// Every link to an incident in `markdown` (see [`incident_url`]; `[[slug]]` too), in
/// document order, each with the heading above it and the text around it, at most
/// [`MAX_LINKS_PER_TEXT`]. Text over `limits` has none (it is shown as plain text, without
/// links). Images are not links.
pub fn incident_links(markdown: &str, limits: &Limits) -> Vec<IncidentLinkRef> {
    if check_markdown(markdown, limits).is_err() {
        return Vec::new();
    }
    stats::count(|s| s.comrak_runs += 1);
    let options = comrak_options();
    let arena = comrak::Arena::new();
    let root = parse(&arena, markdown, &options);
    let mut anchorizer = comrak::Anchorizer::new();
    let mut out = Vec::new();
    let mut section: Option<Section> = None;
    // The text of the block being read, as collect_text gives it (the heading anchors' input).
    let mut text = String::new();
    // Links open in it (`None`: a link elsewhere), and those closed: (slug, target, start, end).
    let mut open: Vec<Option<(Slug, String, usize)>> = Vec::new();
    let mut found: Vec<(Slug, String, usize, usize)> = Vec::new();
    let mut read = 0u64;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => match &node.data().value {
                NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => {
                    text.clear();
                    found.clear();
                    open.clear();
                }
                NodeValue::Text(t) => text.push_str(t),
                NodeValue::Code(c) => text.push_str(&c.literal),
                NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
                NodeValue::Link(link) => {
                    open.push(incident_url(&link.url).map(|(s, t)| (s, t, text.len())));
                }
                _ => {}
            },
            NodeEdge::End(node) => match &node.data().value {
                NodeValue::Link(_) => {
                    if let Some(Some((slug, target, start))) = open.pop() {
                        found.push((slug, target, start, text.len()));
                    }
                }
                NodeValue::Heading(_) => {
                    let anchor = anchorizer.anchorize(&text);
                    section = Some(Section {
                        heading: crate::normalise_space(&text),
                        anchor,
                    });
                    read += text.len() as u64;
                    keep(&mut out, &mut found, &text, &section);
                }
                NodeValue::Paragraph | NodeValue::TableCell => {
                    read += text.len() as u64;
                    keep(&mut out, &mut found, &text, &section);
                }
                _ => {}
            },
        }
    }
    stats::count(|s| s.link_bytes += read);
    out
}

/// What a text refers to, to store when it is saved: its links to incidents
/// ([`incident_links`] within [`Limits::DEFAULT`]) and the glossary terms it uses anywhere
/// (whole words, any case: one pass of one automaton over the text).
pub fn references(markdown: &str, glossary: &[GlossaryTerm]) -> References {
    let spellings = Spellings::new(glossary.iter().map(GlossaryTerm::spellings));
    let used = spellings.terms_used(markdown);
    References {
        incidents: incident_links(markdown, &Limits::DEFAULT),
        terms: glossary
            .iter()
            .zip(used)
            .filter(|(_, used)| *used)
            .map(|(t, _)| t.id)
            .collect(),
    }
}

/// Moves the links found in one block to `out`, each with its context, up to the cap.
fn keep(
    out: &mut Vec<IncidentLinkRef>,
    found: &mut Vec<(Slug, String, usize, usize)>,
    text: &str,
    section: &Option<Section>,
) {
    for (slug, target, start, end) in found.drain(..) {
        if out.len() >= MAX_LINKS_PER_TEXT {
            return;
        }
        out.push(IncidentLinkRef {
            slug,
            target,
            section: section.clone(),
            context: context(text, start, end),
        });
    }
}

/// The text around `text[start..end]`: the link's words and as many on either side as fit in
/// [`MAX_LINK_CONTEXT_CHARS`], cut words marked with `…`. Reads at most that many
/// characters (plus whitespace runs) either way.
fn context(text: &str, start: usize, end: usize) -> String {
    let budget = MAX_LINK_CONTEXT_CHARS;
    let link: String = text[start..end].chars().take(budget).collect();
    let link = crate::normalise_space(&link);
    let side = budget.saturating_sub(link.chars().count()) / 2;
    let before: String = {
        let mut b: Vec<char> = text[..start].chars().rev().take(side + 1).collect();
        let cut = b.len() > side;
        b.truncate(side);
        b.reverse();
        let s: String = b.into_iter().collect();
        if cut && !s.is_empty() {
            format!("…{}", s.trim_start())
        } else {
            s
        }
    };
    let after: String = {
        let mut a: Vec<char> = text[end..].chars().take(side + 1).collect();
        let cut = a.len() > side;
        a.truncate(side);
        let s: String = a.into_iter().collect();
        if cut && !s.is_empty() {
            format!("{}…", s.trim_end())
        } else {
            s
        }
    };
    crate::normalise_space(&format!("{before}{link}{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RenderStats, markdown_to_safe_html};

    fn links(md: &str) -> Vec<IncidentLinkRef> {
        incident_links(md, &Limits::DEFAULT)
    }

    #[test]
    fn urls_under_any_host_or_relative_name_the_incident() {
        let slug = |s: &str| Slug::parse(s).unwrap();
        assert_eq!(
            incident_url("/incidents/dock-broker"),
            Some((slug("dock-broker"), String::new()))
        );
        assert_eq!(
            incident_url("https://lore.example.com/incidents/a-1/entries/3"),
            Some((slug("a-1"), "/entries/3".into()))
        );
        assert_eq!(
            incident_url("HTTP://x/incidents/a#what-happened"),
            Some((slug("a"), "#what-happened".into()))
        );
        assert_eq!(
            incident_url("//x/incidents/a?as_seen_by=3"),
            Some((slug("a"), "?as_seen_by=3".into()))
        );
        for not in [
            "incidents/a",
            "/incidents/",
            "/incidents/Not_A_Slug",
            "https://x",
            "https://x/other/incidents/a",
            "mailto:a@incidents",
            "javascript:/incidents/a",
            "/incidentsx/a",
        ] {
            assert_eq!(incident_url(not), None, "{not}");
        }
    }

    #[test]
    fn finds_links_with_their_section_and_words_around() {
        let md = "Intro [see](/incidents/first).\n\n## What *was* surprising\n\n\
                  The broker [[dock-broker-2025]] did it again, \
                  like <https://lore.example/incidents/third/entries/9>.\n\n\
                  ## What was surprising\n\n| a | b |\n|---|---|\n| [x](/incidents/fourth#backdrop) | y |\n\n\
                  `[[not-a-link]]` and ![img](/incidents/fifth/images/1) and [[Not A Slug]]\n";
        let found = links(md);
        let slugs: Vec<&str> = found.iter().map(|l| l.slug.as_str()).collect();
        assert_eq!(slugs, ["first", "dock-broker-2025", "third", "fourth"]);
        assert_eq!(found[0].section, None);
        assert_eq!(found[0].context, "Intro see.");
        let s = found[1].section.as_ref().unwrap();
        assert_eq!(
            (s.heading.as_str(), s.anchor.as_str()),
            ("What was surprising", "what-was-surprising")
        );
        assert_eq!(
            found[1].context,
            "The broker dock-broker-2025 did it again, like https://lore.example/incidents/third/entries/9."
        );
        assert_eq!(found[2].target, "/entries/9");
        // The second heading of the same words gets the anchor the page gives it.
        assert_eq!(
            found[3].section.as_ref().unwrap().anchor,
            "what-was-surprising-1"
        );
        assert_eq!(found[3].target, "#backdrop");
        let html = markdown_to_safe_html(md);
        assert!(html.contains("id=\"what-was-surprising-1\""), "{html}");
    }

    #[test]
    fn wiki_links_render_as_links_to_the_incident() {
        let html = markdown_to_safe_html(
            "[[dock-broker]], [[dock-broker|the broker outage]], [[a#backdrop]], \
             [[javascript:alert(1)]], [[<script>x</script>]] and `[[code]]`",
        );
        assert!(
            html.contains("<a href=\"/incidents/dock-broker\" rel=\"noopener noreferrer nofollow\">dock-broker</a>"),
            "{html}"
        );
        assert!(html.contains(">the broker outage</a>"), "{html}");
        assert!(html.contains("href=\"/incidents/a#backdrop\""), "{html}");
        assert!(html.contains("[[javascript:alert(1)]]"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<code>[[code]]</code>"), "{html}");
        assert!(!html.contains("data-wikilink"), "{html}");
    }

    #[test]
    fn context_is_bounded_and_cut_at_both_ends() {
        let long = "word ".repeat(500);
        let md = format!("{long}[here](/incidents/x) {long}");
        let found = links(&md);
        assert_eq!(found.len(), 1);
        let c = &found[0].context;
        assert!(c.chars().count() <= MAX_LINK_CONTEXT_CHARS + 2, "{c}");
        assert!(
            c.starts_with('…') && c.ends_with('…') && c.contains("here"),
            "{c}"
        );
    }

    #[test]
    fn hostile_texts_cost_one_parse_and_a_bounded_count() {
        let many = "[[a]] ".repeat(150_000);
        let nested = format!("{}x{}", "[".repeat(200_000), "]".repeat(200_000));
        let urls = "/incidents/a ".repeat(80_000);
        let links_in_one = format!("{}\n", "[x](/incidents/a) ".repeat(1_900));
        let headings = "# /incidents/a [[b]]\n".repeat(40_000);
        let unicode = format!(
            "## é\n\n{}[[a]]{}",
            "é".repeat(300_000),
            "ü".repeat(200_000)
        );
        for md in [&many, &nested, &urls, &links_in_one, &headings, &unicode] {
            let before = RenderStats::current();
            let found = links(md);
            let spent = RenderStats::since(&before);
            assert!(found.len() <= MAX_LINKS_PER_TEXT);
            assert!(spent.comrak_runs <= 1);
            assert!(spent.link_bytes <= md.len() as u64 * 2, "{spent:?}");
            for l in &found {
                assert!(l.context.chars().count() <= MAX_LINK_CONTEXT_CHARS + 2);
            }
        }
        // Over the limits: no links, and comrak never runs.
        let before = RenderStats::current();
        assert!(links(&many).is_empty() || links(&many).len() <= MAX_LINKS_PER_TEXT);
        let over = "[[a]] ".repeat(400_000);
        assert!(links(&over).is_empty());
        assert!(RenderStats::since(&before).comrak_runs <= 2);
        assert_eq!(links(&links_in_one).len(), MAX_LINKS_PER_TEXT);
    }
}

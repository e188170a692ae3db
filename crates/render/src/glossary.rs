//! Links glossary terms in rendered HTML: the first use of each term in each section (a
//! section starts at every h2/h3), never inside links, code or headings, never inside a tag,
//! an attribute or an entity (`&lt;` holds no word `lt`). The definition goes into the link's
//! title (hover) and is shown on keyboard focus by the stylesheet.
//!
//! One automaton over every spelling ([`lore_core::Spellings`]) reads each run of text once:
//! the work is linear in the HTML whatever the size of the glossary; at a position the longest
//! spelling wins ("NAT idle timeout" over "NAT").

use lore_core::Spellings;

use crate::SafeHtml;
use crate::markup::{escape_attr, escape_text, inside_entity, tag_end, tag_name};
use crate::stats;

/// A term to link, with every spelling that should link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryLink {
    pub spellings: Vec<String>,
    /// Where the link goes, e.g. `/glossary#term-mqtt`. Made by Lore, not by people.
    pub href: String,
    /// The definition as plain text, for the title.
    pub definition: String,
}

/// The glossary ready to link: its terms and one automaton over their spellings as they
/// appear in escaped HTML text (`AT&T` as `AT&amp;T`). Build it once per glossary.
#[derive(Debug, Clone)]
pub struct GlossaryIndex {
    links: Vec<GlossaryLink>,
    spellings: Spellings,
}

impl GlossaryIndex {
    pub fn new(links: Vec<GlossaryLink>) -> Self {
        let spellings = Spellings::new(links.iter().map(|l| {
            l.spellings
                .iter()
                .map(|s| escape_text(s))
                .collect::<Vec<_>>()
        }));
        GlossaryIndex { links, spellings }
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// Heap memory, roughly: the automaton, the definitions and the spellings.
    pub fn memory_usage(&self) -> usize {
        self.spellings.memory_usage()
            + self
                .links
                .iter()
                .map(|l| {
                    l.definition.len()
                        + l.href.len()
                        + l.spellings.iter().map(|s| s.len() + 24).sum::<usize>()
                        + 96
                })
                .sum::<usize>()
    }
}

/// Adds the links to sanitised HTML (as `markdown_to_safe_html` makes it: tags are Lore's, text
/// `<` is always escaped).
pub fn link_glossary(html: &SafeHtml, glossary: &GlossaryIndex) -> SafeHtml {
    if glossary.is_empty() {
        return html.clone();
    }
    let mut out = String::with_capacity(html.len() + 512);
    // The section each term was last linked in (sections are numbered from 1).
    let mut linked_in = vec![0usize; glossary.links.len()];
    let mut section = 1;
    // Depth inside elements whose text must not be linked.
    let mut no_link_depth = 0usize;
    let html = html.as_str();
    let mut pos = 0;
    let mut steps = 0u64;
    while pos < html.len() {
        let rest = &html[pos..];
        if rest.starts_with('<') {
            let end = tag_end(html, pos);
            let tag = &html[pos..end];
            let name = tag_name(tag);
            let closing = tag.starts_with("</");
            let protected = matches!(
                name.as_str(),
                "a" | "code" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            );
            if protected && !tag.ends_with("/>") {
                if closing {
                    no_link_depth = no_link_depth.saturating_sub(1);
                } else {
                    no_link_depth += 1;
                }
            }
            if !closing && matches!(name.as_str(), "h2" | "h3") {
                section += 1;
            }
            out.push_str(tag);
            pos = end;
            continue;
        }
        let len = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..len];
        pos += len;
        if no_link_depth > 0 {
            out.push_str(text);
            continue;
        }
        let found = glossary.spellings.find_words_where(text, |start, end| {
            !inside_entity(text, start) && !inside_entity(text, end)
        });
        steps += text.len() as u64 + found.candidates as u64;
        let mut copied = 0;
        for word in found.words {
            if linked_in[word.term] == section {
                continue;
            }
            linked_in[word.term] = section;
            let term = &glossary.links[word.term];
            out.push_str(&text[copied..word.start]);
            out.push_str("<a class=\"term\" href=\"");
            out.push_str(&escape_attr(&term.href));
            out.push_str("\" title=\"");
            out.push_str(&escape_attr(&term.definition));
            out.push_str("\">");
            out.push_str(&text[word.start..word.end]);
            out.push_str("</a>");
            copied = word.end;
        }
        out.push_str(&text[copied..]);
    }
    stats::count(|s| s.glossary_steps += steps);
    SafeHtml::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown_to_safe_html;

    fn mqtt() -> GlossaryLink {
        GlossaryLink {
            spellings: vec!["MQTT".into()],
            href: "/glossary#term-mqtt".into(),
            definition: "A \"pub/sub\" protocol <b>for</b> devices".into(),
        }
    }

    #[test]
    fn first_use_per_section_outside_code_links_and_headings() {
        let html = markdown_to_safe_html(
            "## MQTT at Kittiwake\n\nThe mqtt broker, then MQTT again. `MQTT` in code. [MQTT](https://mqtt.org)\n\n## Later\n\nMQTT once more.",
        );
        let linked = link_glossary(&html, &GlossaryIndex::new(vec![mqtt()]));
        assert_eq!(linked.matches("class=\"term\"").count(), 2, "{linked}");
        assert!(linked.contains("The <a class=\"term\" href=\"/glossary#term-mqtt\" title=\"A &quot;pub/sub&quot; protocol &lt;b&gt;for&lt;/b&gt; devices\">mqtt</a> broker, then MQTT again."), "{linked}");
        assert!(linked.contains("<code>MQTT</code>"));
        assert!(linked.contains("<a class=\"term\" href=\"/glossary#term-mqtt\" title=\"A &quot;pub/sub&quot; protocol &lt;b&gt;for&lt;/b&gt; devices\">MQTT</a> once more."));
        assert!(
            linked.contains(">MQTT at Kittiwake"),
            "headings are left alone"
        );
        assert_eq!(link_glossary(&html, &GlossaryIndex::new(vec![])), html);
    }
}

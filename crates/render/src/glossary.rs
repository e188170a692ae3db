//! Links glossary terms in rendered HTML: the first use of each term in each section (a
//! section starts at every h2/h3), never inside links, code or headings. The definition goes
//! into the link's title (hover) and is shown on keyboard focus by the stylesheet.

use crate::SafeHtml;

/// A term to link, with every spelling that should link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryLink {
    pub spellings: Vec<String>,
    /// Where the link goes, e.g. `/glossary#term-mqtt`. Made by Lore, not by people.
    pub href: String,
    /// The definition as plain text, for the title.
    pub definition: String,
}

pub(crate) fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub(crate) fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Adds the links to sanitised HTML (as `markdown_to_safe_html` makes it: tags are Lore's, text
/// `<` is always escaped).
pub fn link_glossary(html: &SafeHtml, terms: &[GlossaryLink]) -> SafeHtml {
    if terms.is_empty() {
        return html.clone();
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut linked_in_section = vec![false; terms.len()];
    // Depth inside elements whose text must not be linked.
    let mut no_link_depth = 0usize;
    let mut rest = html.as_str();
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = &rest[..end];
            let name: String = tag
                .trim_start_matches('<')
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
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
                linked_in_section.iter_mut().for_each(|l| *l = false);
            }
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let mut text = &rest[..end];
        rest = &rest[end..];
        if no_link_depth > 0 {
            out.push_str(text);
            continue;
        }
        // Link the earliest not-yet-linked term in this text run, repeatedly.
        loop {
            let next = terms
                .iter()
                .enumerate()
                .filter(|(i, _)| !linked_in_section[*i])
                .flat_map(|(i, t)| {
                    t.spellings.iter().filter_map(move |s| {
                        lore_core::find_word(text, &escape_text(s))
                            .map(|at| (at, i, escape_text(s).len()))
                    })
                })
                .min();
            let Some((at, i, len)) = next else {
                out.push_str(text);
                break;
            };
            let term = &terms[i];
            out.push_str(&text[..at]);
            out.push_str(&format!(
                "<a class=\"term\" href=\"{}\" title=\"{}\">{}</a>",
                escape_attr(&term.href),
                escape_attr(&term.definition),
                &text[at..at + len]
            ));
            linked_in_section[i] = true;
            text = &text[at + len..];
        }
    }
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
        let linked = link_glossary(&html, &[mqtt()]);
        assert_eq!(linked.matches("class=\"term\"").count(), 2, "{linked}");
        assert!(linked.contains("The <a class=\"term\" href=\"/glossary#term-mqtt\" title=\"A &quot;pub/sub&quot; protocol &lt;b&gt;for&lt;/b&gt; devices\">mqtt</a> broker, then MQTT again."), "{linked}");
        assert!(linked.contains("<code>MQTT</code>"));
        assert!(linked.contains("<a class=\"term\" href=\"/glossary#term-mqtt\" title=\"A &quot;pub/sub&quot; protocol &lt;b&gt;for&lt;/b&gt; devices\">MQTT</a> once more."));
        assert!(
            linked.contains(">MQTT at Kittiwake"),
            "headings are left alone"
        );
        assert_eq!(link_glossary(&html, &[]), html);
    }
}

//! Citations of timeline entries in rendered prose: a link to `#entry-N` gets the cited
//! message as its title, so a reader sees what was said without leaving the paragraph.

use crate::SafeHtml;
use crate::markup::escape_attr;

/// Adds `class="citation"` and a title from `describe(N)` to every `<a href="#entry-N"` in
/// sanitised HTML. Entries `describe` does not know are left as plain links.
pub fn annotate_citations(html: &SafeHtml, describe: impl Fn(i64) -> Option<String>) -> SafeHtml {
    const START: &str = "<a href=\"#entry-";
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some(i) = rest.find(START) {
        out.push_str(&rest[..i]);
        let after = &rest[i + START.len()..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let cited = after[digits.len()..].starts_with('"');
        match digits
            .parse::<i64>()
            .ok()
            .filter(|_| cited)
            .and_then(&describe)
        {
            Some(text) => {
                out.push_str(&format!(
                    "<a class=\"citation\" title=\"{}\" href=\"#entry-",
                    escape_attr(&text)
                ));
            }
            None => out.push_str(START),
        }
        rest = after;
    }
    out.push_str(rest);
    SafeHtml::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown_to_safe_html;

    #[test]
    fn cited_entries_carry_their_words() {
        let html = markdown_to_safe_html("As [Mei-Lin asked](#entry-7), and [gone](#entry-99).");
        let cited = annotate_citations(&html, |id| {
            (id == 7).then(|| "Mei-Lin at 07:41: is it \"solid\" or <flashing>?".to_owned())
        });
        assert!(
            cited.contains("<a class=\"citation\" title=\"Mei-Lin at 07:41: is it &quot;solid&quot; or &lt;flashing&gt;?\" href=\"#entry-7\""),
            "{cited}"
        );
        assert!(
            cited.contains("<a href=\"#entry-99\""),
            "unknown entries stay plain links"
        );
    }
}

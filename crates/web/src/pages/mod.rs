//! The pages, one module per page family. Each module holds its handlers, the view-model its
//! template prints (plain structs with every value already formatted, so templates hold no
//! logic beyond loops and conditions) and the askama template struct. askama escapes every
//! `{{ }}`; the only HTML printed as it is comes from `lore-render` as
//! [`lore_render::SafeHtml`].
//!
//! Adding a page: a module here (handler, view-model, `#[derive(Template)]` struct), one route
//! line in `crate::router`, one template in `templates/`. A page about one incident takes
//! [`crate::incident_access::Visible`] and loads what it shows with
//! [`crate::incident_access::Visible::load`].

pub mod accounts;
pub mod aliases;
pub mod assets;
pub mod awards;
pub mod comments;
pub mod diagram;
pub mod feed;
pub mod glossary;
pub mod images;
pub mod incident;
pub mod learning;
pub mod library;
pub mod moments;
pub mod narrative;
pub mod people;
pub mod perspectives;
pub mod reading;
pub mod reading_lists;
pub mod reviews;
pub mod search;
pub mod stories;
pub mod suggestions;

use lore_core::Theme;

pub use crate::layout::{UserView, render};
use crate::timeline_query::ThemeChoice;

/// One facet of a list (search results, the library) and its values, each a link that narrows
/// the list by it (or, when active, widens it again): `templates/facets.html`.
pub struct Facet {
    pub name: &'static str,
    pub values: Vec<FacetLink>,
}

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

/// An option of a select box.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The choices of a theme select box: every theme, the chosen one selected.
pub fn theme_choices(chosen: Option<&ThemeChoice>) -> Vec<Choice> {
    Theme::ALL
        .into_iter()
        .map(|t| Choice {
            value: t.as_str().to_owned(),
            label: t.label().to_owned(),
            selected: chosen == Some(&ThemeChoice::Theme(t)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Templates print everything escaped; the one exception is `SafeHtml`, which askama
    /// knows not to escape. A `|safe` filter would print any string unescaped, so none is
    /// allowed: HTML that is not `lore-render`'s cannot reach a page unescaped.
    #[test]
    fn templates_never_print_unescaped() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            for filter in ["|safe", "|escape(\"none\")", "|e(\"none\")"] {
                assert!(
                    !squeezed.contains(filter),
                    "{} uses {filter}",
                    path.display()
                );
            }
            checked += 1;
        }
        assert!(
            checked >= 10,
            "read {checked} templates from {}",
            dir.display()
        );
    }
}

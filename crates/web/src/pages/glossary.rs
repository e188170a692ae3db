//! The glossary: every term, where it is used, and (for analysts) a form to add one.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, Redirect};
use lore_core::{Role, Slug, Spellings};
use lore_render::SafeHtml;
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::pages::{UserView, render};
use crate::prose::{off_the_workers, within_limits};
use crate::state::AppState;

pub struct TermView {
    pub anchor: String,
    pub term: String,
    pub aliases: String,
    pub definition_html: SafeHtml,
    pub link: Option<String>,
    /// Incidents whose write-ups use the term: slug and title.
    pub used_in: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "glossary.html")]
pub struct GlossaryPage {
    pub user: Option<UserView>,
    pub terms: Vec<TermView>,
    pub can_edit: bool,
}

/// The page's work (every definition rendered, every write-up read for every spelling) runs on
/// the blocking pool: definitions from the render cache, the write-ups read once each by one
/// automaton over all spellings.
pub async fn glossary(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let (terms, writings) = tokio::try_join!(
        state.store().glossary(),
        state.store().writings_visible_to(&user),
    )?;
    // The words each incident's write-up uses: summary, narrative and perspectives.
    let texts: Vec<(String, String, String)> = writings
        .into_iter()
        .map(|w| {
            let mut text = w.summary;
            for body in w.narrative.into_iter().chain(w.perspectives) {
                text.push('\n');
                text.push_str(&body);
            }
            (w.slug.to_string(), w.title, text)
        })
        .collect();
    let user_view = UserView::from(&user);
    let can_edit = user.role.allows(Role::Analyst);
    let shared = state.clone();
    let page = off_the_workers(&state, move || {
        let cache = shared.render_cache();
        let spellings = Spellings::new(terms.iter().map(|t| t.spellings()));
        let mut used_in: Vec<Vec<(String, String)>> = vec![Vec::new(); terms.len()];
        for (slug, title, text) in &texts {
            for (uses, used) in used_in.iter_mut().zip(spellings.terms_used(text)) {
                if used {
                    uses.push((slug.clone(), title.clone()));
                }
            }
        }
        let views = terms
            .iter()
            .zip(used_in)
            .map(|(t, used_in)| {
                let key = cache.key_of(("glossary definition", &t.definition));
                let definition_html = cache
                    .get_or_insert_with(key, || lore_render::markdown_to_safe_html(&t.definition));
                TermView {
                    anchor: t.anchor(),
                    term: t.term.clone(),
                    aliases: t.aliases.join(", "),
                    definition_html: (*definition_html).clone(),
                    link: t.link.clone(),
                    used_in,
                }
            })
            .collect();
        render(&GlossaryPage {
            user: Some(user_view),
            terms: views,
            can_edit,
        })
    })
    .await?;
    Ok(Html(page))
}

#[derive(Deserialize)]
pub struct TermForm {
    term: String,
    #[serde(default)]
    aliases: String,
    definition: String,
    #[serde(default)]
    link: String,
}

pub async fn add_term(
    State(state): State<AppState>,
    Analyst(user): Analyst,
    Form(form): Form<TermForm>,
) -> Result<Redirect, AppError> {
    let new = lore_core::NewGlossaryTerm {
        term: form.term.trim().to_owned(),
        aliases: form
            .aliases
            .split(',')
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
        definition: form.definition,
        link: Some(form.link.trim().to_owned()).filter(|l| !l.is_empty()),
        created_by: user.username.to_string(),
    };
    new.validate()?;
    within_limits("a glossary definition", &new.definition)?;
    state.store().add_glossary_term(&new).await?;
    let anchor = format!("term-{}", Slug::derive(&new.term));
    Ok(Redirect::to(&format!("/glossary#{anchor}")))
}

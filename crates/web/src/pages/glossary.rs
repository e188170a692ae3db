//! The glossary: every term, where it is used, and (for analysts) a form to add one.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, Redirect};
use lore_core::{Account, Role, Slug};
use lore_render::SafeHtml;
use serde::Deserialize;

use crate::auth::{Analyst, Reader};
use crate::error::AppError;
use crate::pages::{UserView, render};
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

/// The words each incident the account may see uses in its write-up (summary, narrative and
/// perspectives), with its slug and title.
async fn writings_visible_to(
    state: &AppState,
    user: &Account,
) -> Result<Vec<(String, String, String)>, AppError> {
    let incidents = state.store().incidents_visible_to(user).await?;
    let mut texts = Vec::with_capacity(incidents.len());
    for i in &incidents {
        let mut text = i.summary.clone();
        if let Some(n) = state.store().narrative(i.id).await? {
            text.push('\n');
            text.push_str(&n.body);
        }
        for p in state.store().perspectives(i.id).await? {
            text.push('\n');
            text.push_str(&p.body);
        }
        texts.push((i.slug.to_string(), i.title.clone(), text));
    }
    Ok(texts)
}

pub async fn glossary(
    State(state): State<AppState>,
    Reader(user): Reader,
) -> Result<Html<String>, AppError> {
    let terms = state.store().glossary().await?;
    let texts = writings_visible_to(&state, &user).await?;
    let views = terms
        .iter()
        .map(|t| TermView {
            anchor: t.anchor(),
            term: t.term.clone(),
            aliases: t.aliases.join(", "),
            definition_html: lore_render::markdown_to_safe_html(&t.definition),
            link: t.link.clone(),
            used_in: texts
                .iter()
                .filter(|(_, _, text)| {
                    t.spellings()
                        .any(|s| lore_core::find_word(text, s).is_some())
                })
                .map(|(slug, title, _)| (slug.clone(), title.clone()))
                .collect(),
        })
        .collect();
    Ok(Html(render(&GlossaryPage {
        user: Some((&user).into()),
        terms: views,
        can_edit: user.role.allows(Role::Analyst),
    })))
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
    state.store().add_glossary_term(&new).await?;
    let anchor = format!("term-{}", Slug::derive(&new.term));
    Ok(Redirect::to(&format!("/glossary#{anchor}")))
}

//! What every page's frame needs: rendering a template, and who is signed in for the
//! navigation bar (`base.html`).

use askama::Template;
use lore_core::{Account, Role};

/// Renders a template; a rendering failure is a bug, logged, and shown as a bare message.
pub fn render(t: &impl Template) -> String {
    t.render().unwrap_or_else(|e| {
        tracing::error!(error = %e, "template failed to render");
        "Lore could not render this page.".to_owned()
    })
}

/// The navigation bar's view of who is signed in.
pub struct UserView {
    pub username: String,
    pub role: &'static str,
    pub is_admin: bool,
}

impl From<&Account> for UserView {
    fn from(a: &Account) -> Self {
        UserView {
            username: a.username.to_string(),
            role: a.role.as_str(),
            is_admin: a.role == Role::Admin,
        }
    }
}

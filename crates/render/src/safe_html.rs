//! [`SafeHtml`]: HTML this crate produced and vouches for.

use std::fmt;
use std::ops::Deref;

/// HTML that `lore-render` made from text people wrote or imported, sanitised (or, for the
/// diagram, built with every text escaped). Only this crate can make one, so a value of this
/// type is proof that the HTML went through it: askama prints it unescaped (it is
/// [`askama::filters::HtmlSafe`]), and everything else a template prints is escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// Only for this crate's own output.
    pub(crate) fn new(html: String) -> Self {
        SafeHtml(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for SafeHtml {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for SafeHtml {}

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What an account may do. Ordered: every role can do what the roles before it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads incidents, timelines and write-ups.
    Reader,
    /// Imports data, annotates timelines, writes narratives.
    Analyst,
    /// Manages accounts and sees restricted incidents.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Reader, Role::Analyst, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }

    /// True when this role includes everything `required` may do.
    pub fn allows(self, required: Role) -> bool {
        self >= required
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}: expected one of reader, analyst, admin")]
pub struct RoleError(pub String);

impl FromStr for Role {
    type Err = RoleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| RoleError(s.to_owned()))
    }
}

/// A sign-in name: 2–64 characters of lowercase letters, digits, `.`, `_` and `-`.
///
/// Kept narrow on purpose: usernames appear in URLs, logs and audit trails, and look-alike
/// Unicode names would let one person impersonate another.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Username(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsernameError {
    #[error("username must be 2 to 64 characters long, got {0}")]
    Length(usize),
    #[error(
        "username {0:?} may only contain lowercase letters, digits, '.', '_' and '-', and must start with a letter or digit"
    )]
    Characters(String),
}

impl Username {
    pub fn parse(s: &str) -> Result<Self, UsernameError> {
        let len = s.chars().count();
        if !(2..=64).contains(&len) {
            return Err(UsernameError::Length(len));
        }
        let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
        let starts_ok = s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !starts_ok || !s.chars().all(ok_char) {
            return Err(UsernameError::Characters(s.to_owned()));
        }
        Ok(Username(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Username {
    type Error = UsernameError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Username::parse(&s)
    }
}

impl From<Username> for String {
    fn from(u: Username) -> String {
        u.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password as typed by a person, checked against the policy. Never printed.
#[derive(Clone)]
pub struct Password(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password is too short: {0} characters, at least {min} needed", min = Password::MIN_CHARS)]
    TooShort(usize),
    #[error("password is too long: at most {max} bytes", max = Password::MAX_BYTES)]
    TooLong,
}

impl Password {
    pub const MIN_CHARS: usize = 12;
    /// Argon2 accepts more, but an unbounded password is a cheap denial of service.
    pub const MAX_BYTES: usize = 1024;

    pub fn parse(s: &str) -> Result<Self, PasswordError> {
        if s.len() > Self::MAX_BYTES {
            return Err(PasswordError::TooLong);
        }
        let chars = s.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordError::TooShort(chars));
        }
        Ok(Password(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A person who can sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: i64,
    pub username: Username,
    pub role: Role,
    pub created_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_what_they_allow() {
        assert!(Role::Admin.allows(Role::Analyst));
        assert!(Role::Analyst.allows(Role::Reader));
        assert!(!Role::Reader.allows(Role::Analyst));
        assert!(!Role::Analyst.allows(Role::Admin));
    }

    #[test]
    fn role_parse_round_trips_and_names_the_bad_value() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        }
        let err = "owner".parse::<Role>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown role \"owner\": expected one of reader, analyst, admin"
        );
    }

    #[test]
    fn usernames_are_narrow() {
        assert!(Username::parse("demo").is_ok());
        assert!(Username::parse("j.doe-2").is_ok());
        assert!(matches!(
            Username::parse("x"),
            Err(UsernameError::Length(1))
        ));
        assert!(Username::parse("Admin").is_err());
        assert!(Username::parse("-admin").is_err());
        assert!(Username::parse("аdmin").is_err(), "Cyrillic a is refused");
        assert!(Username::parse("a b").is_err());
    }

    #[test]
    fn password_policy_counts_characters_not_bytes() {
        assert_eq!(
            Password::parse("short").unwrap_err().to_string(),
            "password is too short: 5 characters, at least 12 needed"
        );
        assert!(
            Password::parse("ééééééééééé").is_err(),
            "11 chars, 22 bytes"
        );
        assert!(Password::parse("demo-password").is_ok());
        assert!(Password::parse(&"x".repeat(2000)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("demo-password").unwrap()),
            "Password(***)"
        );
    }
}

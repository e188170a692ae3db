use std::io::BufRead;

use anyhow::Context;
use clap::Subcommand;
use lore_core::{Password, Role, Username};
use lore_store::{NewAccount, Store};
use lore_web::auth::hash_password;

#[derive(Subcommand)]
pub enum Command {
    /// Add an account. Prints a generated password unless --password-stdin is given.
    Add {
        #[arg(value_parser = parse_username)]
        username: Username,
        /// reader, analyst or admin.
        #[arg(long, value_parser = parse_role, default_value = "reader")]
        role: Role,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Change an account's role.
    SetRole {
        #[arg(value_parser = parse_username)]
        username: Username,
        /// reader, analyst or admin.
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Set a new password; the account's existing sessions end.
    ResetPassword {
        #[arg(value_parser = parse_username)]
        username: Username,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn parse_username(s: &str) -> Result<Username, String> {
    Username::parse(s).map_err(|e| e.to_string())
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse::<Role>().map_err(|e| e.to_string())
}

/// The password to set: read from stdin when asked, otherwise generated and shown once.
fn obtain_password(from_stdin: bool) -> anyhow::Result<(Password, bool)> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        let typed = line.trim_end_matches(['\n', '\r']);
        return Ok((Password::parse(typed)?, false));
    }
    Ok((Password::parse(&generate_password())?, true))
}

/// 20 characters from an unambiguous alphabet: about 110 bits from the OS's random source.
fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
    let bytes: Vec<u8> = (0..2)
        .flat_map(|_| *uuid::Uuid::new_v4().as_bytes())
        .collect();
    bytes
        .iter()
        .take(20)
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

pub async fn run(store: &Store, cmd: Command) -> anyhow::Result<()> {
    match cmd {
        Command::Add {
            username,
            role,
            password_stdin,
        } => {
            let (password, generated) = obtain_password(password_stdin)?;
            let account = store
                .create_account(&NewAccount {
                    username,
                    password_hash: hash_password(&password).await?,
                    role,
                })
                .await?;
            outln!("Added {} ({}).", account.username, account.role);
            if generated {
                outln!("Password (shown once): {}", password.expose());
            }
        }
        Command::List => {
            for a in store.list_accounts().await? {
                outln!(
                    "{:<24} {:<8} created {}",
                    a.username,
                    a.role,
                    a.created_at.date()
                );
            }
        }
        Command::SetRole { username, role } => {
            let a = store.set_role(&username, role).await?;
            outln!("{} is now {}.", a.username, a.role);
        }
        Command::ResetPassword {
            username,
            password_stdin,
        } => {
            let (password, generated) = obtain_password(password_stdin)?;
            store
                .set_password_hash(&username, &hash_password(&password).await?)
                .await?;
            outln!("Password for {username} changed; their sessions have ended.");
            if generated {
                outln!("New password (shown once): {}", password.expose());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_pass_the_policy_and_differ() {
        let a = generate_password();
        let b = generate_password();
        assert_eq!(a.chars().count(), 20);
        assert!(Password::parse(&a).is_ok());
        assert_ne!(a, b);
    }
}

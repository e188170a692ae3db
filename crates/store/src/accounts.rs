use lore_core::{Account, Role, Username};
use time::OffsetDateTime;

use crate::error::is_unique_violation;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// An account to create. The password arrives already hashed: hashing is the web layer's job.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: Username,
    pub password_hash: String,
    pub role: Role,
}

/// An account with what is needed to check a sign-in and to expire old sessions.
#[derive(Debug, Clone)]
pub struct AccountWithSecret {
    pub account: Account,
    pub password_hash: String,
    /// Sessions started before this are no longer valid.
    pub password_changed_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    username: String,
    role: String,
    created_at: DbTime,
    password_hash: String,
    password_changed_at: DbTime,
}

const SELECT_ACCOUNT: &str =
    "SELECT id, username, role, created_at, password_hash, password_changed_at FROM accounts";

impl AccountRow {
    fn into_account(self) -> Result<AccountWithSecret> {
        let corrupt = |e: String| StoreError::Corrupt(format!("account {}: {e}", self.id));
        Ok(AccountWithSecret {
            account: Account {
                id: self.id,
                username: Username::parse(&self.username).map_err(|e| corrupt(e.to_string()))?,
                role: self
                    .role
                    .parse()
                    .map_err(|e: lore_core::RoleError| corrupt(e.to_string()))?,
                created_at: self.created_at.into(),
            },
            password_hash: self.password_hash,
            password_changed_at: self.password_changed_at.into(),
        })
    }
}

impl Store {
    pub async fn create_account(&self, new: &NewAccount) -> Result<Account> {
        let now = DbTime::now();
        let inserted: Result<(), sqlx::Error> = with_write_tx!(&self.db, tx => {
            sqlx::query(
                "INSERT INTO accounts (username, password_hash, role, created_at, password_changed_at) \
                 VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(new.username.as_str())
            .bind(&new.password_hash)
            .bind(new.role.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await
            .map(|_| ())
        });
        match inserted {
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::AlreadyExists(format!(
                    "user {:?}",
                    new.username.as_str()
                )));
            }
            other => other?,
        }
        Ok(self.require_account(&new.username).await?.account)
    }

    pub async fn list_accounts(&self) -> Result<Vec<Account>> {
        let sql = format!("{SELECT_ACCOUNT} ORDER BY username");
        let rows: Vec<AccountRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|r| r.into_account().map(|a| a.account))
            .collect()
    }

    pub async fn account_by_username(&self, username: &str) -> Result<Option<AccountWithSecret>> {
        let sql = format!("{SELECT_ACCOUNT} WHERE username = $1");
        let row: Option<AccountRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(username).fetch_optional(pool).await
        })?;
        row.map(AccountRow::into_account).transpose()
    }

    pub async fn account_by_id(&self, id: i64) -> Result<Option<AccountWithSecret>> {
        let sql = format!("{SELECT_ACCOUNT} WHERE id = $1");
        let row: Option<AccountRow> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await
        })?;
        row.map(AccountRow::into_account).transpose()
    }

    async fn require_account(&self, username: &Username) -> Result<AccountWithSecret> {
        self.account_by_username(username.as_str())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {:?}", username.as_str())))
    }

    pub async fn set_role(&self, username: &Username, role: Role) -> Result<Account> {
        let changed = with_write_tx!(&self.db, tx => {
            sqlx::query("UPDATE accounts SET role = $1 WHERE username = $2")
                .bind(role.as_str())
                .bind(username.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected()
        });
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "user {:?}",
                username.as_str()
            )));
        }
        Ok(self.require_account(username).await?.account)
    }

    /// Replaces the password hash. Sessions that began before now stop being valid.
    pub async fn set_password_hash(&self, username: &Username, password_hash: &str) -> Result<()> {
        let changed = with_write_tx!(&self.db, tx => {
            sqlx::query(
                "UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE username = $3",
            )
            .bind(password_hash)
            .bind(DbTime::now())
            .bind(username.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected()
        });
        if changed == 0 {
            return Err(StoreError::NotFound(format!(
                "user {:?}",
                username.as_str()
            )));
        }
        Ok(())
    }
}

//! How instants cross into the database.
//!
//! PostgreSQL has `timestamptz`, so there we hand sqlx an `OffsetDateTime`. SQLite has no time
//! type: sqlx would write RFC 3339 with a variable number of fractional digits, and then text
//! order is not time order (`…:00.5Z` sorts before `…:00Z`). `DbTime` writes a fixed-width UTC
//! form with microseconds instead, so `ORDER BY` and range queries on the text are correct.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteArgumentsBuffer, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// An instant as stored: always UTC, microsecond precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DbTime(pub OffsetDateTime);

impl DbTime {
    pub fn new(t: OffsetDateTime) -> Self {
        let utc = t.to_offset(UtcOffset::UTC);
        // Both backends keep microseconds; truncating here makes a value read back equal to
        // the value written, whichever backend stored it.
        let micros = utc.microsecond();
        DbTime(
            utc.replace_microsecond(micros)
                .expect("microsecond in range"),
        )
    }

    pub fn now() -> Self {
        DbTime::new(OffsetDateTime::now_utc())
    }

    /// The fixed-width text SQLite stores.
    pub(crate) fn sqlite_text(self) -> String {
        self.to_sqlite_text()
            .expect("a UTC instant in years 0-9999 formats")
    }

    fn to_sqlite_text(self) -> Result<String, time::error::Format> {
        self.0.format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        ))
    }
}

impl From<OffsetDateTime> for DbTime {
    fn from(t: OffsetDateTime) -> Self {
        DbTime::new(t)
    }
}

impl From<DbTime> for OffsetDateTime {
    fn from(t: DbTime) -> Self {
        t.0
    }
}

impl Type<Sqlite> for DbTime {
    fn type_info() -> SqliteTypeInfo {
        <str as Type<Sqlite>>::type_info()
    }
    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <str as Type<Sqlite>>::compatible(ty)
    }
}

impl Encode<'_, Sqlite> for DbTime {
    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Sqlite>::encode(self.to_sqlite_text()?, buf)
    }
}

impl<'r> Decode<'r, Sqlite> for DbTime {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<Sqlite>>::decode(value)?;
        Ok(DbTime::new(OffsetDateTime::parse(text, &Rfc3339)?))
    }
}

impl Type<Postgres> for DbTime {
    fn type_info() -> PgTypeInfo {
        <OffsetDateTime as Type<Postgres>>::type_info()
    }
    fn compatible(ty: &PgTypeInfo) -> bool {
        <OffsetDateTime as Type<Postgres>>::compatible(ty)
    }
}

impl Encode<'_, Postgres> for DbTime {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        Encode::<Postgres>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Postgres> for DbTime {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(DbTime::new(<OffsetDateTime as Decode<Postgres>>::decode(
            value,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sqlite_text_is_fixed_width_utc_so_text_order_is_time_order() {
        let a = DbTime::new(datetime!(2026-03-12 09:00:00 -5));
        let b = DbTime::new(datetime!(2026-03-12 14:00:00.5 UTC));
        let (ta, tb) = (a.to_sqlite_text().unwrap(), b.to_sqlite_text().unwrap());
        assert_eq!(ta, "2026-03-12T14:00:00.000000Z");
        assert_eq!(tb, "2026-03-12T14:00:00.500000Z");
        assert!(ta < tb);
    }

    #[test]
    fn nanoseconds_are_truncated_to_what_both_backends_keep() {
        let t = DbTime::new(datetime!(2026-03-12 14:00:00.123456789 UTC));
        assert_eq!(t.0, datetime!(2026-03-12 14:00:00.123456 UTC));
    }
}

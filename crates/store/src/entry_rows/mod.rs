//! One timeline entry as a row of `timeline_entries`: the columns both backends' bulk inserts
//! write, declared once.
//!
//! [`EntryValues`] is declared through `entry_row!`, which makes from the one list of fields
//! the struct, [`ENTRY_COLUMNS`] (each field's column: its name, its type and whether it may be
//! NULL, all taken from the field) and [`EntryValues::values`] (the fields' values in the same
//! order). Every SQL text and bind of the bulk paths is built from these: PostgreSQL's staging
//! table, COPY column list, COPY rows and `INSERT … SELECT` (`import::postgres`), SQLite's
//! `INSERT` and its binds (`import::sqlite`). Adding a column is one line here; the store test
//! `entry_row_declaration_matches_the_table` (through `drift::problems`) says when this list
//! and the real table disagree, on either backend.

#[cfg(any(test, feature = "test-support"))]
pub(crate) mod drift;

use std::fmt::Write as _;

use crate::DbTime;

/// A column's type, as PostgreSQL names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnType {
    BigInt,
    Text,
    /// An instant: `timestamptz` on PostgreSQL, [`DbTime`]'s fixed-width text on SQLite.
    Timestamptz,
    Boolean,
}

impl ColumnType {
    /// The type in PostgreSQL DDL.
    pub(crate) fn postgres(self) -> &'static str {
        match self {
            ColumnType::BigInt => "BIGINT",
            ColumnType::Text => "TEXT",
            ColumnType::Timestamptz => "TIMESTAMPTZ",
            ColumnType::Boolean => "BOOLEAN",
        }
    }
}

/// One declared column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    pub name: &'static str,
    pub ty: ColumnType,
    pub nullable: bool,
}

/// One column's value in a row, borrowed from it: what a backend binds or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    Int(Option<i64>),
    /// Text, and instants as [`DbTime`]'s text (PostgreSQL parses it as `timestamptz`).
    Text(Option<&'a str>),
    Bool(bool),
}

/// A Rust type a field of [`EntryValues`] may have: the column type it is stored as, whether
/// it may be NULL, and its value.
pub(crate) trait Storable {
    const TYPE: ColumnType;
    const NULLABLE: bool;
    fn value(&self) -> Value<'_>;
}

impl Storable for i64 {
    const TYPE: ColumnType = ColumnType::BigInt;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Int(Some(*self))
    }
}

impl Storable for Option<i64> {
    const TYPE: ColumnType = ColumnType::BigInt;
    const NULLABLE: bool = true;
    fn value(&self) -> Value<'_> {
        Value::Int(*self)
    }
}

impl Storable for &str {
    const TYPE: ColumnType = ColumnType::Text;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Text(Some(self))
    }
}

impl Storable for Option<&str> {
    const TYPE: ColumnType = ColumnType::Text;
    const NULLABLE: bool = true;
    fn value(&self) -> Value<'_> {
        Value::Text(*self)
    }
}

impl Storable for bool {
    const TYPE: ColumnType = ColumnType::Boolean;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

/// An instant in the text form both bulk paths send: [`DbTime`]'s fixed-width UTC text, which
/// is what SQLite stores and what PostgreSQL's COPY parses into a `timestamptz`.
#[derive(Debug, Clone)]
pub(crate) struct InstantText(String);

impl From<DbTime> for InstantText {
    fn from(t: DbTime) -> Self {
        InstantText(t.sqlite_text())
    }
}

impl Storable for &InstantText {
    const TYPE: ColumnType = ColumnType::Timestamptz;
    const NULLABLE: bool = false;
    fn value(&self) -> Value<'_> {
        Value::Text(Some(&self.0))
    }
}

/// Declares the row struct and, from the same list of fields, its columns and values, so that
/// the three cannot disagree: a field's name is its column's name, and its Rust type (through
/// [`Storable`]) gives the column's type and nullability.
macro_rules! entry_row {
    (
        $(#[$struct_attr:meta])*
        pub(crate) struct $name:ident<$lt:lifetime> {
            $( $(#[$field_attr:meta])* pub $column:ident: $ty:ty, )*
        }
    ) => {
        $(#[$struct_attr])*
        pub(crate) struct $name<$lt> {
            $( $(#[$field_attr])* pub $column: $ty, )*
        }

        /// How many columns [`ENTRY_COLUMNS`] declares.
        pub(crate) const ENTRY_COLUMN_COUNT: usize = [$(stringify!($column)),*].len();

        impl<$lt> $name<$lt> {
            /// The columns, in the order of [`Self::values`].
            const COLUMNS: [Column; ENTRY_COLUMN_COUNT] = [$(
                Column {
                    name: stringify!($column),
                    ty: <$ty as Storable>::TYPE,
                    nullable: <$ty as Storable>::NULLABLE,
                }
            ),*];

            /// This row's values, in [`ENTRY_COLUMNS`]' order, borrowed from the row.
            pub(crate) fn values(&self) -> [Value<'_>; ENTRY_COLUMN_COUNT] {
                [$(Storable::value(&self.$column)),*]
            }
        }
    };
}

entry_row! {
    /// One entry's column values, for both backends' bulk inserts (SQLite's prepared statement,
    /// PostgreSQL's COPY), so that an entry is turned into a row in one place.
    pub(crate) struct EntryValues<'a> {
        pub incident_id: i64,
        pub source_id: i64,
        /// The entry's place in its source, so ties in time keep the source's order.
        pub seq: i64,
        pub occurred_at: &'a InstantText,
        pub time_text: &'a str,
        pub time_zone: Option<&'a str>,
        pub author_person_id: Option<i64>,
        pub kind: &'a str,
        pub body: &'a str,
        pub message_key: Option<&'a str>,
        pub thread_parent_key: Option<&'a str>,
        pub noise: bool,
        pub prov_path: &'a str,
        pub prov_line: Option<i64>,
        pub raw: &'a str,
        pub content_hash: &'a str,
        pub channel: Option<&'a str>,
    }
}

/// The columns an entry row fills, in the order of [`EntryValues::values`].
pub(crate) const ENTRY_COLUMNS: &[Column] = &EntryValues::COLUMNS;

/// The declared columns' names, comma-separated, each after `prefix` (a table alias and a dot,
/// or nothing).
pub(crate) fn column_list(prefix: &str) -> String {
    let mut list = String::new();
    for (i, column) in ENTRY_COLUMNS.iter().enumerate() {
        if i > 0 {
            list.push_str(", ");
        }
        write!(list, "{prefix}{}", column.name).expect("writing to a String cannot fail");
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_from_the_fields_in_order() {
        let names: Vec<&str> = ENTRY_COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names.first(), Some(&"incident_id"));
        assert_eq!(names.last(), Some(&"channel"));
        assert_eq!(names.len(), ENTRY_COLUMN_COUNT);
        let column = |name: &str| *ENTRY_COLUMNS.iter().find(|c| c.name == name).unwrap();
        assert_eq!(
            column("occurred_at"),
            Column {
                name: "occurred_at",
                ty: ColumnType::Timestamptz,
                nullable: false
            }
        );
        assert!(column("time_zone").nullable);
        assert_eq!(column("noise").ty, ColumnType::Boolean);
        assert_eq!(
            column_list("s."),
            names
                .iter()
                .map(|n| format!("s.{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    #[test]
    fn values_are_the_fields_in_column_order() {
        let occurred_at = DbTime::new(time::macros::datetime!(2026-03-17 06:58 -4)).into();
        let row = EntryValues {
            incident_id: 1,
            source_id: 2,
            seq: 3,
            occurred_at: &occurred_at,
            time_text: "06:58",
            time_zone: None,
            author_person_id: Some(4),
            kind: "chat",
            body: "the body",
            message_key: Some("m1"),
            thread_parent_key: None,
            noise: true,
            prov_path: "a.jsonl",
            prov_line: Some(5),
            raw: "{}",
            content_hash: "hash",
            channel: Some("#inc"),
        };
        let values = row.values();
        let value = |name: &str| values[ENTRY_COLUMNS.iter().position(|c| c.name == name).unwrap()];
        assert_eq!(value("seq"), Value::Int(Some(3)));
        assert_eq!(
            value("occurred_at"),
            Value::Text(Some("2026-03-17T10:58:00.000000Z"))
        );
        assert_eq!(value("time_zone"), Value::Text(None));
        assert_eq!(value("body"), Value::Text(Some("the body")));
        assert_eq!(value("noise"), Value::Bool(true));
        assert_eq!(value("content_hash"), Value::Text(Some("hash")));
        assert_eq!(value("channel"), Value::Text(Some("#inc")));
    }
}

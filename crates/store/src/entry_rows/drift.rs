//! Whether [`ENTRY_COLUMNS`] still describes the real `timeline_entries` table (for tests, in
//! this crate and through `testing::entry_row_drift`).

use super::{ColumnType, ENTRY_COLUMNS};
use crate::schema::ColumnDescription;

/// The columns of `timeline_entries` that are not in [`ENTRY_COLUMNS`].
const FILLED_OTHERWISE: &[&str] = &[
    // By the database.
    "id",
    // By each backend's insert when the parent is already stored, else by `end_source`.
    "thread_parent_id",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// Where [`ENTRY_COLUMNS`] and the real `timeline_entries` table (as `schema` describes it)
/// disagree, one sentence each; empty when they agree. A declared column must exist with a
/// matching type, and may be NULL only where the table allows it; every other column of the
/// table must be one that [`FILLED_OTHERWISE`] names, so a column added to the table is
/// either declared here or knowingly left to something else.
pub(crate) fn problems(backend: Backend, table: &[ColumnDescription]) -> Vec<String> {
    let mut problems = Vec::new();
    for declared in ENTRY_COLUMNS {
        let Some(actual) = table.iter().find(|c| c.name == declared.name) else {
            problems.push(format!(
                "declared column {} is not in timeline_entries",
                declared.name
            ));
            continue;
        };
        if !is_reported_as(declared.ty, backend, &actual.declared_type) {
            problems.push(format!(
                "column {} is declared {:?} but the table has {:?}",
                declared.name, declared.ty, actual.declared_type
            ));
        }
        if declared.nullable && !actual.nullable {
            problems.push(format!(
                "column {} is declared nullable but the table has NOT NULL",
                declared.name
            ));
        }
    }
    for actual in table {
        let declared = ENTRY_COLUMNS.iter().any(|c| c.name == actual.name);
        let otherwise = FILLED_OTHERWISE.contains(&actual.name.as_str());
        if !declared && !otherwise {
            problems.push(format!(
                "timeline_entries has column {} that entry rows neither declare nor leave \
                 to something else (FILLED_OTHERWISE)",
                actual.name
            ));
        }
    }
    problems
}

/// Whether a column the database describes with this type (PostgreSQL:
/// `information_schema.columns.data_type`; SQLite: the type the migration declared) holds
/// values of this type.
fn is_reported_as(ty: ColumnType, backend: Backend, reported: &str) -> bool {
    let expected = match (backend, ty) {
        (Backend::Postgres, ColumnType::BigInt) => "bigint",
        (Backend::Postgres, ColumnType::Text) => "text",
        (Backend::Postgres, ColumnType::Timestamptz) => "timestamp with time zone",
        (Backend::Postgres, ColumnType::Boolean) => "boolean",
        (Backend::Sqlite, ColumnType::BigInt) => "INTEGER",
        (Backend::Sqlite, ColumnType::Text | ColumnType::Timestamptz) => "TEXT",
        (Backend::Sqlite, ColumnType::Boolean) => "BOOLEAN",
    };
    reported.eq_ignore_ascii_case(expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry_rows::Column;

    #[test]
    fn drift_names_missing_mistyped_and_undeclared_columns() {
        let described = |name: &str, ty: &str, nullable: bool| ColumnDescription {
            name: name.to_owned(),
            declared_type: ty.to_owned(),
            nullable,
        };
        let sqlite_type = |c: &Column| match c.ty {
            ColumnType::BigInt => "INTEGER",
            ColumnType::Text | ColumnType::Timestamptz => "TEXT",
            ColumnType::Boolean => "BOOLEAN",
        };
        let mut table: Vec<ColumnDescription> = ENTRY_COLUMNS
            .iter()
            .map(|c| described(c.name, sqlite_type(c), c.nullable))
            .chain(
                FILLED_OTHERWISE
                    .iter()
                    .map(|n| described(n, "INTEGER", true)),
            )
            .collect();
        assert_eq!(problems(Backend::Sqlite, &table), Vec::<String>::new());

        table.retain(|c| c.name != "raw");
        table
            .iter_mut()
            .find(|c| c.name == "seq")
            .unwrap()
            .declared_type = "TEXT".into();
        table
            .iter_mut()
            .find(|c| c.name == "channel")
            .unwrap()
            .nullable = false;
        table.push(described("edited_at", "TEXT", true));
        assert_eq!(
            problems(Backend::Sqlite, &table),
            [
                "column seq is declared BigInt but the table has \"TEXT\"",
                "declared column raw is not in timeline_entries",
                "column channel is declared nullable but the table has NOT NULL",
                "timeline_entries has column edited_at that entry rows neither declare nor leave \
                 to something else (FILLED_OTHERWISE)",
            ]
        );
    }
}

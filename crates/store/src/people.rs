/// Finds or creates the person behind each handle, inside an open write transaction.
///
/// Expanded once per backend (see `on_db!`) inside a function returning `crate::Result`, so
/// `?` rolls the whole transaction back. `$tx` is the transaction, `$kind` the source kind the
/// handles belong to, `$handles` an iterator of `(&str handle, &str display name)`.
/// Evaluates to `(HashMap<handle, person id>, number of people created)`.
macro_rules! resolve_people {
    ($tx:expr, $kind:expr, $handles:expr) => {{
        let mut ids: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut created = 0usize;
        for (handle, display_name) in $handles {
            if ids.contains_key(handle) {
                continue;
            }
            let existing: Option<(i64,)> = sqlx::query_as(
                "SELECT person_id FROM person_handles WHERE source_kind = $1 AND handle = $2",
            )
            .bind($kind)
            .bind(handle)
            .fetch_optional(&mut *$tx)
            .await?;
            let id = match existing {
                Some((id,)) => id,
                None => {
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO people (display_name, created_at) VALUES ($1, $2) RETURNING id",
                    )
                    .bind(display_name)
                    .bind($crate::DbTime::now())
                    .fetch_one(&mut *$tx)
                    .await?;
                    sqlx::query(
                        "INSERT INTO person_handles (person_id, source_kind, handle) VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind($kind)
                    .bind(handle)
                    .execute(&mut *$tx)
                    .await?;
                    created += 1;
                    id
                }
            };
            ids.insert(handle.to_owned(), id);
        }
        (ids, created)
    }};
}
pub(crate) use resolve_people;

use std::collections::HashSet;

use lore_core::{Account, Handle, Person, Role};

use crate::incidents::VISIBLE_TO;
use crate::{DbTime, Result, Store, StoreError, on_db, with_write_tx};

/// Someone in one incident's record, with how many of its entries they wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInIncident {
    pub person: Person,
    pub entries: i64,
    /// The merge that put this record where it is (when `person.merged_into` is set): its own
    /// merge, or a merge of the record it had been merged into, which it followed.
    pub last_merge: Option<MergeRef>,
}

/// One recorded merge, by id: `from` was merged into `into`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergeRef {
    pub id: i64,
    pub from: i64,
    pub into: i64,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The record merged into: `into`, or the record `into` was itself merged into.
    pub into: i64,
    /// The merge as recorded, to undo it by; `None` when nothing moved (`from` already read
    /// as `into`).
    pub merge_id: Option<i64>,
    /// The records that moved: `from`, and the records merged into `from` before.
    pub moved: Vec<i64>,
}

/// What undoing a merge put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmerged {
    pub merge: MergeRef,
    /// Each record the merge moved, and where it points again (`None`: its own person).
    pub restored: Vec<(i64, Option<i64>)>,
}

/// Who changes people's records, and so which records they may change.
#[derive(Clone, Copy)]
enum Actor<'a> {
    /// An operator on the server (the command line, the demo): any record.
    Operator(&'a str),
    /// An account through the web: only people within its sight (see [`out_of_sight`]).
    Account(&'a Account),
}

impl Actor<'_> {
    fn name(&self) -> &str {
        match self {
            Actor::Operator(name) => name,
            Actor::Account(account) => account.username.as_str(),
        }
    }
}

/// The incidents an account may not see. Binds `$1` (admin) and `$2` (account id), as
/// [`VISIBLE_TO`] does.
fn hidden_incidents() -> String {
    format!("SELECT incidents.id FROM incidents WHERE NOT {VISIBLE_TO}")
}

/// The people (by the record they read as, `COALESCE(merged_into, id)`) out of an account's
/// sight: those with a record that appears in an incident the account may not see. A record
/// appears in an incident through every column that refers to a person from inside one: it
/// wrote one of its entries (`timeline_entries.author_person_id`) or a source lists it in one
/// of its channels (`channel_members.person_id`). The other references to people are not in
/// any incident: handles (`person_handles`), an account's own person (`accounts.person_id`),
/// merges (`people.merged_into`, `person_merges`, `person_merge_moves`); the merge pointer is
/// why the rule is about people, not single records. (Perspectives, annotations and
/// narratives name people in free text, not by record.) Binds `$1` and `$2` as [`VISIBLE_TO`].
fn out_of_sight() -> String {
    let hidden = hidden_incidents();
    format!(
        "SELECT COALESCE(p.merged_into, p.id) FROM people p WHERE p.id IN \
         (SELECT e.author_person_id FROM timeline_entries e WHERE e.incident_id IN ({hidden}) \
          UNION SELECT m.person_id FROM channel_members m WHERE m.incident_id IN ({hidden}))"
    )
}

/// The records of one incident's record (`$1`): authors of its entries and members of its
/// channels.
const RECORDS_OF_INCIDENT: &str = "SELECT author_person_id FROM timeline_entries WHERE incident_id = $1 \
     UNION SELECT person_id FROM channel_members WHERE incident_id = $1";

/// Inside a write transaction (`$tx`): returns `NotFound` from the enclosing function (so the
/// transaction rolls back) when `$actor` is an account that may not change one of these people
/// (records by id, each standing for the person it reads as), as for a person that does not
/// exist. Operators on the server may change anyone. The rule is [`out_of_sight`], in SQL.
macro_rules! check_sight {
    ($tx:expr, $ids:expr, $actor:expr) => {
        if let Actor::Account(account) = $actor {
            let ids: &[i64] = $ids;
            // Integers, not text from anyone: safe to write into the statement.
            let list = ids
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT COUNT(*) FROM people q WHERE q.id IN ({list}) \
                 AND COALESCE(q.merged_into, q.id) IN ({})",
                out_of_sight()
            );
            let (hidden,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(account.role == Role::Admin)
                .bind(account.id)
                .fetch_one(&mut *$tx)
                .await?;
            if hidden > 0 {
                return Err(StoreError::NotFound(format!("person {}", ids[0])));
            }
        }
    };
}

impl Store {
    /// The people of an incident's record: authors of its entries and members of its channels,
    /// each record as stored (merged ones too, with `merged_into` set and the merge that put
    /// them there), oldest first, with their handles; and the records those are merged into
    /// even when they appear only in other incidents (no entries and no handles here), as
    /// this incident's entries read as them.
    pub async fn people_of_incident(&self, incident_id: i64) -> Result<Vec<PersonInIncident>> {
        let sql = format!(
            "SELECT p.id, p.display_name, p.merged_into, \
             (SELECT COUNT(*) FROM timeline_entries e \
              WHERE e.incident_id = $1 AND e.author_person_id = p.id) \
             FROM people p WHERE p.id IN ({RECORDS_OF_INCIDENT}) \
             OR p.id IN (SELECT q.merged_into FROM people q WHERE q.id IN ({RECORDS_OF_INCIDENT})) \
             ORDER BY p.id"
        );
        let rows: Vec<(i64, String, Option<i64>, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(incident_id)
                .fetch_all(pool)
                .await
        })?;
        // Handles of this incident's records only: the record another one is merged into
        // shows here with the name its entries already show, not with handles that sources
        // elsewhere (perhaps restricted ones) gave it.
        let sql = format!(
            "SELECT h.person_id, h.source_kind, h.handle FROM person_handles h \
             WHERE h.person_id IN ({RECORDS_OF_INCIDENT}) \
             ORDER BY h.person_id, h.source_kind, h.handle"
        );
        let handles: Vec<(i64, String, String)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(incident_id)
                .fetch_all(pool)
                .await
        })?;
        // The live merges that moved the incident's merged records, oldest first: the last
        // one per record is where it stands.
        let sql = format!(
            "SELECT mv.person_id, m.id, m.from_person_id, m.into_person_id \
             FROM person_merge_moves mv JOIN person_merges m ON m.id = mv.merge_id \
             WHERE m.undone_at IS NULL AND mv.person_id IN ({RECORDS_OF_INCIDENT}) \
             ORDER BY m.id"
        );
        let merges: Vec<(i64, i64, i64, i64)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(incident_id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, display_name, merged_into, entries)| {
                let last_merge = merged_into.and_then(|_| {
                    merges
                        .iter()
                        .rfind(|m| m.0 == id)
                        .map(|&(_, id, from, into)| MergeRef { id, from, into })
                });
                PersonInIncident {
                    person: Person {
                        id,
                        display_name,
                        handles: handles
                            .iter()
                            .filter(|h| h.0 == id)
                            .map(|(_, source_kind, handle)| Handle {
                                source_kind: source_kind.clone(),
                                handle: handle.clone(),
                            })
                            .collect(),
                        merged_into,
                    },
                    entries,
                    last_merge,
                }
            })
            .collect())
    }

    /// The records of an incident's record (as [`Store::people_of_incident`] lists them) that
    /// this account may merge and unmerge: those whose person — the record they read as and
    /// every record merged into it — appears only in incidents the account may see (all of
    /// them, for admins). The rule is [`VISIBLE_TO`], in SQL, as for the merges themselves.
    pub async fn people_within_sight(
        &self,
        incident_id: i64,
        account: &Account,
    ) -> Result<HashSet<i64>> {
        let sql = format!(
            "SELECT p.id FROM people p WHERE (p.id IN ({records}) \
             OR p.id IN (SELECT q.merged_into FROM people q WHERE q.id IN ({records}))) \
             AND COALESCE(p.merged_into, p.id) NOT IN ({out})",
            records = RECORDS_OF_INCIDENT.replace("$1", "$3"),
            out = out_of_sight(),
        );
        let admin = account.role == Role::Admin;
        let rows: Vec<(i64,)> = on_db!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                .bind(admin)
                .bind(account.id)
                .bind(incident_id)
                .fetch_all(pool)
                .await
        })?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    /// Records that `from` is the same person as `into`: from now on everything `from` wrote
    /// or was a member of reads as `into`'s (name and id), in every incident. Merging into a
    /// merged record merges into the one it points at; records already merged into `from`
    /// follow it, so there is never a chain. Handles stay where they are. The merge is
    /// recorded (by `operator`, now, with every record it moved and where each pointed), so
    /// that [`Store::unmerge_person`] puts back exactly that.
    ///
    /// No access rule: for operators on the server (the command line, the demo). Anything
    /// acting for an account uses [`Store::merge_person_as`].
    pub async fn merge_person(&self, from: i64, into: i64, operator: &str) -> Result<Merged> {
        self.merge(from, into, Actor::Operator(operator)).await
    }

    /// [`Store::merge_person`] for an account: only when both people — every record `from` and
    /// `into` read as, and every record merged into those — appear only in incidents the
    /// account may see (admins see all). Otherwise `NotFound`, exactly as for a person that
    /// does not exist, so the answer tells nothing about incidents the account cannot see.
    pub async fn merge_person_as(&self, from: i64, into: i64, account: &Account) -> Result<Merged> {
        self.merge(from, into, Actor::Account(account)).await
    }

    /// Undoes the merge that put `id` where it is — its own merge, or the merge of the record
    /// it had been merged into, which moved it too — putting every record that merge moved
    /// back exactly where it pointed before (see [`Store::undo_person_merge`]).
    ///
    /// No access rule: for operators on the server. Anything acting for an account uses
    /// [`Store::unmerge_person_as`].
    pub async fn unmerge_person(&self, id: i64, operator: &str) -> Result<Unmerged> {
        self.undo(Undo::Person(id), Actor::Operator(operator)).await
    }

    /// [`Store::unmerge_person`] for an account, under the rule of [`Store::merge_person_as`]:
    /// every person the undo touches (the one the records are merged into, and any person a
    /// record goes back to) must appear only in incidents the account may see; otherwise
    /// `NotFound`.
    pub async fn unmerge_person_as(&self, id: i64, account: &Account) -> Result<Unmerged> {
        self.undo(Undo::Person(id), Actor::Account(account)).await
    }

    /// Undoes one recorded merge: every record it moved points again exactly where it pointed
    /// before it (`from` back to being its own person, or to whom it was merged into before;
    /// the records that followed `from` back to `from`), and the merge is marked undone.
    ///
    /// Undos go last-first: while a later merge has moved any of the same records (merge A
    /// into B, then B into C, which moves A too), undoing the earlier one alone is refused
    /// (`Invalid`, naming the later merge) and changes nothing, because putting A back "where
    /// it was" would undo part of the later merge too. Undo the later one first; then the
    /// earlier one. Also refused: a merge already undone, and putting a record back under a
    /// person who has since been merged into someone else (that would make a chain).
    ///
    /// No access rule: for operators on the server.
    pub async fn undo_person_merge(&self, merge_id: i64, operator: &str) -> Result<Unmerged> {
        self.undo(Undo::Merge(merge_id), Actor::Operator(operator))
            .await
    }

    async fn merge(&self, from: i64, into: i64, actor: Actor<'_>) -> Result<Merged> {
        let merged = with_write_tx!(&self.db, tx => {
            check_sight!(tx, &[from, into], actor);
            let target: Option<(i64, Option<i64>)> =
                sqlx::query_as("SELECT id, merged_into FROM people WHERE id = $1")
                    .bind(into)
                    .fetch_optional(&mut *tx)
                    .await?;
            let source: Option<(i64,)> = sqlx::query_as("SELECT id FROM people WHERE id = $1")
                .bind(from)
                .fetch_optional(&mut *tx)
                .await?;
            let Some((into, into_merged)) = target else {
                return Err(StoreError::NotFound(format!("person {into}")));
            };
            if source.is_none() {
                return Err(StoreError::NotFound(format!("person {from}")));
            }
            let canonical = into_merged.unwrap_or(into);
            if canonical == from {
                return Err(StoreError::Invalid(format!(
                    "person {from} cannot be merged into itself"
                )));
            }
            // `from`, and (when `from` stands for a person) the records merged into it.
            let moving: Vec<(i64, Option<i64>)> = sqlx::query_as(
                "SELECT id, merged_into FROM people WHERE id = $1 OR merged_into = $1 ORDER BY id",
            )
            .bind(from)
            .fetch_all(&mut *tx)
            .await?;
            let moving: Vec<(i64, Option<i64>)> = moving
                .into_iter()
                .filter(|(_, previous)| *previous != Some(canonical))
                .collect();
            if moving.is_empty() {
                Merged { into: canonical, merge_id: None, moved: Vec::new() }
            } else {
                let (merge_id,): (i64,) = sqlx::query_as(
                    "INSERT INTO person_merges (from_person_id, into_person_id, merged_by, merged_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(from)
                .bind(canonical)
                .bind(actor.name())
                .bind(DbTime::now())
                .fetch_one(&mut *tx)
                .await?;
                for &(id, previous) in &moving {
                    sqlx::query(
                        "INSERT INTO person_merge_moves (merge_id, person_id, previous_into) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(merge_id)
                    .bind(id)
                    .bind(previous)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("UPDATE people SET merged_into = $1 WHERE id = $2")
                        .bind(canonical)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                Merged {
                    into: canonical,
                    merge_id: Some(merge_id),
                    moved: moving.iter().map(|m| m.0).collect(),
                }
            }
        });
        Ok(merged)
    }

    async fn undo(&self, which: Undo, actor: Actor<'_>) -> Result<Unmerged> {
        let unmerged = with_write_tx!(&self.db, tx => {
            let merge_id = match which {
                Undo::Merge(id) => id,
                Undo::Person(person) => {
                    check_sight!(tx, &[person], actor);
                    let (latest,): (Option<i64>,) = sqlx::query_as(LATEST_LIVE_MERGE)
                        .bind(person)
                        .fetch_one(&mut *tx)
                        .await?;
                    match latest {
                        Some(id) => id,
                        None => {
                            let exists: Option<(i64,)> =
                                sqlx::query_as("SELECT id FROM people WHERE id = $1")
                                    .bind(person)
                                    .fetch_optional(&mut *tx)
                                    .await?;
                            return Err(match exists {
                                Some(_) => StoreError::Invalid(format!("person {person} is not merged")),
                                None => StoreError::NotFound(format!("person {person}")),
                            });
                        }
                    }
                }
            };
            let merge: Option<(i64, i64, Option<String>)> = sqlx::query_as(
                "SELECT from_person_id, into_person_id, undone_by FROM person_merges WHERE id = $1",
            )
            .bind(merge_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((from, into, undone_by)) = merge else {
                return Err(StoreError::NotFound(format!("merge {merge_id}")));
            };
            let moves: Vec<(i64, Option<i64>)> = sqlx::query_as(
                "SELECT person_id, previous_into FROM person_merge_moves WHERE merge_id = $1 \
                 ORDER BY person_id",
            )
            .bind(merge_id)
            .fetch_all(&mut *tx)
            .await?;
            let mut touched: Vec<i64> = vec![into];
            touched.extend(moves.iter().map(|m| m.0));
            touched.extend(moves.iter().filter_map(|m| m.1));
            check_sight!(tx, &touched, actor);
            if undone_by.is_some() {
                return Err(StoreError::Invalid(format!(
                    "the merge of person {from} into person {into} was undone already"
                )));
            }
            for &(person, _) in &moves {
                let (latest,): (Option<i64>,) = sqlx::query_as(LATEST_LIVE_MERGE)
                    .bind(person)
                    .fetch_one(&mut *tx)
                    .await?;
                if let Some(later) = latest.filter(|&l| l != merge_id) {
                    let (later_from, later_into): (i64, i64) = sqlx::query_as(
                        "SELECT from_person_id, into_person_id FROM person_merges WHERE id = $1",
                    )
                    .bind(later)
                    .fetch_one(&mut *tx)
                    .await?;
                    return Err(StoreError::Invalid(format!(
                        "person {person} was moved again since, by the merge of person \
                         {later_from} into person {later_into}: undo that one first"
                    )));
                }
                let (now,): (Option<i64>,) =
                    sqlx::query_as("SELECT merged_into FROM people WHERE id = $1")
                        .bind(person)
                        .fetch_one(&mut *tx)
                        .await?;
                if now != Some(into) {
                    return Err(StoreError::Corrupt(format!(
                        "person {person} points at {now:?}, but merge {merge_id} put it at {into}"
                    )));
                }
            }
            for &(person, previous) in &moves {
                let Some(previous) = previous else { continue };
                if moves.iter().any(|m| m.0 == previous) {
                    continue;
                }
                let (now,): (Option<i64>,) =
                    sqlx::query_as("SELECT merged_into FROM people WHERE id = $1")
                        .bind(previous)
                        .fetch_one(&mut *tx)
                        .await?;
                if let Some(now) = now {
                    return Err(StoreError::Invalid(format!(
                        "person {person} cannot go back to person {previous}, who has since \
                         been merged into person {now}: undo that merge first"
                    )));
                }
            }
            for &(person, previous) in &moves {
                sqlx::query("UPDATE people SET merged_into = $1 WHERE id = $2")
                    .bind(previous)
                    .bind(person)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("UPDATE person_merges SET undone_by = $1, undone_at = $2 WHERE id = $3")
                .bind(actor.name())
                .bind(DbTime::now())
                .bind(merge_id)
                .execute(&mut *tx)
                .await?;
            Unmerged {
                merge: MergeRef { id: merge_id, from, into },
                restored: moves,
            }
        });
        Ok(unmerged)
    }
}

/// The live (not undone) merge that moved a record (`$1`) last: where the record stands.
const LATEST_LIVE_MERGE: &str = "SELECT MAX(mv.merge_id) FROM person_merge_moves mv \
     JOIN person_merges m ON m.id = mv.merge_id WHERE mv.person_id = $1 AND m.undone_at IS NULL";

/// Which merge to undo.
#[derive(Clone, Copy)]
enum Undo {
    /// The live merge that moved this record last.
    Person(i64),
    /// This merge.
    Merge(i64),
}

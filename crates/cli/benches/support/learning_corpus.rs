//! The synthetic organisation the learning benchmark reads: incidents over the last four
//! years (5% restricted, each with ten members), people, reads over the last two years,
//! comments (most within two weeks of their incident's end, one in five up to 500 days
//! later), stories, review meetings with attendance, links between incidents, reading lists
//! and git references.
//!
//! Every table is filled by one `INSERT … SELECT` over a numbered series (`generate_series` on
//! PostgreSQL, a recursive CTE on SQLite), so generating 2,000,000 reads takes seconds, not
//! hours. "Random" values are a fixed scramble of the row number ([`scramble`]): the same
//! sizes make the same rows on both backends, relative to the instant they were generated.

use lore_core::{Password, Role, Username};
use lore_store::{Db, NewAccount, Store};
use time::OffsetDateTime;

use super::bench_db::env_number;

/// Change when the corpus changes: cached databases of another version are not reused.
pub const VERSION: u32 = 1;
pub const ADMIN: &str = "bench-admin";
/// A reader granted a third of the restricted incidents: the visibility filter is at work.
pub const MEMBER: &str = "bench-member";
pub const PASSWORD: &str = "bench-password-1";

#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub incidents: usize,
    pub accounts: usize,
    pub reads: usize,
    pub comments: usize,
}

impl Sizes {
    /// `LORE_BENCH_{prefix}INCIDENTS`, `…ACCOUNTS`, `…READS`, `…COMMENTS`, else `default`.
    pub fn from_env(prefix: &str, default: Sizes) -> Sizes {
        let n = |name: &str, d| env_number(&format!("{prefix}{name}"), d);
        Sizes {
            incidents: n("INCIDENTS", default.incidents),
            accounts: n("ACCOUNTS", default.accounts),
            reads: n("READS", default.reads),
            comments: n("COMMENTS", default.comments),
        }
    }

    pub fn key(&self) -> String {
        format!(
            "{}i-{}a-{}r-{}c-v{VERSION}",
            self.incidents, self.accounts, self.reads, self.comments
        )
    }

    pub fn stories(&self) -> usize {
        (self.incidents / 5).max(1)
    }

    pub fn reviews(&self) -> usize {
        (self.incidents * 3 / 10).max(1)
    }
}

const DAY: i64 = 86_400;
const ATTENDEES: usize = 8;
const LISTS: usize = 50;
const LIST_ITEMS: usize = 20;

/// SQL text for one backend.
struct Sql {
    postgres: bool,
    /// Unix seconds of the generation.
    now: i64,
}

impl Sql {
    /// `INSERT INTO {into} SELECT {select} FROM s {rest}`, where `s.i` runs from 1 to `n`.
    fn insert(&self, into: &str, n: usize, select: &str, rest: &str) -> String {
        if self.postgres {
            format!(
                "INSERT INTO {into} SELECT {select} FROM generate_series(1::bigint, {n}) AS s(i) {rest}"
            )
        } else {
            format!(
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) \
                 INSERT INTO {into} SELECT {select} FROM s {rest}"
            )
        }
    }

    /// The instant `epoch` (Unix seconds) as the column stores it.
    fn at(&self, epoch: &str) -> String {
        if self.postgres {
            format!("to_timestamp({epoch})")
        } else {
            format!("strftime('%Y-%m-%dT%H:%M:%S', {epoch}, 'unixepoch') || '.000000Z'")
        }
    }

    /// `seconds` before the generation, as the column stores it.
    fn ago(&self, seconds: &str) -> String {
        self.at(&format!("{} - ({seconds})", self.now))
    }
}

/// A fixed scramble of `expr` (an integer) into 0..2³¹−1, different for each `salt`: an affine
/// map then a square, modulo a prime (two salts give unrelated values; no XOR in SQLite).
fn scramble(expr: &str, salt: u64) -> String {
    const P: u64 = 2_147_483_647;
    let a = 48_271 + salt * 7_919;
    let b = 12_345 + salt * 104_729;
    let x = format!("((({expr}) * {a} + {b}) % {P})");
    format!("(({x} * {x}) % {P})")
}

/// A number in 0..n drawn from `expr`, uniform.
fn uniform(expr: &str, salt: u64, n: usize) -> String {
    format!("({} % {n})", scramble(expr, salt))
}

/// A number in 0..n, n−1 the most likely: the square of a uniform fraction, so the top 1%
/// of values takes about 10% of draws (recent incidents are read most; some people read more).
fn skewed(expr: &str, salt: u64, n: usize) -> String {
    let u = scramble(expr, salt);
    format!("({n} - 1 - (({u} % 10000) * ({u} % 10000) / 10000) * {n} / 10000)")
}

/// An incident's end, Unix seconds: incidents are spread evenly over the four years before
/// the generation, in id order, and last one to twelve hours.
fn incident_end(sql: &Sql, index: &str, sizes: &Sizes) -> String {
    let span = 4 * 365 * DAY;
    format!(
        "({start} + ({index}) * {span} / {n} + 3600 * (1 + ({index}) % 12))",
        start = sql.now - span,
        n = sizes.incidents
    )
}

async fn run(store: &Store, statements: &[String]) {
    match store.db() {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await.unwrap();
            for s in statements {
                sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                    .execute(&mut *tx)
                    .await
                    .unwrap_or_else(|e| panic!("{e}: {s}"));
            }
            tx.commit().await.unwrap();
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.unwrap();
            for s in statements {
                sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                    .execute(&mut *tx)
                    .await
                    .unwrap_or_else(|e| panic!("{e}: {s}"));
            }
            tx.commit().await.unwrap();
        }
    }
}

async fn scalar(store: &Store, sql: &str) -> i64 {
    match store.db() {
        Db::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_one(pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_one(pool)
            .await
            .unwrap(),
    }
}

/// Fills an empty, migrated store.
pub async fn generate(store: &Store, sizes: Sizes) {
    let started = std::time::Instant::now();
    let step = |what: &str| {
        eprintln!("  {what} ({:.0} s)", started.elapsed().as_secs_f64());
    };
    let sql = Sql {
        postgres: matches!(store.db(), Db::Postgres(_)),
        now: OffsetDateTime::now_utc().unix_timestamp(),
    };
    let hash = lore_web::auth::hash_password(&Password::parse(PASSWORD).unwrap())
        .await
        .unwrap();
    for (name, role) in [(ADMIN, Role::Admin), (MEMBER, Role::Reader)] {
        store
            .create_account(&NewAccount {
                username: Username::parse(name).unwrap(),
                password_hash: hash.clone(),
                role,
            })
            .await
            .unwrap();
    }
    let member = scalar(
        store,
        &format!("SELECT id FROM accounts WHERE username = '{MEMBER}'"),
    )
    .await;
    let now = sql.ago("0");
    let n = sizes.incidents;
    let a = sizes.accounts;

    // People and incidents.
    let role = "CASE WHEN i % 10 = 0 THEN 'analyst' ELSE 'reader' END";
    run(
        store,
        &[
            sql.insert(
                "accounts (username, password_hash, role, created_at, password_changed_at)",
                a,
                &format!("'reader-' || i, 'x', {role}, {now}, {now}"),
                "",
            ),
            sql.insert(
                "incidents (slug, title, summary, severity, restricted, started_at, detected_at, resolved_at, created_at)",
                n,
                &format!(
                    "'bench-' || i, 'Incident ' || i, 'What happened in incident ' || i, \
                     'SEV' || (1 + i % 4), i % 20 = 7, {started}, {started}, {ended}, {ended}",
                    started = sql.at(&format!("{} - 3600 * (1 + (i - 1) % 12)", incident_end(&sql, "i - 1", &sizes))),
                    ended = sql.at(&incident_end(&sql, "i - 1", &sizes)),
                ),
                "",
            ),
        ],
    )
    .await;
    let first_account = scalar(
        store,
        "SELECT MIN(id) FROM accounts WHERE username LIKE 'reader-%'",
    )
    .await;
    let first_incident = scalar(store, "SELECT MIN(id) FROM incidents").await;
    let account_of = |expr: String| format!("({first_account} + {expr})");
    let incident_of = |expr: String| format!("({first_incident} + {expr})");
    step("accounts and incidents");

    // Restricted incidents: ten members each; the member account is granted every third.
    let members = 10;
    run(
        store,
        &[
            sql.insert(
                "incident_access (incident_id, account_id, granted_by, granted_at)",
                n * members,
                &format!(
                    "{}, {}, '{ADMIN}', {now}",
                    incident_of(format!("(i - 1) / {members}")),
                    account_of(format!("(((i - 1) / {members}) * 53 + ((i - 1) % {members}) * 811) % {a}")),
                ),
                &format!("WHERE ((i - 1) / {members}) % 20 = 6 ON CONFLICT DO NOTHING"),
            ),
            format!(
                "INSERT INTO incident_access (incident_id, account_id, granted_by, granted_at) \
                 SELECT id, {member}, '{ADMIN}', {now} FROM incidents WHERE restricted AND id % 3 = 0"
            ),
        ],
    )
    .await;
    step("access lists");

    // Reads: over the last two years, to the second; recent incidents read most.
    let reads = sql.insert(
        "reads (incident_id, account_id, read_at, seconds)",
        sizes.reads,
        &format!(
            "{}, {}, {}, CASE WHEN i % 3 = 0 THEN 0 ELSE {} END",
            incident_of(skewed("i", 1, n)),
            account_of(skewed("i", 2, a)),
            sql.ago(&uniform("i", 3, (2 * 365 * DAY) as usize)),
            uniform("i", 4, 900),
        ),
        "",
    );
    if sql.postgres {
        // Row by row, the trigger that keeps reads_by_month would leave two million dead
        // versions of its rows behind: load without it and total the months at once, as
        // migration 0023 does (the benchmark checks the totals against the reads).
        run(
            store,
            &[
                "ALTER TABLE reads DISABLE TRIGGER USER".to_owned(),
                reads,
                "INSERT INTO reads_by_month (month, account_id, visits, seconds) \
                 SELECT to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM'), account_id, COUNT(*), SUM(seconds) \
                 FROM reads GROUP BY 1, 2"
                    .to_owned(),
                "ALTER TABLE reads ENABLE TRIGGER USER".to_owned(),
            ],
        )
        .await;
    } else {
        run(store, &[reads]).await;
    }
    step("reads");

    // Comments: soon after the incident, one in five long after (never after now); 1% removed.
    let incident = skewed("i", 5, n);
    let end = incident_end(&sql, &incident, &sizes);
    let offset = format!(
        "CASE WHEN i % 5 = 0 THEN {} ELSE {} END",
        uniform("i", 6, (500 * DAY) as usize),
        uniform("i", 6, (14 * DAY) as usize)
    );
    let written = format!(
        "CASE WHEN {end} + {offset} > {now_s} THEN {now_s} - {recent} ELSE {end} + {offset} END",
        now_s = sql.now,
        recent = uniform("i", 7, (30 * DAY) as usize),
    );
    let comments = sql.insert(
        "comments (incident_id, author, body, created_at, removed_at)",
        sizes.comments,
        &format!(
            "{}, 'reader-' || (1 + {}), 'Comment ' || i, {at}, CASE WHEN i % 100 = 0 THEN {at} END",
            incident_of(incident.clone()),
            uniform("i", 8, a),
            at = sql.at(&written),
        ),
        "",
    );
    run(store, &[comments]).await;
    step("comments");

    // Stories, reviews and who attended them.
    let stories = sizes.stories();
    let reviews = sizes.reviews();
    run(
        store,
        &[
            sql.insert(
                "stories (author_id, incident_id, title, body, consent, created_at)",
                stories,
                &format!(
                    "{}, CASE WHEN i % 4 = 0 THEN NULL ELSE {} END, 'Story ' || i, 'What I saw.', i % 2 = 0, {}",
                    account_of(uniform("i", 9, a)),
                    incident_of(skewed("i", 10, n)),
                    sql.ago(&uniform("i", 11, (2 * 365 * DAY) as usize)),
                ),
                "",
            ),
            sql.insert(
                "reviews (incident_id, uid, starts_at, minutes, zone, place, created_by, cancelled, created_at, updated_at)",
                reviews,
                &format!(
                    "{}, 'bench-review-' || i, {}, 60, 'UTC', 'Room 1', '{ADMIN}', i % 10 = 0, {now}, {now}",
                    incident_of(skewed("i", 12, n)),
                    sql.ago(&format!("{} - {}", uniform("i", 13, (760 * DAY) as usize), 30 * DAY)),
                ),
                "",
            ),
        ],
    )
    .await;
    let first_review = scalar(store, "SELECT MIN(id) FROM reviews").await;
    run(
        store,
        &[sql.insert(
            "review_attendance (review_id, account_id, spoke, asked, added_note)",
            reviews * ATTENDEES,
            &format!(
                "{first_review} + (i - 1) / {ATTENDEES}, {}, i % 2 = 0, i % 3 = 0, i % 7 = 0",
                account_of(format!(
                    "(((i - 1) / {ATTENDEES}) * 37 + ((i - 1) % {ATTENDEES}) * 613) % {a}"
                )),
            ),
            "WHERE true ON CONFLICT DO NOTHING",
        )],
    )
    .await;
    step("stories, reviews, attendance");

    // Citations: links between incidents (two per incident), reading lists, git references.
    run(
        store,
        &[
            sql.insert(
                "incident_links (citing_incident_id, source_kind, source_id, seq, cited_incident_id, target, context)",
                n * 2,
                &format!(
                    "{}, 'narrative', 0, i, {}, '', ''",
                    incident_of(uniform("i", 14, n)),
                    incident_of(skewed("i", 15, n)),
                ),
                "",
            ),
            sql.insert(
                "reading_lists (title, created_by, created_at)",
                LISTS,
                &format!("'List ' || i, '{ADMIN}', {now}"),
                "",
            ),
            format!(
                "INSERT INTO git_repositories (path, name, state, scanned_at) \
                 VALUES ('/bench/repo', 'repo', '{{}}', {now})"
            ),
        ],
    )
    .await;
    let first_list = scalar(store, "SELECT MIN(id) FROM reading_lists").await;
    let repository = scalar(store, "SELECT MIN(id) FROM git_repositories").await;
    run(
        store,
        &[
            sql.insert(
                "reading_list_items (list_id, incident_id, position, note)",
                LISTS * LIST_ITEMS,
                &format!(
                    "{first_list} + (i - 1) / {LIST_ITEMS}, {}, (i - 1) % {LIST_ITEMS}, ''",
                    incident_of(format!(
                        "(((i - 1) / {LIST_ITEMS}) * 97 + ((i - 1) % {LIST_ITEMS}) * 331) % {n}"
                    )),
                ),
                "WHERE true ON CONFLICT DO NOTHING",
            ),
            sql.insert(
                "git_references (repository_id, incident_id, kind, commit_id, path, line, matched, line_text)",
                n * 3,
                &format!(
                    "{repository}, {}, CASE i % 5 WHEN 0 THEN 'commit' WHEN 1 THEN 'code' WHEN 2 THEN 'doc' \
                     WHEN 3 THEN 'config' ELSE 'other' END, 'c' || i, \
                     CASE WHEN i % 5 = 0 THEN NULL ELSE 'src/file' || (i % 500) END, i % 1000, 'bench', ''",
                    incident_of(skewed("i", 16, n)),
                ),
                "",
            ),
        ],
    )
    .await;
    step("citations");
}

//! A synthetic Slack workspace export of a chosen size, shaped like a real one: users and
//! channels files, a folder per channel with a JSON file per day, threads with replies,
//! mentions of users and channels, links, edits, joins and bot messages. Also writes the same
//! messages as CSV (ts, channel, user, text) for the `sqlite3` shell's baseline import.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

const USERS: usize = 200;
const CHANNELS: usize = 20;
/// Messages per channel per day: about the density of a busy incident channel.
const PER_DAY: usize = 500;

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "deploy",
    "rollback",
    "latency",
    "p99",
    "gateway",
    "timeout",
    "retry",
    "queue",
    "backlog",
    "cache",
    "stampede",
    "dns",
    "ttl",
    "certificate",
    "rotation",
    "replica",
    "lag",
    "failover",
    "looks",
    "like",
    "the",
    "is",
    "still",
    "seeing",
    "errors",
    "from",
    "after",
    "before",
    "can",
    "someone",
    "check",
    "graph",
    "spiking",
    "again",
    "flapping",
    "paging",
    "mitigated",
    "maybe",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s
}

fn json_escape(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// Writes an unpacked export of `messages` messages under `dir`, and `csv` with the same rows.
pub fn generate(dir: &Path, csv: &Path, messages: usize) -> std::io::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    std::fs::create_dir_all(dir)?;
    let users: Vec<String> = (0..USERS).map(|i| format!("U{:08X}", 0x1000 + i)).collect();
    let channels: Vec<(String, String)> = (0..CHANNELS)
        .map(|i| (format!("C{:08X}", 0x2000 + i), format!("inc-{i:02}")))
        .collect();

    let mut users_json = String::from("[");
    for (i, u) in users.iter().enumerate() {
        if i > 0 {
            users_json.push(',');
        }
        write!(
            users_json,
            r#"{{"id":"{u}","name":"user{i}","real_name":"Responder {i}","profile":{{"display_name":"resp{i}","real_name":"Responder {i}"}},"is_bot":false}}"#
        )
        .unwrap();
    }
    users_json.push(']');
    std::fs::write(dir.join("users.json"), users_json)?;
    let mut channels_json = String::from("[");
    for (i, (id, name)) in channels.iter().enumerate() {
        if i > 0 {
            channels_json.push(',');
        }
        write!(
            channels_json,
            r#"{{"id":"{id}","name":"{name}","created":1700000000,"creator":"{}","members":[]}}"#,
            users[0]
        )
        .unwrap();
    }
    channels_json.push(']');
    std::fs::write(dir.join("channels.json"), channels_json)?;

    let mut csv_out = std::io::BufWriter::new(std::fs::File::create(csv)?);
    writeln!(csv_out, "ts,channel,user,text")?;

    // Messages are spread over channels and days; each day file is written whole.
    let start: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
    let mut written = 0usize;
    let mut day = 0i64;
    while written < messages {
        for (_, name) in &channels {
            if written >= messages {
                break;
            }
            let count = PER_DAY.min(messages - written);
            let date = time::OffsetDateTime::from_unix_timestamp(start + day * 86_400)
                .expect("in range")
                .date();
            let folder = dir.join(name);
            std::fs::create_dir_all(&folder)?;
            let mut day_json = String::with_capacity(count * 300);
            day_json.push('[');
            let mut thread_roots: Vec<String> = Vec::new();
            for m in 0..count {
                let secs = start + day * 86_400 + (m as i64 * 86_400 / count as i64);
                let ts = format!("{secs}.{:06}", m);
                let user = &users[rng.below(USERS)];
                let roll = rng.below(100);
                let words = 6 + rng.below(12);
                let mut text = sentence(&mut rng, words);
                if roll < 15 {
                    text = format!("<@{}> {text}", users[rng.below(USERS)]);
                } else if roll < 20 {
                    text = format!("{text} see <#{}|{}>", channels[0].0, channels[0].1);
                } else if roll < 23 {
                    text = format!("{text} <https://grafana.example/d/{m}|dashboard>");
                }
                if m > 0 {
                    day_json.push(',');
                }
                let subtype = if roll >= 97 {
                    r#","subtype":"channel_join""#
                } else {
                    ""
                };
                let edited = if roll == 50 {
                    format!(
                        r#","edited":{{"user":"{user}","ts":"{}.000000"}}"#,
                        secs + 60
                    )
                } else {
                    String::new()
                };
                let thread = if (80..90).contains(&roll) && !thread_roots.is_empty() {
                    let root = &thread_roots[rng.below(thread_roots.len())];
                    format!(r#","thread_ts":"{root}","parent_user_id":"{}""#, users[0])
                } else {
                    if roll >= 90 {
                        thread_roots.push(ts.clone());
                    }
                    String::new()
                };
                write!(
                    day_json,
                    r#"{{"type":"message","ts":"{ts}","user":"{user}","text":{}{subtype}{edited}{thread}}}"#,
                    json_escape(&text)
                )
                .unwrap();
                writeln!(
                    csv_out,
                    "{ts},{name},{user},\"{}\"",
                    text.replace('"', "\"\"")
                )?;
            }
            day_json.push(']');
            std::fs::write(folder.join(format!("{date}.json")), day_json)?;
            written += count;
        }
        day += 1;
    }
    csv_out.flush()
}

//! Failed sign-ins slow further attempts down, per account name and per client address, with
//! a delay that doubles after each failure past a few free ones. A right password still waits
//! out the delay: otherwise guessing would only need patience between guesses.
//!
//! The counts live in this process's memory (bounded: the oldest are forgotten first). Several
//! Lore servers behind a load balancer each count on their own, so an attacker spread across
//! `n` servers gets `n` times the attempts; each attempt still costs one Argon2 hash, which
//! `auth` runs a few at a time.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How quickly failures make one key wait.
#[derive(Debug, Clone, Copy)]
struct Policy {
    /// Failures allowed before any waiting.
    free: u32,
    /// The wait after the first failure past the free ones; it doubles with each further one.
    first_delay: Duration,
    longest_delay: Duration,
}

/// An account name: a person forgets their password a few times, not ten.
const PER_ACCOUNT: Policy = Policy {
    free: 5,
    first_delay: Duration::from_secs(1),
    longest_delay: Duration::from_secs(15 * 60),
};

/// A client address: many people may share one (an office, a proxy), so more are free, and the
/// wait grows more gently.
const PER_ADDRESS: Policy = Policy {
    free: 20,
    first_delay: Duration::from_secs(1),
    longest_delay: Duration::from_secs(5 * 60),
};

/// Failures are forgotten this long after the last one.
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// The most keys each table remembers; past it the one whose last failure is oldest goes.
const MAX_KEYS: usize = 50_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Policy {
    /// How long after the last failure the next attempt must wait, for this many failures.
    fn delay(&self, count: u32) -> Duration {
        if count < self.free {
            return Duration::ZERO;
        }
        let doublings = (count - self.free).min(20);
        self.first_delay
            .saturating_mul(1 << doublings)
            .min(self.longest_delay)
    }
}

/// Failures per key, bounded.
#[derive(Debug)]
struct Table<K> {
    policy: Policy,
    failures: HashMap<K, Failures>,
}

impl<K: Hash + Eq + Clone> Table<K> {
    fn new(policy: Policy) -> Self {
        Table {
            policy,
            failures: HashMap::new(),
        }
    }

    fn wait(&self, key: &K, now: Instant) -> Duration {
        self.failures.get(key).map_or(Duration::ZERO, |f| {
            (f.last + self.policy.delay(f.count)).saturating_duration_since(now)
        })
    }

    fn failed(&mut self, key: &K, now: Instant) {
        if !self.failures.contains_key(key) && self.failures.len() >= MAX_KEYS {
            self.failures
                .retain(|_, f| now.saturating_duration_since(f.last) < FORGET_AFTER);
            if self.failures.len() >= MAX_KEYS
                && let Some(oldest) = self
                    .failures
                    .iter()
                    .min_by_key(|(_, f)| f.last)
                    .map(|(k, _)| k.clone())
            {
                self.failures.remove(&oldest);
            }
        }
        let entry = self.failures.entry(key.clone()).or_insert(Failures {
            count: 0,
            last: now,
        });
        if now.saturating_duration_since(entry.last) >= FORGET_AFTER {
            entry.count = 0;
        }
        entry.count += 1;
        entry.last = now;
    }

    fn forget(&mut self, key: &K) {
        self.failures.remove(key);
    }
}

#[derive(Debug)]
struct Tables {
    accounts: Table<String>,
    addresses: Table<IpAddr>,
}

/// The sign-in throttle of this process.
#[derive(Debug)]
pub struct SignInThrottle {
    tables: Mutex<Tables>,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        SignInThrottle {
            tables: Mutex::new(Tables {
                accounts: Table::new(PER_ACCOUNT),
                addresses: Table::new(PER_ADDRESS),
            }),
        }
    }
}

/// Account names are compared the way people type them.
fn account_key(username: &str) -> String {
    username.trim().to_lowercase()
}

impl SignInThrottle {
    fn tables(&self) -> std::sync::MutexGuard<'_, Tables> {
        // A panic while holding the lock leaves counts that are still counts.
        self.tables.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How long this attempt must wait before it may be checked; zero when it may be now.
    pub fn wait(&self, username: &str, address: Option<IpAddr>, now: Instant) -> Duration {
        let tables = self.tables();
        let by_account = tables.accounts.wait(&account_key(username), now);
        let by_address = address.map_or(Duration::ZERO, |a| tables.addresses.wait(&a, now));
        by_account.max(by_address)
    }

    /// Records a wrong username or password.
    pub fn failed(&self, username: &str, address: Option<IpAddr>, now: Instant) {
        let mut tables = self.tables();
        tables.accounts.failed(&account_key(username), now);
        if let Some(a) = address {
            tables.addresses.failed(&a, now);
        }
    }

    /// A successful sign-in clears the account's failures (the address's fade with time: one
    /// person signing in says nothing about the others behind the same address).
    pub fn succeeded(&self, username: &str) {
        self.tables().accounts.forget(&account_key(username));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));

    #[test]
    fn an_account_waits_longer_after_each_failure_past_the_free_ones() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        for _ in 0..PER_ACCOUNT.free {
            assert_eq!(throttle.wait("Ana", HOME, t0), Duration::ZERO);
            throttle.failed("ana", HOME, t0);
        }
        // Case and spaces do not make a new account name.
        assert_eq!(throttle.wait(" ANA ", None, t0), Duration::from_secs(1));
        assert_eq!(
            throttle.wait("bo", HOME, t0),
            Duration::ZERO,
            "others unaffected"
        );
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(
            throttle.wait("ana", HOME, t1),
            Duration::ZERO,
            "the wait ends"
        );
        throttle.failed("ana", HOME, t1);
        assert_eq!(throttle.wait("ana", HOME, t1), Duration::from_secs(2));
        let mut t = t1;
        for _ in 0..30 {
            t += throttle.wait("ana", HOME, t);
            throttle.failed("ana", HOME, t);
        }
        assert_eq!(
            throttle.wait("ana", HOME, t),
            PER_ACCOUNT.longest_delay,
            "the wait has a ceiling"
        );
        throttle.succeeded("ana");
        assert_eq!(throttle.wait("ana", None, t), Duration::ZERO);
    }

    #[test]
    fn an_address_trying_many_accounts_waits_too() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        for i in 0..PER_ADDRESS.free {
            throttle.failed(&format!("user{i}"), HOME, t0);
        }
        assert_eq!(
            throttle.wait("someone-new", HOME, t0),
            Duration::from_secs(1)
        );
        assert_eq!(throttle.wait("someone-new", None, t0), Duration::ZERO);
    }

    #[test]
    fn failures_are_forgotten_after_an_hour_of_quiet() {
        let throttle = SignInThrottle::default();
        let t0 = Instant::now();
        for _ in 0..PER_ACCOUNT.free + 3 {
            throttle.failed("ana", None, t0);
        }
        let later = t0 + FORGET_AFTER;
        throttle.failed("ana", None, later);
        assert_eq!(
            throttle.wait("ana", None, later),
            Duration::ZERO,
            "counted afresh"
        );
    }

    #[test]
    fn the_tables_stay_bounded() {
        let mut table = Table::new(PER_ACCOUNT);
        let t0 = Instant::now();
        for i in 0..MAX_KEYS + 10 {
            table.failed(&i, t0 + Duration::from_millis(i as u64));
        }
        assert_eq!(table.failures.len(), MAX_KEYS);
        assert!(!table.failures.contains_key(&0), "the oldest went first");
        assert!(table.failures.contains_key(&(MAX_KEYS + 9)));
    }
}

//! Who wrote each line: nicks followed across renames to one handle per person.

use std::collections::HashMap;

/// People by nick. A nick belongs to the person who last held it: after `joe is now known as
/// joe_away` both nicks are one person, whose handle is the first nick seen for them in this log
/// (`joe`). A rename onto a nick another person used earlier in the log (`joe_ is now known as
/// joe`, after a reconnect) makes the two one person: on IRC that is nearly always someone
/// reclaiming their nick, and Lore can merge people but not split them, so each such merge is
/// also a warning naming the line.
#[derive(Default)]
pub(super) struct People {
    /// Nick (IRC case-folded) → person.
    by_nick: HashMap<String, usize>,
    /// Each person's first nick and the line it was seen on, in order of first sighting.
    pub(super) first: Vec<(String, u64)>,
    /// Union-find over persons: a merged person points at the one first seen.
    parent: Vec<usize>,
}

/// IRC compares nicks without case, and by RFC 1459 `[]\~` are the capitals of `{}|^`.
fn fold(nick: &str) -> String {
    nick.chars()
        .map(|c| match c {
            '[' => '{',
            ']' => '}',
            '\\' => '|',
            '~' => '^',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl People {
    pub(super) fn resolve(&mut self, nick: &str, line: u64) -> usize {
        let next = self.first.len();
        let person = *self.by_nick.entry(fold(nick)).or_insert(next);
        if person == next {
            self.first.push((nick.to_owned(), line));
            self.parent.push(next);
        }
        self.root(person)
    }

    /// The person a merged person was merged into, pointing everything on the way straight at
    /// it so that hostile chains of renames stay cheap.
    pub(super) fn root(&mut self, person: usize) -> usize {
        let mut root = person;
        while let Some(&up) = self.parent.get(root) {
            if up == root {
                break;
            }
            root = up;
        }
        let mut at = person;
        while let Some(up) = self.parent.get_mut(at) {
            if *up == root {
                break;
            }
            at = std::mem::replace(up, root);
        }
        root
    }

    /// Gives `new` to the person who held `old`. When `new` was another person's nick, the two
    /// become one and this returns the line that nick was first seen on.
    pub(super) fn rename(&mut self, old: &str, new: &str, line: u64) -> (usize, Option<u64>) {
        let person = self.resolve(old, line);
        let Some(&other) = self.by_nick.get(&fold(new)) else {
            self.by_nick.insert(fold(new), person);
            return (person, None);
        };
        let other = self.root(other);
        if other == person {
            return (person, None);
        }
        let (keep, merged) = (person.min(other), person.max(other));
        self.parent[merged] = keep;
        self.by_nick.insert(fold(new), keep);
        (keep, Some(self.first[other].1))
    }

    pub(super) fn handle(&mut self, person: usize) -> String {
        let root = self.root(person);
        self.first[root].0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicks_fold_by_rfc_1459_and_renames_merge() {
        assert_eq!(fold("Joe[away]~"), "joe{away}^");
        let mut people = People::default();
        let joe = people.resolve("Joe", 1);
        assert_eq!(people.resolve("JOE", 2), joe);
        assert_eq!(people.rename("joe", "joe_away", 3), (joe, None));
        assert_eq!(people.resolve("Joe_Away", 4), joe);
        // A reconnect: joe_ is someone new until they take back joe's nick.
        let joe_ = people.resolve("joe_", 5);
        assert_ne!(joe_, joe);
        assert_eq!(people.rename("joe_", "joe", 6), (joe, Some(1)));
        assert_eq!(people.handle(joe_), "Joe");
        assert_eq!(people.resolve("joe_", 7), joe);
        assert_eq!(people.rename("joe", "joe_away", 8), (joe, None));
    }
}

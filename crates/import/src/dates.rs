//! Date words shared by the readers of formats that write dates for people (Atom feeds, irssi
//! headers, write-ups).

use time::Month;

const MONTHS: [(&str, Month); 12] = [
    ("january", Month::January),
    ("february", Month::February),
    ("march", Month::March),
    ("april", Month::April),
    ("may", Month::May),
    ("june", Month::June),
    ("july", Month::July),
    ("august", Month::August),
    ("september", Month::September),
    ("october", Month::October),
    ("november", Month::November),
    ("december", Month::December),
];

/// A month from its English name or three-letter abbreviation (or `Sept`), in any case.
pub(crate) fn month_named(word: &str) -> Option<Month> {
    if word.len() < 3 {
        return None;
    }
    let word = word.to_ascii_lowercase();
    MONTHS.iter().find_map(|&(name, m)| {
        let is_abbr = word.len() == 3 && name.starts_with(word.as_str());
        (word == name || is_abbr || (word == "sept" && m == Month::September)).then_some(m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_words() {
        assert_eq!(month_named("Jan"), Some(Month::January));
        assert_eq!(month_named("SEPT"), Some(Month::September));
        assert_eq!(month_named("december"), Some(Month::December));
        assert_eq!(month_named("Ma"), None);
        assert_eq!(month_named("Mayo"), None);
        assert_eq!(month_named("Decem"), None);
    }
}

//! Function words that one or two of the three languages never write.
//!
//! Lingua's n-gram models were confidently wrong on plain Bokmål: "Under en
//! krise publiseres informasjon i tråd med kommunens kriseplan" came out
//! 94 % Nynorsk, since the two share most letter sequences. Small words
//! decide it instead: Nynorsk writes "ikkje", "ein", "frå", never "ikke",
//! "en", "fra". Each marker makes the languages that do not use it less
//! likely by the same factor.

const NB: u8 = 1;
const NN: u8 = 2;
const DA: u8 = 4;

/// Each word with the languages that use it; the others never do.
const MARKERS: &[(&str, u8)] = &[
    // Nynorsk only.
    ("ikkje", NN),
    ("kva", NN),
    ("kven", NN),
    ("kvar", NN),
    ("korleis", NN),
    ("kvifor", NN),
    ("eg", NN),
    ("ein", NN),
    ("eit", NN),
    ("dei", NN),
    ("frå", NN),
    ("berre", NN),
    ("sjølv", NN),
    ("mykje", NN),
    ("noko", NN),
    ("nokon", NN),
    ("nokre", NN),
    ("desse", NN),
    ("vere", NN),
    ("vert", NN),
    ("vart", NN),
    ("òg", NN),
    ("heile", NN),
    ("meir", NN),
    ("utan", NN),
    ("gjere", NN),
    ("gjer", NN),
    ("innan", NN),
    ("fleire", NN),
    ("medan", NN),
    ("difor", NN),
    ("saman", NN),
    ("tilsette", NN),
    // Bokmål only.
    ("hva", NB),
    ("noe", NB),
    ("noen", NB),
    ("mye", NB),
    ("uten", NB),
    ("gjøre", NB),
    ("gjør", NB),
    ("innen", NB),
    ("ennå", NB),
    ("ble", NB),
    // Bokmål and Danish, not Nynorsk.
    ("ikke", NB | DA),
    ("en", NB | DA),
    ("et", NB | DA),
    ("jeg", NB | DA),
    ("fra", NB | DA),
    ("bare", NB | DA),
    ("selv", NB | DA),
    ("disse", NB | DA),
    ("være", NB | DA),
    ("hele", NB | DA),
    ("hvem", NB | DA),
    ("hvis", NB | DA),
    ("hvor", NB | DA),
    ("hvordan", NB | DA),
    ("hvorfor", NB | DA),
    ("hver", NB | DA),
    ("flere", NB | DA),
    ("mens", NB | DA),
    ("hun", NB | DA),
    ("sammen", NB | DA),
    // Norwegian, not Danish.
    ("av", NB | NN),
    ("meg", NB | NN),
    ("deg", NB | NN),
    ("seg", NB | NN),
    ("etter", NB | NN),
    ("bli", NB | NN),
    ("blir", NB | NN),
    ("ut", NB | NN),
    ("opp", NB | NN),
    ("mellom", NB | NN),
    ("alltid", NB | NN),
    ("aldri", NB | NN),
    ("igjen", NB | NN),
    // Danish only.
    ("af", DA),
    ("hvad", DA),
    ("mig", DA),
    ("dig", DA),
    ("sig", DA),
    ("nu", DA),
    ("efter", DA),
    ("blive", DA),
    ("bliver", DA),
    ("blev", DA),
    ("noget", DA),
    ("nogle", DA),
    ("nogen", DA),
    ("meget", DA),
    ("ud", DA),
    ("op", DA),
    ("uden", DA),
    ("mellem", DA),
    ("gøre", DA),
    ("gør", DA),
    ("sådan", DA),
    ("altid", DA),
    ("aldrig", DA),
    ("igen", DA),
    ("jeres", DA),
    ("medarbejdere", DA),
];

/// For Bokmål, Nynorsk and Danish in that order: how many marker words in
/// `text` that language never writes.
pub fn misses(text: &str) -> [i32; 3] {
    let mut out = [0; 3];
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_lowercase();
        if let Some(&(_, used)) = MARKERS.iter().find(|(w, _)| *w == word) {
            for (i, bit) in [NB, NN, DA].into_iter().enumerate() {
                out[i] += i32::from(used & bit == 0);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_marker_is_listed_once() {
        for (i, (w, _)) in MARKERS.iter().enumerate() {
            assert!(!MARKERS[i + 1..].iter().any(|(o, _)| o == w), "{w}");
        }
    }

    #[test]
    fn misses_count_words_a_language_never_writes() {
        // "ikkje" is Nynorsk only; "av" is Norwegian; "Ikke" counts in any case.
        assert_eq!(misses("ikkje av"), [1, 0, 2]);
        assert_eq!(misses("Ikke, hvad!"), [1, 2, 0]);
    }
}

//! Which content language a text is written in, and the check that warns
//! when a clause reads as another language than its document says.
//!
//! Bokmål, Nynorsk and Danish share most words, so a single sentence can
//! fit two of them. Lingua's n-gram models, restricted to these three and
//! in high-accuracy mode (low-accuracy took 5 of 12 Bokmål test sentences
//! for Danish), tell Danish from Norwegian; marker words that a language
//! never writes (`markers`) tell Bokmål from Nynorsk, where lingua was
//! confidently wrong on plain Bokmål.

use crate::diag::Diagnostic;
use crate::load::LoadedCouncil;
use crate::model::SiteConfig;
use crate::model::lang::Lang;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

mod markers;

/// A clause shorter than this many words is not checked: a heading or a
/// one-line list item is too short to tell Bokmål from Danish.
pub const MIN_WORDS: usize = 8;

/// The check warns only when the other language is at least this likely
/// (the three add up to 1). Over 12,422 clauses of a generated 450-council
/// corpus, the most confident wrong reading was 0.81 (Bokmål read as
/// Danish); the test sentences of another language mostly score above 0.9.
pub const MIN_CONFIDENCE: f64 = 0.9;

/// The language a text most likely is in, and how likely (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detected {
    pub lang: Lang,
    pub confidence: f64,
}

/// Built once: the models load on first use and are shared by all threads.
fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&[
            Language::Bokmal,
            Language::Nynorsk,
            Language::Danish,
        ])
        .build()
    })
}

/// How much less likely one marker word makes each language that never
/// writes it.
const MARKER_ODDS: f64 = 4.0;

/// Lingua's Bokmål-to-Nynorsk odds count for at most this much either way:
/// its models cannot be trusted between the two (see `markers`), so
/// Bokmål and Nynorsk are told apart only where marker words say so.
const MAX_NORWEGIAN_ODDS: f64 = 3.0;

/// Bokmål, Nynorsk or Danish, whichever `text` most likely is; `None` for
/// text without letters.
pub fn detect(text: &str) -> Option<Detected> {
    let values = detector().compute_language_confidence_values(text);
    let share = |l: Language| values.iter().find(|(x, _)| *x == l).map_or(0.0, |v| v.1);
    let (nb, nn, da) = (
        share(Language::Bokmal),
        share(Language::Nynorsk),
        share(Language::Danish),
    );
    if nb + nn + da <= 0.0 {
        return None;
    }
    // Keep lingua's Danish-or-Norwegian split, clamp its Bokmål-or-Nynorsk
    // one, then weigh in the markers. In logarithms, so that a long text
    // with many markers cannot underflow every language to zero.
    let norwegian = nb + nn;
    let odds = (nn.max(1e-12) / nb.max(1e-12)).clamp(1.0 / MAX_NORWEGIAN_ODDS, MAX_NORWEGIAN_ODDS);
    let nn = norwegian * odds / (1.0 + odds);
    let misses = markers::misses(text);
    let log = [norwegian - nn, nn, da]
        .map(|p| p.max(1e-300).ln())
        .into_iter()
        .zip(misses)
        .map(|(l, m)| l - f64::from(m) * MARKER_ODDS.ln());
    let log: Vec<f64> = log.collect();
    let top = log.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = log.iter().map(|l| (l - top).exp()).collect();
    let total: f64 = weights.iter().sum();
    [Lang::Nb, Lang::Nn, Lang::Da]
        .into_iter()
        .zip(weights)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(lang, w)| Detected {
            lang,
            confidence: w / total,
        })
}

/// Detections of clause texts already judged: `serve` rebuilds on every
/// save, and judging 450 councils afresh takes a second or so.
/// Emptied when it grows past `MEMO_MAX` texts.
fn detect_memo(text: &str) -> Option<Detected> {
    const MEMO_MAX: usize = 200_000;
    static MEMO: OnceLock<Mutex<HashMap<String, Option<Detected>>>> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let known = memo.lock().ok().and_then(|m| m.get(text).copied());
    if let Some(known) = known {
        return known;
    }
    let found = detect(text);
    if let Ok(mut m) = memo.lock() {
        if m.len() >= MEMO_MAX {
            m.clear();
        }
        m.insert(text.to_string(), found);
    }
    found
}

/// Words with at least one letter, so numbers and dashes do not count.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

fn english_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Bokmål",
        Lang::Nn => "Nynorsk",
        Lang::Da => "Danish",
        Lang::En => "English",
    }
}

/// Warns about every clause long enough to judge whose text reads as
/// another language than its document's `lang`. Runs before cross-references
/// are resolved, while a clause's text has only the author's words (a
/// reference's text is the target's, often in another council's language), and in
/// parallel: on a large handbook detection is the slow part.
pub fn check_documents(
    councils: &[LoadedCouncil],
    config: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) {
    if !config.language_check {
        return;
    }
    let mut phases = crate::timings::Phases::new();
    let clauses: Vec<_> = councils
        .iter()
        .flat_map(|c| &c.documents)
        .flat_map(|d| d.doc.clauses.iter().map(move |c| (d, c, c.text.as_str())))
        .filter(|(_, _, text)| word_count(text) >= MIN_WORDS)
        .collect();
    let found: Vec<Diagnostic> = clauses
        .par_iter()
        .filter_map(|(d, clause, text)| {
            let expected = d.doc.lang;
            let got = detect_memo(text)?;
            if got.lang == expected || got.confidence < MIN_CONFIDENCE {
                return None;
            }
            let file = &d.file;
            let line_start = file.offset_of(clause.line, 1);
            let line = file.text[line_start..].lines().next().unwrap_or("");
            let indent = line.len() - line.trim_start().len();
            Some(
                Diagnostic::warning(format!(
                    "clause {} reads as {}, but the document is in {} (`lang: {}`)",
                    clause.id,
                    english_name(got.lang),
                    english_name(expected),
                    expected,
                ))
                .at(file, line_start + indent, line.trim().len())
                .label(format!(
                    "{:.0}% likely {}",
                    got.confidence * 100.0,
                    english_name(got.lang)
                ))
                .help(format!(
                    "write the clause in {}; if the whole document is in {}, set `lang: {}` in its front matter; `language_check: false` in klausul.yaml turns this check off",
                    english_name(expected),
                    english_name(got.lang),
                    got.lang,
                )),
            )
        })
        .collect();
    diags.extend(found);
    phases.mark("language");
}

#[cfg(test)]
mod tests {
    use super::*;

    const NN: &[&str] = &[
        "Tilsette i kommunen skal ikkje dele teiepliktige opplysningar på sosiale medium.",
        "Dersom du er usikker på kva du kan skrive, skal du spørje leiaren din først.",
        "Eg representerer berre meg sjølv når eg skriv på mine private kontoar.",
        "Kommunen sine offisielle kontoar skal ha ein ansvarleg redaktør.",
        "Korleis du ordlegg deg på nett, kan påverke omdømmet til kommunen.",
        "Tilsette som ytrar seg om eige fagfelt, må gjere det klart at dei uttalar seg som privatpersonar.",
        "Bilete av barn og elevar skal ikkje publiserast utan skriftleg samtykke frå føresette.",
        "Meldingar frå innbyggjarane skal svarast på innan tre arbeidsdagar.",
        "Leiaren har ansvar for at alle tilsette kjenner til desse retningslinjene.",
        "Ver open og ærleg, og hugs at det du skriv kan bli spreidd vidare.",
        "Kommunen sine kontoar skal ikkje brukast til politisk reklame eller kommersiell marknadsføring.",
        "Når du deltek i ein debatt, bør du vise respekt for andre sine meiningar.",
    ];
    const NB: &[&str] = &[
        "Ansatte i kommunen skal ikke dele taushetsbelagte opplysninger på sosiale medier.",
        "Dersom du er usikker på hva du kan skrive, skal du spørre lederen din først.",
        "Jeg representerer bare meg selv når jeg skriver på mine private kontoer.",
        "Kommunens offisielle kontoer skal ha en ansvarlig redaktør.",
        "Hvordan du ordlegger deg på nett, kan påvirke kommunens omdømme.",
        "Ansatte som uttaler seg om eget fagfelt, må gjøre det klart at de uttaler seg som privatpersoner.",
        "Bilder av barn og elever skal ikke publiseres uten skriftlig samtykke fra foresatte.",
        "Henvendelser fra innbyggerne skal besvares innen tre arbeidsdager.",
        "Lederen har ansvar for at alle ansatte kjenner til disse retningslinjene.",
        "Vær åpen og ærlig, og husk at det du skriver kan bli spredt videre.",
        "Kommunens kontoer skal ikke brukes til politisk reklame eller kommersiell markedsføring.",
        "Når du deltar i en debatt, bør du vise respekt for andres meninger.",
    ];
    const DA: &[&str] = &[
        "Medarbejdere i kommunen må ikke dele fortrolige oplysninger på sociale medier.",
        "Hvis du er i tvivl om, hvad du kan skrive, skal du spørge din leder først.",
        "Jeg repræsenterer kun mig selv, når jeg skriver på mine private profiler.",
        "Kommunens officielle konti skal have en ansvarlig redaktør.",
        "Hvordan du udtrykker dig på nettet, kan påvirke kommunens omdømme.",
        "Medarbejdere, der udtaler sig om eget fagområde, skal gøre det klart, at de udtaler sig som privatpersoner.",
        "Billeder af børn og elever må ikke offentliggøres uden skriftligt samtykke fra forældrene.",
        "Henvendelser fra borgerne skal besvares inden for tre arbejdsdage.",
        "Lederen har ansvaret for, at alle medarbejdere kender disse retningslinjer.",
        "Vær åben og ærlig, og husk at det du skriver kan blive delt og/eller spredt videre.",
        "Kommunens konti må ikke bruges til politisk reklame eller kommerciel markedsføring.",
        "Når du deltager i en debat, bør du vise respekt for andres meninger.",
    ];

    #[test]
    fn test_sentences_are_told_apart() {
        for (want, set) in [(Lang::Nb, NB), (Lang::Nn, NN), (Lang::Da, DA)] {
            for s in set {
                let got = detect(s).map(|d| d.lang);
                assert_eq!(got, Some(want), "{s}");
            }
        }
    }

    #[test]
    fn marker_words_settle_a_short_nynorsk_question() {
        let got = detect("Kva er grunnen til å opprette kanalen, og kva vil ein oppnå med han?");
        assert_eq!(got.map(|d| d.lang), Some(Lang::Nn));
    }

    #[test]
    fn bokmal_markers_do_not_make_danish_norwegian() {
        // "ikke", "hvis" and "selv" are Bokmål markers and Danish words too.
        let d = detect("Hvis du selv er i tvivl, må du ikke offentliggøre billeder af borgerne.");
        assert_eq!(d.map(|d| d.lang), Some(Lang::Da));
    }

    #[test]
    fn text_without_letters_has_no_language() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("12 – 34 (56)"), None);
    }

    #[test]
    fn plain_bokmal_that_lingua_reads_as_nynorsk_is_bokmal() {
        let text = "Under en krise publiseres informasjon i tråd med kommunens kriseplan, og planlagte innlegg settes på vent.";
        assert_eq!(detect(text).map(|d| d.lang), Some(Lang::Nb));
    }

    #[test]
    fn many_markers_do_not_underflow() {
        let text = "ikkje ikke hvad ".repeat(2000);
        let d = detect(&text).map(|d| d.confidence);
        assert!(d.is_some_and(f64::is_finite), "{d:?}");
    }

    #[test]
    fn confidence_is_a_probability() {
        for s in NB.iter().chain(NN).chain(DA) {
            let c = detect(s).map_or(0.0, |d| d.confidence);
            assert!(c > 0.33 && c <= 1.0, "{c} for {s}");
        }
    }
}

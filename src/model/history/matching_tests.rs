//! Matching tested on pairs with known answers, and against the first,
//! slower implementation on random revisions.

use super::*;
use crate::model::history::{Event, History};
use crate::model::{Date, Document};

fn ids(list: &[(&str, &str)]) -> Vec<(ClauseId, String)> {
    list.iter()
        .map(|(id, text)| (ClauseId::parse(id).unwrap(), text.to_string()))
        .collect()
}

fn run(old: &[(&str, &str)], new: &[(&str, &str)], pins: &[(&str, &str)]) -> Vec<Change> {
    let (old, new) = (ids(old), ids(new));
    let old: Vec<Version<'_>> = old.iter().map(|(id, t)| Version { id, text: t }).collect();
    let new: Vec<Version<'_>> = new.iter().map(|(id, t)| Version { id, text: t }).collect();
    let pins: Vec<(ClauseId, ClauseId)> = pins
        .iter()
        .map(|(a, b)| (ClauseId::parse(a).unwrap(), ClauseId::parse(b).unwrap()))
        .collect();
    match_versions(&old, &new, &pins)
}

fn id(s: &str) -> ClauseId {
    ClauseId::parse(s).unwrap()
}

const A: &str = "Kontoen skal ha ein namngitt ansvarleg og minst ein stedfortredar.";
const B: &str = "Innlegg skal vere korrekte og skrivne i eit klart språk.";
const C: &str = "Kommentarfeltet er ope for sakleg ordskifte, også kritikk.";
const D: &str = "Spørsmål om enkeltsaker vert ikkje svara på i sosiale medium.";
const NEW: &str = "Bilete av barn vert berre publiserte med skriftleg samtykke frå foreldra.";

#[test]
fn an_inserted_clause_shifts_the_numbers_after_it() {
    let got = run(
        &[("2.a", A), ("2.b", B), ("2.c", C)],
        &[("2.a", A), ("2.b", NEW), ("2.c", B), ("2.d", C)],
        &[],
    );
    assert_eq!(
        got,
        vec![
            Change::Unchanged { id: id("2.a") },
            Change::Added {
                new: id("2.b"),
                split_from: None
            },
            Change::Renumbered {
                old: id("2.b"),
                new: id("2.c"),
                moved: false,
                reworded: false
            },
            Change::Renumbered {
                old: id("2.c"),
                new: id("2.d"),
                moved: false,
                reworded: false
            },
        ]
    );
}

#[test]
fn a_clause_moved_to_another_chapter_is_moved_not_new() {
    let got = run(
        &[("1.1", A), ("1.2", D), ("2.1", B)],
        &[("1.1", A), ("2.1", B), ("2.2", D)],
        &[],
    );
    assert!(got.contains(&Change::Renumbered {
        old: id("1.2"),
        new: id("2.2"),
        moved: true,
        reworded: false
    }));
    assert!(
        !got.iter()
            .any(|c| matches!(c, Change::Added { .. } | Change::Removed { .. }))
    );
}

#[test]
fn a_reworded_clause_keeps_its_identity() {
    let reworded = "Innlegg skal vere korrekte og skrivne i eit klart og enkelt språk.";
    let got = run(
        &[("2.a", A), ("2.b", B)],
        &[("2.a", A), ("2.b", reworded)],
        &[],
    );
    assert_eq!(got[1], Change::Reworded { id: id("2.b") });
    // Reworded and renumbered at once.
    let got = run(
        &[("2.a", A), ("2.b", B)],
        &[("2.a", A), ("2.b", NEW), ("2.c", reworded)],
        &[],
    );
    assert!(got.contains(&Change::Renumbered {
        old: id("2.b"),
        new: id("2.c"),
        moved: false,
        reworded: true
    }));
}

#[test]
fn a_split_clause_names_where_its_words_came_from() {
    let passwords = "Passord vert aldri delte på e-post eller i chat.";
    let whole = format!("{A} {passwords}");
    let got = run(
        &[("1.1", &whole), ("1.2", B)],
        &[("1.1", A), ("1.2", passwords), ("1.3", B)],
        &[],
    );
    assert_eq!(
        got,
        vec![
            Change::Reworded { id: id("1.1") },
            Change::Added {
                new: id("1.2"),
                split_from: Some(id("1.1"))
            },
            Change::Renumbered {
                old: id("1.2"),
                new: id("1.3"),
                moved: false,
                reworded: false
            },
        ]
    );
}

#[test]
fn removed_clauses_stand_where_they_were_and_numbers_alone_match_nothing() {
    let got = run(&[("1", A), ("2", D), ("3", B)], &[("1", A), ("2", B)], &[]);
    assert_eq!(
        got,
        vec![
            Change::Unchanged { id: id("1") },
            Change::Removed { old: id("2") },
            Change::Renumbered {
                old: id("3"),
                new: id("2"),
                moved: false,
                reworded: false
            },
        ]
    );
    // Same number, nothing in common: removed and added, not reworded.
    let got = run(&[("1", A)], &[("1", NEW)], &[]);
    assert_eq!(
        got,
        vec![
            Change::Added {
                new: id("1"),
                split_from: None
            },
            Change::Removed { old: id("1") },
        ]
    );
}

#[test]
fn a_pinned_match_overrides_the_heuristics() {
    let got = run(
        &[("1", A), ("2", B)],
        &[("1", NEW), ("2", B)],
        &[("1", "1")],
    );
    assert_eq!(got[0], Change::Reworded { id: id("1") });
    assert_eq!(got[1], Change::Unchanged { id: id("2") });
}

/// The matching as first written: a hash map of words per clause and
/// every pair scored (by the same `score`). The faster one must give
/// the same answers.
fn reference(
    old: &[Version<'_>],
    new: &[Version<'_>],
    pins: &[(ClauseId, ClauseId)],
) -> Vec<Change> {
    fn words(text: &str) -> HashMap<String, usize> {
        let mut out: HashMap<String, usize> = HashMap::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *out.entry(w.to_lowercase()).or_default() += 1;
        }
        out
    }
    fn shared(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
        a.iter()
            .map(|(w, n)| b.get(w).map_or(0, |m| (*n).min(*m)))
            .sum()
    }
    fn total(a: &HashMap<String, usize>) -> usize {
        a.values().sum()
    }
    let old_words: Vec<_> = old.iter().map(|c| words(c.text)).collect();
    let new_words: Vec<_> = new.iter().map(|c| words(c.text)).collect();
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for (from, to) in pins {
        let o = old.iter().position(|c| c.id == from);
        let n = new.iter().position(|c| c.id == to);
        if let (Some(o), Some(n)) = (o, n)
            && !taken[o]
            && old_of_new[n].is_none()
        {
            taken[o] = true;
            old_of_new[n] = Some(o);
        }
    }
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (n, nw) in new_words.iter().enumerate() {
        if old_of_new[n].is_some() {
            continue;
        }
        for (o, ow) in old_words.iter().enumerate() {
            if taken[o] {
                continue;
            }
            let same_number = old[o].id == new[n].id;
            if let Some(s) = score(shared(ow, nw), total(ow), total(nw), same_number) {
                pairs.push((s, o, n));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in pairs {
        if !taken[o] && old_of_new[n].is_none() {
            taken[o] = true;
            old_of_new[n] = Some(o);
        }
    }
    assemble(old, new, &old_of_new, |n, matched| {
        let Some(o) = matched else {
            let mine = total(&new_words[n]).max(1) as f64;
            let split_from = old_words
                .iter()
                .enumerate()
                .filter(|(o, _)| old_of_new.contains(&Some(*o)))
                .map(|(o, ow)| (shared(ow, &new_words[n]) as f64 / mine, o))
                .filter(|(share, _)| *share >= SPLIT_SHARE)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, o)| old[o].id.clone());
            return Change::Added {
                new: new[n].id.clone(),
                split_from,
            };
        };
        pair(&old[o], &new[n])
    })
}

/// SplitMix64, for the random revisions below.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

#[test]
fn the_fast_matching_answers_as_the_first_one_did() {
    // Few words, so clauses share many, tie and repeat; case and
    // letters outside ASCII, so folding counts.
    const WORDS: [&str; 14] = [
        "konto",
        "Konto",
        "skal",
        "ikkje",
        "deles",
        "ÆRE",
        "ære",
        "på",
        "e-post",
        "og",
        "i",
        "ΣΟΦΙΑΣ",
        "σοφιας",
        "2",
    ];
    let mut rng = Rng(7);
    for case in 0..3000 {
        let text = |rng: &mut Rng| -> String {
            let n = rng.below(7);
            (0..n)
                .map(|_| WORDS[rng.below(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let old: Vec<(ClauseId, String)> = (0..rng.below(9))
            .map(|i| (id(&format!("1.{}", i + 1)), text(&mut rng)))
            .collect();
        // A revision: clauses kept (some reworded), dropped, inserted
        // or repeated, numbered afresh or kept.
        let mut new: Vec<String> = Vec::new();
        for (_, t) in &old {
            match rng.below(6) {
                0 => {}
                1 => new.push(text(&mut rng)),
                2 => {
                    new.push(text(&mut rng));
                    new.push(t.clone());
                }
                3 => new.push(format!("{t} {}", WORDS[rng.below(WORDS.len())])),
                4 => {
                    new.push(t.clone());
                    new.push(t.clone());
                }
                _ => new.push(t.clone()),
            }
        }
        let new: Vec<(ClauseId, String)> = new
            .into_iter()
            .enumerate()
            .map(|(i, t)| (id(&format!("1.{}", i + 1)), t))
            .collect();
        let mut pins = Vec::new();
        if !old.is_empty() && !new.is_empty() && rng.below(4) == 0 {
            pins.push((
                old[rng.below(old.len())].0.clone(),
                new[rng.below(new.len())].0.clone(),
            ));
        }
        let old_v: Vec<Version<'_>> = old.iter().map(|(id, t)| Version { id, text: t }).collect();
        let new_v: Vec<Version<'_>> = new.iter().map(|(id, t)| Version { id, text: t }).collect();
        assert_eq!(
            match_versions(&old_v, &new_v, &pins),
            reference(&old_v, &new_v, &pins),
            "case {case}: {old:?} -> {new:?}, pins {pins:?}"
        );
    }
}

#[test]
fn a_clause_extended_with_a_sentence_keeps_its_identity() {
    let old = "Brudd på taushetsplikten (se 2.a) kan få arbeidsrettslige følger.";
    let new = "Brudd på taushetsplikten (se 2.a) eller på personvernreglene kan få arbeidsrettslige følger. Er du i tvil om opplysninger fra jobben kan deles, snakk med leder før du legger dem ut.";
    let got = run(
        &[("3", "Oppfølging"), ("3.1", old)],
        &[
            ("3", "Arbeidstid, sikkerhet og oppfølging"),
            ("3.1", B),
            ("3.2", new),
        ],
        &[],
    );
    assert_eq!(
        got,
        vec![
            Change::Reworded { id: id("3") },
            Change::Added {
                new: id("3.1"),
                split_from: None
            },
            Change::Renumbered {
                old: id("3.1"),
                new: id("3.2"),
                moved: false,
                reworded: true
            },
        ]
    );
    // A short clause is not "contained" in a long one by chance.
    let got = run(
        &[("1", "Formål")],
        &[("2", "Formål og roller for alle ansatte i kommunen")],
        &[],
    );
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn similarity_counts_shared_words() {
    assert_eq!(similarity(A, A), 1.0);
    assert_eq!(similarity(A, ""), 0.0);
    assert!(similarity(A, NEW) < MIN_SIMILARITY);
    // Case folded, letters outside ASCII too.
    assert_eq!(similarity("Ære og KONTO", "ære og konto"), 1.0);
    // (As str::to_lowercase folds it: a final sigma is ς.)
    assert_eq!(similarity("ΣΟΦΙΑΣ", "σοφιας"), 1.0);
    assert_eq!(similarity("ΣΟΦΙΑΣ", "σοφιασ"), 0.0);
}

fn doc(date: &str, clauses: &[(&str, &str)]) -> Document {
    use crate::model::{Clause, ClauseKind, Slug, Status, lang::Lang};
    Document {
        id: Slug::parse("d").unwrap(),
        council: Slug::parse("c").unwrap(),
        title: "T".into(),
        lang: Lang::Nb,
        adopted: None,
        in_force: Date::parse(date),
        proposed: None,
        status: Status::Adopted,
        decided_by: None,
        case_ref: None,
        source: None,
        example: false,
        topics: Vec::new(),
        review: Default::default(),
        clauses: clauses
            .iter()
            .map(|(i, t)| Clause {
                id: id(i),
                kind: ClauseKind::Item,
                text: t.to_string(),
                nodes: 0..0,
                line: 1,
                topics: Vec::new(),
                referenced_by: Vec::new(),
            })
            .collect(),
        body: Default::default(),
        assets: Vec::new(),
        path: "d.md".into(),
        history: None,
    }
}

/// Three versions: 2.b inserted in the second (B moves to 2.c), then
/// D added and C removed in the third.
fn three() -> History {
    let v = [
        doc("2011-01-01", &[("2.a", A), ("2.b", B), ("2.c", C)]),
        doc(
            "2015-01-01",
            &[("2.a", A), ("2.b", NEW), ("2.c", B), ("2.d", C)],
        ),
        doc(
            "2021-01-01",
            &[("2.a", A), ("2.b", NEW), ("2.c", B), ("2.d", D)],
        ),
    ];
    let steps = (1..v.len())
        .map(|i| {
            let o: Vec<Version<'_>> = v[i - 1].clauses.iter().map(Version::of).collect();
            let n: Vec<Version<'_>> = v[i].clauses.iter().map(Version::of).collect();
            match_versions(&o, &n, &[])
        })
        .collect();
    History {
        versions: v.into(),
        current: 2,
        steps,
    }
}

#[test]
fn clauses_are_traced_through_every_version() {
    let h = three();
    assert_eq!(h.trace(0, &id("2.b"), 2), Some(id("2.c")));
    assert_eq!(h.trace(2, &id("2.c"), 0), Some(id("2.b")));
    assert_eq!(h.trace(0, &id("2.c"), 2), None, "C was removed");
    assert_eq!(h.trace(2, &id("2.b"), 0), None, "NEW came later");
    assert_eq!(h.index_of(Date::parse("2015-01-01").unwrap()), Some(1));
    let date = |s| Date::parse(s);
    assert_eq!(h.since(&id("2.a")), date("2011-01-01"), "never changed");
    assert_eq!(h.since(&id("2.b")), date("2015-01-01"), "added");
    assert_eq!(h.since(&id("2.c")), date("2015-01-01"), "renumbered");
    assert_eq!(h.since(&id("2.d")), date("2021-01-01"), "added");
}

#[test]
fn changes_between_distant_versions_are_the_steps_taken_together() {
    let h = three();
    assert_eq!(
        h.between(0, 2),
        vec![
            Change::Unchanged { id: id("2.a") },
            Change::Added {
                new: id("2.b"),
                split_from: None
            },
            Change::Renumbered {
                old: id("2.b"),
                new: id("2.c"),
                moved: false,
                reworded: false
            },
            Change::Added {
                new: id("2.d"),
                split_from: None
            },
            // After the last new clause: nothing later was matched.
            Change::Removed { old: id("2.c") },
        ]
    );
}

#[test]
fn a_lineage_tells_when_a_clause_appeared_changed_and_went() {
    let h = three();
    let lineages = h.lineages();
    // In force first, in their order; then the clause that went.
    let now: Vec<Option<&ClauseId>> = lineages.iter().map(|l| l.ids[2].as_ref()).collect();
    assert_eq!(
        now,
        vec![
            Some(&id("2.a")),
            Some(&id("2.b")),
            Some(&id("2.c")),
            Some(&id("2.d")),
            None
        ]
    );
    assert_eq!(
        h.events(&lineages[2]),
        vec![
            Event::Appeared {
                version: 0,
                id: id("2.b"),
                split_from: None
            },
            Event::Changed {
                version: 1,
                from: id("2.b"),
                to: id("2.c"),
                reworded: false
            },
        ]
    );
    assert_eq!(
        h.events(&lineages[4]),
        vec![
            Event::Appeared {
                version: 0,
                id: id("2.c"),
                split_from: None
            },
            Event::Changed {
                version: 1,
                from: id("2.c"),
                to: id("2.d"),
                reworded: false
            },
            Event::Removed {
                version: 2,
                last: id("2.d")
            },
        ]
    );
}

//! The versions of a guideline, and which clause of one version is which
//! clause of the next. A clause keeps its
//! identity when it is renumbered (2.c becomes 2.d because a clause was
//! inserted), reworded or moved to another chapter.
//!
//! The rules, in order:
//! 1. A match the author pinned is taken as given.
//! 2. Every other pair of clauses is scored by how many words they share
//!    (the Sørensen–Dice coefficient over their words, case folded), plus a
//!    small bonus when the number is the same: numbering is a hint, never
//!    enough on its own. Pairs under [`MIN_SIMILARITY`] are not matches
//!    ([`MIN_SIMILARITY_SAME_NUMBER`] with the same number), unless nearly
//!    all words of the shorter clause are in the longer one: a clause
//!    extended with a sentence is the same clause.
//! 3. The best-scoring pairs are taken first, each clause at most once.
//! 4. A new clause left over whose words mostly come from one old clause
//!    (at least [`SPLIT_SHARE`] of them) was split from it.
//!
//! Each match is then described: unchanged, renumbered, moved to another
//! chapter, changed in wording, added (perhaps split from another) or
//! removed.

use super::{ClauseId, Date, Document};
use std::collections::HashMap;

/// Every version of a document, and how each led to the next.
#[derive(Debug)]
pub struct History {
    /// Every version, oldest first, none with a history of its own.
    pub versions: Vec<Document>,
    /// The version in force: the one shown as the document and used by
    /// topic pages, the table, search, print and the PDF.
    pub current: usize,
    /// `steps[i]` takes `versions[i]` to `versions[i + 1]`.
    pub steps: Vec<Vec<Change>>,
}

/// One clause followed through the versions: its number in each, oldest
/// first, `None` where it does not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Lineage {
    pub ids: Vec<Option<ClauseId>>,
    /// The clause of the version before it appeared that it was split
    /// from, if it was.
    pub split_from: Option<ClauseId>,
}

/// Something that happened to a clause in a version (an index into
/// [`History::versions`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Appeared {
        version: usize,
        id: ClauseId,
        split_from: Option<ClauseId>,
    },
    Changed {
        version: usize,
        from: ClauseId,
        to: ClauseId,
        reworded: bool,
    },
    Removed {
        version: usize,
        last: ClauseId,
    },
}

impl Change {
    /// The clause's number in the earlier and in the later version.
    pub fn ids(&self) -> (Option<&ClauseId>, Option<&ClauseId>) {
        match self {
            Change::Unchanged { id } | Change::Reworded { id } => (Some(id), Some(id)),
            Change::Renumbered { old, new, .. } => (Some(old), Some(new)),
            Change::Added { new, .. } => (None, Some(new)),
            Change::Removed { old } => (Some(old), None),
        }
    }
}

impl History {
    /// The version named by `date`.
    pub fn index_of(&self, date: Date) -> Option<usize> {
        self.versions
            .iter()
            .position(|v| v.version_date() == Some(date))
    }

    /// The number in version `to` of clause `id` of version `from`,
    /// following the matches one step at a time.
    pub fn trace(&self, from: usize, id: &ClauseId, to: usize) -> Option<ClauseId> {
        let mut id = id.clone();
        if to >= from {
            for step in self.steps.get(from..to)? {
                id = step.iter().find_map(|c| match c.ids() {
                    (Some(o), n) if *o == id => Some(n.cloned()),
                    _ => None,
                })??;
            }
        } else {
            for step in self.steps.get(to..from)?.iter().rev() {
                id = step.iter().find_map(|c| match c.ids() {
                    (o, Some(n)) if *n == id => Some(o.cloned()),
                    _ => None,
                })??;
            }
        }
        Some(id)
    }

    /// Since when clause `id` of the version in force reads as it does:
    /// the date of the version where it last appeared, was reworded or
    /// renumbered.
    pub fn since(&self, id: &ClauseId) -> Option<Date> {
        let mut id = id.clone();
        for i in (1..=self.current).rev() {
            let change = self
                .steps
                .get(i - 1)?
                .iter()
                .find(|c| c.ids().1 == Some(&id))?;
            match change {
                Change::Unchanged { .. } => {}
                Change::Removed { .. } => return None,
                _ => return self.versions[i].version_date(),
            }
            id = change.ids().0?.clone();
        }
        self.versions.first()?.version_date()
    }

    /// What changed from version `a` to a later version `b`: the steps
    /// between them taken together, so a clause renumbered twice is one
    /// renumbering. In `b`'s order, removed clauses where they stood.
    pub fn between(&self, a: usize, b: usize) -> Vec<Change> {
        if b == a + 1
            && let Some(step) = self.steps.get(a)
        {
            return step.clone();
        }
        let (Some(old), Some(new)) = (self.versions.get(a), self.versions.get(b)) else {
            return Vec::new();
        };
        let old: Vec<Version<'_>> = old.clauses.iter().map(Version::of).collect();
        let new_v: Vec<Version<'_>> = new.clauses.iter().map(Version::of).collect();
        let old_of_new: Vec<Option<usize>> = new_v
            .iter()
            .map(|n| {
                let was = self.trace(b, n.id, a)?;
                old.iter().position(|o| *o.id == was)
            })
            .collect();
        assemble(&old, &new_v, &old_of_new, |n, matched| match matched {
            Some(o) => pair(&old[o], &new_v[n]),
            None => Change::Added {
                new: new_v[n].id.clone(),
                split_from: None,
            },
        })
    }

    /// Every clause of every version followed through the versions: first
    /// those of the version in force, in its order, then those it no
    /// longer has, in the order they went away.
    pub fn lineages(&self) -> Vec<Lineage> {
        let n = self.versions.len();
        let mut all: Vec<Lineage> = match self.versions.first() {
            Some(first) => first
                .clauses
                .iter()
                .map(|c| {
                    let mut ids = vec![None; n];
                    ids[0] = Some(c.id.clone());
                    Lineage {
                        ids,
                        split_from: None,
                    }
                })
                .collect(),
            None => return Vec::new(),
        };
        for (i, step) in self.steps.iter().enumerate() {
            let at: HashMap<ClauseId, usize> = all
                .iter()
                .enumerate()
                .filter_map(|(l, lin)| lin.ids[i].clone().map(|id| (id, l)))
                .collect();
            for change in step {
                match (change, change.ids()) {
                    (Change::Added { new, split_from }, _) => {
                        let mut ids = vec![None; n];
                        ids[i + 1] = Some(new.clone());
                        all.push(Lineage {
                            ids,
                            split_from: split_from.clone(),
                        });
                    }
                    (_, (Some(old), new)) => {
                        if let Some(&l) = at.get(old) {
                            all[l].ids[i + 1] = new.cloned();
                        }
                    }
                    _ => {}
                }
            }
        }
        let cur = self.current;
        let order = |l: &Lineage| -> (usize, usize, usize) {
            let in_current = l.ids[cur]
                .as_ref()
                .and_then(|id| self.versions[cur].clauses.iter().position(|c| &c.id == id));
            match in_current {
                Some(p) => (0, p, 0),
                None => {
                    let last = l.ids.iter().rposition(Option::is_some).unwrap_or(0);
                    (1, last, 0)
                }
            }
        };
        all.sort_by_key(order);
        all
    }

    /// What happened to a clause, version by version.
    pub fn events(&self, lineage: &Lineage) -> Vec<Event> {
        let text = |v: usize, id: &ClauseId| {
            self.versions[v]
                .clause(id)
                .map(|c| c.text.as_str())
                .unwrap_or("")
        };
        let mut out = Vec::new();
        for (v, id) in lineage.ids.iter().enumerate() {
            let before = v.checked_sub(1).and_then(|p| lineage.ids[p].as_ref());
            match (before, id) {
                (None, Some(id)) => out.push(Event::Appeared {
                    version: v,
                    id: id.clone(),
                    split_from: if v == 0 {
                        None
                    } else {
                        lineage.split_from.clone()
                    },
                }),
                (Some(from), Some(to)) => {
                    let reworded = !same_text(text(v - 1, from), text(v, to));
                    if from != to || reworded {
                        out.push(Event::Changed {
                            version: v,
                            from: from.clone(),
                            to: to.clone(),
                            reworded,
                        });
                    }
                }
                (Some(last), None) => out.push(Event::Removed {
                    version: v,
                    last: last.clone(),
                }),
                (None, None) => {}
            }
        }
        out
    }
}

/// Pairs sharing less than this (Dice over words) are different clauses.
pub const MIN_SIMILARITY: f64 = 0.5;

/// A new clause with at least this share of its words from one old clause
/// was split from it.
pub const SPLIT_SHARE: f64 = 0.8;

/// Added to a pair's score when the clause number is the same: enough to
/// decide between two equally similar candidates, never to make a match.
const SAME_NUMBER_BONUS: f64 = 0.05;

/// With the same number, pairs down to this similarity match: a heading
/// that gained words (`Oppfølging` becoming `Arbeidstid, sikkerhet og
/// oppfølging`) is still the same chapter.
pub const MIN_SIMILARITY_SAME_NUMBER: f64 = 0.34;

/// A clause of at least this many words whose words nearly all
/// ([`CONTAINED`]) reappear in a longer clause was extended into it.
const CONTAINED_MIN_WORDS: usize = 6;
const CONTAINED: f64 = 0.85;

/// How well two clauses match, if they do: their similarity, or for a
/// clause extended with new sentences a little less than its share of
/// words kept, plus the bonus for the same number.
fn score(common: usize, old_total: usize, new_total: usize, same_number: bool) -> Option<f64> {
    let sum = old_total + new_total;
    if sum == 0 {
        return None;
    }
    let dice = 2.0 * common as f64 / sum as f64;
    let shorter = old_total.min(new_total);
    let contained = if shorter >= CONTAINED_MIN_WORDS {
        common as f64 / shorter as f64
    } else {
        0.0
    };
    let floor = if same_number {
        MIN_SIMILARITY_SAME_NUMBER
    } else {
        MIN_SIMILARITY
    };
    let base = if dice >= floor {
        dice
    } else if contained >= CONTAINED && dice >= 0.25 {
        // Below any plain match, so a clause kept as it was wins.
        MIN_SIMILARITY * contained
    } else {
        return None;
    };
    Some(base + if same_number { SAME_NUMBER_BONUS } else { 0.0 })
}

/// A clause as matching sees it: its number and plain text.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub id: &'a ClauseId,
    pub text: &'a str,
}

impl<'a> Version<'a> {
    pub fn of(c: &'a super::Clause) -> Version<'a> {
        Version {
            id: &c.id,
            text: &c.text,
        }
    }
}

/// What happened to a clause between two versions.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The same number and wording.
    Unchanged { id: ClauseId },
    /// The same clause under another number; `moved` when its chapter (the
    /// first part of the number) changed too, `reworded` when its text did.
    Renumbered {
        old: ClauseId,
        new: ClauseId,
        moved: bool,
        reworded: bool,
    },
    /// The same number, new wording.
    Reworded { id: ClauseId },
    /// New in the later version; `split_from` names the old clause most of
    /// its words come from, if one does.
    Added {
        new: ClauseId,
        split_from: Option<ClauseId>,
    },
    /// Gone from the later version.
    Removed { old: ClauseId },
}

/// The words of the clauses being matched, each numbered once, so a
/// clause's words are a sorted list of numbers: comparing two clauses is a
/// merge of two short lists, not a hash look-up per word.
#[derive(Default)]
struct Vocabulary(HashMap<String, u32>);

/// A clause's words, case folded, with how often each occurs: sorted by
/// word number.
#[derive(PartialEq)]
struct Bag {
    words: Vec<(u32, u32)>,
    total: usize,
}

impl Vocabulary {
    fn bag(&mut self, text: &str) -> Bag {
        let mut ids: Vec<u32> = Vec::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            ids.push(self.number(w));
        }
        ids.sort_unstable();
        let total = ids.len();
        let mut words: Vec<(u32, u32)> = Vec::new();
        for id in ids {
            match words.last_mut() {
                Some((last, n)) if *last == id => *n += 1,
                _ => words.push((id, 1)),
            }
        }
        Bag { words, total }
    }

    /// The number of a word, case folded as `str::to_lowercase` does; a
    /// word already in lower case is looked up without a copy.
    fn number(&mut self, w: &str) -> u32 {
        let folded = w.chars().all(|c| {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        });
        let key: std::borrow::Cow<'_, str> = if folded {
            w.into()
        } else {
            w.to_lowercase().into()
        };
        if let Some(&n) = self.0.get(key.as_ref()) {
            return n;
        }
        let n = self.0.len() as u32;
        self.0.insert(key.into_owned(), n);
        n
    }
}

/// How many words two clauses share, counting each as often as it occurs
/// in both.
fn shared(a: &Bag, b: &Bag) -> usize {
    let (mut i, mut j, mut sum) = (0, 0, 0usize);
    while let (Some(&(x, m)), Some(&(y, n))) = (a.words.get(i), b.words.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += m.min(n) as usize;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The Sørensen–Dice coefficient of two clauses' words.
fn dice(a: &Bag, b: &Bag) -> f64 {
    let sum = a.total + b.total;
    if sum == 0 {
        return 0.0;
    }
    2.0 * shared(a, b) as f64 / sum as f64
}

/// How alike two texts are: 1 for the same words, 0 for none in common.
pub fn similarity(a: &str, b: &str) -> f64 {
    let mut vocabulary = Vocabulary::default();
    let (a, b) = (vocabulary.bag(a), vocabulary.bag(b));
    dice(&a, &b)
}

/// The chapter a clause is in: the part of its number before the last dot
/// (`2` for `2.c`); a top-level clause is in none.
fn chapter(id: &ClauseId) -> &str {
    id.as_str()
        .rsplit_once('.')
        .map_or("", |(chapter, _)| chapter)
}

fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Matches the clauses of an `old` and a `new` version of a document.
/// `pins` are matches the author gave (old number, new number). The result
/// follows the new version's order, with removed clauses where they stood.
pub fn match_versions(
    old: &[Version<'_>],
    new: &[Version<'_>],
    pins: &[(ClauseId, ClauseId)],
) -> Vec<Change> {
    let mut vocabulary = Vocabulary::default();
    let old_words: Vec<Bag> = old.iter().map(|c| vocabulary.bag(c.text)).collect();
    let new_words: Vec<Bag> = new.iter().map(|c| vocabulary.bag(c.text)).collect();
    drop(vocabulary);
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
    // A clause with the same number and words as before scores 1 plus the
    // bonus, more than any other pair can, and no other pair has both its
    // clauses: the best-first pass below would take it first. Taken here,
    // most clauses of a typical revision are out of the quadratic part.
    let old_at: HashMap<&ClauseId, usize> =
        old.iter().enumerate().map(|(o, c)| (c.id, o)).collect();
    for (n, nw) in new_words.iter().enumerate() {
        if old_of_new[n].is_some() || nw.total == 0 {
            continue;
        }
        if let Some(&o) = old_at.get(new[n].id)
            && !taken[o]
            && old_words[o] == *nw
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
            // At best the shorter clause's words are all in the longer:
            // pairs that cannot reach the lowest bar of `score` are skipped.
            let sum = ow.total + nw.total;
            if 8 * ow.total.min(nw.total) < sum {
                continue;
            }
            let same_number = old[o].id == new[n].id;
            if let Some(score) = score(shared(ow, nw), ow.total, nw.total, same_number) {
                pairs.push((score, o, n));
            }
        }
    }
    // Best first; ties go to the earlier clauses, so the result is stable.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in pairs {
        if !taken[o] && old_of_new[n].is_none() {
            taken[o] = true;
            old_of_new[n] = Some(o);
        }
    }

    assemble(old, new, &old_of_new, |n, matched| {
        describe(old, new, &old_words, &new_words, matched, n, &old_of_new)
    })
}

/// The changes in `new`'s order, each clause described by `describe`
/// (given its index and its match in `old`), with removed clauses where
/// they stood: before the first new clause matched to a later old one.
fn assemble(
    old: &[Version<'_>],
    new: &[Version<'_>],
    old_of_new: &[Option<usize>],
    describe: impl Fn(usize, Option<usize>) -> Change,
) -> Vec<Change> {
    let mut taken = vec![false; old.len()];
    for o in old_of_new.iter().flatten() {
        taken[*o] = true;
    }
    let mut out = Vec::with_capacity(new.len() + old.len());
    let mut next_old = 0;
    for (n, matched) in old_of_new.iter().enumerate() {
        if let Some(o) = *matched {
            while next_old < o {
                if !taken[next_old] {
                    out.push(Change::Removed {
                        old: old[next_old].id.clone(),
                    });
                }
                next_old += 1;
            }
            next_old = next_old.max(o + 1);
        }
        out.push(describe(n, *matched));
    }
    for (o, was_taken) in taken.iter().enumerate().skip(next_old) {
        if !was_taken {
            out.push(Change::Removed {
                old: old[o].id.clone(),
            });
        }
    }
    out
}

fn describe(
    old: &[Version<'_>],
    new: &[Version<'_>],
    old_words: &[Bag],
    new_words: &[Bag],
    matched: Option<usize>,
    n: usize,
    old_of_new: &[Option<usize>],
) -> Change {
    let now = &new[n];
    let Some(o) = matched else {
        // Split: most of its words come from one old clause that lives on
        // in another new clause.
        let mine = new_words[n].total.max(1) as f64;
        let split_from = old_words
            .iter()
            .enumerate()
            .filter(|(o, _)| old_of_new.contains(&Some(*o)))
            .map(|(o, ow)| (shared(ow, &new_words[n]) as f64 / mine, o))
            .filter(|(share, _)| *share >= SPLIT_SHARE)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, o)| old[o].id.clone());
        return Change::Added {
            new: now.id.clone(),
            split_from,
        };
    };
    pair(&old[o], now)
}

/// A clause and its match in the earlier version, described.
fn pair(was: &Version<'_>, now: &Version<'_>) -> Change {
    let reworded = !same_text(was.text, now.text);
    if was.id == now.id {
        return if reworded {
            Change::Reworded { id: now.id.clone() }
        } else {
            Change::Unchanged { id: now.id.clone() }
        };
    }
    Change::Renumbered {
        old: was.id.clone(),
        new: now.id.clone(),
        moved: chapter(was.id) != chapter(now.id),
        reworded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let old_v: Vec<Version<'_>> =
                old.iter().map(|(id, t)| Version { id, text: t }).collect();
            let new_v: Vec<Version<'_>> =
                new.iter().map(|(id, t)| Version { id, text: t }).collect();
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
}

//! Which clause of one version of a guideline is which clause of the
//! next. A clause keeps its identity when it is renumbered (2.c becomes 2.d because a clause was
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

use crate::model::{Clause, ClauseId};
use std::collections::HashMap;

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
    pub fn of(c: &'a Clause) -> Version<'a> {
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

pub(super) fn same_text(a: &str, b: &str) -> bool {
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
pub(super) fn assemble(
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
pub(super) fn pair(was: &Version<'_>, now: &Version<'_>) -> Change {
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
#[path = "matching_tests.rs"]
mod tests;

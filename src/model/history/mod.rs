//! The versions of a guideline and how each led to the next: every
//! clause traced through them, what changed between any two, each clause's
//! events. Which clause of one version is which of the next is decided in
//! [`matching`].

mod matching;

pub use matching::{
    Change, MIN_SIMILARITY, MIN_SIMILARITY_SAME_NUMBER, SPLIT_SHARE, Version, match_versions,
    similarity,
};

use super::{ClauseId, Date, Document};
use matching::{assemble, pair, same_text};
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
        all.sort_by_cached_key(order);
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

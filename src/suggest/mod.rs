//! Topic suggestions: which shared topics a clause addresses, ranked from
//! the clauses other councils already mapped and the taxonomy's own words.

pub mod command;
pub mod edit;
pub mod engine;
pub mod evaluate;
mod terms;

pub use engine::{CONFIDENT, Neighbour, Suggester, Suggestion};

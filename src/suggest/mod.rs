//! Topic suggestions: which shared topics a clause addresses, ranked from
//! the clauses other councils already mapped and the taxonomy's own words.

pub mod edit;

//! The documented limits on input, so that hostile or broken content costs
//! bounded time and memory and is refused with a located error instead of
//! exhausting the machine. Each is far above any real guideline handbook.

/// The deepest nesting of lists and block quotes (combined) in a document.
/// Real guidelines nest three or four levels; each level costs the site a
/// copy of the nested clauses and the PDF several Typst layout levels.
pub const MAX_NESTING: usize = 32;

/// The largest file Klausul reads as content (a document, a YAML file, a
/// Fluent file): 10 MB, some thousand pages of text.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The deepest nesting of `{ }` placeables in a Fluent message. Fluent's
/// parser recurses once per level; real messages nest one or two.
pub const MAX_FLUENT_NESTING: usize = 16;

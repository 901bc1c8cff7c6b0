//! Edits to a document's topic maps in its source text, keeping the
//! author's formatting and comments.

//! The documented limits on input, so that hostile or broken content costs
//! bounded time and memory and is refused with a located error instead of
//! exhausting the machine. Each is far above any real guideline handbook.

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The deepest nesting of lists and block quotes (combined) in a document.
/// Real guidelines nest three or four levels; each level costs the site a
/// copy of the nested clauses and the PDF several Typst layout levels.
pub const MAX_NESTING: usize = 32;

/// The largest file Klausul reads as content (a document, a YAML file, a
/// Fluent file): 10 MB, some thousand pages of text.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The deepest nesting of `{ }` placeables (select variants and call
/// arguments included) in a Fluent message; real messages nest one to
/// three. Fluent's parser recurses once per level, and formatting follows up
/// to 100 references, each this deep, on a 2 MB thread stack.
pub const MAX_FLUENT_NESTING: usize = 8;

/// The deepest nesting of elements in a document's raw HTML. Browsers stop
/// at 512; the HTML parser behind the sanitiser scans its stack of open
/// elements for each new one, so depth costs time growing with its square.
pub const MAX_HTML_NESTING: usize = 256;

/// Elements that do not nest: void elements, and those whose end tag may be
/// left out because the next one of their kind closes them (`<p>`, `<li>`,
/// `<td>`).
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body",
];

/// Elements whose content is text, not markup.
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// Follows how deep the elements of HTML nest, across the fragments of one
/// document, in one pass over the text. It counts as the author wrote:
/// an element that HTML would close implicitly (other than those in
/// `FLAT_ELEMENTS`) still counts, which errs on the side of refusing.
#[derive(Default)]
pub struct HtmlDepth {
    depth: usize,
    /// A raw-text element (`<script>`) left open by an earlier fragment.
    raw_open: Option<String>,
}

impl HtmlDepth {
    /// Reads the next fragment; true when it nests deeper than
    /// [`MAX_HTML_NESTING`].
    pub fn too_deep(&mut self, html: &str) -> bool {
        let mut rest = html;
        if let Some(name) = self.raw_open.take() {
            match find_ascii_ci(rest, &format!("</{name}")) {
                Some(i) => rest = &rest[i..],
                None => {
                    self.raw_open = Some(name);
                    return false;
                }
            }
        }
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            if let Some(comment) = rest.strip_prefix("!--") {
                rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
                continue;
            }
            let closing = rest.starts_with('/');
            let from = usize::from(closing);
            let len = rest[from..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - from);
            let name = rest[from..from + len].to_ascii_lowercase();
            if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let end = rest.find('>').unwrap_or(rest.len());
            let flat = rest[..end].ends_with('/') || FLAT_ELEMENTS.contains(&name.as_str());
            rest = &rest[end..];
            if closing {
                self.depth = self.depth.saturating_sub(usize::from(!flat));
            } else if RAW_TEXT_ELEMENTS.contains(&name.as_str()) {
                match find_ascii_ci(rest, &format!("</{name}")) {
                    Some(i) => rest = &rest[i..],
                    None => {
                        self.raw_open = Some(name);
                        return false;
                    }
                }
            } else if !flat {
                self.depth += 1;
                if self.depth > MAX_HTML_NESTING {
                    return true;
                }
            }
        }
        false
    }
}

/// Finds `needle` (lower-case ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..(h.len() + 1).saturating_sub(n.len())).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether an event opens (+1) or closes (-1) a level that counts towards
/// [`MAX_NESTING`]: a list or a block quote.
pub fn nesting_step(event: &Event<'_>) -> isize {
    match event {
        Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => 1,
        Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => -1,
        _ => 0,
    }
}

/// For the block opening at `events[start]`: how many list and block quote
/// levels deep it goes (itself included), and the index of its end event,
/// found in one pass so that refusing a deep block costs linear time.
pub fn block_extent<T>(events: &[(Event<'_>, T)], start: usize) -> (usize, usize) {
    let (mut open, mut nesting, mut deepest) = (0usize, 0isize, 0isize);
    for (j, (event, _)) in events.iter().enumerate().skip(start) {
        nesting += nesting_step(event);
        deepest = deepest.max(nesting);
        match event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        if open == 0 {
            return (deepest.unsigned_abs(), j);
        }
    }
    (deepest.unsigned_abs(), events.len().saturating_sub(1))
}

/// What the scanner is inside of: a placeable's expression, a call's
/// arguments, or the variants of a select expression (which are text).
#[derive(Clone, Copy, PartialEq)]
enum Inside {
    Expression,
    Call,
    Variants,
}

/// Where `{ }` placeables and call arguments nest deeper than
/// [`MAX_FLUENT_NESTING`]: for each entry, the byte offset of its first level
/// too many and its deepest level. Errs on the side of counting too much: it
/// follows string literals only where the parser would, and starts afresh
/// only at a line that starts an entry, as the parser's recovery does.
pub fn fluent_too_deep(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut stack: Vec<Inside> = Vec::new();
    let (mut first_over, mut deepest) = (None, 0);
    let (mut in_string, mut line_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if line_start && (b.is_ascii_alphabetic() || b == b'-' || b == b'#') {
            if let Some(at) = first_over.take() {
                found.push((at, deepest));
            }
            stack.clear();
            deepest = 0;
            in_string = false;
            if b == b'#' {
                // A comment line: its text is not Fluent syntax.
                i += text[i..].find('\n').unwrap_or(text.len() - i);
                continue;
            }
        }
        line_start = b == b'\n';
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        let top = stack.last().copied();
        let in_expression = matches!(top, Some(Inside::Expression | Inside::Call));
        match b {
            b'{' => stack.push(Inside::Expression),
            b'(' if in_expression => stack.push(Inside::Call),
            b'"' if in_expression => in_string = true,
            b'-' if top == Some(Inside::Expression) && bytes.get(i + 1) == Some(&b'>') => {
                stack.pop();
                stack.push(Inside::Variants);
            }
            b')' if top == Some(Inside::Call) => {
                stack.pop();
            }
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        if stack.len() > deepest {
            deepest = stack.len();
            if deepest > MAX_FLUENT_NESTING && first_over.is_none() {
                first_over = Some(i);
            }
        }
        i += 1;
    }
    if let Some(at) = first_over {
        found.push((at, deepest));
    }
    found
}

/// Ids of the messages and terms with a shape fluent-bundle 0.16 cannot
/// report an error in (it reaches `unreachable!` when a message resolves
/// more than 100 placeables): a placeable directly in a placeable, or a
/// select expression on a literal or a placeable.
pub fn fluent_panicking_shapes(resource: &FluentResource) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in resource.entries() {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let mut patterns = value.into_iter().chain(attributes.iter().map(|a| &a.value));
        if patterns.any(|p| !pattern_is_safe(p)) {
            ids.push(id);
        }
    }
    ids
}

fn pattern_is_safe(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().all(|e| match e {
        ast::PatternElement::Placeable { expression } => expression_is_safe(expression),
        ast::PatternElement::TextElement { .. } => true,
    })
}

/// Recursion is bounded: [`fluent_too_deep`] has limited the nesting.
fn expression_is_safe(expression: &ast::Expression<&str>) -> bool {
    use ast::InlineExpression as I;
    match expression {
        ast::Expression::Inline(I::Placeable { .. }) => false,
        ast::Expression::Inline(inline) => inline_is_safe(inline),
        ast::Expression::Select { selector, variants } => {
            !matches!(
                selector,
                I::StringLiteral { .. } | I::NumberLiteral { .. } | I::Placeable { .. }
            ) && inline_is_safe(selector)
                && variants.iter().all(|v| pattern_is_safe(&v.value))
        }
    }
}

fn inline_is_safe(inline: &ast::InlineExpression<&str>) -> bool {
    use ast::InlineExpression as I;
    let args = match inline {
        I::FunctionReference { arguments, .. } => Some(arguments),
        I::TermReference { arguments, .. } => arguments.as_ref(),
        I::Placeable { expression } => return expression_is_safe(expression),
        _ => None,
    };
    args.is_none_or(|a| {
        a.positional.iter().all(inline_is_safe) && a.named.iter().all(|n| inline_is_safe(&n.value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_bundle::concurrent::FluentBundle;
    use pulldown_cmark::Parser;

    fn events(src: &str) -> Vec<(Event<'_>, ())> {
        Parser::new(src).map(|e| (e, ())).collect()
    }

    #[test]
    fn html_depth_counts_elements_that_hold_content() {
        let mut html = HtmlDepth::default();
        assert!(!html.too_deep("<div class=\"x\"><p>a<br>b<img src=x /><hr/></p>"));
        assert_eq!(html.depth, 1);
        assert!(!html.too_deep("</div><!-- <div> --> 1 < 2"));
        assert_eq!(html.depth, 0);
        // A script's text is not markup, also across fragments.
        assert!(!html.too_deep("<script>if (a <div) {"));
        assert!(!html.too_deep(&"<div>".repeat(500)));
        assert!(!html.too_deep("}</SCRIPT>"));
        assert_eq!(html.depth, 0);
        // Elements the next of their kind closes do not nest.
        assert!(!html.too_deep(&"<li>x<p>y".repeat(5000)));
        assert!(!html.too_deep(&"<b>".repeat(MAX_HTML_NESTING)));
        assert!(html.too_deep("<i>"));
    }

    #[test]
    fn extent_counts_lists_and_quotes_and_finds_the_end() {
        let ev = events("> - a\n>   > 1. b\n\nafter\n");
        let (deepest, end) = block_extent(&ev, 0);
        assert_eq!(deepest, 4);
        assert!(matches!(ev[end].0, Event::End(TagEnd::BlockQuote(_))));
        assert!(matches!(ev[end + 1].0, Event::Start(Tag::Paragraph)));
    }

    #[test]
    fn nesting_is_measured_as_the_parser_would_recurse() {
        let deep = |n: usize| format!("m = {}\"x\"{}\n", "{ ".repeat(n), " }".repeat(n));
        assert!(fluent_too_deep(&deep(MAX_FLUENT_NESTING)).is_empty());
        let text = format!("ok = fine\n{}", deep(MAX_FLUENT_NESTING + 3));
        let at = text.find('{').unwrap() + 2 * MAX_FLUENT_NESTING;
        assert_eq!(fluent_too_deep(&text), [(at, MAX_FLUENT_NESTING + 3)]);
        // Calls nest too; braces in a string literal do not.
        let calls = format!("m = {{ {}1{} }}\n", "F(".repeat(20), ")".repeat(20));
        assert_eq!(fluent_too_deep(&calls).len(), 1);
        assert!(fluent_too_deep("m = { \"{{{{{{{{{{{{{{{{{{{{{\" }\n").is_empty());
        // A `}` in a string literal cannot hide a level from the count.
        let hidden = format!("m = {}\n", "{ \"}}}\" -> *[a] ".repeat(20));
        assert_eq!(fluent_too_deep(&hidden).len(), 1);
        // Each entry starts afresh; comments are not syntax.
        let many = format!("# {}\n{}", "{".repeat(40), "m = { $a }\n".repeat(40));
        assert!(fluent_too_deep(&many).is_empty());
    }

    /// Formatting follows message references recursively; Fluent stops after
    /// 100 placeables, so a long chain of messages as deep as allowed formats
    /// on the 2 MB stack of a worker thread, with an error marker.
    #[test]
    fn long_reference_chains_format_on_a_worker_stack() {
        let n = MAX_FLUENT_NESTING - 1;
        let nest = |inner: String| format!("{{ {}{inner}{} }}", "F(".repeat(n), ")".repeat(n));
        let mut ftl = String::new();
        for i in 0..5000 {
            ftl.push_str(&format!("m{i} = {}\n", nest(format!("m{}", i + 1))));
        }
        ftl.push_str("m5000 = end\n");
        assert!(fluent_too_deep(&ftl).is_empty());
        let resource = FluentResource::try_new(ftl).unwrap();
        assert!(fluent_panicking_shapes(&resource).is_empty());
        let mut bundle = FluentBundle::new_concurrent(vec!["nb".parse().unwrap()]);
        bundle.add_resource_overriding(resource);
        let text = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let pattern = bundle.get_message("m0").unwrap().value().unwrap();
                let mut errors = Vec::new();
                let text = bundle
                    .format_pattern(pattern, None, &mut errors)
                    .into_owned();
                assert!(!errors.is_empty());
                text
            })
            .unwrap()
            .join()
            .unwrap();
        assert!(!text.contains("end"), "{text}");
    }

    #[test]
    fn shapes_that_make_fluent_bundle_panic_are_found() {
        let ids =
            |ftl: &str| fluent_panicking_shapes(&FluentResource::try_new(ftl.into()).unwrap());
        assert_eq!(ids("a = { { $x } }\nb = { $n ->\n   *[o] x\n}\n"), ["a"]);
        assert_eq!(ids("-t = { \"s\" ->\n   *[o] x\n}\n"), ["-t"]);
        assert_eq!(
            ids("m = x\n    .attr = { $n ->\n       *[o] { { 1 } }\n    }\n"),
            ["m"]
        );
        assert!(ids("m = { \"{\" } { -t(a: \"b\") } { 5 }\n").is_empty());
    }
}

use super::*;
use crate::model::body::{Xref, XrefTarget};
use crate::render::body::sanitize::own_mark;
use crate::render::body::{Fragment, Mode, html, sanitize};

fn parse(src: &str) -> (ParsedBody, Vec<Diagnostic>) {
    let file = SourceFile::new("test.md", src);
    let mut diags = Vec::new();
    let ctx = BodyContext {
        file: &file,
        body_start: 0,
        asset_dir: None,
    };
    (parse_body(&ctx, &mut diags), diags)
}

/// The body as its page shows it, markers left in.
fn page(body: &ParsedBody) -> String {
    html(&body.nodes, Mode::Page).0
}

/// Clause `i` as other pages show it, markers left in.
fn clause_html(body: &ParsedBody, i: usize) -> String {
    let nodes = &body.nodes[body.clauses[i].nodes.clone()];
    html(
        nodes,
        Mode::Excerpt {
            doc_href: "c/d.html",
        },
    )
    .0
}

fn ids(body: &ParsedBody) -> Vec<&str> {
    body.clauses.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn chapters_lists_and_labels() {
    let src = "Intro.\n\n## 1. First\n\nText.\n\n1. one\n2. two\n\nMore.\n\n7. seven\n8. eight\n\n## 2. Second\n\n- a) alpha\n- b) beta\n    1. nested\n\nc) as a paragraph\n";
    let (body, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:?}");
    let page = Fragment(page(&body)).render(&|_| String::new());
    assert_eq!(
        ids(&body),
        [
            "1", "1.1", "1.2", "1.7", "1.8", "2", "2.a", "2.b", "2.b.1", "2.c"
        ]
    );
    let seven = &body.clauses[3];
    assert_eq!(seven.text, "seven");
    assert!(page.contains("<li id=\"k-1.7\" class=\"clause\"><a class=\"clause-no\" href=\"#k-1.7\">1.7</a> seven</li>"), "{page}");
    // The label is shown as the clause number, not twice.
    assert_eq!(body.clauses[6].text, "alpha");
    assert!(page.contains("<h2 id=\"k-2\" class=\"clause-heading\"><a class=\"clause-no\" href=\"#k-2\">2</a> Second</h2>"), "{page}");
    // A clause shown elsewhere has no id, so it cannot clash.
    assert!(!clause_html(&body, 7).contains("id="));
    assert!(clause_html(&body, 7).contains("nested"));
    // A clause's HTML is balanced: it can be placed anywhere.
    assert_eq!(clause_html(&body, 3).trim(), "seven");
    for (i, c) in body.clauses.iter().enumerate() {
        let html = clause_html(&body, i);
        for tag in ["li", "p", "ol", "ul", "h2"] {
            let opens = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            assert_eq!(
                opens,
                html.matches(&format!("</{tag}>")).count(),
                "{tag} in {}: {html}",
                c.id,
            );
        }
    }
}

#[test]
fn explicit_ids_are_used_and_hidden() {
    let (body, diags) = parse("- Keep records {#4.2}\n- plain bullet\n\n## Annex {#a}\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(ids(&body), ["4.2", "a"]);
    assert!(!page(&body).contains("{#"), "{}", page(&body));
}

#[test]
fn bad_explicit_id_is_reported_at_its_line() {
    let (_, diags) = parse("text\n\n- item {#no good}\n");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].location().unwrap(), "test.md:3:3");
}

#[test]
fn unsafe_links_are_refused() {
    let (body, diags) = parse("[x](javascript:alert(1)) [y](https://ok.no) [z](../rel.html)\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].message.contains("javascript:"));
    assert!(!page(&body).contains("javascript:"));
    assert!(page(&body).contains("https://ok.no"));
}

#[test]
fn raw_html_is_sanitised() {
    let (body, _) = parse("<script>alert(1)</script>\n\n1. item <b onclick=\"x()\">bold</b>\n");
    let html = page(&body);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(html.contains("<b>bold</b>"), "{html}");
    assert!(html.contains("id=\"k-1\""), "{html}");
}

#[test]
fn raw_html_cannot_forge_klausul_anchors() {
    let src = "1. <span id=\"k-1.1\" class=\"clause-no note\">x</span> <a id=\"vedlegg\" class=\"clause\">y</a>\n2. two\n";
    let (body, _) = parse(src);
    let html = Fragment(page(&body)).render(&|_| String::new());
    assert_eq!(html.matches("id=\"k-1.1\"").count(), 0, "{html}");
    assert_eq!(html.matches("id=\"k-1\"").count(), 1, "{html}");
    assert!(
        html.contains("<li id=\"k-2\" class=\"clause\"><a class=\"clause-no\" href=\"#k-2\">2</a>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"note\">x</span>"), "{html}");
    assert!(html.contains("<a id=\"vedlegg\">y</a>"), "{html}");
    let first = clause_html(&body, 0);
    assert!(!first.contains("id=\"k-"), "{first}");
    assert!(first.contains("<span class=\"note\">x</span>"), "{first}");
    // The mark is the sanitiser's only way to tell Klausul's own apart.
    let own = own_mark();
    let out = sanitize(
        &format!("<p id=\"{own}k-3\">a</p><p id=\"k-3\" class=\"{own}x clause\">b</p>"),
        &own,
    );
    assert_eq!(out, "<p id=\"k-3\">a</p><p class=\"x clause\">b</p>");
}

#[test]
fn wikilinks_become_nodes() {
    let (body, _) = parse("1. See [[2.e]] and [[volda:2.i|this]] on it.\n");
    assert_eq!(body.xrefs.len(), 2);
    assert_eq!(body.xrefs[1].target, "volda:2.i");
    assert_eq!(body.xrefs[1].label.as_deref(), Some("this"));
    assert_eq!(
        body.nodes[body.xrefs[0].node],
        Node::Xref(Xref {
            target: XrefTarget::Unresolved("2.e".into()),
            label: None
        })
    );
    // Until they are resolved, a clause's text is the author's own words.
    assert_eq!(body.clauses[0].text, "See  and  on it.");
}

#[test]
fn clause_text_has_references_where_they_stand() {
    let (body, _) = parse("1. Se også [[2.e]] om [[x|dette]].\n");
    assert_eq!(body.clauses[0].text, "Se også  om .");
    let nodes = &body.nodes[body.clauses[0].nodes.clone()];
    let text = clause_text(nodes, Some(&|x: &Xref| x.text(|_| String::new())));
    assert_eq!(text, "Se også [[2.e]] om dette.");
}

use super::html::sanitize;
use super::*;

fn parse(src: &str) -> (ParsedBody, Vec<Diagnostic>) {
    let file = SourceFile::new("test.md", src);
    let mut diags = Vec::new();
    let ctx = BodyContext {
        file: &file,
        body_start: 0,
        doc_href: "c/d.html",
        asset_dir: None,
    };
    (parse_body(&ctx, &mut diags), diags)
}

fn ids(body: &ParsedBody) -> Vec<&str> {
    body.clauses.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn chapters_lists_and_labels() {
    let src = "Intro.\n\n## 1. First\n\nText.\n\n1. one\n2. two\n\nMore.\n\n7. seven\n8. eight\n\n## 2. Second\n\n- a) alpha\n- b) beta\n    1. nested\n\nc) as a paragraph\n";
    let (mut body, diags) = parse(src);
    assert!(diags.is_empty(), "{diags:?}");
    body.html = Fragment(body.html).render(&|_| String::new());
    assert_eq!(
        ids(&body),
        [
            "1", "1.1", "1.2", "1.7", "1.8", "2", "2.a", "2.b", "2.b.1", "2.c"
        ]
    );
    let seven = &body.clauses[3];
    assert_eq!(seven.text, "seven");
    assert!(body.html.contains("<li id=\"k-1.7\" class=\"clause\"><a class=\"clause-no\" href=\"#k-1.7\">1.7</a> seven</li>"), "{}", body.html);
    // The label is shown as the clause number, not twice.
    assert_eq!(body.clauses[6].text, "alpha");
    assert!(body.html.contains("<h2 id=\"k-2\" class=\"clause-heading\"><a class=\"clause-no\" href=\"#k-2\">2</a> Second</h2>"), "{}", body.html);
    // A clause shown elsewhere has no id, so it cannot clash.
    assert!(!body.clauses[7].html.contains("id="));
    assert!(body.clauses[7].html.contains("nested"));
    // A clause's HTML is balanced: it can be placed anywhere.
    assert_eq!(body.clauses[3].html.trim(), "seven");
    for c in &body.clauses {
        for tag in ["li", "p", "ol", "ul", "h2"] {
            let opens = c.html.matches(&format!("<{tag}>")).count()
                + c.html.matches(&format!("<{tag} ")).count();
            assert_eq!(
                opens,
                c.html.matches(&format!("</{tag}>")).count(),
                "{tag} in {}: {}",
                c.id,
                c.html
            );
        }
    }
}

#[test]
fn explicit_ids_are_used_and_hidden() {
    let (body, diags) = parse("- Keep records {#4.2}\n- plain bullet\n\n## Annex {#a}\n");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(ids(&body), ["4.2", "a"]);
    assert!(!body.html.contains("{#"), "{}", body.html);
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
    assert!(!body.html.contains("javascript:"));
    assert!(body.html.contains("https://ok.no"));
}

#[test]
fn raw_html_is_sanitised() {
    let (body, _) = parse("<script>alert(1)</script>\n\n1. item <b onclick=\"x()\">bold</b>\n");
    assert!(!body.html.contains("<script"), "{}", body.html);
    assert!(!body.html.contains("onclick"), "{}", body.html);
    assert!(body.html.contains("<b>bold</b>"), "{}", body.html);
    assert!(body.html.contains("id=\"k-1\""), "{}", body.html);
}

#[test]
fn raw_html_cannot_forge_klausul_anchors() {
    let src = "1. <span id=\"k-1.1\" class=\"clause-no note\">x</span> <a id=\"vedlegg\" class=\"clause\">y</a>\n2. two\n";
    let (body, _) = parse(src);
    let html = Fragment(body.html).render(&|_| String::new());
    assert_eq!(html.matches("id=\"k-1.1\"").count(), 0, "{html}");
    assert_eq!(html.matches("id=\"k-1\"").count(), 1, "{html}");
    assert!(
        html.contains("<li id=\"k-2\" class=\"clause\"><a class=\"clause-no\" href=\"#k-2\">2</a>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"note\">x</span>"), "{html}");
    assert!(html.contains("<a id=\"vedlegg\">y</a>"), "{html}");
    assert!(
        !body.clauses[0].html.contains("id=\"k-"),
        "{}",
        body.clauses[0].html
    );
    assert!(
        body.clauses[0]
            .html
            .contains("<span class=\"note\">x</span>")
    );
    // The mark is the sanitiser's only way to tell Klausul's own apart.
    let own = own_mark();
    let out = sanitize(
        &format!("<p id=\"{own}k-3\">a</p><p id=\"k-3\" class=\"{own}x clause\">b</p>"),
        &own,
    );
    assert_eq!(out, "<p id=\"k-3\">a</p><p class=\"x clause\">b</p>");
}

#[test]
fn wikilinks_become_markers() {
    let (body, _) = parse("See [[2.e]] and [[volda:2.i|this]].\n");
    assert_eq!(body.xrefs.len(), 2);
    assert_eq!(body.xrefs[1].target, "volda:2.i");
    assert_eq!(body.xrefs[1].label.as_deref(), Some("this"));
    assert!(body.html.contains(&XrefUse::marker(0)));
}

#[test]
fn fragments_fill_in_markers() {
    let f = Fragment(format!(
        "<a href=\"{}x.html\">{}</a>",
        Fragment::root_marker(),
        Fragment::topic_marker("t")
    ));
    let html = f.render(&|m| match m {
        "R" => "../".to_string(),
        _ => format!("[{m}]"),
    });
    assert_eq!(html, "<a href=\"../x.html\">[T:t]</a>");
}

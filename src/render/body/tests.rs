use super::*;
use crate::model::ClauseId;
use crate::model::Slug;
use crate::model::body::Node;
use pulldown_cmark::LinkType;

fn id(s: &str) -> ClauseId {
    ClauseId::parse(s).unwrap()
}

fn text(s: &str) -> Node {
    Node::Md(Event::Text(s.to_string().into()))
}

fn link(dest: &str) -> Node {
    Node::Md(Event::Start(Tag::Link {
        link_type: LinkType::Inline,
        dest_url: dest.to_string().into(),
        title: "".into(),
        id: "".into(),
    }))
}

/// A chapter with an item citing another document and a topic, and an
/// author's link to a clause of its own document.
fn body() -> Vec<Node> {
    vec![
        Node::ClauseStart {
            id: id("1"),
            block: ClauseBlock::Heading(HeadingLevel::H2),
        },
        text("One"),
        Node::ClauseEnd(id("1")),
        Node::Md(Event::End(TagEnd::Heading(HeadingLevel::H2))),
        Node::Md(Event::Start(Tag::List(None))),
        Node::ClauseStart {
            id: id("1.1"),
            block: ClauseBlock::Item,
        },
        text("see "),
        Node::Xref(Xref {
            target: XrefTarget::Clause {
                version: None,
                council: Slug::parse("volda").unwrap(),
                document: Slug::parse("sosiale-medium").unwrap(),
                clause: id("2.i"),
                text: "Volda kommune 2.i".into(),
            },
            label: None,
        }),
        text(" and "),
        Node::Xref(Xref {
            target: XrefTarget::Topic(Slug::parse("privacy").unwrap()),
            label: Some("y".into()),
        }),
        text(" and "),
        link("#k-1"),
        text("z"),
        Node::Md(Event::End(TagEnd::Link)),
        Node::ClauseEnd(id("1.1")),
        Node::Md(Event::End(TagEnd::Item)),
        Node::Md(Event::End(TagEnd::List(false))),
    ]
}

#[test]
fn pages_have_anchors_and_late_bound_links() {
    let html = super::html(&body(), Mode::Page).render(&|m| match m {
        "R" => "../".into(),
        _ => format!("[{m}]"),
    });
    assert!(html.contains("<h2 id=\"k-1\" class=\"clause-heading\"><a class=\"clause-no\" href=\"#k-1\">1</a> One[C:1]</h2>"), "{html}");
    assert!(
        html.contains(
            "<a class=\"xref\" href=\"../volda/sosiale-medium.html#k-2.i\">Volda kommune 2.i</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a class=\"xref xref-topic\" href=\"../topics/privacy.html\">y</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#k-1\">z</a>"), "{html}");
}

#[test]
fn excerpts_have_no_ids_or_extras() {
    let nodes = body();
    let html = super::html(
        &nodes[6..15],
        Mode::Excerpt {
            doc_href: "c/d.html",
        },
    )
    .0;
    assert!(!html.contains("id="), "{html}");
    assert!(!html.contains(&format!("{MARK_OPEN}C:")), "{html}");
}

#[test]
fn print_bodies_get_their_own_anchors_and_page_links() {
    let html = super::html(
        &body(),
        Mode::Print {
            prefix: "bodo--etikk--",
        },
    )
    .render(&|m| match m {
        "R" => String::new(),
        _ => format!("[{m}]"),
    });
    assert!(
        html.contains("<h4 id=\"bodo--etikk--k-1\" class=\"clause-heading\">"),
        "{html}"
    );
    assert!(html.contains("</h4>"), "{html}");
    assert!(html.contains("href=\"#bodo--etikk--k-1.1\""), "{html}");
    assert!(
        html.contains("href=\"#volda--sosiale-medium--k-2.i\""),
        "{html}"
    );
    assert!(html.contains("href=\"topics/privacy.html\""), "{html}");
    // The author's link to a clause goes to its place on the page.
    assert!(
        html.contains("<a href=\"#bodo--etikk--k-1\">z</a>"),
        "{html}"
    );
}

#[test]
fn print_moves_the_authors_html_too() {
    let mut nodes = body();
    nodes.push(Node::Html {
        html: "<H2>Annex</H2>\n<a href=\"#fn-1\">n</a>".into(),
        inline: false,
    });
    let html = super::html(&nodes, Mode::Print { prefix: "c--d--" }).0;
    assert!(html.contains("<h4>Annex</h4>"), "{html}");
    assert!(html.contains("href=\"#c--d--fn-1\""), "{html}");
    assert!(html.contains("href=\"#c--d--k-1.1\""), "{html}");
    assert!(!html.contains("c--d--c--d--"), "{html}");
    assert_eq!(
        shift_html_headings("<h1><h5></h3><h6><hr>"),
        "<h3><h6></h5><h6><hr>"
    );
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

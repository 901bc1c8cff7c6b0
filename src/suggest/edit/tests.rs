use super::read::Model;
use super::*;
use indexmap::IndexMap;
use serde::Deserialize;

const SAMPLE: &str = "---
title: Retningslinjer for sosiale medium i Volda kommune (æøå, §)
adopted: 2020-01-01
# a comment the author wrote
topics:
  official-accounts: [\"1.1\", \"1.2\", \"1.7\", \"1.9\"]   # trailing comment
  photo-consent: [\"1.4\"]
  privacy:
    - \"1.4\"
    - 2.a
---
Body with --- and topics: [\"1.1\"]
";

type Map = IndexMap<String, Vec<String>>;

/// The front matter as the loader's parser reads it.
#[derive(Deserialize, Debug, PartialEq)]
struct Fm {
    title: Option<String>,
    topics: Option<Map>,
    suggested_topics: Option<Map>,
    rejected_topics: Option<Map>,
}

fn fm(text: &str) -> Fm {
    let (_, yaml, _, _) = split(text).expect("front matter");
    serde_saphyr::from_str(yaml).expect("front matter reads back")
}

fn pairs(map: Option<Map>) -> Vec<(String, Vec<String>)> {
    map.unwrap_or_default().into_iter().collect()
}

fn edit(map: TopicMap, op: Op, topic: &str, clause: &str) -> Edit {
    Edit {
        map,
        topic: topic.into(),
        clause: clause.into(),
        op,
    }
}

fn add(map: TopicMap, topic: &str, clause: &str) -> Edit {
    edit(map, Op::Add, topic, clause)
}

fn remove(map: TopicMap, topic: &str, clause: &str) -> Edit {
    edit(map, Op::Remove, topic, clause)
}

/// Applies the edits and checks, with serde-saphyr, that the output holds
/// the input's data plus the changes, and the same title and body.
fn check(source: &str, edits: &[Edit]) -> String {
    let out = apply(source, edits).expect("edits apply");
    let (before, after) = (fm(source), fm(&out));
    let mut expected = [
        before.topics,
        before.suggested_topics,
        before.rejected_topics,
    ]
    .map(|m| Model(pairs(m)));
    for e in edits {
        expected[e.map.index()].change(e);
    }
    let got =
        [after.topics, after.suggested_topics, after.rejected_topics].map(|m| Model(pairs(m)));
    assert_eq!(got, expected, "{out}");
    assert_eq!(before.title, after.title);
    assert_eq!(
        split(source).unwrap().2,
        split(&out).unwrap().2,
        "body changed"
    );
    out
}

#[test]
fn append_to_flow_list_keeps_the_trailing_comment() {
    let out = check(
        SAMPLE,
        &[add(TopicMap::Topics, "official-accounts", "1.10")],
    );
    let line = "  official-accounts: [\"1.1\", \"1.2\", \"1.7\", \"1.9\"]   # trailing comment";
    let new =
        "  official-accounts: [\"1.1\", \"1.2\", \"1.7\", \"1.9\", \"1.10\"]   # trailing comment";
    assert_eq!(out, SAMPLE.replace(line, new));
    assert_eq!(fm(&out).topics.unwrap()["official-accounts"][4], "1.10");
}

#[test]
fn new_topic_goes_at_the_end_of_the_map_in_flow_style() {
    let out = check(SAMPLE, &[add(TopicMap::Topics, "sharing", "2.b.1")]);
    assert_eq!(
        out,
        SAMPLE.replace("    - 2.a\n", "    - 2.a\n  sharing: [\"2.b.1\"]\n")
    );
}

#[test]
fn missing_map_is_added_before_the_closing_line() {
    let out = check(SAMPLE, &[add(TopicMap::Suggested, "privacy", "§16.2")]);
    let (head, tail) = SAMPLE.split_at(SAMPLE.find("---\nBody").unwrap());
    assert_eq!(
        out,
        format!("{head}suggested_topics:\n  privacy: [\"§16.2\"]\n{tail}")
    );
}

#[test]
fn confirm_moves_a_link_and_drops_the_emptied_suggestions() {
    let source = SAMPLE.replace(
        "---\nBody",
        "# proposed by klausul\nsuggested_topics:\n  sharing: [\"3.1\"]\nrejected_topics:\n  privacy: ['9']\n---\nBody",
    );
    let out = check(
        &source,
        &[
            remove(TopicMap::Suggested, "sharing", "3.1"),
            add(TopicMap::Topics, "sharing", "3.1"),
        ],
    );
    assert!(!out.contains("suggested_topics"), "{out}");
    assert!(out.contains("# a comment the author wrote\ntopics:\n"));
    assert!(
        out.contains(
            "  sharing: [\"3.1\"]\n# proposed by klausul\nrejected_topics:\n  privacy: ['9']\n---"
        ),
        "{out}"
    );
}

#[test]
fn block_lists_get_a_line_like_their_items() {
    let out = check(SAMPLE, &[add(TopicMap::Topics, "privacy", "2.b")]);
    assert_eq!(
        out,
        SAMPLE.replace("    - 2.a\n", "    - 2.a\n    - \"2.b\"\n")
    );
    let plain = "---\ntopics:\n  a:\n  - x.1 # c\n  # about b\n  b:\n  - y.2\n---\n";
    let out = check(
        plain,
        &[
            add(TopicMap::Topics, "a", "z.3"),
            add(TopicMap::Topics, "a", "1.10"),
        ],
    );
    assert_eq!(
        out,
        "---\ntopics:\n  a:\n  - x.1 # c\n  - z.3\n  - \"1.10\"\n  # about b\n  b:\n  - y.2\n---\n"
    );
    // A map whose lists are all block lists gets a block list.
    let out = check(plain, &[add(TopicMap::Topics, "c", "4")]);
    assert!(out.ends_with("  - y.2\n  c:\n  - \"4\"\n---\n"), "{out}");
}

#[test]
fn flow_lists_keep_their_quoting() {
    let source = "---\ntopics:\n  a: ['1.1']\n  b: [x.1, y.2]\n  c: []\n  d: [ ]\n---\n";
    let out = check(
        source,
        &[
            add(TopicMap::Topics, "a", "1.2"),
            add(TopicMap::Topics, "b", "z.3"),
            add(TopicMap::Topics, "b", "1.10"),
            add(TopicMap::Topics, "c", "1"),
            add(TopicMap::Topics, "d", "2"),
        ],
    );
    assert_eq!(
        out,
        "---\ntopics:\n  a: ['1.1', '1.2']\n  b: [x.1, y.2, z.3, \"1.10\"]\n  c: [\"1\"]\n  d: [ \"2\"]\n---\n"
    );
}

#[test]
fn crlf_stays_crlf() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    let edits = [
        add(TopicMap::Suggested, "sharing", "1.3"),
        add(TopicMap::Topics, "privacy", "2.b"),
        add(TopicMap::Topics, "new-one", "5"),
        add(TopicMap::Rejected, "x", "1"),
        remove(TopicMap::Topics, "photo-consent", "1.4"),
        remove(TopicMap::Rejected, "x", "1"),
    ];
    let out = check(&crlf, &edits);
    assert_eq!(out, check(SAMPLE, &edits).replace('\n', "\r\n"));
    assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
}

#[test]
fn bom_is_kept() {
    let source = format!("\u{feff}{SAMPLE}");
    let out = apply(&source, &[add(TopicMap::Topics, "privacy", "2.b")]).unwrap();
    assert_eq!(
        out,
        format!(
            "\u{feff}{}",
            check(SAMPLE, &[add(TopicMap::Topics, "privacy", "2.b")])
        )
    );
}

#[test]
fn clause_numbers_read_back_as_the_same_strings() {
    for clause in [
        "1.10", "1.0", "10", "1e5", "0x1f", "no", "2.b.1", "§16.2", "a.1", "Kap. 3", "æ.1",
    ] {
        let out = check(
            "---\ntopics:\n  a: [x]\n---\n",
            &[add(TopicMap::Topics, "a", clause)],
        );
        assert_eq!(fm(&out).topics.unwrap()["a"][1], clause);
    }
    // Topic ids YAML would read as something else are quoted too.
    let out = check(
        SAMPLE,
        &[
            add(TopicMap::Topics, "no", "1"),
            add(TopicMap::Topics, "123", "1"),
        ],
    );
    assert!(
        out.contains("  \"no\": [\"1\"]\n  \"123\": [\"1\"]\n---"),
        "{out}"
    );
}

#[test]
fn add_is_idempotent_and_absent_removes_are_no_ops() {
    let once = check(SAMPLE, &[add(TopicMap::Topics, "privacy", "3")]);
    assert_eq!(
        apply(&once, &[add(TopicMap::Topics, "privacy", "3")]).unwrap(),
        once
    );
    for e in [
        add(TopicMap::Topics, "privacy", "2.a"),
        add(TopicMap::Topics, "official-accounts", "1.2"),
        remove(TopicMap::Topics, "privacy", "9"),
        remove(TopicMap::Topics, "nope", "1.4"),
        remove(TopicMap::Suggested, "privacy", "1.4"),
    ] {
        assert_eq!(apply(SAMPLE, &[e]).unwrap(), SAMPLE);
    }
}

#[test]
fn removing_items() {
    let out = check(
        SAMPLE,
        &[remove(TopicMap::Topics, "official-accounts", "1.1")],
    );
    assert!(out.contains("  official-accounts: [\"1.2\", \"1.7\", \"1.9\"]   # trailing"));
    let out = check(
        SAMPLE,
        &[remove(TopicMap::Topics, "official-accounts", "1.9")],
    );
    assert!(out.contains("  official-accounts: [\"1.1\", \"1.2\", \"1.7\"]   # trailing"));
    let out = check(SAMPLE, &[remove(TopicMap::Topics, "privacy", "1.4")]);
    assert_eq!(out, SAMPLE.replace("    - \"1.4\"\n", ""));
    // The last item of a block list takes the topic with it.
    let out = check(
        SAMPLE,
        &[
            remove(TopicMap::Topics, "privacy", "1.4"),
            remove(TopicMap::Topics, "privacy", "2.a"),
        ],
    );
    assert_eq!(
        out,
        SAMPLE.replace("  privacy:\n    - \"1.4\"\n    - 2.a\n", "")
    );
    // A clause listed twice goes entirely.
    let out = check(
        "---\ntopics:\n  a: [\"1\", \"2\", \"1\"]\n---\n",
        &[remove(TopicMap::Topics, "a", "1")],
    );
    assert_eq!(out, "---\ntopics:\n  a: [\"2\"]\n---\n");
}

#[test]
fn emptied_topics_stay_as_an_empty_map() {
    let source = "---\n# mine\ntopics: # linked\n  a: [\"1\"]\ntitle: t\n---\nbody\n";
    let out = check(source, &[remove(TopicMap::Topics, "a", "1")]);
    assert_eq!(
        out,
        "---\n# mine\ntopics: {} # linked\ntitle: t\n---\nbody\n"
    );
}

#[test]
fn empty_maps_become_block_maps() {
    for (value, tail) in [
        ("", ""),
        (" {}", ""),
        (" ~", ""),
        (" null # none yet", " # none yet"),
    ] {
        let source = format!("---\ntopics:{value}\ntitle: t\n---\n");
        let out = check(&source, &[add(TopicMap::Topics, "a", "1")]);
        assert_eq!(
            out,
            format!("---\ntopics:{tail}\n  a: [\"1\"]\ntitle: t\n---\n")
        );
    }
    let out = check("---\n---\nbody", &[add(TopicMap::Rejected, "a", "1")]);
    assert_eq!(out, "---\nrejected_topics:\n  a: [\"1\"]\n---\nbody");
}

#[test]
fn errors_say_what_is_wrong() {
    let e = |s: &str| apply(s, &[add(TopicMap::Topics, "a", "1")]).unwrap_err();
    assert_eq!(e("---\ntopics: 3\n---\n"), EditError::NotAMap("topics"));
    assert_eq!(e("---\ntopics: [a]\n---\n"), EditError::NotAMap("topics"));
    assert_eq!(e("title: x\n"), EditError::NoFrontMatter);
    assert_eq!(e(""), EditError::NoFrontMatter);
    assert_eq!(e("---\ntitle: x\n"), EditError::Unclosed);
    assert_eq!(
        e("---\ntopics:\n  a: \"1\"\n---\n"),
        EditError::NotAList("topics", "a".into())
    );
    assert_eq!(
        e("---\ntopics:\n  a: [[1]]\n---\n"),
        EditError::NotAList("topics", "a".into())
    );
    assert_eq!(
        e("---\ntopics: {a: [\"2\"]}\n---\n"),
        EditError::FlowMap("topics")
    );
    assert!(matches!(
        e("---\ntopics:\n  a: [\"1\"\n---\n"),
        EditError::Yaml(_)
    ));
    assert!(matches!(e("---\ntitle: \"x\n---\n"), EditError::Yaml(_)));
    assert!(matches!(e("---\n- a\n---\n"), EditError::Yaml(_)));
    assert!(matches!(e("---\ntitle: x\r- y\n---\n"), EditError::Yaml(_)));
    assert!(
        e("---\ntopics: 3\n---\n")
            .to_string()
            .contains("`topics` must be a map")
    );
    let bad = |t: &str, c: &str| apply(SAMPLE, &[add(TopicMap::Topics, t, c)]).unwrap_err();
    assert_eq!(bad("Privacy", "1"), EditError::BadTopic("Privacy".into()));
    for c in ["", "1\"2", "1\\2", "1: 2", "a # b", " 1", "1\n2"] {
        assert_eq!(bad("a", c), EditError::BadClause(c.into()));
    }
    // An error in any edit leaves the whole file as it was.
    assert!(
        apply(
            SAMPLE,
            &[
                add(TopicMap::Topics, "a", "1"),
                add(TopicMap::Topics, "a", "\"")
            ]
        )
        .is_err()
    );
}

#[test]
fn no_panic_on_mutated_files() {
    const BYTES: &[u8] = b"-:[]{},#\"'\n\r \t~&*!|>?%@`\\xa19";
    let source = SAMPLE.replace(
        "---\nBody",
        "suggested_topics:\n  s:\n  - '1'\n  t: [u]\n---\nBody",
    );
    let edits = [
        remove(TopicMap::Suggested, "s", "1"),
        add(TopicMap::Topics, "s", "1"),
        add(TopicMap::Topics, "privacy", "3"),
        remove(TopicMap::Topics, "official-accounts", "1.2"),
        add(TopicMap::Rejected, "b", "§2"),
        remove(TopicMap::Topics, "privacy", "2.a"),
        remove(TopicMap::Topics, "privacy", "1.4"),
        add(TopicMap::Suggested, "s", "1.10"),
        remove(TopicMap::Suggested, "t", "u"),
        add(TopicMap::Suggested, "t", "w"),
        remove(TopicMap::Topics, "photo-consent", "1.4"),
        remove(TopicMap::Topics, "official-accounts", "1.1"),
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut edited = 0;
    for _ in 0..600 {
        let mut text: Vec<char> = source.chars().collect();
        for _ in 0..1 + next() % 6 {
            let at = (next() % text.len() as u64) as usize;
            let c = char::from(BYTES[(next() % BYTES.len() as u64) as usize]);
            match next() % 3 {
                0 => text[at] = c,
                1 => text.insert(at, c),
                _ => {
                    text.remove(at);
                }
            }
        }
        let text: String = text.into_iter().collect();
        match apply(&text, &edits) {
            Ok(out) => {
                edited += 1;
                assert_eq!(split(&text).unwrap().2, split(&out).unwrap().2);
            }
            // Refusing is fine; writing something that reads back wrong is a bug.
            Err(e) => assert!(!matches!(e, EditError::Unverified(_)), "{e} in\n{text}"),
        }
    }
    assert!(edited > 100, "only {edited} mutated files were edited");
}

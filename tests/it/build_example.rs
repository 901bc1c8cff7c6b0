//! Builds the example handbook as a user would and checks what a reader
//! sees: every UI language, every council, clause numbers as in the source.

use crate::common;
use common::*;
use serde_json::Value;

fn clause_numbers(json: &Value, council: &str, doc: &str) -> Vec<String> {
    let c = json["councils"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == council)
        .unwrap();
    let d = c["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == doc)
        .unwrap();
    d["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|cl| cl["kind"] == "item")
        .map(|cl| cl["number"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn example_handbook_builds_in_four_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = build_example(&out);
    assert!(run.stdout.contains("4 councils"), "{}", run.stdout);
    for lang in ["nb", "nn", "da", "en"] {
        for page in [
            "index.html",
            "topics/index.html",
            "topics/confidentiality.html",
            "compare/index.html",
            "volda/index.html",
            "volda/sosiale-medium.html",
            "verdal/ansattes-bruk.html",
            "verdal/offisielle-kontoer.html",
            "norddjurs/sociale-medier-guide.html",
            "bodo/etiske-retningslinjer-media.html",
        ] {
            let html = read(&out.join(lang).join(page));
            assert!(
                html.starts_with("<!DOCTYPE html>\n<html lang=\""),
                "{lang}/{page}"
            );
            assert!(
                html.contains(&format!("<html lang=\"{lang}\">")),
                "{lang}/{page} has the UI language"
            );
        }
    }
    // The root sends readers to the default language without JavaScript.
    let root = read(&out.join("index.html"));
    assert!(root.contains("http-equiv=\"refresh\" content=\"0; url=nb/index.html\""));
    assert!(!root.contains("<script"));
    // UI text is localised.
    assert!(read(&out.join("nn/index.html")).contains("Kommunar"));
    assert!(read(&out.join("da/index.html")).contains("Kommuner"));
    assert!(read(&out.join("en/index.html")).contains("Councils"));
}

#[test]
fn volda_clauses_are_numbered_as_in_the_source() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    let json: Value = serde_json::from_str(&read(&out.join("data/handbook.json"))).unwrap();
    let mut expected: Vec<String> = (1..=11).map(|n| format!("1.{n}")).collect();
    expected.extend("abcdefghij".chars().map(|c| format!("2.{c}")));
    expected.extend("abcdefgh".chars().map(|c| format!("3.{c}")));
    assert_eq!(clause_numbers(&json, "volda", "sosiale-medium"), expected);
    assert_eq!(
        clause_numbers(&json, "verdal", "offisielle-kontoer"),
        [
            "1.1", "1.2", "2.a", "2.b", "2.b.1", "2.b.2", "2.c", "2.d", "2.e", "3.1", "3.2"
        ]
    );
    assert_eq!(
        clause_numbers(&json, "bodo", "etiske-retningslinjer-media"),
        [
            "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.a", "3.b"
        ]
    );
    // Each clause is on the page with its number and a permalink anchor.
    let page = read(&out.join("nn/volda/sosiale-medium.html"));
    assert!(page.contains(
        "<li id=\"k-1.7\" class=\"clause\"><a class=\"clause-no\" href=\"#k-1.7\">1.7</a>"
    ));
    assert!(page.contains("id=\"k-2.i\""));
    assert!(page.contains("<div class=\"doc-body\" lang=\"nn\">"));
}

#[test]
fn document_pages_carry_metadata_topics_and_example_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    let volda = read(&out.join("en/volda/sosiale-medium.html"));
    assert!(volda.contains("<time datetime=\"2020-01-01\">1 January 2020</time>"));
    assert!(volda.contains("href=\"https://www.volda.kommune.no/\""));
    // Clause 2.i links to its topic, titled in the UI language.
    let two_i = volda
        .split("id=\"k-2.i\"")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(
        two_i.contains("href=\"../topics/confidentiality.html\">Duty of confidentiality</a>"),
        "{two_i}"
    );
    assert!(
        !volda.contains("badge-example"),
        "Volda's wording is not example text"
    );
    let nb_volda = read(&out.join("nb/volda/sosiale-medium.html"));
    assert!(nb_volda.contains("1. januar 2020"));
    for (lang, page, label) in [
        ("nb", "verdal/ansattes-bruk.html", "Eksempeltekst"),
        (
            "en",
            "bodo/etiske-retningslinjer-media.html",
            "Example text",
        ),
        ("da", "norddjurs/sociale-medier-guide.html", "Eksempeltekst"),
    ] {
        let html = read(&out.join(lang).join(page));
        assert!(
            html.contains(&format!("badge-example\">{label}</strong>")),
            "{lang}/{page}"
        );
    }
}

#[test]
fn cross_references_resolve_to_clause_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    let norddjurs = read(&out.join("en/norddjurs/sociale-medier-guide.html"));
    assert!(
        norddjurs.contains(
            "<a class=\"xref\" href=\"../volda/sosiale-medium.html#k-2.i\">Volda kommune 2.i</a>"
        ),
        "{norddjurs}"
    );
    assert!(norddjurs.contains("<a class=\"xref xref-topic\" href=\"../topics/confidentiality.html\">Duty of confidentiality</a>"));
    let nn = read(&out.join("nn/norddjurs/sociale-medier-guide.html"));
    assert!(nn.contains("href=\"../topics/confidentiality.html\">Teieplikt</a>"));
    let verdal = read(&out.join("nb/verdal/ansattes-bruk.html"));
    assert!(verdal.contains("href=\"../verdal/ansattes-bruk.html#k-2.a\">2.a</a>"));
}

#[test]
fn topic_pages_and_table_list_every_council() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    let topic = read(&out.join("nb/topics/confidentiality.html"));
    for (council, lang) in [
        ("Volda kommune", "nn"),
        ("Norddjurs Kommune", "da"),
        ("Verdal kommune", "nb"),
        ("Bodø kommune", "nb"),
    ] {
        assert!(
            topic.contains(&format!(">{council}</a></h2>")),
            "{council} on the topic page"
        );
        assert!(topic.contains(&format!("<section class=\"variant\" lang=\"{lang}\"")));
    }
    assert!(topic.contains("href=\"../volda/sosiale-medium.html#k-2.i\">Volda kommune 2.i</a>"));
    // A topic some councils are silent on lists them.
    let crisis = read(&out.join("en/topics/crisis.html"));
    assert!(crisis.contains("Councils without clauses on this topic"));
    let table = read(&out.join("en/compare/index.html"));
    assert!(table.contains("<caption id=\"compare-caption\">28 topics in 4 councils</caption>"));
    assert!(table.contains("<th scope=\"row\">"));
    assert!(table.contains("not addressed"));
    // Downloads for a spreadsheet: UTF-8 with BOM, semicolons.
    let csv = std::fs::read(out.join("data/comparison.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFgroup;topic;title;"));
    let csv = String::from_utf8(csv).unwrap();
    let confidentiality = csv
        .lines()
        .find(|l| l.contains(";confidentiality;"))
        .unwrap();
    assert!(
        confidentiality.contains("1.5, 2.i, 3.b"),
        "{confidentiality}"
    );
    assert!(confidentiality.ends_with(";4/4"), "{confidentiality}");
    let json: Value = serde_json::from_str(&read(&out.join("data/comparison.json"))).unwrap();
    let conf = json["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "confidentiality")
        .unwrap();
    assert_eq!(conf["clauses"]["volda"][1]["number"], "2.i");
    assert_eq!(
        conf["clauses"]["volda"][1]["path"],
        "volda/sosiale-medium.html#k-2.i"
    );
}

#[test]
fn clauses_link_back_to_the_places_that_cite_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    // In Verdal's ansattes-bruk as in force (its 2011 version), 3.1 cites
    // 2.a. Its 2021 proposal cites offisielle-kontoer 1.2, but a version
    // not in force cites nothing.
    let page = read(&out.join("en/verdal/ansattes-bruk.html"));
    let clause = page
        .split("id=\"k-2.a\"")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(clause.contains("Cited by:"), "{clause}");
    assert!(
        clause.contains("href=\"../verdal/ansattes-bruk.html#k-3.1\">Verdal kommune 3.1</a>"),
        "{clause}"
    );
    let kontoer = read(&out.join("en/verdal/offisielle-kontoer.html"));
    let cited = kontoer
        .split("id=\"k-1.2\"")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(!cited.contains("ansattes-bruk"), "{cited}");
}

#[test]
fn same_language_variants_can_be_compared_word_by_word() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    // The word-by-word comparison is drawn in the browser from the columns'
    // own text: each column carries its language and, for national
    // guidance, that it is the reference.
    let topic = read(&out.join("en/topics/confidentiality.html"));
    assert!(topic.contains("<input type=\"checkbox\" id=\"show-diff\""));
    assert!(topic.contains("data-baseline=\"Baseline for the comparison\""));
    assert!(topic.contains("<script src=\"../../static/klausul.js\" defer></script>"));
    // The filter works on data the page carries; without JavaScript the
    // form stays hidden and every council is shown.
    assert!(
        topic.contains("<form class=\"filters screen-only\" data-filter-for=\"variants\" hidden>")
    );
    assert!(topic.contains("data-council=\"volda\" data-country=\"NO\" data-lang=\"nn\""));
    let js = read(&out.join("static/klausul.js"));
    assert!(js.contains("function wordDiff("));
}

#[test]
fn documents_can_be_compared_from_data_scripts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    let page = read(&out.join("da/compare/documents.html"));
    assert!(page.contains("<option value=\"volda--sosiale-medium\""));
    let data = read(&out.join("data/docs/volda--sosiale-medium.js"));
    assert!(data.starts_with("window.klausulDocument({"));
    let json: Value = serde_json::from_str(
        data.trim_start_matches("window.klausulDocument(")
            .trim_end()
            .trim_end_matches(");"),
    )
    .unwrap();
    assert_eq!(json["lang"], "nn");
    let two_i = json["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "2.i")
        .unwrap();
    assert_eq!(two_i["topics"], serde_json::json!(["confidentiality"]));
    assert_eq!(two_i["href"], "../volda/sosiale-medium.html#k-2.i");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_example(&a);
    build_example(&b);
    let files_a = files(&a);
    assert_eq!(files_a, files(&b));
    assert!(files_a.len() > 100);
    for f in files_a {
        assert!(
            std::fs::read(a.join(&f)).unwrap() == std::fs::read(b.join(&f)).unwrap(),
            "{} differs",
            f.display()
        );
    }
}

#[test]
fn handbook_json_has_the_documented_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);
    let json: Value = serde_json::from_str(&read(&out.join("data/handbook.json"))).unwrap();
    assert_eq!(json["format"], 2);
    assert_eq!(
        json["languages"],
        serde_json::json!(["nb", "nn", "da", "en"])
    );
    let topics: usize = json["topic_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["topics"].as_array().unwrap().len())
        .sum();
    assert!(topics >= 20);
    let volda = json["councils"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "volda")
        .unwrap();
    assert_eq!(volda["country"], "NO");
    assert_eq!(volda["language"], "nn");
    let doc = &volda["documents"][0];
    assert_eq!(doc["adopted"], "2020-01-01");
    assert_eq!(doc["status"], "adopted");
    assert_eq!(doc["example"], false);
    let clause = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["number"] == "2.i")
        .unwrap();
    assert_eq!(clause["anchor"], "k-2.i");
    assert_eq!(clause["lang"], "nn");
    assert_eq!(clause["topics"], serde_json::json!(["confidentiality"]));
    assert!(
        clause["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("teieplikt")
    );
    // Every document lists its versions, oldest first; the one shown is
    // the document itself, with the same clauses and date.
    for doc in json["councils"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["documents"].as_array().unwrap())
    {
        let versions = doc["versions"].as_array().unwrap();
        assert!(!versions.is_empty(), "{}", doc["id"]);
        assert!(versions[0].get("changes").is_none());
        let shown: Vec<&Value> = versions
            .iter()
            .filter(|v| v["in_force_now"] == true)
            .collect();
        assert_eq!(shown.len(), 1, "{}", doc["id"]);
        let shown = shown[0];
        assert_eq!(shown["date"], doc["version"]);
        for key in [
            "title", "status", "adopted", "in_force", "proposed", "example",
        ] {
            assert_eq!(shown[key], doc[key], "{} {key}", doc["id"]);
        }
        let ids = |list: &Value, key: &str| -> Vec<String> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|c| c[key].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(ids(&shown["clauses"], "id"), ids(&doc["clauses"], "number"));
        for v in &versions[1..] {
            assert!(!v["changes"].as_array().unwrap().is_empty());
        }
    }
    assert_eq!(doc["version"], "2020-01-01");
}

//! Builds the example handbook and checks what search needs: the index
//! script with every council in it, the search page in every UI language,
//! and the ways to reach it (main menu, the form on the home page).

use crate::common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn index_json(js: &str) -> Value {
    let start = js.find('{').expect("the index assigns an object");
    let end = js.rfind('}').unwrap();
    serde_json::from_str(&js[start..=end]).expect("the index is JSON")
}

#[test]
fn the_build_writes_a_search_index_and_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_example(&out);

    // The index: a script that sets one global, loadable from file://.
    let js = read(&out.join("static/search-index.js"));
    assert!(js.contains("window.KlausulSearchIndex = {"));
    let index = index_json(&js);
    assert_eq!(index["format"], 1);
    let councils: BTreeSet<&str> = index["councils"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[0].as_str().unwrap())
        .collect();
    assert_eq!(
        councils,
        BTreeSet::from(["bodo", "norddjurs", "verdal", "volda"])
    );
    // Every council has clauses in the index, in its documents' languages.
    let docs = index["docs"].as_array().unwrap();
    let clauses = index["clauses"].as_array().unwrap();
    // Verdal's ansattes-bruk is indexed as in force: its 2011 version's
    // 11 clauses, not the 15 of the 2021 proposal.
    assert_eq!(clauses.len(), 82);
    let mut indexed: BTreeSet<(&str, &str)> = BTreeSet::new();
    for c in clauses {
        let doc = &docs[c[0].as_u64().unwrap() as usize];
        let council = index["councils"][doc[0].as_u64().unwrap() as usize][0]
            .as_str()
            .unwrap();
        indexed.insert((council, doc[3].as_str().unwrap()));
    }
    assert_eq!(
        indexed,
        BTreeSet::from([
            ("bodo", "nb"),
            ("norddjurs", "da"),
            ("verdal", "nb"),
            ("volda", "nn")
        ])
    );
    // Clause numbers and excerpts as in the source.
    assert!(
        clauses
            .iter()
            .any(|c| c[1] == "2.i" && c[2].as_str().unwrap().to_lowercase().contains("teieplikt"))
    );
    let terms: Vec<&str> = index["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for stem in ["teieplikt", "taushetsplikt", "tavshedsp", "ytringsfri"] {
        assert!(terms.contains(&stem), "{stem} is indexed");
    }
    eprintln!(
        "search index of the example handbook: {} bytes, {} clauses, {} terms",
        js.len(),
        clauses.len(),
        terms.len()
    );

    for lang in ["nb", "nn", "da", "en"] {
        let page = read(&out.join(lang).join("search.html"));
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        assert!(page.contains("<label for=\"search-input\">"), "{lang}");
        assert!(page.contains("<input type=\"search\" id=\"search-input\" name=\"q\""));
        assert!(
            page.contains("role=\"status\""),
            "a live region announces the count"
        );
        assert!(
            page.contains("<noscript>"),
            "the page says search needs JavaScript"
        );
        assert!(page.contains("<script src=\"../static/search-index.js\" defer></script>"));
        assert!(page.contains("<script src=\"../static/search.js\" defer></script>"));
        assert!(page.contains("data-count-other=\"{count} "), "{lang}");
        assert!(
            !page.contains("search-title"),
            "{lang}: every string is translated"
        );
        // The main menu links to search from every page, relatively.
        assert!(page.contains("<a href=\"search.html\">"));
        let doc = read(&out.join(lang).join("volda/sosiale-medium.html"));
        assert!(doc.contains("<a href=\"../search.html\">"), "{lang}");
        // The home page has a GET form to the search page.
        let home = read(&out.join(lang).join("index.html"));
        assert!(
            home.contains("action=\"search.html\" method=\"get\""),
            "{lang}"
        );
        assert!(home.contains("name=\"q\""));
    }
    assert_eq!(
        read(&out.join("static/search.js")),
        read(&example_root().join("themes/default/static/search.js"))
    );
    assert!(out.join("static/search.css").is_file());
}

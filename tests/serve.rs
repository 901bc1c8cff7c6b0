//! The author's loop: a change to one document rebuilds the pages it shows
//! up on, not the whole site; a mistake keeps the last good site.

mod common;
use common::*;
use klausul::serve::Session;
use std::path::PathBuf;

fn session(root: &std::path::Path) -> (Session, PathBuf, tempfile::TempDir) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_path_buf();
    let s = match klausul::serve::session_for(root, &out) {
        Ok(s) => s,
        Err(f) => panic!("{:?}", f.diagnostics),
    };
    (s, out, out_dir)
}

#[test]
fn editing_one_document_rebuilds_only_its_pages() {
    let tmp = copy_example();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (mut s, out, _keep) = session(&root);
    let doc = root.join("content/volda/sosiale-medium.md");
    let untouched = out.join("nb/bodo/etiske-retningslinjer-media.html");
    let untouched_before = std::fs::metadata(&untouched).unwrap().modified().unwrap();

    let text = read(&doc).replace(
        "Teieplikta gjeld i sosiale medium",
        "Teieplikta gjeld alltid i sosiale medium",
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&doc, text).unwrap();
    let reloaded = std::cell::Cell::new(false);
    let r = s
        .rebuild(Some(std::slice::from_ref(&doc)), &|| reloaded.set(true))
        .unwrap();
    assert!(reloaded.get());
    assert!(!r.full, "a document edit is not a full rebuild");
    assert!(r.written > 0 && r.written < 60, "wrote {} files", r.written);
    assert!(
        read(&out.join("nn/volda/sosiale-medium.html")).contains("gjeld alltid i sosiale medium")
    );
    assert!(
        read(&out.join("en/topics/confidentiality.html")).contains("gjeld alltid i sosiale medium")
    );
    assert!(read(&out.join("nb/print.html")).contains("gjeld alltid i sosiale medium"));
    assert!(read(&out.join("static/search-index.js")).contains("alltid"));
    assert_eq!(
        std::fs::metadata(&untouched).unwrap().modified().unwrap(),
        untouched_before,
        "other councils' pages are not rewritten"
    );
    // Pages carry the live-reload script.
    assert!(read(&out.join("nb/index.html")).contains("static/live-reload.js"));
}

#[test]
fn a_mistake_keeps_the_last_good_site() {
    let tmp = copy_example();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let (mut s, out, _keep) = session(&root);
    let page = out.join("nn/volda/sosiale-medium.html");
    let before = read(&page);
    let doc = root.join("content/volda/sosiale-medium.md");
    std::fs::write(
        &doc,
        read(&doc).replace("confidentiality:", "confidentialty:"),
    )
    .unwrap();
    let err = match s.rebuild(Some(std::slice::from_ref(&doc)), &|| {
        panic!("no reload on error")
    }) {
        Ok(_) => panic!("the build should fail"),
        Err(f) => f,
    };
    let text = klausul::diag::render_all(&err.diagnostics, false);
    assert!(text.contains("unknown topic `confidentialty`"), "{text}");
    assert_eq!(read(&page), before);
}

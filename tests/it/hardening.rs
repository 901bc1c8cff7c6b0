//! An author's files are never lost and nothing from outside the handbook
//! is published: the output folder is checked after links and `..` are
//! resolved, killed builds are cleaned up by the next one, and links or
//! active files in content are refused at their line.

use crate::common;
use common::*;
use std::path::Path;

const DOC: &str = "content/eksempel/sosiale-medier.md";

/// The handbook's files, so a test can assert that none was touched.
fn snapshot(root: &Path) -> Vec<(std::path::PathBuf, String)> {
    files(root)
        .into_iter()
        .filter(|p| !p.starts_with("public"))
        .map(|p| {
            let text = read(&root.join(&p));
            (p, text)
        })
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Folders that builds leave beside their output while they run or when
/// killed, once the background removal of old output has had its time.
fn leftovers(dir: &Path) -> Vec<String> {
    let stale = || -> Vec<String> {
        names(dir)
            .into_iter()
            .filter(|n| n.starts_with(".klausul-build-") || n.starts_with(".klausul-old-"))
            .collect()
    };
    for _ in 0..300 {
        if stale().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    stale()
}

#[test]
fn an_output_folder_inside_content_is_refused() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let before = snapshot(&root);
    for out in ["content/eksempel", "content/..", "content/eksempel/../.."] {
        let run = build_into(&root, &root.join(out), &root);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(
            run.stderr.contains("refusing to build into"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(snapshot(&root), before);
    assert!(
        names(&root.join("content"))
            .iter()
            .all(|n| !n.starts_with(".klausul")),
        "no staging folder inside content/"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_root_cannot_build_over_itself() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let link = tmp.path().join("hblink");
    std::os::unix::fs::symlink(&root, &link).unwrap();
    let before = snapshot(&root);
    let run = build_into(&link, &root, tmp.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    // From inside the handbook, through `..`.
    let run = klausul(&["build", "--root", ".", "--out", "../hb"], &root);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("would replace the handbook itself"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&root), before);
    assert_eq!(names(tmp.path()), ["hb", "hblink"]);
}

#[test]
fn a_folder_klausul_did_not_make_is_not_emptied_without_force() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let notes = tmp.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("mine.txt"), "the author's notes").unwrap();
    let run = build_into(&root, &notes, &root);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("has files that Klausul did not make")
            && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&notes.join("mine.txt")), "the author's notes");
    // Klausul's own output is replaced without asking, and --force replaces
    // the other folder.
    let out = tmp.path().join("site");
    assert_eq!(build_into(&root, &out, &root).code, 0);
    assert!(out.join(".klausul-site").is_file());
    assert_eq!(build_into(&root, &out, &root).code, 0);
    let forced = klausul(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--out",
            notes.to_str().unwrap(),
            "--force",
        ],
        &root,
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(!notes.join("mine.txt").exists());
    assert!(notes.join("nb/index.html").is_file());
}

#[test]
fn a_root_that_is_not_a_handbook_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["build", "--root", "/nonexistent/klausul-handbook"],
        vec!["check", "--root", "/nonexistent/klausul-handbook"],
        vec!["build", "--root", tmp.path().to_str().unwrap()],
    ] {
        let run = klausul(&args, tmp.path());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(names(tmp.path()).is_empty(), "nothing written");
}

#[test]
fn a_killed_build_is_cleaned_up_by_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = example_root();
    build_example(&out);
    // Kill builds at different moments; whatever they left, the next build
    // restores or replaces the output and removes the rest.
    for delay_ms in [5u64, 40, 120, 300] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_klausul"))
            .args(["build", "--root", root.to_str().unwrap(), "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
    }
    build_example(&out);
    assert!(out.join("nb/index.html").is_file());
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn links_out_of_the_handbook_are_refused_at_their_line() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let secret = tmp.path().join("secret");
    std::fs::create_dir(&secret).unwrap();
    std::fs::write(secret.join("passwd"), "root:x:0:0:SECRET-LINE").unwrap();
    std::os::unix::fs::symlink(&secret, root.join("content/eksempel/bilder")).unwrap();
    let text = read(&root.join(DOC)).replace(
        "Dette er et eksempel.",
        "Dette er et eksempel.\n\n![Kart](bilder/passwd)",
    );
    std::fs::write(root.join(DOC), text).unwrap();
    let run = build_into(&root, &root.join("public"), &root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/eksempel/sosiale-medier.md:16:")
            && run.stderr.contains("leads out of its folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("SECRET-LINE"));
    assert!(!root.join("public").exists());

    // A council.yaml that is a link to a file elsewhere is not read.
    std::fs::remove_file(root.join("content/eksempel/bilder")).unwrap();
    std::fs::write(
        root.join(DOC),
        read(&root.join(DOC)).replace("![Kart](bilder/passwd)", ""),
    )
    .unwrap();
    std::fs::remove_file(root.join("content/eksempel/council.yaml")).unwrap();
    std::os::unix::fs::symlink(
        secret.join("passwd"),
        root.join("content/eksempel/council.yaml"),
    )
    .unwrap();
    let run = build_into(&root, &root.join("public"), &root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/eksempel/council.yaml")
            && run.stderr.contains("link that leads out of the handbook"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("SECRET-LINE"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn linked_documents_and_council_folders_are_skipped_with_a_warning() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let elsewhere = tmp.path().join("elsewhere");
    copy_dir(&root.join("content/eksempel"), &elsewhere);
    std::fs::rename(
        elsewhere.join("sosiale-medier.md"),
        elsewhere.join("annet.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("content/lenket")).unwrap();
    std::os::unix::fs::symlink(
        elsewhere.join("annet.md"),
        root.join("content/eksempel/annet.md"),
    )
    .unwrap();
    let run = build_into(&root, &root.join("public"), &root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/lenket")
            && run.stderr.contains("council folder is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/eksempel/annet.md")
            && run.stderr.contains("document is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!root.join("public/nb/lenket").exists());
    assert!(!root.join("public/nb/eksempel/annet.html").exists());
}

#[test]
fn active_attachments_and_scripted_svg_are_refused() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let dir = root.join("content/eksempel");
    std::fs::write(
        dir.join("kart.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>"#,
    )
    .unwrap();
    std::fs::write(dir.join("vedlegg.html"), "<script>alert(1)</script>").unwrap();
    std::fs::write(
        dir.join("logo.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>"#,
    )
    .unwrap();
    let text = read(&root.join(DOC)).replace(
        "Dette er et eksempel.",
        "Dette er et eksempel.\n\n![Kart](kart.svg) og [vedlegget](vedlegg.html), ![Logo](logo.svg)",
    );
    std::fs::write(root.join(DOC), text).unwrap();
    let run = build_into(&root, &root.join("public"), &root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let e = &run.stderr;
    assert!(
        e.contains("content/eksempel/sosiale-medier.md:16:")
            && e.contains("`kart.svg` has a <script> element"),
        "{e}"
    );
    assert!(
        e.contains("`vedlegg.html` would open as a web page or script"),
        "{e}"
    );
    assert!(!e.contains("logo.svg`"), "a plain drawing is fine: {e}");
    assert!(e.contains("2 errors"), "{e}");
}

#[cfg(unix)]
#[test]
fn strings_and_theme_files_may_not_come_from_outside() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("static")).unwrap();
    std::fs::write(elsewhere.join("static/secret.txt"), "SECRET").unwrap();
    std::fs::create_dir_all(root.join("themes")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("themes/default")).unwrap();
    std::fs::create_dir_all(root.join("locales")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("locales/nb")).unwrap();
    let run = build_into(&root, &root.join("public"), &root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for shown in ["themes/default", "locales/nb"] {
        assert!(
            run.stderr.contains(&format!(
                "`{shown}` is a link that leads out of the handbook"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(!root.join("public").exists());
}

#[test]
fn a_file_too_large_to_be_a_guideline_is_refused_without_reading_it_whole() {
    let tmp = init_handbook();
    let root = tmp.path().join("hb");
    let mut text = read(&root.join(DOC));
    let line = "Ein lang linje med tekst som gjentek seg.\n";
    text.push_str(&line.repeat(11 * 1024 * 1024 / line.len()));
    std::fs::write(root.join(DOC), text).unwrap();
    let run = klausul(&["check", "--root", root.to_str().unwrap()], &root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/eksempel/sosiale-medier.md")
            && run.stderr.contains("larger than 10 MB"),
        "{}",
        run.stderr
    );
}

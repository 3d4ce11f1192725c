//! Writing and swapping, on folders made here: the previous output must survive every failure
//! byte for byte, and only guidewright's own leftovers are removed.

use super::*;
use crate::render::OutputFile;

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// Every file below `dir` with its bytes, in path order.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

/// The names in `dir` other than `keep`.
fn others(dir: &Path, keep: &str) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

fn dest(path: &Path) -> Destination {
    check(path, &Rules::default()).unwrap()
}

#[test]
fn a_write_that_fails_part_way_leaves_the_previous_output_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let first = vec![file("index.html", "first"), file("guides/a.html", "page a")];
    write_site(&dest(&site), &first).unwrap();
    let before = snapshot(&site);
    assert_eq!(before.len(), 3, "two files and the marker: {before:?}");

    // Many files write fine, then `a` must be both a file and a folder.
    let mut second: Vec<OutputFile> = (0..200)
        .map(|i| file(&format!("p/{i}.html"), "new"))
        .collect();
    second.push(file("a", "a file"));
    second.push(file("a/b", "a file inside a file"));
    second.push(file("index.html", "second"));
    assert!(write_site(&dest(&site), &second).is_err());
    assert_eq!(snapshot(&site), before, "the previous output changed");
    assert_eq!(
        others(tmp.path(), "site"),
        Vec::<String>::new(),
        "a temporary folder is left"
    );
}

#[test]
fn a_successful_write_replaces_everything_and_marks_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    write_site(&dest(&site), &[file("old.html", "old")]).unwrap();
    write_site(&dest(&site), &[file("new/index.html", "new")]).unwrap();
    let got = snapshot(&site);
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, [MARKER, "new/index.html"]);
    assert_eq!(got[0].1, marker_text().as_bytes());
    assert!(marker_text().starts_with(&format!("guidewright {}\n", env!("CARGO_PKG_VERSION"))));
    assert_eq!(others(tmp.path(), "site"), Vec::<String>::new());
}

#[test]
fn only_marked_leftovers_of_dead_runs_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    // A process id that is not running: above Linux's largest (4194304).
    let dead = 4_194_305u32;
    let marked = tmp.path().join(format!(".site.guidewright-new-{dead}"));
    let marked_old = tmp.path().join(format!(".site.guidewright-old-{dead}"));
    let unmarked = tmp
        .path()
        .join(format!(".site.guidewright-new-{}", dead + 1));
    let other_name = tmp.path().join(format!(".other.guidewright-new-{dead}"));
    let odd_name = tmp.path().join(".site.guidewright-new-x1");
    for d in [&marked, &marked_old, &unmarked, &other_name, &odd_name] {
        fs::create_dir(d).unwrap();
        fs::write(d.join("page.html"), "half written").unwrap();
    }
    for d in [&marked, &marked_old, &other_name, &odd_name] {
        fs::write(d.join(MARKER), marker_text()).unwrap();
    }
    // The marker must be the real one, not any file of that name.
    fs::write(unmarked.join(MARKER), "not ours").unwrap();
    // Killed between making its folder and finishing the marker.
    let empty = tmp
        .path()
        .join(format!(".site.guidewright-new-{}", dead + 2));
    let half_marker = tmp
        .path()
        .join(format!(".site.guidewright-new-{}", dead + 3));
    fs::create_dir(&empty).unwrap();
    fs::create_dir(&half_marker).unwrap();
    fs::write(half_marker.join(MARKER), "guide").unwrap();
    write_site(&dest(&site), &[file("index.html", "x")]).unwrap();
    assert!(
        !marked.exists() && !marked_old.exists(),
        "leftovers not removed"
    );
    assert!(
        !empty.exists() && !half_marker.exists(),
        "empty leftovers not removed"
    );
    for d in [&unmarked, &other_name, &odd_name] {
        assert!(d.join("page.html").exists(), "{d:?} was removed");
    }
}

#[test]
fn a_folder_that_changed_after_the_check_is_checked_again() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let d = dest(&site);
    fs::create_dir(&site).unwrap();
    fs::write(site.join("mine.txt"), "the user's").unwrap();
    let e = write_site(&d, &[file("index.html", "x")]).unwrap_err();
    assert!(e.to_string().contains("--force"), "{e}");
    assert_eq!(
        fs::read_to_string(site.join("mine.txt")).unwrap(),
        "the user's"
    );
}

#[test]
fn unrelated_folders_need_force_and_files_are_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("notes.md"), "mine").unwrap();
    assert!(matches!(
        check(&docs, &Rules::default()),
        Err(Refusal::NotOurs { .. })
    ));
    let forced = Rules {
        force: true,
        ..Rules::default()
    };
    assert_eq!(check(&docs, &forced).unwrap().state, State::Forced);
    let plain = tmp.path().join("plain");
    fs::write(&plain, "a file").unwrap();
    assert!(matches!(
        check(&plain, &forced),
        Err(Refusal::NotAFolder { .. })
    ));
    fs::create_dir(tmp.path().join("empty")).unwrap();
    assert_eq!(
        check(&tmp.path().join("empty"), &Rules::default())
            .unwrap()
            .state,
        State::Empty
    );
}

#[cfg(unix)]
#[test]
fn a_forced_folder_is_removed_without_writing_through_its_links() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside.txt");
    fs::write(&outside, "keep me").unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(docs.join("sub")).unwrap();
    fs::write(docs.join("sub/notes.md"), "mine").unwrap();
    // A link named like the marker, pointing out of the folder.
    std::os::unix::fs::symlink(&outside, docs.join(MARKER)).unwrap();
    std::os::unix::fs::symlink(&outside, docs.join("link.txt")).unwrap();
    let forced = Rules {
        force: true,
        ..Rules::default()
    };
    let d = check(&docs, &forced).unwrap();
    write_site(&d, &[file("index.html", "new")]).unwrap();
    assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
    assert_eq!(snapshot(&docs).len(), 2, "only the marker and index.html");
    assert_eq!(others(tmp.path(), "docs"), ["outside.txt"]);
}

//! Hostile or malformed content never panics: each file gets a located error and exit 1.

mod common;
use common::Project;

#[test]
fn malformed_files_are_reported_without_panicking() {
    let cases: &[(&str, &[u8])] = &[
        ("scales/empty.yaml", b""),
        ("scales/binary.yaml", &[0xff, 0xfe, 0x00, 0x41, 0x80]),
        ("scales/list.yaml", b"- just\n- a list\n"),
        ("scales/tabs.yaml", b"title:\n\t- x\n"),
        ("scales/deep.yaml", &[b'['; 5000]),
        ("scales/negative.yaml", b"title: x\nlevels:\n  - {id: a, label: A, definition: d, colour: purple}\n"),
        ("findings/huge.yaml", b"title: t\nsource: {publication: p}\nsample: {count: 99999999999999999999999, unit: u}\n"),
        ("examples/dup.yaml", b"title: a\ntitle: b\n"),
        ("quotes/alias.yaml", b"a: &x [1, 2]\nquotes: *x\n"),
        ("guides/orphan/chapter.yaml", b"title: t\nkind: introduction\nsections: []\n"),
    ];
    for (rel, bytes) in cases {
        let p = Project::sample();
        let path = p.path(&format!("content/{rel}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        let r = p.run(&["build"]);
        assert_eq!(
            r.code, 1,
            "{rel}: expected a content error, got:\n{}",
            r.stderr
        );
        assert!(
            !r.stderr.contains("panicked"),
            "{rel} panicked:\n{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!("content/{rel}:")),
            "{rel} not named:\n{}",
            r.stderr
        );
        assert!(
            !r.stderr.contains(&format!("content/{rel}:0")),
            "{rel}: lines count from 1:\n{}",
            r.stderr
        );
        assert!(
            !p.path("output").exists(),
            "{rel}: nothing is written on failure"
        );
    }
}

#[test]
fn files_outside_the_layout_are_warned_about() {
    let p = Project::sample();
    p.write("notes/ideas.yaml", "anything: goes\n");
    let r = p.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("content/notes/ideas.yaml"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("not part of the content layout"),
        "{}",
        r.stderr
    );
    assert_eq!(p.run(&["check", "--deny-warnings"]).code, 1);
}

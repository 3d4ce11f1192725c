//! The output folder, as a user meets it: `build` and `collect` replace only what guidewright
//! made, never a folder the run depends on (even with `--force`), swap the new output in so a
//! failure part-way leaves the old one byte for byte, and clear what killed runs left behind.

mod common;
use common::{snapshot, Project, Run};
use std::path::Path;
use std::process::Command;

/// The marker a build must leave, from the version in Cargo.toml.
fn marker_start() -> String {
    format!("guidewright {}\n", env!("CARGO_PKG_VERSION"))
}

/// Names in `dir` that start with a dot (where temporary folders would be).
fn dot_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

fn run_with_home(dir: &Path, home: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_guidewright"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn an_unrelated_folder_is_refused_until_forced_then_recognised() {
    let p = Project::sample();
    std::fs::create_dir_all(p.path("docs/drafts")).unwrap();
    std::fs::write(p.path("docs/drafts/plan.md"), "my plan").unwrap();
    let r = p.run(&["build", "--output", "docs"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("docs is not empty and was not made by guidewright")
            && r.stderr.contains("--force"),
        "the message says why and how to proceed:\n{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(p.path("docs/drafts/plan.md")).unwrap(),
        "my plan"
    );
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());

    let r = p.run(&["build", "--output", "docs", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !p.path("docs/drafts").exists(),
        "--force replaces the folder"
    );
    assert!(p.path("docs/index.html").exists());
    let marker = std::fs::read_to_string(p.path("docs/.guidewright")).unwrap();
    assert!(marker.starts_with(&marker_start()), "{marker}");
    // Now it is an earlier output: replaced without --force.
    std::fs::write(p.path("docs/stale.html"), "stale").unwrap();
    let r = p.run(&["build", "--output", "docs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!p.path("docs/stale.html").exists());
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());

    // An empty folder is fine too; a file is not a folder, even with --force.
    std::fs::create_dir(p.path("empty")).unwrap();
    assert_eq!(p.run(&["build", "--output", "empty"]).code, 0);
    std::fs::write(p.path("site.txt"), "a file").unwrap();
    let r = p.run(&["build", "--output", "site.txt", "--force"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is not a folder"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(p.path("site.txt")).unwrap(),
        "a file"
    );
}

#[test]
fn folders_the_run_depends_on_are_refused_even_with_force() {
    let p = Project::sample();
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(p.path("templates/404.html"), "{% extends \"base.html\" %}").unwrap();
    std::fs::create_dir_all(p.path("home")).unwrap();
    std::fs::write(p.path("home/keep.txt"), "home").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("content", p.path("link-to-content")).unwrap();
    let project = p.dir.path().to_str().unwrap().to_string();
    let home = p.path("home");
    let before = snapshot(p.dir.path());
    for (output, why) in [
        (".", "holds the content folder"),
        ("..", "holds the content folder"),
        (project.as_str(), "holds the content folder"),
        ("/", "root of the file system"),
        ("content", "is the content folder"),
        ("./content/", "is the content folder"),
        ("content/../content", "is the content folder"),
        ("new/../content", "is the content folder"),
        ("content/guides", "is inside the content folder"),
        ("templates", "is the templates folder"),
        #[cfg(unix)]
        ("link-to-content", "is the content folder"),
        ("home", "is your home folder"),
    ] {
        for args in [
            vec!["build", "--output", output, "--force"],
            vec![
                "collect",
                "--checklist",
                "kps-self-assessment",
                "--output",
                output,
                "--force",
                "returns.json",
            ],
        ] {
            let r = run_with_home(p.dir.path(), &home, &args);
            assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
            assert!(
                r.stderr.contains(why),
                "{args:?}: expected `{why}` in\n{}",
                r.stderr
            );
            assert!(
                output == "/" || r.stderr.contains("--force does not override this"),
                "{}",
                r.stderr
            );
        }
    }
    assert!(
        snapshot(p.dir.path()) == before,
        "a refused run changed the project"
    );
    // The current folder, and a folder holding it, when they do not hold the content.
    std::fs::create_dir_all(p.path("elsewhere/deeper")).unwrap();
    for (dir, output) in [("elsewhere", "."), ("elsewhere/deeper", "..")] {
        let r = common::run_in(
            &p.path(dir),
            &[
                "build",
                "--content",
                &format!("{project}/content"),
                "--output",
                output,
                "--force",
            ],
        );
        assert_eq!(r.code, 1);
        let why = if output == "." {
            "is the current folder"
        } else {
            "holds the current folder"
        };
        assert!(r.stderr.contains(why), "{}", r.stderr);
    }
    // The parent of the content folder, when it is not the current folder.
    std::fs::create_dir_all(p.path("work")).unwrap();
    std::fs::rename(p.path("content"), p.path("work/content")).unwrap();
    let r = p.run(&[
        "build",
        "--content",
        "work/content",
        "--output",
        "work",
        "--force",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("holds the content folder"),
        "{}",
        r.stderr
    );
    assert!(p.path("work/content/site.yaml").exists());
    // The default templates folder beside the content, even when it does not exist yet (a site
    // written there would be read back as templates).
    let r = p.run(&[
        "build",
        "--content",
        "work/content",
        "--output",
        "work/templates",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("is the templates folder"), "{}", r.stderr);
    assert!(!p.path("work/templates").exists());
}

/// A real return for the sample checklist.
fn write_return(path: &Path, case: &str, team: &str) {
    let json = serde_json::json!({"format": "guidewright-return", "checklist": "kps-self-assessment",
        "version": "1.0", "metadata": {"case-reference": case, "team": team},
        "answers": {"kps-q1": {"answer": "yes"}}, "actions": [], "sign_off": {}});
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, json.to_string()).unwrap();
}

#[test]
fn collect_follows_the_same_rules_and_marks_its_report() {
    let p = Project::sample();
    write_return(&p.path("returns/a.json"), "C-1", "North");
    let collect = |output: &str, extra: &[&str]| {
        let mut args = vec![
            "collect",
            "--checklist",
            "kps-self-assessment",
            "--output",
            output,
        ];
        args.extend(extra);
        p.run(&args)
    };
    std::fs::create_dir_all(p.path("notes")).unwrap();
    std::fs::write(p.path("notes/minutes.txt"), "minutes").unwrap();
    let r = collect("notes", &["returns"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert!(p.path("notes/minutes.txt").exists());
    // The returns being read are never replaced.
    let r = collect("returns", &["--force", "returns/a.json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("holds returns being read"),
        "{}",
        r.stderr
    );
    assert!(p.path("returns/a.json").exists());

    let r = collect("notes", &["--force", "returns"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!p.path("notes/minutes.txt").exists());
    let marker = std::fs::read_to_string(p.path("notes/.guidewright")).unwrap();
    assert!(marker.starts_with(&marker_start()));
    let r = collect("notes", &["returns"]);
    assert_eq!(r.code, 0, "an earlier report is replaced: {}", r.stderr);
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
}

#[test]
fn a_write_that_fails_part_way_leaves_the_previous_output_byte_identical() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = snapshot(&p.path("output"));
    assert!(before.len() > 40);
    // The theme has a file assets/favicon.svg; a project's folder of that name
    // passes validation, templates and rendering, and fails only when written (a folder
    // where a file must go), after many files are already written.
    std::fs::create_dir_all(p.path("templates/static/favicon.svg")).unwrap();
    std::fs::write(p.path("templates/static/favicon.svg/notes.txt"), "notes").unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error: writing output"), "{}", r.stderr);
    assert!(
        snapshot(&p.path("output")) == before,
        "the previous output changed"
    );
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
}

#[test]
fn a_template_that_fails_while_pages_are_written_leaves_the_previous_output() {
    // Pages go into the temporary folder as they are rendered: a chapter template that fails
    // (an unknown variable) does so after other pages are already written there.
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = snapshot(&p.path("output"));
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(
        p.path("templates/chapter.html"),
        "{{ no_such_thing.at_all }}",
    )
    .unwrap();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("chapter.html"), "{}", r.stderr);
    assert!(
        snapshot(&p.path("output")) == before,
        "the previous output changed"
    );
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
}

#[test]
fn leftovers_of_killed_builds_are_removed_and_nothing_else() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let marker = std::fs::read(p.path("output/.guidewright")).unwrap();
    // Folders as a build killed part-way leaves them (its process is gone: no process has an
    // id this large on Linux) ...
    let dead = 4_194_305;
    for kind in ["new", "old"] {
        let d = p.path(&format!(".output.guidewright-{kind}-{dead}"));
        std::fs::create_dir_all(d.join("guides")).unwrap();
        std::fs::write(d.join(".guidewright"), &marker).unwrap();
        std::fs::write(d.join("guides/half.html"), "half").unwrap();
    }
    // ... and folders of that name that guidewright did not make, or of another output.
    let unmarked = p.path(&format!(".output.guidewright-new-{}", dead + 1));
    let other = p.path(&format!(".site.guidewright-new-{dead}"));
    for d in [&unmarked, &other] {
        std::fs::create_dir_all(d).unwrap();
        std::fs::write(d.join("mine.txt"), "mine").unwrap();
    }
    std::fs::write(other.join(".guidewright"), &marker).unwrap();
    assert_eq!(p.run(&["build"]).code, 0);
    let mut left = dot_entries(p.dir.path());
    left.sort();
    assert_eq!(
        left,
        [
            format!(".output.guidewright-new-{}", dead + 1),
            format!(".site.guidewright-new-{dead}")
        ]
    );
    assert!(unmarked.join("mine.txt").exists() && other.join("mine.txt").exists());
}

#[cfg(unix)]
#[test]
fn a_build_killed_while_writing_leaves_an_output_and_the_next_build_cleans_up() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let mut caught = false;
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidewright"))
            .arg("build")
            .current_dir(p.dir.path())
            .env("NO_COLOR", "1")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let tmp = p.path(&format!(".output.guidewright-new-{}", child.id()));
        // Kill it (SIGKILL) once it has written its marker and begun on the files.
        let writing = || std::fs::read_dir(&tmp).is_ok_and(|d| d.count() >= 2);
        while !writing() && child.try_wait().unwrap().is_none() {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // There is always a whole output: the old one or the new one.
        assert!(p.path("output/index.html").exists() && p.path("output/.guidewright").exists());
        if tmp.exists() {
            assert!(tmp.join(".guidewright").exists(), "the marker comes first");
            caught = true;
            break;
        }
    }
    assert!(caught, "never caught a build while it was writing");
    assert_eq!(p.run(&["build"]).code, 0);
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
    assert!(p.path("output/index.html").exists());
}

/// What a build does with `docs` when `docs/.guidewright` holds `marker`: (exit code, whether
/// `docs/keep.txt` survived).
fn build_over_marker(marker: &[u8]) -> (i32, bool) {
    let p = Project::sample();
    std::fs::create_dir_all(p.path("docs")).unwrap();
    std::fs::write(p.path("docs/keep.txt"), "mine").unwrap();
    std::fs::write(p.path("docs/.guidewright"), marker).unwrap();
    let r = p.run(&["build", "--output", "docs"]);
    if r.code != 0 {
        assert!(r.stderr.contains("not made by guidewright"), "{}", r.stderr);
    }
    (r.code, p.path("docs/keep.txt").exists())
}

#[test]
fn only_a_small_marker_file_starting_guidewright_marks_an_output() {
    // A marker is a plain file that starts "guidewright "; it is read only when under 4 KiB
    // (4096 bytes), so a large file of that name is never read whole.
    let padded = |len: usize| {
        let mut m = marker_start().into_bytes();
        m.resize(len, b'x');
        m
    };
    assert_eq!(build_over_marker(&padded(4095)), (0, false), "a marker");
    assert_eq!(
        build_over_marker(&padded(4096)),
        (1, true),
        "4 KiB is too big"
    );
    assert_eq!(
        build_over_marker(b"notes made by hand\n"),
        (1, true),
        "a file of that name with other words is not a marker"
    );
    assert_eq!(
        build_over_marker(b"guidewright"),
        (1, true),
        "the space belongs"
    );
}

/// A folder beside `target` named as this process's own temporary folder would be.
fn own_sibling(target: &Path, kind: &str) -> std::path::PathBuf {
    let name = target.file_name().unwrap().to_string_lossy();
    target.with_file_name(format!(".{name}.guidewright-{kind}-{}", std::process::id()))
}

#[test]
fn a_folder_in_the_way_of_the_new_output_is_replaced_only_when_marked() {
    use guidewright::output::{check, write_site, Rules};
    use guidewright::render::OutputFile;
    // Called in this process, whose id the temporary folder's name carries: a folder of that
    // name was left by an earlier process that had the same id.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    let files = [OutputFile {
        path: "index.html".into(),
        bytes: b"<p>new</p>".to_vec(),
    }];
    let in_way = own_sibling(&target, "new");
    std::fs::create_dir(&in_way).unwrap();
    std::fs::write(in_way.join("mine.txt"), "mine").unwrap();
    let dest = check(&target, &Rules::default()).unwrap();
    let err = write_site(&dest, &files).unwrap_err().to_string();
    assert!(
        err.contains("is in the way and was not made by guidewright"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(in_way.join("mine.txt")).unwrap(),
        "mine"
    );
    assert!(!target.exists());
    // Marked, it is an earlier run's and goes.
    std::fs::write(in_way.join(".guidewright"), marker_start()).unwrap();
    write_site(&dest, &files).unwrap();
    assert_eq!(
        std::fs::read(target.join("index.html")).unwrap(),
        b"<p>new</p>"
    );
    assert_eq!(dot_entries(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_run_killed_while_removing_an_unmarked_old_output_leaves_it_marked() {
    // `--force` over a folder guidewright did not make: once swapped out, that folder is marked
    // before it is emptied, so a run killed meanwhile leaves a folder the next run removes.
    let p = Project::sample();
    let mut caught = false;
    for _ in 0..3 {
        let old = p.path("docs/old");
        std::fs::create_dir_all(&old).unwrap();
        let many = 20_000;
        for i in 0..many {
            std::fs::write(old.join(format!("{i}.txt")), "x").unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidewright"))
            .args(["build", "--output", "docs", "--force"])
            .current_dir(p.dir.path())
            .env("NO_COLOR", "1")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The swapped-out folder is one of the run's temporary folders; kill the run (SIGKILL)
        // once it has begun to empty it.
        let aside = || {
            dot_entries(p.dir.path())
                .into_iter()
                .map(|n| p.path(&n))
                .find(|d| std::fs::read_dir(d.join("old")).is_ok_and(|e| e.count() < many))
        };
        let mut seen = None;
        while seen.is_none() && child.try_wait().unwrap().is_none() {
            seen = aside();
        }
        child.kill().unwrap();
        child.wait().unwrap();
        if let Some(d) = seen.filter(|d| d.exists()) {
            assert!(
                d.join(".guidewright").is_file(),
                "the old folder was emptied before it was marked"
            );
            caught = true;
            break;
        }
        // The run finished first: start again from an unrelated folder.
        std::fs::remove_dir_all(p.path("docs")).unwrap();
    }
    assert!(caught, "never caught a run while it removed the old output");
    assert_eq!(p.run(&["build", "--output", "docs"]).code, 0);
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
}

#[test]
fn force_replaces_a_folder_whatever_stands_at_the_marker_name() {
    for kind in ["words", "folder", "big"] {
        let p = Project::sample();
        std::fs::create_dir_all(p.path("docs")).unwrap();
        std::fs::write(p.path("docs/keep.txt"), "mine").unwrap();
        let at = p.path("docs/.guidewright");
        match kind {
            "words" => std::fs::write(&at, "notes made by hand\n").unwrap(),
            "folder" => {
                std::fs::create_dir(&at).unwrap();
                std::fs::write(at.join("inside.txt"), "inside").unwrap();
            }
            _ => std::fs::write(&at, "guidewright ".repeat(1000)).unwrap(),
        }
        let r = p.run(&["build", "--output", "docs", "--force"]);
        assert_eq!(r.code, 0, "{kind}: {}", r.stderr);
        assert!(!p.path("docs/keep.txt").exists(), "{kind}");
        let marker = std::fs::read_to_string(&at).unwrap();
        assert!(marker.starts_with(&marker_start()), "{kind}: {marker}");
        assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new(), "{kind}");
    }
}

#[cfg(unix)]
#[test]
fn a_temporary_folder_of_a_process_still_running_is_left_alone() {
    let p = Project::sample();
    assert_eq!(p.run(&["build"]).code, 0);
    let marker = std::fs::read(p.path("output/.guidewright")).unwrap();
    // A folder named for a process that is running (another build, for all this one knows).
    let mut other = Command::new("sleep").arg("60").spawn().unwrap();
    let busy = p.path(&format!(".output.guidewright-new-{}", other.id()));
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join(".guidewright"), &marker).unwrap();
    std::fs::write(busy.join("half.html"), "half").unwrap();
    let r = p.run(&["build"]);
    other.kill().unwrap();
    other.wait().unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        busy.join("half.html").exists(),
        "a running process's folder was removed"
    );
    // Once that process has gone, the next run removes it.
    assert_eq!(p.run(&["build"]).code, 0);
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
}

#[test]
fn the_templates_folder_is_refused_even_before_it_exists() {
    // No templates folder yet (the built-in templates are used): writing the site there would
    // make the next build read the site as its templates.
    let p = Project::sample();
    assert!(!p.path("templates").exists());
    let r = p.run(&["build", "--output", "templates", "--force"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("it is the templates folder"),
        "{}",
        r.stderr
    );
    assert!(!p.path("templates").exists());
    assert_eq!(dot_entries(p.dir.path()), Vec::<String>::new());
}

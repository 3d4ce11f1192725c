//! `serve` on the bilingual sample (`languages: [en, cy]`): an edit re-renders only what it
//! touches in each language, files added and deleted are picked up, a bad edit keeps the last
//! good site, and each language's PDFs are typeset.

mod common;

use common::Project;
use guidewright::serve::builder::{Builder, Outcome};
use guidewright::serve::site::{Change, Shared};
use guidewright::serve::ServeOptions;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

const GUIDE: &str = "guides/keeping-people-safe";
const WELSH: &str = "guides/keeping-people-safe/kps-introduction.cy.yaml";

/// A builder of the project's preview, with the served state it publishes to.
struct Preview {
    builder: Builder,
    shared: Arc<Shared>,
    _pdf_jobs: std::sync::mpsc::Receiver<guidewright::serve::pdfs::Job>,
}

impl Preview {
    fn new(project: &Project) -> Preview {
        let opts = ServeOptions {
            content: project.path("content"),
            templates: None,
            bind: std::net::Ipv4Addr::LOCALHOST.into(),
            port: 0,
            drafts: false,
            quiet: true,
        };
        let shared = Arc::new(Shared::default());
        let (jobs, queue) = std::sync::mpsc::channel();
        let builder = Builder::new(opts, "http://127.0.0.1:1/".into(), shared.clone(), jobs);
        let mut p = Preview {
            builder,
            shared,
            _pdf_jobs: queue,
        };
        let first = p.builder.rebuild(true);
        assert!(matches!(first, Outcome::Built { .. }), "{first:?}");
        p
    }

    /// Waits for the search indexes, sitemaps and feeds made in the background.
    fn settle(&self) -> std::sync::MutexGuard<'_, guidewright::serve::site::Served> {
        let s = self
            .shared
            .wait_until(std::time::Duration::from_secs(300), |s| {
                !s.site_files.pending()
            });
        assert!(!s.site_files.pending(), "site files still being made");
        s
    }

    fn files(&self) -> HashMap<String, Arc<Vec<u8>>> {
        self.shared.lock().files.clone()
    }

    /// Rebuilds after `rel` changed; returns the outcome and the paths published as changed
    /// (every path, when the build broke or recovered).
    fn rebuild(&mut self, project: &Project, rel: &str) -> (Outcome, BTreeSet<String>) {
        let since = self.shared.lock().generation;
        self.builder
            .changed(&[project.path(&format!("content/{rel}"))]);
        let outcome = self.builder.rebuild(false);
        let done = self.settle();
        let paths = match done.changes_since(since) {
            None => BTreeSet::new(),
            Some(Change::Paths(p)) => p,
            Some(Change::All) => ["*".to_string()].into(),
        };
        (outcome, paths)
    }

    fn page(&self, path: &str) -> String {
        let files = self.files();
        let bytes = files.get(path).unwrap_or_else(|| panic!("{path} served"));
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}

fn rendered(outcome: &Outcome) -> (usize, usize) {
    match outcome {
        Outcome::Built {
            pages_rendered,
            pages_total,
            ..
        } => (*pages_rendered, *pages_total),
        Outcome::Failed(e) => panic!("{e}"),
    }
}

/// The paths whose bytes differ between two served sites (or that only one has).
fn differences(
    a: &HashMap<String, Arc<Vec<u8>>>,
    b: &HashMap<String, Arc<Vec<u8>>>,
) -> BTreeSet<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

#[test]
fn an_edit_to_a_welsh_chapter_changes_only_its_welsh_page_and_search_index() {
    let project = Project::sample();
    let mut preview = Preview::new(&project);
    let before = preview.files();
    let page = format!("cy/{GUIDE}/kps-introduction.html");
    assert!(!preview.page(&page).contains("zebra"));

    project.edit(
        WELSH,
        "Mae diogelu'r cyhoedd",
        "Mae zebra diogelu'r cyhoedd",
    );
    let (outcome, changed) = preview.rebuild(&project, WELSH);
    let (done, total) = rendered(&outcome);
    // A section's body is shown on its chapter's page and searched in its language's index.
    // (The index's chunks and result files are named by what they hold, so which of them
    // change depends on the words: all of them are under the Welsh index's folder.)
    let index = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter(|f| !f.starts_with("cy/assets/search/"))
            .cloned()
            .collect()
    };
    let want: BTreeSet<String> = [page.clone()].into();
    assert_eq!(index(&changed), want);
    assert!(changed.contains("cy/assets/search/index.js"), "{changed:?}");
    let diff = differences(&before, &preview.files());
    assert_eq!(index(&diff), want);
    assert!(diff.iter().any(|f| f.starts_with("cy/assets/search/")));
    assert!(preview.page(&page).contains("Mae zebra diogelu"));
    assert!(
        done <= 2,
        "{done} of {total} pages rendered for one Welsh chapter"
    );
}

#[test]
fn a_welsh_navigation_label_changes_the_welsh_pages_that_link_to_the_chapter_only() {
    let project = Project::sample();
    let mut preview = Preview::new(&project);
    let before = preview.files();
    project.edit(
        WELSH,
        "nav_label: Cyflwyniad\n",
        "nav_label: Cyflwyniad byr\n",
    );
    let (outcome, changed) = preview.rebuild(&project, WELSH);
    let (done, total) = rendered(&outcome);
    assert!(done < total / 2, "{done} of {total} pages rendered");
    assert_eq!(changed, differences(&before, &preview.files()));
    assert!(
        changed.iter().all(|p| p.starts_with("cy/")),
        "only Welsh files change: {changed:?}"
    );
    // The chapter's own contents list, and the next chapter's "Previous" link and contents.
    for page in ["kps-introduction.html", "kps-evidence.html"] {
        let path = format!("cy/{GUIDE}/{page}");
        assert!(
            changed.contains(&path),
            "{path} not re-rendered: {changed:?}"
        );
        assert!(preview.page(&path).contains("Cyflwyniad byr"), "{path}");
    }
}

#[test]
fn an_english_edit_leaves_every_welsh_page_as_it_was() {
    let project = Project::sample();
    let mut preview = Preview::new(&project);
    let before = preview.files();
    let rel = format!("{GUIDE}/kps-introduction.yaml");
    let text = project.read(&rel);
    let word = text
        .lines()
        .find(|l| l.starts_with("      ") && l.contains(" the "))
        .expect("a prose line");
    project.edit(&rel, word, &word.replacen(" the ", " the zebra ", 1));
    let (_, changed) = preview.rebuild(&project, &rel);
    assert!(changed.contains(&format!("{GUIDE}/kps-introduction.html")));
    assert!(
        changed.iter().all(|p| !p.starts_with("cy/")),
        "an English edit changed Welsh files: {changed:?}"
    );
    assert_eq!(changed, differences(&before, &preview.files()));
}

#[test]
fn added_and_deleted_files_are_picked_up_in_each_language() {
    let project = Project::sample();
    let mut preview = Preview::new(&project);
    let welsh_planning = format!("cy/{GUIDE}/kps-planning.html");
    let stub = preview.page(&welsh_planning);

    // A new Welsh translation replaces the page saying the chapter is not translated.
    let english = project.read(&format!("{GUIDE}/kps-planning.yaml"));
    let title = english.lines().next().unwrap();
    let rel = format!("{GUIDE}/kps-planning.cy.yaml");
    project.write(&rel, &english.replacen(title, "title: Cynllunio zebra", 1));
    let (outcome, changed) = preview.rebuild(&project, &rel);
    rendered(&outcome);
    assert!(changed.contains(&welsh_planning));
    assert!(preview.page(&welsh_planning).contains("Cynllunio zebra"));
    assert!(
        changed.iter().all(|p| !p.starts_with("guides/")),
        "{changed:?}"
    );

    // Deleted again: the page says so once more.
    std::fs::remove_file(project.path(&format!("content/{rel}"))).unwrap();
    let (outcome, _) = preview.rebuild(&project, &rel);
    rendered(&outcome);
    assert_eq!(preview.page(&welsh_planning), stub);

    // A chapter deleted (and taken out of its guide) leaves both languages' sites.
    let guide = format!("{GUIDE}/guide.yaml");
    project.edit(&guide, "  - kps-resources\n", "");
    project.edit(&format!("{GUIDE}/guide.cy.yaml"), "  - kps-resources\n", "");
    std::fs::remove_file(project.path(&format!("content/{GUIDE}/kps-resources.yaml"))).unwrap();
    let (outcome, changed) = preview.rebuild(&project, &guide);
    rendered(&outcome);
    let files = preview.files();
    for path in [
        format!("{GUIDE}/kps-resources.html"),
        format!("cy/{GUIDE}/kps-resources.html"),
    ] {
        assert!(!files.contains_key(&path), "{path} still served");
        assert!(changed.contains(&path), "{path} not announced");
    }
}

#[test]
fn a_bad_welsh_edit_shows_where_it_is_and_keeps_the_last_good_site() {
    let project = Project::sample();
    let mut preview = Preview::new(&project);
    let good = preview.files();
    let original = project.read(WELSH);
    project.edit(WELSH, "kind: introduction\n", "kind: [introduction\n");
    let (outcome, _) = preview.rebuild(&project, WELSH);
    let Outcome::Failed(report) = outcome else {
        panic!("a broken file must fail the build");
    };
    assert!(report.contains("kps-introduction.cy.yaml:3:"), "{report}");
    assert_eq!(preview.files(), good, "the last good site is kept");
    assert!(preview.shared.lock().error.is_some());

    // Put back byte for byte (the cache knows these bytes): the site is as it was.
    project.write(WELSH, &original);
    let (outcome, _) = preview.rebuild(&project, WELSH);
    rendered(&outcome);
    assert!(preview.shared.lock().error.is_none());
    assert_eq!(preview.files(), good);
}

#[test]
fn two_quick_edits_of_the_same_size_are_both_served() {
    let project = Project::sample();
    let mut preview = Preview::new(&project);
    let page = format!("cy/{GUIDE}/kps-introduction.html");
    for word in ["zebraone", "zebratwo", "zebrasix"] {
        let text = project
            .read(WELSH)
            .replace("zebraone ", "")
            .replace("zebratwo ", "");
        project.write(
            WELSH,
            &text.replacen("Mae diogelu'r", &format!("Mae {word} diogelu'r"), 1),
        );
        // No watcher here: the cache alone must notice the change.
        let outcome = preview.builder.rebuild(false);
        rendered(&outcome);
        drop(preview.settle());
        assert!(preview.page(&page).contains(word), "{word} not served");
    }
}

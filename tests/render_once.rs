//! Markdown shown on several pages is rendered once (see `src/markdown/cache.rs`), yet reads
//! on each page as that page needs it: links relative to the page, headings below the page's
//! own.

mod common;
use common::Project;

#[test]
fn an_entity_shown_on_two_pages_reads_right_on_each() {
    let p = Project::sample();
    // An evidence summary with a link into the site and a heading of its own: shown on the
    // evidence page (one folder down, the summary below the page's h1) and in a chapter (two
    // folders down, below the section's h2).
    p.edit(
        "evidence/kcs-evidence-summary.yaml",
        "summary: |\n",
        "summary: |\n  See [the resources chapter](ref:kcs-resources).\n\n  # Planted heading\n\n  Planted text.\n\n",
    );
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read = |rel: &str| std::fs::read_to_string(p.path(&format!("output/{rel}"))).unwrap();
    let target = "guides/keeping-the-child-safe/kcs-resources.html";
    let own = read("evidence/kcs-evidence-summary.html");
    let chapter = read("guides/keeping-the-child-safe/kcs-evidence.html");
    // The address of the same chapter from each page, worked out by hand from the two paths.
    let link = |up: &str| format!("<a href=\"{up}{target}\">the resources chapter</a>");
    assert!(own.contains(&link("../")), "evidence page:\n{own}");
    assert!(!own.contains(&link("../../")));
    assert!(
        chapter.contains(&link("../../")),
        "chapter page:\n{chapter}"
    );
    // The summary's heading sits below the page's own headings: h2 under the evidence page's
    // h1, h3 under the chapter section's h2.
    let heading = |level: u8| {
        format!("<h{level} id=\"kcs-evidence-summary-planted-heading\">Planted heading</h{level}>")
    };
    assert!(own.contains(&heading(2)), "evidence page:\n{own}");
    assert!(chapter.contains(&heading(3)), "chapter page:\n{chapter}");
    assert!(!chapter.contains(&heading(2)));
    // Both links resolve to the chapter's page.
    assert!(p.path(&format!("output/{target}")).is_file());
}

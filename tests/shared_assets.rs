//! The sample's two languages share one `assets/` folder: no asset is written twice (the
//! Welsh folder keeps only its own search index), and every reference to an asset from every
//! page, in either language, leads to a file that exists.

mod common;
use common::Project;
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file below `dir`, as a path relative to it with `/`.
fn files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn languages_share_one_assets_folder_and_every_asset_reference_resolves() {
    let p = Project::sample();
    let r = p.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = p.path("output");
    let all = files(&out);
    // No two asset files hold the same bytes; the Welsh folder's only asset is its index.
    let mut by_bytes: BTreeMap<Vec<u8>, Vec<&str>> = BTreeMap::new();
    for f in all.iter().filter(|f| f.contains("assets/")) {
        by_bytes
            .entry(std::fs::read(out.join(f)).unwrap())
            .or_default()
            .push(f);
    }
    let twice: Vec<_> = by_bytes.values().filter(|v| v.len() > 1).collect();
    assert!(twice.is_empty(), "written twice: {twice:?}");
    let welsh: Vec<&String> = all.iter().filter(|f| f.starts_with("cy/assets/")).collect();
    // Only the Welsh search index (its manifest, chunks and result files) is the language's own.
    assert!(
        welsh.iter().all(|f| f.starts_with("cy/assets/search/")),
        "{welsh:?}"
    );
    assert!(welsh.iter().any(|f| *f == "cy/assets/search/index.js"));
    assert!(all.iter().any(|f| f.starts_with("assets/style.")));
    // Every asset a page refers to exists, resolved from the page's own address.
    let refs = Selector::parse("link[href], script[src], img[src], a[href]").unwrap();
    let base = url::Url::parse("https://example.org/guidance/").unwrap();
    let (mut checked, mut welsh_refs, mut missing) = (0, 0, Vec::new());
    for page in all.iter().filter(|f| f.ends_with(".html")) {
        let doc = Html::parse_document(&std::fs::read_to_string(out.join(page)).unwrap());
        let here = base.join(page).unwrap();
        for e in doc.select(&refs) {
            let v = e.value();
            let Some(href) = v.attr("href").or(v.attr("src")) else {
                continue;
            };
            if !href.contains("assets/") {
                continue;
            }
            let target = here.join(href).unwrap();
            let Some(rel) = target.as_str().strip_prefix(base.as_str()) else {
                missing.push(format!("{page}: {href} leads out of the site"));
                continue;
            };
            let rel = rel.split(['#', '?']).next().unwrap();
            checked += 1;
            welsh_refs += usize::from(page.starts_with("cy/"));
            if !out.join(rel).is_file() {
                missing.push(format!("{page}: {href} -> {rel}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // Each page links its style sheet and icon, so there are many of each language's.
    assert!(
        checked > 150 && welsh_refs > 80,
        "{checked} checked, {welsh_refs} Welsh"
    );
}

//! Search at scale: the benchmark corpus (`benches/peers/gen.py` and `gen_guidewright.py`, the
//! same generator the peer benchmark uses) of `GW_SEARCH_PAGES` pages (2,000 by default), with
//! one word put on one page, is built and searched in headless Chromium by
//! `tests/browser/search-corpus.mjs`, served and from disk: the word is found on its page, and
//! the query downloads at most about 300 KB of index (`GW_SEARCH_MAX_BYTES`).
//!
//! The default size keeps CI quick with the test build; the bound holds at 20,000 pages too
//! (README, "Search"), which this test checks with the release binary:
//! `GW_SEARCH_PAGES=20000 GW_GUIDEWRIGHT=target/release/guidewright cargo test --test search_corpus`.

mod common;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The word put on one page; the generator's vocabulary does not have it.
const WORD: &str = "quillwort";

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// Writes the corpus of `pages` pages into `dir` and returns its guidewright content folder.
fn corpus(pages: usize, dir: &Path) -> PathBuf {
    // GW_CORPUS_GEN: another copy of the generator's folder.
    let gen = std::env::var_os("GW_CORPUS_GEN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers"),
        PathBuf::from,
    );
    for script in ["gen.py", "gen_guidewright.py"] {
        let mut cmd = Command::new("python3");
        cmd.arg(gen.join(script));
        if script == "gen.py" {
            cmd.arg(pages.to_string());
        }
        let out = cmd.arg(dir).output().expect("python3 is needed");
        assert!(
            out.status.success(),
            "{script}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    dir.join("guidewright/content")
}

/// Puts [`WORD`] (beside text that looks like markup) at the start of the first section of
/// one chapter; returns the chapter's page below the site root.
fn plant_word(content: &Path) -> String {
    let guides = content.join("guides");
    let mut guide_dirs: Vec<PathBuf> = std::fs::read_dir(&guides)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    guide_dirs.sort();
    let guide = &guide_dirs[guide_dirs.len() / 2];
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(guide)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "guide.yaml")
        .collect();
    chapters.sort();
    let chapter = &chapters[chapters.len() / 2];
    let yaml = std::fs::read_to_string(chapter).unwrap();
    let planted = yaml.replacen(
        "    body: |-\n",
        &format!(
            "    body: |-\n      Only this page has {WORD}, beside `</script>` and \
             `<img src=x onerror=\"window.gwPwned=1\">` written as text.\n\n"
        ),
        1,
    );
    assert_ne!(planted, yaml, "{}: no section body", chapter.display());
    std::fs::write(chapter, planted).unwrap();
    let stem = |p: &Path| p.file_stem().unwrap().to_string_lossy().into_owned();
    let guide_id = guide.file_name().unwrap().to_string_lossy().into_owned();
    format!("guides/{guide_id}/{}.html", stem(chapter))
}

#[test]
fn a_word_on_one_page_of_a_large_site_is_found_downloading_little_of_the_index() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        here.join("node_modules/playwright-core").is_dir(),
        "run `npm ci --prefix tests/browser` first (and install Chromium): tests/run does both"
    );
    let pages: usize = env_or("GW_SEARCH_PAGES", "2000").parse().unwrap();
    let max_bytes = env_or("GW_SEARCH_MAX_BYTES", "300000");
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(pages, &tmp.path().join("corpus"));
    let expected = plant_word(&content);
    let site = tmp.path().join("site");
    let bin = env_or("GW_GUIDEWRIGHT", env!("CARGO_BIN_EXE_guidewright"));
    let build = Command::new(&bin)
        .args(["build", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    // The word is on that page of the built site and on no other.
    let with_word: Vec<String> = common::snapshot(&site)
        .into_iter()
        .filter(|(f, b)| f.ends_with(".html") && String::from_utf8_lossy(b).contains(WORD))
        .map(|(f, _)| f.replace('\\', "/"))
        .collect();
    assert_eq!(with_word, std::slice::from_ref(&expected));
    let out = Command::new("node")
        .arg(here.join("search-corpus.mjs"))
        .arg(&site)
        .args([WORD, &expected, &max_bytes])
        .output()
        .expect("node is needed for the browser test");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{pages} pages:\n{text}");
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("6 passed, 0 failed"), "{text}");
}

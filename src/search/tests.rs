//! The index read back as `search.js` reads it: manifest, then the chunk a key falls in, then
//! the terms a word form leads to.

use super::files::{CHUNK_BYTES, EXCERPT_CHARS, PAGES_PER_FILE};
use super::keys::MAX_POSTINGS;
use super::*;
use crate::render::search::{SearchDoc, SearchSection};
use serde_json::Value;
use std::collections::BTreeMap;

fn page(url: &str, title: &str, text: &str, sections: &[(&str, &str, &str)]) -> Page {
    SearchDoc {
        url: url.into(),
        title: title.into(),
        group: "Guide".into(),
        text: text.into(),
        sections: sections
            .iter()
            .map(|(id, heading, text)| SearchSection {
                id: (*id).into(),
                heading: (*heading).into(),
                text: (*text).into(),
            })
            .collect(),
    }
}

/// Filler text made of a few common words, as most of a large site is.
fn filler(n: usize) -> String {
    let words = [
        "the", "case", "record", "review", "and", "plan", "of", "risk",
    ];
    (0..n)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The built index, by path.
struct Index {
    files: BTreeMap<String, String>,
}

impl Index {
    fn new(language: &str, pages: &[Page]) -> Index {
        let files = index_files(language, pages)
            .into_iter()
            .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
            .collect();
        Index { files }
    }

    /// The JSON a script file passes to its function (`prefix` up to the data).
    fn data(&self, path: &str, prefix: &str) -> Value {
        let text = &self.files[path];
        let json = text
            .strip_prefix(prefix)
            .and_then(|t| t.strip_suffix(");\n").or_else(|| t.strip_suffix(";\n")))
            .unwrap_or_else(|| panic!("{path} is not a call of {prefix}: {text:.80}"));
        serde_json::from_str(json).unwrap()
    }

    fn manifest(&self) -> Value {
        self.data(MANIFEST, "window.guidewrightSearchIndex=")
    }

    /// The chunk `key` falls in: the last whose first key is not after it.
    fn chunk_of(&self, key: &str) -> (String, Value) {
        let m = self.manifest();
        let chunks = m["chunks"].as_array().unwrap();
        let name = chunks
            .iter()
            .rev()
            .find(|c| keys::js_order(c[0].as_str().unwrap(), key).is_le())
            .map(|c| c[1].as_str().unwrap().to_string())
            .unwrap();
        let path = format!("assets/search/t/{name}.js");
        let data = self.data(&path, &format!("guidewrightSearchChunk(\"{name}\","));
        (path, data)
    }

    fn entry(&self, key: &str) -> Option<Value> {
        let (_, chunk) = self.chunk_of(key);
        chunk
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e[0] == key)
            .cloned()
    }

    /// The (page address, section anchor) of every entry a folded word is found in, as the
    /// browser finds them: the key's own postings and those of the terms it leads to.
    fn find(&self, word: &str) -> Vec<(String, String)> {
        let Some(e) = self.entry(word) else {
            return Vec::new();
        };
        let mut found = self.postings(&e);
        for t in e.get(3).and_then(Value::as_array).into_iter().flatten() {
            found.extend(self.postings(&self.entry(t.as_str().unwrap()).unwrap()));
        }
        found.sort();
        found.dedup();
        found
    }

    fn postings(&self, e: &Value) -> Vec<(String, String)> {
        let flat: Vec<u64> = e[2]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let mut page = 0;
        flat.chunks(3)
            .map(|p| {
                page += p[0];
                let doc = self.page(page);
                let anchor = doc["s"][p[1] as usize][0].as_str().unwrap().to_string();
                (doc["u"].as_str().unwrap().to_string(), anchor)
            })
            .collect()
    }

    /// What page `n`'s results show, from its file (eight pages to a file).
    fn page(&self, n: u64) -> Value {
        let file = n / PAGES_PER_FILE as u64;
        let pages = self.data(
            &format!("assets/search/p/{file}.js"),
            &format!("guidewrightSearchPages({file},"),
        );
        pages[(n % PAGES_PER_FILE as u64) as usize].clone()
    }
}

/// A site of `n` pages of filler, one of which (number `special`) also holds `extra` in its
/// second section.
fn site(n: usize, special: usize, extra: &str) -> Vec<Page> {
    (0..n)
        .map(|i| {
            let second = if i == special {
                format!("{} {extra} {}", filler(60), filler(10))
            } else {
                filler(60)
            };
            page(
                &format!("guides/g/c{i:05}.html"),
                &format!("Chapter {i}"),
                &filler(30),
                &[
                    ("scope", "Scope", &filler(50)),
                    ("checks", "Checks", &second),
                ],
            )
        })
        .collect()
}

#[test]
fn a_word_on_exactly_one_page_is_found_there_and_nowhere_else() {
    let pages = site(400, 271, "zebrafish");
    let index = Index::new("en", &pages);
    assert_eq!(
        index.find("zebrafish"),
        [("guides/g/c00271.html".to_string(), "checks".to_string())]
    );
    // Its stem's entry says it is in one entry.
    assert_eq!(index.entry("zebrafish").unwrap()[1], 1);
    assert!(
        index.find("zebra").is_empty(),
        "no prefix match in the index itself"
    );
    assert!(index.find("giraffe").is_empty());
    // A word in every page's title ("chapter") is everywhere, but only its best postings are
    // kept; its count says how many entries it is really in.
    let chapter = index.entry("chapter").unwrap();
    assert_eq!(chapter[1], 400);
    assert_eq!(chapter[2].as_array().unwrap().len(), 3 * 400);
    let the = index.entry("the").unwrap();
    assert_eq!(the[1], 3 * 400);
    assert_eq!(the[2].as_array().unwrap().len(), 3 * MAX_POSTINGS);
}

#[test]
fn english_word_forms_lead_to_their_stem_and_find_each_other() {
    let pages = vec![
        page("a.html", "Assessing risk", "", &[]),
        page("b.html", "Plans", "The assessment was assessed.", &[]),
        page("c.html", "Other", "Nothing here.", &[]),
    ];
    let index = Index::new("en", &pages);
    let both = [
        ("a.html".to_string(), String::new()),
        ("b.html".to_string(), String::new()),
    ];
    assert_eq!(index.find("assessing"), both);
    assert_eq!(index.find("assessed"), both);
    assert_eq!(index.find("assess"), both);
    assert_eq!(
        index.entry("assessing").unwrap()[3],
        serde_json::json!(["assess"])
    );
    assert_eq!(index.manifest()["stemmed"], true);
}

#[test]
fn accents_and_welsh_letters_are_found_typed_with_or_without_them() {
    let pages = vec![
        page(
            "cy/a.html",
            "Dŵr a thŷ",
            "Mae'r tŷ wrth y dŵr. Ŵyr a wyres.",
            &[("caffi", "Caffi", "Café")],
        ),
        page("cy/b.html", "Arall", "Dim byd yma.", &[]),
    ];
    let index = Index::new("cy", &pages);
    let a = |anchor: &str| vec![("cy/a.html".to_string(), anchor.to_string())];
    // The keys are folded; the browser folds what is typed the same way.
    assert_eq!(index.find("dwr"), a(""));
    assert_eq!(index.find(&tokens::fold("DŴR")), a(""));
    assert_eq!(index.find("ty"), a(""));
    assert_eq!(index.find("wyr"), a(""));
    assert_eq!(index.find("cafe"), a("caffi"));
    assert!(index.entry("dŵr").is_none(), "keys are folded");
    // Welsh is not stemmed: a plural is its own word.
    assert!(index.find("wyre").is_empty());
    assert_eq!(index.find("wyres"), a(""));
    assert_eq!(index.manifest()["stemmed"], false);
    // The page's text is kept as written, for its excerpt.
    assert_eq!(
        index.page(0)["s"][0][2],
        "Mae'r tŷ wrth y dŵr. Ŵyr a wyres."
    );
    assert_eq!(index.page(0)["t"], "Dŵr a thŷ");
}

#[test]
fn keys_fall_in_bounded_chunks_named_in_order_by_the_manifest() {
    // 3,000 pages, each with a word of its own and the common words: many chunks.
    let pages: Vec<Page> = (0..3000)
        .map(|i| {
            let own = format!("w{:x}q", i * 7919);
            page(
                &format!("p{i:04}.html"),
                "Page",
                &format!("{} {own}", filler(20)),
                &[],
            )
        })
        .collect();
    let index = Index::new("en", &pages);
    let chunks = index.manifest()["chunks"].as_array().unwrap().clone();
    assert!(chunks.len() > 5, "{} chunks", chunks.len());
    assert_eq!(chunks[0][0], "", "the first chunk needs no key");
    let mut all_keys = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        let name = c[1].as_str().unwrap();
        let path = format!("assets/search/t/{name}.js");
        let text = &index.files[&path];
        let entries = index.data(&path, &format!("guidewrightSearchChunk(\"{name}\","));
        let entries = entries.as_array().unwrap();
        let sizes: Vec<usize> = entries.iter().map(|e| e.to_string().len() + 1).collect();
        // A chunk closes at the first key that takes it to its size, and no key is large.
        let before_last: usize = sizes[..sizes.len() - 1].iter().sum();
        assert!(before_last < CHUNK_BYTES, "{path}: {before_last}");
        assert!(sizes.iter().all(|&n| n < 6_000), "{path}: {sizes:?}");
        assert!(text.len() < CHUNK_BYTES + 6_000 + 100, "{path}");
        let keys: Vec<String> = entries
            .iter()
            .map(|e| e[0].as_str().unwrap().to_string())
            .collect();
        if i > 0 {
            assert_eq!(c[0].as_str().unwrap(), keys[0], "a chunk's first key");
        }
        all_keys.extend(keys);
    }
    // Keys are strictly in order across chunks, so the manifest finds each in its chunk.
    assert!(all_keys
        .windows(2)
        .all(|w| keys::js_order(&w[0], &w[1]).is_lt()));
    for i in [0, 1, 1234, 2999] {
        let own = format!("w{:x}q", i * 7919);
        assert_eq!(index.find(&own), [(format!("p{i:04}.html"), String::new())]);
    }
    // The first and last keys of a middle chunk are found.
    let (_, mid) = index.chunk_of(chunks[3][0].as_str().unwrap());
    let mid = mid.as_array().unwrap();
    for e in [&mid[0], &mid[mid.len() - 1]] {
        let key = e[0].as_str().unwrap();
        assert!(!index.find(key).is_empty() || e.get(3).is_some(), "{key}");
        assert_eq!(index.entry(key).as_ref(), Some(e));
    }
}

#[test]
fn text_never_becomes_script_and_is_read_back_exactly() {
    let hostile = "Close </script><script>alert(1)</script> and <img src=x onerror=alert(2)> \
        \u{2028} \"quoted\" \\ end";
    let pages = vec![page(
        "x.html",
        "</script><b>Title",
        hostile,
        &[("s\"1", "<img onerror=alert(3)>", hostile)],
    )];
    let index = Index::new("en", &pages);
    for (path, text) in &index.files {
        assert!(
            !text.to_ascii_lowercase().contains("</script"),
            "{path}: {text}"
        );
    }
    let p = index.page(0);
    assert_eq!(p["t"], "</script><b>Title");
    assert_eq!(p["s"][0][2], hostile);
    assert_eq!(p["s"][1][0], "s\"1");
    assert_eq!(p["s"][1][1], "<img onerror=alert(3)>");
    assert_eq!(index.find("onerror").len(), 2);
}

#[test]
fn results_show_bounded_excerpts_eight_pages_to_a_file() {
    let long = "word ".repeat(10_000);
    let mut pages = site(20, 3, "lantern");
    pages.push(page(
        "z-long.html",
        "Long",
        &long,
        &[("s", "Section", &long)],
    ));
    let index = Index::new("en", &pages);
    // 21 pages: files of 8, 8 and 5.
    let files: Vec<&String> = index.files.keys().filter(|k| k.contains("/p/")).collect();
    assert_eq!(
        files,
        [
            "assets/search/p/0.js",
            "assets/search/p/1.js",
            "assets/search/p/2.js"
        ]
    );
    assert_eq!(index.page(20)["u"], "z-long.html");
    assert_eq!(index.page(9)["u"], "guides/g/c00009.html");
    // A long text is cut after a word, marked as cut.
    let cut = index.page(20)["s"][1][2].as_str().unwrap().to_string();
    assert!(cut.chars().count() <= EXCERPT_CHARS + 1, "{cut}");
    assert!(cut.ends_with("word…"), "{cut}");
    assert!(cut.len() > EXCERPT_CHARS - 10);
    // A short one is kept whole.
    assert_eq!(index.page(3)["s"][0][2].as_str().unwrap(), filler(30));
    // Every word is indexed, not only the excerpts'.
    assert_eq!(index.find("word").len(), 2);
    assert_eq!(
        index.find("lantern"),
        [("guides/g/c00003.html".to_string(), "checks".to_string())]
    );
    assert!(
        !index.page(3)["s"][2][2]
            .as_str()
            .unwrap()
            .contains("lantern"),
        "past the excerpt"
    );
    assert!(index.files["assets/search/p/2.js"].len() < 5 * 2_000);
}

#[test]
fn pages_are_numbered_in_address_order_whatever_order_they_come_in() {
    let mut pages = site(50, 7, "marmalade");
    let a = index_files("en", &pages);
    pages.reverse();
    let b = index_files("en", &pages);
    let bytes = |f: Vec<OutputFile>| f.into_iter().map(|f| (f.path, f.bytes)).collect::<Vec<_>>();
    assert_eq!(bytes(a), bytes(b));
}

#[test]
fn the_index_is_byte_identical_on_one_thread_and_on_several() {
    let pages = site(3000, 1500, "kumquat");
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            index_files("en", &pages)
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect::<Vec<_>>()
        })
    };
    let one = on(1);
    assert!(one.len() > 3000 / PAGES_PER_FILE);
    assert!(one == on(2), "1 and 2 threads differ");
    assert!(one == on(4), "1 and 4 threads differ");
}

//! The content loader's steps for one file (decoding, the bounds guard, parsing into the
//! entity its place names, and the rendered diagnostic) on arbitrary bytes. The first byte
//! chooses the kind of file.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PLACES: &[&str] = &[
    "site.yaml",
    "glossary.yaml",
    "vocabulary.yaml",
    "guides/g/guide.yaml",
    "guides/g/chapter.yaml",
    "standards/s.yaml",
    "evidence/e.yaml",
    "findings/f.yaml",
    "examples/x.yaml",
    "quotes/q.yaml",
    "scales/s.yaml",
    "response-scales/r.yaml",
    "checklists/c.yaml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let place = PLACES[usize::from(first) % PLACES.len()];
    let _ = guidewright::load::check_file_bytes(place, bytes);
});

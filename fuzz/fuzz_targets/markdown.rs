//! The Markdown renderer (with `ref:`/`term:` links resolved against the sample content),
//! the inline renderer, the plain-text reduction and the link finder on arbitrary text.
#![no_main]

use guidewright::markdown::{self, Place};
use guidewright::model::Model;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        guidewright::load::load(&content, &mut guidewright::diag::Report::default())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let m = model();
    let _ = markdown::render(m, text, Place::default());
    let _ = markdown::render_inline(m, text);
    let _ = markdown::plain_text(text);
    let _ = markdown::link_targets(text);
});

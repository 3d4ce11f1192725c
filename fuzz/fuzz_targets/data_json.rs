//! `collect --compare`'s reader of an earlier report's `data.json` on arbitrary bytes: the
//! parse, the format and checklist checks and the figures' consistency checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = guidewright::collect::data_json::parse(data, "data.json", "kps-self-assessment") {
        // What --compare does with what it read: every figure into a round comparison.
        for f in p.figures.values() {
            let _ = guidewright::collect::rounds::two_proportion_z(f.x, f.n, f.x / 2, f.n);
        }
    }
});

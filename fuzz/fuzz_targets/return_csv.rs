//! `collect`'s reader of CSV returns on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = guidewright::collect::read_csv::read("return.csv", data);
});

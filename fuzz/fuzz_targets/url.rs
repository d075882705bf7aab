//! The URL-state decoder on any query: it must give a patch that the app accepts or skips.
#![no_main]
use libfuzzer_sys::fuzz_target;
use regularization_explorer::fuzzing::url_case;

fuzz_target!(|data: &[u8]| {
    // A broken invariant becomes the panic that libFuzzer reports and keeps.
    if let Err(finding) = url_case(data) {
        panic!("{finding}");
    }
});

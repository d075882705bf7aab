//! The paste parser on any text, with any options: it must return a table or issues, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use regularization_explorer::fuzzing::parse_case;

fuzz_target!(|data: &[u8]| {
    // A broken invariant becomes the panic that libFuzzer reports and keeps.
    if let Err(finding) = parse_case(data) {
        panic!("{finding}");
    }
});

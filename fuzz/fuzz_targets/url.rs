//! The URL-state decoder and the patch validation on any input, without an app: a query must
//! read as a patch that validates and survives its own link; JSON must validate or be refused
//! by an error that names a field.
#![no_main]
use libfuzzer_sys::fuzz_target;
use regularization_explorer::fuzzing::url_case;

fuzz_target!(|data: &[u8]| {
    // A broken invariant becomes the panic that libFuzzer reports and keeps.
    if let Err(finding) = url_case(data) {
        panic!("{finding}");
    }
});

//! A fit on random data, degree, penalty, λ and α: finite data must give a finite fit, a path and
//! cross-validation, or an error; never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use regularization_explorer::fuzzing::fit_case;

fuzz_target!(|data: &[u8]| {
    // A broken invariant becomes the panic that libFuzzer reports and keeps.
    if let Err(finding) = fit_case(data) {
        panic!("{finding}");
    }
});

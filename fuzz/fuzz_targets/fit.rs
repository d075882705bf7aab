//! A fit on random data, degree, penalty, λ and α: finite data must give a finite fit, a path and
//! cross-validation, or an error; never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use regularization_explorer::fuzzing::fit_case;

fuzz_target!(|data: &[u8]| fit_case(data));

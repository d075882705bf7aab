//! Every input in tests/fixtures/fuzz/<target>/ (seeds, and each crash the fuzzers ever found),
//! replayed through the fuzz targets' bodies. `npm run fuzz` adds new crashes here.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use regularization_explorer::fuzzing::{fit_case, parse_case, url_case};

fn replay(target: &str, case: fn(&[u8]) -> Result<(), String>) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        eprintln!("{target}: {}", path.display());
        if let Err(finding) = case(&bytes) {
            panic!("{target} {}: {finding}", path.display());
        }
        count += 1;
    }
    count
}

#[test]
fn parse_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("parse", parse_case) >= 2);
}

#[test]
fn url_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("url", url_case) >= 1);
}

#[test]
fn fit_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("fit", fit_case) >= 1);
}

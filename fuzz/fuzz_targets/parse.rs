//! The paste parser on any text, with any options: it must return a table or issues, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use regularization_explorer::fuzzing::parse_case;

fuzz_target!(|data: &[u8]| parse_case(data));

//! The core's error type: every failure is a value that names what was wrong.

use std::fmt;

/// Everything that can go wrong in the core, with the offending value and its position.
#[derive(Debug, Clone, PartialEq)]
pub enum CoreError {
    /// Fewer rows than the computation needs.
    TooFewRows { rows: usize, needed: usize },
    /// Two inputs that must have the same length do not.
    LengthMismatch {
        what: &'static str,
        left: usize,
        right: usize,
    },
    /// A value is NaN or infinite.
    NonFinite { what: &'static str, index: usize },
    /// A parameter is outside its range.
    OutOfRange {
        name: &'static str,
        value: f64,
        min: f64,
        max: f64,
    },
    /// A name that is not one of the known choices.
    UnknownChoice {
        name: &'static str,
        value: String,
        choices: &'static str,
    },
    /// A matrix decomposition did not converge within its iteration cap.
    Decomposition { what: &'static str },
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CoreError::TooFewRows { rows, needed } => {
                write!(f, "need at least {needed} data rows, got {rows}")
            }
            CoreError::LengthMismatch { what, left, right } => {
                write!(f, "{what}: lengths differ ({left} vs {right})")
            }
            CoreError::NonFinite { what, index } => {
                write!(f, "{what}: value {index} is not a finite number")
            }
            CoreError::OutOfRange { name, value, min, max } => {
                write!(f, "{name} = {value} is outside [{min}, {max}]")
            }
            CoreError::UnknownChoice { name, value, choices } => {
                write!(f, "{name} = {value:?} is not one of {choices}")
            }
            CoreError::Decomposition { what } => {
                write!(f, "{what} did not converge")
            }
        }
    }
}

impl std::error::Error for CoreError {}

//! The core's error type: every failure is a value that names what was wrong.

use std::fmt;

/// Everything that can go wrong in the core, with the offending value and its position.
#[derive(Debug, Clone, PartialEq)]
pub enum CoreError {
    /// Fewer rows than the computation needs.
    TooFewRows {
        /// The rows there are.
        rows: usize,
        /// The rows needed.
        needed: usize,
    },
    /// Two inputs that must have the same length do not.
    LengthMismatch {
        /// What was compared.
        what: &'static str,
        /// The first length.
        left: usize,
        /// The second length.
        right: usize,
    },
    /// A value is NaN or infinite.
    NonFinite {
        /// Which input.
        what: &'static str,
        /// The position of the value in it.
        index: usize,
    },
    /// A parameter is outside its range.
    OutOfRange {
        /// The parameter.
        name: &'static str,
        /// Its value.
        value: f64,
        /// The smallest allowed.
        min: f64,
        /// The largest allowed.
        max: f64,
    },
    /// A name that is not one of the known choices.
    UnknownChoice {
        /// What was being chosen.
        name: &'static str,
        /// The name given (cut to 40 characters).
        value: String,
        /// The known choices, for the message.
        choices: &'static str,
    },
    /// Values so large that the difference of two of them overflows f64.
    Overflow {
        /// Which input (a column).
        what: &'static str,
        /// Its largest |value|.
        value: f64,
    },
    /// A matrix decomposition did not converge within its iteration cap.
    Decomposition {
        /// Which decomposition.
        what: &'static str,
    },
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
            CoreError::Overflow { what, value } => write!(
                f,
                "{what}: values this large ({value:.1e}) overflow when subtracted from each other; divide the column by a power of ten"
            ),
            CoreError::Decomposition { what } => {
                write!(f, "{what} did not converge")
            }
        }
    }
}

impl std::error::Error for CoreError {}

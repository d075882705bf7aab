//! The pure model: data, polynomial features, solvers and summaries.
//!
//! Nothing in here knows about the browser: it is tested natively with `cargo test`.

pub mod bias_variance;
pub mod cv;
pub mod data;
pub mod error;
pub mod features;
pub mod geometry;
pub mod grid;
pub mod lars;
pub mod linalg;
pub mod model;
pub mod path;
pub mod presets;
pub mod solver;

pub use error::CoreError;

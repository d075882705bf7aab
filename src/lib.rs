//! regularization-explorer: exact OLS, ridge, lasso and elastic-net fits of polynomial models,
//! drawn live in the browser.
//!
//! The crate has three layers (see ARCHITECTURE.md):
//! - [`core`]: data, features, solvers and summaries. Pure Rust and nalgebra, tested natively.
//! - [`plot`]: drawing of precomputed scenes, generic over plotters' `DrawingBackend`.
//! - `web` (wasm32 only): the wasm-bindgen glue that the `<regularization-explorer>` element uses.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

pub mod app;
pub mod bench;
pub mod core;
pub mod fuzzing;
pub mod plot;
pub mod render;
pub mod scene;

#[cfg(target_arch = "wasm32")]
pub mod web;

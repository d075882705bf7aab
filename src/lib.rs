//! regularization-explorer: exact OLS, ridge, lasso and elastic-net fits of polynomial models,
//! drawn live in the browser.
//!
//! The crate's layers (see ARCHITECTURE.md):
//! - [`core`]: data, features, solvers and summaries. Pure Rust and nalgebra, tested natively.
//! - [`app`]: the explorer's state, its one direction of flow, links, edits, the worker handover.
//! - [`scene`]: what each panel shows, as plain data; [`plot`]: drawing it, generic over plotters'
//!   `DrawingBackend`; [`render`]: the panels of an app on any backend (canvas, SVG).
//! - `web` (wasm32 only): the wasm-bindgen glue that the `<regularization-explorer>` element uses.
//! - [`bench`] and [`fuzzing`]: the benchmark's workload and the fuzz targets' bodies.

#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

pub mod app;
pub mod backend;
pub mod bench;
pub mod core;
pub mod format;
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzzing;
pub mod plot;
pub mod render;
pub mod scene;

#[cfg(target_arch = "wasm32")]
pub mod web;

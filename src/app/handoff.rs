//! Handing the expensive parts of a state from one App to another: the page's App hands large
//! work to an identical App in a Web Worker, which sends back the reduced problem and the
//! analysis (path, knots, cross-validation). The page then takes on the new state without
//! computing them, and its main thread stays free.
//!
//! Both Apps run the same deterministic code on the same state and patch, so the parts are the
//! same bits either would compute. The page drops a reply computed at an older [`App::revision`]
//! (the data or the model's inputs changed since the work was sent), and a 128-bit hash of every
//! value in row order (`Inputs::fingerprint`) guards the handover besides: parts that do not match
//! are ignored and computed. With them, the page builds nothing of size n × p.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::dataset::Dataset;
use super::fields::{Kind, Weight};
use super::patch::given_fields;
use super::{field_error, Analysis, App, AppError};
use crate::core::model::Prepared;

/// Work above which a patch is handed to a worker, in rows × (features + 1)²: about 20 ms of
/// fit, path and cross-validation in wasm on the machine the benchmark ran on.
pub const WORKER_COST: f64 = 2.0e6;

/// Pasted text longer than this (in bytes) is parsed in a worker.
pub const WORKER_TEXT_BYTES: usize = 200_000;

/// The expensive parts of an App's state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heavy {
    pub(super) prepared: Prepared,
    pub(super) analysis: Analysis,
}

impl Heavy {
    /// Decodes parts encoded by [`App::heavy_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Heavy, AppError> {
        postcard::from_bytes(bytes).map_err(|e| field_error("heavy", format!("could not be decoded: {e}")))
    }

    /// The analysis, if these parts were computed from this data.
    pub(super) fn analysis_for(self, data: &Dataset) -> Option<Analysis> {
        (self.prepared.fingerprint == data.model.fingerprint()).then_some(self.analysis)
    }
}

impl App {
    /// This state's expensive parts, encoded for another App.
    pub fn heavy_bytes(&self) -> Result<Vec<u8>, AppError> {
        let heavy = Heavy {
            prepared: self.data.model.prepared(),
            analysis: self.analysis.clone(),
        };
        postcard::to_allocvec(&heavy).map_err(|e| field_error("heavy", format!("could not be encoded: {e}")))
    }

    /// Whether this patch means work large enough to do in a worker: a long pasted text, or a
    /// field heavier than λ or the view (the table's weight) on data of more than
    /// [`WORKER_COST`]. Unknown keys, which a patch ignores, weigh nothing.
    pub fn wants_worker(&self, patch: &Value) -> bool {
        let long_text = given_fields(patch).any(|field| {
            matches!(field.kind, Kind::Text { .. })
                && patch
                    .get(field.name)
                    .and_then(Value::as_str)
                    .is_some_and(|text| text.len() > WORKER_TEXT_BYTES)
        });
        let heavy = given_fields(patch).any(|field| field.weight != Weight::Light);
        long_text || (heavy && self.cost() > WORKER_COST)
    }

    /// Whether this patch replaces the data (a field of the table's weight 'data': a preset,
    /// pasted text, or new reading options): then earlier work on the old data is superseded,
    /// not applied after it.
    pub fn replaces_data(patch: &Value) -> bool {
        given_fields(patch).any(|field| field.weight == Weight::Data)
    }

    /// Whether loading this text is better done in a worker.
    pub fn wants_worker_for_text(text: &str) -> bool {
        text.len() > WORKER_TEXT_BYTES
    }

    /// rows × (features + 1)² of the current data, or of the widest model on it (degree 20, or
    /// every column), whichever is larger: a degree change can make a model that large.
    fn cost(&self) -> f64 {
        let rows = self.data.table.n_rows() as f64;
        let widest = (crate::core::features::MAX_DEGREE).max(self.data.table.names.len()) as f64;
        rows * (widest + 1.0).powi(2)
    }
}

//! Bias and variance, for synthetic presets: 20 fresh training samples from the true function,
//! each fitted along the same λ grid and evaluated at 101 points across the x-range, which
//! [`bias_variance::decompose_path`] turns into the squared bias of the average fit, the variance
//! of the fits around it and the expected test error bias² + variance + σ² at every λ (ESL §7.3).
//! This module draws the samples and caches the result; at the current λ, the 20 fits are drawn
//! as faint curves.

use super::dataset::Source;
use super::{App, Mode};
use crate::core::bias_variance;
use crate::core::features::Inputs;
use crate::core::model::{FitRequest, Model, Penalty};
use crate::core::presets;

/// How many training samples are drawn.
pub const RESAMPLES: usize = 20;
/// Where the resamples' seeds start, after the shown sample's (seed) and the test sample's.
const RESAMPLE_SEED_OFFSET: u64 = 5_000;
/// Points over x where fits are compared with the truth.
const EVALUATION_POINTS: usize = 101;

/// The resampled models and the decomposition along the grid.
#[derive(Debug, Clone)]
pub struct Resampled {
    /// Which data and analysis these belong to: (data version, analysis generation).
    key: (u64, u64),
    /// The models, one per fresh sample.
    models: Vec<Model>,
    /// λ, descending (the path's grid).
    pub lambdas: Vec<f64>,
    /// Squared bias per λ.
    pub bias2: Vec<f64>,
    /// Variance per λ.
    pub variance: Vec<f64>,
    /// Expected test error per λ: bias² + variance + σ².
    pub test_error: Vec<f64>,
    /// σ², the error no fit can remove.
    pub noise2: f64,
}

impl Resampled {
    /// The 20 fitted curves at λ, as functions to sample (the model and its fit).
    pub fn fits_at(&self, penalty: Penalty, lambda: f64, alpha: f64) -> Vec<(&Model, crate::core::model::Fit)> {
        let Ok(request) = (FitRequest { penalty, lambda, alpha }).check() else {
            return Vec::new();
        };
        self.models.iter().map(|m| (m, m.fit(request, None))).collect()
    }
}

impl App {
    /// Why resampling is not possible here, or None when it is.
    pub fn resample_blocker(&self) -> Option<&'static str> {
        match (&self.data.source, self.data.choices.mode) {
            (Source::Preset(p), Mode::Polynomial)
                if p.truth.is_some() && self.data.choices.x == p.x && self.data.choices.y == p.y =>
            {
                if self.penalty == Penalty::Ols {
                    Some("Bias and variance are drawn against λ: choose ridge, lasso or elastic net.")
                } else {
                    None
                }
            }
            _ => Some(
                "Bias and variance need a synthetic preset (sin, cubic, step or Runge), whose true function is known.",
            ),
        }
    }

    /// Computes the resamples if the view asks for them and they are missing or stale.
    pub(super) fn update_resamples(&mut self) {
        let key = (self.data_version, self.analysis.generation);
        if !self.view.show_resamples || self.resample_blocker().is_some() {
            self.resampled = None;
            return;
        }
        if self.resampled.as_ref().is_some_and(|r| r.key == key) {
            return;
        }
        self.resampled = self.compute_resamples(key);
    }

    fn compute_resamples(&self, key: (u64, u64)) -> Option<Resampled> {
        let Source::Preset(preset) = &self.data.source else {
            return None;
        };
        let truth = preset.truth?;
        let choices = &self.data.choices;
        let (x, _) = &self.data.train_xy;
        let lo = x.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !(lo.is_finite() && hi.is_finite()) {
            return None;
        }
        let noise = choices.noise.unwrap_or(truth.noise);
        let lambdas = self.analysis.path.as_ref()?.lambdas.clone();
        let alpha = self.penalty.effective_alpha(self.alpha);
        let grid: Vec<f64> = (0..EVALUATION_POINTS)
            .map(|i| lo + (hi - lo) * i as f64 / (EVALUATION_POINTS - 1) as f64)
            .collect();
        let truth_values: Vec<f64> = grid.iter().map(|&v| truth.function.eval(v)).collect();
        let at_grid = Inputs::Polynomial {
            x: grid.clone(),
            degree: choices.degree,
        };
        let mut models = Vec::with_capacity(RESAMPLES);
        // predictions[r][k][i]: resample r, λ index k, grid point i.
        let mut predictions = Vec::with_capacity(RESAMPLES);
        for r in 0..RESAMPLES as u64 {
            let seed = choices.seed.wrapping_add(RESAMPLE_SEED_OFFSET + r);
            let table = presets::training_sample(preset, (lo, hi), x.len(), noise, seed)?;
            let (rx, ry) = (table.columns.first()?, table.columns.get(1)?);
            let model = Model::polynomial(rx, ry, choices.degree).ok()?;
            let path = model.path_coefficients(self.penalty, alpha, &lambdas).ok()?;
            predictions.push(path.iter().map(|w| model.predict_rows(w, &at_grid)).collect::<Vec<_>>());
            models.push(model);
        }
        let noise2 = noise * noise;
        let decomposition = bias_variance::decompose_path(&predictions, &truth_values, noise2).ok()?;
        if decomposition.len() != lambdas.len() {
            return None;
        }
        let bias2 = decomposition.iter().map(|d| d.bias2).collect();
        let variance = decomposition.iter().map(|d| d.variance).collect();
        let test_error = decomposition.iter().map(|d| d.test_error).collect();
        Some(Resampled {
            key,
            models,
            lambdas,
            bias2,
            variance,
            test_error,
            noise2,
        })
    }
}

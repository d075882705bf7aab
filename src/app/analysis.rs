//! The analysis: what depends on the data and on (penalty, α, folds) but not on λ — the path
//! over the λ grid with its test error, the lasso's knots, and cross-validation. Computed when
//! those change, kept while they stay (a λ move refits one point), handed over from a worker.

use super::Dataset;
use crate::core::cv::CrossValidation;
use crate::core::lars::Knot;
use crate::core::model::Penalty;
use crate::core::path::Path;

/// What depends on the data and on (penalty, α, folds) but not on λ.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Analysis {
    /// Counts computations, so that tests can see when one is reused.
    pub(super) generation: u64,
    pub(super) penalty: Penalty,
    pub(super) alpha: f64,
    pub(super) folds: usize,
    pub(super) path: Option<Path>,
    /// Test MSE per path point (empty without test rows).
    pub(super) path_test_mse: Vec<f64>,
    pub(super) knots: Vec<Knot>,
    pub(super) cv: Option<CrossValidation>,
    pub(super) notices: Vec<String>,
}

impl Analysis {
    pub(super) fn compute(data: &Dataset, penalty: Penalty, alpha: f64, folds: usize, generation: u64) -> Analysis {
        #[cfg(test)]
        super::tests::COMPUTED.with(|count| count.set(count.get() + 1));
        let mut analysis = Analysis {
            generation,
            penalty,
            alpha,
            folds,
            path: None,
            path_test_mse: Vec::new(),
            knots: Vec::new(),
            cv: None,
            notices: Vec::new(),
        };
        if penalty == Penalty::Ols {
            return analysis;
        }
        let model = &data.model;
        let grid = model.lambda_grid(penalty.effective_alpha(alpha));
        match model.path(penalty, alpha, &grid) {
            Ok(path) => {
                if data.n_test() > 0 {
                    let (inputs, y) = &data.test;
                    // One pass over the test rows for the whole path.
                    analysis.path_test_mse = model
                        .mse_many(&path.coefficients, inputs, y)
                        .unwrap_or_else(|| vec![f64::NAN; path.coefficients.len()]);
                }
                analysis.path = Some(path);
            }
            Err(e) => analysis.notices.push(format!("No path: {e}.")),
        }
        if penalty == Penalty::Lasso {
            let lars = model.problem().lars_lasso();
            if !lars.complete {
                analysis
                    .notices
                    .push("The exact lasso path stops early here (collinear features or p > n).".into());
            }
            analysis.knots = lars.knots;
        }
        match data.cross_validate(penalty, alpha, &grid, folds) {
            Ok(cv) => analysis.cv = Some(cv),
            Err(e) => analysis.notices.push(format!("No cross-validation: {e}.")),
        }
        analysis
    }

    pub(super) fn matches(&self, penalty: Penalty, alpha: f64, folds: usize) -> bool {
        self.penalty == penalty && self.folds == folds && (penalty != Penalty::ElasticNet || self.alpha == alpha)
    }

    /// The path point nearest λ, to warm-start a fit there.
    pub(super) fn warm_start(&self, lambda: f64) -> Option<&[f64]> {
        let path = self.path.as_ref()?;
        let nearest = path
            .lambdas
            .iter()
            .enumerate()
            .min_by(|a, b| {
                (a.1.ln() - lambda.ln())
                    .abs()
                    .total_cmp(&(b.1.ln() - lambda.ln()).abs())
            })?
            .0;
        path.coefficients.get(nearest).map(Vec::as_slice)
    }
}

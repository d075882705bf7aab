//! Coefficient paths over a λ grid (glmnet's pathwise scheme, Friedman, Hastie & Tibshirani 2010,
//! §2.5): ridge from the one SVD the problem already holds, lasso and elastic net warm-started
//! from the previous λ, every point solved to KKT ≤ 1e-9.

use super::model::{FitRequest, Model, Penalty};
use super::CoreError;

/// A path: per λ, the standardized coefficients and their summaries.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Path {
    /// The penalty.
    pub penalty: Penalty,
    /// α used.
    pub alpha: f64,
    /// λ values, descending.
    pub lambdas: Vec<f64>,
    /// Standardized coefficients per λ.
    pub coefficients: Vec<Vec<f64>>,
    /// Effective degrees of freedom per λ.
    pub df: Vec<f64>,
    /// Nonzero coefficients per λ.
    pub nonzero: Vec<usize>,
    /// Training MSE per λ.
    pub train_mse: Vec<f64>,
    /// Shrinkage factor ‖w‖₁/‖w_OLS‖₁ per λ (None if w_OLS = 0).
    pub shrinkage: Vec<Option<f64>>,
    /// Largest KKT violation per λ.
    pub kkt_violation: Vec<f64>,
    /// Whether every point met the KKT tolerance.
    pub converged: bool,
}

impl Model {
    /// Only the standardized coefficients along `lambdas`, warm-started, each to KKT ≤ 1e-9:
    /// what cross-validation needs, without the summaries.
    pub fn path_coefficients(&self, penalty: Penalty, alpha: f64, lambdas: &[f64]) -> Result<Vec<Vec<f64>>, CoreError> {
        let alpha = penalty.effective_alpha(alpha);
        let mut coefficients: Vec<Vec<f64>> = Vec::with_capacity(lambdas.len());
        for &lambda in lambdas {
            FitRequest { penalty, lambda, alpha }.check()?;
            let solution = match penalty {
                Penalty::Ols => self.problem().ols(),
                Penalty::Ridge => self.problem().ridge(lambda),
                Penalty::Lasso | Penalty::ElasticNet => self.problem().elastic_net(
                    lambda * alpha,
                    lambda * (1.0 - alpha),
                    coefficients.last().map(Vec::as_slice),
                ),
            };
            coefficients.push(solution.w);
        }
        Ok(coefficients)
    }

    /// The path of `penalty` (not OLS) over `lambdas`, in the given order.
    pub fn path(&self, penalty: Penalty, alpha: f64, lambdas: &[f64]) -> Result<Path, CoreError> {
        let mut path = Path {
            penalty,
            alpha: penalty.effective_alpha(alpha),
            lambdas: lambdas.to_vec(),
            coefficients: Vec::with_capacity(lambdas.len()),
            df: Vec::with_capacity(lambdas.len()),
            nonzero: Vec::with_capacity(lambdas.len()),
            train_mse: Vec::with_capacity(lambdas.len()),
            shrinkage: Vec::with_capacity(lambdas.len()),
            kkt_violation: Vec::with_capacity(lambdas.len()),
            converged: true,
        };
        for &lambda in lambdas {
            let request = FitRequest { penalty, lambda, alpha }.check()?;
            let fit = self.fit(request, path.coefficients.last().map(Vec::as_slice));
            path.df.push(fit.df);
            path.nonzero.push(fit.nonzero);
            path.train_mse.push(fit.train_mse);
            path.shrinkage.push(fit.shrinkage);
            path.kkt_violation.push(fit.kkt_violation);
            path.converged &= fit.converged;
            path.coefficients.push(fit.standardized);
        }
        Ok(path)
    }
}

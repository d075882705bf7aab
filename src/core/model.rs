//! One fitted model: features, solver and summaries, in the units of CONVENTIONS.md.
//!
//! Objective (glmnet's, and scikit-learn's `ElasticNet`):
//!
//! minimize over b0, w:  1/(2n)·‖y − b0 − Xs·w‖² + λ·( α‖w‖₁ + (1−α)/2·‖w‖₂² )
//!
//! | Name   | Default | Range                                  |
//! |--------|---------|----------------------------------------|
//! | degree | 9       | 1..=20                                 |
//! | λ      | 0.01    | the grid's range for the penalty (> 0) |
//! | α      | 0.5     | (0, 1) for elastic net; lasso 1, ridge 0 |

use nalgebra::DMatrix;

use super::error::CoreError;
use super::features::{Design, Fingerprint, Inputs, XMap};
use super::grid;
use super::solver::{Problem, Solution};

/// The four penalties the explorer offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Penalty {
    /// Ordinary least squares (λ = 0), minimum norm.
    Ols,
    /// α = 0.
    Ridge,
    /// α = 1.
    Lasso,
    /// 0 < α < 1.
    ElasticNet,
}

/// The names used in the element's state, in the order the UI lists them.
pub const PENALTY_NAMES: &str = "'ols', 'ridge', 'lasso', 'elasticnet'";

impl Penalty {
    /// Parses a state name: 'ols', 'ridge', 'lasso' or 'elasticnet'.
    pub fn from_name(name: &str) -> Result<Penalty, CoreError> {
        match name {
            "ols" => Ok(Penalty::Ols),
            "ridge" => Ok(Penalty::Ridge),
            "lasso" => Ok(Penalty::Lasso),
            "elasticnet" => Ok(Penalty::ElasticNet),
            other => Err(CoreError::UnknownChoice {
                name: "penalty",
                value: other.chars().take(40).collect(),
                choices: PENALTY_NAMES,
            }),
        }
    }

    /// The state name of this penalty.
    pub fn name(self) -> &'static str {
        match self {
            Penalty::Ols => "ols",
            Penalty::Ridge => "ridge",
            Penalty::Lasso => "lasso",
            Penalty::ElasticNet => "elasticnet",
        }
    }

    /// The α this penalty uses, given the user's α for elastic net.
    pub fn effective_alpha(self, alpha: f64) -> f64 {
        match self {
            Penalty::Ridge => 0.0,
            Penalty::Ols | Penalty::Lasso => 1.0,
            Penalty::ElasticNet => alpha,
        }
    }
}

/// The smallest and largest α that elastic net accepts; the ends are ridge and lasso.
pub const ALPHA_RANGE: (f64, f64) = (0.01, 0.99);

/// What to fit: a penalty and its parameters. Only [`FitRequest::check`] makes one usable.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitRequest {
    /// The penalty.
    pub penalty: Penalty,
    /// λ (ignored for OLS).
    pub lambda: f64,
    /// α for elastic net (ignored otherwise).
    pub alpha: f64,
}

/// A request whose λ and α are finite and in range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidRequest(FitRequest);

impl FitRequest {
    /// Validates λ > 0 and finite, and α in [0.01, 0.99] for elastic net.
    pub fn check(self) -> Result<ValidRequest, CoreError> {
        if self.penalty != Penalty::Ols && !(self.lambda.is_finite() && self.lambda > 0.0) {
            return Err(CoreError::OutOfRange {
                name: "lambda",
                value: self.lambda,
                min: f64::MIN_POSITIVE,
                max: f64::MAX,
            });
        }
        if self.penalty == Penalty::ElasticNet
            && !(self.alpha.is_finite() && (ALPHA_RANGE.0..=ALPHA_RANGE.1).contains(&self.alpha))
        {
            return Err(CoreError::OutOfRange {
                name: "alpha",
                value: self.alpha,
                min: ALPHA_RANGE.0,
                max: ALPHA_RANGE.1,
            });
        }
        Ok(ValidRequest(self))
    }
}

/// Data prepared for fitting: the design, y, and the reduced problem. Build once per data,
/// degree or row set; fit many times.
#[derive(Debug, Clone)]
pub struct Model {
    /// What identifies the rows to another process (see [`Model::new_with`]).
    fingerprint: Fingerprint,
    inputs: Inputs,
    y: Vec<f64>,
    design: Design,
    y_mean: f64,
    problem: Problem,
    /// The OLS solution, which every fit's shrinkage factor divides by.
    ols: Solution,
}

/// A fitted model with its summaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The penalty that was fitted.
    pub penalty: Penalty,
    /// λ used (0 for OLS).
    pub lambda: f64,
    /// α used (1 for lasso, 0 for ridge).
    pub alpha: f64,
    /// b0 = ȳ, the intercept on the standardized scale.
    pub intercept_std: f64,
    /// w, the standardized coefficients.
    pub standardized: Vec<f64>,
    /// The intercept in the raw basis: b0 − Σ w_j·μ_j/s_j.
    pub intercept: f64,
    /// Raw-basis coefficients w_j/s_j (powers of z in polynomial mode).
    pub coefficients: Vec<f64>,
    /// Number of nonzero coefficients.
    pub nonzero: usize,
    /// Effective degrees of freedom (CONVENTIONS.md, "Summaries").
    pub df: f64,
    /// Shrinkage factor ‖w‖₁/‖w_OLS‖₁ (None if w_OLS = 0).
    pub shrinkage: Option<f64>,
    /// Mean squared error on the fitted rows.
    pub train_mse: f64,
    /// The objective at the fitted coefficients (CONVENTIONS.md "Objective"; glmnet's, Friedman,
    /// Hastie and Tibshirani 2010, eq. 1): 1/(2n)·RSS + λ·(α‖w‖₁ + (1−α)/2·‖w‖₂²) on the
    /// standardized scale, the intercept unpenalized; RSS/(2n) for OLS.
    pub objective: f64,
    /// Largest KKT violation.
    pub kkt_violation: f64,
    /// Whether the solver met its KKT tolerance.
    pub converged: bool,
    /// Solver iterations (coordinate-descent sweeps plus active-set steps).
    pub iterations: usize,
    /// Plain-language notices about the data or the fit.
    pub notices: Vec<String>,
}

/// A model's design and reduced problem, with the fingerprint of the rows they were made from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    /// [`Model::fingerprint`] of the rows.
    pub fingerprint: Fingerprint,
    /// The standardization.
    pub design: Design,
    /// The reduced least-squares problem.
    pub problem: Problem,
}

impl Model {
    /// Polynomial mode: features z, …, z^degree of x, response y.
    pub fn polynomial(x: &[f64], y: &[f64], degree: usize) -> Result<Model, CoreError> {
        Self::new(Inputs::Polynomial { x: x.to_vec(), degree }, y.to_vec())
    }

    /// A model of y on the features made from `inputs` (one row each).
    pub fn new(inputs: Inputs, y: Vec<f64>) -> Result<Model, CoreError> {
        Self::new_with(inputs, y, None)
    }

    /// As [`Model::new`], but takes the design and the reduced problem from `supplied` (computed
    /// elsewhere, e.g. in a worker, from the same rows) when its fingerprint and feature names
    /// match these rows'. Then nothing of size n × p is built here. Otherwise, or without one,
    /// they are computed here.
    pub fn new_with(inputs: Inputs, y: Vec<f64>, supplied: Option<&Prepared>) -> Result<Model, CoreError> {
        if y.len() != inputs.n_rows() {
            return Err(CoreError::LengthMismatch {
                what: "inputs and y",
                left: inputs.n_rows(),
                right: y.len(),
            });
        }
        if y.is_empty() {
            return Err(CoreError::TooFewRows { rows: 0, needed: 1 });
        }
        if let Some(index) = y.iter().position(|v| !v.is_finite()) {
            return Err(CoreError::NonFinite { what: "y", index });
        }
        // Any y − ȳ, of these rows or of a subset (a CV fold), is at most max − min: when that
        // overflows, no residual, coefficient or error can be written in the units of y.
        let (y_lo, y_hi) = y.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
        if !(y_hi - y_lo).is_finite() {
            return Err(CoreError::Overflow {
                what: "y",
                value: y_lo.abs().max(y_hi.abs()),
            });
        }
        // Mean of values that may be near f64::MAX: divide first, and keep it within [min, max]
        // (three times f64::MAX / 3 rounds up to infinity).
        let n = y.len() as f64;
        let y_mean = y.iter().map(|v| v / n).sum::<f64>().clamp(y_lo, y_hi);
        let fingerprint = inputs.fingerprint(&y);
        let matching = supplied.filter(|s| {
            s.fingerprint == fingerprint
                && s.design.names == inputs.feature_names()
                && s.design.n_samples() == y.len()
                && s.problem.n_samples() == y.len()
                && s.problem.n_features() == s.design.n_features()
                && s.design.mean.len() == s.design.n_features()
                && s.design.std.len() == s.design.n_features()
                && s.design.constant.len() == s.design.n_features()
        });
        let (design, problem) = match matching {
            Some(s) => (s.design.clone(), s.problem.clone()),
            None => {
                let (design, xs) = inputs.design()?;
                let centered: Vec<f64> = y.iter().map(|v| v - y_mean).collect();
                let usable = design.constant.iter().map(|c| !c).collect();
                let problem = Problem::new(&xs, &centered, usable)?;
                (design, problem)
            }
        };
        let ols = problem.ols();
        Ok(Model {
            fingerprint,
            inputs,
            y,
            design,
            y_mean,
            problem,
            ols,
        })
    }

    /// What identifies this model's rows to another process: a hash of every value in row order
    /// (see [`Inputs::fingerprint`]).
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The parts that are expensive to compute (O(n·p²)), to hand to another process.
    pub fn prepared(&self) -> Prepared {
        Prepared {
            fingerprint: self.fingerprint,
            design: self.design.clone(),
            problem: self.problem.clone(),
        }
    }

    /// The OLS (minimum-norm) solution.
    pub fn ols(&self) -> &Solution {
        &self.ols
    }

    /// The OLS fit, e.g. to draw it faintly beside a penalized one.
    pub fn ols_fit(&self) -> Fit {
        self.fit(
            ValidRequest(FitRequest {
                penalty: Penalty::Ols,
                lambda: 0.0,
                alpha: 1.0,
            }),
            None,
        )
    }

    /// y on the fitted rows.
    pub fn y(&self) -> &[f64] {
        &self.y
    }

    /// The raw inputs of the fitted rows.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// The reduced least-squares problem.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The design (names, z-map, means and standard deviations).
    pub fn design(&self) -> &Design {
        &self.design
    }

    /// ȳ over the fitted rows.
    pub fn y_mean(&self) -> f64 {
        self.y_mean
    }

    /// Number of fitted rows.
    pub fn n_samples(&self) -> usize {
        self.problem.n_samples()
    }

    /// λ_max for this α (CONVENTIONS.md, "λ grid").
    pub fn lambda_max(&self, alpha: f64) -> f64 {
        grid::lambda_max(self.problem.max_correlation(), alpha)
    }

    /// The λ slider's range (largest, smallest) for this α: the grid's endpoints.
    pub fn lambda_range(&self, alpha: f64) -> (f64, f64) {
        grid::grid_range(
            alpha,
            self.problem.max_correlation(),
            self.problem.singular_values(),
            self.problem.n_features(),
        )
    }

    /// The 100-value λ grid for this α, descending.
    pub fn lambda_grid(&self, alpha: f64) -> Vec<f64> {
        grid::lambda_grid(
            alpha,
            self.problem.max_correlation(),
            self.problem.singular_values(),
            self.problem.n_features(),
        )
    }

    /// Fits one (penalty, λ, α), optionally warm-started from standardized coefficients.
    pub fn fit(&self, request: ValidRequest, warm_start: Option<&[f64]>) -> Fit {
        let ValidRequest(FitRequest { penalty, lambda, alpha }) = request;
        let alpha = penalty.effective_alpha(alpha);
        let mut notices = Vec::new();
        let p = self.problem.n_features();
        let rank = self.problem.rank();
        let (solution, lambda, df): (Solution, f64, f64) = match penalty {
            Penalty::Ols => {
                if rank < p {
                    notices.push(format!(
                        "OLS of {p} features has rank {rank} on {} rows: this is the minimum-norm solution, one of many that fit equally well.",
                        self.n_samples()
                    ));
                }
                (self.ols.clone(), 0.0, rank as f64)
            }
            Penalty::Ridge => (self.problem.ridge(lambda), lambda, self.problem.ridge_df(lambda)),
            Penalty::Lasso | Penalty::ElasticNet => {
                let s = self
                    .problem
                    .elastic_net(lambda * alpha, lambda * (1.0 - alpha), warm_start);
                let df = self.enet_df(&s.w, lambda * (1.0 - alpha), alpha);
                (s, lambda, df)
            }
        };
        let constant: Vec<&str> = self
            .design
            .names
            .iter()
            .zip(&self.design.constant)
            .filter(|(_, &c)| c)
            .map(|(name, _)| name.as_str())
            .collect();
        if !constant.is_empty() {
            notices.push(format!(
                "Constant on these rows, so fixed at 0: {}.",
                constant.join(", ")
            ));
        }
        if !solution.converged {
            notices.push(format!(
                "The solver stopped with a KKT violation of {:.1e}, above the 1e-9 target.",
                solution.kkt_violation
            ));
        }
        let coefficients: Vec<f64> = solution
            .w
            .iter()
            .zip(&self.design.std)
            .zip(&self.design.constant)
            .map(|((w, s), &c)| if c { 0.0 } else { w / s })
            .collect();
        let intercept = self.y_mean
            - coefficients
                .iter()
                .zip(&self.design.mean)
                .map(|(c, m)| c * m)
                .sum::<f64>();
        let l1_ols: f64 = self.ols.w.iter().map(|v| v.abs()).sum();
        let l1: f64 = solution.w.iter().map(|v| v.abs()).sum();
        let train_mse = self.problem.mse(&solution.w);
        let objective = match penalty {
            // λ = 0: no penalty term (0·‖w‖ would be NaN where ‖w‖ overflows).
            Penalty::Ols => train_mse / 2.0,
            _ => {
                let l2: f64 = solution.w.iter().map(|v| v * v).sum();
                train_mse / 2.0 + lambda * (alpha * l1 + (1.0 - alpha) / 2.0 * l2)
            }
        };
        Fit {
            penalty,
            lambda,
            alpha,
            intercept_std: self.y_mean,
            nonzero: solution.w.iter().filter(|&&v| v != 0.0).count(),
            train_mse,
            objective,
            shrinkage: if l1_ols > 0.0 { Some(l1 / l1_ols) } else { None },
            df,
            intercept,
            coefficients,
            kkt_violation: solution.kkt_violation,
            converged: solution.converged,
            iterations: solution.iterations,
            standardized: solution.w,
            notices,
        }
    }

    /// df of lasso (|A|) or elastic net (Σ d_i²/(d_i² + n·λ(1−α)) over Xs_A), per CONVENTIONS.md.
    fn enet_df(&self, w: &[f64], l2: f64, alpha: f64) -> f64 {
        let active: Vec<usize> = w
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != 0.0)
            .map(|(j, _)| j)
            .collect();
        if alpha >= 1.0 {
            return active.len() as f64;
        }
        self.problem.enet_df(&active, l2)
    }

    /// The fitted value at a new x (polynomial mode): ȳ + Σ w_j·Xs_j(x).
    pub fn predict(&self, fit: &Fit, x: f64) -> f64 {
        let mut row = vec![0.0; self.design.n_features()];
        self.design.standardized_row(x, &mut row);
        self.y_mean + row.iter().zip(&fit.standardized).map(|(a, b)| a * b).sum::<f64>()
    }

    /// Fitted values ȳ + Xs(row)·w for every row of `inputs` (the same kind as this model's),
    /// standardized with this model's z-map, means and standard deviations.
    pub fn predict_rows(&self, standardized: &[f64], inputs: &Inputs) -> Vec<f64> {
        let mut row = vec![0.0; self.design.n_features()];
        (0..inputs.n_rows())
            .map(|i| {
                self.design.transform_row(inputs, i, &mut row);
                self.y_mean + row.iter().zip(standardized).map(|(a, b)| a * b).sum::<f64>()
            })
            .collect()
    }

    /// Mean squared error of the coefficients `standardized` on other rows (None if there are none).
    pub fn mse_on(&self, standardized: &[f64], inputs: &Inputs, y: &[f64]) -> Option<f64> {
        self.mse_many(std::slice::from_ref(&standardized.to_vec()), inputs, y)
            .and_then(|m| m.first().copied())
    }

    /// Mean squared error on other rows of each coefficient vector in `path` (a path's points):
    /// the rows are standardized once, and all predictions come from one matrix product.
    pub fn mse_many(&self, path: &[Vec<f64>], inputs: &Inputs, y: &[f64]) -> Option<Vec<f64>> {
        let n = y.len();
        if n == 0 || n != inputs.n_rows() {
            return None;
        }
        let rows = self.standardize_rows(inputs);
        let coefficients = DMatrix::from_fn(rows.ncols(), path.len(), |j, l| {
            path.get(l).and_then(|w| w.get(j)).copied().unwrap_or(0.0)
        });
        let predictions = rows * coefficients;
        Some(
            predictions
                .column_iter()
                .map(|column| {
                    column
                        .iter()
                        .zip(y)
                        .map(|(p, t)| (t - self.y_mean - p).powi(2))
                        .sum::<f64>()
                        / n as f64
                })
                .collect(),
        )
    }

    /// The rows of `inputs` (the same kind as this model's) standardized with this model's
    /// z-map, means and standard deviations: an n × p matrix.
    pub fn standardize_rows(&self, inputs: &Inputs) -> DMatrix<f64> {
        let n = inputs.n_rows();
        let p = self.design.n_features();
        let mut rows = DMatrix::zeros(n, p);
        let mut row = vec![0.0; p];
        for i in 0..n {
            self.design.transform_row(inputs, i, &mut row);
            rows.row_mut(i).copy_from_slice(&row);
        }
        rows
    }

    /// The z-map (polynomial mode).
    pub fn x_map(&self) -> Option<XMap> {
        self.design.x_map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penalty_names_round_trip() {
        for p in [Penalty::Ols, Penalty::Ridge, Penalty::Lasso, Penalty::ElasticNet] {
            assert_eq!(Penalty::from_name(p.name()), Ok(p));
        }
        assert!(Penalty::from_name("LASSO").is_err());
    }

    #[test]
    fn requests_are_checked() {
        let ok = FitRequest {
            penalty: Penalty::Lasso,
            lambda: 0.1,
            alpha: 1.0,
        };
        assert!(ok.check().is_ok());
        assert!(FitRequest { lambda: 0.0, ..ok }.check().is_err());
        assert!(FitRequest { lambda: f64::NAN, ..ok }.check().is_err());
        assert!(FitRequest {
            penalty: Penalty::ElasticNet,
            alpha: 1.5,
            ..ok
        }
        .check()
        .is_err());
        assert!(FitRequest {
            penalty: Penalty::Ols,
            lambda: f64::NAN,
            ..ok
        }
        .check()
        .is_ok());
    }

    #[test]
    fn a_line_through_two_points_is_exact() {
        let model = Model::polynomial(&[0.0, 1.0], &[1.0, 3.0], 1).unwrap();
        let fit = model.ols_fit();
        assert!((model.predict(&fit, 0.5) - 2.0).abs() < 1e-14);
        assert!((fit.intercept - 2.0).abs() < 1e-14 && (fit.coefficients[0] - 1.0).abs() < 1e-14);
    }

    /// CONVENTIONS.md's objective written out from the raw rows: 1/(2n)·Σ(y − ŷ)² with ŷ from
    /// the standardized coefficients `w`, plus λ·(α‖w‖₁ + (1−α)/2·‖w‖₂²).
    fn objective_of(model: &Model, x: &[f64], y: &[f64], w: &[f64], lambda: f64, alpha: f64) -> f64 {
        let fit = Fit {
            standardized: w.to_vec(),
            ..model.ols_fit()
        };
        let n = y.len() as f64;
        let rss: f64 = x
            .iter()
            .zip(y)
            .map(|(&xi, yi)| (yi - model.predict(&fit, xi)).powi(2))
            .sum();
        let l1: f64 = w.iter().map(|v| v.abs()).sum();
        let l2: f64 = w.iter().map(|v| v * v).sum();
        rss / (2.0 * n) + lambda * (alpha * l1 + (1.0 - alpha) / 2.0 * l2)
    }

    /// (penalty, λ, α): the fit's objective is the objective written out, and no nearby w has a
    /// smaller one (it is the objective the solver minimized).
    #[test]
    fn the_fit_carries_its_objective_value() {
        let x: Vec<f64> = (0..12).map(|i| f64::from(i) / 11.0).collect();
        let y: Vec<f64> = x.iter().map(|v| (6.0 * v).sin() + 0.1 * (37.0 * v).cos()).collect();
        let model = Model::polynomial(&x, &y, 5).unwrap();
        for (penalty, lambda, alpha) in [
            (Penalty::Ols, 0.0, 1.0),
            (Penalty::Ridge, 0.01, 0.0),
            (Penalty::Ridge, 3.0, 0.0),
            (Penalty::Lasso, 0.001, 1.0),
            (Penalty::Lasso, 0.05, 1.0),
            (Penalty::ElasticNet, 0.01, 0.3),
            (Penalty::ElasticNet, 0.2, 0.9),
        ] {
            let fit = model.fit(FitRequest { penalty, lambda, alpha }.check().unwrap(), None);
            let (l, a) = (fit.lambda, fit.alpha);
            let direct = objective_of(&model, &x, &y, &fit.standardized, l, a);
            assert!(
                (fit.objective - direct).abs() <= 1e-12 * direct.max(1e-300),
                "{penalty:?} λ = {lambda}: {} against {direct}",
                fit.objective
            );
            if penalty == Penalty::Ols {
                assert_eq!(fit.objective, fit.train_mse / 2.0);
                continue;
            }
            for j in 0..fit.standardized.len() {
                for step in [1e-4, -1e-4] {
                    let mut w = fit.standardized.clone();
                    w[j] += step;
                    let nearby = objective_of(&model, &x, &y, &w, l, a);
                    assert!(
                        nearby >= fit.objective - 1e-12,
                        "{penalty:?} λ = {lambda}: w{j} {step:+}"
                    );
                }
            }
        }
    }

    #[test]
    fn degree_above_the_points_is_minimum_norm_with_a_notice() {
        let model = Model::polynomial(&[0.0, 0.5, 1.0], &[1.0, 0.0, 1.0], 5).unwrap();
        let fit = model.ols_fit();
        assert!(fit.train_mse < 1e-20);
        assert_eq!(fit.df, 2.0);
        assert!(fit.notices.iter().any(|n| n.contains("minimum-norm")));
    }
}

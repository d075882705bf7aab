//! The exact lasso path by LARS with the lasso modification (Efron, Hastie, Johnstone &
//! Tibshirani 2004, "Least Angle Regression", §3.1): the knots where a feature enters the
//! active set or leaves it (the drop step), and the coefficients at each knot.
//!
//! In our scaling the correlations are c = Xsᵀr/n and λ = max|c_j| along the path. Between
//! knots w_A moves along d with (Xs_AᵀXs_A/n)·d = sign(c_A); the linear solves go through the
//! SVD of the active columns of the reduced factor, never through the squared Gram matrix.

use nalgebra::{DMatrix, DVector};

use super::linalg::{svd, Svd};
use super::solver::{entry, max_abs, Problem};

/// Whether a feature enters or leaves the active set at a knot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum KnotEvent {
    /// The feature becomes nonzero as λ decreases past the knot.
    Enter,
    /// The feature's coefficient reaches 0 and it leaves (the lasso's drop step).
    Leave,
}

impl KnotEvent {
    /// 'enter' or 'leave', as the element's contract names them.
    pub fn name(self) -> &'static str {
        match self {
            KnotEvent::Enter => "enter",
            KnotEvent::Leave => "leave",
        }
    }
}

/// One event on the lasso path.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Knot {
    /// λ at the event.
    pub lambda: f64,
    /// 0-based feature index.
    pub feature: usize,
    /// Enter or leave.
    pub event: KnotEvent,
}

/// The whole piecewise-linear lasso path.
#[derive(Debug, Clone, PartialEq)]
pub struct LarsPath {
    /// The events, in order of decreasing λ.
    pub knots: Vec<Knot>,
    /// λ at every breakpoint: λ_max, each event's λ, and the end (0 when the path reaches OLS).
    pub lambdas: Vec<f64>,
    /// Standardized coefficients at each breakpoint.
    pub coefficients: Vec<Vec<f64>>,
    /// Whether the path reached λ = 0 (false when it stopped early: a singular active set,
    /// more active features than rows, or the step cap).
    pub complete: bool,
}

/// A step shorter than this (relative to λ_max) is a tie, not a move.
const TIE: f64 = 1e-12;

/// Solves (R_AᵀR_A)·d = s through the SVD of R_A; None if R_A is (numerically) rank deficient.
fn direction(problem: &Problem, active: &[usize], signs: &[f64]) -> Option<Vec<f64>> {
    let m = problem.r.nrows();
    let k = active.len();
    if k == 0 || k > m {
        return None;
    }
    let ra = DMatrix::from_fn(m, k, |row, a| active.get(a).map_or(0.0, |&j| entry(&problem.r, row, j)));
    let Svd {
        singular_values: sigma,
        v_t,
        ..
    } = svd(&ra)?;
    let largest = max_abs(sigma.iter().copied());
    let tolerance = largest * f64::EPSILON * (m.max(k) as f64) * 10.0;
    if sigma.iter().any(|&s| s <= tolerance) {
        return None;
    }
    let projected = &v_t * DVector::from_column_slice(signs);
    let scaled = DVector::from_iterator(
        sigma.len(),
        projected.iter().zip(sigma.iter()).map(|(v, s)| v / (s * s)),
    );
    Some(v_t.tr_mul(&scaled).iter().copied().collect())
}

impl Problem {
    /// The LARS-lasso path from λ_max down to 0 (or as far as the data allows).
    pub fn lars_lasso(&self) -> LarsPath {
        let p = self.n_features();
        let usable = |j: usize| self.usable.get(j).copied().unwrap_or(false);
        let mut correlation: Vec<f64> = self.xty.iter().copied().collect();
        let mut w = vec![0.0; p];
        let mut path = LarsPath {
            knots: Vec::new(),
            lambdas: Vec::new(),
            coefficients: Vec::new(),
            complete: false,
        };
        let first = (0..p)
            .filter(|&j| usable(j))
            .map(|j| (j, correlation.get(j).copied().unwrap_or(0.0).abs()))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let Some((first, lambda_max)) = first.filter(|&(_, c)| c > 0.0 && c.is_finite()) else {
            path.complete = true;
            return path;
        };
        let scale = self.y_scale;
        let mut lambda = lambda_max;
        let mut active = vec![first];
        let mut signs = vec![correlation.get(first).map_or(1.0, |c| c.signum())];
        path.knots.push(Knot {
            lambda: lambda * scale,
            feature: first,
            event: KnotEvent::Enter,
        });
        path.lambdas.push(lambda * scale);
        path.coefficients.push(w.clone());
        let mut just_left: Option<usize> = None;
        let max_steps = 8 * p + 16;
        for _ in 0..max_steps {
            let Some(d) = direction(self, &active, &signs) else {
                return path;
            };
            // a = Gram[:, A]·d: how fast each correlation moves per unit step.
            let a: Vec<f64> = (0..p)
                .map(|j| active.iter().zip(&d).map(|(&k, dk)| entry(&self.gram, j, k) * dk).sum())
                .collect();
            let tie = TIE * lambda_max;
            let mut step = lambda;
            let mut event: Option<(usize, KnotEvent)> = None;
            for j in (0..p).filter(|&j| usable(j) && !active.contains(&j)) {
                let (c, aj) = (
                    correlation.get(j).copied().unwrap_or(0.0),
                    a.get(j).copied().unwrap_or(0.0),
                );
                for (numerator, denominator) in [(lambda - c, 1.0 - aj), (lambda + c, 1.0 + aj)] {
                    if denominator <= 0.0 {
                        continue;
                    }
                    let gamma = numerator / denominator;
                    let too_soon = just_left == Some(j) && gamma <= tie;
                    if gamma > 0.0 && gamma < step && !too_soon {
                        step = gamma;
                        event = Some((j, KnotEvent::Enter));
                    }
                }
            }
            for (&j, dj) in active.iter().zip(&d) {
                let wj = w.get(j).copied().unwrap_or(0.0);
                if *dj != 0.0 && wj != 0.0 {
                    let gamma = -wj / dj;
                    if gamma > 0.0 && gamma < step {
                        step = gamma;
                        event = Some((j, KnotEvent::Leave));
                    }
                }
            }
            for (&j, dj) in active.iter().zip(&d) {
                if let Some(slot) = w.get_mut(j) {
                    *slot += step * dj;
                }
            }
            for (c, aj) in correlation.iter_mut().zip(&a) {
                *c -= step * aj;
            }
            lambda -= step;
            just_left = None;
            match event {
                Some((j, KnotEvent::Enter)) => {
                    active.push(j);
                    signs.push(correlation.get(j).map_or(1.0, |c| c.signum()));
                    path.knots.push(Knot {
                        lambda: lambda * scale,
                        feature: j,
                        event: KnotEvent::Enter,
                    });
                }
                Some((j, KnotEvent::Leave)) => {
                    if let Some(pos) = active.iter().position(|&k| k == j) {
                        active.remove(pos);
                        signs.remove(pos);
                    }
                    if let Some(slot) = w.get_mut(j) {
                        *slot = 0.0;
                    }
                    just_left = Some(j);
                    path.knots.push(Knot {
                        lambda: lambda * scale,
                        feature: j,
                        event: KnotEvent::Leave,
                    });
                }
                None => {
                    lambda = 0.0;
                }
            }
            path.lambdas.push(lambda * scale);
            path.coefficients.push(w.iter().map(|v| v * scale).collect());
            if lambda <= 0.0 {
                path.complete = true;
                return path;
            }
        }
        path
    }
}

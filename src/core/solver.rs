//! Solvers for the centered, standardized problem of CONVENTIONS.md:
//!
//! minimize over w:  1/(2n)·‖ỹ − Xs·w‖² + l1·‖w‖₁ + l2/2·‖w‖₂²
//!
//! with ỹ = y − ȳ (the intercept b0 = ȳ is not penalized), l1 = λα and l2 = λ(1−α)
//! (glmnet; Friedman, Hastie & Tibshirani 2010, eq. 1).
//!
//! The problem is reduced once (a QR, then an SVD of a p × p factor) to Xs/√n = U·diag(σ)·Vᵀ. OLS (minimum norm) and ridge
//! are closed forms in that basis (ESL §3.4.1, eq. 3.47). Lasso and elastic net run coordinate
//! descent on the Gram matrix XsᵀXs/n, then an exact active-set method: on the active set A with
//! signs s it solves (Xs_AᵀXs_A/n + l2·I)·w_A = Xs_Aᵀỹ/n − l1·s_A through the SVD of
//! diag(σ)·Vᵀ_A, which has the conditioning of Xs_A, not of its Gram matrix. Variables leave
//! when their sign would flip and enter while they violate KKT, so the result satisfies the KKT
//! conditions to rounding error, where plain coordinate descent stalls on polynomial features.
//!
//! Internally ỹ is divided by its largest magnitude so that data from 1e-300 to 1e200 stays in
//! range; the penalty weights are rescaled to match and every result is scaled back.

use nalgebra::{DMatrix, DVector};

use super::error::CoreError;
use super::linalg::{svd, Svd};

/// Cap on coordinate-descent sweeps before the active-set phase takes over.
const MAX_CD_SWEEPS: usize = 200;
/// Relative change in w below which coordinate descent stops.
const CD_TOLERANCE: f64 = 1e-10;
/// A KKT excess (in the scaled problem) above which an inactive variable enters the active set.
const ENTER_TOLERANCE: f64 = 1e-13;
/// The size of the part of the sign vector outside the row space of the active columns above
/// which their KKT equations count as having no solution.
const INCONSISTENT: f64 = 1e-10;
/// The smallest ratio of |diagonal| entries of an active set's QR triangle at which the QR
/// solve is trusted; below it the SVD decides what is collinear.
const WELL_CONDITIONED: f64 = 1e-6;
/// A ridge weight (in the scaled problem, where Xs has unit-variance columns and |ỹ| ≤ 1) below
/// which the ridge part is numerically invisible.
const NEGLIGIBLE_RIDGE: f64 = 1e-16;
/// The KKT bound (in the scaled problem) that a converged solution meets.
pub const KKT_TOLERANCE: f64 = 1e-9;

/// A solution of the scaled problem with its diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// Standardized coefficients w, in the units of y.
    pub w: Vec<f64>,
    /// Largest KKT violation, in the units of y (CONVENTIONS.md, "Accuracy").
    pub kkt_violation: f64,
    /// Whether the KKT violation, relative to the scale of y, is within 1e-9.
    pub converged: bool,
    /// Coordinate-descent sweeps plus active-set steps used.
    pub iterations: usize,
}

/// The least-squares problem on a standardized design, reduced to p × p by one QR and one SVD.
///
/// A Householder QR of [Xs | ỹ]/√n gives R₀ and c₀ with Xs/√n = Q·R₀ and ỹ/√n = Q·c₀; an SVD
/// R₀ = U′·diag(σ)·Vᵀ then gives Xs/√n = (Q·U′)·diag(σ)·Vᵀ. After that nothing depends on n.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub(crate) n_samples: usize,
    pub(crate) y_scale: f64,
    pub(crate) usable: Vec<bool>,
    /// XsᵀXs/n.
    pub(crate) gram: DMatrix<f64>,
    /// Xsᵀỹ/n (scaled).
    pub(crate) xty: DVector<f64>,
    /// Singular values of Xs/√n.
    pub(crate) singular_values: DVector<f64>,
    /// Vᵀ (m × p).
    pub(crate) v_t: DMatrix<f64>,
    /// diag(σ)·Vᵀ (m × p): Xs/√n = U·r.
    pub(crate) r: DMatrix<f64>,
    /// Uᵀ·ỹ/√n (scaled).
    pub(crate) qy: DVector<f64>,
    /// ‖ỹ − U·Uᵀ·ỹ‖²/n (scaled): the part of y no coefficients can fit.
    pub(crate) residual_outside: f64,
}

/// Where the active-set step heads.
enum Target {
    /// The solution of the KKT equations on the active set.
    Point(Vec<f64>),
    /// A direction that keeps the fit and lowers ‖w‖₁, when those equations have no solution.
    Ray(Vec<f64>),
}

fn soft_threshold(value: f64, threshold: f64) -> f64 {
    if value > threshold {
        value - threshold
    } else if value < -threshold {
        value + threshold
    } else {
        0.0
    }
}

/// m[(row, col)], or 0 outside the matrix: no indexing that can panic.
pub(crate) fn entry(m: &DMatrix<f64>, row: usize, col: usize) -> f64 {
    m.get((row, col)).copied().unwrap_or(0.0)
}

pub(crate) fn max_abs(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |m, v| m.max(v.abs()))
}

impl Problem {
    /// Sets up the problem for standardized features `xs` (n × p) and centered responses
    /// `y_centered`. Columns with `usable[j] == false` (constant ones) keep w_j = 0.
    pub fn new(xs: &DMatrix<f64>, y_centered: &[f64], usable: Vec<bool>) -> Result<Problem, CoreError> {
        let n = xs.nrows();
        let p = xs.ncols();
        if n == 0 {
            return Err(CoreError::TooFewRows { rows: 0, needed: 1 });
        }
        if y_centered.len() != n {
            return Err(CoreError::LengthMismatch {
                what: "y",
                left: y_centered.len(),
                right: n,
            });
        }
        if usable.len() != p {
            return Err(CoreError::LengthMismatch {
                what: "usable columns",
                left: usable.len(),
                right: p,
            });
        }
        if let Some(index) = y_centered.iter().position(|v| !v.is_finite()) {
            return Err(CoreError::NonFinite { what: "y", index });
        }
        if let Some(index) = xs.iter().position(|v| !v.is_finite()) {
            return Err(CoreError::NonFinite {
                what: "standardized features",
                index,
            });
        }
        let largest = max_abs(y_centered.iter().copied());
        let y_scale = if largest > 0.0 && largest.is_finite() {
            largest
        } else {
            1.0
        };
        // Column-major, so the columns of Xs and then ỹ are one copy; R scales with 1/√n after.
        let augmented = DMatrix::from_iterator(
            n,
            p + 1,
            xs.iter().copied().chain(y_centered.iter().map(|v| v / y_scale)),
        );
        let r_augmented = augmented.qr().r() / (n as f64).sqrt();
        let k = r_augmented.nrows();
        let r0 = r_augmented.columns(0, p).into_owned();
        let c0 = r_augmented.column(p).into_owned();
        let gram = r0.tr_mul(&r0);
        let xty = r0.tr_mul(&c0);
        let Svd {
            u,
            singular_values,
            v_t,
        } = svd(&r0).ok_or(CoreError::Decomposition {
            what: "SVD of the design",
        })?;
        let mut r = v_t.clone();
        for (mut row, &sigma) in r.row_iter_mut().zip(singular_values.iter()) {
            row *= sigma;
        }
        let qy = u.tr_mul(&c0);
        let residual_outside = if k > 0 { (&c0 - &u * &qy).norm_squared() } else { 0.0 };
        Ok(Problem {
            n_samples: n,
            y_scale,
            usable,
            gram,
            xty,
            singular_values,
            v_t,
            r,
            qy,
            residual_outside,
        })
    }

    /// Number of features p.
    pub fn n_features(&self) -> usize {
        self.usable.len()
    }

    /// Number of rows n.
    pub fn n_samples(&self) -> usize {
        self.n_samples
    }

    /// The singular values of Xs/√n; their squares are the eigenvalues of XsᵀXs/n.
    pub fn singular_values(&self) -> &[f64] {
        self.singular_values.as_slice()
    }

    /// max_j |Xs_jᵀ ỹ| / n, in the units of y: λ_max for the lasso (CONVENTIONS.md, "λ grid").
    pub fn max_correlation(&self) -> f64 {
        max_abs(self.xty.iter().copied()) * self.y_scale
    }

    fn rank_tolerance(&self) -> f64 {
        let largest = max_abs(self.singular_values.iter().copied());
        largest * f64::EPSILON * self.n_samples().max(self.n_features()) as f64
    }

    /// The numerical rank of Xs, with NumPy's `lstsq` threshold σ > ε·max(n, p)·σ_max.
    pub fn rank(&self) -> usize {
        let tolerance = self.rank_tolerance();
        self.singular_values.iter().filter(|&&s| s > tolerance).count()
    }

    /// Applies V·diag(f(σ))·(Uᵀỹ/√n), the form of both OLS and ridge, and scales back.
    fn spectral_solution(&self, filter: impl Fn(f64) -> f64) -> Vec<f64> {
        let weights = DVector::from_iterator(
            self.qy.len(),
            self.singular_values
                .iter()
                .zip(self.qy.iter())
                .map(|(&s, &q)| filter(s) * q),
        );
        let w = self.v_t.tr_mul(&weights) * self.y_scale;
        w.iter()
            .zip(&self.usable)
            .map(|(&v, &ok)| if ok { v } else { 0.0 })
            .collect()
    }

    /// Ordinary least squares: the minimum-norm solution by SVD.
    pub fn ols(&self) -> Solution {
        let tolerance = self.rank_tolerance();
        let w = self.spectral_solution(|s| if s > tolerance { 1.0 / s } else { 0.0 });
        self.finish(w, 0.0, 0.0, 0)
    }

    /// Ridge at penalty weight l2 = λ (> 0): w = V·diag(σ/(σ²+λ))·Uᵀỹ/√n.
    pub fn ridge(&self, lambda: f64) -> Solution {
        // Singular values at rounding level are zero: keeping them would let the part of y that
        // no coefficient can fit leak in through their arbitrary singular vectors.
        let tolerance = self.rank_tolerance();
        let w = self.spectral_solution(|s| if s > tolerance { s / (s * s + lambda) } else { 0.0 });
        self.finish(w, 0.0, lambda, 0)
    }

    /// Effective degrees of freedom of ridge at λ: Σ σ²/(σ² + λ) (ESL eq. 3.50, in our scaling).
    pub fn ridge_df(&self, lambda: f64) -> f64 {
        let tolerance = self.rank_tolerance();
        self.singular_values
            .iter()
            .filter(|&&s| s > tolerance)
            .map(|&s| s * s / (s * s + lambda))
            .sum()
    }

    /// Lasso or elastic net with l1 = λα and l2 = λ(1−α), from a warm start if given.
    pub fn elastic_net(&self, l1: f64, l2: f64, warm_start: Option<&[f64]>) -> Solution {
        let p = self.n_features();
        let l1_scaled = l1 / self.y_scale;
        // A ridge weight this small changes no gradient by more than rounding, but dividing by it
        // (along directions the data cannot see) would overflow: solve it as the lasso, and
        // judge the result by the true objective's KKT conditions below.
        let l2_solve = if l2 < NEGLIGIBLE_RIDGE { 0.0 } else { l2 };
        let warm: Option<Vec<f64>> = warm_start
            .filter(|start| start.len() == p && start.iter().all(|v| v.is_finite()))
            .map(|start| start.iter().map(|v| v / self.y_scale).collect());
        // From a nearby solution (the previous λ on a path) the active-set method alone takes a
        // step or two; coordinate descent is only needed to find a good active set from afar.
        if let Some(start) = &warm {
            let (refined, steps) = self.active_set(l1_scaled, l2_solve, start);
            let violation = self.kkt_scaled(&refined, l1_scaled, l2);
            if violation <= KKT_TOLERANCE {
                return Solution {
                    w: refined.iter().map(|v| v * self.y_scale).collect(),
                    kkt_violation: violation * self.y_scale,
                    converged: true,
                    iterations: steps,
                };
            }
        }
        let mut w = warm.unwrap_or_else(|| vec![0.0; p]);
        let sweeps = self.coordinate_descent(l1_scaled, l2_solve, &mut w);
        let cd_violation = self.kkt_scaled(&w, l1_scaled, l2);
        let (refined, steps) = self.active_set(l1_scaled, l2_solve, &w);
        let refined_violation = self.kkt_scaled(&refined, l1_scaled, l2);
        let best = if refined_violation <= cd_violation { refined } else { w };
        let unscaled = best.iter().map(|v| v * self.y_scale).collect();
        self.finish(unscaled, l1, l2, sweeps + steps)
    }

    fn finish(&self, w: Vec<f64>, l1: f64, l2: f64, iterations: usize) -> Solution {
        let scaled: Vec<f64> = w.iter().map(|v| v / self.y_scale).collect();
        let violation = self.kkt_scaled(&scaled, l1 / self.y_scale, l2);
        Solution {
            w,
            kkt_violation: violation * self.y_scale,
            converged: violation <= KKT_TOLERANCE,
            iterations,
        }
    }

    /// Cyclic coordinate descent on the Gram matrix; returns the sweeps used.
    fn coordinate_descent(&self, l1: f64, l2: f64, w: &mut [f64]) -> usize {
        let p = self.n_features();
        let mut gw: Vec<f64> = (0..p)
            .map(|row| {
                (0..p)
                    .map(|col| entry(&self.gram, row, col) * w.get(col).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect();
        for sweep in 1..=MAX_CD_SWEEPS {
            let mut largest_change = 0.0_f64;
            let mut largest_w = 0.0_f64;
            for j in (0..p).filter(|&j| self.usable.get(j).copied().unwrap_or(false)) {
                let diagonal = entry(&self.gram, j, j);
                let (Some(&current), Some(&gwj), Some(&xty)) = (w.get(j), gw.get(j), self.xty.get(j)) else {
                    continue;
                };
                let rho = xty - gwj + diagonal * current;
                let updated = soft_threshold(rho, l1) / (diagonal + l2);
                let delta = updated - current;
                if delta != 0.0 {
                    for (g, &gram_kj) in gw.iter_mut().zip(self.gram.column(j).iter()) {
                        *g += delta * gram_kj;
                    }
                    if let Some(slot) = w.get_mut(j) {
                        *slot = updated;
                    }
                }
                largest_change = largest_change.max(delta.abs());
                largest_w = largest_w.max(updated.abs());
            }
            if largest_change <= CD_TOLERANCE * largest_w.max(f64::MIN_POSITIVE) {
                return sweep;
            }
        }
        MAX_CD_SWEEPS
    }

    /// The active columns of the reduced factor, stacked on √l2·I when l2 > 0, and the upper
    /// triangle T of their Householder QR (so TᵀT = R_AᵀR_A + l2·I), if T is well conditioned.
    fn active_triangle(&self, active: &[usize], l2: f64) -> Option<(DMatrix<f64>, DMatrix<f64>)> {
        let m = self.r.nrows();
        let k = active.len();
        let extra = if l2 > 0.0 { k } else { 0 };
        let root = l2.sqrt();
        let stacked = DMatrix::from_fn(m + extra, k, |row, a| {
            if row < m {
                active.get(a).map_or(0.0, |&j| entry(&self.r, row, j))
            } else if row - m == a {
                root
            } else {
                0.0
            }
        });
        if m + extra < k {
            return None;
        }
        let qr = stacked.clone().qr();
        let t = qr.r();
        let diagonal: Vec<f64> = t.diagonal().iter().map(|d| d.abs()).collect();
        let largest = diagonal.iter().copied().fold(0.0, f64::max);
        let smallest = diagonal.iter().copied().fold(f64::INFINITY, f64::min);
        (smallest > WELL_CONDITIONED * largest && smallest.is_finite()).then_some((stacked, t))
    }

    /// The KKT equations on the active set by QR, when the active columns are well conditioned:
    /// w = T⁻¹·(Qᵀb) − l1·T⁻¹·T⁻ᵀ·s, with b = [Uᵀỹ/√n; 0].
    fn solve_active_qr(&self, active: &[usize], signs: &[f64], l1: f64, l2: f64) -> Option<Vec<f64>> {
        let (stacked, t) = self.active_triangle(active, l2)?;
        let m = self.r.nrows();
        let b = DVector::from_fn(stacked.nrows(), |row, _| {
            if row < m {
                self.qy.get(row).copied().unwrap_or(0.0)
            } else {
                0.0
            }
        });
        // Qᵀb without forming Q: Tᵀ(Qᵀb) = stackedᵀ·b.
        let qtb = t.tr_solve_upper_triangular(&stacked.tr_mul(&b))?;
        let penalty = t.tr_solve_upper_triangular(&DVector::from_column_slice(signs))?;
        let w = t.solve_upper_triangular(&(qtb - penalty * l1))?;
        w.iter().all(|v| v.is_finite()).then(|| w.iter().copied().collect())
    }

    /// Effective degrees of freedom of elastic net on `active`: Σ σ²/(σ² + l2) over the singular
    /// values of Xs_A/√n, computed as ‖R_A·T⁻¹‖²_F (no cancellation), or by SVD if T is ill
    /// conditioned.
    pub fn enet_df(&self, active: &[usize], l2: f64) -> f64 {
        if active.is_empty() {
            return 0.0;
        }
        if let Some((stacked, t)) = self.active_triangle(active, l2) {
            let m = self.r.nrows();
            let ra = stacked.rows(0, m).into_owned();
            if let Some(inverse) = t.solve_upper_triangular(&DMatrix::identity(active.len(), active.len())) {
                return (ra * inverse).norm_squared();
            }
        }
        let tolerance = self.rank_tolerance();
        self.active_singular_values(active).map_or(f64::NAN, |sv| {
            sv.iter()
                .filter(|&&s| s > tolerance)
                .map(|&s| s * s / (s * s + l2))
                .sum()
        })
    }

    /// Solves the KKT equations on `active` with fixed `signs` (ESL §3.4.4; the polish step of
    /// the oracle): by QR when the active columns are well conditioned, else by SVD, which also
    /// handles collinear ones. None if the SVD fails.
    fn solve_active(&self, active: &[usize], signs: &[f64], l1: f64, l2: f64) -> Option<Target> {
        let k = active.len();
        if k == 0 {
            return Some(Target::Point(Vec::new()));
        }
        if let Some(w) = self.solve_active_qr(active, signs, l1, l2) {
            return Some(Target::Point(w));
        }
        let m = self.r.nrows();
        let ra = DMatrix::from_fn(m, k, |row, a| active.get(a).map_or(0.0, |&j| entry(&self.r, row, j)));
        let Svd {
            u,
            singular_values: sigma,
            v_t,
        } = svd(&ra)?;
        // As in ridge, singular values at rounding level count as zero: there only the penalty
        // acts (−l1·s/l2), or, without a ridge part, the minimum-norm choice (0).
        let keep = self.rank_tolerance();
        let s = DVector::from_column_slice(signs);
        let uq = u.tr_mul(&self.qy);
        let vs = &v_t * &s;
        let a = DVector::from_iterator(
            sigma.len(),
            sigma.iter().enumerate().map(|(i, &sg)| {
                let (uq_i, vs_i) = (uq.get(i).copied().unwrap_or(0.0), vs.get(i).copied().unwrap_or(0.0));
                if sg > keep {
                    (sg * uq_i - l1 * vs_i) / (sg * sg + l2)
                } else if l2 > 0.0 {
                    -l1 * vs_i / l2
                } else {
                    0.0
                }
            }),
        );
        let mut w = v_t.tr_mul(&a);
        // The part of s outside the row space of Xs_A: there only the penalty acts.
        let kept = DVector::from_iterator(
            sigma.len(),
            vs.iter()
                .zip(sigma.iter())
                .map(|(&v, &sg)| if sg > keep || l2 > 0.0 { v } else { 0.0 }),
        );
        let outside = &s - v_t.tr_mul(&kept);
        if l2 > 0.0 {
            w -= outside * (l1 / l2);
        } else if outside.norm() > INCONSISTENT * (k as f64).sqrt() {
            // Without a ridge part and with collinear active columns the equations have no
            // solution: along −outside the fit stays the same and ‖w‖₁ falls, so move that way
            // until a coefficient reaches 0 and leaves.
            return Some(Target::Ray((-outside).iter().copied().collect()));
        }
        Some(Target::Point(w.iter().copied().collect()))
    }

    /// ∇ of the smooth part, Gram·w − Xsᵀỹ/n + l2·w, in the scaled problem.
    fn gradient(&self, w: &[f64], l2: f64) -> Vec<f64> {
        let p = self.n_features();
        (0..p)
            .map(|j| {
                let gw: f64 = (0..p)
                    .map(|k| entry(&self.gram, j, k) * w.get(k).copied().unwrap_or(0.0))
                    .sum();
                gw - self.xty.get(j).copied().unwrap_or(0.0) + l2 * w.get(j).copied().unwrap_or(0.0)
            })
            .collect()
    }

    /// A primal active-set method from `start`: exact on the final active set.
    fn active_set(&self, l1: f64, l2: f64, start: &[f64]) -> (Vec<f64>, usize) {
        let p = self.n_features();
        let mut w = start.to_vec();
        let usable = |j: usize| self.usable.get(j).copied().unwrap_or(false);
        let mut active: Vec<usize> = (0..p)
            .filter(|&j| usable(j) && w.get(j).is_some_and(|&v| v != 0.0))
            .collect();
        let mut signs: Vec<f64> = active.iter().map(|&j| w.get(j).map_or(1.0, |v| v.signum())).collect();
        let mut refused = vec![false; p];
        let max_steps = 20 * p + 50;
        for step in 1..=max_steps {
            let target = match self.solve_active(&active, &signs, l1, l2) {
                None => return (w, step),
                Some(Target::Point(goal)) => goal,
                Some(Target::Ray(direction)) => {
                    // Move along the ray until the first coefficient reaches 0; it leaves.
                    // Only coefficients moving against their sign head for 0.
                    let first = active
                        .iter()
                        .zip(&direction)
                        .zip(&signs)
                        .enumerate()
                        .filter(|(_, ((_, &d), &sign))| d * sign < 0.0)
                        .filter_map(|(pos, ((&j, &d), _))| w.get(j).map(|&wj| (pos, (wj / d).abs())))
                        .min_by(|a, b| a.1.total_cmp(&b.1));
                    let Some((leaving, reach)) = first else {
                        return (w, step);
                    };
                    for (&j, &d) in active.iter().zip(&direction) {
                        if let Some(slot) = w.get_mut(j) {
                            *slot += reach * d;
                        }
                    }
                    if let Some(&j) = active.get(leaving) {
                        if let Some(slot) = w.get_mut(j) {
                            *slot = 0.0;
                        }
                        if reach == 0.0 {
                            if let Some(flag) = refused.get_mut(j) {
                                *flag = true;
                            }
                        }
                    }
                    active.remove(leaving);
                    signs.remove(leaving);
                    continue;
                }
            };
            // The furthest step towards the target that keeps every sign.
            let mut fraction = 1.0;
            let mut blocking = None;
            for (pos, (&j, &sign)) in active.iter().zip(&signs).enumerate() {
                let goal = target.get(pos).copied().unwrap_or(0.0);
                if goal * sign > 0.0 {
                    continue;
                }
                let current = w.get(j).copied().unwrap_or(0.0);
                let reach = if current != goal {
                    (current / (current - goal)).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                if reach < fraction || blocking.is_none() {
                    fraction = reach.min(fraction);
                    blocking = Some(pos);
                }
            }
            for (pos, &j) in active.iter().enumerate() {
                if let (Some(slot), Some(&goal)) = (w.get_mut(j), target.get(pos)) {
                    *slot += fraction * (goal - *slot);
                }
            }
            if let Some(pos) = blocking {
                if let Some(&j) = active.get(pos) {
                    if let Some(slot) = w.get_mut(j) {
                        *slot = 0.0;
                    }
                    if fraction == 0.0 {
                        // It cannot move the right way: keep it out until the set changes.
                        if let Some(flag) = refused.get_mut(j) {
                            *flag = true;
                        }
                    }
                }
                active.remove(pos);
                signs.remove(pos);
                continue;
            }
            let gradient = self.gradient(&w, l2);
            let entering = (0..p)
                .filter(|&j| usable(j) && !active.contains(&j) && !refused.get(j).copied().unwrap_or(true))
                .map(|j| (j, gradient.get(j).copied().unwrap_or(0.0)))
                .map(|(j, g)| (j, g, g.abs() - l1))
                .filter(|&(_, _, excess)| excess > ENTER_TOLERANCE)
                .max_by(|a, b| a.2.total_cmp(&b.2));
            match entering {
                Some((j, g, _)) => {
                    active.push(j);
                    signs.push(-g.signum());
                    refused.iter_mut().for_each(|flag| *flag = false);
                }
                None => return (w, step),
            }
        }
        (w, max_steps)
    }

    /// The largest KKT violation of w in the scaled problem (CONVENTIONS.md, "Accuracy"), with
    /// g = −Xsᵀr/n + l2·w = XsᵀXs/n·w − Xsᵀỹ/n + l2·w.
    fn kkt_scaled(&self, w: &[f64], l1: f64, l2: f64) -> f64 {
        if w.len() != self.n_features() {
            return f64::INFINITY;
        }
        let gradient = self.gradient(w, l2);
        let mut worst = 0.0_f64;
        for ((&g, &wj), &usable) in gradient.iter().zip(w).zip(&self.usable) {
            let violation = if !usable {
                wj.abs()
            } else if wj != 0.0 {
                (g + l1 * wj.signum()).abs()
            } else {
                (g.abs() - l1).max(0.0)
            };
            worst = if violation.is_nan() {
                f64::INFINITY
            } else {
                worst.max(violation)
            };
        }
        worst
    }

    /// Mean squared residual (1/n)·‖ỹ − Xs·w‖², in the units of y²: the part outside the column
    /// space plus ‖Uᵀỹ/√n − diag(σ)·Vᵀ·w‖², both without cancellation.
    pub fn mse(&self, w: &[f64]) -> f64 {
        if w.len() != self.n_features() {
            return f64::NAN;
        }
        let wv = DVector::from_iterator(w.len(), w.iter().map(|v| v / self.y_scale));
        let inside = (&self.qy - &self.r * &wv).norm_squared();
        (self.residual_outside + inside) * self.y_scale * self.y_scale
    }

    /// Singular values of Xs_A/√n for the columns `active`.
    pub fn active_singular_values(&self, active: &[usize]) -> Option<Vec<f64>> {
        if active.is_empty() {
            return Some(Vec::new());
        }
        let m = self.r.nrows();
        let ra = DMatrix::from_fn(m, active.len(), |row, a| {
            active.get(a).map_or(0.0, |&j| entry(&self.r, row, j))
        });
        Some(svd(&ra)?.singular_values.iter().copied().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(rows: &[[f64; 2]], y: &[f64]) -> Problem {
        let n = rows.len();
        let xs = DMatrix::from_fn(n, 2, |i, j| rows[i][j]);
        Problem::new(&xs, y, vec![true, true]).unwrap()
    }

    #[test]
    fn orthogonal_design_has_closed_forms() {
        // Xs columns are orthogonal with XsᵀXs/n = I, so OLS w = Xsᵀy/n,
        // ridge w/(1+λ), lasso the soft threshold (ESL Table 3.4).
        let p = problem(
            &[[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]],
            &[3.0, 1.0, -1.0, -3.0],
        );
        let ols = p.ols();
        assert!((ols.w[0] - 2.0).abs() < 1e-14 && (ols.w[1] - 1.0).abs() < 1e-14);
        let ridge = p.ridge(1.0);
        assert!((ridge.w[0] - 1.0).abs() < 1e-14 && (ridge.w[1] - 0.5).abs() < 1e-14);
        let lasso = p.elastic_net(1.5, 0.0, None);
        assert!((lasso.w[0] - 0.5).abs() < 1e-14);
        assert_eq!(lasso.w[1], 0.0);
        assert!(lasso.converged && lasso.kkt_violation < 1e-14);
    }

    #[test]
    fn lasso_at_lambda_max_is_zero() {
        let p = problem(
            &[[1.0, 0.5], [-0.3, 1.0], [0.2, -1.2], [-0.9, -0.3]],
            &[1.0, 0.2, -0.4, -0.8],
        );
        let lambda_max = p.max_correlation();
        let s = p.elastic_net(lambda_max * (1.0 + 1e-12), 0.0, None);
        assert!(s.w.iter().all(|&v| v == 0.0));
        let s = p.elastic_net(lambda_max * 0.9, 0.0, None);
        assert!(s.w.iter().any(|&v| v != 0.0));
    }

    #[test]
    fn length_mismatch_and_non_finite_are_errors() {
        let xs = DMatrix::from_element(3, 1, 1.0);
        assert!(Problem::new(&xs, &[1.0, 2.0], vec![true]).is_err());
        assert!(Problem::new(&xs, &[1.0, f64::NAN, 2.0], vec![true]).is_err());
    }
}

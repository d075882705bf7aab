//! K-fold cross-validation exactly as CONVENTIONS.md defines it: training row i goes to fold
//! i mod K; each fold rebuilds the z-map and the standardization on its own training rows; the λ
//! grid is the one from all training rows; cv_mean is the unweighted mean of the fold MSEs and
//! cv_se = std(fold MSEs, ddof 1)/√K (ESL §7.10; glmnet's `cv.glmnet` and its λ_1se rule).

use nalgebra::{DMatrix, DVector};

use super::model::{Model, Penalty};
use super::CoreError;

/// The default number of folds.
pub const DEFAULT_FOLDS: usize = 5;

/// A cross-validation curve over a λ grid.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CrossValidation {
    /// λ values (the path's grid), descending.
    pub lambdas: Vec<f64>,
    /// Held-out MSE per fold and λ: `fold_mse[fold][λ index]`.
    pub fold_mse: Vec<Vec<f64>>,
    /// Mean of the fold MSEs per λ.
    pub mean: Vec<f64>,
    /// Standard error of that mean per λ.
    pub se: Vec<f64>,
    /// Index of the smallest mean (the first, on ties).
    pub index_min: usize,
    /// Index of the largest λ whose mean is within one SE of the smallest.
    pub index_1se: usize,
    /// λ at `index_min`.
    pub lambda_min: f64,
    /// λ at `index_1se`.
    pub lambda_1se: f64,
    /// The number of folds used (K clamped to 2..=n).
    pub folds: usize,
}

/// The number of folds used for `folds` asked on `n_rows` rows: K clamped to 2..=n.
pub fn fold_count(n_rows: usize, folds: usize) -> usize {
    folds.clamp(2, n_rows.max(2))
}

/// The held-out rows of each fold: row i belongs to fold i mod K.
pub fn fold_rows(n_rows: usize, folds: usize) -> Vec<Vec<usize>> {
    (0..folds)
        .map(|fold| (fold..n_rows).step_by(folds.max(1)).collect())
        .collect()
}

/// The K fold models of a model's training rows, each with its held-out rows reduced to a
/// small triangle: they depend on the data, the features and K only, so one set serves every
/// penalty, α and λ grid.
#[derive(Debug, Clone)]
pub struct Folds {
    parts: Vec<Fold>,
}

#[derive(Debug, Clone)]
struct Fold {
    model: Model,
    /// R of the QR of B = [Xs_h, y_h − ȳ] (the held-out rows standardized by the fold's model,
    /// and their responses less its mean): for u = (−w, 1), ‖B·u‖ = ‖R·u‖ is the norm of the
    /// held-out residuals of w, at O(p²) per λ instead of O(m·p).
    held_out_r: DMatrix<f64>,
    /// The number of held-out rows, m.
    held_out_count: usize,
}

impl Fold {
    /// The held-out mean squared error of each coefficient vector (NaN for a wrong length).
    fn held_out_mse(&self, path: &[Vec<f64>]) -> Vec<f64> {
        let columns = self.held_out_r.ncols();
        let m = self.held_out_count.max(1) as f64;
        path.iter()
            .map(|w| {
                if w.len() + 1 != columns {
                    return f64::NAN;
                }
                let u = DVector::from_iterator(columns, w.iter().map(|v| -v).chain([1.0]));
                (&self.held_out_r * u).norm_squared() / m
            })
            .collect()
    }
}

impl Folds {
    /// The number of folds.
    pub fn count(&self) -> usize {
        self.parts.len()
    }
}

impl Model {
    /// The fold models for K-fold cross-validation on this model's rows (K clamped to 2..=n).
    pub fn folds(&self, folds: usize) -> Result<Folds, CoreError> {
        let n = self.n_samples();
        if n < 2 {
            return Err(CoreError::TooFewRows { rows: n, needed: 2 });
        }
        let folds = fold_count(n, folds);
        let pick = |rows: &[usize]| {
            rows.iter()
                .filter_map(|&i| self.y().get(i).copied())
                .collect::<Vec<f64>>()
        };
        let mut parts = Vec::with_capacity(folds);
        for (fold, held_out) in fold_rows(n, folds).into_iter().enumerate() {
            let training: Vec<usize> = (0..n).filter(|i| i % folds != fold).collect();
            let model = Model::new(self.inputs().subset(&training), pick(&training))?;
            let rows = model.standardize_rows(&self.inputs().subset(&held_out));
            let (m, p) = rows.shape();
            let mut augmented = rows.insert_column(p, 0.0);
            for (slot, y) in augmented.column_mut(p).iter_mut().zip(pick(&held_out)) {
                *slot = y - model.y_mean();
            }
            parts.push(Fold {
                model,
                held_out_r: augmented.qr().r(),
                held_out_count: m,
            });
        }
        Ok(Folds { parts })
    }

    /// K-fold cross-validation of `penalty` (not OLS) over `lambdas`.
    pub fn cross_validate(
        &self,
        penalty: Penalty,
        alpha: f64,
        lambdas: &[f64],
        folds: usize,
    ) -> Result<CrossValidation, CoreError> {
        self.cross_validate_on(&self.folds(folds)?, penalty, alpha, lambdas)
    }

    /// As [`Model::cross_validate`], on fold models built before by [`Model::folds`].
    pub fn cross_validate_on(
        &self,
        folds: &Folds,
        penalty: Penalty,
        alpha: f64,
        lambdas: &[f64],
    ) -> Result<CrossValidation, CoreError> {
        if lambdas.is_empty() {
            return Err(CoreError::TooFewRows { rows: 0, needed: 1 });
        }
        let mut fold_mse = Vec::with_capacity(folds.parts.len());
        for part in &folds.parts {
            let coefficients = part.model.path_coefficients(penalty, alpha, lambdas)?;
            fold_mse.push(part.held_out_mse(&coefficients));
        }
        let folds = folds.parts.len();
        let k = folds as f64;
        let mean: Vec<f64> = (0..lambdas.len())
            .map(|l| fold_mse.iter().filter_map(|f| f.get(l)).sum::<f64>() / k)
            .collect();
        let se: Vec<f64> = mean
            .iter()
            .enumerate()
            .map(|(l, m)| {
                let ss: f64 = fold_mse
                    .iter()
                    .filter_map(|f| f.get(l))
                    .map(|v| (v - m) * (v - m))
                    .sum();
                (ss / (k - 1.0)).sqrt() / k.sqrt()
            })
            .collect();
        // The first smallest mean, as NumPy's argmin (NaN means are passed over).
        let mut index_min = 0;
        for (i, &m) in mean.iter().enumerate() {
            if m < mean.get(index_min).copied().unwrap_or(f64::NAN) || mean.get(index_min).is_some_and(|b| b.is_nan()) {
                index_min = i;
            }
        }
        let bound = mean.get(index_min).copied().unwrap_or(f64::NAN) + se.get(index_min).copied().unwrap_or(0.0);
        let index_1se = mean.iter().position(|&m| m <= bound).unwrap_or(index_min);
        Ok(CrossValidation {
            lambda_min: lambdas.get(index_min).copied().unwrap_or(f64::NAN),
            lambda_1se: lambdas.get(index_1se).copied().unwrap_or(f64::NAN),
            lambdas: lambdas.to_vec(),
            fold_mse,
            mean,
            se,
            index_min,
            index_1se,
            folds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_take_every_kth_row() {
        assert_eq!(fold_rows(7, 3), vec![vec![0, 3, 6], vec![1, 4], vec![2, 5]]);
    }
}

//! The λ grid of CONVENTIONS.md, which is also the range of the λ slider.

/// Number of λ values on a path.
pub const GRID_SIZE: usize = 100;
/// The grid's smallest λ, as a fraction of λ_max, for α > 0 (glmnet's `lambda.min.ratio`).
pub const GRID_EPS: f64 = 1e-4;
/// glmnet's floor on α in λ_max, so that ridge still gets a finite λ_max.
pub const ALPHA_FLOOR: f64 = 1e-3;

/// λ_max = max_j |Xs_jᵀ(y − ȳ)| / (n·max(α, 0.001)): for α ≥ 0.001, the smallest λ at which
/// every coefficient is 0 (Friedman, Hastie & Tibshirani 2010, §2.5).
pub fn lambda_max(max_correlation: f64, alpha: f64) -> f64 {
    max_correlation / alpha.max(ALPHA_FLOOR)
}

/// `count` values from `start` to `stop`, evenly spaced in log (NumPy's `geomspace`).
pub fn geomspace(start: f64, stop: f64, count: usize) -> Vec<f64> {
    if count == 0 {
        return Vec::new();
    }
    if count == 1 {
        return vec![start];
    }
    let (log_start, log_stop) = (start.log10(), stop.log10());
    let step = (log_stop - log_start) / (count - 1) as f64;
    (0..count)
        .map(|i| match i {
            0 => start,
            _ if i == count - 1 => stop,
            _ => 10f64.powf(log_start + step * i as f64),
        })
        .collect()
}

/// The endpoints (largest, smallest) of the λ grid.
///
/// For α > 0: λ_max down to 1e-4·λ_max. For ridge, with e_i the eigenvalues of XsᵀXs/n (the
/// squared singular values of Xs/√n): 20·p down to 0.05·max(e_min, 1e-12·e_max), which spans df
/// from about 0.05 to nearly the rank. A degenerate design (every feature constant) falls back to
/// 1 down to 1e-4, where every λ gives the same all-zero fit.
pub fn grid_range(alpha: f64, max_correlation: f64, singular_values: &[f64], n_features: usize) -> (f64, f64) {
    let (hi, lo) = if alpha > 0.0 {
        let top = lambda_max(max_correlation, alpha);
        (top, top * GRID_EPS)
    } else {
        let eigen: Vec<f64> = singular_values.iter().map(|s| s * s).collect();
        let e_max = eigen.iter().copied().fold(0.0, f64::max);
        let e_min = eigen.iter().copied().fold(f64::INFINITY, f64::min);
        (20.0 * n_features as f64, 0.05 * e_min.max(1e-12 * e_max))
    };
    if hi.is_finite() && lo.is_finite() && lo > 0.0 && hi > lo {
        (hi, lo)
    } else {
        (1.0, GRID_EPS)
    }
}

/// The 100-value λ grid, descending.
pub fn lambda_grid(alpha: f64, max_correlation: f64, singular_values: &[f64], n_features: usize) -> Vec<f64> {
    let (hi, lo) = grid_range(alpha, max_correlation, singular_values, n_features);
    geomspace(hi, lo, GRID_SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geomspace_hits_both_ends_and_is_log_even() {
        let g = geomspace(1.0, 1e-4, 5);
        assert_eq!(g.len(), 5);
        assert_eq!((g[0], g[4]), (1.0, 1e-4));
        assert!((g[2] - 1e-2).abs() < 1e-15);
    }

    #[test]
    fn ridge_grid_spans_the_eigenvalues() {
        let (hi, lo) = grid_range(0.0, 1.0, &[2.0, 0.1], 2);
        assert_eq!(hi, 40.0);
        assert!((lo - 0.05 * 0.01).abs() < 1e-18);
    }

    #[test]
    fn degenerate_design_gets_a_usable_range() {
        assert_eq!(grid_range(1.0, 0.0, &[0.0], 1), (1.0, GRID_EPS));
        assert_eq!(grid_range(0.0, 0.0, &[0.0], 1), (1.0, GRID_EPS));
    }
}

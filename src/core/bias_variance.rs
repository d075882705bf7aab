//! The bias–variance decomposition of the expected test error (ESL §7.3, eq. 7.9: Hastie,
//! Tibshirani and Friedman, *The Elements of Statistical Learning*, 2nd ed.).
//!
//! At a point x₀, with Y = f(x₀) + ε, Var ε = σ², and f̂ fitted to a random training sample:
//!
//! Err(x₀) = E[(Y − f̂(x₀))²] = σ² + [E f̂(x₀) − f(x₀)]² + E[f̂(x₀) − E f̂(x₀)]²
//!         = σ² + Bias²(f̂(x₀)) + Var(f̂(x₀))
//!
//! Here the expectation over training samples is the mean over R fits to R fresh samples (so the
//! variance divides by R, not R − 1), and the decomposition is averaged over the points x₀ where
//! the fits are evaluated: with f̄_i the mean of the R fits at x_i and m points,
//!
//! Bias² = (1/m) Σ_i (f̄_i − f(x_i))²,   Variance = (1/m) Σ_i (1/R) Σ_r (f̂_r(x_i) − f̄_i)²,
//!
//! and the expected test error is Bias² + Variance + σ².

use super::error::CoreError;

/// The decomposition at one λ, averaged over the evaluation points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decomposition {
    /// Squared bias of the mean fit.
    pub bias2: f64,
    /// Variance of the fits around their mean.
    pub variance: f64,
    /// Expected test error: bias² + variance + σ².
    pub test_error: f64,
}

/// The decomposition of fits to R samples, each evaluated at the points where `truth` holds the
/// true function's values: `curves[r][i]` is fit r at point i. σ² is `noise2`. Errors when there
/// is no fit or no point, or when a curve has not one value per point.
pub fn decompose<C: AsRef<[f64]>>(curves: &[C], truth: &[f64], noise2: f64) -> Result<Decomposition, CoreError> {
    if curves.is_empty() {
        return Err(CoreError::TooFewRows { rows: 0, needed: 1 });
    }
    if truth.is_empty() {
        return Err(CoreError::TooFewRows { rows: 0, needed: 1 });
    }
    if let Some(curve) = curves.iter().find(|c| c.as_ref().len() != truth.len()) {
        return Err(CoreError::LengthMismatch {
            what: "a fitted curve and the true values",
            left: curve.as_ref().len(),
            right: truth.len(),
        });
    }
    let samples = curves.len() as f64;
    let (mut bias2, mut variance) = (0.0, 0.0);
    for (i, truth_i) in truth.iter().enumerate() {
        let values = curves.iter().filter_map(|c| c.as_ref().get(i).copied());
        let mean = values.clone().sum::<f64>() / samples;
        bias2 += (mean - truth_i).powi(2);
        variance += values.map(|f| (f - mean).powi(2)).sum::<f64>() / samples;
    }
    let points = truth.len() as f64;
    let (bias2, variance) = (bias2 / points, variance / points);
    Ok(Decomposition {
        bias2,
        variance,
        test_error: bias2 + variance + noise2,
    })
}

/// [`decompose`] at every λ of a path: `fits[r][k][i]` is fit r at λ index k and point i. Every
/// sample must have the same number of λ.
pub fn decompose_path(fits: &[Vec<Vec<f64>>], truth: &[f64], noise2: f64) -> Result<Vec<Decomposition>, CoreError> {
    let n_lambdas = fits.first().map_or(0, Vec::len);
    if let Some(sample) = fits.iter().find(|f| f.len() != n_lambdas) {
        return Err(CoreError::LengthMismatch {
            what: "the λ of two resampled paths",
            left: sample.len(),
            right: n_lambdas,
        });
    }
    (0..n_lambdas)
        .map(|k| {
            let at_lambda: Vec<&[f64]> = fits
                .iter()
                .filter_map(|per_lambda| per_lambda.get(k).map(Vec::as_slice))
                .collect();
            decompose(&at_lambda, truth, noise2)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(curves: &[&[f64]], truth: &[f64], noise2: f64, expected: (f64, f64)) {
        let d = decompose(curves, truth, noise2).unwrap();
        let (bias2, variance) = expected;
        assert!(
            (d.bias2 - bias2).abs() <= 1e-15 * (1.0 + bias2)
                && (d.variance - variance).abs() <= 1e-15 * (1.0 + variance),
            "{curves:?} against {truth:?}: {d:?}, expected bias² {bias2}, variance {variance}"
        );
        assert_eq!(d.test_error, d.bias2 + d.variance + noise2);
    }

    /// (fits, truth, σ², (bias², variance)) against closed forms.
    #[test]
    fn closed_forms() {
        // Every fit equals the truth: no bias, no variance, the error is σ².
        check(&[&[1.0, 2.0], &[1.0, 2.0]], &[1.0, 2.0], 0.25, (0.0, 0.0));
        // Constant predictions c against truth t: bias² is the mean of (c − t)², variance 0.
        check(
            &[&[3.0, 3.0, 3.0][..]; 4],
            &[0.0, 1.0, 2.0],
            0.0,
            ((9.0 + 4.0 + 1.0) / 3.0, 0.0),
        );
        // Two fits at ±a around the truth: unbiased, variance a² (divided by R, not R − 1).
        check(&[&[2.0], &[-2.0]], &[0.0], 1.0, (0.0, 4.0));
        // Fits 0, 1, 2, 3 at one point: mean 1.5, variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25.
        check(&[&[0.0], &[1.0], &[2.0], &[3.0]], &[0.5], 0.0, (1.0, 1.25));
        // Averaged over points: bias 1 at the first point only, variance 1 at the second only.
        check(&[&[1.0, 1.0], &[1.0, -1.0]], &[0.0, 0.0], 0.0, (0.5, 0.5));
        // One fit: no variance, the bias is all there is.
        check(&[&[2.0, 4.0]], &[1.0, 1.0], 0.0, ((1.0 + 9.0) / 2.0, 0.0));
    }

    /// (fits, truth): shapes that have no decomposition.
    #[test]
    fn shapes_that_do_not_fit_are_errors() {
        let none: [&[f64]; 0] = [];
        for (curves, truth) in [
            (&none[..], &[1.0][..]),
            (&[&[1.0][..]][..], &[][..]),
            (&[&[1.0, 2.0][..], &[1.0][..]][..], &[0.0, 0.0][..]),
        ] {
            assert!(decompose(curves, truth, 0.0).is_err(), "{curves:?} against {truth:?}");
        }
        let ragged = vec![vec![vec![1.0]], vec![vec![1.0], vec![2.0]]];
        assert!(decompose_path(&ragged, &[0.0], 0.0).is_err());
        assert_eq!(decompose_path(&[], &[0.0], 0.0), Ok(Vec::new()));
    }

    /// The loop `app::resample` ran before the decomposition moved here, kept as the reference.
    fn old_loop(predictions: &[Vec<Vec<f64>>], truth_values: &[f64], n_lambdas: usize, noise2: f64) -> Vec<[f64; 3]> {
        let points = truth_values.len() as f64;
        let (mut bias2, mut variance) = (Vec::new(), Vec::new());
        for k in 0..n_lambdas {
            let (mut b, mut v) = (0.0, 0.0);
            for (i, truth_i) in truth_values.iter().enumerate() {
                let values: Vec<f64> = predictions
                    .iter()
                    .filter_map(|per_lambda| per_lambda.get(k).and_then(|row| row.get(i)).copied())
                    .collect();
                let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
                b += (mean - truth_i).powi(2);
                v += values.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / values.len().max(1) as f64;
            }
            bias2.push(b / points);
            variance.push(v / points);
        }
        bias2
            .iter()
            .zip(&variance)
            .map(|(b, v)| [*b, *v, b + v + noise2])
            .collect()
    }

    /// The same numbers, bit for bit, as the loop this module replaced, on curves of every size.
    #[test]
    fn the_path_decomposition_matches_the_old_loop_bit_for_bit() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            // xorshift64*: a fixed, seeded sequence of values in [−4, 4) with every exponent.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let bits = state.wrapping_mul(0x2545_F491_4F6C_DD1D);
            ((bits >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 8.0
        };
        for (resamples, n_lambdas, points) in [(20, 100, 101), (1, 3, 5), (7, 1, 1), (3, 10, 40)] {
            let truth: Vec<f64> = (0..points).map(|_| next()).collect();
            let fits: Vec<Vec<Vec<f64>>> = (0..resamples)
                .map(|_| (0..n_lambdas).map(|_| (0..points).map(|_| next()).collect()).collect())
                .collect();
            let noise2 = next().abs();
            let new: Vec<[f64; 3]> = decompose_path(&fits, &truth, noise2)
                .unwrap()
                .iter()
                .map(|d| [d.bias2, d.variance, d.test_error])
                .collect();
            let old = old_loop(&fits, &truth, n_lambdas, noise2);
            let bits = |rows: &[[f64; 3]]| -> Vec<[u64; 3]> { rows.iter().map(|r| r.map(f64::to_bits)).collect() };
            assert_eq!(
                bits(&new),
                bits(&old),
                "{resamples} samples, {n_lambdas} λ, {points} points"
            );
        }
    }
}

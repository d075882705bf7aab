//! Properties that hold for any data and any λ: KKT to 1e-9, zeros above λ_max, a ridge norm that
//! never grows with λ, and no perturbed point with a lower objective.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use regularization_explorer::core::model::{Fit, FitRequest, Model, Penalty};

/// x, y and a degree: up to 30 points, x possibly repeated, degree up to 20 (so often p > n).
fn data() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, usize)> {
    (2usize..30, 1usize..=20).prop_flat_map(|(n, degree)| {
        (
            prop::collection::vec(prop_oneof![-5.0f64..5.0, Just(1.0), Just(-1.0)], n),
            prop::collection::vec(-10.0f64..10.0, n),
            Just(degree),
        )
    })
}

fn penalty() -> impl Strategy<Value = (Penalty, f64)> {
    prop_oneof![
        Just((Penalty::Ridge, 0.0)),
        Just((Penalty::Lasso, 1.0)),
        (0.01f64..0.99).prop_map(|a| (Penalty::ElasticNet, a)),
    ]
}

/// λ at position `t` in [0, 1] of the grid's log range.
fn lambda_at(model: &Model, alpha: f64, t: f64) -> f64 {
    let (hi, lo) = model.lambda_range(alpha);
    (lo.ln() + t * (hi.ln() - lo.ln())).exp()
}

fn objective(model: &Model, w: &[f64], lambda: f64, alpha: f64) -> f64 {
    let l1: f64 = w.iter().map(|v| v.abs()).sum();
    let l2: f64 = w.iter().map(|v| v * v).sum();
    model.problem().mse(w) / 2.0 + lambda * (alpha * l1 + (1.0 - alpha) / 2.0 * l2)
}

fn fit(model: &Model, penalty: Penalty, lambda: f64, alpha: f64) -> Fit {
    model.fit(FitRequest { penalty, lambda, alpha }.check().unwrap(), None)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_fit_satisfies_kkt((x, y, degree) in data(), (penalty, alpha) in penalty(), t in 0.0f64..=1.0) {
        let model = Model::polynomial(&x, &y, degree).unwrap();
        let lambda = lambda_at(&model, penalty.effective_alpha(alpha), t);
        let f = fit(&model, penalty, lambda, alpha);
        prop_assert!(f.kkt_violation <= 1e-9, "KKT {:e} at λ = {lambda:e}", f.kkt_violation);
        prop_assert!(f.converged);
        prop_assert!(f.standardized.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn lasso_is_zero_from_lambda_max_up((x, y, degree) in data(), factor in 1.0f64..100.0) {
        let model = Model::polynomial(&x, &y, degree).unwrap();
        let lambda = model.lambda_max(1.0) * factor;
        prop_assume!(lambda > 0.0);
        let f = fit(&model, Penalty::Lasso, lambda, 1.0);
        prop_assert!(f.standardized.iter().all(|&v| v == 0.0), "{:?}", f.standardized);
    }

    #[test]
    fn ridge_norm_never_grows_with_lambda((x, y, degree) in data(), t in 0.0f64..1.0, step in 0.0f64..0.5) {
        let model = Model::polynomial(&x, &y, degree).unwrap();
        let small = fit(&model, Penalty::Ridge, lambda_at(&model, 0.0, t), 0.0);
        let large = fit(&model, Penalty::Ridge, lambda_at(&model, 0.0, (t + step).min(1.0)), 0.0);
        let norm = |w: &[f64]| w.iter().map(|v| v * v).sum::<f64>().sqrt();
        prop_assert!(norm(&large.standardized) <= norm(&small.standardized) * (1.0 + 1e-12) + 1e-15);
    }

    #[test]
    fn no_perturbed_point_is_better(
        (x, y, degree) in data(),
        (penalty, alpha) in penalty(),
        t in 0.0f64..=1.0,
        directions in prop::collection::vec(prop::collection::vec(-1.0f64..1.0, 20), 8),
        size in prop_oneof![Just(1e-3), Just(1e-5)],
    ) {
        let model = Model::polynomial(&x, &y, degree).unwrap();
        let alpha = penalty.effective_alpha(alpha);
        let lambda = lambda_at(&model, alpha, t);
        let f = fit(&model, penalty, lambda, alpha);
        let best = objective(&model, &f.standardized, lambda, alpha);
        for direction in &directions {
            let moved: Vec<f64> = f.standardized.iter().zip(direction).map(|(w, d)| w + size * d).collect();
            let value = objective(&model, &moved, lambda, alpha);
            prop_assert!(value >= best - 1e-12 * best.abs().max(1.0), "moved {value:e} < optimum {best:e}");
        }
    }
}

/// A random m × k matrix of rank at most r, with columns scaled over many orders of magnitude.
fn low_rank_matrix() -> impl Strategy<Value = nalgebra::DMatrix<f64>> {
    (1usize..23, 1usize..22, 1usize..22).prop_flat_map(|(m, k, r)| {
        (
            prop::collection::vec(-1.0f64..1.0, m * r),
            prop::collection::vec(-1.0f64..1.0, r * k),
            prop::collection::vec(-8i32..4, k),
        )
            .prop_map(move |(left, right, exponents)| {
                let product = nalgebra::DMatrix::from_vec(m, r, left) * nalgebra::DMatrix::from_vec(r, k, right);
                nalgebra::DMatrix::from_fn(m, k, |i, j| product[(i, j)] * 10f64.powi(exponents[j]))
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn jacobi_svd_reconstructs_any_matrix(a in low_rank_matrix()) {
        use regularization_explorer::core::linalg::svd;
        let d = svd(&a).expect("the SVD converges on any finite matrix");
        let back = &d.u * nalgebra::DMatrix::from_diagonal(&d.singular_values) * &d.v_t;
        prop_assert!((back - &a).norm() <= 1e-13 * a.norm().max(1e-300), "reconstruction");
        let vtv = d.v_t.transpose() * &d.v_t;
        prop_assert!((vtv - nalgebra::DMatrix::identity(a.ncols(), a.ncols())).norm() < 1e-13, "V orthogonal");
    }

    #[test]
    fn any_finite_data_builds_a_model((x, y, degree) in data()) {
        prop_assert!(Model::polynomial(&x, &y, degree).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parsing_any_text_never_panics(text in "(?s).{0,400}") {
        let _ = regularization_explorer::core::data::parse_table(&text);
    }

    #[test]
    fn parsing_number_like_text_never_panics(text in "[0-9eE+\\-.,;\t \r\n\"#NA]{0,400}") {
        let _ = regularization_explorer::core::data::parse_table(&text);
    }
}

//! Degenerate data never panics or hangs: each case gives finite results plus a notice, or a
//! clear error, for every penalty, at both ends of the λ range.
#![cfg(not(target_arch = "wasm32"))]

use regularization_explorer::app::App;
use serde_json::json;

fn csv(x: &[f64], y: &[f64]) -> String {
    std::iter::once("x,y".to_string())
        .chain(x.iter().zip(y).map(|(a, b)| format!("{a:e},{b:e}")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads the data and runs every penalty at both λ ends and degrees 1, 3 and 20; every reported
/// coefficient must be finite. Returns the notices seen.
fn check(name: &str, x: &[f64], y: &[f64]) -> Vec<String> {
    let mut app = App::new().unwrap();
    let report = app.load_data(&csv(x, y), Default::default());
    assert!(report.ok, "{name}: {:?}", report.errors);
    let mut notices = Vec::new();
    for degree in [1, 3, 20] {
        for penalty in ["ols", "ridge", "lasso", "elasticnet"] {
            for lambda in [1e-300, 1e300] {
                app.set_state(&json!({"degree": degree, "penalty": penalty, "lambda": lambda}))
                    .unwrap();
                let r = app.result();
                let at = format!("{name}, degree {degree}, {penalty}, λ = {}", r.lambda);
                assert!(r.standardized_coefficients.iter().all(|w| w.is_finite()), "{at}: w");
                assert!(
                    r.coefficients.iter().all(|c| c.is_finite()) || !r.notices.is_empty(),
                    "{at}: raw coefficients"
                );
                assert!(r.intercept_standardized.is_finite(), "{at}: intercept");
                assert!(r.df.is_finite() && r.lambda.is_finite(), "{at}: df, λ");
                assert!(
                    r.train_mse.is_finite() || !r.notices.is_empty(),
                    "{at}: train MSE {}",
                    r.train_mse
                );
                assert!(r.converged, "{at}: KKT {:e}", r.kkt_violation);
                if let Some(path) = &r.path {
                    assert!(path.coefficients.iter().flatten().all(|w| w.is_finite()), "{at}: path");
                }
                if let Some(cv) = &r.cv {
                    assert!(
                        cv.mean.iter().all(|m| m.is_finite()) || !r.notices.is_empty(),
                        "{at}: CV"
                    );
                }
                notices.extend(r.notices);
            }
        }
    }
    notices
}

fn ramp(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64 / n.max(2) as f64).collect()
}

fn wiggle(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i * 7919) % 13) as f64 / 13.0 - 0.5).collect()
}

fn any(notices: &[String], words: &str) -> bool {
    notices.iter().any(|n| n.contains(words))
}

#[test]
fn one_point() {
    let notices = check("n = 1", &[0.5], &[2.0]);
    assert!(any(&notices, "Constant on these rows"), "{notices:?}");
    assert!(any(&notices, "No cross-validation"), "{notices:?}");
}

#[test]
fn two_points() {
    let notices = check("n = 2", &[0.0, 1.0], &[1.0, 3.0]);
    assert!(any(&notices, "not unique"), "{notices:?}");
}

#[test]
fn constant_x() {
    let notices = check("constant x", &[3.0; 8], &wiggle(8));
    assert!(any(&notices, "Constant on these rows"), "{notices:?}");
}

#[test]
fn constant_y() {
    let notices = check("constant y", &ramp(8), &[4.0; 8]);
    assert!(any(&notices, "y is the same on every"), "{notices:?}");
}

#[test]
fn more_features_than_points() {
    let notices = check("p > n", &ramp(5), &wiggle(5));
    assert!(any(&notices, "minimum-norm"), "{notices:?}");
}

#[test]
fn duplicate_x() {
    check(
        "duplicate x",
        &[0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 2.0],
        &[1.0, 1.5, 2.0, 2.5, 1.0, 0.0, 0.5],
    );
    check(
        "two distinct x",
        &[0.2, 0.7, 0.2, 0.7, 0.2, 0.7],
        &[1.0, 2.0, 1.2, 2.2, 0.8, 1.9],
    );
}

#[test]
fn tiny_and_huge_magnitudes() {
    let scaled = |v: &[f64], s: f64| v.iter().map(|a| a * s).collect::<Vec<f64>>();
    for scale in [1e-300, 1e-150, 1e100, 1e200] {
        check(
            &format!("x, y × {scale:e}"),
            &scaled(&ramp(12), scale),
            &scaled(&wiggle(12), scale),
        );
    }
    check(
        "x near 1e200, y near 1",
        &ramp(12).iter().map(|v| 1e200 + v * 1e190).collect::<Vec<_>>(),
        &wiggle(12),
    );
}

#[test]
fn degree_twenty_on_ten_points() {
    let mut app = App::new().unwrap();
    for penalty in ["ols", "ridge", "lasso", "elasticnet"] {
        app.set_state(&json!({"preset": "sin", "degree": 20, "penalty": penalty, "lambda": 1e-300}))
            .unwrap();
        let r = app.result();
        assert!(
            r.converged && r.standardized_coefficients.iter().all(|w| w.is_finite()),
            "{penalty}"
        );
        assert!(r.kkt_violation <= 1e-9, "{penalty}: KKT {:e}", r.kkt_violation);
    }
}

#[test]
fn unusable_data_is_a_clear_error() {
    let mut app = App::new().unwrap();
    for (text, expected) in [
        ("", "no data rows"),
        ("x\n1\n2\n", "x and y"),
        ("x,y\n1,abc\n", "line 2, column 2"),
    ] {
        let report = app.load_data(text, Default::default());
        assert!(!report.ok);
        let said: Vec<String> = report
            .errors
            .iter()
            .map(|e| format!("line {}, column {}: {}", e.line, e.column, e.message))
            .collect();
        assert!(said.iter().any(|m| m.contains(expected)), "{said:?}");
        assert_eq!(app.state().preset.as_deref(), Some("sin"), "the old data stays");
    }
}

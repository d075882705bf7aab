//! The objective value in the fit (`Fit::objective`) against the value the result snapshot
//! reports (`objectiveValue`, computed in `app/snapshot.rs`, which reads the fit's own objective).
#![cfg(not(target_arch = "wasm32"))]

use regularization_explorer::app::App;
use regularization_explorer::core::model::{FitRequest, Model, Penalty};
use serde_json::{json, Value};

/// Sets up an app with `patch`, refits its training points with the result's penalty, λ and α,
/// and compares the fit's objective with the snapshot's.
fn check(patch: Value) {
    let mut app = App::new().unwrap();
    app.set_state(&patch).unwrap();
    let result = app.result();
    let (x, y): (Vec<f64>, Vec<f64>) = app.points().into_iter().unzip();
    // Polynomial mode: the features are z, …, z^degree.
    let degree = result.feature_names.len();
    let model = Model::polynomial(&x, &y, degree).unwrap();
    let penalty = Penalty::from_name(result.penalty).unwrap();
    let request = FitRequest {
        penalty,
        lambda: result.lambda,
        alpha: result.alpha,
    };
    let fit = model.fit(request.check().unwrap(), None);
    let scale = result.objective_value.abs().max(f64::MIN_POSITIVE);
    assert!(
        (fit.objective - result.objective_value).abs() <= 1e-12 * scale,
        "{patch}: fit {:e}, snapshot {:e}",
        fit.objective,
        result.objective_value
    );
    assert!(
        fit.objective.is_finite() && fit.objective >= fit.train_mse / 2.0,
        "{patch}"
    );
}

#[test]
fn the_fit_and_the_snapshot_agree_on_the_objective() {
    for patch in [
        json!({"preset": "sin", "penalty": "ols"}),
        json!({"preset": "sin", "penalty": "ridge", "lambda": 1e-3}),
        json!({"preset": "sin", "penalty": "ridge", "lambda": 2.0, "degree": 3}),
        json!({"preset": "sin", "penalty": "lasso", "lambda": 0.01}),
        json!({"preset": "cubic", "penalty": "lasso", "lambda": 0.2, "degree": 12}),
        json!({"preset": "sin", "penalty": "elasticnet", "lambda": 0.01, "alpha": 0.5}),
        json!({"preset": "runge", "penalty": "elasticnet", "lambda": 0.05, "alpha": 0.1, "degree": 15}),
        json!({"data": "x,y\n0,1\n1,3\n2,2\n3,5\n4,4\n", "penalty": "ridge", "degree": 2, "lambda": 0.1}),
        json!({"data": "x,y\n0,1\n1,3\n2,2\n3,5\n4,4\n", "penalty": "ols", "degree": 6}),
    ] {
        check(patch);
    }
}

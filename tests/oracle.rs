//! Every polynomial single fit in tests/fixtures/oracle (scikit-learn reference solutions, copied
//! from the project's shared oracle) is reproduced within the oracle README's tolerances.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regularization_explorer::core::data::parse_table;
use regularization_explorer::core::model::{FitRequest, Model, Penalty};
use serde_json::Value;

const TOLERANCE: f64 = 1e-7;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn args(case: &Value) -> HashMap<String, String> {
    let words: Vec<&str> = case["args"].as_str().unwrap().split_whitespace().collect();
    let mut out = HashMap::new();
    let mut i = 0;
    while i < words.len() {
        let key = words[i].trim_start_matches("--").to_string();
        match words.get(i + 1) {
            Some(v) if !v.starts_with("--") => {
                out.insert(key, v.to_string());
                i += 2;
            }
            _ => {
                out.insert(key, String::new());
                i += 1;
            }
        }
    }
    out
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn close(what: &str, ours: f64, theirs: f64, scale: f64) {
    let tol = TOLERANCE * scale.max(1.0);
    assert!(
        (ours - theirs).abs() <= tol,
        "{what}: ours {ours:e}, oracle {theirs:e}, |diff| {:e} > {tol:e}",
        (ours - theirs).abs()
    );
}

/// Checks one case; returns false if it is not a polynomial single fit.
fn check(path: &Path) -> bool {
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let a = args(&case);
    let reference = &case["reference"];
    let fit_ref = &reference["fit"];
    if !a.contains_key("degree") || fit_ref.is_null() {
        return false;
    }
    let name = case["name"].as_str().unwrap();
    let text = std::fs::read_to_string(root().join("data").join(case["dataset"].as_str().unwrap())).unwrap();
    let table = parse_table(&text).unwrap().table;
    let x = table.column(a.get("x").map_or("x", String::as_str)).unwrap();
    let y = table.column(a.get("y").map_or("y", String::as_str)).unwrap();
    let degree: usize = a["degree"].parse().unwrap();
    let (penalty, alpha) = match a["model"].as_str() {
        "ols" => (Penalty::Ols, 1.0),
        "ridge" => (Penalty::Ridge, 0.0),
        "lasso" => (Penalty::Lasso, 1.0),
        "enet" => (Penalty::ElasticNet, a.get("alpha").map_or(0.5, |v| v.parse().unwrap())),
        other => panic!("{name}: unknown model {other}"),
    };
    let lambda: f64 = a.get("lam").map_or(0.0, |v| v.parse().unwrap());
    let model = Model::polynomial(x, y, degree).unwrap();
    let fit = model.fit(FitRequest { penalty, lambda, alpha }.check().unwrap(), None);

    assert!(
        fit.kkt_violation <= 1e-9 && fit.converged,
        "{name}: KKT {:e}",
        fit.kkt_violation
    );
    close(
        &format!("{name} intercept"),
        fit.intercept_std,
        fit_ref["intercept_std"].as_f64().unwrap(),
        1.0,
    );
    close(
        &format!("{name} df"),
        fit.df,
        fit_ref["df"].as_f64().unwrap(),
        fit_ref["df"].as_f64().unwrap().abs(),
    );
    let mse = fit_ref["train_mse"].as_f64().unwrap();
    close(&format!("{name} train_mse"), fit.train_mse, mse, mse.abs());
    assert_eq!(fit.nonzero as u64, fit_ref["nnz"].as_u64().unwrap(), "{name}: nonzero");

    let y_range = y.iter().cloned().fold(f64::NEG_INFINITY, f64::max) - y.iter().cloned().fold(f64::INFINITY, f64::min);
    let cond = match penalty {
        Penalty::Lasso | Penalty::ElasticNet => fit_ref["cond_Xs_active"].as_f64().unwrap(),
        _ => reference["data"]["cond_Xs"].as_f64().unwrap(),
    };
    if cond <= 1e6 {
        let w_ref = floats(&fit_ref["coef_std"]);
        for (j, (ours, theirs)) in fit.standardized.iter().zip(&w_ref).enumerate() {
            close(&format!("{name} coef_std[{j}]"), *ours, *theirs, theirs.abs());
        }
        let raw_ref = floats(&fit_ref["coef_raw"]);
        let raw_scale = raw_ref.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        for (j, (ours, theirs)) in fit.coefficients.iter().zip(&raw_ref).enumerate() {
            close(&format!("{name} coef_raw[{j}]"), *ours, *theirs, raw_scale);
        }
        close(
            &format!("{name} intercept_raw"),
            fit.intercept,
            fit_ref["intercept_raw"].as_f64().unwrap(),
            raw_scale,
        );
    }
    // The fitted values on the training rows, ȳ + Xs·w, with the oracle's w and with ours.
    let w_ref = floats(&fit_ref["coef_std"]);
    let xs = &model.design().xs;
    for (i, xi) in x.iter().enumerate() {
        let theirs =
            fit_ref["intercept_std"].as_f64().unwrap() + (0..w_ref.len()).map(|j| xs[(i, j)] * w_ref[j]).sum::<f64>();
        close(
            &format!("{name} fitted[{i}]"),
            model.predict(&fit, *xi),
            theirs,
            y_range,
        );
    }
    if let Some(grid) = fit_ref.get("grid") {
        for (gx, gy) in floats(&grid["x"]).iter().zip(floats(&grid["yhat"])) {
            close(&format!("{name} curve at {gx}"), model.predict(&fit, *gx), gy, y_range);
        }
    }
    true
}

#[test]
fn every_polynomial_single_fit_matches_the_oracle() {
    let mut checked = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/oracle"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if check(&path) {
            checked.push(path.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    // 11 sin10/step/cubic single fits plus the fits inside the sin100 and cubic path cases.
    assert!(checked.len() >= 16, "only {} cases checked: {checked:?}", checked.len());
    println!("checked {} oracle cases: {checked:?}", checked.len());
}

//! Every case in tests/fixtures/oracle (scikit-learn reference solutions, copied from the
//! project's shared oracle) is reproduced within the oracle README's tolerances: the single fit,
//! the path, the LARS knots and the cross-validation curve.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regularization_explorer::core::data::parse_table;
use regularization_explorer::core::features::Inputs;
use regularization_explorer::core::lars::KnotEvent;
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
    close_to(what, ours, theirs, TOLERANCE * scale.max(1.0));
}

fn close_to(what: &str, ours: f64, theirs: f64, tol: f64) {
    assert!(
        (ours - theirs).abs() <= tol,
        "{what}: ours {ours:e}, oracle {theirs:e}, |diff| {:e} > {tol:e}",
        (ours - theirs).abs()
    );
}

/// One oracle case, set up as reference.py set it up.
struct Case {
    name: String,
    reference: Value,
    model: Model,
    penalty: Penalty,
    alpha: f64,
    lambda: f64,
    y_range: f64,
}

fn load(path: &Path) -> Case {
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let a = args(&case);
    let name = case["name"].as_str().unwrap().to_string();
    let text = std::fs::read_to_string(root().join("data").join(case["dataset"].as_str().unwrap())).unwrap();
    let table = parse_table(&text).unwrap().table;
    let rows: Vec<usize> = match a.get("where") {
        Some(filter) => {
            let (column, value) = filter.split_once('=').unwrap();
            let value: f64 = value.parse().unwrap();
            let values = table.column(column).unwrap();
            (0..table.n_rows()).filter(|&i| values[i] == value).collect()
        }
        None => (0..table.n_rows()).collect(),
    };
    let pick = |column: &str| -> Vec<f64> {
        let values = table.column(column).unwrap();
        rows.iter().map(|&i| values[i]).collect()
    };
    let y_name = a.get("y").map_or("y", String::as_str);
    let y = pick(y_name);
    let inputs = match a.get("degree") {
        Some(degree) => Inputs::Polynomial {
            x: pick(a.get("x").map_or("x", String::as_str)),
            degree: degree.parse().unwrap(),
        },
        None => {
            let drop: Vec<&str> = a.get("drop").map_or(vec![], |d| d.split(',').collect());
            let names: Vec<String> = table
                .names
                .iter()
                .filter(|n| *n != y_name && !drop.contains(&n.as_str()))
                .cloned()
                .collect();
            let columns = names.iter().map(|n| pick(n)).collect();
            Inputs::Columns { names, columns }
        }
    };
    let (penalty, alpha) = match a["model"].as_str() {
        "ols" => (Penalty::Ols, 1.0),
        "ridge" => (Penalty::Ridge, 0.0),
        "lasso" => (Penalty::Lasso, 1.0),
        "enet" => (Penalty::ElasticNet, a.get("alpha").map_or(0.5, |v| v.parse().unwrap())),
        other => panic!("{name}: unknown model {other}"),
    };
    let lambda = a.get("lam").map_or(0.0, |v| v.parse().unwrap());
    let y_range = y.iter().cloned().fold(f64::NEG_INFINITY, f64::max) - y.iter().cloned().fold(f64::INFINITY, f64::min);
    let model = Model::new(inputs, y).unwrap();
    assert_eq!(
        model.design().names.len() as u64,
        case["reference"]["data"]["p"].as_u64().unwrap(),
        "{name}: number of features"
    );
    Case {
        name,
        reference: case["reference"].clone(),
        model,
        penalty,
        alpha,
        lambda,
        y_range,
    }
}

fn check_fit(c: &Case) {
    let fit_ref = &c.reference["fit"];
    let name = &c.name;
    let fit = c.model.fit(
        FitRequest {
            penalty: c.penalty,
            lambda: c.lambda,
            alpha: c.alpha,
        }
        .check()
        .unwrap(),
        None,
    );
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
    let df = fit_ref["df"].as_f64().unwrap();
    close(&format!("{name} df"), fit.df, df, df.abs());
    let mse = fit_ref["train_mse"].as_f64().unwrap();
    close(&format!("{name} train_mse"), fit.train_mse, mse, mse.abs());
    assert_eq!(fit.nonzero as u64, fit_ref["nnz"].as_u64().unwrap(), "{name}: nonzero");
    if let Some(s) = fit_ref.get("shrinkage_factor_s").and_then(Value::as_f64) {
        close(&format!("{name} shrinkage"), fit.shrinkage.unwrap(), s, s);
    }
    let cond = match c.penalty {
        Penalty::Lasso | Penalty::ElasticNet => fit_ref["cond_Xs_active"].as_f64().unwrap(),
        _ => c.reference["data"]["cond_Xs"].as_f64().unwrap(),
    };
    let w_ref = floats(&fit_ref["coef_std"]);
    if cond <= 1e6 {
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
    let ours = c.model.predict_rows(&fit.standardized, c.model.inputs());
    let theirs = c.model.predict_rows(&w_ref, c.model.inputs());
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        close_to(&format!("{name} fitted[{i}]"), *a, *b, TOLERANCE * c.y_range.max(1.0));
    }
    if let Some(grid) = fit_ref.get("grid") {
        for (gx, gy) in floats(&grid["x"]).iter().zip(floats(&grid["yhat"])) {
            close_to(
                &format!("{name} curve at {gx}"),
                c.model.predict(&fit, *gx),
                gy,
                TOLERANCE * c.y_range.max(1.0),
            );
        }
    }
}

fn check_path(c: &Case) {
    let path_ref = &c.reference["path"];
    let name = &c.name;
    let lambdas_ref = floats(&path_ref["lambdas"]);
    let grid = c.model.lambda_grid(c.penalty.effective_alpha(c.alpha));
    assert_eq!(grid.len(), lambdas_ref.len(), "{name}: grid size");
    for (i, (ours, theirs)) in grid.iter().zip(&lambdas_ref).enumerate() {
        close_to(&format!("{name} grid[{i}]"), *ours, *theirs, 1e-12 * theirs.abs());
    }
    let path = c.model.path(c.penalty, c.alpha, &grid).unwrap();
    assert!(path.converged, "{name}: path did not converge");
    let coefs: Vec<Vec<f64>> = path_ref["coef_std"].as_array().unwrap().iter().map(floats).collect();
    let df_ref = floats(&path_ref["df"]);
    let mse_ref = floats(&path_ref["train_mse"]);
    for (l, lambda) in grid.iter().enumerate() {
        let at = format!("{name} at λ[{l}] = {lambda:e}");
        assert!(path.kkt_violation[l] <= 1e-9, "{at}: KKT {:e}", path.kkt_violation[l]);
        for (j, theirs) in coefs[l].iter().enumerate() {
            close(&format!("{at} w[{j}]"), path.coefficients[l][j], *theirs, theirs.abs());
        }
        close(&format!("{at} df"), path.df[l], df_ref[l], df_ref[l].abs());
        close(
            &format!("{at} train_mse"),
            path.train_mse[l],
            mse_ref[l],
            mse_ref[l].abs(),
        );
        assert_eq!(
            path.nonzero[l] as u64,
            path_ref["nnz"][l].as_u64().unwrap(),
            "{at}: nonzero"
        );
    }
}

fn check_lars(c: &Case) {
    let lars_ref = &c.reference["lars"];
    let name = &c.name;
    let lars = c.model.problem().lars_lasso();
    assert!(lars.complete, "{name}: LARS stopped early");
    let events = lars_ref["events"].as_array().unwrap();
    let ours: Vec<String> = lars
        .knots
        .iter()
        .map(|k| format!("{}{}", if k.event == KnotEvent::Enter { "+" } else { "-" }, k.feature))
        .collect();
    let theirs: Vec<String> = events
        .iter()
        .map(|e| format!("{}{}", if e["action"] == "enter" { "+" } else { "-" }, e["var"]))
        .collect();
    assert_eq!(ours, theirs, "{name}: LARS moves");
    for (k, (knot, e)) in lars.knots.iter().zip(events).enumerate() {
        let lambda = e["lambda"].as_f64().unwrap();
        close_to(&format!("{name} knot {k}"), knot.lambda, lambda, 1e-8 * lambda.abs());
    }
    let knots_ref = floats(&lars_ref["knots_lambda"]);
    assert_eq!(lars.lambdas.len(), knots_ref.len(), "{name}: number of breakpoints");
    for (k, (ours, theirs)) in lars.lambdas.iter().zip(&knots_ref).enumerate() {
        close_to(
            &format!("{name} breakpoint {k}"),
            *ours,
            *theirs,
            1e-8 * theirs.abs().max(1e-300),
        );
    }
}

fn check_cv(c: &Case) {
    let cv_ref = &c.reference["cv"];
    let name = &c.name;
    let lambdas = floats(&cv_ref["lambdas"]);
    let folds = cv_ref["folds"].as_array().unwrap().len();
    let cv = c.model.cross_validate(c.penalty, c.alpha, &lambdas, folds).unwrap();
    let mean_ref = floats(&cv_ref["cv_mse"]);
    let se_ref = floats(&cv_ref["cv_se"]);
    for l in 0..lambdas.len() {
        close_to(
            &format!("{name} cv_mse[{l}]"),
            cv.mean[l],
            mean_ref[l],
            1e-6 * mean_ref[l].abs(),
        );
        close_to(
            &format!("{name} cv_se[{l}]"),
            cv.se[l],
            se_ref[l],
            1e-6 * se_ref[l].abs(),
        );
    }
    assert_eq!(
        cv.index_min as u64,
        cv_ref["index_min"].as_u64().unwrap(),
        "{name}: λ_min index"
    );
    assert_eq!(
        cv.index_1se as u64,
        cv_ref["index_1se"].as_u64().unwrap(),
        "{name}: λ_1se index"
    );
}

#[test]
fn every_oracle_case_matches() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/oracle"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for path in &entries {
        let c = load(path);
        for (part, check) in [
            ("fit", check_fit as fn(&Case)),
            ("path", check_path),
            ("lars", check_lars),
            ("cv", check_cv),
        ] {
            if !c.reference[part].is_null() {
                check(&c);
                *counts.entry(part).or_default() += 1;
            }
        }
    }
    println!("checked {} oracle cases: {counts:?}", entries.len());
    assert_eq!(entries.len(), 22);
    assert_eq!(counts.get("fit"), Some(&22));
    assert_eq!(counts.get("path"), Some(&9));
    assert_eq!(counts.get("lars"), Some(&3));
    assert_eq!(counts.get("cv"), Some(&4));
}

//! The benchmark workload, shared by the native harness (`benches/solver.rs`) and the wasm one
//! (`Explorer.benchmark`, run in Chromium by `npm run bench`), so both time the same work.
//!
//! Each case builds a polynomial model on seeded sin(2πx) data and times, as medians: building
//! the model (features, QR, SVD), one fit, the 100-λ path, and 5-fold cross-validation.

use serde::Serialize;

use crate::core::cv::DEFAULT_FOLDS;
use crate::core::model::{FitRequest, Model, Penalty};
use crate::core::presets::{sample, TrueFunction, Truth};
use crate::core::CoreError;

/// One benchmark case.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BenchCase {
    /// Rows.
    pub n: usize,
    /// Polynomial degree.
    pub degree: usize,
    /// 'ridge', 'lasso' or 'elasticnet'.
    pub penalty: &'static str,
    /// α (0.5 for elastic net).
    pub alpha: f64,
}

/// Median times of one case, in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BenchTiming {
    /// The case.
    pub case: BenchCase,
    /// Features, QR and SVD.
    pub build_ms: f64,
    /// One fit at λ = 0.01·λ_max (the grid's middle) on the built model.
    pub fit_ms: f64,
    /// The 100-λ path.
    pub path_ms: f64,
    /// 5-fold cross-validation over the same grid.
    pub cv_ms: f64,
    /// How many times each stage ran.
    pub repeats: usize,
}

/// The cases of issue 3: three penalties at four sizes.
pub fn standard_cases() -> Vec<BenchCase> {
    let mut cases = Vec::new();
    for (n, degree) in [(10, 9), (100, 12), (2_000, 15), (20_000, 20)] {
        for (penalty, alpha) in [("lasso", 1.0), ("ridge", 0.0), ("elasticnet", 0.5)] {
            cases.push(BenchCase {
                n,
                degree,
                penalty,
                alpha,
            });
        }
    }
    cases
}

/// The benchmark's data: n points of sin(2πx) + N(0, 0.3²), x uniform on [0, 1], seed 42.
pub fn bench_data(n: usize) -> (Vec<f64>, Vec<f64>) {
    let truth = Truth {
        function: TrueFunction::Sin2Pi,
        noise: 0.3,
        formula: "sin(2πx)",
    };
    sample(&truth, (0.0, 1.0), n, 42)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match (values.get(mid), values.len() % 2) {
        (Some(&v), 1) => v,
        (Some(&v), _) => (v + values.get(mid.wrapping_sub(1)).copied().unwrap_or(v)) / 2.0,
        (None, _) => f64::NAN,
    }
}

/// A batch of runs lasts at least this long, so that a coarse clock (a browser rounds
/// performance.now() to 0.1 ms) still measures sub-millisecond work.
const MIN_BATCH_MS: f64 = 2.0;

/// Times `work` until `budget_ms` is spent (at least 3 and at most 51 batches); the median time
/// of one run, and the number of runs.
fn time<T>(clock: &dyn Fn() -> f64, budget_ms: f64, mut work: impl FnMut() -> T) -> (f64, usize) {
    let t0 = clock();
    std::hint::black_box(work());
    let first = clock() - t0;
    let batch = if first >= MIN_BATCH_MS {
        1
    } else {
        (MIN_BATCH_MS / first.max(1e-4)).ceil().min(10_000.0) as usize
    };
    let mut samples = Vec::new();
    let started = clock();
    while samples.len() < 3 || (samples.len() < 51 && clock() - started < budget_ms) {
        let t0 = clock();
        for _ in 0..batch {
            std::hint::black_box(work());
        }
        samples.push((clock() - t0) / batch as f64);
    }
    let runs = samples.len() * batch + 1;
    (median(samples), runs)
}

/// Runs one case; `clock` returns milliseconds.
pub fn run(case: BenchCase, clock: &dyn Fn() -> f64, budget_ms: f64) -> Result<BenchTiming, CoreError> {
    let penalty = Penalty::from_name(case.penalty)?;
    let (x, y) = bench_data(case.n);
    let model = Model::polynomial(&x, &y, case.degree)?;
    let grid = model.lambda_grid(case.alpha);
    let lambda = grid.get(grid.len() / 2).copied().unwrap_or(1e-3);
    let request = FitRequest {
        penalty,
        lambda,
        alpha: case.alpha,
    }
    .check()?;
    let (build_ms, repeats) = time(clock, budget_ms, || Model::polynomial(&x, &y, case.degree));
    let (fit_ms, _) = time(clock, budget_ms, || model.fit(request, None));
    let (path_ms, _) = time(clock, budget_ms, || model.path(penalty, case.alpha, &grid));
    let (cv_ms, _) = time(clock, budget_ms, || {
        model.cross_validate(penalty, case.alpha, &grid, DEFAULT_FOLDS)
    });
    Ok(BenchTiming {
        case,
        build_ms,
        fit_ms,
        path_ms,
        cv_ms,
        repeats,
    })
}

/// Median times of the large-data case: 100 000 pasted rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LargeTiming {
    /// Rows.
    pub rows: usize,
    /// Parsing the pasted text.
    pub parse_ms: f64,
    /// Building the degree-20 model on it (features, QR, SVD).
    pub build_ms: f64,
    /// One lasso fit.
    pub fit_ms: f64,
}

/// Times parsing 100 000 pasted rows (x, y as text), building a degree-20 model and one fit.
pub fn run_large(clock: &dyn Fn() -> f64, budget_ms: f64) -> Result<LargeTiming, CoreError> {
    let rows = 100_000;
    let (x, y) = bench_data(rows);
    let text: String = std::iter::once("x,y\n".to_string())
        .chain(x.iter().zip(&y).map(|(a, b)| format!("{a},{b}\n")))
        .collect();
    let (parse_ms, _) = time(clock, budget_ms, || crate::core::data::parse_table(&text).is_ok());
    let (build_ms, _) = time(clock, budget_ms, || Model::polynomial(&x, &y, 20));
    let model = Model::polynomial(&x, &y, 20)?;
    let request = FitRequest {
        penalty: Penalty::Lasso,
        lambda: model.lambda_max(1.0) * 0.01,
        alpha: 1.0,
    }
    .check()?;
    let (fit_ms, _) = time(clock, budget_ms, || model.fit(request, None));
    Ok(LargeTiming {
        rows,
        parse_ms,
        build_ms,
        fit_ms,
    })
}

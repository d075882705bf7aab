//! Native benchmark: the same workload as the wasm one (src/bench.rs). Prints one JSON object per
//! line with `--json` (for `npm run bench`), else a table. With `--data DIR` it also writes each
//! case's data and λ grid as CSV, so that scikit-learn can be timed on the very same numbers.

use std::time::Instant;

use regularization_explorer::bench::{bench_data, run, run_large, standard_cases};
use regularization_explorer::core::model::Model;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--json");
    let data_dir = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let only: Option<usize> = args
        .iter()
        .position(|a| a == "--n")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok());
    let start = Instant::now();
    let clock = move || start.elapsed().as_secs_f64() * 1000.0;
    if !json {
        println!(
            "{:>6} {:>6} {:>11} {:>9} {:>9} {:>9} {:>9}",
            "n", "degree", "penalty", "build ms", "fit ms", "path ms", "cv ms"
        );
    }
    if only.is_none() || only == Some(100_000) {
        match run_large(&clock, 300.0) {
            Ok(t) if json => println!("{}", serde_json::to_string(&t).unwrap_or_default()),
            Ok(t) => println!(
                "100 000 rows: parse {:.1} ms, build {:.1} ms, fit {:.2} ms",
                t.parse_ms, t.build_ms, t.fit_ms
            ),
            Err(e) => eprintln!("large case: {e}"),
        }
    }
    for case in standard_cases().into_iter().filter(|c| only.is_none_or(|n| n == c.n)) {
        if let Some(dir) = &data_dir {
            write_case(dir, case.n, case.degree, case.alpha, case.penalty);
        }
        match run(case, &clock, 300.0) {
            Ok(t) if json => println!("{}", serde_json::to_string(&t).unwrap_or_default()),
            Ok(t) => println!(
                "{:>6} {:>6} {:>11} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
                case.n, case.degree, case.penalty, t.build_ms, t.fit_ms, t.path_ms, t.cv_ms
            ),
            Err(e) => eprintln!("{case:?}: {e}"),
        }
    }
}

/// Writes x,y and the λ grid of one case for the scikit-learn comparison.
fn write_case(dir: &str, n: usize, degree: usize, alpha: f64, penalty: &str) {
    let (x, y) = bench_data(n);
    let Ok(model) = Model::polynomial(&x, &y, degree) else {
        return;
    };
    let data: String = std::iter::once("x,y".to_string())
        .chain(x.iter().zip(&y).map(|(a, b)| format!("{a:e},{b:e}")))
        .collect::<Vec<_>>()
        .join("\n");
    let grid: Vec<String> = model.lambda_grid(alpha).iter().map(|l| format!("{l:e}")).collect();
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(format!("{dir}/data_{n}.csv"), data);
    let _ = std::fs::write(format!("{dir}/grid_{n}_{degree}_{penalty}.txt"), grid.join("\n"));
}

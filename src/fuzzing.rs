//! The fuzz targets' bodies (see fuzz/): each takes raw bytes, runs one part of the app on them,
//! and checks what must always hold. They live in the library so that `tests/fuzz_regressions.rs`
//! replays every input the fuzzers ever found, natively, in `npm test`. A broken invariant panics:
//! that is how a fuzzer sees it, so these functions are the one place that asserts.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used)]

use crate::app::{query_to_patch, state_to_query, App};
use crate::core::cv::DEFAULT_FOLDS;
use crate::core::data::{parse_with, DecimalMark, Delimiter, ParseOptions};
use crate::core::model::{FitRequest, Model, Penalty};

/// The paste parser: any text, with options chosen by the first byte.
pub fn parse_case(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let delimiter = [
        None,
        Some(Delimiter::Tab),
        Some(Delimiter::Semicolon),
        Some(Delimiter::Comma),
        Some(Delimiter::Whitespace),
    ][usize::from(choice % 5)];
    let decimal = [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)][usize::from((choice / 5) % 3)];
    let header = [None, Some(true), Some(false)][usize::from((choice / 15) % 3)];
    let text = String::from_utf8_lossy(rest);
    match parse_with(
        &text,
        ParseOptions {
            delimiter,
            decimal,
            header,
        },
    ) {
        Ok(parsed) => {
            let table = parsed.table;
            assert!(table.names.len() >= 2, "a table has x and y at least");
            assert_eq!(table.names.len(), table.columns.len());
            let rows = table.n_rows();
            assert!(rows >= 1);
            for column in &table.columns {
                assert_eq!(column.len(), rows, "ragged table");
                assert!(column.iter().all(|v| v.is_finite()), "a non-finite value got through");
            }
        }
        Err(issues) => {
            assert!(!issues.is_empty(), "an error without a reason");
            assert!(issues.iter().all(|i| !i.message.is_empty()));
        }
    }
}

/// The default app, built once (building it fits a path and cross-validates).
fn default_app() -> App {
    static APP: std::sync::OnceLock<App> = std::sync::OnceLock::new();
    APP.get_or_init(|| App::new().expect("the default app builds")).clone()
}

/// The URL-state decoder: any query gives a patch, the app applies what fits, and the state it
/// ends in survives its own link exactly.
pub fn url_case(data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let _ = query_to_patch(&query);
    let mut app = default_app();
    let _ = app.apply_query(&query);
    let state = app.state();
    let link = state_to_query(&state);
    let mut again = default_app();
    let skipped = again.apply_query(&link);
    assert!(skipped.is_empty(), "its own link skipped {skipped:?}: {link}");
    assert_eq!(again.state(), state, "the link {link} does not round-trip");
}

/// Reads a little-endian f64 from 8 bytes.
fn number(bytes: &[u8]) -> f64 {
    let mut raw = [0u8; 8];
    raw.copy_from_slice(&bytes[..8]);
    f64::from_le_bytes(raw)
}

/// A fit, a path and cross-validation on random data, degree, penalty, λ and α.
pub fn fit_case(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let degree = usize::from(data[0] % 21);
    let penalty = [Penalty::Ols, Penalty::Ridge, Penalty::Lasso, Penalty::ElasticNet][usize::from(data[1] % 4)];
    // λ and α: either raw bits (anything, NaN included) or a tame value, as the second byte says.
    let raw = data[2] & 1 == 1;
    let tame_lambda = 10f64.powf(f64::from(data[3]) / 16.0 - 10.0);
    let rest = &data[4..];
    let (lambda, alpha, values) = if raw && rest.len() >= 16 {
        (number(&rest[..8]), number(&rest[8..16]), &rest[16..])
    } else {
        (tame_lambda, f64::from(data[2] >> 1) / 127.0, rest)
    };
    let pairs: Vec<(f64, f64)> = values
        .chunks_exact(16)
        .take(300)
        .map(|c| (number(&c[..8]), number(&c[8..])))
        .collect();
    let (x, y): (Vec<f64>, Vec<f64>) = pairs.iter().copied().unzip();
    let Ok(model) = Model::polynomial(&x, &y, degree) else {
        return;
    };
    assert!(
        x.iter().chain(&y).all(|v| v.is_finite()),
        "a model was built on non-finite data"
    );
    let Ok(request) = (FitRequest { penalty, lambda, alpha }).check() else {
        return;
    };
    let fit = model.fit(request, None);
    // On data of everyday size (each value 0 or of magnitude 1e-100 to 1e6: no subnormals, whose
    // lost precision makes a relative KKT tolerance meaningless) the answer must be finite and
    // meet the KKT conditions.
    let tame = x
        .iter()
        .chain(&y)
        .all(|v| *v == 0.0 || (1e-100..=1e6).contains(&v.abs()));
    if tame {
        assert!(
            fit.standardized.iter().all(|w| w.is_finite()),
            "non-finite coefficients on tame data"
        );
        assert!(fit.intercept.is_finite() && fit.train_mse.is_finite());
        // The app keeps λ on its grid's range; there the solver must meet its KKT tolerance. (Far
        // below it, on ill-conditioned data, it may stop short, and says so: `converged` false.)
        let (hi, lo) = model.lambda_range(penalty.effective_alpha(alpha));
        if penalty != Penalty::Ols && (lo..=hi).contains(&lambda) {
            assert!(
                fit.converged,
                "no convergence on tame data at λ = {lambda}: KKT {}",
                fit.kkt_violation
            );
        }
    }
    if penalty != Penalty::Ols {
        let grid = model.lambda_grid(penalty.effective_alpha(alpha));
        let path = model.path(penalty, alpha, &grid);
        if tame {
            let path = path.expect("a path on tame data");
            assert!(path.coefficients.iter().flatten().all(|w| w.is_finite()));
        }
        if x.len() <= 60 {
            let _ = model.cross_validate(penalty, alpha, &grid, DEFAULT_FOLDS);
        }
    }
}

//! The fuzz targets' bodies (see fuzz/): each takes raw bytes, runs one part of the app on them,
//! and checks what must always hold, returning a broken invariant as an error. They live in the
//! library (natively only; the wasm never carries them) so that `tests/fuzz_regressions.rs`
//! replays every input the fuzzers ever found in `npm test`. The fuzz targets turn an error into
//! the panic a fuzzer looks for; nothing here panics.

use serde_json::Value;

use crate::app::{normalize_patch, read_link, state_link_query, AppError, Patch};
use crate::core::cv::DEFAULT_FOLDS;
use crate::core::data::{parse_with, DecimalMark, Delimiter, ParseOptions};
use crate::core::model::{FitRequest, Model, Penalty};

/// What a case found: a broken invariant, in words.
pub type Finding = Result<(), String>;

/// Fails with `message` unless `holds`.
fn check(holds: bool, message: impl FnOnce() -> String) -> Finding {
    if holds {
        Ok(())
    } else {
        Err(message())
    }
}

/// The paste parser: any text, with options chosen by the first byte.
pub fn parse_case(data: &[u8]) -> Finding {
    let Some((&choice, rest)) = data.split_first() else {
        return Ok(());
    };
    let delimiter = match choice % 5 {
        0 => None,
        1 => Some(Delimiter::Tab),
        2 => Some(Delimiter::Semicolon),
        3 => Some(Delimiter::Comma),
        _ => Some(Delimiter::Whitespace),
    };
    let decimal = match (choice / 5) % 3 {
        0 => None,
        1 => Some(DecimalMark::Point),
        _ => Some(DecimalMark::Comma),
    };
    let header = match (choice / 15) % 3 {
        0 => None,
        1 => Some(true),
        _ => Some(false),
    };
    let text = String::from_utf8_lossy(rest);
    let options = ParseOptions {
        delimiter,
        decimal,
        header,
    };
    match parse_with(&text, options) {
        Ok(parsed) => {
            let table = parsed.table;
            check(table.names.len() >= 2, || "a table has x and y at least".into())?;
            check(table.names.len() == table.columns.len(), || {
                "names and columns differ".into()
            })?;
            let rows = table.n_rows();
            check(rows >= 1, || "a table without rows".into())?;
            for column in &table.columns {
                check(column.len() == rows, || "ragged table".into())?;
                check(column.iter().all(|v| v.is_finite()), || {
                    "a non-finite value got through".into()
                })?;
            }
            Ok(())
        }
        Err(issues) => {
            check(!issues.is_empty(), || "an error without a reason".into())?;
            check(issues.iter().all(|i| !i.message.is_empty()), || {
                "an empty message".into()
            })
        }
    }
}

/// The URL-state decoder and the patch validation, without an app (so that a fuzzer runs
/// millions of inputs; the app-level round trip is a property test in tests/url.rs):
/// - any query reads as a patch that validates, and that patch written as a link (with the look
///   and data the query carries) reads back the same;
/// - any JSON patch is either refused by an error that names one of its fields, or validates
///   into a canonical patch that validates to itself.
pub fn url_case(data: &[u8]) -> Finding {
    let query = String::from_utf8_lossy(data);
    let link = read_link(&query);
    let canonical =
        normalize_patch(&link.patch).map_err(|e| format!("a link's own patch is refused ({e}): {}", link.patch))?;
    let written = state_link_query(&canonical, &link.look, link.packed_data.as_deref());
    let again = read_link(&written);
    check(normalize_patch(&again.patch).as_ref() == Ok(&canonical), || {
        format!("the patch {canonical} does not round-trip: {written}")
    })?;
    check(again.look == link.look && again.packed_data == link.packed_data, || {
        format!("the look or the data of {query:?} does not round-trip: {written}")
    })?;
    if let Ok(value) = serde_json::from_slice::<Value>(data) {
        patch_case(&value)?;
    }
    Ok(())
}

/// One JSON patch through the validation alone.
fn patch_case(value: &Value) -> Finding {
    match normalize_patch(value) {
        Ok(canonical) => {
            check(normalize_patch(&canonical).as_ref() == Ok(&canonical), || {
                format!("{value} normalizes to {canonical}, which does not normalize to itself")
            })?;
            check(
                Patch::from_json(&canonical).ok() == Patch::from_json(value).ok(),
                || format!("{value} and its canonical form {canonical} decode differently"),
            )
        }
        Err(AppError::Field { key, message }) => {
            let field = key.split('.').next().unwrap_or_default();
            check(value.get(field).is_some() || key == "state", || {
                format!("{value} is refused for a field it does not have: {key}: {message}")
            })?;
            check(!message.is_empty(), || format!("{value}: an empty message"))
        }
        Err(other) => Err(format!("{value} is refused, but not for a field: {other}")),
    }
}

/// A little-endian f64 from the first 8 bytes (0 if there are fewer).
fn number(bytes: &[u8]) -> f64 {
    bytes
        .get(..8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0.0, f64::from_le_bytes)
}

/// A fit, a path and cross-validation on random data, degree, penalty, λ and α.
pub fn fit_case(data: &[u8]) -> Finding {
    let Some((&[degree, penalty, mode, scale], rest)) = data.split_first_chunk::<4>() else {
        return Ok(());
    };
    let degree = usize::from(degree % 21);
    let penalty = match penalty % 4 {
        0 => Penalty::Ols,
        1 => Penalty::Ridge,
        2 => Penalty::Lasso,
        _ => Penalty::ElasticNet,
    };
    // λ and α: either raw bits (anything, NaN included) or a tame value, as the third byte says.
    let raw = mode & 1 == 1;
    let (lambda, alpha, values) = match rest.split_at_checked(16) {
        Some((head, tail)) if raw => (number(head), number(head.get(8..).unwrap_or(&[])), tail),
        _ => (
            10f64.powf(f64::from(scale) / 16.0 - 10.0),
            f64::from(mode >> 1) / 127.0,
            rest,
        ),
    };
    let (x, y): (Vec<f64>, Vec<f64>) = values
        .chunks_exact(16)
        .take(300)
        .map(|c| (number(c), number(c.get(8..).unwrap_or(&[]))))
        .unzip();
    let Ok(model) = Model::polynomial(&x, &y, degree) else {
        return Ok(());
    };
    check(x.iter().chain(&y).all(|v| v.is_finite()), || {
        "a model was built on non-finite data".into()
    })?;
    let Ok(request) = (FitRequest { penalty, lambda, alpha }).check() else {
        return Ok(());
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
        check(fit.standardized.iter().all(|w| w.is_finite()), || {
            "non-finite coefficients on tame data".into()
        })?;
        check(fit.intercept.is_finite() && fit.train_mse.is_finite(), || {
            "a non-finite summary on tame data".into()
        })?;
        // The app keeps λ on its grid's range; there the solver must meet its KKT tolerance. (Far
        // below it, on ill-conditioned data, it may stop short, and says so: `converged` false.)
        let (hi, lo) = model.lambda_range(penalty.effective_alpha(alpha));
        if penalty != Penalty::Ols && (lo..=hi).contains(&lambda) {
            check(fit.converged, || {
                format!("no convergence on tame data at λ = {lambda}: KKT {}", fit.kkt_violation)
            })?;
        }
    }
    if penalty != Penalty::Ols {
        let grid = model.lambda_grid(penalty.effective_alpha(alpha));
        let path = model.path(penalty, alpha, &grid);
        if tame {
            let path = path.map_err(|e| format!("no path on tame data: {e}"))?;
            check(path.coefficients.iter().flatten().all(|w| w.is_finite()), || {
                "a non-finite path".into()
            })?;
        }
        if x.len() <= 60 {
            let _ = model.cross_validate(penalty, alpha, &grid, DEFAULT_FOLDS);
        }
    }
    Ok(())
}

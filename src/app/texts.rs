//! Every text the page shows that holds a number, written here so that the JavaScript formats no
//! number: the slider outputs, the summary line, the objective with its value, the coefficient
//! table, the data table, a point's position, a load's summary, and which controls apply now.

use std::collections::BTreeMap;

use serde::Serialize;

use super::fields::{Kind, Scale, FIELDS};
use super::snapshot::LoadReport;
use super::{App, Mode, RegionChoice, TRAIN_COLUMN};
use crate::core::model::Penalty;
use crate::format::{format_count, format_number};

/// One row of the coefficient table.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CoefficientRow {
    /// "intercept", "z", "z²", … or a column name.
    pub term: String,
    /// The standardized coefficient, as shown.
    pub standardized: String,
    /// The coefficient in the raw (z) basis, as shown.
    pub coefficient: String,
    /// Whether the coefficient is exactly zero (drawn faint).
    pub zero: bool,
}

/// The page's texts for the current state and result.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TextsView {
    /// The objective with the current numbers and its value.
    pub objective: String,
    /// df, nonzero count, train and test MSE, CV's choice, KKT, n: one line.
    pub summary: String,
    /// The coefficient table, intercept first.
    pub coefficients: Vec<CoefficientRow>,
    /// The heading of the table's raw-coefficient column: "coefficient (z basis)" in polynomial
    /// mode, "coefficient (raw units)" in column mode.
    pub coefficient_header: String,
    /// Each numeric field's value as its control shows it ("—" where it is not used).
    pub shown: BTreeMap<&'static str, String>,
    /// The fields whose controls apply now (α only under the elastic net, q only for an Lq ball…).
    pub in_use: Vec<&'static str>,
    /// Fields in use whose control is shown but has no effect now (λ under OLS).
    pub inactive: Vec<&'static str>,
    /// The data's columns that can be x or y (all but a train column).
    pub choosable_columns: Vec<String>,
    /// The columns that can be features (all choosable but y).
    pub feature_choices: Vec<String>,
}

impl App {
    /// The page's texts for the current state and result.
    pub fn texts(&self) -> TextsView {
        let result = self.result();
        let state = self.state_view(false);
        let uses_lambda = self.penalty != Penalty::Ols;
        // Every numeric field's value as its control shows it: whole numbers as they are, a
        // log-scale number (λ) to 3 significant digits, others to 2.
        let values = serde_json::to_value(&state).unwrap_or_default();
        let mut shown = BTreeMap::new();
        for field in FIELDS {
            let digits = match field.kind {
                Kind::Integer { .. } => 0,
                Kind::Number { scale: Scale::Log, .. } => 3,
                Kind::Number { .. } => 2,
                _ => continue,
            };
            let Some(value) = values.get(field.name).and_then(serde_json::Value::as_f64) else {
                continue;
            };
            let text = if digits == 0 {
                format!("{value:.0}")
            } else {
                format_number(value, digits)
            };
            shown.insert(field.name, text);
        }
        if !uses_lambda {
            shown.insert("lambda", "—".into());
        }
        let choosable: Vec<String> = result
            .data_columns
            .iter()
            .filter(|name| !name.eq_ignore_ascii_case(TRAIN_COLUMN))
            .cloned()
            .collect();
        let feature_choices = choosable.iter().filter(|name| **name != state.y).cloned().collect();
        let several = choosable.len() >= 2;
        let polynomial = self.data.choices.mode == Mode::Polynomial;
        let truth = polynomial && self.data.truth().is_some();
        let rules: [(&'static str, bool); 11] = [
            ("degree", polynomial),
            ("showTruth", truth),
            ("alpha", self.penalty == Penalty::ElasticNet),
            ("q", self.view.region == RegionChoice::Lq),
            ("n", state.n.is_some()),
            ("noise", state.noise.is_some()),
            ("seed", state.n.is_some()),
            ("mode", several),
            ("y", several),
            ("x", several && polynomial),
            ("features", several && !polynomial),
        ];
        let in_use = FIELDS
            .iter()
            .map(|field| field.name)
            .filter(|name| {
                rules
                    .iter()
                    .find(|(rule, _)| rule == name)
                    .is_none_or(|(_, used)| *used)
            })
            .collect();
        let mut rows = vec![CoefficientRow {
            term: "intercept".into(),
            standardized: format_number(result.intercept_standardized, 4),
            coefficient: format_number(result.intercept, 4),
            zero: false,
        }];
        for (k, name) in result.feature_names.iter().enumerate() {
            let w = result.standardized_coefficients.get(k).copied().unwrap_or(f64::NAN);
            let b = result.coefficients.get(k).copied().unwrap_or(f64::NAN);
            rows.push(CoefficientRow {
                term: name.clone(),
                standardized: format_number(w, 4),
                coefficient: format_number(b, 4),
                zero: w == 0.0,
            });
        }
        let mut summary = vec![
            format!("df {}", format_number(result.df, 3)),
            format!(
                "{} of {} coefficients nonzero",
                result.nonzero,
                result.feature_names.len()
            ),
            format!("train MSE {}", format_number(result.train_mse, 4)),
            match result.test_mse {
                None => "no test rows".to_string(),
                Some(mse) => format!(
                    "test MSE {} ({} rows, {})",
                    format_number(mse, 4),
                    result.n_test,
                    result.test_origin
                ),
            },
        ];
        if let Some(cv) = &result.cv {
            summary.push(format!(
                "CV picks λ = {} (1-SE: {})",
                format_number(cv.lambda_min, 3),
                format_number(cv.lambda_1se, 3)
            ));
        }
        summary.push(format!(
            "KKT {}{}",
            format_number(result.kkt_violation, 2),
            if result.converged { "" } else { " (not converged)" }
        ));
        summary.push(format!("n = {}", result.n_train));
        TextsView {
            objective: format!("{}   = {}", result.objective, format_number(result.objective_value, 4)),
            summary: summary.join(" · "),
            coefficients: rows,
            coefficient_header: if polynomial {
                "coefficient (z basis)".into()
            } else {
                "coefficient (raw units)".into()
            },
            shown,
            in_use,
            inactive: if uses_lambda { Vec::new() } else { vec!["lambda"] },
            choosable_columns: choosable,
            feature_choices,
        }
    }

    /// Point `index`'s position, for a screen reader ("Point 3: x = 0.5, y = 1.25").
    pub fn point_text(&self, index: usize) -> Option<String> {
        let (x, y) = self.points().get(index).copied()?;
        Some(format!(
            "Point {}: x = {}, y = {}",
            index + 1,
            format_number(x, 4),
            format_number(y, 4)
        ))
    }
}

/// What a load detected, or that nothing was loaded, in one line.
pub fn load_summary(report: &LoadReport) -> String {
    match (&report.detected, report.ok) {
        (Some(d), true) => {
            let skipped = if d.skipped_lines > 0 {
                format!(", {} blank or comment lines skipped", d.skipped_lines)
            } else {
                String::new()
            };
            format!(
                "Read {} rows × {} columns: {}-separated, decimal {}, {} a header{skipped}.",
                report.rows,
                report.columns.len(),
                d.delimiter,
                d.decimal,
                if d.header { "with" } else { "without" }
            )
        }
        _ => "Nothing was loaded: the previous data stays. Fix these and load again:".to_string(),
    }
}

/// The note under a long text kept whole and shown in part.
pub fn kept_text_note(lines: usize, chars: usize) -> String {
    format!(
        "… {} lines, {} characters in all. The whole text is kept; only its start is shown, so that the page stays quick. “Clear the text” to type or paste again.",
        format_count(lines),
        format_count(chars)
    )
}

/// Why a file is not read.
pub fn file_too_large(name: &str, size: usize, limit: usize) -> String {
    format!(
        "{name} is {} bytes; the limit is {} MB",
        format_count(size),
        limit / 1_000_000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_apply_only_where_their_field_is_used() {
        let mut app = App::new().unwrap();
        let texts = app.texts();
        assert!(!texts.in_use.contains(&"alpha") && !texts.in_use.contains(&"q"));
        assert!(texts.in_use.contains(&"n") && texts.in_use.contains(&"lambda"));
        assert_eq!(texts.shown.get("lambda").map(String::as_str), Some("0.00100"));
        app.set_state(&serde_json::json!({"penalty": "ols"})).unwrap();
        assert_eq!(app.texts().inactive, vec!["lambda"]);
        app.set_state(&serde_json::json!({"penalty": "elasticnet", "region": "lq"}))
            .unwrap();
        let texts = app.texts();
        assert!(texts.in_use.contains(&"alpha") && texts.in_use.contains(&"q"));
        assert_eq!(texts.coefficients.len(), 10);
        assert!(texts.summary.contains("coefficients nonzero"));
        assert!(texts.objective.contains("   = "));
    }

    /// Column mode hides the polynomial-only controls and heads the table in raw units; the true
    /// function's control shows only where there is one.
    #[test]
    fn column_mode_hides_polynomial_controls_and_names_raw_units() {
        let cases: &[(serde_json::Value, bool, bool, &str)] = &[
            (
                serde_json::json!({"preset": "sin"}),
                true,
                true,
                "coefficient (z basis)",
            ),
            (
                serde_json::json!({"preset": "houses"}),
                false,
                false,
                "coefficient (raw units)",
            ),
            (
                serde_json::json!({"preset": "prostate"}),
                false,
                false,
                "coefficient (raw units)",
            ),
            (
                serde_json::json!({"preset": "prostate", "mode": "polynomial"}),
                true,
                false,
                "coefficient (z basis)",
            ),
            (
                serde_json::json!({"data": "x,y\n1,2\n2,3\n3,5\n"}),
                true,
                false,
                "coefficient (z basis)",
            ),
        ];
        for (patch, degree, truth, header) in cases {
            let mut app = App::new().unwrap();
            app.set_state(patch).unwrap();
            let texts = app.texts();
            let shown = (texts.in_use.contains(&"degree"), texts.in_use.contains(&"showTruth"));
            assert_eq!(
                (shown, texts.coefficient_header.as_str()),
                ((*degree, *truth), *header),
                "{patch}"
            );
        }
    }
}

//! The explorer's state and its one direction of flow: a state patch is validated, the model is
//! rebuilt only if the data or features changed, the fit is redone, and scenes are made from it.
//!
//! Pure Rust, tested natively; the `web` module only wraps it for JavaScript.

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::core::data::{parse_table, ParseIssue, Table};
use crate::core::features::MAX_DEGREE;
use crate::core::model::{Fit, FitRequest, Model, Penalty, ALPHA_RANGE};
use crate::core::presets::{self, Preset, PRESETS};
use crate::core::CoreError;
use crate::scene::FitScene;

/// The state the explorer opens with.
pub const DEFAULT_PRESET: &str = "sin";
/// The penalty the explorer opens with.
pub const DEFAULT_PENALTY: Penalty = Penalty::Ridge;
/// λ the explorer opens with.
pub const DEFAULT_LAMBDA: f64 = 1e-3;
/// α the explorer opens with (used by elastic net).
pub const DEFAULT_ALPHA: f64 = 0.5;

/// Why a state change or data load was refused. The previous state stays in force.
#[derive(Debug, Clone, PartialEq)]
pub enum AppError {
    /// A field of the patch has the wrong type or an unknown value.
    Field { key: String, message: String },
    /// The data could not be parsed.
    Parse(Vec<ParseIssue>),
    /// The model could not be built on this data.
    Core(CoreError),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Field { key, message } => write!(f, "{key}: {message}"),
            AppError::Parse(issues) => {
                let lines: Vec<String> = issues.iter().take(5).map(ToString::to_string).collect();
                write!(f, "the data could not be read: {}", lines.join("; "))?;
                if issues.len() > 5 {
                    write!(f, "; and {} more", issues.len() - 5)?;
                }
                Ok(())
            }
            AppError::Core(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for AppError {}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> Self {
        AppError::Core(e)
    }
}

fn field_error(key: &str, message: impl Into<String>) -> AppError {
    AppError::Field {
        key: key.to_string(),
        message: message.into(),
    }
}

/// Where the data came from.
#[derive(Debug, Clone, PartialEq)]
enum Source {
    Preset(&'static Preset),
    Pasted(String),
}

/// The data, the column choices and the model built on them.
#[derive(Debug, Clone)]
struct Dataset {
    source: Source,
    table: Table,
    x: String,
    y: String,
    degree: usize,
    model: Model,
}

impl Dataset {
    fn build(source: Source, table: Table, x: String, y: String, degree: usize) -> Result<Dataset, AppError> {
        let xs = table
            .column(&x)
            .ok_or_else(|| field_error("x", format!("no column named {x:?}")))?;
        let ys = table
            .column(&y)
            .ok_or_else(|| field_error("y", format!("no column named {y:?}")))?;
        let model = Model::polynomial(xs, ys, degree)?;
        Ok(Dataset {
            source,
            table,
            x,
            y,
            degree,
            model,
        })
    }

    fn columns(&self) -> (&[f64], &[f64]) {
        (
            self.table.column(&self.x).unwrap_or(&[]),
            self.table.column(&self.y).unwrap_or(&[]),
        )
    }
}

/// The complete explorer: state, model and fit.
#[derive(Debug, Clone)]
pub struct App {
    data: Dataset,
    penalty: Penalty,
    lambda: f64,
    alpha: f64,
    fit: Fit,
}

/// A snapshot of the state, as the element's `state` property shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StateView {
    /// The preset's name, or null for pasted data.
    pub preset: Option<String>,
    /// The pasted CSV text, or null for a preset.
    pub data: Option<String>,
    /// 'polynomial' (column mode comes with the complete solver).
    pub mode: &'static str,
    /// The x column.
    pub x: String,
    /// The response column.
    pub y: String,
    /// Polynomial degree, 1..=20.
    pub degree: usize,
    /// 'ols', 'ridge', 'lasso' or 'elasticnet'.
    pub penalty: &'static str,
    /// λ (kept inside the grid's range for the penalty).
    pub lambda: f64,
    /// α for elastic net.
    pub alpha: f64,
}

/// The z-map, for the result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct XMapView {
    /// Centre.
    pub c: f64,
    /// Half range.
    pub h: f64,
}

/// A read-only snapshot of the current model, as the element's `result` property shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ResultView {
    /// The penalty fitted.
    pub penalty: &'static str,
    /// λ used (0 for OLS).
    pub lambda: f64,
    /// α used.
    pub alpha: f64,
    /// Feature names, z … z^d.
    pub feature_names: Vec<String>,
    /// The z-map.
    pub x_map: Option<XMapView>,
    /// Intercept in the raw (z) basis.
    pub intercept: f64,
    /// Coefficients in the raw (z) basis.
    pub coefficients: Vec<f64>,
    /// w, the standardized coefficients.
    pub standardized_coefficients: Vec<f64>,
    /// b0 = ȳ.
    pub intercept_standardized: f64,
    /// Number of nonzero coefficients.
    pub nonzero: usize,
    /// Effective degrees of freedom.
    pub df: f64,
    /// ‖w‖₁/‖w_OLS‖₁.
    pub shrinkage: Option<f64>,
    /// Training MSE.
    pub train_mse: f64,
    /// The objective's value at the solution.
    pub objective_value: f64,
    /// The objective, written out in our scaling.
    pub objective: String,
    /// Largest KKT violation.
    pub kkt_violation: f64,
    /// Whether the solver met its tolerance.
    pub converged: bool,
    /// Solver iterations.
    pub iterations: usize,
    /// Number of training rows.
    pub n_train: usize,
    /// λ_max for the current α.
    pub lambda_max: f64,
    /// The λ slider's range [smallest, largest].
    pub lambda_range: [f64; 2],
    /// Plain-language notices.
    pub notices: Vec<String>,
    /// What the current data set teaches.
    pub caption: String,
}

/// What `loadData` reports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LoadReport {
    /// Whether the data was loaded.
    pub ok: bool,
    /// Rows loaded.
    pub rows: usize,
    /// Column names.
    pub columns: Vec<String>,
    /// Things to know that did not stop the load.
    pub warnings: Vec<String>,
    /// Problems, each with its line and column.
    pub errors: Vec<IssueView>,
}

/// One parse problem for JavaScript.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IssueView {
    /// 1-based line (0: the whole text).
    pub line: usize,
    /// 1-based column (0: the whole line).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// A preset for the menu.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PresetView {
    /// State name.
    pub name: &'static str,
    /// Menu label.
    pub label: &'static str,
    /// What it teaches.
    pub caption: &'static str,
}

/// Every preset, for the menu.
pub fn preset_views() -> Vec<PresetView> {
    PRESETS
        .iter()
        .map(|p| PresetView {
            name: p.name,
            label: p.label,
            caption: p.caption,
        })
        .collect()
}

/// A number with `digits` significant digits, in plain or scientific notation as suits it.
pub fn format_number(value: f64, digits: usize) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs().log10().floor();
    if (-3.0..5.0).contains(&magnitude) {
        let decimals = (digits as f64 - 1.0 - magnitude).max(0.0) as usize;
        format!("{value:.decimals$}")
    } else {
        format!("{:.*e}", digits.saturating_sub(1), value)
    }
}

fn get_str<'a>(patch: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, AppError> {
    match patch.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(field_error(key, format!("must be a string, not {other}"))),
    }
}

fn get_number(patch: &Map<String, Value>, key: &str) -> Result<Option<f64>, AppError> {
    match patch.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| field_error(key, "must be a finite number")),
        Some(Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| {
                field_error(
                    key,
                    format!(
                        "must be a finite number, not {:?}",
                        s.chars().take(40).collect::<String>()
                    ),
                )
            }),
        Some(other) => Err(field_error(key, format!("must be a finite number, not {other}"))),
    }
}

fn parse(text: &str) -> Result<(Table, Vec<String>), AppError> {
    let parsed = parse_table(text).map_err(AppError::Parse)?;
    Ok((parsed.table, parsed.warnings))
}

/// Picks x and y for a freshly loaded table: columns named x and y, else the first two.
fn default_columns(table: &Table) -> (String, String, Vec<String>) {
    let named = |n: &str| table.names.iter().any(|c| c == n);
    let first = table.names.first().cloned().unwrap_or_default();
    let second = table.names.get(1).cloned().unwrap_or_default();
    let x = if named("x") { "x".to_string() } else { first.clone() };
    let y = if named("y") {
        "y".to_string()
    } else if x == second {
        first
    } else {
        second
    };
    let mut warnings = Vec::new();
    if table.names.len() > 2 {
        let others: Vec<&str> = table
            .names
            .iter()
            .filter(|n| **n != x && **n != y)
            .map(String::as_str)
            .collect();
        warnings.push(format!(
            "using {x:?} as x and {y:?} as y; the other columns ({}) are kept and can be chosen instead",
            others.join(", ")
        ));
    }
    (x, y, warnings)
}

impl App {
    /// The explorer on the default preset.
    pub fn new() -> Result<App, AppError> {
        let preset =
            presets::find(DEFAULT_PRESET).ok_or_else(|| field_error("preset", "the default preset is missing"))?;
        let (table, _) = parse(preset.csv)?;
        let data = Dataset::build(
            Source::Preset(preset),
            table,
            preset.x.into(),
            preset.y.into(),
            preset.degree,
        )?;
        let (hi, lo) = Self::range_for(&data.model, DEFAULT_PENALTY, DEFAULT_ALPHA);
        let lambda = DEFAULT_LAMBDA.clamp(lo, hi);
        let fit = Self::refit(&data, DEFAULT_PENALTY, lambda, DEFAULT_ALPHA)?;
        Ok(App {
            data,
            penalty: DEFAULT_PENALTY,
            lambda,
            alpha: DEFAULT_ALPHA,
            fit,
        })
    }

    fn refit(data: &Dataset, penalty: Penalty, lambda: f64, alpha: f64) -> Result<Fit, AppError> {
        let request = FitRequest { penalty, lambda, alpha }.check()?;
        Ok(data.model.fit(request, None))
    }

    fn range_for(model: &Model, penalty: Penalty, alpha: f64) -> (f64, f64) {
        model.lambda_range(penalty.effective_alpha(alpha))
    }

    /// The state snapshot.
    pub fn state(&self) -> StateView {
        let (preset, data) = match &self.data.source {
            Source::Preset(p) => (Some(p.name.to_string()), None),
            Source::Pasted(text) => (None, Some(text.clone())),
        };
        StateView {
            preset,
            data,
            mode: "polynomial",
            x: self.data.x.clone(),
            y: self.data.y.clone(),
            degree: self.data.degree,
            penalty: self.penalty.name(),
            lambda: self.lambda,
            alpha: self.alpha,
        }
    }

    /// Merges a patch into the state: every field is checked first, and on any error nothing
    /// changes. Numbers are clamped to their ranges; unknown keys are ignored.
    pub fn set_state(&mut self, patch: &Value) -> Result<(), AppError> {
        let Value::Object(patch) = patch else {
            return Err(field_error("state", "must be an object"));
        };
        if let Some(mode) = get_str(patch, "mode")? {
            if mode != "polynomial" {
                return Err(field_error(
                    "mode",
                    format!("{mode:?} is not available yet; use 'polynomial'"),
                ));
            }
        }
        // 1. Data: a preset or pasted text.
        let mut source = None;
        if let Some(name) = get_str(patch, "preset")? {
            let preset = presets::find(name).ok_or_else(|| {
                let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                field_error(
                    "preset",
                    format!(
                        "{:?} is not one of {}",
                        name.chars().take(40).collect::<String>(),
                        names.join(", ")
                    ),
                )
            })?;
            let (table, _) = parse(preset.csv)?;
            source = Some((
                Source::Preset(preset),
                table,
                Some((preset.x.to_string(), preset.y.to_string())),
                preset.degree,
            ));
        }
        if let Some(text) = get_str(patch, "data")? {
            let (table, _) = parse(text)?;
            source = Some((Source::Pasted(text.to_string()), table, None, self.data.degree));
        }
        // 2. Columns and degree.
        let degree = match get_number(patch, "degree")? {
            Some(d) => d.round().clamp(1.0, MAX_DEGREE as f64) as usize,
            None => source.as_ref().map_or(self.data.degree, |s| s.3),
        };
        let requested_x = get_str(patch, "x")?.map(str::to_string);
        let requested_y = get_str(patch, "y")?.map(str::to_string);
        let rebuild = source.is_some() || requested_x.is_some() || requested_y.is_some() || degree != self.data.degree;
        let data = if rebuild {
            let (source, table, columns) = match source {
                Some((source, table, columns, _)) => {
                    let columns = columns.unwrap_or_else(|| {
                        let (x, y, _) = default_columns(&table);
                        (x, y)
                    });
                    (source, table, columns)
                }
                None => (
                    self.data.source.clone(),
                    self.data.table.clone(),
                    (self.data.x.clone(), self.data.y.clone()),
                ),
            };
            let x = requested_x.unwrap_or(columns.0);
            let y = requested_y.unwrap_or(columns.1);
            Some(Dataset::build(source, table, x, y, degree)?)
        } else {
            None
        };
        // 3. Penalty and its parameters.
        let penalty = match get_str(patch, "penalty")? {
            Some(name) => Penalty::from_name(name)?,
            None => self.penalty,
        };
        let alpha = get_number(patch, "alpha")?.map_or(self.alpha, |a| a.clamp(ALPHA_RANGE.0, ALPHA_RANGE.1));
        let lambda = get_number(patch, "lambda")?.unwrap_or(self.lambda);
        let data_ref = data.as_ref().unwrap_or(&self.data);
        let (hi, lo) = Self::range_for(&data_ref.model, penalty, alpha);
        let lambda = lambda.clamp(lo, hi);
        let fit = Self::refit(data_ref, penalty, lambda, alpha)?;
        if let Some(data) = data {
            self.data = data;
        }
        self.penalty = penalty;
        self.alpha = alpha;
        self.lambda = lambda;
        self.fit = fit;
        Ok(())
    }

    /// Parses pasted text and, if it is good, makes it the data. On failure nothing changes.
    pub fn load_data(&mut self, text: &str) -> LoadReport {
        let failed = |errors: Vec<IssueView>| LoadReport {
            ok: false,
            rows: 0,
            columns: Vec::new(),
            warnings: Vec::new(),
            errors,
        };
        let parsed = match parse_table(text) {
            Ok(p) => p,
            Err(issues) => {
                return failed(
                    issues
                        .into_iter()
                        .map(|i| IssueView {
                            line: i.line,
                            column: i.column,
                            message: i.message,
                        })
                        .collect(),
                )
            }
        };
        let (x, y, mut warnings) = default_columns(&parsed.table);
        let mut all_warnings = parsed.warnings;
        all_warnings.append(&mut warnings);
        let rows = parsed.table.n_rows();
        let columns = parsed.table.names.clone();
        let built =
            Dataset::build(Source::Pasted(text.to_string()), parsed.table, x, y, self.data.degree).and_then(|data| {
                let lambda = {
                    let (hi, lo) = Self::range_for(&data.model, self.penalty, self.alpha);
                    self.lambda.clamp(lo, hi)
                };
                Self::refit(&data, self.penalty, lambda, self.alpha).map(|fit| (data, lambda, fit))
            });
        match built {
            Ok((data, lambda, fit)) => {
                self.data = data;
                self.lambda = lambda;
                self.fit = fit;
                LoadReport {
                    ok: true,
                    rows,
                    columns,
                    warnings: all_warnings,
                    errors: Vec::new(),
                }
            }
            Err(e) => failed(vec![IssueView {
                line: 0,
                column: 0,
                message: e.to_string(),
            }]),
        }
    }

    /// The objective in our scaling, with the current numbers.
    fn objective_text(&self) -> String {
        let base = "minimize 1/(2n)·‖y − b₀ − Xw‖²";
        let lambda = format_number(self.lambda, 3);
        let n = self.data.model.n_samples();
        match self.penalty {
            Penalty::Ols => format!("{base}   (n = {n}, least squares, minimum norm)"),
            Penalty::Ridge => format!("{base} + λ/2·‖w‖₂²   (n = {n}, λ = {lambda})"),
            Penalty::Lasso => format!("{base} + λ·‖w‖₁   (n = {n}, λ = {lambda})"),
            Penalty::ElasticNet => format!(
                "{base} + λ·(α‖w‖₁ + (1−α)/2·‖w‖₂²)   (n = {n}, λ = {lambda}, α = {})",
                format_number(self.alpha, 2)
            ),
        }
    }

    /// The current model as a read-only snapshot.
    pub fn result(&self) -> ResultView {
        let fit = &self.fit;
        let model = &self.data.model;
        let l1: f64 = fit.standardized.iter().map(|v| v.abs()).sum();
        let l2: f64 = fit.standardized.iter().map(|v| v * v).sum();
        let objective_value = fit.train_mse / 2.0 + fit.lambda * (fit.alpha * l1 + (1.0 - fit.alpha) / 2.0 * l2);
        let (hi, lo) = Self::range_for(model, self.penalty, self.alpha);
        let caption = match &self.data.source {
            Source::Preset(p) => p.caption.to_string(),
            Source::Pasted(_) => format!("Your data: {} rows.", model.n_samples()),
        };
        ResultView {
            penalty: fit.penalty.name(),
            lambda: fit.lambda,
            alpha: fit.alpha,
            feature_names: model.design().names.clone(),
            x_map: model.x_map().map(|m| XMapView { c: m.c, h: m.h }),
            intercept: fit.intercept,
            coefficients: fit.coefficients.clone(),
            standardized_coefficients: fit.standardized.clone(),
            intercept_standardized: fit.intercept_std,
            nonzero: fit.nonzero,
            df: fit.df,
            shrinkage: fit.shrinkage,
            train_mse: fit.train_mse,
            objective_value,
            objective: self.objective_text(),
            kkt_violation: fit.kkt_violation,
            converged: fit.converged,
            iterations: fit.iterations,
            n_train: model.n_samples(),
            lambda_max: model.lambda_max(fit.penalty.effective_alpha(self.alpha)),
            lambda_range: [lo, hi],
            notices: fit.notices.clone(),
            caption,
        }
    }

    /// λ at a slider position in [0, 1]: 0 is the grid's smallest λ, 1 its largest, log-spaced.
    pub fn lambda_at(&self, position: f64) -> f64 {
        let (hi, lo) = Self::range_for(&self.data.model, self.penalty, self.alpha);
        let t = if position.is_finite() {
            position.clamp(0.0, 1.0)
        } else {
            0.0
        };
        (lo.ln() + t * (hi.ln() - lo.ln())).exp().clamp(lo, hi)
    }

    /// The slider position in [0, 1] of the current λ.
    pub fn lambda_position(&self) -> f64 {
        let (hi, lo) = Self::range_for(&self.data.model, self.penalty, self.alpha);
        let span = hi.ln() - lo.ln();
        if span > 0.0 {
            ((self.lambda.ln() - lo.ln()) / span).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The fit panel's scene.
    pub fn fit_scene(&self) -> FitScene {
        let (x, y) = self.data.columns();
        let name = match self.penalty {
            Penalty::Ols => "OLS",
            Penalty::Ridge => "Ridge",
            Penalty::Lasso => "Lasso",
            Penalty::ElasticNet => "Elastic net",
        };
        let caption = match self.penalty {
            Penalty::Ols => format!("{name}, degree {}", self.data.degree),
            Penalty::ElasticNet => format!(
                "{name}, degree {}, λ = {}, α = {}",
                self.data.degree,
                format_number(self.lambda, 3),
                format_number(self.alpha, 2)
            ),
            _ => format!(
                "{name}, degree {}, λ = {}",
                self.data.degree,
                format_number(self.lambda, 3)
            ),
        };
        FitScene::polynomial(&self.data.model, &self.fit, x, y, (&self.data.x, &self.data.y), caption)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn app() -> App {
        App::new().unwrap()
    }

    #[test]
    fn opens_on_the_sin_preset() {
        let a = app();
        let s = a.state();
        assert_eq!((s.preset.as_deref(), s.degree, s.penalty), (Some("sin"), 9, "ridge"));
        assert_eq!(a.result().n_train, 10);
        assert!(a.result().converged);
    }

    #[test]
    fn patches_are_clamped() {
        let mut a = app();
        a.set_state(&json!({"degree": 35.4, "alpha": 7})).unwrap();
        assert_eq!(a.state().degree, 20);
        assert_eq!(a.state().alpha, ALPHA_RANGE.1);
        a.set_state(&json!({"penalty": "lasso", "lambda": 1e9})).unwrap();
        let r = a.result();
        assert_eq!(a.state().lambda, r.lambda_range[1]);
        assert_eq!(r.nonzero, 0);
    }

    #[test]
    fn a_bad_patch_changes_nothing() {
        let mut a = app();
        let before = a.state();
        for patch in [
            json!({"degree": 3, "penalty": "LASSO"}),
            json!({"lambda": "abc"}),
            json!({"lambda": null}),
            json!({"preset": "nope"}),
            json!({"x": "missing"}),
            json!({"mode": "columns"}),
            json!([1, 2]),
        ] {
            assert!(a.set_state(&patch).is_err(), "{patch}");
            assert_eq!(a.state(), before);
        }
    }

    #[test]
    fn load_data_keeps_old_data_on_error() {
        let mut a = app();
        let report = a.load_data("x,y\n1,2\n3,oops\n");
        assert!(!report.ok);
        assert_eq!((report.errors[0].line, report.errors[0].column), (3, 2));
        assert_eq!(a.state().preset.as_deref(), Some("sin"));
        let report = a.load_data("a\tb\n0\t1\n1\t3\n2\t2\n");
        assert!(report.ok, "{report:?}");
        assert_eq!(report.rows, 3);
        assert_eq!(a.state().preset, None);
        assert_eq!((a.state().x.as_str(), a.state().y.as_str()), ("a", "b"));
    }

    #[test]
    fn lambda_position_round_trips() {
        let mut a = app();
        a.set_state(&json!({"penalty": "lasso"})).unwrap();
        let lambda = a.lambda_at(0.25);
        a.set_state(&json!({ "lambda": lambda })).unwrap();
        assert!((a.lambda_position() - 0.25).abs() < 1e-12);
    }

    #[test]
    fn numbers_are_formatted_for_people() {
        assert_eq!(format_number(0.001234, 3), "0.00123");
        assert_eq!(format_number(1.5e-5, 3), "1.50e-5");
        assert_eq!(format_number(123.456, 3), "123");
        assert_eq!(format_number(0.0, 3), "0");
    }
}

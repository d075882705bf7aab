//! Plain snapshots of the state and the model, serialized for JavaScript (camelCase names, as
//! the element's contract in CONVENTIONS.md spells them).

use serde::Serialize;

use crate::core::data::{ParseIssue, ParseOptions};
use crate::core::model::Penalty;
use crate::core::presets::PRESETS;
use crate::format::format_number;

use super::{App, TestOrigin, View};

/// A snapshot of the state, as the element's `state` property shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StateView {
    /// The preset's name, or null for pasted data.
    pub preset: Option<String>,
    /// The pasted CSV text, or null for a preset.
    pub data: Option<String>,
    /// How the pasted text is read (null for a preset).
    pub data_options: Option<DataOptionsView>,
    /// 'polynomial' or 'columns'.
    pub mode: &'static str,
    /// The x column (polynomial mode).
    pub x: String,
    /// The response column.
    pub y: String,
    /// The feature columns (column mode).
    pub features: Vec<String>,
    /// Polynomial degree, 1..=20.
    pub degree: usize,
    /// 'ols', 'ridge', 'lasso' or 'elasticnet'.
    pub penalty: &'static str,
    /// λ (kept inside the grid's range for the penalty).
    pub lambda: f64,
    /// α for elastic net.
    pub alpha: f64,
    /// Number of cross-validation folds.
    pub folds: usize,
    /// Share of rows held out for testing (when the data has no train column).
    pub test_fraction: f64,
    /// Seeds the held-out rows and synthetic test samples.
    pub seed: u64,
    /// What the panels show (their fields flattened into the snapshot: `pathAxis`, `pair`, `lens`,
    /// `region`, `q`, `showTest`, `showTruth`, `showOls`, `showResamples`, `showLegend`). Only a
    /// chosen pair is state: the default follows the data.
    #[serde(flatten)]
    pub view: View,
    /// A synthetic preset's sample size (null otherwise).
    pub n: Option<usize>,
    /// A synthetic preset's noise standard deviation (null otherwise).
    pub noise: Option<f64>,
}

/// The z-map, for the result.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct XMapView {
    /// Centre.
    pub c: f64,
    /// Half range.
    pub h: f64,
}

/// The coefficient path over the λ grid.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PathView {
    /// λ values, descending.
    pub lambdas: Vec<f64>,
    /// Standardized coefficients per λ.
    pub coefficients: Vec<Vec<f64>>,
    /// df per λ.
    pub df: Vec<f64>,
    /// Nonzero coefficients per λ.
    pub nonzero: Vec<usize>,
    /// Training MSE per λ.
    pub train_mse: Vec<f64>,
    /// Test MSE per λ (null without test rows).
    pub test_mse: Option<Vec<f64>>,
    /// Shrinkage factor per λ.
    pub shrinkage: Vec<Option<f64>>,
}

/// One lasso knot.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct KnotView {
    /// λ at the knot.
    pub lambda: f64,
    /// The feature's name.
    pub feature: String,
    /// The feature's 0-based index.
    pub feature_index: usize,
    /// 'enter' or 'leave'.
    pub event: &'static str,
}

/// The cross-validation curve.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CvView {
    /// λ values (the path's grid).
    pub lambdas: Vec<f64>,
    /// Mean held-out MSE per λ.
    pub mean: Vec<f64>,
    /// Its standard error per λ.
    pub se: Vec<f64>,
    /// λ with the smallest mean.
    pub lambda_min: f64,
    /// The largest λ within one SE of that.
    pub lambda_1se: f64,
    /// Index of λ_min in `lambdas`.
    pub index_min: usize,
    /// Index of λ_1se in `lambdas`.
    pub index_1se: usize,
    /// Number of folds.
    pub folds: usize,
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
    /// 'polynomial' or 'columns'.
    pub mode: &'static str,
    /// Feature names: z … z^d, or column names.
    pub feature_names: Vec<String>,
    /// The z-map (polynomial mode).
    pub x_map: Option<XMapView>,
    /// Intercept in the raw basis.
    pub intercept: f64,
    /// Coefficients in the raw basis.
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
    /// Test MSE (null without test rows).
    pub test_mse: Option<f64>,
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
    /// Number of test rows.
    pub n_test: usize,
    /// Where the test rows come from: 'none', 'train column', 'held out' or 'fresh sample'.
    pub test_origin: &'static str,
    /// λ_max for the current α.
    pub lambda_max: f64,
    /// The λ slider's range [smallest, largest].
    pub lambda_range: [f64; 2],
    /// The path over the λ grid (null for OLS).
    pub path: Option<PathView>,
    /// Lasso knots (empty unless the penalty is lasso).
    pub knots: Vec<KnotView>,
    /// Cross-validation (null for OLS or with fewer than 2 rows).
    pub cv: Option<CvView>,
    /// Plain-language notices.
    pub notices: Vec<String>,
    /// What the current data set teaches.
    pub caption: String,
    /// Every column of the data, for the column pickers.
    pub data_columns: Vec<String>,
    /// One line of plain text that says what the model is doing now.
    pub explanation: String,
    /// The geometry panel's pair of features: the chosen one, or the default.
    pub pair: Option<[String; 2]>,
    /// Bias², variance and expected test error along λ over 20 fresh samples (when shown).
    pub bias_variance: Option<BiasVarianceView>,
    /// A text alternative for each panel, in the order fit, paths, geometry, errors.
    pub descriptions: PanelTexts,
}

impl ResultView {
    /// The names of the features with a nonzero coefficient, in order.
    pub fn used_features(&self) -> Vec<&str> {
        self.feature_names
            .iter()
            .zip(&self.standardized_coefficients)
            .filter(|(_, w)| **w != 0.0)
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// This result without its per-λ arrays: no path, and the CV and bias–variance curves empty
    /// (their λ choices and σ² stay).
    pub fn summary(mut self) -> ResultView {
        self.path = None;
        if let Some(cv) = self.cv.as_mut() {
            cv.lambdas.clear();
            cv.mean.clear();
            cv.se.clear();
        }
        if let Some(bv) = self.bias_variance.as_mut() {
            bv.lambdas.clear();
            bv.bias2.clear();
            bv.variance.clear();
            bv.test_error.clear();
        }
        self
    }
}

/// The bias–variance decomposition along the λ grid.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct BiasVarianceView {
    /// λ, descending.
    pub lambdas: Vec<f64>,
    /// Squared bias of the average fit, averaged over x.
    pub bias2: Vec<f64>,
    /// Variance of the fits, averaged over x.
    pub variance: Vec<f64>,
    /// bias² + variance + σ².
    pub test_error: Vec<f64>,
    /// σ².
    pub noise2: f64,
    /// How many fresh samples.
    pub samples: usize,
}

/// A text alternative for each panel.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct PanelTexts {
    /// The data and the fitted curve.
    pub fit: String,
    /// The coefficient paths.
    pub paths: String,
    /// The loss contours and the constraint region.
    pub geometry: String,
    /// The error curves.
    pub errors: String,
}

/// How pasted text was read: what was detected or chosen.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DetectedView {
    /// 'tab', 'semicolon', 'comma' or 'spaces'.
    pub delimiter: &'static str,
    /// 'point' or 'comma'.
    pub decimal: &'static str,
    /// Whether the first row was a header.
    pub header: bool,
    /// Blank and comment lines skipped.
    pub skipped_lines: usize,
    /// Lines of rows dropped for a missing value.
    pub dropped_lines: Vec<usize>,
}

/// The parse options of pasted data, as the state shows them ('auto' where sniffed).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DataOptionsView {
    /// 'auto', 'tab', 'semicolon', 'comma' or 'spaces'.
    pub delimiter: &'static str,
    /// 'auto', 'point' or 'comma'.
    pub decimal: &'static str,
    /// 'auto', 'yes' or 'no'.
    pub header: &'static str,
}

impl From<ParseOptions> for DataOptionsView {
    fn from(options: ParseOptions) -> Self {
        DataOptionsView {
            delimiter: options.delimiter.map_or("auto", |d| d.name()),
            decimal: options.decimal.map_or("auto", |d| d.name()),
            header: options.header.map_or("auto", |h| if h { "yes" } else { "no" }),
        }
    }
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
    /// How the text was read (null on failure).
    pub detected: Option<DetectedView>,
    /// What was read, or that nothing was, in one line for the page.
    pub summary: String,
}

impl LoadReport {
    /// Nothing was loaded, for these reasons.
    pub fn failed(errors: Vec<IssueView>) -> LoadReport {
        let mut report = LoadReport {
            ok: false,
            rows: 0,
            columns: Vec::new(),
            warnings: Vec::new(),
            errors,
            detected: None,
            summary: String::new(),
        };
        report.summary = super::texts::load_summary(&report);
        report
    }

    /// `rows` rows of `columns` were read as `detected` says.
    pub fn read(rows: usize, columns: Vec<String>, warnings: Vec<String>, detected: DetectedView) -> LoadReport {
        let mut report = LoadReport {
            ok: true,
            rows,
            columns,
            warnings,
            errors: Vec::new(),
            detected: Some(detected),
            summary: String::new(),
        };
        report.summary = super::texts::load_summary(&report);
        report
    }
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
    /// Where and what, for the page: "Line 3, column 2: …".
    pub text: String,
}

impl IssueView {
    /// A problem at `line` and `column` (0 for none).
    pub fn new(line: usize, column: usize, message: String) -> IssueView {
        let text = match (line, column) {
            (0, _) => message.clone(),
            (line, 0) => format!("Line {line}: {message}"),
            (line, column) => format!("Line {line}, column {column}: {message}"),
        };
        IssueView {
            line,
            column,
            message,
            text,
        }
    }
}

impl From<ParseIssue> for IssueView {
    fn from(issue: ParseIssue) -> Self {
        IssueView::new(issue.line, issue.column, issue.message)
    }
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

/// The objective in our scaling, with the current numbers.
fn objective_text(app: &App) -> String {
    let base = "minimize 1/(2n)·‖y − b₀ − Xw‖²";
    let lambda = format_number(app.lambda, 3);
    let n = app.data.model.n_samples();
    match app.penalty {
        Penalty::Ols => format!("{base}   (n = {n}, least squares, minimum norm)"),
        Penalty::Ridge => format!("{base} + λ/2·‖w‖₂²   (n = {n}, λ = {lambda})"),
        Penalty::Lasso => format!("{base} + λ·‖w‖₁   (n = {n}, λ = {lambda})"),
        Penalty::ElasticNet => format!(
            "{base} + λ·(α‖w‖₁ + (1−α)/2·‖w‖₂²)   (n = {n}, λ = {lambda}, α = {})",
            format_number(app.alpha, 2)
        ),
    }
}

/// The result snapshot of an app.
pub(super) fn result(app: &App) -> ResultView {
    let fit = &app.fit;
    let data = &app.data;
    let model = &data.model;
    let names = &model.design().names;
    let objective_value = fit.objective;
    let (hi, lo) = app.lambda_range();
    let caption = match &data.source {
        super::Source::Preset(p) => p.caption.to_string(),
        super::Source::Pasted { .. } => match data.truth() {
            Some(preset) => format!(
                "Your edit of “{}”: {} rows; the true function {} and its fresh test sample stay.",
                preset.label,
                data.table.n_rows(),
                preset.truth.map_or("", |t| t.formula)
            ),
            None => format!("Your data: {} rows.", data.table.n_rows()),
        },
    };
    let (test_inputs, test_y) = &data.test;
    let analysis = &app.analysis;
    let mut notices = data.notices.clone();
    notices.extend(analysis.notices.iter().cloned());
    notices.extend(fit.notices.iter().cloned());
    let mut view = ResultView {
        penalty: fit.penalty.name(),
        lambda: fit.lambda,
        alpha: fit.alpha,
        mode: data.choices.mode.name(),
        feature_names: names.clone(),
        x_map: model.x_map().map(|m| XMapView { c: m.c, h: m.h }),
        intercept: fit.intercept,
        coefficients: fit.coefficients.clone(),
        standardized_coefficients: fit.standardized.clone(),
        intercept_standardized: fit.intercept_std,
        nonzero: fit.nonzero,
        df: fit.df,
        shrinkage: fit.shrinkage,
        train_mse: fit.train_mse,
        test_mse: model.mse_on(&fit.standardized, test_inputs, test_y),
        objective_value,
        objective: objective_text(app),
        kkt_violation: fit.kkt_violation,
        converged: fit.converged,
        iterations: fit.iterations,
        n_train: model.n_samples(),
        n_test: data.n_test(),
        test_origin: match data.test_origin {
            TestOrigin::None => "none",
            TestOrigin::TrainColumn => "train column",
            TestOrigin::Fraction => "held out",
            TestOrigin::Synthetic => "fresh sample",
        },
        lambda_max: model.lambda_max(fit.penalty.effective_alpha(app.alpha)),
        lambda_range: [lo, hi],
        path: analysis.path.as_ref().map(|p| PathView {
            lambdas: p.lambdas.clone(),
            coefficients: p.coefficients.clone(),
            df: p.df.clone(),
            nonzero: p.nonzero.clone(),
            train_mse: p.train_mse.clone(),
            test_mse: (!analysis.path_test_mse.is_empty()).then(|| analysis.path_test_mse.clone()),
            shrinkage: p.shrinkage.clone(),
        }),
        knots: analysis
            .knots
            .iter()
            .map(|k| KnotView {
                lambda: k.lambda,
                feature: names.get(k.feature).cloned().unwrap_or_default(),
                feature_index: k.feature,
                event: k.event.name(),
            })
            .collect(),
        cv: analysis.cv.as_ref().map(|cv| CvView {
            lambdas: cv.lambdas.clone(),
            mean: cv.mean.clone(),
            se: cv.se.clone(),
            lambda_min: cv.lambda_min,
            lambda_1se: cv.lambda_1se,
            index_min: cv.index_min,
            index_1se: cv.index_1se,
            folds: cv.folds,
        }),
        notices,
        caption,
        data_columns: data.table.names.clone(),
        explanation: String::new(),
        pair: app
            .pair()
            .and_then(|(i, j)| Some([names.get(i)?.clone(), names.get(j)?.clone()])),
        bias_variance: app.resampled.as_ref().map(|r| BiasVarianceView {
            lambdas: r.lambdas.clone(),
            bias2: r.bias2.clone(),
            variance: r.variance.clone(),
            test_error: r.test_error.clone(),
            noise2: r.noise2,
            samples: super::RESAMPLES,
        }),
        descriptions: PanelTexts::default(),
    };
    view.explanation = explain(&view);
    view.descriptions = describe(app, &view);
    view
}

/// "a, b and c" (or "a" or "a and b").
fn listed(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The penalty's name for a sentence.
fn penalty_title(penalty: &str) -> &'static str {
    match penalty {
        "ols" => "OLS",
        "ridge" => "Ridge",
        "lasso" => "Lasso",
        _ => "Elastic net",
    }
}

/// One line that says what the model is doing: which coefficients are zero, the errors, and
/// where CV would put λ.
fn explain(view: &ResultView) -> String {
    let p = view.feature_names.len();
    let mut parts = Vec::new();
    let head = if view.penalty == "ols" {
        format!("OLS, {p} coefficients on {} training rows", view.n_train)
    } else {
        format!("{}, λ = {}", penalty_title(view.penalty), format_number(view.lambda, 2))
    };
    let zero = p.saturating_sub(view.nonzero);
    match view.penalty {
        "ols" => parts.push(format!("training error {}", format_number(view.train_mse, 2))),
        "ridge" => parts.push(match view.shrinkage {
            Some(s) => format!(
                "none of the {p} coefficients is zero, and together they are {} % of the OLS size",
                format_number(100.0 * s, 2)
            ),
            None => format!("none of the {p} coefficients is zero"),
        }),
        _ => parts.push(format!("{zero} of {p} coefficients are exactly zero")),
    }
    if let Some(test) = view.test_mse {
        let lowest = view.path.as_ref().and_then(|path| {
            let errors = path.test_mse.as_ref()?;
            let (k, _) = errors
                .iter()
                .enumerate()
                .filter(|(_, e)| e.is_finite())
                .min_by(|a, b| a.1.total_cmp(b.1))?;
            path.lambdas.get(k).copied()
        });
        parts.push(match lowest {
            Some(at) => format!(
                "test error {} (lowest at λ = {})",
                format_number(test, 2),
                format_number(at, 2)
            ),
            None => format!("test error {}", format_number(test, 2)),
        });
    } else if let Some(cv) = &view.cv {
        parts.push(format!(
            "cross-validation picks λ = {}",
            format_number(cv.lambda_min, 2)
        ));
    }
    if view.penalty != "ols" && view.penalty != "ridge" {
        let used = view.used_features();
        if used.is_empty() {
            parts.push("the fit is a constant".to_string());
        } else if used.len() <= 6 {
            parts.push(format!("the fit uses {}", listed(&used)));
        }
    }
    format!("{head}: {}.", parts.join("; "))
}

/// Text alternatives for the four panels, current with the model.
fn describe(app: &App, view: &ResultView) -> PanelTexts {
    let title = penalty_title(view.penalty);
    let lambda = format_number(view.lambda, 2);
    let at = if view.penalty == "ols" {
        String::new()
    } else {
        format!(" at λ = {lambda}")
    };
    // The fit, path and error texts are read from the scenes the panels draw, so that they say
    // what is drawn (no test points while they are hidden, the cut curves, the axis chosen).
    let scene = app.fit_scene();
    let mut drawn = Vec::new();
    if !scene.test_points.is_empty() {
        drawn.push(format!("{} test points as hollow squares", scene.test_points.len()));
    }
    if !scene.truth_runs.is_empty() {
        drawn.push("the true function dashed".to_string());
    }
    if !scene.ols_runs.is_empty() {
        drawn.push("the OLS fit in grey".to_string());
    }
    if !scene.resample_runs.is_empty() {
        drawn.push("fits to fresh samples in faint blue".to_string());
    }
    let fit = if view.mode == "polynomial" {
        format!(
            "Scatter plot of {} training points with the {title} fit{at} drawn as a curve of degree {}{}{}.",
            scene.points.len(),
            view.feature_names.len(),
            if drawn.is_empty() {
                String::new()
            } else {
                format!(
                    "; also {}",
                    listed(&drawn.iter().map(String::as_str).collect::<Vec<_>>())
                )
            },
            if scene.clipped {
                "; the curve is clipped to the plot"
            } else {
                ""
            }
        )
    } else {
        format!(
            "Observed against fitted values of {} training rows for the {title} fit{at}, with the line of a perfect fit.",
            scene.points.len()
        )
    };
    let paths = match &view.path {
        Some(path) => {
            let scene = app.path_scene();
            let axis = match scene.axis {
                crate::scene::PathAxis::LogLambda => format!(
                    "against λ from {} down to {}",
                    format_number(path.lambdas.first().copied().unwrap_or(f64::NAN), 2),
                    format_number(path.lambdas.last().copied().unwrap_or(f64::NAN), 2)
                ),
                crate::scene::PathAxis::Shrinkage => "against the shrinkage factor s".to_string(),
                crate::scene::PathAxis::Df => "against the effective degrees of freedom".to_string(),
            };
            let first_knots: Vec<&str> = scene.knots.iter().take(3).map(|k| k.label.as_str()).collect();
            format!(
                "{title} coefficient paths of {} features {axis}; at λ = {lambda}, {} are nonzero{}{}.",
                view.feature_names.len(),
                view.nonzero,
                if first_knots.is_empty() {
                    String::new()
                } else {
                    format!("; first knots: {}", first_knots.join(", "))
                },
                scene.note().map(|n| format!("; {n}")).unwrap_or_default()
            )
        }
        None => "OLS has no path: choose ridge, lasso or elastic net to see one.".to_string(),
    };
    // From the geometry scene, so that the words name what is drawn.
    let geometry = app.geometry_scene().map_or_else(
        || "The geometry needs two features.".to_string(),
        |scene| scene.description(),
    );
    let errors = match &view.cv {
        Some(cv) => {
            let scene = app.error_scene();
            format!(
                "Training{} and {}-fold cross-validated error against λ; cross-validation is lowest at λ = {} and the one-standard-error rule picks λ = {}{}.",
                if scene.test.is_empty() { "" } else { ", test" },
                cv.folds,
                format_number(cv.lambda_min, 2),
                format_number(cv.lambda_1se, 2),
                scene.note().map(|n| format!("; {n}")).unwrap_or_default()
            )
        }
        None => format!(
            "Training error {}; OLS has no error curve over λ.",
            format_number(view.train_mse, 3)
        ),
    };
    PanelTexts {
        fit,
        paths,
        geometry,
        errors,
    }
}

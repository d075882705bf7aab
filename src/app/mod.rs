//! The explorer's state and its one direction of flow: a state patch is validated whole, the
//! model is rebuilt only if the data or features changed, the path and cross-validation are
//! recomputed only if the penalty, α or folds changed, and a λ move refits one point.
//!
//! Pure Rust, tested natively; the `web` module only wraps it for JavaScript.

mod ahead;
mod dataset;
mod edit;
mod handoff;
mod resample;
mod url;
mod view;
mod views;

use std::fmt;

use serde_json::{Map, Value};

pub use dataset::{default_choices, DataChoices, Dataset, Mode, Source, TestOrigin, TRAIN_COLUMN};
pub use edit::PointEdit;
pub use handoff::{Heavy, WORKER_COST, WORKER_TEXT_BYTES};
pub use resample::{Resampled, RESAMPLES};
pub use url::{query_to_patch, state_to_query, URL_VERSION};
pub use view::{RegionChoice, View, Q_RANGE};
pub use views::{
    format_number, preset_views, CvView, DataOptionsView, DetectedView, IssueView, KnotView, LoadReport, PathView,
    PresetView, ResultView, StateView, XMapView,
};

use crate::core::cv::{CrossValidation, DEFAULT_FOLDS};
use crate::core::data::{csv_cell, parse_with, DecimalMark, Delimiter, ParseIssue, ParseOptions, Table};
use crate::core::features::MAX_DEGREE;
use crate::core::lars::Knot;
use crate::core::model::{Fit, FitRequest, Penalty, ALPHA_RANGE};
use crate::core::path::Path;
use crate::core::presets::{self, Preset, PRESETS};
use crate::core::CoreError;
use ahead::Ahead;

/// The preset the explorer opens with.
pub const DEFAULT_PRESET: &str = "sin";
/// The penalty the explorer opens with.
pub const DEFAULT_PENALTY: Penalty = Penalty::Ridge;
/// λ the explorer opens with.
pub const DEFAULT_LAMBDA: f64 = 1e-3;
/// α the explorer opens with (used by elastic net).
pub const DEFAULT_ALPHA: f64 = 0.5;
/// The largest share of rows that can be held out for testing.
pub const MAX_TEST_FRACTION: f64 = 0.9;
/// The most folds offered.
pub const MAX_FOLDS: usize = 20;
/// The smallest and largest sample a synthetic preset draws.
pub const MIN_SAMPLE: usize = 5;
/// The largest sample a synthetic preset draws.
pub const MAX_SAMPLE: usize = 2_000;
/// The largest noise standard deviation of a synthetic preset.
pub const MAX_NOISE: f64 = 2.0;

/// Why a state change or data load was refused. The previous state stays in force.
#[derive(Debug, Clone, PartialEq)]
pub enum AppError {
    /// A field of the patch has the wrong type or an unknown value.
    Field {
        /// The field.
        key: String,
        /// What is wrong with it.
        message: String,
    },
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

/// What depends on the data and on (penalty, α, folds) but not on λ.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Analysis {
    /// Counts computations, so that tests can see when one is reused.
    generation: u64,
    penalty: Penalty,
    alpha: f64,
    folds: usize,
    path: Option<Path>,
    /// Test MSE per path point (empty without test rows).
    path_test_mse: Vec<f64>,
    knots: Vec<Knot>,
    cv: Option<CrossValidation>,
    notices: Vec<String>,
}

/// What is fitted: the penalty and its parameters, and the folds of cross-validation.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Settings {
    penalty: Penalty,
    lambda: f64,
    alpha: f64,
    folds: usize,
}

/// The complete explorer: state, data, model, path, cross-validation and fit.
#[derive(Debug, Clone)]
pub struct App {
    data: Dataset,
    penalty: Penalty,
    lambda: f64,
    alpha: f64,
    folds: usize,
    analysis: Analysis,
    fit: Fit,
    view: View,
    /// The point selected for editing (not part of the state: it is where the pointer is).
    selected: Option<usize>,
    /// Counts changes of the data source (a load, a preset, an edit).
    data_version: u64,
    /// Counts changes of what the expensive parts depend on: the data, its rows and features, the
    /// penalty, α and folds (not λ, not the view). Work handed to a worker at one revision is
    /// stale at any other.
    revision: u64,
    /// Fresh samples for bias and variance, when the view shows them.
    resampled: Option<Resampled>,
    /// Datasets and analyses worked out ahead or kept from before.
    ahead: Ahead,
}

fn get_str<'a>(patch: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, AppError> {
    match patch.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(other) => Err(field_error(key, format!("must be a string, not {other}"))),
    }
}

fn get_number(patch: &Map<String, Value>, key: &str) -> Result<Option<f64>, AppError> {
    let bad = |shown: String| field_error(key, format!("must be a finite number, not {shown}"));
    match patch.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| bad(n.to_string())),
        Some(Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| bad(format!("{:?}", s.chars().take(40).collect::<String>()))),
        Some(other) => Err(bad(other.to_string())),
    }
}

fn get_names(patch: &Map<String, Value>, key: &str) -> Result<Option<Vec<String>>, AppError> {
    match patch.get(key) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(field_error(
                    key,
                    format!("must be a list of column names, not one holding {other}"),
                )),
            })
            .collect::<Result<Vec<String>, AppError>>()
            .map(Some),
        Some(Value::String(s)) => Ok(Some(
            s.split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect(),
        )),
        Some(other) => Err(field_error(key, format!("must be a list of column names, not {other}"))),
    }
}

/// A preset's own column choices: polynomial on its x, or column mode on its features.
fn preset_choices(preset: &Preset, table: &Table) -> DataChoices {
    let mut choices = DataChoices {
        x: preset.x.into(),
        y: preset.y.into(),
        ..default_choices(table, preset.degree)
    };
    if !preset.features.is_empty() {
        choices.mode = Mode::Columns;
        choices.features = preset.features.iter().map(|f| f.to_string()).collect();
    }
    choices
}

fn parse(text: &str) -> Result<Table, AppError> {
    parse_with_options(text, ParseOptions::default())
}

fn parse_with_options(text: &str, options: ParseOptions) -> Result<Table, AppError> {
    parse_with(text, options)
        .map(|parsed| parsed.table)
        .map_err(AppError::Parse)
}

/// Reads {delimiter, decimal, header} ('auto' or missing: sniff) into parse options.
pub fn parse_options(value: &Value) -> Result<ParseOptions, AppError> {
    let Value::Object(map) = value else {
        return Err(field_error(
            "dataOptions",
            "must be an object like {delimiter: 'tab', decimal: 'comma', header: 'yes'}",
        ));
    };
    let delimiter = match get_str(map, "delimiter")? {
        None | Some("auto") => None,
        Some(name) => Some(Delimiter::from_name(name).ok_or_else(|| {
            field_error(
                "dataOptions.delimiter",
                format!("{name:?} is not 'auto', 'tab', 'semicolon', 'comma' or 'spaces'"),
            )
        })?),
    };
    let decimal = match get_str(map, "decimal")? {
        None | Some("auto") => None,
        Some(name) => Some(DecimalMark::from_name(name).ok_or_else(|| {
            field_error(
                "dataOptions.decimal",
                format!("{name:?} is not 'auto', 'point' or 'comma'"),
            )
        })?),
    };
    let header = match map.get("header") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) if s == "auto" => None,
        Some(Value::String(s)) if s == "yes" => Some(true),
        Some(Value::String(s)) if s == "no" => Some(false),
        Some(other) => {
            return Err(field_error(
                "dataOptions.header",
                format!("{other} is not 'auto', 'yes' or 'no'"),
            ))
        }
    };
    Ok(ParseOptions {
        delimiter,
        decimal,
        header,
    })
}

impl Analysis {
    fn compute(data: &Dataset, penalty: Penalty, alpha: f64, folds: usize, generation: u64) -> Analysis {
        #[cfg(test)]
        tests::COMPUTED.with(|count| count.set(count.get() + 1));
        let mut analysis = Analysis {
            generation,
            penalty,
            alpha,
            folds,
            path: None,
            path_test_mse: Vec::new(),
            knots: Vec::new(),
            cv: None,
            notices: Vec::new(),
        };
        if penalty == Penalty::Ols {
            return analysis;
        }
        let model = &data.model;
        let grid = model.lambda_grid(penalty.effective_alpha(alpha));
        match model.path(penalty, alpha, &grid) {
            Ok(path) => {
                if data.n_test() > 0 {
                    let (inputs, y) = &data.test;
                    // One pass over the test rows for the whole path.
                    analysis.path_test_mse = model
                        .mse_many(&path.coefficients, inputs, y)
                        .unwrap_or_else(|| vec![f64::NAN; path.coefficients.len()]);
                }
                analysis.path = Some(path);
            }
            Err(e) => analysis.notices.push(format!("No path: {e}.")),
        }
        if penalty == Penalty::Lasso {
            let lars = model.problem().lars_lasso();
            if !lars.complete {
                analysis
                    .notices
                    .push("The exact lasso path stops early here (collinear features or p > n).".into());
            }
            analysis.knots = lars.knots;
        }
        match data.cross_validate(penalty, alpha, &grid, folds) {
            Ok(cv) => analysis.cv = Some(cv),
            Err(e) => analysis.notices.push(format!("No cross-validation: {e}.")),
        }
        analysis
    }

    fn matches(&self, penalty: Penalty, alpha: f64, folds: usize) -> bool {
        self.penalty == penalty && self.folds == folds && (penalty != Penalty::ElasticNet || self.alpha == alpha)
    }

    /// The path point nearest λ, to warm-start a fit there.
    fn warm_start(&self, lambda: f64) -> Option<&[f64]> {
        let path = self.path.as_ref()?;
        let nearest = path
            .lambdas
            .iter()
            .enumerate()
            .min_by(|a, b| {
                (a.1.ln() - lambda.ln())
                    .abs()
                    .total_cmp(&(b.1.ln() - lambda.ln()).abs())
            })?
            .0;
        path.coefficients.get(nearest).map(Vec::as_slice)
    }
}

impl App {
    /// The explorer on the default preset.
    pub fn new() -> Result<App, AppError> {
        let preset =
            presets::find(DEFAULT_PRESET).ok_or_else(|| field_error("preset", "the default preset is missing"))?;
        let table = parse(preset.csv)?;
        let choices = preset_choices(preset, &table);
        let data = Dataset::build(Source::Preset(preset), table, choices)?;
        let settings = Settings {
            penalty: DEFAULT_PENALTY,
            lambda: DEFAULT_LAMBDA,
            alpha: DEFAULT_ALPHA,
            folds: DEFAULT_FOLDS,
        };
        Self::assemble(data, settings, 0, View::default())
    }

    /// Builds the analysis (unless a reusable one matches) and the fit, clamping λ.
    fn assemble(data: Dataset, settings: Settings, generation: u64, view: View) -> Result<App, AppError> {
        Self::assemble_with(data, settings, generation, view, None)
    }

    /// As [`App::assemble`], taking the analysis from `supplied` when it matches.
    fn assemble_with(
        data: Dataset,
        settings: Settings,
        generation: u64,
        view: View,
        supplied: Option<Analysis>,
    ) -> Result<App, AppError> {
        let (lambda, analysis, fit) = Self::settle(&data, settings, None, supplied, generation)?;
        let Settings {
            penalty, alpha, folds, ..
        } = settings;
        let analysis = analysis.ok_or_else(|| field_error("state", "no analysis was computed"))?;
        Ok(App {
            data,
            penalty,
            lambda,
            alpha,
            folds,
            analysis,
            fit,
            view,
            selected: None,
            data_version: 0,
            revision: 0,
            resampled: None,
            ahead: Ahead::default(),
        })
    }

    /// λ clamped to its range, the analysis (None when `reusable` matches and is kept) and the
    /// fit, warm-started from the nearest path point. Borrows the data: a λ move copies nothing.
    /// A new analysis is taken from `supplied` when that matches, and computed otherwise.
    fn settle(
        data: &Dataset,
        settings: Settings,
        reusable: Option<&Analysis>,
        supplied: Option<Analysis>,
        generation: u64,
    ) -> Result<(f64, Option<Analysis>, Fit), AppError> {
        let Settings {
            penalty,
            lambda,
            alpha,
            folds,
        } = settings;
        let (hi, lo) = data.model.lambda_range(penalty.effective_alpha(alpha));
        let lambda = lambda.clamp(lo, hi);
        let request = FitRequest { penalty, lambda, alpha }.check()?;
        match reusable.filter(|a| a.matches(penalty, alpha, folds)) {
            Some(kept) => Ok((lambda, None, data.model.fit(request, kept.warm_start(lambda)))),
            None => {
                let analysis = match supplied.filter(|a| a.matches(penalty, alpha, folds)) {
                    Some(handed) => Analysis { generation, ..handed },
                    None => Analysis::compute(data, penalty, alpha, folds, generation),
                };
                let fit = data.model.fit(request, analysis.warm_start(lambda));
                Ok((lambda, Some(analysis), fit))
            }
        }
    }

    /// The state snapshot.
    pub fn state(&self) -> StateView {
        self.state_view(true)
    }

    /// The state snapshot, with the pasted text only if `with_data` (copying megabytes of text
    /// that the caller drops would be wasted).
    pub fn state_view(&self, with_data: bool) -> StateView {
        let (preset, data) = match &self.data.source {
            Source::Preset(p) => (Some(p.name.to_string()), None),
            Source::Pasted { text, .. } => (None, with_data.then(|| text.clone())),
        };
        let data_options = match &self.data.source {
            Source::Pasted { options, .. } => Some(DataOptionsView {
                delimiter: options.delimiter.map_or("auto", |d| d.name()),
                decimal: options.decimal.map_or("auto", |d| d.name()),
                header: options.header.map_or("auto", |h| if h { "yes" } else { "no" }),
            }),
            Source::Preset(_) => None,
        };
        let choices = &self.data.choices;
        StateView {
            preset,
            data,
            data_options,
            mode: choices.mode.name(),
            x: choices.x.clone(),
            y: choices.y.clone(),
            features: choices.features.clone(),
            degree: choices.degree,
            penalty: self.penalty.name(),
            lambda: self.lambda,
            alpha: self.alpha,
            folds: self.folds,
            test_fraction: choices.test_fraction,
            seed: choices.seed,
            path_axis: self.view.path_axis.name(),
            // Only a chosen pair is state: the default follows the penalty and the data.
            pair: self.view.pair.clone().map(|(a, b)| [a, b]),
            lens: self.view.lens.name(),
            region: match self.view.region {
                RegionChoice::Penalty => "penalty",
                RegionChoice::Lq => "lq",
            },
            q: self.view.q,
            show_test: self.view.show_test,
            show_truth: self.view.show_truth,
            show_ols: self.view.show_ols,
            show_resamples: self.view.show_resamples,
            n: match &self.data.source {
                Source::Preset(p) if p.truth.is_some() => Some(self.data.table.n_rows()),
                _ => None,
            },
            noise: match &self.data.source {
                Source::Preset(p) => p.truth.map(|t| choices.noise.unwrap_or(t.noise)),
                Source::Pasted { .. } => None,
            },
        }
    }

    /// Merges a patch into the state: every field is checked first, and on any error nothing
    /// changes. Numbers are clamped to their ranges; unknown keys are ignored.
    pub fn set_state(&mut self, patch: &Value) -> Result<(), AppError> {
        self.set_state_with(patch, None)
    }

    /// As [`App::set_state`], taking the reduced problem and the analysis from `heavy` (computed
    /// by an App in a worker from the same state and patch) wherever they match this data.
    pub fn set_state_with(&mut self, patch: &Value, heavy: Option<Heavy>) -> Result<(), AppError> {
        self.apply(patch, heavy, None)
    }

    /// The one way the state changes: `patch` applied to the data `table` (read elsewhere from a
    /// new source) or, without one, to the data the patch names or the current data. Checks
    /// everything before changing anything.
    fn apply(
        &mut self,
        patch: &Value,
        heavy: Option<Heavy>,
        table: Option<(Source, Table, DataChoices)>,
    ) -> Result<(), AppError> {
        let Value::Object(patch) = patch else {
            return Err(field_error("state", "must be an object"));
        };
        let adopted = table.is_some();
        // 1. Data: a table read elsewhere, a preset or pasted text. A new table brings default
        // column choices.
        let mut source: Option<(Source, Table, DataChoices)> = table;
        if adopted {
            if let Some(key) = ["preset", "data", "dataOptions"].into_iter().find(|k| patch.contains_key(*k)) {
                return Err(field_error(key, "cannot change along with data read elsewhere"));
            }
        } else if let Some(name) = get_str(patch, "preset")? {
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
            let table = parse(preset.csv)?;
            let choices = preset_choices(preset, &table);
            source = Some((Source::Preset(preset), table, choices));
        }
        let current_options = match &self.data.source {
            Source::Pasted { options, .. } => *options,
            Source::Preset(_) => ParseOptions::default(),
        };
        let options = match patch.get("dataOptions") {
            None => None,
            Some(value) => Some(parse_options(value)?),
        };
        match (get_str(patch, "data")?, options, &self.data.source) {
            _ if adopted => {}
            (Some(text), options, _) => {
                let options = options.unwrap_or_default();
                let table = parse_with_options(text, options)?;
                let choices = default_choices(&table, self.data.choices.degree);
                source = Some((
                    Source::Pasted {
                        text: text.to_string(),
                        options,
                    },
                    table,
                    choices,
                ));
            }
            // New options re-read the text already loaded.
            (None, Some(options), Source::Pasted { text, .. }) if options != current_options => {
                let table = parse_with_options(text, options)?;
                let choices = default_choices(&table, self.data.choices.degree);
                source = Some((
                    Source::Pasted {
                        text: text.clone(),
                        options,
                    },
                    table,
                    choices,
                ));
            }
            _ => {}
        }
        // 2. Column, row and degree choices.
        let old = &self.data.choices;
        let (new_source, new_table, mut choices) = match source {
            Some((s, t, c)) => (Some(s), Some(t), c),
            None => (None, None, old.clone()),
        };
        if new_source.is_some() && !adopted {
            choices.test_fraction = old.test_fraction;
        }
        if let Some(mode) = get_str(patch, "mode")? {
            choices.mode = match mode {
                "polynomial" => Mode::Polynomial,
                "columns" => Mode::Columns,
                other => {
                    return Err(field_error(
                        "mode",
                        format!("{other:?} is not 'polynomial' or 'columns'"),
                    ))
                }
            };
        }
        if let Some(x) = get_str(patch, "x")? {
            choices.x = x.to_string();
        }
        if let Some(y) = get_str(patch, "y")? {
            choices.y = y.to_string();
            if get_names(patch, "features")?.is_none() {
                choices.features.retain(|f| f != y);
            }
        }
        if let Some(features) = get_names(patch, "features")? {
            choices.features = features;
        }
        if let Some(degree) = get_number(patch, "degree")? {
            choices.degree = degree.round().clamp(1.0, MAX_DEGREE as f64) as usize;
        }
        if let Some(fraction) = get_number(patch, "testFraction")? {
            choices.test_fraction = fraction.clamp(0.0, MAX_TEST_FRACTION);
        }
        if let Some(seed) = get_number(patch, "seed")? {
            choices.seed = seed.abs().min(u32::MAX as f64).round() as u64;
        }
        if let Some(n) = get_number(patch, "n")? {
            choices.n = Some(n.round().clamp(MIN_SAMPLE as f64, MAX_SAMPLE as f64) as usize);
        }
        if let Some(noise) = get_number(patch, "noise")? {
            choices.noise = Some(noise.clamp(0.0, MAX_NOISE));
        }
        let new_source_given = new_source.is_some();
        let rebuild = new_source_given || choices != *old;
        // Data worked out ahead serves a change of choices on the same source.
        let kept = if rebuild && !new_source_given && heavy.is_none() {
            self.ahead.take_dataset(self.data_version, &choices)
        } else {
            None
        };
        let data = match kept {
            Some(data) => Some(data),
            None if rebuild => {
                let source = new_source.unwrap_or_else(|| self.data.source.clone());
                let table = new_table.unwrap_or_else(|| self.data.table.clone());
                let supplied = heavy.as_ref().map(|h| &h.prepared);
                Some(Dataset::build_with(source, table, choices, supplied)?)
            }
            None => None,
        };
        // 3. Penalty and its parameters.
        let penalty = match get_str(patch, "penalty")? {
            Some(name) => Penalty::from_name(name)?,
            None => self.penalty,
        };
        let alpha = get_number(patch, "alpha")?.map_or(self.alpha, |a| a.clamp(ALPHA_RANGE.0, ALPHA_RANGE.1));
        let folds = get_number(patch, "folds")?.map_or(self.folds, |k| k.round().clamp(2.0, MAX_FOLDS as f64) as usize);
        let lambda = get_number(patch, "lambda")?.unwrap_or(self.lambda);
        let generation = self.analysis.generation + 1;
        let settings = Settings {
            penalty,
            lambda,
            alpha,
            folds,
        };
        match data {
            Some(data) => {
                let view = self.view.patched(patch, &data.model.design().names)?;
                let data_version = self.data_version + u64::from(new_source_given);
                let supplied = match heavy {
                    Some(h) => h.analysis_for(&data),
                    None => self
                        .ahead
                        .take_analysis(data_version, &data.choices, (penalty, alpha, folds)),
                };
                let revision = self.revision;
                let next = Self::assemble_with(data, settings, generation, view, supplied)?;
                let App {
                    data: old_data,
                    analysis: old_analysis,
                    mut ahead,
                    ..
                } = std::mem::replace(self, next);
                self.data_version = data_version;
                self.revision = revision + 1;
                // The data left behind may be wanted again (a degree down and back up).
                if !new_source_given {
                    ahead.keep_analysis(data_version, old_data.choices.clone(), old_analysis);
                    ahead.keep_dataset(data_version, old_data);
                }
                self.ahead = ahead;
            }
            None => {
                // Same data: settle in place, reusing the path and CV when they still match, or
                // taking them from the work done ahead.
                let view = self.view.patched(patch, &self.data.model.design().names)?;
                let supplied = match heavy {
                    Some(h) => h.analysis_for(&self.data),
                    None if !self.analysis.matches(penalty, alpha, folds) => {
                        self.ahead
                            .take_analysis(self.data_version, &self.data.choices, (penalty, alpha, folds))
                    }
                    None => None,
                };
                let (lambda, analysis, fit) =
                    Self::settle(&self.data, settings, Some(&self.analysis), supplied, generation)?;
                self.penalty = penalty;
                self.alpha = alpha;
                self.folds = folds;
                self.lambda = lambda;
                if let Some(analysis) = analysis {
                    self.revision += 1;
                    let old = std::mem::replace(&mut self.analysis, analysis);
                    self.ahead
                        .keep_analysis(self.data_version, self.data.choices.clone(), old);
                }
                self.fit = fit;
                self.view = view;
                self.selected = None;
            }
        }
        self.update_resamples();
        Ok(())
    }

    /// Parses pasted text and, if it is good, makes it the data. On failure nothing changes.
    pub fn load_data(&mut self, text: &str, options: ParseOptions) -> LoadReport {
        let failed = |errors: Vec<IssueView>| LoadReport {
            ok: false,
            rows: 0,
            columns: Vec::new(),
            warnings: Vec::new(),
            errors,
            detected: None,
        };
        let parsed = match parse_with(text, options) {
            Ok(p) => p,
            Err(issues) => return failed(issues.into_iter().map(IssueView::from).collect()),
        };
        let detected = DetectedView {
            delimiter: parsed.delimiter.name(),
            decimal: parsed.decimal.name(),
            header: parsed.header,
            skipped_lines: parsed.skipped_lines,
            dropped_lines: parsed.dropped_lines.clone(),
        };
        let mut warnings = parsed.warnings;
        let rows = parsed.table.n_rows();
        let columns = parsed.table.names.clone();
        let choices = default_choices(&parsed.table, self.data.choices.degree);
        let others: Vec<&str> = columns
            .iter()
            .filter(|n| **n != choices.x && **n != choices.y && !n.eq_ignore_ascii_case(TRAIN_COLUMN))
            .map(String::as_str)
            .collect();
        if !others.is_empty() {
            warnings.push(format!(
                "using {:?} as x and {:?} as y; the other columns ({}) are kept and can be chosen instead",
                choices.x,
                choices.y,
                others.join(", ")
            ));
        }
        match self.adopt_table(text, options, parsed.table, &Value::Object(Map::new()), None) {
            Ok(()) => LoadReport {
                ok: true,
                rows,
                columns,
                warnings,
                errors: Vec::new(),
                detected: Some(detected),
            },
            Err(e) => failed(vec![IssueView {
                line: 0,
                column: 0,
                message: e.to_string(),
            }]),
        }
    }

    /// Makes a parsed table the data (`text` and `options` are what it was read from), then
    /// applies `then` (choices for the new data: columns, degree, penalty…; an empty object for
    /// none), taking the expensive parts from `heavy` where they match. One step: nothing is
    /// computed for the data's default choices on the way. On failure nothing changes.
    pub fn adopt_table(
        &mut self,
        text: &str,
        options: ParseOptions,
        table: Table,
        then: &Value,
        heavy: Option<Heavy>,
    ) -> Result<(), AppError> {
        let mut choices = default_choices(&table, self.data.choices.degree);
        choices.seed = self.data.choices.seed;
        let source = Source::Pasted {
            text: text.to_string(),
            options,
        };
        self.apply(then, heavy, Some((source, table, choices)))
    }

    /// The current coefficients as formula-safe CSV: term, standardized w, raw-basis coefficient.
    pub fn coefficients_csv(&self) -> String {
        let result = self.result();
        let mut out = String::from("term,standardized,coefficient\n");
        out.push_str(&format!(
            "intercept,{},{}\n",
            result.intercept_standardized, result.intercept
        ));
        for ((name, w), b) in result
            .feature_names
            .iter()
            .zip(&result.standardized_coefficients)
            .zip(&result.coefficients)
        {
            out.push_str(&format!("{},{w},{b}\n", csv_cell(name, true)));
        }
        out
    }

    /// The path as formula-safe CSV: λ, df, nonzero count, train MSE, test MSE (empty without test
    /// rows), then each standardized coefficient. Only the header without a path (OLS).
    pub fn path_csv(&self) -> String {
        let names = &self.data.model.design().names;
        let mut out = String::from("lambda,df,nonzero,train_mse,test_mse");
        for name in names {
            out.push(',');
            out.push_str(&csv_cell(name, true));
        }
        out.push('\n');
        if let Some(path) = &self.analysis.path {
            for (k, lambda) in path.lambdas.iter().enumerate() {
                let number = |v: Option<&f64>| v.map_or(String::new(), |v| v.to_string());
                let mut row = vec![
                    lambda.to_string(),
                    number(path.df.get(k)),
                    path.nonzero.get(k).map_or(String::new(), usize::to_string),
                    number(path.train_mse.get(k)),
                    number(self.analysis.path_test_mse.get(k)),
                ];
                row.extend(
                    path.coefficients
                        .get(k)
                        .map(|w| w.iter().map(f64::to_string).collect::<Vec<_>>())
                        .unwrap_or_default(),
                );
                out.push_str(&row.join(","));
                out.push('\n');
            }
        }
        out
    }

    /// Counts changes of the data source: equal versions mean the same data.
    pub fn data_version(&self) -> u64 {
        self.data_version
    }

    /// Counts changes of the data, rows, features, penalty, α and folds: what a worker's result
    /// was computed from. A result for an older revision must not be taken on.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The data's columns, one after another (column-major), to hand the parsed table over.
    pub fn table_columns(&self) -> Vec<f64> {
        self.data.table.columns.concat()
    }

    /// The data's column names.
    pub fn table_names(&self) -> &[String] {
        &self.data.table.names
    }

    /// The first `limit` rows of the data, row by row, and how many rows there are in all.
    pub fn table_rows(&self, limit: usize) -> (Vec<Vec<f64>>, usize) {
        let table = &self.data.table;
        let rows = (0..table.n_rows().min(limit))
            .map(|i| {
                table
                    .columns
                    .iter()
                    .map(|c| c.get(i).copied().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        (rows, table.n_rows())
    }

    /// The data in use, every column, as formula-safe CSV.
    pub fn data_csv(&self) -> String {
        self.data.table.to_csv()
    }

    /// The current model as a read-only snapshot.
    pub fn result(&self) -> ResultView {
        views::result(self)
    }

    /// λ at a slider position in [0, 1]: 0 is the grid's smallest λ, 1 its largest, log-spaced.
    pub fn lambda_at(&self, position: f64) -> f64 {
        let (hi, lo) = self.lambda_range();
        let t = if position.is_finite() {
            position.clamp(0.0, 1.0)
        } else {
            0.0
        };
        (lo.ln() + t * (hi.ln() - lo.ln())).exp().clamp(lo, hi)
    }

    /// The slider position in [0, 1] of the current λ.
    pub fn lambda_position(&self) -> f64 {
        self.position_of(self.lambda)
    }

    /// The slider position in [0, 1] of any λ (clamped to the range).
    pub fn position_of(&self, lambda: f64) -> f64 {
        let (hi, lo) = self.lambda_range();
        let span = hi.ln() - lo.ln();
        if span > 0.0 && lambda > 0.0 && lambda.is_finite() {
            ((lambda.ln() - lo.ln()) / span).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The λ range (largest, smallest) for the current penalty and α.
    fn lambda_range(&self) -> (f64, f64) {
        self.data.model.lambda_range(self.penalty.effective_alpha(self.alpha))
    }
}

#[cfg(test)]
mod tests;

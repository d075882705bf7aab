//! The explorer's state and its one direction of flow: a state patch is validated whole, the
//! model is rebuilt only if the data or features changed, the path and cross-validation are
//! recomputed only if the penalty, α or folds changed, and a λ move refits one point.
//!
//! Pure Rust, tested natively; the `web` module only wraps it for JavaScript.

mod ahead;
mod analysis;
mod dataset;
mod edit;
mod export;
mod fields;
mod handoff;
mod patch;
mod resample;
mod snapshot;
mod texts;
mod url;
mod view;

use std::fmt;

use serde_json::Value;

pub use crate::format::{format_count, format_number};
pub use dataset::{default_choices, DataChoices, Dataset, Mode, Source, TestOrigin, TRAIN_COLUMN};
pub use edit::PointEdit;
pub use fields::{
    by_attribute, by_url, field, schema_json, Choice, Field, Initial, Kind, OptionPart, Range, Scale, Weight, CONTROLS,
    DATA_OPTIONS, FIELDS, THEMES,
};
pub use handoff::{Heavy, WORKER_COST, WORKER_TEXT_BYTES};
pub use patch::{attribute_patch, attributes_of, given_fields, normalize_patch, options_json, parse_options, Patch};
pub use resample::{Resampled, RESAMPLES};
pub use snapshot::{
    preset_views, CvView, DataOptionsView, DetectedView, IssueView, KnotView, LoadReport, PathView, PresetView,
    ResultView, StateView, XMapView,
};
pub use texts::{file_too_large, kept_text_note, load_summary, CoefficientRow, TextsView};
pub use url::{
    link_query, patch_to_query, query_to_patch, read_link, state_link_query, state_to_query, Link, LinkKeys, LinkLook,
    LINK_KEYS, URL_VERSION,
};
pub use view::{CornerState, RegionChoice, View, Q_RANGE};

use crate::core::cv::DEFAULT_FOLDS;
use crate::core::data::{parse_with, ParseIssue, ParseOptions, Table};
use crate::core::model::{Fit, FitRequest, Penalty};
use crate::core::presets::{self, Preset};
use crate::core::CoreError;
use crate::scene::FitFrame;
use ahead::Ahead;
use analysis::Analysis;
use patch::set_given;

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
    /// The fit panel's frame, held while a pointer edits the points (see
    /// [`App::hold_fit_frame`]; not part of the state either). Every App a rebuild of the data set
    /// makes starts without one: only the gesture's own edit keeps it ([`App::edit_points`]).
    fit_hold: Option<FitFrame>,
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

/// `view` with the patch's view fields applied; a preset being opened brings its pair (or the
/// default pair) unless the patch chooses one.
fn taught_view(view: &View, patch: &Patch, opened: Option<&Preset>, names: &[String]) -> Result<View, AppError> {
    match opened {
        Some(preset) if patch.pair.is_none() => {
            let pair = preset
                .pair
                .filter(|(a, b)| names.iter().any(|n| n == a) && names.iter().any(|n| n == b))
                .map(|(a, b)| (a.to_string(), b.to_string()));
            let taught = Patch {
                pair: Some(pair),
                ..patch.clone()
            };
            view.patched(&taught, names)
        }
        _ => view.patched(patch, names),
    }
}

fn parse(text: &str) -> Result<Table, AppError> {
    parse_with_options(text, ParseOptions::default())
}

fn parse_with_options(text: &str, options: ParseOptions) -> Result<Table, AppError> {
    parse_with(text, options)
        .map(|parsed| parsed.table)
        .map_err(AppError::Parse)
}

impl App {
    /// The explorer on the default preset.
    pub fn new() -> Result<App, AppError> {
        let preset = presets::find(DEFAULT_PRESET)
            .ok_or_else(|| field_error(fields::name_of_kind("preset"), "the default preset is missing"))?;
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
            fit_hold: None,
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
            Source::Pasted { options, .. } => Some(DataOptionsView::from(*options)),
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
            view: self.view.clone(),
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

    /// Merges a JSON patch into the state: every field is checked first, and on any error nothing
    /// changes. Numbers are clamped to their ranges; unknown keys are ignored (see
    /// [`Patch::from_json`]).
    pub fn set_state(&mut self, patch: &Value) -> Result<(), AppError> {
        self.set_state_with(patch, None)
    }

    /// As [`App::set_state`], taking the reduced problem and the analysis from `heavy` (computed
    /// by an App in a worker from the same state and patch) wherever they match this data.
    pub fn set_state_with(&mut self, patch: &Value, heavy: Option<Heavy>) -> Result<(), AppError> {
        self.apply(&Patch::from_json(patch)?, heavy, None)
    }

    /// The one way the state changes: `patch` applied to the data `table` (read elsewhere from a
    /// new source; the patch's own data fields are then not looked at) or, without one, to the
    /// data the patch names or the current data. Checks everything before changing anything.
    fn apply(
        &mut self,
        patch: &Patch,
        heavy: Option<Heavy>,
        table: Option<(Source, Table, DataChoices)>,
    ) -> Result<(), AppError> {
        let adopted = table.is_some();
        // 1. Data: a table read elsewhere, a preset or pasted text. A new table brings default
        // column choices.
        let mut source: Option<(Source, Table, DataChoices)> = table;
        if let (false, Some(preset)) = (adopted, patch.preset) {
            let table = parse(preset.csv)?;
            let choices = preset_choices(preset, &table);
            source = Some((Source::Preset(preset), table, choices));
        }
        let current_options = match &self.data.source {
            Source::Pasted { options, .. } => *options,
            Source::Preset(_) => ParseOptions::default(),
        };
        // Pasted text, or new options that re-read the text already loaded.
        let reread = match (&patch.data, patch.data_options, &self.data.source) {
            _ if adopted => None,
            (Some(text), options, _) => Some((text, options.unwrap_or_default())),
            (None, Some(options), Source::Pasted { text, .. }) if options != current_options => Some((text, options)),
            _ => None,
        };
        if let Some((text, options)) = reread {
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
        // 2. Column, row and degree choices.
        let old = &self.data.choices;
        let (new_source, new_table, mut choices) = match source {
            Some((s, t, c)) => (Some(s), Some(t), c),
            None => (None, None, old.clone()),
        };
        if new_source.is_some() && !adopted {
            choices.test_fraction = old.test_fraction;
        }
        set_given(&mut choices.mode, &patch.mode);
        set_given(&mut choices.x, &patch.x);
        if let Some(y) = &patch.y {
            choices.y = y.clone();
            if patch.features.is_none() {
                choices.features.retain(|f| f != y);
            }
        }
        set_given(&mut choices.features, &patch.features);
        set_given(&mut choices.degree, &patch.degree);
        set_given(&mut choices.test_fraction, &patch.test_fraction);
        set_given(&mut choices.seed, &patch.seed);
        choices.n = patch.n.or(choices.n);
        choices.noise = patch.noise.or(choices.noise);
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
        // 3. Penalty and its parameters. A preset opens at its teaching state (penalty, λ and
        // pair; its degree came with its choices), where the patch does not say otherwise.
        let opened = patch.preset.filter(|_| !adopted);
        let penalty = patch.penalty.or(opened.map(|p| p.penalty)).unwrap_or(self.penalty);
        let alpha = patch.alpha.unwrap_or(self.alpha);
        let folds = patch.folds.unwrap_or(self.folds);
        let lambda = patch.lambda.or(opened.map(|p| p.lambda)).unwrap_or(self.lambda);
        let generation = self.analysis.generation + 1;
        let settings = Settings {
            penalty,
            lambda,
            alpha,
            folds,
        };
        match data {
            Some(data) => {
                let view = taught_view(&self.view, patch, opened, &data.model.design().names)?;
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
                // `next` holds no fit frame: one held for the points before would misplace these.
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
                let view = taught_view(&self.view, patch, opened, &self.data.model.design().names)?;
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
        let failed = |errors: Vec<IssueView>| LoadReport::failed(errors);
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
        match self.adopt_table(text, options, parsed.table, &Value::Object(Default::default()), None) {
            Ok(()) => LoadReport::read(rows, columns, warnings, detected),
            Err(e) => failed(vec![IssueView::new(0, 0, e.to_string())]),
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
        // The data comes with the table: a patch that brings its own is refused.
        if let Some(field) = given_fields(then).find(|f| f.weight == Weight::Data) {
            return Err(field_error(field.name, "cannot change along with data read elsewhere"));
        }
        let then = Patch::from_json(then)?;
        let mut choices = default_choices(&table, self.data.choices.degree);
        choices.seed = self.data.choices.seed;
        let source = Source::Pasted {
            text: text.to_string(),
            options,
        };
        self.apply(&then, heavy, Some((source, table, choices)))
    }

    /// What the panels show.
    pub fn view(&self) -> &View {
        &self.view
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

    /// The current model as a read-only snapshot.
    pub fn result(&self) -> ResultView {
        snapshot::result(self)
    }

    /// λ at a slider position in [0, 1]: 0 is the grid's largest λ, 1 its smallest, log-spaced.
    pub fn lambda_at(&self, position: f64) -> f64 {
        let (hi, lo) = self.lambda_range();
        let t = if position.is_finite() {
            position.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // Position 0 is the largest λ: the slider runs the way every λ axis does (λ falling to
        // the right: more regularization on the left, less on the right).
        (hi.ln() - t * (hi.ln() - lo.ln())).exp().clamp(lo, hi)
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
            ((hi.ln() - lambda.ln()) / span).clamp(0.0, 1.0)
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

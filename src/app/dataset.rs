//! The data in use: where it came from, which columns play which part, which rows train and
//! which test, and the model built on the training rows.

use std::sync::{Mutex, PoisonError};

use crate::core::cv::{fold_count, CrossValidation, Folds};
use crate::core::data::{ParseOptions, Table};
use crate::core::error::CoreError;
use crate::core::features::{Inputs, MAX_DEGREE};
use crate::core::model::{Model, Penalty, Prepared};
use crate::core::presets::{self, Preset, TEST_SAMPLE_SIZE};

use super::AppError;

/// Keeps the test sample's random stream apart from the training sample's.
const TEST_SEED_OFFSET: u64 = 1_000_003;

/// The name of the optional column that marks training rows (1) and test rows (0).
pub const TRAIN_COLUMN: &str = "train";

/// Where the data came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A shipped preset.
    Preset(&'static Preset),
    /// Text the user pasted or loaded, and how it was read.
    Pasted {
        /// The text, exactly as given.
        text: String,
        /// The delimiter, decimal mark and header choices (None: sniffed).
        options: ParseOptions,
    },
}

impl Source {
    /// The synthetic preset whose true function made the rows, if any.
    pub fn truth(&self) -> Option<&'static Preset> {
        match self {
            Source::Preset(preset) => Some(*preset).filter(|p| p.truth.is_some()),
            Source::Pasted { text, .. } => presets::edited_from(text),
        }
    }
}

/// Polynomial in one x column, or a linear model on several columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Features z, …, z^degree of one x column.
    Polynomial,
    /// The chosen numeric columns as features.
    Columns,
}

impl Mode {
    /// 'polynomial' or 'columns'.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Polynomial => "polynomial",
            Mode::Columns => "columns",
        }
    }
}

/// Everything that decides the rows and features: a change here rebuilds the model.
#[derive(Debug, Clone, PartialEq)]
pub struct DataChoices {
    /// Polynomial or columns.
    pub mode: Mode,
    /// The x column (polynomial mode).
    pub x: String,
    /// The response column.
    pub y: String,
    /// The feature columns (column mode).
    pub features: Vec<String>,
    /// The polynomial degree, 1..=20.
    pub degree: usize,
    /// The share of rows held out for testing when there is no train column, in [0, 0.9].
    pub test_fraction: f64,
    /// Seeds the held-out rows and the synthetic samples.
    pub seed: u64,
    /// A synthetic preset's sample size (None: the shipped sample's).
    pub n: Option<usize>,
    /// A synthetic preset's noise standard deviation (None: the shipped sample's).
    pub noise: Option<f64>,
}

/// Where the test rows come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestOrigin {
    /// There are none.
    None,
    /// Rows marked 0 in the train column.
    TrainColumn,
    /// A seeded share of the rows.
    Fraction,
    /// A fresh sample from a synthetic preset's true function.
    Synthetic,
}

/// The data, the choices, and the model on the training rows.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Where it came from.
    pub source: Source,
    /// The parsed table, every column kept.
    pub table: Table,
    /// Column and row choices.
    pub choices: DataChoices,
    /// The model on the training rows.
    pub model: Model,
    /// Test inputs and responses (may be empty).
    pub test: (Inputs, Vec<f64>),
    /// Where the test rows came from.
    pub test_origin: TestOrigin,
    /// The training rows' x and y (polynomial mode) or fitted-vs-observed pairs' y (column mode), for drawing.
    pub train_xy: (Vec<f64>, Vec<f64>),
    /// Things the user should know about this data.
    pub notices: Vec<String>,
    /// The cross-validation fold models, built on first use and kept while the data and
    /// features stay (a penalty, α or λ change reuses them).
    pub folds: FoldCache,
}

/// Fold models kept for reuse (a cache: a clone starts empty).
#[derive(Debug, Default)]
pub struct FoldCache(Mutex<Option<Folds>>);

impl Clone for FoldCache {
    fn clone(&self) -> FoldCache {
        FoldCache::default()
    }
}

fn field(key: &str, message: String) -> AppError {
    AppError::Field {
        key: key.to_string(),
        message,
    }
}

fn column<'a>(table: &'a Table, key: &str, name: &str) -> Result<&'a [f64], AppError> {
    table.column(name).ok_or_else(|| {
        field(
            key,
            format!("no column named {:?}; the columns are {}", name, table.names.join(", ")),
        )
    })
}

/// The default choices for a table: columns named x and y, else the first two (never the train
/// column), and every other column as a feature.
pub fn default_choices(table: &Table, degree: usize) -> DataChoices {
    let usable: Vec<&String> = table
        .names
        .iter()
        .filter(|n| !n.eq_ignore_ascii_case(TRAIN_COLUMN))
        .collect();
    let has = |name: &str| usable.iter().any(|n| *n == name);
    let first = usable.first().map(|s| s.to_string()).unwrap_or_default();
    let second = usable.get(1).map(|s| s.to_string()).unwrap_or_default();
    let x = if has("x") { "x".to_string() } else { first.clone() };
    let y = if has("y") {
        "y".to_string()
    } else {
        usable
            .last()
            .map(|s| s.to_string())
            .filter(|last| *last != x)
            .unwrap_or(if x == second { first } else { second })
    };
    let features = usable.iter().filter(|n| **n != &y).map(|s| s.to_string()).collect();
    DataChoices {
        mode: Mode::Polynomial,
        x,
        y,
        features,
        degree,
        test_fraction: 0.0,
        seed: 0,
        n: None,
        noise: None,
    }
}

impl Dataset {
    /// Splits the rows, builds the inputs and fits nothing yet: the model is ready to fit.
    pub fn build(source: Source, table: Table, choices: DataChoices) -> Result<Dataset, AppError> {
        Self::build_with(source, table, choices, None)
    }

    /// As [`Dataset::build`], taking the design and reduced problem from `supplied` when they fit (see
    /// [`Model::new_with`]).
    pub fn build_with(
        source: Source,
        table: Table,
        choices: DataChoices,
        supplied: Option<&Prepared>,
    ) -> Result<Dataset, AppError> {
        // A synthetic preset draws a new training sample when its size, noise or seed is changed,
        // always over the shipped table's x-range: the table at hand may be an earlier sample, whose
        // range differs in the last bits, so that the same state would give other data.
        let table = match &source {
            Source::Preset(preset) if preset.truth.is_some() => {
                let shipped = crate::core::data::parse_with(preset.csv, ParseOptions::default())
                    .map(|parsed| parsed.table)
                    .unwrap_or_else(|_| table.clone());
                let shipped_x = shipped.column(preset.x).unwrap_or(&[]);
                let differs = choices.seed != 0
                    || choices.n.is_some_and(|n| n != shipped_x.len())
                    || choices
                        .noise
                        .is_some_and(|v| preset.truth.is_some_and(|t| v != t.noise));
                if differs {
                    let lo = shipped_x.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = shipped_x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let count = choices.n.unwrap_or(shipped_x.len());
                    let noise = choices.noise.or(preset.truth.map(|t| t.noise)).unwrap_or(0.0);
                    presets::training_sample(preset, (lo, hi), count, noise, choices.seed).unwrap_or(table)
                } else {
                    shipped
                }
            }
            _ => table,
        };
        let n = table.n_rows();
        let y_all = column(&table, "y", &choices.y)?;
        if !(1..=MAX_DEGREE).contains(&choices.degree) {
            return Err(field(
                "degree",
                format!("{} is outside 1..={MAX_DEGREE}", choices.degree),
            ));
        }
        let mut notices = Vec::new();
        // Training and test rows.
        let train_column = table.names.iter().find(|name| name.eq_ignore_ascii_case(TRAIN_COLUMN));
        let (train_rows, test_rows, mut test_origin) = match train_column {
            Some(name) => {
                let flags = column(&table, TRAIN_COLUMN, name)?;
                if let Some((i, v)) = flags.iter().enumerate().find(|(_, &v)| v != 0.0 && v != 1.0) {
                    return Err(field(
                        TRAIN_COLUMN,
                        format!(
                            "the {name:?} column must hold 0 (test) or 1 (train); data row {} holds {v}",
                            i + 1
                        ),
                    ));
                }
                let rows_where = |flag: f64| {
                    flags
                        .iter()
                        .enumerate()
                        .filter(|(_, &v)| v == flag)
                        .map(|(i, _)| i)
                        .collect()
                };
                let (train, test): (Vec<usize>, Vec<usize>) = (rows_where(1.0), rows_where(0.0));
                (train, test, TestOrigin::TrainColumn)
            }
            None if choices.test_fraction > 0.0 => {
                let held = ((choices.test_fraction.min(0.9) * n as f64).round() as usize).min(n.saturating_sub(2));
                let mut order: Vec<usize> = (0..n).collect();
                fastrand::Rng::with_seed(choices.seed).shuffle(&mut order);
                let mut test: Vec<usize> = order.into_iter().take(held).collect();
                test.sort_unstable();
                let train = (0..n).filter(|i| test.binary_search(i).is_err()).collect();
                (
                    train,
                    test,
                    if held > 0 {
                        TestOrigin::Fraction
                    } else {
                        TestOrigin::None
                    },
                )
            }
            None => ((0..n).collect(), Vec::new(), TestOrigin::None),
        };
        if train_rows.is_empty() {
            return Err(field(
                TRAIN_COLUMN,
                "no training rows: mark at least one row with train = 1".to_string(),
            ));
        }
        let pick = |values: &[f64], rows: &[usize]| {
            rows.iter()
                .filter_map(|&i| values.get(i).copied())
                .collect::<Vec<f64>>()
        };
        let y_train = pick(y_all, &train_rows);
        let (inputs, test, train_xy) = match choices.mode {
            Mode::Polynomial => {
                if choices.x == choices.y {
                    return Err(field(
                        "x",
                        format!("x and y are both {:?}; choose two different columns", choices.x),
                    ));
                }
                let x_all = column(&table, "x", &choices.x)?;
                let x_train = pick(x_all, &train_rows);
                let mut test_x = pick(x_all, &test_rows);
                let mut test_y = pick(y_all, &test_rows);
                // A synthetic preset, edited or not, is tested on a fresh sample from its truth.
                if let (Some(preset), TestOrigin::None) = (source.truth(), test_origin) {
                    if let (Some(truth), true) = (preset.truth, choices.x == preset.x && choices.y == preset.y) {
                        let lo = x_train.iter().copied().fold(f64::INFINITY, f64::min);
                        let hi = x_train.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        // The test sample's noise follows the training sample's; its stream is its own.
                        let truth = presets::Truth {
                            noise: choices.noise.unwrap_or(truth.noise),
                            ..truth
                        };
                        let seed = choices.seed.wrapping_add(TEST_SEED_OFFSET);
                        (test_x, test_y) = presets::sample(&truth, (lo, hi), TEST_SAMPLE_SIZE, seed);
                        test_origin = TestOrigin::Synthetic;
                    }
                }
                (
                    Inputs::Polynomial {
                        x: x_train.clone(),
                        degree: choices.degree,
                    },
                    (
                        Inputs::Polynomial {
                            x: test_x,
                            degree: choices.degree,
                        },
                        test_y,
                    ),
                    (x_train, y_train.clone()),
                )
            }
            Mode::Columns => {
                if choices.features.is_empty() {
                    return Err(field("features", "choose at least one feature column".to_string()));
                }
                let mut train_columns = Vec::new();
                let mut test_columns = Vec::new();
                for name in &choices.features {
                    if *name == choices.y {
                        return Err(field(
                            "features",
                            format!("{name:?} is the response y; it cannot also be a feature"),
                        ));
                    }
                    if name.eq_ignore_ascii_case(TRAIN_COLUMN) {
                        return Err(field(
                            "features",
                            format!("{name:?} marks training rows; it cannot be a feature"),
                        ));
                    }
                    let values = column(&table, "features", name)?;
                    train_columns.push(pick(values, &train_rows));
                    test_columns.push(pick(values, &test_rows));
                }
                (
                    Inputs::Columns {
                        names: choices.features.clone(),
                        columns: train_columns,
                    },
                    (
                        Inputs::Columns {
                            names: choices.features.clone(),
                            columns: test_columns,
                        },
                        pick(y_all, &test_rows),
                    ),
                    (Vec::new(), y_train.clone()),
                )
            }
        };
        let largest_y = y_train.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        if largest_y > 1e150 {
            notices.push(format!(
                "y reaches {largest_y:.1e}: squared errors overflow at that size, so MSEs show as infinite. Divide y by a power of 10 to see them."
            ));
        }
        let first_y = y_train.first().copied();
        if y_train.iter().all(|&v| Some(v) == first_y) {
            notices.push(
                "y is the same on every training row: the fit is that constant and every coefficient is 0.".into(),
            );
        }
        let model = Model::new_with(inputs, y_train, supplied)?;
        if model.n_samples() <= model.design().n_features() && choices.mode == Mode::Polynomial {
            notices.push(format!(
                "{} points for {} coefficients: without a penalty the fit is not unique (the minimum-norm one is shown).",
                model.n_samples(),
                model.design().n_features() + 1
            ));
        }
        Ok(Dataset {
            source,
            table,
            choices,
            model,
            test,
            test_origin,
            train_xy,
            notices,
            folds: FoldCache::default(),
        })
    }

    /// K-fold cross-validation of the model, on fold models kept from an earlier call with the
    /// same K (they depend on the rows and features only).
    pub fn cross_validate(
        &self,
        penalty: Penalty,
        alpha: f64,
        lambdas: &[f64],
        folds: usize,
    ) -> Result<CrossValidation, CoreError> {
        let wanted = fold_count(self.model.n_samples(), folds);
        let mut kept = self.folds.0.lock().unwrap_or_else(PoisonError::into_inner);
        let built = match kept.take() {
            Some(built) if built.count() == wanted => built,
            _ => self.model.folds(folds)?,
        };
        let cv = self.model.cross_validate_on(&built, penalty, alpha, lambdas);
        *kept = Some(built);
        cv
    }

    /// The synthetic preset whose true function made these rows (an edited one's too), if any.
    pub fn truth(&self) -> Option<&'static Preset> {
        self.source.truth()
    }

    /// Number of test rows.
    pub fn n_test(&self) -> usize {
        self.test.1.len()
    }
}

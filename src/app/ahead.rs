//! Work done ahead and work kept from before, for one data source: the datasets of other
//! choices (the degree one up and one down) and the analyses (path, knots, CV) of other
//! penalties. The page asks for it one step at a time while it is idle ([`App::work_ahead`]); a
//! change that then finds its dataset and analysis here costs one fit instead of a model, a path
//! and a cross-validation. Everything here is computed exactly as it would be at the change, so
//! a change gives the same result either way (a native test compares them).

use super::dataset::{DataChoices, Dataset, Mode};
use super::{Analysis, App};
use crate::core::features::MAX_DEGREE;
use crate::core::model::Penalty;

/// How many datasets are kept (besides the one in use).
const KEPT_DATASETS: usize = 4;

/// How many analyses are kept (besides the one in use).
const KEPT_ANALYSES: usize = 12;

/// Work ahead only where a step is short: rows × (features + 2)² up to this (at (2 000, 15)
/// about 6·10⁵, a step of a few milliseconds); larger data goes through the worker anyway.
pub const AHEAD_COST: f64 = 1.0e6;

/// Datasets and analyses of one data version.
#[derive(Debug, Clone, Default)]
pub(super) struct Ahead {
    version: u64,
    datasets: Vec<Dataset>,
    analyses: Vec<(DataChoices, Analysis)>,
}

impl Ahead {
    /// Forgets everything of another data version.
    fn at(&mut self, version: u64) -> &mut Ahead {
        if self.version != version {
            *self = Ahead {
                version,
                ..Ahead::default()
            };
        }
        self
    }

    /// Takes out the dataset of these choices, if kept.
    pub(super) fn take_dataset(&mut self, version: u64, choices: &DataChoices) -> Option<Dataset> {
        let kept = self.at(version);
        let index = kept.datasets.iter().position(|d| d.choices == *choices)?;
        Some(kept.datasets.remove(index))
    }

    /// Takes out the analysis of these choices and settings, if kept.
    pub(super) fn take_analysis(
        &mut self,
        version: u64,
        choices: &DataChoices,
        (penalty, alpha, folds): (Penalty, f64, usize),
    ) -> Option<Analysis> {
        let kept = self.at(version);
        let index = kept
            .analyses
            .iter()
            .position(|(c, a)| c == choices && a.matches(penalty, alpha, folds))?;
        Some(kept.analyses.remove(index).1)
    }

    /// Keeps a dataset (the oldest goes when there are too many).
    pub(super) fn keep_dataset(&mut self, version: u64, data: Dataset) {
        let kept = self.at(version);
        kept.datasets.retain(|d| d.choices != data.choices);
        if kept.datasets.len() >= KEPT_DATASETS {
            kept.datasets.remove(0);
        }
        kept.datasets.push(data);
    }

    /// Keeps an analysis of these choices (the oldest goes when there are too many).
    pub(super) fn keep_analysis(&mut self, version: u64, choices: DataChoices, analysis: Analysis) {
        let kept = self.at(version);
        kept.analyses
            .retain(|(c, a)| !(*c == choices && a.matches(analysis.penalty, analysis.alpha, analysis.folds)));
        if kept.analyses.len() >= KEPT_ANALYSES {
            kept.analyses.remove(0);
        }
        kept.analyses.push((choices, analysis));
    }

    fn has_dataset(&self, choices: &DataChoices) -> bool {
        self.datasets.iter().any(|d| d.choices == *choices)
    }

    fn has_analysis(&self, choices: &DataChoices, (penalty, alpha, folds): (Penalty, f64, usize)) -> bool {
        self.analyses
            .iter()
            .any(|(c, a)| c == choices && a.matches(penalty, alpha, folds))
    }
}

impl App {
    /// Does one step of work ahead (the analysis of another penalty, or the dataset or analysis
    /// of the degree one up or down) and says whether more remains. Nothing on data above
    /// [`AHEAD_COST`].
    pub fn work_ahead(&mut self) -> bool {
        let rows = self.data.model.n_samples() as f64;
        let widest = (self.data.model.design().n_features() + 2) as f64;
        if rows * widest * widest > AHEAD_COST {
            return false;
        }
        let version = self.data_version;
        let choices = self.data.choices.clone();
        let settings = |penalty| (penalty, self.alpha, self.folds);
        self.ahead.at(version);
        // The other penalties, on these data.
        for penalty in [Penalty::Ridge, Penalty::Lasso, Penalty::ElasticNet] {
            if self.analysis.matches(penalty, self.alpha, self.folds)
                || self.ahead.has_analysis(&choices, settings(penalty))
            {
                continue;
            }
            let analysis = Analysis::compute(&self.data, penalty, self.alpha, self.folds, 0);
            self.ahead.keep_analysis(version, choices, analysis);
            return true;
        }
        if choices.mode != Mode::Polynomial || self.penalty == Penalty::Ols {
            return false;
        }
        // The degree one up and one down, with this penalty.
        let neighbours = [choices.degree + 1, choices.degree.saturating_sub(1)];
        for degree in neighbours.into_iter().filter(|d| (1..=MAX_DEGREE).contains(d)) {
            let near = DataChoices {
                degree,
                ..choices.clone()
            };
            if !self.ahead.has_dataset(&near) {
                let built = Dataset::build_with(self.data.source.clone(), self.data.table.clone(), near, None);
                match built {
                    Ok(data) => self.ahead.keep_dataset(version, data),
                    // Not buildable (too few rows, say): the change will say so when it comes.
                    Err(_) => continue,
                }
                return true;
            }
            if !self.ahead.has_analysis(&near, settings(self.penalty)) {
                let Some(data) = self.ahead.datasets.iter().find(|d| d.choices == near) else {
                    continue;
                };
                let analysis = Analysis::compute(data, self.penalty, self.alpha, self.folds, 0);
                self.ahead.keep_analysis(version, near, analysis);
                return true;
            }
        }
        false
    }
}

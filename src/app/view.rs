//! View choices (what the panels show, not what is fitted) and the scenes of the four panels.

use crate::core::geometry::{Region, Slice};
use crate::core::lars::KnotEvent;
use crate::core::model::Penalty;
use crate::scene::{
    ErrorInputs, ErrorScene, FitScene, GeometryInputs, GeometryScene, Lens, PathAxis, PathInputs, PathScene,
};

use super::{field_error, format_number, App, AppError, Mode, Patch, Source};

/// The smallest and largest q of the Lq ball.
pub const Q_RANGE: (f64, f64) = (0.1, 4.0);

/// The constraint region the geometry panel draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionChoice {
    /// The current penalty's region (diamond, disk or elastic-net region).
    Penalty,
    /// An Lq ball with the view's q.
    Lq,
}

impl RegionChoice {
    /// The state name: 'penalty' or 'lq'.
    pub fn name(self) -> &'static str {
        match self {
            RegionChoice::Penalty => "penalty",
            RegionChoice::Lq => "lq",
        }
    }
}

/// What the panels show.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// The path panel's x-axis.
    pub path_axis: PathAxis,
    /// The geometry panel's pair, by feature name (None: the two largest |w_OLS|).
    pub pair: Option<(String, String)>,
    /// The geometry panel's lens.
    pub lens: Lens,
    /// The geometry panel's region.
    pub region: RegionChoice,
    /// q of the Lq ball.
    pub q: f64,
    /// Show test points on the fit panel.
    pub show_test: bool,
    /// Show the true function of synthetic presets.
    pub show_truth: bool,
    /// Show the faint OLS curve.
    pub show_ols: bool,
    /// Show 20 resampled fits and the bias–variance panel.
    pub show_resamples: bool,
    /// Draw the legend boxes.
    pub show_legend: bool,
}

impl Default for View {
    fn default() -> Self {
        View {
            path_axis: PathAxis::LogLambda,
            pair: None,
            lens: Lens::Constrained,
            region: RegionChoice::Penalty,
            q: 0.5,
            show_test: false,
            show_truth: true,
            show_ols: true,
            show_resamples: false,
            show_legend: true,
        }
    }
}

impl View {
    /// This view with a patch's view fields applied. A chosen pair must name two of `names`, the
    /// features; a pair the (new) features do not have falls back to the default.
    pub fn patched(&self, patch: &Patch, names: &[String]) -> Result<View, AppError> {
        let mut view = self.clone();
        if let Some(axis) = patch.path_axis {
            view.path_axis = axis;
        }
        if let Some(lens) = patch.lens {
            view.lens = lens;
        }
        if let Some(region) = patch.region {
            view.region = region;
        }
        if let Some(q) = patch.q {
            view.q = q;
        }
        for (given, slot) in [
            (patch.show_test, &mut view.show_test),
            (patch.show_truth, &mut view.show_truth),
            (patch.show_ols, &mut view.show_ols),
            (patch.show_resamples, &mut view.show_resamples),
            (patch.show_legend, &mut view.show_legend),
        ] {
            if let Some(value) = given {
                *slot = value;
            }
        }
        match &patch.pair {
            None => {}
            Some(None) => view.pair = None,
            Some(Some((a, b))) if names.contains(a) && names.contains(b) => view.pair = Some((a.clone(), b.clone())),
            Some(Some(_)) => {
                return Err(field_error(
                    super::fields::name_of_kind("pair"),
                    format!("must name two different features among {}", names.join(", ")),
                ))
            }
        }
        if let Some((a, b)) = &view.pair {
            if !names.contains(a) || !names.contains(b) {
                view.pair = None;
            }
        }
        Ok(view)
    }
}

fn penalty_name(penalty: Penalty) -> &'static str {
    match penalty {
        Penalty::Ols => "OLS",
        Penalty::Ridge => "Ridge",
        Penalty::Lasso => "Lasso",
        Penalty::ElasticNet => "Elastic net",
    }
}

impl App {
    /// "Lasso, λ = 0.01" and the like.
    fn short_caption(&self) -> String {
        match self.penalty {
            Penalty::Ols => "OLS".to_string(),
            Penalty::ElasticNet => format!(
                "Elastic net, λ = {}, α = {}",
                format_number(self.lambda, 3),
                format_number(self.alpha, 2)
            ),
            p => format!("{}, λ = {}", penalty_name(p), format_number(self.lambda, 3)),
        }
    }

    /// The geometry panel's pair of feature indices.
    pub fn pair(&self) -> Option<(usize, usize)> {
        let names = &self.data.model.design().names;
        if let Some((a, b)) = &self.view.pair {
            let i = names.iter().position(|n| n == a)?;
            let j = names.iter().position(|n| n == b)?;
            return Some((i, j));
        }
        // The two largest |w_OLS|, in feature order. For the lasso and elastic net, the two that
        // enter the path first (at the largest λ), so that the panel shows coefficients the fit
        // keeps and a region that is not a point; the path does not move with λ, so neither does
        // the pair during a drag.
        let ols = &self.data.model.ols().w;
        let size = |j: usize| ols.get(j).map_or(0.0, |v| v.abs());
        let entry = |j: usize| -> usize {
            match (&self.analysis.path, self.penalty) {
                (Some(path), Penalty::Lasso | Penalty::ElasticNet) => path
                    .coefficients
                    .iter()
                    .position(|w| w.get(j).is_some_and(|v| *v != 0.0))
                    .unwrap_or(usize::MAX),
                _ => 0,
            }
        };
        let mut order: Vec<usize> = (0..ols.len()).collect();
        order.sort_by(|&a, &b| entry(a).cmp(&entry(b)).then(size(b).total_cmp(&size(a))));
        match order.as_slice() {
            [a, b, ..] => Some(((*a).min(*b), (*a).max(*b))),
            _ => None,
        }
    }

    /// The fit panel's scene, with the view's toggles.
    pub fn fit_scene(&self) -> FitScene {
        let choices = &self.data.choices;
        let setting = match choices.mode {
            Mode::Polynomial => format!("degree {}", choices.degree),
            Mode::Columns => format!("{} features", choices.features.len()),
        };
        let caption = format!("{}, {setting}", self.short_caption());
        let model = &self.data.model;
        match choices.mode {
            Mode::Polynomial => {
                let (x, y) = &self.data.train_xy;
                let mut scene = FitScene::polynomial(model, &self.fit, x, y, (&choices.x, &choices.y), caption);
                if self.view.show_test {
                    if let crate::core::features::Inputs::Polynomial { x: tx, .. } = &self.data.test.0 {
                        scene.test_points =
                            scene.drawn_points(tx.iter().copied().zip(self.data.test.1.iter().copied()));
                    }
                }
                if let (true, Source::Preset(preset)) = (self.view.show_truth, &self.data.source) {
                    if let Some(truth) = preset.truth {
                        scene.truth_runs = scene.sampled(|x| truth.function.eval(x));
                    }
                }
                scene.selected = self
                    .selected
                    .and_then(|i| self.points().get(i).copied())
                    .map(|p| scene.drawn(p));
                if self.view.show_ols && self.penalty != Penalty::Ols {
                    let ols = model.ols_fit();
                    scene.ols_runs = scene.sampled(|x| model.predict(&ols, x));
                }
                if let Some(resampled) = &self.resampled {
                    for (m, fit) in resampled.fits_at(self.penalty, self.fit.lambda, self.alpha) {
                        scene.resample_runs.extend(scene.sampled(|x| m.predict(&fit, x)));
                    }
                }
                scene
            }
            Mode::Columns => {
                let fitted = model.predict_rows(&self.fit.standardized, model.inputs());
                FitScene::observed_vs_fitted(&fitted, model.y(), &choices.y, caption)
            }
        }
    }

    /// The bias–variance panel's scene, when the view shows resamples and they exist.
    pub fn bias_scene(&self) -> Option<crate::scene::BiasScene> {
        let r = self.resampled.as_ref()?;
        Some(crate::scene::BiasScene::new(
            &r.lambdas,
            &r.bias2,
            &r.variance,
            &r.test_error,
            r.noise2,
            self.fit.lambda,
        ))
    }

    /// The path panel's scene (an empty one for OLS, which has no path).
    pub fn path_scene(&self) -> PathScene {
        let names = &self.data.model.design().names;
        let empty: Vec<Vec<f64>> = Vec::new();
        let path = self.analysis.path.as_ref();
        let knots: Vec<(f64, usize, bool)> = self
            .analysis
            .knots
            .iter()
            .map(|k| (k.lambda, k.feature, k.event == KnotEvent::Enter))
            .collect();
        let inputs = PathInputs {
            names,
            lambdas: path.map_or(&[][..], |p| &p.lambdas),
            coefficients: path.map_or(&empty[..], |p| &p.coefficients),
            shrinkage: path.map_or(&[][..], |p| &p.shrinkage),
            df: path.map_or(&[][..], |p| &p.df),
            nonzero: path.map_or(&[][..], |p| &p.nonzero),
            knots: &knots,
            current: (self.fit.lambda, self.fit.shrinkage, self.fit.df),
        };
        let caption = match self.penalty {
            Penalty::Ols => "OLS has no path: choose ridge, lasso or elastic net".to_string(),
            p => format!(
                "{} coefficient paths (numbers on top: nonzero coefficients)",
                penalty_name(p)
            ),
        };
        PathScene::new(self.view.path_axis, &inputs, caption)
    }

    /// The error panel's scene.
    pub fn error_scene(&self) -> ErrorScene {
        let path = self.analysis.path.as_ref();
        let cv = self
            .analysis
            .cv
            .as_ref()
            .map(|cv| (&cv.mean[..], &cv.se[..], cv.lambda_min, cv.lambda_1se));
        let inputs = ErrorInputs {
            lambdas: path.map_or(&[][..], |p| &p.lambdas),
            train: path.map_or(&[][..], |p| &p.train_mse),
            test: &self.analysis.path_test_mse,
            cv,
            lambda: self.fit.lambda,
        };
        let caption = match (self.penalty, &self.analysis.cv) {
            (Penalty::Ols, _) => "OLS has no λ: choose ridge, lasso or elastic net".to_string(),
            (_, Some(cv)) => format!(
                "Error against λ ({}-fold CV picks λ = {}, 1-SE rule {})",
                cv.folds,
                format_number(cv.lambda_min, 2),
                format_number(cv.lambda_1se, 2)
            ),
            _ => "Error against λ".to_string(),
        };
        ErrorScene::new(&inputs, caption)
    }

    /// The geometry panel's scene, or None without two features.
    pub fn geometry_scene(&self) -> Option<GeometryScene> {
        let (i, j) = self.pair()?;
        let model = &self.data.model;
        let names = &model.design().names;
        let slice = Slice::new(model.problem(), &self.fit.standardized, (i, j))?;
        let region = match (self.view.region, self.penalty) {
            (RegionChoice::Lq, _) => Region::Lq { q: self.view.q },
            (RegionChoice::Penalty, Penalty::Ols) => Region::ElasticNet { alpha: 0.0 },
            (RegionChoice::Penalty, _) => Region::ElasticNet { alpha: self.fit.alpha },
        };
        let trace: Vec<(f64, f64)> = self
            .analysis
            .path
            .as_ref()
            .map(|p| {
                p.coefficients
                    .iter()
                    .filter_map(|w| Some((*w.get(i)?, *w.get(j)?)))
                    .collect()
            })
            .unwrap_or_default();
        let inputs = GeometryInputs {
            names: (names.get(i)?.clone(), names.get(j)?.clone()),
            lens: self.view.lens,
            region,
            penalty_alpha: if self.penalty == Penalty::Ols {
                0.0
            } else {
                self.fit.alpha
            },
            lambda: self.fit.lambda,
            trace: &trace,
            caption: self.short_caption(),
        };
        Some(GeometryScene::new(&slice, &inputs))
    }
}

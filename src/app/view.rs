//! View choices (what the panels show, not what is fitted) and the scenes of the four panels.

use serde::{Serialize, Serializer};

use crate::core::geometry::{Region, Slice};
use crate::core::lars::KnotEvent;
use crate::core::model::{FitRequest, Penalty};
use crate::scene::{
    ErrorInputs, ErrorScene, FitFrame, FitScene, GeometryInputs, GeometryScene, Lens, PathAxis, PathInputs, PathScene,
};

use super::patch::set_given;
use super::{field_error, format_number, App, AppError, Mode, Patch};

/// The smallest and largest q of the Lq ball.
pub const Q_RANGE: (f64, f64) = (0.1, 4.0);

/// A corner picture's state needs the touching contour and the diamond each to span at least
/// this share of the view.
const CORNER_SHARE: f64 = 0.1;

/// A state in which the lasso's estimate sits on a corner of the diamond with the contour that
/// touches it in view (see [`App::corner_state`]): set the penalty to 'lasso' and these.
#[derive(Debug, Clone, PartialEq)]
pub struct CornerState {
    /// The polynomial degree it was found at (None in column mode).
    pub degree: Option<usize>,
    /// The geometry pair, by feature name (the default pair, so it may also be left unset).
    pub pair: (String, String),
    /// λ, two significant digits.
    pub lambda: f64,
}

/// `value` rounded to `digits` significant digits (in decimal).
fn round_to_digits(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(digits - 1 - value.abs().log10().floor() as i32);
    let rounded = (value * scale).round() / scale;
    if rounded.is_finite() && rounded > 0.0 {
        rounded
    } else {
        value
    }
}

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

/// A view choice serialized by its state name ('lambda', 'constrained', 'lq', …).
trait Named: Copy {
    fn state_name(self) -> &'static str;
}

impl Named for PathAxis {
    fn state_name(self) -> &'static str {
        self.name()
    }
}

impl Named for Lens {
    fn state_name(self) -> &'static str {
        self.name()
    }
}

impl Named for RegionChoice {
    fn state_name(self) -> &'static str {
        self.name()
    }
}

fn by_name<T: Named, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.state_name())
}

/// What the panels show. Serialized (camelCase, choices by their state names, the pair as a
/// two-name array) it is the view part of [`super::StateView`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// The path panel's x-axis.
    #[serde(serialize_with = "by_name")]
    pub path_axis: PathAxis,
    /// The geometry panel's pair, by feature name (None: [`App::default_pair`], from the data).
    pub pair: Option<(String, String)>,
    /// The geometry panel's lens.
    #[serde(serialize_with = "by_name")]
    pub lens: Lens,
    /// The geometry panel's region.
    #[serde(serialize_with = "by_name")]
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
        set_given(&mut view.path_axis, &patch.path_axis);
        set_given(&mut view.lens, &patch.lens);
        set_given(&mut view.region, &patch.region);
        set_given(&mut view.q, &patch.q);
        set_given(&mut view.show_test, &patch.show_test);
        set_given(&mut view.show_truth, &patch.show_truth);
        set_given(&mut view.show_ols, &patch.show_ols);
        set_given(&mut view.show_resamples, &patch.show_resamples);
        set_given(&mut view.show_legend, &patch.show_legend);
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

    /// The geometry panel's pair of feature indices: the chosen pair, else [`App::default_pair`].
    pub fn pair(&self) -> Option<(usize, usize)> {
        let names = &self.data.model.design().names;
        if let Some((a, b)) = &self.view.pair {
            let i = names.iter().position(|n| n == a)?;
            let j = names.iter().position(|n| n == b)?;
            return Some((i, j));
        }
        self.default_pair()
    }

    /// The pair the geometry panel shows when none is chosen, in feature order: the first two
    /// features to enter the lasso path on this data (its LARS knots, Efron et al. 2004,
    /// computed whatever the penalty), then the largest |w_OLS| for any LARS does not reach.
    ///
    /// It depends on the data alone, so ridge and lasso are compared on the same plane and a λ
    /// drag never moves it. Under the lasso both coefficients are nonzero below the second knot
    /// (the diamond is not a point and the contour touches an edge), and between the first two
    /// knots only the first is: the estimate sits on a corner, the picture of ESL Fig 3.11. The
    /// two largest |w_OLS| would often be a pair the lasso sets to zero, a diamond shrunk to a
    /// point.
    pub fn default_pair(&self) -> Option<(usize, usize)> {
        let model = &self.data.model;
        let ols = &model.ols().w;
        let size = |j: usize| ols.get(j).map_or(0.0, |v| v.abs());
        let mut order: Vec<usize> = Vec::new();
        for knot in model.problem().lars_lasso().knots {
            if knot.event == KnotEvent::Enter && !order.contains(&knot.feature) {
                order.push(knot.feature);
            }
        }
        let mut rest: Vec<usize> = (0..ols.len()).filter(|j| !order.contains(j)).collect();
        rest.sort_by(|&a, &b| size(b).total_cmp(&size(a)));
        order.extend(rest);
        match order.as_slice() {
            [a, b, ..] => Some(((*a).min(*b), (*a).max(*b))),
            _ => None,
        }
    }

    /// A λ at which the lasso's estimate sits on a corner of the diamond on the default pair,
    /// with the contour that touches it in view, for the current data and degree: the λ on the
    /// lasso grid (rounded to two digits) whose picture shows both the touching contour and the
    /// diamond largest (the smaller of their shares of the view). None when no λ does.
    pub fn corner_state(&self) -> Option<CornerState> {
        let (i, j) = self.default_pair()?;
        let model = &self.data.model;
        let names = &model.design().names;
        let pair = (names.get(i)?.clone(), names.get(j)?.clone());
        let mut warm: Option<Vec<f64>> = None;
        let mut best: Option<(f64, f64)> = None;
        for grid_lambda in model.lambda_grid(1.0) {
            let lambda = round_to_digits(grid_lambda, 2);
            let Ok(request) = (FitRequest {
                penalty: Penalty::Lasso,
                lambda,
                alpha: 1.0,
            })
            .check() else {
                continue;
            };
            let fit = model.fit(request, warm.as_deref());
            let Some(slice) = Slice::new(model.problem(), &fit.standardized, (i, j)) else {
                continue;
            };
            warm = Some(fit.standardized);
            let scene = GeometryScene::new(
                &slice,
                &GeometryInputs {
                    names: pair.clone(),
                    lens: Lens::Constrained,
                    region: Some(Region::ElasticNet { alpha: 1.0 }),
                    penalty_alpha: 1.0,
                    lambda,
                    trace: &[],
                    caption: String::new(),
                },
            );
            let (touching, region) = scene.shares();
            let score = touching.min(region);
            if scene.on_corner() && !scene.zoomed && score > best.map_or(CORNER_SHARE, |b| b.1) {
                best = Some((lambda, score));
            }
        }
        let (lambda, _) = best?;
        Some(CornerState {
            degree: (self.data.choices.mode == Mode::Polynomial).then_some(self.data.choices.degree),
            pair,
            lambda,
        })
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
                let frame = self.fit_hold.unwrap_or_else(|| FitFrame::fitted(x, y));
                let names = (choices.x.as_str(), choices.y.as_str());
                let mut scene = FitScene::polynomial(model, &self.fit, (x, y), frame, names, caption);
                if self.view.show_test {
                    if let crate::core::features::Inputs::Polynomial { x: tx, .. } = &self.data.test.0 {
                        scene.test_points =
                            scene.drawn_points(tx.iter().copied().zip(self.data.test.1.iter().copied()));
                    }
                }
                if let (true, Some(preset)) = (self.view.show_truth, self.data.truth()) {
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
        // OLS has no penalty, hence no region: the unconstrained picture.
        let region = match (self.view.region, self.penalty) {
            (_, Penalty::Ols) => None,
            (RegionChoice::Lq, _) => Some(Region::Lq { q: self.view.q }),
            (RegionChoice::Penalty, _) => Some(Region::ElasticNet { alpha: self.fit.alpha }),
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

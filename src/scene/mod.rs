//! Scenes: plain data that says what to draw, computed from a model and a fit.
//!
//! Drawing functions in [`crate::plot`] take a scene and nothing else, so the picture can be tested
//! without a browser, and the model never knows how it is drawn. A scene chooses every text its
//! panel shows (titles, axis labels, legend rows, knot labels, counts); the λ scenes also map a
//! pixel of their plotting area to λ ([`LambdaAxis`]).

mod axis;
mod errors;
mod geometry;
mod paths;
mod range;

pub use axis::{log_label, LambdaAxis, PlotLayout, XAxis};
pub use errors::{BiasLegend, BiasScene, ErrorInputs, ErrorLegend, ErrorScene};
pub use geometry::{GeometryInputs, GeometryLegend, GeometryScene, Lens};
pub use paths::{KnotMark, PathAxis, PathInputs, PathScene, PathSeries};
pub use range::{
    drawable_range, drawing_unit, extent, is_drawable, padded_range, unit_suffix, CANNOT_DRAW, MAX_MAGNITUDE,
    MAX_TICKS, MIN_RELATIVE_WIDTH,
};

use crate::core::model::{Fit, Model};

/// Number of x values at which the fitted curve is evaluated.
pub const CURVE_SAMPLES: usize = 400;
/// The most points a panel draws; larger data are thinned evenly (every k-th row) for drawing only.
pub const MAX_DRAWN_POINTS: usize = 3_000;

/// Every k-th point, so that at most `MAX_DRAWN_POINTS` remain.
pub fn thinned(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    if points.len() <= MAX_DRAWN_POINTS {
        return points;
    }
    let stride = points.len().div_ceil(MAX_DRAWN_POINTS);
    points.into_iter().step_by(stride).collect()
}

/// The fit panel's frame in polynomial mode: the ranges it shows and the units it draws in, which
/// fix how a pixel maps to data. Fitted to the training points ([`FitFrame::fitted`]), or held as
/// it was while a pointer edits the points (`App::hold_fit_frame`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitFrame {
    /// The x-range, in drawn units, drawable (see [`is_drawable`]).
    pub x_range: (f64, f64),
    /// The y-range, in drawn units, drawable.
    pub y_range: (f64, f64),
    /// The unit of each axis (see [`FitScene::units`]).
    pub units: (f64, f64),
}

impl FitFrame {
    /// The frame of points (x, y): each axis in its unit ([`drawing_unit`]), the x-range padded by
    /// 4 % and the y-range by 30 %: room for a sensible curve, but a degree-20 explosion is
    /// clipped, not followed.
    pub fn fitted(x: &[f64], y: &[f64]) -> FitFrame {
        let (x_lo, x_hi) = extent(x.iter().copied());
        let (y_lo, y_hi) = extent(y.iter().copied());
        let units = (drawing_unit(x_lo, x_hi), drawing_unit(y_lo, y_hi));
        FitFrame {
            x_range: padded_range(x_lo / units.0, x_hi / units.0, 0.04),
            y_range: padded_range(y_lo / units.1, y_hi / units.1, 0.3),
            units,
        }
    }
}

/// Everything the fit panel shows, in drawn units (data values divided by [`FitScene::units`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FitScene {
    /// The training points.
    pub points: Vec<(f64, f64)>,
    /// The fitted curve, split into runs that stay inside the y-range.
    pub curve_runs: Vec<Vec<(f64, f64)>>,
    /// Test points (shown when the view asks for them).
    pub test_points: Vec<(f64, f64)>,
    /// The true function of a synthetic preset, in runs.
    pub truth_runs: Vec<Vec<(f64, f64)>>,
    /// The OLS curve, faint, for contrast, in runs.
    pub ols_runs: Vec<Vec<(f64, f64)>>,
    /// Fits to fresh samples, faint, in runs (bias and variance).
    pub resample_runs: Vec<Vec<(f64, f64)>>,
    /// The point selected for editing.
    pub selected: Option<(f64, f64)>,
    /// The x-range of the plot, drawable (see [`is_drawable`]).
    pub x_range: (f64, f64),
    /// The y-range of the plot, drawable.
    pub y_range: (f64, f64),
    /// What one drawn unit is in the data, on x and on y: 1, or a power of ten for data as large
    /// as 1e6 or as small as 1e-3 (see [`drawing_unit`]); the axis labels name it. Every
    /// coordinate in this scene is a data value divided by its axis's unit.
    pub units: (f64, f64),
    /// Whether the curve leaves the y-range somewhere (shown in the caption).
    pub clipped: bool,
    /// The x-axis label.
    pub x_label: String,
    /// The y-axis label.
    pub y_label: String,
    /// The caption above the plot (see [`FitScene::title`]).
    pub caption: String,
    /// The legend's rows; drawing shows the rows of what it draws.
    pub legend: FitLegend,
}

/// The legend rows of the fit panel.
#[derive(Debug, Clone, PartialEq)]
pub struct FitLegend {
    /// The training points.
    pub points: String,
    /// The test points.
    pub test: String,
    /// The true function.
    pub truth: String,
    /// The OLS curve.
    pub ols: String,
    /// The fits to fresh samples.
    pub resamples: String,
    /// The fitted curve (or the line ŷ = y in column mode).
    pub curve: String,
}

impl FitLegend {
    /// The rows of the polynomial view: x against y, with the fitted curve.
    pub fn curves() -> FitLegend {
        FitLegend {
            points: "training points".to_string(),
            test: "test points".to_string(),
            truth: "true function".to_string(),
            ols: "OLS fit".to_string(),
            resamples: "fits to fresh samples".to_string(),
            curve: "fitted curve".to_string(),
        }
    }

    /// The rows of column mode: observed against fitted values, with the line ŷ = y.
    pub fn observed() -> FitLegend {
        FitLegend {
            points: "training rows".to_string(),
            curve: "perfect fit (ŷ = y)".to_string(),
            ..FitLegend::curves()
        }
    }
}

/// The runs of a polyline whose points satisfy `keep` (dense polylines need no interpolation).
pub fn runs_where(points: &[(f64, f64)], keep: impl Fn((f64, f64)) -> bool) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for &p in points {
        if keep(p) {
            current.push(p);
        } else if current.len() > 1 {
            runs.push(std::mem::take(&mut current));
        } else {
            current.clear();
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// The runs of a polyline whose points lie inside a box.
pub fn runs_inside(points: &[(f64, f64)], x_range: (f64, f64), y_range: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    runs_where(points, |(x, y)| {
        x >= x_range.0 && x <= x_range.1 && y >= y_range.0 && y <= y_range.1
    })
}

/// Splits a sampled curve into runs inside [lo, hi], ending each run where it crosses a bound.
pub fn clip_runs(samples: &[(f64, f64)], lo: f64, hi: f64) -> (Vec<Vec<(f64, f64)>>, bool) {
    let inside = |y: f64| y >= lo && y <= hi;
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut clipped = false;
    let mut previous: Option<(f64, f64)> = None;
    for &(x, y) in samples {
        if !y.is_finite() {
            clipped = true;
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
            previous = None;
            continue;
        }
        if let Some((px, py)) = previous {
            if inside(py) != inside(y) || (!inside(py) && !inside(y) && (py < lo) != (y < lo)) {
                // Where the segment crosses each bound, in order along the segment.
                let mut crossings: Vec<(f64, f64)> = [lo, hi]
                    .iter()
                    .filter(|&&b| (py - b) * (y - b) < 0.0)
                    .map(|&b| {
                        let t = (b - py) / (y - py);
                        (t, b)
                    })
                    .collect();
                crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
                for (t, b) in crossings {
                    let point = (px + t * (x - px), b);
                    if current.is_empty() {
                        current.push(point);
                    } else {
                        current.push(point);
                        runs.push(std::mem::take(&mut current));
                    }
                }
            }
        }
        if inside(y) {
            current.push((x, y));
        } else {
            clipped = true;
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        previous = Some((x, y));
    }
    if current.len() > 1 {
        runs.push(current);
    }
    (runs, clipped)
}

impl FitScene {
    /// The scene for polynomial mode: points (x, y) in `frame` (those outside it are kept, and
    /// drawing leaves them out), and the curve over its x-range.
    pub fn polynomial(
        model: &Model,
        fit: &Fit,
        (x, y): (&[f64], &[f64]),
        frame: FitFrame,
        names: (&str, &str),
        caption: String,
    ) -> FitScene {
        let FitFrame {
            x_range,
            y_range,
            units,
        } = frame;
        let mut scene = FitScene {
            points: Vec::new(),
            curve_runs: Vec::new(),
            test_points: Vec::new(),
            truth_runs: Vec::new(),
            ols_runs: Vec::new(),
            resample_runs: Vec::new(),
            selected: None,
            x_range,
            y_range,
            units,
            clipped: false,
            x_label: format!("{}{}", names.0, unit_suffix(units.0)),
            y_label: format!("{}{}", names.1, unit_suffix(units.1)),
            caption,
            legend: FitLegend::curves(),
        };
        scene.points = scene.drawn_points(x.iter().copied().zip(y.iter().copied()));
        let (curve_runs, clipped) = scene.sample(|xv| model.predict(fit, xv));
        scene.curve_runs = curve_runs;
        scene.clipped = clipped;
        scene
    }

    /// The frame this scene is drawn in: its ranges and units.
    pub fn frame(&self) -> FitFrame {
        FitFrame {
            x_range: self.x_range,
            y_range: self.y_range,
            units: self.units,
        }
    }

    /// The caption, saying so when the curve is clipped: what the panel's title says.
    pub fn title(&self) -> String {
        if self.clipped {
            format!("{} (curve clipped to the plot)", self.caption)
        } else {
            self.caption.clone()
        }
    }

    /// A point of the data in this scene's drawn units.
    pub fn drawn(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x / self.units.0, y / self.units.1)
    }

    /// Points of the data in drawn units, those that cannot be drawn (not finite) left out,
    /// thinned to at most [`MAX_DRAWN_POINTS`].
    pub fn drawn_points(&self, points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
        thinned(
            points
                .map(|p| self.drawn(p))
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .collect(),
        )
    }

    /// `f` (data x to data y) sampled over the x-range and clipped to the y-range, as runs.
    pub fn sampled(&self, f: impl Fn(f64) -> f64) -> Vec<Vec<(f64, f64)>> {
        self.sample(f).0
    }

    /// As [`FitScene::sampled`], and whether the curve left the y-range somewhere.
    fn sample(&self, f: impl Fn(f64) -> f64) -> (Vec<Vec<(f64, f64)>>, bool) {
        let (ux, uy) = self.units;
        let samples: Vec<(f64, f64)> = (0..CURVE_SAMPLES)
            .map(|i| {
                let t = i as f64 / (CURVE_SAMPLES - 1) as f64;
                let x = self.x_range.0 + t * (self.x_range.1 - self.x_range.0);
                (x, f((x * ux).clamp(-f64::MAX, f64::MAX)) / uy)
            })
            .collect();
        clip_runs(&samples, self.y_range.0, self.y_range.1)
    }

    /// The scene for column mode: observed y against fitted ŷ, with the line ŷ = y.
    pub fn observed_vs_fitted(fitted: &[f64], observed: &[f64], y_name: &str, caption: String) -> FitScene {
        let (lo, hi) = extent(fitted.iter().chain(observed).copied());
        let unit = drawing_unit(lo, hi);
        let range = padded_range(lo / unit, hi / unit, 0.05);
        let mut scene = FitScene {
            points: Vec::new(),
            curve_runs: vec![vec![(range.0, range.0), (range.1, range.1)]],
            test_points: Vec::new(),
            truth_runs: Vec::new(),
            ols_runs: Vec::new(),
            resample_runs: Vec::new(),
            selected: None,
            x_range: range,
            y_range: range,
            units: (unit, unit),
            clipped: false,
            x_label: format!("fitted {y_name}{}", unit_suffix(unit)),
            y_label: format!("observed {y_name}{}", unit_suffix(unit)),
            caption,
            legend: FitLegend::observed(),
        };
        scene.points = scene.drawn_points(fitted.iter().copied().zip(observed.iter().copied()));
        scene
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_keeps_inside_runs_and_cuts_at_the_bound() {
        let samples = [(0.0, 0.0), (1.0, 2.0), (2.0, 0.0)];
        let (runs, clipped) = clip_runs(&samples, -1.0, 1.0);
        assert!(clipped);
        assert_eq!(runs, vec![vec![(0.0, 0.0), (0.5, 1.0)], vec![(1.5, 1.0), (2.0, 0.0)]]);
    }

    #[test]
    fn large_data_are_thinned_for_drawing_only() {
        let many: Vec<(f64, f64)> = (0..100_000).map(|i| (i as f64, 0.0)).collect();
        let drawn = thinned(many);
        assert!(drawn.len() <= MAX_DRAWN_POINTS && drawn.len() > MAX_DRAWN_POINTS / 2);
        assert_eq!(thinned(vec![(1.0, 2.0)]), vec![(1.0, 2.0)]);
    }

    #[test]
    fn unclipped_curve_is_one_run() {
        let samples = [(0.0, 0.0), (1.0, 0.5), (2.0, 0.0)];
        let (runs, clipped) = clip_runs(&samples, -1.0, 1.0);
        assert!(!clipped);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].len(), 3);
    }

    #[test]
    fn a_segment_that_jumps_across_the_range_keeps_its_middle() {
        let (runs, clipped) = clip_runs(&[(0.0, -3.0), (1.0, 3.0)], -1.0, 1.0);
        assert!(clipped);
        assert_eq!(runs, vec![vec![(1.0 / 3.0, -1.0), (2.0 / 3.0, 1.0)]]);
    }
}

//! Scenes: plain data that says what to draw, computed from a model and a fit.
//!
//! Drawing functions in [`crate::plot`] take a scene and nothing else, so the picture can be tested
//! without a browser, and the model never knows how it is drawn.

mod errors;
mod geometry;
mod paths;

pub use errors::{BiasScene, ErrorInputs, ErrorScene};
pub use geometry::{GeometryInputs, GeometryScene, Lens};
pub use paths::{log_label, KnotMark, PathAxis, PathInputs, PathScene, PathSeries};

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

/// Everything the fit panel shows.
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
    /// The x-range of the plot.
    pub x_range: (f64, f64),
    /// The y-range of the plot.
    pub y_range: (f64, f64),
    /// Whether the curve leaves the y-range somewhere (shown in the caption).
    pub clipped: bool,
    /// Axis labels.
    pub x_label: String,
    /// Axis labels.
    pub y_label: String,
    /// The caption above the plot.
    pub caption: String,
}

fn padded(lo: f64, hi: f64, fraction: f64) -> (f64, f64) {
    let span = hi - lo;
    if span > 0.0 && span.is_finite() {
        (lo - fraction * span, hi + fraction * span)
    } else {
        let pad = if lo.abs() > 0.0 && lo.is_finite() {
            lo.abs() * 0.5
        } else {
            1.0
        };
        (lo - pad, hi + pad)
    }
}

fn range_of(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// A range that can be drawn: (lo, hi) when finite and hi > lo, else one around lo, else (0, 1).
/// A chart over an infinite range never finishes placing its ticks, so every scene uses this.
pub fn drawable_range(lo: f64, hi: f64) -> (f64, f64) {
    if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else if hi.is_finite() {
        (hi - 1.0, hi + 1.0)
    } else {
        (0.0, 1.0)
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
    /// The scene for polynomial mode: points (x, y), and the curve over the x-range.
    pub fn polynomial(
        model: &Model,
        fit: &Fit,
        x: &[f64],
        y: &[f64],
        names: (&str, &str),
        caption: String,
    ) -> FitScene {
        let (x_lo, x_hi) = range_of(x.iter().copied());
        let (y_lo, y_hi) = range_of(y.iter().copied());
        let x_range = drawable_range(padded(x_lo, x_hi, 0.04).0, padded(x_lo, x_hi, 0.04).1);
        // Room for a sensible curve, but a degree-20 explosion is clipped, not followed.
        let y_range = drawable_range(padded(y_lo, y_hi, 0.3).0, padded(y_lo, y_hi, 0.3).1);
        let samples: Vec<(f64, f64)> = (0..CURVE_SAMPLES)
            .map(|i| {
                let t = i as f64 / (CURVE_SAMPLES - 1) as f64;
                let xv = x_range.0 + t * (x_range.1 - x_range.0);
                (xv, model.predict(fit, xv))
            })
            .collect();
        let (curve_runs, clipped) = clip_runs(&samples, y_range.0, y_range.1);
        FitScene {
            points: thinned(x.iter().copied().zip(y.iter().copied()).collect()),
            curve_runs,
            test_points: Vec::new(),
            truth_runs: Vec::new(),
            ols_runs: Vec::new(),
            resample_runs: Vec::new(),
            selected: None,
            x_range,
            y_range,
            clipped,
            x_label: names.0.to_string(),
            y_label: names.1.to_string(),
            caption,
        }
    }
}

impl FitScene {
    /// `f` sampled over the x-range and clipped to the y-range, as runs.
    pub fn sampled(&self, f: impl Fn(f64) -> f64) -> Vec<Vec<(f64, f64)>> {
        let samples: Vec<(f64, f64)> = (0..CURVE_SAMPLES)
            .map(|i| {
                let t = i as f64 / (CURVE_SAMPLES - 1) as f64;
                let x = self.x_range.0 + t * (self.x_range.1 - self.x_range.0);
                (x, f(x))
            })
            .collect();
        clip_runs(&samples, self.y_range.0, self.y_range.1).0
    }

    /// The scene for column mode: observed y against fitted ŷ, with the line ŷ = y.
    pub fn observed_vs_fitted(fitted: &[f64], observed: &[f64], y_name: &str, caption: String) -> FitScene {
        let (lo, hi) = range_of(fitted.iter().chain(observed).copied().filter(|v| v.is_finite()));
        let (lo, hi) = padded(lo, hi, 0.05);
        let range = drawable_range(lo, hi);
        FitScene {
            points: thinned(fitted.iter().copied().zip(observed.iter().copied()).collect()),
            curve_runs: vec![vec![(range.0, range.0), (range.1, range.1)]],
            test_points: Vec::new(),
            truth_runs: Vec::new(),
            ols_runs: Vec::new(),
            resample_runs: Vec::new(),
            selected: None,
            x_range: range,
            y_range: range,
            clipped: false,
            x_label: format!("fitted {y_name}"),
            y_label: format!("observed {y_name}"),
            caption,
        }
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

//! The coefficient-path panel's scene (ESL Figs 3.8 and 3.10; glmnet's `plot.glmnet`).

use super::axis::{log_label, LambdaAxis, XAxis};

/// What the path panel's x-axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathAxis {
    /// log₁₀ λ (glmnet).
    LogLambda,
    /// The shrinkage factor s = ‖w‖₁/‖w_OLS‖₁ (ESL Fig 3.10).
    Shrinkage,
    /// Effective degrees of freedom (ESL Fig 3.8).
    Df,
}

impl PathAxis {
    /// The state name: 'lambda', 's' or 'df'.
    pub fn name(self) -> &'static str {
        match self {
            PathAxis::LogLambda => "lambda",
            PathAxis::Shrinkage => "s",
            PathAxis::Df => "df",
        }
    }

    /// Parses a state name.
    pub fn from_name(name: &str) -> Option<PathAxis> {
        match name {
            "lambda" => Some(PathAxis::LogLambda),
            "s" => Some(PathAxis::Shrinkage),
            "df" => Some(PathAxis::Df),
            _ => None,
        }
    }

    /// The axis label.
    pub fn label(self) -> &'static str {
        match self {
            PathAxis::LogLambda => "λ (log scale)",
            PathAxis::Shrinkage => "shrinkage factor s = ‖w‖₁ / ‖w_OLS‖₁",
            PathAxis::Df => "effective degrees of freedom df(λ)",
        }
    }
}

/// One coefficient's path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathSeries {
    /// The feature's name (z³, or a column name).
    pub name: String,
    /// (x, w) along the path.
    pub points: Vec<(f64, f64)>,
}

/// A marked lasso knot.
#[derive(Debug, Clone, PartialEq)]
pub struct KnotMark {
    /// The knot's λ.
    pub lambda: f64,
    /// Where on the x-axis.
    pub x: f64,
    /// Which coefficient's curve it sits on (its value there is 0).
    pub series: usize,
    /// "z⁵ enters at 0.012", "z² leaves at 0.0034" (λ, or s or df on those axes).
    pub label: String,
}

/// Everything the path panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PathScene {
    /// The x-axis.
    pub axis: PathAxis,
    /// One series per feature.
    pub series: Vec<PathSeries>,
    /// x-range.
    pub x_range: (f64, f64),
    /// y-range: the bulk of the curves (see [`robust_bound`]), so that a few exploding
    /// coefficients at the smallest λ do not flatten the rest.
    pub y_range: (f64, f64),
    /// The largest |w| along the path when curves leave the y-range (they are cut at its edge;
    /// the note says so), else None.
    pub cut: Option<f64>,
    /// Whether the s or df values along the path fall somewhere as λ falls (df of the elastic
    /// net, s of ridge) and the axis shows their running maximum instead (the note says so).
    pub monotone: bool,
    /// x of the current λ.
    pub marker: Option<f64>,
    /// (x, λ) of each path point with a finite x, in the path's order: what a click on the s or
    /// df axis maps back to.
    pub lambda_points: Vec<(f64, f64)>,
    /// Lasso knots within the range, from the largest λ down (the first entries are the ones a
    /// teacher points at). Drawing names as many of the first ones as fit; all are here, for a
    /// page that names the rest on hover or focus.
    pub knots: Vec<KnotMark>,
    /// The number of nonzero coefficients at tick positions, as text (glmnet's top axis).
    pub top_ticks: Vec<(f64, String)>,
    /// The x-axis label.
    pub x_label: String,
    /// The y-axis label.
    pub y_label: String,
    /// Caption (what the view changed is in [`PathScene::note`]).
    pub caption: String,
}

/// The part of the x-axis whose curves the y-range covers whole.
const BULK: f64 = 0.85;

/// The inputs of a path scene, all from the model.
pub struct PathInputs<'a> {
    /// The feature names.
    pub names: &'a [String],
    /// λ per path point.
    pub lambdas: &'a [f64],
    /// Standardized coefficients per path point.
    pub coefficients: &'a [Vec<f64>],
    /// Shrinkage per point.
    pub shrinkage: &'a [Option<f64>],
    /// df per point.
    pub df: &'a [f64],
    /// Nonzeros per point.
    pub nonzero: &'a [usize],
    /// (λ, feature, entering?) per knot.
    pub knots: &'a [(f64, usize, bool)],
    /// The current fit's λ, shrinkage and df.
    pub current: (f64, Option<f64>, f64),
}

fn x_of(axis: PathAxis, lambda: f64, shrinkage: Option<f64>, df: f64) -> Option<f64> {
    match axis {
        PathAxis::LogLambda => (lambda > 0.0).then(|| lambda.log10()),
        PathAxis::Shrinkage => shrinkage,
        PathAxis::Df => Some(df),
    }
    .filter(|v| v.is_finite())
}

impl PathScene {
    /// Builds the scene for one x-axis choice.
    pub fn new(axis: PathAxis, inputs: &PathInputs, caption: String) -> PathScene {
        let raw: Vec<Option<f64>> = inputs
            .lambdas
            .iter()
            .enumerate()
            .map(|(i, &l)| {
                x_of(
                    axis,
                    l,
                    inputs.shrinkage.get(i).copied().flatten(),
                    inputs.df.get(i).copied().unwrap_or(f64::NAN),
                )
            })
            .collect();
        // s and df need not rise as λ falls (the elastic net's df does not; ridge's ‖w‖₁ need
        // not): the axis shows their running maximum from the largest λ down, so that no curve
        // folds back on itself. log λ is monotone already.
        let (xs, monotone) = match axis {
            PathAxis::LogLambda => (raw, false),
            PathAxis::Shrinkage | PathAxis::Df => running_max(&raw),
        };
        let series: Vec<PathSeries> = inputs
            .names
            .iter()
            .enumerate()
            .map(|(j, name)| PathSeries {
                name: name.clone(),
                points: xs
                    .iter()
                    .zip(inputs.coefficients)
                    .filter_map(|(x, w)| Some((((*x)?), w.get(j).copied()?)))
                    .filter(|(_, w)| w.is_finite())
                    .collect(),
            })
            .collect();
        let (x_lo, x_hi) = super::extent(xs.iter().flatten().copied());
        let x_range = super::drawable_range(x_lo, x_hi);
        let (lambda, shrinkage, df) = inputs.current;
        let (bound, cut) = robust_bound(&series);
        let pad = if bound > 0.0 { bound * 1.1 } else { 1.0 };
        let mut knots: Vec<KnotMark> = inputs
            .knots
            .iter()
            .filter_map(|&(lambda, feature, enters)| {
                let x = match axis {
                    PathAxis::LogLambda => Some(lambda.log10()),
                    // Elsewhere a knot sits where the path's own x crosses its λ.
                    _ => inputs
                        .lambdas
                        .iter()
                        .position(|&l| l <= lambda)
                        .and_then(|i| xs.get(i).copied().flatten()),
                }?;
                let name = inputs.names.get(feature)?;
                (x >= x_range.0 && x <= x_range.1).then(|| KnotMark {
                    lambda,
                    x,
                    series: feature,
                    label: format!(
                        "{name} {} at {}",
                        if enters { "enters" } else { "leaves" },
                        tick_label(axis, x)
                    ),
                })
            })
            .collect();
        knots.sort_by(|a, b| b.lambda.total_cmp(&a.lambda));
        let top_ticks = (0..=4)
            .filter_map(|k| {
                let target = x_range.0 + (x_range.1 - x_range.0) * k as f64 / 4.0;
                let nearest = xs
                    .iter()
                    .enumerate()
                    .filter_map(|(i, x)| x.map(|x| (i, (x - target).abs())))
                    .min_by(|a, b| a.1.total_cmp(&b.1))?
                    .0;
                Some((target, inputs.nonzero.get(nearest)?.to_string()))
            })
            .collect();
        PathScene {
            axis,
            series,
            x_range,
            y_range: super::drawable_range(-pad, pad),
            cut,
            monotone,
            // On a running maximum (s, df) the marker sits where the path's own x is at this λ;
            // on log λ it is log λ itself.
            marker: x_of(axis, lambda, shrinkage, df).map(|x| {
                if axis == PathAxis::LogLambda {
                    return x;
                }
                let before = inputs
                    .lambdas
                    .iter()
                    .zip(&xs)
                    .filter(|(l, _)| **l >= lambda)
                    .filter_map(|(_, x)| *x)
                    .fold(f64::NEG_INFINITY, f64::max);
                x.max(before)
            }),
            lambda_points: xs
                .iter()
                .zip(inputs.lambdas)
                .filter_map(|(x, l)| Some(((*x)?, *l)))
                .collect(),
            knots,
            top_ticks,
            x_label: axis.label().to_string(),
            y_label: "standardized coefficient w".to_string(),
            caption,
        }
    }
}

impl PathScene {
    /// What the view changed, for a line under the caption: curves cut at the edge, an axis
    /// made monotone; None when it changed nothing.
    pub fn note(&self) -> Option<String> {
        let mut notes = Vec::new();
        if let Some(largest) = self.cut {
            notes.push(format!(
                "curves cut at the edge (|w| reaches {})",
                crate::format::format_number(largest, 2)
            ));
        }
        if self.monotone {
            notes.push(match self.axis {
                PathAxis::Df => "df falls at some λ: x is its running maximum".to_string(),
                _ => "s falls at some λ: x is its running maximum".to_string(),
            });
        }
        (!notes.is_empty()).then(|| notes.join("; "))
    }
}

/// Each value replaced by the largest so far (None stays None and is skipped), and whether any
/// value changed by more than rounding.
fn running_max(values: &[Option<f64>]) -> (Vec<Option<f64>>, bool) {
    let mut top = f64::NEG_INFINITY;
    let mut changed = false;
    let out = values
        .iter()
        .map(|v| {
            v.map(|v| {
                if v < top - 1e-9 * top.abs().max(1.0) {
                    changed = true;
                }
                top = top.max(v);
                top
            })
        })
        .collect();
    (out, changed)
}

/// The y-bound that keeps the bulk of the curves in view, and the largest |w| when curves go
/// beyond it.
///
/// Each path point covers its share of the x-axis (half the gap to each neighbour); the bound is
/// the smallest envelope max_j |w_j| that the points covering [`BULK`] of the axis stay under, so
/// a few exploding coefficients at the smallest λ (sin at degree 9 reaches ±200) are cut rather
/// than followed. When the largest |w| is within 1.5 times that, it is the bound, and nothing is
/// cut.
fn robust_bound(series: &[PathSeries]) -> (f64, Option<f64>) {
    // (x, envelope) per path point, from all series' points at the same x.
    let mut envelope: Vec<(f64, f64)> = Vec::new();
    for s in series {
        for &(x, w) in &s.points {
            match envelope.iter_mut().find(|(ex, _)| *ex == x) {
                Some(entry) => entry.1 = entry.1.max(w.abs()),
                None => envelope.push((x, w.abs())),
            }
        }
    }
    envelope.retain(|(x, w)| x.is_finite() && w.is_finite());
    let largest = envelope.iter().map(|e| e.1).fold(0.0, f64::max);
    envelope.sort_by(|a, b| a.0.total_cmp(&b.0));
    let weights: Vec<f64> = (0..envelope.len())
        .map(|i| {
            let at = |k: usize| envelope.get(k).map(|e| e.0);
            let here = at(i).unwrap_or(0.0);
            let left = i.checked_sub(1).and_then(at).unwrap_or(here);
            let right = at(i + 1).unwrap_or(here);
            (right - left) / 2.0
        })
        .collect();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return (largest, None);
    }
    let mut by_size: Vec<(f64, f64)> = envelope.iter().map(|e| e.1).zip(weights).collect();
    by_size.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut covered = 0.0;
    let mut bound = largest;
    for (w, weight) in by_size {
        covered += weight;
        if covered >= BULK * total {
            bound = w;
            break;
        }
    }
    if largest <= 1.5 * bound {
        (largest, None)
    } else {
        (bound, Some(largest))
    }
}

/// A tick label at x on the path panel's axis: λ on the log-λ axis, else s or df to two decimals.
fn tick_label(axis: PathAxis, x: f64) -> String {
    match axis {
        PathAxis::LogLambda => log_label(x),
        PathAxis::Shrinkage | PathAxis::Df => format!("{x:.2}"),
    }
}

impl LambdaAxis for PathScene {
    /// log λ falls to the right, as s and df rise: the model grows more complex to the right.
    fn x_axis(&self) -> XAxis {
        match self.axis {
            PathAxis::LogLambda => XAxis::falling(self.x_range),
            PathAxis::Shrinkage | PathAxis::Df => XAxis::rising(self.x_range),
        }
    }

    /// 10^x on the log-λ axis; on the s and df axes the λ of the path point nearest x (the first
    /// of equally near ones: lasso df is the same for many λ). None without a path.
    fn lambda_at_x(&self, x: f64) -> Option<f64> {
        if self.lambda_points.is_empty() {
            return None;
        }
        match self.axis {
            PathAxis::LogLambda => Some(10f64.powf(x)),
            PathAxis::Shrinkage | PathAxis::Df => self
                .lambda_points
                .iter()
                .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
                .map(|&(_, lambda)| lambda),
        }
    }

    fn marker_x(&self) -> Option<f64> {
        self.marker
    }

    fn tick_label(&self, x: f64) -> String {
        tick_label(self.axis, x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A three-point lasso path on two features: z enters at λ = 0.1, z² at 0.01.
    fn scene(axis: PathAxis) -> PathScene {
        let names = ["z".to_string(), "z²".to_string()];
        let inputs = PathInputs {
            names: &names,
            lambdas: &[1.0, 0.1, 0.01],
            coefficients: &[vec![0.0, 0.0], vec![0.5, 0.0], vec![0.8, 0.2]],
            shrinkage: &[Some(0.0), Some(0.5), Some(1.0)],
            df: &[0.0, 1.0, 1.0],
            nonzero: &[0, 1, 2],
            knots: &[(0.1, 0, true), (0.01, 1, true)],
            current: (0.1, Some(0.5), 1.0),
        };
        PathScene::new(axis, &inputs, "Lasso coefficient paths".to_string())
    }

    /// (axis, x, tick label): λ on the log-λ axis, two decimals on the others.
    #[test]
    fn tick_labels_follow_the_axis() {
        for (axis, x, label) in [
            (PathAxis::LogLambda, -2.0, "0.010"),
            (PathAxis::LogLambda, 0.0, "1.0"),
            (PathAxis::Shrinkage, 0.5, "0.50"),
            (PathAxis::Df, 3.256, "3.26"),
        ] {
            assert_eq!(scene(axis).tick_label(x), label, "{axis:?} at {x}");
        }
    }

    /// (axis, knot labels, x-axis label)
    #[test]
    fn the_scene_writes_its_labels() {
        for (axis, knots, x_label) in [
            (
                PathAxis::LogLambda,
                ["z enters at 0.10", "z² enters at 0.010"],
                "λ (log scale)",
            ),
            (
                PathAxis::Shrinkage,
                ["z enters at 0.50", "z² enters at 1.00"],
                "shrinkage factor s = ‖w‖₁ / ‖w_OLS‖₁",
            ),
        ] {
            let s = scene(axis);
            let labels: Vec<&str> = s.knots.iter().map(|k| k.label.as_str()).collect();
            assert_eq!(labels, knots, "{axis:?}");
            assert_eq!(s.x_label, x_label);
            assert_eq!(s.y_label, "standardized coefficient w");
        }
        let s = scene(PathAxis::Shrinkage);
        let counts: Vec<&str> = s.top_ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(counts, ["0", "0", "1", "1", "2"]);
    }

    /// (axis, x clicked, λ): 10^x on the log-λ axis, the nearest path point's λ on the others (the
    /// first of equally near ones: df is 1 at both λ = 0.1 and 0.01).
    #[test]
    fn a_value_on_the_axis_maps_to_lambda() {
        for (axis, x, lambda) in [
            (PathAxis::LogLambda, -1.5, 10f64.powf(-1.5)),
            (PathAxis::Shrinkage, 0.3, 0.1),
            (PathAxis::Shrinkage, 0.9, 0.01),
            (PathAxis::Df, 0.9, 0.1),
            (PathAxis::Df, 0.2, 1.0),
        ] {
            assert_eq!(scene(axis).lambda_at_x(x), Some(lambda), "{axis:?} at {x}");
        }
        let no_path = PathScene::new(
            PathAxis::LogLambda,
            &PathInputs {
                names: &[],
                lambdas: &[],
                coefficients: &[],
                shrinkage: &[],
                df: &[],
                nonzero: &[],
                knots: &[],
                current: (0.0, None, 0.0),
            },
            String::new(),
        );
        assert_eq!(no_path.lambda_at_x(0.0), None);
    }

    /// (values along the path, running maximum, whether any fell)
    #[test]
    fn s_and_df_are_shown_as_their_running_maximum() {
        for (values, expected, fell) in [
            (
                vec![Some(0.0), Some(1.0), Some(2.0)],
                vec![Some(0.0), Some(1.0), Some(2.0)],
                false,
            ),
            (
                vec![Some(0.0), Some(2.0), Some(1.5), Some(3.0)],
                vec![Some(0.0), Some(2.0), Some(2.0), Some(3.0)],
                true,
            ),
            (
                vec![None, Some(1.0), None, Some(0.5)],
                vec![None, Some(1.0), None, Some(1.0)],
                true,
            ),
        ] {
            assert_eq!(running_max(&values), (expected, fell), "{values:?}");
        }
    }

    /// (envelope values at evenly spaced x, y-bound, the largest |w| when cut): a few exploding
    /// points at one end are cut, a curve that is large throughout is not.
    #[test]
    fn the_y_range_follows_the_bulk_of_the_curves() {
        for (envelope, bound, cut) in [
            (vec![1.0, 1.0, 1.0, 1.0], 1.0, None),
            (vec![0.5, 1.0, 1.2, 1.4], 1.4, None),
            (
                vec![
                    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 50.0, 200.0,
                ],
                1.0,
                Some(200.0),
            ),
        ] {
            let series = [PathSeries {
                name: "z".to_string(),
                points: envelope.iter().enumerate().map(|(i, w)| (i as f64, -w)).collect(),
            }];
            assert_eq!(robust_bound(&series), (bound, cut), "{envelope:?}");
        }
    }

    /// Knots come from the largest λ down, whatever order they are given in.
    #[test]
    fn knots_are_listed_from_the_largest_lambda() {
        let names = ["z".to_string(), "z²".to_string()];
        let inputs = PathInputs {
            names: &names,
            lambdas: &[1.0, 0.1, 0.01],
            coefficients: &[vec![0.0, 0.0], vec![0.5, 0.0], vec![0.8, 0.2]],
            shrinkage: &[Some(0.0), Some(0.5), Some(1.0)],
            df: &[0.0, 1.0, 2.0],
            nonzero: &[0, 1, 2],
            knots: &[(0.01, 1, true), (0.1, 0, true)],
            current: (0.1, Some(0.5), 1.0),
        };
        let s = PathScene::new(PathAxis::LogLambda, &inputs, String::new());
        let lambdas: Vec<f64> = s.knots.iter().map(|k| k.lambda).collect();
        assert_eq!(lambdas, [0.1, 0.01]);
    }
}

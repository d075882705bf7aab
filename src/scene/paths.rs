//! The coefficient-path panel's scene (ESL Figs 3.8 and 3.10; glmnet's `plot.glmnet`).

use crate::app::format_number;

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
    /// Where on the x-axis.
    pub x: f64,
    /// Which coefficient's curve it sits on (its value there is 0).
    pub series: usize,
    /// "z⁵ enters", "z² leaves".
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
    /// y-range.
    pub y_range: (f64, f64),
    /// x of the current λ.
    pub marker: Option<f64>,
    /// Lasso knots within the range.
    pub knots: Vec<KnotMark>,
    /// Number of nonzero coefficients at tick positions (glmnet's top axis).
    pub top_ticks: Vec<(f64, usize)>,
    /// Caption.
    pub caption: String,
}

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
        let xs: Vec<Option<f64>> = inputs
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
        let finite_x: Vec<f64> = xs.iter().flatten().copied().collect();
        let (x_lo, x_hi) = finite_x
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let x_range = super::drawable_range(x_lo, x_hi);
        let (lambda, shrinkage, df) = inputs.current;
        // The y-axis follows λ: it covers the coefficients down to λ/10, so that the small-λ
        // explosion of a high degree does not flatten the part being looked at. Curves beyond it
        // are cut at the edge.
        let w_max = inputs
            .lambdas
            .iter()
            .zip(inputs.coefficients)
            .filter(|(l, _)| **l >= lambda / 10.0)
            .flat_map(|(_, w)| w.iter().map(|v| v.abs()))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let pad = if w_max > 0.0 { w_max * 1.1 } else { 1.0 };
        let knots = inputs
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
                    x,
                    series: feature,
                    label: format!("{name} {}", if enters { "enters" } else { "leaves" }),
                })
            })
            .collect();
        let top_ticks = (0..=4)
            .filter_map(|k| {
                let target = x_range.0 + (x_range.1 - x_range.0) * k as f64 / 4.0;
                let nearest = xs
                    .iter()
                    .enumerate()
                    .filter_map(|(i, x)| x.map(|x| (i, (x - target).abs())))
                    .min_by(|a, b| a.1.total_cmp(&b.1))?
                    .0;
                Some((target, *inputs.nonzero.get(nearest)?))
            })
            .collect();
        PathScene {
            axis,
            series,
            x_range,
            y_range: super::drawable_range(-pad, pad),
            marker: x_of(axis, lambda, shrinkage, df),
            knots,
            top_ticks,
            caption,
        }
    }

    /// λ for a click at x on this axis: 10^x on the log-λ axis, else the nearest path point's λ.
    pub fn lambda_at(&self, x: f64, lambdas: &[f64]) -> Option<f64> {
        match self.axis {
            PathAxis::LogLambda => Some(10f64.powf(x)),
            _ => {
                let series = self.series.first()?;
                let nearest = series
                    .points
                    .iter()
                    .enumerate()
                    .min_by(|a, b| (a.1 .0 - x).abs().total_cmp(&(b.1 .0 - x).abs()))?
                    .0;
                lambdas.get(nearest).copied()
            }
        }
    }
}

/// Tick labels for log₁₀ λ.
pub fn log_label(value: f64) -> String {
    format_number(10f64.powf(value), 2)
}

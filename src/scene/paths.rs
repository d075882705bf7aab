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
    /// y-range.
    pub y_range: (f64, f64),
    /// x of the current λ.
    pub marker: Option<f64>,
    /// (x, λ) of each path point with a finite x, in the path's order: what a click on the s or
    /// df axis maps back to.
    pub lambda_points: Vec<(f64, f64)>,
    /// Lasso knots within the range.
    pub knots: Vec<KnotMark>,
    /// The number of nonzero coefficients at tick positions, as text (glmnet's top axis).
    pub top_ticks: Vec<(f64, String)>,
    /// The x-axis label.
    pub x_label: String,
    /// The y-axis label.
    pub y_label: String,
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
        let (x_lo, x_hi) = super::extent(xs.iter().flatten().copied());
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
        // Beyond f64 (w near f64::MAX) the pad is infinite, and the range is clamped to the limit.
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
                    label: format!(
                        "{name} {} at {}",
                        if enters { "enters" } else { "leaves" },
                        tick_label(axis, x)
                    ),
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
                Some((target, inputs.nonzero.get(nearest)?.to_string()))
            })
            .collect();
        PathScene {
            axis,
            series,
            x_range,
            y_range: super::drawable_range(-pad, pad),
            marker: x_of(axis, lambda, shrinkage, df),
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
}

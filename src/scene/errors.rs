//! The error panel's scene: train, test and cross-validated error against λ (ESL Fig 3.7;
//! glmnet's `plot.cv.glmnet`).

use super::axis::{LambdaAxis, XAxis};

/// The x-axis label of the λ panels.
const LAMBDA_LABEL: &str = "λ (log scale)";

/// Everything the error panel shows; x is log₁₀ λ.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorScene {
    /// Training MSE along the path.
    pub train: Vec<(f64, f64)>,
    /// Test MSE along the path (empty without test rows).
    pub test: Vec<(f64, f64)>,
    /// CV mean along the path (empty without CV).
    pub cv_mean: Vec<(f64, f64)>,
    /// CV mean ± 1 SE: (x, low, high).
    pub cv_band: Vec<(f64, f64, f64)>,
    /// log₁₀ λ_min and log₁₀ λ_1se.
    pub cv_marks: Option<(f64, f64)>,
    /// log₁₀ of the current λ.
    pub marker: Option<f64>,
    /// Whether there is a path, so that the x-axis stands for λ (not for OLS).
    pub on_path: bool,
    /// x-range.
    pub x_range: (f64, f64),
    /// y-range: from 0 to the level of the null model and the bulk of the curves (see
    /// [`error_top`]).
    pub y_range: (f64, f64),
    /// The top of the y-range when a curve goes above it (cut there; the note says so).
    pub cut: Option<f64>,
    /// The legend rows of the train, test and CV curves.
    pub legend: ErrorLegend,
    /// The labels of the λ_min and λ_1se lines.
    pub cv_mark_labels: (String, String),
    /// The x-axis label.
    pub x_label: String,
    /// The y-axis label.
    pub y_label: String,
    /// Caption.
    pub caption: String,
}

/// The legend rows of the error panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorLegend {
    /// The training error.
    pub train: String,
    /// The test error.
    pub test: String,
    /// The CV mean and its band.
    pub cv: String,
}

/// The inputs of an error scene.
pub struct ErrorInputs<'a> {
    /// λ per path point.
    pub lambdas: &'a [f64],
    /// Training MSE per point.
    pub train: &'a [f64],
    /// Test MSE per point (empty without test rows).
    pub test: &'a [f64],
    /// CV (mean, SE) per point, λ_min and λ_1se.
    pub cv: Option<(&'a [f64], &'a [f64], f64, f64)>,
    /// The current λ.
    pub lambda: f64,
}

fn log_points(lambdas: &[f64], values: &[f64]) -> Vec<(f64, f64)> {
    lambdas
        .iter()
        .zip(values)
        .filter(|(l, v)| **l > 0.0 && v.is_finite())
        .map(|(l, v)| (l.log10(), *v))
        .collect()
}

impl ErrorScene {
    /// Builds the scene.
    pub fn new(inputs: &ErrorInputs, caption: String) -> ErrorScene {
        let train = log_points(inputs.lambdas, inputs.train);
        let test = log_points(inputs.lambdas, inputs.test);
        let (cv_mean, cv_band, cv_marks) = match inputs.cv {
            Some((mean, se, lambda_min, lambda_1se)) => (
                log_points(inputs.lambdas, mean),
                inputs
                    .lambdas
                    .iter()
                    .zip(mean.iter().zip(se))
                    .filter(|(l, (m, s))| **l > 0.0 && m.is_finite() && s.is_finite())
                    .map(|(l, (m, s))| (l.log10(), m - s, m + s))
                    .collect(),
                Some((lambda_min.log10(), lambda_1se.log10())),
            ),
            None => (Vec::new(), Vec::new(), None),
        };
        // The λ axis spans the path, also where no error is finite (y above 1e154 overflows them).
        let (x_lo, x_hi) = super::extent(inputs.lambdas.iter().filter(|l| **l > 0.0).map(|l| l.log10()));
        let (top, cut) = error_top(&train, &test, &cv_mean, &cv_band, cv_marks.map(|m| m.0));
        // Squared errors are never negative: the axis starts at 0.
        let y_range = if top > 0.0 && top.is_finite() {
            super::drawable_range(0.0, top * 1.05)
        } else {
            (0.0, 1.0)
        };
        let no_finite_error = !inputs.train.is_empty() && train.is_empty();
        ErrorScene {
            train,
            test,
            cv_mean,
            cv_band,
            cv_marks,
            marker: (inputs.lambda > 0.0).then(|| inputs.lambda.log10()),
            on_path: inputs.lambdas.iter().any(|l| *l > 0.0),
            x_range: super::drawable_range(x_lo, x_hi),
            y_range,
            cut: cut.then_some(top),
            legend: ErrorLegend {
                train: "train".to_string(),
                test: "test".to_string(),
                cv: "CV mean ± 1 SE".to_string(),
            },
            cv_mark_labels: ("λ_min".to_string(), "λ_1se".to_string()),
            x_label: LAMBDA_LABEL.to_string(),
            y_label: "mean squared error".to_string(),
            caption: if no_finite_error {
                format!("{caption} (no error is finite: y is too large, divide it by a power of ten)")
            } else {
                caption
            },
        }
    }
}

impl ErrorScene {
    /// A line under the caption when curves are cut at the top, else None.
    pub fn note(&self) -> Option<String> {
        self.cut
            .map(|top| format!("curves cut above {}", crate::format::format_number(top, 2)))
    }
}

/// How far above the reference level (see [`error_top`]) the y-range reaches.
const HEADROOM: f64 = 2.0;

/// The top of the error panel's y-range, and whether a curve goes above it.
///
/// The reference level is the largest of: the errors at the largest λ (the null model, where
/// every curve starts), all of the training error (which only rises with λ), and the top of the
/// CV band at λ_min. The range reaches [`HEADROOM`] times that: the U of the CV and test curves
/// stays in view, while the errors that explode at the smallest λ (CV of a degree-9 fit to 8
/// points reaches 40 on sin, against 0.5 for the null model) go above it and are cut. When no
/// curve goes that high, the top is the largest value.
fn error_top(
    train: &[(f64, f64)],
    test: &[(f64, f64)],
    cv_mean: &[(f64, f64)],
    cv_band: &[(f64, f64, f64)],
    lambda_min: Option<f64>,
) -> (f64, bool) {
    let largest = train
        .iter()
        .chain(test)
        .chain(cv_mean)
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(f64::NAN, f64::max);
    // The curves start at the largest λ: x is log λ, the largest x.
    let first = |points: &[(f64, f64)]| {
        points
            .iter()
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map_or(f64::NAN, |p| p.1)
    };
    let at_min = lambda_min
        .and_then(|x| {
            cv_band
                .iter()
                .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
        })
        .map_or(f64::NAN, |b| b.2);
    let train_top = train.iter().map(|p| p.1).fold(f64::NAN, f64::max);
    let reference = [first(train), first(test), first(cv_mean), at_min, train_top]
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(f64::NAN, f64::max);
    let top = reference * HEADROOM;
    if !top.is_finite() || top <= 0.0 || largest <= top {
        (largest, false)
    } else {
        (top, true)
    }
}

/// The bias–variance panel; x is log₁₀ λ.
#[derive(Debug, Clone, PartialEq)]
pub struct BiasScene {
    /// Squared bias per λ.
    pub bias2: Vec<(f64, f64)>,
    /// Variance per λ.
    pub variance: Vec<(f64, f64)>,
    /// Expected test error per λ.
    pub test_error: Vec<(f64, f64)>,
    /// σ², the floor of the test error.
    pub noise2: f64,
    /// log₁₀ of the current λ.
    pub marker: Option<f64>,
    /// x-range.
    pub x_range: (f64, f64),
    /// y-range.
    pub y_range: (f64, f64),
    /// The legend rows of σ², the expected test error, bias² and variance.
    pub legend: BiasLegend,
    /// The x-axis label.
    pub x_label: String,
    /// The y-axis label.
    pub y_label: String,
    /// Caption.
    pub caption: String,
}

/// The legend rows of the bias–variance panel.
#[derive(Debug, Clone, PartialEq)]
pub struct BiasLegend {
    /// σ², the noise floor.
    pub noise2: String,
    /// The expected test error.
    pub test_error: String,
    /// Squared bias.
    pub bias2: String,
    /// Variance.
    pub variance: String,
}

impl BiasScene {
    /// The scene for these curves over `lambdas` (descending), with the current λ.
    pub fn new(
        lambdas: &[f64],
        bias2: &[f64],
        variance: &[f64],
        test_error: &[f64],
        noise2: f64,
        lambda: f64,
    ) -> BiasScene {
        let (bias2, variance, test_error) = (
            log_points(lambdas, bias2),
            log_points(lambdas, variance),
            log_points(lambdas, test_error),
        );
        let (x_lo, x_hi) = super::extent(bias2.iter().map(|p| p.0));
        let x_range = super::drawable_range(x_lo, x_hi);
        let top = test_error
            .iter()
            .chain(&bias2)
            .chain(&variance)
            .map(|p| p.1)
            .fold(noise2, f64::max);
        // The interesting part is near the bottom: cap the axis at 3× the smallest test error.
        let lowest = test_error.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let cap = if lowest.is_finite() && lowest > 0.0 {
            top.min(3.0 * lowest)
        } else {
            top
        };
        BiasScene {
            bias2,
            variance,
            test_error,
            noise2,
            marker: Some(lambda.log10()),
            x_range,
            y_range: super::drawable_range(0.0, cap * 1.05),
            legend: BiasLegend {
                noise2: "σ² (noise)".to_string(),
                test_error: "expected test error".to_string(),
                bias2: "bias²".to_string(),
                variance: "variance".to_string(),
            },
            x_label: LAMBDA_LABEL.to_string(),
            y_label: "squared error".to_string(),
            caption: "Bias² and variance of 20 fits to fresh samples".to_string(),
        }
    }
}

impl LambdaAxis for ErrorScene {
    fn x_axis(&self) -> XAxis {
        XAxis::falling(self.x_range)
    }

    /// 10^x; none for OLS, whose panel has no λ.
    fn lambda_at_x(&self, x: f64) -> Option<f64> {
        self.on_path.then(|| 10f64.powf(x))
    }

    fn marker_x(&self) -> Option<f64> {
        self.marker
    }
}

impl LambdaAxis for BiasScene {
    fn x_axis(&self) -> XAxis {
        XAxis::falling(self.x_range)
    }

    /// 10^x.
    fn lambda_at_x(&self, x: f64) -> Option<f64> {
        Some(10f64.powf(x))
    }

    fn marker_x(&self) -> Option<f64> {
        self.marker
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (train, CV mean, top of the y-range, cut): the range reaches twice the null model's level
    /// (the errors at the largest λ, the right end of x = log λ here the first point), and a CV
    /// curve that explodes beyond it is cut.
    #[test]
    fn the_error_range_follows_the_curves() {
        let at =
            |values: &[f64]| -> Vec<(f64, f64)> { values.iter().enumerate().map(|(i, v)| (-(i as f64), *v)).collect() };
        for (train, cv, top, cut) in [
            (vec![1.0, 0.5, 0.2], vec![1.1, 0.6, 0.9], 1.1, false),
            (vec![1.0, 0.5, 0.2], vec![1.1, 0.6, 40.0], 2.2, true),
            (vec![0.0, 0.0, 0.0], vec![], 0.0, false),
        ] {
            let (found, was_cut) = error_top(&at(&train), &[], &at(&cv), &[], None);
            assert!(
                (found - top).abs() < 1e-12 && was_cut == cut,
                "{train:?} {cv:?}: {found} {was_cut}"
            );
        }
    }
}

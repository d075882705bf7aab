//! The error panel's scene: train, test and cross-validated error against λ (ESL Fig 3.7;
//! glmnet's `plot.cv.glmnet`).

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
    /// x-range.
    pub x_range: (f64, f64),
    /// y-range.
    pub y_range: (f64, f64),
    /// Caption.
    pub caption: String,
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
        let xs = train.iter().map(|p| p.0);
        let (x_lo, x_hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        let ys = train
            .iter()
            .chain(&test)
            .map(|p| p.1)
            .chain(cv_band.iter().flat_map(|b| [b.1, b.2]));
        let y_hi = ys.fold(f64::NEG_INFINITY, f64::max);
        // Test and CV error can explode at small λ; keep the interesting part in view.
        let useful_hi = cv_band
            .iter()
            .map(|b| b.2)
            .chain(test.iter().map(|p| p.1))
            .fold(f64::NAN, f64::min)
            .max(train.iter().map(|p| p.1).fold(0.0, f64::max));
        let top = if useful_hi.is_finite() && useful_hi > 0.0 {
            (useful_hi * 3.0).min(y_hi)
        } else {
            y_hi
        };
        // Squared errors are never negative: the axis starts at 0.
        let y_range = if top > 0.0 && top.is_finite() {
            (0.0, top * 1.05)
        } else {
            (0.0, 1.0)
        };
        ErrorScene {
            train,
            test,
            cv_mean,
            cv_band,
            cv_marks,
            marker: (inputs.lambda > 0.0).then(|| inputs.lambda.log10()),
            x_range: super::drawable_range(x_lo, x_hi),
            y_range,
            caption,
        }
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
    /// Caption.
    pub caption: String,
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
        let xs = bias2.iter().map(|p| p.0);
        let x_range = super::drawable_range(
            xs.clone().fold(f64::INFINITY, f64::min),
            xs.fold(f64::NEG_INFINITY, f64::max),
        );
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
            caption: "Bias² and variance of 20 fits to fresh samples".to_string(),
        }
    }
}

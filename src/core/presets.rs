//! Data sets shipped with the app, so that it never reads anything at run time.

use super::data::Table;

/// The true function behind a synthetic preset, from which fresh test samples are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truth {
    /// f.
    pub function: TrueFunction,
    /// The standard deviation of the Gaussian noise added to f(x).
    pub noise: f64,
    /// f written out, for captions.
    pub formula: &'static str,
}

/// The generating functions of the synthetic presets (data/SOURCES.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrueFunction {
    /// sin(2πx), PRML §1.1.
    Sin2Pi,
    /// 1 − 2x + 0.5x² + 3x³.
    Cubic,
    /// 1 if x > 0.5, else 0.
    Step,
    /// Runge's function 1/(1 + 25x²).
    Runge,
}

impl TrueFunction {
    /// f(x).
    pub fn eval(self, x: f64) -> f64 {
        match self {
            TrueFunction::Sin2Pi => (2.0 * std::f64::consts::PI * x).sin(),
            TrueFunction::Cubic => 1.0 - 2.0 * x + 0.5 * x * x + 3.0 * x * x * x,
            TrueFunction::Runge => 1.0 / (1.0 + 25.0 * x * x),
            TrueFunction::Step => {
                if x > 0.5 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
}

/// A shipped data set with a one-line caption of what it teaches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// The name used in the state and the URL.
    pub name: &'static str,
    /// The label in the preset menu.
    pub label: &'static str,
    /// What it teaches, in one line.
    pub caption: &'static str,
    /// The data, as CSV with a header.
    pub csv: &'static str,
    /// The x column for polynomial mode.
    pub x: &'static str,
    /// The response column.
    pub y: &'static str,
    /// The degree the preset opens with.
    pub degree: usize,
    /// The generating function, for synthetic presets.
    pub truth: Option<Truth>,
    /// Feature columns for a column-mode preset (empty: polynomial mode on `x`).
    pub features: &'static [&'static str],
}

/// Every preset, the default first.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "sin",
        label: "sin(2πx), 10 points",
        caption: "Bishop's PRML §1.1: 10 noisy points of sin(2πx). Degree 9 OLS passes through every point and overfits; a little λ tames it.",
        csv: include_str!("../../data/bishop_sin_n10.csv"),
        x: "x",
        y: "y",
        degree: 9,
        truth: Some(Truth { function: TrueFunction::Sin2Pi, noise: 0.3, formula: "sin(2πx)" }),
        features: &[],
    },
    Preset {
        name: "sin100",
        label: "sin(2πx), 100 points",
        caption: "The same curve with 100 points: more data needs less regularization.",
        csv: include_str!("../../data/bishop_sin_n100.csv"),
        x: "x",
        y: "y",
        degree: 12,
        truth: Some(Truth { function: TrueFunction::Sin2Pi, noise: 0.3, formula: "sin(2πx)" }),
        features: &[],
    },
    Preset {
        name: "cubic",
        label: "Cubic with outliers",
        caption: "A cubic trend with 5 outliers: watch a high degree chase them, and λ pull it back.",
        csv: include_str!("../../data/cubic_outliers.csv"),
        x: "x",
        y: "y",
        degree: 15,
        truth: Some(Truth { function: TrueFunction::Cubic, noise: 0.1, formula: "1 − 2x + 0.5x² + 3x³" }),
        features: &[],
    },
    Preset {
        name: "step",
        label: "Step",
        caption: "A jump at x = 0.5: polynomials ring near a discontinuity (Gibbs), and no λ makes a step.",
        csv: include_str!("../../data/step.csv"),
        x: "x",
        y: "y",
        degree: 20,
        truth: Some(Truth { function: TrueFunction::Step, noise: 0.1, formula: "1[x > 0.5]" }),
        features: &[],
    },
    Preset {
        name: "runge",
        label: "Runge's function",
        caption: "1/(1 + 25x²) at 15 evenly spaced points: a high-degree fit swings wildly near the ends (Runge's phenomenon) until λ calms it.",
        csv: include_str!("../../data/runge.csv"),
        x: "x",
        y: "y",
        degree: 14,
        truth: Some(Truth { function: TrueFunction::Runge, noise: 0.02, formula: "1/(1 + 25x²)" }),
        features: &[],
    },
    Preset {
        name: "textbook",
        label: "Two correlated features",
        caption: "ESL Fig 3.11: two correlated features, where the geometry is the whole model. Try the Lq ball with q ≤ 1: the estimate lands on an axis.",
        csv: include_str!("../../data/textbook.csv"),
        x: "x1",
        y: "y",
        degree: 1,
        truth: None,
        features: &["x1", "x2"],
    },
    Preset {
        name: "houses",
        label: "House prices (collinear)",
        caption: "Size and bedrooms say almost the same thing, wall colour says nothing: ridge shares weight between the twins, the lasso picks one and drops the colour.",
        csv: include_str!("../../data/house_prices.csv"),
        x: "size",
        y: "price",
        degree: 1,
        truth: None,
        features: &["size", "bedrooms", "age", "wall_colour"],
    },
    Preset {
        name: "diabetes",
        label: "Diabetes (LARS paper)",
        caption: "Efron et al. (2004): ten baseline variables of 442 patients. The lasso path is the paper's Figure 1; bmi enters first, s3 leaves and comes back.",
        csv: include_str!("../../data/diabetes_raw.csv"),
        x: "bmi",
        y: "y",
        degree: 1,
        truth: None,
        features: &["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"],
    },
    Preset {
        name: "prostate",
        label: "Prostate cancer (ESL)",
        caption: "ESL §3.2: eight clinical measures and log PSA for 97 men; the train column keeps ESL's 67/30 split, so test error is ESL's.",
        csv: include_str!("../../data/prostate.csv"),
        x: "lcavol",
        y: "lpsa",
        degree: 1,
        truth: None,
        features: &["lcavol", "lweight", "age", "lbph", "svi", "lcp", "gleason", "pgg45"],
    },
];

/// The preset with this name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// Number of points in a fresh test sample of a synthetic preset.
pub const TEST_SAMPLE_SIZE: usize = 200;

/// `count` points with x uniform on [lo, hi] and y = f(x) + N(0, noise²), reproducible from `seed`.
pub fn sample(truth: &Truth, (lo, hi): (f64, f64), count: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let x: Vec<f64> = (0..count).map(|_| lo + (hi - lo) * rng.f64()).collect();
    let y = x
        .iter()
        .map(|&xi| truth.function.eval(xi) + truth.noise * standard_normal(&mut rng))
        .collect();
    (x, y)
}

/// A fresh training sample of a synthetic preset: `count` points evenly spaced over [lo, hi],
/// y = f(x) + N(0, noise²); the cubic preset keeps its lesson with 10 % of the points shifted by ±3.
pub fn training_sample(preset: &Preset, (lo, hi): (f64, f64), count: usize, noise: f64, seed: u64) -> Option<Table> {
    let truth = preset.truth?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let step = if count > 1 { (hi - lo) / (count - 1) as f64 } else { 0.0 };
    let x: Vec<f64> = (0..count).map(|i| lo + step * i as f64).collect();
    let mut y: Vec<f64> = x
        .iter()
        .map(|&xi| truth.function.eval(xi) + noise * standard_normal(&mut rng))
        .collect();
    if truth.function == TrueFunction::Cubic {
        for value in y.iter_mut() {
            if rng.f64() < 0.1 {
                *value += if rng.bool() { 3.0 } else { -3.0 };
            }
        }
    }
    Some(Table {
        names: vec![preset.x.to_string(), preset.y.to_string()],
        columns: vec![x, y],
    })
}

/// A standard normal draw by the Box–Muller transform.
fn standard_normal(rng: &mut fastrand::Rng) -> f64 {
    let u1 = 1.0 - rng.f64(); // in (0, 1], so the logarithm is finite
    let u2 = rng.f64();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_has_its_columns() {
        for p in PRESETS {
            let table = crate::core::data::parse_table(p.csv).unwrap().table;
            assert!(table.column(p.x).is_some() && table.column(p.y).is_some(), "{}", p.name);
            assert!(
                p.features.iter().all(|f| table.column(f).is_some()),
                "{} features",
                p.name
            );
        }
    }

    #[test]
    fn samples_are_reproducible_and_noisy_around_the_truth() {
        let truth = find("sin").unwrap().truth.unwrap();
        let (x, y) = sample(&truth, (0.0, 1.0), 2000, 7);
        assert_eq!(sample(&truth, (0.0, 1.0), 2000, 7), (x.clone(), y.clone()));
        assert!(x.iter().all(|&v| (0.0..=1.0).contains(&v)));
        let residual_sd = (x
            .iter()
            .zip(&y)
            .map(|(&a, &b)| (b - TrueFunction::Sin2Pi.eval(a)).powi(2))
            .sum::<f64>()
            / 2000.0)
            .sqrt();
        assert!((residual_sd - 0.3).abs() < 0.02, "{residual_sd}");
    }
}

//! Data sets shipped with the app, so that it never reads anything at run time.

use super::data::Table;
use super::model::Penalty;

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
    /// The degree the preset opens with (its teaching state, with `penalty`, `lambda` and `pair`).
    pub degree: usize,
    /// The penalty the preset opens with.
    pub penalty: Penalty,
    /// λ the preset opens with, chosen by computation to show its point (tests/captions.rs checks
    /// the caption's claims there).
    pub lambda: f64,
    /// The geometry pair the preset opens with (None: the default pair).
    pub pair: Option<(&'static str, &'static str)>,
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
        caption: "Bishop's PRML §1.1: 10 noisy points of sin(2πx). Degree 9 least squares passes through every point and overfits; a little ridge λ (0.001) tames it.",
        csv: include_str!("../../data/bishop_sin_n10.csv"),
        x: "x",
        y: "y",
        // Degree 9 with a small ridge λ: least squares interpolates the 10 points (test MSE 4.7),
        // λ = 1e-3 gives test MSE 0.106, within 1 % of the lowest along the path (the app's
        // opening state).
        degree: 9,
        penalty: Penalty::Ridge,
        lambda: 1e-3,
        pair: None,
        truth: Some(Truth { function: TrueFunction::Sin2Pi, noise: 0.3, formula: "sin(2πx)" }),
        features: &[],
    },
    Preset {
        name: "sin100",
        label: "sin(2πx), 100 points",
        caption: "The same curve with 100 points: now even degree 12 least squares hardly overfits, and λ changes the test error little. More data needs less regularization.",
        csv: include_str!("../../data/bishop_sin_n100.csv"),
        x: "x",
        y: "y",
        // Degree 12, ridge at the same λ as `sin`: with 100 points least squares is already within
        // 5 % of the best test MSE, so the penalty barely matters.
        degree: 12,
        penalty: Penalty::Ridge,
        lambda: 1e-3,
        pair: None,
        truth: Some(Truth { function: TrueFunction::Sin2Pi, noise: 0.3, formula: "sin(2πx)" }),
        features: &[],
    },
    Preset {
        name: "cubic",
        label: "Cubic with outliers",
        caption: "A cubic trend with 5 outliers: degree 15 least squares chases them, and λ pulls it back. The outliers spread the CV error so widely that the one-standard-error rule picks the largest λ: take λ_min here.",
        csv: include_str!("../../data/cubic_outliers.csv"),
        x: "x",
        y: "y",
        // Degree 15: least squares chases the outliers (test MSE 0.80); ridge λ = 0.1 is near the
        // lowest test MSE (0.033 at λ = 0.08), df about 4.
        degree: 15,
        penalty: Penalty::Ridge,
        lambda: 0.1,
        pair: None,
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
        // Degree 20 with a tiny ridge λ: the fit rings at the jump (overshoots 1 by 8 %), and test
        // error only falls as λ falls: no λ makes a step.
        degree: 20,
        penalty: Penalty::Ridge,
        lambda: 1e-6,
        pair: None,
        truth: Some(Truth { function: TrueFunction::Step, noise: 0.1, formula: "1[x > 0.5]" }),
        features: &[],
    },
    Preset {
        name: "runge",
        label: "Runge's function",
        caption: "1/(1 + 25x²) at 15 evenly spaced points: degree 14 least squares swings wildly near the ends (Runge's phenomenon); the faintest ridge λ (1e-7) already calms it.",
        csv: include_str!("../../data/runge.csv"),
        x: "x",
        y: "y",
        // Degree 14 through 15 points: least squares swings to 4.4 near the ends (test MSE 1.3);
        // ridge λ = 1e-7 stays within [0, 0.92] (test MSE 0.005).
        degree: 14,
        penalty: Penalty::Ridge,
        lambda: 1e-7,
        pair: None,
        truth: Some(Truth { function: TrueFunction::Runge, noise: 0.02, formula: "1/(1 + 25x²)" }),
        features: &[],
    },
    Preset {
        name: "textbook",
        label: "Two correlated features",
        caption: "ESL Fig 3.11: two correlated features, where the geometry is the whole model. The lasso's estimate sits on a corner of the diamond (x2 = 0); the Lq ball with q ≤ 1 puts it on an axis too.",
        csv: include_str!("../../data/textbook.csv"),
        x: "x1",
        y: "y",
        // ESL Fig 3.11: the lasso between its two knots (x1 enters at 2.27, x2 at 0.48), so the
        // estimate sits on the diamond's corner, x2 = 0.
        degree: 1,
        penalty: Penalty::Lasso,
        lambda: 0.8,
        pair: Some(("x1", "x2")),
        truth: None,
        features: &["x1", "x2"],
    },
    Preset {
        name: "houses",
        label: "House prices (collinear)",
        caption: "Size and bedrooms say almost the same thing, wall colour says nothing: least squares gives size nearly all the weight, ridge (from λ_1se up) shares it between the twins, the lasso picks one and drops the colour.",
        csv: include_str!("../../data/house_prices.csv"),
        x: "size",
        y: "price",
        // The lasso where it keeps size and age and drops bedrooms (between bedrooms leaving at
        // 7.1 and wall colour entering at 1.4), on the plane of the twins.
        degree: 1,
        penalty: Penalty::Lasso,
        lambda: 4.0,
        pair: Some(("size", "bedrooms")),
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
        // The lasso with 5 of 10 variables in (bmi, s5, bp, s3, sex): half the path's story.
        degree: 1,
        penalty: Penalty::Lasso,
        lambda: 5.0,
        pair: None,
        truth: None,
        features: &["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"],
    },
    Preset {
        name: "prostate",
        label: "Prostate cancer (ESL)",
        caption: "ESL §3.2: eight clinical measures and log PSA for 97 men; the train column keeps ESL's 67/30 split, so test error is ESL's (0.521 for least squares). The lasso here keeps ESL's four: lcavol, lweight, lbph and svi.",
        csv: include_str!("../../data/prostate.csv"),
        x: "lcavol",
        y: "lpsa",
        // The lasso at ESL Table 3.3's model: lcavol, lweight, lbph and svi in, the other four at
        // zero (lbph enters at 0.211, pgg45 at 0.208).
        degree: 1,
        penalty: Penalty::Lasso,
        lambda: 0.21,
        pair: None,
        truth: None,
        features: &["lcavol", "lweight", "age", "lbph", "svi", "lcp", "gleason", "pgg45"],
    },
];

/// The preset with this name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// The first line of a synthetic preset's data after its points were edited: the edited text
/// keeps the preset's true function (and so its fresh test sample) wherever the text goes (undo,
/// storage, a link), and the parser skips it as a comment.
pub const EDITED_MARK: &str = "# edited from the preset ";

/// A synthetic preset's rows as edited text: [`EDITED_MARK`] with its name, then the CSV.
pub fn mark_edited(preset: &Preset, csv: &str) -> String {
    format!("{EDITED_MARK}{}\n{csv}", preset.name)
}

/// The synthetic preset that text was edited from, when its first line says so.
pub fn edited_from(text: &str) -> Option<&'static Preset> {
    let first = text.lines().next()?;
    let name = first.strip_prefix(EDITED_MARK)?.trim();
    find(name).filter(|p| p.truth.is_some())
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

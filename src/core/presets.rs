//! Data sets shipped with the app, so that it never reads anything at run time.

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
    },
    Preset {
        name: "sin100",
        label: "sin(2πx), 100 points",
        caption: "The same curve with 100 points: more data needs less regularization.",
        csv: include_str!("../../data/bishop_sin_n100.csv"),
        x: "x",
        y: "y",
        degree: 12,
    },
    Preset {
        name: "cubic",
        label: "Cubic with outliers",
        caption: "A cubic trend with 5 outliers: watch a high degree chase them, and λ pull it back.",
        csv: include_str!("../../data/cubic_outliers.csv"),
        x: "x",
        y: "y",
        degree: 15,
    },
    Preset {
        name: "step",
        label: "Step",
        caption: "A jump at x = 0.5: polynomials ring near a discontinuity (Gibbs), and no λ makes a step.",
        csv: include_str!("../../data/step.csv"),
        x: "x",
        y: "y",
        degree: 20,
    },
];

/// The preset with this name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

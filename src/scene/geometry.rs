//! The geometry panel's scene: loss contours, the constraint region and the solution on a pair of
//! coefficients, in three lenses (ESL §3.4.3 and Figs 3.11–3.12; the MAP reading of ESL §3.4.1).

use super::runs_where;
use crate::core::geometry::{Region, Slice};

/// How the geometry panel reads the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lens {
    /// RSS contours and the budget region: the solution is where they touch.
    Constrained,
    /// Contours of RSS + λ·penalty: the solution is their minimum.
    Penalized,
    /// Likelihood contours times a Gaussian or Laplace prior: the solution is the posterior mode.
    Bayesian,
}

impl Lens {
    /// The state name: 'constrained', 'penalized' or 'bayesian'.
    pub fn name(self) -> &'static str {
        match self {
            Lens::Constrained => "constrained",
            Lens::Penalized => "penalized",
            Lens::Bayesian => "bayesian",
        }
    }

    /// Parses a state name.
    pub fn from_name(name: &str) -> Option<Lens> {
        match name {
            "constrained" => Some(Lens::Constrained),
            "penalized" => Some(Lens::Penalized),
            "bayesian" => Some(Lens::Bayesian),
            _ => None,
        }
    }
}

/// Everything the geometry panel shows, in (β_i, β_j) coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct GeometryScene {
    /// The lens.
    pub lens: Lens,
    /// Axis labels (the pair's names).
    pub labels: (String, String),
    /// The region's boundary (closed), and its legend.
    pub region: Vec<(f64, f64)>,
    /// The region's legend text.
    pub region_label: String,
    /// RSS (likelihood) contours.
    pub ellipses: Vec<Vec<(f64, f64)>>,
    /// Contours of RSS + λ·penalty (penalized lens) or of the posterior (Bayesian lens), in runs.
    pub objective: Vec<Vec<(f64, f64)>>,
    /// Level sets of the prior (Bayesian lens).
    pub prior: Vec<Vec<(f64, f64)>>,
    /// What the prior is: Laplace (lasso), Gaussian (ridge) or their product (elastic net).
    pub prior_label: String,
    /// The slice's unconstrained minimizer (the centre of the ellipses).
    pub centre: Option<(f64, f64)>,
    /// The estimate the lens explains.
    pub solution: (f64, f64),
    /// The fitted pair, when the lens's estimate is another point (an Lq ball).
    pub fitted: Option<(f64, f64)>,
    /// (β_i, β_j) along the path.
    pub trace: Vec<(f64, f64)>,
    /// The view: x-range and y-range (equal scales are the drawing's job).
    pub bounds: ((f64, f64), (f64, f64)),
    /// Caption.
    pub caption: String,
    /// A remark shown with the caption (e.g. that q < 1 is not convex).
    pub note: Option<String>,
    /// The axis labels: "β for z", "β for z²".
    pub axis_labels: (String, String),
    /// The legend rows of the RSS (likelihood) contours, the objective (posterior) contours and
    /// the path's trace.
    pub legend: GeometryLegend,
    /// The label beside the ellipses' centre.
    pub centre_label: String,
    /// The label beside the estimate.
    pub solution_label: String,
}

/// The legend rows of the geometry panel besides the region's and the prior's.
#[derive(Debug, Clone, PartialEq)]
pub struct GeometryLegend {
    /// The RSS (likelihood) contours.
    pub ellipses: String,
    /// The contours of RSS + λ·penalty (of the posterior).
    pub objective: String,
    /// The path's trace.
    pub trace: String,
}

impl GeometryScene {
    /// The caption with its note, if any, in parentheses: what the panel's title says.
    pub fn title(&self) -> String {
        match &self.note {
            Some(note) => format!("{} ({note})", self.caption),
            None => self.caption.clone(),
        }
    }
}

/// What the geometry scene needs besides the slice.
pub struct GeometryInputs<'a> {
    /// The pair's names.
    pub names: (String, String),
    /// The lens.
    pub lens: Lens,
    /// The region (from the penalty, or an Lq ball).
    pub region: Region,
    /// The penalty's α: an Lq ball is drawn as wide along the axes as the penalty's own region.
    pub penalty_alpha: f64,
    /// λ of the fit (the penalized and Bayesian lenses weigh the penalty by it).
    pub lambda: f64,
    /// The pair along the path.
    pub trace: &'a [(f64, f64)],
    /// A caption prefix, e.g. "Lasso, λ = 0.01".
    pub caption: String,
}

const CONTOUR_POINTS: usize = 240;

/// Level sets of F(b) = L(b) + λ·P(b) for the elastic-net family: in each quadrant F is a
/// quadratic, so each level set is a union of exact ellipse arcs, one per quadrant.
fn objective_contours(slice: &Slice, alpha: f64, lambda: f64, rises: &[f64], minimum: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for signs in [[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]] {
        let ridge = lambda * (1.0 - alpha);
        let quadrant = Slice {
            pair: slice.pair,
            hessian: [
                [slice.hessian[0][0] + ridge, slice.hessian[0][1]],
                [slice.hessian[1][0], slice.hessian[1][1] + ridge],
            ],
            linear: [
                slice.linear[0] - lambda * alpha * signs[0],
                slice.linear[1] - lambda * alpha * signs[1],
            ],
            fitted: slice.fitted,
        };
        let Some(centre) = quadrant.centre() else { continue };
        let floor = quadrant.loss(centre);
        for &rise in rises {
            // F and the quadrant's quadratic differ by the constant part of L only.
            let level = minimum + rise;
            if let Some(ellipse) = quadrant.ellipse(level - floor, CONTOUR_POINTS) {
                out.extend(runs_where(&ellipse, |(x, y)| {
                    x * signs[0] >= 0.0 && y * signs[1] >= 0.0
                }));
            }
        }
    }
    out
}

impl GeometryScene {
    /// Builds the scene for a slice.
    pub fn new(slice: &Slice, inputs: &GeometryInputs) -> GeometryScene {
        let fitted = slice.fitted;
        let region = inputs.region;
        // The penalty's region passes through the fitted pair; an Lq ball gets the same reach
        // along the axes (a ball through the fitted pair would, for small q, reach far out along
        // the axes and hold the unconstrained minimum inside it).
        let budget = match region {
            Region::ElasticNet { .. } => region.value(fitted),
            Region::Lq { q } => {
                let own = Region::ElasticNet {
                    alpha: inputs.penalty_alpha,
                };
                own.radius(0.0, own.value(fitted)).powf(q)
            }
        };
        let centre = slice.centre();
        // The lens's estimate: the fitted pair, or for an Lq ball its own constrained minimizer.
        let (solution, fitted_mark) = match region {
            Region::ElasticNet { .. } => (fitted, None),
            Region::Lq { .. } => (
                slice.constrained_minimizer(&region, budget),
                Some((fitted[0], fitted[1])),
            ),
        };
        let at_solution = slice.loss(solution) - centre.map_or(0.0, |c| slice.loss(c));
        let rises: Vec<f64> = if at_solution > 0.0 {
            [0.25, 1.0, 2.25, 4.0].iter().map(|f| f * at_solution).collect()
        } else {
            [0.05, 0.2, 0.45, 0.8]
                .iter()
                .map(|f| f * (1.0 + solution[0].abs() + solution[1].abs()))
                .collect()
        };
        let ellipses: Vec<Vec<(f64, f64)>> = rises.iter().filter_map(|&r| slice.ellipse(r, CONTOUR_POINTS)).collect();
        let region_points = region.boundary(budget.max(0.0), 480);
        let (objective, prior) = match (inputs.lens, region) {
            (Lens::Constrained, _) => (Vec::new(), Vec::new()),
            (lens, Region::ElasticNet { alpha }) => {
                let minimum = slice.loss(fitted) + inputs.lambda * region.value(fitted);
                let spread = (at_solution.abs() + inputs.lambda * budget).max(1e-12);
                let objective_rises: Vec<f64> = [0.1, 0.4, 0.9, 1.6].iter().map(|f| f * spread).collect();
                let objective = objective_contours(slice, alpha, inputs.lambda, &objective_rises, minimum);
                let prior = if lens == Lens::Bayesian {
                    [0.5, 1.0, 2.0]
                        .iter()
                        .map(|f| region.boundary(budget * f, 240))
                        .collect()
                } else {
                    Vec::new()
                };
                (objective, prior)
            }
            // The Lq lenses other than constrained have no closed form here: show the ball's level sets.
            (_, Region::Lq { .. }) => (
                Vec::new(),
                [0.5, 2.0].iter().map(|f| region.boundary(budget * f, 240)).collect(),
            ),
        };
        // The view: the origin, the region, the solution, the centre and the contour through the
        // solution, squared up. The path's trace is drawn but does not set the view: at small λ it
        // runs far off towards least squares.
        let mut xs: Vec<f64> = vec![0.0, solution[0], fitted[0]];
        let mut ys: Vec<f64> = vec![0.0, solution[1], fitted[1]];
        let through_solution = ellipses.get(1).map(Vec::as_slice).unwrap_or(&[]);
        for &(x, y) in region_points.iter().chain(through_solution) {
            xs.push(x);
            ys.push(y);
        }
        if let Some(c) = centre {
            xs.push(c[0]);
            ys.push(c[1]);
        }
        let (x0, x1) = super::extent(xs.into_iter());
        let (y0, y1) = super::extent(ys.into_iter());
        // Halves, so that coefficients near f64::MAX do not overflow the width.
        let half = (x1 / 2.0 - x0 / 2.0).max(y1 / 2.0 - y0 / 2.0).max(5e-10) * 1.15;
        let (cx, cy) = (x0 / 2.0 + x1 / 2.0, y0 / 2.0 + y1 / 2.0);
        let bounds = (
            super::drawable_range(cx - half, cx + half),
            super::drawable_range(cy - half, cy + half),
        );
        let region_label = match region {
            Region::ElasticNet { alpha } if alpha >= 1.0 => "L1 diamond |βᵢ| + |βⱼ| ≤ t".to_string(),
            Region::ElasticNet { alpha } if alpha <= 0.0 => "L2 disk βᵢ² + βⱼ² ≤ t²".to_string(),
            Region::ElasticNet { alpha } => format!("elastic-net region (α = {alpha:.2})"),
            Region::Lq { q } => format!("Lq ball, q = {q:.2}, as wide as the penalty's region"),
        };
        let note = match (region, centre) {
            (Region::Lq { q }, _) if q < 1.0 => Some("q < 1: the region is not convex".to_string()),
            (_, None) => Some("these two features are collinear: the contours are parallel lines".to_string()),
            _ => None,
        };
        let lens_text = match inputs.lens {
            Lens::Constrained => "contours of RSS touch the region at the estimate",
            Lens::Penalized => "contours of RSS + λ·penalty; their minimum is the estimate",
            Lens::Bayesian => "likelihood × prior; the posterior mode is the estimate",
        };
        let bayesian = inputs.lens == Lens::Bayesian;
        GeometryScene {
            lens: inputs.lens,
            labels: inputs.names.clone(),
            axis_labels: (format!("β for {}", inputs.names.0), format!("β for {}", inputs.names.1)),
            legend: GeometryLegend {
                ellipses: if bayesian {
                    "likelihood contours"
                } else {
                    "RSS contours"
                }
                .to_string(),
                objective: if bayesian {
                    "posterior contours"
                } else {
                    "RSS + λ·penalty contours"
                }
                .to_string(),
                trace: "path as λ moves".to_string(),
            },
            centre_label: "least squares".to_string(),
            solution_label: "estimate".to_string(),
            region: region_points,
            region_label,
            ellipses,
            objective,
            prior_label: match region {
                Region::ElasticNet { alpha } if alpha >= 1.0 => "Laplace prior (level sets)".to_string(),
                Region::ElasticNet { alpha } if alpha <= 0.0 => "Gaussian prior (level sets)".to_string(),
                Region::ElasticNet { .. } => "Laplace × Gaussian prior (level sets)".to_string(),
                Region::Lq { .. } => "level sets of |β|^q".to_string(),
            },
            prior,
            centre: centre.map(|c| (c[0], c[1])),
            solution: (solution[0], solution[1]),
            fitted: fitted_mark,
            trace: inputs.trace.to_vec(),
            bounds,
            caption: format!("{}: {lens_text}", inputs.caption),
            note,
        }
    }
}

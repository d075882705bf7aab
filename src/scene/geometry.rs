//! The geometry panel's scene: loss contours, the constraint region and the solution on a pair of
//! coefficients, in three lenses (ESL §3.4.3 and Figs 3.11–3.12; the MAP reading of ESL §3.4.1).
//!
//! Contour levels are chosen relative to the contour through the estimate, the one that touches
//! the region, so that every data set shows rings: a quadratic's contour at height r above its
//! minimum has semi-axes √(2r/e) along its eigenvectors (e the eigenvalues of its Hessian), so the
//! levels minimum + r*·s² draw rings s times the touching one's size; three inside it, and up to
//! six outside, evenly spaced until they cover the view.

use super::runs_where;
use crate::core::geometry::{Region, Slice};
use crate::format::format_number;

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
    /// The loss on the pair's plane that every contour is a level set of (tests evaluate it).
    pub slice: Slice,
    /// The region's boundary (closed); empty for OLS, which has no region.
    pub region: Vec<(f64, f64)>,
    /// The region's legend text.
    pub region_label: String,
    /// The RSS (likelihood) contour through the estimate, which touches the region there; empty
    /// when the estimate is the slice minimum itself (OLS, or a region holding the minimum).
    pub touching: Vec<(f64, f64)>,
    /// RSS (likelihood) contours at the other levels, inside and outside the touching one.
    pub ellipses: Vec<Vec<(f64, f64)>>,
    /// Contours of RSS + λ·penalty (penalized lens) or of the posterior (Bayesian lens), in runs.
    pub objective: Vec<Vec<(f64, f64)>>,
    /// Level sets of the prior (Bayesian lens).
    pub prior: Vec<Vec<(f64, f64)>>,
    /// What the prior is: Laplace (lasso), Gaussian (ridge) or their product (elastic net).
    pub prior_label: String,
    /// The slice's unconstrained minimizer (the centre of the ellipses): the best pair with the
    /// other coefficients held at their fitted values.
    pub centre: Option<(f64, f64)>,
    /// The estimate the lens explains.
    pub solution: (f64, f64),
    /// The fitted pair, when the lens's estimate is another point (an Lq ball).
    pub fitted: Option<(f64, f64)>,
    /// (β_i, β_j) along the path.
    pub trace: Vec<(f64, f64)>,
    /// The view: x-range and y-range (equal scales are the drawing's job).
    pub bounds: ((f64, f64), (f64, f64)),
    /// Whether the view is zoomed in on the estimate, because the touching contour would be too
    /// small to see beside the whole region.
    pub zoomed: bool,
    /// Caption.
    pub caption: String,
    /// A remark shown with the caption (e.g. that q < 1 is not convex).
    pub note: Option<String>,
    /// The axis labels: "β for z", "β for z²".
    pub axis_labels: (String, String),
    /// The legend rows of the RSS (likelihood) contours, the objective (posterior) contours and
    /// the path's trace.
    pub legend: GeometryLegend,
    /// The label beside the ellipses' centre (empty when it is the estimate).
    pub centre_label: String,
    /// The label beside the estimate.
    pub solution_label: String,
}

/// The legend rows of the geometry panel besides the region's and the prior's.
#[derive(Debug, Clone, PartialEq)]
pub struct GeometryLegend {
    /// The contour through the estimate, which touches the region.
    pub touching: String,
    /// The RSS (likelihood) contours.
    pub ellipses: String,
    /// The contours of RSS + λ·penalty (of the posterior).
    pub objective: String,
    /// The path's trace.
    pub trace: String,
    /// What the slice minimum is, in full (empty when it is the estimate): the panel's text
    /// alternative says it; the panel says "slice minimum".
    pub centre: String,
}

impl GeometryScene {
    /// The caption with its note, if any, in parentheses: what the panel's title says.
    pub fn title(&self) -> String {
        match &self.note {
            Some(note) => format!("{} ({note})", self.caption),
            None => self.caption.clone(),
        }
    }

    /// The widths of the touching contour and of the region, each as a share of the view's
    /// width (0 for what is not drawn): how well each can be seen.
    pub fn shares(&self) -> (f64, f64) {
        let view = self.bounds.0 .1 - self.bounds.0 .0;
        let share = |points: &[(f64, f64)]| {
            let ((x0, x1), (y0, y1)) = bbox(points);
            let size = (x1 - x0).max(y1 - y0);
            if size.is_finite() && view > 0.0 {
                size / view
            } else {
                0.0
            }
        };
        (share(&self.touching), share(&self.region))
    }

    /// Whether the estimate sits on a corner of the region: exactly one coordinate zero, with a
    /// region drawn and a contour touching it there (only a region with corners on the axes, an
    /// L1 share or q ≤ 1, puts an estimate there but by coincidence).
    pub fn on_corner(&self) -> bool {
        let (b1, b2) = self.solution;
        !self.region.is_empty() && !self.touching.is_empty() && (b1 == 0.0) != (b2 == 0.0)
    }

    /// The panel's text alternative: what is drawn, in words.
    pub fn description(&self) -> String {
        let point = |(x, y): (f64, f64)| format!("({}, {})", format_number(x, 3), format_number(y, 3));
        let mut parts = vec![format!(
            "{}. Across: {}; up: {}{}",
            self.title(),
            self.axis_labels.0,
            self.axis_labels.1,
            if self.zoomed {
                "; the view is zoomed in on the estimate"
            } else {
                ""
            }
        )];
        parts.push(if self.region.is_empty() {
            "no region: OLS has no penalty".to_string()
        } else {
            format!("shaded: the {}", self.region_label)
        });
        let rings = self.ellipses.len() + usize::from(!self.touching.is_empty());
        let around = match self.centre {
            Some(c) if !self.centre_label.is_empty() => {
                format!(
                    " around the {} × at {}, {}",
                    self.centre_label,
                    point(c),
                    self.legend.centre
                )
            }
            Some(c) => format!(" around {}", point(c)),
            None => String::new(),
        };
        parts.push(format!("{rings} {}{around}", self.legend.ellipses));
        if !self.touching.is_empty() {
            parts.push(format!("the thick one is the {}", self.legend.touching));
        }
        if !self.objective.is_empty() {
            parts.push(format!("{} have their minimum at the estimate", self.legend.objective));
        }
        if !self.prior.is_empty() {
            parts.push(format!("dashed orange: {}", self.prior_label));
        }
        if !self.trace.is_empty() {
            parts.push(format!("dashed purple: the {}", self.legend.trace));
        }
        if let Some(fitted) = self.fitted {
            parts.push(format!("a ring marks the penalty's own estimate at {}", point(fitted)));
        }
        parts.push(format!("the {} is at {}", self.solution_label, point(self.solution)));
        format!("{}.", parts.join("; "))
    }
}

/// What the geometry scene needs besides the slice.
pub struct GeometryInputs<'a> {
    /// The pair's names.
    pub names: (String, String),
    /// The lens.
    pub lens: Lens,
    /// The region (from the penalty, or an Lq ball); None for OLS, which has none.
    pub region: Option<Region>,
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
/// Radius multiples of the rings inside the unit ring (the touching one).
const INNER: [f64; 3] = [0.25, 0.5, 0.75];
/// At most this many rings outside the unit ring.
const OUTER: usize = 6;
/// The view zooms in on the estimate when the touching contour would span less than this share
/// of a view holding the whole region.
const ZOOM_BELOW: f64 = 0.08;
/// The share of a zoomed view that the touching contour spans.
const ZOOMED_SHARE: f64 = 0.4;

/// The bounding box of some points: ((x0, x1), (y0, y1)); infinite and empty for none.
fn bbox(points: &[(f64, f64)]) -> ((f64, f64), (f64, f64)) {
    (
        super::extent(points.iter().map(|p| p.0)),
        super::extent(points.iter().map(|p| p.1)),
    )
}

/// Radius multiples s of the rings at levels minimum + unit·s²: three inside the unit ring, the
/// unit ring, and up to [`OUTER`] outside, evenly spaced (at least half a unit apart) until one
/// passes `reach`, the multiple whose ring covers the view.
fn ring_multiples(reach: f64) -> Vec<f64> {
    let reach = if reach.is_finite() { reach.clamp(1.0, 1e6) } else { 1e6 };
    let step = ((reach - 1.0) / OUTER as f64).max(0.5);
    let outer = (1..=OUTER)
        .map(|k| 1.0 + k as f64 * step)
        .take_while(|s| s - step < reach);
    INNER.iter().copied().chain(std::iter::once(1.0)).chain(outer).collect()
}

/// The height above its minimum of the quadratic ½·dᵀHd at d (exact: no difference of losses).
fn rise_at(hessian: &[[f64; 2]; 2], d: [f64; 2]) -> f64 {
    0.5 * (hessian[0][0] * d[0] * d[0] + 2.0 * hessian[0][1] * d[0] * d[1] + hessian[1][1] * d[1] * d[1])
}

/// How many multiples of the unit ring it takes to cover the view from `from`: the farthest
/// corner of the view over the unit ring's shorter semi-axis √(2·unit/e₁).
fn reach(bounds: ((f64, f64), (f64, f64)), from: [f64; 2], unit: f64, largest_eigenvalue: f64) -> f64 {
    let ((x0, x1), (y0, y1)) = bounds;
    let far = (from[0] - x0)
        .abs()
        .max((from[0] - x1).abs())
        .hypot((from[1] - y0).abs().max((from[1] - y1).abs()));
    far / (2.0 * unit / largest_eigenvalue).sqrt()
}

/// The slice of F(b) = L(b) + λ·P(b) in the quadrant of `signs`, where F is the quadratic
/// ½·bᵀ(H + λ(1−α)I)b − (g − λα·signs)ᵀb (glmnet's objective on the pair, CONVENTIONS.md).
fn quadrant(slice: &Slice, alpha: f64, lambda: f64, signs: [f64; 2]) -> Slice {
    let ridge = lambda * (1.0 - alpha);
    Slice {
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
    }
}

/// Level sets of F(b) = L(b) + λ·P(b) for the elastic-net family: in each quadrant F is a
/// quadratic, so each level set is a union of exact ellipse arcs, one per quadrant.
fn objective_contours(slice: &Slice, alpha: f64, lambda: f64, rises: &[f64], minimum: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    for signs in [[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]] {
        let quadrant = quadrant(slice, alpha, lambda, signs);
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

/// A square view around some points, padded by 15 %, as drawable ranges.
fn square_view(points: impl Iterator<Item = (f64, f64)> + Clone) -> ((f64, f64), (f64, f64)) {
    let (x0, x1) = super::extent(points.clone().map(|p| p.0));
    let (y0, y1) = super::extent(points.map(|p| p.1));
    square_around(((x0, x1), (y0, y1)), 1.15)
}

/// The square that holds a box, widened by `factor`, as drawable ranges.
fn square_around(((x0, x1), (y0, y1)): ((f64, f64), (f64, f64)), factor: f64) -> ((f64, f64), (f64, f64)) {
    // Halves, so that coefficients near f64::MAX do not overflow the width.
    let half = (x1 / 2.0 - x0 / 2.0).max(y1 / 2.0 - y0 / 2.0).max(5e-10) * factor;
    let (cx, cy) = (x0 / 2.0 + x1 / 2.0, y0 / 2.0 + y1 / 2.0);
    (
        super::drawable_range(cx - half, cx + half),
        super::drawable_range(cy - half, cy + half),
    )
}

impl GeometryScene {
    /// Builds the scene for a slice.
    pub fn new(slice: &Slice, inputs: &GeometryInputs) -> GeometryScene {
        let fitted = slice.fitted;
        // The penalty's region passes through the fitted pair; an Lq ball gets the same reach
        // along the axes (a ball through the fitted pair would, for small q, reach far out along
        // the axes and hold the unconstrained minimum inside it).
        let budget = match inputs.region {
            Some(region @ Region::ElasticNet { .. }) => region.value(fitted),
            Some(Region::Lq { q }) => {
                let own = Region::ElasticNet {
                    alpha: inputs.penalty_alpha,
                };
                own.radius(0.0, own.value(fitted)).powf(q)
            }
            None => 0.0,
        };
        let centre = slice.centre();
        // The lens's estimate: the fitted pair, or for an Lq ball its own constrained minimizer.
        let (solution, fitted_mark) = match inputs.region {
            Some(region @ Region::Lq { .. }) => (
                slice.constrained_minimizer(&region, budget),
                Some((fitted[0], fitted[1])),
            ),
            _ => (fitted, None),
        };
        let region_points = match inputs.region {
            Some(region) => region.boundary(budget.max(0.0), 480),
            None => Vec::new(),
        };
        let ([e1, e2], _) = slice.eigen();
        // The touching contour: L at the estimate, r* above the slice minimum.
        let touching_rise = match (centre, inputs.region) {
            (Some(c), Some(_)) => rise_at(&slice.hessian, [solution[0] - c[0], solution[1] - c[1]]),
            _ => 0.0,
        };
        let finite = |ring: &Vec<(f64, f64)>| ring.iter().all(|p| p.0.is_finite() && p.1.is_finite());
        let touching = if touching_rise > 0.0 && touching_rise.is_finite() {
            slice
                .ellipse(touching_rise, CONTOUR_POINTS * 2)
                .filter(finite)
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        // The whole picture: the origin, the region, the estimate, the slice minimum and the
        // touching contour. The path's trace is drawn but does not set the view: at small λ it
        // runs far off towards least squares.
        let mut marks = vec![(0.0, 0.0), (solution[0], solution[1]), (fitted[0], fitted[1])];
        marks.extend(centre.map(|c| (c[0], c[1])));
        if inputs.region.is_none() {
            // No region to show: the estimate in the middle, the origin still in view.
            marks.push((2.0 * solution[0], 2.0 * solution[1]));
        }
        let whole = square_view(marks.iter().chain(&region_points).chain(&touching).copied());
        let ((tx0, tx1), (ty0, ty1)) = bbox(&touching);
        let touching_size = (tx1 - tx0).max(ty1 - ty0);
        let zoomed = !touching.is_empty() && touching_size < ZOOM_BELOW * (whole.0 .1 - whole.0 .0);
        let bounds = if zoomed {
            square_around(((tx0, tx1), (ty0, ty1)), 1.0 / ZOOMED_SHARE)
        } else {
            whole
        };
        // RSS rings: levels r*·s² around the slice minimum, or, with no touching contour, rings
        // whose long semi-axis is a sixth of the view.
        let half_view = (bounds.0 .1 - bounds.0 .0) / 2.0;
        let unit = if touching_rise > 0.0 {
            touching_rise
        } else {
            0.5 * e2 * (half_view / 3.0).powi(2)
        };
        let ellipses: Vec<Vec<(f64, f64)>> = match centre {
            Some(c) if unit > 0.0 && e1 > 0.0 => ring_multiples(reach(bounds, c, unit, e1))
                .into_iter()
                .filter(|&s| s != 1.0 || touching.is_empty())
                .filter_map(|s| slice.ellipse(unit * s * s, CONTOUR_POINTS).filter(finite))
                .collect(),
            _ => Vec::new(),
        };
        let (objective, prior) = match (inputs.lens, inputs.region) {
            (Lens::Constrained, _) | (_, None) => (Vec::new(), Vec::new()),
            (lens, Some(region @ Region::ElasticNet { alpha })) => {
                let minimum = slice.loss(fitted) + inputs.lambda * region.value(fitted);
                // Rings of F through the slice minimum and around it, minimum + ΔF·s².
                let shape = quadrant(slice, alpha, inputs.lambda, [1.0, 1.0]);
                let ([f1, f2], _) = shape.eigen();
                let through_centre = centre.map_or(0.0, |c| slice.loss(c) + inputs.lambda * region.value(c) - minimum);
                let unit = if through_centre > 0.0 {
                    through_centre
                } else {
                    0.5 * f2.max(f1 * 1e-6) * (half_view / 3.0).powi(2)
                };
                let rises: Vec<f64> = if unit > 0.0 && f1 > 0.0 {
                    ring_multiples(reach(bounds, fitted, unit, f1))
                        .into_iter()
                        .map(|s| unit * s * s)
                        .collect()
                } else {
                    Vec::new()
                };
                let objective = objective_contours(slice, alpha, inputs.lambda, &rises, minimum);
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
            (_, Some(region @ Region::Lq { .. })) => (
                Vec::new(),
                [0.5, 2.0].iter().map(|f| region.boundary(budget * f, 240)).collect(),
            ),
        };
        let region_label = match inputs.region {
            None => String::new(),
            Some(Region::ElasticNet { alpha }) if alpha >= 1.0 => "L1 diamond |βᵢ| + |βⱼ| ≤ t".to_string(),
            Some(Region::ElasticNet { alpha }) if alpha <= 0.0 => "L2 disk βᵢ² + βⱼ² ≤ t²".to_string(),
            Some(Region::ElasticNet { alpha }) => format!("elastic-net region (α = {alpha:.2})"),
            Some(Region::Lq { q }) => format!("Lq ball, q = {q:.2}, as wide as the penalty's region"),
        };
        let mut notes = Vec::new();
        if let Some(Region::Lq { q }) = inputs.region {
            if q < 1.0 {
                notes.push("q < 1: the region is not convex");
            }
        }
        if centre.is_none() {
            notes.push("these two features are collinear: the contours are parallel lines");
        }
        if zoomed {
            notes.push("zoomed in on the estimate");
        }
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        let ols = inputs.region.is_none();
        let lens_text = match inputs.lens {
            _ if ols => "no penalty, so no region: the estimate is the centre of the RSS contours",
            Lens::Constrained => "contours of RSS touch the region at the estimate",
            Lens::Penalized => "contours of RSS + λ·penalty; their minimum is the estimate",
            Lens::Bayesian => "likelihood × prior; the posterior mode is the estimate",
        };
        let bayesian = inputs.lens == Lens::Bayesian && !ols;
        let contours = if bayesian { "likelihood" } else { "RSS" };
        GeometryScene {
            lens: inputs.lens,
            labels: inputs.names.clone(),
            slice: slice.clone(),
            axis_labels: (format!("β for {}", inputs.names.0), format!("β for {}", inputs.names.1)),
            legend: GeometryLegend {
                touching: format!("{contours} contour through the estimate: touches the region"),
                ellipses: format!("{contours} contours"),
                objective: if bayesian {
                    "posterior contours"
                } else {
                    "RSS + λ·penalty contours"
                }
                .to_string(),
                trace: "path as λ moves".to_string(),
                centre: if ols {
                    String::new()
                } else {
                    "the best point with the others held at their fitted values".to_string()
                },
            },
            centre_label: if ols {
                String::new()
            } else {
                "slice minimum".to_string()
            },
            solution_label: if ols {
                "least-squares estimate".to_string()
            } else {
                "estimate".to_string()
            },
            region: region_points,
            region_label,
            touching,
            ellipses,
            objective,
            prior_label: match inputs.region {
                Some(Region::ElasticNet { alpha }) if alpha >= 1.0 => "Laplace prior (level sets)".to_string(),
                Some(Region::ElasticNet { alpha }) if alpha <= 0.0 => "Gaussian prior (level sets)".to_string(),
                Some(Region::ElasticNet { .. }) => "Laplace × Gaussian prior (level sets)".to_string(),
                Some(Region::Lq { .. }) => "level sets of |β|^q".to_string(),
                None => String::new(),
            },
            prior,
            centre: centre.map(|c| (c[0], c[1])),
            solution: (solution[0], solution[1]),
            fitted: fitted_mark,
            trace: inputs.trace.to_vec(),
            bounds,
            zoomed,
            caption: format!("{}: {lens_text}", inputs.caption),
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rings_sit_inside_at_and_outside_the_unit_ring() {
        for (reach, expected) in [
            (1.0, vec![0.25, 0.5, 0.75, 1.0]),
            (2.2, vec![0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5]),
            (7.0, vec![0.25, 0.5, 0.75, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
            (f64::INFINITY, vec![0.25, 0.5, 0.75, 1.0]),
        ] {
            let got = ring_multiples(reach);
            if reach.is_finite() {
                assert_eq!(got, expected, "reach {reach}");
            } else {
                assert_eq!(got.len(), 10, "reach {reach}: {got:?}");
            }
        }
    }
}

//! The constraint picture, computed exactly from the data (ESL §3.4.3, Figs 3.11 and 3.12).
//!
//! On a pair of coefficients (β_i, β_j), with every other coefficient held at its fitted value, the
//! loss 1/(2n)·‖ỹ − Xs·w‖² is a 2-D quadratic L(b) = ½·bᵀHb − gᵀb + const, with H the 2 × 2 block of
//! XsᵀXs/n. Its contours are ellipses around the slice's unconstrained minimizer H⁻¹g. The
//! penalty restricted to the pair, P(b) = α(|b₁|+|b₂|) + (1−α)/2·(b₁²+b₂²), bounds a region whose
//! budget is P at the fitted pair; the KKT conditions make ∇L = −λ·∇P there, so the contour through
//! the solution touches the region exactly at the solution.

use super::solver::{entry, Problem};

/// A shape of constraint region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Region {
    /// The elastic-net family: α = 1 is the L1 diamond, α = 0 the L2 disk.
    ElasticNet {
        /// The L1 share.
        alpha: f64,
    },
    /// |b₁|^q + |b₂|^q ≤ t, for q > 0 (ESL Fig 3.12); not convex for q < 1.
    Lq {
        /// The exponent.
        q: f64,
    },
}

impl Region {
    /// The region's function: P(b) for the elastic-net family, |b₁|^q + |b₂|^q for Lq.
    pub fn value(&self, b: [f64; 2]) -> f64 {
        match *self {
            Region::ElasticNet { alpha } => {
                alpha * (b[0].abs() + b[1].abs()) + (1.0 - alpha) / 2.0 * (b[0] * b[0] + b[1] * b[1])
            }
            Region::Lq { q } => b[0].abs().powf(q) + b[1].abs().powf(q),
        }
    }

    /// The distance from 0 to the boundary {value = budget} in the direction of angle θ.
    pub fn radius(&self, theta: f64, budget: f64) -> f64 {
        let (c, s) = (theta.cos().abs(), theta.sin().abs());
        match *self {
            Region::ElasticNet { alpha } => {
                let a = c + s;
                if alpha >= 1.0 {
                    budget / a
                } else {
                    let ridge = 1.0 - alpha;
                    (-alpha * a + (alpha * alpha * a * a + 2.0 * ridge * budget).sqrt()) / ridge
                }
            }
            Region::Lq { q } => (budget / (c.powf(q) + s.powf(q))).powf(1.0 / q),
        }
    }

    /// The boundary as a closed polygon of `count` points (corners on the axes included).
    pub fn boundary(&self, budget: f64, count: usize) -> Vec<(f64, f64)> {
        let count = count.max(8) / 4 * 4;
        (0..=count)
            .map(|k| {
                let theta = std::f64::consts::TAU * k as f64 / count as f64;
                let r = self.radius(theta, budget);
                (r * theta.cos(), r * theta.sin())
            })
            .collect()
    }

    /// Whether the region is convex (q ≥ 1, or the elastic-net family).
    pub fn is_convex(&self) -> bool {
        match *self {
            Region::ElasticNet { .. } => true,
            Region::Lq { q } => q >= 1.0,
        }
    }
}

/// The loss restricted to the plane of (β_i, β_j): L(b) = ½·bᵀHb − gᵀb + c.
#[derive(Debug, Clone, PartialEq)]
pub struct Slice {
    /// The pair's feature indices.
    pub pair: (usize, usize),
    /// H, the 2 × 2 block of XsᵀXs/n.
    pub hessian: [[f64; 2]; 2],
    /// g = Xs_pairᵀỹ/n − Xs_pairᵀXs_rest·w_rest/n.
    pub linear: [f64; 2],
    /// The fitted coefficients of the pair.
    pub fitted: [f64; 2],
}

impl Slice {
    /// The slice through the standardized coefficients `w` (in the units of y).
    pub fn new(problem: &Problem, w: &[f64], pair: (usize, usize)) -> Option<Slice> {
        let (i, j) = pair;
        let p = problem.n_features();
        if i >= p || j >= p || i == j || w.len() != p {
            return None;
        }
        let scale = problem.y_scale;
        let g = |a: usize| {
            let rest: f64 = (0..p)
                .filter(|&k| k != i && k != j)
                .map(|k| entry(&problem.gram, a, k) * w.get(k).copied().unwrap_or(0.0))
                .sum();
            problem.xty.get(a).copied().unwrap_or(0.0) * scale - rest
        };
        Some(Slice {
            pair,
            hessian: [
                [entry(&problem.gram, i, i), entry(&problem.gram, i, j)],
                [entry(&problem.gram, j, i), entry(&problem.gram, j, j)],
            ],
            linear: [g(i), g(j)],
            fitted: [w.get(i).copied().unwrap_or(0.0), w.get(j).copied().unwrap_or(0.0)],
        })
    }

    /// L(b) up to its constant.
    pub fn loss(&self, b: [f64; 2]) -> f64 {
        let h = &self.hessian;
        0.5 * (h[0][0] * b[0] * b[0] + 2.0 * h[0][1] * b[0] * b[1] + h[1][1] * b[1] * b[1])
            - self.linear[0] * b[0]
            - self.linear[1] * b[1]
    }

    /// ∇L(b) = Hb − g.
    pub fn gradient(&self, b: [f64; 2]) -> [f64; 2] {
        let h = &self.hessian;
        [
            h[0][0] * b[0] + h[0][1] * b[1] - self.linear[0],
            h[1][0] * b[0] + h[1][1] * b[1] - self.linear[1],
        ]
    }

    /// The eigenvalues (descending) and unit eigenvectors of H.
    pub fn eigen(&self) -> ([f64; 2], [[f64; 2]; 2]) {
        let h = &self.hessian;
        let (a, b, d) = (h[0][0], h[0][1], h[1][1]);
        let mean = (a + d) / 2.0;
        let spread = (((a - d) / 2.0).powi(2) + b * b).sqrt();
        let (e1, e2) = (mean + spread, (mean - spread).max(0.0));
        let v1 = if b.abs() > 1e-300 {
            let v = [e1 - d, b];
            let norm = v[0].hypot(v[1]);
            [v[0] / norm, v[1] / norm]
        } else if a >= d {
            [1.0, 0.0]
        } else {
            [0.0, 1.0]
        };
        ([e1, e2], [v1, [-v1[1], v1[0]]])
    }

    /// The unconstrained minimizer H⁻¹g (None when H is singular: the pair is collinear).
    pub fn centre(&self) -> Option<[f64; 2]> {
        let h = &self.hessian;
        let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        let scale = (h[0][0] * h[1][1]).abs().max(f64::MIN_POSITIVE);
        if det.abs() <= 1e-12 * scale || !det.is_finite() {
            return None;
        }
        Some([
            (h[1][1] * self.linear[0] - h[0][1] * self.linear[1]) / det,
            (h[0][0] * self.linear[1] - h[1][0] * self.linear[0]) / det,
        ])
    }

    /// The contour {L = L(centre) + rise} as a closed polygon of `count` points.
    pub fn ellipse(&self, rise: f64, count: usize) -> Option<Vec<(f64, f64)>> {
        let centre = self.centre()?;
        let ([e1, e2], [v1, v2]) = self.eigen();
        if e2 <= 0.0 || rise <= 0.0 {
            return None;
        }
        let (a, b) = ((2.0 * rise / e1).sqrt(), (2.0 * rise / e2).sqrt());
        Some(
            (0..=count)
                .map(|k| {
                    let t = std::f64::consts::TAU * k as f64 / count as f64;
                    let (u, v) = (a * t.cos(), b * t.sin());
                    (centre[0] + u * v1[0] + v * v2[0], centre[1] + u * v1[1] + v * v2[1])
                })
                .collect(),
        )
    }

    /// The minimizer of L on the region {value ≤ budget}: the centre if it lies inside, else
    /// the best point of the boundary, found by a scan over 7 200 angles refined by golden
    /// section (the boundary is 1-D, so this is exact to rounding even for non-convex q < 1).
    pub fn constrained_minimizer(&self, region: &Region, budget: f64) -> [f64; 2] {
        if let Some(centre) = self.centre() {
            if region.value(centre) <= budget {
                return centre;
            }
        }
        let point = |theta: f64| {
            let r = region.radius(theta, budget);
            [r * theta.cos(), r * theta.sin()]
        };
        let steps = 7_200;
        let step = std::f64::consts::TAU / steps as f64;
        let best = (0..steps)
            .map(|k| k as f64 * step)
            .min_by(|a, b| self.loss(point(*a)).total_cmp(&self.loss(point(*b))))
            .unwrap_or(0.0);
        let (mut lo, mut hi) = (best - step, best + step);
        let golden = (5f64.sqrt() - 1.0) / 2.0;
        for _ in 0..80 {
            let m1 = hi - golden * (hi - lo);
            let m2 = lo + golden * (hi - lo);
            if self.loss(point(m1)) <= self.loss(point(m2)) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        let refined = point((lo + hi) / 2.0);
        let found = [refined, point(best)]
            .into_iter()
            .min_by(|a, b| self.loss(*a).total_cmp(&self.loss(*b)))
            .unwrap_or(refined);
        // The corners on the axes, exactly on them (cos(π/2) is not exactly 0).
        let quarter = std::f64::consts::FRAC_PI_2;
        let corners = [
            (0.0, [1.0, 0.0]),
            (1.0, [0.0, 1.0]),
            (2.0, [-1.0, 0.0]),
            (3.0, [0.0, -1.0]),
        ]
        .map(|(k, [c, s])| {
            let r = region.radius(k * quarter, budget);
            [c * r, s * r]
        });
        let Some(corner) = corners
            .into_iter()
            .min_by(|a, b| self.loss(*a).total_cmp(&self.loss(*b)))
        else {
            return found;
        };
        // Where the region has corners on the axes (q ≤ 1, any L1 share), a corner the scan
        // cannot beat by more than rounding is the answer, kept exact: a scan point a rounding
        // error better would put a sparse estimate 10⁻¹⁶ off its axis.
        let (corner_loss, found_loss) = (self.loss(corner), self.loss(found));
        let cornered = match *region {
            Region::ElasticNet { alpha } => alpha > 0.0,
            Region::Lq { q } => q <= 1.0,
        };
        let rounding = 1e-12 * corner_loss.abs().max(found_loss.abs()).max(f64::MIN_POSITIVE);
        if corner_loss <= found_loss || (cornered && corner_loss <= found_loss + rounding) {
            corner
        } else {
            found
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_boundaries_have_the_right_value() {
        for region in [
            Region::ElasticNet { alpha: 1.0 },
            Region::ElasticNet { alpha: 0.0 },
            Region::ElasticNet { alpha: 0.4 },
            Region::Lq { q: 0.5 },
            Region::Lq { q: 3.0 },
        ] {
            for (x, y) in region.boundary(0.7, 64) {
                assert!((region.value([x, y]) - 0.7).abs() < 1e-12, "{region:?} at ({x}, {y})");
            }
        }
        assert!(!Region::Lq { q: 0.5 }.is_convex() && Region::Lq { q: 1.0 }.is_convex());
    }

    #[test]
    fn l1_diamond_has_corners_on_the_axes() {
        let b = Region::ElasticNet { alpha: 1.0 }.boundary(2.0, 8);
        assert!((b[0].0 - 2.0).abs() < 1e-12 && b[0].1.abs() < 1e-12);
        assert!(b[2].0.abs() < 1e-12 && (b[2].1 - 2.0).abs() < 1e-12);
    }
}

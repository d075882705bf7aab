//! A singular value decomposition for the small matrices the solvers reduce to (at most 21
//! columns), by one-sided Jacobi rotations (Hestenes 1958; Demmel & Veselić 1992).
//!
//! Why not nalgebra's `SVD`: its implicit-shift QR can return wrong singular values and vectors
//! when a singular value is at rounding level (nalgebra issue #1072), which is exactly the case of
//! collinear polynomial features (z and z³ when x takes two values). One-sided Jacobi has no
//! deflation step to get wrong, handles zero columns, and computes small singular values to high
//! relative accuracy. The cost, O(k³) per sweep for k ≤ 21 columns, is negligible.

use nalgebra::{DMatrix, DVector};

/// Cap on Jacobi sweeps; convergence is quadratic and takes well under 20 in practice.
const MAX_SWEEPS: usize = 80;

/// A = U·diag(σ)·Vᵀ for an m × k matrix A.
#[derive(Debug, Clone, PartialEq)]
pub struct Svd {
    /// m × k; column j is A·v_j/σ_j, or zero where σ_j = 0.
    pub u: DMatrix<f64>,
    /// The k singular values, in descending order.
    pub singular_values: DVector<f64>,
    /// k × k, orthogonal.
    pub v_t: DMatrix<f64>,
}

/// The SVD of `a`, or None if it holds a non-finite value or the sweeps do not converge.
pub fn svd(a: &DMatrix<f64>) -> Option<Svd> {
    if a.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let (m, k) = a.shape();
    // A column this small is rounding noise: it is not rotated against the others (it would pick
    // up fresh rounding from them forever) and it counts as a zero singular value.
    let noise = f64::EPSILON * (m.max(k) as f64) * a.norm();
    // Columns count as orthogonal at this cosine (LAPACK's dgesvj uses √m·ε).
    let orthogonal = f64::EPSILON * (m as f64).sqrt().max(1.0);
    // Plain column vectors: the rotations run on contiguous slices.
    let mut work: Vec<Vec<f64>> = a.column_iter().map(|c| c.iter().copied().collect()).collect();
    let mut v: Vec<Vec<f64>> = (0..k)
        .map(|j| (0..k).map(|i| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    let mut norms: Vec<f64> = work.iter().map(|c| dot(c, c)).collect();
    let mut converged = false;
    for _ in 0..MAX_SWEEPS {
        let mut rotated = false;
        for p in 0..k {
            for q in (p + 1)..k {
                let (Some(&alpha), Some(&beta)) = (norms.get(p), norms.get(q)) else {
                    continue;
                };
                let Some((cp, cq)) = pair(&mut work, p, q) else {
                    continue;
                };
                let gamma = dot(cp, cq);
                let negligible = alpha.min(beta).sqrt() <= noise;
                if negligible || gamma == 0.0 || gamma.abs() <= orthogonal * (alpha * beta).sqrt() {
                    continue;
                }
                rotated = true;
                let zeta = (beta - alpha) / (2.0 * gamma);
                let t = zeta.signum() / (zeta.abs() + zeta.hypot(1.0));
                let c = 1.0 / t.hypot(1.0);
                let s = c * t;
                rotate(cp, cq, c, s);
                // The exact update keeps the norms without recomputing them (Hestenes).
                if let Some(np) = norms.get_mut(p) {
                    *np = alpha - t * gamma;
                }
                if let Some(nq) = norms.get_mut(q) {
                    *nq = beta + t * gamma;
                }
                if let Some((vp, vq)) = pair(&mut v, p, q) {
                    rotate(vp, vq, c, s);
                }
            }
        }
        // Refresh the norms once a sweep, so that rounding in the updates cannot accumulate.
        for (norm, column) in norms.iter_mut().zip(&work) {
            *norm = dot(column, column);
        }
        if !rotated {
            converged = true;
            break;
        }
    }
    if !converged {
        return None;
    }
    let mut order: Vec<(usize, f64)> = work
        .iter()
        .enumerate()
        .map(|(j, column)| {
            let norm = dot(column, column).sqrt();
            (j, if norm <= noise { 0.0 } else { norm })
        })
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let singular_values = DVector::from_iterator(k, order.iter().map(|&(_, s)| s));
    let mut u = DMatrix::zeros(m, k);
    for (mut target, &(j, s)) in u.column_iter_mut().zip(&order) {
        if let (Some(column), true) = (work.get(j), s > 0.0) {
            for (slot, value) in target.iter_mut().zip(column) {
                *slot = value / s;
            }
        }
    }
    let v_t = DMatrix::from_fn(k, k, |row, col| {
        order
            .get(row)
            .and_then(|&(j, _)| v.get(j))
            .and_then(|column| column.get(col))
            .copied()
            .unwrap_or(0.0)
    });
    Some(Svd {
        u,
        singular_values,
        v_t,
    })
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Mutable references to columns p < q.
fn pair(columns: &mut [Vec<f64>], p: usize, q: usize) -> Option<(&mut Vec<f64>, &mut Vec<f64>)> {
    let (left, right) = columns.split_at_mut(q);
    Some((left.get_mut(p)?, right.first_mut()?))
}

/// (x, y) ← (c·x − s·y, s·x + c·y), elementwise.
fn rotate(x: &mut [f64], y: &mut [f64], c: f64, s: f64) {
    for (a, b) in x.iter_mut().zip(y.iter_mut()) {
        let (old_a, old_b) = (*a, *b);
        *a = c * old_a - s * old_b;
        *b = s * old_a + c * old_b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: DMatrix<f64>) {
        let d = svd(&a).unwrap();
        let sigma = DMatrix::from_diagonal(&d.singular_values);
        let back = &d.u * sigma * &d.v_t;
        assert!((back - &a).norm() <= 1e-14 * a.norm().max(1.0), "reconstruction");
        let vtv = d.v_t.transpose() * &d.v_t;
        assert!(
            (vtv - DMatrix::identity(a.ncols(), a.ncols())).norm() < 1e-14,
            "V orthogonal"
        );
        assert!(d.singular_values.as_slice().windows(2).all(|w| w[0] >= w[1]), "sorted");
    }

    #[test]
    fn tall_wide_square_and_zero_matrices() {
        check(DMatrix::from_row_slice(3, 2, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
        check(DMatrix::from_row_slice(2, 3, &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]));
        check(DMatrix::from_row_slice(
            2,
            2,
            &[
                -6.206610118536945,
                -3.67612186839874,
                -1.2755730783423473,
                6.047238193479124,
            ],
        ));
        check(DMatrix::zeros(3, 3));
    }

    #[test]
    fn a_rounding_level_singular_value_does_not_spoil_the_rest() {
        // The reduced factor of [z, z², z³] when x takes two values: z² is a zero column and
        // z³ equals z up to rounding. nalgebra's SVD gets σ₁ = 1.633 here; the truth is √2.
        let a = DMatrix::from_row_slice(
            4,
            3,
            &[
                1.0,
                0.0,
                1.0000000000000002,
                0.0,
                0.0,
                1.1102230246251565e-16,
                0.0,
                0.0,
                2.482534153247273e-16,
                0.0,
                0.0,
                0.0,
            ],
        );
        let d = svd(&a).unwrap();
        assert!((d.singular_values[0] - 2f64.sqrt()).abs() < 1e-15);
        assert!(d.singular_values[1] < 1e-15);
        check(a);
    }

    #[test]
    fn non_finite_input_is_refused() {
        assert!(svd(&DMatrix::from_element(2, 2, f64::NAN)).is_none());
    }
}

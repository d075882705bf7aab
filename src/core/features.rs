//! Features: the polynomial z-map and the standardization of CONVENTIONS.md.
//!
//! Polynomial mode maps x to z = (x − c)/h with c = (min+max)/2 and h = (max−min)/2 over the
//! fitted rows (h = 1 if max = min), and forms z, z², …, z^d. Mapping to [−1, 1] first keeps
//! degree 20 well conditioned. Every column is then standardized with its mean and population
//! standard deviation (ddof 0).

use nalgebra::DMatrix;

use super::error::CoreError;

/// The largest polynomial degree the explorer fits.
pub const MAX_DEGREE: usize = 20;

/// A column whose spread is below this fraction of its magnitude is treated as constant:
/// rounding alone (for example z² when x takes two values) must not become a feature.
const CONSTANT_RELATIVE_SPREAD: f64 = 1e-10;

/// The affine map z = (x − c)/h that takes the fitted x range onto [−1, 1].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct XMap {
    /// The centre c = (min+max)/2.
    pub c: f64,
    /// The half range h = (max−min)/2, or 1 when all x are equal.
    pub h: f64,
}

impl XMap {
    /// The map for these x values (which must be finite and non-empty).
    pub fn from_values(x: &[f64]) -> XMap {
        let (lo, hi) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
        if !lo.is_finite() || !hi.is_finite() {
            return XMap { c: 0.0, h: 1.0 };
        }
        // Halve before subtracting so that 1e308-sized ranges do not overflow.
        let c = lo / 2.0 + hi / 2.0;
        let h = hi / 2.0 - lo / 2.0;
        XMap {
            c,
            h: if h > 0.0 && h.is_finite() { h } else { 1.0 },
        }
    }

    /// z for one x.
    pub fn apply(&self, x: f64) -> f64 {
        (x - self.c) / self.h
    }
}

/// The raw inputs that features are made from, for some set of rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Inputs {
    /// Polynomial mode: one x column; the features are z, …, z^degree.
    Polynomial {
        /// The x values.
        x: Vec<f64>,
        /// The degree, 1..=20.
        degree: usize,
    },
    /// Column mode: the given numeric columns, as they are.
    Columns {
        /// Column names, which name the features.
        names: Vec<String>,
        /// `columns[j][i]` is row i of feature j.
        columns: Vec<Vec<f64>>,
    },
}

impl Inputs {
    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        match self {
            Inputs::Polynomial { x, .. } => x.len(),
            Inputs::Columns { columns, .. } => columns.first().map_or(0, Vec::len),
        }
    }

    /// The same inputs for the given rows only (indices out of range are skipped).
    pub fn subset(&self, rows: &[usize]) -> Inputs {
        let pick = |values: &[f64]| {
            rows.iter()
                .filter_map(|&i| values.get(i).copied())
                .collect::<Vec<f64>>()
        };
        match self {
            Inputs::Polynomial { x, degree } => Inputs::Polynomial {
                x: pick(x),
                degree: *degree,
            },
            Inputs::Columns { names, columns } => Inputs::Columns {
                names: names.clone(),
                columns: columns.iter().map(|c| pick(c)).collect(),
            },
        }
    }

    /// The design fitted on these rows (z-map and standardization), and Xs, the standardized
    /// feature matrix (n × p).
    pub fn design(&self) -> Result<(Design, DMatrix<f64>), CoreError> {
        match self {
            Inputs::Polynomial { x, degree } => Design::polynomial(x, *degree),
            Inputs::Columns { names, columns } => Design::columns(columns, names.clone()),
        }
    }

    /// The names of the features these inputs make.
    pub fn feature_names(&self) -> Vec<String> {
        match self {
            Inputs::Polynomial { degree, .. } => (1..=*degree).map(power_name).collect(),
            Inputs::Columns { names, .. } => names.clone(),
        }
    }

    /// What identifies these rows and their response `y` to another process running the same
    /// build: a 128-bit hash of the row count, the degree (0 in column mode), the feature names
    /// and every value's bits in row order. Sums would not do: data with the same values paired
    /// differently (a column sorted on its own) has the same sums.
    pub fn fingerprint(&self, y: &[f64]) -> Fingerprint {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let (degree, columns): (usize, Vec<&[f64]>) = match self {
            Inputs::Polynomial { x, degree } => (*degree, vec![x.as_slice()]),
            Inputs::Columns { columns, .. } => (0, columns.iter().map(Vec::as_slice).collect()),
        };
        // Two independent 64-bit hashes (the second salted), so that a chance collision needs
        // both to collide. Row order: row i of every column, then y_i.
        let mut hashers = [DefaultHasher::new(), DefaultHasher::new()];
        if let Some(second) = hashers.get_mut(1) {
            0x9e37_79b9_7f4a_7c15_u64.hash(second);
        }
        for hasher in &mut hashers {
            self.n_rows().hash(hasher);
            degree.hash(hasher);
            self.feature_names().hash(hasher);
            for row in 0..self.n_rows() {
                for column in &columns {
                    column.get(row).map(|v| v.to_bits()).hash(hasher);
                }
                y.get(row).map(|v| v.to_bits()).hash(hasher);
            }
            y.len().hash(hasher);
        }
        Fingerprint(hashers.map(|hasher| hasher.finish()))
    }
}

/// A hash of a model's rows (see [`Inputs::fingerprint`]): equal prints mean the same rows, in
/// the same order, to a chance of 2⁻¹²⁸.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint(pub [u64; 2]);

/// What standardizes the features: enough to apply it to new rows. (Xs itself is built, used
/// for the reduced problem, and dropped.)
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Design {
    /// Feature names: "z", "z²", … in polynomial mode, column headers in column mode.
    pub names: Vec<String>,
    /// The z-map (polynomial mode only).
    pub x_map: Option<XMap>,
    /// Column means μ_j of the raw features.
    pub mean: Vec<f64>,
    /// Population standard deviations s_j (1 for constant columns, whose Xs_j is 0).
    pub std: Vec<f64>,
    /// Which columns are constant on the fitted rows.
    pub constant: Vec<bool>,
    /// The number of fitted rows.
    pub rows: usize,
}

/// The name of the k-th power of z, with a superscript: z, z², …, z²⁰.
pub fn power_name(power: usize) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if power == 1 {
        return "z".to_string();
    }
    let digits: String = power
        .to_string()
        .chars()
        .filter_map(|d| d.to_digit(10).and_then(|v| SUPERSCRIPTS.get(v as usize).copied()))
        .collect();
    format!("z{digits}")
}

/// The largest power of two at most `magnitude` (1 for 0, subnormals and non-finite values):
/// dividing by it is exact.
fn power_of_two_below(magnitude: f64) -> f64 {
    if !(magnitude.is_finite() && magnitude >= f64::MIN_POSITIVE) {
        return 1.0;
    }
    const EXPONENT_BITS: u64 = 0x7ff << 52;
    f64::from_bits(magnitude.to_bits() & EXPONENT_BITS)
}

/// (value − μ)/s, or value/s − μ/s where the difference overflows (a value near f64::MAX).
fn standardized(value: f64, mu: f64, s: f64) -> f64 {
    let direct = (value - mu) / s;
    if direct.is_finite() || !value.is_finite() {
        direct
    } else {
        value / s - mu / s
    }
}

fn check_finite(values: &[f64], what: &'static str) -> Result<(), CoreError> {
    match values.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(CoreError::NonFinite { what, index }),
        None => Ok(()),
    }
}

impl Design {
    /// Polynomial features of degree `degree` (1..=20) in the z basis, standardized.
    pub fn polynomial(x: &[f64], degree: usize) -> Result<(Design, DMatrix<f64>), CoreError> {
        if !(1..=MAX_DEGREE).contains(&degree) {
            return Err(CoreError::OutOfRange {
                name: "degree",
                value: degree as f64,
                min: 1.0,
                max: MAX_DEGREE as f64,
            });
        }
        if x.is_empty() {
            return Err(CoreError::TooFewRows { rows: 0, needed: 1 });
        }
        check_finite(x, "x")?;
        let x_map = XMap::from_values(x);
        // Column-major, each power from the previous one: z^k = z^(k−1)·z.
        let z: Vec<f64> = x.iter().map(|&v| x_map.apply(v)).collect();
        let mut values = Vec::with_capacity(x.len() * degree);
        values.extend_from_slice(&z);
        for _ in 1..degree {
            let start = values.len() - z.len();
            for i in 0..z.len() {
                let next = values.get(start + i).copied().unwrap_or(0.0) * z.get(i).copied().unwrap_or(0.0);
                values.push(next);
            }
        }
        let raw = DMatrix::from_vec(x.len(), degree, values);
        let names = (1..=degree).map(power_name).collect();
        Ok(Self::standardize(raw, names, Some(x_map)))
    }

    /// Column-mode features: `columns[j]` holds feature j's values for every row.
    pub fn columns(columns: &[Vec<f64>], names: Vec<String>) -> Result<(Design, DMatrix<f64>), CoreError> {
        let n = columns.first().map_or(0, Vec::len);
        if n == 0 || columns.is_empty() {
            return Err(CoreError::TooFewRows { rows: n, needed: 1 });
        }
        if names.len() != columns.len() {
            return Err(CoreError::LengthMismatch {
                what: "feature names",
                left: names.len(),
                right: columns.len(),
            });
        }
        for column in columns {
            if column.len() != n {
                return Err(CoreError::LengthMismatch {
                    what: "feature column",
                    left: column.len(),
                    right: n,
                });
            }
            check_finite(column, "feature")?;
        }
        let raw = DMatrix::from_fn(n, columns.len(), |row, col| {
            columns.get(col).and_then(|c| c.get(row)).copied().unwrap_or(0.0)
        });
        Ok(Self::standardize(raw, names, None))
    }

    fn standardize(mut raw: DMatrix<f64>, names: Vec<String>, x_map: Option<XMap>) -> (Design, DMatrix<f64>) {
        let n = raw.nrows() as f64;
        let p = raw.ncols();
        let mut mean = vec![0.0; p];
        let mut std = vec![1.0; p];
        let mut constant = vec![false; p];
        for (j, mut column) in raw.column_iter_mut().enumerate() {
            let magnitude = column.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            // The moments of the column divided by a power of two near its largest |value|: that is
            // exact (short of values 1e292 times smaller, which become subnormal), so the result is
            // the same, but a column near f64::MAX (or above 1e154, whose squares overflow) is not
            // mistaken for a constant one.
            let scale = power_of_two_below(magnitude);
            let mu = column.iter().map(|v| v / scale).sum::<f64>() / n;
            let var = column.iter().map(|v| (v / scale - mu) * (v / scale - mu)).sum::<f64>() / n;
            let s = var.sqrt();
            let is_constant = !s.is_finite() || s <= CONSTANT_RELATIVE_SPREAD * (magnitude / scale);
            if let (Some(m), Some(sd), Some(k)) = (mean.get_mut(j), std.get_mut(j), constant.get_mut(j)) {
                *m = mu * scale;
                *sd = if is_constant { 1.0 } else { s * scale };
                *k = is_constant;
            }
            for v in column.iter_mut() {
                *v = if is_constant { 0.0 } else { (*v / scale - mu) / s };
            }
        }
        let rows = raw.nrows();
        (
            Design {
                names,
                x_map,
                mean,
                std,
                constant,
                rows,
            },
            raw,
        )
    }

    /// Number of fitted rows.
    pub fn n_samples(&self) -> usize {
        self.rows
    }

    /// Number of features (columns of Xs).
    pub fn n_features(&self) -> usize {
        self.names.len()
    }

    /// Row `row` of `inputs` (of the kind this design was made from), mapped and standardized
    /// with this design's z-map, means and standard deviations, into `out`.
    pub fn transform_row(&self, inputs: &Inputs, row: usize, out: &mut [f64]) {
        match inputs {
            Inputs::Polynomial { x, .. } => self.standardized_row(x.get(row).copied().unwrap_or(f64::NAN), out),
            Inputs::Columns { columns, .. } => {
                for (j, slot) in out.iter_mut().enumerate() {
                    let value = columns.get(j).and_then(|c| c.get(row)).copied().unwrap_or(f64::NAN);
                    let (mu, s, k) = (
                        self.mean.get(j).copied().unwrap_or(0.0),
                        self.std.get(j).copied().unwrap_or(1.0),
                        self.constant.get(j).copied().unwrap_or(true),
                    );
                    *slot = if k { 0.0 } else { standardized(value, mu, s) };
                }
            }
        }
    }

    /// The standardized polynomial features of a new x value (polynomial mode), into `out`.
    pub fn standardized_row(&self, x: f64, out: &mut [f64]) {
        let z = self.x_map.map_or(x, |m| m.apply(x));
        let mut power = 1.0;
        for (j, slot) in out.iter_mut().enumerate() {
            power *= z;
            let (mu, s, k) = (
                self.mean.get(j).copied().unwrap_or(0.0),
                self.std.get(j).copied().unwrap_or(1.0),
                self.constant.get(j).copied().unwrap_or(true),
            );
            *slot = if k { 0.0 } else { (power - mu) / s };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_map_takes_the_range_to_minus_one_one() {
        let m = XMap::from_values(&[2.0, 4.0, 10.0]);
        assert_eq!((m.c, m.h), (6.0, 4.0));
        assert_eq!(m.apply(2.0), -1.0);
        assert_eq!(m.apply(10.0), 1.0);
        assert_eq!(XMap::from_values(&[3.0, 3.0]).h, 1.0);
    }

    #[test]
    fn standardized_columns_have_zero_mean_and_unit_variance() {
        let (d, xs) = Design::polynomial(&[0.0, 0.25, 0.5, 0.9, 1.0], 3).unwrap();
        for column in xs.column_iter() {
            let mean: f64 = column.iter().sum::<f64>() / 5.0;
            let var: f64 = column.iter().map(|v| v * v).sum::<f64>() / 5.0;
            assert!(mean.abs() < 1e-15 && (var - 1.0).abs() < 1e-14);
        }
        assert_eq!(d.names, vec!["z", "z²", "z³"]);
    }

    #[test]
    fn two_distinct_x_make_even_powers_constant() {
        let (d, xs) = Design::polynomial(&[0.1, 0.7, 0.1, 0.7], 4).unwrap();
        assert_eq!(d.constant, vec![false, true, false, true]);
        assert!(xs.column(1).iter().all(|&v| v == 0.0));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(Design::polynomial(&[1.0, f64::NAN], 2).is_err());
        assert!(Design::polynomial(&[], 2).is_err());
        assert!(Design::polynomial(&[1.0], 0).is_err());
        assert!(Design::polynomial(&[1.0], 21).is_err());
    }

    #[test]
    fn power_names_use_superscripts() {
        assert_eq!(power_name(1), "z");
        assert_eq!(power_name(12), "z¹²");
        assert_eq!(power_name(20), "z²⁰");
    }
}

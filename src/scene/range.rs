//! The one rule for an axis range that plotters can draw, and the only functions that make ranges.
//!
//! plotters places ticks by stepping a power of ten down from the width (`compute_f64_key_points`
//! in plotters 0.3.7). On an infinite width the step is infinite and the loop never ends; on a
//! width of a few ulps of the ends the rounding of `left + step` never reaches the right end
//! (tens of thousands of ticks, or none that fit); and when ten times the step overflows (widths
//! above 1e307, with few ticks asked for) the step becomes infinite again. So a range is drawable
//! only when:
//!
//! - both ends are finite and at most [`MAX_MAGNITUDE`] in size (so the width is below
//!   `f64::MAX / 4` and ten steps of it stay finite);
//! - the width `hi − lo` is a normal positive number (at least `f64::MIN_POSITIVE`);
//! - the width is at least [`MIN_RELATIVE_WIDTH`] of the larger |end| (about 4 500 ulps);
//!
//! and an axis asks for at most [`MAX_TICKS`] labels. `tests/ranges.rs` checks, on random ranges,
//! that plotters then returns at once with a bounded number of ticks.

/// The largest |end| of a drawable range: `f64::MAX / 8`, about 2.2e307.
pub const MAX_MAGNITUDE: f64 = f64::MAX / 8.0;
/// The smallest width of a drawable range, relative to its larger |end|.
pub const MIN_RELATIVE_WIDTH: f64 = 1e-12;
/// The most tick labels an axis asks plotters for.
pub const MAX_TICKS: usize = 12;
/// What a panel says instead of a chart whose ranges break the rule of [`is_drawable`].
pub const CANNOT_DRAW: &str = "Cannot draw these values: an axis would be infinite, too wide or too narrow.";
/// The range drawn when nothing about the data gives one.
const FALLBACK: (f64, f64) = (0.0, 1.0);

/// Data whose largest |value| is at least this are drawn in a unit of a power of ten.
const UNIT_ABOVE: f64 = 1e6;
/// Data whose largest |value| is below this (and not 0) are drawn in a unit of a power of ten.
const UNIT_BELOW: f64 = 1e-3;

/// Whether plotters can draw an axis over (lo, hi): the rule of this module.
pub fn is_drawable((lo, hi): (f64, f64)) -> bool {
    let width = hi - lo;
    lo.is_finite()
        && hi.is_finite()
        && lo.abs() <= MAX_MAGNITUDE
        && hi.abs() <= MAX_MAGNITUDE
        && width >= f64::MIN_POSITIVE
        && width >= MIN_RELATIVE_WIDTH * lo.abs().max(hi.abs())
}

/// A drawable range that covers as much of (lo, hi) as the rule allows: ends are clamped to
/// ±[`MAX_MAGNITUDE`] (an infinite end becomes the limit), a range too narrow to draw is widened
/// about its centre, a single value v becomes v ± |v|/2 (± 1 around 0 and subnormals), a NaN end
/// is replaced by the other end, and (0, 1) stands in when nothing is left (both NaN, or an
/// empty extent such as (+∞, −∞)).
pub fn drawable_range(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = match (lo.is_nan(), hi.is_nan()) {
        (false, false) => (lo, hi),
        (true, false) => (hi, hi),
        (false, true) => (lo, lo),
        (true, true) => return FALLBACK,
    };
    let (lo, hi) = if lo <= hi {
        (lo, hi)
    } else if lo.is_finite() && hi.is_finite() {
        (hi, lo)
    } else {
        return FALLBACK;
    };
    let clamp = |v: f64| v.clamp(-MAX_MAGNITUDE, MAX_MAGNITUDE);
    let (lo, hi) = (clamp(lo), clamp(hi));
    if is_drawable((lo, hi)) {
        return (lo, hi);
    }
    // Halves, so that neither the centre nor the half-width can overflow.
    let centre = lo / 2.0 + hi / 2.0;
    let half = if hi > lo {
        // Too narrow: twice the least width, so that clamping one end still leaves enough.
        2.0 * (MIN_RELATIVE_WIDTH * lo.abs().max(hi.abs())).max(f64::MIN_POSITIVE)
    } else if centre.abs() / 2.0 >= f64::MIN_POSITIVE {
        centre.abs() / 2.0
    } else {
        1.0
    };
    let widened = (clamp(centre - half), clamp(centre + half));
    if is_drawable(widened) {
        widened
    } else {
        FALLBACK
    }
}

/// The drawable range of (lo, hi) with `fraction` of its width added at each end, computed
/// without overflow (a width beyond f64 is halved first; ends beyond the limit are clamped).
pub fn padded_range(lo: f64, hi: f64, fraction: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return drawable_range(lo, hi);
    }
    let fraction = if fraction.is_finite() { fraction.max(0.0) } else { 0.0 };
    let span = hi - lo;
    if span.is_finite() {
        return drawable_range(lo - fraction * span, hi + fraction * span);
    }
    let centre = lo / 2.0 + hi / 2.0;
    let half = (hi / 2.0 - lo / 2.0) * (1.0 + 2.0 * fraction);
    drawable_range(centre - half, centre + half)
}

/// The smallest and largest finite value: (+∞, −∞) when there is none, which
/// [`drawable_range`] turns into its stand-in.
pub fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// The unit an axis over data (lo, hi) is drawn in: 1, or for data as large as 1e6 or as small
/// as 1e-3 the power of ten of the largest |value| (10^−300 to 10^308), so that tick labels stay
/// short and data up to f64::MAX fit a drawable range. Drawn values are data values / unit.
pub fn drawing_unit(lo: f64, hi: f64) -> f64 {
    let magnitude = extent([lo.abs(), hi.abs()].into_iter()).1;
    if !(magnitude.is_finite() && magnitude > 0.0) || (UNIT_BELOW..UNIT_ABOVE).contains(&magnitude) {
        return 1.0;
    }
    let exponent = magnitude.log10().floor().clamp(-300.0, 308.0) as i32;
    // Parsed rather than `powi`, which is not correctly rounded: the unit is exactly 1e{exponent}.
    format!("1e{exponent}").parse().unwrap_or(1.0)
}

/// The text an axis label gets for its unit: "" for 1, else " (× 10⁷)", " (× 10⁻¹²)" and so on.
pub fn unit_suffix(unit: f64) -> String {
    if unit == 1.0 || !(unit.is_finite() && unit > 0.0) {
        return String::new();
    }
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let exponent = unit.log10().round() as i32;
    let digits: String = exponent
        .to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => SUPERSCRIPTS.get(d as usize).copied().unwrap_or('?'),
            None => '⁻',
        })
        .collect();
    format!(" (× 10{digits})")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: f64 = 5e-324;

    /// (lo, hi, drawable?)
    #[test]
    fn the_rule() {
        for (lo, hi, expected) in [
            (0.0, 1.0, true),
            (-1e300, 1e300, true),
            (-MAX_MAGNITUDE, MAX_MAGNITUDE, true),
            (0.0, f64::MIN_POSITIVE, true),
            (1.0, 1.0 + 1e-11, true),
            // Finite ends whose width overflows: plotters never finished placing ticks.
            (-9.6e307, 9.6e307, false),
            (-f64::MAX, f64::MAX, false),
            // Finite width, but ten tick steps of it overflow.
            (0.0, 1.7e308, false),
            (f64::NAN, 1.0, false),
            (0.0, f64::NAN, false),
            (f64::NEG_INFINITY, 0.0, false),
            (0.0, f64::INFINITY, false),
            (1.0, 1.0, false),
            (2.0, 1.0, false),
            // A subnormal width.
            (0.0, TINY, false),
            (0.0, f64::MIN_POSITIVE / 2.0, false),
            // A huge magnitude with a width of a few ulps: tens of thousands of ticks.
            (1e300, 1e300 * (1.0 + 4.0 * f64::EPSILON), false),
            (1.0, 1.0 + 1e-13, false),
        ] {
            assert_eq!(is_drawable((lo, hi)), expected, "({lo:e}, {hi:e})");
        }
    }

    /// (lo, hi, the range made of them)
    #[test]
    fn ranges_are_made_drawable() {
        let m = MAX_MAGNITUDE;
        for (lo, hi, expected) in [
            (0.0, 1.0, (0.0, 1.0)),
            (-3.0, 5.0, (-3.0, 5.0)),
            (5.0, -3.0, (-3.0, 5.0)),
            (2.0, 2.0, (1.0, 3.0)),
            (-2.0, -2.0, (-3.0, -1.0)),
            (0.0, 0.0, (-1.0, 1.0)),
            (TINY, TINY, (TINY - 1.0, TINY + 1.0)),
            (f64::NAN, 4.0, (2.0, 6.0)),
            (f64::NAN, f64::NAN, (0.0, 1.0)),
            (f64::INFINITY, f64::NEG_INFINITY, (0.0, 1.0)),
            (f64::NEG_INFINITY, f64::INFINITY, (-m, m)),
            (-f64::MAX, f64::MAX, (-m, m)),
            (-1.0, f64::INFINITY, (-1.0, m)),
            (f64::MAX, f64::MAX, (m / 2.0, m)),
        ] {
            let made = drawable_range(lo, hi);
            assert_eq!(made, expected, "({lo:e}, {hi:e})");
            assert!(is_drawable(made), "({lo:e}, {hi:e}) gave {made:?}");
        }
    }

    #[test]
    fn narrow_ranges_are_widened_about_their_centre() {
        for (lo, hi) in [
            (0.0, TINY),
            (-TINY, TINY),
            (1e300, 1e300 * (1.0 + 4.0 * f64::EPSILON)),
            (1.0, 1.0 + f64::EPSILON),
            (MAX_MAGNITUDE * (1.0 - f64::EPSILON), MAX_MAGNITUDE),
            (-MAX_MAGNITUDE, -MAX_MAGNITUDE * (1.0 - f64::EPSILON)),
        ] {
            let (a, b) = drawable_range(lo, hi);
            assert!(is_drawable((a, b)), "({lo:e}, {hi:e}) gave ({a:e}, {b:e})");
            assert!(a <= lo && b >= hi, "({lo:e}, {hi:e}) gave ({a:e}, {b:e})");
        }
    }

    /// (lo, hi, fraction, the padded range)
    #[test]
    fn padding_never_overflows() {
        let m = MAX_MAGNITUDE;
        for (lo, hi, fraction, expected) in [
            (0.0, 10.0, 0.1, (-1.0, 11.0)),
            (1.0, 1.0, 0.3, (0.5, 1.5)),
            // The defect of issue #13: ±6e307 padded by 30 % has finite ends and an infinite width.
            (-6e307, 6e307, 0.3, (-m, m)),
            (-9e307, 9e307, 0.04, (-m, m)),
            (-f64::MAX, f64::MAX, 0.3, (-m, m)),
            (1e307, 2e307, 0.5, (5e306, m)),
        ] {
            let made = padded_range(lo, hi, fraction);
            assert_eq!(made, expected, "({lo:e}, {hi:e}) + {fraction}");
            assert!(is_drawable(made));
        }
    }

    /// (lo, hi, unit, axis-label suffix)
    #[test]
    fn units_are_powers_of_ten_for_very_large_or_small_data() {
        for (lo, hi, unit, suffix) in [
            (0.0, 1.0, 1.0, ""),
            (-300.0, 999_999.0, 1.0, ""),
            (0.0, 0.0, 1.0, ""),
            (-6e307, 6e307, 1e307, " (× 10³⁰⁷)"),
            (-f64::MAX, 1.0, 1e308, " (× 10³⁰⁸)"),
            (2e6, 3e6, 1e6, " (× 10⁶)"),
            (1e-5, 4e-5, 1e-5, " (× 10⁻⁵)"),
            (0.0, 5e-324, 1e-300, " (× 10⁻³⁰⁰)"),
        ] {
            let made = drawing_unit(lo, hi);
            assert_eq!(made, unit, "({lo:e}, {hi:e})");
            assert_eq!(unit_suffix(made), suffix, "({lo:e}, {hi:e})");
        }
    }
}

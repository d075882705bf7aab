//! How the page writes numbers: the one place that formats a number for people. A leaf: it
//! depends on nothing in the crate, so the core, the scenes and the app all use it.

/// A number with `digits` significant digits, in plain or scientific notation as suits it.
pub fn format_number(value: f64, digits: usize) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs().log10().floor();
    if (-3.0..5.0).contains(&magnitude) {
        let decimals = (digits as f64 - 1.0 - magnitude).max(0.0) as usize;
        format!("{value:.decimals$}")
    } else {
        format!("{:.*e}", digits.saturating_sub(1), value)
    }
}

/// Thousands separated by commas: 200000 → "200,000".
pub fn format_count(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        for (count, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (200_001, "200,001"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(format_count(count), text);
        }
    }

    #[test]
    fn numbers_have_their_significant_digits() {
        for (value, digits, text) in [
            (0.001, 3, "0.00100"),
            (0.5, 2, "0.50"),
            (12345.0, 4, "12345"),
            (123456.0, 4, "1.235e5"),
            (0.0, 3, "0"),
            (-2.5e-7, 2, "-2.5e-7"),
            (f64::INFINITY, 3, "inf"),
        ] {
            assert_eq!(format_number(value, digits), text, "{value}");
        }
    }
}

//! The x-axes of the λ panels (paths, errors, bias–variance) and the one mapping between a pixel
//! column and λ. The drawing code builds its chart from a scene's [`XAxis`] and gives back the
//! plotting area's pixel extent ([`PlotLayout`]); the scene maps a column of it to λ
//! ([`LambdaAxis::lambda_at_pixel`]), and the current λ's marker to a column
//! ([`LambdaAxis::marker_column`]), through the same two functions.

/// Where a panel's plotting area landed, in device pixels: what drawing gives back, so that a
/// click can be turned into λ by the scene that was drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotLayout {
    /// The device-pixel columns of the x-axis's left and right ends, as plotters maps values
    /// onto them (the plotting area's left edge, and its right edge less one pixel).
    pub pixels: (i32, i32),
    /// Top and bottom edges of the plotting area, in device pixels.
    pub rows: (i32, i32),
}

impl PlotLayout {
    /// The layout of a panel that drew only a message: no plotting area.
    pub const EMPTY: PlotLayout = PlotLayout {
        pixels: (0, 0),
        rows: (0, 0),
    };

    /// How far across the plotting area a device-pixel column lies, from 0 at the left edge to 1
    /// at the right (clamped to that; 0 for an empty layout).
    pub fn fraction_at(&self, pixel: f64) -> f64 {
        let (left, right) = (f64::from(self.pixels.0), f64::from(self.pixels.1));
        if right > left {
            ((pixel - left) / (right - left)).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The device-pixel column a fraction of the way across, where plotters draws that value
    /// (`RangedCoordf64::map` in plotters 0.3.7: rounded down, after a nudge of 1e-3 px), so that
    /// a marker sits on the curves' pixels. None outside [0, 1] or for an empty layout.
    pub fn column_at(&self, fraction: f64) -> Option<i32> {
        if !fraction.is_finite() || !(0.0..=1.0).contains(&fraction) || self.pixels.1 <= self.pixels.0 {
            return None;
        }
        let width = f64::from(self.pixels.1) - f64::from(self.pixels.0);
        Some(self.pixels.0 + (width * fraction + 1e-3).floor() as i32)
    }
}

/// A panel's x-axis as drawn: the values at its left and right edges (left > right where the
/// values fall to the right, as log λ does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XAxis {
    /// The value at the left edge.
    pub left: f64,
    /// The value at the right edge.
    pub right: f64,
}

impl XAxis {
    /// log₁₀ λ over `range` (low, high), falling to the right: the model grows more complex to
    /// the right, as on glmnet's plots read from large λ to small.
    pub fn falling(range: (f64, f64)) -> XAxis {
        XAxis {
            left: range.1,
            right: range.0,
        }
    }

    /// A value over `range` (low, high) rising to the right (the shrinkage factor, df).
    pub fn rising(range: (f64, f64)) -> XAxis {
        XAxis {
            left: range.0,
            right: range.1,
        }
    }

    /// The value a fraction of the way from the left edge to the right.
    pub fn value_at(&self, fraction: f64) -> f64 {
        self.left + fraction * (self.right - self.left)
    }

    /// How far from the left edge to the right a value lies (None where that is not finite).
    pub fn fraction_of(&self, value: f64) -> Option<f64> {
        Some((value - self.left) / (self.right - self.left)).filter(|t| t.is_finite())
    }
}

/// A scene whose x-axis stands for λ: it says how its axis runs, which λ a value on it means and
/// how its tick labels read; a pixel column then maps to λ here and nowhere else.
pub trait LambdaAxis {
    /// The x-axis as drawn.
    fn x_axis(&self) -> XAxis;

    /// λ at the value x on this axis (None where the axis stands for no λ).
    fn lambda_at_x(&self, x: f64) -> Option<f64>;

    /// The x of the current λ, where the marker is drawn.
    fn marker_x(&self) -> Option<f64>;

    /// A tick label at the value x: λ itself on a log-λ axis (see [`log_label`]).
    fn tick_label(&self, x: f64) -> String {
        log_label(x)
    }

    /// λ a fraction of the way across the axis, from 0 at the left edge to 1 at the right
    /// (clamped to that); only a finite, positive λ, and none at a NaN fraction.
    fn lambda_at_fraction(&self, fraction: f64) -> Option<f64> {
        if fraction.is_nan() {
            return None;
        }
        self.lambda_at_x(self.x_axis().value_at(fraction.clamp(0.0, 1.0)))
            .filter(|l| l.is_finite() && *l > 0.0)
    }

    /// λ at a device-pixel column of the plotting area `layout` (clamped to the area).
    fn lambda_at_pixel(&self, layout: &PlotLayout, pixel: f64) -> Option<f64> {
        self.lambda_at_fraction(layout.fraction_at(pixel))
    }

    /// The device-pixel column of the current λ's marker (None where it is off the axis).
    fn marker_column(&self, layout: &PlotLayout) -> Option<i32> {
        layout.column_at(self.x_axis().fraction_of(self.marker_x()?)?)
    }
}

/// A tick label for log₁₀ λ: λ itself, in three significant digits.
pub fn log_label(value: f64) -> String {
    crate::format::format_number(10f64.powf(value), 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An axis of log₁₀ λ from −2 to 1 falling to the right, with λ = 10^x.
    struct Log(XAxis);

    impl LambdaAxis for Log {
        fn x_axis(&self) -> XAxis {
            self.0
        }
        fn lambda_at_x(&self, x: f64) -> Option<f64> {
            Some(10f64.powf(x))
        }
        fn marker_x(&self) -> Option<f64> {
            Some(0.0)
        }
    }

    /// (pixel column, λ there) on a plotting area from column 100 to 400.
    #[test]
    fn pixel_columns_map_to_lambda_falling_to_the_right() {
        let layout = PlotLayout {
            pixels: (100, 400),
            rows: (0, 300),
        };
        let axis = Log(XAxis::falling((-2.0, 1.0)));
        for (pixel, lambda) in [(100.0, 10.0), (400.0, 0.01), (200.0, 1.0), (50.0, 10.0), (1e9, 0.01)] {
            let got = axis.lambda_at_pixel(&layout, pixel).unwrap();
            assert!((got - lambda).abs() <= 1e-14 * lambda, "{pixel}: {got}");
        }
        assert_eq!(axis.lambda_at_pixel(&layout, f64::NAN), None);
        assert_eq!(axis.marker_column(&layout), Some(200));
        assert_eq!(axis.marker_column(&PlotLayout::EMPTY), None);
        assert_eq!(
            Log(XAxis::falling((1.0, 2.0))).marker_column(&layout),
            None,
            "off the axis"
        );
    }

    /// (layout, fraction, column)
    #[test]
    fn fractions_and_columns_round_trip() {
        let layout = PlotLayout {
            pixels: (10, 20),
            rows: (0, 1),
        };
        for (fraction, column) in [
            (0.0, Some(10)),
            (1.0, Some(20)),
            (0.44, Some(14)),
            (1.5, None),
            (f64::NAN, None),
        ] {
            assert_eq!(layout.column_at(fraction), column, "{fraction}");
            if let Some(c) = column {
                assert_eq!(layout.fraction_at(f64::from(c)), f64::from(c - 10) / 10.0);
            }
        }
        assert_eq!(PlotLayout::EMPTY.fraction_at(5.0), 0.0);
        assert_eq!(XAxis::rising((2.0, 4.0)).value_at(0.25), 2.5);
        assert_eq!(XAxis::falling((2.0, 4.0)).fraction_of(3.5), Some(0.25));
        assert_eq!(XAxis::rising((2.0, 2.0)).fraction_of(2.0), None);
    }
}

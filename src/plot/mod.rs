//! Drawing of precomputed scenes, generic over plotters' `DrawingBackend`: the browser passes a
//! canvas backend, native tests an SVG one.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::scene::{is_drawable, FitScene, MAX_TICKS};

mod panels;

/// `value` kept within `[lo, hi]`, without the panic of `clamp` when the bounds cross or one is
/// NaN (bounds computed from a layout can cross on a tiny panel): then `lo` wins.
pub(crate) fn clamp_to<T: PartialOrd + Copy>(value: T, lo: T, hi: T) -> T {
    let ordered = matches!(
        lo.partial_cmp(&hi),
        Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
    );
    if !ordered || value < lo {
        lo
    } else if value > hi {
        hi
    } else {
        value
    }
}

/// The message and the pixel extent the drawing code shows and gives back; the scenes own them
/// (re-exported here for callers of the drawing functions).
pub use crate::scene::{PlotLayout, CANNOT_DRAW};
pub use panels::{draw_bias_variance, draw_errors, draw_geometry, draw_paths};

/// Okabe–Ito colours, safe for colour-blind readers.
pub mod palette {
    use plotters::style::RGBColor;
    /// Black: data points.
    pub const BLACK: RGBColor = RGBColor(0, 0, 0);
    /// Blue: the fitted curve.
    pub const BLUE: RGBColor = RGBColor(0, 114, 178);
    /// Vermillion: warnings such as clipping.
    pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
    /// Orange: CV error and the prior.
    pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
    /// Sky blue: test points and test error.
    pub const SKY: RGBColor = RGBColor(86, 180, 233);
    /// Bluish green: the true function and the region.
    pub const GREEN: RGBColor = RGBColor(0, 158, 115);
    /// Reddish purple: the solution.
    pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
    /// Yellow.
    pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
}

/// How much larger the presenter theme draws text and lines: the smallest label is 24 px.
pub const PRESENTER_SCALE: f64 = 1.9;

/// The colours a panel is drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colors {
    /// The page behind the plot.
    pub background: RGBColor,
    /// Axes, labels and data points.
    pub ink: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Faint curves and reference lines.
    pub faint: RGBColor,
    /// The fitted curve.
    pub blue: RGBColor,
    /// Warnings such as clipping.
    pub vermillion: RGBColor,
    /// CV error and the prior.
    pub orange: RGBColor,
    /// Test points and test error.
    pub sky: RGBColor,
    /// The true function and the region.
    pub green: RGBColor,
    /// The solution.
    pub purple: RGBColor,
    /// One colour per feature, in a readable order.
    pub series: [RGBColor; 7],
}

/// A look: light (the default), dark, presenter (light, larger and bolder, for a projector), or
/// the system's forced colours (Windows high contrast), which the page passes in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Theme {
    /// Dark ink on white.
    Light,
    /// Light ink on a dark grey.
    Dark,
    /// The light colours, with text and lines [`PRESENTER_SCALE`] times as large.
    Presenter,
    /// Given colours (forced-colors mode): background, text, and one accent for every line.
    Forced {
        /// Canvas.
        background: RGBColor,
        /// CanvasText.
        ink: RGBColor,
        /// Highlight.
        accent: RGBColor,
    },
}

impl Theme {
    /// Parses 'light', 'dark' or 'presenter'.
    pub fn from_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "presenter" => Some(Theme::Presenter),
            _ => None,
        }
    }

    /// The colours of this theme.
    pub fn colors(self) -> Colors {
        use palette::*;
        match self {
            Theme::Light | Theme::Presenter => Colors {
                background: RGBColor(255, 255, 255),
                ink: RGBColor(40, 40, 40),
                grid: RGBColor(225, 225, 225),
                faint: RGBColor(150, 150, 150),
                blue: BLUE,
                vermillion: VERMILLION,
                orange: ORANGE,
                sky: SKY,
                green: GREEN,
                purple: PURPLE,
                series: [BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, BLACK],
            },
            Theme::Dark => {
                // Okabe–Ito, lightened where the original is too dark on grey.
                let blue = RGBColor(86, 180, 233);
                let vermillion = RGBColor(240, 128, 60);
                let green = RGBColor(40, 200, 150);
                Colors {
                    background: RGBColor(28, 30, 33),
                    ink: RGBColor(230, 232, 235),
                    grid: RGBColor(62, 66, 72),
                    faint: RGBColor(140, 145, 150),
                    blue,
                    vermillion,
                    orange: ORANGE,
                    sky: RGBColor(160, 215, 245),
                    green,
                    purple: PURPLE,
                    series: [blue, vermillion, green, PURPLE, ORANGE, YELLOW, RGBColor(235, 235, 235)],
                }
            }
            Theme::Forced {
                background,
                ink,
                accent,
            } => Colors {
                background,
                ink,
                grid: ink,
                faint: ink,
                blue: accent,
                vermillion: accent,
                orange: accent,
                sky: accent,
                green: accent,
                purple: accent,
                series: [accent; 7],
            },
        }
    }
}

/// Sizes that scale with the screen (`scale` is the device-pixel ratio), and the colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// The look.
    pub theme: Theme,
    /// Whether legend boxes are drawn.
    pub legend: bool,
}

impl Style {
    /// The light theme at this device-pixel ratio.
    pub const fn light(scale: f64) -> Style {
        Style {
            scale,
            theme: Theme::Light,
            legend: true,
        }
    }

    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }

    fn font(&self, css_pixels: f64) -> f64 {
        css_pixels * self.scale
    }

    /// A caption's font size in device pixels: `css_pixels`, or less if the text would not fit
    /// across `width_px` (an average glyph is about 0.55 em wide).
    fn caption_size(&self, css_pixels: f64, text: &str, width_px: u32) -> f64 {
        let fitting = 0.92 * f64::from(width_px) / (0.55 * text.chars().count().max(1) as f64);
        self.font(css_pixels).min(fitting)
    }

    /// The colours to draw with.
    fn colors(&self) -> Colors {
        self.theme.colors()
    }

    /// A copy whose text and margins shrink on narrow panels (a phone), down to 65 %; the
    /// presenter theme is [`PRESENTER_SCALE`] times as large, and never shrinks.
    fn fitted_to(&self, width_px: u32) -> Style {
        let css_width = f64::from(width_px) / self.scale.max(f64::MIN_POSITIVE);
        let factor = match self.theme {
            Theme::Presenter => PRESENTER_SCALE,
            _ => (css_width / 700.0).clamp(0.65, 1.0),
        };
        Style {
            scale: self.scale * factor,
            ..*self
        }
    }
}

/// How many tick labels fit across `width_px` device pixels.
fn tick_count(width_px: u32, style: &Style) -> usize {
    (f64::from(width_px) / (style.scale * 70.0)).clamp(3.0, 10.0) as usize
}

/// Fills a panel with one line of text, for a panel that has nothing to show.
pub fn draw_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &Style,
) -> Result<(), DrawError> {
    let colors = style.colors();
    area.fill(&colors.background).map_err(draw_err)?;
    let (_, height) = area.dim_in_pixel();
    let font = ("sans-serif", style.font(18.0)).into_font().color(&colors.ink);
    area.draw_text(text, &font, (style.px(16.0) as i32, (height / 2) as i32))
        .map_err(draw_err)?;
    area.present().map_err(draw_err)?;
    Ok(())
}

/// The axis labels and ticks that differ between panels; everything else about the axes is shared.
pub(crate) struct Axes<'a> {
    /// The x-axis description.
    pub x_desc: &'a str,
    /// The y-axis description.
    pub y_desc: &'a str,
    /// Number of x tick labels.
    pub x_ticks: usize,
    /// Number of y tick labels.
    pub y_ticks: usize,
    /// How x tick labels are written (None: plotters' own).
    pub x_format: Option<&'a dyn Fn(&f64) -> String>,
    /// Tick label size in CSS pixels (the description is 2 px larger).
    pub label_size: f64,
}

/// Draws a panel's axes, light grid and labels in the house style.
pub(crate) fn draw_axes<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    axes: &Axes,
    style: &Style,
) -> Result<(), DrawError> {
    let colors = style.colors();
    let ink = |size: f64| ("sans-serif", style.font(size)).into_font().color(&colors.ink);
    let x_scientific = scientific_labels(chart.x_range());
    let y_scientific = scientific_labels(chart.y_range());
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(axes.x_ticks.clamp(1, MAX_TICKS))
        .y_labels(axes.y_ticks.clamp(1, MAX_TICKS))
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc)
        .label_style(ink(axes.label_size))
        .axis_desc_style(ink(axes.label_size + 2.0))
        .max_light_lines(0)
        .bold_line_style(colors.grid)
        .axis_style(colors.ink.stroke_width(style.px(1.0)));
    if let Some(format) = axes.x_format {
        mesh.x_label_formatter(format);
    } else if let Some(format) = &x_scientific {
        mesh.x_label_formatter(format);
    }
    if let Some(format) = &y_scientific {
        mesh.y_label_formatter(format);
    }
    mesh.draw().map_err(draw_err)
}

/// For an axis over `range` whose values plotters would write badly (every digit: 308 of them
/// near f64::MAX; 0.0 below 1e-5), tick labels in scientific notation, three significant digits.
fn scientific_labels(range: std::ops::Range<f64>) -> Option<impl Fn(&f64) -> String> {
    let magnitude = range.start.abs().max(range.end.abs());
    let width = (range.end - range.start).abs();
    (magnitude >= 1e6 || (magnitude > 0.0 && magnitude < 1e-3)).then_some(move |value: &f64| {
        // A tick at 0 arrives with the rounding of its steps (1e290 on an axis of 1e307).
        if value.abs() <= 1e-9 * width {
            "0".to_string()
        } else {
            format!("{value:.2e}")
        }
    })
}

/// What a legend row shows before its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    /// A solid line.
    Line,
    /// A dashed line: dash and gap in CSS pixels.
    Dashed(f64, f64),
    /// A filled dot (data points).
    Dot,
    /// A hollow square (test points).
    Square,
}

/// One row of a legend: its text, and the colour, width (CSS pixels) and kind of its sample.
pub(crate) struct LegendRow {
    /// The text.
    pub text: String,
    /// The sample line's colour.
    pub colour: RGBColor,
    /// The sample line's width in CSS pixels.
    pub width: f64,
    /// The sample: a line unless said otherwise.
    pub mark: Mark,
}

impl LegendRow {
    /// A row for `text` with a sample line of this colour and width.
    pub fn new(text: &str, colour: RGBColor, width: f64) -> LegendRow {
        LegendRow {
            text: text.to_string(),
            colour,
            width,
            mark: Mark::Line,
        }
    }

    /// This row with another sample.
    pub fn with_mark(self, mark: Mark) -> LegendRow {
        LegendRow { mark, ..self }
    }
}

/// The size of `text` in a `css_pixels` font, in device pixels: the backend's measure, but at
/// least 0.6 em per character wide and one em high (plotters' SVG backend estimates 0.56 em per
/// byte of ASCII, less than a browser draws for wide glyphs and digits).
pub(crate) fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    css_pixels: f64,
    style: &Style,
) -> Result<(i32, i32), DrawError> {
    let size = style.font(css_pixels);
    let font = TextStyle::from(("sans-serif", size).into_font());
    let (w, h) = area.estimate_text_size(text, &font).map_err(draw_err)?;
    // The SVG backend writes size / 1.24 as the font size.
    let em = size / 1.24;
    let floor_w = (0.6 * em * text.chars().count() as f64).ceil();
    let to_i32 = |v: f64| v.clamp(0.0, f64::from(i32::MAX / 4)) as i32;
    Ok((to_i32(f64::from(w).max(floor_w)), to_i32(f64::from(h).max(em.ceil()))))
}

/// The width of the y-label area (device pixels) that holds the rotated axis title and, right
/// of it, the widest tick label plotters will write for `y_range` with `ticks` labels asked for
/// in `label_size` CSS-pixel text (as [`draw_axes`] writes them), so that the title is never
/// printed over a tick label; at least `least` CSS pixels.
pub(crate) fn y_label_room<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (y0, y1): (f64, f64),
    ticks: usize,
    label_size: f64,
    least: f64,
    style: &Style,
) -> Result<u32, DrawError> {
    use plotters::coord::ranged1d::{Ranged, ValueFormatter};
    let range: RangedCoordf64 = (y0..y1).into();
    let scientific = scientific_labels(y0..y1);
    let mut widest = 0;
    for value in range.key_points(ticks.clamp(1, MAX_TICKS)) {
        let text = match &scientific {
            Some(format) => format(&value),
            None => RangedCoordf64::format(&value),
        };
        widest = widest.max(text_size(area, &text, label_size, style)?.0);
    }
    let (_, title_h) = text_size(area, "y", label_size + 2.0, style)?;
    // Plotters puts tick labels two tick lengths (5 px each) from the axis.
    let needed = title_h + widest + 10 + i32::try_from(style.px(6.0)).unwrap_or(6);
    Ok(u32::try_from(needed).unwrap_or(0).max(style.px(least)))
}

/// The corner of the plotting area a legend sits in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Corner {
    /// Top left.
    UpperLeft,
    /// Top right.
    UpperRight,
    /// Bottom right.
    LowerRight,
    /// Bottom left.
    LowerLeft,
}

/// A legend's box in a plotting area of `area` pixels: (left, top, width, height).
fn legend_box(corner: Corner, (width, height): (i32, i32), (area_w, area_h): (i32, i32), inset: i32) -> (i32, i32) {
    let left = match corner {
        Corner::UpperLeft | Corner::LowerLeft => inset,
        Corner::UpperRight | Corner::LowerRight => area_w - width - inset,
    };
    let top = match corner {
        Corner::UpperLeft | Corner::UpperRight => inset,
        Corner::LowerRight | Corner::LowerLeft => area_h - height - inset,
    };
    (left, top)
}

/// The (width, height) in device pixels of the legend [`draw_legend`] draws for these rows.
fn legend_size<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    rows: &[LegendRow],
    size: f64,
    style: &Style,
) -> Result<(i32, i32), DrawError> {
    let to_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX / 4);
    let mut text_w = 0;
    let mut text_h = 0;
    for row in rows {
        let (w, h) = text_size(plot, &row.text, size, style)?;
        text_w = text_w.max(w);
        text_h += h;
    }
    Ok((
        to_i32(style.px(8.0)) * 2 + to_i32(style.px(22.0)) + to_i32(style.px(8.0)) + text_w,
        to_i32(style.px(8.0)) * 2 + text_h,
    ))
}

/// The corner of a plotting area whose legend box would cover the least weight of `pixels`
/// (points relative to the plotting area's top left, each with a weight), the first of `order`
/// among equals.
pub(crate) fn emptiest_corner<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    rows: &[LegendRow],
    size: f64,
    style: &Style,
    pixels: &[((i32, i32), usize)],
    order: &[Corner],
) -> Result<Corner, DrawError> {
    let (width, height) = legend_size(plot, rows, size, style)?;
    let (area_w, area_h) = plot.dim_in_pixel();
    let area = (
        i32::try_from(area_w).unwrap_or(i32::MAX / 4),
        i32::try_from(area_h).unwrap_or(i32::MAX / 4),
    );
    let inset = i32::try_from(style.px(6.0)).unwrap_or(6);
    let covered = |corner: Corner| {
        let (left, top) = legend_box(corner, (width, height), area, inset);
        pixels
            .iter()
            .filter(|((x, y), _)| *x >= left && *x <= left + width && *y >= top && *y <= top + height)
            .map(|(_, weight)| weight)
            .sum::<usize>()
    };
    Ok(order
        .iter()
        .copied()
        .min_by_key(|corner| covered(*corner))
        .unwrap_or(Corner::UpperRight))
}

/// Draws a legend box in a corner of a plotting area, in `size` CSS-pixel text. The text is
/// measured by the backend (plotters' own legend measures it through the font, which on the web
/// lays out the whole page for every row). Nothing for no rows, or when the style hides legends.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    rows: &[LegendRow],
    corner: Corner,
    size: f64,
    style: &Style,
) -> Result<(), DrawError> {
    if rows.is_empty() || !style.legend {
        return Ok(());
    }
    let colors = style.colors();
    let font = ("sans-serif", style.font(size)).into_font().color(&colors.ink);
    let mut sizes = Vec::with_capacity(rows.len());
    for row in rows {
        sizes.push(text_size(plot, &row.text, size, style)?);
    }
    let to_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX / 4);
    let margin = to_i32(style.px(8.0));
    let sample = to_i32(style.px(22.0));
    let gap = to_i32(style.px(8.0));
    let inset = to_i32(style.px(6.0));
    let (width, height) = legend_size(plot, rows, size, style)?;
    let (area_w, area_h) = plot.dim_in_pixel();
    let (left, top) = legend_box(corner, (width, height), (to_i32(area_w), to_i32(area_h)), inset);
    let corners = [(left, top), (left + width, top + height)];
    plot.draw(&Rectangle::new(corners, colors.background.mix(0.85).filled()))
        .map_err(draw_err)?;
    plot.draw(&Rectangle::new(corners, colors.grid)).map_err(draw_err)?;
    let mut y = top + margin;
    for (row, (_, h)) in rows.iter().zip(sizes) {
        let middle = y + h / 2;
        let x = left + margin;
        let line = row.colour.stroke_width(style.px(row.width));
        let ends = [(x, middle), (x + sample, middle)];
        let half = to_i32(style.px(4.0));
        match row.mark {
            Mark::Line => plot.draw(&PathElement::new(ends, line)),
            Mark::Dashed(dash, gap) => plot.draw(&plotters::element::DashedPathElement::new(
                ends,
                style.px(dash),
                style.px(gap),
                line,
            )),
            Mark::Dot => plot.draw(&Circle::new(
                (x + sample / 2, middle),
                style.px(4.5),
                row.colour.filled(),
            )),
            Mark::Square => plot.draw(&Rectangle::new(
                [
                    (x + sample / 2 - half, middle - half),
                    (x + sample / 2 + half, middle + half),
                ],
                row.colour.stroke_width(style.px(1.5)),
            )),
        }
        .map_err(draw_err)?;
        plot.draw_text(
            &row.text,
            &font.pos(Pos::new(HPos::Left, VPos::Center)),
            (x + sample + gap, middle),
        )
        .map_err(draw_err)?;
        y += h;
    }
    Ok(())
}

/// Starts a panel: [`CANNOT_DRAW`] instead when a range cannot be drawn (None), else a white
/// page and the style fitted to the panel's width, with that width in device pixels. Every
/// panel starts here, so plotters never sees a range that breaks the rule of
/// [`crate::scene::is_drawable`] (on such a range it never finishes placing its ticks).
pub(crate) fn begin<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ranges: [(f64, f64); 2],
    style: &Style,
) -> Result<Option<(Style, u32)>, DrawError> {
    let colors = style.colors();
    if !ranges.iter().all(|r| is_drawable(*r)) {
        draw_message(area, CANNOT_DRAW, style)?;
        return Ok(None);
    }
    area.fill(&colors.background).map_err(draw_err)?;
    let (width, _) = area.dim_in_pixel();
    Ok(Some((style.fitted_to(width), width)))
}

/// Whether a point lies in the plotted ranges.
fn inside((x, y): (f64, f64), x_range: (f64, f64), y_range: (f64, f64)) -> bool {
    x >= x_range.0 && x <= x_range.1 && y >= y_range.0 && y <= y_range.1
}

/// A drawing failure, as text: backends have different error types.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

fn draw_err<E: std::fmt::Debug>(e: E) -> DrawError {
    DrawError(format!("{e:?}"))
}

/// Draws the fit panel: points, the fitted curve, axes, and the caption.
pub fn draw_fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &FitScene,
    style: &Style,
) -> Result<PlotFrame, DrawError> {
    let colors = style.colors();
    let Some((style, width)) = begin(area, [scene.x_range, scene.y_range], style)? else {
        return Ok(PlotFrame {
            pixels: ((0, 1), (0, 1)),
            x_range: (0.0, 1.0),
            y_range: (0.0, 1.0),
            units: (1.0, 1.0),
        });
    };
    let style = &style;
    let caption = scene.title();
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .caption(
            &caption,
            ("sans-serif", style.caption_size(20.0, &caption, width))
                .into_font()
                .color(&colors.ink),
        )
        .x_label_area_size(style.px(52.0))
        .y_label_area_size(y_label_room(area, scene.y_range, 8, 16.0, 64.0, style)?)
        .build_cartesian_2d(scene.x_range.0..scene.x_range.1, scene.y_range.0..scene.y_range.1)
        .map_err(draw_err)?;
    let axes = Axes {
        x_desc: &scene.x_label,
        y_desc: &scene.y_label,
        x_ticks: tick_count(width, style),
        y_ticks: 8,
        x_format: None,
        label_size: 16.0,
    };
    draw_axes(&mut chart, &axes, style)?;
    for run in &scene.resample_runs {
        chart
            .draw_series(LineSeries::new(
                run.iter().copied(),
                colors.blue.mix(0.3).stroke_width(style.px(1.0)),
            ))
            .map_err(draw_err)?;
    }
    for run in &scene.ols_runs {
        chart
            .draw_series(LineSeries::new(
                run.iter().copied(),
                colors.faint.stroke_width(style.px(1.5)),
            ))
            .map_err(draw_err)?;
    }
    for run in &scene.truth_runs {
        chart
            .draw_series(DashedLineSeries::new(
                run.iter().copied(),
                style.px(8.0),
                style.px(5.0),
                colors.green.stroke_width(style.px(2.0)),
            ))
            .map_err(draw_err)?;
    }
    let curve_style = colors.blue.stroke_width(style.px(3.0));
    for run in &scene.curve_runs {
        chart
            .draw_series(LineSeries::new(run.iter().copied(), curve_style))
            .map_err(draw_err)?;
    }
    let radius = style.px(4.5);
    // Test points are hollow sky-blue squares; training points filled black circles.
    let half = style.px(4.0) as i32;
    chart
        .draw_series(
            scene
                .test_points
                .iter()
                .filter(|p| inside(**p, scene.x_range, scene.y_range))
                .map(|&p| {
                    EmptyElement::at(p)
                        + Rectangle::new([(-half, -half), (half, half)], colors.sky.stroke_width(style.px(1.5)))
                }),
        )
        .map_err(draw_err)?;
    // Points outside the ranges (one dragged out of a held frame) are left out, not drawn over
    // the axes.
    chart
        .draw_series(
            scene
                .points
                .iter()
                .filter(|p| inside(**p, scene.x_range, scene.y_range))
                .map(|&p| Circle::new(p, radius, colors.ink.filled())),
        )
        .map_err(draw_err)?;
    if let Some(p) = scene.selected.filter(|p| inside(*p, scene.x_range, scene.y_range)) {
        chart
            .draw_series([Circle::new(
                p,
                style.px(9.0),
                colors.vermillion.stroke_width(style.px(3.0)),
            )])
            .map_err(draw_err)?;
    }
    draw_fit_legend(&chart, scene, style)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    area.present().map_err(draw_err)?;
    let in_data = |(lo, hi): (f64, f64), unit: f64| {
        (
            (lo * unit).clamp(-f64::MAX, f64::MAX),
            (hi * unit).clamp(-f64::MAX, f64::MAX),
        )
    };
    Ok(PlotFrame {
        pixels: ((xs.start, xs.end), (ys.start, ys.end)),
        x_range: in_data(scene.x_range, scene.units.0),
        y_range: in_data(scene.y_range, scene.units.1),
        units: scene.units,
    })
}

/// The fit panel's legend: a row for each thing drawn (training points, test points, the true
/// function, the OLS curve, the resampled fits, the fitted curve), in the corner of the plotting
/// area where it covers the fewest points and curve samples (a point weighs as much as ten
/// samples of a curve).
fn draw_fit_legend<DB: DrawingBackend>(
    chart: &ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    scene: &FitScene,
    style: &Style,
) -> Result<(), DrawError> {
    let colors = style.colors();
    let legend = &scene.legend;
    let mut rows = Vec::new();
    if !scene.points.is_empty() {
        rows.push(LegendRow::new(&legend.points, colors.ink, 1.0).with_mark(Mark::Dot));
    }
    if scene
        .test_points
        .iter()
        .any(|p| inside(*p, scene.x_range, scene.y_range))
    {
        rows.push(LegendRow::new(&legend.test, colors.sky, 1.5).with_mark(Mark::Square));
    }
    if !scene.truth_runs.is_empty() {
        rows.push(LegendRow::new(&legend.truth, colors.green, 2.0).with_mark(Mark::Dashed(8.0, 5.0)));
    }
    if !scene.ols_runs.is_empty() {
        rows.push(LegendRow::new(&legend.ols, colors.faint, 1.5));
    }
    if !scene.resample_runs.is_empty() {
        // The faint blue the resampled fits are drawn in, as drawn on the background.
        let faint = |a: u8, b: u8| (0.3 * f64::from(a) + 0.7 * f64::from(b)).round() as u8;
        let (blue, back) = (colors.blue, colors.background);
        let colour = RGBColor(faint(blue.0, back.0), faint(blue.1, back.1), faint(blue.2, back.2));
        rows.push(LegendRow::new(&legend.resamples, colour, 1.0));
    }
    if !scene.curve_runs.is_empty() {
        rows.push(LegendRow::new(&legend.curve, colors.blue, 3.0));
    }
    let plot = chart.plotting_area().strip_coord_spec();
    let (base_x, base_y) = plot.get_base_pixel();
    let pixel = |p: &(f64, f64)| {
        let (x, y) = chart.backend_coord(p);
        (x - base_x, y - base_y)
    };
    let curves = scene
        .curve_runs
        .iter()
        .chain(&scene.truth_runs)
        .chain(&scene.ols_runs)
        .chain(&scene.resample_runs)
        .flatten()
        .filter(|p| inside(**p, scene.x_range, scene.y_range))
        .map(|p| (pixel(p), 1));
    // Only what lies in the ranges is mapped (far outside, plotters' pixel arithmetic overflows).
    let points = scene
        .points
        .iter()
        .chain(&scene.test_points)
        .filter(|p| inside(**p, scene.x_range, scene.y_range))
        .map(|p| (pixel(p), 10));
    let pixels: Vec<((i32, i32), usize)> = curves.chain(points).collect();
    let order = [
        Corner::UpperRight,
        Corner::UpperLeft,
        Corner::LowerRight,
        Corner::LowerLeft,
    ];
    // The presenter theme's smallest text is 24 px.
    let size = if style.theme == Theme::Presenter { 16.0 } else { 13.0 };
    let corner = emptiest_corner(&plot, &rows, size, style, &pixels, &order)?;
    draw_legend(&plot, &rows, corner, size, style)
}

/// Where the fit panel's plotting area landed (device pixels: left, right; top, bottom) and the
/// ranges it shows: enough to turn a pointer position into data coordinates and back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotFrame {
    /// ((left, right), (top, bottom)) in device pixels.
    pub pixels: ((i32, i32), (i32, i32)),
    /// The x-range drawn, in data units (its ends clamped to ±f64::MAX).
    pub x_range: (f64, f64),
    /// The y-range drawn (bottom to top), in data units.
    pub y_range: (f64, f64),
    /// The power of ten each axis was drawn in (see [`FitScene::units`]).
    pub units: (f64, f64),
}

impl PlotFrame {
    /// Data coordinates at a device pixel. Computed in drawn units and then scaled, so that a
    /// range near f64::MAX does not overflow its width.
    pub fn data_at(&self, px: f64, py: f64) -> (f64, f64) {
        let ((left, right), (top, bottom)) = self.pixels;
        let tx = (px - f64::from(left)) / f64::from((right - left).max(1));
        let ty = (f64::from(bottom) - py) / f64::from((bottom - top).max(1));
        let at = |(lo, hi): (f64, f64), unit: f64, t: f64| {
            let (lo, hi) = (lo / unit, hi / unit);
            (lo + t * (hi - lo)) * unit
        };
        (at(self.x_range, self.units.0, tx), at(self.y_range, self.units.1, ty))
    }

    /// Device pixels per data unit, on x and on y.
    pub fn pixels_per_unit(&self) -> (f64, f64) {
        let ((left, right), (top, bottom)) = self.pixels;
        let per = |pixels: i32, (lo, hi): (f64, f64), unit: f64| f64::from(pixels) / (hi / unit - lo / unit) / unit;
        (
            per(right - left, self.x_range, self.units.0),
            per(bottom - top, self.y_range, self.units.1),
        )
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn clamp_to_never_panics_when_the_bounds_cross() {
        assert_eq!(super::clamp_to(5, 0, 10), 5);
        assert_eq!(super::clamp_to(-3, 0, 10), 0);
        assert_eq!(
            super::clamp_to(47, 47, 43),
            47,
            "crossed bounds: the lower wins, no panic"
        );
        assert!(super::clamp_to(1.0, f64::NAN, 2.0).is_nan(), "a NaN bound: no panic");
        assert_eq!(super::clamp_to(3.0, 0.0, 2.0), 2.0);
    }
    use super::*;

    fn scene(clipped: bool) -> FitScene {
        FitScene {
            points: vec![(0.0, 0.0), (1.0, 1.0)],
            curve_runs: vec![vec![(0.0, 0.0), (0.5, 0.6), (1.0, 1.0)]],
            test_points: vec![(0.3, 0.2)],
            truth_runs: vec![vec![(0.0, 0.1), (1.0, 0.9)]],
            ols_runs: Vec::new(),
            resample_runs: Vec::new(),
            selected: None,
            x_range: (0.0, 1.0),
            y_range: (-0.5, 1.5),
            units: (1.0, 1.0),
            clipped,
            x_label: "x".into(),
            y_label: "y".into(),
            caption: "Ridge, λ = 0.001".into(),
            legend: crate::scene::FitLegend::curves(),
        }
    }

    fn svg(scene: &FitScene) -> String {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (640, 400)).into_drawing_area();
            draw_fit(&area, scene, &Style::light(1.0)).unwrap();
        }
        out
    }

    /// The trimmed contents of every <text> element.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>'))
            .map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_string())
            .collect()
    }

    #[test]
    fn fit_panel_has_caption_axes_points_and_curve() {
        let out = svg(&scene(false));
        let labels = texts(&out);
        assert!(labels.iter().any(|t| t == "Ridge, λ = 0.001"), "{labels:?}");
        assert!(
            labels.iter().any(|t| t == "x") && labels.iter().any(|t| t == "y"),
            "{labels:?}"
        );
        // Two points and the legend's dot; the curve and the legend's sample of it.
        assert_eq!(out.matches("<circle").count(), 3);
        assert_eq!(out.matches("stroke=\"#0072B2\"").count(), 2);
        for row in ["training points", "test points", "true function", "fitted curve"] {
            assert!(labels.iter().any(|t| t == row), "{row} in {labels:?}");
        }
        assert!(
            !labels.iter().any(|t| t == "OLS fit"),
            "no OLS curve, no row: {labels:?}"
        );
    }

    #[test]
    fn clipping_is_said_in_the_caption() {
        assert!(svg(&scene(true)).contains("curve clipped"));
    }

    /// A scene whose range breaks the rule gets the message, not plotters (which never finished
    /// placing ticks on the first of these: finite ends, infinite width).
    #[test]
    fn ranges_that_cannot_be_drawn_get_a_message() {
        for y_range in [
            (-9.6e307, 9.6e307),
            (0.0, f64::INFINITY),
            (f64::NAN, 1.0),
            (1.0, 1.0),
            (0.0, 5e-324),
            (1e300, 1e300 * (1.0 + 4.0 * f64::EPSILON)),
        ] {
            let out = svg(&FitScene {
                y_range,
                ..scene(false)
            });
            assert!(out.contains(CANNOT_DRAW), "{y_range:?}");
            assert_eq!(out.matches("<circle").count(), 0, "{y_range:?}");
        }
    }

    /// (drawn range, unit, pixel, data value there)
    #[test]
    fn a_frame_maps_pixels_to_data_in_its_units() {
        for (range, unit, pixel, expected) in [
            ((0.0, 1.0), 1.0, 100.0, 0.0),
            ((0.0, 1.0), 1.0, 300.0, 1.0),
            ((-9.6, 9.6), 1e307, 300.0, 9.6e307),
            ((-9.6, 9.6), 1e307, 200.0, 0.0),
        ] {
            let frame = PlotFrame {
                pixels: ((100, 300), (0, 200)),
                x_range: (range.0 * unit, range.1 * unit),
                y_range: (0.0, 1.0),
                units: (unit, 1.0),
            };
            let (x, _) = frame.data_at(pixel, 0.0);
            assert!(
                (x - expected).abs() <= 1e-12 * unit,
                "{range:?} × {unit:e} at {pixel}: {x:e}"
            );
            let (per_unit, _) = frame.pixels_per_unit();
            assert!(per_unit.is_finite() && per_unit > 0.0, "{per_unit:e}");
        }
    }

    /// (axis range, label of a tick value, or None when plotters writes its own)
    #[test]
    fn huge_and_tiny_axes_write_scientific_labels() {
        for (range, value, expected) in [
            (0.0..1.0, 0.5, None),
            (-1e6..1e6, 5e5, Some("5.00e5")),
            (-1.2e307..1.2e307, 6e306, Some("6.00e306")),
            (-1.2e307..1.2e307, 5.56e290, Some("0")),
            (0.0..1e-5, 2e-6, Some("2.00e-6")),
        ] {
            let label = scientific_labels(range.clone()).map(|format| format(&value));
            assert_eq!(label.as_deref(), expected, "{range:?}");
        }
    }
}

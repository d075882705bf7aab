//! The path, error and geometry panels, generic over plotters' `DrawingBackend`.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{begin, draw_axes, draw_err, draw_legend, tick_count, Axes, Corner, DrawError, LegendRow, Style};
use crate::scene::{
    clip_runs, is_drawable, runs_inside, BiasScene, ErrorScene, GeometryScene, LambdaAxis, Lens, PathScene, PlotLayout,
};

/// Draws the current-λ marker of a λ chart at `column` (from [`LambdaAxis::marker_column`]), a
/// vertical line across the plotting area that `layout` describes (dashed on the path panel), on
/// top of everything else. Nothing without a column. The caller presents the area.
fn draw_lambda_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &PlotLayout,
    column: Option<i32>,
    dashed: bool,
    style: &Style,
) -> Result<(), DrawError> {
    let Some(column) = column else {
        return Ok(());
    };
    let (width, _) = area.dim_in_pixel();
    let style = style.fitted_to(width);
    let line = style.colors().ink.stroke_width(style.px(2.0));
    let ends = [(column, layout.rows.0), (column, layout.rows.1)];
    if dashed {
        area.draw(&plotters::element::DashedPathElement::new(
            ends,
            style.px(6.0),
            style.px(4.0),
            line,
        ))
    } else {
        area.draw(&PathElement::new(ends, line))
    }
    .map_err(draw_err)
}

/// Where the chart's plotting area landed: the columns its x-axis maps onto (the right edge
/// less one, as plotters maps values) and its top and bottom rows.
fn layout_of<DB: DrawingBackend>(chart: &LambdaChart<'_, DB>) -> PlotLayout {
    let area = chart.plotting_area();
    let (columns, rows) = (area.get_x_axis_pixel_range(), area.get_pixel_range().1);
    PlotLayout {
        pixels: (columns.start, columns.end),
        rows: (rows.start, rows.end),
    }
}

/// A caption's font: `size` CSS pixels, or smaller so that it fits across `width` device pixels.
fn caption_font(style: &Style, size: f64, text: &str, width: u32) -> TextStyle<'static> {
    let colors = style.colors();
    ("sans-serif", style.caption_size(size, text, width))
        .into_font()
        .color(&colors.ink)
}

fn font(style: &Style, size: f64) -> TextStyle<'static> {
    let colors = style.colors();
    ("sans-serif", style.font(size)).into_font().color(&colors.ink)
}

/// Draws the coefficient paths, the current-λ marker, the knots and the nonzero counts on top.
pub fn draw_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &PathScene,
    style: &Style,
) -> Result<PlotLayout, DrawError> {
    let style_in = style;
    let colors = style.colors();
    let Some((style, width)) = begin(area, [scene.x_range, scene.y_range], style)? else {
        return Ok(PlotLayout::EMPTY);
    };
    let style = &style;
    let (x0, x1) = scene.x_range;
    let (y0, y1) = scene.y_range;
    let axis = scene.x_axis();
    let (left, right) = (axis.left, axis.right);
    // Curve-end labels go at each curve's right end: its last point on the log-λ axis (λ falls
    // to the right), its largest x on the others.
    let falling = left > right;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .margin_right(style.px(56.0))
        .caption(scene.caption.as_str(), caption_font(style, 20.0, &scene.caption, width))
        .x_label_area_size(style.px(52.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(left..right, y0..y1)
        .map_err(draw_err)?;
    let formatter = |v: &f64| scene.tick_label(*v);
    let axes = Axes {
        x_desc: &scene.x_label,
        y_desc: &scene.y_label,
        x_ticks: tick_count(width, style),
        y_ticks: 7,
        x_format: Some(&formatter),
        label_size: 15.0,
    };
    draw_axes(&mut chart, &axes, style)?;
    chart
        .draw_series(LineSeries::new(
            [(x0, 0.0), (x1, 0.0)],
            colors.faint.stroke_width(style.px(1.0)),
        ))
        .map_err(draw_err)?;
    for (k, series) in scene.series.iter().enumerate() {
        let colour = colors
            .series
            .get(k % colors.series.len())
            .copied()
            .unwrap_or(colors.blue);
        for run in clip_runs(&series.points, y0, y1).0 {
            chart
                .draw_series(LineSeries::new(run, colour.stroke_width(style.px(2.5))))
                .map_err(draw_err)?;
        }
    }
    // Labels at the end of each curve that is not zero there (clamped into view), nudged apart.
    let end_x = right;
    let mut ends: Vec<(f64, usize)> = scene
        .series
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            let end = if falling {
                s.points.last()
            } else {
                s.points.iter().max_by(|a, b| a.0.total_cmp(&b.0))
            };
            end.filter(|p| p.1 != 0.0).map(|p| (p.1.clamp(y0, y1), k))
        })
        .collect();
    ends.sort_by(|a, b| b.0.total_cmp(&a.0));
    let min_gap = (y1 - y0) * 0.045;
    let mut last = f64::INFINITY;
    for (y, k) in ends {
        let y = y.min(last - min_gap);
        last = y;
        let colour = colors
            .series
            .get(k % colors.series.len())
            .copied()
            .unwrap_or(colors.blue);
        let name = scene.series.get(k).map_or("", |s| s.name.as_str());
        let label = font(style, 14.0).color(&colour).pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series([Text::new(name.to_string(), (end_x, y), label)])
            .map_err(draw_err)?;
    }
    for knot in &scene.knots {
        chart
            .draw_series([Circle::new((knot.x, 0.0), style.px(4.0), colors.ink.filled())])
            .map_err(draw_err)?;
    }
    // Knot labels in a column at the top right of the plot, the newest last.
    let shown: Vec<_> = scene.knots.iter().rev().take(6).collect();
    for (row, knot) in shown.iter().rev().enumerate() {
        let y = y0 + (y1 - y0) * (0.06 + 0.055 * row as f64);
        let at = font(style, 13.0).pos(Pos::new(HPos::Right, VPos::Center));
        chart
            .draw_series([Text::new(knot.label.clone(), (right, y), at)])
            .map_err(draw_err)?;
    }
    for (x, count) in &scene.top_ticks {
        let at = font(style, 13.0).pos(Pos::new(HPos::Center, VPos::Top));
        chart
            .draw_series([Text::new(count.clone(), (*x, y1), at)])
            .map_err(draw_err)?;
    }
    let layout = layout_of(&chart);
    draw_lambda_marker(area, &layout, scene.marker_column(&layout), true, style_in)?;
    area.present().map_err(draw_err)?;
    Ok(layout)
}

/// Draws train, test and CV error against log λ, with λ_min, λ_1se and the current λ.
pub fn draw_errors<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &ErrorScene,
    style: &Style,
) -> Result<PlotLayout, DrawError> {
    let style_in = style;
    let colors = style.colors();
    let Some((mut chart, style)) = lambda_chart(
        area,
        scene,
        (&scene.caption, &scene.x_label, &scene.y_label),
        scene.y_range,
        7,
        style,
    )?
    else {
        return Ok(PlotLayout::EMPTY);
    };
    let style = &style;
    let (y0, y1) = scene.y_range;
    let mut legend = Vec::new();
    if !scene.cv_band.is_empty() {
        let upper = scene.cv_band.iter().map(|&(x, _, hi)| (x, hi.clamp(y0, y1)));
        let lower = scene.cv_band.iter().rev().map(|&(x, lo, _)| (x, lo.clamp(y0, y1)));
        chart
            .draw_series([Polygon::new(
                upper.chain(lower).collect::<Vec<_>>(),
                colors.orange.mix(0.22).filled(),
            )])
            .map_err(draw_err)?;
        draw_curve(
            &mut chart,
            &scene.cv_mean,
            (&scene.legend.cv, colors.orange, 3.0, false),
            style,
            &mut legend,
        )?;
    }
    draw_curve(
        &mut chart,
        &scene.train,
        (&scene.legend.train, colors.blue, 2.5, false),
        style,
        &mut legend,
    )?;
    draw_curve(
        &mut chart,
        &scene.test,
        (&scene.legend.test, colors.sky, 2.5, true),
        style,
        &mut legend,
    )?;
    if let Some((lambda_min, lambda_1se)) = scene.cv_marks {
        let (min_label, one_se_label) = &scene.cv_mark_labels;
        for (x, name) in [(lambda_min, min_label), (lambda_1se, one_se_label)] {
            chart
                .draw_series(DashedLineSeries::new(
                    [(x, y0), (x, y1)],
                    style.px(3.0),
                    style.px(3.0),
                    colors.vermillion.stroke_width(style.px(1.5)),
                ))
                .map_err(draw_err)?;
            let at = font(style, 13.0)
                .color(&colors.vermillion)
                .pos(Pos::new(HPos::Center, VPos::Bottom));
            chart
                .draw_series([Text::new(name.clone(), (x, y0 + (y1 - y0) * 0.02), at)])
                .map_err(draw_err)?;
        }
    }
    finish_lambda_chart(area, &chart, (&legend, Corner::UpperRight), style_in, scene)
}

/// Draws the geometry panel with equal scales on both axes.
pub fn draw_geometry<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &GeometryScene,
    style: &Style,
) -> Result<(), DrawError> {
    let colors = style.colors();
    let Some((style, width)) = begin(area, [scene.bounds.0, scene.bounds.1], style)? else {
        return Ok(());
    };
    let style = &style;
    let (_, height) = area.dim_in_pixel();
    let caption_px = style.px(20.0) * 2;
    let label_px = (style.px(52.0), style.px(64.0));
    // Equal scales: widen whichever range the panel's shape leaves short.
    let plot_w = f64::from(width.saturating_sub(label_px.1 + style.px(24.0))).max(1.0);
    let plot_h = f64::from(height.saturating_sub(label_px.0 + caption_px + style.px(24.0))).max(1.0);
    let ((x0, x1), (y0, y1)) = equal_scales(scene.bounds, (plot_w, plot_h));
    let caption = scene.title();
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .caption(&caption, caption_font(style, 17.0, &caption, width))
        .x_label_area_size(label_px.0)
        .y_label_area_size(label_px.1)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(draw_err)?;
    let axes = Axes {
        x_desc: &scene.axis_labels.0,
        y_desc: &scene.axis_labels.1,
        x_ticks: tick_count(width, style).min(7),
        y_ticks: 7,
        x_format: None,
        label_size: 15.0,
    };
    draw_axes(&mut chart, &axes, style)?;
    let axis = colors.faint.stroke_width(style.px(1.0));
    chart
        .draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], axis))
        .map_err(draw_err)?;
    chart
        .draw_series(LineSeries::new([(0.0, y0), (0.0, y1)], axis))
        .map_err(draw_err)?;
    chart
        .draw_series([Polygon::new(scene.region.clone(), colors.green.mix(0.18).filled())])
        .map_err(draw_err)?;
    chart
        .draw_series(LineSeries::new(
            scene.region.iter().copied(),
            colors.green.stroke_width(style.px(2.5)),
        ))
        .map_err(draw_err)?;
    let mut legend = vec![LegendRow::new(&scene.region_label, colors.green, 3.0)];
    // Everything that can run past the view is cut at its edge, not squashed onto it.
    let clip = |points: &[(f64, f64)]| runs_inside(points, (x0, x1), (y0, y1));
    let rss_colour = match scene.lens {
        Lens::Bayesian => colors.sky,
        _ => colors.blue,
    };
    // Each family of curves: (runs, dashes and gaps in CSS pixels if dashed, colour, legend text
    // and legend line width); a family gets its legend row when any of it is in view.
    let families = [
        (
            scene.prior.iter().flat_map(|prior| clip(prior)).collect::<Vec<_>>(),
            Some((3.0, 4.0)),
            colors.orange,
            scene.prior_label.as_str(),
            2.0,
        ),
        (
            scene.ellipses.iter().flat_map(|ellipse| clip(ellipse)).collect(),
            None,
            rss_colour,
            scene.legend.ellipses.as_str(),
            3.0,
        ),
        (
            scene.objective.iter().flat_map(|run| clip(run)).collect(),
            None,
            colors.ink,
            scene.legend.objective.as_str(),
            3.0,
        ),
        (
            clip(&scene.trace),
            Some((5.0, 4.0)),
            colors.purple,
            scene.legend.trace.as_str(),
            2.0,
        ),
    ];
    for (runs, dashes, colour, label, legend_width) in families {
        if !runs.is_empty() {
            legend.push(LegendRow::new(label, colour, legend_width));
        }
        let line = colour.stroke_width(style.px(1.5));
        for run in runs {
            match dashes {
                Some((dash, gap)) => chart.draw_series(DashedLineSeries::new(run, style.px(dash), style.px(gap), line)),
                None => chart.draw_series(LineSeries::new(run, line)),
            }
            .map_err(draw_err)?;
        }
    }
    if let Some(centre) = scene.centre {
        let arm = style.px(7.0) as i32;
        chart
            .draw_series([EmptyElement::at(centre)
                + PathElement::new([(-arm, -arm), (arm, arm)], colors.blue.stroke_width(style.px(2.5)))
                + PathElement::new([(-arm, arm), (arm, -arm)], colors.blue.stroke_width(style.px(2.5)))])
            .map_err(draw_err)?;
        // Up and to the left of its cross, while the estimate's label goes down and to the right
        // of its dot: the two stay apart when the points are close.
        let at = font(style, 14.0)
            .color(&colors.blue)
            .pos(Pos::new(HPos::Right, VPos::Bottom));
        chart
            .draw_series([Text::new(format!("{} ", scene.centre_label), centre, at)])
            .map_err(draw_err)?;
    }
    if let Some(fitted) = scene.fitted {
        chart
            .draw_series([Circle::new(
                fitted,
                style.px(6.0),
                colors.purple.stroke_width(style.px(2.0)),
            )])
            .map_err(draw_err)?;
    }
    chart
        .draw_series([Circle::new(scene.solution, style.px(6.5), colors.vermillion.filled())])
        .map_err(draw_err)?;
    let at = font(style, 15.0)
        .color(&colors.vermillion)
        .pos(Pos::new(HPos::Left, VPos::Top));
    chart
        .draw_series([Text::new(format!(" {}", scene.solution_label), scene.solution, at)])
        .map_err(draw_err)?;
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        &legend,
        Corner::LowerRight,
        13.0,
        style,
    )?;
    area.present().map_err(draw_err)?;
    Ok(())
}

/// `bounds` widened on one axis so that a unit is as long on both across a plot of
/// `(width, height)` pixels; the bounds as they are when the widened ones would not be drawable
/// (near the limit of [`crate::scene::is_drawable`]).
fn equal_scales(bounds: ((f64, f64), (f64, f64)), (width, height): (f64, f64)) -> ((f64, f64), (f64, f64)) {
    let ((x0, x1), (y0, y1)) = bounds;
    // Halves, so that no width overflows.
    let half_per_px = ((x1 / 2.0 - x0 / 2.0) / width).max((y1 / 2.0 - y0 / 2.0) / height);
    let (cx, cy) = (x0 / 2.0 + x1 / 2.0, y0 / 2.0 + y1 / 2.0);
    let widened = (
        (cx - half_per_px * width, cx + half_per_px * width),
        (cy - half_per_px * height, cy + half_per_px * height),
    );
    if is_drawable(widened.0) && is_drawable(widened.1) {
        widened
    } else {
        bounds
    }
}

/// A curve to draw: its points, legend, colour, and whether it is dashed.
type Curve<'a> = (&'a [(f64, f64)], &'a str, RGBColor, bool);

/// Draws bias², variance and the expected test error against λ, with σ² and the current λ.
pub fn draw_bias_variance<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &BiasScene,
    style: &Style,
) -> Result<PlotLayout, DrawError> {
    let style_in = style;
    let colors = style.colors();
    let Some((mut chart, style)) = lambda_chart(
        area,
        scene,
        (&scene.caption, &scene.x_label, &scene.y_label),
        scene.y_range,
        6,
        style,
    )?
    else {
        return Ok(PlotLayout::EMPTY);
    };
    let style = &style;
    let (x0, x1) = scene.x_range;
    chart
        .draw_series(DashedLineSeries::new(
            [(x0, scene.noise2), (x1, scene.noise2)],
            style.px(2.0),
            style.px(4.0),
            colors.faint.stroke_width(style.px(1.5)),
        ))
        .map_err(draw_err)?;
    let mut legend = vec![LegendRow::new(&scene.legend.noise2, colors.faint, 2.0)];
    let series: [Curve<'_>; 3] = [
        (&scene.test_error, &scene.legend.test_error, colors.ink, false),
        (&scene.bias2, &scene.legend.bias2, colors.vermillion, false),
        (&scene.variance, &scene.legend.variance, colors.green, true),
    ];
    for (points, label, colour, dashed) in series {
        draw_curve(&mut chart, points, (label, colour, 2.5, dashed), style, &mut legend)?;
    }
    finish_lambda_chart(area, &chart, (&legend, Corner::UpperLeft), style_in, scene)
}

/// A λ chart with its caption and axes drawn, and the style fitted to the panel; None when the
/// ranges cannot be drawn (a message was drawn instead).
type LambdaChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Starts the error or bias–variance panel: the chart over the scene's x-axis (log λ falling to
/// the right) and `y_range`, with the scene's (caption, x label, y label) and tick labels.
fn lambda_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    scene: &impl LambdaAxis,
    (caption, x_desc, y_desc): (&str, &str, &str),
    (y0, y1): (f64, f64),
    y_ticks: usize,
    style: &Style,
) -> Result<Option<(LambdaChart<'a, DB>, Style)>, DrawError> {
    let axis = scene.x_axis();
    let x_range = (axis.left.min(axis.right), axis.left.max(axis.right));
    let Some((style, width)) = begin(area, [x_range, (y0, y1)], style)? else {
        return Ok(None);
    };
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        // Room for the last tick label, centred on the right edge.
        .margin_right(style.px(24.0))
        .caption(caption, caption_font(&style, 20.0, caption, width))
        .x_label_area_size(style.px(52.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(axis.left..axis.right, y0..y1)
        .map_err(draw_err)?;
    let formatter = |v: &f64| scene.tick_label(*v);
    let axes = Axes {
        x_desc,
        y_desc,
        x_ticks: tick_count(width, &style),
        y_ticks,
        x_format: Some(&formatter),
        label_size: 15.0,
    };
    draw_axes(&mut chart, &axes, &style)?;
    Ok(Some((chart, style)))
}

/// Draws a λ chart's legend and its current-λ marker (solid), presents the area, and returns
/// where the plotting area landed. `style` is the panel's style before fitting to its width.
fn finish_lambda_chart<'a, DB: DrawingBackend + 'a>(
    area: &DrawingArea<DB, Shift>,
    chart: &LambdaChart<'a, DB>,
    (legend, corner): (&[LegendRow], Corner),
    style: &Style,
    scene: &impl LambdaAxis,
) -> Result<PlotLayout, DrawError> {
    let (width, _) = area.dim_in_pixel();
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        legend,
        corner,
        14.0,
        &style.fitted_to(width),
    )?;
    let layout = layout_of(chart);
    draw_lambda_marker(area, &layout, scene.marker_column(&layout), false, style)?;
    area.present().map_err(draw_err)?;
    Ok(layout)
}

/// Draws one curve of a λ chart, clipped to its y-range, solid or dashed, and adds its legend
/// row: (label, colour, width in CSS pixels, dashed). Nothing for an empty curve.
fn draw_curve<'a, DB: DrawingBackend + 'a>(
    chart: &mut LambdaChart<'a, DB>,
    points: &[(f64, f64)],
    (label, colour, width, dashed): (&str, RGBColor, f64, bool),
    style: &Style,
    legend: &mut Vec<LegendRow>,
) -> Result<(), DrawError> {
    let y = chart.y_range();
    for (k, run) in clip_runs(points, y.start, y.end).0.into_iter().enumerate() {
        let line = colour.stroke_width(style.px(width));
        if dashed {
            chart
                .draw_series(DashedLineSeries::new(run, style.px(8.0), style.px(4.0), line))
                .map_err(draw_err)?;
        } else {
            chart.draw_series(LineSeries::new(run, line)).map_err(draw_err)?;
        }
        if k == 0 {
            legend.push(LegendRow::new(label, colour, 3.0));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (bounds, plot size in pixels, bounds drawn)
    #[test]
    fn equal_scales_widen_one_axis_unless_that_cannot_be_drawn() {
        let near_limit = crate::scene::MAX_MAGNITUDE * 0.9;
        for (bounds, size, expected) in [
            (((0.0, 2.0), (0.0, 2.0)), (200.0, 100.0), ((-1.0, 3.0), (0.0, 2.0))),
            (((0.0, 2.0), (0.0, 2.0)), (100.0, 200.0), ((0.0, 2.0), (-1.0, 3.0))),
            (
                ((-near_limit, near_limit), (-near_limit, near_limit)),
                (200.0, 100.0),
                ((-near_limit, near_limit), (-near_limit, near_limit)),
            ),
        ] {
            assert_eq!(equal_scales(bounds, size), expected, "{bounds:?} on {size:?}");
        }
    }
}

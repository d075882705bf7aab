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
    // The layout is in the backend's pixels; the area draws relative to its own corner (a panel
    // of the four-panel export is not at the origin).
    let (left, top) = area.get_base_pixel();
    let ends = [
        (column - left, layout.rows.0 - top),
        (column - left, layout.rows.1 - top),
    ];
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

/// Draws a λ panel's caption at the top of `area` (20 CSS pixels, or smaller to fit) and, under
/// it, the scene's note in a smaller vermillion line (what the view cut or changed); returns the
/// height they take, for the chart's top margin (plotters' own caption holds one line).
fn draw_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (caption, note): (&str, Option<&str>),
    style: &Style,
    width: u32,
) -> Result<u32, DrawError> {
    let px = |css: f64| i32::try_from(style.px(css)).unwrap_or(i32::MAX / 4);
    let middle = i32::try_from(width / 2).unwrap_or(0);
    let caption_font = caption_font(style, 20.0, caption, width);
    let (_, caption_h) = area.estimate_text_size(caption, &caption_font).map_err(draw_err)?;
    let caption_h = i32::try_from(caption_h).unwrap_or(0);
    let mut y = px(12.0) + px(4.0);
    area.draw_text(
        caption,
        &caption_font.pos(Pos::new(HPos::Center, VPos::Top)),
        (middle, y),
    )
    .map_err(draw_err)?;
    y += caption_h;
    if let Some(note) = note {
        let colors = style.colors();
        let note_font = ("sans-serif", style.caption_size(13.0, note, width))
            .into_font()
            .color(&colors.vermillion);
        let (_, note_h) = area.estimate_text_size(note, &note_font).map_err(draw_err)?;
        y += px(3.0);
        area.draw_text(note, &note_font.pos(Pos::new(HPos::Center, VPos::Top)), (middle, y))
            .map_err(draw_err)?;
        y += i32::try_from(note_h).unwrap_or(0);
    }
    Ok(u32::try_from(y + px(8.0)).unwrap_or(0))
}

/// The colour and dash pattern (CSS pixels; None: solid) of feature `k`'s path: one colour per
/// feature in the palette's order, so a feature keeps its colour on every axis and penalty; the
/// features past the palette's length repeat its colours, dashed, then dotted.
fn series_look(k: usize, colors: &super::Colors) -> (RGBColor, Option<(f64, f64)>) {
    let n = colors.series.len().max(1);
    let colour = colors.series.get(k % n).copied().unwrap_or(colors.blue);
    let dashes = match (k / n) % 3 {
        0 => None,
        1 => Some((7.0, 4.0)),
        _ => Some((2.0, 3.0)),
    };
    (colour, dashes)
}

/// Centres for labels of height `step` wanted at `wanted` (ascending), moved apart so that no two
/// are closer than `step` and all lie in [lo, hi]; the caller keeps at most as many as fit.
fn spread(wanted: &[i32], step: i32, (lo, hi): (i32, i32)) -> Vec<i32> {
    let mut placed: Vec<i32> = Vec::with_capacity(wanted.len());
    let mut previous = lo - step;
    for &y in wanted {
        previous = y.max(previous + step).max(lo);
        placed.push(previous);
    }
    let mut next = hi + step;
    for y in placed.iter_mut().rev() {
        next = (*y).min(next - step).min(hi);
        *y = next;
    }
    placed
}

/// Draws the coefficient paths, the current-λ marker, the knots and the nonzero counts on top.
///
/// Layout, all in pixels: the counts along the top of the plot; each curve's name in the right
/// margin after a sample of its line (colour and dash), spread apart (and, where there are more
/// than fit, only those of the largest curves), with a leader from the curve's end where a name
/// moved; the knots' names from the largest λ down, in up to three rows along the bottom, as many
/// as fit before the first that does not.
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
    let px = |css: f64| i32::try_from(style.px(css)).unwrap_or(i32::MAX / 4);
    let (name_size, knot_size, count_size) = (14.0, 13.0, 13.0);
    let (leader, sample, gap) = (px(6.0), px(18.0), px(3.0));
    let mut widest = 0;
    for series in &scene.series {
        widest = widest.max(super::text_size(area, &series.name, name_size, style)?.0);
    }
    let right_margin = u32::try_from(leader + sample + gap + widest + px(4.0))
        .unwrap_or(0)
        .max(style.px(24.0));
    let note = scene.note();
    let top = draw_title(area, (&scene.caption, note.as_deref()), style, width)?;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .margin_top(top)
        .margin_right(right_margin)
        .x_label_area_size(style.px(52.0))
        .y_label_area_size(super::y_label_room(area, (y0, y1), 7, 15.0, 64.0, style)?)
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
        let (colour, dashes) = series_look(k, &colors);
        let line = colour.stroke_width(style.px(2.5));
        for run in clip_runs(&series.points, y0, y1).0 {
            match dashes {
                Some((dash, space)) => {
                    chart.draw_series(DashedLineSeries::new(run, style.px(dash), style.px(space), line))
                }
                None => chart.draw_series(LineSeries::new(run, line)),
            }
            .map_err(draw_err)?;
        }
    }
    // Every knot a dot.
    for knot in &scene.knots {
        chart
            .draw_series([Circle::new((knot.x, 0.0), style.px(4.0), colors.ink.filled())])
            .map_err(draw_err)?;
    }
    // Pixels relative to the panel: the chart maps to the backend's, the panel may not start at 0.
    let (base_x, base_y) = area.get_base_pixel();
    let at = |x: f64, y: f64| {
        let (px_x, px_y) = chart.backend_coord(&(x, y));
        (px_x - base_x, px_y - base_y)
    };
    let (columns, rows) = chart.plotting_area().get_pixel_range();
    let (plot_left, plot_right) = (columns.start - base_x, columns.end - base_x);
    let (plot_top, plot_bottom) = (rows.start - base_y, rows.end - base_y);
    // The nonzero counts along the top, inside the plot.
    let mut count_h = 0;
    for (x, count) in &scene.top_ticks {
        count_h = count_h.max(super::text_size(area, count, count_size, style)?.1);
        let (cx, _) = at(*x, y1);
        area.draw_text(
            count,
            &font(style, count_size).pos(Pos::new(HPos::Center, VPos::Top)),
            (cx, plot_top),
        )
        .map_err(draw_err)?;
    }
    // Curve-end names, below the counts, spread apart.
    let (_, name_h) = super::text_size(area, "z", name_size, style)?;
    let step = name_h + px(2.0);
    let (lo, hi) = (plot_top + count_h + px(3.0) + step / 2, plot_bottom - step / 2);
    let room = usize::try_from((hi - lo) / step.max(1) + 1).unwrap_or(0);
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
            end.filter(|p| p.1 != 0.0).map(|p| (p.1, k))
        })
        .collect();
    if ends.len() > room {
        // The largest curves keep their names.
        ends.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        ends.truncate(room);
    }
    let mut wanted: Vec<(i32, usize)> = ends
        .iter()
        .map(|&(w, k)| (at(right, super::clamp_to(w, y0, y1)).1, k))
        .collect();
    wanted.sort_by_key(|&(y, k)| (y, k));
    let placed = spread(&wanted.iter().map(|w| w.0).collect::<Vec<_>>(), step, (lo, hi));
    for ((end_y, k), y) in wanted.iter().zip(placed) {
        let (colour, dashes) = series_look(*k, &colors);
        let start = plot_right + px(1.0);
        area.draw(&PathElement::new(
            [(start, *end_y), (start + leader, y)],
            colour.stroke_width(style.px(1.0)),
        ))
        .map_err(draw_err)?;
        let line = colour.stroke_width(style.px(2.5));
        let ends = [(start + leader, y), (start + leader + sample, y)];
        match dashes {
            Some((dash, space)) => area.draw(&plotters::element::DashedPathElement::new(
                ends,
                style.px(dash),
                style.px(space),
                line,
            )),
            None => area.draw(&PathElement::new(ends, line)),
        }
        .map_err(draw_err)?;
        let name = scene.series.get(*k).map_or("", |s| s.name.as_str());
        area.draw_text(
            name,
            &font(style, name_size)
                .color(&colour)
                .pos(Pos::new(HPos::Left, VPos::Center)),
            (start + leader + sample + gap, y),
        )
        .map_err(draw_err)?;
    }
    // Knots: names from the largest λ down, each in the lowest of three rows along the bottom
    // where it fits, until one does not.
    let (_, knot_h) = super::text_size(area, "z", knot_size, style)?;
    let row_step = knot_h + px(3.0);
    let mut taken: Vec<Vec<(i32, i32)>> = vec![Vec::new(); 3];
    for knot in &scene.knots {
        let (w, _) = super::text_size(area, &knot.label, knot_size, style)?;
        let (dot_x, dot_y) = at(super::clamp_to(knot.x, x0, x1), super::clamp_to(0.0_f64, y0, y1));
        let from = super::clamp_to(
            dot_x - w / 2,
            plot_left + px(2.0),
            (plot_right - px(2.0) - w).max(plot_left),
        );
        let span = (from - px(4.0), from + w + px(4.0));
        let free = taken
            .iter()
            .position(|row| row.iter().all(|&(a, b)| span.1 <= a || span.0 >= b));
        let Some(row) = free else {
            break;
        };
        let bottom = plot_bottom - px(4.0) - i32::try_from(row).unwrap_or(0) * row_step;
        if bottom - knot_h < plot_top + count_h + px(3.0) || dot_y > bottom - knot_h {
            break;
        }
        if let Some(spans) = taken.get_mut(row) {
            spans.push(span);
        }
        area.draw(&plotters::element::DashedPathElement::new(
            [
                (dot_x, dot_y),
                (super::clamp_to(dot_x, from, from + w), bottom - knot_h),
            ],
            style.px(2.0),
            style.px(3.0),
            colors.faint.stroke_width(style.px(1.0)),
        ))
        .map_err(draw_err)?;
        area.draw_text(
            &knot.label,
            &font(style, knot_size).pos(Pos::new(HPos::Left, VPos::Bottom)),
            (from, bottom),
        )
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
    let note = scene.note();
    let Some((mut chart, style)) = lambda_chart(
        area,
        scene,
        (&scene.caption, note.as_deref(), &scene.x_label, &scene.y_label),
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
        let upper = scene.cv_band.iter().map(|&(x, _, hi)| (x, super::clamp_to(hi, y0, y1)));
        let lower = scene
            .cv_band
            .iter()
            .rev()
            .map(|&(x, lo, _)| (x, super::clamp_to(lo, y0, y1)));
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
        for x in [lambda_min, lambda_1se] {
            chart
                .draw_series(DashedLineSeries::new(
                    [(x, y0), (x, y1)],
                    style.px(3.0),
                    style.px(3.0),
                    colors.vermillion.stroke_width(style.px(1.5)),
                ))
                .map_err(draw_err)?;
        }
        // The labels along the bottom of the plot, inside it; λ_1se a row higher when the two
        // would touch.
        let (min_label, one_se_label) = &scene.cv_mark_labels;
        let (base_x, base_y) = area.get_base_pixel();
        let (columns, rows) = chart.plotting_area().get_pixel_range();
        let (plot_left, plot_right) = (columns.start - base_x, columns.end - base_x);
        let px = |css: f64| i32::try_from(style.px(css)).unwrap_or(i32::MAX / 4);
        let mut bottom = rows.end - base_y - px(4.0);
        let mut previous: Option<(i32, i32)> = None;
        for (x, name) in [(lambda_min, min_label), (lambda_1se, one_se_label)] {
            let (w, h) = super::text_size(area, name, 13.0, style)?;
            let (lo, hi) = (
                chart.x_range().start.min(chart.x_range().end),
                chart.x_range().start.max(chart.x_range().end),
            );
            let centre = chart.backend_coord(&(super::clamp_to(x, lo, hi), y0)).0 - base_x;
            let from = super::clamp_to(
                centre - w / 2,
                plot_left + px(2.0),
                (plot_right - px(2.0) - w).max(plot_left),
            );
            let span = (from, from + w);
            if previous.is_some_and(|(a, b)| span.0 < b + px(4.0) && span.1 > a - px(4.0)) {
                bottom -= h + px(2.0);
            }
            previous = Some(span);
            area.draw_text(
                name,
                &font(style, 13.0)
                    .color(&colors.vermillion)
                    .pos(Pos::new(HPos::Left, VPos::Bottom)),
                (from, bottom),
            )
            .map_err(draw_err)?;
        }
    }
    finish_lambda_chart(area, &chart, (&legend, Corner::UpperRight), style_in, scene)
}

/// Draws the geometry panel with equal scales on both axes, the legend where it covers neither
/// the estimate nor the region.
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
    let label_px = (style.px(52.0), style.px(64.0));
    // The margin and the title first, as plotters' ChartBuilder would lay them out, so that the
    // plotting area's size is known to the pixel before the view is fitted to it.
    let margin = style.px(12.0);
    let caption = scene.title();
    let titled = area
        .margin(margin, margin, margin, margin)
        .titled(&caption, caption_font(style, 17.0, &caption, width))
        .map_err(draw_err)?;
    let (titled_w, titled_h) = titled.dim_in_pixel();
    let plot_size = |(w, h): (u32, u32)| {
        (
            f64::from(w.saturating_sub(label_px.1)).max(1.0),
            f64::from(h.saturating_sub(label_px.0)).max(1.0),
        )
    };
    let rows = geometry_legend(
        scene,
        equal_scales(scene.bounds, plot_size((titled_w, titled_h))),
        style,
    );
    let legend_px = legend_extent(area, &rows, style)?;
    // The legend goes in a corner of the plot that covers nothing to keep clear, or, when none
    // does, in a strip beside the plot (on the right when that leaves the plot more room).
    let whole = plot_size((titled_w, titled_h));
    let corner_free = legend_px.0 <= 0.0 || {
        let view = equal_scales(scene.bounds, whole);
        let clear = keep_clear(scene, pixel_map(view, whole), whole, style);
        legend_corner(legend_px, whole, &clear).1
    };
    let to_u32 = |v: f64| v.max(0.0).ceil() as u32;
    let (plot_area, strip) = if corner_free {
        (titled.clone(), None)
    } else if whole.0 - legend_px.0 >= whole.1 - legend_px.1 {
        let (plot_area, strip) = titled.split_horizontally(titled_w.saturating_sub(to_u32(legend_px.0)));
        (plot_area, Some(strip))
    } else {
        let (plot_area, strip) = titled.split_vertically(titled_h.saturating_sub(to_u32(legend_px.1)));
        (plot_area, Some(strip))
    };
    let rss_colour = match scene.lens {
        Lens::Bayesian => colors.sky,
        _ => colors.blue,
    };
    // Equal scales: widen whichever range the plot's shape leaves short.
    let ((x0, x1), (y0, y1)) = equal_scales(scene.bounds, plot_size(plot_area.dim_in_pixel()));
    let mut chart = ChartBuilder::on(&plot_area)
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
    // Everything that can run past the view is cut at its edge, not squashed onto it (nor
    // handed to plotters, whose pixel arithmetic overflows far outside).
    let clip = |points: &[(f64, f64)]| runs_inside(points, (x0, x1), (y0, y1));
    let fill = clip_polygon(&scene.region, ((x0, x1), (y0, y1)));
    if fill.len() > 2 {
        chart
            .draw_series([Polygon::new(fill, colors.green.mix(0.18).filled())])
            .map_err(draw_err)?;
    }
    for run in clip(&scene.region) {
        chart
            .draw_series(LineSeries::new(run, colors.green.stroke_width(style.px(2.5))))
            .map_err(draw_err)?;
    }
    let in_view = |(x, y): (f64, f64)| x >= x0 && x <= x1 && y >= y0 && y <= y1;
    // Each family of curves: (runs, dashes and gaps in CSS pixels if dashed, colour, width).
    let families = [
        (
            scene.prior.iter().flat_map(|prior| clip(prior)).collect::<Vec<_>>(),
            Some((3.0, 4.0)),
            colors.orange,
            1.5,
        ),
        (
            scene.ellipses.iter().flat_map(|ellipse| clip(ellipse)).collect(),
            None,
            rss_colour,
            1.5,
        ),
        (
            scene.objective.iter().flat_map(|run| clip(run)).collect(),
            None,
            colors.ink,
            1.5,
        ),
        (clip(&scene.touching), None, rss_colour, 3.5),
        (clip(&scene.trace), Some((5.0, 4.0)), colors.purple, 1.5),
    ];
    for (runs, dashes, colour, line_width) in families {
        let line = colour.stroke_width(style.px(line_width));
        for run in runs {
            match dashes {
                Some((dash, gap)) => chart.draw_series(DashedLineSeries::new(run, style.px(dash), style.px(gap), line)),
                None => chart.draw_series(LineSeries::new(run, line)),
            }
            .map_err(draw_err)?;
        }
    }
    if let Some(centre) = scene.centre.filter(|c| in_view(*c)) {
        let arm = style.px(7.0) as i32;
        chart
            .draw_series([EmptyElement::at(centre)
                + PathElement::new([(-arm, -arm), (arm, arm)], rss_colour.stroke_width(style.px(2.5)))
                + PathElement::new([(-arm, arm), (arm, -arm)], rss_colour.stroke_width(style.px(2.5)))])
            .map_err(draw_err)?;
        // Up and to the left of its cross, while the estimate's label goes down and to the right
        // of its dot: the two stay apart when the points are close.
        if !scene.centre_label.is_empty() {
            let at = font(style, 14.0)
                .color(&rss_colour)
                .pos(Pos::new(HPos::Right, VPos::Bottom));
            chart
                .draw_series([Text::new(format!("{} ", scene.centre_label), centre, at)])
                .map_err(draw_err)?;
        }
    }
    if let Some(fitted) = scene.fitted.filter(|f| in_view(*f)) {
        chart
            .draw_series([Circle::new(
                fitted,
                style.px(6.0),
                colors.purple.stroke_width(style.px(2.0)),
            )])
            .map_err(draw_err)?;
    }
    if in_view(scene.solution) {
        chart
            .draw_series([Circle::new(scene.solution, style.px(6.5), colors.vermillion.filled())])
            .map_err(draw_err)?;
        let at = font(style, 15.0)
            .color(&colors.vermillion)
            .pos(Pos::new(HPos::Left, VPos::Top));
        chart
            .draw_series([Text::new(format!(" {}", scene.solution_label), scene.solution, at)])
            .map_err(draw_err)?;
    }
    // Placed now on the chart as laid out.
    let to_i32 = |v: f64| v.max(0.0).round() as i32;
    match strip {
        Some(strip) => {
            let (strip_w, strip_h) = strip.dim_in_pixel();
            let place = strip.shrink(
                (0, 0),
                (strip_w.min(to_u32(legend_px.0)), strip_h.min(to_u32(legend_px.1))),
            );
            draw_legend(&place, &rows, Corner::UpperLeft, LEGEND_TEXT, style)?;
        }
        None if legend_px.0 > 0.0 => {
            let (xs, ys) = chart.plotting_area().get_pixel_range();
            let plot = (f64::from(xs.end - xs.start), f64::from(ys.end - ys.start));
            let clear = keep_clear(scene, pixel_map(((x0, x1), (y0, y1)), plot), plot, style);
            let ((left, top), _) = legend_corner(legend_px, plot, &clear);
            let place = chart
                .plotting_area()
                .strip_coord_spec()
                .shrink((to_i32(left), to_i32(top)), (to_u32(legend_px.0), to_u32(legend_px.1)));
            draw_legend(&place, &rows, Corner::UpperLeft, LEGEND_TEXT, style)?;
        }
        None => {}
    }
    area.present().map_err(draw_err)?;
    Ok(())
}

/// The geometry legend's text size, in CSS pixels.
const LEGEND_TEXT: f64 = 13.0;

/// The geometry panel's legend rows: the region, the touching contour, and each family of
/// curves with any of it in `view`.
fn geometry_legend(scene: &GeometryScene, view: ((f64, f64), (f64, f64)), style: &Style) -> Vec<LegendRow> {
    let colors = style.colors();
    let rss_colour = match scene.lens {
        Lens::Bayesian => colors.sky,
        _ => colors.blue,
    };
    let seen = |points: &[(f64, f64)]| !runs_inside(points, view.0, view.1).is_empty();
    let mut rows = Vec::new();
    if !scene.region.is_empty() {
        rows.push(LegendRow::new(&scene.region_label, colors.green, 3.0));
    }
    if seen(&scene.touching) {
        rows.push(LegendRow::new(&scene.legend.touching, rss_colour, 4.0));
    }
    let families = [
        (
            scene.ellipses.iter().any(|e| seen(e)),
            &scene.legend.ellipses,
            rss_colour,
            2.0,
        ),
        (
            scene.objective.iter().any(|o| seen(o)),
            &scene.legend.objective,
            colors.ink,
            2.0,
        ),
        (
            scene.prior.iter().any(|p| seen(p)),
            &scene.prior_label,
            colors.orange,
            2.0,
        ),
        (seen(&scene.trace), &scene.legend.trace, colors.purple, 2.0),
    ];
    for (shown, label, colour, width) in families {
        if shown {
            rows.push(LegendRow::new(label, colour, width));
        }
    }
    rows
}

/// The room (device pixels) to leave for the legend [`draw_legend`] draws for `rows`, its inset
/// on every side included: an upper bound, with each text at least half an em per character
/// wide and an em high (what the SVG backend measures can be less than a browser draws).
/// (0, 0) when no legend is drawn.
fn legend_extent<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[LegendRow],
    style: &Style,
) -> Result<(f64, f64), DrawError> {
    if rows.is_empty() || !style.legend {
        return Ok((0.0, 0.0));
    }
    let size = style.font(LEGEND_TEXT);
    let text_font = TextStyle::from(("sans-serif", size).into_font());
    let (mut text_w, mut text_h) = (0.0f64, 0.0f64);
    for row in rows {
        let (w, h) = area.estimate_text_size(&row.text, &text_font).map_err(draw_err)?;
        text_w = text_w.max(f64::from(w).max(0.5 * size * row.text.chars().count() as f64));
        text_h += f64::from(h).max(size);
    }
    let px = |css: f64| f64::from(style.px(css));
    // Margins 8 + 8, a 22 px sample, an 8 px gap, a 6 px inset on each side, and 4 px to spare.
    Ok((
        px(8.0) * 2.0 + px(22.0) + px(8.0) + px(6.0) * 2.0 + px(4.0) + text_w,
        px(8.0) * 2.0 + px(6.0) * 2.0 + px(4.0) + text_h,
    ))
}

/// Boxes [x0, y0, x1, y1] in pixels from the plotting area's top left that the legend must not
/// cover: the region's bounding box, the estimate with its label, the slice minimum with its
/// label and the fitted pair's ring.
fn keep_clear(
    scene: &GeometryScene,
    to_px: impl Fn((f64, f64)) -> (f64, f64),
    (plot_w, plot_h): (f64, f64),
    style: &Style,
) -> Vec<[f64; 4]> {
    let px = |css: f64| f64::from(style.px(css));
    let text_w = |text: &str, css: f64| 0.6 * style.font(css) * text.chars().count() as f64;
    let mut clear = Vec::new();
    // Cut to the plot, as the drawing cuts the region.
    let corners: Vec<(f64, f64)> = scene
        .region
        .iter()
        .map(|&p| {
            let (x, y) = to_px(p);
            (super::clamp_to(x, 0.0, plot_w), super::clamp_to(y, 0.0, plot_h))
        })
        .collect();
    if !corners.is_empty() {
        let (x0, x1) = crate::scene::extent(corners.iter().map(|p| p.0));
        let (y0, y1) = crate::scene::extent(corners.iter().map(|p| p.1));
        clear.push([x0, y0, x1, y1]);
    }
    let (sx, sy) = to_px(scene.solution);
    let mark = px(8.0);
    clear.push([
        sx - mark,
        sy - mark,
        sx + mark + text_w(&scene.solution_label, 15.0),
        sy + mark + style.font(15.0),
    ]);
    if let Some(centre) = scene.centre {
        let (cx, cy) = to_px(centre);
        clear.push([
            cx - mark - text_w(&scene.centre_label, 14.0),
            cy - mark - style.font(14.0),
            cx + mark,
            cy + mark,
        ]);
    }
    if let Some(fitted) = scene.fitted {
        let (fx, fy) = to_px(fitted);
        clear.push([fx - mark, fy - mark, fx + mark, fy + mark]);
    }
    clear
}

/// The top left corner (pixels from the plotting area's) of a legend room of `size` in a plot
/// of `plot` pixels: the first of upper right, upper left, lower right and lower left that
/// covers none of `clear` (and true), else the one covering the least of it (and false).
fn legend_corner(size: (f64, f64), plot: (f64, f64), clear: &[[f64; 4]]) -> ((f64, f64), bool) {
    let (w, h) = size;
    let corners = [
        (plot.0 - w, 0.0),
        (0.0, 0.0),
        (plot.0 - w, plot.1 - h),
        (0.0, plot.1 - h),
    ];
    let covered = |(left, top): (f64, f64)| -> f64 {
        clear
            .iter()
            .map(|[x0, y0, x1, y1]| {
                let across = (x1.min(left + w) - x0.max(left)).max(0.0);
                let down = (y1.min(top + h) - y0.max(top)).max(0.0);
                across * down
            })
            .sum()
    };
    match corners.into_iter().find(|c| covered(*c) == 0.0) {
        Some(free) => (free, true),
        None => (
            corners
                .into_iter()
                .min_by(|a, b| covered(*a).total_cmp(&covered(*b)))
                .unwrap_or((0.0, 0.0)),
            false,
        ),
    }
}

/// A polygon cut to a view (Sutherland–Hodgman clipping against each edge of the view; the
/// view is convex, so this is exact for any polygon, convex or not, up to edges along the view's
/// border).
fn clip_polygon(points: &[(f64, f64)], ((x0, x1), (y0, y1)): ((f64, f64), (f64, f64))) -> Vec<(f64, f64)> {
    // Each edge as (inside test, intersection of a segment with its line).
    type Inside = fn((f64, f64), f64) -> bool;
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, x0, true),
        (|p, v| p.0 <= v, x1, true),
        (|p, v| p.1 >= v, y0, false),
        (|p, v| p.1 <= v, y1, false),
    ];
    let mut polygon = points.to_vec();
    for (inside, value, vertical) in edges {
        let Some(&last) = polygon.last() else { break };
        let cross = |a: (f64, f64), b: (f64, f64)| {
            if vertical {
                let t = (value - a.0) / (b.0 - a.0);
                (value, a.1 + t * (b.1 - a.1))
            } else {
                let t = (value - a.1) / (b.1 - a.1);
                (a.0 + t * (b.0 - a.0), value)
            }
        };
        let mut out = Vec::with_capacity(polygon.len() + 4);
        let mut previous = last;
        for &current in &polygon {
            match (inside(current, value), inside(previous, value)) {
                (true, true) => out.push(current),
                (true, false) => {
                    out.push(cross(previous, current));
                    out.push(current);
                }
                (false, true) => out.push(cross(previous, current)),
                (false, false) => {}
            }
            previous = current;
        }
        polygon = out;
    }
    polygon
}

/// The map from a view to pixels from the top left of a plot of `(width, height)` pixels.
fn pixel_map(view: ((f64, f64), (f64, f64)), (width, height): (f64, f64)) -> impl Fn((f64, f64)) -> (f64, f64) {
    let ((x0, x1), (y0, y1)) = view;
    move |(x, y)| ((x - x0) / (x1 - x0) * width, (y1 - y) / (y1 - y0) * height)
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
        (&scene.caption, None, &scene.x_label, &scene.y_label),
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
/// the right) and `y_range`, with the scene's (caption, note, x label, y label) and tick labels.
fn lambda_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    scene: &impl LambdaAxis,
    (caption, note, x_desc, y_desc): (&str, Option<&str>, &str, &str),
    (y0, y1): (f64, f64),
    y_ticks: usize,
    style: &Style,
) -> Result<Option<(LambdaChart<'a, DB>, Style)>, DrawError> {
    let axis = scene.x_axis();
    let x_range = (axis.left.min(axis.right), axis.left.max(axis.right));
    let Some((style, width)) = begin(area, [x_range, (y0, y1)], style)? else {
        return Ok(None);
    };
    let top = draw_title(area, (caption, note), &style, width)?;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(12.0))
        .margin_top(top)
        // Room for the last tick label, centred on the right edge.
        .margin_right(style.px(24.0))
        .x_label_area_size(style.px(52.0))
        .y_label_area_size(super::y_label_room(area, (y0, y1), y_ticks, 15.0, 64.0, &style)?)
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

    /// (wanted centres, step, bounds, placed centres): moved apart by at least the step, inside
    /// the bounds, in order.
    #[test]
    fn labels_are_spread_apart_inside_their_bounds() {
        for (wanted, step, bounds, placed) in [
            (vec![10, 50, 90], 10, (0, 100), vec![10, 50, 90]),
            (vec![50, 50, 50], 10, (0, 100), vec![50, 60, 70]),
            (vec![95, 95, 95], 10, (0, 100), vec![80, 90, 100]),
            (vec![-20, 0], 10, (5, 100), vec![5, 15]),
        ] {
            assert_eq!(spread(&wanted, step, bounds), placed, "{wanted:?}");
        }
    }
}

//! λ from a pixel, for every λ panel and every path axis: each panel is drawn through plotters'
//! SVG backend, its marker found in the SVG, and the scene asked which λ that pixel column (and
//! the plotting area's edges) stand for.
#![cfg(not(target_arch = "wasm32"))]

use plotters::prelude::*;
use regularization_explorer::app::App;
use regularization_explorer::plot::{PlotLayout, Style};
use regularization_explorer::render::{draw_panel, Drawn};
use regularization_explorer::scene::{LambdaAxis, PathAxis};
use serde_json::json;

/// Draws `panel` of `app` as SVG; the SVG and where the plotting area landed.
fn draw(app: &App, panel: &str) -> (String, PlotLayout) {
    let mut svg = String::new();
    let drawn = {
        let area = SVGBackend::with_string(&mut svg, (900, 675)).into_drawing_area();
        draw_panel(app, panel, &area, &Style::light(1.0)).unwrap()
    };
    match drawn {
        Drawn::Lambda(layout) => (svg, layout),
        other => panic!("{panel}: no λ axis drawn ({other:?})"),
    }
}

/// The column of the current-λ marker in an SVG: the vertical ink line 2 px wide (dashed on
/// the path panel, so the first of its pieces).
fn marker_column(svg: &str) -> Option<i32> {
    svg.split("<polyline")
        .skip(1)
        .filter(|line| line.contains("stroke=\"#282828\"") && line.contains("stroke-width=\"2\""))
        .find_map(|line| {
            let points = line.split("points=\"").nth(1)?.split('"').next()?;
            let xs: Vec<i32> = points
                .split_whitespace()
                .filter_map(|p| p.split(',').next()?.parse().ok())
                .collect();
            (xs.len() == 2 && xs[0] == xs[1]).then_some(xs[0])
        })
}

/// The x tick labels in an SVG: (pixel column, the value written), from the numbers written
/// centred below the plotting area.
fn tick_labels(svg: &str, layout: &PlotLayout) -> Vec<(f64, f64)> {
    svg.split("<text ")
        .skip(1)
        .filter(|t| t.contains("text-anchor=\"middle\"") && !t.contains("transform"))
        .filter_map(|t| {
            let attribute =
                |name: &str| -> Option<f64> { t.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok() };
            let (x, y) = (attribute("x")?, attribute("y")?);
            let value: f64 = t.split_once('>')?.1.split("</text>").next()?.trim().parse().ok()?;
            (y > f64::from(layout.rows.1)).then_some((x, value))
        })
        .collect()
}

/// How λ maps back on one panel, on its own axis (`x_of` turns λ into the axis's value):
/// - in the middle of the marker's column in the SVG, the λ found lies within `tolerance`
///   pixels of the current λ;
/// - the plotting area's left and right edges (and pixels beyond them) give the λ at the
///   values `ends` (left, right), which say which way the axis runs;
/// - at each tick label, the axis's value is the one written there (to its rounding: two
///   significant digits for λ, two decimals for s and df).
#[allow(clippy::too_many_arguments)]
fn check<S: LambdaAxis>(
    what: &str,
    svg: &str,
    layout: &PlotLayout,
    scene: &S,
    x_of: impl Fn(f64) -> f64,
    tolerance: f64,
    ends: (f64, f64),
    log_ticks: bool,
) {
    let column = marker_column(svg).unwrap_or_else(|| panic!("{what}: no marker in the SVG"));
    assert_eq!(
        scene.marker_column(layout),
        Some(column),
        "{what}: the scene puts the marker where it was drawn"
    );
    let (left, right) = (f64::from(layout.pixels.0), f64::from(layout.pixels.1));
    let pixel = (ends.1 - ends.0).abs() / (right - left);
    let marker = scene.marker_x().unwrap();
    // The middle of the marker's pixel: plotters draws x in the column its pixel offset rounds
    // down to (after a nudge of 1e-3 px).
    let back = scene.lambda_at_pixel(layout, f64::from(column) + 0.5).unwrap();
    assert!(
        (x_of(back) - marker).abs() <= (tolerance + 1e-3) * pixel + 1e-12,
        "{what}: λ {back:e} at the marker's column {column} is at x {}, the marker at {marker} ({pixel} per pixel)",
        x_of(back)
    );
    for (pixel, end) in [
        (left, ends.0),
        (right, ends.1),
        (left - 500.0, ends.0),
        (right + 1e6, ends.1),
    ] {
        let lambda = scene.lambda_at_pixel(layout, pixel).unwrap();
        assert!(
            (x_of(lambda) - end).abs() <= 1e-12 * (1.0 + end.abs()),
            "{what}: λ {lambda:e} at pixel {pixel} is at x {}, the edge at {end}",
            x_of(lambda)
        );
    }
    let ticks = tick_labels(svg, layout);
    assert!(ticks.len() >= 3, "{what}: tick labels {ticks:?}");
    for (at, written) in ticks {
        // In the middle of the tick's column, as at the marker.
        let value = scene.x_axis().value_at(layout.fraction_at(at + 0.5));
        let (value, written, rounding) = if log_ticks {
            (value, written.log10(), 1.051f64.log10())
        } else {
            (value, written, 0.005)
        };
        assert!(
            (value - written).abs() <= rounding + (0.5 + 1e-3) * pixel + 1e-12,
            "{what}: x {value} at the tick labelled {written} (pixel {at})"
        );
    }
}

/// An app with `patch`, at the grid λ `k` of its path (so the marker sits on a path point).
fn app_at_grid_point(patch: serde_json::Value, k: usize) -> App {
    let mut app = App::new().unwrap();
    app.set_state(&patch).unwrap();
    let lambda = app.result().path.unwrap().lambdas[k];
    app.set_state(&json!({ "lambda": lambda })).unwrap();
    app
}

/// (penalty, α, grid index of the current λ)
const CASES: [(&str, f64, usize); 5] = [
    ("ridge", 0.0, 40),
    ("lasso", 1.0, 30),
    ("lasso", 1.0, 70),
    ("elasticnet", 0.5, 55),
    ("elasticnet", 0.2, 85),
];

#[test]
fn on_every_path_axis_the_marker_and_the_edges_map_back_to_their_lambda() {
    for (penalty, alpha, k) in CASES {
        for axis in ["lambda", "s", "df"] {
            let app = app_at_grid_point(
                json!({"preset": "sin", "penalty": penalty, "alpha": alpha, "pathAxis": axis}),
                k,
            );
            let (svg, layout) = draw(&app, "paths");
            let scene = app.path_scene();
            let what = format!("{penalty} α = {alpha}, λ_{k}, path axis {axis}");
            let (lo, hi) = scene.x_range;
            if scene.axis == PathAxis::LogLambda {
                // Within half a pixel of the middle of the marker's column. λ falls to the right.
                check(&what, &svg, &layout, &scene, f64::log10, 0.5, (hi, lo), true);
            } else {
                // The path point nearest the middle of the column, which is within half a pixel
                // of the marker's path point: so within a pixel of it.
                let x_of = |lambda: f64| {
                    scene
                        .lambda_points
                        .iter()
                        .find(|p| p.1 == lambda)
                        .map_or(f64::NAN, |p| p.0)
                };
                // s and df rise to the right.
                check(&what, &svg, &layout, &scene, x_of, 1.0, (lo, hi), false);
            }
        }
    }
}

#[test]
fn on_the_error_and_bias_panels_the_marker_and_the_edges_map_back_to_their_lambda() {
    for (penalty, alpha, k) in CASES {
        let app = app_at_grid_point(
            json!({"preset": "sin", "penalty": penalty, "alpha": alpha, "showResamples": true}),
            k,
        );
        let lambdas = app.result().path.unwrap().lambdas;
        let what = format!("{penalty} α = {alpha}, λ_{k}");
        // λ falls to the right.
        let ends = (lambdas[0].log10(), lambdas[lambdas.len() - 1].log10());
        let (svg, layout) = draw(&app, "errors");
        let errors = app.error_scene();
        check(
            &format!("errors, {what}"),
            &svg,
            &layout,
            &errors,
            f64::log10,
            0.5,
            ends,
            true,
        );
        let (svg, layout) = draw(&app, "bias");
        let bias = app.bias_scene().unwrap();
        check(
            &format!("bias, {what}"),
            &svg,
            &layout,
            &bias,
            f64::log10,
            0.5,
            ends,
            true,
        );
        // The edges are the grid's ends: λ_max at the left, the smallest λ at the right.
        for (scene_lambda, grid) in [
            (errors.lambda_at_fraction(0.0), lambdas[0]),
            (errors.lambda_at_fraction(1.0), lambdas[lambdas.len() - 1]),
            (bias.lambda_at_fraction(0.0), lambdas[0]),
            (bias.lambda_at_fraction(1.0), lambdas[lambdas.len() - 1]),
        ] {
            let got = scene_lambda.unwrap();
            assert!((got - grid).abs() <= 1e-12 * grid, "{what}: {got:e} against {grid:e}");
        }
    }
}

#[test]
fn where_there_is_no_path_no_pixel_means_a_lambda() {
    let mut app = App::new().unwrap();
    app.set_state(&json!({"preset": "sin", "penalty": "ols"})).unwrap();
    for panel in ["paths", "errors"] {
        let (_, layout) = draw(&app, panel);
        let middle = f64::from(layout.pixels.0 + layout.pixels.1) / 2.0;
        let lambda = match panel {
            "paths" => app.path_scene().lambda_at_pixel(&layout, middle),
            _ => app.error_scene().lambda_at_pixel(&layout, middle),
        };
        assert_eq!(lambda, None, "{panel}");
    }
}

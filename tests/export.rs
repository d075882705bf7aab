//! The four-panel SVG export (#15): each λ panel has its current-λ marker, once, inside its own
//! quarter, at the same place as in the panel's own export. (The markers were drawn at the
//! backend's absolute pixels on an area that adds its own offset: in the four-panel export the
//! path marker landed elsewhere and the error panel's outside its panel.)
#![cfg(not(target_arch = "wasm32"))]

use regularization_explorer::app::App;
use regularization_explorer::plot::Style;
use regularization_explorer::render::{all_svg, panel_svg};
use serde_json::json;

const STYLE: Style = Style::light(1.0);
const SIZE: (u32, u32) = (640, 480);

/// The x of each vertical ink-coloured marker line (solid, or dashed as many short pieces) in an
/// SVG, with the top and bottom of its pieces.
fn markers(svg: &str) -> Vec<(f64, f64, f64)> {
    let mut found: Vec<(f64, f64, f64)> = Vec::new();
    for line in svg
        .lines()
        .filter(|l| l.contains("<polyline") && l.contains("stroke-width=\"2\""))
    {
        let ink = ["#282828", "#1F2328", "#000000"]
            .iter()
            .any(|c| line.to_uppercase().contains(c));
        let Some(points) = line.split("points=\"").nth(1).and_then(|rest| rest.split('"').next()) else {
            continue;
        };
        let xy: Vec<(f64, f64)> = points
            .split_whitespace()
            .filter_map(|p| p.split_once(','))
            .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
            .collect();
        if !ink || xy.len() != 2 || xy[0].0 != xy[1].0 {
            continue;
        }
        let (x, a, b) = (xy[0].0, xy[0].1.min(xy[1].1), xy[0].1.max(xy[1].1));
        match found.iter_mut().find(|m| m.0 == x) {
            Some(m) => {
                m.1 = m.1.min(a);
                m.2 = m.2.max(b);
            }
            None => found.push((x, a, b)),
        }
    }
    // A marker spans most of its panel's height; grid lines are not ink coloured at width 2.
    found.retain(|m| m.2 - m.1 > 100.0);
    found
}

fn check(patch: serde_json::Value) {
    let mut app = App::new().unwrap();
    app.set_state(&patch).unwrap();
    let all = all_svg(&app, SIZE.0, SIZE.1, &STYLE).unwrap();
    let every = markers(&all);
    // The four-panel export is a 2 × 2 grid of panels of SIZE: paths top right, errors bottom right.
    for (panel, (left, top)) in [
        ("paths", (SIZE.0 as f64, 0.0)),
        ("errors", (SIZE.0 as f64, SIZE.1 as f64)),
    ] {
        let own = markers(&panel_svg(&app, panel, SIZE.0, SIZE.1, &STYLE).unwrap());
        assert_eq!(
            own.len(),
            1,
            "{patch}: one marker in the {panel} panel's own export: {own:?}"
        );
        let inside: Vec<_> = every
            .iter()
            .filter(|m| m.0 >= left && m.0 < left + SIZE.0 as f64 && m.1 >= top && m.2 <= top + SIZE.1 as f64)
            .collect();
        assert_eq!(
            inside.len(),
            1,
            "{patch}: one marker inside the {panel} quarter: {every:?}"
        );
        assert_eq!(
            inside[0].0 - left,
            own[0].0,
            "{patch}: the {panel} marker where the panel's own export has it"
        );
        assert_eq!(
            (inside[0].1 - top, inside[0].2 - top),
            (own[0].1, own[0].2),
            "{patch}: {panel} marker's extent"
        );
    }
    assert_eq!(every.len(), 2, "{patch}: no marker elsewhere: {every:?}");
}

#[test]
fn the_four_panel_svg_has_one_marker_per_lambda_panel_inside_it() {
    check(json!({"penalty": "lasso", "lambda": 0.01}));
    check(json!({"penalty": "ridge", "lambda": 0.5}));
    check(json!({"penalty": "elasticnet", "alpha": 0.3, "lambda": 0.002}));
    check(json!({"preset": "diabetes", "penalty": "lasso", "lambda": 1.0}));
}

/// The path panel's marker on the log-λ axis is at log λ itself (a running maximum meant for the
/// s and df axes once put it at λ_max, the left edge, for every λ).
#[test]
fn the_path_marker_is_at_the_current_lambda() {
    for (penalty, lambda) in [("lasso", 0.01), ("ridge", 0.001), ("elasticnet", 0.003)] {
        let mut app = App::new().unwrap();
        app.set_state(&json!({"penalty": penalty, "lambda": lambda})).unwrap();
        let shown = app.state().lambda;
        assert_eq!(app.path_scene().marker, Some(shown.log10()), "{penalty}");
    }
}

/// Every panel draws at small sizes, for every preset and penalty, without a panic: a knot label
/// on a 320 px phone once clamped between crossed bounds, and `clamp` panics (a dead module).
#[test]
fn every_panel_draws_at_small_sizes_without_a_panic() {
    use regularization_explorer::core::presets::PRESETS;
    for preset in PRESETS {
        for penalty in ["ols", "ridge", "lasso", "elasticnet"] {
            let mut app = App::new().unwrap();
            app.set_state(&json!({"preset": preset.name, "penalty": penalty}))
                .unwrap();
            for (w, h) in [(120, 90), (160, 120), (240, 180), (300, 225)] {
                for panel in ["fit", "paths", "geometry", "errors"] {
                    let drawn = std::panic::catch_unwind(|| panel_svg(&app, panel, w, h, &STYLE));
                    assert!(drawn.is_ok(), "{} {penalty} {panel} at {w}×{h} panicked", preset.name);
                }
            }
        }
    }
}

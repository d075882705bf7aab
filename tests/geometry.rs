//! The geometry panel teaches on any data (issue 15, item 3): equal scales, a pair that is the
//! data's, the contour that touches the region drawn in every lens, no region for OLS, a legend
//! that covers neither the estimate nor the region, and a corner picture on every polynomial
//! preset.
#![cfg(not(target_arch = "wasm32"))]

use plotters::prelude::*;
use regularization_explorer::app::App;
use regularization_explorer::core::presets::PRESETS;
use regularization_explorer::plot::{draw_geometry, Style};
use regularization_explorer::scene::{runs_inside, GeometryScene};
use serde_json::{json, Value};

const STYLE: Style = Style::light(1.0);

fn app(patch: Value) -> App {
    let mut app = App::new().unwrap();
    app.set_state(&patch).unwrap();
    app
}

/// The geometry panel of a state, drawn to SVG at a size.
fn svg(scene: &GeometryScene, size: (u32, u32)) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw_geometry(&area, scene, &STYLE).unwrap();
    }
    out
}

/// The value of `name="…"` in an SVG element's text.
fn attribute(element: &str, name: &str) -> Option<f64> {
    element
        .split(&format!(" {name}=\""))
        .nth(1)?
        .split('"')
        .next()?
        .parse()
        .ok()
}

/// Every point of every `<polygon>` filled in `colour`.
fn polygon_points(svg: &str, colour: &str) -> Vec<(f64, f64)> {
    svg.split("<polygon")
        .skip(1)
        .filter(|p| {
            p.split('>')
                .next()
                .unwrap_or("")
                .contains(&format!("fill=\"{colour}\""))
        })
        .flat_map(|p| {
            let points = p
                .split("points=\"")
                .nth(1)
                .unwrap_or("")
                .split('"')
                .next()
                .unwrap_or("");
            points
                .split_whitespace()
                .filter_map(|xy| {
                    let (x, y) = xy.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The bounding box (x0, y0, x1, y1) of some pixels.
fn bbox(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    points.iter().fold(
        (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY),
        |(x0, y0, x1, y1), (x, y)| (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y)),
    )
}

/// The legend's box: the translucent rectangle drawn over the plot.
fn legend_box(svg: &str) -> Option<(f64, f64, f64, f64)> {
    let rect = svg
        .split("<rect")
        .skip(1)
        .map(|r| r.split('>').next().unwrap_or(""))
        .find(|r| r.contains("opacity=\"0.85\""))?;
    let (x, y) = (attribute(rect, "x")?, attribute(rect, "y")?);
    Some((x, y, x + attribute(rect, "width")?, y + attribute(rect, "height")?))
}

/// The estimate's pixel: the centre of the filled vermillion dot.
fn estimate_pixel(svg: &str) -> (f64, f64) {
    let dot = svg
        .split("<circle")
        .skip(1)
        .map(|c| c.split('>').next().unwrap_or(""))
        .find(|c| c.contains("fill=\"#D55E00\""))
        .expect("the estimate's dot");
    (attribute(dot, "cx").unwrap(), attribute(dot, "cy").unwrap())
}

#[test]
fn a_unit_is_as_long_across_as_up_so_the_ridge_disk_is_round() {
    for (patch, size) in [
        (json!({"penalty": "ridge", "lambda": 1.0}), (900, 675)),
        (json!({"penalty": "ridge", "lambda": 1.0}), (420, 675)),
        (json!({"penalty": "ridge", "lambda": 1.0}), (900, 380)),
        (
            json!({"penalty": "ridge", "lambda": 0.22, "preset": "runge"}),
            (640, 480),
        ),
        (
            json!({"penalty": "ridge", "lambda": 0.3, "preset": "textbook"}),
            (700, 700),
        ),
    ] {
        let scene = app(patch.clone()).geometry_scene().unwrap();
        let disk = polygon_points(&svg(&scene, size), "#009E73");
        assert!(!disk.is_empty(), "{patch}: a disk is drawn");
        let (x0, y0, x1, y1) = bbox(&disk);
        let (across, up) = (x1 - x0, y1 - y0);
        assert!(across > 20.0, "{patch}: the disk is {across} px wide");
        // Pixels are whole numbers: a disk of d pixels may measure d ± 2.
        assert!(
            (across - up).abs() <= 2.5,
            "{patch} at {size:?}: {across} px across, {up} px up"
        );
    }
}

#[test]
fn the_default_pair_stays_when_the_penalty_changes_and_a_chosen_pair_stays_too() {
    for preset in PRESETS {
        let mut a = app(json!({"preset": preset.name, "penalty": "lasso", "lambda": 0.01}));
        let pair = a.result().pair.clone();
        assert!(pair.is_some(), "{}", preset.name);
        for penalty in ["ridge", "lasso", "elasticnet", "ols", "lasso"] {
            a.set_state(&json!({ "penalty": penalty })).unwrap();
            assert_eq!(a.result().pair, pair, "{} under {penalty}", preset.name);
        }
    }
    let mut a = app(json!({"penalty": "ridge", "pair": ["z²", "z⁴"]}));
    a.set_state(&json!({"penalty": "lasso", "lambda": 0.05})).unwrap();
    assert_eq!(a.result().pair, Some(["z²".to_string(), "z⁴".to_string()]));
}

/// The touching contour of a scene: on the level of the loss at the estimate, through the
/// estimate, and visible in the view.
fn check_touching(what: &str, scene: &GeometryScene) {
    assert!(!scene.touching.is_empty(), "{what}: no touching contour");
    let slice = &scene.slice;
    let at = [scene.solution.0, scene.solution.1];
    let level = slice.loss(at);
    let centre = scene.centre.unwrap();
    let rise = level - slice.loss([centre.0, centre.1]);
    for &(x, y) in &scene.touching {
        let off = (slice.loss([x, y]) - level).abs();
        assert!(
            off <= 1e-6 * rise + 1e-12 * level.abs(),
            "{what}: a point {off:e} off the level"
        );
    }
    let ((x0, x1), (y0, y1)) = scene.bounds;
    let size = (x1 - x0).max(y1 - y0);
    let nearest = scene
        .touching
        .windows(2)
        .map(|w| {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            let (dx, dy) = (bx - ax, by - ay);
            let t =
                (((at[0] - ax) * dx + (at[1] - ay) * dy) / (dx * dx + dy * dy).max(f64::MIN_POSITIVE)).clamp(0.0, 1.0);
            (ax + t * dx - at[0]).hypot(ay + t * dy - at[1])
        })
        .fold(f64::INFINITY, f64::min);
    assert!(
        nearest <= 1e-3 * size,
        "{what}: the estimate is {nearest:e} from the contour"
    );
    let (touching_share, _) = scene.shares();
    assert!(
        touching_share >= 0.08,
        "{what}: the touching contour spans {touching_share} of the view"
    );
    assert!(
        !runs_inside(&scene.touching, (x0, x1), (y0, y1)).is_empty(),
        "{what}: out of view"
    );
    // Rings inside it and outside it, in view.
    let in_view = scene
        .ellipses
        .iter()
        .filter(|e| !runs_inside(e, (x0, x1), (y0, y1)).is_empty())
        .count();
    assert!(in_view >= 4, "{what}: {in_view} other rings in view");
}

#[test]
fn the_contour_through_the_estimate_is_drawn_in_every_lens() {
    // The states first: λ = 0.0046 and 0.03 under the lasso on sin showed no ring.
    for (penalty, lambda) in [
        ("lasso", 0.0046),
        ("lasso", 0.03),
        ("lasso", 0.22),
        ("ridge", 1.0),
        ("ridge", 1e-3),
        ("elasticnet", 0.05),
    ] {
        for lens in ["constrained", "penalized", "bayesian"] {
            let what = format!("{penalty} λ = {lambda}, {lens}");
            let scene = app(json!({"penalty": penalty, "lambda": lambda, "lens": lens}))
                .geometry_scene()
                .unwrap();
            check_touching(&what, &scene);
            if lens != "constrained" {
                let ((x0, x1), (y0, y1)) = scene.bounds;
                let rings = scene
                    .objective
                    .iter()
                    .filter(|o| !runs_inside(o, (x0, x1), (y0, y1)).is_empty())
                    .count();
                assert!(rings >= 4, "{what}: {rings} runs of objective contours in view");
            }
        }
    }
    for preset in PRESETS {
        for penalty in ["ridge", "lasso"] {
            let scene = app(json!({"preset": preset.name, "penalty": penalty, "lambda": 0.05}))
                .geometry_scene()
                .unwrap();
            // A lasso estimate of (0, 0) with the slice minimum there too has nothing to touch.
            if scene.solution != (0.0, 0.0) {
                check_touching(&format!("{} {penalty}", preset.name), &scene);
            }
        }
    }
    let scene = app(json!({"preset": "textbook", "penalty": "ridge", "lambda": 2.0, "region": "lq", "q": 0.5}))
        .geometry_scene()
        .unwrap();
    check_touching("Lq ball", &scene);
}

#[test]
fn ols_shows_the_unconstrained_picture_with_no_region() {
    for lens in ["constrained", "penalized", "bayesian"] {
        for region in ["penalty", "lq"] {
            let scene = app(json!({"penalty": "ols", "lens": lens, "region": region}))
                .geometry_scene()
                .unwrap();
            assert!(scene.region.is_empty() && scene.touching.is_empty(), "{lens}, {region}");
            assert!(!scene.title().contains("touch"), "{}", scene.title());
            assert!(scene.ellipses.len() >= 4, "rings around the estimate");
            let out = svg(&scene, (900, 675));
            assert!(polygon_points(&out, "#009E73").is_empty(), "no region drawn");
            let ((x0, x1), (y0, y1)) = scene.bounds;
            let (cx, cy) = scene.solution;
            assert!(x0 < cx && cx < x1 && y0 < cy && cy < y1, "the estimate is in view");
        }
    }
}

#[test]
fn the_slice_minimum_is_named_for_what_it_is() {
    let a = app(json!({"penalty": "lasso", "lambda": 0.05}));
    let scene = a.geometry_scene().unwrap();
    assert_eq!(scene.centre_label, "slice minimum");
    let text = a.result().descriptions.geometry;
    assert!(
        text.contains("best point with the others held at their fitted values"),
        "{text}"
    );
    assert!(
        text.contains("L1 diamond") && text.contains("touches the region"),
        "{text}"
    );
    let ols = app(json!({"penalty": "ols"})).result().descriptions.geometry;
    assert!(ols.contains("no region") && !ols.contains("touches"), "{ols}");
}

#[test]
fn the_legend_covers_neither_the_estimate_nor_the_region() {
    let mut cases = vec![
        (json!({"penalty": "ridge", "lambda": 1.0}), (900, 675)),
        (json!({"penalty": "ridge", "lambda": 1.0}), (600, 600)),
        (json!({"penalty": "ridge", "lambda": 1.0}), (420, 675)),
        (json!({"penalty": "lasso", "lambda": 0.22}), (640, 480)),
        (
            json!({"penalty": "lasso", "lambda": 0.22, "lens": "bayesian"}),
            (480, 480),
        ),
        (json!({"penalty": "ridge", "lambda": 30.0}), (640, 480)),
    ];
    for preset in PRESETS {
        for (penalty, lambda) in [("ridge", 0.1), ("lasso", 0.01), ("elasticnet", 0.02)] {
            cases.push((
                json!({"preset": preset.name, "penalty": penalty, "lambda": lambda}),
                (640, 480),
            ));
        }
    }
    for (patch, size) in cases {
        let scene = app(patch.clone()).geometry_scene().unwrap();
        let out = svg(&scene, size);
        let (lx0, ly0, lx1, ly1) = legend_box(&out).expect("a legend");
        let (ex, ey) = estimate_pixel(&out);
        assert!(
            !(ex >= lx0 && ex <= lx1 && ey >= ly0 && ey <= ly1),
            "{patch} at {size:?}: the legend covers the estimate"
        );
        let region = polygon_points(&out, "#009E73");
        if !region.is_empty() {
            let (rx0, ry0, rx1, ry1) = bbox(&region);
            let apart = rx1 <= lx0 || rx0 >= lx1 || ry1 <= ly0 || ry0 >= ly1;
            assert!(apart, "{patch} at {size:?}: the legend overlaps the region");
        }
    }
}

#[test]
fn every_polynomial_preset_has_a_lasso_state_with_the_estimate_on_a_corner() {
    for preset in PRESETS.iter().filter(|p| p.features.is_empty()) {
        let a = app(json!({"preset": preset.name}));
        let corner = a
            .corner_state()
            .unwrap_or_else(|| panic!("{}: no corner state", preset.name));
        println!(
            "{}: degree {:?}, pair {:?}, lambda {}",
            preset.name, corner.degree, corner.pair, corner.lambda
        );
        assert_eq!(corner.degree, Some(preset.degree));
        let b = app(json!({
            "preset": preset.name,
            "penalty": "lasso",
            "lambda": corner.lambda,
            "pair": [corner.pair.0, corner.pair.1],
        }));
        let scene = b.geometry_scene().unwrap();
        assert!(
            scene.on_corner() && !scene.zoomed,
            "{}: {:?}",
            preset.name,
            scene.solution
        );
        check_touching(preset.name, &scene);
        let (touching, region) = scene.shares();
        assert!(
            touching >= 0.1 && region >= 0.1,
            "{}: {touching}, {region}",
            preset.name
        );
        // The same plane without naming the pair: it is the default one.
        let c = app(json!({"preset": preset.name, "penalty": "lasso", "lambda": corner.lambda}));
        assert_eq!(c.geometry_scene().unwrap().labels, corner.pair);
    }
}

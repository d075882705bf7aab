//! The wasm build in headless Chromium: the Explorer draws on a real canvas, survives bad
//! input, and two instances are independent.
#![cfg(target_arch = "wasm32")]

use regularization_explorer::web::Explorer;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsError};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn ok<T>(r: Result<T, JsError>) -> T {
    match r {
        Ok(v) => v,
        Err(_) => panic!("unexpected JsError"),
    }
}

fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(640);
    canvas.set_height(400);
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    context.get_image_data(0.0, 0.0, 640.0, 400.0).unwrap().data().to_vec()
}

/// Pixels close to the curve's Okabe-Ito blue (0, 114, 178).
fn blue_pixels(data: &[u8]) -> usize {
    data.chunks(4)
        .filter(|p| p[0] < 60 && (90..150).contains(&p[1]) && p[2] > 150)
        .count()
}

fn result(explorer: &Explorer) -> Value {
    serde_json::from_str(&ok(explorer.result_json())).unwrap()
}

#[wasm_bindgen_test]
fn draws_the_curve_on_a_canvas() {
    let explorer = ok(Explorer::new());
    let canvas = canvas();
    ok(explorer.render("fit", canvas.clone(), 1.0));
    assert!(blue_pixels(&pixels(&canvas)) > 300);
}

#[wasm_bindgen_test]
fn a_lambda_change_changes_the_result_and_the_pixels() {
    let mut explorer = ok(Explorer::new());
    let canvas = canvas();
    ok(explorer.render("fit", canvas.clone(), 1.0));
    let before_pixels = pixels(&canvas);
    let before = result(&explorer);
    ok(explorer.set_state(r#"{"lambda": 1.0}"#));
    ok(explorer.render("fit", canvas.clone(), 1.0));
    assert_ne!(
        before["standardizedCoefficients"],
        result(&explorer)["standardizedCoefficients"]
    );
    assert_ne!(before_pixels, pixels(&canvas));
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_and_the_module_lives_on() {
    let mut explorer = ok(Explorer::new());
    let before = ok(explorer.state_json(None));
    for patch in [
        "not json",
        r#"{"penalty": 3}"#,
        r#"{"penalty": "LASSO"}"#,
        r#"{"lambda": "x"}"#,
        "[]",
    ] {
        assert!(explorer.set_state(patch).is_err(), "{patch}");
    }
    assert_eq!(before, ok(explorer.state_json(None)));
    let report: Value = serde_json::from_str(&ok(explorer.load_data("x,y\n1,2\n1e999,3\n", ""))).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"][0]["line"], 3);
    // Still alive: it fits and draws.
    ok(explorer.set_state(r#"{"penalty": "lasso", "lambda": 0.01}"#));
    ok(explorer.render("fit", canvas(), 2.0));
    assert_eq!(result(&explorer)["converged"], true);
}

#[wasm_bindgen_test]
fn two_explorers_are_independent() {
    let mut first = ok(Explorer::new());
    let second = ok(Explorer::new());
    ok(first.set_state(r#"{"penalty": "lasso", "degree": 3}"#));
    let state: Value = serde_json::from_str(&ok(second.state_json(None))).unwrap();
    assert_eq!(state["penalty"], "ridge");
    assert_eq!(state["degree"], 9);
}

#[wasm_bindgen_test]
fn every_panel_draws_and_an_unknown_one_is_an_error() {
    let mut explorer = ok(Explorer::new());
    ok(explorer.set_state(r#"{"penalty": "lasso", "lambda": 0.01}"#));
    for panel in ["fit", "paths", "geometry", "errors"] {
        let canvas = canvas();
        ok(explorer.render(panel, canvas.clone(), 1.0));
        let ink = pixels(&canvas)
            .chunks(4)
            .filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200)
            .count();
        assert!(ink > 2_000, "{panel}: {ink} inked pixels");
    }
    assert!(explorer.render("nope", canvas(), 1.0).is_err());
    // A click in the middle of the drawn path panel gives a λ inside the grid.
    let lambda = explorer.lambda_at_pixel("paths", 320.0).unwrap();
    let r = result(&explorer);
    let range = r["lambdaRange"].as_array().unwrap();
    assert!(lambda >= range[0].as_f64().unwrap() * 0.999 && lambda <= range[1].as_f64().unwrap() * 1.001);
}

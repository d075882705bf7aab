//! The field table drives the state: the state shows exactly the table's fields, a bad value of
//! any field is refused whole by an error that names it, attributes and links are read and
//! written by the table, and a field added to it (`showLegend`) works end to end.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use regularization_explorer::app::{
    attribute_patch, attributes_of, link_query, read_link, App, AppError, Field, Kind, LinkLook, FIELDS,
};
use regularization_explorer::plot::Style;
use regularization_explorer::render::panel_svg;
use serde_json::{json, Value};

fn app(patch: Value) -> App {
    let mut app = App::new().unwrap();
    app.set_state(&patch).unwrap();
    app
}

fn state_json(app: &App) -> Value {
    serde_json::to_value(app.state()).unwrap()
}

#[test]
fn the_state_shows_exactly_the_tables_fields() {
    let shown: BTreeSet<String> = state_json(&App::new().unwrap())
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let table: BTreeSet<String> = FIELDS.iter().map(|f| f.name.to_string()).collect();
    assert_eq!(shown, table);
}

/// A value of the field's kind that no field of that kind takes, and a fragment of the refusal.
fn bad_value(field: &Field) -> (Value, &'static str) {
    match field.kind {
        Kind::Integer { .. } | Kind::Number { .. } => (json!("NaN"), r#"must be a finite number, not "NaN""#),
        Kind::Choice { .. } => (json!("nope"), r#""nope" is not '"#),
        Kind::Flag { .. } => (json!("maybe"), "must be true or false"),
        Kind::Text { .. } | Kind::Column { .. } => (json!(7), "must be a string, not 7"),
        Kind::Names { .. } => (json!([1]), "must be a list of column names"),
        Kind::Pair { .. } => (json!(["z"]), "must be two different feature names"),
        Kind::Preset { .. } => (json!("nope"), r#""nope" is not one of sin"#),
        Kind::DataOptions { .. } => (json!({"decimal": "dot"}), "is not 'auto', 'point' or 'comma'"),
    }
}

#[test]
fn a_bad_value_of_any_field_is_refused_whole_and_named() {
    for field in FIELDS {
        let mut a = app(json!({"penalty": "lasso"}));
        let (before, revision) = (a.state(), a.revision());
        let (bad, fragment) = bad_value(field);
        // Good values of other fields go along, and must not apply either.
        let mut patch = json!({"degree": 4, "penalty": "ridge", "lambda": 0.1, "showTest": true, "lens": "bayesian"});
        patch[field.name] = bad;
        match a.set_state(&patch) {
            Err(AppError::Field { key, message }) => {
                assert!(key.starts_with(field.name), "{}: the error names {key}", field.name);
                assert!(message.contains(fragment), "{}: {message}", field.name);
            }
            other => panic!("{}: {other:?}", field.name),
        }
        assert_eq!((a.state(), a.revision()), (before, revision), "{}", field.name);
    }
}

#[test]
fn attributes_written_from_a_state_set_up_the_same_state() {
    let check = |patch: Value| {
        let original = app(patch.clone());
        let attributes = attributes_of(&state_json(&original));
        let as_map = attributes
            .iter()
            .map(|(name, text)| (name.to_string(), Value::String(text.clone())))
            .collect();
        let mut fresh = App::new().unwrap();
        // Pasted data is not an attribute: the embed code writes it inline, as the element's text.
        let state = state_json(&original);
        if !state["data"].is_null() {
            fresh
                .set_state(&json!({"data": state["data"], "dataOptions": state["dataOptions"]}))
                .unwrap();
        }
        fresh.set_state(&attribute_patch(&as_map).unwrap()).unwrap();
        assert_eq!(fresh.state(), original.state(), "{patch}: {attributes:?}");
    };
    check(json!({}));
    check(
        json!({"preset": "diabetes", "features": ["bmi", "bp", "s5"], "pair": ["bp", "s5"], "penalty": "elasticnet", "alpha": 0.3}),
    );
    check(
        json!({"penalty": "lasso", "lambda": 0.0123, "pathAxis": "df", "region": "lq", "q": 0.75, "showLegend": false}),
    );
    check(json!({"preset": "sin100", "n": 40, "noise": 1.5, "seed": 7, "showResamples": true, "folds": 4}));
    // A column whose name holds a comma is written as JSON.
    check(json!({"data": "\"a, b\",c,y\n1,2,3\n2,1,5\n3,4,4\n4,3,8\n", "mode": "columns", "features": ["a, b", "c"]}));
}

#[test]
fn a_link_carries_the_state_the_look_and_the_packed_data_with_its_reading() {
    let a = app(json!({"data": "x;y\n1,5;2\n2,5;3\n4;1\n", "dataOptions": {"decimal": "comma"}, "degree": 2}));
    let look = LinkLook::from_json(&json!({"controls": "penalty, lambda,nope", "locked": ["lambda"], "theme": "dark"}));
    assert_eq!(
        look.controls,
        Some(vec!["penalty", "lambda"]),
        "unknown names are dropped"
    );
    let query = link_query(&a.state_view(false), &look, Some("packed-Text_1"));
    let link = read_link(&query);
    assert_eq!(link.look, look);
    assert_eq!(link.packed_data.as_deref(), Some("packed-Text_1"));
    assert_eq!(
        link.to_json()["dataOptions"],
        json!({"delimiter": "auto", "decimal": "comma", "header": "auto"})
    );
    assert_eq!(link.patch["degree"], json!(2.0));
    // The page unpacks the data and applies it with its reading, then the state.
    let mut fresh = App::new().unwrap();
    let text = a.state().data.unwrap();
    fresh
        .set_state(&json!({"data": text, "dataOptions": link.to_json()["dataOptions"]}))
        .unwrap();
    assert!(fresh.apply_query(&query).is_empty());
    assert_eq!(fresh.state(), a.state());
    // No look and no data: the state's query alone.
    let plain = link_query(&a.state_view(false), &LinkLook::default(), None);
    assert_eq!(
        read_link(&plain).to_json()["look"],
        json!({"controls": null, "locked": null, "theme": null})
    );
    assert_eq!(read_link(&plain).packed_data, None);
}

/// The texts of an SVG's <text> elements.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| rest.split("</text>").next().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn show_legend_false_draws_no_legend_end_to_end() {
    const STYLE: Style = Style::light(1.0);
    let legend_rows = ["train", "CV mean ± 1 SE"];
    let mut a = app(json!({"penalty": "lasso", "lambda": 0.01, "showTest": true}));
    assert!(a.state().view.show_legend, "legends show by default");
    let panels = ["errors", "geometry"];
    let shown: Vec<Vec<String>> = panels
        .iter()
        .map(|panel| texts(&panel_svg(&a, panel, 800, 600, &STYLE).unwrap()))
        .collect();
    for row in legend_rows {
        assert!(shown[0].iter().any(|t| t == row), "{row} in {:?}", shown[0]);
    }
    // As an attribute, then through a link into a fresh app.
    let patch = attribute_patch(json!({"show-legend": "false"}).as_object().unwrap()).unwrap();
    a.set_state(&patch).unwrap();
    let mut linked = App::new().unwrap();
    assert!(linked
        .apply_query(&link_query(&a.state_view(false), &LinkLook::default(), None))
        .is_empty());
    assert!(!linked.state().view.show_legend);
    for (panel, shown) in panels.iter().zip(&shown) {
        let hidden = texts(&panel_svg(&linked, panel, 800, 600, &STYLE).unwrap());
        for row in legend_rows {
            assert!(!hidden.iter().any(|t| t == row), "{panel}: {row} in {hidden:?}");
        }
        // Everything else is drawn as before.
        assert!(hidden.len() < shown.len(), "{panel}: {hidden:?}");
        assert!(
            hidden.iter().all(|t| shown.contains(t)),
            "{panel}: {hidden:?} against {shown:?}"
        );
    }
    // It is a light change: no new path or cross-validation.
    assert!(!App::new().unwrap().wants_worker(&json!({"showLegend": false})));
    assert_eq!(
        attributes_of(&state_json(&linked))
            .into_iter()
            .find(|(name, _)| *name == "show-legend"),
        Some(("show-legend", "false".to_string()))
    );
}

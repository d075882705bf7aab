use super::*;
use crate::core::model::ALPHA_RANGE;
use serde_json::json;

thread_local! {
    /// How many analyses this thread computed (each test runs on its own thread).
    pub(super) static COMPUTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn app() -> App {
    App::new().unwrap()
}

#[test]
fn opens_on_the_sin_preset() {
    let a = app();
    let s = a.state();
    assert_eq!((s.preset.as_deref(), s.degree, s.penalty), (Some("sin"), 9, "ridge"));
    assert_eq!(a.result().n_train, 10);
    assert!(a.result().converged);
}

#[test]
fn patches_are_clamped() {
    let mut a = app();
    a.set_state(&json!({"degree": 35.4, "alpha": 7})).unwrap();
    assert_eq!(a.state().degree, 20);
    assert_eq!(a.state().alpha, ALPHA_RANGE.1);
    a.set_state(&json!({"penalty": "lasso", "lambda": 1e9})).unwrap();
    let r = a.result();
    assert_eq!(a.state().lambda, r.lambda_range[1]);
    assert_eq!(r.nonzero, 0);
}

#[test]
fn a_bad_patch_changes_nothing() {
    let mut a = app();
    let before = a.state();
    for patch in [
        json!({"degree": 3, "penalty": "LASSO"}),
        json!({"lambda": "abc"}),
        json!({"lambda": null}),
        json!({"preset": "nope"}),
        json!({"x": "missing"}),
        json!({"mode": "table"}),
        json!({"mode": "columns", "features": ["nope"]}),
        json!({"features": [1, 2]}),
        json!([1, 2]),
    ] {
        assert!(a.set_state(&patch).is_err(), "{patch}");
        assert_eq!(a.state(), before);
    }
}

#[test]
fn load_data_keeps_old_data_on_error() {
    let mut a = app();
    let report = a.load_data("x,y\n1,2\n3,oops\n", Default::default());
    assert!(!report.ok);
    assert_eq!((report.errors[0].line, report.errors[0].column), (3, 2));
    assert_eq!(a.state().preset.as_deref(), Some("sin"));
    let report = a.load_data("a\tb\n0\t1\n1\t3\n2\t2\n", Default::default());
    assert!(report.ok, "{report:?}");
    assert_eq!(report.rows, 3);
    assert_eq!(a.state().preset, None);
    assert_eq!((a.state().x.as_str(), a.state().y.as_str()), ("a", "b"));
}

#[test]
fn lambda_position_round_trips() {
    let mut a = app();
    a.set_state(&json!({"penalty": "lasso"})).unwrap();
    let lambda = a.lambda_at(0.25);
    a.set_state(&json!({ "lambda": lambda })).unwrap();
    assert!((a.lambda_position() - 0.25).abs() < 1e-12);
}

#[test]
fn numbers_are_formatted_for_people() {
    assert_eq!(format_number(0.001234, 3), "0.00123");
    assert_eq!(format_number(1.5e-5, 3), "1.50e-5");
    assert_eq!(format_number(123.456, 3), "123");
    assert_eq!(format_number(0.0, 3), "0");
}

#[test]
fn result_carries_path_cv_and_a_fresh_test_sample() {
    let mut a = app();
    a.set_state(&json!({"penalty": "lasso", "lambda": 0.01})).unwrap();
    let r = a.result();
    let path = r.path.as_ref().unwrap();
    assert_eq!(path.lambdas.len(), 100);
    assert_eq!(path.coefficients[0].iter().filter(|&&w| w != 0.0).count(), 0);
    assert_eq!(path.test_mse.as_ref().unwrap().len(), 100);
    let cv = r.cv.as_ref().unwrap();
    assert_eq!((cv.folds, cv.mean.len()), (5, 100));
    assert!(cv.lambda_1se >= cv.lambda_min);
    assert_eq!((r.n_train, r.n_test, r.test_origin), (10, 200, "fresh sample"));
    assert!(r.test_mse.unwrap() > 0.0);
    assert_eq!(r.knots.first().map(|k| k.event), Some("enter"));
    assert!(r.knots.iter().all(|k| k.feature.starts_with('z')));
}

#[test]
fn a_lambda_move_reuses_the_path_and_cv() {
    let mut a = app();
    a.set_state(&json!({"penalty": "lasso"})).unwrap();
    let generation = a.analysis.generation;
    a.set_state(&json!({"lambda": 0.05})).unwrap();
    a.set_state(&json!({"lambda": 0.002})).unwrap();
    assert_eq!(a.analysis.generation, generation);
    a.set_state(&json!({"degree": 5})).unwrap();
    assert_ne!(a.analysis.generation, generation);
}

#[test]
fn ols_has_no_path_and_a_different_seed_draws_a_new_test_sample() {
    let mut a = app();
    a.set_state(&json!({"penalty": "ols"})).unwrap();
    let r = a.result();
    assert!(r.path.is_none() && r.cv.is_none() && r.knots.is_empty());
    let before = r.test_mse.unwrap();
    a.set_state(&json!({"seed": 7})).unwrap();
    assert_ne!(a.result().test_mse.unwrap(), before);
}

#[test]
fn a_train_column_splits_the_rows_and_column_mode_uses_the_other_columns() {
    let mut a = app();
    a.set_state(&json!({"data": include_str!("../../data/prostate.csv"), "mode": "columns", "penalty": "lasso"}))
        .unwrap();
    let s = a.state();
    assert_eq!(s.y, "lpsa");
    assert_eq!(
        s.features,
        ["lcavol", "lweight", "age", "lbph", "svi", "lcp", "gleason", "pgg45"]
    );
    let r = a.result();
    assert_eq!((r.n_train, r.n_test, r.test_origin), (67, 30, "train column"));
    assert_eq!(r.feature_names.len(), 8);
    assert!(r.converged && r.test_mse.is_some());
    a.set_state(&json!({"features": ["lcavol", "lweight"]})).unwrap();
    assert_eq!(a.result().feature_names, ["lcavol", "lweight"]);
    assert!(a.set_state(&json!({"features": ["lpsa"]})).is_err());
    assert!(a.set_state(&json!({"features": ["train"]})).is_err());
}

#[test]
fn a_test_fraction_holds_out_seeded_rows() {
    let mut a = app();
    let text: String = (0..40).map(|i| format!("{i},{}\n", (i * i) % 7)).collect();
    assert!(a.load_data(&text, Default::default()).ok);
    a.set_state(&json!({"testFraction": 0.25})).unwrap();
    let r = a.result();
    assert_eq!((r.n_train, r.n_test, r.test_origin), (30, 10, "held out"));
    let first = r.test_mse;
    a.set_state(&json!({"seed": 3})).unwrap();
    assert_eq!(a.result().n_test, 10);
    assert_ne!(a.result().test_mse, first);
}

#[test]
fn a_bad_train_column_is_refused_with_its_row() {
    let mut a = app();
    let report = a.load_data("x,y,train\n1,2,1\n2,3,1\n3,4,2\n", Default::default());
    assert!(!report.ok);
    assert!(report.errors[0].message.contains("data row 3"), "{:?}", report.errors);
}

#[test]
fn data_options_re_read_the_text_and_a_bad_reading_changes_nothing() {
    let mut a = app();
    let report = a.load_data("x;y\n1,5;2\n3;4,5\n2;1\n", Default::default());
    assert!(report.ok, "{report:?}");
    let detected = report.detected.unwrap();
    assert_eq!(
        (detected.delimiter, detected.decimal, detected.header),
        ("semicolon", "comma", true)
    );
    let before = a.state();
    assert_eq!(before.data_options.as_ref().map(|o| o.decimal), Some("auto"));
    assert!(a.set_state(&json!({"dataOptions": {"decimal": "point"}})).is_err());
    assert_eq!(a.state(), before);
    a.set_state(&json!({"dataOptions": {"header": "no", "decimal": "comma"}}))
        .unwrap_err();
    a.set_state(&json!({"dataOptions": {"delimiter": "semicolon", "decimal": "comma"}}))
        .unwrap();
    assert_eq!(
        a.state().data_options.map(|o| (o.delimiter, o.decimal)),
        Some(("semicolon", "comma"))
    );
    assert_eq!(a.result().data_columns, ["x", "y"]);
    assert!(a.set_state(&json!({"dataOptions": {"delimiter": "pipe"}})).is_err());
}

#[test]
fn synthetic_presets_draw_new_samples_and_real_ones_open_in_column_mode() {
    let mut a = app();
    assert_eq!((a.state().n, a.state().noise), (Some(10), Some(0.3)));
    a.set_state(&json!({"n": 50, "noise": 0.1})).unwrap();
    assert_eq!(a.result().n_train, 50);
    let first = a.result().train_mse;
    a.set_state(&json!({"seed": 4})).unwrap();
    assert_ne!(a.result().train_mse, first, "a new seed, a new sample");
    a.set_state(&json!({"preset": "sin"})).unwrap();
    assert_eq!(
        (a.result().n_train, a.state().n, a.state().seed),
        (10, Some(10), 0),
        "a preset opens on its shipped sample"
    );
    a.set_state(&json!({"seed": 0})).unwrap();
    let shipped = parse_with(presets::find("sin").unwrap().csv, ParseOptions::default())
        .unwrap()
        .table;
    assert_eq!(a.data.table, shipped, "seed 0 is the shipped sample");
    for (name, n_train, n_features) in [
        ("prostate", 67, 8),
        ("diabetes", 442, 10),
        ("houses", 100, 4),
        ("runge", 15, 14),
    ] {
        a.set_state(&json!({ "preset": name })).unwrap();
        let r = a.result();
        assert_eq!((r.n_train, r.feature_names.len()), (n_train, n_features), "{name}");
        assert!(r.converged, "{name}");
    }
    assert_eq!(a.state().mode, "polynomial");
    a.set_state(&json!({"preset": "prostate"})).unwrap();
    assert_eq!((a.state().mode, a.state().n), ("columns", None));
}

#[test]
fn points_are_added_moved_and_removed_and_bad_edits_change_nothing() {
    let mut a = app();
    assert!(a.editable());
    a.edit_points(PointEdit::Add(0.5, 2.0)).unwrap();
    assert_eq!((a.result().n_train, a.state().preset.is_none()), (11, true));
    assert_eq!(a.selected_point(), Some(10));
    assert_eq!(a.points()[10], (0.5, 2.0));
    a.edit_points(PointEdit::Move(0, 0.05, -1.0)).unwrap();
    assert_eq!(a.points()[0], (0.05, -1.0));
    a.edit_points(PointEdit::Remove(10)).unwrap();
    assert_eq!(a.result().n_train, 10);
    let before = a.state();
    for bad in [
        PointEdit::Add(f64::NAN, 1.0),
        PointEdit::Move(99, 0.0, 0.0),
        PointEdit::Remove(42),
    ] {
        assert!(a.edit_points(bad).is_err(), "{bad:?}");
        assert_eq!(a.state(), before);
    }
    let mut two = app();
    assert!(two.load_data("x,y\n0,1\n1,2\n", Default::default()).ok);
    assert!(two.edit_points(PointEdit::Remove(0)).is_err(), "a fit keeps two points");
    a.set_state(&json!({"preset": "prostate"})).unwrap();
    assert!(!a.editable());
    assert!(a.edit_points(PointEdit::Add(1.0, 1.0)).is_err());
}

/// Pasted text of `n` rows: x, y and an unrelated column.
fn pasted(n: usize) -> String {
    let mut text = String::from("x;y;w\n");
    for i in 0..n {
        let x = i as f64 / n as f64;
        text.push_str(&format!("{x};{};{}\n", (6.0 * x).sin() + 0.1 * (i as f64).cos(), i % 7));
    }
    text
}

#[test]
fn a_worker_app_hands_its_heavy_parts_to_the_page_app() {
    let text = pasted(3000);
    // The worker parses, builds and analyses; the page takes the table and the parts.
    let mut worker = app();
    assert!(worker.load_data(&text, ParseOptions::default()).ok);
    let mut page = app();
    let table = parse(&text).unwrap();
    let heavy = Heavy::from_bytes(&worker.heavy_bytes().unwrap()).unwrap();
    page.adopt_table(&text, ParseOptions::default(), table, &json!({}), Some(heavy))
        .unwrap();
    assert_eq!(page.result(), worker.result());
    // A patch: both start from the same state; the page takes the worker's parts.
    for patch in [
        json!({"degree": 12}),
        json!({"penalty": "lasso"}),
        json!({"penalty": "elasticnet", "alpha": 0.3}),
        json!({"preset": "sin100"}),
    ] {
        worker.set_state(&patch).unwrap();
        let heavy = Heavy::from_bytes(&worker.heavy_bytes().unwrap()).unwrap();
        page.set_state_with(&patch, Some(heavy)).unwrap();
        assert_eq!(page.result(), worker.result(), "{patch}");
    }
}

#[test]
fn handed_parts_are_used_only_where_they_match() {
    let text = pasted(500);
    let mut worker = app();
    assert!(worker.load_data(&text, ParseOptions::default()).ok);
    worker.set_state(&json!({"penalty": "lasso"})).unwrap();
    let mut heavy = Heavy::from_bytes(&worker.heavy_bytes().unwrap()).unwrap();
    // Marked parts show whether the page used them or computed its own.
    let cv = heavy.analysis.cv.as_mut().unwrap();
    cv.lambda_min *= 2.0;
    let marked = cv.lambda_min;
    let mut page = app();
    page.load_data(&text, ParseOptions::default());
    page.set_state_with(&json!({"penalty": "lasso"}), Some(heavy.clone()))
        .unwrap();
    assert_eq!(page.result().cv.unwrap().lambda_min, marked, "matching parts are used");
    // Parts from other rows are ignored: the page computes.
    let mut other = app();
    other.load_data(&text, ParseOptions::default());
    heavy.prepared.fingerprint.0[1] ^= 1;
    other
        .set_state_with(&json!({"penalty": "lasso"}), Some(heavy.clone()))
        .unwrap();
    assert_eq!(other.result(), worker.result());
    // Parts for another penalty are ignored too.
    heavy.prepared.fingerprint = worker.data.model.fingerprint();
    let mut third = app();
    third.load_data(&text, ParseOptions::default());
    third.set_state_with(&json!({"penalty": "ridge"}), Some(heavy)).unwrap();
    let mut plain = app();
    plain.load_data(&text, ParseOptions::default());
    plain.set_state(&json!({"penalty": "ridge"})).unwrap();
    assert_eq!(third.result(), plain.result());
    // Garbage does not decode.
    assert!(Heavy::from_bytes(&[1, 2, 3]).is_err());
}

#[test]
fn only_large_work_is_sent_to_a_worker() {
    let mut a = app();
    assert!(!a.wants_worker(&json!({"degree": 12})), "a preset is small");
    assert!(App::wants_worker_for_text(&pasted(20_000)));
    assert!(a.load_data(&pasted(20_000), ParseOptions::default()).ok);
    assert!(a.wants_worker(&json!({"degree": 12})));
    assert!(a.wants_worker(&json!({"penalty": "lasso", "lambda": 0.1})));
    assert!(!a.wants_worker(&json!({"lambda": 0.1})), "a λ move refits one point");
    assert!(!a.wants_worker(&json!({"lens": "bayesian", "showOls": true})));
}

#[test]
fn the_keyboard_selects_and_nudges_points() {
    let mut a = app();
    a.set_state(&json!({"preset": "sin"})).unwrap();
    assert!(a.nudge_selected(0.1, 0.0).is_err(), "nothing selected");
    a.select_step(-1);
    assert_eq!(a.selected_point(), Some(9));
    a.select_step(1);
    assert_eq!(a.selected_point(), Some(0));
    a.select_step(3);
    let before = a.points()[3];
    a.nudge_selected(0.05, -0.2).unwrap();
    let after = a.points()[3];
    assert!((after.0 - before.0 - 0.05).abs() < 1e-12 && (after.1 - before.1 + 0.2).abs() < 1e-12);
    assert_eq!(a.selected_point(), Some(3), "the point stays selected");
    assert!(a.nudge_selected(f64::NAN, 0.0).is_err());
    assert_eq!(a.points()[3], after);
}

#[test]
fn the_explanation_says_what_the_model_does_in_words() {
    let mut a = app();
    a.set_state(&json!({"penalty": "lasso", "lambda": 0.01})).unwrap();
    let r = a.result();
    let zero = r.feature_names.len() - r.nonzero;
    let used = r.used_features();
    assert_eq!(used.len(), r.nonzero, "the names are those of the nonzero coefficients");
    assert!(
        r.explanation.starts_with(&format!(
            "Lasso, λ = 0.010: {zero} of 9 coefficients are exactly zero; test error "
        )),
        "{}",
        r.explanation
    );
    assert!(r.explanation.contains("(lowest at λ = "), "{}", r.explanation);
    assert!(
        r.explanation.ends_with(&format!(
            "the fit uses {}.",
            match used.as_slice() {
                [a, b, c] => format!("{a}, {b} and {c}"),
                other => panic!("expected three, got {other:?}"),
            }
        )),
        "{}",
        r.explanation
    );
    a.set_state(&json!({"penalty": "ridge", "lambda": 0.01})).unwrap();
    assert!(a
        .result()
        .explanation
        .contains("none of the 9 coefficients is zero, and together they are "));
    a.set_state(&json!({"penalty": "ols"})).unwrap();
    let r = a.result();
    assert!(
        r.explanation
            .starts_with("OLS, 9 coefficients on 10 training rows: training error "),
        "{}",
        r.explanation
    );
    assert!(
        r.descriptions
            .fit
            .starts_with("Scatter plot of 10 training points with the OLS fit drawn as a curve of degree 9"),
        "{}",
        r.descriptions.fit
    );
    assert!(r.descriptions.paths.starts_with("OLS has no path"));
    a.set_state(&json!({"penalty": "lasso", "lambda": 0.01})).unwrap();
    let r = a.result();
    assert!(r
        .descriptions
        .paths
        .contains(&format!("at λ = 0.010, {} are nonzero", r.nonzero)));
    assert!(r.descriptions.errors.contains("5-fold cross-validated error"));
    let geometry = &r.descriptions.geometry;
    assert!(
        geometry.contains("contours of RSS touch the region at the estimate")
            && geometry.contains("best point with the others held at their fitted values"),
        "{geometry}"
    );
}

#[test]
fn resampled_fits_show_variance_falling_and_bias_rising_with_lambda() {
    let mut a = app();
    a.set_state(&json!({"preset": "sin", "degree": 9, "penalty": "ridge", "showResamples": true}))
        .unwrap();
    let bv = a.result().bias_variance.expect("resamples on a synthetic preset");
    assert_eq!(bv.samples, 20);
    assert_eq!(bv.lambdas.len(), bv.bias2.len());
    // λ descends along the grid: the first point is the largest λ.
    let (first, last) = (0, bv.lambdas.len() - 1);
    assert!(
        bv.variance[first] < bv.variance[last] / 10.0,
        "variance shrinks as λ grows: {:?}",
        bv.variance
    );
    assert!(
        bv.bias2[first] > bv.bias2[last] * 10.0,
        "bias grows with λ: {:?}",
        bv.bias2
    );
    for k in 0..=last {
        assert!((bv.test_error[k] - (bv.bias2[k] + bv.variance[k] + bv.noise2)).abs() < 1e-12);
    }
    assert!(a.fit_scene().resample_runs.len() >= 20);
    assert!(a.bias_scene().is_some());
    // A λ move keeps them; a new seed makes new ones; OLS or real data have none, with a reason.
    let before = a.result().bias_variance;
    a.set_state(&json!({"lambda": 0.1})).unwrap();
    assert_eq!(a.result().bias_variance, before);
    a.set_state(&json!({"penalty": "ols"})).unwrap();
    assert!(a.result().bias_variance.is_none());
    assert!(a
        .resample_blocker()
        .unwrap()
        .contains("choose ridge, lasso or elastic net"));
    a.set_state(&json!({"preset": "diabetes", "penalty": "lasso"})).unwrap();
    assert!(a.result().bias_variance.is_none());
    assert!(a.resample_blocker().unwrap().contains("synthetic preset"));
}

#[test]
fn under_the_lasso_the_default_geometry_pair_is_the_first_two_to_enter() {
    let mut a = app();
    a.set_state(&json!({"preset": "sin", "penalty": "lasso", "lambda": 0.01}))
        .unwrap();
    let (i, j) = a.pair().unwrap();
    let w = &a.result().standardized_coefficients;
    assert!(w[i] != 0.0 && w[j] != 0.0, "both kept at λ = 0.01: {w:?}");
    let scene = a.geometry_scene().unwrap();
    assert!(
        scene.solution.0 != 0.0 && scene.solution.1 != 0.0,
        "the region is not a point"
    );
    // The pair holds still while λ moves.
    a.set_state(&json!({"lambda": 0.001})).unwrap();
    assert_eq!(a.pair(), Some((i, j)));
    // The pair is the data's: ridge and OLS keep it.
    for penalty in ["ridge", "ols", "elasticnet"] {
        a.set_state(&json!({ "penalty": penalty })).unwrap();
        assert_eq!(a.pair(), Some((i, j)), "{penalty}");
    }
}

#[test]
fn only_a_chosen_geometry_pair_is_state() {
    let mut a = app();
    assert_eq!(a.state().view.pair, None, "the default is not pinned");
    assert!(a.result().pair.is_some(), "but the result names it");
    a.set_state(&json!({"pair": ["z²", "z⁴"]})).unwrap();
    assert_eq!(a.state().view.pair, Some(("z²".to_string(), "z⁴".to_string())));
    assert_eq!(a.result().pair, Some(["z²".to_string(), "z⁴".to_string()]));
    assert_eq!(
        serde_json::to_value(a.state()).unwrap()["pair"],
        json!(["z²", "z⁴"]),
        "a two-name array"
    );
    a.set_state(&json!({"pair": null})).unwrap();
    assert_eq!(a.state().view.pair, None);
    assert_eq!(serde_json::to_value(a.state()).unwrap()["pair"], json!(null));
}

#[test]
fn work_done_ahead_gives_the_same_results_as_work_done_at_the_change() {
    // Synthetic preset at a size where work ahead runs, then a tour of penalty and degree changes.
    let start = json!({"preset": "sin", "n": 200, "degree": 7, "penalty": "lasso", "lambda": 0.01});
    let tour = [
        json!({"penalty": "ridge"}),
        json!({"penalty": "elasticnet", "alpha": 0.5}),
        json!({"degree": 8}),
        json!({"degree": 7}),
        json!({"degree": 6}),
        json!({"penalty": "lasso", "lambda": 0.003}),
        json!({"degree": 5}),
    ];
    let mut ahead = App::new().unwrap();
    let mut plain = App::new().unwrap();
    ahead.set_state(&start).unwrap();
    plain.set_state(&start).unwrap();
    for patch in &tour {
        let mut steps = 0;
        while ahead.work_ahead() {
            steps += 1;
            assert!(steps < 50, "work ahead never ends");
        }
        let before = ahead.analysis.generation;
        let computed = COMPUTED.with(|c| c.get());
        ahead.set_state(patch).unwrap();
        // The change took its path and CV from the work done ahead: none was computed.
        assert_eq!(COMPUTED.with(|c| c.get()), computed, "{patch} computed an analysis");
        plain.set_state(patch).unwrap();
        assert!(ahead.analysis.generation > before);
        assert_eq!(
            serde_json::to_value(ahead.result()).unwrap(),
            serde_json::to_value(plain.result()).unwrap(),
            "after {patch}"
        );
        assert_eq!(
            serde_json::to_value(ahead.state()).unwrap(),
            serde_json::to_value(plain.state()).unwrap()
        );
    }
}

#[test]
fn work_ahead_is_taken_not_recomputed_and_stops_on_large_data() {
    let mut app = App::new().unwrap();
    app.set_state(&json!({"preset": "sin", "n": 200, "degree": 7, "penalty": "lasso"}))
        .unwrap();
    while app.work_ahead() {}
    // The ridge analysis and the degree-8 dataset are there: taking them moves them out.
    let version = app.data_version;
    let choices = app.data.choices.clone();
    assert!(app
        .ahead
        .take_analysis(version, &choices, (Penalty::Ridge, app.alpha, app.folds))
        .is_some());
    let up = dataset::DataChoices {
        degree: 8,
        ..choices.clone()
    };
    assert!(app.ahead.take_dataset(version, &up).is_some());
    assert!(app.ahead.take_dataset(version, &up).is_none());
    // Larger data: nothing is done ahead.
    let text: String = (0..6_000)
        .map(|i| format!("{},{}\n", i, (i as f64 * 0.01).sin()))
        .collect();
    assert!(app.load_data(&text, Default::default()).ok);
    app.set_state(&json!({"degree": 12})).unwrap();
    assert!(!app.work_ahead());
}

/// Issue #13, item 2: data with the same values paired differently (y reversed, or one column
/// sorted on its own) had the same sums, so the page took the worker's parts for the wrong rows.
#[test]
fn parts_for_the_same_values_paired_differently_are_refused() {
    let check = |a: &str, b: &str| {
        let mut worker = app();
        assert!(worker.load_data(a, ParseOptions::default()).ok);
        worker.set_state(&json!({"degree": 1, "penalty": "ols"})).unwrap();
        let heavy = Heavy::from_bytes(&worker.heavy_bytes().unwrap()).unwrap();
        let mut page = app();
        page.set_state(&json!({"data": b, "degree": 1})).unwrap();
        page.set_state_with(&json!({"penalty": "ols"}), Some(heavy)).unwrap();
        let mut fresh = app();
        fresh
            .set_state(&json!({"data": b, "degree": 1, "penalty": "ols"}))
            .unwrap();
        assert_eq!(page.result(), fresh.result(), "{a:?} handed to {b:?}");
    };
    // x = 0..3 with y reversed: the sums fingerprint matched and the slope came out +1.5, not −1.5.
    check("x,y\n0,0\n1,1\n2,2\n3,3\n", "x,y\n0,3\n1,2\n2,1\n3,0\n");
    // The spreadsheet mistake: y sorted on its own.
    check("x,y\n0,5\n1,1\n2,4\n3,2\n4,3\n", "x,y\n0,1\n1,2\n2,3\n3,4\n4,5\n");
    // Rows in another order are other rows too (and give the same fit, so this one passes anyway).
    check("x,y\n0,0\n1,1\n2,5\n", "x,y\n2,5\n0,0\n1,1\n");
}

#[test]
fn the_fingerprint_sees_pairing_order_and_every_value() {
    use crate::core::features::Inputs;
    let print = |x: &[f64], y: &[f64]| {
        Inputs::Polynomial {
            x: x.to_vec(),
            degree: 2,
        }
        .fingerprint(y)
    };
    let base = print(&[0.0, 1.0, 2.0, 3.0], &[0.0, 1.0, 2.0, 3.0]);
    assert_eq!(base, print(&[0.0, 1.0, 2.0, 3.0], &[0.0, 1.0, 2.0, 3.0]));
    for (x, y) in [
        (vec![0.0, 1.0, 2.0, 3.0], vec![3.0, 2.0, 1.0, 0.0]),
        (vec![3.0, 2.0, 1.0, 0.0], vec![3.0, 2.0, 1.0, 0.0]),
        (vec![0.0, 1.0, 2.0, 3.0], vec![0.0, 1.0, 2.0, 3.0 + 1e-15]),
        (vec![-0.0, 1.0, 2.0, 3.0], vec![0.0, 1.0, 2.0, 3.0]),
        (vec![0.0, 1.0, 2.0], vec![0.0, 1.0, 2.0]),
    ] {
        assert_ne!(base, print(&x, &y), "{x:?} {y:?}");
    }
    let other_degree = Inputs::Polynomial {
        x: vec![0.0, 1.0, 2.0, 3.0],
        degree: 3,
    }
    .fingerprint(&[0.0, 1.0, 2.0, 3.0]);
    assert_ne!(base, other_degree);
}

/// The revision moves with what a worker's result depends on, and not with λ or the view.
#[test]
fn the_revision_counts_changes_of_the_inputs_only() {
    let check = |patch: Value, moves: bool| {
        let mut a = app();
        let before = a.revision();
        a.set_state(&patch).unwrap();
        assert_eq!(a.revision() != before, moves, "{patch}");
    };
    check(json!({"lambda": 0.05}), false);
    check(json!({"lens": "bayesian", "showOls": true, "pathAxis": "df"}), false);
    check(json!({"degree": 4}), true);
    check(json!({"penalty": "lasso"}), true);
    check(json!({"folds": 7}), true);
    check(json!({"seed": 9}), true);
    check(json!({"preset": "cubic"}), true);
    check(json!({"data": "x,y\n1,2\n2,3\n3,5\n"}), true);
    let mut a = app();
    let before = a.revision();
    assert!(a.load_data("x,y\n1,2\n2,3\n3,5\n", ParseOptions::default()).ok);
    assert!(a.revision() > before, "a load");
    let before = a.revision();
    a.edit_points(PointEdit::Move(0, 1.5, 2.0)).unwrap();
    assert!(a.revision() > before, "an edit");
    let before = a.revision();
    assert!(a.set_state(&json!({"penalty": "LASSO"})).is_err());
    assert_eq!(a.revision(), before, "a refused patch");
}

/// Data read elsewhere and the choices for it are taken on in one step, equal to the same
/// load and patch done one after the other.
#[test]
fn adopting_a_table_with_choices_equals_a_load_then_a_patch() {
    let text = pasted(300);
    let then = json!({"y": "w", "degree": 3, "penalty": "lasso", "lambda": 0.01});
    let mut sequential = app();
    assert!(sequential.load_data(&text, ParseOptions::default()).ok);
    sequential.set_state(&then).unwrap();
    let mut worker = app();
    assert!(worker.load_data(&text, ParseOptions::default()).ok);
    worker.set_state(&then).unwrap();
    let heavy = Heavy::from_bytes(&worker.heavy_bytes().unwrap()).unwrap();
    let mut page = app();
    let before = COMPUTED.with(std::cell::Cell::get);
    page.adopt_table(
        &text,
        ParseOptions::default(),
        parse(&text).unwrap(),
        &then,
        Some(heavy),
    )
    .unwrap();
    assert_eq!(
        COMPUTED.with(std::cell::Cell::get),
        before,
        "the handed analysis is used"
    );
    assert_eq!(page.result(), sequential.result());
    assert_eq!(page.state(), sequential.state());
    // Choices that change the data itself are refused with it.
    let mut page = app();
    let refused = page.adopt_table(
        &text,
        ParseOptions::default(),
        parse(&text).unwrap(),
        &json!({"preset": "sin"}),
        None,
    );
    assert!(refused.is_err());
    assert_eq!(page.state(), app().state());
}

/// A synthetic preset's sample depends on its state only, not on the way there: resampling
/// drew over the x-range of the table at hand (an earlier sample, off in the last bits), so a
/// link of the same state gave other data and another λ range (found by the URL round trip).
#[test]
fn the_same_state_reached_two_ways_has_the_same_data() {
    let mut stepwise = app();
    for patch in [
        json!({"preset": "cubic"}),
        json!({"degree": 1, "penalty": "lasso"}),
        json!({"seed": 983242509}),
        json!({"n": 133}),
        json!({"seed": 0, "n": 50, "noise": 0.1}),
    ] {
        stepwise.set_state(&patch).unwrap();
    }
    let mut at_once = app();
    at_once
        .set_state(&json!({"preset": "cubic", "degree": 1, "penalty": "lasso", "seed": 0, "n": 50, "noise": 0.1}))
        .unwrap();
    assert_eq!(stepwise.data_csv(), at_once.data_csv(), "back to the shipped sample");
    stepwise.set_state(&json!({"seed": 983242509, "n": 133})).unwrap();
    at_once.set_state(&json!({"n": 133, "seed": 983242509})).unwrap();
    assert_eq!(stepwise.data_csv(), at_once.data_csv());
    assert_eq!(stepwise.result().lambda_range, at_once.result().lambda_range);
}

/// The slider runs the way every λ axis does: position 0 (left) is the largest λ, more
/// regularization; position 1 (right) the smallest.
#[test]
fn the_slider_runs_like_the_lambda_axes() {
    let mut a = app();
    a.set_state(&json!({"penalty": "lasso"})).unwrap();
    let [lo, hi] = a.result().lambda_range;
    assert_eq!(a.lambda_at(0.0), hi);
    assert_eq!(a.lambda_at(1.0), lo);
    assert!(a.lambda_at(0.3) > a.lambda_at(0.7));
    a.set_state(&json!({"lambda": hi})).unwrap();
    assert_eq!(a.lambda_position(), 0.0);
}

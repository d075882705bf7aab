//! The state round-trips through the URL, and no URL, however mangled, breaks the explorer.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use regularization_explorer::app::{query_to_patch, state_to_query, App};
use regularization_explorer::core::presets::PRESETS;
use serde_json::json;

/// A random valid state on a preset.
fn state() -> impl Strategy<Value = serde_json::Value> {
    (
        0..PRESETS.len(),
        1usize..=20,
        prop_oneof![Just("ols"), Just("ridge"), Just("lasso"), Just("elasticnet")],
        -6.0f64..1.0,
        0.01f64..0.99,
        (2usize..10, 0u32..50, prop_oneof![Just("lambda"), Just("s"), Just("df")]),
        (
            prop_oneof![Just("constrained"), Just("penalized"), Just("bayesian")],
            prop_oneof![Just("penalty"), Just("lq")],
        ),
        (0.1f64..4.0, any::<bool>(), any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(preset, degree, penalty, log_lambda, alpha, (folds, seed, axis), (lens, region), (q, t, tr, o))| {
                json!({
                    "preset": PRESETS[preset].name, "degree": degree, "penalty": penalty,
                    "lambda": 10f64.powf(log_lambda), "alpha": alpha, "folds": folds, "seed": seed,
                    "pathAxis": axis, "lens": lens, "region": region, "q": q,
                    "showTest": t, "showTruth": tr, "showOls": o,
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_states_round_trip_exactly(patch in state()) {
        let mut app = App::new().unwrap();
        app.set_state(&patch).unwrap();
        let query = state_to_query(&app.state());
        let mut fresh = App::new().unwrap();
        prop_assert!(fresh.apply_query(&query).is_empty(), "{query}");
        prop_assert_eq!(fresh.state(), app.state(), "{}", query);
        prop_assert!(query.len() < 2_000);
    }

    #[test]
    fn mangled_and_garbage_urls_give_defaults_and_no_error(
        base in state(),
        cut in 0usize..400,
        noise in "[ -~]{0,60}",
        garbage in "(?s).{0,300}",
    ) {
        let mut app = App::new().unwrap();
        app.set_state(&base).unwrap();
        let query = state_to_query(&app.state());
        let mangled: String = query.chars().take(cut).chain(noise.chars()).collect();
        for url in [mangled.as_str(), garbage.as_str()] {
            let mut fresh = App::new().unwrap();
            let _ = query_to_patch(url);
            fresh.apply_query(url);
            prop_assert!(fresh.result().converged);
        }
    }
}

#[test]
fn every_preset_link_is_short_and_round_trips() {
    for preset in PRESETS {
        let mut app = App::new().unwrap();
        app.set_state(&json!({ "preset": preset.name })).unwrap();
        let query = state_to_query(&app.state());
        assert!(query.len() < 2_000, "{}: {} characters", preset.name, query.len());
        let mut fresh = App::new().unwrap();
        assert!(fresh.apply_query(&query).is_empty(), "{query}");
        assert_eq!(fresh.state(), app.state(), "{}", preset.name);
    }
}

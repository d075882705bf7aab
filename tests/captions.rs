//! Every claim of a preset's caption and of the built-in lesson's steps, checked against the
//! numbers the app computes: each preset opened at its teaching state (the preset table's
//! penalty, degree, λ and pair), each lesson step applied as the page applies it.

use regularization_explorer::app::App;
use regularization_explorer::core::presets::{self, PRESETS};
use serde_json::{json, Value};

/// The app opened on a preset, from an opening state that differs from the preset's own.
fn open(name: &str) -> App {
    let mut app = App::new().unwrap();
    app.set_state(&json!({"penalty": "elasticnet", "lambda": 0.3, "pair": ["z", "z²"]}))
        .unwrap();
    app.set_state(&json!({ "preset": name })).unwrap();
    app
}

/// A copy of `app` with `patch` applied.
fn with(app: &App, patch: Value) -> App {
    let mut changed = app.clone();
    changed.set_state(&patch).unwrap();
    changed
}

/// The fitted curve at x (polynomial mode): intercept + Σ coef_k z^k.
fn curve(app: &App, x: f64) -> f64 {
    let r = app.result();
    let map = r.x_map.as_ref().unwrap();
    let z = (x - map.c) / map.h;
    r.intercept + r.coefficients.iter().zip(1..).map(|(c, k)| c * z.powi(k)).sum::<f64>()
}

/// (x, fitted value) at 401 points over the data's x-range.
fn sampled(app: &App) -> Vec<(f64, f64)> {
    let xs: Vec<f64> = app.points().iter().map(|p| p.0).collect();
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (0..=400)
        .map(|i| lo + (hi - lo) * f64::from(i) / 400.0)
        .map(|x| (x, curve(app, x)))
        .collect()
}

/// The fitted curve's lowest and highest value over the data's x-range.
fn curve_range(app: &App) -> (f64, f64) {
    sampled(app)
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, y)| {
            (lo.min(y), hi.max(y))
        })
}

fn test_mse(app: &App) -> f64 {
    app.result().test_mse.unwrap()
}

/// The lowest test MSE along the path.
fn best_test_mse(app: &App) -> f64 {
    let path = app.result().path.unwrap();
    path.test_mse.unwrap().into_iter().fold(f64::INFINITY, f64::min)
}

fn ols(app: &App) -> App {
    with(app, json!({"penalty": "ols"}))
}

/// The standardized coefficient of a feature.
fn w(app: &App, feature: &str) -> f64 {
    let r = app.result();
    let k = r.feature_names.iter().position(|n| n == feature).unwrap();
    r.standardized_coefficients[k]
}

/// The features with a nonzero coefficient.
fn kept(app: &App) -> Vec<String> {
    let r = app.result();
    r.feature_names
        .iter()
        .zip(&r.standardized_coefficients)
        .filter(|(_, w)| **w != 0.0)
        .map(|(n, _)| n.clone())
        .collect()
}

/// The Pearson correlation of two columns of the preset's data.
fn correlation(preset: &str, a: &str, b: &str) -> f64 {
    let table = regularization_explorer::core::data::parse_table(presets::find(preset).unwrap().csv)
        .unwrap()
        .table;
    let (x, y) = (table.column(a).unwrap(), table.column(b).unwrap());
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let syy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    sxy / (sxx * syy).sqrt()
}

type Check = fn(&App) -> Result<(), String>;

fn claim(holds: bool, what: String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(what)
    }
}

/// Each preset, a phrase of its caption, and the check of what that phrase claims at the
/// preset's teaching state.
const CAPTION_CLAIMS: &[(&str, &str, Check)] = &[
    ("sin", "passes through every point", |app| {
        let train = ols(app).result().train_mse;
        claim(train < 1e-12, format!("OLS train MSE {train}"))
    }),
    ("sin", "and overfits; a little ridge λ (0.001) tames it", |app| {
        let (state, ols_test, test, best) = (app.state(), test_mse(&ols(app)), test_mse(app), best_test_mse(app));
        claim(
            state.penalty == "ridge" && state.lambda == 1e-3 && ols_test > 10.0 * test && test < 1.1 * best,
            format!(
                "{} λ {}: OLS test {ols_test}, here {test}, best {best}",
                state.penalty, state.lambda
            ),
        )
    }),
    (
        "sin100",
        "even degree 12 least squares hardly overfits, and λ changes the test error little",
        |app| {
            let (degree, ols_test, best) = (app.state().degree, test_mse(&ols(app)), best_test_mse(app));
            // Against 10 points, where least squares is more than ten times worse than the best λ.
            let few = open("sin");
            let (few_ols, few_best) = (test_mse(&ols(&few)), best_test_mse(&few));
            claim(
                degree == 12 && ols_test < 1.1 * best && few_ols > 10.0 * few_best,
                format!(
                    "degree {degree}: OLS test {ols_test}, best {best}; with 10 points {few_ols} against {few_best}"
                ),
            )
        },
    ),
    ("cubic", "with 5 outliers", |app| {
        let outliers = app
            .points()
            .iter()
            .filter(|(x, y)| (y - presets::TrueFunction::Cubic.eval(*x)).abs() > 1.0)
            .count();
        claim(
            outliers == 5,
            format!("{outliers} points lie more than 1 from the cubic"),
        )
    }),
    (
        "cubic",
        "degree 15 least squares chases them, and λ pulls it back",
        |app| {
            let truth = |x: f64| presets::TrueFunction::Cubic.eval(x);
            let off = |app: &App| {
                sampled(app)
                    .iter()
                    .map(|&(x, y)| (y - truth(x)).abs())
                    .fold(0.0, f64::max)
            };
            let (ols_off, off_here) = (off(&ols(app)), off(app));
            let (ols_test, test, best) = (test_mse(&ols(app)), test_mse(app), best_test_mse(app));
            claim(
            app.state().degree == 15 && ols_off > 2.0 && off_here < 0.6 && ols_test > 10.0 * test && test < 1.2 * best,
            format!("farthest from the cubic: OLS {ols_off}, here {off_here}; test MSE OLS {ols_test}, here {test}, best {best}"),
        )
        },
    ),
    (
        "cubic",
        "the one-standard-error rule picks the largest λ: take λ_min here",
        |app| {
            let result = app.result();
            let cv = result.cv.as_ref().unwrap();
            let at_min = test_mse(&with(app, json!({"lambda": cv.lambda_min})));
            let best = best_test_mse(app);
            claim(
                cv.lambda_1se == result.lambda_range[1] && at_min < 1.5 * best,
                format!(
                    "λ_1se {} of range {:?}; test MSE at λ_min {at_min}, best {best}",
                    cv.lambda_1se, result.lambda_range
                ),
            )
        },
    ),
    ("step", "polynomials ring near a discontinuity (Gibbs)", |app| {
        let (lo, hi) = curve_range(app);
        claim(
            hi > 1.05 && lo < -0.05,
            format!("the fit spans [{lo}, {hi}] around a step from 0 to 1"),
        )
    }),
    ("step", "no λ makes a step", |app| {
        let (best, noise) = (best_test_mse(app), 0.1_f64.powi(2));
        claim(
            best > 2.0 * noise,
            format!("lowest test MSE {best} against the noise's {noise}"),
        )
    }),
    ("runge", "degree 14 least squares swings wildly near the ends", |app| {
        let fitted = sampled(&ols(app));
        let (x, peak) = fitted
            .iter()
            .copied()
            .fold((0.0, f64::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a });
        let middle = fitted
            .iter()
            .filter(|(x, _)| x.abs() < 0.5)
            .map(|&(x, y)| (y - presets::TrueFunction::Runge.eval(x)).abs())
            .fold(0.0, f64::max);
        claim(
            app.state().degree == 14 && peak > 3.0 && x.abs() > 0.8 && middle < 0.2,
            format!("OLS peaks at {peak} at x = {x}; in the middle it is at most {middle} off"),
        )
    }),
    ("runge", "the faintest ridge λ (1e-7) already calms it", |app| {
        let (lo, hi) = curve_range(app);
        let (state, ols_test, test, best) = (app.state(), test_mse(&ols(app)), test_mse(app), best_test_mse(app));
        claim(
            state.penalty == "ridge"
                && state.lambda == 1e-7
                && lo > -0.1
                && hi < 1.0
                && test < ols_test / 100.0
                && test < 3.0 * best,
            format!("the fit spans [{lo}, {hi}]; test MSE {test}, OLS {ols_test}, best {best}"),
        )
    }),
    ("textbook", "two correlated features", |_| {
        let r = correlation("textbook", "x1", "x2");
        claim(r > 0.5, format!("corr(x1, x2) = {r}"))
    }),
    (
        "textbook",
        "The lasso's estimate sits on a corner of the diamond (x2 = 0)",
        |app| {
            let result = app.result();
            claim(
                result.penalty == "lasso" && w(app, "x1") != 0.0 && w(app, "x2") == 0.0 && result.pair.is_some(),
                format!("{}: w = {:?}", result.penalty, result.standardized_coefficients),
            )
        },
    ),
    ("textbook", "the Lq ball with q ≤ 1 puts it on an axis too", |app| {
        let mut failures = Vec::new();
        for q in [0.5, 1.0] {
            let scene = with(app, json!({"region": "lq", "q": q})).geometry_scene().unwrap();
            let (a, b) = scene.solution;
            if a.abs().min(b.abs()) > 1e-6 * a.abs().max(b.abs()) {
                failures.push(format!("q = {q}: the estimate is at ({a}, {b})"));
            }
        }
        claim(failures.is_empty(), failures.join("; "))
    }),
    (
        "houses",
        "Size and bedrooms say almost the same thing, wall colour says nothing",
        |_| {
            let (twins, colour) = (
                correlation("houses", "size", "bedrooms"),
                correlation("houses", "wall_colour", "price"),
            );
            claim(
                twins > 0.9 && colour.abs() < 0.2,
                format!("corr(size, bedrooms) = {twins}, corr(colour, price) = {colour}"),
            )
        },
    ),
    ("houses", "least squares gives size nearly all the weight", |app| {
        let ols = ols(app);
        let (size, bedrooms) = (w(&ols, "size"), w(&ols, "bedrooms"));
        claim(
            size > 10.0 * bedrooms.abs(),
            format!("OLS: size {size}, bedrooms {bedrooms}"),
        )
    }),
    ("houses", "ridge (from λ_1se up) shares it between the twins", |app| {
        // At the ridge CV's λ_1se, at the same λ after a switch to ridge, and at larger λ.
        let ridge = with(app, json!({"penalty": "ridge"}));
        let cv = ridge.result().cv.unwrap();
        let mut failures = Vec::new();
        for lambda in [cv.lambda_1se, app.state().lambda, 10.0 * cv.lambda_1se, 50.0] {
            let at = with(&ridge, json!({"lambda": lambda}));
            let (size, bedrooms) = (w(&at, "size"), w(&at, "bedrooms"));
            if !(size > 0.0 && bedrooms > 0.0 && size.min(bedrooms) > 0.5 * size.max(bedrooms)) {
                failures.push(format!("λ = {lambda}: size {size}, bedrooms {bedrooms}"));
            }
        }
        claim(failures.is_empty(), failures.join("; "))
    }),
    ("houses", "the lasso picks one and drops the colour", |app| {
        let (state, kept) = (app.state(), kept(app));
        claim(
            state.penalty == "lasso"
                && kept == ["size", "age"]
                && state.view.pair == Some(("size".into(), "bedrooms".into())),
            format!("{} keeps {kept:?}, pair {:?}", state.penalty, state.view.pair),
        )
    }),
    ("diabetes", "ten baseline variables of 442 patients", |app| {
        let r = app.result();
        claim(
            r.feature_names.len() == 10 && r.n_train == 442,
            format!("{} variables, {} rows", r.feature_names.len(), r.n_train),
        )
    }),
    ("diabetes", "bmi enters first, s3 leaves and comes back", |app| {
        let knots = app.result().knots;
        let first = knots.first().map(|k| (k.feature.as_str(), k.event));
        let leaves = knots.iter().position(|k| k.feature == "s3" && k.event == "leave");
        let returns = leaves.and_then(|i| {
            knots
                .iter()
                .skip(i)
                .position(|k| k.feature == "s3" && k.event == "enter")
        });
        let zeros = app.result().feature_names.len() - app.result().nonzero;
        claim(
            first == Some(("bmi", "enter")) && returns.is_some() && (1..10).contains(&zeros),
            format!(
                "first knot {first:?}, s3 leaves at knot {leaves:?} and returns {returns:?}; {zeros} of 10 at zero"
            ),
        )
    }),
    (
        "prostate",
        "keeps ESL's 67/30 split, so test error is ESL's (0.521 for least squares)",
        |app| {
            let r = ols(app).result();
            let test = r.test_mse.unwrap();
            claim(
                (r.n_train, r.n_test) == (67, 30) && (test - 0.521).abs() < 5e-4,
                format!("{} train, {} test rows; OLS test MSE {test}", r.n_train, r.n_test),
            )
        },
    ),
    (
        "prostate",
        "The lasso here keeps ESL's four: lcavol, lweight, lbph and svi",
        |app| {
            let (kept, test, ols_test) = (kept(app), test_mse(app), test_mse(&ols(app)));
            claim(
                app.state().penalty == "lasso" && kept == ["lcavol", "lweight", "lbph", "svi"] && test < ols_test,
                format!("keeps {kept:?}; test MSE {test} against OLS {ols_test}"),
            )
        },
    ),
];

#[test]
fn every_caption_claim_holds_at_its_presets_teaching_state() {
    let mut failures = Vec::new();
    for (name, phrase, check) in CAPTION_CLAIMS {
        let app = open(name);
        let caption = app.result().caption;
        if !caption.contains(phrase) {
            failures.push(format!("{name}: the caption no longer says {phrase:?}"));
        } else if let Err(why) = check(&app) {
            failures.push(format!("{name}: {phrase:?} fails: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for preset in PRESETS {
        assert!(
            CAPTION_CLAIMS.iter().any(|(name, ..)| *name == preset.name),
            "{}: no claim of its caption is checked",
            preset.name
        );
    }
}

/// A preset opens at its teaching state from anywhere, and what the patch itself says wins.
#[test]
fn presets_open_at_their_teaching_state_and_the_patch_wins() {
    // The patch, and the (preset, degree, penalty, λ) it opens at.
    type Opened = (&'static str, usize, &'static str, f64);
    let cases: &[(Value, Opened)] = &[
        (json!({"preset": "diabetes"}), ("diabetes", 1, "lasso", 5.0)),
        (json!({"preset": "cubic"}), ("cubic", 15, "ridge", 0.1)),
        (
            json!({"preset": "cubic", "degree": 1, "penalty": "ols"}),
            ("cubic", 1, "ols", 0.1),
        ),
        (json!({"preset": "runge", "lambda": 0.01}), ("runge", 14, "ridge", 0.01)),
        (
            json!({"preset": "textbook", "penalty": "ridge", "lambda": 1.0}),
            ("textbook", 1, "ridge", 1.0),
        ),
    ];
    for (patch, (preset, degree, penalty, lambda)) in cases {
        let app = with(&open("sin100"), patch.clone());
        let s = app.state();
        assert_eq!(
            (s.preset.as_deref(), s.degree, s.penalty, s.lambda),
            (Some(*preset), *degree, *penalty, *lambda),
            "{patch}"
        );
    }
    // The link of the issue: `preset=cubic&d=1&p=ols` keeps d = 1 and OLS.
    let mut app = App::new().unwrap();
    assert!(app.apply_query("?v=1&preset=cubic&d=1&p=ols").is_empty());
    assert_eq!((app.state().degree, app.state().penalty), (1, "ols"));
    // Each preset's own numbers, as the table gives them.
    for preset in PRESETS {
        let s = open(preset.name).state();
        assert_eq!(
            (s.degree, s.penalty, s.lambda),
            (preset.degree, preset.penalty.name(), preset.lambda),
            "{}",
            preset.name
        );
        let pair = preset.pair.map(|(a, b)| (a.to_string(), b.to_string()));
        assert_eq!(s.view.pair, pair, "{}", preset.name);
    }
    // The default preset's teaching state is the opening state.
    let sin = presets::find("sin").unwrap();
    let s = App::new().unwrap().state();
    assert_eq!(
        (s.degree, s.penalty, s.lambda),
        (sin.degree, sin.penalty.name(), sin.lambda)
    );
}

/// The built-in lesson's steps, read from www/lessons.js: the object after `overfitting:` is
/// written in strict JSON there, so that this test and the page read the same text.
fn lesson_steps() -> Vec<Value> {
    let source = include_str!("../www/lessons.js");
    let from = source.find("overfitting:").expect("the lesson is named overfitting");
    let open = from + source[from..].find('{').expect("an object follows");
    let (mut depth, mut in_string, mut escaped, mut end) = (0usize, false, false, None);
    for (i, c) in source[open..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    end = Some(open + i + 1);
                    break;
                }
            }
            _ => {}
        }
    }
    let lesson: Value = serde_json::from_str(&source[open..end.expect("the object closes")]).expect("strict JSON");
    lesson["steps"].as_array().expect("steps").clone()
}

/// Applies a step's state as www/lesson.js does: everything but λ, then λ ('min' and '1se' are
/// the cross-validated choices).
fn apply_step(app: &mut App, state: &Value) {
    let mut rest = state.as_object().cloned().unwrap_or_default();
    let lambda = rest.remove("lambda");
    if !rest.is_empty() {
        app.set_state(&Value::Object(rest)).unwrap();
    }
    let lambda = match lambda {
        Some(Value::String(which)) => {
            let cv = app.result().cv.unwrap();
            json!(if which == "min" { cv.lambda_min } else { cv.lambda_1se })
        }
        other => other.unwrap_or(Value::Null),
    };
    if !lambda.is_null() {
        app.set_state(&json!({ "lambda": lambda })).unwrap();
    }
}

/// Each lesson step (by its number), a phrase of its texts, and the check of that phrase's claim
/// at the step's state.
const LESSON_CLAIMS: &[(usize, &str, Check)] = &[
    (1, "so it passes through every one of them", |app| {
        let r = app.result();
        claim(
            r.penalty == "ols" && r.train_mse < 1e-12,
            format!("{}: train MSE {}", r.penalty, r.train_mse),
        )
    }),
    (1, "so the test error is large", |app| {
        let (test, noise) = (test_mse(app), 0.3_f64.powi(2));
        claim(test > 10.0 * noise, format!("test MSE {test}"))
    }),
    (2, "It gives up a little training error to stay smooth", |app| {
        let (train, test, before) = (app.result().train_mse, test_mse(app), test_mse(&ols(app)));
        claim(
            app.result().penalty == "ridge" && train > 0.01 && test < before / 10.0,
            format!("train MSE {train}; test MSE {test}, OLS {before}"),
        )
    }),
    (3, "the ridge coefficients shrink together towards zero", |app| {
        // ‖w‖ falls as λ grows (the path runs from the largest λ down).
        let path = app.result().path.unwrap();
        let norms: Vec<f64> = path
            .coefficients
            .iter()
            .map(|w| w.iter().map(|v| v * v).sum::<f64>().sqrt())
            .collect();
        let falls = norms.windows(2).all(|pair| pair[0] <= pair[1] * (1.0 + 1e-9));
        claim(falls, format!("‖w‖ along the path: {norms:?}"))
    }),
    (3, "single paths may cross zero on the way", |app| {
        let path = app.result().path.unwrap();
        let p = app.result().feature_names.len();
        let crossing = (0..p)
            .filter(|&j| path.coefficients.windows(2).any(|pair| pair[0][j] * pair[1][j] < 0.0))
            .count();
        claim(crossing > 0, "no path crosses zero".to_string())
    }),
    (3, "The summary still counts 9 of 9 nonzero", |app| {
        let path = app.result().path.unwrap();
        let never_zero = path.coefficients.iter().all(|w| w.iter().all(|v| *v != 0.0));
        claim(
            app.result().nonzero == 9 && never_zero,
            format!(
                "{} nonzero; every path point nonzero: {never_zero}",
                app.result().nonzero
            ),
        )
    }),
    (4, "Only a few", |app| {
        let nonzero = app.result().nonzero;
        claim(
            app.result().penalty == "lasso" && (1..=4).contains(&nonzero),
            format!("{nonzero} of 9 nonzero"),
        )
    }),
    (5, "at a corner, where one coefficient is zero", |app| {
        let [a, b] = app.result().pair.unwrap();
        let (wa, wb) = (w(app, &a), w(app, &b));
        claim(
            (wa == 0.0) != (wb == 0.0),
            format!("the pair {a}, {b} is at ({wa}, {wb})"),
        )
    }),
    (5, "so both coefficients stay nonzero", |app| {
        let ridge = with(app, json!({"penalty": "ridge"}));
        let [a, b] = ridge.result().pair.unwrap();
        let (wa, wb) = (w(&ridge, &a), w(&ridge, &b));
        claim(
            wa != 0.0 && wb != 0.0,
            format!("ridge puts the pair {a}, {b} at ({wa}, {wb})"),
        )
    }),
    (6, "Fewer (or as many)", |app| {
        let cv = app.result().cv.unwrap();
        let at_1se = with(app, json!({"lambda": cv.lambda_1se})).result().nonzero;
        let at_min = app.result().nonzero;
        claim(
            app.state().lambda == cv.lambda_min && cv.lambda_1se >= cv.lambda_min && at_1se <= at_min,
            format!(
                "λ_min {} keeps {at_min}, λ_1se {} keeps {at_1se}",
                cv.lambda_min, cv.lambda_1se
            ),
        )
    }),
];

#[test]
fn every_lesson_claim_holds_at_its_step() {
    let steps = lesson_steps();
    let mut app = App::new().unwrap();
    let mut failures = Vec::new();
    for (number, step) in (1..).zip(&steps) {
        apply_step(&mut app, &step["state"]);
        let texts = [
            &step["caption"],
            &step["question"]["prompt"],
            &step["question"]["answer"],
        ]
        .iter()
        .filter_map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
        for (_, phrase, check) in LESSON_CLAIMS.iter().filter(|(n, ..)| *n == number) {
            if !texts.contains(phrase) {
                failures.push(format!("step {number}: its texts no longer say {phrase:?}"));
            } else if let Err(why) = check(&app) {
                failures.push(format!("step {number}: {phrase:?} fails: {why}"));
            }
        }
        assert!(
            LESSON_CLAIMS.iter().any(|(n, ..)| *n == number),
            "step {number}: no claim is checked"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

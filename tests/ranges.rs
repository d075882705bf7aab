//! Every range that reaches plotters is drawable (issue #13: a four-row paste of ±6e307 froze the
//! tab, because the padded y-range had finite ends and an infinite width, on which plotters
//! never finishes placing its ticks).
//!
//! - Data near f64's limits, pasted through the app, give scenes whose every range passes the one
//!   rule of `scene::is_drawable`, or a clear refusal that keeps the previous data; and every
//!   panel renders within a time limit, on a thread of its own, so that a hang fails the test
//!   instead of never ending.
//! - The functions that make ranges always make drawable ones, and plotters returns at once with
//!   a bounded number of ticks on any range the rule accepts.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::mpsc;
use std::time::Duration;

use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use proptest::prelude::*;
use regularization_explorer::app::App;
use regularization_explorer::plot::{Style, CANNOT_DRAW};
use regularization_explorer::render::{all_svg, panel_svg};
use regularization_explorer::scene::{drawable_range, is_drawable, padded_range, MAX_MAGNITUDE, MAX_TICKS};
use serde_json::json;

const PENALTIES: [&str; 4] = ["ols", "ridge", "lasso", "elasticnet"];
/// Far above the time a render takes (tens of milliseconds), on a slow shared machine.
const RENDER_LIMIT: Duration = Duration::from_secs(60);
/// The most ticks plotters may place when asked for n: it places a few more than asked for
/// when the width is near f64::EPSILON, and tens of thousands on widths of a few ulps.
fn tick_bound(n: usize) -> usize {
    2 * n + 12
}

/// Runs `work` on a thread of its own and waits at most `limit` for it. A hang is an error (its
/// thread is left spinning until the test binary exits); so is a panic.
fn within<T: Send + 'static>(limit: Duration, work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(work());
    });
    receive.recv_timeout(limit).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => format!("no answer within {limit:?}: it hangs"),
        mpsc::RecvTimeoutError::Disconnected => "it panicked".to_string(),
    })
}

/// Every range of every scene of `app`, named.
fn scene_ranges(app: &App) -> Vec<(&'static str, (f64, f64))> {
    let fit = app.fit_scene();
    let paths = app.path_scene();
    let errors = app.error_scene();
    let mut ranges = vec![
        ("fit x", fit.x_range),
        ("fit y", fit.y_range),
        ("paths x", paths.x_range),
        ("paths y", paths.y_range),
        ("errors x", errors.x_range),
        ("errors y", errors.y_range),
    ];
    if let Some(geometry) = app.geometry_scene() {
        ranges.push(("geometry x", geometry.bounds.0));
        ranges.push(("geometry y", geometry.bounds.1));
    }
    if let Some(bias) = app.bias_scene() {
        ranges.push(("bias x", bias.x_range));
        ranges.push(("bias y", bias.y_range));
    }
    ranges
}

/// Every scene's ranges are drawable, and all panels render (as one SVG, and the bias panel on
/// its own) within [`RENDER_LIMIT`]. Returns the fit panel's SVG.
fn check_drawn(app: &App, at: &str) -> Result<String, String> {
    for (name, range) in scene_ranges(app) {
        if !is_drawable(range) {
            return Err(format!(
                "{at}: the {name} range ({:e}, {:e}) cannot be drawn",
                range.0, range.1
            ));
        }
    }
    let app = app.clone();
    let drawn = within(RENDER_LIMIT, move || -> Result<String, String> {
        let style = Style::light(1.0);
        all_svg(&app, 480, 360, &style)?;
        panel_svg(&app, "bias", 480, 360, &style)?;
        panel_svg(&app, "fit", 480, 360, &style)
    });
    match drawn {
        Ok(Ok(fit)) => Ok(fit),
        Ok(Err(e)) => Err(format!("{at}: drawing failed: {e}")),
        Err(e) => Err(format!("{at}: rendering the panels: {e}")),
    }
}

/// CSV text of the rows (x, y, w), every value written so that it reads back bit for bit.
fn csv(rows: &[(f64, f64, f64)]) -> String {
    std::iter::once("x,y,w".to_string())
        .chain(rows.iter().map(|(x, y, w)| format!("{x:e},{y:e},{w:e}")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether y − y′ overflows for two of these y: the one refusal the app may give these data.
fn y_spread_overflows(rows: &[(f64, f64, f64)]) -> bool {
    let lo = rows.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
    let hi = rows.iter().map(|r| r.1).fold(f64::NEG_INFINITY, f64::max);
    !(hi - lo).is_finite()
}

/// Loads `text` into an app; on a refusal, checks that the message contains `refusal` and that
/// the previous data stayed. Returns the app when the data were taken.
fn load(text: &str, refusal: Option<&str>, at: &str) -> Result<Option<App>, String> {
    let mut app = App::new().map_err(|e| e.to_string())?;
    let (version, points) = (app.data_version(), app.points());
    let report = app.load_data(text, Default::default());
    let messages: Vec<String> = report.errors.iter().map(|e| e.message.clone()).collect();
    match (report.ok, refusal) {
        (true, None) => Ok(Some(app)),
        (false, Some(fragment)) => {
            if !messages.iter().any(|m| m.contains(fragment)) {
                return Err(format!("{at}: refused with {messages:?}, not {fragment:?}"));
            }
            if app.data_version() != version || app.points() != points {
                return Err(format!("{at}: the refusal changed the data"));
            }
            check_drawn(&app, &format!("{at}, after the refusal"))?;
            Ok(None)
        }
        (true, Some(fragment)) => Err(format!("{at}: taken, but should be refused with {fragment:?}")),
        (false, None) => Err(format!("{at}: refused with {messages:?}")),
    }
}

const MAX: f64 = f64::MAX;

/// (name, pasted text, a fragment of the refusal, or None when the data must be drawn)
const CASES: [(&str, &str, Option<&str>); 11] = [
    ("issue #13: y of ±6e307", "x,y\n1,6e307\n2,-6e307\n3,2\n4,1\n", None),
    ("issue #13: x of ±9e307", "x,y\n9e307,1\n-9e307,2\n3,2\n4,1\n", None),
    (
        "y of ±9e307",
        "x,y\n1,9e307\n2,-9e307\n3,2\n4,1\n",
        Some("y: values this large (9.0e307) overflow when subtracted"),
    ),
    (
        "x of ±f64::MAX",
        "x,y\n1.7976931348623157e308,1\n-1.7976931348623157e308,2\n3,2\n4,1\n",
        None,
    ),
    (
        "y of ±f64::MAX",
        "x,y\n1,1.7976931348623157e308\n2,-1.7976931348623157e308\n3,2\n",
        Some("overflow when subtracted"),
    ),
    (
        "x and y all f64::MAX",
        "x,y\n1.7976931348623157e308,1.7976931348623157e308\n1.7976931348623157e308,1.7976931348623157e308\n",
        None,
    ),
    ("one point at 1e308", "x,y\n1e308,-1e308\n", None),
    (
        "subnormal x and y",
        "x,y\n5e-324,1e-320\n1e-323,2e-320\n1.5e-323,-3e-321\n",
        None,
    ),
    (
        "x a few ulps apart near 1e300",
        "x,y\n1e300,1\n1.0000000000000002e300,2\n1.0000000000000004e300,0\n",
        None,
    ),
    (
        "y a few ulps apart near 1",
        "x,y\n1,1\n2,1.0000000000000002\n3,0.9999999999999999\n",
        None,
    ),
    (
        "columns near f64::MAX",
        "a,b,y\n1.7e308,-1.7e308,1\n-1.7e308,1.6e308,2\n1e308,5,3\n",
        None,
    ),
];

#[test]
fn data_near_the_limits_of_f64_are_drawn_or_refused_clearly() {
    for (name, text, refusal) in CASES {
        let Some(mut app) = load(text, refusal, name).unwrap() else {
            continue;
        };
        let rows = app.points().len();
        for mode in ["polynomial", "columns"] {
            for penalty in PENALTIES {
                let at = format!("{name}, {mode}, {penalty}");
                app.set_state(&json!({"mode": mode, "penalty": penalty}))
                    .unwrap_or_else(|e| panic!("{at}: {e}"));
                let fit = check_drawn(&app, &at).unwrap();
                assert!(!fit.contains(CANNOT_DRAW), "{at}: the fit panel drew no chart");
                if mode == "polynomial" {
                    // And the legend's dot.
                    assert_eq!(fit.matches("<circle").count(), rows + 1, "{at}: every point is drawn");
                }
            }
        }
    }
}

#[test]
fn a_refused_paste_leaves_a_working_app() {
    let mut app = App::new().unwrap();
    assert!(
        app.load_data("x,y\n1,6e307\n2,-6e307\n3,2\n4,1\n", Default::default())
            .ok
    );
    let report = app.load_data("x,y\n1,9e307\n2,-9e307\n", Default::default());
    assert!(!report.ok);
    assert_eq!(app.points().len(), 4, "the ±6e307 data stay");
    app.set_state(&json!({"lambda": 0.01})).unwrap();
    check_drawn(&app, "after the refusal").unwrap();
}

/// A value near f64's limits, or an ordinary one, a subnormal or zero.
fn value() -> impl Strategy<Value = f64> {
    let sign = |v: f64, negative: bool| if negative { -v } else { v };
    prop_oneof![
        3 => (1e300..=MAX, any::<bool>()).prop_map(move |(v, n)| sign(v, n)),
        3 => (300.0f64..308.26, any::<bool>()).prop_map(move |(e, n)| sign(10f64.powf(e).min(MAX), n)),
        1 => prop_oneof![Just(MAX), Just(-MAX)],
        3 => -10.0f64..10.0,
        1 => (1u64..(1u64 << 52), any::<bool>()).prop_map(move |(bits, n)| sign(f64::from_bits(bits), n)),
        1 => Just(0.0),
    ]
}

/// 1 to 8 rows of (x, y, w); `equal` makes x (1), y (2) or both (3) the same on every row.
fn rows() -> impl Strategy<Value = Vec<(f64, f64, f64)>> {
    (prop::collection::vec((value(), value(), value()), 1..=8), 0u8..4).prop_map(|(mut rows, equal)| {
        let first = rows.first().copied().unwrap_or((0.0, 0.0, 0.0));
        for row in &mut rows {
            if equal & 1 != 0 {
                row.0 = first.0;
            }
            if equal & 2 != 0 {
                row.1 = first.1;
            }
        }
        rows
    })
}

/// A range from anywhere: wild ends, or a centre with a width from a few ulps to beyond f64.
fn any_range() -> impl Strategy<Value = (f64, f64)> {
    let end = prop_oneof![
        any::<f64>(),
        value(),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::NAN)
    ];
    prop_oneof![
        (end.clone(), end),
        (value(), -17.0f64..2.0).prop_map(|(centre, log_width)| {
            let width = centre.abs() * 10f64.powf(log_width);
            (centre - width / 2.0, centre + width / 2.0)
        }),
    ]
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_scene_of_data_near_the_limits_is_drawable(
        rows in rows(),
        mode in prop_oneof![Just("polynomial"), Just("columns")],
        degree in prop_oneof![Just(1usize), Just(3), Just(9), Just(20)],
        axis in prop_oneof![Just("lambda"), Just("s"), Just("df")],
        lens in prop_oneof![Just("constrained"), Just("penalized"), Just("bayesian")],
    ) {
        let text = csv(&rows);
        let refusal = y_spread_overflows(&rows).then_some("overflow when subtracted");
        let loaded = load(&text, refusal, &text).map_err(TestCaseError::fail)?;
        let Some(mut app) = loaded else { return Ok(()) };
        for penalty in PENALTIES {
            let at = format!("{text:?}, {mode}, degree {degree}, {penalty}, {axis}, {lens}");
            app.set_state(&json!({"mode": mode, "degree": degree, "penalty": penalty, "pathAxis": axis, "lens": lens}))
                .map_err(|e| TestCaseError::fail(format!("{at}: {e}")))?;
            let fit = check_drawn(&app, &at).map_err(TestCaseError::fail)?;
            prop_assert!(!fit.contains(CANNOT_DRAW), "{}: the fit panel drew no chart", at);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2_000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn ranges_are_always_made_drawable((lo, hi) in any_range(), fraction in 0.0f64..1.0) {
        let made = drawable_range(lo, hi);
        prop_assert!(is_drawable(made), "({:e}, {:e}) gave ({:e}, {:e})", lo, hi, made.0, made.1);
        let padded = padded_range(lo, hi, fraction);
        prop_assert!(is_drawable(padded), "({:e}, {:e}) + {} gave ({:e}, {:e})", lo, hi, fraction, padded.0, padded.1);
        if is_drawable((lo, hi)) {
            prop_assert_eq!(made, (lo, hi));
        }
        // What can be covered is: an ordered range within the limit is inside the one made of it.
        if lo <= hi && lo >= -MAX_MAGNITUDE && hi <= MAX_MAGNITUDE {
            prop_assert!(made.0 <= lo && made.1 >= hi, "({:e}, {:e}) gave ({:e}, {:e})", lo, hi, made.0, made.1);
            prop_assert!(padded.0 <= lo && padded.1 >= hi);
        }
    }

    #[test]
    fn plotters_places_few_ticks_at_once_on_any_drawable_range((lo, hi) in any_range()) {
        let (lo, hi) = drawable_range(lo, hi);
        let counts = within(Duration::from_secs(20), move || {
            (1..=MAX_TICKS)
                .map(|n| RangedCoordf64::from(lo..hi).key_points(n).len())
                .collect::<Vec<usize>>()
        })
        .map_err(|e| TestCaseError::fail(format!("ticks on ({lo:e}, {hi:e}): {e}")))?;
        for (n, count) in (1..=MAX_TICKS).zip(counts) {
            prop_assert!(count <= tick_bound(n), "({:e}, {:e}): {} ticks for {} asked", lo, hi, count, n);
        }
    }
}

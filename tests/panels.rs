//! The four panels, natively: each drawn through plotters' SVG backend (labels, series, knot
//! labels), and the geometry checked against the KKT conditions it illustrates.
#![cfg(not(target_arch = "wasm32"))]

use plotters::prelude::*;
use proptest::prelude::*;
use regularization_explorer::app::App;
use regularization_explorer::core::geometry::{Region, Slice};
use regularization_explorer::core::model::{FitRequest, Model, Penalty};
use regularization_explorer::plot::{draw_errors, draw_fit, draw_geometry, draw_paths, Style};
use serde_json::json;

/// Renders a panel to SVG text.
fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (900, 675)).into_drawing_area();
        draw(&area);
    }
    out
}

/// The trimmed contents of every <text> element.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .map(|(_, rest)| {
            rest.split("</text>")
                .next()
                .unwrap_or("")
                .trim()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

fn app(patch: serde_json::Value) -> App {
    let mut app = App::new().unwrap();
    app.set_state(&patch).unwrap();
    app
}

const STYLE: Style = Style::light(1.0);

#[test]
fn fit_panel_shows_the_curve_the_truth_the_ols_contrast_and_test_points() {
    let a = app(json!({"penalty": "ridge", "lambda": 1e-3, "showTest": true, "showTruth": true, "showOls": true}));
    let out = svg(|area| {
        draw_fit(area, &a.fit_scene(), &STYLE).unwrap();
    });
    assert!(
        texts(&out)
            .iter()
            .any(|t| t.starts_with("Ridge, λ = 0.00100, degree 9")),
        "{:?}",
        texts(&out)
    );
    assert_eq!(
        out.matches("<circle").count(),
        11,
        "ten training points and the legend's dot"
    );
    assert!(out.matches("<rect").count() > 100, "test points are squares");
    assert!(out.contains("#009E73"), "the true function, dashed green");
    assert!(out.contains("#969696"), "the faint OLS curve");
    let plain = app(json!({"showTest": false, "showTruth": false, "showOls": false}));
    let out = svg(|area| {
        draw_fit(area, &plain.fit_scene(), &STYLE).unwrap();
    });
    assert!(!out.contains("#009E73") && !out.contains("#969696"));
}

#[test]
fn path_panel_has_one_series_per_feature_knot_labels_and_nonzero_counts() {
    let a = app(json!({"penalty": "lasso", "lambda": 0.01}));
    let scene = a.path_scene();
    assert_eq!(scene.series.len(), 9);
    assert!(scene.series.iter().all(|s| s.points.len() == 100));
    assert!(!scene.knots.is_empty());
    let out = svg(|area| {
        draw_paths(area, &scene, &STYLE).unwrap();
    });
    let labels = texts(&out);
    assert!(labels.iter().any(|t| t == "λ (log scale)"), "{labels:?}");
    assert!(labels.iter().any(|t| t.contains("enters at")), "{labels:?}");
    assert!(labels.iter().any(|t| t == "standardized coefficient w"));
    assert!(labels.iter().any(|t| t == "0"), "nonzero count at λ_max");
    for axis in ["s", "df"] {
        let b = app(json!({"penalty": "lasso", "lambda": 0.01, "pathAxis": axis}));
        let out = svg(|area| {
            draw_paths(area, &b.path_scene(), &STYLE).unwrap();
        });
        let label = if axis == "s" {
            "shrinkage factor"
        } else {
            "effective degrees of freedom"
        };
        assert!(texts(&out).iter().any(|t| t.starts_with(label)), "{axis}");
    }
}

#[test]
fn error_panel_shows_train_test_cv_and_the_lambda_marks() {
    let a = app(json!({"penalty": "lasso", "lambda": 0.01}));
    let scene = a.error_scene();
    assert_eq!(
        (scene.train.len(), scene.test.len(), scene.cv_mean.len()),
        (100, 100, 100)
    );
    let out = svg(|area| {
        draw_errors(area, &scene, &STYLE).unwrap();
    });
    let labels = texts(&out);
    for expected in [
        "train",
        "test",
        "CV mean ± 1 SE",
        "λ_min",
        "λ_1se",
        "mean squared error",
    ] {
        assert!(labels.iter().any(|t| t == expected), "{expected} in {labels:?}");
    }
}

#[test]
fn geometry_panel_names_the_region_and_its_lens() {
    for (penalty, lens, region_text, lens_text) in [
        ("lasso", "constrained", "L1 diamond", "contours of RSS touch the region"),
        ("ridge", "penalized", "L2 disk", "their minimum is the estimate"),
        ("elasticnet", "bayesian", "elastic-net region", "posterior mode"),
    ] {
        let a = app(json!({"penalty": penalty, "lambda": 0.01, "lens": lens}));
        let scene = a.geometry_scene().unwrap();
        let out = svg(|area| draw_geometry(area, &scene, &STYLE).unwrap());
        let labels = texts(&out);
        assert!(
            labels.iter().any(|t| t.starts_with(region_text)),
            "{penalty}: {labels:?}"
        );
        assert!(labels.iter().any(|t| t.contains(lens_text)), "{penalty}: {labels:?}");
        assert!(labels.iter().any(|t| t == "estimate"));
        if lens != "constrained" {
            assert!(!scene.objective.is_empty(), "{lens}: objective contours");
        }
        if lens == "bayesian" {
            assert!(!scene.prior.is_empty(), "prior level sets");
            assert!(
                labels.iter().any(|t| t == "Laplace × Gaussian prior (level sets)"),
                "{labels:?}"
            );
        }
    }
    let a = app(json!({"penalty": "lasso", "region": "lq", "q": 0.5}));
    let out = svg(|area| draw_geometry(area, &a.geometry_scene().unwrap(), &STYLE).unwrap());
    assert!(
        texts(&out)
            .iter()
            .any(|t| t.contains("q < 1: the region is not convex")),
        "{:?}",
        texts(&out)
    );
}

#[test]
fn ols_and_degenerate_data_draw_every_panel_without_hanging() {
    // An empty path once gave an infinite x-range, on which plotters never stops placing ticks.
    for patch in [
        json!({"penalty": "ols"}),
        json!({"data": "x,y\n1,2\n", "penalty": "lasso"}),
        json!({"data": "x,y\n1,2\n1,2\n1,2\n", "penalty": "ridge"}),
        json!({"data": "x,y\n0,1\n1,1\n2,1\n", "penalty": "elasticnet"}),
    ] {
        let a = app(patch.clone());
        for range in [
            a.path_scene().x_range,
            a.path_scene().y_range,
            a.error_scene().x_range,
            a.fit_scene().x_range,
        ] {
            assert!(
                range.0.is_finite() && range.1.is_finite() && range.1 > range.0,
                "{patch}: {range:?}"
            );
        }
        svg(|area| {
            draw_fit(area, &a.fit_scene(), &STYLE).unwrap();
        });
        svg(|area| {
            draw_paths(area, &a.path_scene(), &STYLE).unwrap();
        });
        svg(|area| {
            draw_errors(area, &a.error_scene(), &STYLE).unwrap();
        });
        if let Some(scene) = a.geometry_scene() {
            svg(|area| draw_geometry(area, &scene, &STYLE).unwrap());
        }
    }
}

#[test]
fn on_the_textbook_set_an_lq_ball_with_q_at_most_one_puts_the_estimate_on_an_axis() {
    for (q, sparse) in [(0.3, true), (0.5, true), (1.0, true), (2.0, false), (4.0, false)] {
        let a = app(json!({"preset": "textbook", "penalty": "ridge", "lambda": 2.0, "region": "lq", "q": q}));
        let scene = a.geometry_scene().unwrap();
        let (b1, b2) = scene.solution;
        let on_axis = b1 == 0.0 || b2 == 0.0;
        assert_eq!(on_axis, sparse, "q = {q}: estimate ({b1}, {b2})");
        // It lies on the ball, which reaches as far along the axes as the ridge disk through the
        // fitted pair.
        let region = Region::Lq { q };
        let fitted = scene.fitted.unwrap();
        let budget = fitted.0.hypot(fitted.1).powf(q);
        assert!(
            (region.value([b1, b2]) - budget).abs() <= 1e-9 * budget,
            "q = {q}: off the ball"
        );
    }
}

/// x, y, degree, (penalty, α), a position in the λ range, and a pair of features.
type Case = (Vec<f64>, Vec<f64>, usize, (Penalty, f64), f64, (usize, usize));

/// Random polynomial data, a penalty, λ inside its grid and a pair of features.
fn case() -> impl Strategy<Value = Case> {
    (6usize..30, 2usize..=8).prop_flat_map(|(n, degree)| {
        (
            prop::collection::vec(-3.0f64..3.0, n),
            prop::collection::vec(-5.0f64..5.0, n),
            Just(degree),
            prop_oneof![
                Just((Penalty::Ridge, 0.0)),
                Just((Penalty::Lasso, 1.0)),
                (0.05f64..0.95).prop_map(|a| (Penalty::ElasticNet, a))
            ],
            0.0f64..1.0,
            (0..degree, 0..degree).prop_filter("two different features", |(i, j)| i != j),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// The drawn solution lies on the region's boundary, the loss gradient there is normal to it
    /// (a subgradient at the L1 corners), and the ellipses are centred on the slice's minimizer.
    #[test]
    fn the_solution_touches_the_region_where_the_contour_is_tangent((x, y, degree, (penalty, alpha), t, pair) in case()) {
        let model = Model::polynomial(&x, &y, degree).unwrap();
        let (hi, lo) = model.lambda_range(alpha);
        let lambda = (lo.ln() + t * (hi.ln() - lo.ln())).exp();
        let fit = model.fit(FitRequest { penalty, lambda, alpha }.check().unwrap(), None);
        prop_assume!(fit.converged);
        let slice = Slice::new(model.problem(), &fit.standardized, pair).unwrap();
        let region = Region::ElasticNet { alpha };
        let b = slice.fitted;
        let budget = region.value(b);
        // On the boundary: the region's function equals the budget at the solution.
        prop_assert!((region.value(b) - budget).abs() <= 1e-9 * budget.max(f64::MIN_POSITIVE));
        // Normal: ∇L + λ·∂P ∋ 0, component by component.
        let gradient = slice.gradient(b);
        let scale = 1.0 + fit.standardized.iter().map(|w| w.abs()).fold(0.0, f64::max);
        for k in 0..2 {
            let g = gradient[k] + lambda * (1.0 - alpha) * b[k];
            if b[k] != 0.0 {
                prop_assert!((g + lambda * alpha * b[k].signum()).abs() <= 1e-9 * scale, "component {k}: {g:e}");
            } else {
                prop_assert!(g.abs() <= lambda * alpha + 1e-9 * scale, "zero component {k}: |{g:e}| > λα");
            }
        }
        // The ellipses' centre is the slice's unconstrained minimizer: the gradient vanishes there.
        if let Some(c) = slice.centre() {
            let g = slice.gradient(c);
            let size = 1.0 + c[0].abs().max(c[1].abs());
            prop_assert!(g[0].abs() <= 1e-8 * size && g[1].abs() <= 1e-8 * size, "{g:?} at {c:?}");
            if let Some(ellipse) = slice.ellipse(1.0, 360) {
                let n = (ellipse.len() - 1) as f64;
                let mean = ellipse.iter().skip(1).fold((0.0, 0.0), |m, p| (m.0 + p.0 / n, m.1 + p.1 / n));
                prop_assert!((mean.0 - c[0]).abs() <= 1e-9 * size && (mean.1 - c[1]).abs() <= 1e-9 * size);
            }
        }
    }
}

/// Every font size in an SVG, in pixels.
fn font_sizes(svg: &str) -> Vec<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

#[test]
fn themes_change_the_colours_and_presenter_makes_text_and_lines_larger() {
    use regularization_explorer::plot::Theme;
    let a = app(json!({"penalty": "lasso", "lambda": 0.01}));
    let draw = |theme| {
        let style = Style { theme, ..STYLE };
        (
            svg(|area| {
                draw_fit(area, &a.fit_scene(), &style).unwrap();
            }),
            svg(|area| {
                draw_paths(area, &a.path_scene(), &style).unwrap();
            }),
        )
    };
    let (light, light_paths) = draw(Theme::Light);
    let (dark, dark_paths) = draw(Theme::Dark);
    assert!(light.contains("fill=\"#FFFFFF\"") && !light.contains("#1C1E21"));
    assert!(dark.contains("fill=\"#1C1E21\""), "a dark background");
    assert!(!dark.contains("fill=\"#000000\""), "no black points on dark grey");
    assert!(
        dark_paths.contains("#E6E8EB") && !dark_paths.contains("#282828"),
        "light ink"
    );
    assert_eq!(texts(&light_paths), texts(&dark_paths), "the same words");
    let (presenter, _) = draw(Theme::Presenter);
    let smallest = |svg: &str| font_sizes(svg).into_iter().fold(f64::INFINITY, f64::min);
    assert!(
        smallest(&presenter) >= 24.0,
        "labels of at least 24 px: {:?}",
        font_sizes(&presenter)
    );
    assert!(smallest(&light) < 24.0);
    assert!(presenter.contains("stroke-width=\"6\""), "the fitted curve is thicker");
    // Forced colours: every line in the one accent.
    let forced = Theme::Forced {
        background: RGBColor(0, 0, 0),
        ink: RGBColor(255, 255, 255),
        accent: RGBColor(0, 255, 255),
    };
    let (_, forced_paths) = draw(forced);
    assert!(forced_paths.contains("#00FFFF"));
    assert!(!forced_paths.contains("#0072B2") && !forced_paths.contains("#D55E00"));
}

#[test]
fn exports_draw_every_panel_as_svg_and_write_the_numbers_as_csv() {
    use regularization_explorer::render::{all_svg, panel_svg};
    let a = app(json!({"penalty": "lasso", "lambda": 0.01}));
    let all = all_svg(&a, 600, 450, &STYLE).unwrap();
    assert!(all.starts_with("<svg") && all.contains("width=\"1200\"") && all.contains("height=\"900\""));
    // One document: the root closes once, at the very end, after all four panels.
    assert_eq!(all.matches("</svg>").count(), 1, "the root element closes once");
    assert!(all.trim_end().ends_with("</svg>"));
    let labels = texts(&all);
    for title in ["Lasso, λ = 0.0100, degree 9", "λ (log scale)", "mean squared error"] {
        assert!(labels.iter().any(|t| t.starts_with(title)), "{title}: {labels:?}");
    }
    let one = panel_svg(&a, "paths", 800, 600, &STYLE).unwrap();
    assert!(one.contains("width=\"800\"") && texts(&one).iter().any(|t| t == "standardized coefficient w"));
    assert_eq!(one.matches("</svg>").count(), 1);
    assert!(one.trim_end().ends_with("</svg>"));
    assert!(panel_svg(&a, "nope", 800, 600, &STYLE).is_err());
    assert!(panel_svg(&a, "fit", 0, 600, &STYLE).is_err());
    assert!(all_svg(&a, 5000, 600, &STYLE).is_err(), "10 000 px wide is refused");
    // The coefficients, exactly as the result has them.
    let result = a.result();
    let csv = a.coefficients_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "term,standardized,coefficient");
    assert_eq!(lines.len(), 2 + result.feature_names.len());
    let z3: Vec<&str> = lines[4].split(',').collect();
    assert_eq!(z3[0], "z³");
    assert_eq!(z3[1].parse::<f64>().unwrap(), result.standardized_coefficients[2]);
    assert_eq!(z3[2].parse::<f64>().unwrap(), result.coefficients[2]);
    // The path: a header and one row per grid λ, with every coefficient.
    let path = a.path_csv();
    let rows: Vec<Vec<&str>> = path.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0][..5], ["lambda", "df", "nonzero", "train_mse", "test_mse"]);
    assert_eq!(rows.len(), 101);
    assert!(rows.iter().all(|r| r.len() == 5 + 9));
    let view = result.path.unwrap();
    assert_eq!(rows[1][0].parse::<f64>().unwrap(), view.lambdas[0]);
    assert!(
        rows[1][5..].iter().all(|w| *w == "0"),
        "every coefficient is 0 at λ_max"
    );
    // Column names that a spreadsheet would run are defused.
    let mut b = App::new().unwrap();
    assert!(
        b.load_data("=cmd,y,@x\n1,2,3\n2,3,1\n3,5,2\n4,4,4\n", Default::default())
            .ok
    );
    b.set_state(&json!({"mode": "columns", "y": "y", "features": ["=cmd", "@x"]}))
        .unwrap();
    assert!(
        b.coefficients_csv().contains("\n\"'=cmd\","),
        "{}",
        b.coefficients_csv()
    );
    assert!(b
        .path_csv()
        .starts_with("lambda,df,nonzero,train_mse,test_mse,\"'=cmd\",\"'@x\"\n"));
}

/// (settings, what the fit, path and error texts say, what they must not say): each panel's text
/// alternative names what the panel draws, and nothing it hides.
#[test]
fn every_text_alternative_says_what_is_drawn() {
    for (patch, says, never) in [
        (
            json!({"penalty": "ridge", "showTest": false, "showOls": false, "showTruth": false}),
            vec!["Scatter plot of 10 training points with the Ridge fit"],
            vec!["test points", "true function", "OLS fit"],
        ),
        (
            json!({"penalty": "ridge", "showTest": true, "showOls": true, "showTruth": true}),
            vec![
                "200 test points as hollow squares",
                "the true function dashed",
                "the OLS fit in grey",
            ],
            vec![],
        ),
        (
            json!({"penalty": "ols", "showTest": true, "showOls": true}),
            vec!["200 test points"],
            vec!["OLS fit in grey"],
        ),
        (
            json!({"penalty": "lasso", "lambda": 0.01, "pathAxis": "df"}),
            vec!["against the effective degrees of freedom", "first knots: z"],
            vec!["against λ from"],
        ),
        (
            json!({"penalty": "ridge", "lambda": 0.001}),
            vec!["against λ from", "Training, test and 5-fold", "curves cut above"],
            vec!["first knots"],
        ),
    ] {
        let r = app(patch.clone()).result();
        let text = format!(
            "{} | {} | {}",
            r.descriptions.fit, r.descriptions.paths, r.descriptions.errors
        );
        for phrase in says {
            assert!(text.contains(phrase), "{patch}: {phrase:?} in {text}");
        }
        for phrase in never {
            assert!(!text.contains(phrase), "{patch}: no {phrase:?} in {text}");
        }
    }
}

//! The four panels of an [`App`], drawn on any plotters backend: the canvas in the browser, SVG
//! for export and for native tests. Also the CSV exports of the coefficients and the path.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::app::App;
use crate::backend::Either;
use crate::plot::{
    draw_bias_variance, draw_errors, draw_fit, draw_geometry, draw_message, draw_paths, DrawError, PlotFrame,
    PlotLayout, Style,
};

/// The panels, in the order the page lays them out (row by row, two per row).
pub const PANELS: [&str; 4] = ["fit", "paths", "geometry", "errors"];

/// What drawing a panel leaves behind for turning pointer positions into data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Drawn {
    /// The fit panel's frame.
    Fit(PlotFrame),
    /// The λ axis of the path or error panel.
    Lambda(PlotLayout),
    /// Nothing to map (the geometry panel).
    Nothing,
}

/// Draws panel `name` of `app` on `area` (with legends only where the app's view shows them).
pub fn draw_panel<DB: DrawingBackend>(
    app: &App,
    name: &str,
    area: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Drawn, String> {
    let style = &Style {
        legend: style.legend && app.view().show_legend,
        ..*style
    };
    let text = |e: DrawError| e.to_string();
    match name {
        "fit" => draw_fit(area, &app.fit_scene(), style).map(Drawn::Fit).map_err(text),
        "paths" => draw_paths(area, &app.path_scene(), style)
            .map(Drawn::Lambda)
            .map_err(text),
        "errors" => draw_errors(area, &app.error_scene(), style)
            .map(Drawn::Lambda)
            .map_err(text),
        "bias" => match app.bias_scene() {
            Some(scene) => draw_bias_variance(area, &scene, style).map(Drawn::Lambda).map_err(text),
            None => draw_message(
                area,
                app.resample_blocker()
                    .unwrap_or("Turn on the resampled fits to see bias and variance."),
                style,
            )
            .map(|()| Drawn::Nothing)
            .map_err(text),
        },
        "geometry" => match app.geometry_scene() {
            Some(scene) => draw_geometry(area, &scene, style).map_err(text),
            None => draw_message(
                area,
                "The geometry needs two features: raise the degree or add a column.",
                style,
            )
            .map_err(text),
        }
        .map(|()| Drawn::Nothing),
        other => Err(format!(
            "no panel named {:?}",
            other.chars().take(40).collect::<String>()
        )),
    }
}

/// The largest export, in pixels on either side.
pub const MAX_EXPORT_SIDE: u32 = 8_000;

fn export_size(width: u32, height: u32) -> Result<(u32, u32), String> {
    if (1..=MAX_EXPORT_SIDE).contains(&width) && (1..=MAX_EXPORT_SIDE).contains(&height) {
        Ok((width, height))
    } else {
        Err(format!(
            "an export is 1 to {MAX_EXPORT_SIDE} pixels on each side, not {width} × {height}"
        ))
    }
}

/// Panel `name` as an SVG document of `width` × `height` pixels.
pub fn panel_svg(app: &App, name: &str, width: u32, height: u32, style: &Style) -> Result<String, String> {
    panel_svg_as::<SVGBackend<'static>>(app, name, width, height, style)
}

/// As [`panel_svg`], drawn through [`Either`]`<C>`: the browser passes its canvas backend as `C`,
/// so that the panels' drawing code exists once, for both.
pub fn panel_svg_as<C: DrawingBackend>(
    app: &App,
    name: &str,
    width: u32,
    height: u32,
    style: &Style,
) -> Result<String, String> {
    let size = export_size(width, height)?;
    let mut out = String::new();
    {
        let area = Either::<C>::Svg(SVGBackend::with_string(&mut out, size)).into_drawing_area();
        draw_panel(app, name, &area, style)?;
    }
    Ok(out)
}

/// All four panels in a 2 × 2 grid, each `width` × `height`, as one SVG document.
pub fn all_svg(app: &App, width: u32, height: u32, style: &Style) -> Result<String, String> {
    all_svg_as::<SVGBackend<'static>>(app, width, height, style)
}

/// As [`all_svg`], drawn through [`Either`]`<C>` (see [`panel_svg_as`]).
pub fn all_svg_as<C: DrawingBackend>(app: &App, width: u32, height: u32, style: &Style) -> Result<String, String> {
    let (w, h) = export_size(width.saturating_mul(2), height.saturating_mul(2))?;
    let mut out = String::new();
    {
        let area = Either::<C>::Svg(SVGBackend::with_string(&mut out, (w, h))).into_drawing_area();
        for (panel, cell) in PANELS.iter().zip(area.split_evenly((2, 2))) {
            draw_panel(app, panel, &cell, style)?;
        }
    }
    Ok(out)
}

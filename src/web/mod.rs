//! The wasm-bindgen glue: the only module that knows about JavaScript, the DOM or the canvas.
//!
//! Each `<regularization-explorer>` element owns one [`Explorer`]; nothing here is global, so
//! instances on one page are independent. Every method returns errors as values (a JS
//! exception), never panics.

use std::cell::Cell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::app::{
    attribute_patch, attributes_of, link_query, parse_options, preset_views, query_to_patch, read_link, schema_json,
    state_to_query, App, Heavy, LinkLook, PointEdit, WORKER_TEXT_BYTES,
};
use crate::app::{file_too_large, format_count, format_number, kept_text_note, IssueView, LoadReport};
use crate::backend::Either;
use crate::bench::{run, run_large, standard_cases};
use crate::core::data::Table;
use crate::plot::{PlotFrame, PlotLayout, Style, Theme};
use crate::render::{all_svg_as, draw_panel, panel_svg_as, Drawn};
use plotters::style::RGBColor;
use surface::{Surface, TextSizes};

mod surface;

/// Installs the panic hook, so that a panic (which should never happen) is at least reported.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

impl Explorer {
    fn style(&self, scale: f64) -> Style {
        Style {
            theme: self.theme.get(),
            ..Style::light(scale)
        }
    }
}

/// One explorer instance: its state, data, model and fit.
#[wasm_bindgen]
pub struct Explorer {
    app: App,
    path_layout: Cell<Option<PlotLayout>>,
    error_layout: Cell<Option<PlotLayout>>,
    fit_frame: Cell<Option<PlotFrame>>,
    bias_layout: Cell<Option<PlotLayout>>,
    theme: Cell<Theme>,
    /// Text sizes the canvases measured, kept for the next redraw.
    measured: TextSizes,
}

#[wasm_bindgen]
impl Explorer {
    /// A new explorer on the default preset.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Explorer, JsError> {
        Ok(Explorer {
            app: App::new().map_err(js_error)?,
            path_layout: Cell::new(None),
            error_layout: Cell::new(None),
            fit_frame: Cell::new(None),
            bias_layout: Cell::new(None),
            theme: Cell::new(Theme::Light),
            measured: TextSizes::default(),
        })
    }

    /// The state as JSON; with `with_data` false (default true), pasted data is left out, which
    /// keeps a snapshot cheap on large data (see `dataVersion`).
    #[wasm_bindgen(js_name = stateJson)]
    pub fn state_json(&self, with_data: Option<bool>) -> Result<String, JsError> {
        serde_json::to_string(&self.app.state_view(with_data != Some(false))).map_err(js_error)
    }

    /// Counts changes of the data source: equal versions mean the same data.
    #[wasm_bindgen(js_name = dataVersion)]
    pub fn data_version(&self) -> f64 {
        self.app.data_version() as f64
    }

    /// Whether this JSON patch means work large enough to do in a worker.
    #[wasm_bindgen(js_name = wantsWorker)]
    pub fn wants_worker(&self, patch_json: &str) -> bool {
        serde_json::from_str(patch_json).is_ok_and(|patch| self.app.wants_worker(&patch))
    }

    /// Pasted text longer than this many bytes is read in a worker.
    #[wasm_bindgen(js_name = workerTextBytes)]
    pub fn worker_text_bytes() -> usize {
        WORKER_TEXT_BYTES
    }

    /// Whether this JSON patch replaces the data (a preset, pasted text, reading options).
    #[wasm_bindgen(js_name = replacesData)]
    pub fn replaces_data(patch_json: &str) -> bool {
        serde_json::from_str(patch_json).is_ok_and(|patch| App::replaces_data(&patch))
    }

    /// A link's query as a JSON state patch (what `applyQuery` applies), to apply later, e.g. to
    /// data read in a worker. Fields that do not read are left out.
    #[wasm_bindgen(js_name = queryPatchJson)]
    pub fn query_patch_json(query: &str) -> Result<String, JsError> {
        serde_json::to_string(&query_to_patch(query)).map_err(js_error)
    }

    /// Whether loading this text is better done in a worker.
    #[wasm_bindgen(js_name = wantsWorkerForText)]
    pub fn wants_worker_for_text(text: &str) -> bool {
        App::wants_worker_for_text(text)
    }

    /// This state's expensive parts (reduced problem, path, CV), encoded for another Explorer.
    #[wasm_bindgen(js_name = heavyParts)]
    pub fn heavy_parts(&self) -> Result<Vec<u8>, JsError> {
        self.app.heavy_bytes().map_err(js_error)
    }

    /// As `setState`, taking the expensive parts from `heavyParts()` of an Explorer that applied
    /// the same patch to the same state; parts that do not match are computed here instead.
    #[wasm_bindgen(js_name = setStateWith)]
    pub fn set_state_with(&mut self, patch_json: &str, heavy: &[u8]) -> Result<(), JsError> {
        let patch: serde_json::Value = serde_json::from_str(patch_json).map_err(js_error)?;
        let heavy = Heavy::from_bytes(heavy).ok();
        self.app.set_state_with(&patch, heavy).map_err(js_error)
    }

    /// The data's columns one after another (column-major), with `tableNamesJson`, to hand a
    /// parsed table to another Explorer.
    #[wasm_bindgen(js_name = tableColumns)]
    pub fn table_columns(&self) -> Vec<f64> {
        self.app.table_columns()
    }

    /// The data's column names as JSON.
    #[wasm_bindgen(js_name = tableNamesJson)]
    pub fn table_names_json(&self) -> Result<String, JsError> {
        serde_json::to_string(self.app.table_names()).map_err(js_error)
    }

    /// Makes a table parsed elsewhere the data: `text` and `options_json` are what it was read
    /// from, `names_json` and `columns` (column-major) the table, `then_json` the choices applied
    /// to it (`{}` for none), `heavy` the parts computed with it. Throws, changing nothing, if the
    /// table is malformed or the model cannot be built.
    #[wasm_bindgen(js_name = adoptData)]
    pub fn adopt_data(
        &mut self,
        text: &str,
        options_json: &str,
        names_json: &str,
        columns: &[f64],
        then_json: &str,
        heavy: &[u8],
    ) -> Result<(), JsError> {
        let value: serde_json::Value = serde_json::from_str(options_json).map_err(js_error)?;
        let options = parse_options(&value).map_err(js_error)?;
        let names: Vec<String> = serde_json::from_str(names_json).map_err(js_error)?;
        let table = Table::from_column_major(names, columns).map_err(js_error)?;
        let then: serde_json::Value = serde_json::from_str(then_json).map_err(js_error)?;
        let heavy = Heavy::from_bytes(heavy).ok();
        self.app
            .adopt_table(text, options, table, &then, heavy)
            .map_err(js_error)
    }

    /// Counts changes of what a worker's result depends on (the data, rows, features, penalty,
    /// α, folds; not λ or the view): a reply computed at another revision is stale.
    #[wasm_bindgen(js_name = revision)]
    pub fn revision(&self) -> f64 {
        self.app.revision() as f64
    }

    /// Merges a JSON state patch; throws with a message, and changes nothing, if it is invalid.
    #[wasm_bindgen(js_name = setState)]
    pub fn set_state(&mut self, patch_json: &str) -> Result<(), JsError> {
        let patch: serde_json::Value = serde_json::from_str(patch_json).map_err(js_error)?;
        self.app.set_state(&patch).map_err(js_error)
    }

    /// The current result as JSON.
    #[wasm_bindgen(js_name = resultJson)]
    pub fn result_json(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.app.result()).map_err(js_error)
    }

    /// Does one step of work ahead (another penalty's path and CV, or the model of the degree
    /// one up or down), for the page to call while idle; says whether more remains. A change
    /// that finds its work done costs one fit. Nothing on data above a few ms per step.
    #[wasm_bindgen(js_name = workAhead)]
    pub fn work_ahead(&mut self) -> bool {
        self.app.work_ahead()
    }

    /// The current result as JSON without its per-λ arrays (the path, the CV curve and the
    /// bias–variance curves are empty; `cv`'s choices, `knots` and everything else are there):
    /// what the page's text needs, at a fraction of the size.
    #[wasm_bindgen(js_name = summaryJson)]
    pub fn summary_json(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.app.result().summary()).map_err(js_error)
    }

    /// Parses pasted text with options as JSON ({delimiter, decimal, header}, each 'auto' to
    /// sniff, or "" for all); returns the load report as JSON. On failure the old data stays.
    #[wasm_bindgen(js_name = loadData)]
    pub fn load_data(&mut self, text: &str, options_json: &str) -> Result<String, JsError> {
        let options = if options_json.trim().is_empty() {
            Default::default()
        } else {
            let value: serde_json::Value = serde_json::from_str(options_json).map_err(js_error)?;
            parse_options(&value).map_err(js_error)?
        };
        serde_json::to_string(&self.app.load_data(text, options)).map_err(js_error)
    }

    /// The row drawn nearest device pixel (px, py) on the fit panel, within `radius` pixels.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&self, px: f64, py: f64, radius: f64) -> Option<usize> {
        let frame = self.fit_frame.get()?;
        self.app
            .point_near(frame.data_at(px, py), frame.pixels_per_unit(), radius)
    }

    /// Data coordinates [x, y] at device pixel (px, py) on the fit panel, as last drawn.
    #[wasm_bindgen(js_name = dataAt)]
    pub fn data_at(&self, px: f64, py: f64) -> Option<Box<[f64]>> {
        let (x, y) = self.fit_frame.get()?.data_at(px, py);
        (x.is_finite() && y.is_finite()).then(|| vec![x, y].into_boxed_slice())
    }

    /// Edits the points: {op: 'add', x, y} | {op: 'move', index, x, y} | {op: 'remove', index}.
    /// Throws, changing nothing, on a bad edit.
    #[wasm_bindgen(js_name = editPoints)]
    pub fn edit_points(&mut self, edit_json: &str) -> Result<(), JsError> {
        let value: serde_json::Value = serde_json::from_str(edit_json).map_err(js_error)?;
        let number = |key: &str| value.get(key).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
        let index = value
            .get("index")
            .and_then(serde_json::Value::as_u64)
            .map(|i| i as usize);
        let edit = match (value.get("op").and_then(serde_json::Value::as_str), index) {
            (Some("add"), _) => PointEdit::Add(number("x"), number("y")),
            (Some("move"), Some(i)) => PointEdit::Move(i, number("x"), number("y")),
            (Some("remove"), Some(i)) => PointEdit::Remove(i),
            _ => {
                return Err(JsError::new(
                    "an edit is {op: 'add', x, y}, {op: 'move', index, x, y} or {op: 'remove', index}",
                ))
            }
        };
        self.app.edit_points(edit).map_err(js_error)
    }

    /// Holds the fit panel's frame (its ranges, so the pixel ↔ data mapping `dataAt` and `pointAt`
    /// use once it is drawn) as it is now, for a pointer gesture on the panel, or (false) lets it
    /// go: draw again to rescale. Edits of the points keep it; other new data let it go.
    #[wasm_bindgen(js_name = holdFitFrame)]
    pub fn hold_fit_frame(&mut self, hold: bool) {
        self.app.hold_fit_frame(hold);
    }

    /// Whether the fit panel's frame is held (false again once other data came in).
    #[wasm_bindgen(js_name = fitFrameHeld)]
    pub fn fit_frame_held(&self) -> bool {
        self.app.fit_frame_held()
    }

    /// Selects a row for editing (drawn with a ring), or none.
    #[wasm_bindgen(js_name = selectPoint)]
    pub fn select_point(&mut self, index: Option<usize>) {
        self.app.select_point(index);
    }

    /// Selects the row `step` rows after the selected one (before it when negative), wrapping.
    #[wasm_bindgen(js_name = selectStep)]
    pub fn select_step(&mut self, step: i32) {
        self.app.select_step(i64::from(step));
    }

    /// Moves the selected point by fractions (dx, dy) of the fit panel's drawn ranges. Throws,
    /// changing nothing, with no point selected or where points cannot be edited.
    #[wasm_bindgen(js_name = nudgePoint)]
    pub fn nudge_point(&mut self, dx: f64, dy: f64) -> Result<(), JsError> {
        let frame = self
            .fit_frame
            .get()
            .ok_or_else(|| JsError::new("the fit panel has not been drawn yet"))?;
        let (x0, x1) = frame.x_range;
        let (y0, y1) = frame.y_range;
        self.app
            .nudge_selected(dx * (x1 - x0), dy * (y1 - y0))
            .map_err(js_error)
    }

    /// The selected row, if any.
    #[wasm_bindgen(js_name = selectedPoint)]
    pub fn selected_point(&self) -> Option<usize> {
        self.app.selected_point()
    }

    /// Whether points can be edited (polynomial mode, training rows only, at most 5 000 rows).
    #[wasm_bindgen(js_name = pointsEditable)]
    pub fn points_editable(&self) -> bool {
        self.app.editable()
    }

    /// Whether points can be edited, and the points, as JSON {editable, points: [[x, y], …]}.
    #[wasm_bindgen(js_name = pointsJson)]
    pub fn points_json(&self) -> Result<String, JsError> {
        let points: Vec<[f64; 2]> = self.app.points().into_iter().map(|(x, y)| [x, y]).collect();
        serde_json::to_string(&serde_json::json!({ "editable": self.app.editable(), "points": points }))
            .map_err(js_error)
    }

    /// The state as a URL query (`v=1&preset=sin&…`), without pasted data.
    #[wasm_bindgen(js_name = stateQuery)]
    pub fn state_query(&self) -> String {
        state_to_query(&self.app.state_view(false))
    }

    /// The field table, the control blocks, the themes and the link's own keys, as JSON: what
    /// the element builds its controls, attributes and links from (see `app::schema_json`).
    #[wasm_bindgen(js_name = schemaJson)]
    pub fn schema_json() -> Result<String, JsError> {
        serde_json::to_string(&schema_json()).map_err(js_error)
    }

    /// A link's query for this state: the state's fields, the look (`look_json`: {controls,
    /// locked, theme}, lists as arrays or comma-separated, null for not set) and, when given,
    /// the packed pasted data with its reading options.
    #[wasm_bindgen(js_name = linkQueryFor)]
    pub fn link_query_for(&self, look_json: &str, packed_data: Option<String>) -> Result<String, JsError> {
        let look: serde_json::Value = serde_json::from_str(look_json).map_err(js_error)?;
        Ok(link_query(
            &self.app.state_view(false),
            &LinkLook::from_json(&look),
            packed_data.as_deref(),
        ))
    }

    /// Everything a link's query carries, as JSON: {patch, look: {controls, locked, theme},
    /// data: the packed data or null, dataOptions: {delimiter, decimal, header} or null}.
    /// Never throws for what the query holds: what does not read is left out.
    #[wasm_bindgen(js_name = readLinkJson)]
    pub fn read_link_json(query: &str) -> Result<String, JsError> {
        serde_json::to_string(&read_link(query).to_json()).map_err(js_error)
    }

    /// The JSON patch that element attributes ask for (`attributes_json`: {attribute: text}):
    /// lists comma-separated or as a JSON array. Throws, naming the attribute, for a list that
    /// does not read; other values are checked when the patch is applied.
    #[wasm_bindgen(js_name = attributePatchJson)]
    pub fn attribute_patch_json(attributes_json: &str) -> Result<String, JsError> {
        let attributes: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(attributes_json).map_err(js_error)?;
        serde_json::to_string(&attribute_patch(&attributes).map_err(js_error)?).map_err(js_error)
    }

    /// The attributes that set up a state (`state_json`, as `stateJson` gives it), as JSON
    /// [[attribute, text], …] in the table's order: null values and empty lists left out, lists
    /// comma-joined, or JSON when a name holds a comma or edge spaces.
    #[wasm_bindgen(js_name = attributesOf)]
    pub fn attributes_of(state_json: &str) -> Result<String, JsError> {
        let state: serde_json::Value = serde_json::from_str(state_json).map_err(js_error)?;
        serde_json::to_string(&attributes_of(&state)).map_err(js_error)
    }

    /// Applies a URL query; never throws. Returns the fields it had to skip.
    #[wasm_bindgen(js_name = applyQuery)]
    pub fn apply_query(&mut self, query: &str) -> Vec<String> {
        self.app.apply_query(query)
    }

    /// The current data (every column) as CSV, safe to open in a spreadsheet.
    #[wasm_bindgen(js_name = dataCsv)]
    pub fn data_csv(&self) -> String {
        self.app.data_csv()
    }

    /// λ at a slider position in [0, 1] (log scale over the grid's range).
    #[wasm_bindgen(js_name = lambdaAt)]
    pub fn lambda_at(&self, position: f64) -> f64 {
        self.app.lambda_at(position)
    }

    /// The slider position in [0, 1] of a given λ.
    #[wasm_bindgen(js_name = lambdaPositionOf)]
    pub fn lambda_position_of(&self, lambda: f64) -> f64 {
        self.app.position_of(lambda)
    }

    /// The data's first `limit` rows as JSON {names, rows (each cell as shown), total, caption},
    /// for the table view.
    #[wasm_bindgen(js_name = tableJson)]
    pub fn table_json(&self, limit: usize) -> Result<String, JsError> {
        let (rows, total) = self.app.table_rows(limit);
        let shown: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|v| format_number(*v, 6)).collect())
            .collect();
        let caption = if total > shown.len() {
            format!("The first {} of {} rows", shown.len(), format_count(total))
        } else {
            format!("{total} rows")
        };
        serde_json::to_string(
            &serde_json::json!({ "names": self.app.table_names(), "rows": shown, "total": total, "caption": caption }),
        )
        .map_err(js_error)
    }

    /// Every text the page shows that holds a number, as JSON (see `TextsView`): the slider
    /// outputs, the summary line, the objective, the coefficient table, and which controls apply.
    #[wasm_bindgen(js_name = textsJson)]
    pub fn texts_json(&self) -> Result<String, JsError> {
        serde_json::to_string(&self.app.texts()).map_err(js_error)
    }

    /// Point `index`'s position in words, for a screen reader.
    #[wasm_bindgen(js_name = pointText)]
    pub fn point_text(&self, index: usize) -> String {
        self.app.point_text(index).unwrap_or_default()
    }

    /// A number as the page shows it, to `digits` significant digits.
    #[wasm_bindgen(js_name = formatNumber)]
    pub fn format_number(value: f64, digits: usize) -> String {
        format_number(value, digits.clamp(1, 17))
    }

    /// The note under a long text shown in part: how many lines and characters it has.
    #[wasm_bindgen(js_name = keptTextNote)]
    pub fn kept_text_note(lines: usize, chars: usize) -> String {
        kept_text_note(lines, chars)
    }

    /// Why a file of `size` bytes is not read (the limit is `limit` bytes).
    #[wasm_bindgen(js_name = fileTooLarge)]
    pub fn file_too_large(name: &str, size: f64, limit: f64) -> String {
        file_too_large(name, size.max(0.0) as usize, limit.max(0.0) as usize)
    }

    /// A load report (as `loadData` returns) for data that could not even be handed to the
    /// parser, e.g. inline data that does not decode.
    #[wasm_bindgen(js_name = failedLoadJson)]
    pub fn failed_load_json(message: &str) -> Result<String, JsError> {
        serde_json::to_string(&LoadReport::failed(vec![IssueView::new(0, 0, message.to_string())])).map_err(js_error)
    }

    /// The slider position in [0, 1] of the current λ.
    #[wasm_bindgen(js_name = lambdaPosition)]
    pub fn lambda_position(&self) -> f64 {
        self.app.lambda_position()
    }

    /// Draws one panel ('fit', 'paths', 'geometry' or 'errors') on a canvas whose pixel size
    /// already includes the device-pixel ratio.
    pub fn render(&self, panel: &str, canvas: HtmlCanvasElement, device_pixel_ratio: f64) -> Result<(), JsError> {
        let scale = if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 {
            device_pixel_ratio.min(8.0)
        } else {
            1.0
        };
        if canvas.width() == 0 || canvas.height() == 0 {
            return Ok(());
        }
        let backend = Surface::new(canvas, Rc::clone(&self.measured))
            .ok_or_else(|| JsError::new("no 2-D context on the canvas"))?;
        let area = Either::Other(backend).into_drawing_area();
        match draw_panel(&self.app, panel, &area, &self.style(scale)).map_err(|e| JsError::new(&e))? {
            Drawn::Fit(frame) => self.fit_frame.set(Some(frame)),
            Drawn::Lambda(layout) if panel == "paths" => self.path_layout.set(Some(layout)),
            Drawn::Lambda(layout) if panel == "errors" => self.error_layout.set(Some(layout)),
            Drawn::Lambda(layout) => self.bias_layout.set(Some(layout)),
            Drawn::Nothing => {}
        }
        Ok(())
    }

    /// Panel `panel` as an SVG document of `width` × `height` CSS pixels, in the current theme;
    /// 'all' gives the four panels in a 2 × 2 grid, each that size.
    pub fn svg(&self, panel: &str, width: u32, height: u32) -> Result<String, JsError> {
        let style = self.style(1.0);
        match panel {
            "all" => all_svg_as::<Surface>(&self.app, width, height, &style),
            name => panel_svg_as::<Surface>(&self.app, name, width, height, &style),
        }
        .map_err(|e| JsError::new(&e))
    }

    /// The current coefficients as CSV (term, standardized, coefficient).
    #[wasm_bindgen(js_name = coefficientsCsv)]
    pub fn coefficients_csv(&self) -> String {
        self.app.coefficients_csv()
    }

    /// The path as CSV (λ, df, nonzero, train and test MSE, each standardized coefficient).
    #[wasm_bindgen(js_name = pathCsv)]
    pub fn path_csv(&self) -> String {
        self.app.path_csv()
    }

    /// Sets the look of the panels: 'light', 'dark' or 'presenter'. Throws on another name.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&self, name: &str) -> Result<(), JsError> {
        let theme = Theme::from_name(name).ok_or_else(|| JsError::new("a theme is 'light', 'dark' or 'presenter'"))?;
        self.theme.set(theme);
        Ok(())
    }

    /// Draws the panels in the system's forced colours (e.g. Windows high contrast): the
    /// background, the text and one accent, each as [r, g, b].
    #[wasm_bindgen(js_name = setForcedColors)]
    pub fn set_forced_colors(&self, background: &[u8], ink: &[u8], accent: &[u8]) -> Result<(), JsError> {
        let rgb = |c: &[u8]| match c {
            [r, g, b] => Ok(RGBColor(*r, *g, *b)),
            _ => Err(JsError::new("a colour is [r, g, b]")),
        };
        self.theme.set(Theme::Forced {
            background: rgb(background)?,
            ink: rgb(ink)?,
            accent: rgb(accent)?,
        });
        Ok(())
    }

    /// λ for a click at device-pixel column `pixel_x` on the 'paths', 'errors' or 'bias' panel,
    /// as last drawn: the panel's scene maps the column of its plotting area to λ on its own axis.
    /// Undefined where that panel has no λ axis (OLS, or not drawn yet).
    #[wasm_bindgen(js_name = lambdaAtPixel)]
    pub fn lambda_at_pixel(&self, panel: &str, pixel_x: f64) -> Option<f64> {
        use crate::scene::LambdaAxis;
        match panel {
            "paths" => self.app.path_scene().lambda_at_pixel(&self.path_layout.get()?, pixel_x),
            "errors" => self
                .app
                .error_scene()
                .lambda_at_pixel(&self.error_layout.get()?, pixel_x),
            "bias" => self
                .app
                .bias_scene()?
                .lambda_at_pixel(&self.bias_layout.get()?, pixel_x),
            _ => None,
        }
    }

    /// How many cases the benchmark has (src/bench.rs).
    #[wasm_bindgen(js_name = benchmarkCaseCount)]
    pub fn benchmark_case_count() -> usize {
        standard_cases().len()
    }

    /// Times benchmark case `index` in this browser (performance.now() as the clock), spending
    /// about `budget_ms` per stage; returns the medians as JSON.
    #[wasm_bindgen(js_name = benchmarkCase)]
    pub fn benchmark_case(index: usize, budget_ms: f64) -> Result<String, JsError> {
        let case = *standard_cases()
            .get(index)
            .ok_or_else(|| JsError::new("no such benchmark case"))?;
        let performance = web_sys::window()
            .and_then(|w| w.performance())
            .ok_or_else(|| JsError::new("performance.now() is not available"))?;
        let clock = move || performance.now();
        let timing = run(case, &clock, budget_ms).map_err(js_error)?;
        serde_json::to_string(&timing).map_err(js_error)
    }

    /// Times the large-data case (100 000 pasted rows) in this browser; returns JSON.
    #[wasm_bindgen(js_name = benchmarkLarge)]
    pub fn benchmark_large(budget_ms: f64) -> Result<String, JsError> {
        let performance = web_sys::window()
            .and_then(|w| w.performance())
            .ok_or_else(|| JsError::new("performance.now() is not available"))?;
        let clock = move || performance.now();
        serde_json::to_string(&run_large(&clock, budget_ms).map_err(js_error)?).map_err(js_error)
    }

    /// The presets, as JSON [{name, label, caption}].
    #[wasm_bindgen(js_name = presetsJson)]
    pub fn presets_json() -> Result<String, JsError> {
        serde_json::to_string(&preset_views()).map_err(js_error)
    }
}

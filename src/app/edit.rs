//! Editing points by hand: add, move and remove rows of the data in polynomial mode. An edited
//! preset becomes "your data", so that it persists and undoes like a paste; a synthetic one's text
//! starts with a comment naming it (`presets::EDITED_MARK`), so that it keeps its true function and
//! fresh test sample.

use super::{App, AppError, Mode, Patch, TestOrigin};
use crate::core::data::{DecimalMark, Delimiter, ParseOptions};
use crate::scene::FitFrame;

/// One edit of the points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PointEdit {
    /// A new point at (x, y); other columns of the row are 0.
    Add(f64, f64),
    /// Row `index` moves to (x, y).
    Move(usize, f64, f64),
    /// Row `index` goes.
    Remove(usize),
}

/// The most rows whose points can be edited one by one (each edit rebuilds the model).
pub const MAX_EDIT_ROWS: usize = 5_000;

impl App {
    /// Whether points can be edited here: polynomial mode, every row a training row, and at most
    /// [`MAX_EDIT_ROWS`] rows.
    pub fn editable(&self) -> bool {
        self.data.table.n_rows() <= MAX_EDIT_ROWS
            && self.data.choices.mode == Mode::Polynomial
            && matches!(self.data.test_origin, TestOrigin::None | TestOrigin::Synthetic)
    }

    /// The (x, y) of every row, in data order.
    pub fn points(&self) -> Vec<(f64, f64)> {
        let choices = &self.data.choices;
        let x = self.data.table.column(&choices.x).unwrap_or(&[]);
        let y = self.data.table.column(&choices.y).unwrap_or(&[]);
        x.iter().copied().zip(y.iter().copied()).collect()
    }

    /// The row drawn nearest `at`, within `radius` pixels, given pixels per data unit on x and y.
    pub fn point_near(&self, at: (f64, f64), pixels_per_unit: (f64, f64), radius: f64) -> Option<usize> {
        if !self.editable() {
            return None;
        }
        self.points()
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| {
                (
                    i,
                    ((x - at.0) * pixels_per_unit.0).hypot((y - at.1) * pixels_per_unit.1),
                )
            })
            .filter(|(_, d)| d.is_finite() && *d <= radius)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// Marks a row as selected (drawn with a ring), or none.
    pub fn select_point(&mut self, index: Option<usize>) {
        self.selected = index.filter(|&i| i < self.data.table.n_rows());
    }

    /// The selected row.
    pub fn selected_point(&self) -> Option<usize> {
        self.selected
    }

    /// Selects the row `step` rows after the selected one (before it when negative), wrapping
    /// around; with none selected, the first (or, going back, the last).
    pub fn select_step(&mut self, step: i64) {
        let n = self.data.table.n_rows() as i64;
        if n == 0 {
            self.selected = None;
            return;
        }
        let next = match self.selected {
            Some(i) => (i as i64 + step).rem_euclid(n),
            None if step < 0 => n - 1,
            None => 0,
        };
        self.selected = usize::try_from(next).ok();
    }

    /// Moves the selected point by (dx, dy) data units, e.g. a step of an arrow key.
    pub fn nudge_selected(&mut self, dx: f64, dy: f64) -> Result<(), AppError> {
        let index = self
            .selected
            .ok_or_else(|| super::field_error("points", "no point is selected"))?;
        let (x, y) = self
            .points()
            .get(index)
            .copied()
            .ok_or_else(|| super::field_error("points", format!("there is no point {index}")))?;
        self.edit_points(PointEdit::Move(index, x + dx, y + dy))
    }

    /// Holds the fit panel's frame (its ranges and units, so the pixel ↔ data mapping) as it is
    /// now, or (`false`) lets it go, so that the panel fits its points again. A pointer gesture
    /// on the panel holds it from press to release, so that a point added or dragged where the
    /// data do not reach stays under the pointer (a point outside the frame is not drawn). New
    /// data, rows, columns or degree let it go too; an edit of the points keeps it. Only the
    /// polynomial view has a frame to hold.
    pub fn hold_fit_frame(&mut self, hold: bool) {
        self.fit_hold = match (hold, self.data.choices.mode) {
            (true, Mode::Polynomial) => Some(self.fit_hold.unwrap_or_else(|| {
                let (x, y) = &self.data.train_xy;
                FitFrame::fitted(x, y)
            })),
            _ => None,
        };
    }

    /// Whether the fit panel's frame is held ([`App::hold_fit_frame`]).
    pub fn fit_frame_held(&self) -> bool {
        self.fit_hold.is_some()
    }

    /// Applies an edit. Values must be finite; a row must exist; the last two rows cannot go.
    /// A held fit frame stays held: the edit is the gesture's own.
    pub fn edit_points(&mut self, edit: PointEdit) -> Result<(), AppError> {
        if !self.editable() {
            return Err(super::field_error(
                "points",
                "points can be edited in polynomial mode, when every row is a training row, on at most 5 000 rows",
            ));
        }
        let choices = self.data.choices.clone();
        let mut table = self.data.table.clone();
        let x_col = table.names.iter().position(|n| *n == choices.x);
        let y_col = table.names.iter().position(|n| *n == choices.y);
        let (Some(xj), Some(yj)) = (x_col, y_col) else {
            return Err(super::field_error("points", "the x or y column is missing"));
        };
        let finite = |v: f64| {
            v.is_finite()
                .then_some(v)
                .ok_or_else(|| super::field_error("points", "x and y must be finite numbers"))
        };
        let n = table.n_rows();
        let row_exists = |i: usize| {
            (i < n)
                .then_some(i)
                .ok_or_else(|| super::field_error("points", format!("there is no point {i}")))
        };
        let selected = match edit {
            PointEdit::Add(x, y) => {
                let (x, y) = (finite(x)?, finite(y)?);
                for (j, column) in table.columns.iter_mut().enumerate() {
                    column.push(if j == xj {
                        x
                    } else if j == yj {
                        y
                    } else {
                        0.0
                    });
                }
                Some(n)
            }
            PointEdit::Move(i, x, y) => {
                let (i, x, y) = (row_exists(i)?, finite(x)?, finite(y)?);
                for (j, value) in [(xj, x), (yj, y)] {
                    if let Some(slot) = table.columns.get_mut(j).and_then(|c| c.get_mut(i)) {
                        *slot = value;
                    }
                }
                Some(i)
            }
            PointEdit::Remove(i) => {
                let i = row_exists(i)?;
                if n <= 2 {
                    return Err(super::field_error("points", "a fit needs at least two points"));
                }
                for column in &mut table.columns {
                    if i < column.len() {
                        column.remove(i);
                    }
                }
                None
            }
        };
        // A synthetic preset's edited points keep its true function and fresh test sample.
        let csv = table.to_plain_csv();
        let text = match self.data.truth() {
            Some(preset) => crate::core::presets::mark_edited(preset, &csv),
            None => csv,
        };
        let patch = Patch {
            data: Some(text),
            data_options: Some(ParseOptions {
                delimiter: Some(Delimiter::Comma),
                decimal: Some(DecimalMark::Point),
                header: Some(true),
            }),
            mode: Some(Mode::Polynomial),
            x: Some(choices.x.clone()),
            y: Some(choices.y.clone()),
            degree: Some(choices.degree),
            ..Patch::default()
        };
        let held = self.fit_hold;
        self.apply(&patch, None, None)?;
        self.selected = selected;
        self.fit_hold = held;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The fit panel's frame, as its scene shows it.
    fn frame(app: &App) -> FitFrame {
        app.fit_scene().frame()
    }

    /// Whether a data point lies in a frame's ranges.
    fn shows(frame: FitFrame, (x, y): (f64, f64)) -> bool {
        let (x, y) = (x / frame.units.0, y / frame.units.1);
        x >= frame.x_range.0 && x <= frame.x_range.1 && y >= frame.y_range.0 && y <= frame.y_range.1
    }

    /// While the frame is held, points added and moved outside it leave the fit panel's ranges as
    /// they were (so the pixel ↔ data mapping a drag uses), and are not drawn; let go, the panel
    /// fits them again, exactly as a fresh app on the same data does.
    #[test]
    fn a_held_fit_frame_stays_until_it_is_let_go() {
        let mut app = App::new().unwrap();
        let before = frame(&app);
        app.hold_fit_frame(true);
        assert!(app.fit_frame_held());
        app.set_state(&json!({ "lambda": 0.1, "showOls": false })).unwrap();
        assert_eq!(frame(&app), before, "a λ or view change keeps the frame");
        // Above the y-range, then beyond it on both axes, then at 1e7 (another drawing unit).
        let far = [(0.5, 5.0), (1.5, -4.0), (0.5, 1e7)];
        app.edit_points(PointEdit::Add(far[0].0, far[0].1)).unwrap();
        assert_eq!(frame(&app), before, "the frame holds while a point is added outside it");
        for &(x, y) in &far[1..] {
            app.edit_points(PointEdit::Move(10, x, y)).unwrap();
            assert_eq!(
                frame(&app),
                before,
                "the frame holds while the point is dragged to ({x}, {y})"
            );
        }
        let point = app.points()[10];
        assert!(!shows(before, point), "{point:?} lies outside the held frame");
        let svg = |app: &App| crate::render::panel_svg(app, "fit", 640, 480, &crate::plot::Style::light(1.0)).unwrap();
        let held_svg = svg(&app);
        assert_eq!(
            held_svg.matches("<circle").count(),
            11,
            "the ten points in the frame and the legend's dot; neither the new point nor its ring"
        );
        app.hold_fit_frame(false);
        assert!(!app.fit_frame_held());
        let released = frame(&app);
        assert_ne!(released, before, "let go, the panel rescales");
        assert!(
            shows(released, point),
            "let go, the panel shows {point:?}: {released:?}"
        );
        let mut fresh = App::new().unwrap();
        fresh
            .set_state(&json!({ "data": app.state().data, "lambda": 0.1, "showOls": false }))
            .unwrap();
        assert_eq!(released, frame(&fresh), "let go, the frame is the one the data have");
        assert_eq!(
            svg(&app).matches("<circle").count(),
            13,
            "eleven points, the ring around the selected one and the legend's dot"
        );
    }

    /// (what happens while the frame is held, whether the frame stays held). The gesture's own
    /// edits keep it, and so do λ and the view; other data, rows or features let it go, and the
    /// panel is then fitted to the points it shows.
    #[test]
    fn only_the_gestures_own_edits_keep_a_held_fit_frame() {
        type Change = fn(&mut App);
        let cases: &[(&str, Change, bool)] = &[
            (
                "an added point",
                |a| a.edit_points(PointEdit::Add(0.5, 9.0)).unwrap(),
                true,
            ),
            (
                "a moved point",
                |a| a.edit_points(PointEdit::Move(2, 0.5, -9.0)).unwrap(),
                true,
            ),
            ("a nudge", |a| a.nudge_selected(0.0, 5.0).unwrap(), true),
            (
                "λ and the view",
                |a| a.set_state(&json!({ "lambda": 0.5, "showTest": true })).unwrap(),
                true,
            ),
            (
                "a preset",
                |a| a.set_state(&json!({ "preset": "cubic" })).unwrap(),
                false,
            ),
            (
                "the same preset again",
                |a| a.set_state(&json!({ "preset": "sin" })).unwrap(),
                false,
            ),
            (
                "pasted data",
                |a| a.set_state(&json!({ "data": "x,y\n0,0\n1,1\n2,4\n" })).unwrap(),
                false,
            ),
            (
                "loaded data",
                |a| assert!(a.load_data("x,y\n0,0\n1,1\n2,4\n", ParseOptions::default()).ok),
                false,
            ),
            (
                "another degree",
                |a| a.set_state(&json!({ "degree": 3 })).unwrap(),
                false,
            ),
            (
                "held-out rows",
                |a| a.set_state(&json!({ "testFraction": 0.3 })).unwrap(),
                false,
            ),
        ];
        for (what, change, kept) in cases {
            let mut app = App::new().unwrap();
            app.select_point(Some(2));
            let before = frame(&app);
            app.hold_fit_frame(true);
            change(&mut app);
            assert_eq!(app.fit_frame_held(), *kept, "{what}");
            let (x, y) = &app.data.train_xy;
            let expected = if *kept { before } else { FitFrame::fitted(x, y) };
            assert_eq!(frame(&app), expected, "{what}");
        }
        // Column mode has no frame to hold.
        let mut app = App::new().unwrap();
        app.set_state(&json!({ "preset": "prostate" })).unwrap();
        app.hold_fit_frame(true);
        assert!(!app.fit_frame_held());
    }

    /// An edited synthetic preset keeps its true function and its fresh test sample, now and when
    /// its text is applied again (undo, storage, a link); other data gets neither.
    #[test]
    fn an_edited_synthetic_preset_keeps_its_truth_and_test_sample() {
        let cases: &[(&str, PointEdit, bool)] = &[
            ("sin", PointEdit::Add(0.5, 2.0), true),
            ("sin", PointEdit::Move(3, 0.31, -1.0), true),
            ("cubic", PointEdit::Remove(0), true),
            ("runge", PointEdit::Add(0.0, 0.5), true),
        ];
        for (preset, edit, kept) in cases {
            let mut app = App::new().unwrap();
            app.set_state(&json!({ "preset": preset })).unwrap();
            app.edit_points(*edit).unwrap();
            let state = app.state();
            let text = state.data.clone().unwrap();
            for (how, app) in [
                ("edited", app.clone()),
                ("applied again", {
                    let mut again = App::new().unwrap();
                    again.set_state(&json!({ "data": text })).unwrap();
                    again
                }),
            ] {
                let result = app.result();
                let truth = !app.fit_scene().truth_runs.is_empty();
                assert_eq!(
                    (
                        truth,
                        result.test_origin,
                        result.n_test,
                        app.texts().in_use.contains(&"showTruth")
                    ),
                    (*kept, "fresh sample", 200, *kept),
                    "{preset} {edit:?} {how}"
                );
                assert!(
                    result.caption.contains("Your edit of"),
                    "{preset} {how}: {}",
                    result.caption
                );
                assert_eq!(app.state().preset, None, "{preset} {how}: an edit is data");
            }
            // A second edit keeps it too.
            app.edit_points(PointEdit::Add(0.1, 0.1)).unwrap();
            assert_eq!(app.result().test_origin, "fresh sample", "{preset}: a second edit");
        }
        // Pasted data, edited, and a mark naming a preset without a truth, get neither.
        for text in [
            "x,y\n0,1\n1,2\n2,2\n",
            "# edited from the preset houses\nx,y\n0,1\n1,2\n2,2\n",
        ] {
            let mut app = App::new().unwrap();
            app.set_state(&json!({ "data": text })).unwrap();
            app.edit_points(PointEdit::Add(3.0, 3.0)).unwrap();
            let result = app.result();
            assert_eq!((result.test_origin, result.n_test), ("none", 0), "{text:?}");
            assert!(app.fit_scene().truth_runs.is_empty(), "{text:?}");
        }
    }
}

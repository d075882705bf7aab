//! Editing points by hand: add, move and remove rows of the data in polynomial mode. An edited
//! preset becomes "your data", so that it persists and undoes like a paste; a synthetic one's text
//! starts with a comment naming it (`presets::EDITED_MARK`), so that it keeps its true function and
//! fresh test sample.

use super::{App, AppError, Mode, Patch, TestOrigin};
use crate::core::data::{DecimalMark, Delimiter, ParseOptions};

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

    /// Applies an edit. Values must be finite; a row must exist; the last two rows cannot go.
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
        self.apply(&patch, None, None)?;
        self.selected = selected;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

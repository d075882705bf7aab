//! plotters' canvas backend with text measured by the canvas itself.
//!
//! plotters measures text on wasm by adding a `<span>` to the page and reading its
//! `offsetWidth`, which forces a layout of the whole page for every label: a third of a redraw's
//! time. [`Surface`] draws through `plotters_canvas::CanvasBackend` and answers
//! `estimate_text_size` with the 2-D context's `measureText`, which lays nothing out.
//!
//! It also strokes runs of opaque lines of one colour and width (grid lines, tick marks, the
//! dashes of a dashed line) as one path: plotters strokes every line alone, and a stroke is the
//! canvas's most expensive call. Translucent lines are stroked one by one as before, so that
//! overlapping faint curves still darken where they overlap.
//!
//! Opaque filled discs of one colour (the data points) are likewise filled as one path.
//!
//! And it draws text itself, setting the font, colour and alignment only when they change:
//! `plotters_canvas` sets all of them for every label, and setting a canvas's font makes the
//! browser parse it and look the font up again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas to draw on (see the module's text).
pub struct Surface {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The path begun and not yet stroked or filled, if any.
    pending: Option<Pending>,
    /// The text settings the context has now, as far as this surface set them.
    text: RefCell<TextState>,
    /// Text sizes measured before, shared by every surface of an explorer.
    measured: TextSizes,
    /// The CSS of the last font used.
    font_memo: RefCell<FontMemo>,
}

/// Text sizes already measured, by font and text: tick labels repeat from one redraw to the next,
/// and a measurement is two calls into the page. Cleared when it holds [`MAX_MEASURED`].
pub type TextSizes = Rc<RefCell<HashMap<String, (u32, u32)>>>;

/// The most text sizes kept.
const MAX_MEASURED: usize = 4_096;

/// A path being gathered: lines to stroke in one colour and width, or discs to fill in one colour.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pending {
    Lines((u8, u8, u8), u32),
    Discs((u8, u8, u8)),
}

/// A 2-D context's text settings: None where unknown.
#[derive(Debug, Clone, Default, PartialEq)]
struct TextState {
    font: Option<String>,
    /// The fill colour as (r, g, b, alpha's bits).
    fill: Option<(u8, u8, u8, u64)>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

/// A CSS font as plotters describes it, e.g. "normal 15px sans-serif".
fn css_font<T: BackendTextStyle>(style: &T) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

/// A colour as CSS.
fn css_colour(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", color.alpha)
}

/// The last font's CSS and what it was made from (size's bits, style, family): the labels of a
/// panel share a few fonts, and formatting the size for each costs more than comparing.
type FontMemo = Option<(u64, String, String, String)>;

impl Surface {
    /// The canvas's 2-D context wrapped for plotters; None if it has none.
    pub fn new(canvas: HtmlCanvasElement, measured: TextSizes) -> Option<Surface> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(Surface {
            inner,
            context,
            pending: None,
            text: RefCell::new(TextState::default()),
            measured,
            font_memo: RefCell::new(None),
        })
    }

    /// The CSS of a text style's font (see [`FontMemo`]).
    fn font_of<T: BackendTextStyle>(&self, style: &T) -> String {
        let (bits, kind, family) = (style.size().to_bits(), style.style(), style.family());
        let mut memo = self.font_memo.borrow_mut();
        if let Some((b, k, f, css)) = memo.as_ref() {
            if *b == bits && k == kind.as_str() && f == family.as_str() {
                return css.clone();
            }
        }
        let css = css_font(style);
        *memo = Some((
            bits,
            kind.as_str().to_string(),
            family.as_str().to_string(),
            css.clone(),
        ));
        css
    }

    /// Sets the context's font, unless it is already that one.
    fn use_font(&self, font: String) {
        let mut text = self.text.borrow_mut();
        if text.font.as_deref() != Some(font.as_str()) {
            self.context.set_font(&font);
            text.font = Some(font);
        }
    }

    /// Strokes or fills the pending path, if any.
    fn flush(&mut self) {
        match self.pending.take() {
            Some(Pending::Lines(..)) => self.context.stroke(),
            Some(Pending::Discs(..)) => self.context.fill(),
            None => {}
        }
    }

    /// Starts gathering `kind` unless it is already being gathered: strokes or fills what was.
    /// True if a new path was begun (its style is then the caller's to set).
    fn gather(&mut self, kind: Pending) -> bool {
        if self.pending == Some(kind) {
            return false;
        }
        self.flush();
        self.context.begin_path();
        self.pending = Some(kind);
        true
    }

    /// Adds a line through `points` to the pending path, first stroking a pending path of
    /// another colour or width. False, adding nothing, for a translucent style.
    fn extend<S: BackendStyle>(&mut self, points: impl IntoIterator<Item = (f64, f64)>, style: &S) -> bool {
        let color = style.color();
        if color.alpha < 1.0 {
            return false;
        }
        if self.gather(Pending::Lines(color.rgb, style.stroke_width())) {
            let (r, g, b) = color.rgb;
            self.context.set_stroke_style_str(&format!("rgb({r},{g},{b})"));
            self.context.set_line_width(f64::from(style.stroke_width()));
        }
        let mut points = points.into_iter();
        if let Some((x, y)) = points.next() {
            self.context.move_to(x, y);
            for (x, y) in points {
                self.context.line_to(x, y);
            }
        }
        true
    }
}

impl Drop for Surface {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Moves a horizontal or vertical line by half a pixel, so that a 1-pixel line covers one row or
/// column of pixels instead of two half-covered ones (as `plotters_canvas` does).
fn crisp(from: BackendCoord, to: BackendCoord) -> [(f64, f64); 2] {
    let (mut from, mut to) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if from.0 == to.0 {
        from.0 -= 0.5;
        to.0 -= 0.5;
    }
    if from.1 == to.1 {
        from.1 -= 0.5;
        to.1 -= 0.5;
    }
    [from, to]
}

type Drawing = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

impl DrawingBackend for Surface {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Drawing> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Drawing> {
        self.flush();
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Drawing> {
        self.flush();
        self.text.get_mut().fill = None;
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Drawing> {
        if style.color().alpha == 0.0 || self.extend(crisp(from, to), style) {
            return Ok(());
        }
        self.flush();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Drawing> {
        self.flush();
        self.text.get_mut().fill = None;
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Drawing> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let points: Vec<BackendCoord> = path.into_iter().collect();
        if self.extend(points.iter().map(|&(x, y)| (f64::from(x), f64::from(y))), style) {
            return Ok(());
        }
        self.flush();
        self.inner.draw_path(points, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Drawing> {
        let color = style.color();
        // Opaque discs of one colour (a scatter of points) are filled as one path.
        if fill && color.alpha >= 1.0 {
            if self.gather(Pending::Discs(color.rgb)) {
                let (r, g, b) = color.rgb;
                self.context.set_fill_style_str(&format!("rgb({r},{g},{b})"));
                self.text.get_mut().fill = None;
            }
            let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
            self.context.move_to(x + r, y);
            return self
                .context
                .arc(x, y, r, 0.0, std::f64::consts::TAU)
                .map_err(canvas_error);
        }
        self.flush();
        self.text.get_mut().fill = None;
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Drawing> {
        self.flush();
        self.text.get_mut().fill = None;
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), Drawing> {
        self.flush();
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let quarter_turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        // Rotated text is drawn between save and restore, which puts the settings back after.
        let before = (quarter_turns != 0.0).then(|| self.text.get_mut().clone());
        if before.is_some() {
            self.context.save();
            self.context.translate(x, y).map_err(canvas_error)?;
            self.context
                .rotate(quarter_turns * std::f64::consts::FRAC_PI_2)
                .map_err(canvas_error)?;
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let state = self.text.get_mut();
        if state.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            state.baseline = Some(baseline);
        }
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if state.align != Some(align) {
            self.context.set_text_align(align);
            state.align = Some(align);
        }
        let (r, g, b) = color.rgb;
        let fill = (r, g, b, color.alpha.to_bits());
        if state.fill != Some(fill) {
            self.context.set_fill_style_str(&css_colour(color));
            state.fill = Some(fill);
        }
        let font = self.font_of(style);
        self.use_font(font);
        let drawn = self.context.fill_text(text, x, y).map_err(canvas_error);
        if let Some(before) = before {
            self.context.restore();
            *self.text.get_mut() = before;
        }
        drawn
    }

    /// The text's width from `measureText` in the font `draw_text` will use; its height is the
    /// font's ascent plus descent (1.2 em where the browser does not report them).
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), Drawing> {
        let size = style.size();
        let font = self.font_of(style);
        let mut key = String::with_capacity(font.len() + text.len() + 1);
        key.push_str(&font);
        key.push('\u{1f}');
        key.push_str(text);
        if let Some(&known) = self.measured.borrow().get(&key) {
            return Ok(known);
        }
        self.use_font(font);
        let metrics = self.context.measure_text(text).map_err(canvas_error)?;
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        let height = if height.is_finite() && height > 0.0 {
            height
        } else {
            1.2 * size
        };
        let pixels = |v: f64| {
            if v.is_finite() && v > 0.0 {
                v.ceil().min(1e6) as u32
            } else {
                0
            }
        };
        let measured = (pixels(metrics.width()), pixels(height));
        let mut known = self.measured.borrow_mut();
        if known.len() >= MAX_MEASURED {
            known.clear();
        }
        known.insert(key, measured);
        Ok(measured)
    }
}

/// A failed canvas call as a drawing error.
fn canvas_error(e: wasm_bindgen::JsValue) -> Drawing {
    DrawingErrorKind::FontError(format!("{e:?}").into())
}

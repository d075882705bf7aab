//! One backend type for both targets: plotters' SVG backend, or another one (the browser's
//! canvas). Drawing through [`Either`] compiles the panel-drawing code once instead of once per
//! backend, which keeps the wasm smaller; a backend call costs one `match` more.

use std::error::Error;
use std::fmt;

use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// Plotters' SVG backend, or another backend `C`.
pub enum Either<'a, C> {
    /// SVG, written into a string.
    Svg(SVGBackend<'a>),
    /// The other backend.
    Other(C),
}

/// A failure of either backend, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct BackendError(pub String);

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Error for BackendError {}

type Drawing = DrawingErrorKind<BackendError>;

fn convert<E: Error + Send + Sync>(e: DrawingErrorKind<E>) -> Drawing {
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(BackendError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls the same method on whichever backend this is, converting its error.
macro_rules! both {
    ($self:ident, $backend:ident => $call:expr) => {
        match $self {
            Either::Svg($backend) => $call.map_err(convert),
            Either::Other($backend) => $call.map_err(convert),
        }
    };
}

impl<C: DrawingBackend> DrawingBackend for Either<'_, C> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Either::Svg(b) => b.get_size(),
            Either::Other(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), Drawing> {
        both!(self, b => b.ensure_prepared())
    }

    /// Presents the canvas. The SVG document is finished once, when the backend is dropped:
    /// plotters' SVG `present` closes the root element, so a panel drawn after another (the
    /// 2 × 2 export) would land outside the document.
    fn present(&mut self) -> Result<(), Drawing> {
        match self {
            Either::Svg(_) => Ok(()),
            Either::Other(b) => b.present().map_err(convert),
        }
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Drawing> {
        both!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Drawing> {
        both!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Drawing> {
        both!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Drawing> {
        both!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Drawing> {
        both!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Drawing> {
        both!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), Drawing> {
        both!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), Drawing> {
        both!(self, b => b.estimate_text_size(text, style))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Drawing> {
        both!(self, b => b.blit_bitmap(pos, size, src))
    }
}

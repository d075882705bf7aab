//! The state fields, each described once: its name in a patch and in the state, its URL key and
//! attribute, its kind (range or choices, and how a value is clamped), its default, how much
//! work a change costs, and the label and help text of its control. Everything else reads this
//! table: decoding a patch ([`super::Patch`]), the URL and link ([`super::url`]), the light and
//! heavy split of the worker hand-over, the attributes, and the schema the element builds its
//! controls from ([`schema_json`]).
//!
//! Adding a field: one row here, a slot in [`Patch`] (the row's `set` writes it), the code that
//! uses it, and its place in [`super::StateView`] (a test checks that the table and the view
//! agree, another that the defaults are the opening state's).

use serde_json::{json, Map, Value};

use super::patch::Patch;
use super::view::{RegionChoice, Q_RANGE};
use super::{
    Mode, DEFAULT_ALPHA, DEFAULT_LAMBDA, DEFAULT_PRESET, MAX_FOLDS, MAX_NOISE, MAX_SAMPLE, MAX_TEST_FRACTION,
    MIN_SAMPLE,
};
use crate::core::cv::DEFAULT_FOLDS;
use crate::core::data::ParseOptions;
use crate::core::features::MAX_DEGREE;
use crate::core::model::{Penalty, ALPHA_RANGE};
use crate::core::presets::{Preset, PRESETS};
use crate::scene::{Lens, PathAxis};

/// How much work a change of a field costs, which decides whether it goes to the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// A λ or view change: it refits at most one point.
    Light,
    /// A new model, path or cross-validation.
    Heavy,
    /// New data.
    Data,
}

impl Weight {
    /// 'light', 'heavy' or 'data'.
    pub fn name(self) -> &'static str {
        match self {
            Weight::Light => "light",
            Weight::Heavy => "heavy",
            Weight::Data => "data",
        }
    }
}

/// How a slider for a number moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Evenly in the value.
    Linear,
    /// Evenly in the value's logarithm.
    Log,
}

/// The range of a number and how a value outside it is brought in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// Clamped into [min, max] (integers are rounded first).
    Within(f64, f64),
    /// Its magnitude, at most this (a seed: −3 is 3).
    Magnitude(f64),
    /// Kept inside a range the data gives, when the patch applies (λ: the grid's range).
    FromData,
}

impl Range {
    /// A finite value brought into the range (rounded when `integer`).
    pub fn clamp(self, value: f64, integer: bool) -> f64 {
        let rounded = if integer { value.round() } else { value };
        match self {
            Range::Within(min, max) => rounded.clamp(min, max),
            Range::Magnitude(max) => rounded.abs().min(max),
            Range::FromData => rounded,
        }
    }

    /// The smallest and largest value, where the table knows them.
    pub fn bounds(self) -> Option<(f64, f64)> {
        match self {
            Range::Within(min, max) => Some((min, max)),
            Range::Magnitude(max) => Some((0.0, max)),
            Range::FromData => None,
        }
    }

    /// 'range', 'magnitude' or 'data': how a value is clamped.
    pub fn name(self) -> &'static str {
        match self {
            Range::Within(..) => "range",
            Range::Magnitude(_) => "magnitude",
            Range::FromData => "data",
        }
    }
}

/// One choice of a field: its value in the state and its label in the control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The value in the state, the URL and attributes.
    pub value: &'static str,
    /// What the control shows.
    pub label: &'static str,
}

const fn choice(value: &'static str, label: &'static str) -> Choice {
    Choice { value, label }
}

/// A field's kind: what values it takes, and where a decoded value goes in a [`Patch`].
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A whole number (rounded, then clamped).
    Integer {
        /// Its range.
        range: Range,
        /// Stores a decoded value.
        set: fn(&mut Patch, f64),
    },
    /// A finite number.
    Number {
        /// Its range.
        range: Range,
        /// A slider's step (None: continuous, or the slider maps positions).
        step: Option<f64>,
        /// A slider's scale.
        scale: Scale,
        /// Stores a decoded value.
        set: fn(&mut Patch, f64),
    },
    /// One of a few words.
    Choice {
        /// The words and their labels.
        choices: &'static [Choice],
        /// Stores a decoded value (one of `choices`).
        set: fn(&mut Patch, &'static str),
    },
    /// True or false.
    Flag {
        /// Stores a decoded value.
        set: fn(&mut Patch, bool),
    },
    /// Free text (the pasted data).
    Text {
        /// Stores a decoded value.
        set: fn(&mut Patch, String),
    },
    /// A column of the data, by name.
    Column {
        /// Stores a decoded value.
        set: fn(&mut Patch, String),
    },
    /// A list of column names.
    Names {
        /// Stores a decoded value.
        set: fn(&mut Patch, Vec<String>),
    },
    /// Two different feature names, or null for the default pair.
    Pair {
        /// Stores a decoded value.
        set: fn(&mut Patch, Option<(String, String)>),
    },
    /// A shipped data set, by name.
    Preset {
        /// Stores a decoded value.
        set: fn(&mut Patch, &'static Preset),
    },
    /// How pasted text is read: {delimiter, decimal, header}.
    DataOptions {
        /// Stores a decoded value.
        set: fn(&mut Patch, ParseOptions),
    },
}

impl Kind {
    /// The kind's name in the schema.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Integer { .. } => "integer",
            Kind::Number { .. } => "number",
            Kind::Choice { .. } => "choice",
            Kind::Flag { .. } => "flag",
            Kind::Text { .. } => "text",
            Kind::Column { .. } => "column",
            Kind::Names { .. } => "names",
            Kind::Pair { .. } => "pair",
            Kind::Preset { .. } => "preset",
            Kind::DataOptions { .. } => "dataOptions",
        }
    }

    /// The range of a number or integer.
    pub fn range(&self) -> Option<Range> {
        match self {
            Kind::Integer { range, .. } | Kind::Number { range, .. } => Some(*range),
            _ => None,
        }
    }

    /// Whether values are lists of names (written comma-joined, or as JSON when a name holds a
    /// comma).
    pub fn is_list(&self) -> bool {
        matches!(self, Kind::Names { .. } | Kind::Pair { .. })
    }
}

/// A field's value when the explorer opens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Initial {
    /// A number.
    Number(f64),
    /// A word (a choice or a preset's name).
    Word(&'static str),
    /// True or false.
    Flag(bool),
    /// Null: none (no pasted data; the default geometry pair).
    Null,
    /// The data gives it (the columns, a synthetic preset's sample size).
    FromData,
}

impl Initial {
    /// As JSON (null where the data gives it).
    pub fn to_json(self) -> Value {
        match self {
            Initial::Number(v) => json!(v),
            Initial::Word(w) => json!(w),
            Initial::Flag(b) => json!(b),
            Initial::Null | Initial::FromData => Value::Null,
        }
    }
}

/// One state field, described once.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The name in a patch and in the state (camelCase).
    pub name: &'static str,
    /// The key in a link's query (short; kept so that old links still read), if links carry it.
    pub url: Option<&'static str>,
    /// The element's attribute (kebab-case), if it has one.
    pub attribute: Option<&'static str>,
    /// What values it takes and where they go.
    pub kind: Kind,
    /// Its value when the explorer opens.
    pub initial: Initial,
    /// How much work a change costs.
    pub weight: Weight,
    /// The control's label.
    pub label: &'static str,
    /// One line of help.
    pub help: &'static str,
    /// The author control block (see [`CONTROLS`]) that shows it, if one does.
    pub control: Option<&'static str>,
}

impl Field {
    /// The field's entry in the schema (see [`schema_json`]).
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("name".into(), json!(self.name));
        out.insert("url".into(), json!(self.url));
        out.insert("attribute".into(), json!(self.attribute));
        out.insert("kind".into(), json!(self.kind.name()));
        match &self.kind {
            Kind::Integer { range, .. } | Kind::Number { range, .. } => {
                let (min, max) = range.bounds().unzip();
                let (step, scale) = match &self.kind {
                    Kind::Number { step, scale, .. } => (*step, *scale),
                    _ => (Some(1.0), Scale::Linear),
                };
                out.insert("min".into(), json!(min));
                out.insert("max".into(), json!(max));
                out.insert("step".into(), json!(step));
                out.insert(
                    "scale".into(),
                    json!(match scale {
                        Scale::Linear => "linear",
                        Scale::Log => "log",
                    }),
                );
                out.insert("clamp".into(), json!(range.name()));
            }
            Kind::Choice { choices, .. } => {
                out.insert("choices".into(), choices_json(choices));
                let widget = if RADIOS.contains(&self.name) {
                    "radios"
                } else {
                    "select"
                };
                out.insert("widget".into(), json!(widget));
            }
            Kind::Preset { .. } => {
                let presets: Vec<Value> = PRESETS
                    .iter()
                    .map(|p| json!({"value": p.name, "label": p.label}))
                    .collect();
                out.insert("choices".into(), Value::Array(presets));
            }
            Kind::DataOptions { .. } => {
                let parts: Map<String, Value> = DATA_OPTIONS
                    .iter()
                    .map(|part| (part.key.to_string(), choices_json(part.choices)))
                    .collect();
                out.insert("choices".into(), Value::Object(parts));
            }
            Kind::Flag { .. } | Kind::Text { .. } | Kind::Column { .. } | Kind::Names { .. } | Kind::Pair { .. } => {}
        }
        out.insert("default".into(), self.initial.to_json());
        out.insert("defaultFromData".into(), json!(self.initial == Initial::FromData));
        out.insert("weight".into(), json!(self.weight.name()));
        out.insert("label".into(), json!(self.label));
        out.insert("help".into(), json!(self.help));
        out.insert("control".into(), json!(self.control));
        Value::Object(out)
    }
}

fn choices_json(choices: &[Choice]) -> Value {
    Value::Array(
        choices
            .iter()
            .map(|c| json!({"value": c.value, "label": c.label}))
            .collect(),
    )
}

/// The value among `all` whose name is `name`.
fn named<T: Copy>(all: &[T], name: &str, name_of: fn(T) -> &'static str) -> Option<T> {
    all.iter().copied().find(|t| name_of(*t) == name)
}

/// Choice fields shown as radio buttons rather than a menu: few choices, switched often in a
/// lecture, all visible at once.
const RADIOS: &[&str] = &["penalty"];

/// Every state field, in the order a patch applies them (the data first).
pub static FIELDS: &[Field] = &[
    Field {
        name: "preset",
        url: Some("preset"),
        attribute: Some("preset"),
        kind: Kind::Preset {
            set: |p, v| p.preset = Some(v),
        },
        initial: Initial::Word(DEFAULT_PRESET),
        weight: Weight::Data,
        label: "Data",
        help: "A shipped data set, with what it teaches.",
        control: Some("data"),
    },
    Field {
        name: "data",
        url: None,
        attribute: None,
        kind: Kind::Text {
            set: |p, v| p.data = Some(v),
        },
        initial: Initial::Null,
        weight: Weight::Data,
        label: "Data (from a spreadsheet, a CSV file or a textbook)",
        help: "Two or more columns of numbers, pasted or from a file; a header row names them.",
        control: Some("paste"),
    },
    Field {
        name: "dataOptions",
        url: None,
        attribute: None,
        kind: Kind::DataOptions {
            set: |p, v| p.data_options = Some(v),
        },
        initial: Initial::Null,
        weight: Weight::Data,
        label: "Reading the text",
        help: "The delimiter, the decimal mark and whether the first row is a header; detected unless chosen.",
        control: Some("paste"),
    },
    Field {
        name: "mode",
        url: Some("mode"),
        attribute: Some("mode"),
        kind: Kind::Choice {
            choices: &[
                choice("polynomial", "polynomial in one x"),
                choice("columns", "several columns"),
            ],
            set: |p, v| p.mode = named(&[Mode::Polynomial, Mode::Columns], v, Mode::name),
        },
        initial: Initial::Word("polynomial"),
        weight: Weight::Heavy,
        label: "Model",
        help: "A polynomial in one x column, or a linear model on several columns.",
        control: Some("columns"),
    },
    Field {
        name: "x",
        url: Some("x"),
        attribute: Some("x"),
        kind: Kind::Column {
            set: |p, v| p.x = Some(v),
        },
        initial: Initial::FromData,
        weight: Weight::Heavy,
        label: "x",
        help: "The column the polynomial is in.",
        control: Some("columns"),
    },
    Field {
        name: "y",
        url: Some("y"),
        attribute: Some("y"),
        kind: Kind::Column {
            set: |p, v| p.y = Some(v),
        },
        initial: Initial::FromData,
        weight: Weight::Heavy,
        label: "y (response)",
        help: "The column the model predicts.",
        control: Some("columns"),
    },
    Field {
        name: "features",
        url: Some("f"),
        attribute: Some("features"),
        kind: Kind::Names {
            set: |p, v| p.features = Some(v),
        },
        initial: Initial::FromData,
        weight: Weight::Heavy,
        label: "Feature columns",
        help: "The columns a linear model uses (several-columns mode).",
        control: Some("columns"),
    },
    Field {
        name: "degree",
        url: Some("d"),
        attribute: Some("degree"),
        kind: Kind::Integer {
            range: Range::Within(1.0, MAX_DEGREE as f64),
            set: |p, v| p.degree = Some(v as usize),
        },
        initial: Initial::Number(9.0),
        weight: Weight::Heavy,
        label: "Polynomial degree",
        help: "The highest power of x: features z, z², …, z^d of x mapped onto [−1, 1].",
        control: Some("degree"),
    },
    Field {
        name: "penalty",
        url: Some("p"),
        attribute: Some("penalty"),
        kind: Kind::Choice {
            choices: &[
                choice("ols", "OLS"),
                choice("ridge", "Ridge"),
                choice("lasso", "Lasso"),
                choice("elasticnet", "Elastic net"),
            ],
            set: |p, v| p.penalty = Penalty::from_name(v).ok(),
        },
        initial: Initial::Word("ridge"),
        weight: Weight::Heavy,
        label: "Penalty",
        help: "Least squares alone, or with an L2 (ridge), L1 (lasso) or mixed (elastic net) penalty.",
        control: Some("penalty"),
    },
    Field {
        name: "lambda",
        url: Some("l"),
        attribute: Some("lambda"),
        kind: Kind::Number {
            range: Range::FromData,
            step: None,
            scale: Scale::Log,
            set: |p, v| p.lambda = Some(v),
        },
        initial: Initial::Number(DEFAULT_LAMBDA),
        weight: Weight::Light,
        label: "λ (log scale)",
        help: "The penalty's strength, kept inside the path's grid.",
        control: Some("lambda"),
    },
    Field {
        name: "alpha",
        url: Some("a"),
        attribute: Some("alpha"),
        kind: Kind::Number {
            range: Range::Within(ALPHA_RANGE.0, ALPHA_RANGE.1),
            step: Some(0.01),
            scale: Scale::Linear,
            set: |p, v| p.alpha = Some(v),
        },
        initial: Initial::Number(DEFAULT_ALPHA),
        weight: Weight::Heavy,
        label: "α (L1 share)",
        help: "The elastic net's mix: 1 is the lasso, 0 ridge.",
        control: Some("alpha"),
    },
    Field {
        name: "folds",
        url: Some("k"),
        attribute: Some("folds"),
        kind: Kind::Integer {
            range: Range::Within(2.0, MAX_FOLDS as f64),
            set: |p, v| p.folds = Some(v as usize),
        },
        initial: Initial::Number(DEFAULT_FOLDS as f64),
        weight: Weight::Heavy,
        label: "Cross-validation folds",
        help: "K of K-fold cross-validation, which picks λ_min and λ_1se.",
        control: Some("cv"),
    },
    Field {
        name: "testFraction",
        url: Some("tf"),
        attribute: Some("test-fraction"),
        kind: Kind::Number {
            range: Range::Within(0.0, MAX_TEST_FRACTION),
            step: Some(0.05),
            scale: Scale::Linear,
            set: |p, v| p.test_fraction = Some(v),
        },
        initial: Initial::Number(0.0),
        weight: Weight::Heavy,
        label: "Test share",
        help: "The share of rows held out for testing, when the data has no train column.",
        control: None,
    },
    Field {
        name: "seed",
        url: Some("seed"),
        attribute: Some("seed"),
        kind: Kind::Integer {
            range: Range::Magnitude(u32::MAX as f64),
            set: |p, v| p.seed = Some(v as u64),
        },
        initial: Initial::Number(0.0),
        weight: Weight::Heavy,
        label: "Seed",
        help: "Seeds the held-out rows and the synthetic samples: a new seed draws a new sample.",
        control: None,
    },
    Field {
        name: "n",
        url: Some("n"),
        attribute: Some("n"),
        kind: Kind::Integer {
            range: Range::Within(MIN_SAMPLE as f64, MAX_SAMPLE as f64),
            set: |p, v| p.n = Some(v as usize),
        },
        initial: Initial::FromData,
        weight: Weight::Heavy,
        label: "Points n",
        help: "How many points a synthetic data set draws.",
        control: Some("sample"),
    },
    Field {
        name: "noise",
        url: Some("noise"),
        attribute: Some("noise"),
        kind: Kind::Number {
            range: Range::Within(0.0, MAX_NOISE),
            step: Some(0.01),
            scale: Scale::Linear,
            set: |p, v| p.noise = Some(v),
        },
        initial: Initial::FromData,
        weight: Weight::Heavy,
        label: "Noise σ",
        help: "The standard deviation of the noise a synthetic data set adds to its true function.",
        control: Some("sample"),
    },
    Field {
        name: "pathAxis",
        url: Some("axis"),
        attribute: Some("path-axis"),
        kind: Kind::Choice {
            choices: &[
                choice("lambda", "log λ"),
                choice("s", "shrinkage s"),
                choice("df", "df"),
            ],
            set: |p, v| p.path_axis = PathAxis::from_name(v),
        },
        initial: Initial::Word("lambda"),
        weight: Weight::Light,
        label: "Path x-axis",
        help: "What the coefficient paths are drawn against: log λ, the shrinkage ‖w‖₁/‖w_OLS‖₁, or df.",
        control: Some("path-axis"),
    },
    Field {
        name: "pair",
        url: Some("pair"),
        attribute: Some("pair"),
        kind: Kind::Pair {
            set: |p, v| p.pair = Some(v),
        },
        initial: Initial::Null,
        weight: Weight::Light,
        label: "Geometry pair",
        help: "The two coefficients the geometry panel shows (none chosen: the first two to enter the lasso path, the same under every penalty).",
        control: Some("pair"),
    },
    Field {
        name: "lens",
        url: Some("lens"),
        attribute: Some("lens"),
        kind: Kind::Choice {
            choices: &[
                choice("constrained", "constrained"),
                choice("penalized", "penalized"),
                choice("bayesian", "Bayesian (MAP)"),
            ],
            set: |p, v| p.lens = Lens::from_name(v),
        },
        initial: Initial::Word("constrained"),
        weight: Weight::Light,
        label: "Geometry lens",
        help: "The same estimate seen as a constrained fit, a penalized fit or a posterior mode.",
        control: Some("lens"),
    },
    Field {
        name: "region",
        url: Some("region"),
        attribute: Some("region"),
        kind: Kind::Choice {
            choices: &[choice("penalty", "the penalty’s region"), choice("lq", "an Lq ball")],
            set: |p, v| p.region = named(&[RegionChoice::Penalty, RegionChoice::Lq], v, RegionChoice::name),
        },
        initial: Initial::Word("penalty"),
        weight: Weight::Light,
        label: "Geometry region",
        help: "The constraint region drawn: the penalty's own, or an Lq ball.",
        control: Some("region"),
    },
    Field {
        name: "q",
        url: Some("q"),
        attribute: Some("q"),
        kind: Kind::Number {
            range: Range::Within(Q_RANGE.0, Q_RANGE.1),
            step: Some(0.05),
            scale: Scale::Linear,
            set: |p, v| p.q = Some(v),
        },
        initial: Initial::Number(0.5),
        weight: Weight::Light,
        label: "q of the Lq ball",
        help: "The ball ‖w‖_q ≤ t: q = 1 is the lasso's diamond, q = 2 ridge's disk; below 1 it is not convex.",
        control: Some("region"),
    },
    Field {
        name: "showTest",
        url: Some("test"),
        attribute: Some("show-test"),
        kind: Kind::Flag {
            set: |p, v| p.show_test = Some(v),
        },
        initial: Initial::Flag(false),
        weight: Weight::Light,
        label: "test points",
        help: "Draw the test points on the fit panel.",
        control: Some("fit-options"),
    },
    Field {
        name: "showTruth",
        url: Some("truth"),
        attribute: Some("show-truth"),
        kind: Kind::Flag {
            set: |p, v| p.show_truth = Some(v),
        },
        initial: Initial::Flag(true),
        weight: Weight::Light,
        label: "true function",
        help: "Draw a synthetic data set's true function on the fit panel.",
        control: Some("fit-options"),
    },
    Field {
        name: "showOls",
        url: Some("ols"),
        attribute: Some("show-ols"),
        kind: Kind::Flag {
            set: |p, v| p.show_ols = Some(v),
        },
        initial: Initial::Flag(true),
        weight: Weight::Light,
        label: "OLS curve",
        help: "Draw the unpenalized least-squares fit, faintly, for contrast.",
        control: Some("fit-options"),
    },
    Field {
        name: "showResamples",
        url: Some("rs"),
        attribute: Some("show-resamples"),
        kind: Kind::Flag {
            set: |p, v| p.show_resamples = Some(v),
        },
        initial: Initial::Flag(false),
        weight: Weight::Heavy,
        label: "20 fits to fresh samples (bias and variance)",
        help: "Fit 20 fresh samples of a synthetic data set, and split the error into bias², variance and noise.",
        control: Some("fit-options"),
    },
    Field {
        name: "showLegend",
        url: Some("legend"),
        attribute: Some("show-legend"),
        kind: Kind::Flag {
            set: |p, v| p.show_legend = Some(v),
        },
        initial: Initial::Flag(true),
        weight: Weight::Light,
        label: "legends",
        help: "Draw the legend box on the panels that have one.",
        control: Some("fit-options"),
    },
];

/// The field named `name` in a patch or the state.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The field whose element attribute is `attribute`.
pub fn by_attribute(attribute: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.attribute == Some(attribute))
}

/// The field whose link key is `key`.
pub fn by_url(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.url == Some(key))
}

/// The first field of a kind (`Kind::name`), for messages about a kind that one field has.
pub(super) fn name_of_kind(kind: &'static str) -> &'static str {
    FIELDS.iter().find(|f| f.kind.name() == kind).map_or(kind, |f| f.name)
}

/// One part of the reading options: its key and its choices, 'auto' (detect) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionPart {
    /// The key in `dataOptions`.
    pub key: &'static str,
    /// 'auto' and the choices, with the labels of the paste box's menus.
    pub choices: &'static [Choice],
}

/// The reading options of pasted text, in the order a link's `dopt` lists them.
pub const DATA_OPTIONS: [OptionPart; 3] = [
    OptionPart {
        key: "delimiter",
        choices: &[
            choice("auto", "delimiter: detect"),
            choice("tab", "tab"),
            choice("semicolon", "semicolon"),
            choice("comma", "comma"),
            choice("spaces", "spaces"),
        ],
    },
    OptionPart {
        key: "decimal",
        choices: &[
            choice("auto", "decimal mark: detect"),
            choice("point", "point 1.5"),
            choice("comma", "comma 1,5"),
        ],
    },
    OptionPart {
        key: "header",
        choices: &[
            choice("auto", "header: detect"),
            choice("yes", "first row is a header"),
            choice("no", "no header"),
        ],
    },
];

/// The author control blocks an element's `controls` attribute shows and `locked` locks, with
/// the labels of the share box.
pub const CONTROLS: &[Choice] = &[
    choice("data", "data set"),
    choice("paste", "paste or load data"),
    choice("points", "edit the points"),
    choice("sample", "sample size and noise"),
    choice("columns", "columns"),
    choice("penalty", "penalty"),
    choice("lambda", "λ"),
    choice("alpha", "α"),
    choice("degree", "degree"),
    choice("cv", "λ_min and λ_1se"),
    choice("history", "undo and redo"),
    choice("fit-options", "fit panel options"),
    choice("path-axis", "path x-axis"),
    choice("lens", "geometry lens"),
    choice("region", "geometry region"),
    choice("pair", "geometry pair"),
    choice("share", "share and embed"),
    choice("export", "export"),
    choice("heading", "heading and caption"),
    choice("toolbar", "tools (sweep, lesson, presenter…)"),
    choice("table", "coefficient table and summary"),
];

/// The looks of the panels and page (`plot::Theme` draws them).
pub const THEMES: &[&str] = &["light", "dark", "presenter"];

/// The schema the element builds its controls, attributes and links from: every field, the
/// control blocks, the themes and the link's own keys.
pub fn schema_json() -> Value {
    let link = super::url::LINK_KEYS;
    json!({
        "version": super::URL_VERSION,
        "fields": FIELDS.iter().map(Field::to_json).collect::<Vec<_>>(),
        "controls": CONTROLS.iter().map(|c| json!({"name": c.value, "label": c.label})).collect::<Vec<_>>(),
        "themes": THEMES,
        "link": {
            "version": link.version,
            "data": link.data,
            "dataOptions": link.data_options,
            "controls": link.controls,
            "locked": link.locked,
            "theme": link.theme,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn distinct<'a>(what: &str, items: impl IntoIterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for item in items {
            assert!(seen.insert(item), "{what}: {item:?} twice");
        }
    }

    #[test]
    fn names_keys_and_attributes_are_distinct_and_link_keys_do_not_collide() {
        distinct("names", FIELDS.iter().map(|f| f.name));
        distinct("attributes", FIELDS.iter().filter_map(|f| f.attribute));
        let link = super::super::url::LINK_KEYS;
        let own = [
            link.version,
            link.data,
            link.data_options,
            link.controls,
            link.locked,
            link.theme,
        ];
        distinct("url keys", FIELDS.iter().filter_map(|f| f.url).chain(own));
        // The element's own attributes are not fields.
        distinct(
            "attributes and the element's own",
            FIELDS.iter().filter_map(|f| f.attribute).chain([
                "controls",
                "locked",
                "theme",
                "height",
                "lesson",
                "url-state",
            ]),
        );
    }

    #[test]
    fn every_control_block_is_known_and_every_theme_draws() {
        let blocks: HashSet<&str> = CONTROLS.iter().map(|c| c.value).collect();
        for field in FIELDS {
            if let Some(control) = field.control {
                assert!(blocks.contains(control), "{}: {control}", field.name);
            }
        }
        for theme in THEMES {
            assert!(crate::plot::Theme::from_name(theme).is_some(), "{theme}");
        }
    }

    #[test]
    fn every_field_has_a_label_and_help() {
        for field in FIELDS {
            assert!(!field.label.is_empty() && field.help.ends_with('.'), "{}", field.name);
        }
    }

    #[test]
    fn the_schema_gives_ranges_choices_and_defaults() {
        let schema = schema_json();
        let fields = schema["fields"].as_array().unwrap();
        assert_eq!(fields.len(), FIELDS.len());
        let get = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap().clone();
        let check = |name: &str, expected: Value| {
            let field = get(name);
            for (key, value) in expected.as_object().unwrap() {
                assert_eq!(&field[key], value, "{name}.{key}");
            }
        };
        check(
            "degree",
            json!({"url": "d", "attribute": "degree", "kind": "integer", "min": 1.0, "max": 20.0, "step": 1.0,
                   "scale": "linear", "default": 9.0, "weight": "heavy", "label": "Polynomial degree", "control": "degree"}),
        );
        check(
            "lambda",
            json!({"url": "l", "kind": "number", "scale": "log", "min": null, "max": null, "step": null,
                   "default": 0.001, "weight": "light", "clamp": "data"}),
        );
        check(
            "n",
            json!({"kind": "integer", "min": 5.0, "max": 2000.0, "default": null, "defaultFromData": true}),
        );
        check("noise", json!({"kind": "number", "min": 0.0, "max": 2.0}));
        check("seed", json!({"kind": "integer", "min": 0.0, "clamp": "magnitude"}));
        check(
            "showTest",
            json!({"kind": "flag", "default": false, "weight": "light", "control": "fit-options", "attribute": "show-test"}),
        );
        check(
            "showLegend",
            json!({"kind": "flag", "default": true, "url": "legend", "attribute": "show-legend"}),
        );
        check("features", json!({"kind": "names", "url": "f"}));
        check(
            "pair",
            json!({"kind": "pair", "default": null, "defaultFromData": false}),
        );
        check("x", json!({"kind": "column"}));
        check("preset", json!({"kind": "preset", "weight": "data", "default": "sin"}));
        check(
            "data",
            json!({"kind": "text", "url": null, "attribute": null, "weight": "data"}),
        );
        check(
            "dataOptions",
            json!({"kind": "dataOptions", "weight": "data", "url": null}),
        );
        assert_eq!(
            get("penalty")["choices"][3],
            json!({"value": "elasticnet", "label": "Elastic net"})
        );
        assert_eq!(
            get("dataOptions")["choices"]["delimiter"][0],
            json!({"value": "auto", "label": "delimiter: detect"})
        );
        assert_eq!(get("preset")["choices"].as_array().unwrap().len(), PRESETS.len());
        assert_eq!(schema["controls"][0], json!({"name": "data", "label": "data set"}));
        assert_eq!(schema["themes"], json!(["light", "dark", "presenter"]));
        assert_eq!(
            schema["link"],
            json!({"version": "v", "data": "data", "dataOptions": "dopt", "controls": "controls", "locked": "locked", "theme": "theme"})
        );
        assert_eq!(schema["version"], json!(1));
    }
}

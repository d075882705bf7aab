//! A state patch, typed: decoded from JSON by the field table ([`super::fields::FIELDS`]), one
//! decoder per kind, and checked whole before anything applies. Also the element's attributes,
//! which are text: read into a patch and written from the state, by the same table.

use serde_json::{Map, Number, Value};

use super::dataset::Mode;
use super::fields::{field, Field, Kind, DATA_OPTIONS, FIELDS};
use super::view::RegionChoice;
use super::{field_error, AppError};
use crate::core::data::{DecimalMark, Delimiter, ParseOptions};
use crate::core::model::Penalty;
use crate::core::presets::{self, Preset, PRESETS};
use crate::scene::{Lens, PathAxis};

/// A state change: each field that is `Some` changes, the rest stay. Values are as the table
/// leaves them: checked, and clamped where the table gives a range (λ is clamped to its grid
/// when the patch applies). Build one with [`Patch::from_json`], or directly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    /// A shipped data set.
    pub preset: Option<&'static Preset>,
    /// Pasted text.
    pub data: Option<String>,
    /// How the pasted text is read (re-reads the current text when given alone).
    pub data_options: Option<ParseOptions>,
    /// Polynomial or columns.
    pub mode: Option<Mode>,
    /// The x column.
    pub x: Option<String>,
    /// The response column (given alone, it leaves the features).
    pub y: Option<String>,
    /// The feature columns.
    pub features: Option<Vec<String>>,
    /// The polynomial degree.
    pub degree: Option<usize>,
    /// The penalty.
    pub penalty: Option<Penalty>,
    /// λ.
    pub lambda: Option<f64>,
    /// α.
    pub alpha: Option<f64>,
    /// Cross-validation folds.
    pub folds: Option<usize>,
    /// The held-out share.
    pub test_fraction: Option<f64>,
    /// The seed.
    pub seed: Option<u64>,
    /// A synthetic preset's sample size.
    pub n: Option<usize>,
    /// A synthetic preset's noise.
    pub noise: Option<f64>,
    /// The path panel's x-axis.
    pub path_axis: Option<PathAxis>,
    /// The geometry pair: `Some(None)` goes back to the default pair.
    pub pair: Option<Option<(String, String)>>,
    /// The geometry lens.
    pub lens: Option<Lens>,
    /// The geometry region.
    pub region: Option<RegionChoice>,
    /// q of the Lq ball.
    pub q: Option<f64>,
    /// Test points on the fit panel.
    pub show_test: Option<bool>,
    /// The true function on the fit panel.
    pub show_truth: Option<bool>,
    /// The OLS curve on the fit panel.
    pub show_ols: Option<bool>,
    /// Resampled fits and the bias–variance panel.
    pub show_resamples: Option<bool>,
    /// Legend boxes on the panels.
    pub show_legend: Option<bool>,
}

/// One field's value as its kind's decoder reads it.
#[derive(Debug, Clone, PartialEq)]
enum Decoded {
    Number(f64),
    Choice(&'static str),
    Flag(bool),
    Text(String),
    Names(Vec<String>),
    Pair(Option<(String, String)>),
    Preset(&'static Preset),
    Options(ParseOptions),
}

impl Decoded {
    /// The value as a patch holds it, in its one canonical form.
    fn to_json(&self) -> Value {
        match self {
            Decoded::Number(v) => Number::from_f64(*v).map_or(Value::Null, Value::Number),
            Decoded::Choice(word) => Value::String((*word).to_string()),
            Decoded::Flag(b) => Value::Bool(*b),
            Decoded::Text(text) => Value::String(text.clone()),
            Decoded::Names(names) => Value::Array(names.iter().cloned().map(Value::String).collect()),
            Decoded::Pair(None) => Value::Null,
            Decoded::Pair(Some((a, b))) => Value::Array(vec![Value::String(a.clone()), Value::String(b.clone())]),
            Decoded::Preset(preset) => Value::String(preset.name.to_string()),
            Decoded::Options(options) => options_json(*options),
        }
    }
}

/// A value for error messages: JSON as written, strings cut to 40 characters.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{:?}", s.chars().take(40).collect::<String>()),
        other => other.to_string(),
    }
}

/// 'a', 'b' or 'c'.
fn quoted_choices(words: impl IntoIterator<Item = &'static str>) -> String {
    let words: Vec<String> = words.into_iter().map(|w| format!("'{w}'")).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

fn string<'a>(key: &str, value: &'a Value) -> Result<&'a str, AppError> {
    value
        .as_str()
        .ok_or_else(|| field_error(key, format!("must be a string, not {value}")))
}

/// A finite number, from a number or a string that reads as one.
fn number(key: &str, value: &Value) -> Result<f64, AppError> {
    let read = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    read.filter(|v| v.is_finite())
        .ok_or_else(|| field_error(key, format!("must be a finite number, not {}", shown(value))))
}

fn names(key: &str, value: &Value) -> Result<Vec<String>, AppError> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(field_error(
                    key,
                    format!("must be a list of column names, not one holding {other}"),
                )),
            })
            .collect(),
        Value::String(s) => Ok(s
            .split(',')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect()),
        other => Err(field_error(key, format!("must be a list of column names, not {other}"))),
    }
}

fn pair(key: &str, value: &Value) -> Result<Option<(String, String)>, AppError> {
    match value {
        Value::Null => Ok(None),
        Value::Array(items) => match items.as_slice() {
            [Value::String(a), Value::String(b)] if a != b => Ok(Some((a.clone(), b.clone()))),
            _ => Err(field_error(key, "must be two different feature names")),
        },
        other => Err(field_error(key, format!("must be two feature names, not {other}"))),
    }
}

fn preset(key: &str, value: &Value) -> Result<&'static Preset, AppError> {
    let name = string(key, value)?;
    presets::find(name).ok_or_else(|| {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        field_error(key, format!("{} is not one of {}", shown(value), names.join(", ")))
    })
}

/// Reads {delimiter, decimal, header} ('auto' or missing: detect) into parse options; `header`
/// may also be true or false.
pub fn parse_options(value: &Value) -> Result<ParseOptions, AppError> {
    let key = super::fields::name_of_kind("dataOptions");
    let Value::Object(map) = value else {
        return Err(field_error(
            key,
            "must be an object like {delimiter: 'tab', decimal: 'comma', header: 'yes'}",
        ));
    };
    let [delimiter, decimal, header] = DATA_OPTIONS;
    // One part: None for 'auto' or missing, else the word, which must be one of its choices.
    let part = |part: super::fields::OptionPart| -> Result<Option<&'static str>, AppError> {
        let key = format!("{key}.{}", part.key);
        let value = match map.get(part.key) {
            None => return Ok(None),
            Some(Value::Bool(b)) if part.key == header.key => return Ok(Some(if *b { "yes" } else { "no" })),
            Some(value) => value,
        };
        let word = value.as_str().and_then(|w| part.choices.iter().find(|c| c.value == w));
        match word {
            Some(c) if c.value == "auto" => Ok(None),
            Some(c) => Ok(Some(c.value)),
            None => Err(field_error(
                &key,
                format!(
                    "{} is not {}",
                    shown(value),
                    quoted_choices(part.choices.iter().map(|c| c.value))
                ),
            )),
        }
    };
    Ok(ParseOptions {
        delimiter: part(delimiter)?.and_then(Delimiter::from_name),
        decimal: part(decimal)?.and_then(DecimalMark::from_name),
        header: part(header)?.map(|w| w == "yes"),
    })
}

/// Parse options as the state shows them: {delimiter, decimal, header}, 'auto' where detected.
pub fn options_json(options: ParseOptions) -> Value {
    serde_json::to_value(super::DataOptionsView::from(options)).unwrap_or(Value::Null)
}

/// One field's value read by its kind's decoder, or an error naming the field.
fn decode(field: &Field, value: &Value) -> Result<Decoded, AppError> {
    let key = field.name;
    Ok(match &field.kind {
        Kind::Integer { range, .. } => Decoded::Number(range.clamp(number(key, value)?, true)),
        Kind::Number { range, .. } => Decoded::Number(range.clamp(number(key, value)?, false)),
        Kind::Choice { choices, .. } => {
            let word = string(key, value)?;
            let found = choices.iter().find(|c| c.value == word).ok_or_else(|| {
                field_error(
                    key,
                    format!(
                        "{} is not {}",
                        shown(value),
                        quoted_choices(choices.iter().map(|c| c.value))
                    ),
                )
            })?;
            Decoded::Choice(found.value)
        }
        Kind::Flag { .. } => Decoded::Flag(match value {
            Value::Bool(b) => *b,
            Value::String(s) if s == "true" || s == "1" => true,
            Value::String(s) if s == "false" || s == "0" => false,
            other => return Err(field_error(key, format!("must be true or false, not {other}"))),
        }),
        Kind::Text { .. } | Kind::Column { .. } => Decoded::Text(string(key, value)?.to_string()),
        Kind::Names { .. } => Decoded::Names(names(key, value)?),
        Kind::Pair { .. } => Decoded::Pair(pair(key, value)?),
        Kind::Preset { .. } => Decoded::Preset(preset(key, value)?),
        Kind::DataOptions { .. } => Decoded::Options(parse_options(value)?),
    })
}

/// Puts a decoded value where its field's row says.
fn store(field: &Field, decoded: Decoded, patch: &mut Patch) {
    match (&field.kind, decoded) {
        (Kind::Integer { set, .. } | Kind::Number { set, .. }, Decoded::Number(v)) => set(patch, v),
        (Kind::Choice { set, .. }, Decoded::Choice(word)) => set(patch, word),
        (Kind::Flag { set }, Decoded::Flag(b)) => set(patch, b),
        (Kind::Text { set } | Kind::Column { set }, Decoded::Text(text)) => set(patch, text),
        (Kind::Names { set }, Decoded::Names(names)) => set(patch, names),
        (Kind::Pair { set }, Decoded::Pair(pair)) => set(patch, pair),
        (Kind::Preset { set }, Decoded::Preset(preset)) => set(patch, preset),
        (Kind::DataOptions { set }, Decoded::Options(options)) => set(patch, options),
        // `decode` gives each kind its own variant.
        _ => {}
    }
}

/// Every field of a JSON patch, decoded, in the table's order; unknown keys are ignored.
fn decode_all(value: &Value) -> Result<Vec<(&'static Field, Decoded)>, AppError> {
    let Value::Object(map) = value else {
        return Err(field_error("state", "must be an object"));
    };
    FIELDS
        .iter()
        .filter_map(|field| map.get(field.name).map(|v| (field, v)))
        .map(|(field, v)| decode(field, v).map(|decoded| (field, decoded)))
        .collect()
}

impl Patch {
    /// Decodes a JSON patch: every field is checked (and clamped) before anything applies, so a
    /// bad patch is refused whole, by an error that names its field. Unknown keys are ignored;
    /// numbers may be given as strings, flags as "true"/"false"/"1"/"0", lists of names as
    /// comma-separated text.
    pub fn from_json(value: &Value) -> Result<Patch, AppError> {
        let mut patch = Patch::default();
        for (field, decoded) in decode_all(value)? {
            store(field, decoded, &mut patch);
        }
        Ok(patch)
    }
}

/// A JSON patch as the table reads it: each known field checked, clamped and written in one
/// canonical form (numbers as numbers, lists as arrays, flags as booleans), unknown keys
/// dropped. Decoding it again gives the same patch.
pub fn normalize_patch(value: &Value) -> Result<Value, AppError> {
    Ok(Value::Object(
        decode_all(value)?
            .into_iter()
            .map(|(field, decoded)| (field.name.to_string(), decoded.to_json()))
            .collect(),
    ))
}

/// The fields a JSON patch names (known keys only), without decoding their values.
pub fn given_fields(value: &Value) -> impl Iterator<Item = &'static Field> + '_ {
    let keys = value.as_object().into_iter().flat_map(Map::keys);
    keys.filter_map(|key| field(key))
}

/// A list attribute's names: a JSON array when it starts with '[' (for names holding a comma),
/// else comma-separated.
fn attribute_list(attribute: &str, text: &str) -> Result<Value, AppError> {
    if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) if items.iter().all(Value::is_string) => Ok(Value::Array(items)),
            _ => Err(field_error(
                attribute,
                "must be a list of names: a, b or [\"a\", \"b\"]",
            )),
        }
    } else {
        Ok(Value::Array(
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ))
    }
}

/// The JSON patch that element attributes ({attribute: text}) ask for. Attributes that are not
/// fields are left out; a list attribute that does not read is an error naming it. The values
/// are checked when the patch applies, as any patch's.
pub fn attribute_patch(attributes: &Map<String, Value>) -> Result<Value, AppError> {
    let mut patch = Map::new();
    for (attribute, value) in attributes {
        let Some(field) = super::fields::by_attribute(attribute) else {
            continue;
        };
        let value = match value {
            Value::String(text) if field.kind.is_list() => attribute_list(attribute, text)?,
            other => other.clone(),
        };
        patch.insert(field.name.to_string(), value);
    }
    Ok(Value::Object(patch))
}

/// The attributes that set up this state (as `App::state` shows it, as JSON), in the table's
/// order: (attribute, text). Null values and empty lists are left out; a list is comma-joined,
/// or JSON when a name holds a comma or starts or ends with a space.
pub fn attributes_of(state: &Value) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .filter_map(|field| {
            let attribute = field.attribute?;
            let text = match state.get(field.name)? {
                Value::Null => return None,
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Array(items) if items.is_empty() => return None,
                Value::Array(items) => {
                    let names: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                    if names.iter().any(|n| n.contains(',') || n.trim() != *n) {
                        serde_json::to_string(&names).ok()?
                    } else {
                        names.join(",")
                    }
                }
                Value::Object(_) => return None,
            };
            Some((attribute, text))
        })
        .collect()
}

/// Sets `slot` to the patch's value for it, where the patch gives one.
pub(super) fn set_given<T: Clone>(slot: &mut T, given: &Option<T>) {
    if let Some(value) = given {
        *slot = value.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// (patch, the key the refusal names, a fragment of its message)
    #[test]
    fn a_bad_value_is_refused_with_its_key() {
        let check = |patch: Value, key: &str, fragment: &str| match Patch::from_json(&patch) {
            Err(AppError::Field { key: k, message }) => {
                assert_eq!(k, key, "{patch}");
                assert!(message.contains(fragment), "{patch}: {message}");
            }
            other => panic!("{patch}: {other:?}"),
        };
        check(
            json!({"degree": "NaN"}),
            "degree",
            r#"must be a finite number, not "NaN""#,
        );
        check(json!({"lambda": null}), "lambda", "must be a finite number, not null");
        check(
            json!({"penalty": "LASSO"}),
            "penalty",
            "is not 'ols', 'ridge', 'lasso' or 'elasticnet'",
        );
        check(
            json!({"mode": "table"}),
            "mode",
            r#""table" is not 'polynomial' or 'columns'"#,
        );
        check(json!({"preset": "nope"}), "preset", "is not one of sin");
        check(json!({"features": [1, 2]}), "features", "not one holding 1");
        check(json!({"pair": ["a"]}), "pair", "two different");
        check(json!({"pair": "a,b"}), "pair", "must be two feature names");
        check(json!({"showTest": "yes"}), "showTest", "must be true or false");
        check(json!({"x": 3}), "x", "must be a string");
        check(
            json!({"dataOptions": {"delimiter": "pipe"}}),
            "dataOptions.delimiter",
            "'spaces'",
        );
        check(
            json!({"dataOptions": {"header": 1}}),
            "dataOptions.header",
            "'auto', 'yes' or 'no'",
        );
        check(json!({"dataOptions": "tab"}), "dataOptions", "must be an object");
        check(json!([1]), "state", "must be an object");
    }

    #[test]
    fn values_are_clamped_typed_and_unknown_keys_ignored() {
        let patch = Patch::from_json(&json!({
            "degree": 35.4, "seed": -3.4, "n": "1e9", "alpha": 7, "q": 0, "lambda": -1,
            "penalty": "elasticnet", "pathAxis": "df", "region": "lq", "showLegend": "0",
            "features": " a , b,", "pair": null, "nope": {}, "dataOptions": {"header": true},
        }))
        .unwrap();
        assert_eq!(
            patch,
            Patch {
                degree: Some(20),
                seed: Some(3),
                n: Some(2_000),
                alpha: Some(0.99),
                q: Some(0.1),
                lambda: Some(-1.0),
                penalty: Some(Penalty::ElasticNet),
                path_axis: Some(PathAxis::Df),
                region: Some(RegionChoice::Lq),
                show_legend: Some(false),
                features: Some(vec!["a".into(), "b".into()]),
                pair: Some(None),
                data_options: Some(ParseOptions {
                    header: Some(true),
                    ..ParseOptions::default()
                }),
                ..Patch::default()
            }
        );
    }

    #[test]
    fn every_choice_of_every_field_lands_in_its_slot() {
        for field in FIELDS {
            if let Kind::Choice { choices, .. } = field.kind {
                for c in choices {
                    let patch = Patch::from_json(&json!({ field.name: c.value })).unwrap();
                    assert_ne!(patch, Patch::default(), "{}: {}", field.name, c.value);
                }
            }
        }
    }

    #[test]
    fn a_normalized_patch_normalizes_to_itself() {
        let patch = json!({"degree": "4.6", "features": "a,b", "showOls": "1", "pair": ["a", "b"], "q": 9,
                           "dataOptions": {"decimal": "comma"}, "preset": "cubic", "other": 1});
        let once = normalize_patch(&patch).unwrap();
        assert_eq!(
            once,
            json!({"degree": 5.0, "features": ["a", "b"], "showOls": true, "pair": ["a", "b"], "q": 4.0,
                   "dataOptions": {"delimiter": "auto", "decimal": "comma", "header": "auto"}, "preset": "cubic"})
        );
        assert_eq!(normalize_patch(&once).unwrap(), once);
        assert_eq!(Patch::from_json(&once).unwrap(), Patch::from_json(&patch).unwrap());
    }

    #[test]
    fn attributes_read_lists_as_text_or_json_and_write_them_back() {
        let attributes = json!({"degree": "4", "features": "a, b", "pair": "[\"x, 1\", \"y\"]",
                                "show-test": "true", "controls": "data", "test-fraction": "0.2"});
        let patch = attribute_patch(attributes.as_object().unwrap()).unwrap();
        assert_eq!(
            patch,
            json!({"degree": "4", "features": ["a", "b"], "pair": ["x, 1", "y"], "showTest": "true", "testFraction": "0.2"})
        );
        let bad = json!({"features": "[1, 2]"});
        assert!(
            matches!(attribute_patch(bad.as_object().unwrap()), Err(AppError::Field { key, .. }) if key == "features")
        );
        let state = json!({"degree": 4, "features": ["a", "b"], "pair": ["x, 1", "y"], "showTest": true,
                           "lambda": 0.001, "n": null, "data": "x,y\n1,2", "x": "x", "y": " y"});
        assert_eq!(
            attributes_of(&state),
            [
                ("x", "x".to_string()),
                ("y", " y".to_string()),
                ("features", "a,b".to_string()),
                ("degree", "4".to_string()),
                ("lambda", "0.001".to_string()),
                ("pair", r#"["x, 1","y"]"#.to_string()),
                ("show-test", "true".to_string()),
            ]
        );
    }
}

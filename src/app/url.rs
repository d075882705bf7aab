//! The state in a URL, and a link's own keys. The field table ([`super::fields::FIELDS`])
//! drives both writing and reading, each kind one way (the way TensorFlow Playground's
//! `state.ts` does), the schema is versioned, and reading never fails: unknown keys are ignored,
//! and a value that does not fit its field is dropped, so the default stays. What reads always
//! decodes (numbers are clamped when the patch is decoded). Besides the state, a link carries
//! what the element writes: pasted data (packed by the page), how to read it, and the look
//! (controls shown and locked, the theme).

use serde_json::{json, Map, Number, Value};

use super::fields::{Field, Kind, CONTROLS, DATA_OPTIONS, FIELDS, THEMES};
use super::patch::{options_json, parse_options};
use super::{AppError, Patch, StateView};
use crate::core::data::ParseOptions;
use crate::core::presets;

/// The URL schema's version, written as `v=1`.
pub const URL_VERSION: u32 = 1;

/// The most characters a text or a name in a link may have.
const MAX_LINK_TEXT: usize = 100;

/// The most names a list in a link may have.
const MAX_LINK_NAMES: usize = 50;

/// The keys of a link that are not state fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkKeys {
    /// The schema version.
    pub version: &'static str,
    /// Pasted data, packed by the page (deflated and base64url-encoded).
    pub data: &'static str,
    /// How to read it: delimiter,decimal,header.
    pub data_options: &'static str,
    /// The control blocks shown.
    pub controls: &'static str,
    /// The control blocks locked.
    pub locked: &'static str,
    /// The theme.
    pub theme: &'static str,
}

/// A link's own keys.
pub const LINK_KEYS: LinkKeys = LinkKeys {
    version: "v",
    data: "data",
    data_options: "dopt",
    controls: "controls",
    locked: "locked",
    theme: "theme",
};

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decodes percent-encoding and '+'; None if the result is not UTF-8.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// A state field's value (as the state or a patch shows it, as JSON) as link text, if links
/// carry its kind and the value.
fn write_value(field: &Field, value: &Value) -> Option<String> {
    match (&field.kind, value) {
        (Kind::Integer { .. } | Kind::Number { .. }, Value::Number(n)) => {
            n.as_f64().filter(|v| v.is_finite()).map(|v| format!("{v}"))
        }
        (Kind::Choice { .. } | Kind::Text { .. } | Kind::Column { .. } | Kind::Preset { .. }, Value::String(s)) => {
            Some(s.clone())
        }
        (Kind::Flag { .. }, Value::Bool(b)) => Some(if *b { "1" } else { "0" }.to_string()),
        (Kind::Names { .. } | Kind::Pair { .. }, Value::Array(items)) => {
            Some(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))
        }
        _ => None,
    }
}

/// Link text read as a field's value, or None where it does not fit the field's kind.
fn read_value(field: &Field, text: &str) -> Option<Value> {
    let names = || -> Vec<Value> {
        text.split(',')
            .map(|s| s.chars().take(MAX_LINK_TEXT).collect::<String>().trim().to_string())
            .filter(|s| !s.is_empty())
            .take(MAX_LINK_NAMES)
            .map(Value::String)
            .collect()
    };
    let short = !text.is_empty() && text.chars().count() <= MAX_LINK_TEXT;
    match &field.kind {
        Kind::Integer { .. } | Kind::Number { .. } => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .and_then(Number::from_f64)
            .map(Value::Number),
        Kind::Choice { choices, .. } => choices
            .iter()
            .any(|c| c.value == text)
            .then(|| Value::String(text.to_string())),
        Kind::Flag { .. } => match text {
            "1" | "true" => Some(Value::Bool(true)),
            "0" | "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Kind::Text { .. } | Kind::Column { .. } => short.then(|| Value::String(text.to_string())),
        Kind::Preset { .. } => presets::find(text).map(|p| Value::String(p.name.to_string())),
        Kind::Names { .. } => Some(names()).filter(|n| !n.is_empty()).map(Value::Array),
        Kind::Pair { .. } => match names().as_slice() {
            [a, b] if a != b => Some(Value::Array(vec![a.clone(), b.clone()])),
            _ => None,
        },
        Kind::DataOptions { .. } => None,
    }
}

/// A state or patch (as JSON) as a URL query without '?': `v=1&preset=sin&d=9&p=lasso…`, every
/// field the table gives a URL key, in the table's order. Numbers are written in Rust's shortest
/// round-trip form, so reading gives the same f64 back.
pub fn patch_to_query(state: &Value) -> String {
    let mut parts = vec![format!("{}={URL_VERSION}", LINK_KEYS.version)];
    for field in FIELDS {
        let Some(key) = field.url else { continue };
        if let Some(text) = state.get(field.name).and_then(|value| write_value(field, value)) {
            parts.push(format!("{key}={}", encode(&text)));
        }
    }
    parts.join("&")
}

/// The state as a URL query (without '?'), without pasted data.
pub fn state_to_query(state: &StateView) -> String {
    serde_json::to_value(state).map_or_else(
        |_| format!("{}={URL_VERSION}", LINK_KEYS.version),
        |v| patch_to_query(&v),
    )
}

/// The (key, decoded text) pairs of a query, with or without '?'; at most 200, and those that
/// are not UTF-8 left out.
fn pairs(query: &str) -> impl Iterator<Item = (&str, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').take(200).filter_map(|pair| {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        decode(raw).map(|text| (key, text))
    })
}

/// A state patch from a URL query (with or without '?'). Never fails: what does not fit is left
/// out, so the state keeps its default; what is in decodes as a patch (its numbers are clamped
/// then). A link of another schema version gives an empty patch.
pub fn query_to_patch(query: &str) -> Value {
    let mut patch = Map::new();
    let mut version_ok = true;
    for (key, text) in pairs(query) {
        if key == LINK_KEYS.version {
            version_ok = text.trim() == URL_VERSION.to_string();
            continue;
        }
        let Some(field) = super::fields::by_url(key) else {
            continue;
        };
        if let Some(value) = read_value(field, &text) {
            patch.insert(field.name.to_string(), value);
        }
    }
    // A link from another schema version is not guessed at.
    if !version_ok {
        patch.clear();
    }
    Value::Object(patch)
}

/// How a link shows the element: the control blocks shown (None: all) and locked (None: none),
/// and the theme (None: the page's). Only names from [`CONTROLS`] and [`THEMES`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkLook {
    /// The control blocks shown; Some(empty) shows none.
    pub controls: Option<Vec<&'static str>>,
    /// The control blocks locked.
    pub locked: Option<Vec<&'static str>>,
    /// The theme.
    pub theme: Option<&'static str>,
}

/// The known control names in a list (comma-separated text, or a JSON array of names).
fn known_controls(value: &Value) -> Option<Vec<&'static str>> {
    let names: Vec<String> = match value {
        Value::String(text) => text.split(',').map(|s| s.trim().to_string()).collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_string())
            .collect(),
        _ => return None,
    };
    Some(
        names
            .iter()
            .filter_map(|name| CONTROLS.iter().find(|c| c.value == name).map(|c| c.value))
            .collect(),
    )
}

impl LinkLook {
    /// Reads {controls, locked, theme} (lists as arrays or comma-separated text; null or missing:
    /// not set); unknown names are dropped.
    pub fn from_json(value: &Value) -> LinkLook {
        LinkLook {
            controls: value.get(LINK_KEYS.controls).and_then(known_controls),
            locked: value.get(LINK_KEYS.locked).and_then(known_controls),
            theme: value
                .get(LINK_KEYS.theme)
                .and_then(Value::as_str)
                .and_then(|t| THEMES.iter().find(|known| **known == t).copied()),
        }
    }

    /// As JSON: {controls, locked, theme}, lists as arrays.
    pub fn to_json(&self) -> Value {
        json!({
            LINK_KEYS.controls: self.controls,
            LINK_KEYS.locked: self.locked,
            LINK_KEYS.theme: self.theme,
        })
    }
}

/// What a link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The state patch (see [`query_to_patch`]).
    pub patch: Value,
    /// How the element looks.
    pub look: LinkLook,
    /// Pasted data, packed by the page, if any.
    pub packed_data: Option<String>,
    /// How to read that data, if the link says.
    pub data_options: Option<ParseOptions>,
}

impl Link {
    /// As JSON: {patch, look: {controls, locked, theme}, data, dataOptions}.
    pub fn to_json(&self) -> Value {
        json!({
            "patch": self.patch,
            "look": self.look.to_json(),
            LINK_KEYS.data: self.packed_data,
            super::fields::name_of_kind("dataOptions"): self.data_options.map(options_json),
        })
    }
}

/// Reading options as a link writes them: delimiter,decimal,header ('auto' where detected).
fn write_options(options: ParseOptions) -> String {
    let shown = options_json(options);
    DATA_OPTIONS
        .iter()
        .map(|part| shown.get(part.key).and_then(Value::as_str).unwrap_or("auto"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reading options from a link's delimiter,decimal,header: what is not a known choice is
/// 'auto'.
fn read_options(text: &str) -> ParseOptions {
    let parts: Map<String, Value> = DATA_OPTIONS
        .iter()
        .zip(text.split(','))
        .filter(|(part, word)| part.choices.iter().any(|c| c.value == *word))
        .map(|(part, word)| (part.key.to_string(), Value::String(word.to_string())))
        .collect();
    parse_options(&Value::Object(parts)).unwrap_or_default()
}

/// The link's query (without '?'): the state's fields, then the look, then the packed data (if
/// any; at its end, where it is easy to cut) with the state's reading options.
pub fn link_query(state: &StateView, look: &LinkLook, packed_data: Option<&str>) -> String {
    match serde_json::to_value(state) {
        Ok(state) => state_link_query(&state, look, packed_data),
        Err(_) => format!("{}={URL_VERSION}", LINK_KEYS.version),
    }
}

/// As [`link_query`], for a state or patch given as JSON.
pub fn state_link_query(state: &Value, look: &LinkLook, packed_data: Option<&str>) -> String {
    let mut query = patch_to_query(state);
    let mut push = |key: &str, text: &str| {
        query.push('&');
        query.push_str(key);
        query.push('=');
        query.push_str(&encode(text));
    };
    if let Some(controls) = &look.controls {
        push(LINK_KEYS.controls, &controls.join(","));
    }
    if let Some(locked) = &look.locked {
        push(LINK_KEYS.locked, &locked.join(","));
    }
    if let Some(theme) = look.theme {
        push(LINK_KEYS.theme, theme);
    }
    if let Some(packed) = packed_data.filter(|p| !p.is_empty()) {
        let options = state
            .get(super::fields::name_of_kind("dataOptions"))
            .and_then(|options| parse_options(options).ok())
            .unwrap_or_default();
        push(LINK_KEYS.data, packed);
        push(LINK_KEYS.data_options, &write_options(options));
    }
    query
}

/// Everything a link carries. Never fails: what does not read is left out.
pub fn read_link(query: &str) -> Link {
    let mut link = Link {
        patch: query_to_patch(query),
        look: LinkLook::default(),
        packed_data: None,
        data_options: None,
    };
    for (key, text) in pairs(query) {
        let value = Value::String(text.clone());
        match key {
            k if k == LINK_KEYS.controls => link.look.controls = known_controls(&value),
            k if k == LINK_KEYS.locked => link.look.locked = known_controls(&value),
            k if k == LINK_KEYS.theme => {
                if let Some(theme) = THEMES.iter().find(|t| **t == text) {
                    link.look.theme = Some(theme);
                }
            }
            k if k == LINK_KEYS.data => link.packed_data = Some(text).filter(|t| !t.is_empty()),
            k if k == LINK_KEYS.data_options => link.data_options = Some(read_options(&text)),
            _ => {}
        }
    }
    link
}

impl super::App {
    /// Applies a URL query: all at once if it fits, else field by field in the table's order
    /// (the data first), skipping what does not (a column this data lacks, a pair that is not
    /// among the features). Never fails; returns the fields skipped.
    pub fn apply_query(&mut self, query: &str) -> Vec<String> {
        let Value::Object(patch) = query_to_patch(query) else {
            return Vec::new();
        };
        let whole = Value::Object(patch.clone());
        if self.set_state(&whole).is_ok() {
            return Vec::new();
        }
        let mut skipped = Vec::new();
        for field in FIELDS {
            if let Some(value) = patch.get(field.name) {
                let one: Result<Patch, AppError> = Patch::from_json(&json!({ field.name: value }));
                if one.and_then(|one| self.apply(&one, None, None)).is_err() {
                    skipped.push(field.name.to_string());
                }
            }
        }
        skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_round_trips() {
        for text in ["z³,z⁵", "a b&c=d%", "λ = 0.01", ""] {
            assert_eq!(decode(&encode(text)).as_deref(), Some(text));
        }
        assert_eq!(decode("%zz"), Some("%zz".to_string()));
        assert_eq!(decode("%FF"), None);
    }

    #[test]
    fn garbage_gives_an_empty_patch_or_only_what_fits() {
        let check = |query: &str, expected: Value| assert_eq!(query_to_patch(query), expected, "{query}");
        check("", json!({}));
        check("v=2&p=lasso", json!({}));
        check(
            "?v=1&p=LASSO&l=NaN&d=1e999&q=abc&test=maybe&zz=1&lens=bayesian",
            json!({"lens": "bayesian"}),
        );
        check("preset=nope&pair=a&f=,,&x=", json!({}));
        check("pair=a,b,c", json!({}));
        check(
            "pair=%20a%20,b&legend=0&preset=cubic",
            json!({"pair": ["a", "b"], "showLegend": false, "preset": "cubic"}),
        );
    }

    #[test]
    fn reading_options_in_a_link_are_three_words() {
        let check = |text: &str, expected: &str| assert_eq!(write_options(read_options(text)), expected, "{text}");
        check("tab,comma,yes", "tab,comma,yes");
        check("spaces,,no", "spaces,auto,no");
        check("pipe,point", "auto,point,auto");
        check("", "auto,auto,auto");
    }
}

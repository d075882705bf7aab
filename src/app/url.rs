//! The state in a URL: one property table drives both writing and reading (the way TensorFlow
//! Playground's `state.ts` does), the schema is versioned, and reading never fails: unknown keys are
//! ignored, numbers must be finite and are clamped later by `set_state`, and a value that does not
//! fit its property is dropped, so the default stays.

use serde_json::{Map, Number, Value};

use super::StateView;

/// The URL schema's version, written as `v=1`.
pub const URL_VERSION: u32 = 1;

/// How a property's value is written and read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A finite number.
    Number,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// 1 or 0.
    Flag,
    /// Free text (a preset or column name), at most 100 characters.
    Text,
    /// Names joined by commas (features, the geometry pair).
    List,
}

/// One URL property: its short key, the state field it carries, and its kind.
struct Property {
    key: &'static str,
    field: &'static str,
    kind: Kind,
}

const PROPERTIES: &[Property] = &[
    Property {
        key: "preset",
        field: "preset",
        kind: Kind::Text,
    },
    Property {
        key: "mode",
        field: "mode",
        kind: Kind::Choice(&["polynomial", "columns"]),
    },
    Property {
        key: "x",
        field: "x",
        kind: Kind::Text,
    },
    Property {
        key: "y",
        field: "y",
        kind: Kind::Text,
    },
    Property {
        key: "f",
        field: "features",
        kind: Kind::List,
    },
    Property {
        key: "d",
        field: "degree",
        kind: Kind::Number,
    },
    Property {
        key: "p",
        field: "penalty",
        kind: Kind::Choice(&["ols", "ridge", "lasso", "elasticnet"]),
    },
    Property {
        key: "l",
        field: "lambda",
        kind: Kind::Number,
    },
    Property {
        key: "a",
        field: "alpha",
        kind: Kind::Number,
    },
    Property {
        key: "k",
        field: "folds",
        kind: Kind::Number,
    },
    Property {
        key: "tf",
        field: "testFraction",
        kind: Kind::Number,
    },
    Property {
        key: "seed",
        field: "seed",
        kind: Kind::Number,
    },
    Property {
        key: "n",
        field: "n",
        kind: Kind::Number,
    },
    Property {
        key: "noise",
        field: "noise",
        kind: Kind::Number,
    },
    Property {
        key: "axis",
        field: "pathAxis",
        kind: Kind::Choice(&["lambda", "s", "df"]),
    },
    Property {
        key: "pair",
        field: "pair",
        kind: Kind::List,
    },
    Property {
        key: "lens",
        field: "lens",
        kind: Kind::Choice(&["constrained", "penalized", "bayesian"]),
    },
    Property {
        key: "region",
        field: "region",
        kind: Kind::Choice(&["penalty", "lq"]),
    },
    Property {
        key: "q",
        field: "q",
        kind: Kind::Number,
    },
    Property {
        key: "test",
        field: "showTest",
        kind: Kind::Flag,
    },
    Property {
        key: "truth",
        field: "showTruth",
        kind: Kind::Flag,
    },
    Property {
        key: "ols",
        field: "showOls",
        kind: Kind::Flag,
    },
    Property {
        key: "rs",
        field: "showResamples",
        kind: Kind::Flag,
    },
];

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

/// The state as a URL query (without '?'): `v=1&preset=sin&d=9&p=lasso&l=0.01…`. Numbers are
/// written in Rust's shortest round-trip form, so reading gives the same f64 back.
pub fn state_to_query(state: &StateView) -> String {
    let Ok(Value::Object(map)) = serde_json::to_value(state) else {
        return format!("v={URL_VERSION}");
    };
    let mut parts = vec![format!("v={URL_VERSION}")];
    for property in PROPERTIES {
        let value = match (map.get(property.field), property.kind) {
            (Some(Value::Number(n)), Kind::Number) => n.as_f64().filter(|v| v.is_finite()).map(|v| format!("{v}")),
            (Some(Value::String(s)), Kind::Choice(_) | Kind::Text) => Some(s.clone()),
            (Some(Value::Bool(b)), Kind::Flag) => Some(if *b { "1" } else { "0" }.to_string()),
            (Some(Value::Array(items)), Kind::List) => {
                Some(items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))
            }
            _ => None,
        };
        if let Some(value) = value {
            parts.push(format!("{}={}", property.key, encode(&value)));
        }
    }
    parts.join("&")
}

/// A state patch from a URL query (with or without '?'). Never fails: what does not fit is left
/// out, so `set_state` keeps its default; the patch's numbers are clamped there.
pub fn query_to_patch(query: &str) -> Value {
    let mut patch = Map::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut version_ok = true;
    for pair in query.split('&').take(200) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(text) = decode(raw) else { continue };
        if key == "v" {
            version_ok = text.trim() == URL_VERSION.to_string();
            continue;
        }
        let Some(property) = PROPERTIES.iter().find(|p| p.key == key) else {
            continue;
        };
        let value = match property.kind {
            Kind::Number => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .and_then(Number::from_f64)
                .map(Value::Number),
            Kind::Choice(choices) => choices.contains(&text.as_str()).then(|| Value::String(text.clone())),
            Kind::Flag => match text.as_str() {
                "1" | "true" => Some(Value::Bool(true)),
                "0" | "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Kind::Text => (!text.is_empty() && text.chars().count() <= 100).then(|| Value::String(text.clone())),
            Kind::List => {
                let items: Vec<Value> = text
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .take(50)
                    .map(|s| Value::String(s.chars().take(100).collect()))
                    .collect();
                (!items.is_empty()).then_some(Value::Array(items))
            }
        };
        if let Some(value) = value {
            patch.insert(property.field.to_string(), value);
        }
    }
    // A link from another schema version is not guessed at.
    if version_ok {
        Value::Object(patch)
    } else {
        Value::Object(Map::new())
    }
}

impl super::App {
    /// Applies a URL query: all at once if it fits, else field by field, skipping what does not
    /// (an unknown preset, a column this data lacks). Never fails; returns the fields skipped.
    pub fn apply_query(&mut self, query: &str) -> Vec<String> {
        let Value::Object(patch) = query_to_patch(query) else {
            return Vec::new();
        };
        if self.set_state(&Value::Object(patch.clone())).is_ok() {
            return Vec::new();
        }
        let mut skipped = Vec::new();
        // The data first, then the rest, in the table's order.
        for property in PROPERTIES {
            if let Some(value) = patch.get(property.field) {
                let mut one = Map::new();
                one.insert(property.field.to_string(), value.clone());
                if self.set_state(&Value::Object(one)).is_err() {
                    skipped.push(property.field.to_string());
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
        assert_eq!(query_to_patch(""), Value::Object(Map::new()));
        assert_eq!(query_to_patch("v=2&p=lasso"), Value::Object(Map::new()));
        let patch = query_to_patch("?v=1&p=LASSO&l=NaN&d=1e999&q=abc&test=maybe&zz=1&lens=bayesian");
        assert_eq!(patch, serde_json::json!({"lens": "bayesian"}));
    }
}

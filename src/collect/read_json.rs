//! The HTML form's JSON export (docs/returns.md, "JSON return").

use super::returns::Return;
use serde_json::{Map, Value};

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn strings(v: Option<&Value>, what: &str) -> Result<Vec<(String, String)>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Object(m)) => Ok(m
            .iter()
            .filter_map(|(k, v)| text(v).map(|t| (k.clone(), t)))
            .collect()),
        Some(_) => Err(format!("`{what}` is not an object")),
    }
}

/// Reads a JSON return. The error says why the file is not one.
pub fn read(file: &str, bytes: &[u8]) -> Result<Return, String> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(o) = v else {
        return Err("JSON, but not a guidewright return (not an object)".into());
    };
    if o.get("format").and_then(Value::as_str) != Some("guidewright-return") {
        return Err(
            "JSON, but not a guidewright return (no \"format\": \"guidewright-return\")".into(),
        );
    }
    let field = |k: &str| o.get(k).and_then(text).unwrap_or_default();
    let (checklist, version) = (field("checklist"), field("version"));
    let mut fields: Vec<(String, String)> = Vec::new();
    for (k, v) in strings(o.get("metadata"), "metadata")? {
        fields.push((format!("meta.{k}"), v));
    }
    for (k, v) in strings(o.get("sign_off"), "sign_off")? {
        fields.push((format!("signoff.{k}"), v));
    }
    match o.get("answers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (q, a) in m {
                match a {
                    Value::Object(a) => push_answer(&mut fields, q, a),
                    // A bare value is taken as the answer.
                    other => {
                        if let Some(t) = text(other) {
                            fields.push((format!("q.{q}"), t));
                        }
                    }
                }
            }
        }
        Some(_) => return Err("`answers` is not an object".into()),
    }
    match o.get("actions") {
        None | Some(Value::Null) => {}
        Some(Value::Array(rows)) => {
            for (i, row) in rows.iter().enumerate() {
                for (col, v) in strings(Some(row), "actions")? {
                    fields.push((format!("action.{}.{col}", i + 1), v));
                }
            }
        }
        Some(_) => return Err("`actions` is not a list".into()),
    }
    Ok(Return::from_fields(file, checklist, version, fields))
}

fn push_answer(fields: &mut Vec<(String, String)>, q: &str, a: &Map<String, Value>) {
    if let Some(t) = a.get("answer").and_then(text) {
        fields.push((format!("q.{q}"), t));
    }
    if let Some(t) = a.get("evidence").and_then(text) {
        fields.push((format!("q.{q}.evidence"), t));
    }
}

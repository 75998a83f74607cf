//! The result envelope a successful call answers with:
//! `{"ok": true, "code", "status", "data", "traceId"}`, and its JSON Schema.

use super::codes::SuccessCode;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{json, Value};

/// The name of the [`envelope_schema`] among a document's schemas.
pub const ENVELOPE_SCHEMA: &str = "ResultEnvelope";

/// A successful call's result envelope, its output already serialized: the body of a success
/// (except `NO_CONTENT`, which has none). [`envelope_schema`] is its JSON Schema;
/// [`write`](SuccessEnvelope::write) writes the same text without going through a serializer.
///
/// ```
/// use contracts_core::wire::{SuccessCode, SuccessEnvelope};
///
/// let envelope = SuccessEnvelope { code: SuccessCode::Created, data: Some(r#"{"id":1}"#), trace_id: "t-1" };
/// let mut body = Vec::new();
/// envelope.write(&mut body);
/// assert_eq!(
///     String::from_utf8(body).unwrap(),
///     r#"{"ok":true,"code":"CREATED","status":201,"data":{"id":1},"traceId":"t-1"}"#,
/// );
/// assert_eq!(serde_json::to_string(&envelope).unwrap(), r#"{"ok":true,"code":"CREATED","status":201,"data":{"id":1},"traceId":"t-1"}"#);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SuccessEnvelope<'a> {
    /// The success code.
    pub code: SuccessCode,
    /// The output as JSON text, as `serde_json` wrote it; `None` for no data (`NO_CONTENT`).
    pub data: Option<&'a str>,
    /// The call's trace id.
    pub trace_id: &'a str,
}

impl SuccessEnvelope<'_> {
    /// Appends the envelope's JSON text to `out`, the output embedded as it is: what
    /// serializing it writes, without checking the output again.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.reserve(self.data.map_or(0, str::len) + self.trace_id.len() + 64);
        out.extend_from_slice(br#"{"ok":true,"code":""#);
        out.extend_from_slice(self.code.as_str().as_bytes());
        out.extend_from_slice(br#"","status":"#);
        out.extend_from_slice(status_text(self.code.status()).as_bytes());
        if let Some(data) = self.data {
            out.extend_from_slice(br#","data":"#);
            out.extend_from_slice(data.as_bytes());
        }
        out.extend_from_slice(br#","traceId":"#);
        // Writing a string to a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut *out, self.trace_id);
        out.push(b'}');
    }
}

impl Serialize for SuccessEnvelope<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SuccessEnvelope", 5)?;
        s.serialize_field("ok", &true)?;
        s.serialize_field("code", &self.code)?;
        s.serialize_field("status", &self.code.status())?;
        if let Some(data) = self.data {
            // Embedded as is: it is JSON that serde_json wrote.
            let raw: &RawValue = serde_json::from_str(data).map_err(serde::ser::Error::custom)?;
            s.serialize_field("data", raw)?;
        }
        s.serialize_field("traceId", self.trace_id)?;
        s.end()
    }
}

/// Reads an envelope, borrowing from the text: the output stays JSON text (`data`, `None` when
/// absent or `null`), for the caller to decode into the operation's output type. Refuses an
/// envelope whose `ok` is not `true` or whose `status` is not its code's.
///
/// ```
/// use contracts_core::wire::{SuccessCode, SuccessEnvelope};
///
/// let body = r#"{"ok":true,"code":"CREATED","status":201,"data":{"id":1},"traceId":"t-1"}"#;
/// let envelope: SuccessEnvelope<'_> = serde_json::from_str(body).unwrap();
/// assert_eq!((envelope.code, envelope.data, envelope.trace_id), (SuccessCode::Created, Some(r#"{"id":1}"#), "t-1"));
/// assert!(serde_json::from_str::<SuccessEnvelope<'_>>(&body.replace("201", "200")).is_err());
/// ```
impl<'de: 'a, 'a> Deserialize<'de> for SuccessEnvelope<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire<'a> {
            ok: bool,
            code: SuccessCode,
            status: u16,
            #[serde(borrow, default)]
            data: Option<&'a RawValue>,
            trace_id: &'a str,
        }
        let wire = Wire::deserialize(deserializer)?;
        if !wire.ok {
            return Err(serde::de::Error::custom(
                "a success envelope has `ok: true`",
            ));
        }
        if wire.status != wire.code.status() {
            return Err(serde::de::Error::custom(format_args!(
                "status {} is not the status of `{}` ({})",
                wire.status,
                wire.code,
                wire.code.status()
            )));
        }
        Ok(SuccessEnvelope {
            code: wire.code,
            data: wire.data.map(RawValue::get),
            trace_id: wire.trace_id,
        })
    }
}

/// The decimal text of a success status, without formatting.
fn status_text(status: u16) -> &'static str {
    match status {
        200 => "200",
        201 => "201",
        202 => "202",
        204 => "204",
        206 => "206",
        207 => "207",
        // Every success code's status is above.
        _ => "200",
    }
}

/// The JSON Schema of a [`SuccessEnvelope`] with data: the success codes that carry data and
/// their statuses; `data` is any output, for a document to refine per operation.
pub fn envelope_schema() -> Value {
    let with_data = SuccessCode::ALL
        .into_iter()
        .filter(|c| *c != SuccessCode::NoContent);
    let codes: Vec<&str> = with_data.clone().map(SuccessCode::as_str).collect();
    let mut statuses: Vec<u16> = with_data.map(SuccessCode::status).collect();
    statuses.dedup();
    json!({
        "type": "object",
        "description": "A successful call: the success code, its HTTP status, the operation's output as `data`, and the trace id.",
        "properties": {
            "ok": { "const": true },
            "code": {
                "type": "string",
                "enum": codes,
                "description": "The success code the handler chose.",
            },
            "status": {
                "type": "integer",
                "enum": statuses,
                "description": "The HTTP status of the code.",
            },
            "data": { "description": "The operation's output." },
            "traceId": { "type": "string", "description": "The call's trace id." },
        },
        "required": ["ok", "code", "status", "data", "traceId"],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer, the serializer and the schema agree, for every code.
    #[test]
    fn written_serialized_and_described_alike() {
        let schema = envelope_schema();
        for code in SuccessCode::ALL {
            assert_eq!(status_text(code.status()), code.status().to_string());
            let data = (code != SuccessCode::NoContent).then_some(r#"[1,"\u00e9"]"#);
            let envelope = SuccessEnvelope {
                code,
                data,
                trace_id: "t\"1",
            };
            let mut written = Vec::new();
            envelope.write(&mut written);
            assert_eq!(written, serde_json::to_vec(&envelope).unwrap());
            let value: Value = serde_json::from_slice(&written).unwrap();
            let members: Vec<&String> = value.as_object().unwrap().keys().collect();
            let properties = schema["properties"].as_object().unwrap();
            assert!(members.iter().all(|m| properties.contains_key(*m)));
            if data.is_some() {
                assert_eq!(members.len(), properties.len());
                assert!(schema["properties"]["code"]["enum"]
                    .as_array()
                    .unwrap()
                    .contains(&value["code"]));
                assert!(schema["properties"]["status"]["enum"]
                    .as_array()
                    .unwrap()
                    .contains(&value["status"]));
            }
        }
    }
}

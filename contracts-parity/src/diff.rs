//! A recursive JSON diff that names the path of every difference.

use serde_json::Value;

/// One difference between the reference and the registry.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// The contract (`key@version`, or `doc block <id>`).
    pub contract: String,
    /// The path of the differing value within the contract (`policy.auth`, `input.fields[2].type`).
    pub path: String,
    /// The reference's value (`None` when the registry has something the reference lacks).
    pub expected: Option<Value>,
    /// The registry's value (`None` when the registry lacks something the reference has).
    pub found: Option<Value>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<Value>| {
            v.as_ref()
                .map_or_else(|| "(nothing)".to_owned(), |v| v.to_string())
        };
        let path = if self.path.is_empty() {
            "(whole contract)"
        } else {
            &self.path
        };
        write!(
            f,
            "{}: {}: expected {}, found {}",
            self.contract,
            path,
            show(&self.expected),
            show(&self.found)
        )
    }
}

/// Appends the differences between `expected` and `found` under `path`.
pub fn diff(
    contract: &str,
    path: &str,
    expected: &Value,
    found: &Value,
    out: &mut Vec<Difference>,
) {
    match (expected, found) {
        (Value::Object(e), Value::Object(f)) => {
            for (key, e_value) in e {
                let child = join(path, key);
                match f.get(key) {
                    Some(f_value) => diff(contract, &child, e_value, f_value, out),
                    None => out.push(Difference {
                        contract: contract.to_owned(),
                        path: child,
                        expected: Some(e_value.clone()),
                        found: None,
                    }),
                }
            }
            for (key, f_value) in f {
                if !e.contains_key(key) {
                    out.push(Difference {
                        contract: contract.to_owned(),
                        path: join(path, key),
                        expected: None,
                        found: Some(f_value.clone()),
                    });
                }
            }
        }
        (Value::Array(e), Value::Array(f)) => {
            for (i, e_value) in e.iter().enumerate() {
                let child = format!("{path}[{i}]");
                match f.get(i) {
                    Some(f_value) => diff(contract, &child, e_value, f_value, out),
                    None => out.push(Difference {
                        contract: contract.to_owned(),
                        path: child,
                        expected: Some(e_value.clone()),
                        found: None,
                    }),
                }
            }
            for (i, f_value) in f.iter().enumerate().skip(e.len()) {
                out.push(Difference {
                    contract: contract.to_owned(),
                    path: format!("{path}[{i}]"),
                    expected: None,
                    found: Some(f_value.clone()),
                });
            }
        }
        (e, f) if e == f => {}
        (e, f) => out.push(Difference {
            contract: contract.to_owned(),
            path: path.to_owned(),
            expected: Some(e.clone()),
            found: Some(f.clone()),
        }),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_every_differing_path() {
        let mut out = Vec::new();
        diff(
            "a@1",
            "",
            &json!({"x": 1, "y": [1, 2], "z": {"w": "a"}}),
            &json!({"x": 2, "y": [1], "z": {"w": "a", "v": true}}),
            &mut out,
        );
        let paths: Vec<&str> = out.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["x", "y[1]", "z.v"]);
        assert_eq!(out[0].to_string(), "a@1: x: expected 1, found 2");
    }
}

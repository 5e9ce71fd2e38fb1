//! Filter searches (`search_type=filter` on conversations, `search_filter` on people): a JSON array of
//! `{ model, criterion, operator, query: [string] }`, combined with `and` or `or`. The vocabulary is the
//! sandbox's (see `conventions`).

use serde_json::Value;

use crate::envelope::ApiError;

/// How a rule compares a field's values with its query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Eq,
    Neq,
    Has,
    Nhas,
    Gt,
    Lt,
    Exists,
}

/// One filter object.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The field, e.g. `meta.email`.
    pub criterion: String,
    operator: Operator,
    query: Vec<String>,
}

/// A parsed filter: rules and how to combine them.
#[derive(Debug, Clone)]
pub struct Filter {
    rules: Vec<Rule>,
    any: bool,
}

/// Reads `search_operator` (`and` when absent).
pub fn combine(value: Option<&str>) -> Result<bool, ApiError> {
    match value {
        None | Some("and") => Ok(false),
        Some("or") => Ok(true),
        Some(_) => Err(ApiError::invalid(
            "query.search_operator should be equal to one of the allowed values: and, or",
        )),
    }
}

impl Filter {
    /// Parses `raw` (the query parameter `name`) for `models`, accepting criteria `known` says are known.
    pub fn parse(
        raw: &str,
        name: &str,
        any: bool,
        models: &[&str],
        known: impl Fn(&str) -> bool,
    ) -> Result<Self, ApiError> {
        let items: Vec<Value> = serde_json::from_str(raw).map_err(|_| {
            ApiError::invalid(format!(
                "query.{name} should be a JSON array of filter objects"
            ))
        })?;
        let mut rules = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let at = format!("query.{name}[{index}]");
            let object = item
                .as_object()
                .ok_or_else(|| ApiError::invalid(format!("{at} should be object")))?;
            let text = |field: &str| {
                object
                    .get(field)
                    .and_then(Value::as_str)
                    .ok_or_else(|| ApiError::required(&at, field))
            };
            let model = text("model")?;
            if !models.contains(&model) {
                return Err(ApiError::invalid(format!(
                    "{at}.model should be equal to one of the allowed values: {}",
                    models.join(", ")
                )));
            }
            let criterion = text("criterion")?;
            if !known(criterion) {
                return Err(ApiError::invalid(format!(
                    "{at}.criterion {criterion:?} is not a known criterion"
                )));
            }
            let operator = match text("operator")? {
                "eq" => Operator::Eq,
                "neq" => Operator::Neq,
                "has" => Operator::Has,
                "nhas" => Operator::Nhas,
                "gt" => Operator::Gt,
                "lt" => Operator::Lt,
                "exists" => Operator::Exists,
                _ => {
                    return Err(ApiError::invalid(format!(
                        "{at}.operator should be equal to one of the allowed values: eq, neq, has, nhas, gt, lt, exists"
                    )))
                }
            };
            let query = match object.get("query") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(values)) => values
                    .iter()
                    .map(|value| match value {
                        Value::String(text) => Ok(text.to_lowercase()),
                        Value::Number(number) => Ok(number.to_string()),
                        Value::Bool(flag) => Ok(flag.to_string()),
                        _ => Err(ApiError::invalid(format!(
                            "{at}.query should be array of strings"
                        ))),
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => return Err(ApiError::invalid(format!("{at}.query should be array"))),
            };
            if query.is_empty() && operator != Operator::Exists {
                return Err(ApiError::invalid(format!(
                    "{at}.query should NOT have fewer than 1 items"
                )));
            }
            rules.push(Rule {
                criterion: criterion.to_owned(),
                operator,
                query,
            });
        }
        Ok(Self { rules, any })
    }

    /// Whether the values `values_of(criterion)` yields satisfy the filter.
    pub fn matches(&self, values_of: impl Fn(&str) -> Vec<String>) -> bool {
        let check = |rule: &Rule| {
            let values: Vec<String> = values_of(&rule.criterion)
                .into_iter()
                .map(|value| value.to_lowercase())
                .collect();
            let equal = || values.iter().any(|value| rule.query.contains(value));
            let contains = || {
                values.iter().any(|value| {
                    rule.query
                        .iter()
                        .any(|wanted| value.contains(wanted.as_str()))
                })
            };
            let number = |pick: fn(f64, f64) -> bool| {
                let wanted = rule.query.first().and_then(|text| text.parse::<f64>().ok());
                values
                    .iter()
                    .any(|value| match (value.parse::<f64>(), wanted) {
                        (Ok(have), Some(wanted)) => pick(have, wanted),
                        _ => false,
                    })
            };
            match rule.operator {
                Operator::Eq => equal(),
                Operator::Neq => !equal(),
                Operator::Has => contains(),
                Operator::Nhas => !contains(),
                Operator::Gt => number(|have, wanted| have > wanted),
                Operator::Lt => number(|have, wanted| have < wanted),
                Operator::Exists => values.iter().any(|value| !value.is_empty()),
            }
        };
        if self.rules.is_empty() {
            return true;
        }
        if self.any {
            self.rules.iter().any(check)
        } else {
            self.rules.iter().all(check)
        }
    }
}

/// The values at a dotted `path` in a JSON value: strings, numbers and booleans as text; arrays flattened.
pub fn values_at(root: &Value, path: &str) -> Vec<String> {
    let mut current = root;
    for part in path.split('.') {
        match current.get(part) {
            Some(next) => current = next,
            None => return Vec::new(),
        }
    }
    let mut out = Vec::new();
    let mut push = |value: &Value| match value {
        Value::String(text) => out.push(text.clone()),
        Value::Number(number) => out.push(number.to_string()),
        Value::Bool(flag) => out.push(flag.to_string()),
        _ => {}
    };
    match current {
        Value::Array(items) => items.iter().for_each(&mut push),
        other => push(other),
    }
    out
}

//! Finding what a command names: a contract by `key` or `key@version`, or the nearest name
//! when there is none.

use crate::{Ctx, Failure};
use contracts_core::syntax::{edit_distance, is_close, ContractRef};
use contracts_core::Contract;
use std::collections::BTreeSet;

/// The value closest to `wanted` among `candidates`, when close enough to be a likely typo.
pub(crate) fn nearest<'c>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    candidates
        .into_iter()
        .filter(|c| *c != wanted)
        .map(|c| (edit_distance(c, wanted), c))
        .min()
        .filter(|(d, _)| is_close(*d, wanted.len()))
        .map(|(_, c)| c)
}

pub(crate) fn did_you_mean(nearest: Option<&str>) -> String {
    nearest
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

impl Ctx<'_> {
    pub(crate) fn find(&self, reference: &str, what: &str) -> Result<Contract, Failure> {
        let parsed = ContractRef::parse(reference).map_err(|e| {
            Failure(format!(
                "`{reference}` is not a {what} reference (`key` or `key@version`): {}",
                match e {
                    contracts_core::syntax::ReferenceError::Key(k) => k.reason(),
                    contracts_core::syntax::ReferenceError::Version(v) => v.reason(),
                }
            ))
        })?;
        if let Some(contract) = self.registry.resolve(&parsed) {
            return Ok(contract);
        }
        let versions = self.registry.versions(parsed.key);
        if !versions.is_empty() {
            let known: Vec<String> = versions
                .iter()
                .map(|e| format!("`{}`", e.version()))
                .collect();
            return Err(Failure(format!(
                "`{}` has no version `{}`; its versions are {}",
                parsed.key,
                parsed.version.map(|v| v.as_str()).unwrap_or(""),
                known.join(", ")
            )));
        }
        Err(Failure(self.unknown_key(parsed.key, what)))
    }

    pub(crate) fn unknown_key(&self, key: &str, what: &str) -> String {
        let keys: BTreeSet<&str> = self.registry.iter().map(|c| c.key()).collect();
        let mut message = format!("no {what} `{key}` in the registry");
        // A namespace (`harness.run`): keys match exactly, so list the keys under it.
        let prefix = format!("{key}.");
        let under: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        if !under.is_empty() {
            let shown: Vec<String> = under.iter().take(5).map(|k| format!("`{k}`")).collect();
            let more = if under.len() > 5 { ", ..." } else { "" };
            message.push_str(&format!(
                "; keys match exactly: did you mean one under it, such as {}{more}?",
                shown.join(", ")
            ));
            return message;
        }
        if let Some(near) = nearest(key, keys.iter().copied()) {
            message.push_str(&format!("; did you mean `{near}`?"));
            return message;
        }
        if let Some((_, best)) = keys.iter().map(|k| (edit_distance(k, key), *k)).min() {
            message.push_str(&format!(
                "; the nearest key is `{best}` (run `contracts list` to see them all)"
            ));
        }
        message
    }
}

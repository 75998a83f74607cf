//! `context.pack.snapshot`.

use super::{internal, not_found};
use crate::canonical::content_hash;
use crate::records::{ContextPack, ContextSnapshot};
use crate::store::Store;
use contracts_context::{
    ContextPackSnapshotInput, ContextPackSnapshotOutput, ContextSnapshotCreatedPayload,
};
use contracts_core::syntax::Version;
use contracts_core::Id;
use contracts_runtime::{Ctx, Failure, Reply};
use serde_json::json;
use std::cmp::Ordering;
use std::sync::Arc;

/// `context.pack.snapshot`: freezes a context pack into an immutable, content-addressed
/// snapshot.
///
/// The pack must exist at `packVersion`, or at any version when it is absent, which then means
/// the latest by semver precedence (`NOT_FOUND` otherwise, with the known versions).
///
/// The snapshot's content is `{"packKey", "packVersion", "items"}`; its `hash` is the SHA-256
/// of the content's canonical JSON ([`crate::canonical`]) and its id `snap-<hash>`, so the same
/// content always gives the same id, and different content a different one. The request's
/// `reason`, `requestedBy` and `metadata` describe the request, not the content: they are
/// recorded on the snapshot by the call that creates it, and do not change its id.
///
/// - A new snapshot is stored (its items copied and frozen), `context.snapshot.created` is
///   emitted, and the reply is `CREATED`.
/// - If the snapshot exists, it is returned as it is, unchanged (its creation time and the
///   first request's reason included), nothing is emitted (no snapshot was created), and the
///   reply is `OK`.
///
/// Changing the pack afterwards ([`Store::put_context_pack`]) never changes a snapshot: the new
/// content gets a new snapshot.
pub fn snapshot_context_pack(
    store: &Store,
    input: ContextPackSnapshotInput,
    ctx: &Ctx<ContextPackSnapshotInput>,
) -> Result<Reply<ContextPackSnapshotOutput>, Failure> {
    let now = chrono::Utc::now();
    let mut guard = store.lock();
    let state = &mut *guard;
    let pack_key = input.pack_key.as_str();
    let Some(versions) = state.packs.get(pack_key).filter(|v| !v.is_empty()) else {
        return Err(not_found(format!("there is no context pack `{pack_key}`")));
    };
    let pack = match &input.pack_version {
        Some(version) => versions.get(version).ok_or_else(|| {
            let mut known: Vec<&str> = versions.keys().map(String::as_str).collect();
            known.sort_by(|a, b| version_cmp(a, b));
            not_found(format!(
                "context pack `{pack_key}` has no version `{version}` (known versions: {})",
                known.join(", ")
            ))
        })?,
        None => match versions
            .values()
            .max_by(|a, b| version_cmp(&a.version, &b.version))
        {
            Some(pack) => pack,
            None => return Err(not_found(format!("there is no context pack `{pack_key}`"))),
        },
    };
    let hash = content_hash(&content_of(pack).map_err(|_| {
        internal(format!(
            "the content of context pack `{pack_key}` does not serialize"
        ))
    })?);
    let snapshot_id = Id(format!("snap-{hash}"));
    if let Some(existing) = state.snapshots.get(snapshot_id.as_str()) {
        return Ok(Reply::ok(output_of(existing)));
    }
    let snapshot = ContextSnapshot {
        snapshot_id: snapshot_id.clone(),
        hash,
        pack_key: pack.pack_key.clone(),
        pack_version: pack.version.clone(),
        items: Arc::from(pack.items.clone()),
        created_at: now,
        reason: input.reason,
        requested_by: input.requested_by,
        metadata: input.metadata,
    };
    let output = output_of(&snapshot);
    state.snapshots.insert(snapshot_id.to_string(), snapshot);
    ctx.emit(ContextSnapshotCreatedPayload {
        snapshot_id: output.snapshot_id.clone(),
        pack_key: output.pack_key.clone(),
        pack_version: output.pack_version.clone(),
        hash: output.hash.clone(),
        item_count: output.item_count,
        created_at: output.created_at,
    });
    Ok(Reply::created(output))
}

/// What a snapshot of `pack` freezes, and its hash covers.
fn content_of(pack: &ContextPack) -> Result<serde_json::Value, serde_json::Error> {
    Ok(json!({
        "packKey": pack.pack_key,
        "packVersion": pack.version,
        "items": serde_json::to_value(&pack.items)?,
    }))
}

fn output_of(snapshot: &ContextSnapshot) -> ContextPackSnapshotOutput {
    ContextPackSnapshotOutput {
        snapshot_id: snapshot.snapshot_id.clone(),
        pack_key: snapshot.pack_key.clone(),
        pack_version: snapshot.pack_version.clone(),
        hash: snapshot.hash.clone(),
        item_count: Some(i64::try_from(snapshot.items.len()).unwrap_or(i64::MAX)),
        created_at: snapshot.created_at,
    }
}

/// Semver precedence; versions that are not semver sort before those that are, by text.
fn version_cmp(a: &str, b: &str) -> Ordering {
    match (Version::parse(a), Version::parse(b)) {
        (Ok(a), Ok(b)) => a.precedence_cmp(&b),
        (Ok(_), Err(_)) => Ordering::Greater,
        (Err(_), Ok(_)) => Ordering::Less,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::version_cmp;
    use std::cmp::Ordering;

    #[test]
    fn versions_by_precedence() {
        assert_eq!(version_cmp("1.10.0", "1.9.0"), Ordering::Greater);
        assert_eq!(version_cmp("1.0.0-beta", "1.0.0"), Ordering::Less);
        assert_eq!(version_cmp("draft", "0.0.1"), Ordering::Less);
    }
}

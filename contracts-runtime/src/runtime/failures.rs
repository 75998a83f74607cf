//! The failures the runtime itself produces, built out of line: every one ends a call, none is
//! on the path of a call that succeeds.

use crate::context::CallState;
use crate::events::PublishError;
use crate::failure::Failure;
use crate::result::{problem_of, AnyError, ContractResult};
use contracts_core::descriptors::OperationDescriptor;
use contracts_core::wire::{FailureCode, OperationRef};
use contracts_core::Registry;

/// The result of a failed dynamic call.
#[cold]
pub(super) fn problem(
    failure: Failure<AnyError>,
    operation: OperationRef,
    call: &CallState,
    problem_base: &str,
) -> ContractResult {
    let trace_id = call.context.trace_id().clone();
    let problem = problem_of(failure, Some(operation), trace_id, problem_base);
    ContractResult::Failure(Box::new(problem))
}

/// Why `registry` has no operation `key@version` (or `key`): the versions of `key` that are
/// operations, if any, or what `key@version` is instead.
#[cold]
pub(super) fn unknown<E>(registry: &Registry, key: &str, version: Option<&str>) -> Failure<E> {
    let versions = registry.versions(key);
    if let Some(entry) = versions
        .iter()
        .find(|e| Some(e.version()) == version && e.contract().as_operation().is_none())
        .or_else(|| match version {
            None if versions
                .iter()
                .all(|e| e.contract().as_operation().is_none()) =>
            {
                versions.last()
            }
            _ => None,
        })
    {
        let kind = entry.contract().kind().as_str();
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        return not_found(format!(
            "`{key}@{}` is not an operation but {article} {}",
            entry.version(),
            kind.replace('_', " ")
        ));
    }
    let known: Vec<&str> = versions
        .iter()
        .filter(|e| e.contract().as_operation().is_some())
        .map(|e| e.version())
        .collect();
    not_found(match version {
        Some(version) if !known.is_empty() => format!(
            "operation `{key}` has no version `{version}` (known versions: {})",
            known.join(", ")
        ),
        _ => format!("there is no operation `{key}`"),
    })
}

#[cold]
pub(super) fn internal<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::InternalError).with_detail(detail)
}

#[cold]
pub(super) fn emit_failed<E>(
    error: String,
    operation: &'static OperationDescriptor,
    span: &tracing::Span,
) -> Failure<E> {
    tracing::error!(parent: span, %error, "an emitted event does not serialize");
    internal(format!(
        "`{}` succeeded but emitted an event that does not serialize",
        operation.meta.key
    ))
}

#[cold]
pub(super) fn publish_failed<E>(
    error: &PublishError,
    count: usize,
    operation: &'static OperationDescriptor,
    span: &tracing::Span,
) -> Failure<E> {
    tracing::error!(parent: span, %error, count, "events could not be published");
    internal(format!(
        "`{}` succeeded but its events could not be published",
        operation.meta.key
    ))
}

#[cold]
fn not_found<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::NotFound).with_detail(detail)
}

#[cold]
pub(super) fn not_bound<E>(operation: &'static OperationDescriptor) -> Failure<E> {
    let meta = &operation.meta;
    not_implemented(format!(
        "no handler is bound to `{}@{}`",
        meta.key, meta.version
    ))
}

#[cold]
pub(super) fn bound_elsewhere<E>(operation: &'static OperationDescriptor) -> Failure<E> {
    let meta = &operation.meta;
    not_implemented(format!(
        "the handler of `{}@{}` is called with a runtime it is not bound to",
        meta.key, meta.version
    ))
}

#[cold]
pub(super) fn resolved_elsewhere<E>(operation: &'static OperationDescriptor) -> Failure<E> {
    let meta = &operation.meta;
    not_implemented(format!(
        "`{}@{}` was resolved in another registry than the runtime's",
        meta.key, meta.version
    ))
}

fn not_implemented<E>(detail: String) -> Failure<E> {
    Failure::standard(FailureCode::NotImplemented).with_detail(detail)
}

#[cold]
pub(super) fn panicked<E>(
    operation: &'static OperationDescriptor,
    span: &tracing::Span,
) -> Failure<E> {
    tracing::error!(parent: span, "the operation panicked");
    internal(format!(
        "`{}@{}` failed unexpectedly (it panicked)",
        operation.meta.key, operation.meta.version
    ))
}

//! What a handler returns: a [`Reply`] with a success code, or a [`Failure`].

use contracts_core::descriptors::ErrorSpec;
use contracts_core::wire::{FailureCode, Issue, SuccessCode};
use contracts_core::{ErrorCatalog, Escalation, NoErrors};
use std::borrow::Cow;

/// A handler's output with the success code to report (`OK` unless said otherwise).
///
/// Handlers may return `Result<Op::Output, _>` (reported as `OK`) or `Result<Reply<Op::Output>, _>`
/// to choose another standard success code.
///
/// ```
/// use contracts_runtime::{Reply, SuccessCode};
///
/// let reply = Reply::created("run-1");
/// assert_eq!(reply.code(), SuccessCode::Created);
/// assert_eq!(reply.into_value(), "run-1");
/// assert_eq!(Reply::no_content().code().status(), 204);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply<T> {
    code: SuccessCode,
    value: T,
}

impl<T> Reply<T> {
    /// `OK` 200.
    pub fn ok(value: T) -> Self {
        Reply {
            code: SuccessCode::Ok,
            value,
        }
    }

    /// `CREATED` 201.
    pub fn created(value: T) -> Self {
        Reply {
            code: SuccessCode::Created,
            value,
        }
    }

    /// `ACCEPTED` 202.
    pub fn accepted(value: T) -> Self {
        Reply {
            code: SuccessCode::Accepted,
            value,
        }
    }

    /// `QUEUED` 202.
    pub fn queued(value: T) -> Self {
        Reply {
            code: SuccessCode::Queued,
            value,
        }
    }

    /// `PARTIAL` 206.
    pub fn partial(value: T) -> Self {
        Reply {
            code: SuccessCode::Partial,
            value,
        }
    }

    /// `MULTI_STATUS` 207.
    pub fn multi_status(value: T) -> Self {
        Reply {
            code: SuccessCode::MultiStatus,
            value,
        }
    }

    /// The success code.
    pub fn code(&self) -> SuccessCode {
        self.code
    }

    /// The output.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The output, by value.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl Reply<()> {
    /// `NO_CONTENT` 204, for operations whose output is `()`: the result carries no data.
    pub fn no_content() -> Self {
        Reply {
            code: SuccessCode::NoContent,
            value: (),
        }
    }
}

/// Why a call failed: one of the operation's declared errors, or a standard failure code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason<E> {
    /// An error the operation declares (a variant of its [`ErrorCatalog`] enum).
    Declared(E),
    /// A standard failure code.
    Standard(FailureCode),
}

/// A failed call of operation whose declared errors are `E`: a [`Reason`], a detail for the
/// caller, and, when the runtime produced it, validation issues, a retry delay or a required
/// escalation.
///
/// A typed handler returns `Failure<Op::Errors>`, so it can only return the operation's own
/// declared errors or standard codes: returning another operation's error does not compile.
///
/// ```
/// use contracts_core::ErrorCatalog;
/// use contracts_runtime::{Failure, FailureCode, Reason};
///
/// /// The plan errors.
/// #[derive(Debug, PartialEq, ErrorCatalog)]
/// enum PlanError {
///     /// The plan is not approved.
///     #[contract_error(http = 409)]
///     NotApproved,
/// }
///
/// let declared: Failure<PlanError> = Failure::declared(PlanError::NotApproved).with_detail("plan p-1 is a draft");
/// assert_eq!((declared.code(), declared.status()), ("NOT_APPROVED", 409));
/// assert_eq!(declared.reason(), &Reason::Declared(PlanError::NotApproved));
///
/// let standard: Failure<PlanError> = Failure::standard(FailureCode::Conflict);
/// assert_eq!((standard.code(), standard.status()), ("CONFLICT", 409));
/// ```
#[derive(Clone, Debug)]
pub struct Failure<E = NoErrors> {
    reason: Reason<E>,
    detail: Option<Cow<'static, str>>,
    extra: Option<Box<Extra>>,
}

/// What the runtime adds to the failures it produces.
#[derive(Clone, Debug, Default)]
pub(crate) struct Extra {
    pub(crate) issues: Vec<Issue>,
    pub(crate) retry_after: Option<u64>,
    pub(crate) escalation: Option<Escalation>,
    pub(crate) metadata: Option<serde_json::Value>,
}

impl<E> Failure<E> {
    /// A failure with a standard code.
    pub fn standard(code: FailureCode) -> Self {
        Failure {
            reason: Reason::Standard(code),
            detail: None,
            extra: None,
        }
    }

    /// One of the operation's declared errors.
    pub fn declared(error: E) -> Self
    where
        E: ErrorCatalog,
    {
        Failure {
            reason: Reason::Declared(error),
            detail: None,
            extra: None,
        }
    }

    /// Adds a detail for the caller: what happened in this occurrence.
    ///
    /// The detail is returned to the caller but never logged, so it may name the caller's own
    /// data.
    pub fn with_detail(mut self, detail: impl Into<Cow<'static, str>>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Why the call failed.
    pub fn reason(&self) -> &Reason<E> {
        &self.reason
    }

    /// The declared error, if the failure is one.
    pub fn declared_error(&self) -> Option<&E> {
        match &self.reason {
            Reason::Declared(e) => Some(e),
            Reason::Standard(_) => None,
        }
    }

    /// The standard code, if the failure is not a declared error.
    pub fn standard_code(&self) -> Option<FailureCode> {
        match &self.reason {
            Reason::Declared(_) => None,
            Reason::Standard(code) => Some(*code),
        }
    }

    /// The detail, if any.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The problems found in the input (`VALIDATION_FAILED`).
    pub fn issues(&self) -> &[Issue] {
        self.extra.as_deref().map_or(&[], |e| &e.issues)
    }

    /// How many seconds to wait before retrying, if the policy said so (`RATE_LIMITED`).
    pub fn retry_after(&self) -> Option<u64> {
        self.extra.as_deref().and_then(|e| e.retry_after)
    }

    /// The escalation the call needs before it can run (`PRECONDITION_FAILED`).
    pub fn escalation(&self) -> Option<Escalation> {
        self.extra.as_deref().and_then(|e| e.escalation)
    }

    /// Extra information for diagnosis, such as the original code of an undeclared error.
    pub fn metadata(&self) -> Option<&serde_json::Value> {
        self.extra.as_deref().and_then(|e| e.metadata.as_ref())
    }

    pub(crate) fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Default::default)
    }

    pub(crate) fn with_issue(mut self, issue: Issue) -> Self {
        self.extra_mut().issues.push(issue);
        self
    }

    /// Converts the declared error with `f`, keeping the rest.
    pub(crate) fn map_declared<F>(self, f: impl FnOnce(E) -> F) -> Failure<F> {
        Failure {
            reason: match self.reason {
                Reason::Declared(e) => Reason::Declared(f(e)),
                Reason::Standard(code) => Reason::Standard(code),
            },
            detail: self.detail,
            extra: self.extra,
        }
    }
}

impl<E: ErrorCatalog> Failure<E> {
    /// The declared error's spec, or `None` for a standard code.
    pub fn spec(&self) -> Option<&'static ErrorSpec> {
        self.declared_error().map(ErrorCatalog::spec)
    }

    /// The code: the declared error's, or the standard one.
    pub fn code(&self) -> &'static str {
        match &self.reason {
            Reason::Declared(e) => e.code(),
            Reason::Standard(code) => code.as_str(),
        }
    }

    /// The HTTP status: the declared error's, or the standard one.
    pub fn status(&self) -> u16 {
        match &self.reason {
            Reason::Declared(e) => e.spec().http,
            Reason::Standard(code) => code.status(),
        }
    }
}

impl<E: ErrorCatalog> From<E> for Failure<E> {
    fn from(error: E) -> Self {
        Failure::declared(error)
    }
}

impl<E: ErrorCatalog> core::fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({})", self.code(), self.status())?;
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

impl<E: ErrorCatalog + core::fmt::Debug> std::error::Error for Failure<E> {}

/// What a handler's future may produce: `Result<Output, Failure<Errors>>` or
/// `Result<Reply<Output>, Failure<Errors>>`. Sealed.
#[diagnostic::on_unimplemented(
    message = "the handler returns `{Self}`, but the operation's output is `{T}` and its errors `{E}`",
    label = "the output or the errors differ from the operation's",
    note = "a handler returns `Result<{T}, Failure<{E}>>` or `Result<Reply<{T}>, Failure<{E}>>`: the declared output, and the declared errors or standard failure codes"
)]
pub trait IntoReply<T, E>: sealed::Sealed<T, E> {
    /// The reply, or the failure.
    fn into_reply(self) -> Result<Reply<T>, Failure<E>>;
}

mod sealed {
    pub trait Sealed<T, E> {}
}

impl<T, E> sealed::Sealed<T, E> for Result<T, Failure<E>> {}
impl<T, E> sealed::Sealed<T, E> for Result<Reply<T>, Failure<E>> {}

impl<T, E> IntoReply<T, E> for Result<T, Failure<E>> {
    #[inline]
    fn into_reply(self) -> Result<Reply<T>, Failure<E>> {
        self.map(Reply::ok)
    }
}

impl<T, E> IntoReply<T, E> for Result<Reply<T>, Failure<E>> {
    #[inline]
    fn into_reply(self) -> Result<Reply<T>, Failure<E>> {
        self
    }
}

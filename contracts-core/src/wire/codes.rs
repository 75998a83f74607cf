//! The standard result codes, with their HTTP statuses, titles and problem categories.

use crate::descriptors::OperationDescriptor;
use crate::{Auth, OperationKind};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A standard success code, as ContractSpec defines them.
///
/// ```
/// use contracts_core::wire::SuccessCode;
///
/// assert_eq!(SuccessCode::Created.as_str(), "CREATED");
/// assert_eq!(SuccessCode::Queued.status(), 202);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SuccessCode {
    /// `OK` 200: completed.
    #[default]
    Ok,
    /// `CREATED` 201: a resource was created.
    Created,
    /// `ACCEPTED` 202: accepted for processing.
    Accepted,
    /// `QUEUED` 202: queued for later processing.
    Queued,
    /// `NO_CONTENT` 204: completed, with no data.
    NoContent,
    /// `PARTIAL` 206: partly completed.
    Partial,
    /// `MULTI_STATUS` 207: several outcomes, some of which may have failed.
    MultiStatus,
}

impl SuccessCode {
    /// Every success code.
    pub const ALL: [SuccessCode; 7] = [
        SuccessCode::Ok,
        SuccessCode::Created,
        SuccessCode::Accepted,
        SuccessCode::Queued,
        SuccessCode::NoContent,
        SuccessCode::Partial,
        SuccessCode::MultiStatus,
    ];

    /// The code, `SCREAMING_SNAKE_CASE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SuccessCode::Ok => "OK",
            SuccessCode::Created => "CREATED",
            SuccessCode::Accepted => "ACCEPTED",
            SuccessCode::Queued => "QUEUED",
            SuccessCode::NoContent => "NO_CONTENT",
            SuccessCode::Partial => "PARTIAL",
            SuccessCode::MultiStatus => "MULTI_STATUS",
        }
    }

    /// The HTTP status.
    pub const fn status(self) -> u16 {
        match self {
            SuccessCode::Ok => 200,
            SuccessCode::Created => 201,
            SuccessCode::Accepted | SuccessCode::Queued => 202,
            SuccessCode::NoContent => 204,
            SuccessCode::Partial => 206,
            SuccessCode::MultiStatus => 207,
        }
    }

    /// The state of the result: `completed`, `created`, `accepted`, `queued`, `empty` or
    /// `partial`.
    pub const fn state(self) -> &'static str {
        match self {
            SuccessCode::Ok => "completed",
            SuccessCode::Created => "created",
            SuccessCode::Accepted => "accepted",
            SuccessCode::Queued => "queued",
            SuccessCode::NoContent => "empty",
            SuccessCode::Partial | SuccessCode::MultiStatus => "partial",
        }
    }
}

/// A standard failure code, as ContractSpec defines them.
///
/// ```
/// use contracts_core::wire::{FailureCode, ProblemCategory};
///
/// let code = FailureCode::RateLimited;
/// assert_eq!((code.as_str(), code.status()), ("RATE_LIMITED", 429));
/// assert_eq!(code.category(), ProblemCategory::RateLimit);
/// assert!(code.retryable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureCode {
    /// `BAD_REQUEST` 400: the request is malformed (such as JSON that does not parse).
    BadRequest,
    /// `UNAUTHENTICATED` 401: the caller must authenticate.
    Unauthenticated,
    /// `PAYMENT_REQUIRED` 402.
    PaymentRequired,
    /// `FORBIDDEN` 403: the caller may not do this.
    Forbidden,
    /// `NOT_FOUND` 404.
    NotFound,
    /// `METHOD_NOT_ALLOWED` 405.
    MethodNotAllowed,
    /// `CONFLICT` 409: the request conflicts with the current state.
    Conflict,
    /// `GONE` 410.
    Gone,
    /// `PRECONDITION_FAILED` 412 (also: a required human review has not approved the call).
    PreconditionFailed,
    /// `PAYLOAD_TOO_LARGE` 413: the request body is larger than the server accepts.
    PayloadTooLarge,
    /// `UNSUPPORTED_MEDIA_TYPE` 415: the request body is not of a media type the server reads.
    UnsupportedMediaType,
    /// `VALIDATION_FAILED` 422: the input does not match the contract.
    ValidationFailed,
    /// `RATE_LIMITED` 429.
    RateLimited,
    /// `INTERNAL_ERROR` 500.
    InternalError,
    /// `NOT_IMPLEMENTED` 501 (also: no handler is bound to the operation).
    NotImplemented,
    /// `BAD_GATEWAY` 502.
    BadGateway,
    /// `SERVICE_UNAVAILABLE` 503.
    ServiceUnavailable,
    /// `TIMEOUT` 504.
    Timeout,
}

impl FailureCode {
    /// Every failure code.
    pub const ALL: [FailureCode; 18] = [
        FailureCode::BadRequest,
        FailureCode::Unauthenticated,
        FailureCode::PaymentRequired,
        FailureCode::Forbidden,
        FailureCode::NotFound,
        FailureCode::MethodNotAllowed,
        FailureCode::Conflict,
        FailureCode::Gone,
        FailureCode::PreconditionFailed,
        FailureCode::PayloadTooLarge,
        FailureCode::UnsupportedMediaType,
        FailureCode::ValidationFailed,
        FailureCode::RateLimited,
        FailureCode::InternalError,
        FailureCode::NotImplemented,
        FailureCode::BadGateway,
        FailureCode::ServiceUnavailable,
        FailureCode::Timeout,
    ];

    /// The code, `SCREAMING_SNAKE_CASE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FailureCode::BadRequest => "BAD_REQUEST",
            FailureCode::Unauthenticated => "UNAUTHENTICATED",
            FailureCode::PaymentRequired => "PAYMENT_REQUIRED",
            FailureCode::Forbidden => "FORBIDDEN",
            FailureCode::NotFound => "NOT_FOUND",
            FailureCode::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            FailureCode::Conflict => "CONFLICT",
            FailureCode::Gone => "GONE",
            FailureCode::PreconditionFailed => "PRECONDITION_FAILED",
            FailureCode::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            FailureCode::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            FailureCode::ValidationFailed => "VALIDATION_FAILED",
            FailureCode::RateLimited => "RATE_LIMITED",
            FailureCode::InternalError => "INTERNAL_ERROR",
            FailureCode::NotImplemented => "NOT_IMPLEMENTED",
            FailureCode::BadGateway => "BAD_GATEWAY",
            FailureCode::ServiceUnavailable => "SERVICE_UNAVAILABLE",
            FailureCode::Timeout => "TIMEOUT",
        }
    }

    /// The HTTP status.
    pub const fn status(self) -> u16 {
        match self {
            FailureCode::BadRequest => 400,
            FailureCode::Unauthenticated => 401,
            FailureCode::PaymentRequired => 402,
            FailureCode::Forbidden => 403,
            FailureCode::NotFound => 404,
            FailureCode::MethodNotAllowed => 405,
            FailureCode::Conflict => 409,
            FailureCode::Gone => 410,
            FailureCode::PreconditionFailed => 412,
            FailureCode::PayloadTooLarge => 413,
            FailureCode::UnsupportedMediaType => 415,
            FailureCode::ValidationFailed => 422,
            FailureCode::RateLimited => 429,
            FailureCode::InternalError => 500,
            FailureCode::NotImplemented => 501,
            FailureCode::BadGateway => 502,
            FailureCode::ServiceUnavailable => 503,
            FailureCode::Timeout => 504,
        }
    }

    /// The problem title: a short summary of the problem type.
    pub const fn title(self) -> &'static str {
        match self {
            FailureCode::BadRequest => "Bad request",
            FailureCode::Unauthenticated => "Authentication required",
            FailureCode::PaymentRequired => "Payment required",
            FailureCode::Forbidden => "Forbidden",
            FailureCode::NotFound => "Not found",
            FailureCode::MethodNotAllowed => "Method not allowed",
            FailureCode::Conflict => "Conflict",
            FailureCode::Gone => "Gone",
            FailureCode::PreconditionFailed => "Precondition failed",
            FailureCode::PayloadTooLarge => "Payload too large",
            FailureCode::UnsupportedMediaType => "Unsupported media type",
            FailureCode::ValidationFailed => "Validation failed",
            FailureCode::RateLimited => "Rate limited",
            FailureCode::InternalError => "Internal error",
            FailureCode::NotImplemented => "Not implemented",
            FailureCode::BadGateway => "Bad gateway",
            FailureCode::ServiceUnavailable => "Service unavailable",
            FailureCode::Timeout => "Timeout",
        }
    }

    /// The problem category.
    pub const fn category(self) -> ProblemCategory {
        match self {
            FailureCode::BadRequest
            | FailureCode::MethodNotAllowed
            | FailureCode::PayloadTooLarge
            | FailureCode::UnsupportedMediaType
            | FailureCode::ValidationFailed => ProblemCategory::Validation,
            FailureCode::Unauthenticated | FailureCode::Forbidden => ProblemCategory::Auth,
            FailureCode::PaymentRequired => ProblemCategory::Payment,
            FailureCode::NotFound | FailureCode::Gone => ProblemCategory::NotFound,
            FailureCode::Conflict | FailureCode::PreconditionFailed => ProblemCategory::Conflict,
            FailureCode::RateLimited => ProblemCategory::RateLimit,
            FailureCode::InternalError | FailureCode::NotImplemented => ProblemCategory::Internal,
            FailureCode::BadGateway | FailureCode::ServiceUnavailable => {
                ProblemCategory::Dependency
            }
            FailureCode::Timeout => ProblemCategory::Timeout,
        }
    }

    /// Whether retrying the same call may succeed: true for 429, 502, 503 and 504.
    pub const fn retryable(self) -> bool {
        retryable(self.status())
    }

    /// The standard failure code with this HTTP status, if any.
    pub fn from_status(status: u16) -> Option<FailureCode> {
        FailureCode::ALL.into_iter().find(|c| c.status() == status)
    }

    /// When a server answers with the code, in one sentence (the OpenAPI document's
    /// description of the response).
    pub const fn explanation(self) -> &'static str {
        match self {
            FailureCode::BadRequest => {
                "the request is malformed (a body or parameter that is not valid JSON)."
            }
            FailureCode::Unauthenticated => "the operation requires an authenticated caller.",
            FailureCode::PaymentRequired => "the operation requires a payment.",
            FailureCode::Forbidden => {
                "the caller may not call the operation (auth level, policy or feature flag)."
            }
            FailureCode::NotFound => "what the call refers to does not exist.",
            FailureCode::MethodNotAllowed => "the operation is called with another HTTP method.",
            FailureCode::Conflict => "the call conflicts with the current state.",
            FailureCode::Gone => "what the call refers to no longer exists.",
            FailureCode::PreconditionFailed => {
                "the operation requires a human review that has not approved the call (see `escalation`)."
            }
            FailureCode::PayloadTooLarge => {
                "the request body is larger than the server accepts."
            }
            FailureCode::UnsupportedMediaType => {
                "the request body is not JSON (its `Content-Type` is another media type)."
            }
            FailureCode::ValidationFailed => {
                "the input does not match the contract (see `issues`)."
            }
            FailureCode::RateLimited => {
                "too many calls; retry after `retryAfter` seconds when given."
            }
            FailureCode::InternalError => "the handler failed unexpectedly.",
            FailureCode::NotImplemented => "no handler is bound to the operation.",
            FailureCode::BadGateway => "a dependency answered with an error.",
            FailureCode::ServiceUnavailable => "the service cannot answer now.",
            FailureCode::Timeout => {
                "the call did not complete within the server's time limit; it may have taken effect."
            }
        }
    }

    /// The standard failures a server documents for some operations, by status: those
    /// [`documented_for`](FailureCode::documented_for) can give.
    pub const DOCUMENTED: [FailureCode; 11] = [
        FailureCode::BadRequest,
        FailureCode::Unauthenticated,
        FailureCode::Forbidden,
        FailureCode::NotFound,
        FailureCode::PreconditionFailed,
        FailureCode::PayloadTooLarge,
        FailureCode::UnsupportedMediaType,
        FailureCode::ValidationFailed,
        FailureCode::RateLimited,
        FailureCode::InternalError,
        FailureCode::Timeout,
    ];

    /// The standard failures a server documents for `operation`, by status: what any call may
    /// answer (`BAD_REQUEST`, `FORBIDDEN`, `NOT_FOUND`, `VALIDATION_FAILED`, `RATE_LIMITED`,
    /// `INTERNAL_ERROR`, `TIMEOUT`), `UNAUTHENTICATED` unless the operation is anonymous,
    /// `PRECONDITION_FAILED` if it escalates, and `PAYLOAD_TOO_LARGE` and
    /// `UNSUPPORTED_MEDIA_TYPE` for a command (whose input is a request body).
    ///
    /// ```
    /// use contracts_core::wire::FailureCode;
    /// # use contracts_core::{command, registry, Model, Operation};
    /// # /// Rename a board.
    /// # #[command(key = "demo.board.rename", version = "1.0.0", output = String, policy(auth = "user"))]
    /// # #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
    /// # pub struct Rename { pub title: String }
    /// # registry! { pub static DEMO; defaults(owners = ["team.demo"], stability = "beta"); contracts(Rename); }
    /// # fn main() {
    /// let documented: Vec<u16> = FailureCode::documented_for(Rename::DESCRIPTOR)
    ///     .map(FailureCode::status)
    ///     .collect();
    /// assert_eq!(documented, [400, 401, 403, 404, 413, 415, 422, 429, 500, 504]);
    /// # }
    /// ```
    pub fn documented_for(
        operation: &OperationDescriptor,
    ) -> impl Iterator<Item = FailureCode> + Clone + '_ {
        FailureCode::DOCUMENTED
            .into_iter()
            .filter(move |code| match code {
                FailureCode::Unauthenticated => operation.policy.auth != Auth::Anonymous,
                FailureCode::PreconditionFailed => operation.policy.escalate.is_some(),
                FailureCode::PayloadTooLarge | FailureCode::UnsupportedMediaType => {
                    operation.kind == OperationKind::Command
                }
                _ => true,
            })
    }
}

/// Whether a failure with this status may succeed when retried.
pub(crate) const fn retryable(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// What kind of problem a failure is, for dashboards and retry logic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemCategory {
    /// Authentication or authorization.
    Auth,
    /// A conflict with the current state.
    Conflict,
    /// A dependency failed.
    Dependency,
    /// A bug or an unexpected condition.
    Internal,
    /// Something does not exist.
    NotFound,
    /// Payment is required.
    Payment,
    /// Too many calls.
    RateLimit,
    /// Something took too long.
    Timeout,
    /// The input is invalid.
    Validation,
}

impl ProblemCategory {
    /// Every category.
    pub const ALL: [ProblemCategory; 9] = [
        ProblemCategory::Auth,
        ProblemCategory::Conflict,
        ProblemCategory::Dependency,
        ProblemCategory::Internal,
        ProblemCategory::NotFound,
        ProblemCategory::Payment,
        ProblemCategory::RateLimit,
        ProblemCategory::Timeout,
        ProblemCategory::Validation,
    ];

    /// The category, `snake_case`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemCategory::Auth => "auth",
            ProblemCategory::Conflict => "conflict",
            ProblemCategory::Dependency => "dependency",
            ProblemCategory::Internal => "internal",
            ProblemCategory::NotFound => "not_found",
            ProblemCategory::Payment => "payment",
            ProblemCategory::RateLimit => "rate_limit",
            ProblemCategory::Timeout => "timeout",
            ProblemCategory::Validation => "validation",
        }
    }

    /// The category of a failure with this HTTP status: that of the standard code with the
    /// status, else `internal` for 5xx and `validation` for 4xx.
    pub fn of_status(status: u16) -> ProblemCategory {
        match FailureCode::from_status(status) {
            Some(code) => code.category(),
            None if status >= 500 => ProblemCategory::Internal,
            None => ProblemCategory::Validation,
        }
    }
}

/// How severe a problem is: `error` for 5xx, `warning` otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    /// A client-side problem.
    Warning,
    /// A server-side problem.
    Error,
}

impl Severity {
    /// Every severity.
    pub const ALL: [Severity; 2] = [Severity::Warning, Severity::Error];

    /// `warning` or `error`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity of a failure with this HTTP status.
    pub const fn of_status(status: u16) -> Severity {
        if status >= 500 {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

macro_rules! serialize_as_str {
    ($($ty:ident),*) => {$(
        impl $ty {
            /// The value spelled `text` ([`as_str`](Self::as_str)), if any.
            pub fn parse(text: &str) -> Option<$ty> {
                $ty::ALL.into_iter().find(|value| value.as_str() == text)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $ty::parse(&text).ok_or_else(|| {
                    let expected: Vec<&str> = $ty::ALL.iter().map(|v| v.as_str()).collect();
                    serde::de::Error::custom(format_args!(
                        "unknown {} `{text}`: expected one of {}",
                        stringify!($ty),
                        expected.join(", ")
                    ))
                })
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}

serialize_as_str!(SuccessCode, FailureCode, ProblemCategory, Severity);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_contractspec() {
        let success: Vec<(&str, u16)> = SuccessCode::ALL
            .iter()
            .map(|c| (c.as_str(), c.status()))
            .collect();
        assert_eq!(
            success,
            [
                ("OK", 200),
                ("CREATED", 201),
                ("ACCEPTED", 202),
                ("QUEUED", 202),
                ("NO_CONTENT", 204),
                ("PARTIAL", 206),
                ("MULTI_STATUS", 207)
            ]
        );
        let failures: Vec<(&str, u16)> = FailureCode::ALL
            .iter()
            .map(|c| (c.as_str(), c.status()))
            .collect();
        assert_eq!(
            failures,
            [
                ("BAD_REQUEST", 400),
                ("UNAUTHENTICATED", 401),
                ("PAYMENT_REQUIRED", 402),
                ("FORBIDDEN", 403),
                ("NOT_FOUND", 404),
                ("METHOD_NOT_ALLOWED", 405),
                ("CONFLICT", 409),
                ("GONE", 410),
                ("PRECONDITION_FAILED", 412),
                ("PAYLOAD_TOO_LARGE", 413),
                ("UNSUPPORTED_MEDIA_TYPE", 415),
                ("VALIDATION_FAILED", 422),
                ("RATE_LIMITED", 429),
                ("INTERNAL_ERROR", 500),
                ("NOT_IMPLEMENTED", 501),
                ("BAD_GATEWAY", 502),
                ("SERVICE_UNAVAILABLE", 503),
                ("TIMEOUT", 504)
            ]
        );
        let retryable: Vec<&str> = FailureCode::ALL
            .iter()
            .filter(|c| c.retryable())
            .map(|c| c.as_str())
            .collect();
        assert_eq!(
            retryable,
            [
                "RATE_LIMITED",
                "BAD_GATEWAY",
                "SERVICE_UNAVAILABLE",
                "TIMEOUT"
            ]
        );
        assert_eq!(ProblemCategory::of_status(418), ProblemCategory::Validation);
        assert_eq!(
            serde_json::to_value(ProblemCategory::RateLimit).unwrap(),
            "rate_limit"
        );
        assert_eq!(ProblemCategory::of_status(507), ProblemCategory::Internal);
        assert_eq!(Severity::of_status(404), Severity::Warning);
    }

    /// Every code reads back as it is written.
    #[test]
    fn codes_round_trip() {
        for code in SuccessCode::ALL {
            let text = serde_json::to_string(&code).unwrap();
            assert_eq!(serde_json::from_str::<SuccessCode>(&text).unwrap(), code);
        }
        for code in FailureCode::ALL {
            assert_eq!(FailureCode::parse(code.as_str()), Some(code));
        }
        for category in ProblemCategory::ALL {
            assert_eq!(ProblemCategory::parse(category.as_str()), Some(category));
        }
        assert!(serde_json::from_str::<Severity>(r#""fatal""#).is_err());
    }
}

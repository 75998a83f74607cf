//! What a call gives back: the operation's output with its success code and trace id, or a
//! typed failure.

use contracts_core::wire::{FailureCode, Problem, SuccessCode, TraceId};
use contracts_core::ErrorCatalog;

/// A successful call: the operation's output, the success code the handler chose and the
/// call's trace id. Dereferences to the output.
///
/// ```
/// use contracts_client::Reply;
/// use contracts_core::wire::{SuccessCode, TraceId};
///
/// let reply = Reply::new(String::from("run-1"), SuccessCode::Created, TraceId::from("t-1"));
/// assert_eq!((reply.code(), reply.status()), (SuccessCode::Created, 201));
/// assert_eq!(reply.len(), 5);
/// assert_eq!(reply.into_output(), "run-1");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Reply<T> {
    output: T,
    code: SuccessCode,
    trace_id: TraceId,
}

impl<T> Reply<T> {
    /// A reply of `output` with `code`, for the call `trace_id`.
    pub fn new(output: T, code: SuccessCode, trace_id: TraceId) -> Reply<T> {
        Reply {
            output,
            code,
            trace_id,
        }
    }

    /// The output.
    pub fn output(&self) -> &T {
        &self.output
    }

    /// The output, by value.
    pub fn into_output(self) -> T {
        self.output
    }

    /// The success code.
    pub fn code(&self) -> SuccessCode {
        self.code
    }

    /// The HTTP status of the success code.
    pub fn status(&self) -> u16 {
        self.code.status()
    }

    /// The call's trace id, as the server answered it.
    pub fn trace_id(&self) -> &TraceId {
        &self.trace_id
    }
}

impl<T> core::ops::Deref for Reply<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.output
    }
}

/// Why a call did not give the operation's output.
///
/// The server's answers are typed by what they are: one of the operation's own declared errors
/// as a value of its error catalog `E` (read back from the problem's code by
/// [`ErrorCatalog::from_code`]), a standard failure, or a code neither knows (a server of
/// another version); each with the whole RFC 9457 [`Problem`]. When no answer reads as the
/// contract (unreachable server, timeout, a body that is neither an envelope nor a problem),
/// the failure is a [`TransportError`].
///
/// ```
/// use contracts_client::CallError;
/// use contracts_core::wire::{Problem, TraceId};
/// use contracts_core::ErrorCatalog;
///
/// #[derive(Debug, PartialEq, ErrorCatalog)]
/// pub enum PlaceError {
///     /// No stock left.
///     #[contract_error(http = 409)]
///     OutOfStock,
///     /// The basket is empty.
///     #[contract_error(http = 422)]
///     EmptyBasket,
/// }
///
/// let problem = Problem::new("", "EMPTY_BASKET", 422, "The basket is empty.", TraceId::from("t-1"));
/// match CallError::<PlaceError>::from_problem(problem) {
///     CallError::Declared(PlaceError::EmptyBasket, problem) => assert_eq!(problem.status, 422),
///     other => panic!("expected EMPTY_BASKET, got {other:?}"),
/// }
///
/// let problem = Problem::new("", "NOT_FOUND", 404, "Not found.", TraceId::from("t-2"));
/// let error = CallError::<PlaceError>::from_problem(problem);
/// assert_eq!((error.declared(), error.code()), (None, Some("NOT_FOUND")));
/// ```
#[derive(Debug)]
pub enum CallError<E> {
    /// One of the operation's declared errors, as its catalog's value.
    Declared(E, Box<Problem>),
    /// A standard failure code.
    Standard(FailureCode, Box<Problem>),
    /// A failure whose code is neither declared by the operation nor standard.
    Undeclared(Box<Problem>),
    /// No answer that reads as the contract.
    Transport(TransportError),
}

impl<E: ErrorCatalog> CallError<E> {
    /// The failure a problem stands for, by its code.
    pub fn from_problem(problem: Problem) -> CallError<E> {
        if let Some(declared) = E::from_code(&problem.code) {
            return CallError::Declared(declared, Box::new(problem));
        }
        match FailureCode::parse(&problem.code) {
            Some(code) => CallError::Standard(code, Box::new(problem)),
            None => CallError::Undeclared(Box::new(problem)),
        }
    }
}

impl<E> CallError<E> {
    /// The server's problem, unless no answer read as the contract.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            CallError::Declared(_, problem)
            | CallError::Standard(_, problem)
            | CallError::Undeclared(problem) => Some(problem),
            CallError::Transport(_) => None,
        }
    }

    /// The standard failure code, if the failure is one.
    pub fn standard(&self) -> Option<FailureCode> {
        match self {
            CallError::Standard(code, _) => Some(*code),
            _ => None,
        }
    }

    /// The declared error, if the failure is one.
    pub fn declared(&self) -> Option<&E> {
        match self {
            CallError::Declared(error, _) => Some(error),
            _ => None,
        }
    }

    /// The declared error by value, if the failure is one.
    pub fn into_declared(self) -> Option<E> {
        match self {
            CallError::Declared(error, _) => Some(error),
            _ => None,
        }
    }

    /// The failure's code: the problem's, or `None` for a transport error.
    pub fn code(&self) -> Option<&str> {
        self.problem().map(|problem| problem.code.as_ref())
    }

    /// The HTTP status the server answered with, if it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            CallError::Transport(error) => error.status,
            _ => self.problem().map(|problem| problem.status),
        }
    }

    /// The call's trace id, if the server answered one.
    pub fn trace_id(&self) -> Option<&TraceId> {
        match self {
            CallError::Transport(error) => error.trace_id.as_ref(),
            _ => self.problem().map(|problem| &problem.trace_id),
        }
    }
}

impl<E> core::fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            CallError::Transport(error) => error.fmt(f),
            _ => {
                let problem = self.problem().expect("a failure other than transport");
                write!(f, "{} {}: {}", problem.status, problem.code, problem.title)?;
                if let Some(detail) = &problem.detail {
                    write!(f, ": {detail}")?;
                }
                Ok(())
            }
        }
    }
}

impl<E> std::error::Error for CallError<E> where E: core::fmt::Debug {}

/// What went wrong below the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportKind {
    /// The request could not be made: the operation is not in the client's registry, or its
    /// input cannot be written.
    Request,
    /// The server could not be reached, or the connection failed.
    Connect,
    /// The call took longer than its timeout.
    Timeout,
    /// The answer is neither the operation's output nor a problem.
    Response,
}

/// A failure below the contract: what happened, the HTTP status and trace id if the server
/// answered, and a message.
#[derive(Clone, Debug)]
pub struct TransportError {
    /// What happened.
    pub kind: TransportKind,
    /// The HTTP status, if the server answered.
    pub status: Option<u16>,
    /// The trace id, if the server answered one.
    pub trace_id: Option<TraceId>,
    /// What went wrong, for people.
    pub message: String,
}

impl TransportError {
    /// The input could not be serialized: the call was never sent.
    pub(crate) fn input(error: serde_json::Error) -> TransportError {
        TransportError::new(
            TransportKind::Request,
            format!("the input does not serialize: {error}"),
        )
    }

    pub(crate) fn new(kind: TransportKind, message: impl Into<String>) -> TransportError {
        TransportError {
            kind,
            status: None,
            trace_id: None,
            message: message.into(),
        }
    }
}

impl core::fmt::Display for TransportError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.status {
            Some(status) => write!(f, "{} (HTTP {status})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for TransportError {}

impl<E> From<TransportError> for CallError<E> {
    fn from(error: TransportError) -> Self {
        CallError::Transport(error)
    }
}

/// The result of a typed call of `Op`.
pub type CallResult<Op> = Result<
    Reply<<Op as contracts_core::Operation>::Output>,
    CallError<<Op as contracts_core::Operation>::Errors>,
>;

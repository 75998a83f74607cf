// Calls every reference operation (contracts-reference) and every operation of the library
// fixture through the generated clients, handling their failures by code.
//
// The compiler checks the calls and the error handling in strict mode (`@ts-expect-error`
// marks what must not compile); `run` makes the calls against the real servers and returns
// what did not hold. The Rust test `typescript.rs` generates the modules, compiles this file
// and runs it with `run.mjs`.

import * as cp from "./control_plane.js";
import * as context from "./context.js";
import * as harness from "./harness.js";
import * as library from "./library.js";

/** The base URLs of the servers. */
export interface Servers {
  readonly reference: string;
  readonly library: string;
}

/** The bearer tokens the servers know. */
export interface Tokens {
  readonly admin: string;
  readonly user: string;
}

/** The records of the reference store (`contracts_reference::fixtures`). */
export interface Fixtures {
  readonly approvedPlan: string;
  readonly approvedExecution: string;
  readonly auditedExecution: string;
  readonly auditedRun: string;
  readonly refundStep: string;
  readonly checkoutScenario: string;
  readonly supportPack: string;
}

/** Every failure of `harness.run.start`, told apart by code: the union must be exactly this. */
export function describeStartFailure(
  failure: harness.Failure<harness.harness_run_start_v1_0_0_ErrorCode>,
): string {
  switch (failure.code) {
    case "SCENARIO_OR_SUITE_REQUIRED":
      return `declared (${failure.status}): ${failure.problem.title}`;
    case "BAD_REQUEST":
    case "UNAUTHENTICATED":
    case "FORBIDDEN":
    case "NOT_FOUND":
    case "PAYLOAD_TOO_LARGE":
    case "UNSUPPORTED_MEDIA_TYPE":
    case "VALIDATION_FAILED":
    case "RATE_LIMITED":
    case "INTERNAL_ERROR":
    case "TIMEOUT":
      return `standard (${failure.problem.status}): ${failure.problem.title}`;
    case "UNEXPECTED_RESPONSE":
      return `unexpected (${failure.status}): ${failure.problem?.code ?? failure.body}`;
    case "NETWORK_ERROR":
      return `no answer: ${String(failure.error)}`;
    default: {
      const unreachable: never = failure;
      return unreachable;
    }
  }
}

/** What does not compile: inputs that break the contracts, codes an operation does not have. */
export function mistakes(client: cp.Client, result: cp.Result<unknown, cp.controlPlane_execution_start_v1_0_0_ErrorCode>): void {
  // @ts-expect-error `planId` is required.
  void cp.controlPlane_execution_start_v1_0_0(client, { executionId: "e" });
  // @ts-expect-error an optional field may be absent, never null.
  void harness.harness_run_start_v1_0_0(client, { scenarioKey: null });
  // @ts-expect-error a field the input does not have.
  void harness.harness_run_get_v1_0_0(client, { runId: "r", verbose: true });
  // @ts-expect-error a unit enum is one of its values.
  void library.library_loan_search_v1_0_0(client, { text: "t", kinds: ["LOST"] });
  // @ts-expect-error an internally tagged variant needs its fields.
  void library.library_loan_find_v1_0_0(client, { method: "pickup" });
  // @ts-expect-error the operation declares no such error.
  if (!result.ok && result.code === "PLAN_NOT_FOUND") return;
  // @ts-expect-error a standard failure is not a declared error.
  const declared: library.library_loan_create_v1_0_0_DeclaredError = { type: "t", title: "t", status: 403, code: "FORBIDDEN" };
  void declared;
  // @ts-expect-error a date-time is a string.
  const loan: library.library_loan_created_v1_0_0_Payload = { loanId: "l", createdBy: "a", createdAt: new Date() };
  void loan;
}

/** The same JSON: equal values, whatever the order of members. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Calls the servers; returns what did not hold (nothing when all did). */
export async function run(servers: Servers, tokens: Tokens, fixtures: Fixtures): Promise<string[]> {
  const problems: string[] = [];
  const expect = (holds: boolean, what: string, got?: unknown): void => {
    if (!holds) {
      problems.push(`${what}${got === undefined ? "" : `: got ${JSON.stringify(got)}`}`);
    }
  };
  const admin = new cp.Client({ baseUrl: servers.reference, token: tokens.admin });
  const user = new cp.Client({ baseUrl: `${servers.reference}/`, token: () => Promise.resolve(tokens.user) });
  const anonymous = new cp.Client({ baseUrl: servers.reference });

  // controlPlane.execution.start: success with the trace id sent, then the failures.
  const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
  const started = await cp.controlPlane_execution_start_v1_0_0(
    admin,
    { executionId: fixtures.approvedExecution, planId: fixtures.approvedPlan },
    { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
  );
  if (started.ok && started.code !== "NO_CONTENT") {
    expect(started.code === "CREATED" && started.status === 201, "start: CREATED", started);
    expect(started.data.status === "running", "start: running", started.data);
    expect(typeof started.data.runId === "string", "start: a run id", started.data);
    expect(started.traceId === traceId, "start: the trace id sent comes back", started.traceId);
  } else {
    expect(false, "start succeeds", started);
  }
  const again = await cp.controlPlane_execution_start_v1_0_0(admin, {
    executionId: fixtures.approvedExecution,
    planId: fixtures.approvedPlan,
  });
  // A handler's CONFLICT is not in the operation's OpenAPI responses: unexpected, problem kept.
  expect(
    !again.ok && again.code === "UNEXPECTED_RESPONSE" && again.status === 409 && again.problem?.code === "CONFLICT",
    "start again: an undocumented CONFLICT",
    again,
  );
  expect(!again.ok && /^[0-9a-f]{32}$/.test(again.traceId), "start again: a trace id", again.traceId);
  const anonymousStart = await cp.controlPlane_execution_start_v1_0_0(anonymous, {
    executionId: fixtures.approvedExecution,
    planId: fixtures.approvedPlan,
  });
  if (!anonymousStart.ok && anonymousStart.code === "UNAUTHENTICATED") {
    expect(anonymousStart.problem.status === 401, "anonymous start: 401", anonymousStart.problem);
  } else {
    expect(false, "anonymous start: UNAUTHENTICATED", anonymousStart);
  }
  const userStart = await cp.controlPlane_execution_start_v1_0_0(user, {
    executionId: fixtures.approvedExecution,
    planId: fixtures.approvedPlan,
  });
  expect(!userStart.ok && userStart.code === "FORBIDDEN" && userStart.status === 403, "user start: FORBIDDEN", userStart);

  // controlPlane.execution.reject and controlPlane.execution.evidence.export.
  const rejected = await cp.controlPlane_execution_reject_v1_0_0(admin, {
    executionId: fixtures.auditedExecution,
    stepId: fixtures.refundStep,
    reason: "refund over the limit",
    rejectedBy: "admin-1",
  });
  expect(rejected.ok && rejected.data?.status === "rejected", "reject: rejected", rejected);
  const exported = await cp.controlPlane_execution_evidence_export_v1_0_0(admin, {
    runId: fixtures.auditedRun,
    exportedBy: "admin-1",
  });
  expect(exported.ok && exported.data?.evidenceBundleCount === 3, "export: three bundles", exported);
  const missingRun = await cp.controlPlane_execution_evidence_export_v1_0_0(admin, { runId: "run-nope", exportedBy: "a" });
  expect(!missingRun.ok && missingRun.code === "NOT_FOUND", "export: NOT_FOUND", missingRun);

  // harness.run.start (a declared error sharing 400 with BAD_REQUEST), .get (a GET), .cancel.
  const run = await harness.harness_run_start_v1_0_0(user, { scenarioKey: fixtures.checkoutScenario, metadata: { by: "ts", n: [1, null] } });
  const runId = run.ok && run.code !== "NO_CONTENT" ? run.data.run.runId : undefined;
  expect(run.ok && run.code === "CREATED" && runId !== undefined, "harness start: CREATED", run);
  const neither = await harness.harness_run_start_v1_0_0(user, {});
  expect(!neither.ok && neither.code === "SCENARIO_OR_SUITE_REQUIRED" && neither.status === 400, "harness start: declared error", neither);
  expect(!neither.ok && describeStartFailure(neither).startsWith("declared (400)"), "harness start: described", neither);
  const empty = await harness.harness_run_start_v1_0_0(user, { scenarioKey: "" });
  if (!empty.ok && empty.code === "VALIDATION_FAILED") {
    expect(empty.problem.issues?.[0]?.path === "scenarioKey", "harness start: the issue's path", empty.problem.issues);
  } else {
    expect(false, "harness start: VALIDATION_FAILED", empty);
  }
  const got = await harness.harness_run_get_v1_0_0(user, { runId: runId ?? "" });
  expect(got.ok && got.code === "OK" && got.data.run.runId === runId, "harness get: the run", got);
  const unknown = await harness.harness_run_get_v1_0_0(user, { runId: "hrun-nope" });
  expect(!unknown.ok && unknown.code === "NOT_FOUND" && unknown.problem.detail !== undefined, "harness get: NOT_FOUND", unknown);
  const cancelled = await harness.harness_run_cancel_v1_0_0(user, { runId: runId ?? "", reason: "done" });
  expect(cancelled.ok && cancelled.data?.status === "cancelled", "harness cancel: cancelled", cancelled);

  // context.pack.snapshot.
  const snapshot = await context.context_pack_snapshot_v1_0_0(admin, { packKey: fixtures.supportPack, reason: "release" });
  expect(snapshot.ok && snapshot.data?.packKey === fixtures.supportPack, "snapshot: the pack", snapshot);

  // No answer at all: a closed port.
  const offline = new cp.Client({ baseUrl: "http://127.0.0.1:9", token: tokens.admin });
  const lost = await cp.controlPlane_execution_start_v1_0_0(offline, { executionId: "e", planId: "p" }, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
  expect(!lost.ok && lost.code === "NETWORK_ERROR" && lost.traceId === traceId, "offline: NETWORK_ERROR with the trace id sent", lost);

  // The library: query parameters, tagged enums, declared errors beside standard ones.
  const librarian = new library.Client({ baseUrl: servers.library, token: tokens.user });
  const librarianAdmin = new library.Client({ baseUrl: servers.library, token: tokens.admin });
  const searches: library.library_loan_search_v1_0_0_Input[] = [
    {
      text: "a b&c=d/é+%",
      limit: 5,
      overdue: true,
      kinds: ["HOME_LOAN", "READING_ROOM"],
      cards: [1, 2, 9007199254740991],
      window: { from: "2026-11-20T08:00:00Z", until: "2026-11-21T08:00:00Z" },
      member: "m-1",
    },
    // Empty lists cannot be parameters: the whole input travels as `input`.
    { text: "", kinds: [], cards: [] },
    // A number where the parameter reads text (an untagged enum): the whole input too.
    { text: "42", kinds: ["READING_ROOM"], cards: [], member: 42 },
  ];
  for (const search of searches) {
    const echoed = await library.library_loan_search_v1_0_0(librarian, search);
    expect(echoed.ok && sameJson(echoed.data, search), `search ${JSON.stringify(search)}: echoed`, echoed);
  }
  const found = await library.library_loan_find_v1_0_0(librarian, { method: "post", streetLine: "1 Main St" });
  expect(found.ok && found.data?.name === "post: 1 Main St" && found.data.narrower.length === 1, "find: by delivery", found);
  const loanInput: library.library_loan_create_v1_0_0_Input = {
    isbn: "978-0",
    member: 1234,
    kind: "HOME_LOAN",
    delivery: { method: "pickup", desk: 2 },
    reminders: ["never", { daysBefore: 3 }, { at: { time: "2026-12-01T09:00:00Z" } }],
    notes: { fragile: true },
    shelf: ["B", 4],
    createdBy: "librarian",
    createdAt: "2026-11-20T08:00:00Z",
    source: "desk",
  };
  const loan = await library.library_loan_create_v1_0_0(librarian, loanInput);
  if (loan.ok && loan.code !== "NO_CONTENT") {
    expect(loan.code === "CREATED", "create: CREATED", loan);
    expect(
      sameJson(loan.data.timeline, [{ t: "Note", c: "delivery pickup" }, { t: "Renewed", c: "2026-12-20T08:00:00Z" }]),
      "create: the timeline",
      loan.data.timeline,
    );
    expect(sameJson(loan.data.copies, { red: 1 }) && loan.data.labels["source"] === "desk", "create: maps", loan.data);
  } else {
    expect(false, "create succeeds", loan);
  }
  const lent = await library.library_loan_create_v1_0_0(librarian, { ...loanInput, isbn: "lent" });
  if (!lent.ok && lent.code === "ALREADY_LOANED") {
    const declared: library.library_loan_create_v1_0_0_DeclaredError = lent.problem;
    expect(lent.status === 409 && declared.code === "ALREADY_LOANED", "create: ALREADY_LOANED", lent.problem);
  } else {
    expect(false, "create: ALREADY_LOANED", lent);
  }
  const suspended = await library.library_loan_create_v1_0_0(librarian, { ...loanInput, member: "suspended" });
  expect(!suspended.ok && suspended.code === "MEMBER_SUSPENDED" && suspended.status === 403, "create: MEMBER_SUSPENDED", suspended);
  const returned = await library.library_loan_return_v1_0_0(librarianAdmin, { "loan-id": "loan-1" });
  if (!returned.ok && returned.code === "PRECONDITION_FAILED") {
    expect(returned.problem.escalation === "human_review", "return: a human review", returned.problem);
  } else {
    expect(false, "return: PRECONDITION_FAILED", returned);
  }
  return problems;
}

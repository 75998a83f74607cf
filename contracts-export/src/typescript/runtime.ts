// The client runtime: what every operation function calls. It needs nothing but `fetch`
// (browsers, Node.js 18 and later, Deno, Bun).

/** Any JSON value. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** Where the API is and how to call it. */
export interface ClientOptions {
  /**
   * The base URL the operations' paths are appended to, such as `https://api.example.com` or
   * `https://example.com/api`.
   */
  readonly baseUrl: string;
  /**
   * The bearer token sent as `Authorization: Bearer <token>`, or a function giving it before
   * each call (to refresh it); no credentials when absent or `undefined`.
   */
  readonly token?: string | (() => string | undefined | Promise<string | undefined>);
  /** Headers sent with every call. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `fetch` to call; `globalThis.fetch` when absent. */
  readonly fetch?: typeof fetch;
}

/** The options of one call. */
export interface CallOptions {
  /**
   * The W3C Trace Context `traceparent` header to send, joining the call to a trace; a new
   * trace is started when absent. The server takes the call's trace id from it.
   */
  readonly traceparent?: string;
  /** Aborts the call; an aborted call fails with `NETWORK_ERROR`. */
  readonly signal?: AbortSignal;
  /** Headers sent with this call, beside the client's. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A client of the API: its options, which every operation function takes first. */
export class Client {
  /** The options the client was made with. */
  readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
  }
}

/** The code of a successful call. `NO_CONTENT` comes without data. */
export type SuccessCode = ResultEnvelope["code"] | "NO_CONTENT";

/**
 * A successful call: the success code the handler chose and its HTTP status, the operation's
 * output as `data` (none for `NO_CONTENT`), and the call's trace id.
 */
export type Success<T> =
  | {
      readonly ok: true;
      readonly code: ResultEnvelope["code"];
      readonly status: ResultEnvelope["status"];
      readonly data: T;
      readonly traceId: string;
    }
  | {
      readonly ok: true;
      readonly code: "NO_CONTENT";
      readonly status: 204;
      readonly data: undefined;
      readonly traceId: string;
    };

/** The problem details of a failure whose code is one of `C`. */
export type Problem<C extends string> = ProblemDetails & { readonly code: C };

/**
 * A failed call, told apart by `code`:
 *
 * - one of the operation's failure codes `C` (its declared errors and the standard failures its
 *   OpenAPI document lists), with the server's problem details;
 * - `UNEXPECTED_RESPONSE`: an answer that is neither the operation's result nor one of its
 *   problems (`problem` holds the problem details of an undocumented code, if that is what came);
 * - `NETWORK_ERROR`: no answer (the network failed or the call was aborted).
 *
 * `traceId` is the server's trace id of the call, or the one sent when no answer said it.
 */
export type Failure<C extends string> =
  | ProblemFailure<C>
  | {
      readonly ok: false;
      readonly code: "UNEXPECTED_RESPONSE";
      readonly status: number;
      readonly problem: ProblemDetails | undefined;
      readonly body: string;
      readonly traceId: string;
    }
  | {
      readonly ok: false;
      readonly code: "NETWORK_ERROR";
      readonly status: 0;
      readonly problem: undefined;
      readonly error: unknown;
      readonly traceId: string;
    };

/**
 * A failure with one of the codes `C`: one member per code (the type distributes over `C`), so
 * that checking `code` narrows `problem` too.
 */
export type ProblemFailure<C extends string> = C extends string
  ? {
      readonly ok: false;
      readonly code: C;
      readonly status: number;
      readonly problem: Problem<C>;
      readonly traceId: string;
    }
  : never;

/** What a call gives: a success with the output `T`, or a failure whose codes include `C`. */
export type Result<T, C extends string> = Success<T> | Failure<C>;

/**
 * How a query's input field travels in the query string, as the server reads it: `text` and
 * `value` are one parameter whose text is the string, or the number, boolean or `null` it spells;
 * `texts` and `values` repeat the parameter for each item of a list; `json` is the JSON text.
 */
type Encoding = "text" | "value" | "texts" | "values" | "json";

/**
 * Where an operation is: its method and path, and for a query how its input is written in the
 * query string (`input`: the whole input as JSON text; none: an input without fields).
 */
interface Route {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly query?: "input" | { readonly [field: string]: Encoding };
}

async function call<T, C extends string>(
  client: Client,
  route: Route,
  input: unknown,
  failures: { readonly [code in C]: number },
  options: CallOptions | undefined,
): Promise<Result<T, C>> {
  const traceparent = options?.traceparent ?? newTraceparent();
  const sentTraceId = traceparent.split("-")[1] ?? traceparent;
  const headers = new Headers({ accept: "application/json, application/problem+json" });
  for (const extra of [client.options.headers, options?.headers]) {
    for (const [name, value] of Object.entries(extra ?? {})) {
      headers.set(name, value);
    }
  }
  headers.set("traceparent", traceparent);
  const token =
    typeof client.options.token === "function" ? await client.options.token() : client.options.token;
  if (token !== undefined) {
    headers.set("authorization", `Bearer ${token}`);
  }
  let url = client.options.baseUrl.replace(/\/+$/, "") + route.path;
  const init: RequestInit = { method: route.method, headers };
  if (route.method === "POST") {
    headers.set("content-type", "application/json");
    init.body = JSON.stringify(input);
  } else {
    const query = queryString(input, route.query);
    if (query !== "") {
      url += `?${query}`;
    }
  }
  if (options?.signal !== undefined) {
    init.signal = options.signal;
  }
  const fetchFunction = client.options.fetch ?? globalThis.fetch;
  let response: Response;
  let text: string;
  try {
    response = await fetchFunction(url, init);
    text = await response.text();
  } catch (error) {
    return { ok: false, code: "NETWORK_ERROR", status: 0, problem: undefined, error, traceId: sentTraceId };
  }
  const body = parseJson(text);
  // The header, unless a browser hides it (CORS), else the body's, else the one sent.
  const traceId = response.headers.get("x-trace-id") ?? traceIdOf(body) ?? sentTraceId;
  if (response.status === 204) {
    return { ok: true, code: "NO_CONTENT", status: 204, data: undefined, traceId };
  }
  if (response.ok && isEnvelope(body)) {
    return { ok: true, code: body.code, status: body.status, data: body.data as T, traceId };
  }
  if (!response.ok && isProblem(body)) {
    if (Object.prototype.hasOwnProperty.call(failures, body.code)) {
      const problem = body as Problem<C>;
      // One member of the union per code: TypeScript cannot tell which for a generic `C`.
      return { ok: false, code: problem.code, status: response.status, problem, traceId } as ProblemFailure<C>;
    }
    return { ok: false, code: "UNEXPECTED_RESPONSE", status: response.status, problem: body, body: text, traceId };
  }
  return {
    ok: false,
    code: "UNEXPECTED_RESPONSE",
    status: response.status,
    problem: undefined,
    body: text,
    traceId,
  };
}

/**
 * The query string of a query's input: one parameter per field as `route.query` says, or the
 * whole input as JSON text in `input` where parameters cannot say it exactly (an empty list, a
 * value of another type than its parameter reads) and the input has no field named `input`.
 */
function queryString(input: unknown, query: Route["query"]): string {
  if (query === undefined) {
    return "";
  }
  const whole = `input=${encodeURIComponent(JSON.stringify(input))}`;
  if (query === "input") {
    return whole;
  }
  const fallback = Object.prototype.hasOwnProperty.call(query, "input") ? undefined : whole;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(input as { readonly [field: string]: unknown })) {
    if (value === undefined) {
      continue;
    }
    const encoding = query[name];
    if (encoding === "json") {
      params.append(name, JSON.stringify(value));
      continue;
    }
    const list = encoding === "texts" || encoding === "values";
    const items: readonly unknown[] = list && Array.isArray(value) ? value : [value];
    const asText = encoding === "text" || encoding === "texts";
    const exact =
      encoding !== undefined &&
      (!list || (Array.isArray(value) && items.length > 0)) &&
      items.every((item) => (asText ? typeof item === "string" : isScalar(item)));
    if (!exact && fallback !== undefined) {
      return fallback;
    }
    for (const item of items) {
      params.append(name, typeof item === "string" ? item : JSON.stringify(item));
    }
  }
  return params.toString();
}

function isScalar(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean" || value === null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function traceIdOf(body: unknown): string | undefined {
  return typeof body === "object" && body !== null && "traceId" in body && typeof body.traceId === "string"
    ? body.traceId
    : undefined;
}

function isEnvelope(body: unknown): body is ResultEnvelope {
  return (
    typeof body === "object" &&
    body !== null &&
    "ok" in body &&
    body.ok === true &&
    "code" in body &&
    typeof body.code === "string"
  );
}

function isProblem(body: unknown): body is ProblemDetails {
  return (
    typeof body === "object" &&
    body !== null &&
    "code" in body &&
    typeof body.code === "string" &&
    "status" in body &&
    typeof body.status === "number"
  );
}

/** A `traceparent` starting a new trace: version 00, random trace and parent ids, sampled. */
function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}

function randomHex(bytes: number): string {
  const values = new Uint8Array(bytes);
  const crypto = (globalThis as { crypto?: { getRandomValues(array: Uint8Array): unknown } }).crypto;
  if (crypto !== undefined) {
    crypto.getRandomValues(values);
  } else {
    for (let i = 0; i < bytes; i++) {
      values[i] = Math.floor(Math.random() * 256);
    }
  }
  return Array.from(values, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const statusByCode = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_identity: 422,
  invalid_callback_url: 422,
  too_many_integrations: 422,
  too_many_tokens: 422,
  rate_limited: 429,
  misconfigured: 500,
  internal: 500,
  unavailable: 503,
} as const;

// Every API answer is for one caller at one moment: no shared cache, CDN or back/forward cache may keep it.
export const NO_STORE = { "Cache-Control": "private, no-store" };

export type ErrorCode = keyof typeof statusByCode;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Sent as Retry-After: when a 429 or 503 may be tried again. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) {
    if (error.status >= 500) console.error(error.message);
    const answerHeaders = new Headers(headers);
    if (error.retryAfterSeconds !== undefined) answerHeaders.set("Retry-After", String(error.retryAfterSeconds));
    const body = { error: { code: error.code, message: error.message } };
    return Response.json(body, { status: error.status, headers: answerHeaders });
  }
  // Unknown failures are logged by name only: their message could quote a value we must not print.
  console.error("Unexpected server error:", error instanceof Error ? error.name : typeof error);
  return Response.json({ error: { code: "internal", message: "Unexpected server error." } }, { status: 500, headers });
}

/** A handler for the methods a GET-only route refuses: 405 JSON with an Allow header. */
export function methodNotAllowedHandler(headers: Record<string, string>): () => Response {
  return () => errorResponse(new AppError("method_not_allowed", "Use GET."), { ...headers, Allow: "GET" });
}

import "server-only";

import { errorResponse } from "@/lib/errors";

export type IntegryApiErrorCode =
  | "invalid_credentials"
  | "rejected"
  | "not_found"
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "unreachable"
  | "malformed"
  | "too_many_pages"
  | "not_connected"
  | "invalid_arguments";

/** Messages never carry the app key, the hash or a request URL (which holds both), so logging one is safe. */
export class IntegryApiError extends Error {
  readonly code: IntegryApiErrorCode;
  readonly status?: number;

  constructor(code: IntegryApiErrorCode, message: string, status?: number) {
    super(message);
    this.name = "IntegryApiError";
    this.code = code;
    if (status !== undefined) this.status = status;
  }
}

const MAX_DETAIL_LENGTH = 200;

/** Integry's `detail`, with any echoed credential blanked: we cannot know what a future error text quotes. */
export function integryDetail(body: string, secrets: readonly string[]): string | undefined {
  let detail: unknown;
  try {
    detail = (JSON.parse(body) as { detail?: unknown } | null)?.detail;
  } catch {
    return undefined;
  }
  if (typeof detail !== "string" || detail.trim() === "") return undefined;
  return quotedSafely(detail, secrets);
}

/** A text of Integry's, short enough for a message and with any echoed credential blanked. */
export function quotedSafely(said: string, secrets: readonly string[]): string {
  let text = said.trim().slice(0, MAX_DETAIL_LENGTH);
  for (const secret of secrets) if (secret) text = text.replaceAll(secret, "[redacted]");
  return text;
}

export function errorForStatus(status: number, subject: string, detail: string | undefined): IntegryApiError {
  const said = detail ? ` Integry said: "${detail}"` : "";
  if (status === 400 || status === 401 || status === 403) {
    return new IntegryApiError(
      "rejected",
      `Integry rejected the app key or hash (HTTP ${status}): check that INTEGRY_APP_SECRET belongs to ` +
        `INTEGRY_APP_KEY and that the hash was computed for this user ID under INTEGRY_SCOPE.${said}`,
      status,
    );
  }
  if (status === 404) {
    return new IntegryApiError("not_found", `Integry has no ${subject} (HTTP 404).${said}`, status);
  }
  if (status === 429) {
    return new IntegryApiError(
      "rate_limited",
      `Integry is rate-limiting this app (HTTP 429): call less often or cache the answer, then try again later.${said}`,
      status,
    );
  }
  if (status >= 300 && status < 400) {
    return new IntegryApiError(
      "unavailable",
      `Integry answered with a redirect (HTTP ${status}), which is not followed: check the API base URL.`,
      status,
    );
  }
  return new IntegryApiError(
    "unavailable",
    `Integry could not answer (HTTP ${status}): try again later.${said}`,
    status,
  );
}

/**
 * A route's answer to a failure: Integry's own as 502 with `integry_<code>` (the app is fine, its upstream is not),
 * anything else as lib/errors.ts answers it. Messages carry no credential, so they are shown as they are.
 */
export function integryErrorResponse(error: unknown, headers?: HeadersInit): Response {
  if (!(error instanceof IntegryApiError)) return errorResponse(error, headers);
  return Response.json({ error: { code: `integry_${error.code}`, message: error.message } }, { status: 502, headers });
}

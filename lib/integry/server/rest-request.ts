import "server-only";

import { parsedOnChange, readVariable } from "@/lib/env";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { errorForStatus, IntegryApiError, integryDetail } from "@/lib/integry/server/rest-error";
import { DEFAULT_MAX_RETRIES, parseRetryAfter, retryDelay, type RetryHint } from "@/lib/integry/server/rest-retry";
import { INTEGRY_STAND_IN } from "@/lib/room";

export interface IntegryApiCredentials {
  appKey: string;
  userId: string;
  hash: string;
}

export interface IntegryApiOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface IntegryApiCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  subject: string;
  /**
   * False for a call that changes something (running a function): it is then retried only on a 429, which Integry
   * answers before doing anything, never after a timeout or a 5xx, which may come after the change was made.
   */
  repeatable?: boolean;
  /**
   * This endpoint's own refusals, read before the generic mapping by status (a function call's `error_details`);
   * given the JSON body, or undefined when it is not JSON. `secrets` must be blanked out of any text it quotes.
   */
  refusal?: (status: number, body: unknown, secrets: readonly string[]) => IntegryApiError | undefined;
}

export const INTEGRY_API_BASE_URL = "https://api.integry.io";

const getIntegryApiBaseUrl = parsedOnChange((env) => readVariable(env, "INTEGRY_API_BASE_URL"));

/** Where the server calls Integry's REST API: INTEGRY_API_BASE_URL, else the sandbox while it is on, else Integry. */
export async function integryApiOptions(config: IntegryConfig): Promise<IntegryApiOptions> {
  const baseUrl = getIntegryApiBaseUrl();
  if (baseUrl) return { baseUrl };
  // The sandbox answers in this process: no request from the server to itself, which no host guarantees.
  if (config.sandbox && INTEGRY_STAND_IN) return (await INTEGRY_STAND_IN.connect()).restApi(config);
  return { baseUrl: INTEGRY_API_BASE_URL };
}

const DEFAULT_TIMEOUT_MS = 4_000;

// Header values are bytes: fetch sends "é" as one Latin-1 byte, so Integry would check the hash
// against another ID than the one hashed. Integry documents no encoding, so only visible ASCII.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

type Attempt = { ok: true; body: unknown } | ({ ok: false; error: IntegryApiError } & RetryHint);

function assertSendable({ appKey, userId, hash }: IntegryApiCredentials): void {
  for (const [name, header, value] of [
    ["app key", "App-Key", appKey],
    ["user ID", "User-ID", userId],
    ["hash", "Hash", hash],
  ] as const) {
    if (HEADER_SAFE.test(value)) continue;
    throw new IntegryApiError(
      "invalid_credentials",
      `The Integry ${name} is empty or has characters the ${header} header cannot carry (only visible ASCII, ` +
        `no edge spaces): Integry's REST API documents no encoding for others, so use ASCII IDs such as database keys.`,
    );
  }
}

function apiErrorOf(error: unknown, timeoutMs: number): IntegryApiError {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return new IntegryApiError("timeout", `Integry did not answer within ${timeoutMs} ms: try again later.`);
  }
  // Only the system error code is kept: undici's messages and causes may quote the URL, which holds the hash.
  const code = error instanceof Error ? Reflect.get(Object(error.cause), "code") : undefined;
  const shown = typeof code === "string" && /^[A-Z_]{2,32}$/.test(code) ? ` (${code})` : "";
  return new IntegryApiError(
    "unreachable",
    `Could not reach Integry's API${shown}: check the API base URL and that this server can make outbound requests.`,
  );
}

async function attempt(
  url: URL,
  init: RequestInit,
  call: IntegryApiCall,
  options: IntegryApiOptions,
  secrets: string[],
): Promise<Attempt> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const response = await (options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    if (response.status < 200 || response.status > 299) {
      const own = call.refusal?.(response.status, parsedJson(text), secrets);
      if (own) return { ok: false, error: own, retryable: false };
      const error = errorForStatus(response.status, call.subject, integryDetail(text, secrets));
      const retryable = response.status === 429 || response.status >= 500;
      return { ok: false, error, retryable, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) };
    }
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      const error = new IntegryApiError("malformed", "Integry answered with a body that is not JSON.", response.status);
      return { ok: false, error, retryable: false };
    }
  } catch (error) {
    return { ok: false, error: apiErrorOf(error, timeoutMs), retryable: true };
  }
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function requestUrl(baseUrl: string, path: string): URL {
  const target = baseUrl.replace(/\/+$/, "") + path;
  if (URL.canParse(target)) return new URL(target);
  throw new IntegryApiError(
    "unreachable",
    "The Integry API base URL is not an absolute URL: use https://api.integry.io, or <origin>/api/sandbox/rest.",
  );
}

/** Retried on 429, 5xx, timeouts and network errors, but a call that is not `repeatable` on 429 only. */
export async function callIntegryApi(
  call: IntegryApiCall,
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
): Promise<unknown> {
  assertSendable(credentials);
  const { appKey, userId, hash } = credentials;
  const url = requestUrl(options.baseUrl, call.path);
  // Headers are what Integry documents; Integry's Node library sends the query form too.
  for (const [name, value] of Object.entries({ ...call.query, app_key: appKey, user_id: userId, hash })) {
    url.searchParams.set(name, value);
  }
  const init: RequestInit = {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "App-Key": appKey,
      "User-ID": userId,
      Hash: hash,
    },
    body: JSON.stringify(call.body),
    // Per-user answers: never from a cache. Redirects are not followed, or the headers would go along.
    cache: "no-store",
    redirect: "manual",
  };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  for (let retry = 0; ; retry++) {
    const result = await attempt(url, init, call, options, [hash, appKey]);
    if (result.ok) return result.body;
    const safe = call.repeatable !== false || result.error.code === "rate_limited";
    const delay = retry < maxRetries && safe ? retryDelay(result, retry) : undefined;
    if (delay === undefined) throw result.error;
    await sleep(delay);
  }
}

export interface IntegryListing<T> {
  /** The endpoint and its filters; the cursor is added to both the query and the body, page after page. */
  call: Omit<IntegryApiCall, "body">;
  /** A page's items and the cursor of the next, none on the last. */
  parsePage: (answer: unknown) => { items: T[]; next: string | null | undefined };
  maxPages: number;
  /** What is listed, as the too-many-pages error names it: "connected apps". */
  what: string;
}

/**
 * Every page of one of Integry's cursor listings (apps, functions). The cursor goes in the query and in the body:
 * Integry's docs and Node library send it in the query, its Python library in the body. At most `maxPages`, and a
 * cursor seen before is refused: beyond either, the listing fails rather than reads as complete.
 */
export async function listAllPages<T>(
  { call, parsePage, maxPages, what }: IntegryListing<T>,
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
): Promise<T[]> {
  const items: T[] = [];
  const cursorsSeen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; page <= maxPages; page++) {
    const query = cursor ? { ...call.query, _cursor: cursor } : call.query;
    const answer = await callIntegryApi(
      { ...call, query, body: cursor ? { _cursor: cursor } : {} },
      credentials,
      options,
    );
    const { items: pageItems, next } = parsePage(answer);
    items.push(...pageItems);
    if (!next) return items;
    if (cursorsSeen.has(next)) {
      throw new IntegryApiError("malformed", "Integry repeated a page cursor: the listing would never end.");
    }
    cursorsSeen.add(next);
    cursor = next;
  }
  throw new IntegryApiError(
    "too_many_pages",
    `Integry listed more than ${maxPages} pages of ${what}; stopped there to bound the request.`,
  );
}

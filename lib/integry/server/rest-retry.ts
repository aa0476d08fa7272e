import "server-only";

export interface RetryHint {
  retryable: boolean;
  retryAfterMs?: number;
}

export const DEFAULT_MAX_RETRIES = 2;
// A longer Retry-After would hold a page render too long: give up and let the caller say "later".
export const MAX_RETRY_AFTER_MS = 10_000;
const BACKOFF_BASE_MS = 300;

export function parseRetryAfter(value: string | null): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d{1,6}$/.test(text)) return Number(text) * 1000;
  const date = /GMT$/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Jittered, so many servers turned away together do not come back together; undefined = give up. */
export function retryDelay(hint: RetryHint, retry: number): number | undefined {
  if (!hint.retryable) return undefined;
  if (hint.retryAfterMs !== undefined) return hint.retryAfterMs <= MAX_RETRY_AFTER_MS ? hint.retryAfterMs : undefined;
  const ceiling = BACKOFF_BASE_MS * 2 ** retry;
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

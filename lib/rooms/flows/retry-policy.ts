import "server-only";

export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 2 * 60_000;
// 2 + 4 + 8 + 16 + 30 minutes: the five retries' ceilings add up to an hour.
const MAX_RETRY_MS = 30 * 60_000;
// A receiver's Retry-After may not park a delivery for longer than the whole schedule.
const MAX_RETRY_AFTER_MS = 60 * 60_000;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** What one attempt came to: a response, or no response at all. */
export type AttemptResult = { httpStatus: number; retryAfter: string | null } | { error: "timeout" | "network" };

export type AttemptDecision =
  | { status: "delivered" }
  | { status: "pending"; retryInMs: number }
  /** `integrationGone`: 404 or 410, never again. `refused`: another 4xx, which counts towards disabling it. */
  | { status: "failed"; integrationGone: boolean; refused?: true };

/** Full jitter: a random wait up to a doubling ceiling, so retries after an outage do not arrive together. */
export function backoffMs(attemptsMade: number, random: () => number): number {
  return Math.floor(random() * Math.min(FIRST_RETRY_MS * 2 ** (attemptsMade - 1), MAX_RETRY_MS));
}

/** Retry-After in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  const value = header?.trim() ?? "";
  // Only the date format HTTP senders must use: Date.parse alone would read "-5" or "1.5" as dates.
  const ms = /^\d+$/.test(value)
    ? Number(value) * 1000
    : HTTP_DATE.test(value)
      ? Date.parse(value) - now.getTime()
      : Number.NaN;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** What becomes of a delivery after its `attemptsMade`-th attempt. */
export function decideAfterAttempt(
  result: AttemptResult,
  attemptsMade: number,
  { now, random }: { now: Date; random: () => number },
): AttemptDecision {
  if ("httpStatus" in result) {
    const { httpStatus } = result;
    if (httpStatus >= 200 && httpStatus < 300) return { status: "delivered" };
    // The integration was deleted on Integry's side: its callback URL will never work again.
    if (httpStatus === 404 || httpStatus === 410) return { status: "failed", integrationGone: true };
    // Any other refusal would be refused again: only a timeout, overload and server faults are worth retrying.
    if (httpStatus !== 408 && httpStatus !== 429 && httpStatus < 500) {
      return { status: "failed", integrationGone: false, refused: true };
    }
  }
  if (attemptsMade >= MAX_ATTEMPTS) return { status: "failed", integrationGone: false };
  const asked = "httpStatus" in result ? retryAfterMs(result.retryAfter, now) : undefined;
  return { status: "pending", retryInMs: Math.max(backoffMs(attemptsMade, random), asked ?? 0) };
}

import "server-only";

import type { ClaimedDelivery } from "@/lib/rooms/flows/claim";
import type { AttemptResult } from "@/lib/rooms/flows/retry-policy";

export interface CallbackRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * How a callback URL is reached: `fetch` with `redirect: "error"` (a redirect must not lead elsewhere)
 * for Integry, an in-process handler for the sandbox. The engine itself never opens a connection.
 */
export type SendCallback = (request: CallbackRequest) => Promise<Response>;

const ATTEMPT_TIMEOUT_MS = 10_000;

// Stored as the delivery's last error. Fixed texts: an error's own message may quote the URL and its token.
export const ATTEMPT_ERRORS = {
  timeout: `No response within ${ATTEMPT_TIMEOUT_MS / 1000} s`,
  network: "Network error",
} as const;

/** POSTs the event's payload once; never throws. */
export async function attemptCallback(delivery: ClaimedDelivery, send: SendCallback): Promise<AttemptResult> {
  // A timer cleared as soon as the send ends, not AbortSignal.timeout's: under load that left thousands of 10 s
  // timers (and their signals) alive after their sends had ended.
  const deadline = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The timeout holds even for a send that ignores the signal.
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort(new DOMException(ATTEMPT_ERRORS.timeout, "TimeoutError"));
      reject(deadline.signal.reason);
    }, ATTEMPT_TIMEOUT_MS);
  });
  let response: Response;
  try {
    response = await Promise.race([
      send({
        url: delivery.callbackUrl,
        body: JSON.stringify(delivery.payload),
        // The same key on every attempt: when a response is lost, the receiver still runs the flow once.
        headers: { "Content-Type": "application/json", "Idempotency-Key": delivery.idempotencyKey },
        signal: deadline.signal,
      }),
      timedOut,
    ]);
  } catch {
    return { error: deadline.signal.aborted ? "timeout" : "network" };
  } finally {
    clearTimeout(timer);
  }
  // Only the status matters: cancelling the body frees the connection now rather than at garbage collection.
  response.body?.cancel().catch(() => {});
  return { httpStatus: response.status, retryAfter: response.headers.get("Retry-After") };
}

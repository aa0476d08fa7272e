import "server-only";

import type { Database } from "@/lib/db/client";
import { secondsToRefillOne, spendAllowanceWithin } from "@/lib/db/rate-limit";
import { AppError } from "@/lib/errors";
import type { RecordOptions } from "@/lib/rooms/flows/outbox";
import { leadAllowances } from "@/lib/rooms/flows/tables";

const BUCKETS = {
  table: leadAllowances,
  key: leadAllowances.identity,
  tokens: leadAllowances.tokens,
  refilledAt: leadAllowances.refilledAt,
};

const refusal = (perMinute: number) =>
  new AppError("rate_limited", `At most ${perMinute} leads a minute: try again shortly.`, {
    retryAfterSeconds: secondsToRefillOne(perMinute),
  });

/**
 * Spends one of `identity`'s leads for this minute, for `recordEvent`: on Postgres, inside the statement that writes
 * the lead (one round trip, and a refused lead writes nothing); on the embedded database, from memory, now. Either
 * way, a 429 with how long to wait when none is left.
 */
export function leadAllowanceSpend(
  db: Database,
  identity: string,
  perMinute: number,
  now = new Date(),
): RecordOptions["spend"] {
  const spend = spendAllowanceWithin(db, BUCKETS, identity, perMinute, now);
  if (spend === false) throw refusal(perMinute);
  return spend === true ? undefined : { sql: spend, refusal: () => refusal(perMinute) };
}

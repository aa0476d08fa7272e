import "server-only";

import type { Database } from "@/lib/db/client";
import { secondsToRefillOne, spendAllowance } from "@/lib/db/rate-limit";
import { AppError } from "@/lib/errors";
import { leadAllowances } from "@/lib/rooms/flows/tables";

const BUCKETS = {
  table: leadAllowances,
  key: leadAllowances.identity,
  tokens: leadAllowances.tokens,
  refilledAt: leadAllowances.refilledAt,
};

/** Spends one of `identity`'s leads for this minute, or throws a 429 with how long to wait. */
export async function spendLeadAllowance(db: Database, identity: string, perMinute: number, now = new Date()) {
  if (await spendAllowance(db, BUCKETS, identity, perMinute, now)) return;
  throw new AppError("rate_limited", `At most ${perMinute} leads a minute: try again shortly.`, {
    retryAfterSeconds: secondsToRefillOne(perMinute),
  });
}

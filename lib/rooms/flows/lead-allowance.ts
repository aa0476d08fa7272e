import "server-only";

import { sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { leadAllowances } from "@/lib/rooms/flows/tables";

/**
 * Spends one of `identity`'s leads for this minute, or throws a 429: a token bucket of `perMinute` tokens, refilled
 * at `perMinute` a minute. One statement, so concurrent requests on any number of instances queue on the identity's
 * row and never spend the same token twice. `now` is the app's clock, as everywhere in the flows.
 */
export async function spendLeadAllowance(db: Database, identity: string, perMinute: number, now = new Date()) {
  const at = sql`${now.toISOString()}::timestamptz`;
  // A clock that went back (another instance's) refills nothing rather than draining.
  const elapsedMinutes = sql`greatest(0, extract(epoch from ${at} - ${leadAllowances.refilledAt}) / 60)`;
  const refilled = sql`least(${perMinute}::float8, ${leadAllowances.tokens} + ${elapsedMinutes} * ${perMinute})`;
  const spent = await db
    .insert(leadAllowances)
    .values({ identity, tokens: perMinute - 1, refilledAt: now })
    .onConflictDoUpdate({
      target: leadAllowances.identity,
      set: { tokens: sql`${refilled} - 1`, refilledAt: sql`greatest(${leadAllowances.refilledAt}, ${at})` },
      setWhere: sql`${refilled} >= 1`,
    })
    .returning({ tokens: leadAllowances.tokens });
  if (spent.length === 0) {
    // Time for a whole token from empty: an upper bound, never a promise made too early.
    const retryAfterSeconds = Math.max(1, Math.ceil(60 / perMinute));
    throw new AppError("rate_limited", `At most ${perMinute} leads a minute: try again shortly.`, {
      retryAfterSeconds,
    });
  }
}

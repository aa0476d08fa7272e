import "server-only";

import type { Database } from "@/lib/db/client";
import { secondsToRefillOne, spendAllowanceInProcess, spendAllowancesSql } from "@/lib/db/rate-limit";
import { AppError } from "@/lib/errors";
import type { EventsPayment } from "@/lib/rooms/flows/outbox";
import { leadAllowances } from "@/lib/rooms/flows/tables";

const BUCKETS = {
  table: leadAllowances,
  key: leadAllowances.identity,
  tokens: leadAllowances.tokens,
  refilledAt: leadAllowances.refilledAt,
};

/** The 429 for a lead past its identity's allowance, with how long to wait. */
export const leadRefusal = (perMinute: number) =>
  new AppError("rate_limited", `At most ${perMinute} leads a minute: try again shortly.`, {
    retryAfterSeconds: secondsToRefillOne(perMinute),
  });

/**
 * On the embedded database, spends one of `identity`'s leads for this minute from memory, now, and throws the 429
 * when none is left: true, paid. False on Postgres: there the statement that writes the lead pays (`payForLeads`).
 */
export function payForLeadNow(db: Database, identity: string, perMinute: number, now = new Date()): boolean {
  const spent = spendAllowanceInProcess(db, BUCKETS, identity, perMinute, now);
  if (spent === false) throw leadRefusal(perMinute);
  return spent === true;
}

/** Postgres's payment for `recordEvents`: each identity's leads from its allowance, all of a batch's or none. */
export const payForLeads =
  (perMinute: number, now = new Date()): EventsPayment =>
  (wanted) =>
    spendAllowancesSql(BUCKETS, wanted, perMinute, now);

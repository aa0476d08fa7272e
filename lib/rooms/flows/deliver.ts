import "server-only";

import { and, eq, gt, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { flowIntegrations, type DeliveryStatus } from "@/lib/rooms/flows/tables";
import { ATTEMPT_ERRORS, attemptCallback, type SendCallback } from "@/lib/rooms/flows/callback-attempt";
import { claimDueDeliveries, type ClaimedDelivery } from "@/lib/rooms/flows/claim";
import { recordOutcomeSoon, writeOutcomes, type Outcome } from "@/lib/rooms/flows/outcomes";
import { decideAfterAttempt, type AttemptDecision, type AttemptResult } from "@/lib/rooms/flows/retry-policy";
import { releaseSendSlots, SENDS_PER_PROCESS, takeFreeSendSlots, takeSendSlots } from "@/lib/rooms/flows/send-slots";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DeliveryOutcome {
  id: number;
  status: DeliveryStatus;
}

export interface DeliverOptions {
  send: SendCallback;
  /** The engine's clock: tests move it forward instead of waiting. */
  now?: Date;
  limit?: number;
}

// Refusals in a row (a 4xx other than 404, 408, 410 and 429) after which an integration gets nothing more.
export const MAX_REFUSALS = 3;

/**
 * What an outcome says of the integration, while it is still saved with the URL that answered: a 404 or 410 means it
 * is gone; a third refusal in a row disables it as `refused`; a delivery clears the count. Saving it again re-enables it.
 */
async function judgeIntegration(tx: Transaction, delivery: ClaimedDelivery, decision: AttemptDecision) {
  const sameIntegration = and(
    eq(flowIntegrations.identity, delivery.identity),
    eq(flowIntegrations.integrationId, delivery.integrationId),
    eq(flowIntegrations.callbackUrl, delivery.callbackUrl),
    eq(flowIntegrations.status, "active"),
  );
  if (decision.status === "delivered") {
    await tx
      .update(flowIntegrations)
      .set({ refusals: 0 })
      .where(and(sameIntegration, gt(flowIntegrations.refusals, 0)));
  } else if (decision.status === "failed" && decision.integrationGone) {
    await tx.update(flowIntegrations).set({ status: "gone" }).where(sameIntegration);
  } else if (decision.status === "failed" && decision.refused) {
    const refusals = sql`${flowIntegrations.refusals} + 1`;
    await tx
      .update(flowIntegrations)
      .set({
        refusals,
        status: sql`case when ${refusals} >= ${MAX_REFUSALS} then 'refused' else ${flowIntegrations.status} end`,
      })
      .where(sameIntegration);
  }
}

// Whether an outcome can change the integration: otherwise it is recorded in one statement, with no transaction.
function judgesIntegration(delivery: ClaimedDelivery, decision: AttemptDecision): boolean {
  if (decision.status === "delivered") return delivery.integrationRefusals > 0;
  return decision.status === "failed" && Boolean(decision.integrationGone || decision.refused);
}

async function recordOutcome(
  db: Database,
  delivery: ClaimedDelivery,
  result: AttemptResult,
  now: Date,
): Promise<DeliveryStatus> {
  const decision = decideAfterAttempt(result, delivery.attempt, { now, random: Math.random });
  const outcome: Outcome = {
    id: delivery.id,
    attempt: delivery.attempt,
    status: decision.status,
    lastHttpStatus: "httpStatus" in result ? result.httpStatus : null,
    lastError: "error" in result ? ATTEMPT_ERRORS[result.error] : null,
    nextAttemptAt: decision.status === "pending" ? new Date(now.getTime() + decision.retryInMs) : null,
  };
  if (!judgesIntegration(delivery, decision)) {
    await recordOutcomeSoon(db, outcome);
    return decision.status;
  }
  return db.transaction(async (tx) => {
    // Its one outcome: recorded unless the attempt was no longer the delivery's.
    if ((await writeOutcomes(tx, [outcome])).size > 0) await judgeIntegration(tx, delivery, decision);
    return decision.status;
  });
}

/**
 * Claims up to `slots` due deliveries (of `onlyIds`, when given), for which the caller holds send slots, and sends
 * them side by side: the process's sends stay bounded, and a claimed delivery is sent at once, inside its lease.
 */
async function claimAndSend(
  db: Database,
  { send, now }: DeliverOptions,
  slots: number,
  onlyIds?: number[],
): Promise<{ outcomes: DeliveryOutcome[]; allDueTaken: boolean }> {
  let claim: Awaited<ReturnType<typeof claimDueDeliveries>>;
  try {
    claim = await claimDueDeliveries(db, now ?? new Date(), slots, onlyIds);
  } catch (error) {
    releaseSendSlots(slots);
    throw error;
  }
  const { spent, skipped, claimed } = claim;
  releaseSendSlots(slots - claimed.length);
  const outcomes = [
    ...spent.map((id) => ({ id, status: "failed" as const })),
    ...skipped.map((id) => ({ id, status: "skipped" as const })),
    ...(await sendClaimed(db, { send, now }, claimed)),
  ];
  return { outcomes, allDueTaken: spent.length + skipped.length + claimed.length < slots };
}

/** Sends claimed deliveries side by side and records each outcome, releasing the send slot the caller held for each. */
function sendClaimed(
  db: Database,
  { send, now }: Omit<DeliverOptions, "limit">,
  claimed: readonly ClaimedDelivery[],
): Promise<DeliveryOutcome[]> {
  return Promise.all(
    claimed.map(async (delivery) => {
      try {
        const result = await attemptCallback(delivery, send);
        return { id: delivery.id, status: await recordOutcome(db, delivery, result, now ?? new Date()) };
      } finally {
        releaseSendSlots(1);
      }
    }),
  );
}

/**
 * Sends up to `limit` (20) due deliveries, oldest first, waiting for send slots if the process has none free: one
 * claim of what drainDue repeats, of which several may run at once.
 */
export async function deliverDue(db: Database, options: DeliverOptions): Promise<DeliveryOutcome[]> {
  return (await claimAndSend(db, options, await takeSendSlots(options.limit ?? 20))).outcomes;
}

/** One lead's deliveries in flight at most, so a lead's receivers are reached a few at a time. */
export const SENDS_PER_LEAD = 5;

/**
 * Sends just-recorded deliveries from the request that recorded them, `SENDS_PER_LEAD` at a time, as long as the
 * process has free send slots. It never waits for one: under load, what is left stays pending in the database, not
 * queued in memory, and the sweep (or the cron route) sends it.
 */
export async function deliverNow(
  db: Database,
  deliveryIds: number[],
  options: Omit<DeliverOptions, "limit">,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (let start = 0; start < deliveryIds.length; start += SENDS_PER_LEAD) {
    const group = deliveryIds.slice(start, start + SENDS_PER_LEAD);
    const slots = takeFreeSendSlots(group.length);
    if (slots === 0) break;
    outcomes.push(...(await claimAndSend(db, options, slots, group)).outcomes);
  }
  return outcomes;
}

export interface DrainSummary {
  attempted: number;
  delivered: number;
  failed: number;
  /** Claims made: each takes as many deliveries as it has send slots, and sends them side by side. */
  batches: number;
}

/**
 * Sends what is due, a claim at a time, until nothing is left or `budgetMs` has passed: the cron route's work, bounded
 * by its time rather than a count, so a backlog drains in as few calls as the budget allows.
 */
export async function drainDue(
  db: Database,
  { budgetMs, ...options }: Omit<DeliverOptions, "limit"> & { budgetMs: number },
): Promise<DrainSummary> {
  const summary: DrainSummary = { attempted: 0, delivered: 0, failed: 0, batches: 0 };
  const started = performance.now();
  while (performance.now() - started < budgetMs) {
    const { outcomes, allDueTaken } = await claimAndSend(db, options, await takeSendSlots(SENDS_PER_PROCESS));
    summary.batches++;
    summary.attempted += outcomes.length;
    summary.delivered += outcomes.filter(({ status }) => status === "delivered").length;
    summary.failed += outcomes.filter(({ status }) => status === "failed").length;
    if (allDueTaken) break;
  }
  return summary;
}

// Long enough to drain a burst, well under any platform's limit for work after a response.
const SWEEP_BUDGET_MS = 20_000;
// When every delivery of a lead was sent by its request, a sweep would most likely find nothing due: one at most this
// often then, for what a crashed process or a failed claim left behind (the cron route sends it too).
const IDLE_SWEEP_INTERVAL_MS = 5_000;
const processWide = globalThis as { flowSweep?: { running: boolean; again: boolean; lastStartedAt: number } };
const sweep = (processWide.flowSweep ??= { running: false, again: false, lastStartedAt: -Infinity });

/**
 * Drains what is due, one sweep per process at a time: a caller that finds one running asks it to go round again and
 * returns, so however many leads arrive, one loop drains the backlog and nothing waits in memory.
 */
export async function sweepDue(db: Database, options: Omit<DeliverOptions, "limit">): Promise<void> {
  if (sweep.running) {
    sweep.again = true;
    return;
  }
  sweep.running = true;
  const started = (sweep.lastStartedAt = performance.now());
  try {
    do {
      sweep.again = false;
      const budgetMs = SWEEP_BUDGET_MS - (performance.now() - started);
      await drainDue(db, { ...options, budgetMs });
    } while (sweep.again && performance.now() - started < SWEEP_BUDGET_MS);
  } finally {
    sweep.running = false;
  }
}

/**
 * What a request that recorded deliveries runs after its response: sends them now if it can, then sweeps what is
 * due if it left any, or if no sweep has run for a while.
 */
export async function deliverSoon(
  db: Database,
  deliveryIds: number[],
  options: Omit<DeliverOptions, "limit">,
  claimed: readonly ClaimedDelivery[] = [],
): Promise<void> {
  // Written claimed by the request (recordEvent), with a send slot each: sent with no claim of their own.
  const claimedIds = new Set(claimed.map(({ id }) => id));
  const unclaimed = deliveryIds.filter((id) => !claimedIds.has(id));
  const [, handled] = await Promise.all([sendClaimed(db, options, claimed), deliverNow(db, unclaimed, options)]);
  const leftDue = handled.length < unclaimed.length;
  if (leftDue || performance.now() - sweep.lastStartedAt >= IDLE_SWEEP_INTERVAL_MS) await sweepDue(db, options);
}

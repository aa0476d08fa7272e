import "server-only";

import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { MAX_ATTEMPTS } from "@/lib/rooms/flows/retry-policy";
import { appEvents, deliveries, flowIntegrations } from "@/lib/rooms/flows/tables";

// A claim's sends run side by side, each cut off at 10 s (callback-attempt.ts): three times that is ample,
// so another worker takes a delivery over only after a crash mid-send, and soon after one.
export const LEASE_MS = 30_000;

export type ClaimedDelivery = Awaited<ReturnType<typeof claimDueDeliveries>>["claimed"][number];

/**
 * Takes up to `limit` due deliveries (only `onlyIds`, when given) for this worker by moving them a
 * lease into the future, and commits before anything is sent: a slow receiver never holds a lock, and
 * rows another worker is claiming are skipped, not waited for. `attempt` counts this one. Deliveries
 * whose integration is no longer active become `skipped` instead: it gets nothing from then on. A delivery whose
 * last attempt was claimed but never recorded (its worker died mid-send) becomes `failed`: never sent again.
 */
export function claimDueDeliveries(db: Database, now: Date, limit: number, onlyIds?: number[]) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: deliveries.id,
        identity: deliveries.identity,
        integrationId: deliveries.integrationId,
        callbackUrl: deliveries.callbackUrl,
        idempotencyKey: deliveries.idempotencyKey,
        attempts: deliveries.attempts,
        payload: appEvents.payload,
        integrationStatus: flowIntegrations.status,
        integrationRefusals: sql<number>`coalesce(${flowIntegrations.refusals}, 0)`,
      })
      .from(deliveries)
      .innerJoin(appEvents, eq(appEvents.id, deliveries.eventId))
      .leftJoin(
        flowIntegrations,
        and(
          eq(flowIntegrations.identity, deliveries.identity),
          eq(flowIntegrations.integrationId, deliveries.integrationId),
        ),
      )
      .where(
        and(
          eq(deliveries.status, "pending"),
          lte(deliveries.nextAttemptAt, now),
          onlyIds && inArray(deliveries.id, onlyIds),
        ),
      )
      .orderBy(asc(deliveries.nextAttemptAt))
      .limit(limit)
      .for("update", { of: deliveries, skipLocked: true });
    const spent = due.filter((row) => row.attempts >= MAX_ATTEMPTS).map(({ id }) => id);
    if (spent.length > 0) {
      await tx
        .update(deliveries)
        .set({ status: "failed", lastError: "No answer was recorded for the last attempt" })
        .where(inArray(deliveries.id, spent));
    }
    const live = due.filter((row) => row.attempts < MAX_ATTEMPTS);
    const active = live.filter((row) => row.integrationStatus === "active");
    const skipped = live.filter((row) => row.integrationStatus !== "active").map(({ id }) => id);
    if (skipped.length > 0) {
      await tx
        .update(deliveries)
        .set({ status: "skipped", lastError: "The integration is no longer active" })
        .where(inArray(deliveries.id, skipped));
    }
    const claimed = active.map(({ id }) => id);
    if (claimed.length > 0) {
      await tx
        .update(deliveries)
        .set({ attempts: sql`${deliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(deliveries.id, claimed));
    }
    return {
      spent,
      skipped,
      claimed: active.map(({ attempts, ...delivery }) => ({ ...delivery, attempt: attempts + 1 })),
    };
  });
}

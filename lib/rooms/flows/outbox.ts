import "server-only";

import { and, eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { appEvents, deliveries, flowIntegrations } from "@/lib/rooms/flows/tables";

/**
 * Records an app event and, in the same transaction, one pending delivery per active integration of
 * `identity` that has a callback URL: either both are written or neither, so no event is lost between
 * "it happened" and "it must be sent". The deliveries are due now; `deliverSoon` sends them.
 */
export function recordEvent(
  db: Database,
  identity: string,
  type: string,
  payload: unknown,
): Promise<{ eventId: number; deliveryIds: number[] }> {
  return db.transaction(async (tx) => {
    const [event] = await tx.insert(appEvents).values({ identity, type, payload }).returning({ id: appEvents.id });
    const eventId = event!.id;
    const active = await tx
      .select({ integrationId: flowIntegrations.integrationId, callbackUrl: flowIntegrations.callbackUrl })
      .from(flowIntegrations)
      .where(and(eq(flowIntegrations.identity, identity), eq(flowIntegrations.status, "active")));
    const targets = active.flatMap(({ integrationId, callbackUrl }) =>
      callbackUrl ? [{ integrationId, callbackUrl }] : [],
    );
    if (targets.length === 0) return { eventId, deliveryIds: [] };
    // The app's clock, not the database's: deliverNow compares with it right after, and the two may differ.
    const nextAttemptAt = new Date();
    const written = await tx
      .insert(deliveries)
      .values(targets.map((target) => ({ ...target, eventId, identity, status: "pending" as const, nextAttemptAt })))
      .returning({ id: deliveries.id });
    return { eventId, deliveryIds: written.map(({ id }) => id) };
  });
}

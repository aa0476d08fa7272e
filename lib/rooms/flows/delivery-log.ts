import "server-only";

import { and, desc, eq } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { appEvents, deliveries } from "@/lib/rooms/flows/tables";

/** The identity's latest deliveries with their events, newest first; without the callback URL, which may carry a token. */
export function listDeliveries(db: Database, identity: string, limit: number) {
  return db
    .select({
      id: deliveries.id,
      eventId: deliveries.eventId,
      eventType: appEvents.type,
      eventPayload: appEvents.payload,
      integrationId: deliveries.integrationId,
      status: deliveries.status,
      attempts: deliveries.attempts,
      nextAttemptAt: deliveries.nextAttemptAt,
      lastHttpStatus: deliveries.lastHttpStatus,
      lastError: deliveries.lastError,
      createdAt: deliveries.createdAt,
      updatedAt: deliveries.updatedAt,
    })
    .from(deliveries)
    .innerJoin(appEvents, eq(appEvents.id, deliveries.eventId))
    .where(eq(deliveries.identity, identity))
    .orderBy(desc(deliveries.id))
    .limit(limit);
}

export type DeliveryLogEntry = Awaited<ReturnType<typeof listDeliveries>>[number];

/** A failed delivery of `identity` back to pending, due now, with all its attempts again; false when there is none. */
export async function retryDelivery(db: Database, identity: string, deliveryId: number): Promise<boolean> {
  const retried = await db
    .update(deliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), lastHttpStatus: null, lastError: null })
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.identity, identity), eq(deliveries.status, "failed")))
    .returning({ id: deliveries.id });
  return retried.length > 0;
}

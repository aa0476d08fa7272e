import "server-only";

import { and, asc, count, eq, ne, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import { flowIntegrations } from "@/lib/rooms/flows/tables";

export type FlowIntegration = typeof flowIntegrations.$inferSelect;
export type FlowIntegrationStatus = FlowIntegration["status"];
export type IntegrationChange = Pick<FlowIntegration, "integrationId" | "flowName" | "callbackUrl" | "status">;

// Every query names the identity: one user can never read or change another's integrations by ID.
const owned = (identity: string, integrationId: number) =>
  and(eq(flowIntegrations.identity, identity), eq(flowIntegrations.integrationId, integrationId));

/** What the browser SDK reported when the user saved an integration; saving again replaces it. */
export async function recordIntegration(
  db: Database,
  identity: string,
  { integrationId, flowName, callbackUrl, status }: IntegrationChange,
): Promise<FlowIntegration> {
  const [row] = await db
    .insert(flowIntegrations)
    .values({ identity, integrationId, flowName, callbackUrl, status })
    .onConflictDoUpdate({
      target: [flowIntegrations.identity, flowIntegrations.integrationId],
      // Saved again: a fresh start, whatever its callback URL refused before.
      set: { flowName, callbackUrl, status, refusals: 0, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

/** False when the identity has no such integration. */
export async function setIntegrationStatus(
  db: Database,
  identity: string,
  integrationId: number,
  status: FlowIntegrationStatus,
): Promise<boolean> {
  const changed = await db
    .update(flowIntegrations)
    .set({ status })
    .where(owned(identity, integrationId))
    .returning({ integrationId: flowIntegrations.integrationId });
  return changed.length > 0;
}

export function listIntegrations(db: Database, identity: string): Promise<FlowIntegration[]> {
  return db
    .select()
    .from(flowIntegrations)
    .where(eq(flowIntegrations.identity, identity))
    .orderBy(asc(flowIntegrations.integrationId));
}

/** How many of the identity's integrations are active, `integrationId` left out: each new lead is sent to all of them. */
export async function countOtherActiveIntegrations(db: Database, identity: string, integrationId: number) {
  const [row] = await db
    .select({ active: count() })
    .from(flowIntegrations)
    .where(
      and(
        eq(flowIntegrations.identity, identity),
        eq(flowIntegrations.status, "active"),
        ne(flowIntegrations.integrationId, integrationId),
      ),
    );
  return row?.active ?? 0;
}

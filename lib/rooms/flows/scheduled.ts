import "server-only";

import { getAppDatabase } from "@/lib/db/client";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { deliverDue } from "@/lib/rooms/flows/deliver";
import { callbackTransport } from "@/lib/rooms/flows/transport";

/** What GET /api/cron runs for the flows: the deliveries whose retry is due, as counts. */
export async function retryDueDeliveries(): Promise<Record<string, number>> {
  const { send } = await callbackTransport(getIntegryConfig());
  const outcomes = await deliverDue(await getAppDatabase(), { send, limit: 50 });
  const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
  return { attempted: outcomes.length, delivered: count("delivered"), failed: count("failed") };
}

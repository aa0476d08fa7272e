import "server-only";

import { getAppDatabase } from "@/lib/db/client";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { drainDue } from "@/lib/rooms/flows/deliver";
import { callbackTransport } from "@/lib/rooms/flows/transport";

// Under the cron route's maxDuration (60 s, what every Vercel plan allows), with room for the last batch's sends,
// each cut off at 10 s.
export const CRON_BUDGET_MS = 40_000;

/** What GET /api/cron runs for the flows: every delivery whose retry is due, for as long as the budget lasts. */
export async function retryDueDeliveries(): Promise<Record<string, number>> {
  const { send } = await callbackTransport(getIntegryConfig());
  const { attempted, delivered, failed } = await drainDue(await getAppDatabase(), { send, budgetMs: CRON_BUDGET_MS });
  return { attempted, delivered, failed };
}

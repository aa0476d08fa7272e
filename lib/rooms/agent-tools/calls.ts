import "server-only";

import { and, desc, eq, lte } from "drizzle-orm";

import type { SessionUser } from "@/lib/auth/session";
import type { Database } from "@/lib/db/client";
import { agentCalls, agentTokens } from "@/lib/rooms/agent-tools/tables";

// Enough for a user to see what their agents did lately; the log of one busy agent never grows past it.
export const CALLS_KEPT_PER_USER = 100;

export type CallOutcome = (typeof agentCalls.$inferInsert)["outcome"];

export interface CallSummary {
  id: number;
  tool: string;
  outcome: CallOutcome;
  calledAt: Date;
  tokenName: string;
}

/** Records that `tokenId`'s agent ran `tool` for its owner, and forgets that owner's calls past the newest 100. */
export async function recordCall(
  db: Database,
  call: { userId: string; tokenId: number; tool: string; outcome: CallOutcome },
  now = new Date(),
): Promise<void> {
  await db.insert(agentCalls).values({ ...call, calledAt: now });
  // The 101st newest of this user's calls, and every older one: by ID, which only grows, so clocks do not matter.
  const oldestForgotten = db
    .select({ id: agentCalls.id })
    .from(agentCalls)
    .where(eq(agentCalls.userId, call.userId))
    .orderBy(desc(agentCalls.id))
    .offset(CALLS_KEPT_PER_USER)
    .limit(1);
  await db.delete(agentCalls).where(and(eq(agentCalls.userId, call.userId), lte(agentCalls.id, oldestForgotten)));
}

/** The user's newest calls, with the name of the token each came through (revoked tokens included). */
export function recentCalls(db: Database, user: SessionUser, limit = 20): Promise<CallSummary[]> {
  return db
    .select({
      id: agentCalls.id,
      tool: agentCalls.tool,
      outcome: agentCalls.outcome,
      calledAt: agentCalls.calledAt,
      tokenName: agentTokens.name,
    })
    .from(agentCalls)
    .innerJoin(agentTokens, eq(agentTokens.id, agentCalls.tokenId))
    .where(eq(agentCalls.userId, user.id))
    .orderBy(desc(agentCalls.id))
    .limit(limit);
}

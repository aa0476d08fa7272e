import { bigint, bigserial, doublePrecision, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The agent-tools room's tables. After a change here: `npm run db:generate -- lib/rooms/agent-tools/drizzle.config.ts`,
 * and commit the migration it writes. No "server-only" import: drizzle-kit loads this file in plain Node.
 */

// A personal access token for the MCP endpoint: stored as its SHA-256 only, so a copy of the table signs no one in.
export const agentTokens = pgTable(
  "agent_tokens",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    // The user's account when the token was made: under the account scope the token acts as it, as the embed does.
    accountId: text("account_id").notNull(),
    // The deployment it was made for: a token of another deployment sharing the database is refused.
    deploymentId: text("deployment_id").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [index("agent_tokens_user_idx").on(table.userId)],
);

// Each token's allowance of MCP requests, as a token bucket shared by every instance.
export const agentTokenAllowances = pgTable("agent_token_allowances", {
  tokenId: text("token_id").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: timestamp("refilled_at", { withTimezone: true }).notNull(),
});

// What agents ran with a user's tokens, so the user can see it: the tool and its outcome, never its arguments (a
// message an agent posted is the user's business, not this log's). Kept to the newest few per user.
export const agentCalls = pgTable(
  "agent_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    tokenId: bigint("token_id", { mode: "number" }).notNull(),
    tool: text("tool").notNull(),
    outcome: text("outcome", { enum: ["ok", "failed", "not_connected"] }).notNull(),
    calledAt: timestamp("called_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("agent_calls_user_idx").on(table.userId, table.id)],
);

import { bigserial, doublePrecision, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

import type { IntegrationStatus, SavedStep } from "@/lib/rooms/sandbox/store";

/**
 * The sandbox's tables. After a change here: `npm run db:generate -- lib/rooms/sandbox/drizzle.config.ts`, and
 * commit the migration it writes. No "server-only" import: drizzle-kit loads this file in plain Node.
 */

// One sequence for the sandbox's integration, step and field IDs: unique whichever process saves.
export const sandboxIds = pgSequence("sandbox_ids", { startWith: 5001 });

// The sandbox's secret is public, so anyone can mint identities: the least recently touched are evicted.
export const sandboxIdentities = pgTable("sandbox_identities", {
  userId: text("user_id").primaryKey(),
  touchedAt: timestamp("touched_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sandboxIntegrations = pgTable(
  "sandbox_integrations",
  {
    userId: text("user_id")
      .notNull()
      .references(() => sandboxIdentities.userId, { onDelete: "cascade" }),
    id: bigint("id", { mode: "number" }).notNull(),
    flowId: integer("flow_id").notNull(),
    name: text("name").notNull(),
    status: text("status").$type<IntegrationStatus>().notNull(),
    steps: jsonb("steps").$type<SavedStep[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.userId, table.id] })],
);

// What the sandbox's callback endpoint received: one run per idempotency key, as Integry runs a flow once per key.
export const sandboxRuns = pgTable(
  "sandbox_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => sandboxIdentities.userId, { onDelete: "cascade" }),
    integrationId: bigint("integration_id", { mode: "number" }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.userId, table.idempotencyKey)],
);

// What the sandbox's Integry Functions were called with and answered, each identity's newest kept.
export const sandboxFunctionCalls = pgTable(
  "sandbox_function_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => sandboxIdentities.userId, { onDelete: "cascade" }),
    functionName: text("function_name").notNull(),
    arguments: jsonb("arguments").$type<Record<string, unknown>>().notNull(),
    connectedAccountId: bigint("connected_account_id", { mode: "number" }),
    status: integer("status").notNull(),
    response: jsonb("response").$type<unknown>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Listing and capping read one identity's calls by ID.
  (table) => [index("sandbox_function_calls_user_id_id_idx").on(table.userId, table.id)],
);

// Accounts an identity connected from the apps view. IDs from 1,000,000: above those derived from saved flows.
export const sandboxConnectedAccounts = pgTable(
  "sandbox_connected_accounts",
  {
    // bigint, as the other IDs: a route takes up to 12 digits, which an integer column would refuse with an error.
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity({ startWith: 1_000_000 }),
    userId: text("user_id")
      .notNull()
      .references(() => sandboxIdentities.userId, { onDelete: "cascade" }),
    appName: text("app_name").notNull(),
    displayName: text("display_name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Listing, counting for the cap and removing read one identity's accounts by ID.
  (table) => [index("sandbox_connected_accounts_user_id_id_idx").on(table.userId, table.id)],
);

// The fail-next test switch: a test may arm it through one instance and be answered by another.
export const sandboxCallbackFailures = pgTable(
  "sandbox_callback_failures",
  {
    userId: text("user_id").notNull(),
    integrationId: bigint("integration_id", { mode: "number" }).notNull(),
    remaining: integer("remaining").notNull(),
    // The sandbox's CALLBACK_FAILURES, spelled out: a value import would pull the sandbox into every page's modules.
    failure: text("failure", { enum: ["503", "timeout"] }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.integrationId] }),
    // Through the integration, so deleting it or its identity (which deletes it) disarms the switch.
    foreignKey({
      name: "sandbox_callback_failures_integration_fk",
      columns: [table.userId, table.integrationId],
      foreignColumns: [sandboxIntegrations.userId, sandboxIntegrations.id],
    }).onDelete("cascade"),
  ],
);

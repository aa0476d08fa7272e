import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * The flows' tables: the app's events, sent to each active integration's callback URL. After a change here:
 * `npm run db:generate -- lib/rooms/flows/drizzle.config.ts`, and commit the migration it writes. No "server-only"
 * import: drizzle-kit loads this file in plain Node.
 */

// One row per integration the browser SDK reported saving; never deleted, so old deliveries keep their context.
export const flowIntegrations = pgTable(
  "flow_integrations",
  {
    identity: text("identity").notNull(),
    integrationId: bigint("integration_id", { mode: "number" }).notNull(),
    flowName: text("flow_name").notNull(),
    // None when the integration's flow has no webhook trigger: it gets no deliveries.
    callbackUrl: text("callback_url"),
    // "gone": its callback URL answered 404 or 410; "refused": it refused MAX_REFUSALS deliveries in a row.
    status: text("status", { enum: ["active", "disabled", "deleted", "gone", "refused"] }).notNull(),
    refusals: integer("refusals").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.identity, table.integrationId] })],
);

export const appEvents = pgTable("app_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  identity: text("identity").notNull(),
  type: text("type").notNull(),
  payload: jsonb("payload").$type<unknown>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => appEvents.id, { onDelete: "cascade" }),
    identity: text("identity").notNull(),
    integrationId: bigint("integration_id", { mode: "number" }).notNull(),
    callbackUrl: text("callback_url").notNull(),
    // Sent with every attempt, so the receiver runs the flow once however often a retry repeats it.
    idempotencyKey: text("idempotency_key")
      .notNull()
      .unique()
      .default(sql`gen_random_uuid()::text`),
    status: text("status", { enum: ["pending", "delivered", "failed", "skipped"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastHttpStatus: integer("last_http_status"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (table) => [
    index("deliveries_due_idx").on(table.status, table.nextAttemptAt),
    index("deliveries_identity_idx").on(table.identity, table.id),
  ],
);

// Each identity's allowance of leads, as a token bucket: in the database, so every instance spends the same one.
export const leadAllowances = pgTable("lead_allowances", {
  identity: text("identity").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: timestamp("refilled_at", { withTimezone: true }).notNull(),
});

export type DeliveryStatus = (typeof deliveries.$inferSelect)["status"];

/** A column's own name, unqualified: for the insert and set lists of the room's raw statements. */
export const columnName = (column: { name: string }) => sql.identifier(column.name);

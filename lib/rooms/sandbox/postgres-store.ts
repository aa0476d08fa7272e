import "server-only";

import { and, asc, count, desc, eq, gt, inArray, notInArray, sql } from "drizzle-orm";

import type { Database } from "@/lib/db/client";
import {
  sandboxCallbackFailures,
  sandboxConnectedAccounts,
  sandboxFunctionCalls,
  sandboxIdentities,
  sandboxIds,
  sandboxIntegrations,
  sandboxRuns,
} from "@/lib/rooms/sandbox/tables";
import {
  buildSavedSteps,
  DEFAULT_SANDBOX_STORE_LIMITS,
  type IntegrationDraft,
  type SandboxConnectedAccount,
  type SandboxFunctionCall,
  type SandboxRun,
  type SandboxStore,
  type SandboxStoreLimits,
  type SavedIntegration,
  type SavedStep,
} from "@/lib/rooms/sandbox/store";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Row = typeof sandboxIntegrations.$inferSelect;
type RunRow = typeof sandboxRuns.$inferSelect;
type FunctionCallRow = typeof sandboxFunctionCalls.$inferSelect;
type AccountRow = typeof sandboxConnectedAccounts.$inferSelect;

const toSaved = ({ id, flowId, name, status, createdAt, steps }: Row): SavedIntegration => ({
  id,
  flowId,
  name,
  status,
  createdAt: createdAt.toISOString(),
  steps,
});

const toRun = ({ id, integrationId, idempotencyKey, payload, createdAt }: RunRow): SandboxRun => ({
  id,
  integrationId,
  idempotencyKey,
  payload,
  createdAt: createdAt.toISOString(),
});

const toFunctionCall = (row: FunctionCallRow): SandboxFunctionCall => ({
  id: row.id,
  functionName: row.functionName,
  arguments: row.arguments,
  connectedAccountId: row.connectedAccountId,
  status: row.status,
  response: row.response,
  createdAt: row.createdAt.toISOString(),
});

const toAccount = ({ id, appName, displayName, createdAt }: AccountRow): SandboxConnectedAccount => ({
  id,
  appName,
  displayName,
  createdAt: createdAt.toISOString(),
});

const owned = (userId: string, id: number) =>
  and(eq(sandboxIntegrations.userId, userId), eq(sandboxIntegrations.id, id));

// Reads count as use, as in memory; a user who never saved has no row, so reading leaves no trace.
async function touch(db: Database | Transaction, userId: string): Promise<boolean> {
  const touched = await db
    .update(sandboxIdentities)
    .set({ touchedAt: sql`now()` })
    .where(eq(sandboxIdentities.userId, userId))
    .returning({ userId: sandboxIdentities.userId });
  return touched.length > 0;
}

// The upsert holds the identity's row until commit: one user's saves take turns across processes, so the cap holds.
async function ensure(tx: Transaction, userId: string, maxIdentities: number): Promise<void> {
  await tx
    .insert(sandboxIdentities)
    .values({ userId })
    .onConflictDoUpdate({ target: sandboxIdentities.userId, set: { touchedAt: sql`now()` } });
  // Rows another save holds are being touched, so they are recent: skip them rather than wait.
  const stale = tx
    .select({ userId: sandboxIdentities.userId })
    .from(sandboxIdentities)
    .orderBy(desc(sandboxIdentities.touchedAt))
    .offset(maxIdentities)
    .for("update", { skipLocked: true });
  await tx.delete(sandboxIdentities).where(inArray(sandboxIdentities.userId, stale));
}

// How many IDs buildSavedSteps will ask for, so they are drawn in one round trip.
function newIdsFor(draft: IntegrationDraft, previous: SavedStep[]): number {
  let needed = 0;
  buildSavedSteps(draft, previous, () => ++needed);
  return needed;
}

// From the database's sequence, never a per-process counter: two instances never hand out the same ID.
async function allocateIds(tx: Transaction, howMany: number): Promise<() => number> {
  // A select, not execute(): each driver shapes execute()'s raw result its own way.
  const rows = await tx
    .select({ id: sql<number>`nextval(${sandboxIds.seqName})`.mapWith(Number) })
    .from(sql`generate_series(1, ${howMany})`);
  const ids = rows.map((row) => row.id);
  return () => {
    const id = ids.shift();
    if (id === undefined) throw new Error("Drew fewer sandbox IDs than the draft needs.");
    return id;
  };
}

/**
 * The sandbox's state in the app's database, Postgres or the embedded PGlite: it outlives a restart, and
 * every instance of the app on one Postgres sees the same saved integrations and fail-next switches.
 */
export function createPostgresSandboxStore(
  database: () => Promise<Database>,
  overrides: Partial<SandboxStoreLimits> = {},
): SandboxStore {
  const limits = { ...DEFAULT_SANDBOX_STORE_LIMITS, ...overrides };
  return {
    async list(userId) {
      const db = await database();
      if (!(await touch(db, userId))) return [];
      const rows = await db
        .select()
        .from(sandboxIntegrations)
        .where(eq(sandboxIntegrations.userId, userId))
        .orderBy(asc(sandboxIntegrations.id));
      return rows.map(toSaved);
    },
    async get(userId, id) {
      const db = await database();
      if (!(await touch(db, userId))) return undefined;
      const [row] = await db.select().from(sandboxIntegrations).where(owned(userId, id));
      return row && toSaved(row);
    },
    async create(userId, draft) {
      return (await database()).transaction(async (tx) => {
        await ensure(tx, userId, limits.maxIdentities);
        const [saved] = await tx
          .select({ count: count() })
          .from(sandboxIntegrations)
          .where(eq(sandboxIntegrations.userId, userId));
        if ((saved?.count ?? 0) >= limits.maxIntegrationsPerIdentity) return undefined;
        const { flowId, name, status } = draft;
        const nextId = await allocateIds(tx, 1 + newIdsFor(draft, []));
        const id = nextId();
        const steps = buildSavedSteps(draft, [], nextId);
        const [row] = await tx
          .insert(sandboxIntegrations)
          .values({ userId, id, flowId, name, status, steps })
          .returning();
        return row && toSaved(row);
      });
    },
    async update(userId, id, draft) {
      return (await database()).transaction(async (tx) => {
        if (!(await touch(tx, userId))) return undefined;
        const [existing] = await tx.select().from(sandboxIntegrations).where(owned(userId, id));
        if (!existing) return undefined;
        const nextId = await allocateIds(tx, newIdsFor(draft, existing.steps));
        const steps = buildSavedSteps(draft, existing.steps, nextId);
        const [row] = await tx
          .update(sandboxIntegrations)
          .set({ name: draft.name, status: draft.status, steps })
          .where(owned(userId, id))
          .returning();
        return row && toSaved(row);
      });
    },
    async patch(userId, id, change) {
      const db = await database();
      if (!(await touch(db, userId))) return undefined;
      const [row] = await db.update(sandboxIntegrations).set(change).where(owned(userId, id)).returning();
      return row && toSaved(row);
    },
    async delete(userId, id) {
      const db = await database();
      if (!(await touch(db, userId))) return false;
      const deleted = await db
        .delete(sandboxIntegrations)
        .where(owned(userId, id))
        .returning({ id: sandboxIntegrations.id });
      return deleted.length > 0;
    },
    async recordRun(userId, draft) {
      return (await database()).transaction(async (tx) => {
        // Touching holds the identity's row until commit: one user's runs take turns, so the key and cap hold.
        if (!(await touch(tx, userId))) return undefined;
        const [inserted] = await tx
          .insert(sandboxRuns)
          .values({ userId, ...draft })
          .onConflictDoNothing({ target: [sandboxRuns.userId, sandboxRuns.idempotencyKey] })
          .returning();
        if (!inserted) {
          const [earlier] = await tx
            .select()
            .from(sandboxRuns)
            .where(and(eq(sandboxRuns.userId, userId), eq(sandboxRuns.idempotencyKey, draft.idempotencyKey)));
          return earlier && { run: toRun(earlier), replayed: true };
        }
        const kept = tx
          .select({ id: sandboxRuns.id })
          .from(sandboxRuns)
          .where(eq(sandboxRuns.userId, userId))
          .orderBy(desc(sandboxRuns.id))
          .limit(limits.maxRunsPerIdentity);
        await tx.delete(sandboxRuns).where(and(eq(sandboxRuns.userId, userId), notInArray(sandboxRuns.id, kept)));
        return { run: toRun(inserted), replayed: false };
      });
    },
    async listRuns(userId, integrationId, limit) {
      const db = await database();
      if (!(await touch(db, userId))) return [];
      const rows = await db
        .select()
        .from(sandboxRuns)
        .where(
          and(
            eq(sandboxRuns.userId, userId),
            integrationId === undefined ? undefined : eq(sandboxRuns.integrationId, integrationId),
          ),
        )
        .orderBy(desc(sandboxRuns.id))
        .limit(limit);
      return rows.map(toRun);
    },
    async recordFunctionCall(userId, draft) {
      return (await database()).transaction(async (tx) => {
        // As for runs: touching holds the identity's row until commit, so its calls take turns and the cap holds.
        if (!(await touch(tx, userId))) return undefined;
        const [inserted] = await tx
          .insert(sandboxFunctionCalls)
          .values({ userId, ...draft })
          .returning();
        const kept = tx
          .select({ id: sandboxFunctionCalls.id })
          .from(sandboxFunctionCalls)
          .where(eq(sandboxFunctionCalls.userId, userId))
          .orderBy(desc(sandboxFunctionCalls.id))
          .limit(limits.maxFunctionCallsPerIdentity);
        await tx
          .delete(sandboxFunctionCalls)
          .where(and(eq(sandboxFunctionCalls.userId, userId), notInArray(sandboxFunctionCalls.id, kept)));
        return inserted && toFunctionCall(inserted);
      });
    },
    async listFunctionCalls(userId, limit) {
      const db = await database();
      if (!(await touch(db, userId))) return [];
      const rows = await db
        .select()
        .from(sandboxFunctionCalls)
        .where(eq(sandboxFunctionCalls.userId, userId))
        .orderBy(desc(sandboxFunctionCalls.id))
        .limit(limit);
      return rows.map(toFunctionCall);
    },
    async connectAccount(userId, appName, displayName) {
      return (await database()).transaction(async (tx) => {
        // As for saves: ensure holds the identity's row until commit, so one user's connects take turns.
        await ensure(tx, userId, limits.maxIdentities);
        const [connected] = await tx
          .select({ count: count() })
          .from(sandboxConnectedAccounts)
          .where(eq(sandboxConnectedAccounts.userId, userId));
        if ((connected?.count ?? 0) >= limits.maxAccountsPerIdentity) return undefined;
        const [row] = await tx.insert(sandboxConnectedAccounts).values({ userId, appName, displayName }).returning();
        return row && toAccount(row);
      });
    },
    async listAccounts(userId) {
      const db = await database();
      if (!(await touch(db, userId))) return [];
      const rows = await db
        .select()
        .from(sandboxConnectedAccounts)
        .where(eq(sandboxConnectedAccounts.userId, userId))
        .orderBy(asc(sandboxConnectedAccounts.id));
      return rows.map(toAccount);
    },
    async removeAccount(userId, id) {
      const db = await database();
      if (!(await touch(db, userId))) return false;
      const removed = await db
        .delete(sandboxConnectedAccounts)
        .where(and(eq(sandboxConnectedAccounts.userId, userId), eq(sandboxConnectedAccounts.id, id)))
        .returning({ id: sandboxConnectedAccounts.id });
      return removed.length > 0;
    },
    async failNextRuns(userId, integrationId, remaining, failure) {
      const db = await database();
      await db
        .insert(sandboxCallbackFailures)
        .values({ userId, integrationId, remaining, failure })
        .onConflictDoUpdate({
          target: [sandboxCallbackFailures.userId, sandboxCallbackFailures.integrationId],
          set: { remaining, failure },
        });
    },
    // One statement, guarded by the row's own count: two instances answering at once never spend one failure twice.
    async takeRunFailure(userId, integrationId) {
      const db = await database();
      const taken = await db
        .update(sandboxCallbackFailures)
        .set({ remaining: sql`${sandboxCallbackFailures.remaining} - 1` })
        .where(
          and(
            eq(sandboxCallbackFailures.userId, userId),
            eq(sandboxCallbackFailures.integrationId, integrationId),
            gt(sandboxCallbackFailures.remaining, 0),
          ),
        )
        .returning({ failure: sandboxCallbackFailures.failure });
      return taken[0]?.failure;
    },
  };
}

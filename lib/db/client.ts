import "server-only";

import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lock } from "proper-lockfile";

import { getDatabaseUrl, getEmbeddedDatabaseDir, isVercelProduction } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ROOMS } from "@/lib/room";

/** The app's database, whichever driver serves it: Postgres at DATABASE_URL or the embedded PGlite. */
export type Database = PgDatabase<PgQueryResultHKT>;
export type PostgresDatabase = PostgresJsDatabase;
export type EmbeddedDatabase = PgliteDatabase & { $client: PGlite };

export interface DatabaseConnection {
  /** Applies pending migrations and opens the pool on the first call; later calls share them. */
  open(): Promise<PostgresDatabase>;
  close(): Promise<void>;
}

// Each room's own tables: its migrations folder, recorded in its own table, so a removed room leaves no journal behind.
const ROOM_MIGRATIONS = ROOMS.flatMap(({ migrations }) =>
  migrations
    ? [
        {
          migrationsFolder: join(/* turbopackIgnore: true */ process.cwd(), migrations.folder),
          migrationsTable: migrations.table,
        },
      ]
    : [],
);
// Any constant of our own: it names the lock every process takes to migrate.
const MIGRATION_LOCK = 7_302_551_864;
// Postgres's NOTICEs ("relation already exists, skipping") are routine here, not worth a log line.
const quiet = { onnotice: () => {} };

// drizzle's migrator takes no lock: two processes starting at once would both read "nothing applied"
// and both apply it. One connection holds a session lock until it closes, whatever happens.
async function migrateOnce(url: string): Promise<void> {
  const client = postgres(url, { ...quiet, max: 1 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    for (const migrations of ROOM_MIGRATIONS) await migrate(drizzle({ client }), migrations);
  } finally {
    await client.end();
  }
}

/** Opens nothing until `open()`: `next build` evaluates route modules, with no database to reach. */
export function connectDatabase(url: string): DatabaseConnection {
  const client = postgres(url, quiet);
  let opened: Promise<PostgresDatabase> | undefined;
  return {
    open() {
      opened ??= migrateOnce(url).then(
        () => drizzle({ client }),
        (error: unknown) => {
          opened = undefined;
          throw error;
        },
      );
      return opened;
    },
    close: () => client.end(),
  };
}

// Next may load this module once per route bundle: one pool per process and URL, one PGlite per data dir.
const processWide = globalThis as {
  databaseConnections?: Map<string, DatabaseConnection>;
  embeddedDatabases?: Map<string, Promise<EmbeddedDatabase>>;
  keptBesideEmbedded?: WeakMap<PGlite, Map<string, { clear(): void }>>;
};

export function processDatabase(url: string): DatabaseConnection {
  const connections = (processWide.databaseConnections ??= new Map());
  const connection = connections.get(url) ?? connectDatabase(url);
  connections.set(url, connection);
  return connection;
}

// A lock's owner touches it every 5 s; one untouched for 10 s was left by a process that died, and is taken over.
const LOCK_STALE_MS = 10_000;

/**
 * Takes `dataDir` for this process alone: two processes on one PGlite folder would each write over the other's
 * pages, silently. The lock is a folder beside it (`<dataDir>.lock`), the same across containers sharing a volume.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lock(dataDir, { stale: LOCK_STALE_MS, retries: 0 });
  } catch (error) {
    if ((error as { code?: string }).code !== "ELOCKED") throw error;
    throw new AppError(
      "unavailable",
      `The embedded database in ${dataDir} is open in another process: PGlite serves one process per folder. Stop ` +
        "the other server, give this one its own PGLITE_DATA_DIR, or set DATABASE_URL to a Postgres every instance shares.",
    );
  }
}

/** The rows of a raw `db.execute`: postgres-js answers an array, PGlite `{ rows }`. */
export function resultRows(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}

/** Whether `db` is the embedded database, which runs on this process's own thread. */
export function isEmbeddedDatabase(db: Database): boolean {
  return (db as { $client?: unknown }).$client instanceof PGlite;
}

/**
 * What a room keeps in this process's memory beside the embedded database `db`, under `name`; undefined on
 * Postgres, which other instances change too. The embedded database's folder is this process's alone (the lock
 * above), so every change to it is made here: a room that updates what it keeps wherever it changes those rows can
 * answer from memory, as exactly as from the table, and with no statement.
 */
export function keptBesideEmbedded<T extends { clear(): void }>(db: Database, name: string, create: () => T) {
  if (!isEmbeddedDatabase(db)) return undefined;
  const client = (db as EmbeddedDatabase).$client;
  // Process-wide, as the client is: a room's routes may each load their own copy of this module.
  const keptByClient = (processWide.keptBesideEmbedded ??= new WeakMap());
  let kept = keptByClient.get(client);
  if (!kept) keptByClient.set(client, (kept = new Map()));
  if (!kept.has(name)) kept.set(name, create());
  return kept.get(name) as T;
}

/** Forgets everything kept beside `db`: for what changes its tables behind the app's back (tests that empty them). */
export function forgetKeptBeside(db: EmbeddedDatabase): void {
  for (const kept of processWide.keptBesideEmbedded?.get(db.$client)?.values() ?? []) kept.clear();
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * PGlite runs on this process's own thread, and chains queued statements with promises: a burst of them ran back to
 * back, and every request waited for the last (measured: a page beside the leads at 1.3 s p99). Here each statement
 * or transaction (all drizzle asks of it) waits for a turn of the event loop of its own, so requests in between are
 * served.
 */
class TurnTakingPGlite extends PGlite {
  #lastTurn: Promise<unknown> = Promise.resolve();

  #inTurn<T>(run: () => Promise<T>): Promise<T> {
    const turn = this.#lastTurn.then(nextTurn).then(run);
    this.#lastTurn = turn.catch(() => {});
    return turn;
  }

  override query<T>(query: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#inTurn(() => super.query<T>(query, params, options));
  }

  override transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#inTurn(() => super.transaction(callback));
  }
}

/** PGlite in `dataDir`, or in memory without one, migrated. PGlite runs one query at a time: no lock to take. */
export async function openPgliteDatabase(dataDir?: string): Promise<EmbeddedDatabase> {
  const inFolder = dataDir !== undefined && dataDir !== "memory://";
  // PGlite creates its own folder, not the parents.
  if (inFolder) mkdirSync(dataDir, { recursive: true });
  const release = inFolder ? await lockDataDir(dataDir) : undefined;
  const client = new TurnTakingPGlite(dataDir);
  await client.waitReady.catch(async (error: unknown) => {
    await release?.();
    throw error;
  });
  if (release) {
    // Closing the database frees its folder for the next process (or the next open in this one, in tests).
    const close = client.close.bind(client);
    client.close = () => close().finally(release);
  }
  const db = drizzlePglite({ client });
  for (const migrations of ROOM_MIGRATIONS) await migratePglite(db, migrations);
  return db;
}

function processPglite(dataDir: string): Promise<EmbeddedDatabase> {
  const databases = (processWide.embeddedDatabases ??= new Map());
  const opened =
    databases.get(dataDir) ??
    openPgliteDatabase(dataDir).catch((error: unknown) => {
      databases.delete(dataDir);
      throw error;
    });
  databases.set(dataDir, opened);
  return opened;
}

/**
 * False only where getAppDatabase refuses: production on Vercel without DATABASE_URL. Vercel's filesystem is
 * per instance and wiped on every deploy, so the embedded database would lose events there.
 */
export const hasAppDatabase = () => Boolean(getDatabaseUrl()) || !isVercelProduction();

/**
 * Postgres at DATABASE_URL when set; else PGlite in .data/pglite, so `npm run dev` needs no database
 * server. PGlite is a single-process database: one app process per .data folder.
 */
export async function getAppDatabase(): Promise<Database> {
  if (!hasAppDatabase()) {
    throw new AppError(
      "misconfigured",
      "DATABASE_URL is missing: on Vercel the embedded database would lose its data on every deploy. Set it to a Postgres database's URL (e.g. Neon, from Vercel's Marketplace).",
    );
  }
  const url = getDatabaseUrl();
  if (url) return processDatabase(url).open();
  const dataDir = getEmbeddedDatabaseDir();
  // A folder chosen at run time: the ignore keeps Next's file tracing from copying the whole project into the build.
  return processPglite(dataDir === "memory://" ? dataDir : resolve(/* turbopackIgnore: true */ process.cwd(), dataDir));
}

/** For instrumentation.ts: a failure is only logged here, and reported by the first route that needs the database. */
export async function openAppDatabaseEarly(): Promise<void> {
  // No installed room keeps tables: nothing to open.
  if (ROOM_MIGRATIONS.length === 0) return;
  await getAppDatabase().catch((error: unknown) => {
    console.error(
      `The database could not be opened: ${error instanceof AppError ? error.message : "see the first request"}`,
    );
  });
}

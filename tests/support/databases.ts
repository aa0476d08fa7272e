import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, afterEach, beforeAll, inject, onTestFinished, vi } from "vitest";

import {
  connectDatabase,
  forgetKeptBeside,
  getAppDatabase,
  openPgliteDatabase,
  processDatabase,
  type Database,
  type DatabaseConnection,
  type EmbeddedDatabase,
} from "@/lib/db/client";

import { createDatabase, type ThrowawayDatabase } from "./postgres";

/** The test server from postgres-setup.ts, or "" when this machine has no Postgres (never in CI). */
export const POSTGRES_URL = inject("postgresUrl");

// Creating a PGlite (initdb in WebAssembly) takes seconds, more on a busy machine.
export const PGLITE_START_TIMEOUT_MS = 120_000;

export interface TestDatabase {
  name: "PGlite" | "Postgres";
  /** True where this machine has no Postgres server (never in CI). */
  skip: boolean;
  /** False on PGlite: one connection, so a transaction waits for the one before it to end. */
  concurrentTransactions: boolean;
  open: () => Promise<Database>;
  /** What two instances of the app would hold: two pools on Postgres; on PGlite, its one instance twice. */
  openTwo: () => Promise<[Database, Database]>;
}

/**
 * The two databases the app runs on, PGlite in memory and a database on the suite's Postgres server: one each for
 * the calling test file, with `tables` emptied after each test (a new database per test would cost seconds each).
 */
export function databasesForThisFile(tables: readonly string[]): TestDatabase[] {
  let pglite: EmbeddedDatabase | undefined;
  let postgres: ThrowawayDatabase | undefined;
  const connections: DatabaseConnection[] = [];
  beforeAll(async () => void (pglite = await openPgliteDatabase()), PGLITE_START_TIMEOUT_MS);
  afterEach(async () => {
    if (!pglite) return;
    await pglite.$client.exec(`truncate ${tables.join(", ")} cascade`);
    forgetKeptBeside(pglite);
  });
  afterAll(() => pglite?.$client.close());
  if (POSTGRES_URL) {
    beforeAll(async () => void (postgres = await createDatabase(POSTGRES_URL)));
    afterEach(async () => {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      await postgres?.empty();
    });
    afterAll(() => postgres?.drop());
  }
  // A pool of its own, as another instance of the app would have; closed when the test ends.
  const connect = () => {
    if (!postgres) throw new Error("No test database: this machine has no Postgres server.");
    const connection = connectDatabase(postgres.url);
    connections.push(connection);
    return connection.open();
  };
  return [
    {
      name: "PGlite",
      skip: false,
      concurrentTransactions: false,
      open: async () => pglite!,
      openTwo: async () => [pglite!, pglite!],
    },
    {
      name: "Postgres",
      skip: POSTGRES_URL === "",
      concurrentTransactions: true,
      open: connect,
      openTwo: () => Promise.all([connect(), connect()]),
    },
  ];
}

/**
 * Points the app at PGlite in a new folder, as a server without DATABASE_URL runs: the one getAppDatabase
 * and the rooms then share. Closed and removed when the test ends; the caller unstubs the environment.
 */
export async function embeddedAppDatabaseForThisTest(): Promise<{ dataDir: string; db: EmbeddedDatabase }> {
  const dataDir = mkdtempSync(join(tmpdir(), "app-pglite-"));
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("PGLITE_DATA_DIR", dataDir);
  const db = (await getAppDatabase()) as EmbeddedDatabase;
  onTestFinished(async () => {
    if (!db.$client.closed) await db.$client.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { dataDir, db };
}

/** Points the app at a new database on the suite's Postgres server with DATABASE_URL; dropped when the test ends. */
export async function postgresAppDatabaseForThisTest(): Promise<{ url: string; db: Database }> {
  const database = await createDatabase(POSTGRES_URL);
  vi.stubEnv("DATABASE_URL", database.url);
  onTestFinished(async () => {
    await processDatabase(database.url).close();
    await database.drop();
  });
  return { url: database.url, db: await getAppDatabase() };
}

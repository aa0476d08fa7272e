import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { onTestFinished, vi } from "vitest";

import { getAppDatabase, processDatabase, type Database, type EmbeddedDatabase } from "@/lib/db/client";

import { createDatabase } from "../../support/postgres";
import { POSTGRES_URL } from "../postgres-database";

// Creating a PGlite (initdb in WebAssembly) takes seconds, more on a busy machine.
export const PGLITE_START_TIMEOUT_MS = 120_000;

/**
 * Points the app at PGlite in a new folder, as a server without DATABASE_URL runs: the one getAppDatabase
 * and the sandbox then share. Closed and removed when the test ends; the caller unstubs the environment.
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

import { afterAll, afterEach, beforeAll } from "vitest";

import { openPgliteDatabase, type EmbeddedDatabase } from "@/lib/db/client";
import { createMemorySandboxStore } from "@/lib/optional/sandbox/memory-store";
import { createPostgresSandboxStore } from "@/lib/optional/sandbox/postgres-store";
import type { SandboxStore, SandboxStoreLimits } from "@/lib/optional/sandbox/store";

import { databaseForThisFile, POSTGRES_URL } from "../postgres-database";
import { PGLITE_START_TIMEOUT_MS } from "./app-database";

export interface SandboxStoreBackend {
  name: string;
  /** True where this machine has no Postgres server (never in CI). */
  skip: boolean;
  /** A store as one instance of the app holds it: on Postgres each call opens a pool of its own. */
  open: (limits?: Partial<SandboxStoreLimits>) => SandboxStore;
}

/**
 * The store where the app has no database, and on each database the app runs on: one of each for this file,
 * emptied after each test (a PGlite per test would cost seconds each).
 */
export function sandboxStoresForThisFile(): SandboxStoreBackend[] {
  let pglite: EmbeddedDatabase | undefined;
  beforeAll(async () => void (pglite = await openPgliteDatabase()), PGLITE_START_TIMEOUT_MS);
  afterEach(() =>
    pglite?.$client.exec("truncate sandbox_identities, sandbox_integrations, sandbox_runs, sandbox_callback_failures"),
  );
  afterAll(() => pglite?.$client.close());
  const postgres = databaseForThisFile();
  return [
    { name: "in memory", skip: false, open: (limits) => createMemorySandboxStore(limits) },
    { name: "in PGlite", skip: false, open: (limits) => createPostgresSandboxStore(async () => pglite!, limits) },
    {
      name: "in Postgres",
      skip: POSTGRES_URL === "",
      open: (limits) => {
        const connection = postgres.connect();
        return createPostgresSandboxStore(() => connection.open(), limits);
      },
    },
  ];
}

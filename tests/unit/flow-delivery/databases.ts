import { afterAll, afterEach, beforeAll } from "vitest";

import { openPgliteDatabase, type Database, type EmbeddedDatabase } from "@/lib/db/client";

import { databaseForThisFile, POSTGRES_URL } from "../postgres-database";

export interface TestBackend {
  name: string;
  /** True where this machine has no Postgres server (never in CI). */
  skip: boolean;
  /** False on PGlite: one connection, so a transaction waits for the one before it to end. */
  concurrentTransactions: boolean;
  open: () => Promise<Database>;
  /** What two instances of the app would hold: two pools on Postgres; on PGlite, its one instance twice. */
  openTwo: () => Promise<[Database, Database]>;
}

// Creating a PGlite (initdb in WebAssembly) takes seconds: one per file, emptied after each test.
const PGLITE_START_TIMEOUT_MS = 120_000;

/** The two databases the app runs on, PGlite in memory and the suite's Postgres server: one each for this file. */
export function backendsForThisFile(): TestBackend[] {
  let pglite: EmbeddedDatabase | undefined;
  beforeAll(async () => void (pglite = await openPgliteDatabase()), PGLITE_START_TIMEOUT_MS);
  afterEach(() => pglite?.$client.exec("truncate flow_integrations, app_events, deliveries"));
  afterAll(() => pglite?.$client.close());
  const postgres = databaseForThisFile();
  const openPglite = async () => pglite!;
  return [
    {
      name: "PGlite",
      skip: false,
      concurrentTransactions: false,
      open: openPglite,
      openTwo: async () => [pglite!, pglite!],
    },
    {
      name: "Postgres",
      skip: POSTGRES_URL === "",
      concurrentTransactions: true,
      open: () => postgres.connect().open(),
      openTwo: () => Promise.all([postgres.connect().open(), postgres.connect().open()]),
    },
  ];
}

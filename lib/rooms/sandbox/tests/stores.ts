import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import { createPostgresSandboxStore } from "@/lib/rooms/sandbox/postgres-store";
import type { SandboxStore, SandboxStoreLimits } from "@/lib/rooms/sandbox/store";
import { databasesForThisFile } from "@/tests/support/databases";

export interface SandboxStoreBackend {
  name: string;
  /** True where this machine has no Postgres server (never in CI). */
  skip: boolean;
  /** A store as one instance of the app holds it: on Postgres each call opens a pool of its own. */
  open: (limits?: Partial<SandboxStoreLimits>) => SandboxStore;
}

const TABLES = [
  "sandbox_identities",
  "sandbox_integrations",
  "sandbox_runs",
  "sandbox_callback_failures",
  "sandbox_function_calls",
  "sandbox_connected_accounts",
];

/** The store where the app has no database, and on each database the app runs on: one of each for this file. */
export function sandboxStoresForThisFile(): SandboxStoreBackend[] {
  const databases = databasesForThisFile(TABLES);
  return [
    { name: "in memory", skip: false, open: (limits) => createMemorySandboxStore(limits) },
    ...databases.map((database) => ({
      name: `in ${database.name}`,
      skip: database.skip,
      open: (limits?: Partial<SandboxStoreLimits>) => createPostgresSandboxStore(database.open, limits),
    })),
  ];
}

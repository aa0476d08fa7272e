import "server-only";

import { join } from "node:path";

import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

import * as schema from "@/lib/db/schema";

export type Database = PostgresJsDatabase<typeof schema>;

export interface DatabaseConnection {
  /** Applies pending migrations and opens the pool on the first call; later calls share them. */
  open(): Promise<Database>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = join(process.cwd(), "lib", "db", "migrations");
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
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}

/** Opens nothing until `open()`: `next build` evaluates route modules, with no database to reach. */
export function connectDatabase(url: string): DatabaseConnection {
  const client = postgres(url, quiet);
  let opened: Promise<Database> | undefined;
  return {
    open() {
      opened ??= migrateOnce(url).then(
        () => drizzle({ client, schema }),
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

// Next may load this module once per route bundle: one pool per process and URL.
const processWide = globalThis as { databaseConnections?: Map<string, DatabaseConnection> };

export function processDatabase(url: string): DatabaseConnection {
  const connections = (processWide.databaseConnections ??= new Map());
  const connection = connections.get(url) ?? connectDatabase(url);
  connections.set(url, connection);
  return connection;
}

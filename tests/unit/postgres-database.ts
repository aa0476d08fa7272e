import { afterAll, afterEach, beforeAll, inject } from "vitest";

import { connectDatabase, type DatabaseConnection } from "@/lib/db/client";

import { createDatabase, type ThrowawayDatabase } from "../support/postgres";

/** The test server from postgres-setup.ts, or "" when this machine has no Postgres (never in CI). */
export const POSTGRES_URL = inject("postgresUrl");

export interface TestDatabase {
  /** A pool of its own, as another instance of the app would have; closed when the test ends. */
  connect: () => DatabaseConnection;
}

/**
 * One database for the calling test file, emptied after each test: a new database for each test
 * would cost more than most tests. Without a Postgres server it does nothing.
 */
export function databaseForThisFile(): TestDatabase {
  let database: ThrowawayDatabase | undefined;
  const connections: DatabaseConnection[] = [];
  if (POSTGRES_URL) {
    beforeAll(async () => void (database = await createDatabase(POSTGRES_URL)));
    afterEach(async () => {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      await database?.empty();
    });
    afterAll(() => database?.drop());
  }
  return {
    connect: () => {
      if (!database) throw new Error("No test database: this machine has no Postgres server.");
      const connection = connectDatabase(database.url);
      connections.push(connection);
      return connection;
    },
  };
}

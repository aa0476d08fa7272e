import { readFileSync } from "node:fs";

import { sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";

import { connectDatabase } from "@/lib/db/client";

import { createDatabase } from "../../support/postgres";
import { POSTGRES_URL } from "../postgres-database";

const journal = JSON.parse(readFileSync("lib/db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };

describe("the database connection", () => {
  it("reaches the server only in open(), and tries again after a failure", async () => {
    // Port 1 on loopback: nothing listens there.
    const connection = connectDatabase("postgres://app@127.0.0.1:1/none");
    await expect(connection.open()).rejects.toThrow("ECONNREFUSED");
    await expect(connection.open()).rejects.toThrow("ECONNREFUSED");
    await connection.close();
  });

  it.skipIf(POSTGRES_URL === "")("migrates a new database once when several processes open it at once", async () => {
    const database = await createDatabase(POSTGRES_URL);
    const connections = [1, 2, 3, 4].map(() => connectDatabase(database.url));
    onTestFinished(async () => {
      await Promise.all(connections.map((connection) => connection.close()));
      await database.drop();
    });
    // drizzle's migrator alone fails this way: "duplicate key value violates unique constraint".
    const opened = await Promise.all(connections.map((connection) => connection.open()));
    const applied = await opened[0]!.execute<{ count: string }>(sql`select count(*) from drizzle.__drizzle_migrations`);
    expect(applied).toEqual([{ count: String(journal.entries.length) }]);
    const tables = await opened[3]!.execute<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    );
    expect(tables).toEqual([{ name: "sandbox_identities" }, { name: "sandbox_integrations" }]);
  });
});

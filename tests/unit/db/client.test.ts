import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";

import {
  connectDatabase,
  getAppDatabase,
  openPgliteDatabase,
  processDatabase,
  type EmbeddedDatabase,
} from "@/lib/db/client";
import { ROOMS } from "@/lib/room";
import { POSTGRES_URL } from "@/tests/support/databases";
import { createDatabase } from "@/tests/support/postgres";

// Read from each installed room's SQL, not from the migrator: what its migrations should have created.
const MIGRATED = ROOMS.flatMap(({ migrations }) => (migrations ? [migrations] : [])).map(({ folder, table }) => {
  const sql = readdirSync(folder)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => readFileSync(join(folder, file), "utf8"))
    .join("\n");
  return { table, count: readdirSync(folder).filter((file) => file.endsWith(".sql")).length, sql };
});
const TABLES = MIGRATED.flatMap(({ sql }) => [...sql.matchAll(/CREATE TABLE "(\w+)"/g)].map(([, name]) => name)).sort();
// Creating a PGlite (initdb in WebAssembly) takes seconds, more on a busy machine.
const PGLITE_TIMEOUT_MS = 120_000;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

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
    for (const { table, count } of MIGRATED) {
      const applied = await opened[0]!.execute<{ count: string }>(
        sql`select count(*) from drizzle.${sql.identifier(table)}`,
      );
      expect(applied).toEqual([{ count: String(count) }]);
    }
    const tables = await opened[3]!.execute<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    );
    expect(tables.map((table) => table.name)).toEqual(TABLES);
  });
});

describe("getAppDatabase", () => {
  it("refuses to start on Vercel in production without DATABASE_URL, naming the variable", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("VERCEL", "1");
    vi.stubEnv("DATABASE_URL", "");
    await expect(getAppDatabase()).rejects.toMatchObject({
      code: "misconfigured",
      message: expect.stringMatching(/^DATABASE_URL is missing: /),
    });
  });

  it(
    "is one migrated PGlite in .data/pglite under the working directory elsewhere, kept on disk",
    async () => {
      const workingDirectory = mkdtempSync(join(tmpdir(), "app-"));
      onTestFinished(() => rmSync(workingDirectory, { recursive: true, force: true }));
      vi.spyOn(process, "cwd").mockReturnValue(workingDirectory);
      // A production server off Vercel (Docker, a VM) keeps its files: the embedded database is allowed there.
      vi.stubEnv("NODE_ENV", "production");
      vi.stubEnv("DATABASE_URL", "");

      const db = await getAppDatabase();
      expect(await getAppDatabase()).toBe(db);
      expect(existsSync(join(workingDirectory, ".data", "pglite", "PG_VERSION"))).toBe(true);
      await db.execute(sql`create table kept (payload jsonb)`);
      await db.execute(sql`insert into kept values (${JSON.stringify({ name: "Ada" })}::jsonb)`);
      await (db as EmbeddedDatabase).$client.close();

      const restarted = await openPgliteDatabase(join(workingDirectory, ".data", "pglite"));
      onTestFinished(() => restarted.$client.close());
      expect((await restarted.$client.query("select payload from kept")).rows).toEqual([{ payload: { name: "Ada" } }]);
      const tables = await restarted.$client.query<{ name: string }>(
        "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
      );
      expect(tables.rows.map((table) => table.name)).toEqual([...TABLES, "kept"].sort());
    },
    PGLITE_TIMEOUT_MS,
  );

  it.skipIf(POSTGRES_URL === "")("is this process's Postgres pool for DATABASE_URL when it is set", async () => {
    const database = await createDatabase(POSTGRES_URL);
    onTestFinished(async () => {
      await processDatabase(database.url).close();
      await database.drop();
    });
    vi.stubEnv("VERCEL", "1");
    vi.stubEnv("DATABASE_URL", database.url);
    expect(await getAppDatabase()).toBe(await processDatabase(database.url).open());
  });
});

describe("the embedded database's folder", () => {
  it(
    "is one process's: a second open is refused with 503 naming the folder and DATABASE_URL, until the first closes",
    async () => {
      const folder = mkdtempSync(join(tmpdir(), "locked-pglite-"));
      onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
      const first = await openPgliteDatabase(folder);
      await expect(openPgliteDatabase(folder)).rejects.toMatchObject({
        code: "unavailable",
        status: 503,
        message: expect.stringMatching(
          new RegExp(`^The embedded database in ${folder} is open in another process.*DATABASE_URL`),
        ),
      });
      await first.$client.close();
      const second = await openPgliteDatabase(folder);
      await second.$client.close();
    },
    PGLITE_TIMEOUT_MS,
  );

  it(
    "is taken over from a process that died holding it, once its lock has gone 10 s untouched",
    async () => {
      const folder = mkdtempSync(join(tmpdir(), "stale-pglite-"));
      onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
      // What a killed process leaves: the lock folder, no longer touched.
      mkdirSync(`${folder}.lock`);
      onTestFinished(() => rmSync(`${folder}.lock`, { recursive: true, force: true }));
      await expect(openPgliteDatabase(folder)).rejects.toMatchObject({ code: "unavailable" });
      const elevenSecondsAgo = new Date(Date.now() - 11_000);
      utimesSync(`${folder}.lock`, elevenSecondsAgo, elevenSecondsAgo);
      const db = await openPgliteDatabase(folder);
      await db.$client.close();
    },
    PGLITE_TIMEOUT_MS,
  );
});

describe("the embedded database", () => {
  it(
    "lets the event loop turn between its statements, so a burst of them does not hold every request up",
    async () => {
      const db = await openPgliteDatabase();
      onTestFinished(() => db.$client.close());
      const BURST = 40;
      let finished = 0;
      const burst = Array.from({ length: BURST }, (_, index) =>
        db.execute(sql`select ${index}::int as index`).then(() => finished++),
      );
      // What a request arriving during the burst would get: a callback on a later turn of the event loop.
      const finishedWhenServed = await new Promise<number>((resolve) => setImmediate(() => resolve(finished)));
      await Promise.all(burst);
      expect(finished).toBe(BURST);
      // PGlite alone chains queued statements through promises: all 40 ran before the callback.
      expect(finishedWhenServed).toBeLessThan(2);
    },
    PGLITE_TIMEOUT_MS,
  );

  it(
    "still runs a transaction's statements together, and one that fails rolls back alone",
    async () => {
      const db = await openPgliteDatabase();
      onTestFinished(() => db.$client.close());
      await db.execute(sql`create table turns (n int)`);
      const failing = db.transaction(async (tx) => {
        await tx.execute(sql`insert into turns values (1)`);
        throw new Error("rolled back");
      });
      const committed = db.transaction(async (tx) => {
        await tx.execute(sql`insert into turns values (2)`);
        await tx.execute(sql`insert into turns values (3)`);
      });
      await expect(failing).rejects.toThrow("rolled back");
      await committed;
      const rows = await db.execute<{ n: number }>(sql`select n from turns order by n`);
      expect(rows.rows.map(({ n }) => n)).toEqual([2, 3]);
    },
    PGLITE_TIMEOUT_MS,
  );
});

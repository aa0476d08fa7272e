import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import postgres from "postgres";

const run = promisify(execFile);
const DEBIAN_POSTGRES = "/usr/lib/postgresql";

export interface ThrowawayPostgres {
  /** `postgres://app@127.0.0.1:<port>/postgres`: no password, the server trusts loopback. */
  url: string;
  stop: () => Promise<void>;
}

/** The newest Debian Postgres's bin folder (`apt-get install postgresql`), or undefined when none is installed. */
export function findPostgresBin(): string | undefined {
  const versions = existsSync(DEBIAN_POSTGRES) ? readdirSync(DEBIAN_POSTGRES) : [];
  const newest = versions
    .filter((version) => existsSync(join(DEBIAN_POSTGRES, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest && join(DEBIAN_POSTGRES, newest, "bin");
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(address)));
    });
  });
}

// Postgres refuses to run as root, which CI and these machines are: it then runs as Debian's `postgres` user.
const asRoot = process.getuid?.() === 0;
const asServerUser = (program: string, args: string[]) =>
  asRoot ? run("runuser", ["-u", "postgres", "--", program, ...args]) : run(program, args);

/** A new Postgres server in a temporary folder, on a free loopback port; `stop()` removes every trace. */
export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(`No Postgres server in ${DEBIAN_POSTGRES}/*/bin: apt-get install -y postgresql`);
  const folder = mkdtempSync(join(tmpdir(), "postgres-"));
  if (asRoot) await run("chown", ["postgres", folder]);
  const [data, log, port] = [join(folder, "data"), join(folder, "log"), await freeLoopbackPort()];
  const pgCtl = (...args: string[]) => asServerUser(join(bin, "pg_ctl"), ["-D", data, ...args]);
  try {
    await asServerUser(join(bin, "initdb"), [
      "-D",
      data,
      "-A",
      "trust",
      "-U",
      "app",
      "--no-sync",
      "--locale=C",
      "-E",
      "UTF8",
    ]);
    // A test server needs no durability: skipping fsync makes each database and commit much faster.
    const settings = `-k ${folder} -h 127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c max_connections=200`;
    await pgCtl("-o", settings, "-l", log, "-w", "-t", "30", "start");
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, "utf8") : "";
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`The test Postgres did not start: ${String(error)}\n${serverLog}`);
  }
  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://app@127.0.0.1:${port}/postgres`,
    stop: () =>
      (stopped ??= pgCtl("-m", "immediate", "stop").then(
        () => rmSync(folder, { recursive: true, force: true }),
        (error: unknown) => console.error(`The test Postgres in ${folder} did not stop: ${String(error)}`),
      )),
  };
}

export interface ThrowawayDatabase {
  url: string;
  /** Empties every table, keeping the schema: cheaper than a new database for each test. */
  empty: () => Promise<void>;
  drop: () => Promise<void>;
}

async function withClient<T>(url: string, work: (client: postgres.Sql) => Promise<T>): Promise<T> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the server at `serverUrl`: test files sharing one server stay apart. */
export async function createDatabase(serverUrl: string): Promise<ThrowawayDatabase> {
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  // Copying files beats the default (write-ahead logging every block) on a server without fsync.
  await withClient(serverUrl, (admin) => admin`create database ${admin(name)} strategy file_copy`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    empty: () =>
      withClient(url.toString(), async (client) => {
        const tables = await client<{ name: string }[]>`
          select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`;
        if (tables.length > 0) await client.unsafe(`truncate ${tables.map((table) => table.name).join(", ")}`);
      }),
    // "with (force)": a pool a test left open would otherwise keep the database alive.
    drop: async () => void (await withClient(serverUrl, (admin) => admin`drop database ${admin(name)} with (force)`)),
  };
}

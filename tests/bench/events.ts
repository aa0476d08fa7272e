import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

import { findPostgresBin, startPostgres } from "../support/postgres";
import { startServer, type ServerEnv, type SpawnedServer } from "../support/servers";
import { signInDemoUsers, type DemoSession } from "../support/sessions";
import { callbackUrlOf, slackSaveBody } from "../support/slack-flow";

import { runAutocannon, runFailures, type AutocannonRun } from "./autocannon-run";
import { benchServerEnv } from "./server";
import { round1, type Measured } from "./statistics";

export const LEADS = "/api/leads";
export const EVENT_CONNECTIONS = 16;
const INTEGRATIONS_PER_IDENTITY = 3;
const WARM_UP_SECONDS = 2;
const DRAIN_TIMEOUT_MS = 120_000;
const MIB = 1024 * 1024;

export type EventDatabase = "PGlite" | "Postgres";

export interface EventsRow {
  database: EventDatabase;
  identities: number;
  leadsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Counted by the database once the outbox had drained. */
  events: number;
  deliveries: number;
  delivered: number;
  /** Attempts beyond one per delivery: 0 unless a delivery was sent twice or retried. */
  extraAttempts: number;
  /** Delivered, over the time from the first delivery recorded to the last delivered. */
  deliveriesPerSecond: number;
  /** After setup and a 2-second warm-up. */
  rssBeforeMiB: number;
  rssAfterMiB: number;
}

export interface EventsOptions {
  port: number;
  durationSeconds: number;
  events: number;
}

interface Counts {
  events: number;
  deliveries: number;
  delivered: number;
  extraAttempts: number;
  seconds: number;
}

// One query for both databases: deliveries/s is what the database saw, not what the bench's clock did.
const COUNTS = `
  select (select count(*) from app_events)::int as events,
         count(*)::int as deliveries,
         (count(*) filter (where status = 'delivered'))::int as delivered,
         coalesce(sum(attempts) - count(*), 0)::int as "extraAttempts",
         extract(epoch from max(updated_at) filter (where status = 'delivered') - min(created_at))::float as seconds
  from deliveries`;

const lead = (user: DemoSession) => ({
  name: "Bench Lead",
  email: user.email,
  company: "Initech",
});

/** Saves the sample webhook flow `count` times in the sandbox as `user`, and reports each as the embed would. */
async function setUpIntegrations(url: string, user: DemoSession, count: number): Promise<void> {
  const headers = { cookie: user.cookie, "content-type": "application/json" };
  const params = (await (await fetch(`${url}/api/integry-params`, { headers })).json()) as Record<string, string>;
  const auth = new URLSearchParams({ app_key: params.appKey!, hash: params.hash!, user_id: params.userId! });
  for (let index = 0; index < count; index++) {
    const saved = await fetch(`${url}/api/sandbox/v2/integration/?async=false&activate=true&${auth}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(slackSaveBody(`#leads-${index}`, "New lead")),
    });
    if (!saved.ok) throw new Error(`the sandbox refused a save: ${saved.status} ${await saved.text()}`);
    const integration = (await saved.json()) as { id: number; steps: { returned_data: string | null }[] };

    const reported = await fetch(`${url}/api/flow-integrations`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        event: "did-save-integration",
        integrationId: integration.id,
        flowName: "Send new leads to Slack",
        callbackUrl: callbackUrlOf(integration),
      }),
    });
    if (!reported.ok) throw new Error(`reporting a save answered ${reported.status}: ${await reported.text()}`);
  }
}

/** Calls the cron route until three calls in a row find nothing due: what after() left is then sent. */
async function drain(url: string, cronSecret: string): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (let quiet = 0; quiet < 3;) {
    if (Date.now() > deadline) throw new Error(`the outbox did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);
    const response = await fetch(`${url}/api/cron`, { headers: { authorization: `Bearer ${cronSecret}` } });
    const { attempted } = ((await response.json()) as { flows: { attempted: number } }).flows;
    quiet = attempted === 0 ? quiet + 1 : 0;
    await sleep(1000);
  }
}

interface BenchDatabase {
  name: EventDatabase;
  env: ServerEnv;
  /** Runs after the server stopped: PGlite allows one process per folder. */
  count: () => Promise<Counts>;
  remove: () => Promise<void>;
}

function embeddedDatabase(): BenchDatabase {
  // File-backed, as `npm run dev` and a single `next start` have it: rows on disk, not in the server's memory.
  const folder = mkdtempSync(join(tmpdir(), "bench-pglite-"));
  return {
    name: "PGlite",
    env: { PGLITE_DATA_DIR: folder },
    count: async () => {
      const pglite = await PGlite.create(folder);
      try {
        return (await pglite.query<Counts>(COUNTS)).rows[0]!;
      } finally {
        await pglite.close();
      }
    },
    remove: async () => rmSync(folder, { recursive: true, force: true }),
  };
}

async function postgresDatabase(): Promise<BenchDatabase> {
  const server = await startPostgres();
  return {
    name: "Postgres",
    env: { DATABASE_URL: server.url },
    count: async () => {
      const client = postgres(server.url, { max: 1, onnotice: () => {} });
      try {
        return (await client.unsafe<Counts[]>(COUNTS))[0]!;
      } finally {
        await client.end();
      }
    },
    remove: () => server.stop(),
  };
}

async function measureOn(database: BenchDatabase, options: EventsOptions): Promise<Measured<EventsRow>> {
  const url = `http://127.0.0.1:${options.port}`;
  const cronSecret = randomBytes(16).toString("hex");
  const failures: string[] = [];
  const failuresOf = (run: AutocannonRun, what: string) =>
    failures.push(...runFailures(run).map((failure) => `${database.name}, ${what}: ${failure}`));
  let server: SpawnedServer | undefined = await startServer(
    options.port,
    benchServerEnv(url, { CRON_SECRET: cronSecret, PGLITE_DATA_DIR: "", ...database.env }),
  );
  try {
    const users = await signInDemoUsers(url);
    for (const user of users) await setUpIntegrations(url, user, INTEGRATIONS_PER_IDENTITY);
    const target = { url, path: LEADS, users, connections: EVENT_CONNECTIONS, jsonBody: lead };
    const warmUp = await runAutocannon({ ...target, durationSeconds: WARM_UP_SECONDS });
    failuresOf(warmUp, "warm-up");
    // No drain here: an idle gap would count against deliveries/s, which spans all the leads.
    const rssBefore = server.rss();
    const measured = await runAutocannon({ ...target, durationSeconds: options.durationSeconds });
    failuresOf(measured, `${LEADS} at ${EVENT_CONNECTIONS} connections`);
    const rest = options.events - warmUp.requests - measured.requests;
    if (rest > 0) failuresOf(await runAutocannon({ ...target, durationSeconds: 0, amount: rest }), "the rest");
    await drain(url, cronSecret);
    const rssAfter = server.rss();
    await server.stop();
    server = undefined;
    const counts = await database.count();
    if (counts.delivered !== counts.deliveries) {
      failures.push(`${database.name}: ${counts.deliveries - counts.delivered} deliveries were never delivered`);
    }
    if (counts.extraAttempts > 0) failures.push(`${database.name}: ${counts.extraAttempts} attempts beyond one each`);
    if (counts.deliveries !== counts.events * INTEGRATIONS_PER_IDENTITY) {
      failures.push(`${database.name}: ${counts.deliveries} deliveries for ${counts.events} events`);
    }
    return {
      value: {
        database: database.name,
        identities: users.length,
        leadsPerSecond: Math.round(measured.requestsPerSecond),
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        events: counts.events,
        deliveries: counts.deliveries,
        delivered: counts.delivered,
        extraAttempts: counts.extraAttempts,
        deliveriesPerSecond: Math.round(counts.delivered / counts.seconds),
        rssBeforeMiB: round1(rssBefore / MIB),
        rssAfterMiB: round1(rssAfter / MIB),
      },
      failures,
    };
  } finally {
    await server?.stop();
    await database.remove();
  }
}

/**
 * The flows' half of the app: `POST /api/leads` at 16 connections, each identity with 3 active
 * integrations, then leads up to `events` in all; every delivery sent in-process to the sandbox's
 * callback endpoint. On the embedded PGlite, and on Postgres where Debian's is installed.
 */
export async function measureEvents(options: EventsOptions): Promise<Measured<EventsRow[]> & { skipped: string[] }> {
  const rows: EventsRow[] = [];
  const failures: string[] = [];
  const skipped: string[] = [];
  const databases: (() => BenchDatabase | Promise<BenchDatabase>)[] = [embeddedDatabase];
  if (findPostgresBin()) databases.push(postgresDatabase);
  else skipped.push("Postgres: no server in /usr/lib/postgresql (apt-get install -y postgresql)");
  for (const open of databases) {
    const measured = await measureOn(await open(), options);
    rows.push(measured.value);
    failures.push(...measured.failures);
  }
  return { value: rows, failures, skipped };
}

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { Agent, request } from "undici";

import { findPostgresBin, startPostgres } from "../support/postgres";
import { startServer, type ServerEnv, type SpawnedServer } from "../support/servers";
import { signInDemoUsers, type DemoSession } from "../support/sessions";

import { runAutocannon, runFailures, type AutocannonRun } from "./autocannon-run";
import { startReceiver, type Receiver } from "./receiver";
import { benchServerEnv } from "./server";
import { round1, round2, type Measured } from "./statistics";
import { FLOOR, PARAMS } from "./throughput";

export const LEADS = "/api/leads";
export const EVENT_CONNECTIONS = 16;
const INTEGRATIONS_PER_IDENTITY = 3;
const WARM_UP_SECONDS = 2;
// The leads after which memory is read first; it is read again after the last (10,000 by default).
const RSS_FIRST_READ_AT = 3_000;
// A page request's connections beside the leads: a few users loading pages while others create leads.
const PAGE_CONNECTIONS = 4;
const DRAIN_TIMEOUT_MS = 120_000;
// SENDS_PER_PROCESS in lib/rooms/flows/send-slots.ts: the callback requests one server has in flight at most. The
// bench imports nothing from a room, so that the room comes off whole (tests/unit/security/import-graph.test.ts).
const SENDS_IN_FLIGHT = 32;
const MIB = 1024 * 1024;

export type EventDatabase = "PGlite" | "Postgres";

export interface EventsRow {
  database: EventDatabase;
  identities: number;
  /** The floor in the same run: GET /api/health at 16 connections, before any lead. */
  healthPerSecond: number;
  leadsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Leads/s over the floor's req/s. */
  leadsRatio: number;
  /** The receiver alone, POSTed to at 16 connections: what it can take. */
  receiverPostsPerSecond: number;
  /** Counted by the database once the outbox had drained. */
  events: number;
  deliveries: number;
  delivered: number;
  /** Attempts beyond one per delivery: 0 unless a delivery was sent twice or retried. */
  extraAttempts: number;
  /** Delivered, over the time from the first delivery recorded to the last delivered. */
  deliveriesPerSecond: number;
  /** Deliveries/s over the receiver's own POSTs/s. */
  deliveriesRatio: number;
  /** The receiver from one Node process doing nothing else: undici's request, as the production send makes it, with
   * as many in flight as a server sends at once. What deliveries/s could reach with every other cost at zero. */
  undiciPostsPerSecond: number;
  /** The params route at 4 connections, alone and while leads are being created and delivered. */
  paramsIdleP99Ms: number;
  paramsBesideLeadsP99Ms: number;
  rssAtFirstReadMiB: number;
  rssAtLastReadMiB: number;
  /** The leads sent when memory was read. */
  leadsAtFirstRead: number;
  leadsAtLastRead: number;
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

/** Reports `count` saved integrations for `user`, as the embed would, each with a callback URL on the receiver. */
async function setUpIntegrations(url: string, user: DemoSession, receiver: Receiver, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const reported = await fetch(`${url}/api/flow-integrations`, {
      method: "POST",
      headers: { cookie: user.cookie, "content-type": "application/json" },
      body: JSON.stringify({
        event: "did-save-integration",
        integrationId: index + 1,
        flowName: "Send new leads to Slack",
        callbackUrl: `${receiver.origin}/hooks/${encodeURIComponent(user.userId)}/${index + 1}`,
      }),
    });
    if (!reported.ok) throw new Error(`reporting a save answered ${reported.status}: ${await reported.text()}`);
  }
}

/**
 * POSTs `sample` to the receiver for `seconds` as the production send does (undici's request), SENDS_IN_FLIGHT at a
 * time.
 */
async function measureUndiciAlone(
  origin: string,
  sample: unknown,
  seconds: number,
): Promise<{ posts: number; perSecond: number }> {
  const agent = new Agent();
  const body = JSON.stringify(sample);
  const until = Date.now() + seconds * 1000;
  let posts = 0;
  try {
    await Promise.all(
      Array.from({ length: SENDS_IN_FLIGHT }, async () => {
        while (Date.now() < until) {
          const answer = await request(`${origin}/raw`, {
            method: "POST",
            body,
            headers: { "content-type": "application/json" },
            dispatcher: agent,
          });
          await answer.body.dump();
          if (answer.statusCode !== 200) throw new Error(`the receiver answered ${answer.statusCode}`);
          posts++;
        }
      }),
    );
  } finally {
    await agent.close();
  }
  return { posts, perSecond: posts / seconds };
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

// The bench's own requests that need no session: the floor, and the receiver alone.
const ANONYMOUS: DemoSession = { email: "", cookie: "", userId: "" };

async function measureOn(database: BenchDatabase, options: EventsOptions): Promise<Measured<EventsRow>> {
  const url = `http://127.0.0.1:${options.port}`;
  const cronSecret = randomBytes(16).toString("hex");
  const failures: string[] = [];
  const failuresOf = (run: AutocannonRun, what: string) =>
    failures.push(...runFailures(run).map((failure) => `${database.name}, ${what}: ${failure}`));
  const receiver = await startReceiver();
  let server: SpawnedServer | undefined;
  try {
    server = await startServer(
      options.port,
      benchServerEnv(url, {
        CRON_SECRET: cronSecret,
        PGLITE_DATA_DIR: "",
        FLOWS_TEST_RECEIVER: receiver.origin,
        // The bench creates thousands of leads a minute per identity, far past the allowance a user gets.
        FLOWS_LEADS_PER_MINUTE: "1000000",
        ...database.env,
      }),
    );
    const users = await signInDemoUsers(url);
    for (const user of users) await setUpIntegrations(url, user, receiver, INTEGRATIONS_PER_IDENTITY);
    const seconds = options.durationSeconds;
    const sample = { event: "lead.created", lead: lead(users[0]!), createdAt: new Date().toISOString() };
    const raw = await runAutocannon({
      url: receiver.origin,
      path: "/raw",
      users: [ANONYMOUS],
      connections: EVENT_CONNECTIONS,
      durationSeconds: seconds,
      jsonBody: () => sample,
    });
    failuresOf(raw, "the receiver alone");
    const undiciAlone = await measureUndiciAlone(receiver.origin, sample, seconds);
    const health = await runAutocannon({
      url,
      path: FLOOR,
      users: [ANONYMOUS],
      connections: EVENT_CONNECTIONS,
      durationSeconds: seconds,
    });
    failuresOf(health, FLOOR);
    const pages = { url, path: PARAMS, users, connections: PAGE_CONNECTIONS, durationSeconds: seconds };
    const paramsIdle = await runAutocannon(pages);
    failuresOf(paramsIdle, `${PARAMS} alone`);

    const target = { url, path: LEADS, users, connections: EVENT_CONNECTIONS, jsonBody: lead };
    const warmUp = await runAutocannon({ ...target, durationSeconds: WARM_UP_SECONDS });
    failuresOf(warmUp, "warm-up");
    let sent = warmUp.requests;
    const sendUpTo = async (total: number) => {
      if (total <= sent) return;
      const run = await runAutocannon({ ...target, durationSeconds: 0, amount: total - sent });
      failuresOf(run, `leads up to ${total}`);
      sent += run.requests;
    };
    // Memory is read first at 3,000 leads, before the timed runs, which send more than that on a fast machine.
    await sendUpTo(Math.min(RSS_FIRST_READ_AT, options.events));
    const [rssFirst, leadsAtFirstRead] = [server.rss(), sent];
    // No drain here: an idle gap would count against deliveries/s, which spans all the leads.
    const measured = await runAutocannon({ ...target, durationSeconds: seconds });
    failuresOf(measured, `${LEADS} at ${EVENT_CONNECTIONS} connections`);
    // Then pages beside the leads: what a user loading a page sees while others create leads.
    const [besideLeads, paramsBeside] = await Promise.all([
      runAutocannon({ ...target, durationSeconds: seconds }),
      runAutocannon(pages),
    ]);
    failuresOf(besideLeads, `${LEADS} beside ${PARAMS}`);
    failuresOf(paramsBeside, `${PARAMS} beside the leads`);
    sent += measured.requests + besideLeads.requests;
    await sendUpTo(options.events);
    const [rssLast, leadsAtLastRead] = [server.rss(), sent];
    await drain(url, cronSecret);
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
    const received = (await receiver.posts()) - raw.requests - undiciAlone.posts;
    if (received < counts.delivered) {
      failures.push(`${database.name}: ${counts.delivered} delivered but the receiver took ${received}`);
    }
    const deliveriesPerSecond = counts.delivered / counts.seconds;
    return {
      value: {
        database: database.name,
        identities: users.length,
        healthPerSecond: Math.round(health.requestsPerSecond),
        leadsPerSecond: Math.round(measured.requestsPerSecond),
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        leadsRatio: round2(measured.requestsPerSecond / health.requestsPerSecond),
        receiverPostsPerSecond: Math.round(raw.requestsPerSecond),
        events: counts.events,
        deliveries: counts.deliveries,
        delivered: counts.delivered,
        extraAttempts: counts.extraAttempts,
        deliveriesPerSecond: Math.round(deliveriesPerSecond),
        deliveriesRatio: round2(deliveriesPerSecond / raw.requestsPerSecond),
        undiciPostsPerSecond: Math.round(undiciAlone.perSecond),
        paramsIdleP99Ms: paramsIdle.p99Ms,
        paramsBesideLeadsP99Ms: paramsBeside.p99Ms,
        rssAtFirstReadMiB: round1(rssFirst / MIB),
        rssAtLastReadMiB: round1(rssLast / MIB),
        leadsAtFirstRead,
        leadsAtLastRead,
      },
      failures,
    };
  } finally {
    await server?.stop();
    await receiver.stop();
    await database.remove();
  }
}

/**
 * The flows' half of the app: `POST /api/leads` at 16 connections, each identity with 3 active integrations, then
 * leads up to `events` in all; every delivery sent over HTTP, through the production send, to a receiver in another
 * process (FLOWS_TEST_RECEIVER). Against the floor and the receiver's own rate, measured in the same run. On the
 * embedded PGlite, and on Postgres where Debian's is installed.
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

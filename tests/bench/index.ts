/**
 * `npm run bench`: the params route's throughput against a floor that skips the secure path, the
 * connected-apps route's latency, time to a live embed against a bare-SDK page, first-load bytes,
 * cold start, and the flows' events through the outbox, on 127.0.0.1 against a production build it
 * starts itself. Prints a table and writes bench/results/<timestamp>.json; exits 1 when anything went
 * wrong while measuring.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

import { startServer } from "../support/servers";
import { signInDemoUsers, type DemoSession } from "../support/sessions";

import { measureBytes } from "./bytes";
import { measureColdStart } from "./cold-start";
import { measureEvents } from "./events";
import { MCP_CONNECTIONS, measureMcp } from "./mcp";
import { parseBenchOptions, type BenchOptions } from "./options";
import { printReport, targetsOf, type BenchResult, type Measurements } from "./report";
import { benchServerEnv, buildIfStale } from "./server";
import { round1, type Measured } from "./statistics";
import { CONNECTED_APPS_CONNECTIONS, connectedAppsLatency, paramsThroughput } from "./throughput";
import { measureEmbed } from "./time-to-ready";

const RESULTS = "bench/results";

function machine(): Record<string, unknown> {
  const next = JSON.parse(readFileSync("node_modules/next/package.json", "utf8")) as { version: string };
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    node: process.version,
    next: next.version,
    loadAverage: loadavg().map(round1),
  };
}

/** Everything but the cold start, on one server, recorded into `result` as it goes. */
async function measureWarm(options: BenchOptions, result: BenchResult): Promise<DemoSession> {
  const take = <T>({ value, failures }: Measured<T>): T => {
    result.failures.push(...failures);
    return value;
  };
  const server = await startServer(options.port, benchServerEnv(`http://127.0.0.1:${options.port}`));
  try {
    const users = await signInDemoUsers(server.url);
    const alice = users[0]!;
    // The server opens its database beside its first requests: let it finish before anything is measured.
    await fetch(`${server.url}/api/flow-integrations`, { headers: { cookie: alice.cookie } });
    const load = { url: server.url, users, durationSeconds: options.durationSeconds, rounds: options.rounds };
    console.log(
      `Throughput: ${options.durationSeconds} s per route at ${options.connectionCounts.join(" and ")} connections…`,
    );
    result.throughput = take(await paramsThroughput(load, options.connectionCounts));
    console.log(`Connected apps: latency at ${CONNECTED_APPS_CONNECTIONS} connections…`);
    result.connectedApps = take(await connectedAppsLatency(load));
    console.log(`Time to a live embed: ${options.runs} runs per page…`);
    result.embed = await measureEmbed(server.url, alice, options.runs);
    console.log("Bytes…");
    result.bytes = take(await measureBytes(server.url, alice.cookie));
    console.log(`MCP: tools/list and tools/call at ${MCP_CONNECTIONS} connections…`);
    result.mcp = take(await measureMcp(server.url, alice, options.durationSeconds));
    return alice;
  } finally {
    await server.stop();
  }
}

const complete = (result: BenchResult): result is BenchResult & Measurements =>
  !!(result.throughput && result.connectedApps && result.embed && result.bytes && result.coldStart && result.mcp);

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if ("error" in options) {
    console.error(options.error);
    return 2;
  }
  buildIfStale();
  const result: BenchResult = { startedAt: new Date().toISOString(), machine: machine(), options, failures: [] };
  try {
    const alice = await measureWarm(options, result);
    console.log(`Cold start: ${options.coldStarts} spawns…`);
    result.coldStart = await measureColdStart(options.port, alice.cookie, options.coldStarts);
    if (options.events > 0) {
      console.log(`Events: ${options.events} leads on each database…`);
      const events = await measureEvents(options);
      result.failures.push(...events.failures);
      [result.events, result.eventsSkipped] = [events.value, events.skipped];
    }
  } catch (error) {
    result.failures.push(error instanceof Error ? error.message : String(error));
  }
  result.machine.loadAverageAfter = loadavg().map(round1);
  if (complete(result)) {
    result.targets = targetsOf(result);
    printReport(result, result.targets);
    for (const reason of result.eventsSkipped ?? []) console.log(`  skipped  ${reason}`);
  }
  mkdirSync(RESULTS, { recursive: true });
  const file = `${RESULTS}/${result.startedAt.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
  if (result.failures.length === 0) return 0;
  console.error(`\nFAILED:\n${result.failures.join("\n")}`);
  return 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

// npm run bench: throughput of the params route against a trivial route, time to a live
// embed against a bare SDK page, first-load bytes, and cold start, all on 127.0.0.1 against
// a production build it starts itself. Prints a table; writes bench/results/<timestamp>.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

import { firstLoadJs, sdkChunks } from "./perf/bytes.mjs";
import { measureTimeToReady, median } from "./perf/embed.mjs";
import { loadFailures, runLoad } from "./perf/load.mjs";
import { buildIfNeeded, startServer } from "./perf/server.mjs";
import { signInAll } from "./perf/sessions.mjs";

const TARGETS = { throughputRatio: 0.85, p99Ms: 100, readyRatio: 1.15 };
const PARAMS = "/api/integry-params";
const FLOOR = "/api/health";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    rounds: { type: "string", default: "5" },
    connections: { type: "string", default: "16,64" },
    runs: { type: "string", default: "10" },
    "cold-starts": { type: "string", default: "3" },
    port: { type: "string", default: "3300" },
  },
});
const port = Number(values.port);
const durationSeconds = Number(values.duration);
const rounds = Number(values.rounds);
const connectionCounts = values.connections.split(",").map(Number);
const runs = Number(values.runs);
const coldStarts = Number(values["cold-starts"]);
const bounded = (n, max) => Number.isInteger(n) && n >= 1 && n <= max;
if (
  ![durationSeconds, rounds, runs, coldStarts].every((n) => bounded(n, 60)) ||
  !connectionCounts.every((n) => bounded(n, 512))
) {
  console.error("--duration, --rounds, --runs and --cold-starts take 1 to 60; --connections 1 to 512 each");
  process.exit(2);
}

const failures = [];
const round1 = (n) => Math.round(n * 10) / 10;
const round2 = (n) => Math.round(n * 100) / 100;

/**
 * Each route gets `duration` seconds per connection count, split into rounds that alternate
 * floor and params, so load from anything else on the machine hits both alike; the ratio is
 * the median of the rounds' ratios.
 */
async function throughput(url, users) {
  const slice = Math.max(1, Math.round(durationSeconds / rounds));
  for (const path of [FLOOR, PARAMS]) await runLoad({ url, path, users, connections: 16, durationSeconds: 2 });
  const results = [];
  for (const connections of connectionCounts) {
    const byPath = { [FLOOR]: [], [PARAMS]: [] };
    for (let round = 0; round < rounds; round++) {
      for (const path of [FLOOR, PARAMS]) {
        const run = await runLoad({ url, path, users, connections, durationSeconds: slice });
        failures.push(...loadFailures(run).map((failure) => `${path} at ${connections} connections: ${failure}`));
        byPath[path].push(run);
      }
    }
    const summary = (path) => {
      const list = byPath[path];
      const seconds = list.reduce((total, run) => total + run.durationSeconds, 0);
      return {
        requestsPerSecond: Math.round(list.reduce((total, run) => total + run.requests, 0) / seconds),
        p50Ms: median(list.map((run) => run.p50Ms)),
        p99Ms: median(list.map((run) => run.p99Ms)),
        p99WorstMs: Math.max(...list.map((run) => run.p99Ms)),
      };
    };
    // Each round's pair ran back to back under the same machine load: their ratio is the robust one.
    const ratios = byPath[FLOOR].map((floorRun, round) => byPath[PARAMS][round].requests / floorRun.requests);
    results.push({ connections, floor: summary(FLOOR), params: summary(PARAMS), ratio: round2(median(ratios)) });
  }
  return results;
}

async function coldStart(cookie) {
  const samples = [];
  for (let i = 0; i < coldStarts; i++) {
    const started = performance.now();
    const server = startServer(port);
    try {
      let ms;
      while (performance.now() - started < 60_000 && ms === undefined) {
        try {
          const response = await fetch(`${server.url}${PARAMS}`, { headers: { cookie } });
          if (response.ok) ms = performance.now() - started;
        } catch {
          await sleep(10);
        }
      }
      if (ms === undefined) throw new Error("no successful params response within 60 s of spawning next start");
      samples.push(Math.round(ms));
    } finally {
      await server.stop();
    }
  }
  return { medianMs: median(samples), samplesMs: samples };
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    node: process.version,
    next: JSON.parse(readFileSync(new URL("../node_modules/next/package.json", import.meta.url), "utf8")).version,
    loadAverage: loadavg().map(round1),
  };
}

const mark = (ok) => (ok ? "met" : "MISSED");

function printTable(result) {
  const rows = [];
  for (const { connections, floor, params, ratio } of result.throughput) {
    rows.push([
      `params req/s @${connections}`,
      params.requestsPerSecond,
      `floor ${floor.requestsPerSecond}`,
      `ratio ${ratio}`,
    ]);
    rows.push([
      `params p50 / p99 @${connections}`,
      `${params.p50Ms} / ${params.p99Ms} ms`,
      `floor ${floor.p50Ms} / ${floor.p99Ms} ms`,
      "",
    ]);
  }
  const { embed } = result;
  if (embed.integrations) {
    rows.push([
      "time to ready (median)",
      `${round1(embed.integrations.medianMs)} ms`,
      `floor ${round1(embed.floor.medianMs)} ms`,
      `ratio ${embed.ratio}`,
    ]);
  } else rows.push(["time to ready", "skipped", embed.skipped, ""]);
  for (const page of result.bytes.pages) {
    rows.push([
      `first-load JS ${page.path}`,
      `${page.raw} B raw`,
      `${page.gzip} B gzip`,
      `${page.chunks} chunks, SDK: ${page.sdkChunks.length ? "yes" : "no"}`,
    ]);
  }
  rows.push([
    "SDK chunk (lazy)",
    `${result.bytes.sdk.raw} B raw`,
    `${result.bytes.sdk.gzip} B gzip`,
    result.bytes.sdk.files.join(" "),
  ]);
  rows.push([
    "cold start → params 200",
    `${result.coldStart.medianMs} ms`,
    `samples ${result.coldStart.samplesMs.join(", ")}`,
    "",
  ]);
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => String(row[column]).length)));
  console.log(
    `\n${rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join("  ")).join("\n")}`,
  );
  console.log("\nTargets:");
  for (const [name, target] of Object.entries(result.targets))
    console.log(`  ${mark(target.met)}  ${name}: ${target.detail}`);
}

function targets(result) {
  const at16 = result.throughput.find((row) => row.connections === 16) ?? result.throughput[0];
  const list = {};
  for (const row of result.throughput) {
    list[`params ≥ ${TARGETS.throughputRatio} × floor req/s @${row.connections}`] = {
      met: row.ratio >= TARGETS.throughputRatio,
      detail: `median of per-round ratios ${row.ratio} (totals ${row.params.requestsPerSecond} / ${row.floor.requestsPerSecond} req/s)`,
    };
  }
  list[`params p99 ≤ ${TARGETS.p99Ms} ms @${at16.connections}`] = {
    met: at16.params.p99Ms <= TARGETS.p99Ms,
    detail: `median of rounds ${at16.params.p99Ms} ms, worst ${at16.params.p99WorstMs} ms`,
  };
  if (result.embed.ratio !== undefined) {
    list[`time to ready ≤ ${TARGETS.readyRatio} × floor`] = {
      met: result.embed.ratio <= TARGETS.readyRatio,
      detail: `ratio ${result.embed.ratio}`,
    };
  }
  const landing = result.bytes.pages.find((page) => page.path === "/");
  list["/ first-load JS carries no SDK code"] = {
    met: landing.sdkChunks.length === 0,
    detail: landing.sdkChunks.join(" ") || "none",
  };
  return list;
}

buildIfNeeded(port);
const result = {
  startedAt: new Date().toISOString(),
  machine: machine(),
  options: { durationSeconds, rounds, connectionCounts, runs, coldStarts },
};
const server = startServer(port);
try {
  await server.ready();
  const users = await signInAll(server.url);
  const [alice] = users;

  console.log(`Throughput: ${durationSeconds} s per route at ${connectionCounts.join(" and ")} connections…`);
  result.throughput = await throughput(server.url, users);

  const integrations = await fetch(`${server.url}/integrations`, {
    headers: { cookie: alice.cookie },
    redirect: "manual",
  });
  if (integrations.status === 200) {
    console.log(`Time to a live embed: ${runs} runs per page…`);
    const times = await measureTimeToReady({
      runs,
      pages: [
        { name: "integrations", url: `${server.url}/integrations`, cookie: alice.cookie },
        { name: "floor", url: `${server.url}/integry-sandbox/sdk-floor`, cookie: alice.cookie },
      ],
    });
    result.embed = { ...times, ratio: round2(times.integrations.medianMs / times.floor.medianMs) };
  } else {
    result.embed = { skipped: `/integrations answered ${integrations.status}` };
  }

  console.log("Bytes…");
  result.bytes = {
    pages: [
      await firstLoadJs(server.url, "/", alice.cookie),
      await firstLoadJs(server.url, "/integrations", alice.cookie),
    ],
    sdk: sdkChunks(),
  };
  if (result.bytes.sdk.files.length === 0)
    failures.push("no chunk of the build carries SDK code: the markers are stale");
  const [landing] = result.bytes.pages;
  if (landing.sdkChunks.length) failures.push(`/ loads SDK code up front: ${landing.sdkChunks.join(" ")}`);

  await server.stop();
  console.log(`Cold start: ${coldStarts} spawns…`);
  result.coldStart = await coldStart(alice.cookie);
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  await server.stop();
}

result.machine.loadAverageAfter = loadavg().map(round1);
result.failures = failures;
if (result.throughput && result.embed && result.bytes && result.coldStart) {
  result.targets = targets(result);
  printTable(result);
}
mkdirSync(new URL("../bench/results", import.meta.url), { recursive: true });
const file = new URL(`../bench/results/${result.startedAt.replace(/[:.]/g, "-")}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nWrote ${file.pathname}`);
if (failures.length) {
  console.error(`\nFAILED:\n${failures.join("\n")}`);
  process.exitCode = 1;
}

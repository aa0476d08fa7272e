import autocannon from "autocannon";

import { integryHash } from "./sessions.mjs";

const MAX_EXAMPLES = 5;

/**
 * One fixed-length autocannon run against `path`, requests round-robin across the users'
 * session cookies. With `appSecret`, every 2xx body is checked: the userId must be the one of
 * the cookie that asked, and the hash the HMAC of that ID.
 */
export async function runLoad({ url, path, users, connections, durationSeconds, appSecret }) {
  const checks = { checked: 0, wrong: 0, examples: [] };
  const requests = users.map((user) => {
    const expected = appSecret ? { userId: user.userId, hash: integryHash(appSecret, user.userId) } : undefined;
    return {
      method: "GET",
      path,
      headers: { cookie: user.cookie },
      onResponse: expected
        ? (status, body) => {
            if (status < 200 || status > 299) return;
            checks.checked++;
            let received;
            try {
              received = JSON.parse(body);
            } catch {
              received = undefined;
            }
            if (received?.userId === expected.userId && received?.hash === expected.hash) return;
            checks.wrong++;
            if (checks.examples.length < MAX_EXAMPLES) {
              checks.examples.push({ as: user.email, expected, received: received ?? body.slice(0, 200) });
            }
          }
        : undefined,
    };
  });
  const result = await autocannon({ url, connections, duration: durationSeconds, requests, timeout: 10 });
  return {
    path,
    connections,
    durationSeconds,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    checked: appSecret ? checks.checked : undefined,
    wrongHashes: appSecret ? checks.wrong : undefined,
    wrongExamples: checks.examples,
  };
}

/** Everything that makes a params load run fail; empty when it passed. */
export function loadFailures(run) {
  const failures = [];
  if (run.ok === 0) failures.push("no successful response");
  if (run.errors > 0) failures.push(`${run.errors} connection errors (${run.timeouts} timeouts)`);
  if (run.non2xx > 0) failures.push(`${run.non2xx} non-2xx responses: ${JSON.stringify(run.statusCodes)}`);
  if (run.checked !== undefined && run.checked !== run.ok) {
    failures.push(`${run.ok - run.checked} of ${run.ok} responses were not checked`);
  }
  if (run.wrongHashes) {
    failures.push(
      `${run.wrongHashes} responses with another user's or a wrong hash: ${JSON.stringify(run.wrongExamples)}`,
    );
  }
  return failures;
}

/**
 * The load test of issue 4: signed-in users hammer the params route at each connection count;
 * throws listing every failure (errors, non-2xx, a hash that is not the asker's own).
 */
export async function paramsLoadTest({ url, users, appSecret, connectionCounts, durationSeconds, log = console.log }) {
  if (users.length < 2) throw new Error("the load test needs at least two users to catch a crossed identity");
  const runs = [];
  for (const connections of connectionCounts) {
    const run = await runLoad({ url, path: "/api/integry-params", users, connections, durationSeconds, appSecret });
    runs.push(run);
    const failures = loadFailures(run);
    log(
      `${connections} connections, ${durationSeconds} s: ${run.requests} requests, ${Math.round(run.requestsPerSecond)} req/s, ` +
        `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.checked} hashes checked` +
        (failures.length ? `\n  FAILED: ${failures.join("\n  FAILED: ")}` : ", all correct"),
    );
  }
  const failed = runs.flatMap((run) =>
    loadFailures(run).map((failure) => `${run.connections} connections: ${failure}`),
  );
  if (failed.length) throw new Error(`params load test failed:\n${failed.join("\n")}`);
  return runs;
}

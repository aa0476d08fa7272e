import { referenceHash } from "../support/reference-hash";

import { sandboxSecret } from "../support/servers";
import type { DemoSession } from "../support/sessions";

import { runAutocannon, runFailures, type AutocannonRun, type BodyCheck } from "../bench/autocannon-run";

export interface ParamsLoadTestOptions {
  /** A server with the sandbox (which hashes with its own secret) and demo sign-in, in user scope. */
  url: string;
  users: readonly DemoSession[];
  /** The server's NEXTAUTH_SECRET, from which its sandbox derives the secret it hashes with. */
  nextAuthSecret: string;
  connectionCounts: readonly number[];
  durationSeconds: number;
  log?: (line: string) => void;
}

/** Each user must get their own ID, and the sandbox's HMAC of it: never another user's. */
async function ownParamsCheck(users: readonly DemoSession[], nextAuthSecret: string): Promise<BodyCheck> {
  const secret = await sandboxSecret(nextAuthSecret);
  const hashes = new Map(
    await Promise.all(users.map(async (user) => [user.userId, await referenceHash(secret, user.userId)] as const)),
  );
  return (body, user) => {
    let received: { userId?: unknown; hash?: unknown } | undefined;
    try {
      received = JSON.parse(body) as typeof received;
    } catch {
      return `not JSON: ${body.slice(0, 200)}`;
    }
    if (received?.userId === user.userId && received.hash === hashes.get(user.userId)) return undefined;
    return `expected ${user.userId}'s own hash, received ${JSON.stringify({ userId: received?.userId, hash: received?.hash })}`;
  };
}

/**
 * The correctness load test (`npm run load`, and its short form in the e2e suite): signed-in users
 * hammer GET /api/integry-params at each connection count, every 2xx body checked. Throws listing
 * every failure: an error, a non-2xx, a hash that is not the asker's own.
 */
export async function paramsLoadTest(options: ParamsLoadTestOptions): Promise<AutocannonRun[]> {
  const { url, users, connectionCounts, durationSeconds, log = console.log } = options;
  if (users.length < 2) throw new Error("the load test needs at least two users to catch a crossed identity");
  const checkBody = await ownParamsCheck(users, options.nextAuthSecret);
  const runs: AutocannonRun[] = [];
  for (const connections of connectionCounts) {
    const run = await runAutocannon({
      url,
      path: "/api/integry-params",
      users,
      connections,
      durationSeconds,
      checkBody,
    });
    runs.push(run);
    const failures = runFailures(run);
    log(
      `${connections} connections, ${durationSeconds} s: ${run.requests} requests, ${Math.round(run.requestsPerSecond)} req/s, ` +
        `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.checked} hashes checked` +
        (failures.length ? `\n  FAILED: ${failures.join("\n  FAILED: ")}` : ", all correct"),
    );
  }
  const failed = runs.flatMap((run) => runFailures(run).map((failure) => `${run.connections} connections: ${failure}`));
  if (failed.length) throw new Error(`params load test failed:\n${failed.join("\n")}`);
  return runs;
}

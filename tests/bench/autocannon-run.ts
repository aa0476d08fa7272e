import autocannon from "autocannon";

import type { DemoSession } from "../support/sessions";

const MAX_EXAMPLES = 5;

/** What is wrong with a 2xx body the user received, or undefined when it is right. */
export type BodyCheck = (body: string, user: DemoSession) => string | undefined;

export interface AutocannonTarget {
  url: string;
  path: string;
  /** Requests go round-robin across these sessions' cookies. */
  users: readonly DemoSession[];
  connections: number;
  durationSeconds: number;
  /** Stops after this many requests instead of after `durationSeconds`. */
  amount?: number;
  /** A POST with this JSON body, per user, instead of a GET. */
  jsonBody?: (user: DemoSession) => unknown;
  /** Sent with every request, beside the user's cookie. */
  headers?: Record<string, string>;
  checkBody?: BodyCheck;
}

export interface AutocannonRun {
  path: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx bodies checked; undefined without a checkBody. */
  checked?: number;
  wrong: number;
  wrongExamples: string[];
}

/** One fixed-length autocannon run against one path of a server. */
export async function runAutocannon(target: AutocannonTarget): Promise<AutocannonRun> {
  const { url, path, users, connections, durationSeconds, amount, jsonBody, checkBody, headers = {} } = target;
  const checks = { checked: 0, wrong: 0, examples: [] as string[] };
  const onResponse = (user: DemoSession) => (status: number, body: string) => {
    if (!checkBody || status < 200 || status > 299) return;
    checks.checked++;
    const problem = checkBody(body, user);
    if (problem === undefined) return;
    checks.wrong++;
    if (checks.examples.length < MAX_EXAMPLES) checks.examples.push(`as ${user.email}: ${problem}`);
  };
  const result = await autocannon({
    url,
    connections,
    ...(amount === undefined ? { duration: durationSeconds } : { amount }),
    timeout: 10,
    requests: users.map((user) => ({
      path,
      onResponse: checkBody ? onResponse(user) : undefined,
      ...(jsonBody
        ? {
            method: "POST" as const,
            headers: { ...headers, cookie: user.cookie, "content-type": "application/json" },
            body: JSON.stringify(jsonBody(user)),
          }
        : { method: "GET" as const, headers: { ...headers, cookie: user.cookie } }),
    })),
  });
  const statusCodes = Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]);
  return {
    path,
    connections,
    durationSeconds: amount === undefined ? durationSeconds : result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(statusCodes),
    checked: checkBody ? checks.checked : undefined,
    wrong: checks.wrong,
    wrongExamples: checks.examples,
  };
}

/** Everything that makes a run fail (an error, a non-2xx, a wrong or unchecked body); empty when it passed. */
export function runFailures(run: AutocannonRun): string[] {
  const failures: string[] = [];
  if (run.ok === 0) failures.push("no successful response");
  if (run.errors > 0) failures.push(`${run.errors} connection errors (${run.timeouts} timeouts)`);
  if (run.non2xx > 0) failures.push(`${run.non2xx} non-2xx responses: ${JSON.stringify(run.statusCodes)}`);
  if (run.checked !== undefined && run.checked !== run.ok) {
    failures.push(`${run.ok - run.checked} of ${run.ok} responses were not checked`);
  }
  if (run.wrong > 0) failures.push(`${run.wrong} wrong responses: ${run.wrongExamples.join("; ")}`);
  return failures;
}

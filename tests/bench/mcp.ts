import type { DemoSession } from "../support/sessions";
import { connectSlackInSandbox } from "../support/slack-flow";

import { runAutocannon, runFailures, type AutocannonRun } from "./autocannon-run";
import { round2, type Measured } from "./statistics";
import { FLOOR } from "./throughput";

export const MCP = "/api/mcp";
export const MCP_CONNECTIONS = 16;
const WARM_UP_SECONDS = 2;

export interface McpRow {
  connections: number;
  floorPerSecond: number;
  listPerSecond: number;
  listP50Ms: number;
  listP99Ms: number;
  /** tools/list req/s over the floor's. */
  listRatio: number;
  callPerSecond: number;
  callP50Ms: number;
  callP99Ms: number;
  callRatio: number;
}

// JSON-RPC as an MCP client sends it, after its initialize (the endpoint is stateless: every request stands alone).
const rpc = (method: string, params: object) => ({ jsonrpc: "2.0", id: 1, method, params });
const LIST = rpc("tools/list", {});
// A QUERY: it reads, so repeating it thousands of times changes nothing but the sandbox's capped call log.
const CALL = rpc("tools/call", { name: "slack-list-conversations", arguments: {} });

/** Connects Slack for `user` in the sandbox, as the embed would, and creates a token for an agent. */
async function agentToken(url: string, user: DemoSession): Promise<string> {
  await connectSlackInSandbox(url, user.cookie);
  const created = await fetch(`${url}/api/agent-tools/tokens`, {
    method: "POST",
    headers: { cookie: user.cookie, "content-type": "application/json", origin: url },
    body: JSON.stringify({ name: "bench" }),
  });
  if (created.status !== 201) throw new Error(`creating a token answered ${created.status}`);
  return ((await created.json()) as { token: string }).token;
}

/**
 * The MCP endpoint's two requests an agent makes, at 16 connections with one token, against the floor in the same
 * run: tools/list (answered from the per-identity cache after the first) and tools/call (a call to Integry, the
 * in-process sandbox here, each time). The server needs MCP_REQUESTS_PER_MINUTE far above the bench's rate.
 */
export async function measureMcp(url: string, user: DemoSession, durationSeconds: number): Promise<Measured<McpRow>> {
  const token = await agentToken(url, user);
  const headers = { authorization: `Bearer ${token}`, accept: "application/json, text/event-stream" };
  const target = { url, path: MCP, users: [{ ...user, cookie: "" }], connections: MCP_CONNECTIONS, headers };
  // A JSON-RPC error, or a tool error, is a wrong answer: the bench measures answers that an agent could use.
  const checkBody = (body: string) => {
    const answer = JSON.parse(body) as { error?: unknown; result?: { isError?: boolean } };
    return answer.error || answer.result?.isError ? `an error: ${body.slice(0, 200)}` : undefined;
  };
  const failures: string[] = [];
  const run = async (what: string, options: Parameters<typeof runAutocannon>[0]): Promise<AutocannonRun> => {
    const measured = await runAutocannon(options);
    failures.push(...runFailures(measured).map((failure) => `${what}: ${failure}`));
    return measured;
  };
  await run("warm-up", { ...target, durationSeconds: WARM_UP_SECONDS, jsonBody: () => LIST });
  const floor = await run(FLOOR, { ...target, path: FLOOR, durationSeconds, headers: {} });
  const list = await run("tools/list", { ...target, durationSeconds, jsonBody: () => LIST, checkBody });
  const call = await run("tools/call", { ...target, durationSeconds, jsonBody: () => CALL, checkBody });
  return {
    value: {
      connections: MCP_CONNECTIONS,
      floorPerSecond: Math.round(floor.requestsPerSecond),
      listPerSecond: Math.round(list.requestsPerSecond),
      listP50Ms: list.p50Ms,
      listP99Ms: list.p99Ms,
      listRatio: round2(list.requestsPerSecond / floor.requestsPerSecond),
      callPerSecond: Math.round(call.requestsPerSecond),
      callP50Ms: call.p50Ms,
      callP99Ms: call.p99Ms,
      callRatio: round2(call.requestsPerSecond / floor.requestsPerSecond),
    },
    failures,
  };
}

import { describe, expect, it } from "vitest";

import { callIntegryApi, type IntegryApiCall } from "@/lib/integry/server/rest-request";

const credentials = { appKey: "app-key", userId: "user-alice", hash: "a".repeat(64) };

/** An Integry that answers `statuses` in turn, counting the calls. */
function integryAnswering(...statuses: number[]) {
  const calls: string[] = [];
  const fetch = (async (input: URL | RequestInfo) => {
    calls.push(String(input));
    const status = statuses.shift() ?? 200;
    return Response.json(status === 200 ? { ok: true } : { detail: "busy" }, { status });
  }) as typeof globalThis.fetch;
  return { calls, options: { baseUrl: "https://api.integry.test", fetch, sleep: async () => {} } };
}

const read: IntegryApiCall = { path: "/apps/list/", query: {}, body: {}, subject: "apps list" };
const action: IntegryApiCall = {
  path: "/functions/x/call/",
  query: {},
  body: {},
  subject: "function",
  repeatable: false,
};

describe("callIntegryApi's retries", () => {
  it("repeats a read after a 503", async () => {
    const integry = integryAnswering(503);
    expect(await callIntegryApi(read, credentials, integry.options)).toEqual({ ok: true });
    expect(integry.calls).toHaveLength(2);
  });

  it("never repeats a call that changes something after a 503 or a timeout: it may have run", async () => {
    const integry = integryAnswering(503);
    await expect(callIntegryApi(action, credentials, integry.options)).rejects.toMatchObject({ code: "unavailable" });
    expect(integry.calls).toHaveLength(1);
  });

  it("repeats it after a 429, which Integry answers before doing anything", async () => {
    const integry = integryAnswering(429);
    expect(await callIntegryApi(action, credentials, integry.options)).toEqual({ ok: true });
    expect(integry.calls).toHaveLength(2);
  });
});

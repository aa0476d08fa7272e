import { afterEach, describe, expect, it, vi } from "vitest";

import { sandboxCallbacks } from "@/lib/rooms/sandbox/in-process-fetch";
import { SANDBOX_CALLBACK_ORIGIN, sandboxRunsUrl } from "@/lib/rooms/sandbox/run-urls";

import { callbackUrlOf } from "@/tests/support/slack-flow";

import { BASE, CONFIG, credentials, hashOf, slackSaveBody } from "./sandbox-client";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "Content-Type": "application/json", ...headers },
});

describe("a sandbox callback URL, from the app's server", () => {
  it("is answered in this process, by the store the embed saved to, never over the network", async () => {
    // The store where the app has no database: which store answers is process-store.test.ts's subject.
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("VERCEL", "1");
    vi.stubEnv("DATABASE_URL", "");
    const network = vi.spyOn(globalThis, "fetch");
    const fetchInProcess = sandboxCallbacks(CONFIG).fetch;
    const saveUrl = `http://sandbox.invalid${BASE}/v2/integration/?${await credentials("user-in-process")}`;
    const saved = await fetchInProcess(saveUrl, json(slackSaveBody("#sales", "New lead")));
    const endpoint = callbackUrlOf(await saved.json());
    expect(new URL(endpoint).origin).toBe(SANDBOX_CALLBACK_ORIGIN);

    const run = await fetchInProcess(endpoint, json({ lead: "Ada" }, { "Idempotency-Key": "lead-1" }));
    expect(run.status).toBe(200);
    const caller = { appKey: CONFIG.appKey, userId: "user-in-process", hash: await hashOf("user-in-process") };
    const listed = (await (await fetchInProcess(sandboxRunsUrl(caller))).json()) as { runs: unknown[] };
    expect(listed.runs).toEqual([expect.objectContaining({ idempotencyKey: "lead-1", payload: { lead: "Ada" } })]);
    expect(network).not.toHaveBeenCalled();
  });

  it("fails as an unreachable host would for any other URL, without the network", async () => {
    const network = vi.spyOn(globalThis, "fetch");
    const fetchInProcess = sandboxCallbacks(CONFIG).fetch;
    for (const url of [
      "https://hooks.example/api/sandbox/callbacks/5001",
      "https://sandbox.invalid/api/other/callbacks/5001",
      "https://sandbox.invalid/api/sandboxes/callbacks/5001",
    ]) {
      await expect(fetchInProcess(url, json({})), url).rejects.toThrow(TypeError);
    }
    expect(network).not.toHaveBeenCalled();
  });
});

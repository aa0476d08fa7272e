import { beforeEach, describe, expect, it } from "vitest";

import { listConnectedApps } from "@/lib/rooms/connected-apps/api";
import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";
import {
  BASE,
  callSandbox,
  CONFIG,
  credentials,
  hashOf,
  ORIGIN,
  sandboxFetch,
  slackSaveBody,
} from "@/lib/rooms/sandbox/tests/sandbox-client";

const WEBHOOK_SAVE = {
  template: 105,
  steps: [{ template_step: 1006, app_user_data: [{ template_field: 100601, value: "https://hooks.example/deals" }] }],
};

let store: SandboxStore;
beforeEach(() => {
  store = createMemorySandboxStore();
});

async function save(userId: string, body: unknown = slackSaveBody("#sales", "New lead")) {
  const response = await callSandbox("POST", `/v2/integration/?${await credentials(userId)}`, { store, body });
  expect(response.status).toBe(201);
}

describe("the connected-apps REST client against the sandbox", () => {
  it("reads what the embed saved, across pages of one app", async () => {
    await save("user-alice");
    await save("user-alice", WEBHOOK_SAVE);
    const options = { baseUrl: `${ORIGIN}${BASE}/rest`, fetch: sandboxFetch(store, { appsPageSize: 1 }) };
    const alice = { appKey: CONFIG.appKey, userId: "user-alice", hash: await hashOf("user-alice") };
    const apps = await listConnectedApps(alice, options);
    expect(apps.map((app) => [app.name, app.connectedAccounts.length])).toEqual([
      ["slack", 1],
      ["webhook", 1],
    ]);
    await expect(listConnectedApps({ ...alice, hash: await hashOf("user-bob") }, options)).rejects.toMatchObject({
      code: "rejected",
      status: 401,
    });
  });
});

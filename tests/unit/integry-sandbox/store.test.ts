import { describe, expect, it } from "vitest";

import { createSandboxStore, type IntegrationDraft } from "@/lib/integry-sandbox/store";

import { callSandbox, credentials, slackSaveBody } from "./sandbox-client";

const draft: IntegrationDraft = {
  flowId: 101,
  name: "Send new leads to Slack",
  status: "ACTIVE",
  values: new Map([[1001, new Map([[100101, "#sales"]])]]),
};

describe("the sandbox store's bounds", () => {
  it("forgets the least recently used identity beyond the identity cap", () => {
    const store = createSandboxStore({ maxIdentities: 2, maxIntegrationsPerIdentity: 5 });
    store.create("user-1", draft);
    store.create("user-2", draft);
    store.list("user-1");
    store.create("user-3", draft);
    expect(store.list("user-1")).toHaveLength(1);
    expect(store.list("user-3")).toHaveLength(1);
    expect(store.list("user-2")).toEqual([]);
  });

  it("keeps no state for users who only read, so reading cannot evict anyone", () => {
    const store = createSandboxStore({ maxIdentities: 1, maxIntegrationsPerIdentity: 5 });
    store.create("user-1", draft);
    for (let i = 0; i < 10; i++) store.list(`reader-${i}`);
    expect(store.list("user-1")).toHaveLength(1);
  });

  it("refuses a save beyond the per-user cap with 400, keeping the others", async () => {
    const store = createSandboxStore({ maxIdentities: 10, maxIntegrationsPerIdentity: 2 });
    const auth = credentials("user-busy");
    const save = () =>
      callSandbox("POST", `/v2/integration/?${auth}`, { store, body: slackSaveBody("#sales", "New lead") });
    expect((await save()).status).toBe(201);
    expect((await save()).status).toBe(201);
    const refused = await save();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      detail: "The sandbox keeps a limited number of integrations per user; delete one first.",
    });
    expect(store.list("user-busy")).toHaveLength(2);
  });

  it("gives integrations, steps and fields IDs unique across users", () => {
    const store = createSandboxStore();
    const first = store.create("user-1", draft);
    const second = store.create("user-2", draft);
    const ids = [first, second].flatMap((saved) => [
      saved?.id,
      ...(saved?.steps ?? []).flatMap((step) => [step.id, ...step.fields.map((field) => field.id)]),
    ]);
    expect(new Set(ids).size).toBe(6);
  });
});

import { beforeEach, describe, expect, it } from "vitest";

import type { IntegrationDraft, SandboxStore } from "@/lib/rooms/sandbox/store";

import { POSTGRES_URL } from "@/tests/support/databases";
import { callSandbox, credentials, instancesOf, saveIntegration, slackSaveBody } from "./sandbox-client";
import { sandboxStoresForThisFile } from "./stores";

const draft: IntegrationDraft = {
  flowId: 101,
  name: "Send new leads to Slack",
  status: "ACTIVE",
  values: new Map([[1001, new Map([[100101, "#sales"]])]]),
};

const withValue = (value: string): IntegrationDraft => ({
  ...draft,
  values: new Map([[1001, new Map([[100101, value]])]]),
});

const idsIn = (saved: Awaited<ReturnType<SandboxStore["create"]>>[]) =>
  saved.flatMap((integration) => [
    integration?.id,
    ...(integration?.steps ?? []).flatMap((step) => [step.id, ...step.fields.map((field) => field.id)]),
  ]);

const IMPLEMENTATIONS = sandboxStoresForThisFile();
const postgresStore = IMPLEMENTATIONS.find((implementation) => implementation.name === "in Postgres")!.open;

describe.each(IMPLEMENTATIONS)("the sandbox store $name", ({ skip, open }) => {
  beforeEach((context) => context.skip(skip, "no Postgres server here: apt-get install -y postgresql"));

  it("forgets the least recently used identity beyond the identity cap", async () => {
    const store = open({ maxIdentities: 2, maxIntegrationsPerIdentity: 5 });
    await store.create("user-1", draft);
    await store.create("user-2", draft);
    await store.list("user-1");
    await store.create("user-3", draft);
    expect(await store.list("user-1")).toHaveLength(1);
    expect(await store.list("user-3")).toHaveLength(1);
    expect(await store.list("user-2")).toEqual([]);
  });

  it("keeps no state for users who only read, so reading cannot evict anyone", async () => {
    const store = open({ maxIdentities: 1, maxIntegrationsPerIdentity: 5 });
    await store.create("user-1", draft);
    for (let i = 0; i < 10; i++) await store.list(`reader-${i}`);
    expect(await store.list("user-1")).toHaveLength(1);
  });

  it("keeps 25 integrations per user by default, refusing the 26th", async () => {
    const store = open();
    for (let i = 0; i < 25; i++) expect(await store.create("user-busy", withValue(`#${i}`))).toBeDefined();
    expect(await store.create("user-busy", withValue("#one-too-many"))).toBeUndefined();
    expect(await store.list("user-busy")).toHaveLength(25);
    expect(await store.create("user-idle", draft)).toBeDefined();
  });

  it("refuses a save beyond the per-user cap with 400, keeping the others", async () => {
    const store = open({ maxIdentities: 10, maxIntegrationsPerIdentity: 2 });
    const auth = await credentials("user-busy");
    const save = () =>
      callSandbox("POST", `/v2/integration/?${auth}`, { store, body: slackSaveBody("#sales", "New lead") });
    expect((await save()).status).toBe(201);
    expect((await save()).status).toBe(201);
    const refused = await save();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      detail: "The sandbox keeps a limited number of integrations per user; delete one first.",
    });
    expect(await store.list("user-busy")).toHaveLength(2);
  });

  it("gives integrations, steps and fields IDs unique across users", async () => {
    const store = open();
    const ids = idsIn([await store.create("user-1", draft), await store.create("user-2", draft)]);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it("updates in place, keeping the step and field IDs, and renames", async () => {
    const store = open();
    const { id, createdAt, steps } = (await store.create("user-1", draft))!;
    const [stepId, fieldId] = [steps[0]?.id, steps[0]?.fields[0]?.id];
    const values = new Map([
      [
        1001,
        new Map([
          [100101, "#support"],
          [100102, "Lead {name}"],
        ]),
      ],
    ]);
    const updated = await store.update("user-1", id, { ...draft, status: "INACTIVE", values });
    expect(updated).toEqual({
      id,
      flowId: 101,
      name: "Send new leads to Slack",
      status: "INACTIVE",
      createdAt,
      steps: [
        {
          id: stepId,
          templateStepId: 1001,
          fields: [
            { id: fieldId, templateFieldId: 100101, value: "#support" },
            { id: expect.any(Number), templateFieldId: 100102, value: "Lead {name}" },
          ],
        },
      ],
    });
    expect([id, stepId, fieldId]).not.toContain(updated?.steps[0]?.fields[1]?.id);
    await store.patch("user-1", id, { name: "Sales" });
    expect(await store.get("user-1", id)).toEqual({ ...updated, name: "Sales" });
  });

  it("deletes a user's own integration once, and never another user's", async () => {
    const store = open();
    const saved = await store.create("user-1", draft);
    await store.create("user-2", draft);
    expect(await store.delete("user-2", saved!.id)).toBe(false);
    expect(await store.get("user-2", saved!.id)).toBeUndefined();
    expect(await store.delete("user-1", saved!.id)).toBe(true);
    expect(await store.delete("user-1", saved!.id)).toBe(false);
    expect(await store.list("user-1")).toEqual([]);
    expect(await store.list("user-2")).toHaveLength(1);
  });
});

describe.each(IMPLEMENTATIONS)("the accounts connected in the sandbox store $name", ({ skip, open }) => {
  beforeEach((context) => context.skip(skip, "no Postgres server here: apt-get install -y postgresql"));

  const appsOf = async (store: SandboxStore, userId: string) =>
    (await store.listAccounts(userId)).map(({ appName, displayName }) => [appName, displayName]);

  it("hands out IDs from 1,000,000 that only grow, above the accounts derived from saved flows", async () => {
    const store = open();
    const first = await store.connectAccount("user-1", "slack", "Sales workspace");
    const second = await store.connectAccount("user-2", "slack", "Support workspace");
    const third = await store.connectAccount("user-1", "google-sheets", "Leads sheet");
    expect(first).toEqual({
      id: expect.any(Number),
      appName: "slack",
      displayName: "Sales workspace",
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(first!.id).toBeGreaterThanOrEqual(1_000_000);
    expect(second!.id).toBeGreaterThan(first!.id);
    expect(third!.id).toBeGreaterThan(second!.id);
  });

  it("lists each identity's own accounts, oldest first", async () => {
    const store = open();
    await store.connectAccount("user-1", "slack", "Sales workspace");
    await store.connectAccount("user-2", "hubspot", "CRM");
    await store.connectAccount("user-1", "google-sheets", "Leads sheet");
    expect(await appsOf(store, "user-1")).toEqual([
      ["slack", "Sales workspace"],
      ["google-sheets", "Leads sheet"],
    ]);
    expect(await appsOf(store, "user-2")).toEqual([["hubspot", "CRM"]]);
    expect(await store.listAccounts("nobody")).toEqual([]);
  });

  it("removes an identity's own account once, and never another identity's", async () => {
    const store = open();
    const alices = await store.connectAccount("user-alice", "slack", "Sales workspace");
    await store.connectAccount("user-bob", "slack", "Bob's workspace");
    expect(await store.removeAccount("user-bob", alices!.id)).toBe(false);
    expect(await store.removeAccount("nobody", alices!.id)).toBe(false);
    // The routes take IDs of up to 12 digits: one beyond any account is refused, not an error.
    expect(await store.removeAccount("user-alice", 999_999_999_999)).toBe(false);
    expect(await store.listAccounts("user-alice")).toEqual([alices]);
    expect(await store.removeAccount("user-alice", alices!.id)).toBe(true);
    expect(await store.removeAccount("user-alice", alices!.id)).toBe(false);
    expect(await store.listAccounts("user-alice")).toEqual([]);
    expect(await appsOf(store, "user-bob")).toEqual([["slack", "Bob's workspace"]]);
  });

  it("keeps 20 accounts per identity by default, refusing the 21st until one is removed", async () => {
    const store = open();
    const connected = [];
    for (let i = 0; i < 20; i++) connected.push(await store.connectAccount("user-busy", "slack", `Workspace ${i}`));
    expect(connected.every(Boolean)).toBe(true);
    expect(await store.connectAccount("user-busy", "slack", "One too many")).toBeUndefined();
    expect(await store.listAccounts("user-busy")).toHaveLength(20);
    expect(await store.connectAccount("user-idle", "slack", "Workspace")).toBeDefined();
    expect(await store.removeAccount("user-busy", connected[0]!.id)).toBe(true);
    expect(await store.connectAccount("user-busy", "slack", "In the freed slot")).toMatchObject({
      displayName: "In the freed slot",
    });
  });

  it("counts connecting as use of an identity, and forgets an evicted identity's accounts with it", async () => {
    const store = open({ maxIdentities: 2 });
    await store.connectAccount("user-1", "slack", "Sales workspace");
    await store.connectAccount("user-2", "slack", "Support workspace");
    await store.listAccounts("user-1");
    await store.connectAccount("user-3", "slack", "Ops workspace");
    expect(await store.listAccounts("user-2")).toEqual([]);
    expect(await appsOf(store, "user-1")).toEqual([["slack", "Sales workspace"]]);
    expect(await appsOf(store, "user-3")).toEqual([["slack", "Ops workspace"]]);
  });
});

describe.skipIf(POSTGRES_URL === "")("two instances of the app over one Postgres database", () => {
  it("see each other's saves, changes and deletes", async () => {
    const [first, second] = [postgresStore(), postgresStore()];
    const saved = await first.create("user-1", draft);
    expect(await second.list("user-1")).toEqual([saved]);
    await second.patch("user-1", saved!.id, { status: "INACTIVE" });
    expect(await first.get("user-1", saved!.id)).toMatchObject({ id: saved!.id, status: "INACTIVE" });
    expect(await first.delete("user-1", saved!.id)).toBe(true);
    expect(await second.list("user-1")).toEqual([]);
  });

  it("show a flow saved through one in the flow card the other serves", async () => {
    const [first, second] = [postgresStore(), postgresStore()];
    const alice = await credentials("user-alice");
    expect((await saveIntegration(first, alice)).status).toBe(201);
    expect(await instancesOf(second, alice, 101)).toEqual([
      expect.objectContaining({ name: "Send new leads to Slack", status: "ACTIVE" }),
    ]);
  });

  it("never hand out the same ID, saving at the same time", async () => {
    const [first, second] = [postgresStore(), postgresStore()];
    const saves = [first, second].flatMap((store) =>
      ["user-1", "user-2", "user-3", "user-4", "user-5"].map((userId) => store.create(userId, draft)),
    );
    const ids = idsIn(await Promise.all(saves));
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("hold the per-user cap together when both save for one user at once", async () => {
    const limits = { maxIdentities: 10, maxIntegrationsPerIdentity: 3 };
    const [first, second] = [postgresStore(limits), postgresStore(limits)];
    const saves = await Promise.all([first, second].flatMap((store) => [1, 2, 3].map(() => store.create("u", draft))));
    expect(saves.filter(Boolean)).toHaveLength(3);
    expect(await second.list("u")).toHaveLength(3);
  });

  it("share one identity bound: a save through one evicts an identity saved through the other", async () => {
    const limits = { maxIdentities: 2, maxIntegrationsPerIdentity: 5 };
    const [first, second] = [postgresStore(limits), postgresStore(limits)];
    await first.create("user-1", draft);
    await second.create("user-2", draft);
    await first.create("user-3", draft);
    expect(await second.list("user-1")).toEqual([]);
    expect(await second.list("user-2")).toHaveLength(1);
  });

  it("share the fail-next switch: count=2 armed through one fails two of the callbacks the other answers at once", async () => {
    const [first, second] = [postgresStore(), postgresStore()];
    const alice = await credentials("user-alice");
    const { id } = (await (await saveIntegration(first, alice)).json()) as { id: number };
    expect((await callSandbox("POST", `/callbacks/${id}/fail-next?count=2&${alice}`, { store: first })).status).toBe(
      200,
    );
    const callback = async (key: string) => {
      const headers = { "Idempotency-Key": key };
      return (await callSandbox("POST", `/callbacks/${id}?${alice}`, { store: second, body: { key }, headers })).status;
    };
    const statuses = await Promise.all(["a", "b", "c", "d", "e", "f"].map(callback));
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 503, 503]);
    expect(await first.listRuns("user-alice", id, 50)).toHaveLength(4);
  });
});

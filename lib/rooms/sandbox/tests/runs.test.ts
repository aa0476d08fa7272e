import { beforeEach, describe, expect, it } from "vitest";

import { SANDBOX_CALLBACK_ORIGIN } from "@/lib/rooms/sandbox/run-urls";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

import { callbackUrlOf } from "@/tests/support/slack-flow";

import { BASE, callSandbox, credentials, hashOf, slackSaveBody } from "./sandbox-client";
import { sandboxStoresForThisFile } from "./stores";

const ALICE = await credentials("user-alice");
const BOB = await credentials("user-bob");
const SHEETS_SAVE = {
  template: 102,
  steps: [{ template_step: 1002, app_user_data: [{ template_field: 100201, value: "Orders" }] }],
};

const IMPLEMENTATIONS = sandboxStoresForThisFile();

interface SavedJson {
  id: number;
  steps: { template_step: number; activity_id: number; step_name: string; returned_data: string | null }[];
}

describe.each(IMPLEMENTATIONS)("flow runs through callback URLs, stored $name", ({ skip, open }) => {
  let store: SandboxStore;
  beforeEach((context) => {
    context.skip(skip, "no Postgres server here: apt-get install -y postgresql");
    store = open();
  });

  async function save(auth = ALICE, body: unknown = slackSaveBody("#sales", "New lead")): Promise<SavedJson> {
    const response = await callSandbox("POST", `/v2/integration/?async=false&${auth}&activate=true`, { store, body });
    expect(response.status).toBe(201);
    return (await response.json()) as SavedJson;
  }

  /** POSTs to a URL on the sandbox's callback origin, as the app's server does. */
  function post(url: string, body: unknown, idempotencyKey?: string, rawBody?: string, signal?: AbortSignal) {
    expect(url.startsWith(`${SANDBOX_CALLBACK_ORIGIN}${BASE}/`)).toBe(true);
    const headers: Record<string, string> = idempotencyKey === undefined ? {} : { "Idempotency-Key": idempotencyKey };
    const target = url.slice(SANDBOX_CALLBACK_ORIGIN.length + BASE.length);
    return callSandbox("POST", target, { store, body, rawBody, headers, signal });
  }

  async function runs(auth = ALICE, integrationId?: number) {
    const filter = integrationId === undefined ? "" : `&integration_id=${integrationId}`;
    const response = await callSandbox("GET", `/runs/?${auth}${filter}`, { store });
    expect(response.status).toBe(200);
    return ((await response.json()) as { runs: { id: number; idempotencyKey: string; payload: unknown }[] }).runs;
  }

  it("hands out the callback URL in the trigger step's returned_data, on create and on update", async () => {
    const saved = await save();
    const endpoint =
      `https://sandbox.invalid/api/sandbox/callbacks/${saved.id}` +
      `?user_id=user-alice&app_key=unit-app-key&hash=${await hashOf("user-alice")}`;
    const step = { template_step: 1001, activity_id: 10010, step_name: "Post a message to Slack" };
    expect(saved.steps).toEqual([expect.objectContaining(step)]);
    // What the SDK's postSaveOrCreate JSON.parses: is_webhook_url and endpoint make it emit callbackUrl.
    expect(JSON.parse(saved.steps[0]!.returned_data!)).toEqual({
      is_webhook_url: true,
      endpoint,
      user_experience: "RETURN_VIA_SDK",
    });

    const update = await callSandbox("PUT", `/v2/integration/${saved.id}/?async=false&${ALICE}&activate=true`, {
      store,
      body: { ...slackSaveBody("#support", "Lead {name}"), id: String(saved.id), bundle_instance_id: "false" },
    });
    expect(update.status).toBe(200);
    expect(callbackUrlOf((await update.json()) as SavedJson)).toBe(endpoint);
  });

  it("returns no callback URL for a flow without a webhook trigger, nor answers one", async () => {
    const saved = await save(ALICE, SHEETS_SAVE);
    expect(saved.steps.map((step) => step.returned_data)).toEqual([null]);
    const guessed = callbackUrlOf(await save()).replace(/callbacks\/\d+/, `callbacks/${saved.id}`);
    const response = await post(guessed, { order: 1 }, "order-1");
    expect([response.status, await response.json()]).toEqual([404, { detail: "Integration not found." }]);
  });

  it("records one run with the event's payload for a POST to the callback URL", async () => {
    const saved = await save();
    const response = await post(callbackUrlOf(saved), { lead: { name: "Ada" } }, "lead-1");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const { run, replayed } = (await response.json()) as { run: { id: number; createdAt: string }; replayed: boolean };
    expect(run).toEqual({ id: expect.any(Number), integrationId: saved.id, createdAt: expect.any(String) });
    expect(replayed).toBe(false);
    expect(await runs()).toEqual([
      { ...run, integrationId: saved.id, idempotencyKey: "lead-1", payload: { lead: { name: "Ada" } } },
    ]);
  });

  it("runs once for an Idempotency-Key sent twice, answering the first run as a replay", async () => {
    const url = callbackUrlOf(await save());
    const first = (await (await post(url, { lead: "Ada" }, "lead-1")).json()) as { run: { id: number } };
    const again = await post(url, { lead: "Ada, retried" }, "lead-1");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ run: first.run, replayed: true });
    expect(await runs()).toEqual([expect.objectContaining({ id: first.run.id, payload: { lead: "Ada" } })]);
  });

  it("scopes keys to the identity, refusing with 422 a key one of its other integrations used", async () => {
    const [slack, other] = [await save(), await save(BOB)];
    expect((await post(callbackUrlOf(slack), { lead: "Ada" }, "lead-1")).status).toBe(200);
    expect((await post(callbackUrlOf(other), { lead: "Bob" }, "lead-1")).status).toBe(200);
    const second = await post(callbackUrlOf(await save()), { lead: "Ada" }, "lead-1");
    expect([second.status, await second.json()]).toEqual([
      422,
      { detail: "Idempotency-Key: already used for another integration; make keys unique per call." },
    ]);
    expect(await runs()).toEqual([expect.objectContaining({ integrationId: slack.id })]);
  });

  it("answers 404 for a disabled integration and runs nothing, until it is enabled", async () => {
    const saved = await save();
    const url = callbackUrlOf(saved);
    expect((await callSandbox("PUT", `/v2/integration/${saved.id}/disable/?${ALICE}`, { store })).status).toBe(200);
    const refused = await post(url, { lead: "Ada" }, "lead-1");
    expect([refused.status, await refused.json()]).toEqual([
      404,
      { detail: "Integration is disabled: it runs nothing." },
    ]);
    expect(await runs()).toEqual([]);
    expect((await callSandbox("PUT", `/v2/integration/${saved.id}/enable/?${ALICE}`, { store })).status).toBe(200);
    expect((await post(url, { lead: "Ada" }, "lead-1")).status).toBe(200);
    expect(await runs()).toHaveLength(1);
  });

  it("answers 404 once the integration is deleted", async () => {
    const saved = await save();
    const url = callbackUrlOf(saved);
    expect((await callSandbox("DELETE", `/setup/template/${saved.id}/?${ALICE}`, { store })).status).toBe(204);
    const refused = await post(url, { lead: "Ada" }, "lead-1");
    expect([refused.status, await refused.json()]).toEqual([404, { detail: "Integration not found." }]);
    expect(await runs()).toEqual([]);
  });

  it("answers another identity 404, forged credentials 401, and runs nothing for either", async () => {
    const saved = await save();
    await save(BOB);
    const url = callbackUrlOf(saved);
    const asBob = url.replace(/\?.*$/, `?${BOB}`);
    expect((await post(asBob, { lead: "Mallory" }, "evil-1")).status).toBe(404);
    const forged = url.replace("user_id=user-alice", "user_id=user-bob");
    const refused = await post(forged, { lead: "Mallory" }, "evil-2");
    expect([refused.status, await refused.json()]).toEqual([
      401,
      { detail: "Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret." },
    ]);
    expect((await post(url.replace(/\?.*$/, ""), { lead: "Mallory" }, "evil-3")).status).toBe(401);
    expect(await runs(ALICE)).toEqual([]);
    expect(await runs(BOB)).toEqual([]);
  });

  it.each([
    ["no Idempotency-Key", { lead: "Ada" }, undefined, undefined, "Idempotency-Key: a header of 1 to 200 characters."],
    [
      "a 201-character key",
      { lead: "Ada" },
      "k".repeat(201),
      undefined,
      "Idempotency-Key: a header of 1 to 200 characters.",
    ],
    ["a JSON array", [{ lead: "Ada" }], "lead-1", undefined, "The body must be a JSON object."],
    ["a JSON string", "Ada", "lead-1", undefined, "The body must be a JSON object."],
    ["JSON null", null, "lead-1", "null", "The body must be a JSON object."],
    [
      "U+0000, which Postgres cannot store",
      { "le\u0000ad": "Ada" },
      "lead-1",
      undefined,
      "The body may not contain \\u0000.",
    ],
    [
      "33 nested objects and arrays",
      { lead: JSON.parse(`${"[".repeat(32)}${"]".repeat(32)}`) },
      "lead-1",
      undefined,
      "The body may not contain more than 32 nested objects or arrays.",
    ],
    ["malformed JSON", undefined, "lead-1", '{"lead":', "JSON parse error: the request body is not valid JSON."],
  ])("answers 400 to %s, and runs nothing", async (_, body, key, rawBody, detail) => {
    const url = callbackUrlOf(await save());
    const refused = await post(url, body, key, rawBody);
    expect([refused.status, await refused.json()]).toEqual([400, { detail }]);
    expect(await runs()).toEqual([]);
  });

  it("accepts a 200-character key and 32 nested objects and arrays", async () => {
    const url = callbackUrlOf(await save());
    const lead = JSON.parse(`${"[".repeat(31)}${"]".repeat(31)}`);
    expect((await post(url, { lead }, "k".repeat(200))).status).toBe(200);
    expect(await runs()).toEqual([expect.objectContaining({ payload: { lead } })]);
  });

  it("answers 503, 503, then runs once after fail-next?count=2, as retries with one key see it", async () => {
    const saved = await save();
    const url = callbackUrlOf(saved);
    const armed = await callSandbox("POST", `/callbacks/${saved.id}/fail-next?count=2&${ALICE}`, { store });
    expect([armed.status, await armed.json()]).toEqual([200, { integrationId: saved.id, failNext: 2, failure: "503" }]);
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) statuses.push((await post(url, { lead: "Ada" }, "lead-1")).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect(await runs()).toHaveLength(1);
  });

  it("with failure=timeout, holds the call unanswered until its caller gives up, and runs nothing", async () => {
    const saved = await save();
    const url = callbackUrlOf(saved);
    const armed = await callSandbox("POST", `/callbacks/${saved.id}/fail-next?count=1&failure=timeout&${ALICE}`, {
      store,
    });
    expect(await armed.json()).toEqual({ integrationId: saved.id, failNext: 1, failure: "timeout" });
    const started = performance.now();
    const held = await post(url, { lead: "Ada" }, "lead-1", undefined, AbortSignal.timeout(300));
    expect(held.status).toBe(504);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(await runs()).toEqual([]);
    expect((await post(url, { lead: "Ada" }, "lead-1")).status).toBe(200);
    expect(await runs()).toHaveLength(1);
  });

  it("arms fail-next only for the caller's own integration and a count from 0 to 100", async () => {
    const saved = await save();
    const arm = (query: string, auth = ALICE) =>
      callSandbox("POST", `/callbacks/${saved.id}/fail-next?${query}&${auth}`, { store });
    expect((await arm("count=2", BOB)).status).toBe(404);
    for (const query of ["count=-1", "count=101", "count=two", "", "count=1&failure=slow"]) {
      expect((await arm(query)).status).toBe(400);
    }
    expect(
      (await arm("count=2", `app_key=unit-app-key&user_id=user-alice&hash=${await hashOf("user-bob")}`)).status,
    ).toBe(401);
    expect((await post(callbackUrlOf(saved), { lead: "Ada" }, "lead-1")).status).toBe(200);
  });

  it("lists the identity's runs newest first, at most 50, of one integration when asked", async () => {
    const [slack, sales] = [await save(), await save(ALICE, { ...slackSaveBody("#x", "y"), template: 101 })];
    for (let i = 0; i < 52; i++) await post(callbackUrlOf(slack), { i }, `slack-${i}`);
    await post(callbackUrlOf(sales), { i: "sales" }, "sales-0");
    const all = await runs();
    expect(all).toHaveLength(50);
    expect(all.slice(0, 3).map((run) => run.idempotencyKey)).toEqual(["sales-0", "slack-51", "slack-50"]);
    expect((await runs(ALICE, slack.id)).map((run) => run.idempotencyKey).slice(0, 2)).toEqual([
      "slack-51",
      "slack-50",
    ]);
    expect((await runs(ALICE, sales.id)).map((run) => run.idempotencyKey)).toEqual(["sales-0"]);
    expect(await runs(BOB)).toEqual([]);
    expect((await callSandbox("GET", `/runs/?${ALICE}&integration_id=abc`, { store })).status).toBe(400);
    expect((await callSandbox("GET", `/runs/?integration_id=${slack.id}`, { store })).status).toBe(401);
  }, 30_000); // 53 runs, each a few statements: seconds on a busy machine.
});

describe.each(IMPLEMENTATIONS)("the store's runs, $name", ({ skip, open }) => {
  beforeEach((context) => context.skip(skip, "no Postgres server here: apt-get install -y postgresql"));

  const draft = {
    flowId: 101,
    name: "Send new leads to Slack",
    status: "ACTIVE" as const,
    values: new Map([[1001, new Map([[100101, "#sales"]])]]),
  };

  it("keeps each identity's newest runs up to the cap, after which a dropped key runs again", async () => {
    const store = open({ maxRunsPerIdentity: 3 });
    const { id } = (await store.create("user-1", draft))!;
    for (const key of ["a", "b", "c", "d"])
      await store.recordRun("user-1", { integrationId: id, idempotencyKey: key, payload: {} });
    const keys = async () => (await store.listRuns("user-1", undefined, 50)).map((run) => run.idempotencyKey);
    expect(await keys()).toEqual(["d", "c", "b"]);
    expect(await store.recordRun("user-1", { integrationId: id, idempotencyKey: "a", payload: {} })).toMatchObject({
      replayed: false,
    });
    expect(await keys()).toEqual(["a", "d", "c"]);
  });

  it("records nothing for an identity it does not know", async () => {
    const store = open();
    expect(await store.recordRun("nobody", { integrationId: 1, idempotencyKey: "a", payload: {} })).toBeUndefined();
    expect(await store.listRuns("nobody", undefined, 50)).toEqual([]);
  });
});

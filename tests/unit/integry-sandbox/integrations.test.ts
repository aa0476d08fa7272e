import { beforeEach, describe, expect, it } from "vitest";

import { createSandboxStore, type SandboxStore } from "@/lib/integry-sandbox/store";

import { callSandbox, credentials, slackSaveBody } from "./sandbox-client";

const ALICE = credentials("user-alice");
const BOB = credentials("user-bob");

interface FlowJson {
  id: number;
  instances: { id: number; name: string; status: string }[];
}

let store: SandboxStore;

beforeEach(() => {
  store = createSandboxStore();
});

async function save(auth: string, body: unknown = slackSaveBody("#sales", "New lead")): Promise<Response> {
  return callSandbox("POST", `/v2/integration/?async=false&${auth}&activate=true`, { store, body });
}

async function instancesOf(auth: string, flowId: number): Promise<FlowJson["instances"]> {
  const response = await callSandbox("GET", `/api/v1/sdk/flows/?page_size=9999&show_draft=true&${auth}`, { store });
  const { results } = (await response.json()) as { results: FlowJson[] };
  return results.find((flow) => flow.id === flowId)?.instances ?? [];
}

async function savedId(auth: string): Promise<number> {
  return ((await (await save(auth)).json()) as { id: number }).id;
}

describe("saved integrations", () => {
  it("shows a save in that user's flow card and in nobody else's", async () => {
    const response = await save(ALICE);
    expect(response.status).toBe(201);
    const saved = (await response.json()) as { id: number };
    expect(saved).toMatchObject({
      name: "Send new leads to Slack",
      template: 101,
      status: "ACTIVE",
      steps: [
        { template_step: 1001, returned_data: null, app_user_data: [{ value: "#sales" }, { value: "New lead" }] },
      ],
    });

    expect(await instancesOf(ALICE, 101)).toEqual([
      expect.objectContaining({ id: saved.id, name: "Send new leads to Slack", status: "ACTIVE" }),
    ]);
    expect(await instancesOf(BOB, 101)).toEqual([]);
    const bobsBundle = await callSandbox("GET", `/bundle/1/?${BOB}`, { store });
    expect(await bobsBundle.json()).toEqual({ id: 1, name: "Sandbox deployment", integrations: [] });
  });

  it("answers 404 to another user who names the integration's ID", async () => {
    const id = await savedId(ALICE);
    for (const [method, target] of [
      ["GET", `/v2/integration/${id}?${BOB}&is_read_only=false`],
      ["GET", `/template_step/1001/?${BOB}&integration_id=${id}&v=4.0`],
      ["PUT", `/v2/integration/${id}/?async=false&${BOB}&activate=true`],
      ["PUT", `/v2/integration/${id}/disable/?${BOB}`],
      ["DELETE", `/setup/template/${id}/?${BOB}`],
    ] as const) {
      const body = method === "PUT" && target.includes("async") ? slackSaveBody("#bob", "Bob was here") : undefined;
      const response = await callSandbox(method, target, { store, body });
      expect(response.status, `${method} ${target}`).toBe(404);
      expect(await response.json()).toEqual({ detail: "Integration not found." });
    }
    expect(await instancesOf(ALICE, 101)).toEqual([expect.objectContaining({ id, status: "ACTIVE" })]);
  });

  it("loads the saved values into the edit form and keeps their IDs on update", async () => {
    const id = await savedId(ALICE);
    const stepResponse = await callSandbox("GET", `/template_step/1001/?${ALICE}&integration_id=${id}&v=4.0`, {
      store,
    });
    const step = (await stepResponse.json()) as {
      step_instance: number;
      template_fields: { id: number; app_user_data: { id: number; value: string }[] }[];
    };
    const [channel, message] = step.template_fields;
    expect(channel?.app_user_data).toEqual([{ id: expect.any(Number), value: "#sales" }]);
    expect(message?.app_user_data).toEqual([{ id: expect.any(Number), value: "New lead" }]);

    const update = await callSandbox("PUT", `/v2/integration/${id}/?async=false&${ALICE}&activate=false`, {
      store,
      body: { ...slackSaveBody("#support", "Lead {name}"), id: String(id), bundle_instance_id: "false" },
    });
    expect(update.status).toBe(200);
    expect(await update.json()).toMatchObject({
      id,
      status: "INACTIVE",
      steps: [
        {
          id: step.step_instance,
          app_user_data: [
            { id: channel?.app_user_data[0]?.id, value: "#support" },
            { id: message?.app_user_data[0]?.id, value: "Lead {name}" },
          ],
        },
      ],
    });
  });

  it("disables, enables and renames, as the flow card then shows", async () => {
    const id = await savedId(ALICE);
    expect((await callSandbox("PUT", `/v2/integration/${id}/disable/?${ALICE}`, { store })).status).toBe(200);
    expect(await instancesOf(ALICE, 101)).toEqual([expect.objectContaining({ id, status: "INACTIVE" })]);
    expect((await callSandbox("PUT", `/v2/integration/${id}/enable/?${ALICE}`, { store })).status).toBe(200);
    const rename = await callSandbox("PUT", `/v2/integration/${id}/rename/?${ALICE}`, {
      store,
      body: { name: "Sales" },
    });
    expect(await rename.json()).toMatchObject({ id, name: "Sales", status: "ACTIVE" });
    expect(await instancesOf(ALICE, 101)).toEqual([expect.objectContaining({ id, name: "Sales", status: "ACTIVE" })]);
  });

  it("deletes with 204, after which the integration is gone", async () => {
    const id = await savedId(ALICE);
    const response = await callSandbox("DELETE", `/setup/template/${id}/?${ALICE}`, { store });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await instancesOf(ALICE, 101)).toEqual([]);
    expect((await callSandbox("DELETE", `/setup/template/${id}/?${ALICE}`, { store })).status).toBe(404);
    expect((await callSandbox("GET", `/v2/integration/${id}?${ALICE}`, { store })).status).toBe(404);
  });
});

describe("save bodies the sandbox refuses", () => {
  it("answers 400 to malformed JSON, and stores nothing", async () => {
    const response = await callSandbox("POST", `/v2/integration/?${ALICE}`, { store, rawBody: '{"template": 101,' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: "JSON parse error: the request body is not valid JSON." });
    expect(await instancesOf(ALICE, 101)).toEqual([]);
  });

  it.each([
    ["a JSON array", [], "The body must be a JSON object."],
    [
      "an unknown template",
      { ...slackSaveBody("#a", "b"), template: 999 },
      "template: not a template of this deployment.",
    ],
    ["steps that are not a list", { ...slackSaveBody("#a", "b"), steps: "1001" }, "steps: a list of objects."],
    [
      "a step of another template",
      { ...slackSaveBody("#a", "b"), steps: [{ template_step: 1002, app_user_data: [] }] },
      "steps: a step is not part of template 101.",
    ],
    ["an empty required field", slackSaveBody("  ", "New lead"), "Channel: this field is required."],
    [
      "a value that is not a string",
      slackSaveBody("#a", 42 as unknown as string),
      "Message: a string of at most 2000 characters.",
    ],
    [
      "a value over 2000 characters",
      slackSaveBody("#a", "x".repeat(2001)),
      "Message: a string of at most 2000 characters.",
    ],
  ])("answers 400 to %s", async (_, body, detail) => {
    const response = await save(ALICE, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail });
  });

  it("answers 413 to a body over 64 KiB without parsing it", async () => {
    const response = await callSandbox("POST", `/v2/integration/?${ALICE}`, {
      store,
      rawBody: `"${"x".repeat(70_000)}"`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: "Request body is larger than 65536 bytes." });
  });

  it("refuses to move an integration to another template on update", async () => {
    const id = await savedId(ALICE);
    const body = {
      ...slackSaveBody("#a", "b"),
      template: 102,
      steps: [{ template_step: 1002, app_user_data: [{ template_field: 100201, value: "Orders" }] }],
    };
    const response = await callSandbox("PUT", `/v2/integration/${id}/?${ALICE}`, { store, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: "template: an integration keeps its template." });
  });
});

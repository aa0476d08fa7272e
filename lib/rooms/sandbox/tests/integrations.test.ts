import { beforeEach, describe, expect, it } from "vitest";

import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

import {
  callSandbox,
  credentials,
  instancesOf,
  savedIntegrationId,
  saveIntegration,
  slackSaveBody,
} from "./sandbox-client";

const ALICE = await credentials("user-alice");
const BOB = await credentials("user-bob");

let store: SandboxStore;

beforeEach(() => {
  store = createMemorySandboxStore();
});

const save = (auth: string, body?: unknown) => saveIntegration(store, auth, body);
const savedId = (auth: string) => savedIntegrationId(store, auth);
const instances = (auth: string, flowId: number) => instancesOf(store, auth, flowId);

describe("saved integrations", () => {
  it("shows a save in that user's flow card and in nobody else's", async () => {
    const response = await save(ALICE);
    expect(response.status).toBe(201);
    const saved = (await response.json()) as { id: number };
    expect(saved).toMatchObject({
      name: "Send new leads to Slack",
      template: 101,
      status: "ACTIVE",
      steps: [{ template_step: 1001, app_user_data: [{ value: "#sales" }, { value: "New lead" }] }],
    });

    expect(await instances(ALICE, 101)).toEqual([
      expect.objectContaining({ id: saved.id, name: "Send new leads to Slack", status: "ACTIVE" }),
    ]);
    expect(await instances(BOB, 101)).toEqual([]);
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
    expect(await instances(ALICE, 101)).toEqual([expect.objectContaining({ id, status: "ACTIVE" })]);
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
    expect(await instances(ALICE, 101)).toEqual([expect.objectContaining({ id, status: "INACTIVE" })]);
    expect((await callSandbox("PUT", `/v2/integration/${id}/enable/?${ALICE}`, { store })).status).toBe(200);
    const rename = await callSandbox("PUT", `/v2/integration/${id}/rename/?${ALICE}`, {
      store,
      body: { name: "Sales" },
    });
    expect(await rename.json()).toMatchObject({ id, name: "Sales", status: "ACTIVE" });
    expect(await instances(ALICE, 101)).toEqual([expect.objectContaining({ id, name: "Sales", status: "ACTIVE" })]);
  });

  it("deletes with 204, after which the integration is gone", async () => {
    const id = await savedId(ALICE);
    const response = await callSandbox("DELETE", `/setup/template/${id}/?${ALICE}`, { store });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await instances(ALICE, 101)).toEqual([]);
    expect((await callSandbox("DELETE", `/setup/template/${id}/?${ALICE}`, { store })).status).toBe(404);
    expect((await callSandbox("GET", `/v2/integration/${id}?${ALICE}`, { store })).status).toBe(404);
  });
});

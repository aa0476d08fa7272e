import { beforeEach, describe, expect, it } from "vitest";

import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

import * as sandbox from "./sandbox-client";

const ALICE = await sandbox.credentials("user-alice");
let store: SandboxStore;
beforeEach(() => void (store = createMemorySandboxStore()));

describe("save bodies the sandbox refuses", () => {
  it("answers 400 to malformed JSON, and stores nothing", async () => {
    const response = await sandbox.callSandbox("POST", `/v2/integration/?${ALICE}`, {
      store,
      rawBody: '{"template": 101,',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: "JSON parse error: the request body is not valid JSON." });
    expect(await sandbox.instancesOf(store, ALICE, 101)).toEqual([]);
  });

  it.each([
    ["a JSON array", [], "The body must be a JSON object."],
    [
      "an unknown template",
      { ...sandbox.slackSaveBody("#a", "b"), template: 999 },
      "template: not a template of this deployment.",
    ],
    ["steps that are not a list", { ...sandbox.slackSaveBody("#a", "b"), steps: "1001" }, "steps: a list of objects."],
    [
      "a step of another template",
      { ...sandbox.slackSaveBody("#a", "b"), steps: [{ template_step: 1002, app_user_data: [] }] },
      "steps: a step is not part of template 101.",
    ],
    ["an empty required field", sandbox.slackSaveBody("  ", "New lead"), "Channel: this field is required."],
    [
      "a value that is not a string",
      sandbox.slackSaveBody("#a", 42 as unknown as string),
      "Message: a string of at most 2000 characters.",
    ],
    [
      "a value over 2000 characters",
      sandbox.slackSaveBody("#a", "x".repeat(2001)),
      "Message: a string of at most 2000 characters.",
    ],
  ])("answers 400 to %s", async (_, body, detail) => {
    const response = await sandbox.saveIntegration(store, ALICE, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail });
  });

  it("answers 413 to a body over 64 KiB without parsing it", async () => {
    const response = await sandbox.callSandbox("POST", `/v2/integration/?${ALICE}`, {
      store,
      rawBody: `"${"x".repeat(70_000)}"`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ detail: "Request body is larger than 65536 bytes." });
  });

  it("refuses to move an integration to another template on update", async () => {
    const id = await sandbox.savedIntegrationId(store, ALICE);
    const body = {
      ...sandbox.slackSaveBody("#a", "b"),
      template: 102,
      steps: [{ template_step: 1002, app_user_data: [{ template_field: 100201, value: "Orders" }] }],
    };
    const response = await sandbox.callSandbox("PUT", `/v2/integration/${id}/?${ALICE}`, { store, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: "template: an integration keeps its template." });
  });
});

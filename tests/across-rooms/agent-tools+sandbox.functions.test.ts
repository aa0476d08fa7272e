import { beforeEach, describe, expect, it } from "vitest";

import type { IntegryApiOptions } from "@/lib/integry/server/rest-request";
import { callFunction, getFunction, listFunctions } from "@/lib/rooms/agent-tools/functions";
import { agentToolOf } from "@/lib/rooms/agent-tools/tools";
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

let store: SandboxStore;
let options: IntegryApiOptions;
beforeEach(() => {
  store = createMemorySandboxStore();
  options = { baseUrl: `${ORIGIN}${BASE}/rest`, fetch: sandboxFetch(store) };
});

const identity = async (userId: string) => ({ appKey: CONFIG.appKey, userId, hash: await hashOf(userId) });

async function connectSlack(userId: string) {
  const saved = await callSandbox("POST", `/v2/integration/?${await credentials(userId)}`, {
    store,
    body: slackSaveBody("#sales", "New lead"),
  });
  expect(saved.status).toBe(201);
}

async function callsOf(userId: string) {
  const listed = await options.fetch!(`${options.baseUrl}/functions/calls/?${await credentials(userId)}`, {
    method: "POST",
  });
  return ((await listed.json()) as { calls: { functionName: string; arguments: unknown }[] }).calls;
}

describe("the agent-tools Functions client against the sandbox", () => {
  it("lists exactly the connected apps' functions as tools, and runs one for that identity only", async () => {
    const alice = await identity("user-alice");
    expect(await listFunctions(alice, options)).toEqual([]);
    await connectSlack("user-alice");
    await connectSlack("user-bob");

    const functions = await listFunctions(alice, options);
    expect(functions.map(({ name, meta }) => [name, meta?.type, meta?.app?.name])).toEqual([
      ["slack-list-conversations", "QUERY", "slack"],
      ["slack-post-message", "ACTION", "slack"],
    ]);
    const everything = await listFunctions(alice, options, { connectedOnly: false });
    expect(everything.map(({ name }) => name)).toContain("mailchimp-add-subscriber");
    expect(agentToolOf(functions[1]!).function.parameters.required).toEqual(["channel", "text"]);
    expect((await getFunction(alice, options, "slack-post-message")).name).toBe("slack-post-message");

    const posted = await callFunction(alice, options, {
      name: "slack-post-message",
      arguments: { channel: "general", text: "A new lead: Ada Lovelace" },
    });
    expect(posted.network_code).toBe("200");
    expect(await callsOf("user-alice")).toEqual([
      expect.objectContaining({
        functionName: "slack-post-message",
        arguments: { channel: "general", text: "A new lead: Ada Lovelace" },
      }),
    ]);
    expect(await callsOf("user-bob")).toEqual([]);
  });

  it("is refused as Integry refuses: an app not connected, an argument missing, another's hash", async () => {
    await connectSlack("user-alice");
    const alice = await identity("user-alice");
    await expect(
      callFunction(alice, options, {
        name: "mailchimp-add-subscriber",
        arguments: { audience_id: "a1", email: "ada@example.com" },
      }),
    ).rejects.toMatchObject({ code: "not_connected", message: expect.stringContaining("Mailchimp") });
    await expect(
      callFunction(alice, options, { name: "slack-post-message", arguments: { channel: "general" } }),
    ).rejects.toMatchObject({ code: "invalid_arguments", message: expect.stringContaining("text: ") });
    await expect(listFunctions({ ...alice, hash: await hashOf("user-bob") }, options)).rejects.toMatchObject({
      code: "rejected",
    });
  });
});

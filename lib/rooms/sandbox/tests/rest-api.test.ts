import { beforeEach, describe, expect, it } from "vitest";

import { handleSandboxRequest } from "@/lib/rooms/sandbox/handler";
import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

import { BASE, callSandbox, CONFIG, credentials, hashOf, ORIGIN, slackSaveBody } from "./sandbox-client";

const ALL_APPS = ["slack", "google-sheets", "hubspot", "mailchimp", "webhook", "trello"];
const WEBHOOK_SAVE = {
  template: 105,
  steps: [{ template_step: 1006, app_user_data: [{ template_field: 100601, value: "https://hooks.example/deals" }] }],
};

let store: SandboxStore;
beforeEach(() => {
  store = createMemorySandboxStore();
});

const headersOf = async (userId: string) => ({
  "App-Key": CONFIG.appKey,
  "User-ID": userId,
  Hash: await hashOf(userId),
});
const ALICE_HEADERS = await headersOf("user-alice");
const BOB_HASH = await hashOf("user-bob");

/** Calls the sandbox's copy of Integry's REST API as a server would: `target` is below /rest. */
function callRest(target: string, headers: Record<string, string> = {}, appsPageSize = 50): Promise<Response> {
  const url = new URL(`${BASE}/rest${target}`, ORIGIN);
  const path = url.pathname.slice(BASE.length).split("/").filter(Boolean);
  const request = new Request(url, { method: "POST", headers, body: "{}" });
  return handleSandboxRequest(request, path, CONFIG, store, { appsPageSize });
}

async function connectedNames(userId: string): Promise<string[]> {
  const response = await callRest("/apps/list/?connected_only=true", await headersOf(userId));
  return ((await response.json()) as { apps: { name: string }[] }).apps.map((app) => app.name);
}

async function save(userId: string, body: unknown = slackSaveBody("#sales", "New lead")) {
  const response = await callSandbox("POST", `/v2/integration/?${await credentials(userId)}`, { store, body });
  return (await response.json()) as { id: number; created_at: string };
}

describe("the sandbox's REST API credentials", () => {
  it.each(["/apps/list/", "/apps/slack/get/"])("accepts %s with headers or with query parameters", async (path) => {
    expect((await callRest(path, ALICE_HEADERS)).status).toBe(200);
    expect((await callRest(`${path}?${await credentials("user-alice")}`)).status).toBe(200);
  });

  const refusals: [string, Record<string, string>, string][] = [
    [
      "no credentials",
      {},
      "Authentication credentials were not provided: the App-Key, User-ID and Hash headers are required.",
    ],
    [
      "another user's hash",
      { ...ALICE_HEADERS, Hash: BOB_HASH },
      "Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret.",
    ],
    ["another app's key", { ...ALICE_HEADERS, "App-Key": "another-app" }, "Invalid app_key: it is not this app's key."],
  ];

  it.each(refusals)("answers 401 with Integry's detail body to %s", async (_, headers, detail) => {
    for (const path of ["/apps/list/", "/apps/slack/get/"]) {
      const response = await callRest(path, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(await response.json()).toEqual({ detail });
    }
  });
});

describe("connected apps", () => {
  it("follow the identity's saved integrations, and go when they are deleted", async () => {
    expect(await connectedNames("user-alice")).toEqual([]);
    const saved = await save("user-alice");
    const slack = {
      id: 11,
      name: "slack",
      title: "Slack",
      icon_url: "/api/sandbox/icons/slack.svg",
      docs_url: "",
      login_url: `/integry-sandbox/connect?app=slack&${await credentials("user-alice")}`,
      allow_multiple_connected_accounts: true,
      connected_accounts: [{ id: 892_977, display_name: "Slack account of user-alice", modified_at: saved.created_at }],
    };
    expect(await (await callRest("/apps/list/?connected_only=true", ALICE_HEADERS)).json()).toEqual({
      apps: [slack],
      count: 1,
    });
    expect(await (await callRest("/apps/slack/get/", ALICE_HEADERS)).json()).toEqual(slack);

    await callSandbox("DELETE", `/setup/template/${saved.id}/?${await credentials("user-alice")}`, { store });
    expect(await connectedNames("user-alice")).toEqual([]);
    const afterDelete = await (await callRest("/apps/slack/get/", ALICE_HEADERS)).json();
    expect(afterDelete).toEqual({ ...slack, connected_accounts: [] });
  });

  it("are each identity's own", async () => {
    await save("user-alice");
    await save("user-bob", WEBHOOK_SAVE);
    expect(await connectedNames("user-alice")).toEqual(["slack"]);
    expect(await connectedNames("user-bob")).toEqual(["webhook"]);
    expect(await connectedNames("user-carol")).toEqual([]);
  });

  it("lists every app of the deployment with connected_only=false, in pages joined by _cursor", async () => {
    await save("user-alice");
    const names: string[] = [];
    const cursors: unknown[] = [];
    let query = "?connected_only=false";
    do {
      const response = await callRest(`/apps/list/${query}`, ALICE_HEADERS, 2);
      const page = (await response.json()) as {
        apps: { name: string; connected_accounts: unknown[] }[];
        _cursor?: string;
      };
      names.push(...page.apps.map((app) => `${app.name}:${app.connected_accounts.length}`));
      cursors.push(page._cursor);
      query = page._cursor ? `?connected_only=false&_cursor=${page._cursor}` : "";
    } while (query);
    expect(names).toEqual(ALL_APPS.map((name) => `${name}:${name === "slack" ? 1 : 0}`));
    expect(cursors).toEqual(["b2Zmc2V0OjI", "b2Zmc2V0OjQ", undefined]);
  });

  it("answers /apps/<name>/get/ for an app the identity never connected, with no accounts", async () => {
    await save("user-alice");
    const trello = await callRest("/apps/trello/get/", ALICE_HEADERS);
    expect([trello.status, await trello.json()]).toEqual([
      200,
      expect.objectContaining({ name: "trello", title: "Trello", connected_accounts: [] }),
    ]);
  });

  it("answers 404 to an unknown app, a forged cursor, and 405 to GET", async () => {
    const unknown = await callRest("/apps/salesforce/get/", ALICE_HEADERS);
    expect([unknown.status, await unknown.json()]).toEqual([404, { detail: "App not found" }]);
    const forged = await callRest("/apps/list/?_cursor=Zm9yZ2Vk", ALICE_HEADERS);
    expect([forged.status, await forged.json()]).toEqual([404, { detail: "Invalid cursor" }]);
    const get = new Request(`${ORIGIN}${BASE}/rest/apps/list/`, { headers: ALICE_HEADERS });
    expect((await handleSandboxRequest(get, ["rest", "apps", "list"], CONFIG, store)).status).toBe(405);
  });
});

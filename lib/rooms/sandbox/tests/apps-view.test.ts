import { describe, expect, it } from "vitest";

import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";

import { callSandbox, credentials, saveIntegration } from "./sandbox-client";

interface AppJson {
  name: string;
  login_url: string;
  allow_multiple_connected_accounts: boolean;
  connected_accounts: { id: number; display_name: string }[];
}

async function json<T>(response: Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

// What the SDK's apps view sends: credentials in the query, the cursor in the body.
function listApps(store: ReturnType<typeof createMemorySandboxStore>, auth: string, extra = "", cursor = "") {
  return callSandbox("POST", `/rest/apps/list/?${auth}&page_size=30${extra}`, { store, body: { _cursor: cursor } });
}

const connect = (store: ReturnType<typeof createMemorySandboxStore>, auth: string, app: string, name: string) =>
  callSandbox("POST", `/apps/${app}/connect/?${auth}`, { store, body: { display_name: name } });

describe("the apps view of the SDK, played by the sandbox", () => {
  it("lists every app with a login page of its own, the cursor in the body, a search, and a count", async () => {
    const store = createMemorySandboxStore();
    const auth = await credentials("alice");
    const all = await json<{ apps: AppJson[]; count: number }>(listApps(store, auth));
    expect(all.count).toBe(all.apps.length);
    const slack = all.apps.find((app) => app.name === "slack")!;
    expect(slack).toMatchObject({ allow_multiple_connected_accounts: true, connected_accounts: [] });
    const login = new URL(slack.login_url, "http://app.test");
    expect(login.pathname).toBe("/integry-sandbox/connect");
    expect(Object.fromEntries(login.searchParams)).toEqual({
      app: "slack",
      ...Object.fromEntries(new URLSearchParams(auth)),
    });

    const found = await json<{ apps: AppJson[] }>(listApps(store, auth, "&search=SLA"));
    expect(found.apps.map((app) => app.name)).toEqual(["slack"]);
    expect(all).not.toHaveProperty("_cursor");
    const paged = await json<{ apps: AppJson[]; _cursor: string }>(
      callSandbox("POST", `/rest/apps/list/?${auth}&page_size=1`, { store, body: { _cursor: "" } }),
    );
    const next = await json<{ apps: AppJson[] }>(
      callSandbox("POST", `/rest/apps/list/?${auth}&page_size=1`, { store, body: { _cursor: paged._cursor } }),
    );
    expect(next.apps[0]!.name).not.toBe(paged.apps[0]!.name);
  });

  it("connects accounts with no flow: several for Slack, one for an app that takes one", async () => {
    const store = createMemorySandboxStore();
    const auth = await credentials("alice");
    const first = await json<{ authorization_id: number; user_identity: string; already_exists: boolean }>(
      connect(store, auth, "slack", "Acme workspace"),
    );
    expect(first).toMatchObject({ user_identity: "Acme workspace", already_exists: false });
    expect(first.authorization_id).toBeGreaterThanOrEqual(1_000_000);
    await connect(store, auth, "slack", "Side project");

    const slack = await json<AppJson>(callSandbox("POST", `/apps/slack/get/?${auth}`, { store }));
    expect(slack.connected_accounts.map((account) => account.display_name)).toEqual(["Acme workspace", "Side project"]);

    const once = await json<{ authorization_id: number }>(connect(store, auth, "mailchimp", "Newsletter"));
    const again = await json<{ authorization_id: number; already_exists: boolean }>(
      connect(store, auth, "mailchimp", "Another"),
    );
    expect(again).toMatchObject({ authorization_id: once.authorization_id, already_exists: true });
    // Connected apps are the REST API's, and their functions are the agent's: one store, no disagreement.
    const connected = await json<{ apps: AppJson[] }>(
      callSandbox("POST", `/rest/apps/list/?${auth}&connected_only=true`, { store }),
    );
    expect(connected.apps.map((app) => app.name)).toContain("slack");
    const functions = await json<{ functions: { name: string }[] }>(
      callSandbox("POST", `/rest/functions/list/?${auth}&connected_only=true`, { store }),
    );
    expect(functions.functions.map((fn) => fn.name)).toContain("slack-post-message");
  });

  it("disconnects only the caller's own account, with the 200 the SDK waits for", async () => {
    const store = createMemorySandboxStore();
    const [alice, bob] = await Promise.all([credentials("alice"), credentials("bob")]);
    const { authorization_id: id } = await json<{ authorization_id: number }>(connect(store, alice, "slack", "Acme"));
    expect((await callSandbox("DELETE", `/connected-accounts/${id}?force=false&${bob}`, { store })).status).toBe(404);
    const removed = await callSandbox("DELETE", `/connected-accounts/${id}?force=false&${alice}`, { store });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({});
    const slack = await json<AppJson>(callSandbox("POST", `/apps/slack/get/?${alice}`, { store }));
    expect(slack.connected_accounts).toEqual([]);
  });

  it("keeps the account a saved flow uses while the flow does (409), and refuses bad names and bad hashes", async () => {
    const store = createMemorySandboxStore();
    const auth = await credentials("alice");
    await saveIntegration(store, auth);
    const slack = await json<AppJson>(callSandbox("POST", `/apps/slack/get/?${auth}`, { store }));
    const [flowAccount] = slack.connected_accounts;
    expect(flowAccount).toBeDefined();
    const refused = await callSandbox("DELETE", `/connected-accounts/${flowAccount!.id}?${auth}`, { store });
    expect(refused.status).toBe(409);

    expect((await connect(store, auth, "slack", " ")).status).toBe(400);
    expect((await connect(store, auth, "slack", "x".repeat(101))).status).toBe(400);
    expect((await connect(store, auth, "no-such-app", "Acme")).status).toBe(404);
    const forged = auth.replace(/hash=[0-9a-f]{4}/, "hash=0000");
    expect((await connect(store, forged, "slack", "Acme")).status).toBe(401);
    expect((await callSandbox("DELETE", `/connected-accounts/1000000?${forged}`, { store })).status).toBe(401);
  });
});

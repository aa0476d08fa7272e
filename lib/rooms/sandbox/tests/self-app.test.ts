import { describe, expect, it, vi } from "vitest";

import { SELF_API_TIMEOUT_MS } from "@/lib/rooms/sandbox/self-api-key";
import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";

import { callSandbox, credentials, ORIGIN } from "./sandbox-client";

const ALICE = await credentials("user-alice");
const KEY = "header.payload.signature";

/** The app's /api/v1/me as the sandbox sees it: one canned answer, every call recorded. */
function fakeApp(answer: () => Response | Promise<Response>) {
  return vi.fn<typeof fetch>(async () => answer());
}
const me = (userId: string, name: string | null) => () => Response.json({ userId, name });

async function getJson(target: string, selfApiFetch?: typeof fetch) {
  const response = await callSandbox("GET", target, { selfApiFetch });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the deployment's user variables", () => {
  it("lists api_key, crm_workspace and plan, each required, as the SDK checks them", async () => {
    expect((await getJson(`/api/v1/app-user-variables/?${ALICE}`)).body).toEqual({
      count: 3,
      next: null,
      previous: null,
      results: [
        { id: 1, key: "api_key", title: "API key", description: expect.any(String), is_required: true },
        { id: 2, key: "crm_workspace", title: "CRM workspace", description: expect.any(String), is_required: true },
        { id: 3, key: "plan", title: "Plan", description: expect.any(String), is_required: true },
      ],
    });
  });
});

describe("the flow that starts in the customer's own app", () => {
  it("shows the account step when the SDK sends no self_api_key, and asks the app nothing", async () => {
    const app = fakeApp(me("user-alice", "Alice"));
    expect((await getJson(`/v2/template/107/?${ALICE}`, app)).body).toMatchObject({
      app: { id: 900, name: "Acme CRM (sandbox)" },
      steps: [{ id: 1008 }, { id: 1009 }],
    });
    expect((await getJson(`/template_step/1008/?${ALICE}&v=4.0`, app)).body).toMatchObject({
      hide_authorization: false,
      activity: { app: { id: 900 } },
      authorization_type: { type: "API_KEY", app: { id: 900 }, authorizations: [] },
    });
    expect(app).not.toHaveBeenCalled();
  });

  it("checks a self_api_key with the app's /api/v1/me, then hides the account step", async () => {
    const app = fakeApp(me("user-alice", "Alice"));
    const withKey = `${ALICE}&self_api_key=${KEY}&self_auth_extras=%7B%7D`;
    expect((await getJson(`/v2/template/107/?${withKey}`, app)).status).toBe(200);
    const step = await getJson(`/template_step/1008/?${withKey}&v=4.0`, app);
    expect(step).toEqual({ status: 200, body: expect.objectContaining({ hide_authorization: true }) });
    expect(step.body.authorization_type).toMatchObject({
      type: "API_KEY",
      app: { id: 900 },
      authorizations: [{ id: 10082, authorization_type: "API_KEY", user_identity: "Alice", disable_link: null }],
    });
    expect((await getJson(`/template_step/1009/?${withKey}&v=4.0`, app)).body).toMatchObject({
      hide_authorization: true,
      authorization_type: { type: "NO_AUTH" },
    });

    expect(app).toHaveBeenCalledTimes(3);
    const [url, init] = app.mock.calls[0]!;
    expect(String(url)).toBe(`${ORIGIN}/api/v1/me`);
    expect(new Headers(init?.headers).get("authorization")).toBe(`Bearer ${KEY}`);
    expect(init).toMatchObject({ redirect: "manual", cache: "no-store", signal: expect.any(AbortSignal) });
    expect(SELF_API_TIMEOUT_MS).toBe(3000);
  });

  const refusals: [string, () => Response | Promise<Response>, number, string][] = [
    ["refuses the key", () => Response.json({ error: {} }, { status: 401 }), 401, "Acme CRM (sandbox) refused it."],
    ["vouches for another user", me("user-bob", "Bob"), 403, "it belongs to another user."],
    ["does not answer in time", () => Promise.reject(new DOMException("timed out", "TimeoutError")), 502, "did not"],
    ["answers something else", () => new Response("<html>", { status: 200 }), 502, "answered unexpectedly."],
    ["fails", () => new Response(null, { status: 500 }), 502, "answered unexpectedly."],
  ];

  it.each(refusals)("answers Integry's error body when the app %s", async (_, answer, status, detail) => {
    for (const path of ["/v2/template/107/", "/template_step/1008/", "/template_step/1009/"]) {
      const response = await getJson(`${path}?${ALICE}&self_api_key=${KEY}`, fakeApp(answer));
      expect(response).toEqual({ status, body: { detail: expect.stringContaining(detail) } });
    }
  });

  it("ignores self_api_key on flows that do not use the customer's app", async () => {
    const app = fakeApp(() => new Response(null, { status: 401 }));
    expect((await getJson(`/v2/template/101/?${ALICE}&self_api_key=${KEY}`, app)).status).toBe(200);
    expect((await getJson(`/template_step/1001/?${ALICE}&self_api_key=${KEY}&v=4.0`, app)).status).toBe(200);
    expect(app).not.toHaveBeenCalled();
  });

  it("saves an integration of the flow; its own-app step needs no account", async () => {
    const store = createMemorySandboxStore();
    const body = {
      name: "Post won deals from Acme CRM to Slack",
      template: 107,
      steps: [
        { template_step: 1008, authorization: 10082, app_user_data: [{ template_field: 100801, value: "Enterprise" }] },
        { template_step: 1009, authorization: null, app_user_data: [{ template_field: 100901, value: "#wins" }] },
      ],
    };
    const saved = await callSandbox("POST", `/v2/integration/?${ALICE}&activate=true`, { store, body });
    expect(saved.status).toBe(201);
    expect(await saved.json()).toMatchObject({ template: 107, status: "ACTIVE", steps: [{}, {}] });
  });
});

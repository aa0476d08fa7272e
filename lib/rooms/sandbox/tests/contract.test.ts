import { describe, expect, it } from "vitest";

import { findSandboxRoute, SANDBOX_ROUTES } from "@/lib/rooms/sandbox/contract";
import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";

import { callSandbox, credentials, slackSaveBody } from "./sandbox-client";

const USER = "user-contract";
const auth = await credentials(USER);

// The requests @integry/sdk 4.9.37 made in headless Chromium for construct → init → open flow 101
// → save → edit → disable → enable → delete (icons and repeated polls left out), in order.
const SDK_SESSION = [
  ["GET", `/verify-sdk-config/?${auth}&bundle_id=1`],
  ["GET", `/api/v1/sdk/flows/?page_size=9999&show_draft=true&deployment_id=1&${auth}&tags=1`],
  ["GET", `/api/v1/app-user-variables/?${auth}`],
  ["GET", `/v2/template/101/?${auth}`],
  ["GET", `/template_step/1001/?${auth}&v=4.0`],
  ["POST", `/v2/integration/?async=false&${auth}&activate=true`],
  ["GET", `/bundle/1/?${auth}`],
  ["GET", `/template_step/1001/?${auth}&integration_id={id}&v=4.0`],
  ["GET", `/v2/integration/{id}?${auth}&is_read_only=false`],
  ["PUT", `/v2/integration/{id}/?async=false&${auth}&activate=true`],
  ["PUT", `/v2/integration/{id}/disable/?${auth}`],
  ["PUT", `/v2/integration/{id}/enable/?${auth}`],
  ["DELETE", `/setup/template/{id}/?${auth}`],
] as const;

describe("the request contract of the SDK", () => {
  it("answers every request of a real SDK session with 2xx and the fields the SDK reads", async () => {
    const store = createMemorySandboxStore();
    const bodies: Record<string, unknown> = {};
    let id = "";
    for (const [method, template] of SDK_SESSION) {
      const body = method === "POST" || template.includes("async") ? slackSaveBody("#sales", "New lead") : undefined;
      const response = await callSandbox(method, template.replace("{id}", id), { store, body });
      expect(response.ok, `${method} ${template}`).toBe(true);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      // The edit form asks for the same step again, with the integration's values: keep both answers.
      const edit = template.includes("integration_id") ? " (edit)" : "";
      if (response.status !== 204) bodies[`${method} ${template.split("?")[0]}${edit}`] = await response.json();
      if (method === "POST") id = String((bodies["POST /v2/integration/"] as { id: number }).id);
    }

    expect(bodies["GET /verify-sdk-config/"]).toEqual({
      config_verified: true,
      meta: {
        app: { id: 900, name: "Acme CRM (sandbox)", icon_url: "/api/sandbox/icons/acme.svg" },
        storage: {},
      },
    });
    expect(bodies["GET /api/v1/app-user-variables/"]).toMatchObject({
      results: [
        { key: "api_key", is_required: true },
        { key: "crm_workspace", is_required: true },
        { key: "plan", is_required: true },
      ],
    });
    expect(bodies["GET /api/v1/sdk/flows/"]).toMatchObject({ count: 7, results: expect.any(Array) });
    expect(bodies["GET /v2/template/101/"]).toMatchObject({
      id: 101,
      parameters: [],
      app: { id: 900, name: "Acme CRM (sandbox)" },
      branding_app: { id: 11, name: "Slack", icon_url: "/api/sandbox/icons/slack.svg" },
      steps: [{ id: 1001 }],
    });
    expect(bodies["GET /template_step/1001/ (edit)"]).toMatchObject({
      id: 1001,
      step_instance: expect.any(Number),
      template_fields: expect.arrayContaining([
        expect.objectContaining({ id: 100101, app_user_data: [expect.objectContaining({ value: "#sales" })] }),
      ]),
    });
    expect(bodies["GET /template_step/{id}/".replace("{id}", "1001")]).toMatchObject({
      id: 1001,
      is_visible: true,
      hide_authorization: true,
      source_steps: {},
      authorization_type: { type: "NO_AUTH", authorizations: [] },
    });
    expect(bodies["POST /v2/integration/"]).toMatchObject({
      name: "Send new leads to Slack",
      template: 101,
      status: "ACTIVE",
    });
    expect(bodies["GET /bundle/1/"]).toMatchObject({ integrations: [{ id: Number(id), template: 101 }] });
    expect(bodies["PUT /v2/integration/{id}/disable/"]).toMatchObject({ id: Number(id), status: "INACTIVE" });
    expect(bodies["PUT /v2/integration/{id}/enable/"]).toMatchObject({ id: Number(id), status: "ACTIVE" });
  });

  it("lists each flow with the fields the flow card needs", async () => {
    const response = await callSandbox("GET", `/api/v1/sdk/flows/?page_size=9999&show_draft=true&${auth}`);
    const { results } = (await response.json()) as { results: { id: number }[] };
    expect(results.map((flow) => flow.id)).toEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(results[0]).toMatchObject({
      id: 101,
      name: "Send new leads to Slack",
      execution_type: "AUTOMATIC",
      allow_multiple_instances: false,
      instances: [],
      branding_app: { name: "Slack", icon_url: "/api/sandbox/icons/slack.svg" },
    });
  });

  it("gives every template at least one step with a TEXTFIELD field", async () => {
    for (const flowId of [101, 102, 103, 104, 105, 106, 107]) {
      const template = (await (await callSandbox("GET", `/v2/template/${flowId}/?${auth}`)).json()) as {
        steps: { id: number }[];
      };
      expect(template.steps.length).toBeGreaterThanOrEqual(1);
      for (const { id } of template.steps) {
        const step = (await (await callSandbox("GET", `/template_step/${id}/?${auth}&v=4.0`)).json()) as {
          template_fields: { activity_field: { type: string } }[];
        };
        expect(step.template_fields.map((field) => field.activity_field.type)).toContain("TEXTFIELD");
      }
    }
  });

  it("matches the SDK's paths with and without the trailing slash, and nothing else", () => {
    expect(findSandboxRoute("GET", "/v2/template/101/")).toMatchObject({ route: { name: "template" }, id: "101" });
    expect(findSandboxRoute("GET", "/v2/template/101")).toMatchObject({ route: { name: "template" }, id: "101" });
    expect(findSandboxRoute("PUT", "/v2/integration/7/disable/")).toMatchObject({
      route: { name: "disable-integration" },
    });
    expect(findSandboxRoute("DELETE", "/v2/template/101/")).toBe("method_not_allowed");
    expect(findSandboxRoute("GET", "/v2/template/abc/")).toBe("not_found");
    expect(findSandboxRoute("GET", "/api/v1/sdk/flows/extra/")).toBe("not_found");
    const names = SANDBOX_ROUTES.map((route) => route.name);
    expect(new Set(names).size).toBe(names.length);
    for (const [method, template] of SDK_SESSION) {
      const path = template.split("?")[0]!.replace("{id}", "7");
      expect(typeof findSandboxRoute(method, path), `${method} ${path}`).toBe("object");
    }
  });

  it("matches the callback and runs paths, which the app's server calls, not the SDK", () => {
    expect(findSandboxRoute("POST", "/callbacks/5001")).toMatchObject({ route: { name: "run-callback" }, id: "5001" });
    expect(findSandboxRoute("POST", "/callbacks/5001/fail-next/")).toMatchObject({
      route: { name: "fail-next-callbacks" },
      id: "5001",
    });
    expect(findSandboxRoute("GET", "/runs/")).toMatchObject({ route: { name: "list-runs" } });
    expect(findSandboxRoute("GET", "/callbacks/5001")).toBe("method_not_allowed");
    expect(findSandboxRoute("POST", "/callbacks/abc")).toBe("not_found");
  });

  it("answers unknown paths with a 404 JSON body and known paths with the wrong method with 405", async () => {
    const unknown = await callSandbox("GET", `/api/v1/sdk/flow-apps/?${auth}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "Not found." });
    const wrongMethod = await callSandbox("DELETE", `/verify-sdk-config/?${auth}`);
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ detail: "Method not allowed." });
  });

  it("serves the icons as local SVG without credentials", async () => {
    const response = await callSandbox("GET", "/icons/slack.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await callSandbox("GET", "/icons/unknown.svg")).status).toBe(404);
  });

  it("refuses a deployment other than the configured one", async () => {
    const response = await callSandbox("GET", `/verify-sdk-config/?${auth}&bundle_id=7`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: "Deployment 7 not found: the sandbox serves deployment 1." });
    expect((await callSandbox("GET", `/api/v1/sdk/flows/?deployment_id=8&${auth}`)).status).toBe(404);
    expect((await callSandbox("GET", `/bundle/9/?${auth}`)).status).toBe(404);
  });
});

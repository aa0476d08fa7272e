import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import { INTEGRY_STAND_IN } from "@/lib/room";
import { PGLITE_START_TIMEOUT_MS } from "@/tests/support/databases";
import { expectErrorResponse } from "@/tests/unit/api/expect-error";

const getSessionUser = vi.hoisted(() => vi.fn<() => Promise<SessionUser | null>>());
vi.mock("@/lib/auth/session", () => ({ getSessionUser }));
// Outside a request, after() has no request to run after: the sends are the engine's tests' business.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<object>()), after: vi.fn() }));

const { POST: postLead } = await import("@/app/api/leads/route");
const { POST: postReport } = await import("@/app/api/flow-integrations/route");

const APP = "http://127.0.0.1:3000";
const lead = JSON.stringify({ name: "Ada Lovelace", email: "ada@example.com" });
const post = (route: (request: Request) => Promise<Response>, headers: Record<string, string>, body = lead) =>
  route(new Request(`${APP}/api/leads`, { method: "POST", headers: { host: "127.0.0.1:3000", ...headers }, body }));

beforeEach(() => {
  vi.stubEnv("NODE_ENV", "production");
  vi.stubEnv("NEXTAUTH_SECRET", "routes-test-nextauth-secret-1c5e9a7b3d2f");
  // The sandbox where it is installed, else credentials for Integry: the routes' checks come before either is used.
  if (INTEGRY_STAND_IN) vi.stubEnv("INTEGRY_SANDBOX", "true");
  else {
    vi.stubEnv("INTEGRY_APP_KEY", "routes-test-app-key");
    vi.stubEnv("INTEGRY_APP_SECRET", "routes-test-app-secret-6a2f");
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "1");
  }
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("PGLITE_DATA_DIR", "memory://");
  getSessionUser.mockResolvedValue({ id: "user-alice", accountId: "account-acme" });
});
afterEach(() => vi.unstubAllEnvs());

describe("the flows' state-changing routes", () => {
  it.each([
    ["another site", "https://evil.example"],
    ["a sibling subdomain", "http://evil.127.0.0.1:3000"],
    ["another port", "http://127.0.0.1:3001"],
    ["an opaque origin", "null"],
  ])("refuse a browser's request from %s with 403", async (_, origin) => {
    for (const route of [postLead, postReport]) {
      await expectErrorResponse(await post(route, { origin, "content-type": "application/json" }), {
        status: 403,
        code: "forbidden",
      });
    }
  });

  it.each([
    ["a form", "application/x-www-form-urlencoded"],
    ["text/plain", "text/plain"],
    ["no type", ""],
  ])(
    "refuse %s with 415: only JSON, which another site cannot send without asking first",
    async (_, type) => {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      for (const route of [postLead, postReport]) {
        await expectErrorResponse(await post(route, headers), { status: 415, code: "unsupported_media_type" });
      }
    },
    PGLITE_START_TIMEOUT_MS,
  );

  it(
    "accept JSON from the app's own page, and from a client that sends no Origin",
    async () => {
      // Behind a proxy, the host the browser used is in X-Forwarded-Host.
      const callers: Record<string, string>[] = [
        { origin: APP },
        {},
        { origin: "https://app.example.com", "x-forwarded-host": "app.example.com" },
      ];
      for (const headers of callers) {
        const response = await post(postLead, { ...headers, "content-type": "application/json; charset=utf-8" });
        expect(response.status).toBe(202);
      }
    },
    PGLITE_START_TIMEOUT_MS,
  );

  it(
    "answer a lead past the identity's allowance with 429 and Retry-After, and record nothing for it",
    async () => {
      vi.stubEnv("FLOWS_LEADS_PER_MINUTE", "2");
      const json = { "content-type": "application/json" };
      expect((await post(postLead, json)).status).toBe(202);
      expect((await post(postLead, json)).status).toBe(202);
      const refused = await post(postLead, json);
      expect(refused.headers.get("Retry-After")).toBe("30");
      expect(refused.headers.get("Cache-Control")).toBe("private, no-store");
      await expectErrorResponse(refused, { status: 429, code: "rate_limited", says: "At most 2 leads a minute" });
      // Bob's allowance is his own.
      getSessionUser.mockResolvedValue({ id: "user-bob", accountId: "account-acme" });
      expect((await post(postLead, json)).status).toBe(202);
    },
    PGLITE_START_TIMEOUT_MS,
  );
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SessionUser } from "@/lib/auth/session";
import { agentToolOf } from "@/lib/rooms/agent-tools/tools";
import { expectErrorResponse } from "@/tests/unit/api/expect-error";

const getSessionUser = vi.hoisted(() => vi.fn<() => Promise<SessionUser | null>>());
vi.mock("@/lib/auth/session", () => ({ getSessionUser }));

const { GET } = await import("@/app/api/agent-tools/route");

describe("agentToolOf", () => {
  it("wraps a function as OpenAI's tools take it, with Integry's rendering hints taken out at every depth", () => {
    const tool = agentToolOf({
      name: "slack-post-message",
      description: "Sends a message to a channel",
      parameters: {
        type: "object",
        properties: {
          channel: { type: "string", meta: { ui: { field: { type: "SELECT" } } } },
          blocks: { type: "array", items: { type: "object", meta: { ui: {} }, properties: {} } },
        },
        required: ["channel"],
      },
      meta: { type: "ACTION", app: { name: "slack" } },
    });
    expect(tool).toEqual({
      type: "function",
      function: {
        name: "slack-post-message",
        description: "Sends a message to a channel",
        parameters: {
          type: "object",
          properties: {
            channel: { type: "string" },
            blocks: { type: "array", items: { type: "object", properties: {} } },
          },
          required: ["channel"],
        },
      },
    });
  });
});

describe("GET /api/agent-tools", () => {
  beforeEach(() => vi.stubEnv("NODE_ENV", "production"));
  afterEach(() => vi.unstubAllEnvs());

  it("answers 401 without a session, and lists nothing", async () => {
    getSessionUser.mockResolvedValue(null);
    const response = await GET();
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    await expectErrorResponse(response, { status: 401, code: "unauthenticated", says: "Sign in" });
  });

  it("answers 502 naming Integry's failure, never the hash, when Integry cannot be reached", async () => {
    getSessionUser.mockResolvedValue({ id: "user-alice", accountId: "account-acme" });
    vi.stubEnv("INTEGRY_SANDBOX", "false");
    vi.stubEnv("INTEGRY_APP_KEY", "tools-test-app-key");
    vi.stubEnv("INTEGRY_APP_SECRET", "tools-test-app-secret-8d2e");
    vi.stubEnv("INTEGRY_DEPLOYMENT_ID", "1");
    vi.stubEnv("NEXTAUTH_SECRET", "tools-test-nextauth-secret-5b7c9e1a3f");
    // Nothing listens on port 9 of this machine: the connection is refused at once.
    vi.stubEnv("INTEGRY_API_BASE_URL", "http://127.0.0.1:9");
    const response = await GET();
    await expectErrorResponse(response, { status: 502, code: "integry_unreachable", secret: "tools-test-app-key" });
  });
});

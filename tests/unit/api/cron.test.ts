import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/cron/route";

import { expectErrorResponse } from "./expect-error";

const CRON_SECRET = "unit-cron-secret-6f1d0b9a8c7e5d4c3b2a";
const REAL = {
  NODE_ENV: "production",
  INTEGRY_APP_KEY: "cron-test-app-key",
  INTEGRY_APP_SECRET: "cron-test-app-secret-3e9d-long-enough-for-32",
  INTEGRY_DEPLOYMENT_ID: "5",
  INTEGRY_SANDBOX: "",
};
const call = (authorization?: string) =>
  GET(new Request("http://127.0.0.1:3000/api/cron", { headers: authorization ? { authorization } : {} }));
const REFUSAL = { status: 401, code: "unauthenticated", says: "Send Authorization: Bearer <CRON_SECRET>." };

beforeEach(() => {
  for (const [name, value] of Object.entries(REAL)) vi.stubEnv(name, value);
});
afterEach(() => vi.unstubAllEnvs());

describe("GET /api/cron", () => {
  it("refuses every caller alike when CRON_SECRET is unset or wrong, saying nothing of the configuration", async () => {
    vi.stubEnv("CRON_SECRET", "");
    await expectErrorResponse(await call(`Bearer ${CRON_SECRET}`), REFUSAL);
    await expectErrorResponse(await call(), REFUSAL);
    vi.stubEnv("CRON_SECRET", CRON_SECRET);
    for (const wrong of [
      undefined,
      "Bearer wrong",
      `Bearer ${CRON_SECRET}x`,
      `Bearer ${CRON_SECRET.slice(0, -1)}`,
      CRON_SECRET,
    ]) {
      await expectErrorResponse(await call(wrong), REFUSAL);
    }
  });

  it.each([
    ["shorter than 32 bytes", "x", "CRON_SECRET is shorter than 32 bytes"],
    ["the app secret", REAL.INTEGRY_APP_SECRET, "CRON_SECRET must differ from INTEGRY_APP_SECRET"],
  ])(
    "beside real credentials, refuses a CRON_SECRET %s with a 500 naming it, never quoting it",
    async (_, value, message) => {
      vi.stubEnv("CRON_SECRET", value);
      const response = await call(`Bearer ${value}`);
      expect(response.status).toBe(500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("misconfigured");
      expect(body.error.message).toContain(message);
      if (value.length > 1) expect(body.error.message).not.toContain(value);
    },
  );
});

import { describe, expect, it, vi } from "vitest";

import { parseIntegryConfig } from "@/lib/integry/server/config";
import { INTEGRY_STAND_IN } from "@/lib/room";

// The sandbox's published credentials, written out: what the config must switch to when the sandbox is on.
const SANDBOX = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
  scope: "user",
  sandbox: true,
  sdkBaseUrl: "/api/sandbox",
  sdkApiBaseUrl: "/api/sandbox/rest",
};
const withSandbox = it.skipIf(!INTEGRY_STAND_IN);

const REAL = {
  INTEGRY_APP_KEY: "3f6c2a1e-app-key",
  INTEGRY_APP_SECRET: "s3cr3t-value-for-tests",
  INTEGRY_DEPLOYMENT_ID: "1234",
};

function messageOf(env: Record<string, string | undefined>): string {
  try {
    parseIntegryConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected parseIntegryConfig to throw");
}

describe("parseIntegryConfig", () => {
  withSandbox("defaults to the sandbox with its own credentials under npm run dev, with no app key", () => {
    expect(parseIntegryConfig({ NODE_ENV: "development" })).toEqual(SANDBOX);
  });

  withSandbox("never falls back to the sandbox on a production server", () => {
    expect(messageOf({ NODE_ENV: "production", INTEGRY_APP_SECRET: "s" })).toBe(
      "INTEGRY_APP_KEY is missing (or set INTEGRY_SANDBOX=true for the offline sandbox). Set it in .env.local (see .env.local.example).",
    );
    const demo = { NODE_ENV: "production", INTEGRY_SANDBOX: "true", NEXTAUTH_SECRET: "demo-nextauth-secret-4c2e" };
    expect(parseIntegryConfig(demo)).toMatchObject({ sandbox: true, appKey: "sandbox-app-key" });
    // A public demo's sandbox signs with a secret of its own, never the published one.
    expect(parseIntegryConfig(demo).appSecret).not.toBe(SANDBOX.appSecret);
  });

  it("reads real credentials and the user scope by default", () => {
    expect(parseIntegryConfig(REAL)).toEqual({
      appKey: "3f6c2a1e-app-key",
      appSecret: "s3cr3t-value-for-tests",
      deploymentId: "1234",
      scope: "user",
      sandbox: false,
      sdkBaseUrl: null,
      sdkApiBaseUrl: null,
    });
  });

  it("reads the account scope", () => {
    expect(parseIntegryConfig({ ...REAL, INTEGRY_SCOPE: "account" }).scope).toBe("account");
  });

  withSandbox(
    "lets INTEGRY_SANDBOX=true force the sandbox, which signs with its own secret, never the real one",
    () => {
      for (const env of [
        { ...REAL, INTEGRY_SANDBOX: "true" },
        { NODE_ENV: "development", INTEGRY_APP_SECRET: "real" },
      ]) {
        expect(parseIntegryConfig(env)).toEqual(SANDBOX);
      }
    },
  );

  it.each([
    ["INTEGRY_APP_SECRET", { ...REAL, INTEGRY_APP_SECRET: undefined }, "INTEGRY_APP_SECRET is missing"],
    ["INTEGRY_DEPLOYMENT_ID", { ...REAL, INTEGRY_DEPLOYMENT_ID: "" }, "INTEGRY_DEPLOYMENT_ID is missing"],
    ["INTEGRY_APP_KEY", { INTEGRY_SANDBOX: "false" }, "INTEGRY_APP_KEY is missing"],
  ])("names %s when it is missing", (_, env, expected) => {
    expect(messageOf(env)).toContain(expected);
  });

  it.each([
    ["INTEGRY_APP_SECRET", { ...REAL, INTEGRY_APP_SECRET: "s3cr3t-value-for-tests\n" }, "whitespace"],
    ["INTEGRY_APP_SECRET", { ...REAL, INTEGRY_APP_SECRET: "two words-s3cr3t" }, "malformed"],
    ["INTEGRY_APP_KEY", { ...REAL, INTEGRY_APP_KEY: "key/with/slashes" }, "malformed"],
    ["INTEGRY_DEPLOYMENT_ID", { ...REAL, INTEGRY_DEPLOYMENT_ID: "12ab" }, "malformed"],
    ["INTEGRY_SCOPE", { ...REAL, INTEGRY_SCOPE: "team" }, "malformed"],
    ["INTEGRY_SANDBOX", { ...REAL, INTEGRY_SANDBOX: "yes" }, "malformed"],
  ])("names %s when it is malformed, without printing its value", (name, env, problem) => {
    const message = messageOf(env);
    expect(message).toContain(name);
    expect(message).toContain(problem);
    const value = (env as Record<string, string>)[name]!.trim();
    expect(message).not.toContain(value);
  });

  it("throws a misconfigured error with status 500", () => {
    expect(() => parseIntegryConfig({ INTEGRY_SANDBOX: "false" })).toThrow(
      expect.objectContaining({ code: "misconfigured", status: 500 }),
    );
  });
});

describe("parseIntegryConfig without the sandbox room", () => {
  it("asks for real credentials under npm run dev, and names the removed room when INTEGRY_SANDBOX=true", async () => {
    vi.resetModules();
    vi.doMock("@/lib/room", () => ({ INTEGRY_STAND_IN: undefined, ROOMS: [] }));
    try {
      const { parseIntegryConfig: parseWithoutSandbox } = await import("@/lib/integry/server/config");
      expect(() => parseWithoutSandbox({ NODE_ENV: "development" })).toThrow(
        "INTEGRY_APP_KEY is missing. Set it in .env.local (see .env.local.example).",
      );
      expect(() => parseWithoutSandbox({ NODE_ENV: "development", INTEGRY_SANDBOX: "true" })).toThrow(
        "INTEGRY_SANDBOX is true, but the sandbox room is removed.",
      );
    } finally {
      vi.doUnmock("@/lib/room");
      vi.resetModules();
    }
  });
});

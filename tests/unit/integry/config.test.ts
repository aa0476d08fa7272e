import { describe, expect, it } from "vitest";

import { parseIntegryConfig } from "@/lib/integry/server/config";
import { SANDBOX_CREDENTIALS } from "@/lib/rooms/sandbox/public";

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
  it("defaults to the sandbox with its own credentials under npm run dev, with no app key", () => {
    expect(parseIntegryConfig({ NODE_ENV: "development" })).toEqual({
      ...SANDBOX_CREDENTIALS,
      scope: "user",
      sandbox: true,
      sdkBaseUrl: "/api/sandbox",
      callbackHosts: ["integry.io"],
    });
  });

  it("never falls back to the sandbox on a production server", () => {
    expect(messageOf({ NODE_ENV: "production", INTEGRY_APP_SECRET: "s" })).toBe(
      "INTEGRY_APP_KEY is missing (or set INTEGRY_SANDBOX=true for the offline sandbox). Set it in .env.local (see .env.local.example).",
    );
    expect(parseIntegryConfig({ NODE_ENV: "production", INTEGRY_SANDBOX: "true" }).sandbox).toBe(true);
  });

  it("reads real credentials and the user scope by default", () => {
    expect(parseIntegryConfig(REAL)).toEqual({
      appKey: "3f6c2a1e-app-key",
      appSecret: "s3cr3t-value-for-tests",
      deploymentId: "1234",
      scope: "user",
      sandbox: false,
      sdkBaseUrl: null,
      callbackHosts: ["integry.io"],
    });
  });

  it("reads the account scope", () => {
    expect(parseIntegryConfig({ ...REAL, INTEGRY_SCOPE: "account" }).scope).toBe("account");
  });

  it("lets INTEGRY_SANDBOX=true force the sandbox, which signs with its own secret, never the real one", () => {
    for (const env of [
      { ...REAL, INTEGRY_SANDBOX: "true" },
      { NODE_ENV: "development", INTEGRY_APP_SECRET: "real" },
    ]) {
      expect(parseIntegryConfig(env)).toEqual({
        ...SANDBOX_CREDENTIALS,
        scope: "user",
        sandbox: true,
        sdkBaseUrl: "/api/sandbox",
        callbackHosts: ["integry.io"],
      });
    }
  });

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

import { describe, expect, it } from "vitest";

import { parseAuthSettings } from "@/lib/auth/settings";
import { PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";
import { checkEnvironment } from "@/lib/env-check";
import { INTEGRY_STAND_IN } from "@/lib/room";

const STRONG_SESSION_SECRET = "k3Yp0x7tQvN2sLm9Wc4Rj8Hd1Gf6Ba5Z";
// A production server beside real Integry credentials, configured well.
const PRODUCTION = {
  NODE_ENV: "production",
  INTEGRY_APP_KEY: "app-key",
  INTEGRY_APP_SECRET: "app-secret-value",
  INTEGRY_DEPLOYMENT_ID: "42",
  NEXTAUTH_SECRET: STRONG_SESSION_SECRET,
};
const SANDBOX = { ...PRODUCTION, INTEGRY_SANDBOX: "true" };

describe("a production server beside real Integry credentials", () => {
  it("serves with strong secrets and no demo sign-in", () => {
    expect(parseAuthSettings(PRODUCTION)).toMatchObject({ secret: STRONG_SESSION_SECRET, problem: undefined });
  });

  it.each(Object.values(PUBLISHED_NEXTAUTH_SECRETS))("refuses the published NEXTAUTH_SECRET %s", (published) => {
    const config = parseAuthSettings({ ...PRODUCTION, NEXTAUTH_SECRET: published });
    expect(config.secret).toBeUndefined();
    expect(config.problem).toMatch(/^NEXTAUTH_SECRET is published in this repository/);
    expect(config.problem).not.toContain(published);
  });

  it("refuses a NEXTAUTH_SECRET under 32 bytes, counting bytes, not characters", () => {
    expect(parseAuthSettings({ ...PRODUCTION, NEXTAUTH_SECRET: "a".repeat(31) }).problem).toMatch(
      /^NEXTAUTH_SECRET is shorter than 32 bytes/,
    );
    // 16 characters of 2 bytes each: 32 bytes.
    expect(parseAuthSettings({ ...PRODUCTION, NEXTAUTH_SECRET: "é".repeat(16) }).problem).toBeUndefined();
  });

  it("refuses demo sign-in, naming AUTH_DEMO_LOGIN", () => {
    const config = parseAuthSettings({ ...PRODUCTION, AUTH_DEMO_LOGIN: "true" });
    expect(config.demoLogin).toBe(false);
    expect(config.problem).toMatch(/^AUTH_DEMO_LOGIN=true lets anyone sign in as anyone/);
  });
});

describe("the sandbox, a demo, keeps its conveniences", () => {
  it.skipIf(!INTEGRY_STAND_IN)("in production with INTEGRY_SANDBOX=true: published secrets and demo sign-in", () => {
    const env = { ...SANDBOX, NEXTAUTH_SECRET: PUBLISHED_NEXTAUTH_SECRETS.test, AUTH_DEMO_LOGIN: "true" };
    expect(parseAuthSettings(env)).toMatchObject({ problem: undefined, demoLogin: true });
  });

  it("npm run dev beside real credentials may still turn demo sign-in on", () => {
    expect(parseAuthSettings({ ...PRODUCTION, NODE_ENV: "development", AUTH_DEMO_LOGIN: "true" })).toMatchObject({
      problem: undefined,
      demoLogin: true,
    });
  });
});

describe("npm run check-env and the server share one rule", () => {
  it.each([
    [PUBLISHED_NEXTAUTH_SECRETS.bench, "unsafe"],
    ["b".repeat(20), "malformed"],
  ])("NEXTAUTH_SECRET=%s is %s in both", (value, status) => {
    const env = { ...PRODUCTION, NEXTAUTH_SECRET: value };
    const finding = checkEnvironment(env, { production: true }).find((each) => each.name === "NEXTAUTH_SECRET");
    expect(finding?.status).toBe(status);
    expect(parseAuthSettings(env).problem).toContain(`NEXTAUTH_SECRET ${finding?.note}`);
  });
});

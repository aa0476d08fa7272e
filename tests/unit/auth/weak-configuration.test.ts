import { describe, expect, it } from "vitest";

import { parseAuthSettings } from "@/lib/auth/settings";
import { PUBLISHED_API_KEY_SECRETS, PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";
import { checkEnvironment } from "@/lib/env-check";
import { parseApiKeySecret } from "@/lib/rooms/self-api-key/settings";

const STRONG_SESSION_SECRET = "k3Yp0x7tQvN2sLm9Wc4Rj8Hd1Gf6Ba5Z";
const STRONG_KEY_SECRET = "Vb6Nq1Xs8Pz3Lw5Tr0Mc7Kj2Hf9Gd4Ya";
// A production server beside real Integry credentials, configured well.
const PRODUCTION = {
  NODE_ENV: "production",
  INTEGRY_APP_KEY: "app-key",
  INTEGRY_APP_SECRET: "app-secret-value",
  INTEGRY_DEPLOYMENT_ID: "42",
  NEXTAUTH_SECRET: STRONG_SESSION_SECRET,
  INTEGRY_API_KEY_SECRET: STRONG_KEY_SECRET,
};
const SANDBOX = { ...PRODUCTION, INTEGRY_SANDBOX: "true" };

describe("a production server beside real Integry credentials", () => {
  it("serves with strong secrets and no demo sign-in", () => {
    expect(parseAuthSettings(PRODUCTION)).toMatchObject({ secret: STRONG_SESSION_SECRET, problem: undefined });
    expect(parseApiKeySecret(PRODUCTION)).toBe(STRONG_KEY_SECRET);
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

  it.each([...Object.values(PUBLISHED_API_KEY_SECRETS), ...Object.values(PUBLISHED_NEXTAUTH_SECRETS)])(
    "refuses the published INTEGRY_API_KEY_SECRET %s",
    (published) => {
      expect(() => parseApiKeySecret({ ...PRODUCTION, INTEGRY_API_KEY_SECRET: published })).toThrow(
        /^INTEGRY_API_KEY_SECRET is published in this repository/,
      );
    },
  );
});

describe("the sandbox, a demo, keeps its conveniences", () => {
  it("in production with INTEGRY_SANDBOX=true: published secrets and demo sign-in", () => {
    const env = {
      ...SANDBOX,
      NEXTAUTH_SECRET: PUBLISHED_NEXTAUTH_SECRETS.test,
      INTEGRY_API_KEY_SECRET: PUBLISHED_API_KEY_SECRETS.test,
      AUTH_DEMO_LOGIN: "true",
    };
    expect(parseAuthSettings(env)).toMatchObject({ problem: undefined, demoLogin: true });
    expect(parseApiKeySecret(env)).toBe(PUBLISHED_API_KEY_SECRETS.test);
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
    ["NEXTAUTH_SECRET", PUBLISHED_NEXTAUTH_SECRETS.bench, "unsafe"],
    ["NEXTAUTH_SECRET", "b".repeat(20), "malformed"],
    ["INTEGRY_API_KEY_SECRET", PUBLISHED_API_KEY_SECRETS.development, "unsafe"],
    ["INTEGRY_API_KEY_SECRET", "c".repeat(20), "malformed"],
  ])("%s=%s is %s in both", (name, value, status) => {
    const env = { ...PRODUCTION, [name]: value };
    const finding = checkEnvironment(env, { production: true }).find((each) => each.name === name);
    expect(finding?.status).toBe(status);
    const refusal =
      name === "NEXTAUTH_SECRET"
        ? parseAuthSettings(env).problem
        : (() => {
            try {
              parseApiKeySecret(env);
            } catch (error) {
              return (error as Error).message;
            }
          })();
    expect(refusal).toContain(`${name} ${finding?.note}`);
  });
});

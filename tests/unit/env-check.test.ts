import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import { PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";
import { checkEnvironment, type EnvFinding } from "@/lib/env-check";

const statusOf = (findings: EnvFinding[]) => Object.fromEntries(findings.map(({ name, status }) => [name, status]));

const LIVE = {
  INTEGRY_APP_KEY: "3f6c2a1e-app-key",
  INTEGRY_APP_SECRET: "check-env-marker-secret-2b7f1d9e",
  INTEGRY_DEPLOYMENT_ID: "1234",
  NEXTAUTH_SECRET: "n".repeat(44),
};

describe("checkEnvironment", () => {
  it("finds nothing to fix in a fresh clone for development", () => {
    const findings = checkEnvironment({}, { production: false });
    expect(findings.filter(({ status }) => status !== "unset")).toEqual([]);
  });

  it("passes a complete production environment", () => {
    expect(Object.values(statusOf(checkEnvironment(LIVE, { production: true })))).not.toContain("missing");
    expect(statusOf(checkEnvironment(LIVE, { production: true }))).toMatchObject({
      INTEGRY_APP_KEY: "ok",
      INTEGRY_APP_SECRET: "ok",
      INTEGRY_DEPLOYMENT_ID: "ok",
      NEXTAUTH_SECRET: "ok",
      AUTH_DEMO_LOGIN: "unset",
    });
  });

  it("reports each problem on its own variable", () => {
    const env = {
      INTEGRY_APP_KEY: "3f6c2a1e-app-key",
      INTEGRY_APP_SECRET: "<your app secret>",
      INTEGRY_DEPLOYMENT_ID: "12ab",
      INTEGRY_SCOPE: "team",
      NEXTAUTH_SECRET: "too-short",
      NEXTAUTH_URL: "not a url",
      AUTH_DEMO_LOGIN: "true",
      GITHUB_ID: "Iv1.abc",
      DATABASE_URL: "mysql://app:hunter2@db.example/app",
    };
    expect(statusOf(checkEnvironment(env, { production: true }))).toEqual({
      INTEGRY_APP_KEY: "ok",
      INTEGRY_APP_SECRET: "placeholder",
      INTEGRY_DEPLOYMENT_ID: "malformed",
      INTEGRY_SCOPE: "malformed",
      INTEGRY_SANDBOX: "unset",
      INTEGRY_API_KEY_SECRET: "unset",
      NEXTAUTH_SECRET: "malformed",
      NEXTAUTH_URL: "malformed",
      AUTH_DEMO_LOGIN: "unsafe",
      DATABASE_URL: "malformed",
      GITHUB_ID: "ok",
      GITHUB_SECRET: "missing",
    });
    expect(JSON.stringify(checkEnvironment(env, { production: true }))).not.toContain("hunter2");
  });

  it.each(Object.entries(PUBLISHED_NEXTAUTH_SECRETS))(
    "refuses the %s NEXTAUTH_SECRET published in this repository",
    (_, secret) => {
      expect(statusOf(checkEnvironment({ ...LIVE, NEXTAUTH_SECRET: secret }, { production: true }))).toMatchObject({
        NEXTAUTH_SECRET: "unsafe",
      });
      expect(statusOf(checkEnvironment({ ...LIVE, NEXTAUTH_SECRET: secret }, { production: false }))).toMatchObject({
        NEXTAUTH_SECRET: "unsafe",
      });
    },
  );

  it("asks npm run dev for a NEXTAUTH_SECRET once real credentials are set", () => {
    expect(statusOf(checkEnvironment({ ...LIVE, NEXTAUTH_SECRET: "" }, { production: false }))).toMatchObject({
      NEXTAUTH_SECRET: "missing",
    });
  });

  it("asks a deployment for its Integry credentials and no sandbox", () => {
    const findings = statusOf(checkEnvironment({ INTEGRY_SANDBOX: "true" }, { production: true }));
    expect(findings).toMatchObject({ INTEGRY_APP_KEY: "missing", INTEGRY_SANDBOX: "unsafe" });
  });
});

describe("npm run check-env", () => {
  const run = (env: Record<string, string>, ...args: string[]) =>
    spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/check-env.ts", ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("says what is wrong, exits 1, and never prints a value", () => {
    const secret = "check-env-marker-secret-2b7f1d9e with a space";
    const result = run({ ...LIVE, INTEGRY_APP_SECRET: secret, NEXTAUTH_SECRET: "short-marker-value" }, "--production");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/malformed\s+INTEGRY_APP_SECRET\s+is malformed: expected no spaces/);
    expect(result.stdout).toMatch(/malformed\s+NEXTAUTH_SECRET/);
    expect(result.stdout + result.stderr).not.toContain("check-env-marker-secret");
    expect(result.stdout + result.stderr).not.toContain("short-marker-value");
  });

  it("exits 0 when everything is in order", () => {
    const result = run(LIVE, "--production");
    expect(result.stdout).toContain("All good.");
    expect(result.status).toBe(0);
  });
}, 60_000);
